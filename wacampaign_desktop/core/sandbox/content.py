"""The sandbox's Content API (content.twilio.com): templates in every approval state, their JSON
as `GET /v1/ContentAndApprovals` and `GET /v1/Content/{sid}` give it, and how a template send is
rendered or refused (21656 at create; 63027 / 63028 as a failed status, as on WhatsApp)."""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

from wacampaign_desktop.core.sandbox.config import PARAMETER_COUNT, TEMPLATE_MISSING
from wacampaign_desktop.core.sandbox.story import make_sid

APPROVAL_STATES = ("approved", "pending", "rejected", "unsubmitted", "paused", "disabled")
PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z0-9_]+)\s*\}\}")
_BAD_VALUE = re.compile(r"[\n\t]| {5,}")


class ContentVariablesInvalid(ValueError):
    """ContentVariables Twilio refuses at create (HTTP 400, code 21656)."""


@dataclass
class SandboxTemplate:
    """One Content API template with its WhatsApp approval."""

    sid: str
    friendly_name: str
    language: str
    body: str
    variables: dict[str, str] = field(default_factory=dict)  # placeholder -> sample value
    content_type: str = "twilio/text"  # twilio/text | twilio/media | twilio/quick-reply
    media: list[str] = field(default_factory=list)
    actions: list[dict[str, str]] = field(default_factory=list)  # quick-reply buttons
    category: str = "UTILITY"  # MARKETING | UTILITY | AUTHENTICATION
    status: str = "approved"
    rejection_reason: str = ""
    created: float = field(default_factory=time.time)

    def placeholders(self) -> list[str]:
        return sorted(set(PLACEHOLDER.findall(self.body)), key=_placeholder_order)

    def types(self) -> dict[str, dict]:
        if self.content_type == "twilio/media":
            return {"twilio/media": {"body": self.body, "media": list(self.media)}}
        if self.content_type == "twilio/quick-reply":
            return {"twilio/quick-reply": {"body": self.body, "actions": list(self.actions)},
                    "twilio/text": {"body": self.body}}
        return {"twilio/text": {"body": self.body}}

    def render(self, values: dict[str, str]) -> str:
        return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), self.body)

    def content_json(self, account_sid: str) -> dict:
        url = f"https://content.twilio.com/v1/Content/{self.sid}"
        return {
            "sid": self.sid, "account_sid": account_sid, "friendly_name": self.friendly_name,
            "language": self.language, "variables": dict(self.variables), "types": self.types(),
            "date_created": _iso(self.created), "date_updated": _iso(self.created),
            "url": url,
            "links": {"approval_fetch": f"{url}/ApprovalRequests",
                      "approval_create": f"{url}/ApprovalRequests/whatsapp"},
        }

    def approval_json(self, account_sid: str) -> dict:
        body = self.content_json(account_sid)
        for name in ("url", "links"):
            body.pop(name)
        body["approval_requests"] = {
            "type": "whatsapp", "name": self.friendly_name, "category": self.category,
            "content_type": self.content_type, "status": self.status,
            "rejection_reason": self.rejection_reason, "allow_category_change": True,
        }
        return body


def _placeholder_order(name: str) -> tuple[int, str]:
    return (int(name), "") if name.isdigit() else (10**6, name)


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def demo_catalogue(seed: int | None) -> list[SandboxTemplate]:
    """A shop's realistic catalogue: every approval state, three types, English and French."""

    def sid(name: str, language: str) -> str:
        return make_sid("HX", seed if seed is not None else 0, "template", name, language)

    def t(name: str, language: str, body: str, **kw: object) -> SandboxTemplate:
        return SandboxTemplate(sid(name, language), name, language, body, **kw)  # type: ignore[arg-type]

    city = {"1": "Marie", "2": "Lyon"}
    return [
        t("order_update", "en", "Hello {{1}}, your order is ready for pickup at our {{2}} "
          "shop.", variables=city),
        t("order_update", "fr", "Bonjour {{1}}, votre commande vous attend dans notre magasin "
          "de {{2}}.", variables=city),
        t("spring_sale", "en", "Hi {{1}}! Our spring sale starts today: 20 % off everything.",
          variables={"1": "Marie"}, content_type="twilio/media", category="MARKETING",
          media=["https://demo.twilio.com/owl.png"]),
        t("spring_sale", "fr", "Bonjour {{1}} ! Nos soldes de printemps commencent aujourd'hui "
          ": -20 % sur tout.", variables={"1": "Marie"}, content_type="twilio/media",
          category="MARKETING", media=["https://demo.twilio.com/owl.png"]),
        t("appointment_reminder", "en", "Hi {{1}}, see you on {{2}}. Can you make it?",
          variables={"1": "Marie", "2": "Saturday 10:00"}, content_type="twilio/quick-reply",
          actions=[{"title": "Yes", "id": "yes"}, {"title": "No", "id": "no"}]),
        t("loyalty_points", "en", "{{1}}, you have {{2}} loyalty points.",
          variables={"1": "Marie", "2": "120"}, category="MARKETING", status="pending"),
        t("flash_offer", "fr", "Dernière chance {{1}} : tout doit disparaître !",
          variables={"1": "Marie"}, category="MARKETING", status="rejected",
          rejection_reason="The template looks like a promotion but is filed as UTILITY."),
        t("welcome_draft", "en", "Welcome to our shop, {{1}}!", variables={"1": "Marie"},
          status="unsubmitted"),
        t("black_friday", "en", "Black Friday: {{1}} % off today only.",
          variables={"1": "30"}, category="MARKETING", status="paused"),
        t("old_newsletter", "fr", "La lettre du mois est arrivée, {{1}}.",
          variables={"1": "Marie"}, category="MARKETING", status="disabled"),
    ]


