"""The campaign table models, headless: lazy pages, SQL sorting, status filter, phone search,
live row updates by id, and the campaigns list's live counters."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from tests.gui.campaign_helpers import campaign_with_messages
from wacampaign_desktop.core.events import MessageStatusChanged
from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import Campaign, CampaignMessage
from wacampaign_desktop.gui.models import CampaignsTableModel, MessagesTableModel
from wacampaign_desktop.gui.models.messages_model import ID_ROLE
from wacampaign_desktop.gui.models.phone_text import display_phone


def _send(message: CampaignMessage, sid: str, *statuses: str, error_code: int | None = None) -> None:
    mu.transition(message, "sending")
    mu.record_sid(message, sid, "queued")
    for status in statuses:
        mu.apply_status(sid, status, error_code=error_code)


def _column(model: MessagesTableModel, name: str) -> list[str]:
    col = model.COLUMNS.index(name)
    return [model.data(model.index(r, col)) for r in range(model.rowCount())]


def test_lazy_pages_and_keyset_sorting(qapp, db):
    campaign = campaign_with_messages(1203)
    model = MessagesTableModel(campaign.id, page_size=500)
    assert model.rowCount() == 500
    assert model.canFetchMore(QModelIndex())
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 1203
    ids = [model.data(model.index(r, 0), ID_ROLE) for r in range(model.rowCount())]
    assert len(set(ids)) == 1203  # no row twice across page boundaries

    model.sort(model.COLUMNS.index("phone"), Qt.SortOrder.DescendingOrder)
    assert model.rowCount() == 500
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    phones = _column(model, "phone")
    assert phones == sorted(phones, reverse=True) and len(set(phones)) == 1203


def test_filter_search_and_live_update(qapp, db):
    campaign = campaign_with_messages(30)
    messages = list(CampaignMessage.select().order_by(CampaignMessage.id))
    _send(messages[0], "SM0", "sent", "delivered")
    _send(messages[1], "SM1", "sent", "delivered", "read")
    _send(messages[2], "SM2", "failed", error_code=63016)

    model = MessagesTableModel(campaign.id)
    model.set_status_group("failed")
    assert _column(model, "phone") == [display_phone(messages[2].phone)]
    assert _column(model, "error")[0].startswith("63016")
    model.set_status_group("delivered")
    assert _column(model, "phone") == [display_phone(messages[0].phone)]
    model.set_status_group("all")
    model.set_search("0 0 2 9")  # digits with spaces find +33612340029
    assert _column(model, "phone") == ["+33\u00a06\u00a012\u00a034\u00a000\u00a029"]
    model.set_search("Client 001")
    assert len(_column(model, "phone")) == 10
    model.set_search("")

    # sort by status: pending first, read after delivered, failed at the end
    model.sort(model.COLUMNS.index("status"), Qt.SortOrder.AscendingOrder)
    statuses = [model.data(model.index(r, 0), Qt.ItemDataRole.UserRole + 2)
                for r in range(model.rowCount())]
    assert statuses[-3:] == ["delivered", "read", "failed"]

    # a callback changes a row: only that row is refreshed, in place
    changed_rows: list[int] = []
    model.dataChanged.connect(lambda a, b: changed_rows.extend(range(a.row(), b.row() + 1)))
    target = messages[5]
    _send(target, "SM5", "sent", "read")
    position = model.row_of_id(target.id)
    updated = model.apply_changes([MessageStatusChanged(
        campaign_id=campaign.id, message_id=target.id, sid="SM5", old_status="sent",
        new_status="read")])
    assert updated == 1 and changed_rows == [position]
    assert model.data(model.index(position, model.COLUMNS.index("status"))) == "Read"
    assert model.data(model.index(position, model.COLUMNS.index("read_at")))


def test_campaigns_model_counts_live(qapp, db):
    first = campaign_with_messages(3, "First")
    Campaign.create(name="Second")
    model = CampaignsTableModel()
    model.reload()
    assert model.rowCount() == 2
    names = [model.data(model.index(r, 0)) for r in range(2)]
    assert set(names) == {"First", "Second"}
    row = model.row_of_id(first.id)
    assert model.data(model.index(row, 2)) == "3"
    model.update_counters(first.id, {"total": 3, "sent": 2, "delivered": 1})
    assert model.data(model.index(row, 3)).startswith("50")
    model.update_state(first.id, "sending")
    assert model.data(model.index(row, 1)) == "Sending"


def test_campaign_view_search_waits_for_typing_pause(qtbot, qapp, context, wait_until):
    from wacampaign_desktop.gui.campaigns import CampaignView
    from wacampaign_desktop.gui.services import GuiServices

    campaign = campaign_with_messages(40)
    services = GuiServices.create(context)
    try:
        view = CampaignView(services)
        qtbot.addWidget(view)
        view.set_campaign(campaign.id)
        assert view.model.rowCount() == 40
        fetched = view.model.pages_fetched
        qtbot.keyClicks(view.search, "0012")
        assert view.model.pages_fetched == fetched  # no query per keystroke
        wait_until(lambda: view.model.rowCount() == 1, timeout=5)
        assert view.model.row_at(0).phone == "+33612340012"
        view.search.clear()
        view.apply_search()
        assert view.model.rowCount() == 40
        view.status_filter.setCurrentIndex(view.status_filter.findData("failed"))
        assert view.model.rowCount() == 0
    finally:
        services.close()
