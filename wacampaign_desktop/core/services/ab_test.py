"""A campaign's A/B test as the GUI and CLI show it: each version's rates, the "test then send
the winner" phase, the winner and who chose it (core/engine/ab_flow.py does the work)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from wacampaign_desktop.core.engine import ab_flow
from wacampaign_desktop.core.engine.recipients import variant_specs
from wacampaign_desktop.core.services.campaign_draft import ALERT_RANGES
from wacampaign_desktop.core.store.models import Campaign


@dataclass(frozen=True)
class VersionFigures:
    name: str
    sent: int
    read_rate: float
    reply_rate: float


@dataclass(frozen=True)
class ABStatus:
    versions: list[VersionFigures] = field(default_factory=list)
    testing: bool = False  # "test then send the winner"
    phase: str = ""  # "testing" | "waiting" | "done"
    test_share: float = 0.0
    metric: str = "read"
    wait_until: datetime | None = None
    winner: str | None = None
    decided_by: str | None = None  # "auto" | "user"

    @property
    def can_choose(self) -> bool:
        """The user may still pick the winner (the rest not sent yet)."""
        return self.testing and self.phase in ("testing", "waiting")


def ab_status(campaign_id: int) -> ABStatus | None:
    """None for a campaign without versions."""
    campaign = Campaign.get_or_none(Campaign.id == campaign_id)
    if campaign is None or not campaign.variants:
        return None
    rates = ab_flow.variant_rates(campaign_id)
    versions = [VersionFigures(spec["name"], int(rates.get(spec["name"], {}).get("sent", 0)),
                               rates.get(spec["name"], {}).get("read", 0.0),
                               rates.get(spec["name"], {}).get("reply", 0.0))
                for spec in variant_specs(campaign)]
    plan = ab_flow.plan_of(campaign) or {}
    wait_until = plan.get("wait_until")
    return ABStatus(versions, bool(plan), plan.get("phase", "testing") if plan else "",
                    float(plan.get("test_share", 0.0)), str(plan.get("metric", "read")),
                    datetime.fromisoformat(wait_until) if wait_until else None,
                    plan.get("winner"), plan.get("decided_by"))


THRESHOLD_RANGES = ALERT_RANGES  # the editor's draft and `campaign alerts` check the same


def set_alert_thresholds(campaign_id: int, values: dict[str, float] | None) -> dict | None:
    """A campaign's own alert thresholds over the settings' ({} or None: the settings again).
    Raises ValueError naming the threshold and its range."""
    campaign = Campaign.get_or_none(Campaign.id == campaign_id)
    if campaign is None:
        raise ValueError(f"there is no campaign {campaign_id}")
    merged = dict(campaign.alert_thresholds or {}) if values else {}
    for name, value in (values or {}).items():
        if name not in THRESHOLD_RANGES:
            raise ValueError(f"unknown alert threshold {name!r} "
                             f"(known: {', '.join(THRESHOLD_RANGES)})")
        low, high = THRESHOLD_RANGES[name]
        if not low <= value <= high:
            raise ValueError(f"{name}: {value:g} must be between {low:g} and {high:g}")
        merged[name] = int(value) if name == "window" else float(value)
    stored = merged or None
    Campaign.update(alert_thresholds=stored).where(Campaign.id == campaign_id).execute()
    return stored


def alert_thresholds(campaign_id: int) -> dict | None:
    """A campaign's own alert thresholds (None: the settings'); ValueError when no campaign."""
    campaign = Campaign.get_or_none(Campaign.id == campaign_id)
    if campaign is None:
        raise ValueError(f"there is no campaign {campaign_id}")
    return campaign.alert_thresholds
