"""The Analytics view: one campaign or all campaigns over a period — the funnel, the timeline of
statuses (growing live while a campaign sends), times to deliver and to read, failures by error
code explained, per-variant rates with the A/B verdict; charts saved as PNG, figures as CSV.

Figures are counted by the database on a worker (`AnalyticsService.report`, one load per
choice). Between loads the view grows from the campaigns' counters the bridge delivers
(`countersChanged`, ≤ 10 per second): `LiveReport` adds what rose, and the charts repaint at
most twice a second. Nothing is re-read per event and nothing polls; a campaign that finishes
is loaded once more for its per-variant rows and times."""

from __future__ import annotations

import html
import logging
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from wacampaign_desktop.core.events import CampaignStateChanged
from wacampaign_desktop.core.services.analytics import AnalyticsService, Report
from wacampaign_desktop.core.services.analytics_live import LiveReport
from wacampaign_desktop.gui.analytics import export
from wacampaign_desktop.gui.analytics.charts import FunnelChart, TimelineChart
from wacampaign_desktop.gui.analytics.controls import Choosers
from wacampaign_desktop.gui.analytics.tables import (
    FailuresModel,
    VariantsModel,
    fit_rows,
    make_table,
)
from wacampaign_desktop.gui.analytics.words import times_text, verdict_text
from wacampaign_desktop.gui.models.labels import local_time

log = logging.getLogger(__name__)

REPAINT_MS = 500  # live repaints at most twice a second
# the timeline is redrawn this long after the funnel: two short paints instead of one long stall
STAGGER_MS = 120
NARROW_BELOW = 900  # px of the view: one column of cards below it


def _card(title: str, parent: QWidget, *extra: QWidget) -> tuple[QFrame, QVBoxLayout]:
    card = QFrame(parent)
    card.setProperty("role", "card")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(10, 8, 10, 10)
    head = QHBoxLayout()
    label = QLabel(title, card)
    label.setStyleSheet("font-weight: 600;")
    label.setWordWrap(True)  # a long (French) title wraps instead of widening the column
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setMinimumWidth(120)
    head.addWidget(label, 1)
    for widget in extra:
        head.addWidget(widget)
    layout.addLayout(head)
    return card, layout


