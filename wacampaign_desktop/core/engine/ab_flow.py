"""A/B "test then send the winner": a test share of the recipients first, split across the
variants; after a chosen wait, the variant with the best read (or reply) rate goes to the rest.

The plan is `Campaign.ab_test`: {"test_share": 0.2, "wait_minutes": 60, "metric": "read" |
"reply", "phase": "testing" | "waiting" | "done", "wait_until": iso, "winner": None | "A"…,
"decided_at": iso, "decided_by": "auto" | "user"}.

- Start (`hold_rest`): the first `test_share` of the rows that carry a variant are the test
  group (prepare_rows deals variants in turn by weight, so any prefix is split as the weights
  say); the others are held: pending, no variant yet, due at `HOLD` (never claimed).
- `advance` (each engine tick, by the engine's Clock): once the test group is handed to Twilio
  the wait starts; when it is over, the winner is picked by the metric over the test group
  (ties: the first variant) and the held rows are rendered with the winner and released.
- `choose_winner`: the user picks by hand at any time before that.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

import peewee

from wacampaign_desktop.core import status_rules as rules
from wacampaign_desktop.core.clock import SYSTEM_CLOCK, Clock
from wacampaign_desktop.core.engine.lifecycle import EngineError, get_campaign, variant_counts
from wacampaign_desktop.core.engine.recipients import Preparation, template_text, variant_specs
from wacampaign_desktop.core.engine.rendering import RenderError, render, summarize
from wacampaign_desktop.core.events import Event
from wacampaign_desktop.core.store.models import Campaign, CampaignMessage
from wacampaign_desktop.core.store.status_pipeline import status_changes

log = logging.getLogger(__name__)

HOLD = datetime(9999, 12, 31)  # next_attempt_at of rows waiting for the winner
METRICS = ("read", "reply")
TESTING, WAITING, DONE = "testing", "waiting", "done"


def plan_of(campaign: Campaign) -> dict[str, Any] | None:
    """The campaign's test-then-winner plan, or None (variants sent to everyone at once)."""
    plan = campaign.ab_test
    if not isinstance(plan, dict) or not campaign.variants:
        return None
    return plan


def hold_rest(campaign: Campaign, prep: Preparation) -> int:
    """Hold back every row with a variant beyond the test share (before the insert); returns
    how many are held. Every row gets the same keys (one bulk INSERT)."""
    plan = plan_of(campaign)
    for row in prep.recipients + prep.skipped:
        row.setdefault("next_attempt_at", None)
    if plan is None or plan.get("phase", TESTING) != TESTING:
        return 0
    share = min(1.0, max(0.0, float(plan.get("test_share", 0.2))))
    with_variant = [row for row in prep.recipients if row.get("variant")]
    test_size = max(len(variant_specs(campaign)), round(len(with_variant) * share))
    held = with_variant[test_size:]
    for row in held:
        row.update(variant=None, next_attempt_at=HOLD)
    return len(held)


def variant_rates(campaign_id: int) -> dict[str, dict[str, float]]:
    """{"A": {"sent": n, "read": rate, "reply": rate}, …}: rates of the messages handed to
    Twilio (failed and undelivered included, as the analytics count them)."""
    out: dict[str, dict[str, float]] = {}
    for name, counts in sorted(variant_counts(campaign_id).items()):
        sent = counts.get("sent", 0) + counts.get("failed", 0) + counts.get("undelivered", 0)
        out[name] = {"sent": sent,
                     "read": counts.get("read", 0) / sent if sent else 0.0,
                     "reply": counts.get("replied", 0) / sent if sent else 0.0}
    return out


def pick_winner(campaign: Campaign, metric: str) -> str:
    """The variant with the best rate by `metric`; the first on a tie (or with no data)."""
    rates = variant_rates(campaign.id)
    names = [spec["name"] for spec in variant_specs(campaign)]
    best = names[0]
    for name in names[1:]:
        if rates.get(name, {}).get(metric, 0.0) > rates.get(best, {}).get(metric, 0.0):
            best = name
    return best


def _held(campaign_id: int) -> peewee.ModelSelect:
    return CampaignMessage.select().where(
        (CampaignMessage.campaign == campaign_id) & (CampaignMessage.status == rules.PENDING)
        & (CampaignMessage.next_attempt_at == HOLD))


def _save_plan(campaign_id: int, plan: dict[str, Any]) -> None:
    Campaign.update(ab_test=plan).where(Campaign.id == campaign_id).execute()


