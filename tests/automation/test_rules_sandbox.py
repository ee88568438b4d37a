"""Reply rules end to end on the sandbox: a simulated reply goes through the webhook, the rule
answers, and the answer reaches the sandbox (its own record of messages) with a status callback
that moves the stored reply past Queued; STOP beats every rule."""

from __future__ import annotations

from tests.automation.conftest import sent_to
from wacampaign_desktop.core.services.inbox import InboxService

PHONE = "+33612345001"


def test_a_keyword_rule_answers_a_simulated_reply(runtime, rules, context, wait_until):
    rule = rules.save(rules.new_rule(name="Prices", match_kind="contains", pattern="prix",
                                     reply_text="Our prices: see example.com/prices"))
    runtime.sandbox.simulate_reply(f"whatsapp:{PHONE}", "Quel est le PRÎX ?")
    wait_until(lambda: sent_to(runtime, PHONE), what="the automatic reply reaches the sandbox")
    (answer,) = sent_to(runtime, PHONE)
    assert answer.body == "Our prices: see example.com/prices"
    assert answer.status_callback == runtime.webhooks.status_callback_url
    inbox = InboxService(context)
    wait_until(lambda: [e for e in inbox.thread(PHONE) if e.kind == "reply"
                        and e.status == "read"], what="the reply's status reaches read")
    (entry,) = [e for e in inbox.thread(PHONE) if e.kind == "reply"]
    assert entry.automatic
    assert rules.get(rule.id).fired_count == 1


def test_stop_beats_every_rule(runtime, rules, context, wait_until):
    rules.save(rules.new_rule(name="Anything", match_kind="regex", pattern=".*",
                              reply_text="Thanks!"))
    rules.save(rules.new_rule(name="Stop word", match_kind="exact", pattern="stop",
                              reply_text="Sorry to see you go"))
    runtime.sandbox.simulate_reply(f"whatsapp:{PHONE}", "STOP")
    assert runtime.automation.wait_idle(10)
    assert sent_to(runtime, PHONE) == []
    assert runtime.automation.results[-1].decision.outcome == "opt_out"
    assert all(rule.fired_count == 0 for rule in rules.list())
    assert rules.test("Stop").outcome == "opt_out"
    # an opted-out contact gets nothing from a rule either
    runtime.sandbox.simulate_reply(f"whatsapp:{PHONE}", "hello again")
    assert runtime.automation.wait_idle(10)
    assert sent_to(runtime, PHONE) == []
    assert runtime.automation.results[-1].decision.skipped == "opted_out"


def test_the_optout_confirmation_is_sent_once_when_turned_on(runtime, context, wait_until):
    context.settings.optout_confirmation_enabled = True
    runtime.sandbox.simulate_reply(f"whatsapp:{PHONE}", "Arrêt")
    wait_until(lambda: sent_to(runtime, PHONE), what="the confirmation reaches the sandbox")
    runtime.sandbox.simulate_reply(f"whatsapp:{PHONE}", "STOP")  # already out: no second one
    assert runtime.automation.wait_idle(10)
    (confirmation,) = sent_to(runtime, PHONE)
    assert confirmation.body == context.settings.optout_confirmation_text
