"""The Flask routes behind the WSGI fast path behave the same (for hosts that mount the app
without its middleware)."""

from __future__ import annotations

from urllib.parse import urlencode

from werkzeug.test import Client as WsgiClient

from tests.webhooks.helpers import TOKEN, make_campaign, sign, status_params
from wacampaign_desktop.core.events import EventBus
from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import CampaignMessage
from wacampaign_desktop.core.store.writer import StoreWriter
from wacampaign_desktop.core.webhooks import STATUS_PATH, create_app


def test_plain_flask_routes_match_the_fast_path(db):
    campaign, _, sids = make_campaign(1)
    writer = StoreWriter(db, EventBus())
    writer.start()
    try:
        app = create_app(writer, lambda: TOKEN, lambda: "https://public.example")
        plain = WsgiClient(app.wsgi_app.wsgi_app)  # Flask itself, without the fast path
        params = status_params(sids[0], "read")
        headers = {"X-Twilio-Signature": sign("https://public.example" + STATUS_PATH, params)}
        form = "application/x-www-form-urlencoded"
        assert plain.post(STATUS_PATH, data=urlencode(params), headers=headers,
                          content_type=form).status_code == 200
        assert plain.post(STATUS_PATH, data=urlencode(params), content_type=form,
                          headers={"X-Twilio-Signature": "bad"}).status_code == 403
        assert plain.post(STATUS_PATH, data="x", content_type="text/plain").status_code == 415
        assert plain.get("/healthz").status_code == 200
        assert CampaignMessage.get(CampaignMessage.twilio_sid == sids[0]).status == "read"
        assert mu.campaign_counters(campaign.id) == mu.recount(campaign.id)
    finally:
        writer.stop()
