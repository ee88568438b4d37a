"""WhatsApp's 24-hour window and the live audience rules a campaign is prepared with.

Free text may reach a contact only within 24 hours of the contact's last incoming message
(`Contact.last_inbound_at`, kept current by the incoming-message path); outside it Twilio fails
the message with 63016. `AudienceRules` says what applies when a campaign's rows are prepared:
whether the window is guarded (live mode with the `window_guard` setting on, or a sandbox that
enforces the window) and whether demo contacts are left out (live mode). The time is always the
caller's clock, never the system's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from wacampaign_desktop.core.settings import Settings

WINDOW = timedelta(hours=24)
POLICIES = ("hold", "template", "send")  # Campaign.outside_window


@dataclass(frozen=True)
class AudienceRules:
    """What preparing a campaign must respect. The default applies nothing (the sandbox)."""

    now: datetime | None = None  # naive UTC, from the clock
    live: bool = False  # a real account: demo contacts are never part of the audience
    guard_window: bool = False  # free text only to contacts inside the 24-hour window

    def inside(self, last_inbound_at: datetime | None) -> bool:
        return in_window(last_inbound_at, self.now)


def in_window(last_inbound_at: datetime | None, now: datetime | None) -> bool:
    """True when the contact wrote less than 24 hours before `now`."""
    if last_inbound_at is None or now is None:
        return False
    return now - WINDOW < last_inbound_at <= now + timedelta(minutes=5)  # small clock skew


def audience_rules(settings: Settings, *, live: bool, now: datetime,
                   sandbox_enforces_window: bool = False) -> AudienceRules:
    """The rules for a profile: the window is guarded in live mode (and in a sandbox that
    enforces it) unless the `window_guard` setting is off."""
    guard = bool(settings.window_guard) and (live or sandbox_enforces_window)
    return AudienceRules(now=now, live=live, guard_window=guard)
