"""A full database (SQLite's page limit, set on the writer's own connection): callbacks that
cannot be stored are answered 503 with nothing half-written, never 2xx; once there is room again
Twilio's retries are all stored and every status is right. `StorageHealth` says it once, and
once again when writes succeed."""

from __future__ import annotations

import sqlite3
import threading

import peewee

from tests.webhooks.helpers import TOKEN, Client, make_campaign, status_params, wait_for
from wacampaign_desktop.core.events import Alert
from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store import webhook_log as wl
from wacampaign_desktop.core.store.models import CampaignMessage
from wacampaign_desktop.core.store.storage_health import (
    BACK_CODE,
    FULL_CODE,
    StorageHealth,
    is_storage_full,
    space_available,
)
from wacampaign_desktop.core.store.writer import Outcome, StoreWriter
from wacampaign_desktop.core.webhooks import STATUS_PATH, WebhookServer

DEFAULT_MAX_PAGES = 1_073_741_823


def _pragma(writer: StoreWriter, db, text: str):
    return writer.call(lambda _batch: Outcome(db.execute_sql(f"PRAGMA {text}").fetchone()[0]))


def _post_all(base_url: str, sids: list[str], status: str, clients: int = 4) -> dict[str, int]:
    codes: dict[str, int] = {}
    lock = threading.Lock()

    def post(part: list[str]) -> None:
        client = Client(base_url)
        for sid in part:
            code = client.post(STATUS_PATH, status_params(sid, status),
                               headers={"I-Twilio-Idempotency-Token": f"{sid}-{status}"})[0]
            with lock:
                codes[sid] = code
        client.close()

    threads = [threading.Thread(target=post, args=(sids[i::clients],)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return codes


def _status(sid: str) -> str:
    return CampaignMessage.get(CampaignMessage.twilio_sid == sid).status


def _alerts(events) -> list[str]:
    return [e.code for e in events if isinstance(e, Alert)]


def test_a_full_database_answers_503_without_partial_state_and_recovers(db, bus, events, tmp_path):
    campaign, _, sids = make_campaign(600)
    health = StorageHealth(bus, room=lambda: space_available(db, tmp_path), recheck_s=0)
    writer = StoreWriter(db, bus, health=health)  # a full batch is not retried
    writer.start()
    server = WebhookServer(bus, lambda: TOKEN, public_base_url=lambda: "", port=0, writer=writer)
    server.start()
    try:
        pages = _pragma(writer, db, "page_count")
        assert _pragma(writer, db, f"max_page_count = {pages}") == pages  # full from now on
        codes = _post_all(server.local_base_url, sids, "delivered")
        assert set(codes.values()) <= {200, 503} and 503 in codes.values()
        assert wait_for(lambda: _alerts(events) == [FULL_CODE])  # said once, however many 503s
        for sid, code in codes.items():  # no 2xx for what was not stored, nothing half-stored
            stored = wl.token_seen("status", f"{sid}-delivered")
            assert (code == 200) == stored == (_status(sid) == "delivered"), sid
        assert _counters_match(campaign.id)

        _pragma(writer, db, f"max_page_count = {DEFAULT_MAX_PAGES}")  # space is back
        retried = _post_all(server.local_base_url, [s for s, c in codes.items() if c != 200],
                            "delivered")
        assert set(retried.values()) == {200}  # no 5xx once there is room
        assert wait_for(lambda: _alerts(events) == [FULL_CODE, BACK_CODE])
    finally:
        server.stop()
        writer.stop()
    assert all(_status(sid) == "delivered" for sid in sids)
    assert _counters_match(campaign.id)


def _counters_match(campaign_id: int) -> bool:
    return mu.campaign_counters(campaign_id) == mu.recount(campaign_id)


def test_storage_health_says_full_once_and_back_once(db, bus, events):
    health = StorageHealth(bus)
    full = peewee.OperationalError("database or disk is full")
    assert is_storage_full(full) and not is_storage_full(peewee.OperationalError("database is locked"))
    assert not health.write_failed(peewee.OperationalError("database is locked"))
    health.write_succeeded()
    assert [e for e in events if isinstance(e, Alert)] == []
    assert health.write_failed(full) and health.write_failed(full) and health.full
    health.write_succeeded()
    health.write_succeeded()
    alerts = [(e.code, e.level) for e in events if isinstance(e, Alert)]
    assert alerts == [(FULL_CODE, "error"), (BACK_CODE, "info")] and not health.full


def test_a_real_sqlite_full_error_is_recognised_and_space_is_checked_without_writing(db, tmp_path):
    connection = sqlite3.connect(tmp_path / "tiny.sqlite3")
    connection.execute("CREATE TABLE t (x)")
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count = {pages}")
    try:
        connection.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 100)
        raised = None
    except sqlite3.Error as exc:
        raised = exc
    assert is_storage_full(raised)
    assert space_available(db, tmp_path)
    pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
    db.execute_sql(f"PRAGMA max_page_count = {pages}")
    assert not space_available(db, tmp_path)
    db.execute_sql(f"PRAGMA max_page_count = {DEFAULT_MAX_PAGES}")
