"""The sending settings a user changes on screen (File → Sending…): the 24-hour window check of
live free text (`window_guard`) and the speed new campaigns start with (`default_send_rate`).
Read from and saved to the profile's settings; a failed save leaves them as they were."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wacampaign_desktop.core.app_context import AppContext

MIN_RATE, MAX_RATE = 0.1, 400.0  # messages a second (as the campaign editor allows)


@dataclass(frozen=True)
class SendingSettings:
    window_guard: bool  # live mode: free text only to contacts who wrote in the last 24 hours
    default_send_rate: float  # messages a second of a new campaign


class SendingSettingsService:
    def __init__(self, context: AppContext) -> None:
        self.context = context

    def read(self) -> SendingSettings:
        s = self.context.settings
        return SendingSettings(window_guard=bool(s.window_guard),
                               default_send_rate=float(s.default_send_rate))

    def save(self, values: SendingSettings) -> None:
        """Store `values` (raises ValueError for a speed out of range, OSError/SettingsError
        when the settings file cannot be written: nothing changed then)."""
        if not MIN_RATE <= values.default_send_rate <= MAX_RATE:
            raise ValueError(f"the speed must be between {MIN_RATE:g} and {MAX_RATE:g} "
                             "messages a second")
        s = self.context.settings
        previous = (s.window_guard, s.default_send_rate)
        s.window_guard, s.default_send_rate = values.window_guard, values.default_send_rate
        try:
            self.context.save_settings()
        except Exception:
            s.window_guard, s.default_send_rate = previous
            raise

    def set_window_guard(self, on: bool) -> None:
        current = self.read()
        self.save(SendingSettings(window_guard=on, default_send_rate=current.default_send_rate))
