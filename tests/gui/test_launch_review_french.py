"""The launch review and the window choice in French: the problems that stop a start (template
values, no sender, a text placeholder without a value), the window choice's refusal and the
campaign view's dry-run problems are French with French typography, a long list is cut short,
and one recipient is singular."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from tests.live_safety.helpers import (
    free_text_campaign,
    go_live,
    seed_contacts,
    start_window_sandbox,
    store_template,
)
from wacampaign_desktop.core.engine.recipients import Preparation
from wacampaign_desktop.core.services.launch_review import LaunchReview, LaunchReviews
from wacampaign_desktop.core.store.models import Campaign, Contact, ContentTemplate
from wacampaign_desktop.gui.campaigns.campaign_view import CampaignView
from wacampaign_desktop.gui.campaigns.launch_review_dialog import LaunchReviewDialog
from wacampaign_desktop.gui.campaigns.window_choice import WindowChoice

NNBSP = "\u202f"
SID = "HX" + "cd" * 16
PHONE = "+33\xa06\xa011\xa000\xa001\xa000"  # +33611000100 as shown
ENGLISH = ("has no value", "sender", "cannot start", "nobody", "Nobody", "more like", "skipped")


def _live(context) -> None:
    sandbox = start_window_sandbox()
    try:
        go_live(context, sandbox)
    finally:
        sandbox.stop()


def _problems(qtbot, review: LaunchReview) -> list[str]:
    dialog = LaunchReviewDialog(review)
    qtbot.addWidget(dialog)
    text = dialog.findChild(QLabel, "problems").text()
    assert not dialog.confirm_button.isEnabled()
    assert not any(word in text for word in ENGLISH), text
    return text.splitlines()


def test_blocking_problems_are_french(qtbot, context, french):
    _live(context)
    context.settings.sender = ""
    ContentTemplate.create(sid=SID, friendly_name="rdv", language="fr", category="UTILITY",
                           approval_status="approved", body="Bonjour {{1}}, à {{2}}.",
                           variables={"1": "Marie", "2": "Lyon"})
    now = context.clock.now()
    for i in range(7):  # inside the window, no city
        Contact.create(phone=f"+3361100010{i}", name=f"Nom{i}", last_inbound_at=now)
    campaign = Campaign.create(name="Rdv", body="", content_sid=SID, send_rate=1.0,
                               content_variables={"1": "{{name}}", "2": "{{city}}"})
    lines = _problems(qtbot, LaunchReviews(context).review(campaign.id))
    assert lines[0] == f"À corriger d’abord{NNBSP}:"
    assert lines[1] == (f"• Aucun expéditeur WhatsApp n’est choisi{NNBSP}: ouvrez Fichier → "
                        "Connecter Twilio… et choisissez-en un.")
    assert lines[2].startswith(f"• Nom0 ({PHONE}){NNBSP}: {{{{2}}}} n’a pas de valeur (le champ ")
    assert lines[2].endswith("city\xa0» du contact est vide).")
    assert len(lines) == 1 + 5 and lines[-1] == "• …et 4 autres problèmes de ce type."

    text = free_text_campaign(body="Bonjour {{name}}, rendez-vous à {{shop}}")
    Contact.update(fields={"shop": "Lyon"}).where(Contact.phone != "+33611000100").execute()
    lines = _problems(qtbot, LaunchReviews(context).review(text.id))
    assert lines[2] == f"• {{{{shop}}}} n’a pas de valeur pour 1 contact{NNBSP}: Nom0 ({PHONE})"


def test_nobody_to_send_to_and_one_recipient_in_french(qtbot, context, french):
    _live(context)
    seed_contacts(context)
    Contact.delete().where(~Contact.is_demo).execute()  # only the demo contact is left
    lines = _problems(qtbot, LaunchReviews(context).review(free_text_campaign().id))
    assert lines[1] == f"• Personne à qui envoyer{NNBSP}: chaque destinataire est ignoré ou écarté."

    review = LaunchReview(campaign_id=1, name="Un", sender="whatsapp:+14155238886", live=True,
                          needs_confirmation=True, to_send=1, free_text=1, opted_out=1,
                          demo_excluded=1, window_checked=True, rate=1.0)
    dialog = LaunchReviewDialog(review)
    qtbot.addWidget(dialog)
    assert dialog.confirm_button.text() == "Envoyer 1 message"
    assert dialog.findChild(QLabel, "fact_sender").text() == "+1\xa0415-523-8886 sur WhatsApp"
    words = {k: dialog.findChild(QLabel, f"words_{k}").text() for k in ("freeText", "optedOut",
                                                                          "demo")}
    assert words["freeText"].startswith("reçoit votre texte")
    assert words["optedOut"].startswith(f"ignoré{NNBSP}:")
    assert words["demo"].startswith("contact de démonstration écarté")


def test_window_choice_for_one_recipient_in_french(qtbot, services, french):
    campaign = free_text_campaign()
    choice = WindowChoice(services)
    qtbot.addWidget(choice)
    prep = Preparation(window_guarded=True, inside_window=3, held=1)
    choice.show_for(campaign.id, prep)
    assert choice.summary.text() == "1 destinataire sur 4 ne vous a pas écrit ces dernières 24 heures."
    assert choice.summary.toolTip().startswith(f"WhatsApp refuse le texte libre à qui ne vous a "
                                               f"pas écrit ces dernières 24 heures{NNBSP}:")
    assert choice.template.text() == f"Envoyer à l’autre destinataire un modèle approuvé{NNBSP}:"
    choice.show_for(campaign.id, Preparation(window_guarded=True, inside_window=0, held=2))
    assert choice.hold.text().startswith("Les retenir tous")


def test_window_choice_refusal_and_view_problems_are_french(qtbot, context, services, french):
    _live(context)
    seed_contacts(context)
    store_template(SID)
    campaign = free_text_campaign()
    choice = WindowChoice(services)
    qtbot.addWidget(choice)
    choice.show_for(campaign.id, Preparation(window_guarded=True, inside_window=2, held=2))
    with qtbot.waitSignal(choice.changed, timeout=20_000):
        choice.choose_template(SID)
    choice.value_edits["1"].setText("")
    with qtbot.waitSignal(choice.failed, timeout=20_000) as failed:
        choice.value_edits["1"].editingFinished.emit()
    assert failed.args == [f"Donnez une valeur à chaque variable du modèle{NNBSP}: un champ du "
                           "contact comme {{name}}, ou un texte."]

    text = free_text_campaign(body="Bonjour {{name}}, rendez-vous à {{shop}}")
    view = CampaignView(services)
    qtbot.addWidget(view)
    view.set_campaign(text.id)
    qtbot.waitUntil(lambda: "Corrigez" in view.message_label.text(), timeout=20_000)
    assert (f"{{{{shop}}}} n’a pas de valeur pour 2 contacts{NNBSP}: Inès ("
            in view.message_label.text())


def test_campaign_view_counts_one_contact_in_the_singular(qtbot, context, services, french):
    Contact.create(phone="+33611000001", name="Inès")
    Contact.create(phone="+33611000002", name="Stop", opted_out_at=context.clock.now())
    campaign = free_text_campaign()
    view = CampaignView(services)
    qtbot.addWidget(view)
    view.set_campaign(campaign.id)
    qtbot.waitUntil(lambda: "Démarrer" in view.message_label.text(), timeout=20_000)
    assert view.message_label.text() == "Démarrer enverra le message à 1 contact (1 écarté)."
