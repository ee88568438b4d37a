"""The Analytics view in the real window: its funnel and timeline grow while a campaign sends
through the sandbox (real callbacks, the bridge's counters, no reload), and end equal to the
figures counted by the database; the CSV export writes those figures; the A/B verdict and the
failures read in French."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt

from tests.analytics.helpers import recount, seeded_campaign
from tests.gui.export_helpers import answer_save_dialog
from tests.gui.window_helpers import open_demo_window
from wacampaign_desktop.core.runtime_config import RuntimeConfig
from wacampaign_desktop.core.services.analytics import AnalyticsService
from wacampaign_desktop.core.services.campaigns import CampaignDraft
from wacampaign_desktop.gui.first_run import DEMO_CONTACTS
from wacampaign_desktop.gui.runtime_controller import runtime_factory

sandbox_module = pytest.importorskip("wacampaign_desktop.core.sandbox")
TIMEOUT = 60.0


@pytest.fixture
def window(qtbot, context, wait_until):
    context.settings.webhook_port = 0
    context.settings.tunnel_mode = "local"
    win = open_demo_window(qtbot, context)
    yield win
    win.services.runtime_controller.stop()
    win.services.close()


def _loaded(qtbot, view, campaign_id):
    with qtbot.waitSignal(view.reportShown, timeout=int(TIMEOUT * 1000)):
        view.select_campaign(campaign_id)


def test_funnel_and_timeline_grow_live_while_a_campaign_sends(qtbot, window, wait_until):
    services = window.services
    sandbox = sandbox_module.SandboxConfig(seed=5, step_latency=0.3)
    services.runtime_controller.start(runtime_factory(RuntimeConfig(sandbox=sandbox)))
    wait_until(lambda: services.runtime is not None or bool(services.runtime_error), TIMEOUT)
    assert not services.runtime_error
    campaign_id = CampaignDraft(name="Live analytics", body="Hello {{name}}", rate=4.0).save()
    view = window.show_view("analytics")
    assert window.nav.currentItem().text() == "Analytics"
    _loaded(qtbot, view, campaign_id)
    assert view.funnel.values == [0, 0, 0, 0] and view.timeline.points == 0
    loads = []
    view.reportShown.connect(lambda: loads.append(1))
    grown = []
    view.liveUpdated.connect(lambda: grown.append((list(view.funnel.values), view.timeline.points)))

    services.campaigns.start(campaign_id, services.runtime_controller.engine)
    total = len(DEMO_CONTACTS)
    wait_until(lambda: any(values[0] > 0 and points > 0 for values, points in grown), TIMEOUT,
               "the funnel and the timeline grew from live counters")
    assert not loads  # grown without counting again
    assert view.timeline.lines["sent"].count() == view.timeline.points > 0
    wait_until(lambda: view.funnel.values[2] == total, TIMEOUT, "every message read, on screen")
    sent_line = view.timeline.lines["sent"]
    assert sum(sent_line.at(i).y() for i in range(sent_line.count())) == total
    assert len(grown) >= 2 and grown[0][0][0] <= grown[-1][0][0]  # it grew in steps

    # once the campaign completes it is counted again: the same figures as the database's
    wait_until(lambda: services.campaigns.get(campaign_id).state == "completed", TIMEOUT)
    wait_until(lambda: loads, TIMEOUT, "counted once more at completion")
    counted = AnalyticsService(services.context).report(campaign_id)
    assert view.funnel.values == [counted.funnel.sent, counted.funnel.delivered,
                                  counted.funnel.read, counted.funnel.replied] == [total, total, total, 0]
    assert view.report.timeline.totals() == counted.timeline.totals()
    assert view.deliver_label.text().startswith("Time to deliver: median")


def test_csv_export_writes_the_figures(qtbot, window, tmp_path):
    campaign_id = seeded_campaign("Export me", count=200, variants=("A", "B"))
    view = window.show_view("analytics")
    _loaded(qtbot, view, campaign_id)
    target = tmp_path / "figures.csv"
    seen = answer_save_dialog(target)
    with qtbot.waitSignal(view.csvWritten, timeout=int(TIMEOUT * 1000)) as written:
        qtbot.mouseClick(view.csv_button, Qt.MouseButton.LeftButton)
    assert seen[1].endswith("Export_me_figures.csv")  # the offered name
    assert written.args[0] == str(target) and "figures.csv" in view.status.text()
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    ref = recount(campaign_id)
    funnel = {r["item"]: int(r["count"]) for r in rows if r["section"] == "funnel"}
    assert funnel == {name: ref[name] for name in ("sent", "delivered", "read", "replied", "failed")}
    failures = {int(r["item"]): int(r["count"]) for r in rows if r["section"] == "failures"}
    assert failures == ref["codes"]
    assert {r["section"] for r in rows} >= {"variant A", "variant B", "ab_test", "time_to_read"}
    assert len(rows) == written.args[1]


def test_verdict_and_failures_in_french(qtbot, window, french):
    campaign_id = seeded_campaign("Soldes", count=600, variants=("A", "B"), read_bias={"B": 0.8})
    view = window.show_view("analytics")
    _loaded(qtbot, view, campaign_id)
    text = view.verdict.text()
    assert "Le taux de lecture de B (" in text and "la différence est significative à 95\u202f%" in text
    model = view.failures_model
    explained = {model.data(model.index(r, 3)) for r in range(model.rowCount())}
    assert "Hors de la fenêtre de 24 heures" in explained
    assert view.choosers.period.itemText(0) == "Depuis le début"
