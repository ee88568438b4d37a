"""Saving what the Analytics view shows: a chart as a PNG image (QChartView.grab) and the
figures as CSV (written on a worker by core/services/analytics_export.py). Both ask where with
the save dialog, opened in Documents, and say in the view's status line where the file went."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from wacampaign_desktop.gui.campaigns.export import documents_folder
from wacampaign_desktop.gui.models.labels import interface_language

if TYPE_CHECKING:
    from wacampaign_desktop.gui.analytics.view import AnalyticsView


def file_stem(view: AnalyticsView) -> str:
    """The shown campaign's name reduced to letters, digits and "_" ("all_campaigns")."""
    name = view.report.name if view.report and view.report.name else "all_campaigns"
    return "".join(ch if ch.isalnum() else "_" for ch in name).strip("_") or "analytics"


def save_chart(view: AnalyticsView, chart: QWidget) -> str:
    """Ask where, then save `chart` as drawn; the path ('' when cancelled)."""
    kind = "funnel" if chart is view.funnel else "timeline"
    path, _ = QFileDialog.getSaveFileName(
        view, QCoreApplication.translate("AnalyticsView", "Save chart"),
        str(documents_folder() / f"{file_stem(view)}_{kind}.png"),
        QCoreApplication.translate("AnalyticsView", "PNG images (*.png)"))
    if not path:
        return ""
    if not path.lower().endswith(".png"):
        path += ".png"
    if chart.grab().save(path, "PNG"):
        view.status.setText(QCoreApplication.translate(
            "AnalyticsView", "Chart saved to %1.").replace("%1", path))
    else:
        view.status.setText(QCoreApplication.translate(
            "AnalyticsView", "The chart could not be saved to %1.").replace("%1", path))
    return path


def export_csv(view: AnalyticsView) -> None:
    """Ask where, then write the shown report's figures on a worker; `csvWritten` after."""
    report = view.report
    if report is None:
        return
    path, _ = QFileDialog.getSaveFileName(
        view, QCoreApplication.translate("AnalyticsView", "Export figures"),
        str(documents_folder() / f"{file_stem(view)}_figures.csv"),
        QCoreApplication.translate("AnalyticsView", "CSV files (*.csv)"))
    if not path:
        return
    language = interface_language()

    def done(rows: int) -> None:
        view.status.setText(QCoreApplication.translate(
            "AnalyticsView", "Figures exported to %1.").replace("%1", path))
        view.csvWritten.emit(path, rows)

    def failed(exc: BaseException) -> None:
        view.status.setText(QCoreApplication.translate(
            "AnalyticsView", "The figures could not be written to %1: %2")
            .replace("%1", path).replace("%2", str(exc)))

    view.services.tasks.run(lambda: view.service.write_csv(report, path, language), done, failed)
