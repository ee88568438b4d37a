"""The sandbox's REST API as a plain WSGI app: what the app uses of Twilio's 2010-04-01 API,
with Twilio's auth, validation, error shapes, magic test numbers and rate limit."""

from __future__ import annotations

import base64
import hmac
import json
import logging
import re
import threading
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Protocol
from urllib.parse import parse_qs, urlencode

from wacampaign_desktop.core.sandbox.config import API_VERSION, MAGIC_FROM, MAGIC_TO, SandboxConfig
from wacampaign_desktop.core.sandbox.state import SandboxMessage, SandboxState, rfc2822
from wacampaign_desktop.core.sandbox.story import OUTSIDE_WINDOW, Story, plan_story, rng_for
from wacampaign_desktop.core.sandbox.webhook_params import bare_number

log = logging.getLogger(__name__)

E164 = re.compile(r"^\+[1-9]\d{6,14}$")
_ROOT = f"/{API_VERSION}/Accounts/"
_MESSAGE = re.compile(r"^(AC\w+)/Messages/(SM\w+)\.json$")
_MESSAGES = re.compile(r"^(AC\w+)/Messages\.json$")
_ACCOUNT = re.compile(r"^(AC\w+)\.json$")
_REASONS = {200: "OK", 201: "Created", 400: "Bad Request", 401: "Unauthorized",
            404: "Not Found", 405: "Method Not Allowed", 429: "Too Many Requests",
            500: "Internal Server Error"}

StartResponse = Callable[..., object]


class Dispatcher(Protocol):
    def message_created(self, message: SandboxMessage, story: Story) -> None: ...


