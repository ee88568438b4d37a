"""Message status rules, as pure functions: ranks, which transition wins, finality, counter buckets.

Internal statuses beside Twilio's: `pending` (not yet sent), `sending` also marks a message
claimed by the dispatcher before its API call, `skipped` (opted out / invalid, never sent).
"""

from __future__ import annotations

PENDING = "pending"
SKIPPED = "skipped"

# Outbound progress, lowest first. `pending` is ours; the rest are Twilio's.
PROGRESS = ("pending", "accepted", "scheduled", "queued", "sending", "sent", "delivered", "read")
RANK: dict[str, int] = {status: index for index, status in enumerate(PROGRESS)}

FAILURES = frozenset({"failed", "undelivered"})
CANCELED = "canceled"
INBOUND = frozenset({"receiving", "received"})
TWILIO_OUTBOUND = frozenset(PROGRESS[1:]) | FAILURES | {CANCELED}
KNOWN = frozenset(PROGRESS) | FAILURES | {CANCELED, SKIPPED} | INBOUND

# Final for the sending pipeline: nothing more will be sent or expected for delivery.
FINAL = frozenset({"delivered", "read"}) | FAILURES | {CANCELED, SKIPPED}
# Statuses that a later callback can no longer change, except as `next_status` allows.
IN_FLIGHT = frozenset({"accepted", "scheduled", "queued", "sending", "sent"})

COUNTER_NAMES = (
    "total", "pending", "sent", "delivered", "read", "failed", "undelivered", "canceled",
    "skipped", "replied",
)


def normalize(status: str | None) -> str:
    return (status or "").strip().lower()


def is_known(status: str | None) -> bool:
    return normalize(status) in KNOWN


def is_final(status: str) -> bool:
    return status in FINAL


def next_status(current: str, incoming: str) -> str | None:
    """The status a message should have after `incoming` is reported while it is `current`.

    Returns None when nothing changes: unknown or inbound statuses, duplicates, a status that
    would move progress backwards, anything after `skipped`. `failed`/`undelivered` end
    delivery, but a later `delivered`/`read` for the same sid still wins (Meta reports read late).
    """
    incoming = normalize(incoming)
    if incoming not in TWILIO_OUTBOUND or incoming == current or current == SKIPPED:
        return None
    if current in FAILURES or current == CANCELED:
        return incoming if incoming in ("delivered", "read") else None
    if incoming in FAILURES:
        return None if current in ("delivered", "read") else incoming
    if incoming == CANCELED:
        return incoming if RANK.get(current, 0) < RANK["sent"] else None
    if RANK[incoming] > RANK.get(current, -1):
        return incoming
    return None


def final_of(statuses: list[str], start: str = "queued") -> str:
    """Fold a sequence of reported statuses through `next_status` (reference for tests)."""
    current = start
    for status in statuses:
        current = next_status(current, status) or current
    return current


def buckets(status: str) -> frozenset[str]:
    """Counters a message in `status` counts towards (besides `total`); a funnel for sent ⊇ delivered ⊇ read."""
    if status == "read":
        return frozenset({"sent", "delivered", "read"})
    if status == "delivered":
        return frozenset({"sent", "delivered"})
    if status == "sent":
        return frozenset({"sent"})
    if status in FAILURES or status in (CANCELED, SKIPPED):
        return frozenset({status})
    return frozenset({"pending"})


# Counters that split a campaign's messages with no overlap: every message is in exactly one
# ("sent" is the top of the sent ⊇ delivered ⊇ read funnel, so it holds delivered and read).
PARTITION = ("pending", "sent", "failed", "undelivered", CANCELED, SKIPPED)


def partition(counters: dict[str, int]) -> dict[str, int]:
    """The PARTITION counters of `counters`, in order; they add up to counters["total"]."""
    return {name: int(counters.get(name, 0)) for name in PARTITION}


def counter_delta(old: str | None, new: str) -> dict[str, int]:
    """Change to apply to campaign counters when a message moves from `old` (None: new row) to `new`."""
    before = buckets(old) | {"total"} if old is not None else frozenset()
    after = buckets(new) | {"total"}
    delta: dict[str, int] = {}
    for name in after - before:
        delta[name] = delta.get(name, 0) + 1
    for name in before - after:
        delta[name] = delta.get(name, 0) - 1
    return delta
