"""The first-run demo profile: what a newcomer sees in the first minute of a sandbox campaign.

Recipients are given fates in the order they are first sent to: the first eight (the eight
first-run demo contacts) show every case once (a question in French, a thank-you in English, a
STOP, failures 63016, 30008 — which a retry gets through —, 63049 and a message never read);
after them a cycle of fourteen keeps the same mix (about one recipient in seven replies, a few
failures with 63024, 63049, 63016 and 30008). A second send to a recipient follows the rates
(all zero in the demo but `step_latency`), so "Retry failed" succeeds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wacampaign_desktop.core.sandbox.config import (
    INVALID_RECIPIENT,
    MARKETING_LIMIT,
    OUTSIDE_WINDOW,
    UNKNOWN_ERROR,
)


@dataclass(frozen=True)
class Fate:
    """A scripted fate for one recipient's first message."""

    failure: tuple[str, int, str] | None = None
    never_read: bool = False
    reply: str | None = None  # what the contact answers once they have read it

    @property
    def replies(self) -> bool:
        return self.reply is not None and self.failure is None and not self.never_read


READ = Fate()
# Replies drawn by `reply_rate` outside the script (English and French, never a stop word).
REPLY_TEXTS: tuple[str, ...] = (
    "Thanks!", "Merci beaucoup !", "Is the shop open on Sunday?",
    "C'est ouvert dimanche ?", "Great, see you Saturday.", "Super, à samedi !",
    "Can I pay by card?", "Je peux passer demain ?",
)

OPENING: tuple[Fate, ...] = (
    Fate(reply="Bonjour ! Le magasin est ouvert dimanche ?"),
    Fate(failure=OUTSIDE_WINDOW),
    READ,
    Fate(failure=UNKNOWN_ERROR),
    Fate(reply="Thank you, see you on Saturday!"),
    Fate(failure=MARKETING_LIMIT),
    Fate(never_read=True),
    Fate(reply="STOP"),
)
CYCLE: tuple[Fate, ...] = (
    READ, Fate(reply="Merci, à bientôt !"), READ, Fate(never_read=True), READ,
    Fate(failure=INVALID_RECIPIENT), READ, READ, Fate(reply="What time do you open?"),
    Fate(failure=MARKETING_LIMIT), READ, Fate(never_read=True), Fate(failure=UNKNOWN_ERROR),
    Fate(failure=OUTSIDE_WINDOW),
)


def fate_for(ordinal: int) -> Fate:
    """The demo fate of the ordinal-th new recipient (0 = the first one ever sent to)."""
    if ordinal < len(OPENING):
        return OPENING[ordinal]
    return CYCLE[(ordinal - len(OPENING)) % len(CYCLE)]


DEMO_SCRIPT = "demo"  # SandboxConfig.script value that selects fate_for


def demo_config(cls: Any, **overrides: Any) -> Any:
    """SandboxConfig for the first-run demo (readable pace: a status every ~0.8 s, replies
    ~3 s after the message was read)."""
    fields: dict[str, Any] = {"seed": None, "step_latency": 0.8, "reply_delay": 3.0,
                              "script": DEMO_SCRIPT}
    fields.update(overrides)
    return cls(**fields)
