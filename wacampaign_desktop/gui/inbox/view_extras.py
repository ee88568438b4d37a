"""The Inbox's follow-up mark, approved-template sending outside the 24-hour window, the
status updates of our replies (status callbacks) and the way to the reply rules; mixed into
InboxView (kept apart so each file stays small)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Slot

if TYPE_CHECKING:
    from wacampaign_desktop.core.services.rules import TemplateChoice

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("InboxView", text)


class InboxExtrasMixin:
    """Needs from InboxView: services, ui, _current, _templates, _sending, _show_thread,
    _update_reply_state, _on_sent, _on_send_error, reload."""

    def _status_callback(self) -> str | None:
        """The status URL campaign messages use (None when no webhook server runs)."""
        runtime = self.services.runtime_controller.runtime
        webhooks = getattr(runtime, "webhooks", None)
        return getattr(webhooks, "status_callback_url", None) or None

    # -- follow-up --------------------------------------------------------------------------
    @Slot(bool)
    def _set_follow_up(self, marked: bool) -> None:
        conv = self._current
        if conv is None:
            return
        inbox, phone = self.services.inbox, conv.phone
        self.services.tasks.run(lambda: inbox.set_follow_up(phone, marked),
                                lambda _changed: self.reload(),
                                lambda exc: log.error("Could not mark %s: %s", phone, exc))

    # -- reply rules --------------------------------------------------------------------------
    @Slot()
    def open_rules(self) -> None:
        from wacampaign_desktop.gui.rules import open_rules_dialog

        open_rules_dialog(self.services, self)

    # -- templates outside the window ---------------------------------------------------------
    def _fill_templates(self) -> None:
        combo = self.ui.templateCombo
        combo.blockSignals(True)
        combo.clear()
        for template in self._templates:
            combo.addItem(template.label, template.sid)
        combo.blockSignals(False)
        self._prefill_values()

    def _chosen(self) -> TemplateChoice | None:
        index = self.ui.templateCombo.currentIndex()
        return self._templates[index] if 0 <= index < len(self._templates) else None

    def _chosen_placeholders(self) -> tuple[str, ...]:
        chosen = self._chosen()
        return chosen.placeholders if chosen is not None else ()

    @Slot()
    def _prefill_values(self) -> None:
        from wacampaign_desktop.gui.inbox.template_row import prefilled_values

        chosen = self._chosen()
        name = self._current.name if self._current is not None else ""
        self.ui.variablesEdit.setText(prefilled_values(chosen, name) if chosen else "")
        if chosen is not None:
            self.ui.templateCombo.setToolTip(chosen.body)
        self._update_reply_state()

    @Slot()
    def send_template(self) -> None:
        from wacampaign_desktop.gui.inbox.template_row import parse_values

        conv, chosen = self._current, self._chosen()
        if conv is None or chosen is None or self._sending:
            return
        variables, problem = parse_values(chosen, self.ui.variablesEdit.text())
        if problem:
            self.ui.replyStatusLabel.setText(_tr(
                "Write one value for each placeholder of the template (%1), separated by ;")
                .replace("%1", str(len(chosen.placeholders))))
            return
        controller = self.services.runtime_controller
        gateway = controller.gateway
        if gateway is None:
            self.ui.replyStatusLabel.setText(_tr(
                "Sending is not ready yet (the app is still starting). Try again in a moment."))
            return
        inbox, phone, sender = self.services.inbox, conv.phone, controller.sender
        callback, text = self._status_callback(), chosen.filled(variables)
        self._sending = True
        self.ui.replyStatusLabel.setText(_tr("Sending…"))
        self._update_reply_state()
        self.services.tasks.run(
            lambda: inbox.send_template(gateway, phone, sender, chosen.sid, variables,
                                        label=text, status_callback=callback),
            self._on_sent, self._on_send_error)

    # -- status callbacks of our replies --------------------------------------------------------
    @Slot(object)
    def _on_direct_changed(self, phones: set[str]) -> None:
        if self._current is not None and self._current.phone in phones and self.isVisible():
            self._show_thread(self._current)
