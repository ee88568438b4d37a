"""The rules editor in French (the try box answers in French, with French quotes), and its
settings box: the opt-out confirmation and the default cooldown are saved to the profile's
settings, an empty confirmation is refused with the reason."""

from __future__ import annotations

import pytest

from wacampaign_desktop.core.services.rules import RulesService
from wacampaign_desktop.core.settings import load_settings


@pytest.fixture
def dialog(qtbot, services):
    from wacampaign_desktop.gui.rules.dialog import RulesDialog

    view = RulesDialog(services)
    qtbot.addWidget(view)
    view.show()
    return view


def test_the_try_box_answers_in_french(qtbot, services, context, french):
    from wacampaign_desktop.gui.rules.dialog import RulesDialog

    rules = RulesService(context)
    rules.save(rules.new_rule(name="Tarifs", match_kind="contains", pattern="prix",
                              reply_text="Voir example.com/tarifs", add_tag="tarifs"))
    view = RulesDialog(services)
    qtbot.addWidget(view)
    assert view.windowTitle() == "Règles de réponse"
    view.tryEdit.setText("Quel PRÎX ?")
    assert view.tryResult.text() == ("La règle «\u00a0Tarifs\u00a0» se déclenche. Elle répond\u202f: "
                                     "«\u00a0Voir example.com/tarifs\u00a0» Elle étiquette le "
                                     "contact «\u00a0tarifs\u00a0».")
    assert view.model.data(view.model.index(0, 2)) == "Le message contient «\u00a0prix\u00a0»"
    view.tryEdit.setText("ARRÊT")
    assert view.tryResult.text().startswith("La désinscription l’emporte")


def test_settings_are_saved_and_an_empty_confirmation_is_refused(dialog, context):
    box = dialog.settingsBox
    box.confirmCheck.setChecked(True)
    box.confirmEdit.setText("Bien noté, vous ne recevrez plus rien.")
    box.confirmEdit.editingFinished.emit()
    box.cooldownSpin.setValue(30)
    box.cooldownSpin.editingFinished.emit()
    saved = load_settings(context.paths.settings_file)
    assert saved.optout_confirmation_enabled
    assert saved.optout_confirmation_text == "Bien noté, vous ne recevrez plus rien."
    assert saved.auto_reply_cooldown_minutes == 30
    assert RulesService(context).new_rule().cooldown_minutes == 30
    box.confirmEdit.setText("  ")
    box.confirmEdit.editingFinished.emit()
    assert box.problemLabel.text().startswith("Not saved: write the confirmation")
    assert load_settings(context.paths.settings_file).optout_confirmation_text.startswith("Bien")
