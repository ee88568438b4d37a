"""Campaign engine: recipients, rendering, pacing, retries, auto-pause, reconciliation."""

from wacampaign_desktop.core.engine.engine import CampaignEngine, parse_when
from wacampaign_desktop.core.engine.lifecycle import EngineError, variant_counts
from wacampaign_desktop.core.engine.recipients import Preparation

__all__ = ["CampaignEngine", "EngineError", "Preparation", "parse_when", "variant_counts"]
