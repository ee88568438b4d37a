"""A 1,000-recipient campaign on the sandbox (real HTTP both ways, real Waitress, real SQLite)
completes with counters equal to a recount, one send per recipient, opted-out ones skipped."""

from __future__ import annotations

from engine_helpers import (
    assert_counters_consistent,
    make_campaign,
    make_contacts,
    state_of,
    statuses,
    wait_for,
)

from wacampaign_desktop.core.events import CampaignProgress, CampaignStateChanged
from wacampaign_desktop.core.sandbox import SandboxConfig
from wacampaign_desktop.core.store.models import CampaignMessage, Contact, utcnow


def _record(context, *types):
    seen: list = []
    context.bus.subscribe(seen.append, *types)
    return seen


def test_thousand_recipients_complete_with_correct_counters(runtime_factory, context):
    make_contacts(1000)
    Contact.update(opted_out_at=utcnow()).where(Contact.id <= 10).execute()
    events = _record(context, CampaignStateChanged, CampaignProgress)
    runtime = runtime_factory(SandboxConfig(seed=3, step_latency=0.02, never_read_rate=0.3))
    campaign = make_campaign(send_rate=400)
    runtime.engine.start_campaign(campaign.id)
    wait_for(lambda: state_of(campaign.id) == "completed", 90, "completion")

    counters = assert_counters_consistent(campaign.id)
    assert counters["total"] == 1000 and counters["skipped"] == 10
    assert counters["sent"] == counters["delivered"] == 990
    assert set(statuses(campaign.id)) <= {"delivered", "read", "skipped"}
    sends = runtime.sandbox.send_counts()
    assert len(sends) == 990 and set(sends.values()) == {1}
    skipped = CampaignMessage.select().where(CampaignMessage.status == "skipped")
    assert all(m.twilio_sid is None and m.error_message.startswith("opted out") for m in skipped)
    states = [(e.old_state, e.new_state) for e in events if isinstance(e, CampaignStateChanged)]
    assert states == [("draft", "sending"), ("sending", "completed")]
    last = [e for e in events if isinstance(e, CampaignProgress)][-1]
    assert (last.dispatched, last.total) == (1000, 1000)
