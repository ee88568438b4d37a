"""The check every recipient of a template campaign passes before it starts.

`check_recipients(campaign_id or draft)` renders every recipient as the engine will and returns
one `TemplateProblem` per thing that stops the start: the template itself (not synced, not
approved, a placeholder without a value) or a contact whose value for a placeholder is missing,
empty or refused by WhatsApp (a line break, a tab, more than four spaces in a row). Each problem
names the contact (name and phone) and the placeholder; `message` is plain English for the
command line, `code` and the fields let the GUI say it in the user's language
(gui/editor/template_words.py). The engine refuses to start a campaign with any of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from typing import Any

from wacampaign_desktop.core.engine import rendering as r
from wacampaign_desktop.core.engine.recipients import Preparation, prepare_rows
from wacampaign_desktop.core.engine.template_rows import template_issues
from wacampaign_desktop.core.services.campaign_draft import CampaignDraft
from wacampaign_desktop.core.store.models import Campaign

__all__ = ["TemplateProblem", "check_recipients", "problems_of"]

CODES = ("missing", "empty", "newline", "tab", "spaces", "template_not_synced",
         "template_not_approved", "unmapped")


@dataclass(frozen=True)
class TemplateProblem:
    code: str  # one of CODES
    message: str  # plain English, naming the contact and the placeholder
    contact_id: int | None = None
    name: str = ""  # the contact's name ("" when it has none)
    phone: str = ""
    variable: str = ""  # the template placeholder number ("1")
    field: str = ""  # the contact field that has no value ("city")
    template: str = ""  # the template's name (or sid when not synced)
    status: str = ""  # the template's approval status (template_not_approved)

    @property
    def blocking(self) -> bool:
        return True

    @property
    def contact(self) -> str:
        """"Ana Martin (+33612345678)" or the phone alone."""
        return f"{self.name} ({self.phone})" if self.name else self.phone


def _contact_problem(p: r.RenderProblem) -> TemplateProblem:
    who = f"{p.name} ({p.phone})" if p.name else p.phone
    where = f"placeholder {{{{{p.variable}}}}}" if p.variable else f"{{{{{p.placeholder}}}}}"
    if p.code == r.MISSING and p.placeholder:
        code = "missing"
        text = f"{who}: {where} has no value (the contact's {p.placeholder!r} is empty)"
    elif p.code == r.MISSING:
        code, text = "empty", f"{who}: {where} is empty"
    else:
        code = p.code
        text = f"{who}: {where} {r.VALUE_REASONS.get(p.code, 'is invalid')}"
    return TemplateProblem(code, text, p.contact_id, p.name, p.phone, p.variable, p.placeholder)


def problems_of(campaign: Any, prep: Preparation, limit: int | None = None) -> list[TemplateProblem]:
    """The template problems of a prepared campaign (contacts in the preparation's order; only
    the first `limit` contact problems when given: the editor lists a few)."""
    out: list[TemplateProblem] = []
    for issue in template_issues(campaign, prep):
        code = {"not_synced": "template_not_synced", "not_approved": "template_not_approved"}.get(
            issue.kind, issue.kind)
        out.append(TemplateProblem(code, issue.message[:1].upper() + issue.message[1:],
                                   variable=issue.variable, template=issue.name or issue.sid,
                                   status=issue.status))
    contact_problems = (p for p in prep.problems if p.code != r.TEMPLATE)
    out += [_contact_problem(p) for p in islice(contact_problems, limit)]
    return out


def check_recipients(campaign: int | CampaignDraft | Campaign,
                     audience: Any = None) -> list[TemplateProblem]:
    """Every problem that stops the campaign from starting, for a stored campaign (id or row)
    or an unsaved draft. `audience`: the runtime's AudienceRules (live mode, 24-hour window)."""
    if isinstance(campaign, CampaignDraft):
        row = campaign.unsaved_campaign()
    elif isinstance(campaign, Campaign):
        row = campaign
    else:
        row = Campaign.get_or_none(Campaign.id == int(campaign))
        if row is None:
            raise ValueError(f"there is no campaign {campaign}")
    prep = prepare_rows(row, audience) if audience is not None else prepare_rows(row)
    return problems_of(row, prep)
