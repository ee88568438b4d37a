"""Sync templates when Twilio refuses the credentials: the picker says so in plain words (and in
French), names where to fix it, and the table keeps what was synced before."""

from __future__ import annotations

import pytest

from wacampaign_desktop.core.sandbox import SandboxConfig, SandboxServer

TIMEOUT = 20_000


@pytest.fixture
def live_with_wrong_token(context, qtbot):
    from wacampaign_desktop.core.runtime import Runtime, RuntimeConfig
    from wacampaign_desktop.core.secrets import TWILIO_AUTH_TOKEN
    from wacampaign_desktop.gui.services import GuiServices

    twilio = SandboxServer(SandboxConfig(seed=9))  # plays Twilio
    twilio.start()
    context.settings.use_sandbox = False
    context.settings.twilio_account_sid = twilio.account_sid
    context.settings.sender = "whatsapp:+14155238886"
    context.settings.webhook_port = 0
    context.settings.tunnel_mode = "local"
    context.secrets.set(TWILIO_AUTH_TOKEN, "not-the-token")
    context.save_settings()
    svc = GuiServices.create(context)
    runtime = Runtime(context, RuntimeConfig(api_url=twilio.base_url)).start()
    svc.runtime = runtime
    yield svc
    runtime.stop()
    svc.close()
    twilio.stop()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_refused_credentials_are_named_where_to_fix_them(live_with_wrong_token, qtbot, request,
                                                         language):
    from wacampaign_desktop.gui.editor.template_picker import TemplatePicker

    if language == "fr":
        request.getfixturevalue("french")
    picker = TemplatePicker(live_with_wrong_token)
    qtbot.addWidget(picker)
    assert picker.model.templates == []
    picker.syncButton.click()
    assert not picker.syncButton.isEnabled()  # one sync at a time, off the GUI thread
    qtbot.waitUntil(picker.syncButton.isEnabled, timeout=TIMEOUT)
    expected = {"en": "Twilio refused the Account SID or Auth Token. Check them in File → Connect "
                      "Twilio…",
                "fr": "Twilio a refusé l’Account SID ou l’Auth Token. Vérifiez-les dans "
                      "Fichier → Connecter Twilio…"}[language]
    assert picker.syncedLabel.text() == expected
    assert picker.model.templates == [] and live_with_wrong_token.templates.last_synced_at() is None
