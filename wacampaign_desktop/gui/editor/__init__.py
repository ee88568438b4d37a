"""The campaign editor: message or template, recipients, speed, schedule, live preview."""

from wacampaign_desktop.gui.editor.dialog import CampaignEditorDialog

__all__ = ["CampaignEditorDialog"]
