"""FittedLabel: a status line that always ends where it should. It is given a coloured dot and a
few wordings of the same news, longest first, each with an optional name slot ("%1"); it shows
the longest wording that fits its width, shortening the name before dropping words, and the
whole sentence goes in its tooltip when anything was left out. It takes whatever width its
layout gives (its own length never pushes its neighbours out of the status bar)."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

SLACK = 8  # rich-text layout and margins differ a little from the font metrics


class FittedLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(40)
        self._dot = ""
        self._wordings: list[str] = []
        self._name = ""
        self._tip = ""
        self.shown = ""  # the plain text on screen now

    def set_status(self, dot_html: str, wordings: list[str], name: str = "", tip: str = "") -> None:
        """Show the first of `wordings` (plain text; "%1" is replaced by `name`) that fits. The
        tooltip is `tip`, or else the first wording whole when the label shows less."""
        self._dot, self._wordings, self._name, self._tip = dot_html, wordings, name, tip
        self._fit()

    def full_text(self) -> str:
        return self._wordings[0].replace("%1", self._name) if self._wordings else ""

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self._fit()

    def _fit(self) -> None:
        if not self._wordings:
            return
        if self.isVisible():
            room = self.contentsRect().width() - self.fontMetrics().horizontalAdvance("● ") - SLACK
            shown = self._choose(room)
        else:  # not laid out yet: its width means nothing; fitted when shown
            shown = self.full_text()
        self.shown = shown
        super().setText((self._dot + " " if self._dot else "") + html.escape(shown))
        full = self.full_text()
        self.setToolTip(self._tip or (full if shown != full else ""))

    def _choose(self, room: int) -> str:
        metrics = self.fontMetrics()

        def width(text: str) -> int:
            return metrics.horizontalAdvance(text)

        for wording in self._wordings:  # a wording that fits with the name whole
            text = wording.replace("%1", self._name)
            if width(text) <= room:
                return text
        for wording in self._wordings:  # then one whose name can be shortened to fit
            if "%1" not in wording or not self._name:
                continue
            name_room = room - width(wording.replace("%1", ""))
            if name_room >= width("Wo…"):
                name = metrics.elidedText(self._name, Qt.TextElideMode.ElideRight, name_room)
                return wording.replace("%1", name)
        last = self._wordings[-1].replace("%1", "…" if self._name else "")
        return metrics.elidedText(last, Qt.TextElideMode.ElideRight, max(room, 0))
