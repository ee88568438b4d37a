"""Activity: the webhook audit log (every request Twilio made) and the app's own log file."""

from wacampaign_desktop.gui.activity.view import ActivityView

__all__ = ["ActivityView"]
