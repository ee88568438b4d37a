"""Where Twilio sends a sender's webhooks, read and set through the real `twilio` client.

Three places, chosen from the configured sender:
- a Messaging Service SID "MG…": `messaging.v1.services(MG)` (inbound_request_url, status_callback);
- a WhatsApp sender registered through the Senders API: `messaging.v2.channels_senders(XE…)`
  with its `webhook` object (callback_url, status_callback_url), found by listing the senders
  whose sender_id is "whatsapp:+…";
- otherwise a phone number: `api…incoming_phone_numbers(PN…)` (sms_url, status_callback), found
  by listing with phone_number.

Failures come out as `RouteAccessError` with a `reason`: "permission" (401/403/20003),
"not_found" (404 or no such resource) or "unreachable" (network, other errors).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.rest import Client

from wacampaign_desktop.core.redaction import register_secret
from wacampaign_desktop.core.twilio_gateway.gateway import PooledHttpClient
from wacampaign_desktop.core.twilio_gateway.types import TwilioCredentials

log = logging.getLogger(__name__)

MESSAGING_SERVICE = "messaging_service"
WHATSAPP_SENDER = "whatsapp_sender"
PHONE_NUMBER = "phone_number"
KINDS = (MESSAGING_SERVICE, WHATSAPP_SENDER, PHONE_NUMBER)


class RouteAccessError(RuntimeError):
    """Twilio's setting could not be read or written; `reason` says why in one word."""

    def __init__(self, reason: str, detail: str, kind: str = "", sid: str = "") -> None:
        super().__init__(detail)
        self.reason = reason  # "permission" | "not_found" | "unreachable"
        self.detail = detail
        self.kind = kind
        self.sid = sid


@dataclass(frozen=True)
class WebhookResource:
    kind: str  # one of KINDS
    sid: str  # MG…, XE…, PN…
    address: str  # what the user knows it by: the MG SID or the phone number "+…"


@dataclass(frozen=True)
class WebhookTargets:
    """The two URLs one resource holds (None: not set on Twilio)."""

    incoming_url: str | None
    status_url: str | None


class _SenderUpdate:
    """The Senders API update body with only the `webhook` object (the library's own request
    class would also send null friendly_name/configuration/profile)."""

    def __init__(self, incoming_url: str, status_url: str) -> None:
        self.webhook = {"callback_url": incoming_url, "callback_method": "POST",
                        "status_callback_url": status_url, "status_callback_method": "POST"}

    def to_dict(self) -> dict[str, Any]:
        return {"webhook": self.webhook}


def _status_of(exc: BaseException) -> tuple[int | None, int | None, str]:
    """(HTTP status, Twilio code, message) of a twilio error: a TwilioRestException (fetch,
    update) or the TwilioException("Unable to fetch page", response) a list raises."""
    if isinstance(exc, TwilioRestException):
        return exc.status, exc.code, str(exc.msg)
    response = exc.args[1] if isinstance(exc, TwilioException) and len(exc.args) > 1 else None
    status = getattr(response, "status_code", None)
    if status is None:
        return None, None, str(exc)
    try:
        body = json.loads(response.text)
    except (ValueError, TypeError, AttributeError):
        body = {}
    body = body if isinstance(body, dict) else {}
    code = body.get("code")
    return int(status), int(code) if isinstance(code, int) else None, str(
        body.get("message") or exc.args[0])


def _error(exc: BaseException, resource: WebhookResource | None = None) -> RouteAccessError:
    kind, sid = (resource.kind, resource.sid) if resource is not None else ("", "")
    if isinstance(exc, RouteAccessError):
        return exc
    status, code, message = _status_of(exc)
    if status is not None:
        detail = f"HTTP {status}" + (f", error {code}" if code else "") + f": {message}"
        if status in (401, 403) or code == 20003:
            return RouteAccessError("permission", detail, kind, sid)
        if status == 404 or code == 20404:
            return RouteAccessError("not_found", detail, kind, sid)
        return RouteAccessError("unreachable", detail, kind, sid)
    return RouteAccessError("unreachable", f"{type(exc).__name__}: {exc}", kind, sid)


