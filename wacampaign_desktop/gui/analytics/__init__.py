"""Analytics: funnel, live timeline, failures by code, delivery/read times and A/B results."""

from wacampaign_desktop.gui.analytics.view import AnalyticsView

__all__ = ["AnalyticsView"]
