"""Peewee models: contacts, campaigns, their messages, inbound messages, the webhook audit log,
callbacks waiting for their sid, free-text replies sent from the Inbox, and the schema version."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import peewee

from wacampaign_desktop.core.store.database import database_proxy


def utcnow() -> datetime:
    """Naive UTC timestamp, the form every DateTimeField stores."""
    return datetime.now(UTC).replace(tzinfo=None)


class JSONField(peewee.TextField):
    """JSON stored as text; None stays NULL."""

    def db_value(self, value: Any) -> str | None:
        return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)

    def python_value(self, value: str | None) -> Any:
        return None if value is None else json.loads(value)


class BaseModel(peewee.Model):
    class Meta:
        database = database_proxy
        legacy_table_names = False


class SchemaVersion(BaseModel):
    version = peewee.IntegerField()
    changed_at = peewee.DateTimeField(default=utcnow)


class Contact(BaseModel):
    phone = peewee.CharField(unique=True)  # E.164, e.g. +33612345678
    name = peewee.CharField(default="")
    fields = JSONField(default=dict)  # free custom fields {"city": "Lyon"}
    tags = JSONField(default=list)  # ["vip", "lyon"]
    opted_out_at = peewee.DateTimeField(null=True)
    opted_in_at = peewee.DateTimeField(null=True)
    created_at = peewee.DateTimeField(default=utcnow)
    updated_at = peewee.DateTimeField(default=utcnow)

    @property
    def opted_out(self) -> bool:
        return self.opted_out_at is not None and (
            self.opted_in_at is None or self.opted_in_at < self.opted_out_at
        )


CAMPAIGN_STATES = ("draft", "scheduled", "sending", "paused", "completed", "cancelled")


class Campaign(BaseModel):
    name = peewee.CharField()
    body = peewee.TextField(default="")  # with {{placeholders}}
    content_sid = peewee.CharField(null=True)  # approved template HX…
    content_variables = JSONField(default=dict)  # {"1": "name", "2": "city"}
    media_url = peewee.CharField(null=True)
    sender = peewee.CharField(default="")  # "whatsapp:+1415…" or a Messaging Service SID "MG…"
    send_rate = peewee.FloatField(default=10.0)  # messages per second
    state = peewee.CharField(default="draft", index=True)
    audience = JSONField(default=dict)  # {"kind": "all"|"tag"|"list", "tag": …, "contact_ids": […]}
    variants = JSONField(default=list)  # A/B test: [{"name": "B", "body": "…"}]; empty: no test
    scheduled_at = peewee.DateTimeField(null=True)
    started_at = peewee.DateTimeField(null=True)
    finished_at = peewee.DateTimeField(null=True)
    created_at = peewee.DateTimeField(default=utcnow)
    # Stored counters, kept in the same transaction as each message change (see message_updates).
    total_count = peewee.IntegerField(default=0)
    pending_count = peewee.IntegerField(default=0)
    sent_count = peewee.IntegerField(default=0)
    delivered_count = peewee.IntegerField(default=0)
    read_count = peewee.IntegerField(default=0)
    failed_count = peewee.IntegerField(default=0)
    undelivered_count = peewee.IntegerField(default=0)
    canceled_count = peewee.IntegerField(default=0)
    skipped_count = peewee.IntegerField(default=0)
    replied_count = peewee.IntegerField(default=0)

    def counters(self) -> dict[str, int]:
        from wacampaign_desktop.core.status_rules import COUNTER_NAMES

        return {name: getattr(self, f"{name}_count") for name in COUNTER_NAMES}


class CampaignMessage(BaseModel):
    campaign = peewee.ForeignKeyField(Campaign, backref="messages", on_delete="CASCADE")
    contact = peewee.ForeignKeyField(Contact, null=True, backref="messages", on_delete="SET NULL")
    phone = peewee.CharField(index=True)
    message = peewee.TextField(default="")  # the rendered text actually sent
    content_variables = JSONField(null=True)  # rendered template variables, when a template
    variant = peewee.CharField(null=True)  # A/B variant name
    twilio_sid = peewee.CharField(null=True, unique=True)
    status = peewee.CharField(default="pending", index=True)
    error_code = peewee.IntegerField(null=True)
    error_message = peewee.TextField(null=True)
    retry_count = peewee.IntegerField(default=0)
    next_attempt_at = peewee.DateTimeField(null=True)
    created_at = peewee.DateTimeField(default=utcnow)
    claimed_at = peewee.DateTimeField(null=True)
    sent_at = peewee.DateTimeField(null=True)
    delivered_at = peewee.DateTimeField(null=True)
    read_at = peewee.DateTimeField(null=True)
    failed_at = peewee.DateTimeField(null=True)
    replied_at = peewee.DateTimeField(null=True)
    updated_at = peewee.DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("campaign", "status"), False), (("campaign", "phone"), True))


class InboundMessage(BaseModel):
    message_sid = peewee.CharField(unique=True)
    from_number = peewee.CharField(index=True)  # "whatsapp:+…" as Twilio sent it
    to_number = peewee.CharField(default="")
    body = peewee.TextField(default="")
    media = JSONField(default=list)  # [{"url": …, "content_type": …}]
    profile_name = peewee.CharField(default="")
    contact = peewee.ForeignKeyField(Contact, null=True, backref="inbound", on_delete="SET NULL")
    campaign_message = peewee.ForeignKeyField(
        CampaignMessage, null=True, backref="replies", on_delete="SET NULL"
    )
    received_at = peewee.DateTimeField(default=utcnow, index=True)
    seen_at = peewee.DateTimeField(null=True)  # when staff saw it in the Inbox; None = unread


class WebhookEvent(BaseModel):
    """Every request the webhook server received: the app's audit trail (format and inserts in
    `webhook_log`; kept lean, summarised then pruned by `retention`). Only the idempotency token
    is indexed: the log is read by id, and each index costs bytes on every callback."""

    kind = peewee.CharField()  # "status" | "incoming" | "unknown"
    sid = peewee.CharField(null=True)
    status = peewee.CharField(null=True)
    params = JSONField(default=dict)  # the lean parameters; JSON null once summarised
    signature_valid = peewee.BooleanField(default=False)
    outcome = peewee.CharField(default="")  # "applied", "duplicate", "ignored", "pending", "rejected", …
    idempotency_token = peewee.CharField(null=True, index=True)  # a digest, see webhook_log
    remote_addr = peewee.CharField(default="")
    received_at = peewee.DateTimeField(default=utcnow)


class PendingCallback(BaseModel):
    """A status callback whose sid is not (yet) known: applied when the sender records the sid."""

    sid = peewee.CharField(index=True)
    status = peewee.CharField()
    error_code = peewee.IntegerField(null=True)
    error_message = peewee.TextField(null=True)
    webhook_event = peewee.ForeignKeyField(WebhookEvent, null=True, on_delete="SET NULL")
    received_at = peewee.DateTimeField(default=utcnow)
    reported_at = peewee.DateTimeField(null=True)  # set when reported as orphaned


class DirectMessage(BaseModel):
    """A free-text reply staff sent from the Inbox (not part of any campaign); failed ones too."""

    contact = peewee.ForeignKeyField(Contact, null=True, backref="direct_messages", on_delete="SET NULL")
    phone = peewee.CharField(index=True)  # E.164
    body = peewee.TextField(default="")
    twilio_sid = peewee.CharField(null=True, unique=True)
    status = peewee.CharField(default="queued")  # Twilio's status at send time, or "failed"
    error_code = peewee.IntegerField(null=True)
    error_message = peewee.TextField(null=True)
    created_at = peewee.DateTimeField(default=utcnow, index=True)
    sent_at = peewee.DateTimeField(null=True)


ALL_MODELS: list[type[BaseModel]] = [
    SchemaVersion, Contact, Campaign, CampaignMessage, InboundMessage, WebhookEvent, PendingCallback,
    DirectMessage,
]
