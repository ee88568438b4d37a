"""The form parameters Twilio posts: status callbacks and incoming WhatsApp messages."""

from __future__ import annotations

from wacampaign_desktop.core.sandbox.config import API_VERSION
from wacampaign_desktop.core.sandbox.state import SandboxMessage
from wacampaign_desktop.core.sandbox.story import Step

STOP_WORDS = {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"}
START_WORDS = {"START", "UNSTOP", "YES"}
EVENT_TYPES = {"delivered": "DELIVERED", "read": "READ"}


def bare_number(address: str) -> str:
    return address.split(":", 1)[1] if ":" in address else address


def status_callback_params(message: SandboxMessage, step: Step, channel_install_sid: str
                           ) -> dict[str, str]:
    params = {
        "MessageSid": message.sid,
        "SmsSid": message.sid,
        "MessageStatus": step.status,
        "SmsStatus": step.status,
        "AccountSid": message.account_sid,
        "From": message.from_ or "",
        "To": message.to,
        "ApiVersion": API_VERSION,
        "ChannelPrefix": "whatsapp",
        "ChannelInstallSid": channel_install_sid,
        "ChannelToAddress": bare_number(message.to),
        "StructuredMessage": "false",
    }
    if message.messaging_service_sid:
        params["MessagingServiceSid"] = message.messaging_service_sid
    if step.error_code is not None:
        params["ErrorCode"] = str(step.error_code)
        params["ChannelStatusMessage"] = step.error_message or ""
    if step.status in EVENT_TYPES:
        params["EventType"] = EVENT_TYPES[step.status]
    return params


def incoming_params(*, sid: str, account_sid: str, from_phone: str, to: str, body: str,
                    profile_name: str | None = None, messaging_service_sid: str | None = None,
                    media: list[tuple[str, str]] | None = None) -> dict[str, str]:
    """An incoming WhatsApp message's form; `media`: (Twilio's URL, content type) pairs."""
    from_addr = from_phone if from_phone.startswith("whatsapp:") else f"whatsapp:{from_phone}"
    to_addr = to if to.startswith("whatsapp:") else f"whatsapp:{to}"
    params = {
        "SmsMessageSid": sid,
        "MessageSid": sid,
        "SmsSid": sid,
        "AccountSid": account_sid,
        "From": from_addr,
        "To": to_addr,
        "Body": body,
        "NumMedia": "0",
        "NumSegments": "1",
        "SmsStatus": "received",
        "ApiVersion": API_VERSION,
        "ProfileName": profile_name or "Sandbox contact",
        "WaId": bare_number(from_addr).lstrip("+"),
        "MessageType": "text",
        "ReferralNumMedia": "0",
    }
    if messaging_service_sid:
        params["MessagingServiceSid"] = messaging_service_sid
    for i, (url, content_type) in enumerate(media or []):
        params[f"MediaUrl{i}"], params[f"MediaContentType{i}"] = url, content_type
    if media:
        params["NumMedia"] = str(len(media))
        kind = media[0][1].split("/", 1)[0]
        params["MessageType"] = kind if kind in ("image", "audio", "video") else "document"
    word = body.strip().upper()
    if word in STOP_WORDS:
        params["OptOutType"] = "STOP"
    elif word in START_WORDS:
        params["OptOutType"] = "START"
    return params
