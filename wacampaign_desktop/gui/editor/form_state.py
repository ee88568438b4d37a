"""What the editor form holds, as plain data (no Qt): turning it into an (unsaved) Campaign,
the contact fields placeholders may use, and a dry run of the core's recipient preparation."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from wacampaign_desktop.core.engine.recipients import Preparation, prepare_rows
from wacampaign_desktop.core.engine.rendering import RenderError, placeholders, render
from wacampaign_desktop.core.store.database import database_proxy
from wacampaign_desktop.core.store.models import Campaign, Contact

log = logging.getLogger(__name__)

CONTENT_SID_RE = re.compile(r"^HX[0-9a-fA-F]{32}$")
MAX_BODY = 1600  # Twilio refuses longer message bodies


@dataclass
class EditorValues:
    name: str = ""
    kind: str = "text"  # "text" | "template"
    body: str = ""
    content_sid: str = ""
    variables: dict[str, str] = field(default_factory=dict)
    media_url: str = ""
    variant_b: str | None = None  # None: no A/B test
    audience: dict[str, Any] = field(default_factory=lambda: {"kind": "all"})
    rate: float = 10.0
    scheduled_at: datetime | None = None  # naive UTC

    @classmethod
    def from_campaign(cls, c: Campaign) -> EditorValues:
        variant = next((v.get("body") for v in (c.variants or []) if isinstance(v, dict)), None)
        return cls(name=c.name, kind="template" if c.content_sid else "text", body=c.body or "",
                   content_sid=c.content_sid or "", variables=dict(c.content_variables or {}),
                   media_url=c.media_url or "", variant_b=variant,
                   audience=dict(c.audience or {"kind": "all"}), rate=c.send_rate,
                   scheduled_at=c.scheduled_at)

    def apply_to(self, campaign: Campaign) -> Campaign:
        template = self.kind == "template"
        campaign.name = self.name.strip()
        campaign.body = "" if template else self.body
        campaign.content_sid = self.content_sid.strip() if template else None
        campaign.content_variables = dict(self.variables) if template else {}
        campaign.media_url = self.media_url.strip() or None
        campaign.variants = [{"name": "B", "body": self.variant_b}] \
            if (self.variant_b is not None and not template) else []
        campaign.audience = dict(self.audience)
        campaign.send_rate = float(self.rate)
        campaign.scheduled_at = self.scheduled_at
        return campaign

    def texts(self) -> list[str]:
        """Every text whose placeholders must render."""
        if self.kind == "template":
            return [str(v) if "{{" in str(v) else "{{" + str(v) + "}}" for v in self.variables.values()]
        return [self.body] + ([self.variant_b] if self.variant_b is not None else [])


def known_fields() -> list[str]:
    """name, phone, then every custom field key used by a contact (lower case, sorted)."""
    cursor = database_proxy.execute_sql(
        "SELECT DISTINCT lower(j.key) FROM contact, json_each(contact.fields) AS j ORDER BY 1")
    custom = [row[0] for row in cursor.fetchall() if row[0] and row[0] not in ("name", "phone")]
    return ["name", "phone", *custom]


def unknown_placeholders(values: EditorValues, fields: list[str]) -> list[str]:
    known = set(fields)
    out: list[str] = []
    for text in values.texts():
        out += [p for p in placeholders(text) if p.lower() not in known and p not in out]
    return out


def dry_run(values: EditorValues) -> Preparation:
    """The core's recipient preparation on an unsaved campaign: nothing is written."""
    return prepare_rows(values.apply_to(Campaign(name=values.name or "-")))


@dataclass
class PreviewResult:
    body: str | None
    variables: dict[str, str] | None
    missing: list[str]


def preview_for(values: EditorValues, contact: Contact | None, variant: str = "A") -> PreviewResult:
    """The message as `contact` would receive it (missing placeholders listed, shown empty)."""
    name = contact.name if contact else ""
    phone = contact.phone if contact else ""
    custom = contact.fields if contact else {}
    body = values.variant_b if (variant == "B" and values.variant_b is not None) else values.body
    template = values.kind == "template"
    try:
        rendered = render(body=body, content_sid=values.content_sid if template else None,
                          variables=values.variables if template else None,
                          contact_id=contact.id if contact else None, name=name, phone=phone,
                          custom=custom)
        return PreviewResult(rendered.body, rendered.content_variables, [])
    except RenderError as exc:
        missing = list(dict.fromkeys(p.placeholder for p in exc.problems))
        from wacampaign_desktop.core.engine.rendering import contact_values, render_text

        fields = contact_values(name, phone, custom)
        if template:
            rendered_vars = {k: render_text(t if "{{" in str(t) else "{{" + str(t) + "}}", fields)[0]
                             for k, t in values.variables.items()}
            return PreviewResult(None, rendered_vars, missing)
        return PreviewResult(render_text(body, fields)[0], None, missing)
