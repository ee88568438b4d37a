"""The partition counters (what the campaign view adds up to the total): every status lands in
exactly one of them, so their sum always equals `total`."""

from __future__ import annotations

from wacampaign_desktop.core import status_rules as rules


def test_every_status_is_in_exactly_one_partition_counter():
    for status in sorted(rules.KNOWN - rules.INBOUND):
        inside = rules.buckets(status) & set(rules.PARTITION)
        assert len(inside) == 1, (status, inside)


def test_partition_adds_up_to_total_through_any_sequence_of_moves():
    counters = {name: 0 for name in rules.COUNTER_NAMES}
    statuses: list[str | None] = [None] * 6
    moves = [(0, "pending"), (1, "pending"), (2, "pending"), (3, "pending"), (4, "pending"),
             (5, "skipped"), (0, "sending"), (0, "sent"), (0, "read"), (1, "failed"),
             (2, "canceled"), (3, "queued"), (3, "undelivered"), (1, "delivered")]
    for index, status in moves:
        for name, change in rules.counter_delta(statuses[index], status).items():
            counters[name] += change
        statuses[index] = status
        assert sum(rules.partition(counters).values()) == counters["total"]
    assert rules.partition(counters) == {"pending": 1, "sent": 2, "failed": 0, "undelivered": 1,
                                         "canceled": 1, "skipped": 1}