def parse_variables(raw: str | None) -> dict[str, str] | None:
    """ContentVariables → dict, or ContentVariablesInvalid (Twilio's 21656): not a JSON object,
    an empty value, a newline or tab, or more than four spaces in a row."""
    if raw is None:
        return None
    try:
        parsed = json.loads(raw)
    except ValueError:
        raise ContentVariablesInvalid("The ContentVariables Parameter is invalid.") from None
    if not isinstance(parsed, dict):
        raise ContentVariablesInvalid("The ContentVariables Parameter is invalid.")
    values: dict[str, str] = {}
    for key, value in parsed.items():
        text = "" if value is None else str(value)
        if not text.strip() or _BAD_VALUE.search(text):
            raise ContentVariablesInvalid(
                f"The ContentVariables Parameter is invalid: variable {key} is empty or has a "
                "newline, a tab or more than four spaces in a row.")
        values[str(key)] = text
    return values


class ContentCatalogue:
    """The account's templates, safe across threads; tests add their own with `add`."""

    def __init__(self, seed: int | None, seeded: bool = True) -> None:
        self._lock = threading.Lock()
        self._seed = seed
        self._templates: dict[str, SandboxTemplate] = {}
        for template in demo_catalogue(seed) if seeded else []:
            self._templates[template.sid] = template

    def add(self, friendly_name: str, body: str, *, language: str = "en",
            variables: dict[str, str] | None = None, status: str = "approved",
            sid: str | None = None, **fields: object) -> SandboxTemplate:
        if status not in APPROVAL_STATES:
            raise ValueError(f"status must be one of {APPROVAL_STATES}")
        with self._lock:
            n = len(self._templates)
            template = SandboxTemplate(  # type: ignore[arg-type]
                sid or make_sid("HX", self._seed if self._seed is not None else 0, "added",
                                friendly_name, language, n),
                friendly_name, language, body, dict(variables or {}), status=status, **fields)
            self._templates[template.sid] = template
        return template

    def get(self, sid: str) -> SandboxTemplate | None:
        with self._lock:
            return self._templates.get(sid)

    def all(self) -> list[SandboxTemplate]:
        """Oldest first, then by name and language (a stable order for paging)."""
        with self._lock:
            templates = list(self._templates.values())
        return sorted(templates, key=lambda t: (t.created, t.friendly_name, t.language, t.sid))

    def clear(self) -> None:
        with self._lock:
            self._templates.clear()

    def render_send(self, content_sid: str, values: dict[str, str] | None
                    ) -> tuple[str, list[str], tuple[str, int, str] | None]:
        """(body, media, failure) of a template send: failure is 63027 (no such approved
        template) or 63028 (variables do not match the placeholders), else None."""
        template = self.get(content_sid)
        if template is None or template.status != "approved":
            return "", [], TEMPLATE_MISSING
        wanted = template.placeholders()
        if values is None:  # no ContentVariables: the template's own sample values
            values = {k: v for k, v in template.variables.items() if k in wanted}
        if set(values) != set(wanted):
            return template.body, list(template.media), PARAMETER_COUNT
        return template.render(values), list(template.media), None
