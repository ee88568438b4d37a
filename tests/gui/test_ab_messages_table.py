"""The campaign's messages table shows each message's A/B version (only for an A/B campaign),
sorts by it in SQL, and still fits a 1440 px window; the campaigns list marks A/B campaigns."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from tests.gui.campaign_helpers import campaign_with_messages
from wacampaign_desktop.core.store.models import CampaignMessage
from wacampaign_desktop.gui.main_window import MainWindow
from wacampaign_desktop.gui.models import CampaignsTableModel, MessagesTableModel

VARIANTS = [{"name": "B", "body": "Beta {{name}}"}]


def _ab_campaign(count: int, name: str = "Soldes A/B"):
    campaign = campaign_with_messages(count, name, variants=VARIANTS)
    ids = [m.id for m in CampaignMessage.select(CampaignMessage.id)
           .where(CampaignMessage.campaign == campaign.id).order_by(CampaignMessage.id)]
    for position, message_id in enumerate(ids):  # A, B, A, B… and the last one held back
        variant = None if position == len(ids) - 1 else "AB"[position % 2]
        CampaignMessage.update(variant=variant).where(CampaignMessage.id == message_id).execute()
    return campaign


def _versions(model: MessagesTableModel) -> list[str]:
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    column = model.COLUMNS.index("variant")
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def test_version_column_shows_and_sorts_by_version(qapp, db):
    campaign = _ab_campaign(25)
    model = MessagesTableModel(campaign.id, page_size=10)
    assert model.has_variants
    column = model.COLUMNS.index("variant")
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Version"
    assert _versions(model)[:4] == ["A", "B", "A", "B"] and _versions(model)[-1] == ""

    model.sort(column, Qt.SortOrder.AscendingOrder)
    shown = _versions(model)
    assert shown == ["", *["A"] * 12, *["B"] * 12]  # across page boundaries, nothing twice
    ids = [model.row_at(r).id for r in range(model.rowCount())]
    assert len(set(ids)) == 25
    model.sort(column, Qt.SortOrder.DescendingOrder)
    assert _versions(model) == ["B"] * 12 + ["A"] * 12 + [""]

    plain = campaign_with_messages(3, "Plain", first=100)
    model.set_campaign(plain.id)
    assert not model.has_variants


def test_table_hides_the_column_without_variants_and_fits_1440(qtbot, services):
    plain = campaign_with_messages(5, "Plain newsletter", first=100)
    ab = _ab_campaign(30, "Spring sale for our best clients")
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(1440, 900)
    window.show()
    qtbot.waitExposed(window)
    campaigns = window.show_view("campaigns")
    table = campaigns.campaign_view.table
    column = table.model().COLUMNS.index("variant")

    campaigns.select_campaign(plain.id)
    qtbot.waitUntil(lambda: table.model().campaign_id == plain.id)
    assert table.isColumnHidden(column)

    campaigns.select_campaign(ab.id)
    qtbot.waitUntil(lambda: not table.isColumnHidden(column))
    qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() == 0)
    assert table.columnWidth(column) >= table.fontMetrics().horizontalAdvance("Version")
    name = table.model().COLUMNS.index("name")
    assert table.columnWidth(name) >= table.fontMetrics().horizontalAdvance("Client 0000")
    assert table.model().data(table.model().index(0, column)) == "A"

    listing = campaigns.model
    states = {listing.data(listing.index(r, 0)): listing.data(listing.index(r, 1))
              for r in range(listing.rowCount())}
    assert states == {"Plain newsletter": "Draft",
                      "Spring sale for our best clients": "Draft · A/B"}


def test_campaigns_model_marks_ab_campaigns(qapp, db):
    _ab_campaign(2)
    model = CampaignsTableModel()
    model.reload()
    assert model.data(model.index(0, 1)) == "Draft · A/B"
    assert "A/B test" in model.data(model.index(0, 1), Qt.ItemDataRole.ToolTipRole)
