"""Activity's webhook log as a French user sees it: "Envoi en cours" and the other words fit their
column, every cell's whole text is in its tooltip, and phone numbers read "+33 6 12 34 56 78"."""

from __future__ import annotations

import pytest

from wacampaign_desktop.core.store.models import WebhookEvent

TOOLTIP = 3  # Qt.ItemDataRole.ToolTipRole
PHONE = "+33\u00a06\u00a012\u00a034\u00a056\u00a078"


@pytest.fixture
def view(context, qtbot, services):
    from wacampaign_desktop.gui.activity import ActivityView

    for status, outcome in (("sending", "applied"), ("undelivered", "pending")):
        WebhookEvent.create(kind="status", sid="SM" + "1" * 32, status=status, outcome=outcome,
                            signature_valid=True,
                            params={"MessageStatus": status, "To": "whatsapp:+33612345678"})
    WebhookEvent.create(kind="incoming", sid="SM" + "2" * 32, status="received", outcome="received",
                        signature_valid=True, params={"From": "whatsapp:+33612345678"})
    activity = ActivityView(services)
    qtbot.addWidget(activity)
    activity.resize(640, 520)  # its share of an 800×600 window
    activity.show()
    qtbot.waitExposed(activity)
    return activity


def _fits(view, row: int, column: int) -> bool:
    table, model = view.ui.webhookTable, view.model
    text = model.data(model.index(row, column))
    return table.fontMetrics().horizontalAdvance(text) + 8 <= table.columnWidth(column)


def test_french_words_fit_and_phones_are_formatted(view, french):
    from wacampaign_desktop.gui.activity import ActivityView

    activity = ActivityView(view.services)  # built with the French words
    model = activity.model
    statuses = {model.data(model.index(row, 3)): row for row in range(model.rowCount())}
    assert "Envoi en cours" in statuses
    for row in range(model.rowCount()):
        for column in (1, 3, 5, 6):
            assert _fits(activity, row, column), (row, column, model.data(model.index(row, column)))
        assert model.data(model.index(row, 6)) == PHONE
        for column in (1, 2, 3, 5, 6):  # a cell elided on a narrow screen: its whole text
            assert model.data(model.index(row, column), TOOLTIP) == model.data(model.index(row, column))
    outcomes = [model.data(model.index(row, 4), TOOLTIP) for row in range(model.rowCount())]
    assert "En attente de son message (pending)" in outcomes, outcomes
    activity.deleteLater()


def test_english_phone_and_time_tooltip(view):
    model, table = view.model, view.ui.webhookTable
    # at 800 px the phone is in view, after the status; the long SID comes last
    assert table.columnViewportPosition(6) + table.columnWidth(6) <= table.viewport().width()
    assert table.horizontalHeader().visualIndex(2) == model.columnCount() - 1
    assert model.data(model.index(0, 6)) == PHONE
    shown, whole = model.data(model.index(0, 0)), model.data(model.index(0, 0), TOOLTIP)
    assert shown and whole.endswith(shown)  # today: the time alone, the date in the tooltip
    for row in range(model.rowCount()):
        assert _fits(view, row, 3)
