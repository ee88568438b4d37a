"""Contacts: the searchable contacts table, the add/edit dialog, CSV import (with a preview of
valid and rejected rows) and CSV export."""

from wacampaign_desktop.gui.contacts.import_dialog import CsvImportDialog
from wacampaign_desktop.gui.contacts.view import ContactsView

__all__ = ["ContactsView", "CsvImportDialog"]
