"""Screenshots of reply automation: the rules editor with its "try a message" box, and the Inbox
showing an automatic reply (read, by real sandbox callbacks) and an opted-out contact the reply
box refuses, with the reason.

    python docs/shots/f_rules.py            # English and French, Xvfb started if needed
    python docs/shots/f_rules.py --lang fr  # one language

Saves docs/screenshots/rules_editor.png and docs/screenshots/inbox_rules.png (+ fr/). The replies
are simulated by the built-in sandbox (signed webhooks), answered by the rules' worker.
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

TEXTS = {
    "en": {
        "prices": ("Prices", "price", "Our prices are on example.com/prices. Anything else?",
                   "prices"),
        "hours": ("Opening hours", r"\b(open|hours)\b",
                  "We are open Monday to Saturday, 9:00 to 19:00."),
        "closed": ("Outside opening hours", "Thanks for your message! We are closed now and "
                   "answer tomorrow from 9:00."),
        "campaign": ("Spring sale replies", "Spring sale"),
        "optout": "You will not receive any more messages from us. Reply START to subscribe "
                  "again.",
        "paul": ("What is the price of the spring basket?", "STOP"),
        "camille": "Are you open on Sunday?",
        "try": "Hello, what is the PRICE of delivery?",
    },
    "fr": {
        "prices": ("Tarifs", "prix", "Nos tarifs sont sur example.com/tarifs. Autre chose ?",
                   "tarifs"),
        "hours": ("Horaires", r"\b(ouverts?|horaires?)\b",
                  "Nous sommes ouverts du lundi au samedi, de 9 h à 19 h."),
        "closed": ("Hors des heures d’ouverture", "Merci pour votre message ! Nous sommes "
                   "fermés et répondons demain dès 9 h."),
        "campaign": ("Réponses aux soldes", "Soldes de printemps"),
        "optout": "Vous ne recevrez plus nos messages. Répondez START pour vous réinscrire.",
        "paul": ("C’est quoi le prix du panier de printemps ?", "STOP"),
        "camille": "Vous êtes ouverts dimanche ?",
        "try": "Bonjour, quel est le PRÎX de la livraison ?",
    },
}
PAUL, CAMILLE = "+33612345617", "+33612345601"


def _rules(context, words: dict, campaign_id: int) -> None:
    from wacampaign_desktop.core.services.rules import RulesService

    rules = RulesService(context)
    name, word, reply, tag = words["prices"]
    rules.save(rules.new_rule(name=name, match_kind="contains", pattern=word, reply_text=reply,
                              add_tag=tag))
    name, pattern, reply = words["hours"]
    rules.save(rules.new_rule(name=name, match_kind="regex", pattern=pattern, reply_text=reply))
    name, campaign = words["campaign"]
    rules.save(rules.new_rule(name=name, match_kind="campaign_reply", campaign_id=campaign_id,
                              follow_up=True, add_tag="printemps" if "Soldes" in campaign
                              else "spring"))
    name, reply = words["closed"]
    rules.save(rules.new_rule(name=name, match_kind="after_hours", reply_text=reply,
                              follow_up=True,
                              business_hours={"days": [0, 1, 2, 3, 4, 5], "start": "09:00",
                                              "end": "19:00"}))


def take(lang: str) -> None:
    from wacampaign_desktop.core.app_context import AppContext
    from wacampaign_desktop.core.runtime import Runtime
    from wacampaign_desktop.core.sandbox import SandboxConfig
    from wacampaign_desktop.core.services.inbox import InboxService
    from wacampaign_desktop.core.store.models import Campaign, Contact
    from wacampaign_desktop.gui.app import install_translators, make_application
    from wacampaign_desktop.gui.first_run import seed_demo_contacts
    from wacampaign_desktop.gui.main_window import MainWindow
    from wacampaign_desktop.gui.rules import open_rules_dialog
    from wacampaign_desktop.gui.services import GuiServices

    words = TEXTS[lang]
    out = ROOT / "docs" / "screenshots" / ("fr" if lang == "fr" else "")
    out.mkdir(parents=True, exist_ok=True)
    context = AppContext.open(Path(tempfile.mkdtemp(prefix="wacampaign-shots-f-")))
    s = context.settings
    s.webhook_port, s.tunnel_mode, s.language = 0, "local", lang
    s.optout_confirmation_enabled, s.optout_confirmation_text = True, words["optout"]
    context.save_settings()
    app = make_application([sys.argv[0], "-platform", "xcb"])
    install_translators(app, lang)
    seed_demo_contacts(context)
    Contact.create(phone=PAUL, name="Paul Mercier", fields={"city": "Dijon"}, tags=["demo"])
    campaign = Campaign.create(name=words["campaign"][1], body="…")
    _rules(context, words, campaign.id)
    services = GuiServices.create(context)
    window = MainWindow(services)
    window.resize(1360, 860)
    window.show()
    services.runtime_controller.start(
        lambda ctx: Runtime(ctx, sandbox_config=SandboxConfig(seed=42, step_latency=0.05)))
    wait_until(app, lambda: services.runtime is not None or bool(services.runtime_error), 60,
               "the sending service")
    runtime = services.runtime
    inbox = InboxService(context)
    try:
        runtime.sandbox.simulate_reply(CAMILLE, words["camille"], profile_name="Camille")
        question, stop = words["paul"]
        runtime.sandbox.simulate_reply(PAUL, question, profile_name="Paul")
        wait_until(app, lambda: any(e.status == "read" for e in inbox.thread(PAUL)
                                    if e.kind == "reply"), 30, "the automatic reply to be read")
        runtime.sandbox.simulate_reply(PAUL, stop, profile_name="Paul")
        wait_until(app, lambda: sum(e.status == "read" for e in inbox.thread(PAUL)
                                    if e.kind == "reply") == 2, 30, "the opt-out confirmation")
        view = window.show_view("inbox")
        view.refresh()
        wait_until(app, lambda: not view.loading and view.ui.conversationList.count() == 2, 10,
                   "the conversations")
        row = next(i for i, c in enumerate(view._conversations) if c.phone == PAUL)
        view.ui.conversationList.setCurrentRow(row)
        settle(app, 1.0)
        shoot(app, window, out / "inbox_rules.png")
        dialog = open_rules_dialog(services, window)
        dialog.tryEdit.setText(words["try"])
        settle(app, 0.8)
        shoot(app, dialog, out / "rules_editor.png")
        dialog.close()
    finally:
        window.close()
        services.runtime_controller.stop()
        services.close()
        context.close()


if __name__ == "__main__":
    run_each_language(__file__, __doc__, take)
