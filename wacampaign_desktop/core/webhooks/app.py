"""The Flask app that receives Twilio webhooks: signature check against the public URL, input
checks (413/415/400/429), then the work handed to the group-commit writer. A 2xx is sent only
once the webhook and its effect are committed. Never a 500: unexpected trouble answers 503.
"""

from __future__ import annotations

import hmac
import json
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any

from flask import Flask, Response, request
from twilio.request_validator import RequestValidator
from werkzeug.exceptions import HTTPException

from wacampaign_desktop.core import status_rules as rules
from wacampaign_desktop.core.webhooks import ingest
from wacampaign_desktop.core.webhooks.ingest import Delivery
from wacampaign_desktop.core.webhooks.writer import GroupCommitWriter

try:  # twilio ≥ 9.13: HMAC-SHA256 signatures announced by X-Twilio-Webhooks-Signature-Settings
    from twilio.request_validator import get_signature_algorithm
except ImportError:  # pragma: no cover - older twilio: SHA1 only
    get_signature_algorithm = None

log = logging.getLogger(__name__)

STATUS_PATH = "/api/webhook/twilio/status"
INCOMING_PATH = "/api/webhook/twilio/incoming"
HEALTH_PATH = "/healthz"
SIGNATURE_HEADER = "X-Twilio-Signature"
SETTINGS_HEADER = "X-Twilio-Webhooks-Signature-Settings"
IDEMPOTENCY_HEADER = "I-Twilio-Idempotency-Token"
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>'
FORM = "application/x-www-form-urlencoded"
LOOPBACK = ("127.0.0.1", "::1", "localhost")


@dataclass
class AppOptions:
    max_body_bytes: int = 64 * 1024
    rate_per_s: float | None = 5_000.0  # per client; a Twilio burst stays far below
    burst: float = 10_000.0
    commit_timeout: float = 20.0
    reply_rule: Callable[[Delivery], str | None] | None = None


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


def _client_address() -> str:
    remote = request.remote_addr or ""
    forwarded = request.headers.get("X-Forwarded-For", "")
    if remote in LOOPBACK and forwarded:  # behind the tunnel agent: the caller it forwards for
        return forwarded.split(",")[0].strip()
    return remote


def _plain(text: str, status: int, **headers: str) -> Response:
    response = Response(text, status=status, mimetype="text/plain")
    response.headers.update(headers)
    return response


