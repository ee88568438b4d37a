"""The two Analytics charts, on QtCharts (PySide6-Addons): the funnel (one bar per stage with
its count and its rate of sent) and the timeline (one line per status, per minute or per hour,
in local time). Both repaint only when `set_…` is called (the view coalesces live updates);
animations are off so a live update never costs more than one repaint."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QDateTime, QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from wacampaign_desktop.core.services.analytics import SERIES, Funnel, Timeline
from wacampaign_desktop.gui.analytics.words import stage_name
from wacampaign_desktop.gui.models.labels import percent, ui_locale

COLORS = {"sent": "#3d6fb6", "delivered": "#1f8f4e", "read": "#7a4ec2", "failed": "#c2372b",
          "replied": "#c47f00"}
FUNNEL_STAGES = ("sent", "delivered", "read", "replied")
MAX_FILLED_BUCKETS = 5000  # zero-filled gaps up to this many buckets (a month of hours)


def _chart() -> QChart:
    chart = QChart()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundRoundness(6)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def _nice_max(value: int) -> int:
    """A round top for a count axis (at least 5)."""
    if value <= 5:
        return 5
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        top = int(step * magnitude)
        if top >= value:
            return top
    return value


class FunnelChart(QChartView):
    """Sent → delivered → read → replied: bars with counts; the axis names each stage's rate."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_chart(), parent)
        self.setObjectName("funnelChart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(240)
        chart = self.chart()
        chart.legend().setVisible(False)
        self.bars = QBarSet(QCoreApplication.translate("Analytics", "Messages"))
        self.bars.setColor(QColor(COLORS["delivered"]))
        self.bars.setLabelColor(QColor("#202020"))
        self.series = QBarSeries()
        self.series.append(self.bars)
        self.series.setLabelsVisible(True)
        self.series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        self.series.setLabelsFormat("@value")
        chart.addSeries(self.series)
        self.axis_x = QBarCategoryAxis()
        font = self.axis_x.labelsFont()
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 0.92)  # "Réponses" whole under its bar
            self.axis_x.setLabelsFont(font)
        self.axis_y = QValueAxis()
        self.axis_y.setLabelFormat("%d")
        chart.addAxis(self.axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.axis_y, Qt.AlignmentFlag.AlignLeft)
        self.series.attachAxis(self.axis_x)
        self.series.attachAxis(self.axis_y)
        self.values: list[int] = []
        self._categories: list[str] = []
        self._top = -1
        self.set_funnel(Funnel())

    def set_funnel(self, funnel: Funnel) -> None:
        values = [getattr(funnel, stage) for stage in FUNNEL_STAGES]
        categories = []
        for stage, value in zip(FUNNEL_STAGES, values, strict=True):
            if stage == "sent":
                categories.append(stage_name("sent"))
            else:
                categories.append(f"{stage_name(stage)}<br>{percent(value, funnel.sent)}")
        if values == self.values and categories == self._categories:
            return
        if self.bars.count() == len(values):
            for index, (value, before) in enumerate(zip(values, self.values, strict=True)):
                if value != before:  # one bar moved: only it is redrawn
                    self.bars.replace(index, value)
        else:
            self.bars.remove(0, self.bars.count())
            self.bars.append(values)
        self.values = values
        if categories != self._categories:  # a rate's text changed: the axis is laid out again
            self._categories = categories
            self.axis_x.setCategories(categories)
        top = _nice_max(max(values) * 11 // 10 if max(values) else 0)
        if top != self._top:  # the axis is laid out again only when its top moves
            self._top = top
            self.axis_y.setRange(0, top)
            self.axis_y.applyNiceNumbers()


class TimelineChart(QChartView):
    """One line per status: the messages that reached it in each minute (hour)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_chart(), parent)
        self.setObjectName("timelineChart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(260)
        chart = self.chart()
        self.axis_x = QDateTimeAxis()
        self.axis_y = QValueAxis()
        self.axis_y.setLabelFormat("%d")
        chart.addAxis(self.axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.axis_y, Qt.AlignmentFlag.AlignLeft)
        self.lines: dict[str, QLineSeries] = {}
        for name in SERIES:
            line = QLineSeries()
            line.setName(stage_name(name))
            line.setPen(QPen(QColor(COLORS[name]), 2))
            chart.addSeries(line)
            line.attachAxis(self.axis_x)
            line.attachAxis(self.axis_y)
            self.lines[name] = line
        self.points = 0
        self.unit = "minute"
        self._shown: dict[str, list[tuple[float, int]]] = {}  # the points each line holds
        self._applied: dict[str, tuple] = {}  # the axis settings last applied

    def set_timeline(self, timeline: Timeline) -> None:
        """Redraw from `timeline` (gaps filled with zeros so a quiet minute drops to 0)."""
        self.unit = timeline.unit
        rows = timeline.rows()
        step = timedelta(hours=1) if timeline.unit == "hour" else timedelta(minutes=1)
        buckets = [at for at, _ in rows]
        if rows and (buckets[-1] - buckets[0]) / step < MAX_FILLED_BUCKETS:
            filled, at = [], buckets[0]
            counts = dict(rows)
            while at <= buckets[-1]:
                filled.append((at, counts.get(at, {})))
                at += step
            rows = filled
        top = 0
        for name, line in self.lines.items():
            values = [(_ms(at), counts.get(name, 0)) for at, counts in rows]
            top = max(top, max((v for _x, v in values), default=0))
            self._update_line(name, line, values)
        self.points = len(rows)
        if rows:
            first, last = rows[0][0], rows[-1][0]
            if last - first < 10 * step:
                last = first + 10 * step
            self._set(("x", first, last), lambda: self.axis_x.setRange(_local(first), _local(last)))
        long_range = bool(rows) and rows[-1][0] - rows[0][0] > timedelta(days=1)
        locale = ui_locale()
        shape = locale.dateTimeFormat(locale.FormatType.ShortFormat) if long_range else (
            locale.timeFormat(locale.FormatType.ShortFormat))
        self._set(("format", shape), lambda: self.axis_x.setFormat(shape))
        self._set(("ticks",), lambda: self.axis_x.setTickCount(6))
        nice = _nice_max(top)
        self._set(("y", nice), lambda: (self.axis_y.setRange(0, nice), self.axis_y.applyNiceNumbers()))
        unit = (QCoreApplication.translate("Analytics", "messages per hour")
                if timeline.unit == "hour"
                else QCoreApplication.translate("Analytics", "messages per minute"))
        self._set(("title", unit), lambda: self.axis_y.setTitleText(unit))

    def _set(self, key: tuple, apply: Any) -> None:
        """Apply an axis setting only when it changed: each one lays the chart out again."""
        if self._applied.get(key[0]) != key:
            self._applied[key[0]] = key
            apply()

    def _update_line(self, name: str, line: QLineSeries, values: list[tuple[float, int]]) -> None:
        """Only the points that changed (live: the last minute grows, a new one is appended);
        the whole line when the buckets themselves moved (another load)."""
        shown = self._shown.get(name, [])
        same_start = shown and values and len(values) >= len(shown) and all(
            a[0] == b[0] for a, b in zip(shown, values, strict=False))
        if not same_start:
            line.replace([QPointF(x, y) for x, y in values])
        else:
            for index, (old, new) in enumerate(zip(shown, values, strict=False)):
                if old != new:
                    line.replace(index, QPointF(*new))
            if len(values) > len(shown):
                line.append([QPointF(x, y) for x, y in values[len(shown):]])
        self._shown[name] = values


def _ms(at: datetime) -> float:
    return at.replace(tzinfo=UTC).timestamp() * 1000


def _local(at: datetime) -> QDateTime:
    return QDateTime.fromMSecsSinceEpoch(int(_ms(at))).toLocalTime()
