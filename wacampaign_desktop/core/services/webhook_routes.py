""""Apply to Twilio": point the configured sender's incoming and status webhooks at the app's
public URL, read them back, and say whether Twilio's setting matches the app's.

`WebhookRoutes(credentials, sender).apply(public_url) -> RouteReport` and `.check(public_url)`.
Without the permission or the resource, `RouteReport.message` is one plain sentence saying what
to set in the Twilio Console (which page, which field, which URL). `apply` records an Activity
entry and, when it worked, the applied URL (so the runtime can re-apply when the URL changes).
"""

from __future__ import annotations

import logging
import socket
from dataclasses import asdict, dataclass
from typing import Any

from wacampaign_desktop.core.store import receiver_state
from wacampaign_desktop.core.twilio_gateway.types import TwilioCredentials
from wacampaign_desktop.core.twilio_gateway.webhook_settings import (
    MESSAGING_SERVICE,
    WHATSAPP_SENDER,
    RouteAccessError,
    WebhookResource,
    WebhookSettingsClient,
)
from wacampaign_desktop.core.webhooks.app import INCOMING_PATH, STATUS_PATH

log = logging.getLogger(__name__)

KIND_WORDS = {MESSAGING_SERVICE: "Messaging Service", WHATSAPP_SENDER: "WhatsApp sender",
              "phone_number": "phone number"}


@dataclass(frozen=True)
class RouteReport:
    """What Twilio holds for the sender versus what the app needs."""

    ok: bool  # Twilio's setting could be read (and written, for apply)
    matches: bool  # both URLs on Twilio are the app's
    kind: str  # "messaging_service" | "whatsapp_sender" | "phone_number" | "" (not found)
    sid: str
    address: str  # the MG SID or the phone number
    app_incoming_url: str
    app_status_url: str
    twilio_incoming_url: str | None = None
    twilio_status_url: str | None = None
    problem: str = ""  # "" | "permission" | "not_found" | "unreachable" | "no_url"
    detail: str = ""  # Twilio's own words (English), for the log and the curious
    message: str = ""  # one plain English sentence
    applied: bool = False  # apply() wrote the URLs

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def app_urls(public_url: str) -> tuple[str, str]:
    base = public_url.rstrip("/")
    return base + INCOMING_PATH, base + STATUS_PATH


def console_steps(kind: str, address: str, incoming_url: str, status_url: str) -> str:
    """Where in the Twilio Console to set the two URLs by hand, in one sentence."""
    if kind == MESSAGING_SERVICE:
        return (f"In the Twilio Console, open Messaging → Services → {address} → Integration: under "
                f"“Incoming Messages” choose “Send a webhook” and set the Request URL to "
                f"{incoming_url} (HTTP POST), and set the Delivery Status Callback to {status_url}.")
    if kind == WHATSAPP_SENDER:
        return (f"In the Twilio Console, open Messaging → Senders → WhatsApp senders → {address} → "
                f"Endpoint configuration: set “Webhook URL for incoming messages” to "
                f"{incoming_url} (POST) and “Status callback URL” to {status_url}.")
    return (f"In the Twilio Console, open Phone Numbers → Manage → Active numbers → {address} "
            f"(or Messaging → Senders → WhatsApp senders for a WhatsApp number): set “A message "
            f"comes in” to Webhook {incoming_url} (HTTP POST) and the status callback URL to "
            f"{status_url}.")


def _failure_message(error: RouteAccessError, kind: str, address: str, incoming: str,
                     status: str) -> str:
    steps = console_steps(kind, address, incoming, status)
    if error.reason == "permission":
        return (f"Twilio did not let this app change the {KIND_WORDS.get(kind, 'sender')}'s "
                f"webhooks (the Auth Token or API key lacks the permission). {steps}")
    if error.reason == "not_found":
        return f"Twilio has no {KIND_WORDS.get(kind, 'sender')} {address} on this account. {steps}"
    return (f"Twilio could not be reached to set the webhooks ({error.detail}). Try again, or "
            f"set them by hand. {steps}")


