"""InboxView: conversations (newest first) on the left, the thread with one contact on the right,
and a free-text reply box that is only enabled inside WhatsApp's 24-hour window."""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from peewee import fn
from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QListWidgetItem, QVBoxLayout, QWidget

from wacampaign_desktop.core.direct_messages import send_direct_message, thread_direct_messages
from wacampaign_desktop.core.store.models import (
    CampaignMessage,
    Contact,
    DirectMessage,
    InboundMessage,
)
from wacampaign_desktop.gui.inbox.window import ReplyWindow, bare_phone, reply_window, utcnow
from wacampaign_desktop.gui.models.labels import error_explanation, local_time, status_label
from wacampaign_desktop.gui.resources import load_ui

if TYPE_CHECKING:
    from wacampaign_desktop.gui.services import GuiServices

log = logging.getLogger(__name__)

MAX_CONVERSATIONS = 500
MAX_THREAD = 200


@dataclass
class Conversation:
    address: str  # "whatsapp:+…" as Twilio sent it
    phone: str
    name: str
    last_body: str
    last_at: datetime
    count: int


def load_conversations(search: str = "") -> list[Conversation]:
    """Contacts who wrote to us, newest first (SQLite returns the body of the MAX row)."""
    last = fn.MAX(InboundMessage.received_at).alias("last_at")
    query = (InboundMessage
             .select(InboundMessage.from_number, InboundMessage.body, InboundMessage.profile_name,
                     last, fn.COUNT(InboundMessage.id).alias("n"))
             .group_by(InboundMessage.from_number)
             .order_by(last.desc())
             .limit(MAX_CONVERSATIONS))
    text = search.strip()
    if text:
        like = f"%{text}%"
        named = Contact.select(Contact.phone).where(Contact.name ** like)
        phones = [row.phone for row in named.limit(1000)]
        condition = ((InboundMessage.body ** like) | (InboundMessage.from_number ** like)
                     | (InboundMessage.profile_name ** like))
        if phones:
            condition |= InboundMessage.from_number.in_([f"whatsapp:{p}" for p in phones] + phones)
        query = query.where(condition)
    rows = list(query.dicts())
    phones = [bare_phone(row["from_number"]) for row in rows]
    names = {c.phone: c.name for c in Contact.select(Contact.phone, Contact.name)
             .where(Contact.phone.in_(phones))} if phones else {}
    result = []
    for row, phone in zip(rows, phones, strict=True):
        name = names.get(phone) or row["profile_name"] or ""
        result.append(Conversation(row["from_number"], phone, name, row["body"] or "",
                                   row["last_at"], row["n"]))
    return result


def last_inbound_at(phone: str) -> datetime | None:
    row = (InboundMessage.select(fn.MAX(InboundMessage.received_at).alias("last"))
           .where(InboundMessage.from_number.in_([f"whatsapp:{phone}", phone])).dicts().first())
    return row["last"] if row else None


