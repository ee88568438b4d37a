"""TwilioGateway: sends and reads WhatsApp messages through the real `twilio` client.

The base URL is the only difference between real Twilio and the sandbox. Safe to call from
several threads at once: one client, one pooled keep-alive requests.Session.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from requests.adapters import HTTPAdapter
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from wacampaign_desktop.core.redaction import redact, register_secret
from wacampaign_desktop.core.twilio_gateway.errors import classify_exception
from wacampaign_desktop.core.twilio_gateway.types import (
    CheckResult,
    GatewayError,
    MessageInfo,
    SendRequest,
    SendResult,
    TwilioCredentials,
)

log = logging.getLogger(__name__)

_LOOPBACK = {"127.0.0.1", "localhost", "::1"}
POOL_SIZE = 32  # connections kept alive: more than any sender thread pool we run


class PooledHttpClient(TwilioHttpClient):
    """twilio's HTTP client with a pool big enough for many sender threads and quiet logging
    (twilio logs every request at INFO)."""

    def __init__(self, timeout: float, pool_size: int = POOL_SIZE) -> None:
        super().__init__(pool_connections=True, timeout=timeout, logger=log)
        adapter = HTTPAdapter(pool_connections=4, pool_maxsize=pool_size, max_retries=0)
        assert self.session is not None
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)

    def log_request(self, kwargs: dict[str, Any]) -> None:
        log.debug("%s %s", kwargs.get("method"), redact(str(kwargs.get("url"))))

    def log_response(self, status_code: int, response: Any) -> None:
        log.debug("-> HTTP %s", status_code)


def whatsapp_address(number: str) -> str:
    return number if number.startswith("whatsapp:") else f"whatsapp:{number}"


def _message_info(instance: Any) -> MessageInfo:
    def as_dt(value: Any) -> datetime | None:
        return value if isinstance(value, datetime) else None

    return MessageInfo(
        sid=instance.sid, status=str(instance.status), to=instance.to, from_=instance.from_,
        error_code=int(instance.error_code) if instance.error_code is not None else None,
        error_message=instance.error_message, date_created=as_dt(instance.date_created),
        date_sent=as_dt(instance.date_sent),
    )


class TwilioGateway:
    """One Twilio account (or the sandbox) seen through twilio-python."""

    def __init__(self, credentials: TwilioCredentials, timeout: float = 15.0) -> None:
        register_secret(credentials.auth_token)
        self.credentials = credentials
        self.timeout = timeout
        self._http = PooledHttpClient(timeout=timeout)
        self._client = Client(credentials.account_sid, credentials.auth_token,
                              http_client=self._http)
        if credentials.base_url:
            self._client.api.base_url = credentials.base_url.rstrip("/")
            if urlsplit(credentials.base_url).hostname in _LOOPBACK:
                # The sandbox also answers the Content API (content.twilio.com) and the
                # Messaging API (messaging.twilio.com: v1 Services, v2 Channels Senders).
                self._client.content.base_url = credentials.base_url.rstrip("/")
                self._client.messaging.base_url = credentials.base_url.rstrip("/")
            if urlsplit(credentials.base_url).hostname in _LOOPBACK:
                # No proxy applies to a local sandbox; skipping the per-request scan of the
                # environment for proxy settings saves ~15 % CPU per send.
                assert self._http.session is not None
                self._http.session.trust_env = False
        # Build the lazily-created resources now, so threads never race to create them.
        self._messages = self._client.api.v2010.accounts(credentials.account_sid).messages
        self._account = self._client.api.v2010.accounts(credentials.account_sid)

    @property
    def base_url(self) -> str:
        return self._client.api.base_url

    @property
    def client(self) -> Client:
        """The twilio Client (API, Content and Messaging domains all pointed at the sandbox
        when the base URL is local), for the Content API and webhook-setting resources."""
        return self._client

    def close(self) -> None:
        if self._http.session is not None:
            self._http.session.close()

    # --- sending --------------------------------------------------------------------------
    def send(self, request: SendRequest) -> SendResult:
        """Send one WhatsApp message. Never raises for Twilio or network errors."""
        kwargs: dict[str, Any] = {"to": whatsapp_address(request.to)}
        if request.sender.startswith("MG"):
            kwargs["messaging_service_sid"] = request.sender
        else:
            kwargs["from_"] = whatsapp_address(request.sender)
        if request.content_sid:
            kwargs["content_sid"] = request.content_sid
        if request.content_variables is not None:
            kwargs["content_variables"] = json.dumps(request.content_variables,
                                                     ensure_ascii=False)
        if request.body is not None and not request.content_sid:
            kwargs["body"] = request.body
        if request.media_urls:
            kwargs["media_url"] = list(request.media_urls)
        if request.status_callback:
            kwargs["status_callback"] = request.status_callback
        try:
            message = self._messages.create(**kwargs)
        except Exception as exc:  # twilio, requests, anything: a result, never a raise
            result = classify_exception(exc)
            log.info("send to %s failed: code=%s http=%s retryable=%s", request.to,
                     result.error_code, result.http_status, result.retryable)
            return result
        return SendResult(
            success=True, sid=message.sid, status=str(message.status), error_code=None,
            error_message=None, retryable=False, retry_after=None, http_status=201, hint="",
            opt_out=False,
        )

    # --- reading --------------------------------------------------------------------------
    def fetch(self, sid: str) -> MessageInfo:
        """The message's current state; raises GatewayError (with `.result`) on failure."""
        try:
            return _message_info(self._messages(sid).fetch())
        except Exception as exc:
            raise GatewayError(classify_exception(exc)) from exc

    def list_messages_to(self, to: str, since: datetime, limit: int = 1000) -> list[MessageInfo]:
        """Messages to `to` ("+E164") created on or after `since` (for crash recovery; a naive
        datetime is taken as UTC), newest first. Not filtered on DateSent: a message still
        queued at Twilio, or failed before it was ever sent, has no send date and must be found
        all the same (else a claim would be resent). Pages stop at the first older message."""
        since = since.replace(tzinfo=UTC) if since.tzinfo is None else since.astimezone(UTC)
        since = since.replace(microsecond=0)  # Twilio's dates have whole seconds
        found: list[MessageInfo] = []
        try:
            for instance in self._messages.stream(to=whatsapp_address(to),
                                                  page_size=min(limit, 1000)):
                info = _message_info(instance)
                created = info.date_created
                if created is not None:
                    created = (created.replace(tzinfo=UTC) if created.tzinfo is None
                               else created.astimezone(UTC))
                    if created < since:
                        break  # newest first: everything after is older still
                found.append(info)
                if len(found) >= limit:
                    break
        except Exception as exc:
            raise GatewayError(classify_exception(exc)) from exc
        return found

    def check_credentials(self) -> CheckResult:
        """Fetch the account: proves the SID/token pair works and the API is reachable."""
        try:
            account = self._account.fetch()
        except Exception as exc:
            result = classify_exception(exc)
            if result.error_code == 20003 or result.http_status == 401:
                return CheckResult(False, "Twilio rejected the Account SID or Auth Token "
                                          "(error 20003). " + result.hint)
            if result.http_status == 404:
                return CheckResult(False, "Twilio does not know this Account SID (HTTP 404).")
            detail = f" (error {result.error_code})" if result.error_code else ""
            return CheckResult(False, f"{result.error_message}{detail}. {result.hint}")
        status = getattr(account, "status", None)
        if status and str(status) != "active":
            return CheckResult(False, f"The Twilio account is {status}, not active.")
        return CheckResult(True, f"Connected to Twilio account \"{account.friendly_name}\".")
