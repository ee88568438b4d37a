"""Screenshot of the campaign view while ANOTHER process (a colleague's desktop, `serve`) sends
the campaign: the state says "Being sent by <computer> · pid N".

    python docs/shots/h_team_database.py            # English and French, Xvfb started if needed
    python docs/shots/h_team_database.py --lang fr  # one language

Also File → Team database… after a real move of the profile into a throw-away PostgreSQL
cluster (tests/postgres/cluster.py; skipped without the PostgreSQL binaries), and the dialog
shown when the window cannot reach the team's server (a closed local port).

Saves docs/screenshots/{sent_by_other,team_database,team_database_unavailable}.png (and fr/).
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

from take_screenshots import EXTRA_CONTACTS, run_each_language, settle, shoot, wait_until  # noqa: E402

from wacampaign_desktop.core.services import database_settings as dbs  # noqa: E402


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
        team_database(app, window, services, out)
        database_unavailable(app, window, out)
    finally:
        window.close()
        services.close()
        context.close()


def team_database(app, window, services, out: Path) -> None:
    """File → Team database…: the server filled in, tested, and this profile moved into it."""
    from tests.postgres.cluster import Cluster, find_bin_dir
    from wacampaign_desktop.core.services.database_settings import choice_of_url
    from wacampaign_desktop.gui.settings.database_panel import TeamDatabaseDialog

    bin_dir = find_bin_dir()
    if bin_dir is None:
        print("  (no PostgreSQL binaries: team_database.png skipped)")
        return
    cluster = Cluster(bin_dir)
    try:
        cluster.execute("CREATE DATABASE shop")
        choice = choice_of_url(cluster.url("shop"))
        dialog = TeamDatabaseDialog(services, window)
        dialog.server_choice.setChecked(True)
        dialog.host.setText(choice.host)
        dialog.port.setValue(choice.port)
        dialog.database.setText(choice.database)
        dialog.user.setText(choice.user)
        dialog.show()
        dialog.test_button.click()
        wait_until(app, lambda: dialog.result.text() and not dialog.busy, 20, "the test")
        report = dbs.move_data(services.context, dialog._server_choice())  # as the button does
        dialog._on_moved(report)
        dialog.adjustSize()
        settle(app, 0.5)
        shoot(app, dialog, out / "team_database.png")
        dialog.close()
    finally:
        cluster.stop()


def database_unavailable(app, window, out: Path) -> None:
    """The dialog of a window whose team server cannot be reached."""
    import socket

    from wacampaign_desktop.gui.database_unavailable import DatabaseUnavailableDialog

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql://staff@127.0.0.1:{port}/shop"
    try:
        dbs.open_profile(Path(tempfile.mkdtemp(prefix="wacampaign-shots-h-")), database_url=url)
    except dbs.DatabaseUnavailable as exc:
        failure = dbs.failure_of(exc, url)
    else:
        raise SystemExit(f"{url} answered: expected a closed port")
    box = DatabaseUnavailableDialog(failure, window)
    box.show()
    settle(app, 0.5)
    shoot(app, box, out / "team_database_unavailable.png")
    box.close()


if __name__ == "__main__":
    run_each_language(__file__, __doc__, take)
