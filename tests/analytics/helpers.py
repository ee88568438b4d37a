"""A seeded campaign for the analytics tests: messages in every status with realistic stamps
(sent, then delivered a few seconds later, read later still), error codes, replies and A/B
variants; and `recount()`, the reference figures counted in Python from the messages read back."""

from __future__ import annotations

import random
import statistics
from datetime import datetime, timedelta

from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import Campaign, CampaignMessage

START = datetime(2026, 11, 20, 9, 0, 0)
FATES = ("read", "read", "read", "delivered", "delivered", "sent", "undelivered", "failed",
         "pending", "skipped")
CODES = (63016, 30008, 30003, 21211)


def seeded_campaign(name: str = "Seeded", count: int = 400, seed: int = 7,
                    variants: tuple[str, ...] = (), read_bias: dict[str, float] | None = None,
                    start: datetime = START) -> int:
    """A campaign of `count` messages (variants alternate when given); its id."""
    rng = random.Random(seed)
    campaign = Campaign.create(name=name, body="Hello", state="completed",
                               variants=[{"name": v, "body": v} for v in variants[1:]])
    rows = []
    for i in range(count):
        variant = variants[i % len(variants)] if variants else None
        fate = rng.choice(FATES)
        if read_bias and variant in read_bias and fate in ("delivered", "sent"):
            fate = "read" if rng.random() < read_bias[variant] else fate
        left = start + timedelta(seconds=i * 3 + rng.random())  # ~20 per minute
        row = {"phone": f"+3361{i:07d}", "message": "Hello", "status": fate, "variant": variant,
               "twilio_sid": None if fate in ("pending", "skipped") else f"SM{campaign.id:04d}{i:028x}",
               **dict.fromkeys(("sent_at", "delivered_at", "read_at", "failed_at", "replied_at",
                                "error_code"))}  # every row the same keys (one bulk INSERT)
        if fate in ("sent", "delivered", "read", "undelivered"):
            row["sent_at"] = left
        if fate in ("delivered", "read"):
            row["delivered_at"] = left + timedelta(seconds=rng.uniform(0.5, 30))
        if fate == "read":
            row["read_at"] = row["delivered_at"] + timedelta(seconds=rng.uniform(1, 600))
        if fate in ("failed", "undelivered"):
            row["failed_at"] = left + timedelta(seconds=rng.uniform(0, 5))
            row["error_code"] = rng.choice(CODES)
        if fate in ("delivered", "read") and rng.random() < 0.2:
            row["replied_at"] = (row["read_at"] or row["delivered_at"]) + timedelta(minutes=2)
        rows.append(row)
    replies = {row["phone"]: row.pop("replied_at") for row in rows}
    mu.insert_messages(campaign.id, [{**row, "replied_at": None} for row in rows])
    for message in CampaignMessage.select().where(CampaignMessage.campaign == campaign.id):
        if replies[message.phone] is not None:  # as the incoming path does: counters follow
            mu.mark_replied(message, replies[message.phone])
    return campaign.id


def recount(campaign_id: int | None = None, since: datetime | None = None,
            variant: str | None = None) -> dict:
    """The reference figures, counted in Python from the messages read back."""
    query = CampaignMessage.select()
    if campaign_id is not None:
        query = query.where(CampaignMessage.campaign == campaign_id)
    messages = [m for m in query
                if (since is None or (m.sent_at or m.failed_at) and (m.sent_at or m.failed_at) >= since)
                and (variant is None or m.variant == variant)]
    sent = [m for m in messages if m.status in ("sent", "delivered", "read", "failed", "undelivered")]
    failed = [m for m in messages if m.status in ("failed", "undelivered")]
    codes: dict[int | None, int] = {}
    for m in failed:
        codes[m.error_code] = codes.get(m.error_code, 0) + 1
    deliver = [(m.delivered_at - m.sent_at).total_seconds() for m in messages
               if m.sent_at and m.delivered_at]
    read = [(m.read_at - m.sent_at).total_seconds() for m in messages if m.sent_at and m.read_at]
    return {
        "total": len(messages), "sent": len(sent),
        "delivered": sum(m.status in ("delivered", "read") for m in messages),
        "read": sum(m.status == "read" for m in messages),
        "replied": sum(m.replied_at is not None for m in messages),
        "failed": len(failed), "codes": codes,
        "deliver": _quantiles(deliver), "read_time": _quantiles(read),
        "minutes": _per_minute(messages),
    }


def _quantiles(values: list[float]) -> tuple[float, float] | None:
    if len(values) < 2:
        return None
    cuts = statistics.quantiles(values, n=10, method="inclusive")
    return statistics.median(values), cuts[8]


def _per_minute(messages: list[CampaignMessage]) -> dict[tuple[datetime, str], int]:
    out: dict[tuple[datetime, str], int] = {}

    def add(at: datetime | None, series: str) -> None:
        if at is not None:
            key = (at.replace(second=0, microsecond=0), series)
            out[key] = out.get(key, 0) + 1

    for m in messages:
        if m.status in ("sent", "delivered", "read", "failed", "undelivered"):
            add(m.sent_at or m.failed_at, "sent")
        if m.status in ("delivered", "read"):
            add(m.delivered_at, "delivered")
        if m.status == "read":
            add(m.read_at, "read")
        if m.status in ("failed", "undelivered"):
            add(m.failed_at, "failed")
        add(m.replied_at, "replied")
    return out
