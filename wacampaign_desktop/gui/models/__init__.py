"""Qt table models over core/services: lazy, keyset-paged, sorted in SQL, updated live by id."""

from wacampaign_desktop.gui.models.campaigns_model import CampaignsTableModel
from wacampaign_desktop.gui.models.messages_model import MessagesTableModel

__all__ = ["CampaignsTableModel", "MessagesTableModel"]
