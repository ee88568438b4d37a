"""Campaigns: the list of campaigns and the live view of one campaign."""

from wacampaign_desktop.gui.campaigns.campaign_view import CampaignView
from wacampaign_desktop.gui.campaigns.campaigns_view import CampaignsView

__all__ = ["CampaignView", "CampaignsView"]
