"""The two Analytics charts, on QtCharts (PySide6-Addons): the funnel (one bar per stage with
its count and its rate of sent) and the timeline (one line per status, per minute or per hour,
in local time). Both repaint only when `set_…` is called (the view coalesces live updates);
animations are off so a live update never costs more than one repaint."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

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
        self.set_funnel(Funnel())

    def set_funnel(self, funnel: Funnel) -> None:
        values = [getattr(funnel, stage) for stage in FUNNEL_STAGES]
        categories = []
        for stage, value in zip(FUNNEL_STAGES, values, strict=True):
            if stage == "sent":
                categories.append(stage_name("sent"))
            else:
                categories.append(f"{stage_name(stage)}<br>{percent(value, funnel.sent)}")
        if values == self.values and categories == self.axis_x.categories():
            return
        self.values = values
        if self.bars.count() == len(values):
            for index, value in enumerate(values):
                self.bars.replace(index, value)
        else:
            self.bars.remove(0, self.bars.count())
            self.bars.append(values)
        self.axis_x.setCategories(categories)
        self.axis_y.setRange(0, _nice_max(max(values) * 11 // 10 if max(values) else 0))
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
            points = [QPointF(_ms(at), counts.get(name, 0)) for at, counts in rows]
            top = max([top, *(int(p.y()) for p in points)])
            line.replace(points)
        self.points = len(rows)
        if rows:
            first, last = rows[0][0], rows[-1][0]
            if last - first < 10 * step:
                last = first + 10 * step
            self.axis_x.setRange(_local(first), _local(last))
        long_range = rows and rows[-1][0] - rows[0][0] > timedelta(days=1)
        locale = ui_locale()
        self.axis_x.setFormat(locale.dateTimeFormat(locale.FormatType.ShortFormat)
                              if long_range else locale.timeFormat(locale.FormatType.ShortFormat))
        self.axis_x.setTickCount(6)
        self.axis_y.setRange(0, _nice_max(top))
        self.axis_y.applyNiceNumbers()
        unit = (QCoreApplication.translate("Analytics", "messages per hour")
                if timeline.unit == "hour"
                else QCoreApplication.translate("Analytics", "messages per minute"))
        self.axis_y.setTitleText(unit)


def _ms(at: datetime) -> float:
    return at.replace(tzinfo=UTC).timestamp() * 1000


def _local(at: datetime) -> QDateTime:
    return QDateTime.fromMSecsSinceEpoch(int(_ms(at))).toLocalTime()
