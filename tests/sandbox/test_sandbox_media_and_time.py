"""Incoming media as Twilio keeps them (an MM… message whose Media list names each one's URL,
posted to the webhook as MediaUrl0/MediaContentType0), and `deliver_everything_now`: the
hours an app stays closed passing at once for Twilio, every status reached and posted, in
order."""

from __future__ import annotations

import time

import pytest

from wacampaign_desktop.core.sandbox import DEFAULT_SENDER, SandboxConfig, SandboxServer


@pytest.fixture
def sandbox():
    server = SandboxServer(SandboxConfig(seed=19, step_latency=30.0))
    server.start()
    yield server
    server.stop()


def test_an_incoming_photo_has_its_media_listed_and_posted(sandbox, client, receiver):
    sid = sandbox.simulate_reply("+33612345601", "Photo", url=receiver.base_url + "/in",
                                 media_types=("image/jpeg", "application/pdf"))
    assert sid.startswith("MM")
    (posted,) = receiver.wait_for(lambda got: len(got) == 1)
    media = client.messages(sid).media.list()
    assert [m.content_type for m in media] == ["image/jpeg", "application/pdf"]
    assert all(m.parent_sid == sid and m.sid.startswith("ME") for m in media)
    urls = [sandbox.base_url + m.uri.removesuffix(".json") for m in media]
    assert posted.params["NumMedia"] == "2" and posted.params["MessageType"] == "image"
    assert [posted.params["MediaUrl0"], posted.params["MediaUrl1"]] == urls
    assert posted.params["MediaContentType1"] == "application/pdf"
    assert client.messages(sid).fetch().num_media == "2"
    text = sandbox.seed_inbound("+33612345602", "Just words")
    assert client.messages(text.sid).media.list() == []
    assert sandbox.stats.media_lists == 2


def test_deliver_everything_now_reaches_and_posts_every_status_in_order(sandbox, client,
                                                                        receiver):
    message = client.messages.create(to="whatsapp:+33612345603", from_=DEFAULT_SENDER,
                                     body="Hello", status_callback=receiver.base_url + "/s")
    assert client.messages(message.sid).fetch().status == "queued"  # 30 s per step
    assert sandbox.deliver_everything_now() == 1
    got = receiver.wait_for(lambda got: got and got[-1].params["MessageStatus"] in (
        "read", "failed", "undelivered"), 10)
    (stored,) = sandbox.messages()
    assert [r.params["MessageStatus"] for r in got] == [s.status for s in stored.timeline[1:]]
    fetched = client.messages(message.sid).fetch()
    assert fetched.status == stored.timeline[-1].status
    assert abs(fetched.date_updated.timestamp() - time.time()) < 5
    assert sandbox.deliver_everything_now() == 0  # nothing left to move
    later = client.messages.create(to="whatsapp:+33612345604", from_=DEFAULT_SENDER,
                                   body="Later")
    assert client.messages(later.sid).fetch().status == "queued"  # normal pace again
