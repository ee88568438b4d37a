"""Keeps secrets out of logs and user-facing text: known secret values and token-like patterns."""

from __future__ import annotations

import logging
import re
import threading

MASK = "***"
_lock = threading.Lock()
_secrets: set[str] = set()

_PATTERNS = [
    # HTTP basic/bearer auth headers
    re.compile(r"(?i)(authorization['\"]?\s*[:=]\s*['\"]?(?:basic|bearer)\s+)[A-Za-z0-9+/=._-]+"),
    # key=value / "key": "value" with a secret-sounding key
    re.compile(
        r"(?i)((?:auth_?token|authtoken|api_?key|password|secret|token)['\"]?\s*[:=]\s*['\"]?)"
        r"[^\s'\",&]{6,}"
    ),
    # ngrok authtokens (long base62 with underscore)
    re.compile(r"\b[0-9A-Za-z]{20,}_[0-9A-Za-z]{15,}\b"),
    # the password of a database URL (postgresql://user:PASSWORD@host/db)
    re.compile(r"(?i)(postgres(?:ql)?://[^:/@\s]*:)[^@\s/]+(?=@)"),
]


def register_secret(value: str | None) -> None:
    """Remember a secret value so that it is masked wherever it would be logged."""
    if value and len(value) >= 4:
        with _lock:
            _secrets.add(value)


def redact(text: str) -> str:
    if not text:
        return text
    with _lock:
        secrets = sorted(_secrets, key=len, reverse=True)
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, MASK)
    for pattern in _PATTERNS:
        if pattern.groups:
            text = pattern.sub(lambda m: m.group(1) + MASK, text)
        else:
            text = pattern.sub(MASK, text)
    return text


class RedactingFilter(logging.Filter):
    """Logging filter that rewrites each record's final message with secrets masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not kill logging
            message = str(record.msg)
        cleaned = redact(message)
        if record.exc_info and record.exc_info[1] is not None:
            formatter = logging.Formatter()
            record.exc_text = redact(formatter.formatException(record.exc_info))
            record.exc_info = None
        record.msg = cleaned
        record.args = None
        return True
