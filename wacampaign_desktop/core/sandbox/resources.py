"""The three places Twilio keeps a WhatsApp sender's webhook URLs, seeded for the default sender:
a Messaging Service (v1 Services), a Senders API sender (v2 Channels/Senders, `webhook` object)
and a phone number (2010-04-01 IncomingPhoneNumbers). List, fetch and update like Twilio; the
`resource_errors` knob makes one of them answer 403 (no permission) or 404 (no such resource).
Simulated incoming messages go where these say (`incoming_target`)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

from wacampaign_desktop.core.sandbox.config import API_VERSION, DEFAULT_SENDER
from wacampaign_desktop.core.sandbox.state import rfc2822
from wacampaign_desktop.core.sandbox.story import make_sid
from wacampaign_desktop.core.sandbox.webhook_params import bare_number
from wacampaign_desktop.core.sandbox.wsgi import ApiError, Request, not_found, v1_page, v2010_page

KINDS = ("services", "senders", "phone_numbers")
_SERVICE_FIELDS = {"InboundRequestUrl": "inbound_request_url", "InboundMethod": "inbound_method",
                   "StatusCallback": "status_callback", "FriendlyName": "friendly_name",
                   "FallbackUrl": "fallback_url", "FallbackMethod": "fallback_method",
                   "UseInboundWebhookOnNumber": "use_inbound_webhook_on_number"}
_NUMBER_FIELDS = {"SmsUrl": "sms_url", "SmsMethod": "sms_method",
                  "StatusCallback": "status_callback",
                  "StatusCallbackMethod": "status_callback_method",
                  "SmsFallbackUrl": "sms_fallback_url", "SmsFallbackMethod": "sms_fallback_method",
                  "FriendlyName": "friendly_name"}
_WEBHOOK_KEYS = ("callback_url", "callback_method", "fallback_url", "fallback_method",
                 "status_callback_url", "status_callback_method")


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Resource:
    sid: str
    sender: str  # "whatsapp:+E164"
    values: dict[str, object] = field(default_factory=dict)
    created: float = field(default_factory=time.time)
    updated: float = field(default_factory=time.time)


class WebhookResources:
    """Services, senders and phone numbers of the sandbox account."""

    def __init__(self, account_sid: str, seed: int | None, errors: dict[str, int]) -> None:
        self.account_sid = account_sid
        self.errors = errors  # the config's dict: changing it at run time takes effect
        self._lock = threading.Lock()
        s = seed if seed is not None else 0
        self.services: dict[str, Resource] = {}
        self.senders: dict[str, Resource] = {}
        self.phone_numbers: dict[str, Resource] = {}
        self.add_sender(DEFAULT_SENDER, service_sid=make_sid("MG", s, "service", DEFAULT_SENDER),
                        sender_sid=make_sid("XE", s, "sender", DEFAULT_SENDER),
                        number_sid=make_sid("PN", s, "number", DEFAULT_SENDER))

    def add_sender(self, sender: str, *, service_sid: str, sender_sid: str,
                   number_sid: str) -> None:
        """One WhatsApp sender with its Messaging Service, Senders API entry and number, none
        with a webhook URL yet."""
        with self._lock:
            self.services[service_sid] = Resource(service_sid, sender, {
                "friendly_name": "WhatsApp campaigns", "inbound_request_url": None,
                "inbound_method": "POST", "status_callback": None, "fallback_url": None,
                "fallback_method": "POST", "use_inbound_webhook_on_number": False})
            self.senders[sender_sid] = Resource(sender_sid, sender, {
                "webhook": {"callback_url": None, "callback_method": "POST",
                            "fallback_url": None, "fallback_method": "POST",
                            "status_callback_url": None, "status_callback_method": "POST"}})
            self.phone_numbers[number_sid] = Resource(number_sid, sender, {
                "friendly_name": bare_number(sender), "sms_url": None, "sms_method": "POST",
                "status_callback": None, "status_callback_method": "POST",
                "sms_fallback_url": None, "sms_fallback_method": "POST"})

    # --- where Twilio posts for `sender` -------------------------------------------------------
    def incoming_target(self, sender: str) -> str | None:
        """The incoming-message URL set on Twilio for `sender`: the Messaging Service's (unless
        it defers to the number), else the Senders API webhook, else the number's SMS URL."""
        number = bare_number(sender)
        with self._lock:
            for service in self.services.values():
                if (bare_number(service.sender) == number and service.values["inbound_request_url"]
                        and not service.values["use_inbound_webhook_on_number"]):
                    return str(service.values["inbound_request_url"])
            for entry in self.senders.values():
                url = entry.values["webhook"]["callback_url"]  # type: ignore[index]
                if bare_number(entry.sender) == number and url:
                    return str(url)
            for phone in self.phone_numbers.values():
                if bare_number(phone.sender) == number and phone.values["sms_url"]:
                    return str(phone.values["sms_url"])
        return None

    # --- JSON shapes ---------------------------------------------------------------------------
    def _service_json(self, r: Resource, base: str) -> dict:
        url = f"{base}/v1/Services/{r.sid}"
        return {"sid": r.sid, "account_sid": self.account_sid, **r.values,
                "date_created": _iso(r.created), "date_updated": _iso(r.updated),
                "sticky_sender": True, "mms_converter": True, "smart_encoding": True,
                "scan_message_content": "inherit", "fallback_to_long_code": False,
                "area_code_geomatch": True, "synchronous_validation": False,
                "validity_period": 14400, "url": url, "usecase": "marketing",
                "us_app_to_person_registered": False,
                "links": {"phone_numbers": f"{url}/PhoneNumbers", "channel_senders":
                          f"{url}/ChannelSenders"}}

    def _sender_json(self, r: Resource, base: str) -> dict:
        return {"sid": r.sid, "status": "ONLINE", "sender_id": r.sender,
                "configuration": {"waba_id": "123456789012345", "verification_method": "sms",
                                  "verification_code": None, "voice_application_sid": None},
                "webhook": dict(r.values["webhook"]),  # type: ignore[arg-type]
                "profile": {"name": "Sandbox shop", "about": "Demo sender", "address": None,
                            "logo_url": None, "banner_url": None, "privacy_url": None,
                            "terms_of_service_url": None, "accent_color": None,
                            "vertical": "Retail", "websites": None, "emails": None,
                            "phone_numbers": None},
                "properties": {"quality_rating": "HIGH", "messaging_limit": "10K"},
                "offline_reasons": None, "url": f"{base}/v2/Channels/Senders/{r.sid}"}

    def _number_json(self, r: Resource) -> dict:
        uri = f"/{API_VERSION}/Accounts/{self.account_sid}/IncomingPhoneNumbers/{r.sid}.json"
        return {"sid": r.sid, "account_sid": self.account_sid,
                "phone_number": bare_number(r.sender), **r.values, "api_version": API_VERSION,
                "capabilities": {"sms": True, "mms": True, "voice": True, "fax": False},
                "date_created": rfc2822(r.created), "date_updated": rfc2822(r.updated),
                "voice_url": None, "voice_method": "POST", "origin": "twilio",
                "status": "in-use", "uri": uri}

    # --- handlers (the API dispatches here) ---------------------------------------------------
    def _guard(self, kind: str, request: Request) -> None:
        status = self.errors.get(kind)
        if status == 403:
            raise ApiError(403, 20403, "Permission denied: this account may not read or change "
                                       "this resource.")
        if status == 404 and not request.path.rstrip("/").endswith(
                ("/Services", "/Senders", "/IncomingPhoneNumbers.json")):
            raise not_found(request.path)

    def _table(self, kind: str, request: Request) -> list[Resource]:
        self._guard(kind, request)
        if self.errors.get(kind) == 404:
            return []  # "no such resource": the account has none
        with self._lock:
            return list(getattr(self, kind).values())

    def _one(self, kind: str, sid: str, request: Request) -> Resource:
        self._guard(kind, request)
        with self._lock:
            found = getattr(self, kind).get(sid)
        if found is None:
            raise not_found(request.path)
        return found

    def services_list(self, request: Request) -> dict:
        rows = [self._service_json(r, request.host_url) for r in self._table("services", request)]
        return v1_page(request, "services", rows)

    def service(self, request: Request, sid: str) -> dict:
        r = self._one("services", sid, request)
        if request.method == "POST":
            self._apply_form(r, request, _SERVICE_FIELDS)
        return self._service_json(r, request.host_url)

    def senders_list(self, request: Request) -> dict:
        rows = [self._sender_json(r, request.host_url) for r in self._table("senders", request)]
        return v1_page(request, "senders", rows)

    def sender(self, request: Request, sid: str) -> dict:
        r = self._one("senders", sid, request)
        if request.method == "POST":
            webhook = (request.json or {}).get("webhook")
            if webhook is not None and not isinstance(webhook, dict):
                raise ApiError(400, 20001, "webhook must be an object")
            with self._lock:
                current = dict(r.values["webhook"])  # type: ignore[arg-type]
                for key in _WEBHOOK_KEYS:
                    if webhook and webhook.get(key) is not None:
                        current[key] = webhook[key]
                if current["callback_method"] not in ("POST", "PUT"):
                    raise ApiError(400, 20001, "callback_method must be POST or PUT")
                r.values["webhook"] = current
                r.updated = time.time()
        return self._sender_json(r, request.host_url)

    def numbers_list(self, request: Request) -> dict:
        rows = [self._number_json(r) for r in self._table("phone_numbers", request)]
        wanted = request.arg("PhoneNumber")
        if wanted:
            rows = [row for row in rows if row["phone_number"] == bare_number(wanted)]
        return v2010_page(request, "incoming_phone_numbers", rows)

    def number(self, request: Request, sid: str) -> dict:
        r = self._one("phone_numbers", sid, request)
        if request.method == "POST":
            self._apply_form(r, request, _NUMBER_FIELDS)
        return self._number_json(r)

    def _apply_form(self, r: Resource, request: Request, names: dict[str, str]) -> None:
        with self._lock:
            for param, key in names.items():
                value = request.field(param)
                if value is None:
                    continue
                if key.endswith("_method") and value.upper() not in ("GET", "POST"):
                    raise ApiError(400, 20001,
                                   f"{param} must be GET or POST")
                if key == "use_inbound_webhook_on_number":
                    r.values[key] = value.lower() == "true"
                elif key.endswith("_method"):
                    r.values[key] = value.upper()
                else:
                    r.values[key] = value or None
            r.updated = time.time()

    def default_status_callback(self, sender: str | None, service_sid: str | None) -> str | None:
        """Where Twilio posts statuses of a message sent without StatusCallback."""
        with self._lock:
            if service_sid and service_sid in self.services:
                return self.services[service_sid].values["status_callback"]  # type: ignore[return-value]
            number = bare_number(sender or "")
            for entry in self.senders.values():
                if bare_number(entry.sender) == number:
                    url = entry.values["webhook"]["status_callback_url"]  # type: ignore[index]
                    if url:
                        return str(url)
        return None
