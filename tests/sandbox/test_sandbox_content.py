"""The sandbox's Content API and template sends, through the real twilio client as the
gateway points it (content.twilio.com → the sandbox): every approval state, paging, rendered
bodies, and Twilio's 21656 / 63027 / 63028."""

from __future__ import annotations

import json
import time

import pytest
import requests
from twilio.base.exceptions import TwilioRestException

from tests.sandbox.schema import assert_matches, missing_properties, problems, schemas
from wacampaign_desktop.core.sandbox import DEFAULT_SENDER, SandboxConfig, SandboxServer


@pytest.fixture
def sandbox():
    server = SandboxServer(SandboxConfig(seed=5, step_latency=0.02))
    server.start()
    yield server
    server.stop()


def raw_get(sandbox: SandboxServer, path: str) -> dict:
    answer = requests.get(sandbox.base_url + path, timeout=10,
                          auth=(sandbox.account_sid, sandbox.auth_token))
    assert answer.status_code == 200, answer.text
    return answer.json()


def wait_final(client, sid: str) -> object:
    deadline = time.monotonic() + 10
    while True:
        message = client.messages(sid).fetch()
        if message.status in ("read", "failed", "undelivered"):
            return message
        assert time.monotonic() < deadline, f"{sid} stuck at {message.status}"
        time.sleep(0.03)


def test_the_schema_check_catches_a_wrong_shape():
    good = {"sid": "HX" + "a" * 32, "language": "en", "variables": {}, "types": {}}
    assert problems({"contents": [good]}, schemas()["content_and_approvals_list"]) == []
    assert problems({"contents": [{**good, "sid": "XX1"}]},
                    schemas()["content_and_approvals_list"])
    assert problems({"contents": [{**good, "variables": "1"}]},
                    schemas()["content_and_approvals_list"])


def test_catalogue_has_every_approval_state_type_and_language(sandbox, client):
    templates = client.content.v1.content_and_approvals.list()
    states = {t.approval_requests["status"] for t in templates}
    assert states == {"approved", "pending", "rejected", "unsubmitted", "paused", "disabled"}
    types = {key for t in templates for key in t.types}
    assert {"twilio/text", "twilio/media", "twilio/quick-reply"} <= types
    assert {t.language for t in templates} >= {"en", "fr"}
    order_fr = next(t for t in templates if (t.friendly_name, t.language) == ("order_update", "fr"))
    assert order_fr.variables == {"1": "Marie", "2": "Lyon"}
    assert "{{1}}" in order_fr.types["twilio/text"]["body"]
    assert order_fr.approval_requests["category"] == "UTILITY"
    rejected = next(t for t in templates if t.approval_requests["status"] == "rejected")
    assert rejected.approval_requests["rejection_reason"]
    media = next(t for t in templates if "twilio/media" in t.types)
    assert media.types["twilio/media"]["media"][0].startswith("https://")

    fetched = client.content.v1.contents(order_fr.sid).fetch()
    assert (fetched.sid, fetched.friendly_name, fetched.language) == (
        order_fr.sid, "order_update", "fr")
    with pytest.raises(TwilioRestException) as info:
        client.content.v1.contents("HX" + "0" * 32).fetch()
    assert info.value.status == 404


def test_content_and_approvals_pages_with_meta_next_page_url(sandbox, client):
    sandbox.content.clear()
    for i in range(7):
        sandbox.add_template(f"t{i}", f"Number {i}, {{{{1}}}}", variables={"1": "x"})
    first = raw_get(sandbox, "/v1/ContentAndApprovals?PageSize=3")
    assert_matches(first, "content_and_approvals_list")
    assert not missing_properties(first["contents"][0], "content_and_approvals_list",
                                  inside="contents")
    assert len(first["contents"]) == 3 and first["meta"]["key"] == "contents"
    assert first["meta"]["next_page_url"].startswith(sandbox.base_url)
    names = [t.friendly_name for t in client.content.v1.content_and_approvals.list(page_size=3)]
    assert names == [f"t{i}" for i in range(7)]
    last = raw_get(sandbox, "/v1/ContentAndApprovals?PageSize=3&Page=2")
    assert len(last["contents"]) == 1 and last["meta"]["next_page_url"] is None


