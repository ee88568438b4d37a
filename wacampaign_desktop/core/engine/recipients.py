"""Who a campaign goes to, and the message rows it will insert.

Audience: every contact, those with a tag, or a chosen list; one message per distinct phone.
Opted-out contacts and invalid numbers become `skipped` rows whose error_message says why; they
are never sent. A/B variants: the campaign's own text is variant "A", `Campaign.variants` adds
more; recipients are spread over them round-robin, by `weight` when given.

Live audience rules (`AudienceRules`, core/engine/window.py): in live mode demo contacts are left
out (counted in `demo_excluded`); when the 24-hour window is guarded, a free-text campaign's
recipients outside it follow `Campaign.outside_window`: "hold" makes them skipped rows
(skip_reason "outside_window"), "template" sends them the campaign's fallback template instead
(a row whose `content_variables` is set; `content_sid_for` names the template to send).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from wacampaign_desktop.core import status_rules as rules
from wacampaign_desktop.core.engine.rendering import RenderError, RenderProblem, render
from wacampaign_desktop.core.engine.template_rows import finish_templates
from wacampaign_desktop.core.engine.window import AudienceRules
from wacampaign_desktop.core.phones import check_phone
from wacampaign_desktop.core.store.models import Campaign, CampaignMessage, Contact, ContentTemplate

log = logging.getLogger(__name__)


@dataclass
class Preparation:
    """What starting a campaign would insert: rows to send, rows skipped (with reason), and the
    render problems that stop it from starting."""

    recipients: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    problems: list[RenderProblem] = field(default_factory=list)
    demo_excluded: int = 0  # demo contacts left out (live mode)
    window_guarded: bool = False  # free text was checked against the 24-hour window
    inside_window: int = 0  # free-text recipients inside the window (when guarded)
    fallback: int = 0  # recipients outside the window sent the fallback template instead
    held: int = 0  # recipients outside the window not sent (skipped)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def outside_window(self) -> int:
        return self.fallback + self.held

    def skipped_for(self, reason: str) -> int:
        return sum(1 for row in self.skipped if row.get("skip_reason") == reason)


HELD_MESSAGE = ("not sent: this contact has not written in the last 24 hours, and WhatsApp allows "
                "free text only within 24 hours of the contact's last message")


def content_sid_for(campaign: Campaign, message: CampaignMessage) -> str | None:
    """The template a message is sent as: the campaign's own, or for a free-text campaign's row
    prepared for a contact outside the window (content_variables set) its fallback template."""
    if message.variant and campaign.variants:  # G: each A/B variant is a text or a template
        spec = next((s for s in variant_specs(campaign) if s["name"] == message.variant), None)
        if spec is not None:
            return spec.get("content_sid") or None
    if campaign.content_sid:
        return campaign.content_sid
    if message.content_variables is not None and campaign.fallback_content_sid:
        return campaign.fallback_content_sid
    return None


def template_text(content_sid: str, variables: dict[str, str]) -> str:
    """The template's body with its variables filled, when the template is stored locally."""
    template = ContentTemplate.get_or_none(ContentTemplate.sid == content_sid)
    body = str(template.body or "") if template is not None else ""
    for key, value in variables.items():
        body = body.replace("{{" + str(key) + "}}", value)
    return body


def audience_contacts(campaign: Campaign) -> list[Contact]:
    audience = campaign.audience or {}
    kind = audience.get("kind", "all")
    query = Contact.select().order_by(Contact.id)
    contacts = list(query)
    if kind == "tag":
        tag = str(audience.get("tag", "")).strip().lower()
        contacts = [c for c in contacts if tag in {t.lower() for t in (c.tags or [])}]
    elif kind == "list":
        wanted = [int(i) for i in audience.get("contact_ids", [])]
        by_id = {c.id: c for c in contacts}
        contacts = [by_id[i] for i in dict.fromkeys(wanted) if i in by_id]
    return contacts


def variant_specs(campaign: Campaign) -> list[dict[str, Any]]:
    """[{"name", "body", "content_sid", "content_variables", "weight"}], "A" first; [] without a test."""
    if not campaign.variants:
        return []
    base = {"name": "A", "body": campaign.body, "content_sid": campaign.content_sid,
            "content_variables": campaign.content_variables, "weight": 1}
    specs = [base]
    for index, extra in enumerate(campaign.variants):
        if extra.get("name") == "A":  # the editor's shape: A's own split (its text is the campaign's)
            base.update({k: v for k, v in extra.items() if v is not None and k != "name"})
            continue
        spec = dict(base)
        spec["name"] = chr(ord("B") + index)
        spec.update({k: v for k, v in extra.items() if v is not None})
        specs.append(spec)
    return specs


