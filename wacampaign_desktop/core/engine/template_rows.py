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


def template_sids(campaign: Any) -> list[str]:
    """The templates the campaign sends: its own, and the fallback for contacts outside the
    24-hour window when it uses one."""
    sids = [campaign.content_sid] if getattr(campaign, "content_sid", None) else []
    fallback = getattr(campaign, "fallback_content_sid", None)
    if fallback and getattr(campaign, "outside_window", "") == "template" and not sids:
        sids.append(fallback)
    return sids


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


def template_issues(campaign: Any) -> list[TemplateIssue]:
    """Campaign-level issues: a template unknown to the synced catalogue, not approved, or with
    a placeholder the campaign gives no value."""
    issues: list[TemplateIssue] = []
    for sid in template_sids(campaign):
        template = by_sid(sid)
        if template is None:
            issues.append(TemplateIssue("not_synced", sid))
            continue
        if template.approval_status != "approved":
            issues.append(TemplateIssue("not_approved", sid, template.friendly_name,
                                        template.approval_status, template.rejection_reason))
        mapping = (campaign.content_variables if sid == campaign.content_sid
                   else getattr(campaign, "fallback_variables", None)) or {}
        for number in placeholder_numbers(template.body or "", *(template.media or [])):
            if number not in {str(k) for k in mapping}:
                issues.append(TemplateIssue("unmapped", sid, template.friendly_name,
                                            variable=number))
    return issues


def template_problems(campaign: Any) -> list[RenderProblem]:
    return [issue.problem() for issue in template_issues(campaign)]


def finish_templates(campaign: Any, prep: Any) -> None:
    """Add the template problems to `prep` and fill each template row's `message` preview."""
    if not template_sids(campaign):
        return
    prep.problems[:0] = template_problems(campaign)
    sid = campaign.content_sid or campaign.fallback_content_sid
    template = by_sid(sid) if sid else None
    if template is None or not template.body:
        return
    for row in prep.recipients:
        if not row.get("message") and row.get("content_variables") is not None:
            row["message"] = fill_template_body(template.body, row["content_variables"])
