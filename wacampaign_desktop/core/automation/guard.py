"""No loops and no floods: which incoming messages must never get an automatic answer.

An incoming message is treated as automatic (never answered by a rule) when
- it repeats, word for word (case and accents ignored), a message we sent that contact in the
  last 24 hours (our own automatic reply echoed back by an auto-responder or a bot);
- it reads like an auto-responder ("automatic reply", "out of office", "réponse automatique",
  "ne pas répondre"…);
- the contact sent more than `BURST_LIMIT` messages within `BURST_SECONDS` (a bot, or a loop
  with another automated number).
Besides: at most one automatic reply per contact per rule per cooldown (`cooldown_minutes`,
default the `auto_reply_cooldown_minutes` setting), none to opted-out contacts, and opt-out
words (STOP…) never reach the rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from wacampaign_desktop.core.automation.text import fold

BURST_LIMIT = 5
BURST_SECONDS = 60
ECHO_WINDOW = timedelta(hours=24)

AUTO_MARKERS = (
    "automatic reply", "auto reply", "auto-reply", "autoreply", "automated message",
    "this is an automated", "out of office", "out-of-office", "do not reply", "no-reply",
    "reponse automatique", "message automatique", "absent du bureau", "ne pas repondre",
    "ceci est un message automatique",
)


def automatic_reason(body: str, *, our_recent_bodies: Iterable[str] = (),
                     recent_inbound_count: int = 0) -> str:
    """Why `body` looks automatic ("echo", "auto_responder", "burst"), or "" when it does not."""
    text = fold(body)
    if text and any(text == fold(sent) for sent in our_recent_bodies):
        return "echo"
    if any(marker in text for marker in AUTO_MARKERS):
        return "auto_responder"
    if recent_inbound_count > BURST_LIMIT:
        return "burst"
    return ""


def cooling_down(last_reply_at: datetime | None, cooldown_minutes: int, now: datetime) -> bool:
    """True while the rule's last automatic reply to this contact is within its cooldown."""
    if last_reply_at is None or cooldown_minutes <= 0:
        return False
    return now - last_reply_at < timedelta(minutes=cooldown_minutes)


REASONS = {
    "echo": "the message repeats one we sent (an automatic echo)",
    "auto_responder": "the message reads like an automatic reply",
    "burst": f"the contact sent more than {BURST_LIMIT} messages in {BURST_SECONDS} seconds",
}
