"""The reply rules editor: add and save a rule, the "try a message" box answers live (with the
form's unsaved edits), STOP always wins, an invalid regular expression is refused with the
reason, rules move up and down and switch off; reachable from Tools → Reply rules…"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from wacampaign_desktop.core.services.rules import RulesService


@pytest.fixture
def dialog(qtbot, services):
    from wacampaign_desktop.gui.rules.dialog import RulesDialog

    view = RulesDialog(services)
    qtbot.addWidget(view)
    view.show()
    return view


def _new_rule(dialog, name: str, kind: str, pattern: str, reply: str) -> None:
    dialog.addButton.click()
    form = dialog.form
    form.nameEdit.setText(name)
    form.kindCombo.setCurrentIndex(form.kindCombo.findData(kind))
    form.patternEdit.setText(pattern)
    form.replyEdit.setPlainText(reply)


def test_a_rule_is_saved_and_the_try_box_follows_the_form_live(dialog, context):
    _new_rule(dialog, "Prices", "contains", "prix", "Our prices: example.com/prices")
    dialog.tryEdit.setText("Quel est le PRÎX ?")
    assert dialog.tryResult.text() == ("Rule “Prices” fires. It answers: “Our prices: "
                                       "example.com/prices”")  # before saving
    dialog.saveButton.click()
    assert [r.name for r in RulesService(context).list()] == ["Prices"]
    assert dialog.model.rowCount() == 1
    dialog.form.replyEdit.setPlainText("See example.com")  # an unsaved edit counts at once
    assert dialog.tryResult.text().endswith("It answers: “See example.com”")
    dialog.tryEdit.setText("STOP")
    assert dialog.tryResult.text().startswith("Opt-out wins")
    dialog.tryEdit.setText("hello")
    assert dialog.tryResult.text() == "No rule fires: no enabled rule matches this message."


def test_an_invalid_regular_expression_is_refused_with_the_reason(dialog, context):
    _new_rule(dialog, "Orders", "regex", "(order", "We are on it.")
    dialog.saveButton.click()
    assert "Regular expression: “(order” is not valid" in dialog.problemLabel.text()
    assert RulesService(context).list() == []
    dialog.form.patternEdit.setText(r"order\s*\d+")
    assert dialog.problemLabel.text() == ""
    dialog.saveButton.click()
    assert [r.pattern for r in RulesService(context).list()] == [r"order\s*\d+"]


def test_rules_move_and_switch_off(dialog, context):
    _new_rule(dialog, "First", "contains", "hello", "One")
    dialog.saveButton.click()
    _new_rule(dialog, "Second", "contains", "hello", "Two")
    dialog.saveButton.click()
    dialog.tryEdit.setText("hello")
    assert "“First” fires" in dialog.tryResult.text()
    assert dialog.current_rule().name == "Second"
    dialog.upButton.click()
    assert [r.name for r in RulesService(context).list()] == ["Second", "First"]
    assert "“Second” fires" in dialog.tryResult.text()
    assert dialog.current_rule().name == "Second" and not dialog.upButton.isEnabled()
    dialog.model.setData(dialog.model.index(0, 0), Qt.CheckState.Unchecked.value,
                         Qt.ItemDataRole.CheckStateRole)
    assert not RulesService(context).list()[0].enabled
    dialog.tryEdit.setText("hello!")
    assert "“First” fires" in dialog.tryResult.text()


def test_reachable_from_the_tools_menu(qtbot, services, context):
    from wacampaign_desktop.gui.main_window import MainWindow

    window = MainWindow(services)
    qtbot.addWidget(window)
    action = window.findChild(type(window.menuBar().actions()[0]), "actionReplyRules")
    action.trigger()
    qtbot.waitUntil(lambda: getattr(window, "_rules_dialog", None) is not None
                    and window._rules_dialog.isVisible())
    window._rules_dialog.close()
