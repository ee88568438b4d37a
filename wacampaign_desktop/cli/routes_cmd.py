"""`wacampaign-desktop routes`: the webhook URLs to give Twilio, local and public (like the
seed's `php artisan route:list`). `--check` reads the sender's webhook settings on Twilio and
compares them with the app's; `--apply` sets them first ("Apply to Twilio", headless), then
prints the read-back comparison. Exit code 1 when Twilio's setting does not match."""

from __future__ import annotations

import argparse

from wacampaign_desktop.cli.output import add_json, emit, open_context, table

ROUTES = (
    ("POST", "STATUS_PATH", "twilio.status", "message status callbacks"),
    ("POST", "INCOMING_PATH", "twilio.incoming", "incoming WhatsApp messages"),
    ("GET", "HEALTH_PATH", "healthz", "health check (tunnel / own URL check)"),
)


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "routes", parents=[common], help="print the webhook URLs (local and public)",
        description="Print the webhook routes with their local and public URLs, per the settings.",
    )
    add_json(parser)
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--apply", action="store_true",
                        help="set the sender's incoming and status webhooks on Twilio, then read "
                             "them back")
    action.add_argument("--check", action="store_true",
                        help="read the sender's webhooks on Twilio and compare (changes nothing)")
    parser.add_argument("--public-url", default=None, metavar="URL",
                        help="the public base URL to apply (default: per the settings)")
    parser.set_defaults(func=run)


def public_base(settings) -> tuple[str, str]:  # (base URL or "", note)
    local = _local_base(settings)
    if settings.tunnel_mode == "own_url":
        return settings.public_url.rstrip("/"), "your own public URL"
    if settings.tunnel_mode == "server":
        return settings.server_url.rstrip("/"), "the team's receiver (serve on a server)"
    if settings.tunnel_mode == "ngrok":
        if settings.ngrok_domain:
            domain = settings.ngrok_domain.removeprefix("https://").rstrip("/")
            return f"https://{domain}", "ngrok reserved domain"
        return "", "ngrok assigns the public URL when `serve` (or the app) starts"
    return local, "local only: reachable from this computer"


def _local_base(settings) -> str:
    host = "127.0.0.1" if settings.webhook_host in ("0.0.0.0", "", "::") else settings.webhook_host
    return f"http://{host}:{settings.webhook_port}"


def run(args: argparse.Namespace) -> int:
    from wacampaign_desktop.core import webhooks

    if getattr(args, "apply", False) or getattr(args, "check", False):
        from wacampaign_desktop.cli.routes_apply import run_apply

        return run_apply(args)
    ctx = open_context(args)
    try:
        settings = ctx.settings
        local = _local_base(settings)
        public, note = public_base(settings)
        rows = []
        for method, attr, name, what in ROUTES:
            path = getattr(webhooks, attr)
            rows.append({"method": method, "uri": path, "name": name, "description": what,
                         "local_url": local + path, "public_url": (public + path) if public else None})
        data = {"tunnel_mode": settings.tunnel_mode, "public_base_url": public or None,
                "note": note, "routes": rows}
        emit(args, data, lambda: table(
            [[r["method"], r["uri"], r["name"], r["local_url"], r["public_url"] or "(not known yet)"]
             for r in rows],
            ["METHOD", "URI", "NAME", "LOCAL URL", "PUBLIC URL"],
        ) + f"\n\nTunnel mode: {settings.tunnel_mode} ({note}).")
    finally:
        ctx.close()
    return 0
