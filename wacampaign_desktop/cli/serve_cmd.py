"""`wacampaign-desktop serve`: the always-on receiver, headless until Ctrl-C / SIGTERM.

It runs the same Runtime as the window: the webhook server (callbacks and replies, and the
automatic replies that follow an incoming message), the tunnel per the settings (none in
"server" mode: the server's own address is the public one), the campaign engine (scheduled
campaigns, retries, reconciliation and catch-up) and the housekeeping. Everything that matters
lives in the database, so several `serve` processes on one database (behind a load balancer)
share the work. Prints one JSON line with the URLs once ready, and `{"stopped": true}` on stderr
when it has stopped cleanly.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading

from wacampaign_desktop.cli import CliError
from wacampaign_desktop.cli.output import open_context
from wacampaign_desktop.cli.runtime_options import runtime_config
from wacampaign_desktop.core.logging_setup import configure_logging

# Servers and tests may hand the auth token in the environment instead of the keyring.
TOKEN_ENV = "WACAMPAIGN_TWILIO_AUTH_TOKEN"
TOKEN_FILE_ENV = "WACAMPAIGN_TWILIO_AUTH_TOKEN_FILE"  # e.g. a systemd credential


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "serve", parents=[common],
        help="run the always-on receiver (webhooks, engine, tunnel) until interrupted",
        description="Receive Twilio webhooks and run scheduled campaigns headless. Signatures are "
                    f"checked with the Twilio auth token from the keyring (or ${TOKEN_ENV}, or the "
                    f"file named by ${TOKEN_FILE_ENV}).",
    )
    parser.add_argument("--host", default=None, help="listen address (default: settings)")
    parser.add_argument("--port", type=int, default=None, help="port (default: settings; 0 = any)")
    parser.add_argument("--tunnel", choices=("local", "ngrok", "own_url", "server"), default=None,
                        help="tunnel mode (default: settings)")
    parser.add_argument("--account-sid", default=None, metavar="AC…",
                        help="the Twilio account for this run (default: settings); with it, serve "
                             "runs live")
    parser.add_argument("--sender", default=None, metavar="whatsapp:+…|MG…",
                        help="the sender for this run (default: settings)")
    parser.add_argument("--public-url", default=None, metavar="URL",
                        help="this receiver's public address, e.g. https://hooks.example.com (the "
                             "status callback of the messages it sends); implies --tunnel server")
    parser.set_defaults(func=run)


def _token(ctx) -> str | None:  # noqa: ANN001 - AppContext, imported lazily
    from wacampaign_desktop.core.secrets import TWILIO_AUTH_TOKEN

    token = os.environ.get(TOKEN_ENV)
    path = os.environ.get(TOKEN_FILE_ENV)
    if not token and path:
        try:
            with open(path, encoding="utf-8") as handle:
                token = handle.read().strip()
        except OSError as exc:
            raise CliError(f"the auth token file {path} (${TOKEN_FILE_ENV}) cannot be read: "
                           f"{exc.strerror or exc}") from exc
    return token or ctx.secrets.get(TWILIO_AUTH_TOKEN)


def run(args: argparse.Namespace) -> int:
    from wacampaign_desktop.core.redaction import register_secret
    from wacampaign_desktop.core.runtime import Runtime, RuntimeBusy
    from wacampaign_desktop.core.sandbox import SandboxConfig
    from wacampaign_desktop.core.settings import server_url_problem
    from wacampaign_desktop.core.webhooks import WebhookServerError

    ctx = open_context(args)
    configure_logging(None, verbose=args.verbose, console=True)  # stderr, secrets masked
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    try:
        token = _token(ctx)
    except CliError:
        ctx.close()
        raise
    if not token:
        ctx.close()
        raise CliError("no Twilio auth token: run `wacampaign-desktop credentials set` first "
                       f"(or set {TOKEN_ENV}); without it webhook signatures cannot be checked")
    register_secret(token)
    s = ctx.settings  # the options below change this run only, never the settings file
    if args.host:
        s.webhook_host = args.host
    if args.port is not None:
        s.webhook_port = args.port
    if args.tunnel:
        s.tunnel_mode = args.tunnel
    if args.account_sid:
        if not (args.account_sid.startswith("AC") and len(args.account_sid) == 34):
            ctx.close()
            raise CliError("--account-sid: an Account SID starts with AC and has 34 characters")
        s.twilio_account_sid, s.use_sandbox = args.account_sid, False
    if args.sender:
        if not args.sender.startswith(("whatsapp:+", "MG")):
            ctx.close()
            raise CliError("--sender: give whatsapp:+<number> or a Messaging Service SID (MG…)")
        s.sender = args.sender
    if args.public_url:
        s.server_url = args.public_url.rstrip("/")
        s.tunnel_mode = args.tunnel or "server"
    if s.tunnel_mode == "server" and server_url_problem(s.server_url):
        ctx.close()
        raise CliError(f"--public-url: {server_url_problem(s.server_url)} (the address Twilio "
                       "reaches this receiver at)")
    live = not s.use_sandbox and bool(s.twilio_account_sid)  # the token may be the env's/file's
    config = runtime_config(args, auth_token=token,
                            sandbox=None if live else SandboxConfig(auth_token=token))
    runtime = Runtime(ctx, config)
    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        runtime.start()
        webhooks, tunnel = runtime.webhooks, runtime.tunnel
        print(json.dumps({
            "local_url": webhooks.local_base_url, "public_url": webhooks.public_base_url,
            "status_callback_url": webhooks.status_callback_url,
            "incoming_url": webhooks.incoming_url, "mode": runtime.mode,
            "tunnel_mode": s.tunnel_mode, "tunnel_state": tunnel.state if tunnel else "none",
            "engine": runtime.engine is not None,
        }), flush=True)
        while not stop.wait(0.5):
            pass
    except RuntimeBusy as exc:
        raise CliError(f"{exc} (serve runs one receiver per profile; a second receiver on the "
                       "same database needs its own profile folder, --data-dir)") from exc
    except WebhookServerError as exc:
        raise CliError(str(exc)) from exc
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        if runtime.started:  # a failed start has already taken down what it brought up
            runtime.stop()
        ctx.close()
        print(json.dumps({"stopped": True}), file=sys.stderr, flush=True)
    return 0
