"""Reading the end of the app's log file and filtering its lines by level and text (no Qt)."""

from __future__ import annotations

import re
from pathlib import Path

TAIL_BYTES = 512 * 1024
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_LEVEL = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ (\w+)")


def read_tail(path: Path, max_bytes: int = TAIL_BYTES) -> list[str]:
    """The last lines of `path` (about `max_bytes`); [] when the file does not exist yet."""
    try:
        with open(path, "rb") as handle:
            handle.seek(0, 2)
            size = handle.tell()
            handle.seek(max(0, size - max_bytes))
            data = handle.read()
    except OSError:
        return []
    lines = data.decode("utf-8", errors="replace").splitlines()
    return lines[1:] if size > max_bytes and lines else lines


def filter_lines(lines: list[str], min_level: str = "DEBUG", text: str = "") -> list[str]:
    """Lines at `min_level` or above; continuation lines (tracebacks) follow their record."""
    floor = LEVELS.index(min_level) if min_level in LEVELS else 0
    needle = text.strip().lower()
    out: list[str] = []
    keep = True
    for line in lines:
        match = _LEVEL.match(line)
        if match:
            level = match.group(1)
            keep = (LEVELS.index(level) if level in LEVELS else 0) >= floor
            keep = keep and (not needle or needle in line.lower())
        if keep:
            out.append(line)
    return out
