"""Help: the user guide with the keyboard shortcuts (HelpDialog), and opening a folder with a
fallback message that says where it is (open_folder)."""

from wacampaign_desktop.gui.help.guide_dialog import HelpDialog, guide_html, shortcuts_of
from wacampaign_desktop.gui.help.open_folder import open_folder

__all__ = ["HelpDialog", "guide_html", "open_folder", "shortcuts_of"]
