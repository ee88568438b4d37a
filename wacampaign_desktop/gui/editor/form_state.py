"""What the editor form holds is a core `CampaignDraft` (core/services/campaign_draft.py): its
rules, dry run and preview live in the campaigns service. The names below keep older callers
(the forms benchmark) working."""

from __future__ import annotations

from wacampaign_desktop.core.services.campaigns import (
    CONTENT_SID_RE,
    MAX_BODY,
    CampaignDraft,
    CampaignsService,
    PreviewResult,
)

EditorValues = CampaignDraft

__all__ = ["CONTENT_SID_RE", "MAX_BODY", "EditorValues", "PreviewResult", "dry_run", "preview_for"]


dry_run = CampaignsService.dry_run
preview_for = CampaignsService.preview
