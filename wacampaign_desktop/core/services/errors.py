"""The exceptions the GUI and the CLI catch from the core, in one place, so that they need not
import `core.store` or the engine to name them."""

from __future__ import annotations

from wacampaign_desktop.core.contacts_csv import CsvImportError
from wacampaign_desktop.core.engine.lifecycle import EngineError
from wacampaign_desktop.core.services.campaign_draft import CampaignLocked, DraftError
from wacampaign_desktop.core.settings import SettingsError
from wacampaign_desktop.core.store.database import DatabaseUnavailable
from wacampaign_desktop.core.store.migrations import MigrationError

__all__ = ["CampaignLocked", "CsvImportError", "DatabaseUnavailable", "DraftError", "EngineError", "MigrationError",
           "SettingsError"]
