"""Peewee models: contacts, campaigns, their messages, inbound messages, the webhook audit log,
callbacks waiting for their sid, messages sent outside campaigns (Inbox replies, automatic
replies), the account's Content API templates, reply rules, small key/value app state, and the
schema version. The same models serve SQLite and PostgreSQL."""

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


# Columns added from v6 on carry a database-side DEFAULT too, so raw INSERTs of the store's bulk
# paths (and rows written by an older release during a rolling upgrade) stay valid.


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
    # v6: the 24-hour window opens at the contact's last incoming message
    last_inbound_at = peewee.DateTimeField(null=True, index=True)
    is_demo = peewee.BooleanField(default=False, constraints=[peewee.SQL("DEFAULT FALSE")])  # first-run demo contact: sandbox profile only
    follow_up_at = peewee.DateTimeField(null=True)  # conversation marked for follow-up

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
    # v6: free text to contacts outside the 24-hour window: "hold" (not sent, skipped with the
    # reason), "template" (the fallback template below instead), "send" (guard off, user warned)
    outside_window = peewee.CharField(default="hold", constraints=[peewee.SQL("DEFAULT 'hold'")])
    fallback_content_sid = peewee.CharField(null=True)
    fallback_variables = JSONField(default=dict, constraints=[peewee.SQL("DEFAULT '{}'")])  # {"1": "{{name}}"} like content_variables
    # v6: "test then send the winner": {"test_share": 0.2, "wait_minutes": 60, "metric": "read",
    # "phase": "testing"|"waiting"|"rest"|"done", "winner": None|"A"|…, "decided_at": iso}
    ab_test = JSONField(null=True)
    alert_thresholds = JSONField(null=True)  # per-campaign overrides of the global alert settings
    auto_retry = peewee.BooleanField(default=False, constraints=[peewee.SQL("DEFAULT FALSE")])  # retry retryable delivery failures
    sending_owner = peewee.CharField(null=True)  # "who is sending": host/process label
    owner_seen_at = peewee.DateTimeField(null=True)  # heartbeat of that owner

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
    attempts = peewee.IntegerField(default=0, constraints=[peewee.SQL("DEFAULT 0")])  # v6: API sends made, across every retry; never reset
    skip_reason = peewee.CharField(null=True)  # v6: "opted_out", "invalid", "outside_window", "demo"…
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
    source = peewee.CharField(default="webhook", constraints=[peewee.SQL("DEFAULT 'webhook'")])  # v6: "webhook" or "catch_up"


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


class ContentTemplate(BaseModel):
    """A Content API template of the account, as last synced (v6)."""

    sid = peewee.CharField(unique=True)  # HX + 32 hex
    friendly_name = peewee.CharField(index=True)
    language = peewee.CharField(default="")
    category = peewee.CharField(default="")  # MARKETING | UTILITY | AUTHENTICATION
    approval_status = peewee.CharField(default="unsubmitted")  # approved, pending, rejected, …
    rejection_reason = peewee.TextField(default="")
    content_type = peewee.CharField(default="twilio/text")  # the main key of `types`
    body = peewee.TextField(default="")  # with {{1}} placeholders
    variables = JSONField(default=dict)  # placeholder number -> sample value
    media = JSONField(default=list)  # media URLs of a twilio/media template
    types = JSONField(default=dict)  # the raw `types` object
    date_updated = peewee.DateTimeField(null=True)
    synced_at = peewee.DateTimeField(default=utcnow)


class ReplyRule(BaseModel):
    """A rule on incoming messages (v6); the lowest `position` that matches wins."""

    position = peewee.IntegerField(default=0, index=True)
    name = peewee.CharField(default="")
    enabled = peewee.BooleanField(default=True)
    match_kind = peewee.CharField(default="contains")  # exact|contains|regex|campaign_reply|after_hours
    pattern = peewee.TextField(default="")
    campaign = peewee.ForeignKeyField(Campaign, null=True, on_delete="CASCADE")
    business_hours = JSONField(null=True)  # {"days": [0..6], "start": "09:00", "end": "18:00"}
    reply_text = peewee.TextField(default="")  # free text, inside the 24-hour window
    reply_content_sid = peewee.CharField(null=True)  # template, outside it
    reply_content_variables = JSONField(default=dict)
    add_tag = peewee.CharField(default="")
    follow_up = peewee.BooleanField(default=False)
    cooldown_minutes = peewee.IntegerField(default=60)  # at most one automatic reply per contact
    fired_count = peewee.IntegerField(default=0)
    created_at = peewee.DateTimeField(default=utcnow)
    updated_at = peewee.DateTimeField(default=utcnow)


class AppState(BaseModel):
    """Small shared state by key (v6): template sync time, catch-up cursors, receiver heartbeats."""

    key = peewee.CharField(unique=True)
    value = JSONField(null=True)
    updated_at = peewee.DateTimeField(default=utcnow)


class DirectMessage(BaseModel):
    """A message sent outside any campaign: a reply staff sent from the Inbox, an automatic reply
    of a rule, an opt-out confirmation; failed ones too. Status callbacks keep `status` current."""

    contact = peewee.ForeignKeyField(Contact, null=True, backref="direct_messages", on_delete="SET NULL")
    phone = peewee.CharField(index=True)  # E.164
    body = peewee.TextField(default="")
    twilio_sid = peewee.CharField(null=True, unique=True)
    status = peewee.CharField(default="queued")  # Twilio's status at send time, or "failed"
    error_code = peewee.IntegerField(null=True)
    error_message = peewee.TextField(null=True)
    created_at = peewee.DateTimeField(default=utcnow, index=True)
    sent_at = peewee.DateTimeField(null=True)
    # v6
    kind = peewee.CharField(default="manual", constraints=[peewee.SQL("DEFAULT 'manual'")])  # manual | auto_reply | optout_confirmation
    rule = peewee.ForeignKeyField(ReplyRule, null=True, on_delete="SET NULL")
    content_sid = peewee.CharField(null=True)
    delivered_at = peewee.DateTimeField(null=True)
    read_at = peewee.DateTimeField(null=True)
    failed_at = peewee.DateTimeField(null=True)
    updated_at = peewee.DateTimeField(null=True)


ALL_MODELS: list[type[BaseModel]] = [
    SchemaVersion, Contact, Campaign, CampaignMessage, InboundMessage, WebhookEvent, PendingCallback,
    ContentTemplate, ReplyRule, AppState, DirectMessage,
]
