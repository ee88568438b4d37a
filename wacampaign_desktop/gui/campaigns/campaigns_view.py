"""The Campaigns page: the list of campaigns on the left (New campaign button on top) and the
live view of the selected campaign on the right."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wacampaign_desktop.gui.campaigns.campaign_view import CampaignView
from wacampaign_desktop.gui.campaigns.header import ElidedLabel
from wacampaign_desktop.gui.models.campaigns_model import CampaignsTableModel

if TYPE_CHECKING:
    from wacampaign_desktop.gui.services import GuiServices

log = logging.getLogger(__name__)


class _CampaignList(QTableView):
    resized = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self.resized.emit()


class CampaignsView(QWidget):
    def __init__(self, services: GuiServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.model = CampaignsTableModel(self, queries=services.queries)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter = splitter

        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        top = QHBoxLayout()
        title = ElidedLabel()  # a narrow list keeps its button, the title gives way
        title.setText(self.tr("Campaigns"))
        title.setProperty("role", "title")
        self.new_button = QPushButton(self.tr("New campaign"))
        self.new_button.setObjectName("newCampaign")
        self.new_button.setToolTip(self.tr("Create a campaign (Ctrl+N)"))
        self.new_button.clicked.connect(lambda: self.open_editor(None))
        top.addWidget(title, 1)
        top.addWidget(self.new_button)
        left_layout.addLayout(top)
        self._hints: dict[int, int] = {}
        self.list = _CampaignList(left)
        self.list.setObjectName("campaignList")
        self.list.setModel(self.model)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTabKeyNavigation(False)  # Tab goes to the next pane, arrows pick a campaign
        self.list.setWordWrap(False)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.verticalHeader().setVisible(False)
        self.list.setShowGrid(False)
        self.list.setColumnHidden(4, True)
        self.list.setMinimumWidth(150)
        self.list.resized.connect(self._fit_list_columns)
        header = self.list.horizontalHeader()
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("M") * 3)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.list.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self._show(self.model.campaign_id_at(current.row())))
        left_layout.addWidget(self.list, 1)
        self.empty_hint = QLabel(self.tr("No campaign yet. Click “New campaign” to write your first "
                                         "message; in sandbox mode nothing is really sent."))
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setProperty("role", "muted")
        left_layout.addWidget(self.empty_hint)

        self.campaign_view = CampaignView(services, splitter)
        self.campaign_view.campaignChanged.connect(lambda _id: self.reload(keep=True))
        self.campaign_view.editRequested.connect(self.open_editor)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([360, 900])
        self.setTabOrder(self.new_button, self.list)
        self.setTabOrder(self.list, self.campaign_view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        bridge = services.bridge
        bridge.countersChanged.connect(self.model.update_counters)
        bridge.campaignStateChanged.connect(lambda e: self.model.update_state(e.campaign_id, e.new_state))
        bridge.externalChange.connect(self._on_external)  # H: another process added/removed one
        self.reload()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        """The list never takes more than 30 % of a shrinking window: the campaign view needs
        the room more (the splitter alone would squeeze the view to its minimum first)."""
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self._keep_list_narrow)  # once the splitter has its new width

    def _keep_list_narrow(self) -> None:
        sizes = self.splitter.sizes()
        whole = sum(sizes)
        if whole and sizes[0] > 0.3 * whole:
            first = max(int(0.3 * whole), self.list.minimumWidth())
            self.splitter.setSizes([first, whole - first])

    def _fit_list_columns(self) -> None:
        """A narrow list keeps the campaign's name readable: the figures columns go (they are
        in the campaign view beside it), the state stays."""
        header = self.list.horizontalHeader()
        for column in (1, 2, 3):  # a hidden column's hint is 0: keep the last one seen
            hint = header.sectionSizeHint(column)
            if hint > 0:
                self._hints[column] = hint
        figures = sum(self._hints.values())
        name_room = self.fontMetrics().horizontalAdvance("M") * 10
        narrow = self.list.viewport().width() < figures + name_room
        for column in (2, 3):
            self.list.setColumnHidden(column, narrow)

    def reload(self, keep: bool = True) -> None:
        current = self.campaign_view.campaign_id if keep else None
        self.model.reload()
        self.empty_hint.setVisible(self.model.rowCount() == 0)
        if current is not None and self.model.row_of_id(current) is not None:
            self.select_campaign(current)
        elif self.model.rowCount():
            self.list.selectRow(0)
        else:
            self.campaign_view.set_campaign(None)

    def _on_external(self, resolved: object) -> None:
        if getattr(resolved, "campaign_list_changed", False):
            self.reload(keep=True)

    def select_campaign(self, campaign_id: int) -> None:
        row = self.model.row_of_id(campaign_id)
        if row is None:
            self.model.reload()
            row = self.model.row_of_id(campaign_id)
        if row is None:
            return
        self.list.selectRow(row)
        self._show(campaign_id)  # also when the row was already current

    def _show(self, campaign_id: int | None) -> None:
        if campaign_id != self.campaign_view.campaign_id:
            self.campaign_view.set_campaign(campaign_id)

    def refresh(self) -> None:
        self.reload(keep=True)
        self.campaign_view.refresh()

    def focus_search(self) -> None:
        self.campaign_view.focus_search()

    def open_editor(self, campaign_id: int | None = None) -> None:
        try:
            from wacampaign_desktop.gui.editor import CampaignEditorDialog
        except Exception as exc:  # the editor is built separately; never block this view
            log.warning("Campaign editor unavailable: %s", exc)
            QMessageBox.information(self, self.tr("Campaign editor"),
                                    self.tr("The campaign editor is not available in this build."))
            return
        dialog = CampaignEditorDialog(self.services, campaign_id=campaign_id or None, parent=self)
        accepted = dialog.exec()
        new_id = getattr(dialog, "campaign_id", None) or campaign_id
        if accepted or new_id:
            self.model.reload()
            self.empty_hint.setVisible(self.model.rowCount() == 0)
            if new_id:
                self.select_campaign(int(new_id))
                self.campaign_view.refresh()
