"""The reply rules editor (Tools → Reply rules…, or the Inbox's Reply rules… button)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from wacampaign_desktop.gui.services import GuiServices


def open_rules_dialog(services: GuiServices, parent: QWidget | None = None):  # noqa: ANN201
    """Show the rules editor (one per window; raised if already open)."""
    from wacampaign_desktop.gui.rules.dialog import RulesDialog

    existing = getattr(parent, "_rules_dialog", None) if parent is not None else None
    try:
        if existing is not None and existing.isVisible():
            existing.raise_()
            existing.activateWindow()
            return existing
    except RuntimeError:  # deleted
        pass
    dialog = RulesDialog(services, parent)
    if parent is not None:
        parent._rules_dialog = dialog  # type: ignore[attr-defined]
    dialog.show()
    return dialog
