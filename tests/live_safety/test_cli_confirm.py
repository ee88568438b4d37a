"""`campaign send|start` in live mode shows the launch review and asks on a terminal, needs
--yes elsewhere; the sandbox never asks."""

from __future__ import annotations

import io

import pytest

from tests.cli.helpers import run
from tests.live_safety.helpers import (
    INSIDE,
    OUTSIDE,
    free_text_campaign,
    go_live,
    seed_contacts,
    start_window_sandbox,
)
from wacampaign_desktop.core.store.models import Campaign


class Terminal(io.StringIO):
    """What the user types, on something that says it is a terminal."""

    def isatty(self) -> bool:
        return True


class Pipe(io.StringIO):
    def isatty(self) -> bool:
        return False


@pytest.fixture
def sandbox():
    server = start_window_sandbox()
    yield server
    server.stop()


@pytest.fixture
def live(context, sandbox):
    go_live(context, sandbox)
    seed_contacts(context, sandbox)
    campaign = free_text_campaign()
    folder = str(context.paths.data_dir)
    return lambda *argv: ("--data-dir", folder, "--api-url", sandbox.base_url, *argv), campaign.id


def _sent(sandbox) -> int:
    return sum(sandbox.send_counts().values())


def test_without_a_terminal_a_live_send_needs_yes(live, sandbox, capsys, monkeypatch):
    argv, campaign_id = live
    monkeypatch.setattr("sys.stdin", Pipe(""))
    code, _out, err = run(capsys, "campaign", "send", str(campaign_id), *argv())
    assert code == 2
    assert "would send 2 real WhatsApp messages" in err and "--yes" in err
    assert "held back: not written in the last 24 hours" in err  # the review was printed
    assert _sent(sandbox) == 0 and Campaign.get_by_id(campaign_id).state == "draft"

    code, _out, err = run(capsys, "campaign", "start", str(campaign_id), "--yes", *argv())
    assert code == 0, err
    assert sorted(p for p, n in sandbox.send_counts().items() if n) == sorted(INSIDE)


def test_on_a_terminal_it_asks_and_no_means_nothing_is_sent(live, sandbox, capsys,
                                                            monkeypatch):
    argv, campaign_id = live
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    code, out, err = run(capsys, "campaign", "start", str(campaign_id), *argv())
    assert code == 2 and "not started (nothing was sent)" in err
    assert "Send 2 messages? [y/N]" in out
    assert "From: whatsapp:+" in err and "2 with your text" in err
    assert "First message (to +33611000001): Hi Inès, our spring sale starts today!" in err
    assert _sent(sandbox) == 0

    monkeypatch.setattr("sys.stdin", Terminal("y\n"))
    code, out, err = run(capsys, "campaign", "send", str(campaign_id), *argv())
    assert code == 0, err
    assert "Send 2 messages? [y/N]" in out
    assert all(sandbox.send_count(p) == 0 for p in OUTSIDE)
    assert all(sandbox.send_count(p) == 1 for p in INSIDE)


def test_the_sandbox_never_asks(context, capsys, monkeypatch):
    context.settings.webhook_port = 0
    context.save_settings()
    seed_contacts(context)
    campaign = free_text_campaign()
    monkeypatch.setattr("sys.stdin", Pipe(""))
    code, out, err = run(capsys, "campaign", "send", str(campaign.id),
                         "--data-dir", str(context.paths.data_dir))
    assert code == 0, err
    assert "[y/N]" not in out + err and "Messages to send" not in err
    assert Campaign.get_by_id(campaign.id).total_count == 5  # the sandbox keeps demo contacts


def test_create_with_a_fallback_template_for_contacts_outside_the_window(context, capsys):
    from tests.live_safety.helpers import store_template

    sid = "HX" + "34" * 16
    store_template(sid)
    folder = str(context.paths.data_dir)
    code, out, err = run(capsys, "campaign", "create", "--name", "Spring", "--body", "Hi",
                         "--fallback-template", "shop_news", "--fallback-var", "1={{name}}",
                         "--data-dir", folder)
    assert code == 0, err
    stored = Campaign.get_by_id(int(out.strip()))
    assert (stored.outside_window, stored.fallback_content_sid, stored.fallback_variables) == (
        "template", sid, {"1": "{{name}}"})
    code, _out, err = run(capsys, "campaign", "create", "--name", "Other", "--body", "Hi",
                          "--fallback-template", "nothing_like_it", "--data-dir", folder)
    assert code == 2 and "--fallback-template: no template named 'nothing_like_it'" in err
    code, _out, err = run(capsys, "campaign", "create", "--name", "Other", "--body", "Hi",
                          "--outside-window", "template", "--data-dir", folder)
    assert code == 2 and "name the template with --fallback-template" in err
