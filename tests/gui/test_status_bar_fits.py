"""The status bar at 800 px, in English and in French: the campaign being sent is never cut at
its end ("… left", "12 sur 1…"); it says the same in fewer words, shortens the name if it must,
and its tooltip has the whole sentence."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest

from wacampaign_desktop.core.events import CampaignProgress, ServerStateChanged, TunnelStateChanged
from wacampaign_desktop.core.store.models import Campaign
from wacampaign_desktop.gui.main_window import MainWindow

NAME = "Spring sale for our best clients"


def _sending_window(qtbot, services, width: int) -> MainWindow:
    campaign = Campaign.create(name=NAME, body="Hello", send_rate=1.0)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(width, 600)
    window.show()
    qtbot.waitExposed(window)
    events = (ServerStateChanged(True, "127.0.0.1", 8765),
              TunnelStateChanged(mode="local", state="up", public_url=""),
              CampaignProgress(campaign.id, 12, 1000, 2.0, at=datetime.now(UTC)))
    thread = threading.Thread(target=lambda: [services.context.bus.publish(e) for e in events])
    thread.start()
    thread.join(10)
    label = window.status.runtime_label
    qtbot.waitUntil(lambda: "12" in label.shown)
    return window


def _on_screen(label) -> bool:
    """The shown text fits the label's width (nothing clipped at its end)."""
    return label.fontMetrics().horizontalAdvance("● " + label.shown) <= label.contentsRect().width()


@pytest.mark.parametrize("width", [800, 1280])
def test_english_sending_text_ends_on_screen(qtbot, services, width):
    label = _sending_window(qtbot, services, width).status.runtime_label
    assert _on_screen(label), label.shown
    assert label.shown.endswith(("left", "min")), label.shown  # the time left is there
    assert "1,000" in label.shown
    whole = "Sending “Spring sale for our best clients”: 12 of 1,000, about 9 min left"
    assert label.toolTip().startswith(whole)
    if width == 1280:
        assert label.shown == "Sending “Spring sale for o…”: 12 of 1,000, about 9 min left"


def test_french_sending_text_ends_on_screen_at_800(qtbot, services, french):
    label = _sending_window(qtbot, services, 800).status.runtime_label
    assert _on_screen(label), label.shown
    assert label.shown.startswith("«\u00a0Spring") and label.shown.endswith("min"), label.shown
    assert "12/1\u202f000" in label.shown
    assert "«\u00a0Spring sale for our best clients\u00a0»" in label.toolTip()
    assert "12 sur 1\u202f000" in label.toolTip()
