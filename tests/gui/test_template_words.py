"""The template problems and statuses in French, as the editor lists them (narrow no-break
spaces before colons, « » with no-break spaces, the phone shown whole)."""

from __future__ import annotations

from wacampaign_desktop.core.services.template_check import TemplateProblem
from wacampaign_desktop.gui.editor.template_words import problem_text, status_text, unsendable_text

NNBSP, NBSP = "\u202f", "\u00a0"


def test_problems_and_statuses_in_french(qapp, french):
    missing = TemplateProblem("missing", "", 7, "Dana", "+33612345603", "2", "city")
    phone = "+33 6 12 34 56 03".replace(" ", NBSP)
    assert problem_text(missing) == (f"Dana ({phone}){NNBSP}: {{{{2}}}} n’a pas de valeur "
                                     f"(le champ «{NBSP}city{NBSP}» du contact est vide).")
    spaced = TemplateProblem("spaces", "", 8, "", "+33612345604", "1")
    assert problem_text(spaced).endswith("{{1}} contient plus de quatre espaces à la suite.")
    pending = TemplateProblem("template_not_approved", "", template="loyalty_points",
                              status="pending")
    assert problem_text(pending) == (f"«{NBSP}loyalty_points{NBSP}» ne peut pas être envoyé"
                                     f"{NNBSP}: en attente d’approbation")
    assert status_text("rejected") == "Refusé"
    assert unsendable_text("rejected", "Looks like spam").endswith(f"Motif{NNBSP}: Looks like spam")
    assert unsendable_text("approved") == ""
