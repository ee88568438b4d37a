"""The detail pane below the messages table: everything about the selected message, with the
error code explained in plain language."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QTextBrowser, QWidget

from wacampaign_desktop.gui.models.labels import error_explanation, local_time, status_label
from wacampaign_desktop.gui.models.messages_model import MessageRow
from wacampaign_desktop.gui.resources import status_color


class MessageDetailPane(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageDetail")
        self.setOpenExternalLinks(False)
        self.setMinimumWidth(200)
        self.max_attempts = 3  # the setting, given by the campaign view
        self.show_row(None)

    def show_row(self, row: MessageRow | None) -> None:
        if row is None:
            hint = self.tr("Select a message to see its details.")  # outside the f-string: lupdate
            self.setHtml(f"<p style='color:gray'>{html.escape(hint)}</p>")
            return
        esc = html.escape
        color = status_color(row.status).name()
        lines = [
            f"<h3 style='margin-bottom:2px'>{esc(row.name or row.phone)}</h3>",
            f"<p style='margin-top:0'>{esc(row.phone)}</p>",
            f"<p><b style='color:{color}'>{esc(status_label(row.status))}</b></p>",
            "<table cellspacing='0' cellpadding='2'>",
        ]
        for label, value in (
            (self.tr("Sent"), local_time(row.sent_at, short=False)),
            (self.tr("Delivered"), local_time(row.delivered_at, short=False)),
            (self.tr("Read"), local_time(row.read_at, short=False)),
            (self.tr("Replied"), local_time(row.replied_at, short=False)),
            (self.tr("Version"), row.variant or ""),
            (self.tr("Attempts"), self._attempts(row)),
            (self.tr("Message ID"), row.sid or ""),
        ):
            if value:
                lines.append(f"<tr><td style='color:gray'>{esc(label)}</td><td>{esc(value)}</td></tr>")
        lines.append("</table>")
        if row.error_code:
            title, explanation, hint = error_explanation(row.error_code)
            lines.append(f"<h4 style='color:{status_color('error').name()}'>"
                         f"{esc(self.tr('Error %1').replace('%1', str(row.error_code)))}"
                         f"{' · ' + esc(title) if title else ''}</h4>")
            if explanation:
                lines.append(f"<p>{esc(explanation)}</p>")
            if hint:
                lines.append(f"<p><i>{esc(hint)}</i></p>")
            if row.error_message:
                lines.append(f"<p style='color:gray'>{esc(self.tr('Twilio said:'))} {esc(row.error_message)}</p>")
        if row.body:
            lines.append(f"<h4>{esc(self.tr('Message'))}</h4><p>{esc(row.body).replace(chr(10), '<br>')}</p>")
        self.setHtml("".join(lines))

    def _attempts(self, row: MessageRow) -> str:
        """"2 of 3": sends Twilio took or refused, across every retry (never reset)."""
        if not row.attempts:
            return ""
        return self.tr("%1 of %2").replace("%1", str(row.attempts)).replace(
            "%2", str(self.max_attempts))
