"""Signatures over real HTTP for forms the fast signature path must treat like Twilio's own
validator: a field sent twice, non-ASCII values, a changed value."""

from __future__ import annotations

from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict

from tests.webhooks.helpers import TOKEN, make_campaign, sign, status_params
from wacampaign_desktop.core.store.models import CampaignMessage
from wacampaign_desktop.core.webhooks import STATUS_PATH
from wacampaign_desktop.core.webhooks.handling import _sha1_signature


def _post_pairs(client, pairs: list[tuple[str, str]], signature: str) -> int:
    headers = {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature}
    return client.request("POST", STATUS_PATH, urlencode(pairs).encode(), headers)[0]


def test_a_field_sent_twice_is_signed_over_both_values(server, client):
    _, _, sids = make_campaign(1)
    pairs = [*status_params(sids[0], "delivered").items(), ("Tag", "b"), ("Tag", "a")]
    url = client.public + STATUS_PATH
    good = sign(url, MultiDict(pairs))
    only_last = sign(url, dict(pairs))  # what a check that kept one value would accept
    assert good != only_last
    assert _post_pairs(client, pairs, only_last) == 403
    assert _post_pairs(client, pairs, good) == 200
    assert CampaignMessage.get(CampaignMessage.twilio_sid == sids[0]).status == "delivered"


def test_non_ascii_values_and_a_changed_value(server, client):
    _, _, sids = make_campaign(1)
    params = status_params(sids[0], "read", ChannelStatusMessage="Déjà lu — ✓")
    url = client.public + STATUS_PATH
    assert _sha1_signature(TOKEN, url, params) == sign(url, params)
    tampered = [*params.items()]
    tampered[-1] = ("ChannelStatusMessage", "Deja lu")
    assert _post_pairs(client, tampered, sign(url, params)) == 403
    assert CampaignMessage.get(CampaignMessage.twilio_sid == sids[0]).status != "read"
    assert _post_pairs(client, list(params.items()), sign(url, params)) == 200
    assert CampaignMessage.get(CampaignMessage.twilio_sid == sids[0]).status == "read"
