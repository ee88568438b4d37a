"""The review shown before a live campaign starts: who sends, how many messages and to whom
(your text, a template, skipped, held back, demo contacts left out), the first message as its
contact reads it, the speed and how long it takes, and what stops it from starting. Confirm
starts the campaign; Cancel (or Esc) starts nothing.

`ask_launch_review(parent, services, campaign_id, on_confirmed)` computes the review on a
worker thread (core/services/launch_review.py) with the running runtime's rules, then shows
the dialog; the sandbox never shows it (the caller starts at once there).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wacampaign_desktop.core.services.launch_review import LaunchReview, LaunchReviews
from wacampaign_desktop.gui.campaigns.review_words import (
    breakdown,
    duration_text,
    problem_lines,
    send_button_text,
)
from wacampaign_desktop.gui.models.phone_text import display_phone

if TYPE_CHECKING:
    from wacampaign_desktop.gui.services import GuiServices

log = logging.getLogger(__name__)

MESSAGE_SHOWN = 500  # characters of the first message shown (all of it in the tooltip)
SMALL_SCREEN_SHOWN = 140  # … when the whole review would not fit on the screen


class LaunchReviewDialog(QDialog):
    def __init__(self, review: LaunchReview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.review = review
        self.setObjectName("launchReviewDialog")
        self.setWindowTitle(self.tr("Review before sending"))
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        heading = QLabel((self.tr("“%1” cannot be sent yet") if review.blocked
                          else self.tr("Send “%1” now?")).replace("%1", review.name))
        heading.setProperty("role", "title")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        if review.live:
            notice = QLabel(self.tr("These are real WhatsApp messages: once sent, they cannot be "
                               "called back."))
            notice.setObjectName("liveNotice")
            notice.setWordWrap(True)
            notice.setStyleSheet("font-weight: bold;")
            layout.addWidget(notice)
        layout.addLayout(self._facts())
        layout.addWidget(self._groups())
        if review.first_message:
            layout.addWidget(self._first_message())
        if review.window_guard_off:
            warning = self._colored(self.tr(
                "The 24-hour window check is turned off (File → Sending…): free text to contacts "
                "who have not written in the last 24 hours will fail (error 63016)."), "#b26a00")
            warning.setObjectName("guardOffWarning")
            layout.addWidget(warning)
        if review.problems:
            text = self.tr("Fix this first:") + "\n" + "\n".join(
                f"• {line}" for line in problem_lines(review))
            problems = self._colored(text, "#b3261e")
            problems.setObjectName("problems")
            layout.addWidget(problems)
        buttons = QDialogButtonBox(self)
        self.confirm_button = QPushButton(send_button_text(review.to_send))
        self.confirm_button.setObjectName("confirmButton")
        self.confirm_button.setEnabled(not review.blocked)
        buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setDefault(True)  # Enter does not send by accident
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setFixedWidth(max(540, self.fontMetrics().horizontalAdvance("M") * 40))
        height = layout.totalHeightForWidth(self.width())  # as tall as its words
        room = self._screen_room()
        body = self.findChild(QLabel, "firstMessageText")
        if height > room and body is not None:  # a small screen: a shorter first message
            text = self.review.first_message
            body.setText(text[:SMALL_SCREEN_SHOWN] + "…")
            body.setToolTip(text)
            height = layout.totalHeightForWidth(self.width())
        self.setFixedHeight(height)

    def _screen_room(self) -> int:
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry().height() - 60 if screen is not None else 10_000

    def _facts(self) -> QFormLayout:
        form = QFormLayout()
        form.setHorizontalSpacing(12)
        rate = self.review.rate
        takes = duration_text(self.review.duration_s)
        if rate == 1:
            speed = self.tr("1 message a second, %1").replace("%1", takes)
        else:
            speed = self.tr("%1 messages a second, %2").replace("%1", f"{rate:g}").replace(
                "%2", takes)
        facts = (
            (self.tr("From"), self._sender_text(), "sender"),
            (self.tr("Messages to send"), str(self.review.to_send), "toSend"),
            (self.tr("Speed"), speed, "speed"),
        )
        for name, value, key in facts:
            label = QLabel(name)
            label.setProperty("role", "muted")
            shown = QLabel(value)
            shown.setObjectName(f"fact_{key}")
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, shown)
        return form

    def _sender_text(self) -> str:
        """The sender as people read it: "+1 415-523-8886 on WhatsApp", a Messaging Service."""
        sender = self.review.sender
        if not sender:
            return self.tr("(no sender set)")
        if sender.startswith("whatsapp:"):
            return self.tr("%1 on WhatsApp").replace("%1", display_phone(sender[9:]))
        if sender.startswith("MG"):
            return self.tr("Messaging Service %1").replace("%1", sender)
        return sender

    def _groups(self) -> QFrame:
        frame = QFrame()
        frame.setObjectName("recipientGroups")
        grid = QGridLayout(frame)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        for row, (count, words, key) in enumerate(breakdown(self.review)):
            number = QLabel(str(count))
            number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            number.setObjectName(f"count_{key}")
            text = QLabel(words)
            text.setWordWrap(True)
            text.setObjectName(f"words_{key}")
            grid.addWidget(number, row, 0)
            grid.addWidget(text, row, 1)
        grid.setColumnStretch(1, 1)
        return frame

    def _first_message(self) -> QWidget:
        box = QFrame()
        box.setObjectName("firstMessage")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        inner = QVBoxLayout(box)
        caption = QLabel(self.tr("First message, as %1 will read it:").replace(
            "%1", display_phone(self.review.first_recipient)))
        caption.setProperty("role", "muted")
        caption.setWordWrap(True)
        text = self.review.first_message
        shown = text if len(text) <= MESSAGE_SHOWN else text[:MESSAGE_SHOWN] + "…"
        body = QLabel(shown)
        body.setObjectName("firstMessageText")
        body.setWordWrap(True)
        body.setToolTip(text if shown != text else "")
        body.setTextFormat(Qt.TextFormat.PlainText)
        body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        inner.addWidget(caption)
        inner.addWidget(body)
        return box

    @staticmethod
    def _colored(text: str, color: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setStyleSheet(f"color: {color};")
        return label


def compute_review(services: GuiServices, campaign_id: int) -> LaunchReview:
    """The review with the running runtime's rules (worker thread)."""
    controller = services.runtime_controller
    runtime = controller.runtime
    live = runtime.mode == "live" if runtime is not None else services.context.live
    audience = services.campaigns.audience_rules(runtime)
    return LaunchReviews(services.context).review(campaign_id, audience=audience,
                                                  sender=controller.sender, live=live)


def ask_launch_review(parent: QWidget, services: GuiServices, campaign_id: int,
                      on_confirmed: Callable[[], None],
                      on_error: Callable[[BaseException], None] | None = None,
                      on_cancelled: Callable[[], None] | None = None) -> None:
    """Show the review of `campaign_id` when it needs confirmation (live mode) and call
    `on_confirmed` if the user confirms (else `on_cancelled`); in the sandbox call
    `on_confirmed` at once."""

    def show(review: LaunchReview) -> None:
        if not review.needs_confirmation:
            on_confirmed()
            return
        dialog = LaunchReviewDialog(review, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            on_confirmed()
        elif on_cancelled is not None:
            on_cancelled()

    services.tasks.run(lambda: compute_review(services, campaign_id), show, on_error)
