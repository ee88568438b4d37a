"""Reply rules and the facts reply automation reads and writes: the rules in order, their
fire counts, the last automatic reply per contact and rule (cooldown), what we recently sent a
contact (echo guard), how many messages it just sent (burst guard), tags and follow-up marks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from wacampaign_desktop.core.automation.matching import Rule
from wacampaign_desktop.core.store.database import database_proxy
from wacampaign_desktop.core.store.models import (
    Campaign,
    CampaignMessage,
    Contact,
    DirectMessage,
    InboundMessage,
    ReplyRule,
)

_FIELDS = ("name", "match_kind", "pattern", "enabled", "business_hours", "reply_text",
           "reply_content_sid", "reply_content_variables", "add_tag", "follow_up",
           "cooldown_minutes")


def to_rule(row: ReplyRule) -> Rule:
    return Rule(
        id=row.id, name=row.name, match_kind=row.match_kind, pattern=row.pattern or "",
        position=row.position, enabled=bool(row.enabled), campaign_id=row.campaign_id,
        business_hours=row.business_hours, reply_text=row.reply_text or "",
        reply_content_sid=row.reply_content_sid or None,
        reply_content_variables=dict(row.reply_content_variables or {}),
        add_tag=row.add_tag or "", follow_up=bool(row.follow_up),
        cooldown_minutes=row.cooldown_minutes, fired_count=row.fired_count)


def list_rules() -> list[Rule]:
    """Every rule, in order (position, then id)."""
    return [to_rule(row) for row in ReplyRule.select().order_by(ReplyRule.position, ReplyRule.id)]


def get_rule(rule_id: int) -> Rule | None:
    row = ReplyRule.get_or_none(ReplyRule.id == rule_id)
    return to_rule(row) if row is not None else None


def save_rule(rule: Rule, at: datetime) -> Rule:
    """Insert (last in order) or update `rule`; the saved rule."""
    values: dict[str, Any] = {name: getattr(rule, name) for name in _FIELDS}
    values["campaign"] = rule.campaign_id
    values["updated_at"] = at
    with database_proxy.atomic():
        if rule.id is None:
            last = ReplyRule.select(ReplyRule.position).order_by(ReplyRule.position.desc()).first()
            row = ReplyRule.create(position=(last.position + 1) if last else 0, created_at=at,
                                   **values)
        else:
            ReplyRule.update(values).where(ReplyRule.id == rule.id).execute()
            row = ReplyRule.get_by_id(rule.id)
    return to_rule(row)


def delete_rule(rule_id: int) -> bool:
    return ReplyRule.delete().where(ReplyRule.id == rule_id).execute() > 0


def move_rule(rule_id: int, offset: int) -> list[Rule]:
    """Move a rule up (offset -1) or down (+1); positions renumbered 0…n-1. The new order."""
    with database_proxy.atomic():
        rows = list(ReplyRule.select().order_by(ReplyRule.position, ReplyRule.id))
        index = next((i for i, row in enumerate(rows) if row.id == rule_id), None)
        if index is not None:
            target = max(0, min(len(rows) - 1, index + offset))
            rows.insert(target, rows.pop(index))
        for position, row in enumerate(rows):
            if row.position != position:
                ReplyRule.update(position=position).where(ReplyRule.id == row.id).execute()
    return list_rules()


def set_enabled(rule_id: int, enabled: bool) -> None:
    ReplyRule.update(enabled=enabled).where(ReplyRule.id == rule_id).execute()


def count_fired(rule_id: int) -> None:
    ReplyRule.update(fired_count=ReplyRule.fired_count + 1).where(ReplyRule.id == rule_id).execute()


def campaign_choices() -> list[tuple[int, str]]:
    """(id, name) of every campaign, newest first (for "any reply to campaign X")."""
    return [(c.id, c.name) for c in Campaign.select(Campaign.id, Campaign.name)
            .order_by(Campaign.id.desc()).limit(500)]


# -- facts about one incoming message ---------------------------------------------------------
@dataclass(frozen=True)
class InboundFacts:
    inbound_id: int
    body: str
    received_at: datetime
    source: str
    phone: str
    contact_id: int | None
    name: str = ""
    fields: dict[str, Any] = field(default_factory=dict)
    opted_out: bool = False
    opted_out_at: datetime | None = None
    last_inbound_at: datetime | None = None
    campaign_id: int | None = None


def inbound_facts(inbound_id: int) -> InboundFacts | None:
    row = InboundMessage.get_or_none(InboundMessage.id == inbound_id)
    if row is None:
        return None
    contact = Contact.get_or_none(Contact.id == row.contact_id) if row.contact_id else None
    campaign_id = None
    if row.campaign_message_id:
        campaign_id = (CampaignMessage.select(CampaignMessage.campaign)
                       .where(CampaignMessage.id == row.campaign_message_id).scalar())
    phone = contact.phone if contact is not None else row.from_number.split(":", 1)[-1]
    return InboundFacts(
        row.id, row.body or "", row.received_at, row.source or "webhook", phone,
        contact.id if contact else None, contact.name if contact else row.profile_name or "",
        dict(contact.fields or {}) if contact else {}, contact.opted_out if contact else False,
        contact.opted_out_at if contact else None,
        contact.last_inbound_at if contact else row.received_at, campaign_id)


def contact_facts(phone: str) -> Contact | None:
    return Contact.get_or_none(Contact.phone == phone)


def last_auto_reply_at(phone: str, rule_id: int) -> datetime | None:
    row = (DirectMessage.select(DirectMessage.created_at)
           .where((DirectMessage.phone == phone) & (DirectMessage.rule == rule_id)
                  & (DirectMessage.kind == "auto_reply") & (DirectMessage.status != "failed"))
           .order_by(DirectMessage.created_at.desc()).first())
    return row.created_at if row is not None else None


def sent_bodies_since(phone: str, since: datetime) -> list[str]:
    """What we sent `phone` outside campaigns since `since` (the echo guard)."""
    return [body for (body,) in DirectMessage.select(DirectMessage.body)
            .where((DirectMessage.phone == phone) & (DirectMessage.created_at >= since))
            .limit(200).tuples() if body]


def inbound_count_since(phone: str, since: datetime) -> int:
    return (InboundMessage.select()
            .where(InboundMessage.from_number.in_([f"whatsapp:{phone}", phone])
                   & (InboundMessage.received_at >= since)).count())


def add_tag(contact_id: int, tag: str, at: datetime) -> bool:
    """Add `tag` to the contact's tags (once); True when it was added."""
    contact = Contact.get_or_none(Contact.id == contact_id)
    if contact is None or not tag:
        return False
    tags = list(contact.tags or [])
    if tag in tags:
        return False
    tags.append(tag)
    Contact.update(tags=tags, updated_at=at).where(Contact.id == contact_id).execute()
    return True


def set_follow_up(phone: str, at: datetime | None) -> bool:
    """Mark (at = when) or clear (None) the conversation with `phone` for follow-up."""
    return Contact.update(follow_up_at=at).where(Contact.phone == phone).execute() > 0
