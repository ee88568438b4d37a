"""Another process changed the shown campaign (bridge.externalChange): re-read its loaded
message rows and who sends it — on the task pool, never on the GUI thread; only while the
campaign view is visible (hidden, it is marked stale and re-read when shown again); a burst of
changes makes at most one re-read every `INTERVAL_MS` (a second window sending 1,000 messages a
second would otherwise re-read the table ten times a second)."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from wacampaign_desktop.gui.campaigns.campaign_view import CampaignView

log = logging.getLogger(__name__)

INTERVAL_MS = 500  # at most ~2 re-reads a second


class ExternalRefresher(QObject):
    def __init__(self, view: CampaignView, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(view)
        self._view = view
        self._interval_ms = interval_ms
        self.stale = False  # another process changed the shown campaign since the last read
        self._reading = False
        self.last_start = 0.0
        self.reads = 0  # re-reads started (tests, benchmark)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._read)

    def changed(self, resolved: object) -> None:
        """(GUI thread) what another process changed: the shown campaign's rows are stale."""
        view = self._view
        if view.campaign_id is None or view.campaign_id not in getattr(
                resolved, "campaigns_changed", ()):
            return
        self.stale = True
        self._schedule()

    def shown(self) -> None:
        """The view is visible again: re-read what went stale meanwhile."""
        self._schedule()

    def _schedule(self) -> None:
        if not self.stale or self._reading or self._timer.isActive():
            return
        if not self._view.isVisible():
            return  # shown() asks again
        elapsed_ms = (time.monotonic() - self.last_start) * 1000
        self._timer.start(max(0, int(self._interval_ms - elapsed_ms)))

    def _read(self) -> None:
        view = self._view
        campaign_id = view.campaign_id
        if not self.stale or campaign_id is None or not view.isVisible():
            return
        model = view.model
        ids = [row.id for row in (model.row_object(i) for i in range(model.rowCount()))
               if row is not None]
        queries = view.services.queries
        self.stale, self._reading = False, True
        self.last_start = time.monotonic()
        self.reads += 1

        def read() -> tuple[list[Any], Any]:
            rows = list(queries.messages_by_id(campaign_id, ids)) if ids else []
            return rows, queries.campaign(campaign_id)

        def done(result: tuple[list[Any], Any]) -> None:
            self._reading = False
            rows, campaign = result
            if view.campaign_id == campaign_id:
                view.model.apply_rows(campaign_id, rows)
                if campaign is not None:
                    view.show_external_state(campaign.state, campaign.sent_by)
            self._schedule()

        def failed(exc: BaseException) -> None:
            self._reading = False
            log.info("Could not re-read campaign %s changed elsewhere: %s", campaign_id, exc)

        view.services.tasks.run(read, done, failed)
