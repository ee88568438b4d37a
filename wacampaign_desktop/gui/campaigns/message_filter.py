"""The "Show:" status filter and the phone/name search above the messages table, and the notice
that says a filter is on (with "Show all messages"). Another campaign starts unfiltered.

Strings keep the campaign view's translation context ("CampaignView")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wacampaign_desktop.gui.models.messages_model import MessagesTableModel


def _tr(text: str) -> str:
    return QCoreApplication.translate("CampaignView", text)


class MessageFilterBar(QWidget):
    """Drives `model`'s status group and search; `reset()` shows every message again."""

    def __init__(self, model: MessagesTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        row = QHBoxLayout()
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        for key, text in (
            ("all", QCoreApplication.translate("CampaignView", "All messages")),
            ("pending", QCoreApplication.translate("CampaignView", "Waiting")),
            ("sent", QCoreApplication.translate("CampaignView", "Sent")),
            ("delivered", QCoreApplication.translate("CampaignView", "Delivered")),
            ("read", QCoreApplication.translate("CampaignView", "Read")),
            ("failed", QCoreApplication.translate("CampaignView", "Failed or undelivered")),
            ("skipped", QCoreApplication.translate("CampaignView", "Skipped or cancelled")),
            ("replied", QCoreApplication.translate("CampaignView", "Replied")),
        ):
            self.status_filter.addItem(text, key)
        self.status_filter.currentIndexChanged.connect(self._on_chosen)
        self.search = QLineEdit()
        self.search.setObjectName("phoneSearch")
        self.search.setPlaceholderText(
            QCoreApplication.translate("CampaignView", "Search by phone number or name (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self._timer = QTimer(self)  # one query when typing pauses, not one per key
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.apply_search)
        show_label = QLabel(QCoreApplication.translate("CampaignView", "Show:"))
        show_label.setBuddy(self.status_filter)
        row.addWidget(show_label)
        row.addWidget(self.status_filter)
        row.addWidget(self.search, 1)
        outer.addLayout(row)
        notice = QHBoxLayout()
        self.notice = QLabel()
        self.notice.setObjectName("filterNotice")
        self.notice.setWordWrap(True)
        self.show_all_button = QPushButton(
            QCoreApplication.translate("CampaignView", "Show all messages"))
        self.show_all_button.setObjectName("showAll")
        self.show_all_button.clicked.connect(self.show_all)
        notice.addWidget(self.notice, 1)
        notice.addWidget(self.show_all_button)
        outer.addLayout(notice)
        self.setTabOrder(self.status_filter, self.search)
        self.setTabOrder(self.search, self.show_all_button)
        model.modelReset.connect(self.show_notice)
        self.show_notice()

    def reset_widgets(self) -> None:
        """Back to "All messages" and an empty search, without querying."""
        self._timer.stop()
        for widget in (self.status_filter, self.search):
            widget.blockSignals(True)
        self.status_filter.setCurrentIndex(0)
        self.search.clear()
        for widget in (self.status_filter, self.search):
            widget.blockSignals(False)

    def show_all(self) -> None:
        self.reset_widgets()
        self.model.set_campaign(self.model.campaign_id, clear_filter=True)

    def apply_search(self) -> None:
        """Run the search now (Enter, tests) instead of waiting for the typing pause."""
        self._timer.stop()
        self.model.set_search(self.search.text())
        self.show_notice()

    def _on_chosen(self, _index: int) -> None:
        self.model.set_status_group(self.status_filter.currentData())
        self.show_notice()

    def show_notice(self) -> None:
        """A filter or a search hides messages: say so, with a way back to all of them."""
        model = self.model
        filtered = model.campaign_id is not None and model.is_filtered()
        parts = []
        if model.status_group != "all":
            parts.append("“" + self.status_filter.currentText() + "”")
        if model.search_text:
            parts.append("“" + model.search_text + "”")
        if not filtered:
            text = ""
        elif model.rowCount() == 0:
            text = QCoreApplication.translate(
                "CampaignView", "Filter on (%1): no message matches.").replace("%1", ", ".join(parts))
        else:
            text = QCoreApplication.translate(
                "CampaignView", "Filter on (%1): only matching messages are shown.").replace(
                "%1", ", ".join(parts))
        self.notice.setText(text)
        self.notice.setVisible(filtered)
        self.show_all_button.setVisible(filtered)
