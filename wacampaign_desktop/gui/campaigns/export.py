"""Writes a campaign's messages to CSV (run on a worker thread via services.tasks)."""

from __future__ import annotations

import csv
import logging
from pathlib import Path

import peewee

from wacampaign_desktop.core.store.models import CampaignMessage, Contact

log = logging.getLogger(__name__)

EXPORT_COLUMNS = ("phone", "name", "status", "error_code", "error_message", "twilio_sid",
                  "sent_at", "delivered_at", "read_at", "replied_at", "retry_count", "message")


def export_messages_csv(campaign_id: int, path: str | Path, batch: int = 2000) -> int:
    """Write every message of the campaign to `path` (UTF-8 with BOM so Excel reads accents).
    Returns the number of rows written."""
    path = Path(path)
    query = (
        CampaignMessage.select(
            CampaignMessage.id, CampaignMessage.phone, peewee.fn.COALESCE(Contact.name, ""),
            CampaignMessage.status, CampaignMessage.error_code, CampaignMessage.error_message,
            CampaignMessage.twilio_sid, CampaignMessage.sent_at, CampaignMessage.delivered_at,
            CampaignMessage.read_at, CampaignMessage.replied_at, CampaignMessage.retry_count,
            CampaignMessage.message)
        .join(Contact, peewee.JOIN.LEFT_OUTER, on=(CampaignMessage.contact == Contact.id))
        .where(CampaignMessage.campaign == campaign_id)
        .order_by(CampaignMessage.id)
    )
    written = 0
    tmp = path.with_name(path.name + ".part")
    with tmp.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(EXPORT_COLUMNS)
        last_id = 0
        while True:
            rows = list(query.where(CampaignMessage.id > last_id).limit(batch).tuples())
            if not rows:
                break
            for row in rows:
                writer.writerow(["" if v is None else v for v in row[1:]])
            written += len(rows)
            last_id = rows[-1][0]
    tmp.replace(path)
    log.info("Exported %d messages of campaign %d", written, campaign_id)
    return written
