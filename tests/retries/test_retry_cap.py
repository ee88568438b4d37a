"""'Retry failed' on the sandbox: only retryable messages, at most 3 attempts in all across
repeated clicks (the sandbox's own count of sends agrees), and a report saying why the rest
were left."""

from __future__ import annotations

from retries.helpers import add_contacts, messages_of, new_campaign, settled, wait_for
from wacampaign_desktop.core.engine.retries import LIMIT, OPTED_OUT
from wacampaign_desktop.core.sandbox import SandboxConfig
from wacampaign_desktop.core.store.models import Contact


def test_retry_respects_the_cap_across_repeated_clicks(sandbox_runtime, context):
    add_contacts(4)
    Contact.create(phone="+15005550001", name="Invalid")  # 21211: never retryable
    Contact.create(phone="+15005550004", name="Stopped")  # 21610: opted out
    runtime = sandbox_runtime(SandboxConfig(seed=21, step_latency=0.01, server_error_rate=1.0),
                              max_retries=0, max_attempts=3)
    campaign = new_campaign()
    runtime.engine.start_campaign(campaign.id)
    wait_for(lambda: settled(campaign.id), what="first attempt failed")

    reports = []
    for _click in range(5):  # Twilio stays down: each click is one more attempt, up to 3
        reports.append(runtime.engine.retry_failed(campaign.id))
        wait_for(lambda: settled(campaign.id), what="the retried attempt failed")
        assert all(m.attempts <= 3 for m in messages_of(campaign.id))

    assert [r.requeued for r in reports] == [4, 4, 0, 0, 0]
    by_phone = {m.phone: m for m in messages_of(campaign.id)}
    assert [by_phone[f"+3362{i:07d}"].attempts for i in range(4)] == [3, 3, 3, 3]
    assert by_phone["+15005550001"].attempts == 1 and by_phone["+15005550004"].attempts == 1
    last = reports[-1]
    assert last.left == {LIMIT: 4, 21211: 1, OPTED_OUT: 1}
    words = last.sentence()
    assert "0 requeued" in words and "4 reached the 3-attempt limit" in words
    assert "1 not retryable: Invalid phone number" in words and "1 opted out" in words
    assert "4 ont atteint la limite de 3 tentatives" in last.sentence("fr")


def test_delivery_failures_are_retried_within_the_cap(sandbox_runtime, context):
    add_contacts(24)
    runtime = sandbox_runtime(SandboxConfig(seed=22, step_latency=0.01, failure_rate=1.0),
                              max_attempts=3, autopause_window=1000)
    campaign = new_campaign()
    runtime.engine.start_campaign(campaign.id)
    wait_for(lambda: settled(campaign.id), what="every message failed once")

    requeued = []
    for _click in range(4):
        before = {m.id: (m.status, m.error_code, m.attempts) for m in messages_of(campaign.id)}
        report = runtime.engine.retry_failed(campaign.id)
        retryable = [i for i, (_s, code, attempts) in before.items()
                     if code == 30008 and attempts < 3]
        assert report.requeued == len(retryable)
        requeued.append(report.requeued)
        assert sum(report.left.values()) == len(before) - len(retryable)
        for m in messages_of(campaign.id):  # a requeued message shows its new try, no old error
            if m.id in retryable:
                assert m.error_code is None or m.attempts > before[m.id][2]
        wait_for(lambda: settled(campaign.id), what="the retried messages failed again")

    assert requeued[0] > 0  # some 30008 (retryable) among the first failures
    sent = runtime.sandbox.send_counts()
    for m in messages_of(campaign.id):
        assert m.attempts == sent[m.phone] <= 3  # the sandbox's own count of sends
        assert m.error_code is not None
