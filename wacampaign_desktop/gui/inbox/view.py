"""InboxView: conversations (newest first, unread ones in bold with a count badge) on the left,
the thread with one contact on the right (showing it marks it read), and a free-text reply box
that is only enabled inside WhatsApp's 24-hour window."""

from __future__ import annotations

import html
import logging
import weakref
from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QVBoxLayout, QWidget
from shiboken6 import isValid

from wacampaign_desktop.core.events import InboundReceived
from wacampaign_desktop.core.services.inbox import (
    Conversation,
    ReplyWindow,
    ReplyWindowClosed,
    SentReply,
    ThreadEntry,
)
from wacampaign_desktop.gui.inbox.conversation_item import (
    ConversationDelegate,
    conversation_item,
    show_unread,
)
from wacampaign_desktop.gui.models.labels import error_explanation, local_time, status_label
from wacampaign_desktop.gui.models.phone_text import display_phone
from wacampaign_desktop.gui.resources import load_ui

if TYPE_CHECKING:
    from wacampaign_desktop.gui.services import GuiServices

log = logging.getLogger(__name__)


class InboxView(QWidget):
    unreadChanged = Signal()  # a conversation was read: the navigation's badge re-counts

    def __init__(self, services: GuiServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.ui = load_ui("inbox_view.ui", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.ui)
        self.ui.splitter.setStretchFactor(1, 3)
        self.ui.conversationList.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.ui.conversationList.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.ui.conversationList.setSpacing(3)
        self.ui.conversationList.setItemDelegate(ConversationDelegate(self.ui.conversationList))
        self._conversations: list[Conversation] = []
        self._current: Conversation | None = None
        self._window = ReplyWindow(False, None, timedelta(0))
        self._sending = False
        self._stale = False
        self.loading = False
        self._reload_again = False

        self.ui.conversationList.currentRowChanged.connect(self._on_row)
        self.ui.searchEdit.textChanged.connect(self._search_later)
        self.ui.sendButton.clicked.connect(self.send_reply)
        self.ui.replyEdit.textChanged.connect(self._update_reply_state)
        QShortcut(QKeySequence("Ctrl+Return"), self.ui.replyEdit, self.send_reply).setContext(
            Qt.ShortcutContext.WidgetShortcut)
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self.reload)
        self._tick = QTimer(self, interval=30_000)  # keeps "time left" honest
        self._tick.timeout.connect(self._refresh_window)
        self._tick.start()
        services.bridge.inboundReceived.connect(self._on_inbound)
        self.reload()

    def focus_search(self) -> None:
        """Ctrl+F in the main window."""
        self.ui.searchEdit.setFocus()
        self.ui.searchEdit.selectAll()

    def refresh(self) -> None:
        """F5 in the main window."""
        self.reload()

    # -- data ---------------------------------------------------------------------------------
    @Slot()
    def reload(self) -> None:
        """Read the conversations on a worker (a search scans the messages), one read at a time;
        `loading` is True until the list shows the latest read."""
        if self.loading:
            self._reload_again = True
            return
        self.loading = True
        inbox, text = self.services.inbox, self.ui.searchEdit.text()
        self.services.tasks.run(lambda: inbox.conversations(text), self._show_conversations,
                                self._load_failed)

    def _load_failed(self, exc: BaseException) -> None:
        self.loading = self._reload_again = False
        log.error("Could not read the inbox: %s", exc)
        self.ui.contactLabel.setText(self.tr("The inbox could not be read. See Activity → App log."))

    def _show_conversations(self, conversations: list[Conversation]) -> None:
        self.loading = False
        if self._reload_again:  # a message arrived or the search changed meanwhile
            self._reload_again = False
            self.reload()
            return
        keep = self._current.address if self._current else None
        self._conversations = conversations
        lst = self.ui.conversationList
        lst.blockSignals(True)
        lst.clear()
        selected = -1
        for index, conv in enumerate(self._conversations):
            lst.addItem(conversation_item(conv))
            if conv.address == keep:
                selected = index
        lst.blockSignals(False)
        if not self._conversations:
            self._show_empty()
        elif selected >= 0:
            lst.setCurrentRow(selected)
            self._show_thread(self._conversations[selected])
        else:
            lst.setCurrentRow(0)
            self._show_thread(self._conversations[0])

    def _show_empty(self) -> None:
        self._current = None
        if self.ui.searchEdit.text().strip():
            self.ui.contactLabel.setText(self.tr("No conversation matches this search."))
        else:
            self.ui.contactLabel.setText(self.tr(
                "No messages yet. When contacts answer a campaign, their messages appear here."))
        self.ui.threadView.clear()
        self._window = ReplyWindow(False, None, timedelta(0))
        self._update_reply_state()

    @Slot(int)
    def _on_row(self, row: int) -> None:
        if 0 <= row < len(self._conversations):
            self._show_thread(self._conversations[row])

    def _show_thread(self, conv: Conversation) -> None:
        self._current = conv
        phone = html.escape(display_phone(conv.phone))
        header = f"<b>{html.escape(conv.name)}</b> · {phone}" if conv.name else f"<b>{phone}</b>"
        self.ui.contactLabel.setText(header)
        entries = self.services.inbox.thread(conv.phone)
        self.ui.threadView.setHtml(self._thread_html(conv, entries))
        bar = self.ui.threadView.verticalScrollBar()
        bar.setValue(bar.maximum())
        self._refresh_window()
        self._mark_read()

    def _mark_read(self) -> None:
        """The conversation on screen is read: store it (off the GUI thread), then clear its
        badge and its bold, and let the navigation's badge re-count."""
        conv = self._current
        if conv is None or not conv.unread or not self.isVisible():
            return
        inbox, phone, view = self.services.inbox, conv.phone, weakref.ref(self)

        def done(_count: int) -> None:  # the view may have been closed and deleted meanwhile
            shown = view()
            if shown is not None and isValid(shown):
                shown._show_read(phone)

        self.services.tasks.run(lambda: inbox.mark_read(phone), done,
                                lambda exc: log.error("Could not mark %s read: %s", phone, exc))

    def _show_read(self, phone: str) -> None:
        for row, conv in enumerate(self._conversations):
            if conv.phone != phone:
                continue
            self._conversations[row] = replace(conv, unread=0)
            if self._current is not None and self._current.phone == phone:
                self._current = self._conversations[row]
            item = self.ui.conversationList.item(row)
            if item is not None:
                show_unread(item, self._conversations[row])
        self.unreadChanged.emit()

    def _note(self, entry: ThreadEntry) -> str:
        """A campaign message's or reply's status ("Queued"); "Not sent: <why>" for a failed
        reply; nothing for the contact's own messages."""
        if entry.kind == "inbound":
            return ""
        if entry.kind == "reply" and entry.status == "failed":
            return self.tr("Not sent: %1").replace("%1", self._failure_reason(entry.error_code))
        return status_label(entry.status)

    def _failure_reason(self, code: int | None) -> str:
        if code is None:
            return self.tr("the connection to Twilio failed.")
        title, explanation, _hint = error_explanation(code)  # in the interface language
        return " ".join(part for part in (f"{title} ({code}).", explanation) if part)

    def _thread_html(self, conv: Conversation, entries: list[ThreadEntry]) -> str:
        parts = []
        them = html.escape(conv.name or display_phone(conv.phone))
        you = html.escape(self.tr("You"))
        for entry in entries:
            outgoing, body, note = entry.outgoing, entry.body, self._note(entry)
            who = you if outgoing else them
            meta = f"{who} · {html.escape(local_time(entry.at, short=False))}"
            if note:
                meta += f" · {html.escape(note)}"
            text = html.escape(body).replace("\n", "<br>")
            indent = "margin-left:60px;" if outgoing else "margin-right:60px;"
            parts.append(f'<p style="{indent}margin-bottom:10px"><small>{meta}</small><br>{text}</p>')
        return "".join(parts)

    # -- the 24-hour window ------------------------------------------------------------------------
    @Slot()
    def _refresh_window(self) -> None:
        if self._current is None:
            return
        self._window = self.services.inbox.reply_window(self._current.phone)
        self._update_reply_state()

    def window_text(self) -> str:
        window = self._window
        if self._current is None:
            return ""
        if window.open:
            return self.tr("Reply window open: you can answer in free text until %1 (%2 h %3 min left).") \
                .replace("%1", local_time(window.closes_at)) \
                .replace("%2", str(window.hours_left)).replace("%3", str(window.minutes_left))
        return self.tr("This contact last wrote more than 24 hours ago. WhatsApp only allows an "
                       "approved template now: send it as a campaign with a template SID.")

    @Slot()
    def _update_reply_state(self) -> None:
        open_ = self._current is not None and self._window.open
        self.ui.windowLabel.setText(self.window_text())
        self.ui.windowLabel.setProperty("role", "" if open_ else "muted")
        self.ui.windowLabel.style().unpolish(self.ui.windowLabel)
        self.ui.windowLabel.style().polish(self.ui.windowLabel)
        self.ui.replyEdit.setEnabled(open_ and not self._sending)
        self.ui.sendButton.setEnabled(
            open_ and not self._sending and bool(self.ui.replyEdit.toPlainText().strip()))

    # -- replying ----------------------------------------------------------------------------------
    @Slot()
    def send_reply(self) -> None:
        conv, body = self._current, self.ui.replyEdit.toPlainText().strip()
        if conv is None or not body or not self._window.open or self._sending:
            return
        controller = self.services.runtime_controller
        gateway = controller.gateway
        if gateway is None:
            self.ui.replyStatusLabel.setText(self.tr(
                "Sending is not ready yet (the app is still starting). Try again in a moment."))
            return
        # Sent without a status callback and stored whatever happens (services.inbox).
        sender, inbox, phone = controller.sender, self.services.inbox, conv.phone
        self._sending = True
        self.ui.replyStatusLabel.setText(self.tr("Sending…"))
        self._update_reply_state()
        self.services.tasks.run(lambda: inbox.send_reply(gateway, phone, sender, body),
                                self._on_sent, self._on_send_error)

    def _on_sent(self, reply: SentReply) -> None:
        self._sending = False
        phone = reply.phone
        if reply.sent:
            log.info("Inbox reply sent to %s (sid %s)", phone, reply.sid)
            self.ui.replyEdit.clear()
            self.ui.replyStatusLabel.setText(self.tr("Reply sent."))
        else:  # stored and shown as failed; the text stays in the box to try again
            self.ui.replyStatusLabel.setText(self.tr("The reply was not sent: %1").replace(
                "%1", self._failure_reason(reply.error_code)))
        if self._current is not None and self._current.phone == phone:
            self._show_thread(self._current)
        self._update_reply_state()

    def _on_send_error(self, exc: BaseException) -> None:
        self._sending = False
        if isinstance(exc, ReplyWindowClosed):  # the window closed while the text was typed
            self._refresh_window()
            self.ui.replyStatusLabel.setText(self.window_text())
            return
        log.error("Inbox reply failed: %s", exc)
        self.ui.replyStatusLabel.setText(self.tr(
            "The reply was not sent: the connection to Twilio failed. Your text is kept; try again."))
        self._update_reply_state()

    @Slot(object)
    def _on_inbound(self, _event: InboundReceived) -> None:
        if not self.isVisible():  # catch up when shown
            self._stale = True
            return
        self.reload()

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload()
        else:
            self._mark_read()  # the conversation on screen is now seen

    @Slot()
    def _search_later(self) -> None:
        self._search_timer.start()
