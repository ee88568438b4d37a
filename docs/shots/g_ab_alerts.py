"""Screenshots of the campaign editor's A/B panel (three versions, one a template, shares and
"test first, then send the winner") and its "Alerts for this campaign" group, of the main window
at 1440x900 with an A/B campaign's messages table (Version column), and with alert banners and
the campaign's A/B strip waiting for its winner.

    python docs/shots/g_ab_alerts.py            # English and French, Xvfb started if needed
    python docs/shots/g_ab_alerts.py --lang fr  # one language

Saves docs/screenshots/ab_editor.png, campaign_alerts.png, ab_messages.png, alert.png,
alerts_settings.png (File → Alerts and retries…) and the same in fr/.
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

from take_screenshots import (  # noqa: E402
    EXTRA_CONTACTS,
    run_each_language,
    settle,
    shoot,
    wait_until,
)


def _words(lang: str) -> dict[str, str]:
    if lang == "fr":
        return {"name": "Soldes de printemps", "a": "Bonjour {{name}}, -20 % ce week-end !",
                "b": "{{name}}, votre remise de 20 % vous attend en boutique."}
    return {"name": "Spring sale", "a": "Hello {{name}}, 20 % off this weekend!",
            "b": "{{name}}, your 20 % discount is waiting in the shop."}


def shoot_editor(app, services, out: Path, lang: str) -> None:
    from wacampaign_desktop.gui.editor import CampaignEditorDialog

    words = _words(lang)
    services.templates.sync(services.runtime.gateway)  # the sandbox's approved templates
    template = services.templates.list(search="order_update", language=lang)[0]
    editor = CampaignEditorDialog(services)
    try:
        ui, panel = editor.ui, editor.variants_panel
        ui.nameEdit.setText(words["name"])
        ui.bodyEdit.setPlainText(words["a"])
        ui.abCheck.setChecked(True)
        panel.rows[0].text.setPlainText(words["b"])
        panel.add_button.click()
        c = panel.rows[1]
        c.kind.setCurrentIndex(c.kind.findData("template"))
        c.sid.setText(template.sid)
        c.variables.setText("1={{name}}, 2={{city}}")
        panel.a_share.setValue(50)
        panel.rows[0].share.setValue(30)
        c.share.setValue(20)
        panel.test_check.setChecked(True)
        panel.test_share.setValue(20)
        panel.wait.setValue(120)
        editor.resize(1240, 860)
        editor.show()
        wait_until(app, lambda: not editor._pending and editor.preparation is not None, 30,
                   "the recipient check")
        editor.scroll.ensureWidgetVisible(panel.test_box, 0, 10)
        settle(app, 0.8)
        shoot(app, editor, out / "ab_editor.png")
        box = editor.alerts_box  # the campaign's own alert thresholds
        box.use_global.setChecked(False)
        box.failure.setValue(20)
        settle(app, 0.3)
        group = editor.ui.sendingGroup  # the sending choices above the box, whole
        top = group.mapTo(editor.scroll.widget(), group.rect().topLeft()).y()
        editor.scroll.verticalScrollBar().setValue(max(0, top - 10))
        settle(app, 0.5)
        shoot(app, editor, out / "campaign_alerts.png")
    finally:
        editor.close()


def waiting_campaign(lang: str) -> int:
    from wacampaign_desktop.core.engine.ab_flow import HOLD
    from wacampaign_desktop.core.store.models import Campaign, CampaignMessage, Contact, utcnow

    words = _words(lang)
    now = utcnow()
    campaign = Campaign.create(
        name=words["name"], body=words["a"], state="paused", send_rate=4.0,
        variants=[{"name": "B", "body": words["b"]}], started_at=now,
        ab_test={"test_share": 0.2, "wait_minutes": 120, "metric": "read", "phase": "waiting",
                 "wait_until": (now + timedelta(hours=2)).replace(microsecond=0).isoformat()})
    for i, contact in enumerate(Contact.select().order_by(Contact.id)):
        test = i < 8
        status = ("read" if i % 3 else "delivered") if test else "pending"
        if i == 5:
            status = "undelivered"
        CampaignMessage.create(
            campaign=campaign, contact=contact, phone=contact.phone,
            message=(words["a"] if i % 2 == 0 else words["b"]).replace("{{name}}", contact.name),
            variant=("A" if i % 2 == 0 else "B") if test else None, status=status,
            twilio_sid=f"SM{i:032x}" if test else None, sent_at=now if test else None,
            error_code=30003 if i == 5 else None,
            next_attempt_at=None if test else HOLD)
    from wacampaign_desktop.core.store import message_updates as mu

    counts = mu.recount(campaign.id)
    Campaign.update({getattr(Campaign, f"{k}_count"): v for k, v in counts.items()}).where(
        Campaign.id == campaign.id).execute()
    return campaign.id


def shoot_alert(app, services, out: Path, lang: str) -> None:
    from wacampaign_desktop.core.events import Alert
    from wacampaign_desktop.gui.main_window import MainWindow

    campaign_id = waiting_campaign(lang)
    window = MainWindow(services)
    window.resize(1360, 860)
    window.show()
    try:
        campaigns = window.show_view("campaigns")
        campaigns.reload()
        campaigns.select_campaign(campaign_id)
        window.resize(1440, 900)  # the messages table with its Version column, no sideways scroll
        settle(app, 1.5)
        shoot(app, window, out / "ab_messages.png")
        window.resize(1360, 860)
        settle(app, 0.5)
        window.alerts.show_alert(Alert(
            "no_callback", "", level="error", campaign_id=campaign_id,
            details={"minutes": 6.0, "threshold": 5.0}))
        window.alerts.show_alert(Alert(
            "failure_rate", "", level="warning", campaign_id=campaign_id,
            details={"share": 0.24, "threshold": 0.1, "window": 50}))
        settle(app, 1.0)
        shoot(app, window, out / "alert.png")
    finally:
        window.close()


def shoot_settings(app, services, out: Path) -> None:
    from wacampaign_desktop.gui.settings.alerts_panel import AlertsDialog

    dialog = AlertsDialog(services)
    try:
        dialog.auto.setChecked(True)
        dialog.show()
        settle(app, 0.5)
        shoot(app, dialog, out / "alerts_settings.png")
    finally:
        dialog.close()


def take(lang: str) -> None:
    from wacampaign_desktop.core.app_context import AppContext
    from wacampaign_desktop.core.runtime import Runtime
    from wacampaign_desktop.core.sandbox import SandboxConfig
    from wacampaign_desktop.core.store.models import Contact
    from wacampaign_desktop.gui.app import install_translators, make_application
    from wacampaign_desktop.gui.first_run import seed_demo_contacts
    from wacampaign_desktop.gui.services import GuiServices

    out = ROOT / "docs" / "screenshots" / ("fr" if lang == "fr" else "")
    out.mkdir(parents=True, exist_ok=True)
    context = AppContext.open(Path(tempfile.mkdtemp(prefix="wacampaign-shots-g-")))
    context.settings.webhook_port = 0
    context.settings.tunnel_mode = "local"
    context.settings.language = lang
    context.save_settings()
    app = make_application([sys.argv[0], "-platform", "xcb"])
    install_translators(app, lang)
    seed_demo_contacts(context)
    for phone, name, city, tags in EXTRA_CONTACTS:
        Contact.create(phone=phone, name=name, fields={"city": city}, tags=["demo", *tags])
    services = GuiServices.create(context)
    services.runtime_controller.start(
        lambda ctx: Runtime(ctx, sandbox_config=SandboxConfig(seed=42, step_latency=0.05)))
    wait_until(app, lambda: services.runtime is not None or bool(services.runtime_error), 60,
               "the sending service")
    try:
        shoot_editor(app, services, out, lang)
        shoot_alert(app, services, out, lang)
        shoot_settings(app, services, out)
    finally:
        services.runtime_controller.stop()
        services.close()
        context.close()


if __name__ == "__main__":
    run_each_language(__file__, __doc__, take)
