"""Screenshots of the first real campaign's safety steps: the 24-hour window choice in the
campaign view and the launch review shown before a live start.

    python docs/shots/d_live_safety.py            # English and French, Xvfb started if needed
    python docs/shots/d_live_safety.py --lang fr  # one language

Saves in docs/screenshots/ (+ fr/): window_choice.png (window at 1440x900) and
window_choice_800x600.png, launch_review.png, launch_review_blocked.png (a template campaign
whose contacts lack a value), sending_settings.png (File → Sending…) and
window_guard_off.png (the question before the 24-hour check is turned off). The
"Twilio account" is the built-in sandbox playing real Twilio (it enforces the 24-hour window);
the profile is in live mode, with contacts who wrote recently, some who did not, one opted out
and two demo contacts left from the first run; templates are synced from the sandbox.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "docs"))
os.environ.setdefault("WACAMPAIGN_SECRET_BACKEND", "file")

from take_screenshots import run_each_language, settle, shoot, wait_until  # noqa: E402

CONTACTS = (  # fictional numbers; hours since the contact last wrote (None: never)
    ("+33612345609", "Inès Garcia", 2), ("+33612345610", "Louis Roux", 5),
    ("+33612345611", "Emma Fournier", 9), ("+33612345612", "Gabriel Girard", 20),
    ("+33612345613", "Jade Bonnet", 1), ("+33612345614", "Raphaël Dupont", 30),
    ("+33612345615", "Louise Lambert", 72), ("+33612345616", "Arthur Fontaine", None),
    ("+33612345617", "Zoé Mercier", 3),
)
WORDS = {
    "en": ("Spring sale", "Hello {{name}}, our spring sale starts today: 20% off everything "
                          "in the shop until Sunday. Reply STOP to stop these messages."),
    "fr": ("Soldes de printemps", "Bonjour {{name}}, nos soldes de printemps commencent "
                                  "aujourd’hui : −20 % sur tout le magasin jusqu’à dimanche. "
                                  "Répondez STOP pour ne plus recevoir ces messages."),
}


def _profile(context, sandbox) -> int:
    """Live settings on the sandbox, the contacts, a free-text campaign; returns its id."""
    from wacampaign_desktop.core.sandbox import DEFAULT_SENDER
    from wacampaign_desktop.core.secrets import TWILIO_AUTH_TOKEN
    from wacampaign_desktop.core.store.models import Campaign, Contact

    s = context.settings
    s.use_sandbox, s.twilio_account_sid, s.sender = False, sandbox.account_sid, DEFAULT_SENDER
    s.webhook_port, s.tunnel_mode = 0, "local"
    context.secrets.set(TWILIO_AUTH_TOKEN, sandbox.auth_token)
    context.save_settings()
    now = context.clock.now()
    for phone, name, hours in CONTACTS:
        last = now - timedelta(hours=hours) if hours is not None else None
        Contact.create(phone=phone, name=name, last_inbound_at=last, tags=["spring"])
    Contact.create(phone="+33612345618", name="Hugo Petit", tags=["spring"],
                   opted_out_at=now - timedelta(days=3))
    for phone, name in (("+33612345601", "Camille Martin"), ("+33612345602", "Lucas Bernard")):
        Contact.create(phone=phone, name=name, is_demo=True, tags=["demo", "spring"])
    name, body = WORDS[s.language]
    return Campaign.create(name=name, body=body, audience={"kind": "tag", "tag": "spring"},
                           send_rate=1.0).id


def _blocked_campaign(template, lang: str) -> int:
    """A template campaign whose second placeholder is a contact field nobody has."""
    from wacampaign_desktop.core.store.models import Campaign

    variables = {p: "{{name}}" if i == 0 else "{{shop}}"
                 for i, p in enumerate(template.placeholders)}
    return Campaign.create(name="Rappel" if lang == "fr" else "Reminder", body="",
                           content_sid=template.sid, content_variables=variables,
                           audience={"kind": "tag", "tag": "spring"}, send_rate=1.0).id


def _shoot_modal(app, path: Path, button: str) -> None:
    """When a modal box shows: shoot it, then click its child named `button`."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def step() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(50, step)
            return
        settle(app, 0.4)
        shoot(app, box, path)
        box.findChild(object, button).click()

    QTimer.singleShot(50, step)


