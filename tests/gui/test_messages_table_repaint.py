"""A storm of status changes repaints only the rows on screen: changes to loaded rows scrolled
out of sight cost the GUI thread no repaint of the messages table (bench/gui_responsiveness.py
measures the stalls; this checks the region the table repaints)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect

from tests.gui.campaign_helpers import campaign_with_messages
from wacampaign_desktop.core.events import MessageStatusChanged
from wacampaign_desktop.gui.campaigns.messages_table import MessagesTable
from wacampaign_desktop.gui.models import MessagesTableModel


class _PaintLog(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.regions: list[QRect] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Paint:
            self.regions.append(event.region().boundingRect())  # type: ignore[attr-defined]
        return super().eventFilter(watched, event)


def test_changes_off_screen_repaint_only_the_visible_row(qapp, db, wait_until):
    campaign = campaign_with_messages(300, "Storm", body="Hello")
    model = MessagesTableModel(campaign.id, page_size=500)
    table = MessagesTable(model)
    table.resize(900, 300)
    log = _PaintLog()
    table.viewport().installEventFilter(log)
    table.show()
    wait_until(lambda: log.regions, what="the table's first paint")
    last_visible = table.rowAt(table.viewport().height() - 1)
    assert 0 < last_visible < 100

    def changed(position: int) -> MessageStatusChanged:
        row = model.row_at(position)
        assert row is not None
        return MessageStatusChanged(campaign_id=campaign.id, message_id=row.id, sid=None,
                                    old_status="queued", new_status="delivered")

    log.regions.clear()
    # one drain: a hundred rows far below the screen and the first visible row
    assert model.apply_changes([changed(p) for p in range(150, 250)] + [changed(0)]) == 101
    wait_until(lambda: log.regions, what="the changed visible row repainted")
    first_row = table.visualRect(model.index(0, 0))
    painted = log.regions[0]
    for region in log.regions[1:]:
        painted = painted.united(region)
    assert painted.height() <= 2 * first_row.height(), (painted, first_row)
    assert painted.top() <= first_row.top()
    assert model.data(model.index(0, model.COLUMNS.index("status"))) == "Delivered"
    table.viewport().removeEventFilter(log)
    table.close()


def test_new_counters_paint_the_progress_bar_later_not_inside_the_drain(qapp, wait_until):
    from wacampaign_desktop.gui.campaigns.counters import CountersPanel

    panel = CountersPanel()
    panel.resize(900, 160)
    log = _PaintLog()
    panel.progress.installEventFilter(log)
    panel.show()
    wait_until(lambda: log.regions, what="the progress bar's first paint")
    log.regions.clear()
    panel.set_counters({"total": 1000, "sent": 400, "delivered": 300, "pending": 600})
    assert log.regions == []  # QProgressBar.setValue alone would have painted right here
    wait_until(lambda: log.regions, what="the progress bar repainted by the event loop")
    assert panel.progress.value() == 400
    assert panel.progress.text() == "400 of 1,000 processed"
    panel.progress.removeEventFilter(log)
    panel.close()
