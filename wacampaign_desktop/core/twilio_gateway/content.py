"""The account's Content API templates, read through the real `twilio` client.

`list_templates(gateway)` pages through `GET /v1/ContentAndApprovals` (twilio-python follows
`meta.next_page_url`) and maps each template's `types` (twilio/text, twilio/media,
twilio/quick-reply, twilio/call-to-action, twilio/card, …) to one body and its media URLs, and
its `approval_requests` (WhatsApp's verdict) to a category, a status and a rejection reason.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from wacampaign_desktop.core.twilio_gateway.errors import classify_exception
from wacampaign_desktop.core.twilio_gateway.types import GatewayError

if TYPE_CHECKING:
    from wacampaign_desktop.core.twilio_gateway.gateway import TwilioGateway

PAGE_SIZE = 500  # Twilio allows up to 1000 per page
# The type a template is shown as when it has several (WhatsApp uses the richest it supports).
TYPE_ORDER = ("twilio/media", "twilio/card", "whatsapp/card", "twilio/call-to-action",
              "twilio/quick-reply", "twilio/list-picker", "whatsapp/authentication", "twilio/text")
STATUSES = ("approved", "pending", "rejected", "paused", "disabled", "unsubmitted")
_NUMBER = re.compile(r"\{\{\s*([^{}]+?)\s*\}\}")


@dataclass(frozen=True)
class RemoteTemplate:
    sid: str
    friendly_name: str
    language: str
    category: str
    approval_status: str
    rejection_reason: str
    content_type: str
    body: str
    variables: dict[str, str] = field(default_factory=dict)
    media: list[str] = field(default_factory=list)
    types: dict[str, Any] = field(default_factory=dict)
    date_updated: datetime | None = None

    def as_row(self) -> dict[str, Any]:
        """The ContentTemplate fields (core/store/templates.py)."""
        return {"sid": self.sid, "friendly_name": self.friendly_name, "language": self.language,
                "category": self.category, "approval_status": self.approval_status,
                "rejection_reason": self.rejection_reason, "content_type": self.content_type,
                "body": self.body, "variables": dict(self.variables), "media": list(self.media),
                "types": dict(self.types), "date_updated": self.date_updated}


def main_type(types: dict[str, Any]) -> str:
    for name in TYPE_ORDER:
        if name in types:
            return name
    return next(iter(types), "twilio/text")


def body_and_media(types: dict[str, Any]) -> tuple[str, str, list[str]]:
    """(content type, body text, media URLs) of a template's `types`."""
    kind = main_type(types)
    spec = types.get(kind) or {}
    if not isinstance(spec, dict):
        return kind, "", []
    body = str(spec.get("body") or "")
    if not body and (spec.get("title") or spec.get("subtitle")):  # cards: title and subtitle
        body = "\n".join(str(spec[k]) for k in ("title", "subtitle") if spec.get(k))
    media = spec.get("media") or []
    if isinstance(media, str):
        media = [media]
    if not body:  # e.g. a media type without a caption: the text type's body, if any
        text = types.get("twilio/text")
        body = str(text.get("body") or "") if isinstance(text, dict) else ""
    return kind, body, [str(m) for m in media if m]


def approval(requests: Any) -> tuple[str, str, str]:
    """(category, status, rejection reason) from `approval_requests`; WhatsApp's own entry when
    it is nested by channel ({"whatsapp": {…}})."""
    if not isinstance(requests, dict):
        return "", "unsubmitted", ""
    entry = requests.get("whatsapp") if isinstance(requests.get("whatsapp"), dict) else requests
    status = str(entry.get("status") or "unsubmitted").strip().lower()
    return (str(entry.get("category") or "").strip().upper(), status,
            str(entry.get("rejection_reason") or ""))


def from_payload(instance: Any) -> RemoteTemplate:
    """One `ContentAndApprovalsInstance` (or a dict with the same keys)."""
    def get(name: str) -> Any:
        return instance.get(name) if isinstance(instance, dict) else getattr(instance, name, None)

    types = get("types") or {}
    kind, body, media = body_and_media(types if isinstance(types, dict) else {})
    category, status, reason = approval(get("approval_requests"))
    variables = get("variables") or {}
    updated = get("date_updated")
    return RemoteTemplate(
        sid=str(get("sid")), friendly_name=str(get("friendly_name") or ""),
        language=str(get("language") or ""), category=category, approval_status=status,
        rejection_reason=reason, content_type=kind, body=body,
        variables={str(k): str(v) for k, v in variables.items()} if isinstance(variables, dict) else {},
        media=media, types=dict(types) if isinstance(types, dict) else {},
        date_updated=updated if isinstance(updated, datetime) else None)


def placeholder_numbers(*texts: str) -> list[str]:
    """The placeholders of a template's texts, numbers in numeric order ("1", "2", "10")."""
    found = {m.group(1) for text in texts for m in _NUMBER.finditer(text or "")}
    return sorted(found, key=lambda p: (0, int(p), "") if p.isdigit() else (1, 0, p))


def list_templates(gateway: TwilioGateway, page_size: int = PAGE_SIZE) -> list[RemoteTemplate]:
    """Every template of the account, all pages; raises GatewayError (with `.result`)."""
    try:
        resource = gateway.client.content.v1.content_and_approvals
        return [from_payload(item) for item in resource.list(page_size=page_size)]
    except GatewayError:
        raise
    except Exception as exc:
        raise GatewayError(classify_exception(_page_error(exc))) from exc


def _page_error(exc: Exception) -> Exception:
    """twilio's paging raises a bare TwilioException("Unable to fetch page", response) for an
    error answer: made the TwilioRestException it would be elsewhere (HTTP status, Twilio code)."""
    response = exc.args[1] if len(exc.args) > 1 else None
    status = getattr(response, "status_code", None)
    if not isinstance(status, int):
        return exc
    from twilio.base.exceptions import TwilioRestException

    code, message = None, str(exc.args[0])
    try:
        payload = json.loads(getattr(response, "text", "") or "{}")
        code, message = payload.get("code"), payload.get("message") or message
    except (ValueError, AttributeError):
        pass
    return TwilioRestException(status, "/v1/ContentAndApprovals", msg=message, code=code)