def take(lang: str) -> None:
    from PySide6.QtCore import QLocale

    from wacampaign_desktop.core.app_context import AppContext
    from wacampaign_desktop.core.runtime_config import RuntimeConfig
    from wacampaign_desktop.core.sandbox import SandboxConfig, SandboxServer
    from wacampaign_desktop.core.services.templates import TemplatesService
    from wacampaign_desktop.gui.app import install_translators, make_application
    from wacampaign_desktop.gui.campaigns.launch_review_dialog import (
        LaunchReviewDialog,
        compute_review,
    )
    from wacampaign_desktop.gui.demo_cleanup import OFFERED
    from wacampaign_desktop.gui.main_window import MainWindow
    from wacampaign_desktop.gui.models.labels import ui_locale
    from wacampaign_desktop.gui.runtime_controller import runtime_factory
    from wacampaign_desktop.gui.services import GuiServices
    from wacampaign_desktop.gui.settings.sending_panel import SendingDialog

    out = ROOT / "docs" / "screenshots" / ("fr" if lang == "fr" else "")
    out.mkdir(parents=True, exist_ok=True)
    context = AppContext.open(Path(tempfile.mkdtemp(prefix="wacampaign-shots-d-")))
    context.settings.language = lang
    app = make_application([sys.argv[0], "-platform", "xcb"])
    install_translators(app, lang)
    QLocale.setDefault(ui_locale())  # numbers as the app shows them (gui/app.py)
    sandbox = SandboxServer(SandboxConfig(port=0, seed=7, enforce_session_window=True))
    sandbox.start()
    campaign_id = _profile(context, sandbox)
    services = GuiServices.create(context)
    setattr(services, OFFERED, True)  # the demo clean-up question is another picture
    try:
        services.runtime_controller.start(runtime_factory(RuntimeConfig(api_url=sandbox.base_url)))
        wait_until(app, lambda: services.runtime is not None, 30, "the live runtime")
        TemplatesService(context).sync(services.runtime.gateway)
        window = MainWindow(services)
        window.resize(1440, 900)
        window.show()
        window.show_campaign(campaign_id)
        view = window.view("campaigns").campaign_view
        choice = view.window_choice
        wait_until(app, lambda: choice.isVisible() and choice.templates.count() > 0, 30,
                   "the window choice")
        usable = [t for t in choice._templates if t.placeholders]
        sid = next((t.sid for t in usable if t.language.startswith(lang)), usable[0].sid)
        choice.choose_template(sid)
        wait_until(app, lambda: services.campaigns.get(campaign_id).outside_window == "template",
                   30, "the stored choice")
        settle(app, 1.0)
        shoot(app, window, out / "window_choice.png")
        window.resize(800, 600)
        settle(app, 1.0)
        shoot(app, window, out / "window_choice_800x600.png")
        window.resize(1440, 900)
        review = compute_review(services, campaign_id)
        dialog = LaunchReviewDialog(review, window)
        dialog.show()
        settle(app, 0.6)
        shoot(app, dialog, out / "launch_review.png")
        dialog.close()
        blocked = _blocked_campaign(usable[0], lang)
        dialog = LaunchReviewDialog(compute_review(services, blocked), window)
        dialog.show()
        settle(app, 0.6)
        shoot(app, dialog, out / "launch_review_blocked.png")
        dialog.close()
        sending = SendingDialog(services, window)
        sending.show()
        settle(app, 0.6)
        shoot(app, sending, out / "sending_settings.png")
        _shoot_modal(app, out / "window_guard_off.png", "keepWindowGuard")
        sending.window_guard.click()
        sending.close()
        window.close()
    finally:
        services.runtime_controller.stop()
        services.close()
        sandbox.stop()
        context.close()


if __name__ == "__main__":
    run_each_language(__file__, __doc__, take)
