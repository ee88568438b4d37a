"""`routes --apply` / `routes --check`: "Apply to Twilio" headless, with the read-back
comparison printed (human table or --json)."""

from __future__ import annotations

import argparse

from wacampaign_desktop.cli import CliError
from wacampaign_desktop.cli.output import emit, open_context
from wacampaign_desktop.cli.runtime_options import api_url


def _human(report) -> str:  # noqa: ANN001 - RouteReport
    if not report.ok:
        return f"✗ {report.message}"
    from wacampaign_desktop.core.services.webhook_routes import KIND_WORDS

    mark = "✓ matches" if report.matches else "✗ differs"
    rows = [
        f"Resource:     {KIND_WORDS.get(report.kind, report.kind)} {report.address} ({report.sid})",
        f"Incoming URL: on Twilio {report.twilio_incoming_url or '(not set)'}",
        f"              this app  {report.app_incoming_url}",
        f"Status URL:   on Twilio {report.twilio_status_url or '(not set)'}",
        f"              this app  {report.app_status_url}",
        f"Result:       {mark}",
    ]
    if not report.matches:
        rows.append("")
        rows.append(report.message)
    return "\n".join(rows)


def run_apply(args: argparse.Namespace) -> int:
    from wacampaign_desktop.cli.routes_cmd import public_base
    from wacampaign_desktop.core.secrets import TWILIO_AUTH_TOKEN
    from wacampaign_desktop.core.services.webhook_routes import WebhookRoutes
    from wacampaign_desktop.core.twilio_gateway import TwilioCredentials

    ctx = open_context(args)
    try:
        settings = ctx.settings
        token = ctx.secrets.get(TWILIO_AUTH_TOKEN)
        if not settings.twilio_account_sid or not token or not settings.sender:
            raise CliError("no Twilio account to apply to: set the Account SID and sender with "
                           "`wacampaign-desktop credentials set` (Connect Twilio in the window)")
        public = (args.public_url or public_base(settings)[0]).rstrip("/")
        if not public.startswith(("https://", "http://")):
            raise CliError("the public URL is not known yet (ngrok gives it when `serve` starts): "
                           "pass --public-url, or set your own address or server in the settings")
        routes = WebhookRoutes(TwilioCredentials(settings.twilio_account_sid, token,
                                                 base_url=api_url(args)), settings.sender)
        report = routes.apply(public) if args.apply else routes.check(public)
        emit(args, report.to_dict(), lambda: _human(report))
    finally:
        ctx.close()
    return 0 if report.ok and report.matches else 1
