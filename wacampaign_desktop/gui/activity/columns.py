"""Column widths of the webhook log, measured on the words of the interface language, so a French
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
from wacampaign_desktop.gui.models.labels import local_time, status_label
from wacampaign_desktop.gui.models.phone_text import display_phone

STATUSES = ("pending", "accepted", "scheduled", "queued", "sending", "sent", "delivered", "read",
            "failed", "undelivered", "canceled")
PADDING = 24  # the cell's margins and a little air
LONGEST_OUTCOME = 230  # wider outcomes are elided (tooltip), the table stays readable at 800 px


def _samples(column: int) -> list[str]:
    """Texts as long as any the column shows, in the current language."""
    if column == 0:
        return [local_time(datetime(2025, 12, 28, 23, 59, 59), short=False)]
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
    at most LONGEST_OUTCOME; the last column (phone) takes what is left."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
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
