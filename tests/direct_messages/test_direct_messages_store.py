"""Free-text Inbox replies are stored whatever happens: with their sid when sent, as failed (with
Twilio's error) when not, and still there when the database is opened again."""

from __future__ import annotations

import socket

import pytest

from wacampaign_desktop.core.direct_messages import send_direct_message, thread_direct_messages
from wacampaign_desktop.core.sandbox import DEFAULT_SENDER, SandboxConfig, SandboxServer
from wacampaign_desktop.core.store.database import bind_database, make_database
from wacampaign_desktop.core.store.models import Contact, DirectMessage, PendingCallback
from wacampaign_desktop.core.twilio_gateway import TwilioCredentials, TwilioGateway


@pytest.fixture
def sandbox():
    server = SandboxServer(SandboxConfig(seed=5, step_latency=0.02))
    server.start()
    yield server
    server.stop()


def test_a_sent_reply_is_stored_with_its_sid_and_survives_reopening(db, sandbox, tmp_path):
    alice = Contact.create(phone="+33612345678", name="Alice Martin")
    gateway = TwilioGateway(sandbox.credentials)
    try:
        reply = send_direct_message(gateway, "+33612345678", DEFAULT_SENDER, "Oui, sous 48 h.")
    finally:
        gateway.close()
    assert reply.twilio_sid.startswith("SM") and reply.status == "queued"
    assert reply.error_code is None and reply.sent_at is not None
    assert sandbox.send_count("+33612345678") == 1

    # "Restart": close the file, open it again.
    db.close()
    again = make_database(tmp_path / "test.sqlite3")
    bind_database(again)
    again.connect()
    try:
        [stored] = thread_direct_messages("+33612345678")
        assert (stored.body, stored.twilio_sid, stored.contact_id) == (
            "Oui, sous 48 h.", reply.twilio_sid, alice.id)
        assert PendingCallback.select().count() == 0
    finally:
        again.close()
        bind_database(db)


def test_a_rejected_reply_is_stored_as_failed_with_twilios_error(db, sandbox):
    gateway = TwilioGateway(sandbox.credentials)
    try:
        reply = send_direct_message(gateway, "+15005550001", DEFAULT_SENDER, "Hello")
    finally:
        gateway.close()
    stored = DirectMessage.get_by_id(reply.id)
    assert (stored.status, stored.error_code, stored.twilio_sid) == ("failed", 21211, None)
    assert "not a valid phone number" in stored.error_message
    assert stored.body == "Hello" and stored.contact is None


def test_a_reply_that_cannot_reach_twilio_is_stored_as_failed(db, sandbox):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    creds = sandbox.credentials
    gateway = TwilioGateway(TwilioCredentials(creds.account_sid, creds.auth_token,
                                              f"http://127.0.0.1:{port}"), timeout=5.0)
    try:
        reply = send_direct_message(gateway, "+33612345678", DEFAULT_SENDER, "Still there?")
    finally:
        gateway.close()
    [stored] = thread_direct_messages("+33612345678")
    assert stored.id == reply.id and stored.status == "failed" and stored.twilio_sid is None
    assert stored.body == "Still there?" and stored.error_message