class WebhookRoutes:
    """The configured sender's webhooks on one account (Twilio, or the sandbox in tests)."""

    def __init__(self, credentials: TwilioCredentials, sender: str, *, record: bool = True,
                 timeout: float = 15.0) -> None:
        self.credentials = credentials
        self.sender = sender
        self.record = record  # store the Activity entry and the applied URL (needs the database)
        self.timeout = timeout

    def _resource_guess(self) -> tuple[str, str]:
        if self.sender.startswith("MG"):
            return MESSAGING_SERVICE, self.sender
        return "phone_number", self.sender.removeprefix("whatsapp:")

    def check(self, public_url: str) -> RouteReport:
        """Read Twilio's setting and compare it with the app's URLs (changes nothing)."""
        return self._run(public_url, write=False)

    def apply(self, public_url: str, *, automatic: bool = False) -> RouteReport:
        """Set the two URLs on Twilio, read them back and compare."""
        report = self._run(public_url, write=True)
        if self.record:
            self._remember(report, automatic)
        return report

    def _run(self, public_url: str, *, write: bool) -> RouteReport:
        incoming, status = app_urls(public_url) if public_url else ("", "")
        kind, address = self._resource_guess()
        if not public_url.startswith(("https://", "http://")):
            return RouteReport(False, False, kind, "", address, incoming, status, problem="no_url",
                               message="The app has no public address yet (start the tunnel or "
                                       "enter your server's address first).")
        client = WebhookSettingsClient(self.credentials, timeout=self.timeout)
        resource: WebhookResource | None = None
        try:
            resource = client.find(self.sender)
            if write:
                client.write(resource, incoming, status)
            targets = client.read(resource)
        except RouteAccessError as exc:
            kind = resource.kind if resource is not None else (exc.kind or kind)
            sid = resource.sid if resource is not None else exc.sid
            log.warning("Webhook settings on Twilio: %s (%s)", exc.reason, exc.detail)
            return RouteReport(False, False, kind, sid, address, incoming, status,
                               problem=exc.reason, detail=exc.detail,
                               message=_failure_message(exc, kind, address, incoming, status))
        finally:
            client.close()
        matches = targets.incoming_url == incoming and targets.status_url == status
        word = KIND_WORDS[resource.kind]
        if matches:
            message = (f"The {word} {resource.address} sends incoming messages to {incoming} and "
                       f"statuses to {status}, as this app expects.")
        else:
            message = (f"The {word} {resource.address} does not send its webhooks to this app "
                       f"(incoming: {targets.incoming_url or 'not set'}; status: "
                       f"{targets.status_url or 'not set'}). "
                       + ("Press “Apply to Twilio”, or set them by hand. " if not write else "")
                       + console_steps(resource.kind, resource.address, incoming, status))
        return RouteReport(True, matches, resource.kind, resource.sid, resource.address, incoming,
                           status, targets.incoming_url, targets.status_url, message=message,
                           applied=write)

    def _remember(self, report: RouteReport, automatic: bool) -> None:
        base = report.app_incoming_url.removesuffix(INCOMING_PATH)
        details = {"kind": report.kind, "sid": report.sid, "address": report.address,
                   "matches": report.matches, "automatic": automatic,
                   "problem": report.problem, "message": report.message}
        try:
            receiver_state.record_routes_activity("applied" if report.matches else "failed",
                                                  base, details)
            if report.matches:
                receiver_state.save_applied_routes({"public_url": base, "kind": report.kind,
                                                    "sid": report.sid, "sender": self.sender,
                                                    "host": socket.gethostname()})
        except Exception:  # the database is not the point here: never lose the report for it
            log.exception("Recording the webhook settings in the database failed")


def last_applied_url(*, this_host: bool = False) -> str | None:
    """The public URL the last successful "Apply to Twilio" set, or None if never applied
    (with `this_host`: also None when another computer on the shared database applied it, so
    a desktop's new tunnel URL never takes Twilio's webhooks away from the team's server)."""
    value = receiver_state.applied_routes()
    if not value or not value.get("public_url"):
        return None
    if this_host and value.get("host", socket.gethostname()) != socket.gethostname():
        return None
    return str(value["public_url"])
