"""Free text prepared earlier is checked again when it is sent later (resume after a pause,
retried messages): a contact whose 24-hour window closed meanwhile is held back, or gets the
fallback template when the campaign chose one."""

from __future__ import annotations

from datetime import timedelta

from tests.live_safety.helpers import INSIDE, OUTSIDE, free_text_campaign, seed_contacts
from wacampaign_desktop.core.clock import SYSTEM_CLOCK, ManualClock
from wacampaign_desktop.core.engine import CampaignEngine
from wacampaign_desktop.core.engine.recipients import prepare_rows
from wacampaign_desktop.core.engine.window import AudienceRules
from wacampaign_desktop.core.engine.window_recheck import recheck_pending
from wacampaign_desktop.core.events import EventBus
from wacampaign_desktop.core.settings import Settings
from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import Campaign, CampaignMessage

SID = "HX" + "12" * 16


def _prepared_yesterday(context, clock: ManualClock, **fields) -> Campaign:
    """A campaign whose four messages were prepared while everyone was inside the window."""
    seed_contacts(context, demo=False)
    campaign = free_text_campaign(**fields)
    prep = prepare_rows(campaign, AudienceRules(now=clock.now(), live=True, guard_window=False))
    mu.insert_messages(campaign.id, prep.recipients)
    return campaign


def _statuses(campaign_id: int) -> dict[str, tuple[str, str | None]]:
    return {m.phone: (m.status, m.skip_reason) for m in CampaignMessage.select().where(
        CampaignMessage.campaign == campaign_id)}


def test_resume_holds_messages_whose_window_closed_during_the_pause(context):
    clock = ManualClock(SYSTEM_CLOCK.now())
    campaign = _prepared_yesterday(context, clock, state="paused")
    clock.advance(22.5 * 3600)  # Inès wrote 23.5 h ago: inside; Ivan 24.5 h ago: closed
    engine = CampaignEngine(EventBus(), None, Settings(), lambda: None, db=context.db,
                            clock=clock, default_sender="whatsapp:+1",
                            audience_rules=lambda: AudienceRules(now=clock.now(), live=True,
                                                                 guard_window=True))
    engine.resume(campaign.id)
    seen = _statuses(campaign.id)
    held = (*OUTSIDE, INSIDE[1])
    assert {p: seen[p] for p in held} == {p: ("skipped", "outside_window") for p in held}
    assert seen[INSIDE[0]] == ("pending", None)
    stored = Campaign.get_by_id(campaign.id)
    assert stored.state == "sending" and stored.skipped_count == 3 and stored.pending_count == 1
    assert mu.recount(campaign.id) == stored.counters()


def test_the_template_choice_switches_them_to_the_fallback(context):
    clock = ManualClock(SYSTEM_CLOCK.now())
    campaign = _prepared_yesterday(context, clock, outside_window="template",
                                   fallback_content_sid=SID, fallback_variables={"1": "{{name}}"})
    clock.advance(3 * 3600)  # Inès and Ivan wrote 4 h and 5 h ago: still inside
    rules = AudienceRules(now=clock.now(), live=True, guard_window=True)
    recheck_pending(campaign.id, rules, db=context.db, clock=clock)
    rows = {m.phone: m for m in CampaignMessage.select()}
    assert rows[OUTSIDE[0]].status == "pending"
    assert rows[OUTSIDE[0]].content_variables == {"1": "Olga"}
    assert rows[INSIDE[0]].content_variables is None


def test_nothing_changes_when_the_window_is_not_guarded(context):
    clock = ManualClock(SYSTEM_CLOCK.now() + timedelta(days=3))
    campaign = _prepared_yesterday(context, clock)
    assert recheck_pending(campaign.id, AudienceRules(now=clock.now()), db=context.db) == []
    assert {s for s, _r in _statuses(campaign.id).values()} == {"pending"}
