"""HelpDialog: the short user guide (guide_en.html / guide_fr.html next to this module, chosen by
the interface language) followed by the keyboard shortcuts, read from the window's own actions so
the list is never out of date."""

from __future__ import annotations

import html
from importlib import resources

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from wacampaign_desktop.gui.models.labels import interface_language

SHORTCUTS_MARK = "<!--SHORTCUTS-->"
# Keys of the views and dialogs (their QShortcuts have no text to read): (where, what, keys).
# Owners of those views: keep this list in step when you change a shortcut.
VIEW_SHORTCUTS = (
    (QT_TRANSLATE_NOOP("HelpDialog", "Contacts"), QT_TRANSLATE_NOOP("HelpDialog", "New contact"),
     "Ctrl+Shift+N"),
    (QT_TRANSLATE_NOOP("HelpDialog", "Contacts"), QT_TRANSLATE_NOOP("HelpDialog", "Import a CSV file"),
     "Ctrl+I"),
    (QT_TRANSLATE_NOOP("HelpDialog", "Contacts"),
     QT_TRANSLATE_NOOP("HelpDialog", "Export the contacts shown"), "Ctrl+Shift+E"),
    (QT_TRANSLATE_NOOP("HelpDialog", "Contacts"),
     QT_TRANSLATE_NOOP("HelpDialog", "Edit the selected contact"), "F2"),
    (QT_TRANSLATE_NOOP("HelpDialog", "Contacts"),
     QT_TRANSLATE_NOOP("HelpDialog", "Delete the selected contacts"), "Del"),
    (QT_TRANSLATE_NOOP("HelpDialog", "Campaign editor"),
     QT_TRANSLATE_NOOP("HelpDialog", "Save as a draft"), "Ctrl+S"),
    (QT_TRANSLATE_NOOP("HelpDialog", "Campaign editor"),
     QT_TRANSLATE_NOOP("HelpDialog", "Save and start"), "Ctrl+Return"),
    (QT_TRANSLATE_NOOP("HelpDialog", "Inbox"), QT_TRANSLATE_NOOP("HelpDialog", "Send the reply"),
     "Ctrl+Return"),
)


def guide_html(language: str) -> str:
    """The guide's HTML in `language` ("en" or "fr"; anything else gives English)."""
    name = f"guide_{language if language in ('en', 'fr') else 'en'}.html"
    return resources.files(__package__).joinpath(name).read_text("utf-8")


def shortcuts_of(window: QWidget) -> list[tuple[str, str]]:
    """(what it does, keys) for every action of `window` that has a shortcut, in menu order,
    plus the keys every window and dialog understands."""
    rows: list[tuple[str, str]] = []
    for action in window.actions():
        keys = action.shortcut()
        if keys.isEmpty():
            continue
        name = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")
        rows.append((name, keys.toString(QKeySequence.SequenceFormat.NativeText)))
    native = QKeySequence.SequenceFormat.NativeText
    translate = QCoreApplication.translate  # for the NOOP-marked texts (variables)
    place = QCoreApplication.translate("HelpDialog", "%1: %2", "where: what a key does")
    rows += [(place.replace("%1", translate("HelpDialog", where))
              .replace("%2", translate("HelpDialog", what)),
              QKeySequence(keys).toString(native)) for where, what, keys in VIEW_SHORTCUTS]
    rows += [
        (QCoreApplication.translate("HelpDialog", "Next or previous field"),
         QCoreApplication.translate("HelpDialog", "Tab / Shift+Tab")),
        (QCoreApplication.translate("HelpDialog", "Close a dialog without saving"),
         QCoreApplication.translate("HelpDialog", "Esc")),
    ]
    return rows


def _shortcuts_table(rows: list[tuple[str, str]]) -> str:
    action = html.escape(QCoreApplication.translate("HelpDialog", "Action"))
    keys_title = html.escape(QCoreApplication.translate("HelpDialog", "Keys"))
    head = f"<tr><th align='left'>{action}</th><th align='left'>{keys_title}</th></tr>"
    body = "".join(f"<tr><td>{html.escape(name)}</td><td><b>{html.escape(keys)}</b></td></tr>"
                   for name, keys in rows)
    return f"<table cellspacing='0' cellpadding='4'>{head}{body}</table>"


class HelpDialog(QDialog):
    """The guide in a QTextBrowser; `anchor` ("shortcuts", "tunnels"…) scrolls to a section."""

    def __init__(self, shortcuts: list[tuple[str, str]], parent: QWidget | None = None,
                 anchor: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("User guide"))
        self.setObjectName("helpDialog")
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("guideBrowser")
        self.browser.setOpenExternalLinks(True)
        text = guide_html(interface_language())
        self.browser.setHtml(text.replace(SHORTCUTS_MARK, _shortcuts_table(shortcuts)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry()
        self.resize(min(720, int(screen.width() * 0.95)), min(640, int(screen.height() * 0.9)))
        self.show_section(anchor)

    def show_section(self, anchor: str) -> None:
        """Scroll to `anchor` ('' = the top) once the text is laid out."""
        if anchor:
            QTimer.singleShot(0, self, lambda: self.browser.scrollToAnchor(anchor))
        else:
            self.browser.verticalScrollBar().setValue(0)
