"""Screenshots of Connect Twilio's webhook part: "Apply to Twilio" with its read-back result,
and the mode "Our server at URL" with the team server's health and last callback.

    python docs/shots/c_routes.py            # English and French, Xvfb started if needed
    python docs/shots/c_routes.py --lang fr  # one language

Saves docs/screenshots/apply_to_twilio.png and docs/screenshots/server_mode.png (+ fr/). The
"Twilio account" is the built-in sandbox (a real HTTP emulator the twilio client talks to) and
the "team's server" a real webhook receiver on this machine that got one signed callback.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "docs"))
os.environ.setdefault("WACAMPAIGN_SECRET_BACKEND", "file")

from take_screenshots import run_each_language, settle, shoot, wait_until  # noqa: E402

OWN_URL = "https://hooks.example-shop.com"


def _account(dialog, sandbox) -> None:
    ui = dialog.ui
    ui.sidEdit.setText(sandbox.account_sid)
    ui.tokenEdit.setText(sandbox.auth_token)
    ui.numberRadio.setChecked(True)
    ui.senderEdit.setText("+14155238886")
    ui.liveCheck.setChecked(True)


def _apply_and_wait(app, dialog) -> None:
    ui = dialog.ui
    ui.applyButton.click()
    wait_until(app, lambda: not dialog.routes.applying and dialog.routes.last_report is not None,
               30, "the Apply to Twilio result")
    settle(app, 0.6)  # the dialog scrolls the result into view itself


def take(lang: str) -> None:
    from wacampaign_desktop.core.app_context import AppContext
    from wacampaign_desktop.core.events import EventBus
    from wacampaign_desktop.core.sandbox import SandboxConfig, SandboxServer
    from wacampaign_desktop.core.webhooks import INCOMING_PATH, WebhookServer
    from wacampaign_desktop.gui.app import install_translators, make_application
    from wacampaign_desktop.gui.services import GuiServices
    from wacampaign_desktop.gui.settings import ConnectTwilioDialog

    out = ROOT / "docs" / "screenshots" / ("fr" if lang == "fr" else "")
    out.mkdir(parents=True, exist_ok=True)
    context = AppContext.open(Path(tempfile.mkdtemp(prefix="wacampaign-shots-c-")))
    context.settings.language = lang
    context.save_settings()
    app = make_application([sys.argv[0], "-platform", "xcb"])
    install_translators(app, lang)
    sandbox = SandboxServer(SandboxConfig(port=0, seed=7))
    sandbox.start()
    services = GuiServices.create(context)
    receiver = WebhookServer(EventBus(), lambda: sandbox.auth_token, port=0)  # "our server"
    receiver.start()
    try:
        dialog = ConnectTwilioDialog(services, api_base_url=sandbox.base_url)
        _account(dialog, sandbox)
        dialog.ui.ownUrlRadio.setChecked(True)
        dialog.ui.publicUrlEdit.setText(OWN_URL)
        dialog.show()
        settle(app, 0.8)
        _apply_and_wait(app, dialog)
        shoot(app, dialog, out / "apply_to_twilio.png")
        dialog.close()

        sandbox.simulate_reply("+33612345601", "Bonjour !" if lang == "fr" else "Hello!",
                               url=receiver.local_base_url + INCOMING_PATH)  # a callback
        dialog = ConnectTwilioDialog(services, api_base_url=sandbox.base_url)
        _account(dialog, sandbox)
        dialog.ui.serverRadio.setChecked(True)
        dialog.ui.serverUrlEdit.setText(receiver.local_base_url)
        dialog.show()
        settle(app, 0.5)
        dialog.routes.check_server()
        wait_until(app, lambda: dialog.routes.last_health is not None, 15, "the server's health")
        _apply_and_wait(app, dialog)
        dialog._scroll.ensureWidgetVisible(dialog.ui.serverHealthLabel)
        settle(app, 0.4)
        shoot(app, dialog, out / "server_mode.png")
        dialog.close()
    finally:
        receiver.stop()
        services.close()
        sandbox.stop()
        context.close()


if __name__ == "__main__":
    run_each_language(__file__, __doc__, take)
