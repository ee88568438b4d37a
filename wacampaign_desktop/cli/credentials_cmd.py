"""`wacampaign-desktop credentials set|check`: the Twilio account used instead of the sandbox.

The auth token is read from standard input (when piped) or a hidden prompt, and stored in the
system keyring (or the 0600 secrets file); it is never printed, logged or put in settings.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from wacampaign_desktop.cli import CliError
from wacampaign_desktop.cli.output import add_json, emit, open_context


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("credentials", parents=[common],
                                   help="set or check the Twilio account")
    sub = parser.add_subparsers(dest="credentials_command", metavar="ACTION", required=True)
    set_ = sub.add_parser("set", parents=[common],
                          help="store the Account SID and sender; the auth token comes from stdin")
    set_.add_argument("--account-sid", required=True, metavar="AC…")
    set_.add_argument("--sender", metavar="whatsapp:+…|MG…",
                      help="WhatsApp sender number or Messaging Service SID")
    set_.add_argument("--no-check", action="store_true", help="do not contact Twilio to check")
    add_json(set_)
    set_.set_defaults(func=run_set)
    check = sub.add_parser("check", parents=[common], help="check the stored credentials with Twilio")
    add_json(check)
    check.set_defaults(func=run_check)


def _read_token() -> str:
    if sys.stdin is not None and not sys.stdin.isatty():
        token = sys.stdin.readline().strip()
    else:
        token = getpass.getpass("Twilio auth token (hidden): ").strip()
    if not token:
        raise CliError("no auth token given (pipe it on stdin or type it at the prompt)")
    return token


def _check(ctx, args: argparse.Namespace) -> tuple[bool, str]:
    from wacampaign_desktop.cli.runtime_options import api_url
    from wacampaign_desktop.core.secrets import TWILIO_AUTH_TOKEN
    from wacampaign_desktop.core.twilio_gateway import TwilioCredentials, TwilioGateway

    token = ctx.secrets.get(TWILIO_AUTH_TOKEN)
    if not ctx.settings.twilio_account_sid or not token:
        raise CliError("no Twilio credentials are stored: run 'credentials set --account-sid AC…'")
    gateway = TwilioGateway(TwilioCredentials(ctx.settings.twilio_account_sid, token,
                                              base_url=api_url(args)))
    try:
        result = gateway.check_credentials()
    finally:
        gateway.close()
    return result.ok, result.message


def run_set(args: argparse.Namespace) -> int:
    from wacampaign_desktop.core.secrets import TWILIO_AUTH_TOKEN
    from wacampaign_desktop.core.settings import SettingsError

    sid = args.account_sid.strip()
    if not (sid.startswith("AC") and len(sid) == 34):
        raise CliError("--account-sid: an Account SID starts with AC and has 34 characters")
    if args.sender and not (args.sender.startswith("whatsapp:+") or args.sender.startswith("MG")):
        raise CliError("--sender: give whatsapp:+<number> or a Messaging Service SID (MG…)")
    token = _read_token()
    ctx = open_context(args)
    try:
        ctx.secrets.set(TWILIO_AUTH_TOKEN, token)
        ctx.settings.twilio_account_sid = sid
        if args.sender:
            ctx.settings.sender = args.sender
        ctx.settings.use_sandbox = False
        try:
            ctx.save_settings()
        except SettingsError as exc:
            raise CliError(str(exc)) from exc
        ok, message = (True, "not checked") if args.no_check else _check(ctx, args)
    finally:
        ctx.close()
    emit(args, {"stored": True, "ok": ok, "message": message, "sender": args.sender or ""},
         f"Credentials stored. {message}")
    if not ok:
        raise CliError(f"stored, but the check failed: {message}")
    return 0


def run_check(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    try:
        ok, message = _check(ctx, args)
    finally:
        ctx.close()
    emit(args, {"ok": ok, "message": message}, message)
    if not ok:
        raise CliError(message)
    return 0
