"""The template side of a campaign's preparation: the template must be in the synced catalogue,
approved, and each of its placeholders given a value (else the campaign cannot start, with a
plain reason), and each template row
stores the text the contact reads (the template's body with its variables filled) in `message`.

`finish_templates(campaign, prep)` runs at the end of `recipients.prepare_rows`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wacampaign_desktop.core.engine.rendering import TEMPLATE, RenderProblem, fill_template_body
from wacampaign_desktop.core.store.templates import by_sid
from wacampaign_desktop.core.twilio_gateway.content import placeholder_numbers

NOT_SENDABLE = {
    "pending": "is waiting for WhatsApp's approval",
    "rejected": "was rejected by WhatsApp",
    "paused": "is paused by WhatsApp (too many people blocked or reported it)",
    "disabled": "is disabled by WhatsApp",
    "unsubmitted": "was never submitted to WhatsApp for approval",
}


def status_reason(status: str, rejection_reason: str = "") -> str:
    """Why a template with this approval status cannot be sent ("" when it can)."""
    if status == "approved":
        return ""
    reason = NOT_SENDABLE.get(status, f"has the status {status!r}, not approved")
    if rejection_reason:
        reason += f" ({rejection_reason})"
    return reason


def template_uses(campaign: Any, prep: Any = None) -> list[tuple[str, dict[str, Any], str]]:
    """(sid, variables, whose) of every template the campaign sends: its own ("" ), each A/B
    version that is a template ("B", "C"…), and the fallback for contacts outside the 24-hour
    window ("fallback") when the preparation `prep` sends it to someone."""
    uses: list[tuple[str, dict[str, Any], str]] = []
    if getattr(campaign, "content_sid", None):
        uses.append((campaign.content_sid, dict(campaign.content_variables or {}), ""))
    for index, entry in enumerate(getattr(campaign, "variants", None) or []):
        if isinstance(entry, dict) and entry.get("content_sid"):
            name = str(entry.get("name") or chr(ord("B") + index))
            uses.append((str(entry["content_sid"]), dict(entry.get("content_variables") or {}),
                         name))
    fallback = getattr(campaign, "fallback_content_sid", None)
    if fallback and getattr(prep, "fallback", 0) > 0:
        uses.append((fallback, dict(getattr(campaign, "fallback_variables", None) or {}),
                     "fallback"))
    return uses


def template_sids(campaign: Any, prep: Any = None) -> list[str]:
    return list(dict.fromkeys(sid for sid, _variables, _whose in template_uses(campaign, prep)))


@dataclass(frozen=True)
class TemplateIssue:
    """Why a campaign's template cannot be sent: `kind` not_synced | not_approved | unmapped."""

    kind: str
    sid: str
    name: str = ""
    status: str = ""
    rejection_reason: str = ""
    variable: str = ""  # unmapped: the placeholder number without a value

    @property
    def message(self) -> str:
        if self.kind == "not_synced":
            return (f"the template {self.sid} is not among the synced templates: sync the "
                    "templates, then choose an approved one")
        if self.kind == "not_approved":
            return (f"the template \"{self.name}\" {status_reason(self.status, self.rejection_reason)}"
                    ": only approved templates can be sent")
        return (f"the template \"{self.name}\" has a placeholder {{{{{self.variable}}}}} with no "
                "value: map it to a contact field or a fixed text")

    def problem(self) -> RenderProblem:
        return RenderProblem(None, "", "", self.message, variable=self.variable, code=TEMPLATE)


def template_issues(campaign: Any, prep: Any = None) -> list[TemplateIssue]:
    """Campaign-level issues: a template unknown to the synced catalogue, not approved, or with
    a placeholder the campaign gives no value (`prep`: whether the fallback is used)."""
    issues: list[TemplateIssue] = []
    for sid, mapping, _whose in template_uses(campaign, prep):
        template = by_sid(sid)
        if template is None:
            issue = TemplateIssue("not_synced", sid)
            if issue not in issues:
                issues.append(issue)
            continue
        status = TemplateIssue("not_approved", sid, template.friendly_name,
                               template.approval_status, template.rejection_reason)
        if template.approval_status != "approved" and status not in issues:
            issues.append(status)
        for number in placeholder_numbers(template.body or "", *(template.media or [])):
            unmapped = TemplateIssue("unmapped", sid, template.friendly_name, variable=number)
            if number not in {str(k) for k in mapping} and unmapped not in issues:
                issues.append(unmapped)
    return issues


def template_problems(campaign: Any, prep: Any = None) -> list[RenderProblem]:
    return [issue.problem() for issue in template_issues(campaign, prep)]


def finish_templates(campaign: Any, prep: Any) -> None:
    """Add the template problems to `prep` and fill each template row's `message` preview."""
    uses = template_uses(campaign, prep)
    if not uses:
        return
    prep.problems[:0] = template_problems(campaign, prep)
    bodies = {sid: (row.body or "") for sid in {u[0] for u in uses} if (row := by_sid(sid))}
    by_whose = {whose: sid for sid, _variables, whose in uses}
    for row in prep.recipients:
        if row.get("message") or row.get("content_variables") is None:
            continue
        variant = row.get("variant")
        sid = by_whose.get(variant or "") if variant in by_whose else None
        if sid is None:  # version A, a template campaign, or the fallback of a free-text one
            sid = by_whose.get("") or by_whose.get("fallback")
        if sid and bodies.get(sid):
            row["message"] = fill_template_body(bodies[sid], row["content_variables"])
