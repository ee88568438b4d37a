"""Screenshots of the first-run demo: a campaign to the eight demo contacts on the built-in
sandbox's demo profile, with its failures (63016, 30008, 63049), a message never read and the
replies (a question, a thank-you, a STOP), then the Inbox with those replies.

    python docs/shots/a_sandbox_demo.py            # English and French, Xvfb started if needed
    python docs/shots/a_sandbox_demo.py --lang fr  # one language

Saves docs/screenshots/demo_campaign.png, demo_inbox.png (and the same under fr/).
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


def take(lang: str) -> None:
    from wacampaign_desktop.core.app_context import AppContext
    from wacampaign_desktop.core.runtime import Runtime
    from wacampaign_desktop.core.runtime_config import RuntimeConfig
    from wacampaign_desktop.core.sandbox import SandboxConfig
    from wacampaign_desktop.core.store.models import Campaign, InboundMessage
    from wacampaign_desktop.gui.app import install_translators, make_application
    from wacampaign_desktop.gui.first_run import seed_demo_contacts
    from wacampaign_desktop.gui.main_window import MainWindow
    from wacampaign_desktop.gui.services import GuiServices

    out = ROOT / "docs" / "screenshots" / ("fr" if lang == "fr" else "")
    out.mkdir(parents=True, exist_ok=True)
    context = AppContext.open(Path(tempfile.mkdtemp(prefix="wacampaign-shots-a-")))
    context.settings.webhook_port = 0
    context.settings.tunnel_mode = "local"
    context.settings.language = lang
    context.save_settings()
    app = make_application([sys.argv[0], "-platform", "xcb"])
    install_translators(app, lang)
    seed_demo_contacts(context)  # the eight first-run contacts
    services = GuiServices.create(context)
    window = MainWindow(services)
    window.resize(1360, 860)
    window.show()

    def make_runtime(ctx: AppContext) -> Runtime:  # the app's own demo, at a readable pace
        demo = SandboxConfig.demo(step_latency=0.3, reply_delay=1.0)
        return Runtime(ctx, RuntimeConfig(sandbox=demo))

    services.runtime_controller.start(make_runtime)
    wait_until(app, lambda: services.runtime is not None or bool(services.runtime_error),
               60, "the sending service")
    runtime = services.runtime
    if runtime is None:
        raise SystemExit(f"The runtime did not start: {services.runtime_error}")
    try:
        campaign = Campaign.create(
            name="Nouvelle collection" if lang == "fr" else "New collection",
            body=("Bonjour {{name}}, la nouvelle collection est arrivée à {{city}} !"
                  if lang == "fr" else "Hello {{name}}, the new collection is in our {{city}} "
                                       "shop!"),
            audience={"kind": "all"}, send_rate=4.0)
        runtime.engine.start_campaign(campaign.id)
        wait_until(app, lambda: Campaign.get_by_id(campaign.id).state == "completed"
                   and InboundMessage.select().count() >= 3, 120, "the demo to play out")
        campaigns = window.show_view("campaigns")
        campaigns.reload()
        campaigns.select_campaign(campaign.id)
        settle(app, 2.0)
        shoot(app, window, out / "demo_campaign.png")
        inbox = window.show_view("inbox")
        settle(app)
        if hasattr(inbox, "refresh"):
            inbox.refresh()
        settle(app, 1.0)
        shoot(app, window, out / "demo_inbox.png")
    finally:
        window.close()
        services.runtime_controller.stop()
        services.close()
        context.close()


if __name__ == "__main__":
    run_each_language(__file__, __doc__, take)
