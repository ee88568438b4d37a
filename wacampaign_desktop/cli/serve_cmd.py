"""`wacampaign-desktop serve`: run the webhook server (and the tunnel, per settings) headless
until Ctrl-C / SIGTERM. Prints one JSON line with the URLs once ready."""

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
from wacampaign_desktop.core.logging_setup import configure_logging

# Servers and tests may hand the auth token in the environment instead of the keyring.
TOKEN_ENV = "WACAMPAIGN_TWILIO_AUTH_TOKEN"


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "serve", parents=[common], help="run the webhook server (and tunnel) until interrupted",
        description="Receive Twilio webhooks headless. Signatures are checked with the Twilio auth "
                    f"token from the keyring (or ${TOKEN_ENV}).",
    )
    parser.add_argument("--host", default=None, help="listen address (default: settings)")
    parser.add_argument("--port", type=int, default=None, help="port (default: settings; 0 = any)")
    parser.add_argument("--tunnel", choices=("local", "ngrok", "own_url"), default=None,
                        help="tunnel mode (default: settings)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from wacampaign_desktop.core.housekeeping import Housekeeping
    from wacampaign_desktop.core.secrets import NGROK_AUTHTOKEN, TWILIO_AUTH_TOKEN
    from wacampaign_desktop.core.tunnel import TunnelError, TunnelManager
    from wacampaign_desktop.core.webhooks import WebhookServer, WebhookServerError

    ctx = open_context(args)
    configure_logging(None, verbose=args.verbose, console=True)  # stderr, secrets masked
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    s = ctx.settings
    token = os.environ.get(TOKEN_ENV) or ctx.secrets.get(TWILIO_AUTH_TOKEN)
    if not token:
        ctx.close()
        raise CliError("no Twilio auth token: run `wacampaign-desktop credentials set` first "
                       f"(or set {TOKEN_ENV}); without it webhook signatures cannot be checked")
    from wacampaign_desktop.core.redaction import register_secret

    register_secret(token)
    mode = args.tunnel or s.tunnel_mode
    tunnel: TunnelManager | None = None
    server = WebhookServer(
        ctx.bus, auth_token=lambda: token,
        public_base_url=lambda: (tunnel.public_url if tunnel is not None else "") or "",
        host=args.host or s.webhook_host,
        port=s.webhook_port if args.port is None else args.port,
        db=ctx.db, clock=ctx.clock,
    )
    stop = threading.Event()
    # An always-on receiver must not grow without bound: webhook-log retention and the daily
    # backup run here as they do in the window's runtime.
    housekeeping = Housekeeping(ctx)
    try:
        server.start()
        housekeeping.start()
        tunnel = TunnelManager(
            mode, ctx.bus, server.port,
            ngrok_authtoken=ctx.secrets.get(NGROK_AUTHTOKEN) if mode == "ngrok" else None,
            domain=s.ngrok_domain or None, region=s.ngrok_region or None,
            ngrok_path=s.ngrok_path or None, public_url=s.public_url or None,
        )
        tunnel.start()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        print(json.dumps({
            "local_url": server.local_base_url, "public_url": server.public_base_url,
            "status_callback_url": server.status_callback_url, "incoming_url": server.incoming_url,
            "tunnel_mode": mode, "tunnel_state": tunnel.state,
        }), flush=True)
        while not stop.wait(0.5):
            pass
    except (WebhookServerError, TunnelError) as exc:
        raise CliError(str(exc)) from exc
    except KeyboardInterrupt:
        pass
    finally:
        if tunnel is not None:
            tunnel.stop()
        housekeeping.stop()
        server.stop()
        ctx.close()
        print(json.dumps({"stopped": True}), file=sys.stderr, flush=True)
    return 0