class InboxView(QWidget):
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
        self._conversations: list[Conversation] = []
        self._current: Conversation | None = None
        self._window = ReplyWindow(False, None, utcnow() - utcnow())
        self._sending = False
        self._stale = False

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
        keep = self._current.address if self._current else None
        try:
            self._conversations = load_conversations(self.ui.searchEdit.text())
        except Exception:
            log.exception("Could not read the inbox")
            self.ui.contactLabel.setText(self.tr("The inbox could not be read. See Activity → App log."))
            return
        lst = self.ui.conversationList
        lst.blockSignals(True)
        lst.clear()
        selected = -1
        for index, conv in enumerate(self._conversations):
            title = f"{conv.name} · {conv.phone}" if conv.name else conv.phone
            preview = conv.last_body.replace("\n", " ")
            if len(preview) > 60:
                preview = preview[:59] + "…"
            item = QListWidgetItem(f"{title}\n{local_time(conv.last_at)}  {preview}")
            item.setToolTip(conv.last_body)
            lst.addItem(item)
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
        self._window = reply_window(None)
        self._update_reply_state()

    @Slot(int)
    def _on_row(self, row: int) -> None:
        if 0 <= row < len(self._conversations):
            self._show_thread(self._conversations[row])

    def _show_thread(self, conv: Conversation) -> None:
        self._current = conv
        header = f"<b>{html.escape(conv.name)}</b> · {conv.phone}" if conv.name else f"<b>{conv.phone}</b>"
        self.ui.contactLabel.setText(header)
        entries: list[tuple[datetime, bool, str, str]] = []
        inbound = (InboundMessage.select()
                   .where(InboundMessage.from_number.in_([conv.address, conv.phone]))
                   .order_by(InboundMessage.received_at.desc()).limit(MAX_THREAD))
        for msg in inbound:
            entries.append((msg.received_at, False, msg.body or "", ""))
        outbound = (CampaignMessage.select()
                    .where((CampaignMessage.phone == conv.phone) & CampaignMessage.sent_at.is_null(False))
                    .order_by(CampaignMessage.sent_at.desc()).limit(MAX_THREAD))
        for msg in outbound:
            entries.append((msg.sent_at, True, msg.message or "", status_label(msg.status)))
        for reply in thread_direct_messages(conv.phone, MAX_THREAD):
            entries.append((reply.sent_at or reply.created_at, True, reply.body or "",
                            self._reply_note(reply)))
        entries.sort(key=lambda e: e[0])
        self.ui.threadView.setHtml(self._thread_html(conv, entries[-MAX_THREAD:]))
        bar = self.ui.threadView.verticalScrollBar()
        bar.setValue(bar.maximum())
        self._refresh_window()

    def _reply_note(self, reply: DirectMessage) -> str:
        """"Queued" for a sent reply; "Not sent: <why>" for a failed one."""
        if reply.status != "failed":
            return status_label(reply.status)
        return self.tr("Not sent: %1").replace("%1", self._failure_reason(reply.error_code))

    def _failure_reason(self, code: int | None) -> str:
        if code is None:
            return self.tr("the connection to Twilio failed.")
        try:  # in the interface language (the catalog has English and French)
            from wacampaign_desktop.core.twilio_gateway import explain_error
            from wacampaign_desktop.gui.app import choose_language

            info = explain_error(code, choose_language(self.services.context.settings.language))
            title, explanation = info.title, info.explanation
        except Exception:
            log.debug("No explanation for error %s", code, exc_info=True)
            title, explanation, _hint = error_explanation(code)
        return " ".join(part for part in (f"{title} ({code}).", explanation) if part)

    def _thread_html(self, conv: Conversation, entries: list[tuple[datetime, bool, str, str]]) -> str:
        parts = []
        them = html.escape(conv.name or conv.phone)
        you = html.escape(self.tr("You"))
        for at, outgoing, body, note in entries:
            who = you if outgoing else them
            meta = f"{who} · {html.escape(local_time(at, short=False))}"
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
        self._window = reply_window(last_inbound_at(self._current.phone))
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
        runtime = self.services.runtime
        if runtime is None or getattr(runtime, "gateway", None) is None:
            self.ui.replyStatusLabel.setText(self.tr(
                "Sending is not ready yet (the app is still starting). Try again in a moment."))
            return
        # Sent without a status callback and stored whatever happens (core.direct_messages).
        sender = self._sender(runtime)
        self._sending = True
        self.ui.replyStatusLabel.setText(self.tr("Sending…"))
        self._update_reply_state()
        phone = conv.phone
        self.services.tasks.run(lambda: send_direct_message(runtime.gateway, phone, sender, body),
                                lambda reply: self._on_sent(phone, reply),
                                lambda exc: self._on_send_error(exc))

    def _sender(self, runtime: Any) -> str:
        sender = getattr(runtime, "sender", None) or self.services.context.settings.sender
        if not sender and getattr(runtime, "sandbox", None) is not None:
            from wacampaign_desktop.core.sandbox.config import DEFAULT_SENDER

            sender = DEFAULT_SENDER
        return sender

    def _on_sent(self, phone: str, reply: DirectMessage) -> None:
        self._sending = False
        if reply.status != "failed":
            log.info("Inbox reply sent to %s (sid %s)", phone, reply.twilio_sid)
            self.ui.replyEdit.clear()
            self.ui.replyStatusLabel.setText(self.tr("Reply sent."))
        else:  # stored and shown as failed; the text stays in the box to try again
            self.ui.replyStatusLabel.setText(self.tr("The reply was not sent: %1").replace(
                "%1", self._failure_reason(reply.error_code)))
        if self._current is not None and self._current.phone == phone:
            self._show_thread(self._current)
        self._update_reply_state()

    def _on_send_error(self, exc: BaseException) -> None:
        log.error("Inbox reply failed: %s", exc)
        self._sending = False
        self.ui.replyStatusLabel.setText(self.tr(
            "The reply was not sent: the connection to Twilio failed. Your text is kept; try again."))
        self._update_reply_state()

    @Slot(object)
    def _on_inbound(self, _event: Any) -> None:
        if not self.isVisible():  # catch up when shown
            self._stale = True
            return
        self.reload()

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload()

    @Slot()
    def _search_later(self) -> None:
        self._search_timer.start()
