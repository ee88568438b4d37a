"""What the webhook endpoints do, independent of the web framework: throttle, size and type
checks, signature against the public URL, then the work handed to the group-commit writer.

`WebhookHandler.handle(WebhookRequest) -> Reply`. The Flask app (and its WSGI fast path for the
two POST routes) only translate requests and replies.

One direction: handling → the store writer (as a client) → the work items of `ingest` /
`incoming` → the store. Nothing here is called back by the writer except the work items.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import parse_qsl
from xml.sax.saxutils import escape

from twilio.request_validator import RequestValidator
from werkzeug.datastructures import MultiDict

from wacampaign_desktop.core import status_rules as rules
from wacampaign_desktop.core.store.writer import StoreWriter
from wacampaign_desktop.core.webhooks import ingest
from wacampaign_desktop.core.webhooks.delivery import Delivery
from wacampaign_desktop.core.webhooks.incoming import IncomingWork

try:  # twilio ≥ 9.13: HMAC-SHA256 signatures announced by X-Twilio-Webhooks-Signature-Settings
    from twilio.request_validator import get_signature_algorithm
except ImportError:  # pragma: no cover - older twilio: SHA1 only
    get_signature_algorithm = None

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Twilio-Signature"
SETTINGS_HEADER = "X-Twilio-Webhooks-Signature-Settings"
IDEMPOTENCY_HEADER = "I-Twilio-Idempotency-Token"
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>'
FORM = "application/x-www-form-urlencoded"
LOOPBACK = ("127.0.0.1", "::1", "localhost")


class Headers(Protocol):
    def get(self, name: str, default: Any = None) -> Any: ...


@dataclass
class AppOptions:
    max_body_bytes: int = 64 * 1024
    rate_per_s: float | None = 5_000.0  # per client; a Twilio burst stays far below
    burst: float = 10_000.0
    commit_timeout: float = 20.0
    reply_rule: Callable[[Delivery], str | None] | None = None


@dataclass
class WebhookRequest:
    kind: str  # "status" | "incoming"
    path: str
    query: str
    mimetype: str
    content_length: int | None
    read_body: Callable[[int], bytes]  # read at most n bytes
    headers: Headers
    remote_addr: str


@dataclass
class Reply:
    status: int
    body: str = ""
    content_type: str = "text/plain; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


class Throttle:
    """Token bucket per client address."""

    def __init__(self, rate_per_s: float, burst: float) -> None:
        self.rate = rate_per_s
        self.burst = burst
        self._lock = threading.Lock()
        self._buckets: dict[str, tuple[float, float]] = {}

    def allow(self, client: str) -> bool:
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if len(self._buckets) > 10_000:
                self._buckets.clear()
            if tokens < 1:
                self._buckets[client] = (tokens, now)
                return False
            self._buckets[client] = (tokens - 1, now)
            return True


def _sha1_signature(secret: str, url: str, params: Any) -> str:
    """Twilio's HMAC-SHA1 signature of `url` + the sorted fields, as `RequestValidator.
    compute_signature` makes it, without its per-field lookups when every field is single."""
    if type(params) is not dict:  # a MultiDict (a field repeated): the validator's own walk
        return RequestValidator(secret).compute_signature(url, params)
    text = url + "".join(name + params[name] for name in sorted(params))
    digest = hmac.new(secret.encode("utf-8"), text.encode("utf-8"), hashlib.sha1).digest()
    return base64.b64encode(digest).decode("ascii")


class WebhookHandler:
    def __init__(
        self,
        writer: StoreWriter,
        auth_token: Callable[[], str | None],
        public_base_url: Callable[[], str],
        local_base_url: Callable[[], str] | None = None,
        options: AppOptions | None = None,
        shared_key: Callable[[], str | None] | None = None,
    ) -> None:
        self.writer = writer
        self.auth_token = auth_token
        self.public_base_url = public_base_url
        self.local_base_url = local_base_url
        self.opts = options or AppOptions()
        self.shared_key = shared_key
        self.throttle = Throttle(self.opts.rate_per_s, self.opts.burst) if self.opts.rate_per_s else None

    # -- pieces ---------------------------------------------------------------------------
    @staticmethod
    def client_address(req: WebhookRequest) -> str:
        forwarded = req.headers.get("X-Forwarded-For") or ""
        if req.remote_addr in LOOPBACK and forwarded:  # behind the tunnel agent
            return forwarded.split(",")[0].strip()
        return req.remote_addr

    def candidate_urls(self, req: WebhookRequest) -> list[str]:
        suffix = req.path + (f"?{req.query}" if req.query else "")
        bases = [self.public_base_url()]
        if self.local_base_url is not None:
            bases.append(self.local_base_url())
        urls: list[str] = []
        for base in bases:
            url = (base or "").rstrip("/") + suffix
            if base and url not in urls:
                urls.append(url)
        return urls

    def signature_ok(self, req: WebhookRequest, params: Any) -> tuple[bool, str]:
        signature = req.headers.get(SIGNATURE_HEADER) or ""
        if not signature:
            return False, "missing X-Twilio-Signature"
        settings = req.headers.get(SETTINGS_HEADER)
        algorithm = get_signature_algorithm(settings) if (settings and get_signature_algorithm) else None
        secret = (self.shared_key() if (settings and self.shared_key) else None) or self.auth_token()
        if not secret:
            return False, "no Twilio auth token is configured, so signatures cannot be checked"
        validator = RequestValidator(secret)
        urls = self.candidate_urls(req)
        if algorithm is None and not isinstance(params, str):
            # Fast path: the exact URL first (one HMAC); the validator's port variants after.
            for url in urls:
                if hmac.compare_digest(_sha1_signature(secret, url, params), signature):
                    return True, ""
        for url in urls:
            try:
                valid = (validator.validate(url, params, signature, algorithm=algorithm)
                         if algorithm else validator.validate(url, params, signature))
            except (TypeError, ValueError):
                valid = False
            if valid:
                return True, ""
        return False, "signature does not match"

    def read_params(self, req: WebhookRequest) -> tuple[dict[str, str], Any, bytes] | Reply:
        """The request's fields, what to sign-check (form fields, or the raw JSON body), and the
        raw body."""
        limit = self.opts.max_body_bytes
        if req.content_length is not None and req.content_length > limit:
            return Reply(413, "Request body too large")
        if req.mimetype == FORM:
            raw = req.read_body(limit + 1)
            if len(raw) > limit:
                return Reply(413, "Request body too large")
            pairs = parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True)
            fields = dict(pairs)
            if len(fields) == len(pairs):  # no repeated field (Twilio's callbacks): one dict
                return fields, fields, raw
            form = MultiDict(pairs)
            return form.to_dict(flat=True), form, raw
        if req.mimetype == "application/json" and "bodySHA256=" in req.query:
            raw = req.read_body(limit + 1)
            if len(raw) > limit:
                return Reply(413, "Request body too large")
            text = raw.decode("utf-8", "replace")
            try:
                data = json.loads(text)
            except ValueError:
                return Reply(400, "Malformed JSON body")
            if not isinstance(data, dict):
                return Reply(400, "JSON body must be an object")
            return {str(k): "" if v is None else str(v) for k, v in data.items()}, text, raw
        return Reply(415, f"Unsupported content type {req.mimetype or '(none)'}; expected {FORM}")

    def commit(self, work: Callable[[Any], Any]) -> Any:
        return self.writer.submit(work).result(self.opts.commit_timeout)

    # -- the endpoints --------------------------------------------------------------------
    def handle(self, req: WebhookRequest) -> Reply:
        client = self.client_address(req)
        if self.throttle is not None and not self.throttle.allow(client):
            log.warning("Throttled webhook from %s", client)
            return Reply(429, "Too many requests", headers={"Retry-After": "1"})
        parsed = self.read_params(req)
        if isinstance(parsed, Reply):
            return parsed
        params, signed, raw = parsed
        delivery = Delivery(req.kind, params, remote_addr=client,
                            idempotency_token=req.headers.get(IDEMPOTENCY_HEADER) or None)
        valid, reason = self.signature_ok(req, signed)
        if not valid:
            log.warning("Rejected Twilio webhook on %s from %s: %s", req.path, client, reason)
            delivery.signature_valid = False
            self.commit(ingest.record_rejected(delivery, req.path, reason, raw))
            return Reply(403, "Invalid signature")
        if req.kind == "status":
            return self.handle_status(delivery)
        return self.handle_incoming(delivery)

    def handle_status(self, delivery: Delivery) -> Reply:
        sid, status = delivery.sid, delivery.status
        if not sid or not status:
            self.commit(ingest.record_other(delivery, "invalid"))
            return Reply(400, "MessageSid and MessageStatus are required")
        if not rules.is_known(status):
            outcome = self.commit(ingest.record_other(delivery, "unknown_status"))
            log.warning("Twilio Status Callback with unknown status %r for %s", status, sid)
            return Reply(200, outcome)
        outcome = self.commit(ingest.StatusWork(delivery))
        if log.isEnabledFor(logging.DEBUG):  # the webhook log keeps every callback
            code = delivery.params.get("ErrorCode")
            log.debug("Twilio Status Callback: %s %s (%s)%s", sid, status, outcome,
                      f" error {code}" if code else "")
        return Reply(200)

    def handle_incoming(self, delivery: Delivery) -> Reply:
        if not delivery.sid:
            self.commit(ingest.record_other(delivery, "invalid"))
            return Reply(400, "MessageSid is required")
        result = self.commit(IncomingWork(delivery))
        log.debug("Incoming WhatsApp message %s from %s (%s)", delivery.sid,
                  delivery.params.get("From", ""), result["outcome"])
        if result["outcome"] == "invalid":  # stored as an invalid event; Twilio must not retry
            log.warning("Incoming message %s has no usable sender phone: not stored as a contact",
                        delivery.sid)
        reply = (self.opts.reply_rule(delivery)
                 if self.opts.reply_rule and result["outcome"] != "invalid" else None)
        body = EMPTY_TWIML
        if reply:
            body = ('<?xml version="1.0" encoding="UTF-8"?><Response><Message>'
                    f"{escape(reply)}</Message></Response>")
        return Reply(200, body, "text/xml; charset=utf-8")
