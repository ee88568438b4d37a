"""Screenshot of the campaign view while ANOTHER process (a colleague's desktop, `serve`) sends
the campaign: the state says "Being sent by <computer> · pid N".

    python docs/shots/h_team_database.py            # English and French, Xvfb started if needed
    python docs/shots/h_team_database.py --lang fr  # one language

Saves docs/screenshots/sent_by_other.png and docs/screenshots/fr/sent_by_other.png.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "docs"))
os.environ.setdefault("WACAMPAIGN_SECRET_BACKEND", "file")

from take_screenshots import EXTRA_CONTACTS, settle, shoot, start_display  # noqa: E402


def sending_elsewhere(lang: str) -> int:
    """A campaign half sent, fed right now by another computer's process."""
    from wacampaign_desktop.core.store import message_updates as mu
    from wacampaign_desktop.core.store.models import Campaign, CampaignMessage, Contact, utcnow

    name = "Soldes d'hiver" if lang == "fr" else "Winter sale"
    body = "Bonjour {{name}}, -30 % ce week-end !" if lang == "fr" else \
        "Hello {{name}}, 30 % off this weekend!"
    now = utcnow()
    campaign = Campaign.create(name=name, body=body, state="sending", send_rate=2.0,
                               started_at=now, sending_owner="shop-counter-pc · pid 4812",
                               owner_seen_at=now.replace(year=now.year + 1))  # stays fresh
    for i, contact in enumerate(Contact.select().order_by(Contact.id)):
        status = ("read", "delivered", "sent", "pending", "pending")[i % 5]
        CampaignMessage.create(
            campaign=campaign, contact=contact, phone=contact.phone,
            message=body.replace("{{name}}", contact.name), status=status,
            twilio_sid=None if status == "pending" else f"SM{i:032x}",
            sent_at=None if status == "pending" else now)
    counts = mu.recount(campaign.id)
    Campaign.update({getattr(Campaign, f"{k}_count"): v for k, v in counts.items()}).where(
        Campaign.id == campaign.id).execute()
    return campaign.id


def take(lang: str) -> None:
    from wacampaign_desktop.core.app_context import AppContext
    from wacampaign_desktop.core.store.models import Contact
    from wacampaign_desktop.gui.app import install_translators, make_application
    from wacampaign_desktop.gui.first_run import seed_demo_contacts
    from wacampaign_desktop.gui.main_window import MainWindow
    from wacampaign_desktop.gui.services import GuiServices

    out = ROOT / "docs" / "screenshots" / ("fr" if lang == "fr" else "")
    out.mkdir(parents=True, exist_ok=True)
    context = AppContext.open(Path(tempfile.mkdtemp(prefix="wacampaign-shots-h-")))
    context.settings.language = lang
    context.save_settings()
    app = make_application([sys.argv[0], "-platform", "xcb"])
    install_translators(app, lang)
    seed_demo_contacts(context)
    for phone, name, city, tags in EXTRA_CONTACTS:
        Contact.create(phone=phone, name=name, fields={"city": city}, tags=["demo", *tags])
    campaign_id = sending_elsewhere(lang)
    services = GuiServices.create(context)
    window = MainWindow(services)
    window.resize(1360, 860)
    window.show()
    try:
        campaigns = window.show_view("campaigns")
        campaigns.reload()
        campaigns.select_campaign(campaign_id)
        settle(app, 1.5)
        shoot(app, window, out / "sent_by_other.png")
    finally:
        window.close()
        services.close()
        context.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("en", "fr"))
    args = parser.parse_args()
    if args.lang is None:  # one process per language (one QApplication each)
        for lang in ("en", "fr"):
            subprocess.run([sys.executable, __file__, "--lang", lang], check=True)
        return 0
    xvfb = start_display()
    try:
        take(args.lang)
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(10)
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # skip interpreter teardown: PySide objects freed at exit can crash it
