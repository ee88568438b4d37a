"""Retention: rows past the full-parameter period keep only a summary, rows past the summary
period are removed, nothing else is touched, the space goes back to the file system, and a dry
run changes nothing."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from tests.maintenance.helpers import fill_log
from wacampaign_desktop.core.store import retention as rt
from wacampaign_desktop.core.store import webhook_log as wl
from wacampaign_desktop.core.store.models import Campaign, CampaignMessage, WebhookEvent

NOW = datetime(2026, 11, 29, 12, 0, 0)
POLICY = rt.Retention(full=timedelta(days=30), summary=timedelta(days=365))


def _ages(db):
    """Rows at 400, 200, 31, 29 and 1 days old (100 of each), a campaign with 2 messages."""
    campaign = Campaign.create(name="kept", state="completed", delivered_count=2, total_count=2)
    for phone in ("+33600000001", "+33600000002"):
        CampaignMessage.create(campaign=campaign, phone=phone, status="delivered",
                               created_at=NOW - timedelta(days=500))
    for days in (400, 200, 31, 29, 1):
        fill_log(db, 100, at=NOW - timedelta(days=days))
    return campaign


def _dump(db):
    return db.execute_sql("SELECT * FROM webhook_event ORDER BY id").fetchall()


def test_prune_summarises_then_removes_only_what_is_older_than_the_settings(db):
    campaign = _ages(db)
    before = plan = rt.plan(db, POLICY, NOW)
    assert (plan.to_delete, plan.to_summarise) == (100, 200) and plan.estimated_bytes > 0
    result = rt.prune(db, POLICY, NOW, batch_rows=37)
    assert (result.summarised, result.deleted, result.finished) == (200, 100, True)
    assert WebhookEvent.select().count() == 400
    for event in WebhookEvent.select():
        age = NOW - event.received_at
        if age > POLICY.full:
            assert event.params is None and event.idempotency_token is None
            assert event.sid and event.status and event.outcome and event.kind  # the summary
        else:
            assert event.params["To"].startswith("whatsapp:") and event.idempotency_token
    assert Campaign.get_by_id(campaign.id).delivered_count == 2
    assert CampaignMessage.select().count() == 2
    # Idempotent: a second run finds nothing more to do.
    again = rt.plan(db, POLICY, NOW)
    assert (again.to_delete, again.to_summarise) == (0, 0)
    assert rt.prune(db, POLICY, NOW).summarised == 0
    assert before.full_before == NOW - POLICY.full


def test_a_dry_run_changes_nothing(db):
    _ages(db)
    snapshot = _dump(db)
    pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
    assert rt.plan(db, POLICY, NOW).to_delete == 100
    assert _dump(db) == snapshot
    assert db.execute_sql("PRAGMA page_count").fetchone()[0] == pages


def test_freed_space_goes_back_to_the_file_system(db):
    fill_log(db, 6000, at=NOW - timedelta(days=400))
    fill_log(db, 100, at=NOW)
    pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
    result = rt.prune(db, POLICY, NOW)
    assert result.deleted == 6000 and result.pages_returned > 0
    assert db.execute_sql("PRAGMA freelist_count").fetchone()[0] == 0
    assert db.execute_sql("PRAGMA page_count").fetchone()[0] < pages / 2


def test_rejections_keep_their_client_in_the_summary(db):
    with db.atomic():
        record = wl.record_rejection(kind="status", path="/twilio/status", client="198.51.100.9",
                                     reason="signature does not match", body=b"x",
                                     at=NOW - timedelta(days=40))
    rt.prune(db, POLICY, NOW)
    row = WebhookEvent.get_by_id(record.event_id)
    assert row.params is None and row.outcome == "rejected" and row.remote_addr == "198.51.100.9"


def test_the_worker_prunes_in_the_background_and_stops(db):
    fill_log(db, 300, at=NOW - timedelta(days=400))
    done = threading.Event()
    results = []

    def seen(result):
        results.append(result)
        done.set()

    worker = rt.RetentionWorker(db, lambda: POLICY, lambda: NOW, interval_s=3600,
                                pause_s=0, on_result=seen).start()
    try:
        assert done.wait(10)
    finally:
        worker.stop()
    assert results[0].deleted == 300 and WebhookEvent.select().count() == 0
    assert results[0].median_batch_ms < 100  # a few ms on an idle machine; generous when loaded