def create_app(
    writer: GroupCommitWriter,
    auth_token: Callable[[], str | None],
    public_base_url: Callable[[], str],
    local_base_url: Callable[[], str] | None = None,
    options: AppOptions | None = None,
    shared_key: Callable[[], str | None] | None = None,
) -> Flask:
    """Build the webhook app. `public_base_url()` is the URL Twilio was given (tunnel or own URL);
    signatures are checked against it (and against the local URL for direct local posts)."""
    opts = options or AppOptions()
    app = Flask("wacampaign_webhooks")
    app.config["MAX_CONTENT_LENGTH"] = opts.max_body_bytes
    throttle = Throttle(opts.rate_per_s, opts.burst) if opts.rate_per_s else None

    def candidate_urls() -> list[str]:
        query = request.query_string.decode("latin-1")
        suffix = request.path + (f"?{query}" if query else "")
        bases = [public_base_url()]
        if local_base_url is not None:
            bases.append(local_base_url())
        urls: list[str] = []
        for base in bases:
            url = (base or "").rstrip("/") + suffix
            if base and url not in urls:
                urls.append(url)
        return urls

    def signature_ok(params: Any) -> tuple[bool, str]:
        signature = request.headers.get(SIGNATURE_HEADER, "")
        if not signature:
            return False, "missing X-Twilio-Signature"
        settings = request.headers.get(SETTINGS_HEADER)
        algorithm = get_signature_algorithm(settings) if (settings and get_signature_algorithm) else None
        secret = (shared_key() if (settings and shared_key) else None) or auth_token()
        if not secret:
            return False, "no Twilio auth token is configured, so signatures cannot be checked"
        validator = RequestValidator(secret)
        urls = candidate_urls()
        if algorithm is None and not isinstance(params, str):
            # Fast path: the exact URL first (one HMAC); the validator's port variants after.
            for url in urls:
                if hmac.compare_digest(validator.compute_signature(url, params), signature):
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

    def read_params() -> tuple[dict[str, str], Any] | Response:
        """The request's fields, and what to sign-check (form fields, or the raw JSON body)."""
        if request.content_length is not None and request.content_length > opts.max_body_bytes:
            return _plain("Request body too large", 413)
        mimetype = request.mimetype
        if mimetype == FORM:
            form = request.form
            return form.to_dict(flat=True), form
        if mimetype == "application/json" and "bodySHA256" in request.args:
            raw = request.get_data(as_text=True)
            try:
                data = json.loads(raw)
            except ValueError:
                return _plain("Malformed JSON body", 400)
            if not isinstance(data, dict):
                return _plain("JSON body must be an object", 400)
            return {str(k): "" if v is None else str(v) for k, v in data.items()}, raw
        return _plain(f"Unsupported content type {mimetype or '(none)'}; expected {FORM}", 415)

    def commit(work: Callable[[Any], Any]) -> Any:
        return writer.submit(work).result(opts.commit_timeout)

    def handle(kind: str) -> Response:
        if throttle is not None and not throttle.allow(_client_address()):
            log.warning("Throttled webhook from %s", _client_address())
            return _plain("Too many requests", 429, **{"Retry-After": "1"})
        parsed = read_params()
        if isinstance(parsed, Response):
            return parsed
        params, signed = parsed
        delivery = Delivery(
            kind, params, remote_addr=_client_address(),
            idempotency_token=request.headers.get(IDEMPOTENCY_HEADER) or None,
        )
        valid, reason = signature_ok(signed)
        if not valid:
            log.warning("Rejected Twilio webhook on %s from %s: %s", request.path,
                        delivery.remote_addr, reason)
            delivery.signature_valid = False
            path = request.path
            commit(lambda _b: ingest.record_rejected(delivery, path, reason))
            return _plain("Invalid signature", 403)
        if kind == "status":
            return handle_status(delivery)
        return handle_incoming(delivery)

    def handle_status(delivery: Delivery) -> Response:
        sid, status = delivery.sid, delivery.status
        if not sid or not status:
            commit(lambda _b: ingest.record_other(delivery, "invalid"))
            return _plain("MessageSid and MessageStatus are required", 400)
        if not rules.is_known(status):
            outcome = commit(lambda _b: ingest.record_other(delivery, "unknown_status"))
            log.warning("Twilio Status Callback with unknown status %r for %s", status, sid)
            return _plain(outcome, 200)
        outcome = commit(ingest.StatusWork(delivery))
        code = delivery.params.get("ErrorCode")
        log.info("Twilio Status Callback: %s %s (%s)%s", sid, status, outcome,
                 f" error {code}" if code else "")
        return _plain("", 200)

    def handle_incoming(delivery: Delivery) -> Response:
        if not delivery.sid or not delivery.params.get("From"):
            commit(lambda _b: ingest.record_other(delivery, "invalid"))
            return _plain("MessageSid and From are required", 400)
        result = commit(lambda b: ingest.store_incoming(delivery, b))
        log.info("Incoming WhatsApp message %s from %s (%s)", delivery.sid,
                 delivery.params.get("From", ""), result if isinstance(result, str) else result["outcome"])
        reply = opts.reply_rule(delivery) if opts.reply_rule else None
        body = EMPTY_TWIML
        if reply:
            from xml.sax.saxutils import escape

            body = ('<?xml version="1.0" encoding="UTF-8"?><Response><Message>'
                    f"{escape(reply)}</Message></Response>")
        return Response(body, status=200, mimetype="text/xml")

    @app.post(STATUS_PATH)
    def status_route() -> Response:
        return handle("status")

    @app.post(INCOMING_PATH)
    def incoming_route() -> Response:
        return handle("incoming")

    @app.get(HEALTH_PATH)
    def health() -> Response:
        body = json.dumps({"ok": writer.running, "app": "wacampaign-desktop"})
        return Response(body, status=200 if writer.running else 503, mimetype="application/json")

    @app.errorhandler(Exception)
    def on_error(exc: Exception) -> Response:
        if isinstance(exc, HTTPException):
            return _plain(exc.description or exc.name, exc.code or 400)
        if isinstance(exc, FutureTimeout):
            log.error("Webhook on %s not committed within %ss", request.path, opts.commit_timeout)
        else:
            log.error("Webhook on %s failed: %s", request.path, exc, exc_info=exc)
        return _plain("Temporarily unavailable", 503, **{"Retry-After": "5"})

    return app