class WebhookSettingsClient:
    """Reads and writes the webhook URLs of one account's senders (Twilio or the sandbox)."""

    def __init__(self, credentials: TwilioCredentials, timeout: float = 15.0) -> None:
        register_secret(credentials.auth_token)
        self.credentials = credentials
        self._http = PooledHttpClient(timeout=timeout, pool_size=2)
        self._client = Client(credentials.account_sid, credentials.auth_token,
                              http_client=self._http)
        if credentials.base_url:
            base = credentials.base_url.rstrip("/")
            self._client.api.base_url = base
            self._client.messaging.base_url = base
            if urlsplit(base).hostname in ("127.0.0.1", "localhost", "::1"):
                assert self._http.session is not None
                self._http.session.trust_env = False
        self._account = self._client.api.v2010.accounts(credentials.account_sid)

    def close(self) -> None:
        if self._http.session is not None:
            self._http.session.close()

    # -- finding the resource ---------------------------------------------------------------
    def find(self, sender: str) -> WebhookResource:
        """The resource that holds `sender`'s webhooks. Raises RouteAccessError."""
        sender = sender.strip()
        if sender.startswith("MG"):
            try:
                service = self._client.messaging.v1.services(sender).fetch()
            except Exception as exc:
                raise _error(exc, WebhookResource(MESSAGING_SERVICE, sender, sender)) from exc
            return WebhookResource(MESSAGING_SERVICE, str(service.sid), sender)
        number = sender.removeprefix("whatsapp:")
        if not number:
            raise RouteAccessError("not_found", "no sender is configured")
        found = self._find_whatsapp_sender(number)
        if found is not None:
            return found
        try:
            numbers = self._account.incoming_phone_numbers.list(phone_number=number, limit=20)
        except Exception as exc:
            raise _error(exc, WebhookResource(PHONE_NUMBER, "", number)) from exc
        for item in numbers:
            if str(item.phone_number) == number:
                return WebhookResource(PHONE_NUMBER, str(item.sid), number)
        raise RouteAccessError(
            "not_found", f"{number} is neither a WhatsApp sender nor a phone number of this account",
            PHONE_NUMBER, "")

    def _find_whatsapp_sender(self, number: str) -> WebhookResource | None:
        """The Senders API sender "whatsapp:<number>", or None when the account has none (a 404
        on the list means the API is not enabled there: fall back to the phone number)."""
        wanted = f"whatsapp:{number}"
        try:
            for item in self._client.messaging.v2.channels_senders.stream(channel="whatsapp",
                                                                         page_size=50):
                if str(item.sender_id) == wanted:
                    return WebhookResource(WHATSAPP_SENDER, str(item.sid), number)
        except Exception as exc:
            if _status_of(exc)[0] == 404:
                return None
            raise _error(exc, WebhookResource(WHATSAPP_SENDER, "", number)) from exc
        return None

    # -- reading and writing ----------------------------------------------------------------
    def read(self, resource: WebhookResource) -> WebhookTargets:
        """The URLs Twilio holds now for `resource`. Raises RouteAccessError."""
        try:
            if resource.kind == MESSAGING_SERVICE:
                item = self._client.messaging.v1.services(resource.sid).fetch()
                return WebhookTargets(item.inbound_request_url or None, item.status_callback or None)
            if resource.kind == WHATSAPP_SENDER:
                item = self._client.messaging.v2.channels_senders(resource.sid).fetch()
                hook = item.webhook if isinstance(item.webhook, dict) else {}
                return WebhookTargets(hook.get("callback_url") or None,
                                      hook.get("status_callback_url") or None)
            item = self._account.incoming_phone_numbers(resource.sid).fetch()
            return WebhookTargets(item.sms_url or None, item.status_callback or None)
        except Exception as exc:
            raise _error(exc, resource) from exc

    def write(self, resource: WebhookResource, incoming_url: str, status_url: str) -> None:
        """Point `resource`'s incoming and status webhooks at the two URLs (POST)."""
        log.info("Setting the webhooks of %s %s to %s and %s", resource.kind, resource.sid,
                 incoming_url, status_url)
        try:
            if resource.kind == MESSAGING_SERVICE:
                self._client.messaging.v1.services(resource.sid).update(
                    inbound_request_url=incoming_url, inbound_method="POST",
                    status_callback=status_url)
            elif resource.kind == WHATSAPP_SENDER:
                self._client.messaging.v2.channels_senders(resource.sid).update(
                    _SenderUpdate(incoming_url, status_url))
            else:
                self._account.incoming_phone_numbers(resource.sid).update(
                    sms_url=incoming_url, sms_method="POST", status_callback=status_url)
        except Exception as exc:
            raise _error(exc, resource) from exc
