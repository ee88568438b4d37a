"""Screenshots of each main view with real data, for the README.

Starts the app on a throw-away profile in sandbox mode (the built-in Twilio emulator, nothing
leaves the machine), adds demo contacts, sends a real campaign through the sandbox so the
statuses in the table came from real signed callbacks, lets two contacts reply, then saves a PNG
of each view into docs/screenshots/.

    python docs/take_screenshots.py            # starts Xvfb itself when there is no display
    python docs/take_screenshots.py --lang fr  # the French interface
    python docs/take_screenshots.py --size 800x600 --out docs/screenshots/800x600

Needs Xvfb (or any X display); the window is captured with QWidget.grab().
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("WACAMPAIGN_SECRET_BACKEND", "file")

log = logging.getLogger("take_screenshots")

EXTRA_CONTACTS = (  # fictional numbers; the sandbox never contacts anyone
    ("+33612345609", "Inès Garcia", "Nice", ["vip"]),
    ("+33612345610", "Louis Roux", "Lyon", ["vip"]),
    ("+33612345611", "Emma Fournier", "Paris", []),
    ("+33612345612", "Gabriel Girard", "Nantes", ["vip"]),
    ("+33612345613", "Jade Bonnet", "Lille", []),
    ("+33612345614", "Raphaël Dupont", "Paris", []),
    ("+33612345615", "Louise Lambert", "Lyon", ["vip"]),
    ("+33612345616", "Arthur Fontaine", "Rennes", []),
)


def start_display() -> subprocess.Popen | None:
    if os.environ.get("DISPLAY") or sys.platform != "linux":
        return None
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        raise SystemExit("No display and no Xvfb: install xvfb or run under a desktop session.")
    display = ":97"
    proc = subprocess.Popen([xvfb, display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.environ["DISPLAY"] = display
    time.sleep(1.0)
    return proc


def run_each_language(script: str, doc: str | None, take_one: Callable[[str], None]) -> None:
    """The `main` of the scripts in docs/shots/: `--lang en|fr` takes one language in this
    process (Xvfb started if there is no display); without it, one process per language (one
    QApplication each). Exits without interpreter teardown (PySide objects freed at exit can
    crash it)."""
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument("--lang", choices=("en", "fr"))
    args = parser.parse_args()
    if args.lang is None:
        for lang in ("en", "fr"):
            subprocess.run([sys.executable, script, "--lang", lang], check=True)
    else:
        xvfb = start_display()
        try:
            take_one(args.lang)
        finally:
            if xvfb is not None:
                xvfb.terminate()
                xvfb.wait(10)
    sys.stdout.flush()
    os._exit(0)


def wait_until(app, predicate: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        app.processEvents()
        if predicate():
            return
        time.sleep(0.02)
    raise SystemExit(f"Timed out waiting for {what}")


def settle(app, seconds: float = 0.6) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", default="en", choices=("en", "fr"))
    parser.add_argument("--size", default="1360x860", type=_size,
                        help="window size WIDTHxHEIGHT (default 1360x860)")
    args = parser.parse_args()
    xvfb = start_display()
    try:
        return take(args.out, args.lang, args.size)
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(10)


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size like 800x600: {text!r}") from None
    return width, height


def take(out: Path, lang: str, size: tuple[int, int] = (1360, 860)) -> int:
    from wacampaign_desktop.core.app_context import AppContext
    from wacampaign_desktop.core.runtime import Runtime
    from wacampaign_desktop.core.sandbox import SandboxConfig
    from wacampaign_desktop.core.store.models import Campaign, Contact, InboundMessage, utcnow
    from wacampaign_desktop.gui.app import install_translators, make_application
    from wacampaign_desktop.gui.first_run import seed_demo_contacts
    from wacampaign_desktop.gui.main_window import MainWindow
    from wacampaign_desktop.gui.services import GuiServices

    out.mkdir(parents=True, exist_ok=True)
    profile = Path(tempfile.mkdtemp(prefix="wacampaign-shots-"))
    context = AppContext.open(profile)
    context.settings.webhook_port = 0
    context.settings.tunnel_mode = "local"
    context.settings.language = lang
    context.save_settings()
    app = make_application([sys.argv[0], "-platform", "xcb"])
    install_translators(app, lang)
    seed_demo_contacts(context)
    now = utcnow()
    for phone, name, city, tags in EXTRA_CONTACTS:
        Contact.create(phone=phone, name=name, fields={"city": city}, tags=["demo", *tags])
    Contact.create(phone="+33612345617", name="Paul Mercier", fields={"city": "Dijon"},
                   tags=["demo"], opted_out_at=now)
    services = GuiServices.create(context)
    window = MainWindow(services)
    window.resize(*size)
    window.show()

    def make_runtime(ctx: AppContext) -> Runtime:
        config = SandboxConfig(seed=42, step_latency=0.4, failure_rate=0.12, never_read_rate=0.3)
        return Runtime(ctx, sandbox_config=config)

    services.runtime_controller.start(make_runtime)
    wait_until(app, lambda: services.runtime is not None or bool(services.runtime_error),
               60, "the sending service")
    runtime = services.runtime
    if runtime is None:
        raise SystemExit(f"The runtime did not start: {services.runtime_error}")
    try:
        campaign = Campaign.create(
            name="Soldes de printemps" if lang == "fr" else "Spring sale",
            body=("Bonjour {{name}}, -20 % ce week-end dans notre boutique de {{city}} !" if lang == "fr"
                  else "Hello {{name}}, 20 % off this weekend in our {{city}} shop!"),
            audience={"kind": "all"}, send_rate=4.0)
        runtime.engine.start_campaign(campaign.id)
        campaigns = window.show_view("campaigns")
        campaigns.reload()
        campaigns.select_campaign(campaign.id)
        settle(app, 2.5)
        shoot(app, window, out / "campaign_sending.png")
        wait_until(app, lambda: Campaign.get_by_id(campaign.id).state == "completed", 120,
                   "the campaign to complete")
        settle(app, 2.0)
        for phone, text in (("+33612345601", "Merci ! Vous êtes ouverts dimanche ?"),
                            ("+33612345605", "Super, je passe samedi.")):
            runtime.sandbox.simulate_reply(phone, text)
        wait_until(app, lambda: InboundMessage.select().count() >= 2, 30, "the replies")
        settle(app, 1.0)
        shoot(app, window, out / "campaign.png")
        window.show_view("contacts")
        settle(app)
        shoot(app, window, out / "contacts.png")
        inbox = window.show_view("inbox")
        settle(app)
        if hasattr(inbox, "refresh"):
            inbox.refresh()
        settle(app)
        shoot(app, window, out / "inbox.png")
        window.show_view("activity")
        settle(app)
        shoot(app, window, out / "activity.png")
        shoot_dialogs(app, services, out)
    finally:
        window.close()
        services.runtime_controller.stop()
        services.close()
        context.close()
    print(f"Screenshots saved in {out}")
    return 0


def shoot_dialogs(app, services, out: Path) -> None:
    from wacampaign_desktop.gui.editor import CampaignEditorDialog
    from wacampaign_desktop.gui.settings import ConnectTwilioDialog

    editor = CampaignEditorDialog(services)
    editor.ui.nameEdit.setText(services.context.settings.language == "fr" and "Relance" or "Follow-up")
    editor.ui.bodyEdit.setPlainText("Hello {{name}}, thanks for visiting our {{city}} shop!"
                                    if services.context.settings.language != "fr"
                                    else "Bonjour {{name}}, merci de votre visite à {{city}} !")
    editor.ui.tagRadio.setChecked(True)
    editor.show()
    wait_until(app, lambda: not editor._pending, 30, "the editor's recipient count")
    settle(app)
    shoot(app, editor, out / "editor.png")
    editor.close()
    connect = ConnectTwilioDialog(services)
    connect.ui.sidEdit.setText("AC" + "0123456789abcdef" * 2)
    connect.ui.senderEdit.setText("+14155238886")
    connect.ui.ownUrlRadio.setChecked(True)
    connect.ui.publicUrlEdit.setText("https://hooks.example.com")
    connect.show()
    settle(app)
    shoot(app, connect, out / "connect_twilio.png")
    connect.close()


def shoot(app, widget, path: Path) -> None:
    settle(app, 0.3)
    if not widget.grab().save(str(path)):
        raise SystemExit(f"Could not write {path}")
    log.info("saved %s", path)
    print(f"  {path.name}")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)  # skip interpreter teardown: PySide objects freed at exit can crash it
