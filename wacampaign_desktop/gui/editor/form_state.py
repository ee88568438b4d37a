"""What the editor form holds is a core `CampaignDraft` (core/services/campaign_draft.py): its
rules, dry run and preview live in the campaigns service. The names below keep older callers
(the forms benchmark) working."""

from __future__ import annotations

from wacampaign_desktop.core.services.campaigns import (
    CONTENT_SID_RE,
    MAX_BODY,
    CampaignDraft,
    CampaignsService,
    Preparation,
    PreviewResult,
)

EditorValues = CampaignDraft

__all__ = ["CONTENT_SID_RE", "MAX_BODY", "EditorValues", "PreviewResult", "dry_run", "preview_for"]


def dry_run(values: CampaignDraft) -> Preparation:
    """The core's recipient preparation on an unsaved campaign: nothing is written."""
    return CampaignsService(None).dry_run(values)  # type: ignore[arg-type]  # needs no profile


preview_for = CampaignsService.preview