def test_template_send_renders_the_body(sandbox, client):
    template = next(t for t in client.content.v1.content_and_approvals.list()
                    if (t.friendly_name, t.language) == ("order_update", "fr"))
    sent = client.messages.create(to="whatsapp:+33612345601", from_=DEFAULT_SENDER,
                                  content_sid=template.sid,
                                  content_variables=json.dumps({"1": "Zoé", "2": "Nantes"}))
    assert sent.body == "Bonjour Zoé, votre commande vous attend dans notre magasin de Nantes."
    final = wait_final(client, sent.sid)
    assert final.status == "read" and final.body == sent.body
    listed = client.messages.list(to="whatsapp:+33612345601")
    assert [m.body for m in listed] == [sent.body]

    media = sandbox.add_template("promo", "Hi {{1}}!", variables={"1": "A"},
                                 content_type="twilio/media",
                                 media=["https://example.com/p.png"])
    promo = client.messages.create(to="whatsapp:+33612345602", from_=DEFAULT_SENDER,
                                   content_sid=media.sid, content_variables='{"1": "Léa"}')
    assert (promo.body, promo.num_media) == ("Hi Léa!", "1")


@pytest.mark.parametrize("variables", [
    "{not json", '["Zoé"]', '{"1": "", "2": "Lyon"}', '{"1": "Zoé\\nBis", "2": "Lyon"}',
    '{"1": "Zoé\\t", "2": "Lyon"}', '{"1": "Zoé     Bis", "2": "Lyon"}',
])
def test_invalid_content_variables_are_refused_21656(sandbox, client, variables):
    sid = sandbox.add_template("two", "{{1}} in {{2}}").sid
    with pytest.raises(TwilioRestException) as info:
        client.messages.create(to="whatsapp:+33612345601", from_=DEFAULT_SENDER,
                               content_sid=sid, content_variables=variables)
    assert (info.value.status, info.value.code) == (400, 21656)
    assert sandbox.send_counts() == {}


def test_wrong_count_unknown_or_unapproved_template_fail_after_the_send(sandbox, client):
    two = sandbox.add_template("two", "{{1}} in {{2}}").sid
    pending = sandbox.add_template("wait", "Hi {{1}}", status="pending").sid
    fr_only = next(t.sid for t in client.content.v1.content_and_approvals.list()
                   if t.approval_requests["status"] == "rejected")
    cases = {
        two: ('{"1": "Zoé"}', 63028),
        "HX" + "9" * 32: ('{"1": "Zoé"}', 63027),
        pending: ('{"1": "Zoé"}', 63027),
        fr_only: ('{"1": "Zoé"}', 63027),
    }
    sids = {}
    for i, (content_sid, (variables, code)) in enumerate(cases.items()):
        created = client.messages.create(to=f"whatsapp:+3361234560{i}", from_=DEFAULT_SENDER,
                                         content_sid=content_sid, content_variables=variables)
        assert created.status == "queued"  # accepted at create, as on Twilio
        sids[created.sid] = code
    for sid, code in sids.items():
        final = wait_final(client, sid)
        assert (final.status, final.error_code) == ("failed", code)
    ok = client.messages.create(to="whatsapp:+33612345609", from_=DEFAULT_SENDER,
                                content_sid=two, content_variables='{"1": "Zoé", "2": "Lyon"}')
    assert wait_final(client, ok.sid).status == "read" and ok.body == "Zoé in Lyon"


def test_template_without_variables_uses_its_samples(sandbox, client):
    sid = sandbox.add_template("s", "Hello {{1}}", variables={"1": "Marie"}).sid
    sent = client.messages.create(to="whatsapp:+33612345601", from_=DEFAULT_SENDER,
                                  content_sid=sid)
    assert sent.body == "Hello Marie"
