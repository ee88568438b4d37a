"""The Flask app that receives Twilio webhooks (`create_app`). The endpoints' logic lives in
`handling.WebhookHandler`; the two hot POST routes also have a thin WSGI fast path installed as
Flask middleware (`app.wsgi_app`), which skips Flask's per-request machinery. Never a 500:
unexpected trouble answers 503 and is logged.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from concurrent.futures import TimeoutError as FutureTimeout
from datetime import UTC
from http import HTTPStatus
from typing import Any

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

from wacampaign_desktop.core.store import receiver_state
from wacampaign_desktop.core.store.writer import StoreWriter
from wacampaign_desktop.core.webhooks.handling import (
    EMPTY_TWIML,
    AppOptions,
    Reply,
    WebhookHandler,
    WebhookRequest,
)

log = logging.getLogger(__name__)

STATUS_PATH = "/api/webhook/twilio/status"
INCOMING_PATH = "/api/webhook/twilio/incoming"
HEALTH_PATH = "/healthz"
KIND_OF = {STATUS_PATH: "status", INCOMING_PATH: "incoming"}
APP_NAME = "wacampaign-desktop"  # the tunnel check knows this app's /healthz by it

__all__ = ["EMPTY_TWIML", "HEALTH_PATH", "INCOMING_PATH", "STATUS_PATH", "AppOptions", "create_app"]


def _unavailable(path: str, exc: BaseException, timeout: float) -> Reply:
    if isinstance(exc, FutureTimeout):
        log.error("Webhook on %s not committed within %ss", path, timeout)
    else:
        log.error("Webhook on %s failed: %s", path, exc, exc_info=exc)
    return Reply(503, "Temporarily unavailable", headers={"Retry-After": "5"})


class _EnvironHeaders:
    def __init__(self, environ: dict[str, Any]) -> None:
        self._environ = environ

    def get(self, name: str, default: Any = None) -> Any:
        return self._environ.get("HTTP_" + name.upper().replace("-", "_"), default)


class FastPath:
    """WSGI middleware: POSTs to the two webhook routes go straight to the handler."""

    def __init__(self, wsgi_app: Callable[..., Iterable[bytes]], handler: WebhookHandler) -> None:
        self.wsgi_app = wsgi_app
        self.handler = handler

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        kind = KIND_OF.get(path)
        if kind is None or environ.get("REQUEST_METHOD") != "POST":
            return self.wsgi_app(environ, start_response)
        length_text = environ.get("CONTENT_LENGTH") or ""
        stream = environ["wsgi.input"]
        req = WebhookRequest(
            kind=kind, path=path, query=environ.get("QUERY_STRING", ""),
            mimetype=(environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower(),
            content_length=int(length_text) if length_text.isdigit() else None,
            read_body=lambda n: stream.read(min(n, int(length_text)) if length_text.isdigit() else n),
            headers=_EnvironHeaders(environ), remote_addr=environ.get("REMOTE_ADDR", ""),
        )
        try:
            reply = self.handler.handle(req)
        except Exception as exc:
            reply = _unavailable(path, exc, self.handler.opts.commit_timeout)
        body = reply.body.encode("utf-8")
        headers = [("Content-Type", reply.content_type), ("Content-Length", str(len(body))),
                   *reply.headers.items()]
        start_response(f"{reply.status} {HTTPStatus(reply.status).phrase}", headers)
        return [body]


def _flask_request(kind: str) -> WebhookRequest:
    return WebhookRequest(
        kind=kind, path=request.path, query=request.query_string.decode("latin-1"),
        mimetype=request.mimetype, content_length=request.content_length,
        read_body=lambda n: request.stream.read(n), headers=request.headers,
        remote_addr=request.remote_addr or "",
    )


def _response(reply: Reply) -> Response:
    response = Response(reply.body, status=reply.status, content_type=reply.content_type)
    response.headers.update(reply.headers)
    return response


def health_answer(running: bool) -> dict[str, Any]:
    """The /healthz body: the status, the time of the newest Twilio callback in the database
    (so several receivers on one database agree), the database engine and the app's version."""
    from wacampaign_desktop import __version__

    try:
        last = receiver_state.last_callback_at()
        database = receiver_state.database_kind()
    except Exception as exc:  # a health check answers, whatever the database does
        log.warning("Health check could not read the database: %s", exc)
        return {"ok": False, "app": APP_NAME, "status": "database_unavailable",
                "last_callback_at": None, "database": None, "version": __version__}
    return {"ok": running, "app": APP_NAME, "status": "ok" if running else "stopping",
            "last_callback_at": last.replace(tzinfo=UTC).isoformat() if last else None,
            "database": database, "version": __version__}


def health_response(running: bool) -> Response:
    body = health_answer(running)
    status = 200 if body["status"] == "ok" else 503
    return Response(json.dumps(body), status=status, mimetype="application/json")


def create_app(
    writer: StoreWriter,
    auth_token: Callable[[], str | None],
    public_base_url: Callable[[], str],
    local_base_url: Callable[[], str] | None = None,
    options: AppOptions | None = None,
    shared_key: Callable[[], str | None] | None = None,
) -> Flask:
    """Build the webhook app. `public_base_url()` is the URL Twilio was given (tunnel or own URL);
    signatures are checked against it (and against the local URL for direct local posts)."""
    handler = WebhookHandler(writer, auth_token, public_base_url, local_base_url, options, shared_key)
    app = Flask("wacampaign_webhooks")
    app.config["MAX_CONTENT_LENGTH"] = handler.opts.max_body_bytes * 4  # ours answers 413 first

    @app.post(STATUS_PATH)
    def status_route() -> Response:
        return _response(handler.handle(_flask_request("status")))

    @app.post(INCOMING_PATH)
    def incoming_route() -> Response:
        return _response(handler.handle(_flask_request("incoming")))

    @app.get(HEALTH_PATH)
    def health() -> Response:
        return health_response(writer.running)

    @app.errorhandler(Exception)
    def on_error(exc: Exception) -> Response:
        if isinstance(exc, HTTPException):
            return _response(Reply(exc.code or 400, exc.description or exc.name))
        return _response(_unavailable(request.path, exc, handler.opts.commit_timeout))

    app.wsgi_app = FastPath(app.wsgi_app, handler)  # type: ignore[method-assign]
    return app
