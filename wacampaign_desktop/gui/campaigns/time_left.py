"""Time left of a sending campaign, from the engine's CampaignProgress events (delivered by the
bridge, no database polling): messages still to hand to Twilio ÷ the send rate measured over the
last seconds (the engine's instant rate, then the campaign's set rate, until there is enough to
measure). `ProgressMeter` is plain Python; `time_left_text` words it in the interface language."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from wacampaign_desktop.core.events import CampaignProgress

WINDOW_S = 20.0  # the measured rate is taken over this much recent progress
MIN_SPAN_S = 3.0  # less than this: not measured yet


@dataclass(frozen=True)
class Progress:
    campaign_id: int
    dispatched: int
    total: int
    rate_per_s: float  # best known send rate (messages per second), 0 when unknown
    seconds_left: float | None  # None when the rate is unknown

    @property
    def remaining(self) -> int:
        return max(0, self.total - self.dispatched)


class ProgressMeter:
    """Follows CampaignProgress events of any number of campaigns."""

    def __init__(self, window_s: float = WINDOW_S) -> None:
        self._window_s = window_s
        self._samples: dict[int, deque[tuple[float, int]]] = {}
        self.latest: dict[int, Progress] = {}

    def add(self, event: CampaignProgress, set_rate: float = 0.0) -> Progress:
        """Take one event; `set_rate` is the campaign's configured rate (fallback)."""
        at = event.at.timestamp()
        samples = self._samples.setdefault(event.campaign_id, deque())
        if samples and event.dispatched < samples[-1][1]:
            samples.clear()  # retry-failed put messages back: a new run
        samples.append((at, event.dispatched))
        while samples and at - samples[0][0] > self._window_s:
            samples.popleft()
        rate = 0.0
        first_at, first_done = samples[0]
        if at - first_at >= MIN_SPAN_S and event.dispatched > first_done:
            rate = (event.dispatched - first_done) / (at - first_at)
        elif event.rate_per_s > 0:
            rate = event.rate_per_s
        elif set_rate > 0:
            rate = set_rate
        remaining = max(0, event.total - event.dispatched)
        left = remaining / rate if rate > 0 else (0.0 if remaining == 0 else None)
        progress = Progress(event.campaign_id, event.dispatched, event.total, rate, left)
        self.latest[event.campaign_id] = progress
        return progress

    def forget(self, campaign_id: int) -> None:
        self._samples.pop(campaign_id, None)
        self.latest.pop(campaign_id, None)


def duration_text(seconds: float) -> str:
    """"3 min", "1 h 05 min" (rounded up to the minute)."""
    minutes = int(-(-seconds // 60))
    if minutes < 60:
        return QCoreApplication.translate("TimeLeft", "%1 min").replace("%1", str(minutes))
    return (QCoreApplication.translate("TimeLeft", "%1 h %2 min")
            .replace("%1", str(minutes // 60)).replace("%2", f"{minutes % 60:02d}"))


def time_left_text(progress: Progress | None) -> str:
    """What the campaign view and status bar say about the time left ('' when nothing to say)."""
    if progress is None or progress.total <= 0:
        return ""
    if progress.remaining == 0:
        return QCoreApplication.translate("TimeLeft", "all handed to Twilio")
    if progress.seconds_left is None:
        return QCoreApplication.translate("TimeLeft", "estimating the time left…")
    if progress.seconds_left < 60:
        return QCoreApplication.translate("TimeLeft", "less than a minute left")
    return QCoreApplication.translate("TimeLeft", "about %1 left").replace(
        "%1", duration_text(progress.seconds_left))


def short_time_left_text(progress: Progress | None) -> str:
    """The same in a few characters for a narrow status bar: "< 1 min", "≈ 8 min", "done"."""
    if progress is None or progress.total <= 0:
        return ""
    if progress.remaining == 0:
        return QCoreApplication.translate("TimeLeft", "done")
    if progress.seconds_left is None:
        return "…"
    if progress.seconds_left < 60:
        return QCoreApplication.translate("TimeLeft", "< 1 min")
    return "≈\u00a0" + duration_text(progress.seconds_left)
