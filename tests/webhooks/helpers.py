"""Signed Twilio-style webhook requests for the webhook tests (real HTTP, real Waitress)."""

from __future__ import annotations

import http.client
import itertools
from urllib.parse import urlencode, urlsplit

from twilio.request_validator import RequestValidator

from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import Campaign, CampaignMessage

TOKEN = "test-auth-token-0123456789abcdef"
_counter = itertools.count(1)


def sign(url: str, params: dict[str, str], token: str = TOKEN, algorithm: str | None = None) -> str:
    validator = RequestValidator(token)
    return validator.compute_signature(url, params, algorithm) if algorithm else \
        validator.compute_signature(url, params)


class Client:
    """One keep-alive HTTP connection that posts (signed) forms."""

    def __init__(self, base_url: str, public_base: str | None = None, token: str = TOKEN) -> None:
        parts = urlsplit(base_url)
        self.base = base_url.rstrip("/")
        self.public = (public_base or base_url).rstrip("/")
        self.token = token
        self.conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, str, dict[str, str]]:
        try:
            self.conn.request(method, path, body=body, headers=headers or {})
            response = self.conn.getresponse()
        except (ConnectionError, http.client.HTTPException):
            self.conn.close()
            self.conn.request(method, path, body=body, headers=headers or {})
            response = self.conn.getresponse()
        data = response.read().decode("utf-8", "replace")
        return response.status, data, {k.lower(): v for k, v in response.getheaders()}

    def post(self, path: str, params: dict[str, str], *, signature: str | None = None,
             headers: dict[str, str] | None = None, sign_url: str | None = None):
        url = sign_url or (self.public + path)
        sig = sign(url, params, self.token) if signature is None else signature
        all_headers = {"Content-Type": "application/x-www-form-urlencoded",
                       "X-Twilio-Signature": sig, **(headers or {})}
        return self.request("POST", path, urlencode(params).encode(), all_headers)

    def close(self) -> None:
        self.conn.close()


def status_params(sid: str, status: str, phone: str = "+33600000001", **extra: str) -> dict[str, str]:
    return {
        "MessageSid": sid, "SmsSid": sid, "MessageStatus": status, "SmsStatus": status,
        "AccountSid": "AC" + "0" * 32, "From": "whatsapp:+14155238886", "To": f"whatsapp:{phone}",
        "ApiVersion": "2010-04-01", "ChannelPrefix": "whatsapp", **extra,
    }


def incoming_params(phone: str, body: str, sid: str | None = None, **extra: str) -> dict[str, str]:
    return {
        "MessageSid": sid or f"SMin{next(_counter):030d}", "AccountSid": "AC" + "0" * 32,
        "From": f"whatsapp:{phone}", "To": "whatsapp:+14155238886", "Body": body,
        "NumMedia": "0", "ProfileName": "Alice", "WaId": phone.lstrip("+"), **extra,
    }


def make_campaign(n: int, *, with_sids: bool = True, status: str = "sent", prefix: str = "SM"):
    """A campaign with n messages, claimed and (optionally) given sids, as the engine would."""
    campaign = Campaign.create(name=f"c{next(_counter)}", body="hi", state="sending")
    mu.insert_messages(campaign.id, (
        {"phone": f"+336{i:08d}", "message": "hi"} for i in range(n)
    ))
    messages = list(CampaignMessage.select().where(CampaignMessage.campaign == campaign.id)
                    .order_by(CampaignMessage.id))
    sids = []
    for i, message in enumerate(messages):
        sid = f"{prefix}{campaign.id:04d}{i:028d}"
        sids.append(sid)
        if with_sids:
            mu.transition(message, "sending")
            mu.record_sid(message, sid, status)
    return campaign, messages, sids


def wait_for(predicate, timeout: float = 20.0, interval: float = 0.02) -> bool:
    """Poll `predicate` until true or `timeout` (generous: the machine may be loaded)."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return bool(predicate())
