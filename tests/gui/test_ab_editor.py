"""The editor's A/B panel: up to four versions, each a text or a template, shares that must add
up to 100 %, and "test first, then send the winner"; saved in the stored shapes and read back."""

from __future__ import annotations

from wacampaign_desktop.core.store.models import Campaign, Contact

SID = "HX" + "a" * 32


def _dialog(services, qtbot, campaign_id=None):
    from wacampaign_desktop.gui.editor import CampaignEditorDialog

    dialog = CampaignEditorDialog(services, campaign_id=campaign_id)
    qtbot.addWidget(dialog)
    return dialog


def test_versions_shares_and_test_then_winner_are_saved(services, qtbot):
    Contact.create(phone="+33612345678", name="Alice")
    dialog = _dialog(services, qtbot)
    ui, panel = dialog.ui, dialog.variants_panel
    ui.nameEdit.setText("Soldes")
    ui.bodyEdit.setPlainText("Hello {{name}}")
    ui.abCheck.setChecked(True)
    assert panel.isVisibleTo(dialog) and len(panel.rows) == 1
    panel.rows[0].text.setPlainText("Hi {{name}}, 20 % off")
    panel.add_button.click()
    panel.add_button.click()
    assert [r.name for r in panel.rows] == ["B", "C", "D"] and not panel.add_button.isEnabled()
    assert panel.shares() == [25, 25, 25, 25]
    panel.rows[2].remove.click()
    assert panel.shares() == [34, 33, 33]
    c = panel.rows[1]
    c.kind.setCurrentIndex(c.kind.findData("template"))
    c.sid.setText(SID)
    c.variables.setText("1={{name}}, 2=Lyon")

    panel.a_share.setValue(60)
    assert "add up to 126 %" in panel.problem.text()
    assert "126 %" in panel.total.text()
    panel.rows[0].share.setValue(20)
    panel.rows[1].share.setValue(20)
    assert panel.problem.text() == ""
    panel.test_check.setChecked(True)
    panel.test_share.setValue(10)
    panel.wait.setValue(120)
    panel.metric.setCurrentIndex(panel.metric.findData("reply"))
    ui.saveButton.click()

    saved = Campaign.get(Campaign.name == "Soldes")
    assert saved.variants == [
        {"name": "A", "weight": 60},
        {"name": "B", "body": "Hi {{name}}, 20 % off", "content_sid": "", "weight": 20},
        {"name": "C", "body": "", "content_sid": SID,
         "content_variables": {"1": "{{name}}", "2": "Lyon"}, "weight": 20},
    ]
    assert saved.ab_test == {"test_share": 0.1, "wait_minutes": 120, "metric": "reply",
                             "phase": "testing"}

    again = _dialog(services, qtbot, saved.id).variants_panel  # read back as saved
    assert again.shares() == [60, 20, 20] and again.test_check.isChecked()
    assert again.rows[1].sid.text() == SID and again.rows[1].kind.currentData() == "template"
    assert (again.test_share.value(), again.wait.value()) == (10, 120)
    assert again.metric.currentData() == "reply"


def test_shares_must_add_up_to_100_before_starting(services, qtbot):
    dialog = _dialog(services, qtbot)
    ui, panel = dialog.ui, dialog.variants_panel
    ui.nameEdit.setText("Split")
    ui.bodyEdit.setPlainText("A")
    ui.abCheck.setChecked(True)
    panel.rows[0].text.setPlainText("B")
    panel.a_share.setValue(70)
    assert "add up to 120 %" in panel.problem.text()
    assert "split" in dialog.field_problems and not dialog.can_start()
    panel.a_share.setValue(50)
    assert panel.problem.text() == "" and "split" not in dialog.field_problems


def test_french_words(services, qtbot, french):
    dialog = _dialog(services, qtbot)
    panel = dialog.variants_panel
    assert panel.test_check.text() == "Tester d’abord, puis envoyer la gagnante au reste"
    assert panel.add_button.text() == "Ajouter une version"


def test_automatic_retry_is_a_campaign_choice(services, qtbot):
    dialog = _dialog(services, qtbot)
    dialog.ui.nameEdit.setText("Retry")
    dialog.ui.bodyEdit.setPlainText("Hello")
    assert not dialog.auto_retry_check.isChecked()
    dialog.auto_retry_check.setChecked(True)
    dialog.ui.saveButton.click()
    saved = Campaign.get(Campaign.name == "Retry")
    assert saved.auto_retry
    assert _dialog(services, qtbot, saved.id).auto_retry_check.isChecked()


def test_a_version_template_that_cannot_be_sent_is_said_in_words(services, qtbot):
    Contact.create(phone="+33612345678", name="Alice")
    dialog = _dialog(services, qtbot)
    ui, panel = dialog.ui, dialog.variants_panel
    ui.nameEdit.setText("T")
    ui.bodyEdit.setPlainText("Hello {{name}}")
    ui.abCheck.setChecked(True)
    row = panel.rows[0]
    row.kind.setCurrentIndex(row.kind.findData("template"))
    row.sid.setText(SID)  # never synced
    row.variables.setText("1={{name}}")
    qtbot.waitUntil(lambda: not dialog._pending and dialog.preparation is not None
                    and not dialog.preparation.ok, timeout=30_000)
    assert "The template of an A/B version cannot be sent" in ui.bodyProblem.text()
    assert "{{}}" not in ui.bodyProblem.text() and not dialog.can_start()
