"""Settings dialogs: connecting a Twilio account and choosing how Twilio reaches this computer."""

from wacampaign_desktop.gui.settings.connect_dialog import ConnectTwilioDialog

__all__ = ["ConnectTwilioDialog"]
