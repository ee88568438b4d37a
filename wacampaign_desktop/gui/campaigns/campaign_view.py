"""The live view of one campaign: name and state, actions (Start / Pause / Resume / Cancel /
Retry failed / Edit / Export CSV), counters with rates and progress, the lazily loaded
messages table (filter by status, search by phone) and a detail pane for the selected message.
The actions themselves are in view_actions.py (CampaignActions).

Reads go through core/services/queries.py, actions through core/services/campaigns.py with the
running engine (services.runtime_controller), on a worker thread (services.tasks); live changes
arrive from the bridge, already coalesced to at most ~10 per second.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from wacampaign_desktop.core.events import (
    CampaignProgress,
    CampaignStateChanged,
    InboundReceived,
    MessageStatusChanged,
)
from wacampaign_desktop.core.services.campaigns import Preparation
from wacampaign_desktop.core.services.queries import campaign_actions
from wacampaign_desktop.gui.campaigns.ab_box import ABBox
from wacampaign_desktop.gui.campaigns.counters import CountersPanel
from wacampaign_desktop.gui.campaigns.detail_pane import MessageDetailPane
from wacampaign_desktop.gui.campaigns.external_refresh import ExternalRefresher
from wacampaign_desktop.gui.campaigns.header import CampaignHeader
from wacampaign_desktop.gui.campaigns.message_filter import MessageFilterBar
from wacampaign_desktop.gui.campaigns.messages_table import MessagesTable
from wacampaign_desktop.gui.campaigns.review_words import (
    demo_left_out_text,
    render_problems_text,
    start_count_text,
)
from wacampaign_desktop.gui.campaigns.time_left import ProgressMeter, time_left_text
from wacampaign_desktop.gui.campaigns.view_actions import CampaignActions
from wacampaign_desktop.gui.campaigns.window_choice import WindowChoice
from wacampaign_desktop.gui.models.labels import state_label
from wacampaign_desktop.gui.models.messages_model import MessagesTableModel
from wacampaign_desktop.gui.resources import status_color

if TYPE_CHECKING:
    from wacampaign_desktop.core.engine import CampaignEngine
    from wacampaign_desktop.core.runtime import Runtime
    from wacampaign_desktop.gui.services import GuiServices

log = logging.getLogger(__name__)

class CampaignView(QWidget, CampaignActions):
    campaignChanged = Signal(int)  # the campaign's name/state changed (list should refresh)
    editRequested = Signal(int)
    exportFinished = Signal(str, int)  # path, rows
    actionFailed = Signal(str)

    def __init__(self, services: GuiServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.campaign_id: int | None = None
        self.state = ""
        self._failed_count = 0
        self._send_rate = 0.0
        self.meter = ProgressMeter()
        self.model = MessagesTableModel(parent=self, queries=services.queries)
        self.external_refresh = ExternalRefresher(self)  # H3: off the GUI thread, when shown
        self._build()
        bridge = services.bridge
        bridge.messageStatusChanged.connect(self._on_statuses)
        bridge.countersChanged.connect(self._on_counters)
        bridge.campaignStateChanged.connect(self._on_state)
        bridge.campaignProgress.connect(self._on_progress)
        bridge.inboundReceived.connect(self._on_inbound)
        bridge.externalChange.connect(self._on_external)  # H: another process moved messages
        services.runtime_controller.runtimeChanged.connect(self._on_runtime)
        self.set_campaign(None)

    # -- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.header = CampaignHeader((
            ("start", self.tr("Start"), self._start),
            ("pause", self.tr("Pause"), lambda: self._campaign_action("pause")),
            ("resume", self.tr("Resume"), lambda: self._campaign_action("resume")),
            ("cancel", self.tr("Cancel campaign"), self._confirm_cancel),
            ("retry", self.tr("Retry failed"), lambda: self._campaign_action("retry_failed")),
            ("edit", self.tr("Edit"), lambda: self.editRequested.emit(self.campaign_id or 0)),
            ("export", self.tr("Export CSV…"), self.choose_export_path),
        ), self)
        self.title, self.state_label = self.header.title, self.header.state_label
        self.buttons = self.header.buttons
        self.buttons["start"].setDefault(True)
        layout.addWidget(self.header)
        self.message_label = QLabel()
        self.message_label.setProperty("role", "muted")
        self.message_label.setWordWrap(True)
        layout.addWidget(self.message_label)
        self.window_choice = WindowChoice(self.services, self)  # D: the 24-hour window
        self.window_choice.changed.connect(self._on_window_choice)
        self.window_choice.failed.connect(self._on_window_choice_failed)
        layout.addWidget(self.window_choice)
        self.counters = CountersPanel(self)
        layout.addWidget(self.counters)
        self.ab_box = ABBox(self.services, self, self._engine)  # G: versions, test, winner
        layout.addWidget(self.ab_box)

        self.filters = MessageFilterBar(self.model, self)
        self.status_filter = self.filters.status_filter
        self.search = self.filters.search
        self.filter_notice = self.filters.notice
        self.show_all_button = self.filters.show_all_button
        layout.addWidget(self.filters)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        self.table = MessagesTable(self.model, splitter)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.model.dataChanged.connect(self._on_rows_changed)
        self.model.modelReset.connect(lambda: self.detail.show_row(None))
        self.detail = MessageDetailPane(splitter)
        self.detail.max_attempts = self.services.context.settings.max_attempts  # "2 of 3" (G)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([400, 130])
        layout.addWidget(splitter, 1)
        self.setTabOrder(self.show_all_button, self.table)
        self.setTabOrder(self.table, self.detail)

    # -- campaign ----------------------------------------------------------------------------
    def set_campaign(self, campaign_id: int | None) -> None:
        """Show `campaign_id` (None: nothing). Another campaign starts with every message
        shown: the previous campaign's status filter and search are dropped."""
        other = campaign_id != self.campaign_id
        self.campaign_id = campaign_id
        campaign = self.services.queries.campaign(campaign_id)
        if campaign is None:
            self.campaign_id = None
            self.title.setText(self.tr("No campaign selected"))
            self.state = ""
            self.state_label.setText("")
            self.message_label.setText(self.tr("Create a campaign with “New campaign” (Ctrl+N)."))
            self.counters.set_counters({})
            self.window_choice.show_for(None, None)
        else:
            self.title.setText(campaign.name)
            self.title.setToolTip(campaign.name)
            self._show_state(campaign.state, campaign.sent_by)
            preview = (campaign.body or "").replace("\n", " ")
            if campaign.content_sid:
                preview = self.tr("Template %1").replace("%1", campaign.content_sid)
            self.message_label.setText(preview[:160] + ("…" if len(preview) > 160 else ""))
            self.counters.set_counters(campaign.counters)
            self._failed_count = campaign.failed
            if campaign.state in ("draft", "scheduled") and not campaign.total:
                self._preview_audience(campaign.id)
            else:
                self.window_choice.show_for(None, None)
            found = self.services.campaigns.find(campaign.id)
            self._send_rate = float(found.send_rate or 0.0) if found is not None else 0.0
        if other:
            self.filters.reset_widgets()
        self.model.set_campaign(self.campaign_id, clear_filter=other)
        self.ab_box.set_campaign(self.campaign_id)
        self._show_time_left()
        self._update_actions()

    def _preview_audience(self, campaign_id: int) -> None:
        """For a campaign not started yet: say how many contacts Start would send to (dry run
        on a worker thread; no side effects; no engine needed)."""

        def show(prep: Preparation) -> None:
            if self.campaign_id != campaign_id:
                return
            self.window_choice.show_for(campaign_id, prep, guard_off=guard_off(prep))
            text = start_count_text(len(prep.recipients), len(prep.skipped))
            if prep.demo_excluded:  # D: live mode never sends to the first-run demo contacts
                text += " " + demo_left_out_text(prep.demo_excluded)
            if prep.problems:
                text += " " + self.tr("Fix the message first: %1").replace(
                    "%1", render_problems_text(prep.problems))  # D2: in the user's language
            self.message_label.setText(text)

        campaigns = self.services.campaigns
        runtime = self.services.runtime_controller.runtime
        live = runtime.mode == "live" if runtime is not None else self.services.context.live

        def guard_off(prep: Preparation) -> bool:  # live free text with the window check off
            found = campaigns.find(campaign_id)
            return (live and not self.services.context.settings.window_guard
                    and found is not None and not found.content_sid and bool(prep.recipients))

        self.services.tasks.run(
            lambda: campaigns.prepare(campaign_id, campaigns.audience_rules(runtime)), show,
            lambda exc: log.info("Dry run of %s failed: %s", campaign_id, exc))

    def refresh(self) -> None:
        self.set_campaign(self.campaign_id)

    def apply_search(self) -> None:
        """Run the search now (Enter, tests) instead of waiting for the typing pause."""
        self.filters.apply_search()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _show_state(self, state: str, sent_by: str | None = None) -> None:
        """The state pill; `sent_by`: another process (desktop, `serve`) sending it (H)."""
        self.state = state
        owner = self.tr("Being sent by %1").replace("%1", sent_by) if sent_by else ""
        self.state_label.setText(state_label(state) + (f" · {owner}" if owner else ""))
        self.state_label.setToolTip(owner)
        color = status_color(state).name()
        self.state_label.setStyleSheet(f"color: {color}; border: 1px solid {color};"
                                       " border-radius: 8px; padding: 1px 8px;")

    def _update_actions(self) -> None:
        allowed = campaign_actions(self.state) if self.campaign_id else frozenset()
        has_engine = self._engine() is not None
        for key, button in self.buttons.items():
            if key == "export":
                button.setEnabled(self.campaign_id is not None)
                continue
            visible = key in allowed
            if key == "retry":  # only when there is something to retry
                visible = visible and self._failed_count > 0
            button.setVisible(visible)
            needs_engine = key != "edit"
            button.setEnabled(visible and (has_engine or not needs_engine))
            button.setToolTip("" if has_engine or not needs_engine else
                              self.tr("The sending service is still starting…"))
        self.header.rearrange()

    def _engine(self) -> CampaignEngine | None:
        return self.services.runtime_controller.engine

    # -- live updates ---------------------------------------------------------------------
    def _on_statuses(self, events: list[MessageStatusChanged]) -> None:
        if self.campaign_id is not None:
            self.model.apply_changes(events)

    def _on_counters(self, campaign_id: int, counters: dict[str, int]) -> None:
        if campaign_id != self.campaign_id:
            return
        self.counters.set_counters(counters)
        self.ab_box.refresh()
        failed = counters.get("failed", 0) + counters.get("undelivered", 0)
        if (failed > 0) != (self._failed_count > 0):
            self._failed_count = failed
            self._update_actions()
        self._failed_count = failed
        self.model.notice_total(counters.get("total", 0))

    def _on_runtime(self, _runtime: Runtime | None) -> None:
        self._update_actions()
        if self.campaign_id is not None and self.state in ("draft", "scheduled"):
            self._preview_audience(self.campaign_id)

    def _on_inbound(self, event: InboundReceived) -> None:
        """A reply to one of this campaign's messages: show its Replied time at once."""
        message_id = event.campaign_message_id
        if message_id is not None and self.model.row_of_id(message_id) is not None:
            self.model.refresh_rows([message_id])

    def _on_external(self, resolved: object) -> None:
        """Another process changed this campaign: re-read the loaded rows and who sends it (on
        the task pool, at most ~2 a second, only while shown: external_refresh.py)."""
        self.external_refresh.changed(resolved)

    def show_external_state(self, state: str, sent_by: str | None) -> None:
        """(external_refresh) the campaign's state and sender as another process left them."""
        self._show_state(state, sent_by)
        self._update_actions()

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self.external_refresh.shown()  # H3: what another process changed while hidden

    def _on_state(self, event: CampaignStateChanged) -> None:
        if event.new_state != "sending":
            self.meter.forget(event.campaign_id)
        if event.campaign_id != self.campaign_id:
            return
        self._show_state(event.new_state)
        self._show_time_left()
        self._update_actions()

    def _on_progress(self, event: CampaignProgress) -> None:
        """The engine's progress (from the bridge, no query): the time left of this campaign."""
        rate = self._send_rate if event.campaign_id == self.campaign_id else 0.0
        self.meter.add(event, rate)
        if event.campaign_id == self.campaign_id:
            self._show_time_left()

    def _show_time_left(self) -> None:
        progress = self.meter.latest.get(self.campaign_id) if self.campaign_id else None
        sending = self.state == "sending" and progress is not None
        text = time_left_text(progress) if sending else ""
        self.counters.set_time_left(text[:1].upper() + text[1:])

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = self.model.row_at(rows[0].row()) if rows else None
        if row is not None:
            self.model.refresh_rows([row.id])  # the exact stored row (error text, times)
            row = self.model.row_at(rows[0].row())
        self.detail.show_row(row)

    def _on_rows_changed(self, top: Any, bottom: Any) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows and top.row() <= rows[0].row() <= bottom.row():
            self.detail.show_row(self.model.row_at(rows[0].row()))