def weighted_round_robin(specs: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Smooth weighted round-robin: equal weights give A, B, A, B…; 3:1 gives A, A, B, A…"""
    weights = [max(float(s.get("weight", 1) or 1), 0.001) for s in specs]
    total = sum(weights)
    current = [0.0] * len(specs)
    while True:
        for i, w in enumerate(weights):
            current[i] += w
        best = max(range(len(specs)), key=lambda i: current[i])
        current[best] -= total
        yield specs[best]


def prepare_rows(campaign: Campaign, audience: AudienceRules | None = None) -> Preparation:
    """Render every recipient of `campaign` without touching the database. `audience`: live
    mode and the 24-hour window (None: neither applies)."""
    audience = audience or AudienceRules()
    prep = Preparation()
    specs = variant_specs(campaign)
    chooser = weighted_round_robin(specs) if specs else None
    guarded = audience.guard_window and not campaign.content_sid
    prep.window_guarded = guarded
    fallback_sid = campaign.fallback_content_sid if campaign.outside_window == "template" else None
    seen: set[str] = set()
    for contact in audience_contacts(campaign):
        if audience.live and contact.is_demo:
            prep.demo_excluded += 1
            continue
        check = check_phone(contact.phone, "")
        phone = check.e164 or contact.phone
        if phone in seen:
            continue
        seen.add(phone)
        row: dict[str, Any] = {"contact": contact.id, "phone": phone, "message": "",
                               "content_variables": None, "variant": None, "error_message": None,
                               "skip_reason": None}  # every row the same keys (one bulk INSERT)
        if check.e164 is None:
            prep.skipped.append({**row, "status": rules.SKIPPED, "skip_reason": "invalid",
                                 "error_message": f"invalid number: {check.reason}"})
            continue
        if contact.opted_out:
            prep.skipped.append({**row, "status": rules.SKIPPED, "skip_reason": "opted_out",
                                 "error_message": "opted out (the contact asked not to be messaged)"})
            continue
        if guarded and not audience.inside(contact.last_inbound_at):
            if not fallback_sid:
                prep.held += 1
                prep.skipped.append({**row, "status": rules.SKIPPED,
                                     "skip_reason": "outside_window", "error_message": HELD_MESSAGE})
                continue
            try:
                variables = _fallback_variables(campaign, contact, phone)
            except RenderError as exc:
                prep.problems.extend(exc.problems)
                continue
            prep.fallback += 1
            prep.recipients.append({**row, "status": rules.PENDING,
                                    "message": template_text(fallback_sid, variables),
                                    "content_variables": variables})
            continue
        if guarded:
            prep.inside_window += 1
        spec = next(chooser) if chooser else None
        source = spec or {"body": campaign.body, "content_sid": campaign.content_sid,
                          "content_variables": campaign.content_variables}
        try:
            rendered = render(body=source.get("body") or "", content_sid=source.get("content_sid"),
                              variables=source.get("content_variables"), contact_id=contact.id,
                              name=contact.name, phone=phone, custom=contact.fields)
        except RenderError as exc:
            prep.problems.extend(exc.problems)
            continue
        prep.recipients.append({**row, "status": rules.PENDING, "message": rendered.body or "",
                                "content_variables": rendered.content_variables,
                                "variant": spec["name"] if spec else None})
    finish_templates(campaign, prep)  # template not synced/approved; the text each row reads
    return prep


def _fallback_variables(campaign: Campaign, contact: Contact, phone: str) -> dict[str, str]:
    """The fallback template's variables for one contact (RenderError names what is missing)."""
    try:
        rendered = render(body="", content_sid=campaign.fallback_content_sid,
                          variables=campaign.fallback_variables or {}, contact_id=contact.id,
                          name=contact.name, phone=phone, custom=contact.fields)
    except RenderError as exc:
        raise RenderError([RenderProblem(p.contact_id, p.phone, p.placeholder,
                                         p.reason.replace("template variable",
                                                          "variable of the template for contacts "
                                                          "outside the 24-hour window"))
                           for p in exc.problems]) from exc
    return dict(rendered.content_variables or {})