class ApiError(Exception):
    def __init__(self, status: int, code: int, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


class TokenBucket:
    """Allows `rate` requests per second with bursts up to `rate`."""

    def __init__(self, rate: float) -> None:
        self.rate = rate
        self.tokens = rate
        self.stamp = time.monotonic()
        self.lock = threading.Lock()

    def take(self) -> bool:
        with self.lock:
            now = time.monotonic()
            self.tokens = min(self.rate, self.tokens + (now - self.stamp) * self.rate)
            self.stamp = now
            if self.tokens >= 1.0:
                self.tokens -= 1.0
                return True
            return False


def _parse_date(value: str) -> float | None:
    for fmt in ("%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, fmt).replace(tzinfo=UTC).timestamp()
        except ValueError:
            continue
    return None


class SandboxApi:
    """WSGI callable. `dispatcher` schedules the lifecycle of each created message."""

    def __init__(self, config: SandboxConfig, state: SandboxState, account_sid: str,
                 auth_token: str, dispatcher: Dispatcher) -> None:
        self.config = config
        self.state = state
        self.account_sid = account_sid
        self._auth_token = auth_token
        self._expected_auth = "Basic " + base64.b64encode(
            f"{account_sid}:{auth_token}".encode()).decode()
        self.dispatcher = dispatcher
        self.bucket = TokenBucket(config.rate_limit_per_s) if config.rate_limit_per_s else None
        self.created = time.time()

    # --- WSGI -----------------------------------------------------------------------------
    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        self.state.bump("api_requests")
        try:
            status, payload = self._handle(environ)
        except ApiError as exc:
            status, payload = exc.status, self._error_body(exc)
        except Exception:  # a sandbox bug must still answer like a server would
            log.exception("sandbox API error")
            status, payload = 500, self._error_body(ApiError(500, 20500, "Internal Server Error"))
        if self.config.api_latency:
            time.sleep(self.config.api_latency)
        body = json.dumps(payload).encode()
        start_response(f"{status} {_REASONS.get(status, 'Error')}",
                       [("Content-Type", "application/json; charset=utf-8"),
                        ("Content-Length", str(len(body)))])
        return [body]

    def _error_body(self, exc: ApiError) -> dict:
        more_info = f"https://www.twilio.com/docs/errors/{exc.code}"
        if self.config.problem_details:
            return {"type": more_info, "title": exc.message, "status": exc.status,
                    "code": exc.code, "detail": exc.message}
        return {"code": exc.code, "message": exc.message, "more_info": more_info,
                "status": exc.status}

    def _handle(self, environ: dict) -> tuple[int, dict]:
        rate = self.config.rate_limit_per_s  # knobs may be changed while running
        if (self.bucket.rate if self.bucket else None) != rate:
            self.bucket = TokenBucket(rate) if rate else None
        if self.bucket is not None and not self.bucket.take():
            self.state.bump("rate_limited")
            raise ApiError(429, 20429, "Too Many Requests")
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        if not path.startswith(_ROOT):
            raise ApiError(404, 20404, "The requested resource was not found")
        if not hmac.compare_digest(environ.get("HTTP_AUTHORIZATION", ""), self._expected_auth):
            raise ApiError(401, 20003, "Authenticate")
        rest = path[len(_ROOT):]
        for pattern, handlers in (
            (_MESSAGES, {"POST": self._create, "GET": self._list}),
            (_MESSAGE, {"GET": self._fetch}),
            (_ACCOUNT, {"GET": self._account}),
        ):
            match = pattern.match(rest)
            if match:
                if match.group(1) != self.account_sid:
                    raise ApiError(404, 20404, "The requested resource was not found")
                handler = handlers.get(method)
                if handler is None:
                    raise ApiError(405, 20004, "Method not allowed")
                return handler(environ, match)
        raise ApiError(404, 20404, "The requested resource was not found")

    # --- handlers -------------------------------------------------------------------------
    def _create(self, environ: dict, match: re.Match) -> tuple[int, dict]:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        raw = environ["wsgi.input"].read(length).decode("utf-8") if length else ""
        form = parse_qs(raw, keep_blank_values=True)

        def one(name: str) -> str | None:
            values = form.get(name)
            return values[0] if values else None

        to, sender, service = one("To"), one("From"), one("MessagingServiceSid")
        body, content_sid, variables = one("Body"), one("ContentSid"), one("ContentVariables")
        media = form.get("MediaUrl", [])
        if not to:
            self.state.bump("rejected")
            raise ApiError(400, 21604, "A 'To' phone number is required.")
        number = bare_number(to)
        self._validate(number, to, sender, service, body, content_sid, variables, media)
        attempt = self.state.next_attempt(number)
        if self.config.server_error_rate and (
            rng_for(self.config.seed, "5xx", number, attempt).random()
            < self.config.server_error_rate
        ):
            raise ApiError(500, 20500, "Internal Server Error")
        n = self.state.reserve_send(number)
        now = time.time()
        forced = None
        if (self.config.enforce_session_window and not content_sid
                and not self.state.in_session(number, now)):
            forced = OUTSIDE_WINDOW
        story = plan_story(self.config, number, n, forced, via_service=bool(service))
        message = SandboxMessage(
            sid=story.sid, account_sid=self.account_sid, to=to, from_=sender,
            messaging_service_sid=service, body=body or "", media_urls=media,
            content_sid=content_sid, status_callback=one("StatusCallback"), created=now,
            timeline=story.timeline,
        )
        self.state.add(message)
        self.dispatcher.message_created(message, story)
        return 201, message.to_json(message.created)

    def _validate(self, number: str, to: str, sender: str | None, service: str | None,
                  body: str | None, content_sid: str | None, variables: str | None,
                  media: list[str]) -> None:
        def reject(status: int, code: int, text: str) -> None:
            self.state.bump("rejected")
            raise ApiError(status, code, text)

        if number in MAGIC_TO:
            status, code, text = MAGIC_TO[number]
            reject(status, code, text.format(to=to))
        if not E164.match(number):
            reject(400, 21211, f"The 'To' number {to} is not a valid phone number.")
        if not sender and not service:
            reject(400, 21603, "A 'From' phone number is required.")
        if sender:
            sender_number = bare_number(sender)
            if sender_number in MAGIC_FROM:
                status, code, text = MAGIC_FROM[sender_number]
                reject(status, code, text.format(sender=sender))
            if not E164.match(sender_number):
                reject(400, 21212, f"The 'From' number {sender} is not a valid phone number, "
                                   "shortcode, or alphanumeric sender ID.")
        if service and not (service.startswith("MG") and len(service) == 34):
            reject(400, 21701, f"The Messaging Service Sid {service} is invalid.")
        if variables and not content_sid:
            reject(400, 21654, "ContentVariables specified without ContentSid")
        if variables:
            try:
                parsed = json.loads(variables)
            except ValueError:
                parsed = None
            if not isinstance(parsed, dict):
                reject(400, 21656, "The ContentVariables Parameter is invalid.")
        if not body and not content_sid and not media:
            reject(400, 21602, "Message body is required.")
        if body and len(body) > 1600:
            reject(400, 21617, "The concatenated message body exceeds the 1600 character limit.")

    def _fetch(self, environ: dict, match: re.Match) -> tuple[int, dict]:
        message = self.state.get(match.group(2))
        if message is None:
            raise ApiError(404, 20404, f"The requested resource {environ['PATH_INFO']} was not "
                                       "found")
        return 200, message.to_json()

    def _list(self, environ: dict, match: re.Match) -> tuple[int, dict]:
        query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)

        def one(name: str) -> str | None:
            values = query.get(name)
            return values[0] if values else None

        to, sender = one("To"), one("From")
        after, before, on = one("DateSent>"), one("DateSent<"), one("DateSent")
        page = int(one("Page") or 0)
        page_size = max(1, min(1000, int(one("PageSize") or 50)))
        now = time.time()
        selected = []
        for message in reversed(self.state.all_messages()):  # newest first, like Twilio
            if to and bare_number(message.to) != bare_number(to):
                continue
            if sender and bare_number(message.from_ or "") != bare_number(sender):
                continue
            if after or before or on:
                sent = message.date_sent(now)
                if sent is None:
                    continue
                if after and (limit := _parse_date(after)) is not None and sent < limit:
                    continue
                if before and (limit := _parse_date(before)) is not None and sent > limit:
                    continue
                if on and (day := _parse_date(on)) is not None and not day <= sent < day + 86400:
                    continue
            selected.append(message)
        chunk = selected[page * page_size:(page + 1) * page_size]
        base = f"/{API_VERSION}/Accounts/{self.account_sid}/Messages.json"
        params = {k: v[0] for k, v in query.items() if k not in ("Page", "PageSize", "PageToken")}

        def page_uri(number: int) -> str:
            return base + "?" + urlencode({**params, "PageSize": page_size, "Page": number})

        has_next = (page + 1) * page_size < len(selected)
        return 200, {
            "messages": [m.to_json(now) for m in chunk],
            "end": page * page_size + max(len(chunk) - 1, 0),
            "first_page_uri": page_uri(0),
            "next_page_uri": page_uri(page + 1) if has_next else None,
            "page": page,
            "page_size": page_size,
            "previous_page_uri": page_uri(page - 1) if page > 0 else None,
            "start": page * page_size,
            "uri": page_uri(page),
        }

    def _account(self, environ: dict, match: re.Match) -> tuple[int, dict]:
        uri = f"/{API_VERSION}/Accounts/{self.account_sid}.json"
        return 200, {
            "sid": self.account_sid,
            "owner_account_sid": self.account_sid,
            "friendly_name": "WA Campaign Desktop sandbox",
            "status": "active",
            "type": "Full",
            "date_created": rfc2822(self.created),
            "date_updated": rfc2822(self.created),
            "uri": uri,
            "subresource_uris": {"messages": uri.replace(".json", "/Messages.json")},
        }
