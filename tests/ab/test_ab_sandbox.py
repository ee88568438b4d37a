"""A/B on the sandbox: per-variant rates equal a recount from the messages (and the analytics'
figures), and "test then send the winner" sends the rest with the winner only (the sandbox's
own record of bodies)."""

from __future__ import annotations

from retries.helpers import add_contacts, messages_of, new_campaign, state_of, wait_for

from wacampaign_desktop.core.engine import ab_flow
from wacampaign_desktop.core.sandbox import SandboxConfig
from wacampaign_desktop.core.services.analytics import AnalyticsService
from wacampaign_desktop.core.store.models import Campaign

VARIANTS = [{"name": "A", "weight": 50}, {"name": "B", "body": "Beta {{name}}", "weight": 50}]


def _bodies(runtime) -> dict[str, str]:
    return {m.to.removeprefix("whatsapp:"): m.body for m in runtime.sandbox.messages()}


def test_per_variant_rates_equal_a_recount(sandbox_runtime, context):
    add_contacts(40)
    runtime = sandbox_runtime(SandboxConfig(seed=51, step_latency=0.01, failure_rate=0.1,
                                            never_read_rate=0.4), autopause_window=1000)
    campaign = new_campaign(body="Alpha {{name}}", variants=VARIANTS)
    runtime.engine.start_campaign(campaign.id)
    wait_for(lambda: state_of(campaign.id) == "completed"
             and runtime.sandbox.pending_callbacks() == 0, what="every status in")
    by_variant = {"A": [], "B": []}
    for m in messages_of(campaign.id):
        by_variant[m.variant].append(m)
    assert len(by_variant["A"]) == len(by_variant["B"]) == 20  # the 50/50 split
    bodies = _bodies(runtime)
    assert all(bodies[m.phone].startswith("Alpha") for m in by_variant["A"])
    assert all(bodies[m.phone].startswith("Beta") for m in by_variant["B"])
    for m in by_variant["B"][::3]:  # replies to a third of B
        runtime.sandbox.simulate_reply(m.phone, "Yes please")
    wait_for(lambda: sum(m.replied_at is not None for m in messages_of(campaign.id)) == 7,
             what="replies linked to their messages")

    rates = ab_flow.variant_rates(campaign.id)
    report = AnalyticsService(context).report(campaign.id)
    analytics = {v.name: v.funnel for v in report.variants}
    for name in by_variant:
        handed = [m for m in messages_of(campaign.id) if m.variant == name and m.twilio_sid]
        read = sum(m.status == "read" for m in handed)
        replied = sum(m.replied_at is not None for m in handed)
        assert rates[name]["sent"] == len(handed) == analytics[name].sent
        assert rates[name]["read"] == read / len(handed) == analytics[name].rate("read")
        assert rates[name]["reply"] == replied / len(handed) == analytics[name].rate("replied")
    assert rates["A"]["reply"] == 0 and rates["B"]["reply"] > 0


def test_test_then_send_the_winner(sandbox_runtime, context):
    add_contacts(30)
    runtime = sandbox_runtime(SandboxConfig(seed=52, step_latency=0.01))
    plan = {"test_share": 0.2, "wait_minutes": 0.05, "metric": "reply"}
    campaign = new_campaign(body="Alpha {{name}}", variants=VARIANTS, ab_test=plan)
    runtime.engine.start_campaign(campaign.id)

    wait_for(lambda: (Campaign.get_by_id(campaign.id).ab_test or {}).get("phase") == "waiting",
             what="the test group sent, the wait begun")
    test_group = [m for m in messages_of(campaign.id) if m.variant]
    assert len(test_group) == 6 and {m.variant for m in test_group} == {"A", "B"}
    assert len(runtime.sandbox.messages()) == 6  # the rest is held back
    for m in test_group:
        if m.variant == "B":
            runtime.sandbox.simulate_reply(m.phone, "Interested")

    wait_for(lambda: state_of(campaign.id) == "completed", what="winner sent to the rest")
    plan = Campaign.get_by_id(campaign.id).ab_test
    assert (plan["phase"], plan["winner"], plan["decided_by"]) == ("done", "B", "auto")
    test_phones = {m.phone for m in test_group}
    bodies = _bodies(runtime)
    rest = {phone: body for phone, body in bodies.items() if phone not in test_phones}
    assert len(rest) == 24 and all(body.startswith("Beta") for body in rest.values())
    assert all(m.variant == "B" for m in messages_of(campaign.id) if m.phone not in test_phones)
    assert len(runtime.sandbox.messages()) == 30  # each contact once


def test_the_user_picks_the_winner_during_the_wait(sandbox_runtime, context):
    add_contacts(20)
    runtime = sandbox_runtime(SandboxConfig(seed=53, step_latency=0.01))
    plan = {"test_share": 0.2, "wait_minutes": 600, "metric": "read"}
    campaign = new_campaign(body="Alpha {{name}}", variants=VARIANTS, ab_test=plan)
    runtime.engine.start_campaign(campaign.id)
    wait_for(lambda: (Campaign.get_by_id(campaign.id).ab_test or {}).get("phase") == "waiting",
             what="the wait begun")
    assert runtime.engine.choose_winner(campaign.id, "A") == 16
    wait_for(lambda: state_of(campaign.id) == "completed", what="the rest sent")
    test_phones = {m.phone for m in messages_of(campaign.id)
                   if m.variant == "B"}  # B only in the test group
    rest = [b for phone, b in _bodies(runtime).items() if phone not in test_phones]
    assert len(rest) == 18 and all(b.startswith("Alpha") for b in rest)
    assert Campaign.get_by_id(campaign.id).ab_test["decided_by"] == "user"
