"""Screenshots of the Analytics view: a finished campaign with failures and replies
(analytics.png) and a two-variant campaign with its A/B results (ab_results.png).

    python docs/shots/e_analytics.py            # English and French, Xvfb started if needed
    python docs/shots/e_analytics.py --lang fr  # one language

Saves docs/screenshots/analytics.png and ab_results.png (+ fr/). The campaigns' messages are
demo data written to a throw-away profile (fictional numbers, statuses and times spread over
40 minutes, as the sandbox would report them): the figures on screen are counted from them.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "docs"))
os.environ.setdefault("WACAMPAIGN_SECRET_BACKEND", "file")

from take_screenshots import run_each_language, settle, shoot, wait_until  # noqa: E402

NAMES = {
    "en": ("Spring sale", "Hello {{name}}, 20 % off this weekend in our shop!",
           "Loyalty offer", "Hello {{name}}, a gift waits for you in the shop this week.",
           "{{name}}, your gift is ready: show this message at the till before Sunday."),
    "fr": ("Soldes de printemps", "Bonjour {{name}}, -20 % ce week-end dans notre boutique !",
           "Offre fidélité", "Bonjour {{name}}, un cadeau vous attend en boutique cette semaine.",
           "{{name}}, votre cadeau est prêt : montrez ce message en caisse avant dimanche."),
}
# (status, weight); failures carry one of these codes
FATES = (("read", 50), ("delivered", 20), ("sent", 6), ("undelivered", 7), ("failed", 4))
CODES = ((63016, 5), (30008, 3), (30003, 2), (21211, 1))


def _campaign(name: str, body: str, count: int, minutes: int, seed: int, first: int,
              variants: dict[str, float] | None = None) -> int:
    """A completed campaign of `count` messages sent over `minutes`, ending 5 minutes ago.
    `variants`: name -> share of delivered messages that get read (B better than A)."""
    from wacampaign_desktop.core.store import message_updates as mu
    from wacampaign_desktop.core.store.models import Campaign, CampaignMessage, Contact, utcnow

    rng = random.Random(seed)
    now = utcnow()
    start = now - timedelta(minutes=minutes + 5)
    extra = [{"name": v, "body": body} for v in sorted(variants or {})[1:]]
    campaign = Campaign.create(name=name, body=body, state="completed", audience={"kind": "all"},
                               variants=extra, started_at=start, finished_at=now)
    rows, replies = [], []
    for i in range(count):
        phone = f"+336{first + i:08d}"
        contact = Contact.get_or_create(phone=phone, defaults={"name": f"Client {first + i}"})[0]
        variant = sorted(variants)[i % len(variants)] if variants else None
        fate = rng.choices([f for f, _ in FATES], [w for _, w in FATES])[0]
        if variants and fate in ("read", "delivered"):
            fate = "read" if rng.random() < variants[variant] else "delivered"
        left = start + timedelta(seconds=rng.uniform(0, minutes * 60) * (i / count) ** 0.7)
        row = {"phone": phone, "contact": contact.id, "message": body, "status": fate,
               "variant": variant, "twilio_sid": f"SM{seed:04d}{i:028x}", "sent_at": None,
               "delivered_at": None, "read_at": None, "failed_at": None, "error_code": None,
               "error_message": None}
        if fate != "failed":
            row["sent_at"] = left
        if fate in ("delivered", "read"):
            row["delivered_at"] = left + timedelta(seconds=rng.lognormvariate(1.5, 0.8))
        if fate == "read":
            row["read_at"] = row["delivered_at"] + timedelta(seconds=rng.lognormvariate(5, 1))
            if rng.random() < 0.15:
                replies.append((phone, row["read_at"] + timedelta(minutes=rng.uniform(1, 8))))
        if fate in ("failed", "undelivered"):
            row["failed_at"] = left + timedelta(seconds=rng.uniform(1, 6))
            row["error_code"] = rng.choices([c for c, _ in CODES], [w for _, w in CODES])[0]
        rows.append(row)
    mu.insert_messages(campaign.id, rows)
    for phone, at in replies:  # as the incoming path marks them: the replied counter follows
        message = CampaignMessage.get((CampaignMessage.campaign == campaign.id)
                                      & (CampaignMessage.phone == phone))
        mu.mark_replied(message, min(at, now))
    return campaign.id


def take(lang: str) -> None:
    from wacampaign_desktop.core.app_context import AppContext
    from wacampaign_desktop.core.runtime_config import RuntimeConfig
    from wacampaign_desktop.core.sandbox import SandboxConfig
    from wacampaign_desktop.gui.app import install_translators, make_application
    from wacampaign_desktop.gui.main_window import MainWindow
    from wacampaign_desktop.gui.runtime_controller import runtime_factory
    from wacampaign_desktop.gui.services import GuiServices

    out = ROOT / "docs" / "screenshots" / ("fr" if lang == "fr" else "")
    out.mkdir(parents=True, exist_ok=True)
    context = AppContext.open(Path(tempfile.mkdtemp(prefix="wacampaign-shots-e-")))
    context.settings.language = lang
    context.settings.webhook_port = 0
    context.settings.tunnel_mode = "local"
    context.save_settings()
    app = make_application([sys.argv[0], "-platform", "xcb"])
    install_translators(app, lang)
    name, body, ab_name, body_a, _body_b = NAMES[lang]
    spring = _campaign(name, body, 480, 35, seed=3, first=10_000_000)
    loyalty = _campaign(ab_name, body_a, 900, 40, seed=5, first=20_000_000,
                        variants={"A": 0.58, "B": 0.72})
    services = GuiServices.create(context)
    try:
        window = MainWindow(services)
        window.resize(1360, 860)
        window.show()
        services.runtime_controller.start(
            runtime_factory(RuntimeConfig(sandbox=SandboxConfig(seed=1))))
        wait_until(app, lambda: services.runtime is not None, 60, "the sandbox runtime")
        view = window.show_view("analytics")
        shown: list[int] = []

        def on_shown() -> None:
            shown.append(1)

        view.reportShown.connect(on_shown)
        for campaign_id, picture in ((spring, "analytics.png"), (loyalty, "ab_results.png")):
            shown.clear()
            view.select_campaign(campaign_id)
            wait_until(app, lambda: bool(shown), 60, "the figures")
            settle(app, 1.0)
            shoot(app, window, out / picture)
        window.close()
    finally:
        services.runtime_controller.stop()
        services.close()
        context.close()


if __name__ == "__main__":
    run_each_language(__file__, __doc__, take)
