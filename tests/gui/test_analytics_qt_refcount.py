"""The Qt binding keeps None's reference count: PySide6 6.12.0 on Python 3.11 took one reference
off None at every call of a method returning nothing, and the app died with "none_dealloc"
after enough of them (the Analytics charts' setters made it come within minutes). pyproject.toml
keeps PySide6 below 6.12; this fails if a binding with that bug is installed."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel


def test_void_qt_calls_keep_the_reference_count_of_none(qapp):
    from wacampaign_desktop.core.services.analytics import Funnel
    from wacampaign_desktop.gui.analytics.charts import FunnelChart

    label, timer, chart = QLabel(), QTimer(), FunnelChart()
    calls = (lambda: label.setText("x"), lambda: timer.setInterval(5),
             lambda: chart.axis_y.setRange(0, 10),
             lambda: chart.set_funnel(Funnel(sent=10, delivered=5, read=2, replied=1)))
    for call in calls:
        before = sys.getrefcount(None)
        for _ in range(50):
            call()
        assert sys.getrefcount(None) >= before - 5, "the Qt binding drops references to None"
