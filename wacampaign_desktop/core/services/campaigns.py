"""Campaigns for the GUI and the CLI: drafts (see campaign_draft), what a campaign says
(summary, progress; the campaign list and the messages are read through queries.py), the editor's dry run and preview, and the actions
(start, pause, resume, cancel, retry failed).

Actions take the running engine when there is one (the GUI's runtime, `campaign send`): it then
publishes the change and wakes its feeders. Without an engine (a CLI command while the app may
run elsewhere) the state changes in the database and a running engine follows within a second.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from wacampaign_desktop.core.engine import ab_flow, lifecycle, parse_when
from wacampaign_desktop.core.engine.lifecycle import EngineError
from wacampaign_desktop.core.engine.recipients import Preparation, prepare_rows
from wacampaign_desktop.core.engine.rendering import (
    RenderError,
    RenderProblem,
    contact_values,
    render,
    render_text,
    render_variables,
    summarize,
)
from wacampaign_desktop.core.engine.retries import RetryReport
from wacampaign_desktop.core.engine.window import AudienceRules, audience_rules
from wacampaign_desktop.core.services.ab_test import ABStatus, ab_status
from wacampaign_desktop.core.services.campaign_draft import (
    CONTENT_SID_RE,
    MAX_BODY,
    CampaignDraft,
    CampaignLocked,
    DraftError,
    Problem,
    read_variants,
    stored_variants,
)
from wacampaign_desktop.core.store import json_queries
from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import Campaign, Contact

if TYPE_CHECKING:
    from wacampaign_desktop.core.app_context import AppContext
    from wacampaign_desktop.core.engine import CampaignEngine
    from wacampaign_desktop.core.runtime import Runtime

log = logging.getLogger(__name__)

__all__ = [
    "CONTENT_SID_RE", "MAX_BODY", "CampaignDraft", "CampaignLocked",
    "CampaignsService", "DraftError", "EngineError", "Preparation", "PreviewResult", "Problem",
    "RenderProblem", "parse_when", "read_variants", "stored_variants", "summarize",
]

DRAFT, SCHEDULED, SENDING, PAUSED = lifecycle.DRAFT, lifecycle.SCHEDULED, lifecycle.SENDING, lifecycle.PAUSED
COMPLETED, CANCELLED = lifecycle.COMPLETED, lifecycle.CANCELLED


@dataclass
class PreviewResult:
    body: str | None
    variables: dict[str, str] | None
    missing: list[str]


def _share(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


class CampaignsService:
    """Campaign reads and actions on the opened profile."""

    def __init__(self, context: AppContext) -> None:
        self.context = context

    def now(self) -> datetime:
        """The profile's clock (naive UTC): the editor checks start times against it."""
        return self.context.clock.now()

    # -- reading ---------------------------------------------------------------------------------
    def get(self, campaign_id: int) -> Campaign:
        """The campaign row; raises EngineError "there is no campaign N"."""
        return lifecycle.get_campaign(campaign_id)

    def find(self, campaign_id: int | None) -> Campaign | None:
        return Campaign.get_or_none(Campaign.id == campaign_id) if campaign_id else None

    def exists_any(self) -> bool:
        return Campaign.select().exists()

    def draft(self, campaign_id: int) -> CampaignDraft:
        """The stored campaign as a draft (both A/B shapes read)."""
        return CampaignDraft.from_campaign(self.get(campaign_id))

    def recount(self, campaign_id: int) -> dict[str, int]:
        """Counters recomputed from the messages (what the stored counters must equal)."""
        return mu.recount(campaign_id)

    def variant_counts(self, campaign_id: int) -> dict[str, dict[str, int]]:
        return lifecycle.variant_counts(campaign_id)

    def summary(self, campaign_id: int) -> dict[str, Any]:
        """State, counters (checked against a recount in the same snapshot), rates, variants."""
        with self.context.db.atomic(lock_type="DEFERRED"):  # one snapshot while callbacks land
            c = self.get(campaign_id)
            counters = c.counters()
            recounted = mu.recount(c.id)
        attempted = counters["sent"] + counters["failed"] + counters["undelivered"]
        return {
            "id": c.id, "name": c.name, "state": c.state, "send_rate": c.send_rate,
            "scheduled_at": c.scheduled_at, "started_at": c.started_at,
            "finished_at": c.finished_at,
            "counters": counters, "counters_consistent": counters == recounted,
            "rates": {
                "delivered": _share(counters["delivered"], counters["sent"]),
                "read": _share(counters["read"], counters["delivered"]),
                "failed": _share(counters["failed"] + counters["undelivered"], attempted),
                "replied": _share(counters["replied"], counters["delivered"]),
            },
            "variants": lifecycle.variant_counts(c.id),
        }

    def progress(self, campaign_id: int) -> dict[str, Any]:
        """State, counters and what is left to hand to Twilio (pending, claimed without sid)."""
        campaign = self.get(campaign_id)
        left = lifecycle.left_to_send(campaign_id)
        return {"state": campaign.state, "counters": campaign.counters(),
                "pending": left.pending, "claimed": left.claimed}

    # -- the editor ------------------------------------------------------------------------------
    def known_fields(self) -> list[str]:
        """name, phone, then every custom field key used by a contact (lower case, sorted)."""
        custom = [key for key in json_queries.distinct_field_keys() if key not in ("name", "phone")]
        return ["name", "phone", *custom]

    def dry_run(self, draft: CampaignDraft, audience: AudienceRules | None = None) -> Preparation:
        """The core's recipient preparation on the unsaved draft: nothing is written. Live mode
        leaves demo contacts out and checks the 24-hour window, as Start will."""
        return prepare_rows(draft.unsaved_campaign(), audience or self.audience_rules())

    def prepare(self, campaign_id: int, audience: AudienceRules | None = None) -> Preparation:
        """What starting the stored campaign would send (no side effects); `audience`: the
        running runtime's rules (None: this profile's, see audience_rules)."""
        return prepare_rows(self.get(campaign_id), audience or self.audience_rules())

    def audience_rules(self, runtime: Runtime | None = None) -> AudienceRules:
        """Live mode and the 24-hour window as the runtime applies them (without a runtime: live
        when real credentials are set and the sandbox is off)."""
        if runtime is not None:
            return runtime.audience_rules()
        return audience_rules(self.context.settings, live=self.context.live,
                              now=self.context.clock.now())

    def set_outside_window(self, campaign_id: int, choice: str, fallback_content_sid: str = "",
                           fallback_variables: dict[str, str] | None = None) -> None:
        """What a free-text campaign does for contacts outside the 24-hour window: "hold" (not
        sent) or "template" (the fallback template). DraftError/CampaignLocked say why not."""
        draft = self.draft(campaign_id)
        draft.outside_window = choice
        if choice == "template":
            draft.fallback_content_sid = fallback_content_sid
            draft.fallback_variables = dict(fallback_variables or {})
        draft.save()

    @staticmethod
    def preview(draft: CampaignDraft, contact: Contact | None, variant: str = "A") -> PreviewResult:
        """The message as `contact` would receive it (missing placeholders listed, shown empty)."""
        name = contact.name if contact else ""
        phone = contact.phone if contact else ""
        custom = contact.fields if contact else {}
        index = ord(variant) - ord("B") if len(variant) == 1 else -1
        body = draft.variants[index] if 0 <= index < len(draft.variants) else draft.body
        try:
            rendered = render(body=body, content_sid=draft.content_sid if draft.template else None,
                              variables=draft.variables if draft.template else None,
                              contact_id=contact.id if contact else None, name=name, phone=phone,
                              custom=custom)
            return PreviewResult(rendered.body, rendered.content_variables, [])
        except RenderError as exc:
            missing = list(dict.fromkeys(p.placeholder for p in exc.problems))
        fields = contact_values(name, phone, custom)
        if draft.template:  # fields filled where there is a value, fixed texts kept
            return PreviewResult(None, render_variables(draft.variables, fields)[0], missing)
        return PreviewResult(render_text(body, fields)[0], None, missing)

    # -- actions ---------------------------------------------------------------------------------
    def start(self, campaign_id: int, engine: CampaignEngine) -> None:
        """Start now, or schedule when its time is in the future (EngineError says why not)."""
        engine.start_campaign(campaign_id)

    def send(self, campaign_id: int, engine: CampaignEngine) -> str:
        """`campaign send`: start a draft/scheduled campaign or resume a paused one; a sending
        one just goes on. Returns the state it was in; EngineError if nothing can be sent."""
        state = self.get(campaign_id).state
        if state in (DRAFT, SCHEDULED):
            engine.start_campaign(campaign_id)
        elif state == PAUSED:
            engine.resume(campaign_id)
        elif state != SENDING:
            raise EngineError(f"campaign {campaign_id} is {state}: nothing to send "
                              "(use 'campaign retry-failed' to requeue failed messages)")
        return state

    def pause(self, campaign_id: int, engine: CampaignEngine | None = None,
              reason: str = "paused by the user") -> str:
        if engine is not None:
            engine.pause(campaign_id, reason)
            return PAUSED
        return lifecycle.change_state(campaign_id, "pause", reason).new_state

    def resume(self, campaign_id: int, engine: CampaignEngine | None = None,
               reason: str = "resumed by the user") -> str:
        if engine is not None:
            engine.resume(campaign_id)
            return SENDING
        return lifecycle.change_state(campaign_id, "resume", reason).new_state

    def cancel(self, campaign_id: int, engine: CampaignEngine | None = None,
               reason: str = "cancelled by the user") -> str:
        """Cancel the campaign and every message not yet sent."""
        if engine is not None:
            engine.cancel(campaign_id)
            return CANCELLED
        with self.context.db.atomic():
            change = lifecycle.change_state(campaign_id, "cancel", reason)
            lifecycle.cancel_pending(campaign_id)
        return change.new_state

    def retry_failed(self, campaign_id: int, engine: CampaignEngine | None = None) -> RetryReport:
        """Requeue failed messages whose error is retryable, within the attempts limit; the
        report is an int (how many) that also says why the others were left (`sentence()`)."""
        if engine is not None:
            return engine.retry_failed(campaign_id)
        self.get(campaign_id)
        report, _updates, _change = lifecycle.retry_failed_messages(
            campaign_id, db=self.context.db, clock=self.context.clock,
            max_attempts=self.context.settings.max_attempts)
        return report

    # -- A/B (G) ---------------------------------------------------------------------------
    def ab_status(self, campaign_id: int) -> ABStatus | None:
        """Each version's rates and the test-then-winner phase; None without versions."""
        return ab_status(campaign_id)

    def choose_winner(self, campaign_id: int, variant: str,
                      engine: CampaignEngine | None = None) -> int:
        """Send `variant` to the recipients held for the winner, now; returns how many."""
        if engine is not None:
            return engine.choose_winner(campaign_id, variant)
        released, _events = ab_flow.choose_winner(campaign_id, variant, db=self.context.db,
                                                  clock=self.context.clock)
        return released
