"""From parsed command-line options to the RuntimeConfig a Runtime is built from."""

from __future__ import annotations

import argparse
from typing import Any

from wacampaign_desktop.core.runtime_config import RuntimeConfig


def api_url(args: argparse.Namespace) -> str | None:
    """The `--api-url` value (its default comes from the environment, see cli/__init__)."""
    return getattr(args, "api_url", None) or None


def runtime_config(args: argparse.Namespace, **fields: Any) -> RuntimeConfig:
    """RuntimeConfig for a command's runtime: its `--api-url`, plus any other `fields`."""
    return RuntimeConfig(api_url=api_url(args), **fields)
