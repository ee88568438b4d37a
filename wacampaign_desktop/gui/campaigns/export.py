"""Writes a campaign's messages to CSV (run on a worker thread via services.tasks); the rows
come from core/services/queries.py."""

from __future__ import annotations

import csv
import logging
from pathlib import Path

from wacampaign_desktop.core.services.queries import EXPORT_COLUMNS, Queries

log = logging.getLogger(__name__)


def export_messages_csv(queries: Queries, campaign_id: int, path: str | Path,
                        batch: int = 2000) -> int:
    """Write every message of the campaign to `path` (UTF-8 with BOM so Excel reads accents).
    Returns the number of rows written."""
    path = Path(path)
    written = 0
    tmp = path.with_name(path.name + ".part")
    with tmp.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(EXPORT_COLUMNS)
        for row in queries.export_rows(campaign_id, batch):
            writer.writerow(["" if v is None else v for v in row])
            written += 1
    tmp.replace(path)
    log.info("Exported %d messages of campaign %d", written, campaign_id)
    return written
