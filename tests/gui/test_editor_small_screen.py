"""The campaign editor on a small screen: it opens no bigger than an 800×600 screen, its columns
stack in a scroll area with the buttons always in view, and "Start later, at" reads in the
locale's short date and time, in English and in French."""

from __future__ import annotations

from PySide6.QtCore import QDate, QDateTime, QRect, QTime
from PySide6.QtWidgets import QBoxLayout

from wacampaign_desktop.core.store.models import Contact


def _editor(services, qtbot):
    from wacampaign_desktop.gui.editor import CampaignEditorDialog

    dialog = CampaignEditorDialog(services)
    qtbot.addWidget(dialog)
    return dialog


def _inside(widget, window) -> bool:
    """The whole widget lies within the window's client area."""
    top_left = widget.mapTo(window, widget.rect().topLeft())
    return window.rect().contains(QRect(top_left, widget.size()))


def test_editor_fits_and_is_usable_at_800x600(services, qtbot):
    from wacampaign_desktop.gui.editor.fitting import fit_to_screen

    Contact.create(phone="+33612345601", name="Camille Martin")
    dialog = _editor(services, qtbot)
    fit_to_screen(dialog, 1040, 760, available=QRect(0, 0, 800, 600))
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() <= 800 and dialog.height() <= 600
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 800 and hint.height() <= 560
    ui = dialog.ui
    columns = dialog.scroll.widget().findChild(QBoxLayout, "columns")
    qtbot.waitUntil(lambda: columns.direction() == QBoxLayout.Direction.TopToBottom)
    for button in (ui.cancelButton, ui.saveButton, ui.startButton):
        assert button.isVisible() and _inside(button, dialog), button.objectName()
    # every field can be scrolled into view, down to the preview
    for field in (ui.nameEdit, ui.scheduleEdit, ui.previewView):
        dialog.scroll.ensureWidgetVisible(field)
        qtbot.waitUntil(lambda f=field: not f.visibleRegion().isEmpty())
    # the preview's contact reads as a phone number, whole
    assert ui.previewContactCombo.currentText() == "Camille Martin · +33\u00a06\u00a012\u00a034\u00a056\u00a001"

    dialog.resize(1040, 700)  # a big screen: side by side again, nothing to scroll sideways
    qtbot.waitUntil(lambda: columns.direction() == QBoxLayout.Direction.LeftToRight)
    assert not dialog.scroll.horizontalScrollBar().isVisible()


def _schedule_text(dialog) -> str:
    edit = dialog.ui.scheduleEdit
    edit.setDateTime(QDateTime(QDate(2026, 11, 29), QTime(2, 17)))
    return edit.text()


def test_start_later_reads_as_an_english_date(services, qtbot):
    text = _schedule_text(_editor(services, qtbot))
    assert "29 11 2026" not in text
    assert text.startswith("11/29/2026 2:17") and text.endswith("AM") and len(text) == 18, repr(text)


def test_start_later_reads_as_a_french_date(services, qtbot, french):
    dialog = _editor(services, qtbot)
    assert dialog.ui.scheduleCheck.text() != "Start &later, at"  # the form is French
    assert _schedule_text(dialog) == "29/11/2026 02:17"
    dialog.ui.rateSpin.setValue(2.5)
    assert dialog.ui.rateSpin.text().startswith("2,5 ")  # a French decimal comma


def test_the_wheel_scrolls_the_page_not_the_speed(services, qtbot):
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    from wacampaign_desktop.gui.editor.fitting import fit_to_screen

    dialog = _editor(services, qtbot)
    fit_to_screen(dialog, 1040, 760, available=QRect(0, 0, 800, 600))
    dialog.show()
    qtbot.waitExposed(dialog)
    spin, bar = dialog.ui.rateSpin, dialog.scroll.verticalScrollBar()
    dialog.scroll.ensureWidgetVisible(spin)
    qtbot.waitUntil(lambda: not spin.visibleRegion().isEmpty())
    bar.setValue(bar.value() - 60)  # room to scroll down, the speed box still under the pointer
    before_value, before_scroll = spin.value(), bar.value()
    where = QPointF(spin.rect().center())
    wheel = QWheelEvent(where, QPointF(spin.mapToGlobal(where.toPoint())), QPoint(), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(spin, wheel)
    assert spin.value() == before_value
    assert bar.value() > before_scroll