def advance(campaign: Campaign, db: peewee.Database,
            clock: Clock) -> tuple[str | None, list[Event]]:
    """Move the plan on by the clock: start the wait once the test group left, send the winner
    when it is over. Returns the winner when it was just decided, and events to publish."""
    now = clock.now()
    plan = plan_of(campaign)
    if plan is None or plan.get("phase", TESTING) == DONE or campaign.state != "sending":
        return None, []
    phase = plan.get("phase", TESTING)
    if phase == TESTING:
        waiting = CampaignMessage.select().where(
            (CampaignMessage.campaign == campaign.id)
            & ((CampaignMessage.status == rules.PENDING) | CampaignMessage.twilio_sid.is_null()
               & (CampaignMessage.status == "sending"))
            & ((CampaignMessage.next_attempt_at != HOLD)
               | CampaignMessage.next_attempt_at.is_null())).exists()
        if waiting:
            return None, []
        wait = timedelta(minutes=float(plan.get("wait_minutes", 60)))
        _save_plan(campaign.id, {**plan, "phase": WAITING, "wait_until": (now + wait).isoformat()})
        log.info("Campaign %d: test group sent; the winner is chosen at %s", campaign.id,
                 now + wait)
        return None, []
    if phase == WAITING and now >= datetime.fromisoformat(plan["wait_until"]):
        metric = plan.get("metric", "read")
        winner = pick_winner(campaign, metric if metric in METRICS else "read")
        _released, events = release(campaign.id, winner, now, db, by="auto", clock=clock)
        return winner, events
    return None, []


def choose_winner(campaign_id: int, variant: str, *, db: peewee.Database | None = None,
                  clock: Clock = SYSTEM_CLOCK) -> tuple[int, list[Event]]:
    """The user's pick: send `variant` to the rest now. Returns how many were released and
    the events to publish."""
    campaign = get_campaign(campaign_id)
    plan = plan_of(campaign)
    if plan is None:
        raise EngineError(f"campaign {campaign_id} does not test its versions before sending")
    if plan.get("phase") == DONE:
        raise EngineError(f"campaign {campaign_id} already sent version "
                          f"{plan.get('winner')} to the rest")
    if variant not in [spec["name"] for spec in variant_specs(campaign)]:
        raise EngineError(f"campaign {campaign_id} has no version {variant!r}")
    released, events = release(campaign_id, variant, clock.now(),
                               db or Campaign._meta.database, by="user", clock=clock)
    return released, events


def release(campaign_id: int, winner: str, now: datetime, db: peewee.Database,
            by: str = "auto", clock: Clock = SYSTEM_CLOCK) -> tuple[int, list[Event]]:
    """Render the held rows with the winner's text or template and make them due now; a row
    the winner cannot be rendered for is skipped with the reason. Returns how many were
    released and the events to publish (skips move the counters)."""
    with status_changes(db, clock) as changes:
        campaign = get_campaign(campaign_id)
        plan = dict(campaign.ab_test or {})
        if plan.get("phase") == DONE:
            return 0, []
        spec = next(s for s in variant_specs(campaign) if s["name"] == winner)
        content_sid = spec.get("content_sid") or None
        released = 0
        for m in list(_held(campaign_id)):
            contact = m.contact
            try:
                rendered = render(
                    body=spec.get("body") or "", content_sid=content_sid,
                    variables=spec.get("content_variables"), contact_id=m.contact_id,
                    name=contact.name if contact else "", phone=m.phone,
                    custom=contact.fields if contact else {})
            except RenderError as exc:
                changes.transition(m, rules.SKIPPED, skip_reason="render", next_attempt_at=None,
                                   variant=winner, error_message=summarize(exc.problems))
                continue
            text = rendered.body or ""
            if content_sid and rendered.content_variables is not None:
                text = template_text(content_sid, rendered.content_variables) or text
            CampaignMessage.update(
                variant=winner, message=text, content_variables=rendered.content_variables,
                next_attempt_at=None, updated_at=now).where(CampaignMessage.id == m.id).execute()
            released += 1
        _save_plan(campaign_id, {**plan, "phase": DONE, "winner": winner,
                                 "decided_at": now.isoformat(), "decided_by": by})
    log.info("Campaign %d: variant %s wins (%s); sent to the %d others", campaign_id, winner,
             by, released)
    return released, changes.events
