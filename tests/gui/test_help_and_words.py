"""What a user reads: one spelling of "cancelled" per language, failed messages explained in the
interface language, phone advice and landline warnings in French, the Help menu's guide and
shortcuts, and "Open log folder" saying where the folder is when nothing can open it."""

from __future__ import annotations

from wacampaign_desktop.core.phones import check_phone
from wacampaign_desktop.gui.models import labels


def test_one_english_spelling_of_cancelled(qapp):
    words = {labels.status_label("canceled"), labels.counter_label("canceled"),
             labels.state_label("cancelled")}
    assert words == {"Cancelled"}


def test_french_cancelled_message_and_campaign(french):
    assert labels.status_label("canceled") == "Annulé"
    assert labels.counter_label("canceled") == "Annulé"
    assert labels.state_label("cancelled") == "Annulée"


def test_failed_message_is_explained_in_the_interface_language(qapp, french):
    assert labels.interface_language() == "fr"
    title, explanation, hint = labels.error_explanation(63049)
    assert title == "Message marketing non délivré par WhatsApp"
    assert "Meta" in explanation and "Renvoyer les échecs" in hint


def test_failed_message_in_english_without_translation(qapp):
    assert labels.interface_language() == "en"
    assert labels.error_explanation(21612)[0] == "This sender cannot reach this number"
    assert labels.error_explanation(None) == ("", "", "")


def test_phone_advice_and_landline_warning_in_french(french):
    advice = labels.phone_advice_text(check_phone("33612345678", ""))
    assert advice.startswith("vouliez-vous dire +33\u00a06\u00a012\u00a034\u00a056\u00a078")
    assert advice.endswith("?")  # the number above holds no-break spaces: never cut mid-number
    advice = labels.phone_advice_text(check_phone("33 6 90 12 34 56", "FR"))
    assert advice.startswith("+33\u00a06\u00a090\u00a012\u00a034\u00a056 n'est pas valide")
    assert "vérifiez les chiffres" in advice
    assert "ligne fixe" in labels.landline_warning_text("+33142685300")
    assert labels.landline_warning_text("+33612345678") == ""


def _window(qtbot, services):
    from wacampaign_desktop.gui.main_window import MainWindow

    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _menu_action(window, menu_title, name):
    from PySide6.QtGui import QAction

    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == menu_title)
    action = window.findChild(QAction, name)
    assert action in menu.actions()
    return action


def test_help_menu_opens_the_guide_with_the_real_shortcuts(qtbot, services):
    from wacampaign_desktop.gui.help import HelpDialog

    window = _window(qtbot, services)
    guide = _menu_action(window, "&Help", "actionGuide")
    assert guide.shortcut().toString() == "F1"
    guide.trigger()
    dialog = window.findChild(HelpDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    text = dialog.browser.toPlainText()
    for heading in ("Your first campaign", "Going live with Twilio",
                    "How Twilio reaches this computer", "Keyboard shortcuts"):
        assert heading in text
    for mode in ("Local only", "ngrok tunnel", "My own public address"):
        assert mode in text
    for keys in ("Ctrl+N", "Ctrl+,", "Ctrl+1", "Ctrl+4", "Ctrl+F", "F5", "F1", "Esc"):
        assert keys in text, keys
    assert "New campaign\tCtrl+N" in text or "New campaign Ctrl+N" in text.replace("\n", " ")
    assert "Contacts: Import a CSV file" in text and "Ctrl+I" in text  # a view's own keys
    assert "Campaign editor: Save as a draft" in text and "Ctrl+S" in text
    assert "<!--" not in dialog.browser.toHtml().split("<body", 1)[1][:50]  # mark replaced

    _menu_action(window, "&Help", "actionShortcuts").trigger()
    assert window.findChildren(HelpDialog) == [dialog]  # one guide window, brought forward
    qtbot.waitUntil(lambda: dialog.browser.verticalScrollBar().value() > 0, timeout=3000)


def test_guide_and_menu_in_french(qtbot, services, french):
    from wacampaign_desktop.gui.help import HelpDialog

    window = _window(qtbot, services)
    _menu_action(window, "&Aide", "actionGuide").trigger()
    dialog = window.findChild(HelpDialog)
    assert dialog.windowTitle() == "Guide d'utilisation"
    text = dialog.browser.toPlainText()
    for heading in ("Votre première campagne", "Passer au réel avec Twilio",
                    "Comment Twilio joint cet ordinateur", "Raccourcis clavier"):
        assert heading in text
    assert "Nouvelle campagne" in text and "Échap" in text and "Your first" not in text
    assert window.findChild(type(window.actions()[0]), "actionShortcuts").text() == \
        "Raccourcis clavier"


def test_open_log_folder_without_file_manager_says_where_it_is(qtbot, services):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QLabel, QMessageBox

    from wacampaign_desktop.gui.activity import ActivityView

    view = ActivityView(services)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    asked = []
    view.folder_opener = lambda url: asked.append(url.toLocalFile()) or False  # nothing opens it
    qtbot.mouseClick(view.ui.openLogButton, Qt.MouseButton.LeftButton)
    folder = str(services.context.paths.log_file.parent)
    assert asked == [folder]
    box = view.findChild(QMessageBox, "openFolderMessage")
    qtbot.waitUntil(lambda: box is not None and box.isVisible(), timeout=3000)
    assert "No file manager could open the folder" in box.text()
    path_label = next(label for label in box.findChildren(QLabel) if label.text() == folder)
    assert path_label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    copy = next(b for b in box.buttons() if b.text() == "Copy the path")
    copy.click()
    assert QGuiApplication.clipboard().text() == folder


def test_open_log_folder_with_a_file_manager_shows_no_message(qtbot, services):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from wacampaign_desktop.gui.activity import ActivityView

    view = ActivityView(services)
    qtbot.addWidget(view)
    view.folder_opener = lambda url: True
    qtbot.mouseClick(view.ui.openLogButton, Qt.MouseButton.LeftButton)
    assert view.findChild(QMessageBox, "openFolderMessage") is None


def _noon_utc():
    from datetime import datetime

    return datetime(2026, 11, 28, 12, 0)


def test_percent_and_dates_follow_the_interface_language(qapp, french):
    from PySide6.QtCore import QLocale

    assert labels.percent(7, 8) == "87,5\u202f%"
    if QLocale().language() in (QLocale.Language.C, QLocale.Language.English):
        assert labels.local_time(_noon_utc(), short=False).startswith(("28/11/2026", "27/11/2026",
                                                                       "29/11/2026"))


def test_percent_and_dates_in_english(qapp):
    from PySide6.QtCore import QLocale

    assert labels.percent(7, 8) == "87.5%" and labels.percent(1, 0) == "–"
    text = labels.local_time(_noon_utc(), short=False)
    assert "28 11 2026" not in text  # the bare C locale's format
    if QLocale().language() == QLocale.Language.C:
        assert text.split(" ")[0] in ("11/28/26", "11/27/26", "11/29/26")
