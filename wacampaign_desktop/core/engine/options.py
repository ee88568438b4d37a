"""The engine's timing options (tests and benchmarks shorten them; the app keeps the defaults)."""

from __future__ import annotations

from dataclasses import dataclass

from wacampaign_desktop.core.engine.retries import BASE_BACKOFF_S


@dataclass(frozen=True)
class EngineOptions:
    claim_grace_s: float = 5.0  # a claim without sid is checked with Twilio once this old
    reconcile_interval_s: float = 15.0  # how often non-final messages are looked for
    retry_backoff_s: float = BASE_BACKOFF_S  # first retry delay (doubles each time)
