"""One conversation in the Inbox list: "Name · +33 6 12 34 56 78" over "time  last message".
The phone number is always shown whole: when the row is narrow the name is shortened ("Cam… ·
+33 6 …" never happens), or left out when even a letter of it does not fit; the tooltip has
everything."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QListWidgetItem, QStyleOptionViewItem

from wacampaign_desktop.core.services.inbox import Conversation
from wacampaign_desktop.gui.inbox.badge import BadgeDelegate, set_badge
from wacampaign_desktop.gui.models.labels import local_time
from wacampaign_desktop.gui.models.phone_text import display_phone

TITLE_ROLE = Qt.ItemDataRole.UserRole + 41  # (name, phone as shown): the first line's parts
SEPARATOR = " · "
TEXT_MARGINS = 12  # the style's text margins on both sides, with room to spare
PREVIEW_LETTERS = 60
FOLLOW_UP_MARK = "⚑"
LINE_SEPARATOR = "\u2028"


def title_text(name: str, phone: str) -> str:
    return f"{name}{SEPARATOR}{phone}" if name else phone


def fit_title(name: str, phone: str, metrics: QFontMetrics, width: int) -> str:
    """The first line within `width` pixels: the name elided, never the phone number."""
    whole = title_text(name, phone)
    if not name or metrics.horizontalAdvance(whole) <= width:
        return whole
    room = width - metrics.horizontalAdvance(SEPARATOR + phone)
    if room < metrics.horizontalAdvance("W…"):
        return phone
    return title_text(metrics.elidedText(name, Qt.TextElideMode.ElideRight, room), phone)


def conversation_item(conv: Conversation) -> QListWidgetItem:
    """The list item for `conv`: its text, title parts, badge, bold when unread, tooltip."""
    phone = display_phone(conv.phone)
    preview = conv.last_body.replace("\n", " ")
    if len(preview) > PREVIEW_LETTERS:
        preview = preview[:PREVIEW_LETTERS - 1] + "…"
    mark = f"{FOLLOW_UP_MARK} " if conv.follow_up else ""
    item = QListWidgetItem(f"{title_text(conv.name, phone)}\n{mark}{local_time(conv.last_at)}  "
                           f"{preview}")
    item.setData(TITLE_ROLE, (conv.name, phone))
    show_unread(item, conv)
    return item


def show_unread(item: QListWidgetItem, conv: Conversation) -> None:
    """The badge, the bold and the tooltip (whole name and number, last message, unread count)."""
    tooltip = f"{title_text(conv.name, display_phone(conv.phone))}\n{conv.last_body}"
    if conv.follow_up:
        tooltip += "\n" + QCoreApplication.translate("InboxView", "Marked for follow-up")
    if conv.opted_out:
        tooltip += "\n" + QCoreApplication.translate("InboxView", "Opted out (replied STOP)")
    set_badge(item, conv.unread, tooltip)
    font = item.font()
    font.setBold(conv.unread > 0)
    item.setFont(font)


class ConversationDelegate(BadgeDelegate):
    """The badge delegate, with each row's first line fitted to the row's width."""

    def initStyleOption(self, option: QStyleOptionViewItem,  # noqa: N802 (Qt name)
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        parts = index.data(TITLE_ROLE)
        if not parts or not option.text:
            return
        name, phone = parts
        # the delegate turned the item's "\n" into Qt's line separator
        first, newline, rest = option.text.replace("\n", LINE_SEPARATOR).partition(LINE_SEPARATOR)
        width = option.rect.width() - TEXT_MARGINS
        fitted = fit_title(name, phone, QFontMetrics(option.font), width)
        option.text = fitted + newline + rest