class AnalyticsView(QWidget):
    firstShown = Signal()  # the first figures (funnel, failures) are on screen
    reportShown = Signal()  # a loaded report is on screen (benchmarks, tests)
    csvWritten = Signal(str, int)  # path, rows
    liveUpdated = Signal()  # the charts were repainted from live counters (no load)

    def __init__(self, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.service = AnalyticsService(services.context)
        self.report: Report | None = None
        self.live: LiveReport | None = None
        self._generation = 0
        self._loading = False
        self._dirty = False
        self._build()
        self._repaint_timer = QTimer(self)
        self._repaint_timer.setSingleShot(True)
        self._repaint_timer.timeout.connect(self._repaint_live)
        self._timeline_timer = QTimer(self)
        self._timeline_timer.setSingleShot(True)
        self._timeline_timer.timeout.connect(self._repaint_timeline)
        bridge = services.bridge
        bridge.countersChanged.connect(self._on_counters)
        bridge.campaignStateChanged.connect(self._on_state)
        if hasattr(bridge, "externalChange"):  # another process made or removed campaigns
            bridge.externalChange.connect(self._on_external)
        self.choosers.changed.connect(self.refresh)
        self.reload_campaigns()

    # -- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 12, 12, 12)
        head = QHBoxLayout()
        title = QLabel(self.tr("Analytics"), self)
        title.setProperty("role", "title")
        head.addWidget(title)
        head.addStretch(1)
        self.choosers = Choosers(self)  # on their own row: the window still narrows to 800 px
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("analyticsRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.csv_button = QPushButton(self.tr("Export figures (CSV)…"), self)
        self.csv_button.setObjectName("analyticsExportCsv")
        self.csv_button.clicked.connect(self.export_csv)
        head.addWidget(self.refresh_button)
        head.addWidget(self.csv_button)
        outer.addLayout(head)
        outer.addWidget(self.choosers)
        self.status = QLabel(self)
        self.status.setObjectName("analyticsStatus")
        self.status.setProperty("role", "muted")
        self.status.setWordWrap(True)
        outer.addWidget(self.status)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(scroll)
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 4, 0, 0)
        grid.setSpacing(10)
        self.funnel = FunnelChart(body)
        self.timeline = TimelineChart(body)
        save_funnel = self._save_button("analyticsSaveFunnel", lambda: self.save_chart(self.funnel))
        save_timeline = self._save_button("analyticsSaveTimeline",
                                          lambda: self.save_chart(self.timeline))
        card, layout = _card(self.tr("Funnel: sent → delivered → read → replied (rates of sent)"), body, save_funnel)
        layout.addWidget(self.funnel)
        self.funnel_card = card
        card, layout = _card(self.tr("Timeline"), body, save_timeline)
        layout.addWidget(self.timeline)
        self.timeline_card = card

        card, layout = _card(self.tr("Time to deliver and to read"), body)
        self.deliver_label = QLabel(body)
        self.deliver_label.setObjectName("analyticsDeliverTime")
        self.read_label = QLabel(body)
        self.read_label.setObjectName("analyticsReadTime")
        for label in (self.deliver_label, self.read_label):
            label.setWordWrap(True)
            layout.addWidget(label)
        self.failures_model = FailuresModel()
        self.failures_table = make_table(self.failures_model, body, "analyticsFailures")
        self.failures_empty = QLabel(self.tr("No failed message."), body)
        self.failures_empty.setProperty("role", "muted")
        layout.addSpacing(6)
        failures_title = QLabel(self.tr("Failures by error code"), body)
        failures_title.setStyleSheet("font-weight: 600;")
        layout.addWidget(failures_title)
        layout.addWidget(self.failures_empty)
        layout.addWidget(self.failures_table)
        layout.addStretch(1)
        self.times_card = card
        self.grid = grid

        self.variants_card, layout = _card(self.tr("A/B test: variants compared"), body)
        self.variants_model = VariantsModel()
        self.variants_table = make_table(self.variants_model, body, "analyticsVariants")
        layout.addWidget(self.variants_table)
        self.verdict = QLabel(body)
        self.verdict.setObjectName("analyticsVerdict")
        self.verdict.setWordWrap(True)
        layout.addWidget(self.verdict)
        layout.addStretch(1)
        self._narrow: bool | None = None
        self._arrange()
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

    def _arrange(self, force: bool = False) -> None:
        """Two columns (charts side by side); one column below NARROW_BELOW px, so each chart
        keeps a readable width on a small screen. The times and failures take the whole width
        when no A/B card stands beside them."""
        narrow = self.width() < NARROW_BELOW
        if narrow == self._narrow and not force:
            return
        self._narrow = narrow
        grid = self.grid
        cards = (self.funnel_card, self.timeline_card, self.times_card, self.variants_card)
        for card in cards:
            grid.removeWidget(card)
        if narrow:
            for row, card in enumerate(cards):
                grid.addWidget(card, row, 0)
            grid.setColumnStretch(1, 0)
            for row, stretch in enumerate((1, 1, 0, 0)):
                grid.setRowStretch(row, stretch)
        else:
            with_ab = self.variants_card.isVisibleTo(self) or self.variants_card.isVisible()
            grid.addWidget(self.funnel_card, 0, 0)
            grid.addWidget(self.timeline_card, 0, 1)
            grid.addWidget(self.times_card, 1, 0, 1, 1 if with_ab else 2)
            grid.addWidget(self.variants_card, 1, 1)
            grid.setColumnStretch(0, 2)
            grid.setColumnStretch(1, 3)
            for row, stretch in enumerate((3, 1, 0, 0)):  # spare height goes to the charts
                grid.setRowStretch(row, stretch)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._arrange()

    def _save_button(self, name: str, slot: Any) -> QPushButton:
        button = QPushButton(self.tr("Save image…"), self)
        button.setObjectName(name)
        button.setToolTip(self.tr("Save this chart as a PNG image"))
        button.clicked.connect(slot)
        return button

    # -- loading -------------------------------------------------------------------------
    def select_campaign(self, campaign_id: int | None) -> None:
        """Show `campaign_id`'s figures (None: all campaigns); loads them."""
        if self._choose(campaign_id):
            self.refresh()
        else:  # a campaign made meanwhile: the chooser's list first (read on a worker)
            self._generation += 1
            self._loading = True  # a load is coming: the first load on show stands aside
            waiting = self._generation

            def chosen() -> None:
                if waiting == self._generation:  # nothing else chosen meanwhile
                    self._choose(campaign_id)
                    self.refresh()
            self.reload_campaigns(chosen)

    def _choose(self, campaign_id: int | None) -> bool:
        self.choosers.blockSignals(True)  # one load, not one per chooser change
        try:
            return self.choosers.select_campaign(campaign_id)
        finally:
            self.choosers.blockSignals(False)

    def reload_campaigns(self, then: Any = None) -> None:
        """Read the campaigns' names on a worker (never the database on the GUI thread), fill
        the chooser, then call `then()`."""
        def done(campaigns: list[tuple[int, str, str]]) -> None:
            self.choosers.set_campaigns(campaigns)  # keeps the choice; emits no `changed`
            if then is not None:
                then()

        def failed(exc: BaseException) -> None:
            log.warning("Campaigns not listed: %s", exc)
            if then is not None:
                then()

        self.services.tasks.run(self.service.campaigns, done, failed)

    def refresh(self) -> None:
        """Count the chosen figures again (on a worker)."""
        self._generation += 1
        generation = self._generation
        campaign_id = self.choosers.campaign_id()
        period = self.choosers.chosen_period(self.service.now())
        self._loading = True
        self.status.setText(self.tr("Counting…"))
        tasks = self.services.tasks

        def first_done(first: Report) -> None:
            self._on_first(generation, first)
            tasks.run(lambda: self.service.report(campaign_id, period),  # then the rest
                      lambda report: self._on_report(generation, report),
                      lambda exc: self._on_error(generation, exc))

        tasks.run(lambda: self.service.first_figures(campaign_id, period), first_done,
                  lambda exc: self._on_error(generation, exc))

    def _on_first(self, generation: int, first: Report) -> None:
        """The funnel and failures at once; the timeline, times and variants follow."""
        if generation != self._generation:
            return
        self.funnel.set_funnel(first.funnel)
        self.failures_model.set_rows(first.failures)
        fit_rows(self.failures_table)
        self.failures_table.setVisible(bool(first.failures))
        self.failures_empty.setVisible(not first.failures)
        if self.report is None or self.report.campaign_id != first.campaign_id:
            self.timeline.set_timeline(first.timeline)  # not another campaign's meanwhile
            self.variants_card.setVisible(False)
            self._arrange(force=True)
        self.firstShown.emit()

    def _on_report(self, generation: int, report: Report) -> None:
        if generation != self._generation:
            return  # a newer choice is loading
        self._loading = False
        self.report = report
        self.live = LiveReport(report)
        self._show(report)
        if self.live.live:
            self.status.setText(self.tr("Updated live as messages change. Counted at %1.")
                                .replace("%1", local_time(report.generated_at, short=False)))
        else:
            self.status.setText(self.tr("Figures of the chosen dates, counted at %1.")
                                .replace("%1", local_time(report.generated_at, short=False)))
        self.reportShown.emit()

    def _on_error(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._loading = False
        log.warning("Analytics could not be counted: %s", exc)
        if isinstance(exc, LookupError):
            self.reload_campaigns()
            self.status.setText(self.tr("That campaign no longer exists."))
        else:
            self.status.setText(self.tr("The figures could not be counted. Try Refresh."))

    def _show(self, report: Report) -> None:
        self.funnel.set_funnel(report.funnel)
        self.timeline.set_timeline(report.timeline)
        self.deliver_label.setText(self.tr("Time to deliver: %1").replace("%1", times_text(
            report.deliver_time.median, report.deliver_time.p90, report.deliver_time.count)))
        self.read_label.setText(self.tr("Time to read: %1").replace("%1", times_text(
            report.read_time.median, report.read_time.p90, report.read_time.count)))
        self.failures_model.set_rows(report.failures)
        fit_rows(self.failures_table)
        self.failures_table.setVisible(bool(report.failures))
        self.failures_empty.setVisible(not report.failures)
        self.variants_model.set_rows(report.variants)
        fit_rows(self.variants_table, 4)
        has_variants = bool(report.variants)
        self.variants_card.setVisible(has_variants)  # a campaign with A/B variants only
        # the times and failures take the whole width when there is no A/B card beside them
        self._arrange(force=True)
        sentences = [html.escape(verdict_text(c)) for c in report.comparisons]
        if sentences:
            sentences[0] = f"<b>{sentences[0]}</b>"  # the plan's deciding metric
        self.verdict.setText("<br>".join(sentences))

    # -- live ----------------------------------------------------------------------------
    def _on_counters(self, campaign_id: int, counters: dict) -> None:
        live = self.live
        if live is None or self._loading:
            return
        if live.apply(campaign_id, counters, self.service.now()):
            self._dirty = True
            if not self._repaint_timer.isActive():
                self._repaint_timer.start(REPAINT_MS)

    def _repaint_live(self) -> None:
        if not self._dirty or self.report is None:
            return
        if not self.isVisible():
            return  # painted when shown again
        self._dirty = False
        self.funnel.set_funnel(self.report.funnel)
        self._timeline_timer.start(STAGGER_MS)  # its paint in another turn of the event loop

    def _repaint_timeline(self) -> None:
        if self.report is None:
            return
        self.timeline.set_timeline(self.report.timeline)
        self.liveUpdated.emit()

    def _on_state(self, event: CampaignStateChanged) -> None:
        report = self.report
        if report is None or report.campaign_id not in (None, event.campaign_id):
            return
        if event.new_state in ("completed", "cancelled") and not self._loading:
            QTimer.singleShot(300, self, self.refresh)  # variants and times, once, at the end

    def _on_external(self, resolved: Any) -> None:
        if getattr(resolved, "campaign_list_changed", False):
            self.reload_campaigns()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self.reload_campaigns()  # campaigns made meanwhile
        if self.report is None and not self._loading:  # a choice made right after showing
            QTimer.singleShot(0, self, self._first_load)  # (select_campaign) loads alone
        elif self._dirty:
            self._repaint_live()

    def _first_load(self) -> None:
        if self.report is None and not self._loading:
            self.refresh()

    # -- export (gui/analytics/export.py) -------------------------------------------------
    def save_chart(self, chart: QWidget) -> str:
        """Ask where, then save the chart as it is drawn; the path ('' when cancelled)."""
        return export.save_chart(self, chart)

    def export_csv(self) -> None:
        """Ask where, then write the figures on a worker (core/services/analytics_export)."""
        export.export_csv(self)
