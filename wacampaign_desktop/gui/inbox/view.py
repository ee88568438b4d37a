"""InboxView: conversations (newest first, unread ones in bold with a count badge, a flag on
those marked for follow-up; a "Follow-up only" filter) on the left, the thread with one contact on
the right (showing it marks it read; our replies and automatic replies with their current status,
kept current by status callbacks), and a free-text reply box that is only enabled inside
WhatsApp's 24-hour window and never for an opted-out contact (the reason is shown); outside the
window the approved templates are offered instead."""

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
    ContactOptedOut,
    Conversation,
    ReplyWindow,
    ReplyWindowClosed,
    SentReply,
    ThreadEntry,
)
from wacampaign_desktop.core.services.rules import TemplateChoice
from wacampaign_desktop.gui.inbox.conversation_item import (
    ConversationDelegate,
    conversation_item,
    show_unread,
)
from wacampaign_desktop.gui.inbox.direct_relay import DirectMessageRelay
from wacampaign_desktop.gui.inbox.small_screen import fit_small_screens
from wacampaign_desktop.gui.inbox.view_extras import InboxExtrasMixin
from wacampaign_desktop.gui.models.labels import error_explanation, local_time, status_label
from wacampaign_desktop.gui.models.phone_text import display_phone
from wacampaign_desktop.gui.resources import load_ui

if TYPE_CHECKING:
    from wacampaign_desktop.gui.services import GuiServices

log = logging.getLogger(__name__)


class InboxView(InboxExtrasMixin, QWidget):
    unreadChanged = Signal()  # a conversation was read: the navigation's badge re-counts

    def __init__(self, services: GuiServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.ui = load_ui("inbox_view.ui", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.ui)
        fit_small_screens(self.ui)  # wraps instead of widening the window at 800×600
        self.ui.splitter.setStretchFactor(1, 3)
        self.ui.conversationList.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.ui.conversationList.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.ui.conversationList.setSpacing(3)
        self.ui.conversationList.setItemDelegate(ConversationDelegate(self.ui.conversationList))
        self._conversations: list[Conversation] = []
        self._current: Conversation | None = None
        self._window = ReplyWindow(False, None, timedelta(0))
        self._opted_out = False
        self._templates: list[TemplateChoice] = []
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
        self.ui.followUpOnlyCheck.toggled.connect(self.reload)
        self.ui.followUpButton.toggled.connect(self._set_follow_up)
        self.ui.rulesButton.clicked.connect(self.open_rules)
        self.ui.templateCombo.currentIndexChanged.connect(self._prefill_values)
        self.ui.templateButton.clicked.connect(self.send_template)
        self._relay = DirectMessageRelay(services.context.bus, self)
        self._relay.changed.connect(self._on_direct_changed)
        self.destroyed.connect(self._relay.close)
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
        follow_up_only = self.ui.followUpOnlyCheck.isChecked()
        self.services.tasks.run(lambda: inbox.conversations(text, follow_up_only=follow_up_only),
                                self._show_conversations, self._load_failed)

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
        if self.ui.followUpOnlyCheck.isChecked():
            self.ui.contactLabel.setText(self.tr("No conversation is marked for follow-up."))
        elif self.ui.searchEdit.text().strip():
            self.ui.contactLabel.setText(self.tr("No conversation matches this search."))
        else:
            self.ui.contactLabel.setText(self.tr(
                "No messages yet. When contacts answer a campaign, their messages appear here."))
        self.ui.threadView.clear()
        self._window = ReplyWindow(False, None, timedelta(0))
        self._opted_out = False
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
        self.ui.followUpButton.blockSignals(True)
        self.ui.followUpButton.setChecked(conv.follow_up)
        self.ui.followUpButton.blockSignals(False)
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
        automatic = {"auto_reply": self.tr("Automatic reply"),
                     "optout_confirmation": self.tr("Opt-out confirmation")}.get(entry.direct_kind)
        if entry.kind == "reply" and entry.status == "failed":
            note = self.tr("Not sent: %1").replace("%1", self._failure_reason(entry.error_code))
        else:
            note = status_label(entry.status)
        return f"{automatic} · {note}" if automatic else note

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
        inbox, phone = self.services.inbox, self._current.phone
        self._window = inbox.reply_window(phone)
        self._opted_out = inbox.opted_out(phone)
        if not self._window.open and not self._opted_out and not self._templates:
            self._templates = inbox.templates()
            self._fill_templates()
        self._update_reply_state()

    def window_text(self) -> str:
        window = self._window
        if self._current is None:
            return ""
        if self._opted_out:
            return self.tr("This contact opted out (replied STOP): nothing can be sent to them "
                           "from the Inbox. They can write START to subscribe again.")
        if window.open:
            return self.tr("Reply window open: you can answer in free text until %1 (%2 h %3 min left).") \
                .replace("%1", local_time(window.closes_at)) \
                .replace("%2", str(window.hours_left)).replace("%3", str(window.minutes_left))
        if self._templates:
            return self.tr("This contact last wrote more than 24 hours ago: free text would fail. "
                           "WhatsApp only allows an approved template now; choose one below.")
        return self.tr("This contact last wrote more than 24 hours ago: free text would fail. "
                       "WhatsApp only allows an approved template now: sync your templates "
                       "(File → Connect Twilio…) or send one as a campaign.")

    @Slot()
    def _update_reply_state(self) -> None:
        open_ = self._current is not None and self._window.open and not self._opted_out
        templates = (self._current is not None and not self._window.open and not self._opted_out
                     and bool(self._templates))
        for widget in (self.ui.templateCombo, self.ui.variablesEdit, self.ui.templateButton):
            widget.setVisible(templates)
        self.ui.variablesEdit.setVisible(templates and bool(self._chosen_placeholders()))
        self.ui.templateButton.setEnabled(templates and not self._sending)
        self.ui.followUpButton.setEnabled(self._current is not None)
        self.ui.windowLabel.setText(self.window_text())
        self.ui.windowLabel.setProperty("role", "" if open_ or self._opted_out else "muted")
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
        # Sent with the status callback campaign messages use; stored whatever happens.
        sender, inbox, phone = controller.sender, self.services.inbox, conv.phone
        callback = self._status_callback()
        self._sending = True
        self.ui.replyStatusLabel.setText(self.tr("Sending…"))
        self._update_reply_state()
        self.services.tasks.run(
            lambda: inbox.send_reply(gateway, phone, sender, body, status_callback=callback),
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
        if isinstance(exc, ContactOptedOut | ReplyWindowClosed):  # STOP or the window closed
            # while the text was typed
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
