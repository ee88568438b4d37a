"""Helpers shared by the headless commands: opening the profile, printing human text or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import datetime
from typing import Any

from wacampaign_desktop.cli import CliError


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")


def open_context(args: argparse.Namespace):  # -> AppContext (import kept lazy)
    from wacampaign_desktop.core.app_context import AppContext
    from wacampaign_desktop.core.services.errors import (
        DatabaseUnavailable,
        MigrationError,
        SettingsError,
    )

    try:
        return AppContext.open(getattr(args, "data_dir", None),
                               verbose=getattr(args, "verbose", False),
                               database_url=getattr(args, "database_url", None))
    except (MigrationError, SettingsError, OSError, ValueError) as exc:
        raise CliError(f"cannot open the profile: {exc}") from exc
    except DatabaseUnavailable as exc:
        raise CliError(str(exc)) from exc


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def emit(args: argparse.Namespace, data: Any, human: str | Callable[[], str]) -> None:
    """JSON of `data` with --json, else the human text."""
    if getattr(args, "json", False):
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=_default)
        sys.stdout.write("\n")
    else:
        text = human() if callable(human) else human
        if text:
            print(text)
    sys.stdout.flush()


def table(rows: list[list[Any]], header: list[str]) -> str:
    cells = [header] + [["" if c is None else str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
                     for r in cells)
