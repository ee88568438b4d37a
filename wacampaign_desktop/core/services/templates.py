"""The account's approved WhatsApp templates for the GUI and the CLI: sync from Twilio's Content
API into the local catalogue, list (search by name, filter by language and category), find one
by name or sid, and say when they were last synced.

Only `approved` templates can be chosen for a send; the others (pending, rejected, paused,
disabled, unsubmitted) are listed with their status and a plain reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from wacampaign_desktop.core.engine.template_rows import status_reason
from wacampaign_desktop.core.store import templates as store
from wacampaign_desktop.core.twilio_gateway.content import (
    PAGE_SIZE,
    list_templates,
    placeholder_numbers,
)

if TYPE_CHECKING:
    from wacampaign_desktop.core.app_context import AppContext
    from wacampaign_desktop.core.twilio_gateway import TwilioGateway

__all__ = ["SyncFailure", "SyncResult", "TemplateInfo", "TemplatesService", "sync_failure"]


@dataclass(frozen=True)
class SyncResult:
    added: int
    updated: int
    removed: int
    total: int
    synced_at: datetime  # naive UTC

    def describe(self) -> str:
        return (f"{self.total} template(s): {self.added} new, {self.updated} changed, "
                f"{self.removed} removed")


@dataclass(frozen=True)
class TemplateInfo:
    sid: str
    name: str
    language: str
    category: str
    status: str
    rejection_reason: str
    content_type: str
    body: str
    placeholders: tuple[str, ...] = ()  # "1", "2"… in numeric order
    samples: dict[str, str] = field(default_factory=dict)
    media: tuple[str, ...] = ()

    @property
    def sendable(self) -> bool:
        return self.status == "approved"

    @property
    def unsendable_reason(self) -> str:
        """Plain English; "" for an approved template."""
        reason = status_reason(self.status, self.rejection_reason)
        return f"This template {reason}; only approved templates can be sent." if reason else ""

    def as_dict(self) -> dict[str, Any]:
        return {"sid": self.sid, "name": self.name, "language": self.language,
                "category": self.category, "status": self.status,
                "rejection_reason": self.rejection_reason, "content_type": self.content_type,
                "body": self.body, "placeholders": list(self.placeholders),
                "samples": dict(self.samples), "media": list(self.media),
                "sendable": self.sendable}


@dataclass(frozen=True)
class SyncFailure:
    """Why a sync failed: `kind` auth | forbidden | network | other; `message` plain English."""

    kind: str
    message: str


def sync_failure(exc: BaseException) -> SyncFailure:
    """A failed sync (GatewayError or anything else) in words a user can act on."""
    result = getattr(exc, "result", None)
    status = getattr(result, "http_status", None)
    code = getattr(result, "error_code", None)
    if status == 401 or code == 20003:
        return SyncFailure("auth", "Twilio refused the Account SID or Auth Token (error 20003)")
    if status == 403:
        return SyncFailure("forbidden", "this Twilio account (or API key) may not read the "
                                        "Content templates (HTTP 403)")
    if result is None or status is None:
        return SyncFailure("network", "could not reach Twilio: check the internet connection "
                                      "and try again")
    detail = f" (error {code})" if code else f" (HTTP {status})"
    return SyncFailure("other", f"{getattr(result, 'error_message', '') or exc}{detail}")


def info_of(row: Any) -> TemplateInfo:
    media = tuple(str(m) for m in (row.media or []))
    return TemplateInfo(
        sid=row.sid, name=row.friendly_name, language=row.language or "",
        category=row.category or "", status=row.approval_status or "unsubmitted",
        rejection_reason=row.rejection_reason or "", content_type=row.content_type or "",
        body=row.body or "", placeholders=tuple(placeholder_numbers(row.body or "", *media)),
        samples={str(k): str(v) for k, v in (row.variables or {}).items()}, media=media)


class TemplatesService:
    """The synced template catalogue of the opened profile."""

    def __init__(self, context: AppContext) -> None:
        self.context = context

    def sync(self, gateway: TwilioGateway, page_size: int = PAGE_SIZE) -> SyncResult:
        """Read every template of the account (all pages) and make the catalogue match it.
        Raises GatewayError (`sync_failure` says it in words) when Twilio cannot be read."""
        remote = list_templates(gateway, page_size=page_size)
        now = self.context.clock.now()
        change = store.replace_catalogue(self.context.db, (t.as_row() for t in remote), now)
        return SyncResult(change.added, change.updated, change.removed, change.total, now)

    def sync_profile(self, api_url: str | None = None) -> SyncResult:
        """Sync without a running app (`templates sync`): the profile's Twilio account in live
        mode (`api_url`: another API host), else a sandbox started for the call (the same seeded
        templates the app's sandbox has)."""
        from wacampaign_desktop.core.secrets import TWILIO_AUTH_TOKEN
        from wacampaign_desktop.core.twilio_gateway import TwilioCredentials, TwilioGateway

        ctx = self.context
        if ctx.live:
            credentials = TwilioCredentials(ctx.settings.twilio_account_sid,
                                            ctx.secrets.get(TWILIO_AUTH_TOKEN) or "",
                                            base_url=api_url or None)
            gateway = TwilioGateway(credentials)
            try:
                return self.sync(gateway)
            finally:
                gateway.close()
        from wacampaign_desktop.core.sandbox import SandboxConfig, SandboxServer

        sandbox = SandboxServer(SandboxConfig(seed=None))
        sandbox.start()
        try:
            gateway = TwilioGateway(sandbox.credentials)
            try:
                return self.sync(gateway)
            finally:
                gateway.close()
        finally:
            sandbox.stop()

    def list(self, search: str = "", language: str = "", category: str = "",
             sendable_only: bool = False) -> list[TemplateInfo]:
        """Templates by name; `search` matches part of the name (any case)."""
        return [info_of(row) for row in store.all_templates(search or "", language or "",
                                                             category or "", sendable_only)]

    def get(self, name_or_sid: str) -> TemplateInfo | None:
        """By sid (HX…), else by name (an approved one first when several languages share it)."""
        key = (name_or_sid or "").strip()
        if not key:
            return None
        row = store.by_sid(key)
        if row is not None:
            return info_of(row)
        found = [info_of(r) for r in store.by_name(key)]
        found.sort(key=lambda t: not t.sendable)
        return found[0] if found else None

    def languages(self) -> list[str]:
        return store.distinct_values("language")

    def categories(self) -> list[str]:
        return store.distinct_values("category")

    def count(self) -> int:
        """How many templates are synced (every status)."""
        return store.count()

    def last_synced_at(self) -> datetime | None:
        """When the templates were last synced (naive UTC); None if never."""
        return store.synced_at()
