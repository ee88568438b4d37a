"""A rule never answers the same contact twice within its cooldown (an hour by default), on a
ManualClock driving the runtime (webhook writer, automation); other contacts are not held back;
an echo of our own automatic reply is never answered."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.automation.conftest import sent_to
from wacampaign_desktop.core.clock import ManualClock
from wacampaign_desktop.core.runtime import Runtime, RuntimeConfig
from wacampaign_desktop.core.sandbox import SandboxConfig

ALICE, BOB = "+33612345001", "+33612345002"


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 3, 2, 10, 0, 0))


@pytest.fixture
def runtime(context, clock):
    context.settings.webhook_port = 0
    running = Runtime(context, RuntimeConfig(clock=clock),
                      sandbox_config=SandboxConfig(seed=6, step_latency=0.02)).start()
    yield running
    running.stop()


def _reply(runtime, phone: str, body: str) -> None:
    runtime.sandbox.simulate_reply(f"whatsapp:{phone}", body)
    assert runtime.automation.wait_idle(10)


def test_a_rule_never_answers_twice_within_its_hour(runtime, rules, clock):
    rules.save(rules.new_rule(name="Hours", match_kind="contains", pattern="open",
                              reply_text="We are open 9:00-18:00."))
    _reply(runtime, ALICE, "Are you open today?")
    assert len(sent_to(runtime, ALICE)) == 1
    clock.advance(59 * 60)
    _reply(runtime, ALICE, "Open on Sunday?")
    assert len(sent_to(runtime, ALICE)) == 1
    assert runtime.automation.results[-1].decision.skipped == "cooldown"
    _reply(runtime, BOB, "open?")  # another contact is answered
    assert len(sent_to(runtime, BOB)) == 1
    clock.advance(2 * 60)  # 61 minutes after the first answer
    _reply(runtime, ALICE, "Open tomorrow?")
    assert len(sent_to(runtime, ALICE)) == 2
    assert rules.list()[0].fired_count == 4  # fired 4 times, answered 3


def test_our_own_reply_echoed_back_is_not_answered(runtime, rules, clock):
    rules.save(rules.new_rule(name="Hello", match_kind="contains", pattern="hello",
                              reply_text="Hello! How can we help?", cooldown_minutes=0))
    _reply(runtime, ALICE, "hello")
    assert len(sent_to(runtime, ALICE)) == 1
    clock.advance(5 * 60)
    _reply(runtime, ALICE, "Hello! How can we help?")  # an auto-responder repeating us
    _reply(runtime, ALICE, "Réponse automatique : je suis absent, hello")
    assert len(sent_to(runtime, ALICE)) == 1
    assert [r.decision.skipped for r in runtime.automation.results[-2:]] == [
        "echo", "auto_responder"]
