"""Column widths and order of the webhook log, measured on the words of the interface language, so a French
"Envoi en cours" or "Rejeté (signature invalide)" is not cut; a cell that still does not fit
is elided and its tooltip has the whole text (see WebhookEventsModel)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHeaderView, QTableView

from wacampaign_desktop.gui.activity.webhook_model import (
    KIND_LABELS,
    OUTCOME_LABELS,
    kind_label,
    outcome_label,
)
from wacampaign_desktop.gui.models.labels import status_label
from wacampaign_desktop.gui.models.phone_text import display_phone
from wacampaign_desktop.gui.models.table_time import table_time

STATUSES = ("pending", "accepted", "scheduled", "queued", "sending", "sent", "delivered", "read",
            "failed", "undelivered", "canceled")
SID_COLUMN, PHONE_COLUMN = 2, 6
PADDING = 24  # the cell's margins and a little air
LONGEST_OUTCOME = 230  # wider outcomes are elided (tooltip), the table stays readable at 800 px


def _samples(column: int) -> list[str]:
    """Texts as long as any the column shows, in the current language."""
    if column == 0:  # a day this year (an older one is elided, tooltip); today's read shorter
        now = datetime.now()
        day = datetime(now.year, 12 if now.month < 12 else 1, 28, 23, 59)
        return [table_time(day)]
    if column == 1:
        return [kind_label(kind) for kind in KIND_LABELS]
    if column == 2:
        return ["SM" + "0" * 32]
    if column == 3:
        received = QCoreApplication.translate("WebhookEventsModel", "Received")
        return [status_label(status) for status in STATUSES] + [received]
    if column == 4:
        return [outcome_label(outcome) for outcome in OUTCOME_LABELS]
    if column == 5:
        return [QCoreApplication.translate("WebhookEventsModel", word) for word in ("Valid", "Invalid")]
    return [display_phone("+33612345678"), display_phone("+12025550143")]


def fit_columns(table: QTableView) -> None:
    """Give each column the width of its longest possible text (or its header's), the outcome
    at most LONGEST_OUTCOME. The phone number comes after the status and the message SID is
    shown last, taking what is left, so a narrow window shows who and what first."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    if header.visualIndex(SID_COLUMN) == SID_COLUMN:  # received, kind, status, phone, outcome…
        header.moveSection(SID_COLUMN, header.count() - 1)
        header.moveSection(header.visualIndex(PHONE_COLUMN), 3)
    cell = table.fontMetrics()
    heading = header.fontMetrics()
    model = table.model()
    for column in range(model.columnCount()):
        title = str(model.headerData(column, header.orientation()) or "")
        width = max([heading.horizontalAdvance(title)] + [cell.horizontalAdvance(text)
                                                          for text in _samples(column)])
        if column == 4:
            width = min(width, LONGEST_OUTCOME)
        table.setColumnWidth(column, width + PADDING)
