"""The webhook log (`webhook_event`): one row per request the webhook server handled.

- `audit_row(request, outcome, status)` is the row format for an accepted or audit-only request;
  `insert_rows(rows)` stores a batch with one statement (inside the caller's write transaction)
  and returns the new ids, in order, so `WebhookLogged` events can be built; `insert_row(row)`
  stores one row the same way.
- `record_rejection(...)` keeps a bounded record of a rejected (forged) request: time, path,
  client, reason, body size and body hash, a few hundred bytes whatever the body. Repeats of the
  same client + reason + body within `REPEAT_WINDOW` are counted in the first row instead of
  being stored again.
- `seen_tokens(kind, tokens)` / `token_seen(kind, token)`: the duplicate check on Twilio's
  idempotency tokens, which the log stores as 16-character digests (`token_key`).
- `lean_params` / `full_params`: what is written of a request's parameters. Parameters that
  repeat a column or another parameter (MessageSid, SmsSid, SmsMessageSid, MessageStatus,
  SmsStatus, ChannelToAddress) or are the same on every callback of an account (AccountSid,
  ApiVersion, ChannelInstallSid, ChannelPrefix "whatsapp") are not stored; `full_params` puts
  the sid and status back for display. Everything else, known or not, is kept. Rows are written
  as compact JSON.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from wacampaign_desktop.core.store.database import is_postgres
from wacampaign_desktop.core.store.models import WebhookEvent, utcnow

AUDIT_COLUMNS = ("kind", "sid", "status", "params", "signature_valid", "outcome",
                 "idempotency_token", "remote_addr", "received_at")
AUDIT_SQL = (f"INSERT INTO webhook_event (id, {', '.join(AUDIT_COLUMNS)}) "
             f"VALUES ({', '.join('?' * (len(AUDIT_COLUMNS) + 1))})")  # SQLite's form

REPEAT_WINDOW = timedelta(hours=1)
REJECTION_TOKEN_PREFIX = "rejected:"
_STATUS_KEYS = ("MessageStatus", "SmsStatus")
_SID_KEYS = ("MessageSid", "SmsSid", "SmsMessageSid")
_CONSTANT_KEYS = ("AccountSid", "ApiVersion", "ChannelInstallSid")
_DEFAULT_VALUES = {("ChannelPrefix", "whatsapp"), ("StructuredMessage", "false")}
_TEXT_LIMIT = 200


class LoggedRequest(Protocol):
    """What the log needs of a webhook request (core.webhooks' Delivery has all of it)."""

    kind: str
    params: dict[str, str]
    remote_addr: str
    idempotency_token: str | None
    signature_valid: bool

    @property
    def sid(self) -> str: ...


def audit_row(request: LoggedRequest, outcome: str, status: str | None,
              at: datetime | None = None) -> dict[str, Any]:
    """The log row for `request` (columns of AUDIT_COLUMNS; params as a dict)."""
    return {
        "kind": request.kind, "sid": request.sid or None, "status": status,
        "params": request.params, "signature_valid": request.signature_valid,
        "outcome": outcome, "idempotency_token": request.idempotency_token,
        "remote_addr": request.remote_addr, "received_at": at or utcnow(),
    }


def lean_params(params: dict[str, str], sid: str | None, status: str | None) -> dict[str, str]:
    """`params` without what a column already holds or what every callback repeats."""
    lean = {}
    for key, value in params.items():
        if key in _SID_KEYS and sid and value == sid:
            continue
        if key in _STATUS_KEYS and status and value == status:
            continue
        if key in _CONSTANT_KEYS:
            continue
        if (key, value) in _DEFAULT_VALUES:
            continue
        if key == "ChannelToAddress" and f"whatsapp:{value}" == params.get("To"):
            continue
        lean[key] = value
    return lean


def full_params(params: dict[str, Any] | None, kind: str, sid: str | None,
                status: str | None) -> dict[str, Any]:
    """Parameters for display: the lean ones plus MessageSid/MessageStatus from their columns."""
    full = dict(params or {})
    if kind in ("status", "incoming") and sid and not {"MessageSid", "SmsSid"} & full.keys():
        full["MessageSid"] = sid
    if kind == "status" and status and not {"MessageStatus", "SmsStatus"} & full.keys():
        full["MessageStatus"] = status
    return full


def token_key(token: str) -> str:
    """What the log stores of an idempotency token: a 16-character digest (96 bits)."""
    digest = hashlib.blake2b(token.encode("utf-8", "replace"), digest_size=12).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii")


def seen_tokens(kind: str, tokens: list[str]) -> set[str]:
    """Which of `tokens` are already in the log for `kind` (stored as digests, or whole by
    versions before schema 4)."""
    keys = {token_key(token): token for token in tokens}
    wanted = sorted(set(tokens) | keys.keys())
    seen: set[str] = set()
    for start in range(0, len(wanted), 500):
        query = (WebhookEvent.select(WebhookEvent.idempotency_token)
                 .where((WebhookEvent.kind == kind)
                        & WebhookEvent.idempotency_token.in_(wanted[start:start + 500])).tuples())
        seen.update(keys.get(stored, stored) for (stored,) in query)
    return seen & set(tokens)


def token_seen(kind: str, token: str | None) -> bool:
    """Is this idempotency token already in the log for `kind`?"""
    return bool(token) and bool(seen_tokens(kind, [token]))  # type: ignore[list-item]


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _record(row_id: int, row: dict[str, Any], postgres: bool = False) -> list[Any]:
    """The row's values in AUDIT_COLUMNS order (the hot path: one per webhook)."""
    token = row["idempotency_token"]
    if token and row["outcome"] != "rejected":
        token = token_key(token)
    at = row["received_at"]  # as sqlite3's datetime adapter writes it, without the adapter
    return [row_id, row["kind"], row["sid"], row["status"],
            _ENCODE(lean_params(row["params"] or {}, row["sid"], row["status"])),
            bool(row["signature_valid"]), row["outcome"], token, row["remote_addr"],
            at.isoformat(" ") if isinstance(at, datetime) and not postgres else at]


def insert_rows(rows: list[dict[str, Any]]) -> list[int]:
    """Store `rows` with one statement; their ids, in order. Call inside the write transaction
    (on SQLite ids are taken after the current maximum, which the transaction holds alone; on
    PostgreSQL, where other processes insert at the same time, from the table's sequence)."""
    if not rows:
        return []
    db = WebhookEvent._meta.database
    if is_postgres(db):
        ids = [row_id for (row_id,) in db.execute_sql(
            "SELECT nextval(pg_get_serial_sequence('webhook_event', 'id')) "
            "FROM generate_series(1, %s)", (len(rows),)).fetchall()]
        marks = "(" + ", ".join(["%s"] * (len(AUDIT_COLUMNS) + 1)) + ")"
        sql = (f"INSERT INTO webhook_event (id, {', '.join(AUDIT_COLUMNS)}) "
               f"VALUES {', '.join([marks] * len(rows))}")  # one statement: one round trip
        db.execute_sql(sql, [value for row_id, row in zip(ids, rows, strict=True)
                             for value in _record(row_id, row, True)])
        return ids
    cursor = db.execute_sql("SELECT COALESCE(MAX(id), 0) FROM webhook_event")
    first_id = int(cursor.fetchone()[0]) + 1
    values = [_record(first_id + offset, row) for offset, row in enumerate(rows)]
    db.connection().cursor().executemany(AUDIT_SQL, values)
    return [first_id + offset for offset in range(len(rows))]


def insert_row(row: dict[str, Any]) -> int:
    """Store one row (same format as `insert_rows`); its id."""
    return insert_rows([row])[0]


@dataclass(frozen=True)
class Rejection:
    event_id: int  # the webhook_event row holding the record
    repeats: int  # how many requests that row stands for (1 when new)
    new: bool


def _clip(text: str | None, limit: int = _TEXT_LIMIT) -> str:
    return (text or "")[:limit]


def record_rejection(*, kind: str, path: str, client: str, reason: str, body: bytes | str,
                     sid: str | None = None, at: datetime | None = None,
                     window: timedelta = REPEAT_WINDOW) -> Rejection:
    """A bounded record of a rejected request (call inside the write transaction). The same
    client + reason + body again within `window` of the first one only adds to its count."""
    now = at or utcnow()
    raw = body.encode("utf-8", "replace") if isinstance(body, str) else body
    body_hash = hashlib.sha256(raw).hexdigest()
    key = hashlib.sha256(f"{kind}|{client}|{reason}|{body_hash}".encode()).hexdigest()[:32]
    token = REJECTION_TOKEN_PREFIX + key
    existing = (WebhookEvent.select(WebhookEvent.id, WebhookEvent.params)
                .where((WebhookEvent.idempotency_token == token)
                       & (WebhookEvent.received_at >= now - window))
                .order_by(WebhookEvent.id.desc()).first())
    if existing is not None:
        params = dict(existing.params or {})
        repeats = int(params.get("repeats", 1)) + 1
        params.update(repeats=repeats, last_at=now.isoformat(sep=" ", timespec="seconds"))
        WebhookEvent.update(params=params).where(WebhookEvent.id == existing.id).execute()
        return Rejection(existing.id, repeats, False)
    params = {"path": _clip(path), "reason": _clip(reason), "body_bytes": len(raw),
              "body_sha256": body_hash, "repeats": 1}
    row = {"kind": _clip(kind, 16), "sid": _clip(sid, 64) or None, "status": None,
           "params": params, "signature_valid": False, "outcome": "rejected",
           "idempotency_token": token, "remote_addr": _clip(client, 64), "received_at": now}
    return Rejection(insert_row(row), 1, True)
