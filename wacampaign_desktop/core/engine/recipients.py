"""Who a campaign goes to, and the message rows it will insert.

Audience: every contact, those with a tag, or a chosen list; one message per distinct phone.
Opted-out contacts and invalid numbers become `skipped` rows whose error_message says why; they
are never sent. A/B variants: the campaign's own text is variant "A", `Campaign.variants` adds
more; recipients are spread over them round-robin, by `weight` when given.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from wacampaign_desktop.core import status_rules as rules
from wacampaign_desktop.core.engine.rendering import RenderError, RenderProblem, render
from wacampaign_desktop.core.phones import check_phone
from wacampaign_desktop.core.store.models import Campaign, Contact

log = logging.getLogger(__name__)


@dataclass
class Preparation:
    """What starting a campaign would insert: rows to send, rows skipped (with reason), and the
    render problems that stop it from starting."""

    recipients: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    problems: list[RenderProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


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


def prepare_rows(campaign: Campaign) -> Preparation:
    """Render every recipient of `campaign` without touching the database."""
    prep = Preparation()
    specs = variant_specs(campaign)
    chooser = weighted_round_robin(specs) if specs else None
    seen: set[str] = set()
    for contact in audience_contacts(campaign):
        check = check_phone(contact.phone, "")
        phone = check.e164 or contact.phone
        if phone in seen:
            continue
        seen.add(phone)
        row: dict[str, Any] = {"contact": contact.id, "phone": phone, "message": "",
                               "content_variables": None, "variant": None, "error_message": None}
        if check.e164 is None:
            prep.skipped.append({**row, "status": rules.SKIPPED,
                                 "error_message": f"invalid number: {check.reason}"})
            continue
        if contact.opted_out:
            prep.skipped.append({**row, "status": rules.SKIPPED,
                                 "error_message": "opted out (the contact asked not to be messaged)"})
            continue
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
    return prep
