"""`wacampaign-desktop serve` (placeholder until its issue lands)."""

from __future__ import annotations

import argparse

from wacampaign_desktop.cli import CliError


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("serve", parents=[common], help="(not available yet)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    raise CliError("'serve' is not available in this build yet")
