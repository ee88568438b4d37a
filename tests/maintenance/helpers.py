"""Filling the webhook log the way the webhook server does (through `webhook_log`)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime

from wacampaign_desktop.core.store import webhook_log as wl

_serial = itertools.count(1)


@dataclass
class Request:
    kind: str
    params: dict[str, str]
    remote_addr: str = "54.172.60.12"
    idempotency_token: str | None = None
    signature_valid: bool = True

    @property
    def sid(self) -> str:
        return self.params.get("MessageSid", "")


def status_request(n: int, status: str = "delivered") -> Request:
    sid = f"SM{n:032x}"
    return Request("status", {
        "MessageSid": sid, "SmsSid": sid, "MessageStatus": status, "SmsStatus": status,
        "AccountSid": "AC" + "1" * 32, "From": "whatsapp:+14155238886",
        "To": f"whatsapp:+336{n % 10**8:08d}", "ApiVersion": "2010-04-01",
        "ChannelPrefix": "whatsapp", "ChannelInstallSid": "XE" + "2" * 32,
        "ChannelToAddress": f"+336{n % 10**8:08d}", "StructuredMessage": "false",
    }, idempotency_token=f"{sid}-{status}")


def fill_log(db, count: int, *, at: datetime) -> list[int]:
    """`count` status-callback rows received at `at`, inserted in batches of 500."""
    ids: list[int] = []
    for start in range(0, count, 500):
        rows = [wl.audit_row(status_request(next(_serial)), "applied", "delivered", at=at)
                for _ in range(min(500, count - start))]
        with db.atomic():
            ids += wl.insert_rows(rows)
    return ids
