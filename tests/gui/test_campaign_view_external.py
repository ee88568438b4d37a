"""Another process changed the shown campaign: the campaign view re-reads its rows on the task
pool, only while it is shown (hidden, it waits until shown again), and a burst of changes
makes at most one re-read every half second — the GUI never stalls on a re-read."""

from __future__ import annotations

from wacampaign_desktop.core.services.external_changes import Resolved
from wacampaign_desktop.core.store import message_updates as mu
from wacampaign_desktop.core.store.models import Campaign, CampaignMessage
from wacampaign_desktop.gui.campaigns.campaign_view import CampaignView
from wacampaign_desktop.gui.campaigns.external_refresh import INTERVAL_MS


def _statuses(view: CampaignView) -> set[str]:
    return {view.model.row_object(i).status for i in range(view.model.rowCount())}


def _open(qtbot, services, wait_until) -> tuple[CampaignView, Campaign]:
    campaign = Campaign.create(name="Shown", body="Hi")
    mu.insert_messages(campaign.id, [{"phone": f"+3361234000{i}", "message": "Hi"}
                                     for i in range(3)])
    view = CampaignView(services)
    qtbot.addWidget(view)
    view.show()
    view.set_campaign(campaign.id)
    wait_until(lambda: view.model.rowCount() == 3, 5.0, "the messages are listed")
    assert _statuses(view) == {"pending"}
    return view, campaign


def _elsewhere(campaign: Campaign, status: str) -> Resolved:
    CampaignMessage.update(status=status).where(CampaignMessage.campaign == campaign.id).execute()
    return Resolved(campaigns_changed={campaign.id})


def test_hidden_view_rereads_only_when_shown_again(qtbot, services, wait_until):
    view, campaign = _open(qtbot, services, wait_until)
    view.hide()
    services.bridge.externalChange.emit(_elsewhere(campaign, "canceled"))
    assert view.external_refresh.stale and view.external_refresh.reads == 0
    assert _statuses(view) == {"pending"}

    view.show()
    wait_until(lambda: _statuses(view) == {"canceled"}, 5.0, "shown again, the view catches up")
    assert view.external_refresh.reads == 1


def test_a_burst_of_changes_rereads_at_most_twice_a_second(qtbot, services, wait_until):
    view, campaign = _open(qtbot, services, wait_until)
    for _ in range(20):
        services.bridge.externalChange.emit(_elsewhere(campaign, "canceled"))
    wait_until(lambda: _statuses(view) == {"canceled"}, 5.0, "the change is shown")
    assert view.external_refresh.reads == 1
    first = view.external_refresh.last_start

    for _ in range(20):
        services.bridge.externalChange.emit(_elsewhere(campaign, "failed"))
    wait_until(lambda: _statuses(view) == {"failed"}, 5.0, "the next change is shown")
    assert view.external_refresh.reads == 2
    assert view.external_refresh.last_start - first >= INTERVAL_MS / 1000 - 0.01
