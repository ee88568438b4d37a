"""Unread replies as badges: a round count painted at the right of a list item (the Inbox entry of
the main window's navigation, each conversation of the Inbox), and InboxBadge, which keeps the
navigation's count up to date from the bridge's inboundReceived and from reads in the Inbox."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QRect, Qt, QTimer, Slot
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

if TYPE_CHECKING:
    from wacampaign_desktop.gui.services import GuiServices

BADGE_ROLE = Qt.ItemDataRole.UserRole + 40  # the badge's text ("3"); None: no badge
COALESCE_MS = 150  # new messages within this time are counted together
BADGE_COLOR = QColor("#1f8f4e")  # WhatsApp-like green, white text readable on it


def badge_text(count: int) -> str | None:
    """"3", "99+" or None (no badge) for `count` unread messages."""
    if count <= 0:
        return None
    return "99+" if count > 99 else str(count)


def unread_tooltip(count: int) -> str:
    if count == 1:
        return QCoreApplication.translate("InboxBadge", "1 unread message")
    return QCoreApplication.translate("InboxBadge", "%1 unread messages").replace("%1", str(count))


class BadgeDelegate(QStyledItemDelegate):
    """Paints the item as usual, then its BADGE_ROLE text in a green pill at the right edge."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        text = index.data(BADGE_ROLE)
        if not text:
            super().paint(painter, option, index)
            return
        font = QFont(option.font)
        font.setBold(True)
        metrics_width = option.fontMetrics.horizontalAdvance(text)
        height = option.fontMetrics.height() + 4
        width = max(height, metrics_width + 12)
        whole = QStyleOptionViewItem(option)
        self.initStyleOption(whole, index)
        style = whole.widget.style() if whole.widget is not None else QApplication.style()
        # the item's background (selection, hover) across the whole row, badge included…
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, whole, painter,
                            whole.widget)
        room = QStyleOptionViewItem(option)
        room.rect = option.rect.adjusted(0, 0, -(width + 10), 0)  # …its text never under it
        super().paint(painter, room, index)
        pill = QRect(option.rect.right() - width - 8,
                     option.rect.center().y() - height // 2, width, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(BADGE_COLOR)
        painter.drawRoundedRect(pill, height / 2, height / 2)
        painter.setPen(QColor("white"))
        painter.setFont(font)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


def set_badge(item: QListWidgetItem, count: int, plain_tooltip: str = "") -> None:
    """Show `count` on `item` (nothing when 0); the tooltip says it in words."""
    item.setData(BADGE_ROLE, badge_text(count))
    words = unread_tooltip(count) if count > 0 else ""
    item.setToolTip("\n".join(part for part in (plain_tooltip, words) if part))


class InboxBadge(QObject):
    """The unread count on the navigation's Inbox entry, live."""

    def __init__(self, services: GuiServices, item: QListWidgetItem, parent: QWidget) -> None:
        super().__init__(parent)
        self.services = services
        self.item = item
        self.count = 0
        self._tooltip = item.toolTip()
        item.listWidget().setItemDelegate(BadgeDelegate(item.listWidget()))
        # a burst of replies re-counts once, not once per message
        self._soon = QTimer(self, singleShot=True, interval=COALESCE_MS)
        self._soon.timeout.connect(self.refresh)
        services.bridge.inboundReceived.connect(lambda _event: self._soon.start())
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Re-count the unread messages (one count query) and show the number."""
        self.count = self.services.inbox.unread_count()
        set_badge(self.item, self.count, self._tooltip)
