"""The sandbox's REST API as a plain WSGI app: what the app uses of Twilio's APIs (2010-04-01
Messages, Accounts and IncomingPhoneNumbers; Content v1; Messaging v1 Services and v2 Channels
Senders), with Twilio's auth, error shapes and rate limit. Handlers live in messages_api.py,
content.py and resources.py."""

from __future__ import annotations

import base64
import hmac
import json
import logging
import re
import threading
import time
from collections.abc import Callable, Iterable

from wacampaign_desktop.core.sandbox.config import API_VERSION, SandboxConfig
from wacampaign_desktop.core.sandbox.content import ContentCatalogue
from wacampaign_desktop.core.sandbox.messages_api import Dispatcher, MessagesApi
from wacampaign_desktop.core.sandbox.resources import WebhookResources
from wacampaign_desktop.core.sandbox.state import SandboxState, rfc2822
from wacampaign_desktop.core.sandbox.wsgi import ApiError, Request, not_found, v1_page

__all__ = ["ApiError", "SandboxApi", "TokenBucket"]

log = logging.getLogger(__name__)

_REASONS = {200: "OK", 201: "Created", 400: "Bad Request", 401: "Unauthorized",
            403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
            429: "Too Many Requests", 500: "Internal Server Error"}
_A = rf"^/{API_VERSION}/Accounts/(AC\w+)"
Handler = Callable[[Request, re.Match], tuple[int, dict]]

StartResponse = Callable[..., object]


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
        self.content = ContentCatalogue(config.seed, seeded=config.seed_templates)
        self.resources = WebhookResources(account_sid, config.seed, config.resource_errors)
        self.messages = MessagesApi(config, state, account_sid, self.content, dispatcher,
                                    self.resources.default_status_callback)
        r, m = self.resources, self.messages
        self.routes: list[tuple[re.Pattern, dict[str, Handler]]] = [
            (re.compile(_A + r"/Messages\.json$"),
             {"POST": lambda q, _: m.create(q), "GET": lambda q, _: m.list(q)}),
            (re.compile(_A + r"/Messages/(SM\w+|MM\w+)\.json$"),
             {"GET": lambda q, g: m.fetch(q, g.group(2))}),
            (re.compile(_A + r"/Messages/(SM\w+|MM\w+)/Media\.json$"),
             {"GET": lambda q, g: m.media(q, g.group(2))}),
            (re.compile(_A + r"\.json$"), {"GET": self._account}),
            (re.compile(_A + r"/IncomingPhoneNumbers\.json$"),
             {"GET": lambda q, _: (200, r.numbers_list(q))}),
            (re.compile(_A + r"/IncomingPhoneNumbers/(PN\w+)\.json$"),
             dict.fromkeys(("GET", "POST"), lambda q, g: (200, r.number(q, g.group(2))))),
            (re.compile(r"^/v1/ContentAndApprovals/?$"), {"GET": self._content_and_approvals}),
            (re.compile(r"^/v1/Content/?$"), {"GET": self._contents}),
            (re.compile(r"^/v1/Content/(HX\w+)$"), {"GET": self._content}),
            (re.compile(r"^/v1/Services/?$"), {"GET": lambda q, _: (200, r.services_list(q))}),
            (re.compile(r"^/v1/Services/(MG\w+)$"),
             dict.fromkeys(("GET", "POST"), lambda q, g: (200, r.service(q, g.group(1))))),
            (re.compile(r"^/v2/Channels/Senders/?$"),
             {"GET": lambda q, _: (200, r.senders_list(q))}),
            (re.compile(r"^/v2/Channels/Senders/(XE\w+)$"),
             dict.fromkeys(("GET", "POST"), lambda q, g: (200, r.sender(q, g.group(1))))),
        ]

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
        route = next(((p, h) for p, h in self.routes if p.match(path)), None)
        if route is None:
            raise ApiError(404, 20404, "The requested resource was not found")
        if not hmac.compare_digest(environ.get("HTTP_AUTHORIZATION", ""), self._expected_auth):
            raise ApiError(401, 20003, "Authenticate")
        pattern, handlers = route
        match = pattern.match(path)
        assert match is not None
        if path.startswith(f"/{API_VERSION}/") and match.group(1) != self.account_sid:
            raise ApiError(404, 20404, "The requested resource was not found")
        handler = handlers.get(environ.get("REQUEST_METHOD", "GET"))
        if handler is None:
            raise ApiError(405, 20004, "Method not allowed")
        return handler(Request.from_environ(environ), match)

    # --- small handlers -------------------------------------------------------------------
    def _content_and_approvals(self, request: Request, match: re.Match) -> tuple[int, dict]:
        rows = [t.approval_json(self.account_sid) for t in self.content.all()]
        return 200, v1_page(request, "contents", rows)

    def _contents(self, request: Request, match: re.Match) -> tuple[int, dict]:
        rows = [t.content_json(self.account_sid) for t in self.content.all()]
        return 200, v1_page(request, "contents", rows)

    def _content(self, request: Request, match: re.Match) -> tuple[int, dict]:
        template = self.content.get(match.group(1))
        if template is None:
            raise not_found(request.path)
        return 200, template.content_json(self.account_sid)

    def _account(self, request: Request, match: re.Match) -> tuple[int, dict]:
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
