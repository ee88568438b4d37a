"""Command line: no subcommand opens the window; subcommands run the app headless.

Each subcommand lives in its own module exposing `register(subparsers, common)`; its handler,
set with `set_defaults(func=…)`, takes the parsed args and returns an exit code.

Every command (and the window) also takes `--api-url URL`: the Twilio API base URL live mode
uses, default the WACAMPAIGN_TWILIO_API_URL environment variable, else api.twilio.com (e.g. a
sandbox run as `wacampaign-desktop sandbox` in another process). `args.api_url` is then the URL
or None; `cli.runtime_options.runtime_config(args)` turns it into a RuntimeConfig.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from wacampaign_desktop import APP_NAME, __version__

API_URL_ENV = "WACAMPAIGN_TWILIO_API_URL"  # the default of --api-url, read here only

COMMAND_MODULES = (
    "sandbox_cmd",
    "serve_cmd",
    "routes_cmd",
    "contacts_cmd",
    "campaign_cmd",
    "templates_cmd",
    "credentials_cmd",
    "selftest_cmd",
    "maintenance_cmd",
    "backup_cmd",
    "rules_cmd",
    "database_cmd",
)


class CliError(Exception):
    """A failure to report as one line on stderr with exit code 2 (no traceback)."""


def _common_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir", default=argparse.SUPPRESS, metavar="DIR",
        help="keep the database, settings and logs in DIR (default: your user data folder)",
    )
    common.add_argument("--verbose", "-v", action="store_true", default=argparse.SUPPRESS,
                        help="more detail in the log")
    common.add_argument(
        "--api-url", default=argparse.SUPPRESS, metavar="URL",
        help=f"Twilio API base URL for live mode (default: ${API_URL_ENV}, else api.twilio.com)",
    )
    common.add_argument(
        "--database-url", default=argparse.SUPPRESS, metavar="URL",
        help="use this PostgreSQL database instead of the profile's setting, e.g. "
        "postgresql://staff@db.example.com:5432/wacampaign?sslmode=require (password: "
        "`database set-password`)",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common_parser()
    parser = argparse.ArgumentParser(
        prog="wacampaign-desktop",
        description=f"{APP_NAME}: send WhatsApp campaigns through Twilio and watch them live. "
        "Without a command, opens the window.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"wacampaign_desktop.cli.{name}")
        module.register(subparsers, common)
    return parser


def complete_args(args: argparse.Namespace) -> argparse.Namespace:
    """Fill the common options' defaults (--api-url's comes from the environment, here only)."""
    args.data_dir = getattr(args, "data_dir", None)
    args.verbose = getattr(args, "verbose", False)
    args.api_url = getattr(args, "api_url", None) or os.environ.get(API_URL_ENV) or None
    args.database_url = getattr(args, "database_url", None) or None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = complete_args(parser.parse_args(argv))
    func = getattr(args, "func", None)
    try:
        if func is None:
            from wacampaign_desktop.gui.app import run_gui  # Qt is imported only for the window

            return run_gui(args)
        return int(func(args) or 0)
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
