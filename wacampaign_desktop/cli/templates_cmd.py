"""`wacampaign-desktop templates sync|list`: the account's WhatsApp templates (Content API).

`sync` reads them from Twilio (from a sandbox started for the call until credentials are set)
into the profile; `list` shows them with their approval status: only approved ones can be sent
(`campaign create --template NAME|HX… --var 1='{{name}}'`).
"""

from __future__ import annotations

import argparse
from datetime import UTC

from wacampaign_desktop.cli import CliError
from wacampaign_desktop.cli.output import add_json, emit, open_context, table


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("templates", parents=[common],
                                   help="sync and list the account's WhatsApp templates")
    sub = parser.add_subparsers(dest="templates_command", metavar="ACTION", required=True)
    sync = sub.add_parser("sync", parents=[common],
                          help="read the templates from Twilio (the sandbox until credentials are set)")
    add_json(sync)
    sync.set_defaults(func=run_sync)
    list_ = sub.add_parser("list", parents=[common], help="the synced templates and their status")
    list_.add_argument("--search", default="", metavar="TEXT", help="only names containing TEXT")
    list_.add_argument("--language", default="", metavar="CODE", help="e.g. en, fr")
    list_.add_argument("--category", default="", help="MARKETING, UTILITY or AUTHENTICATION")
    list_.add_argument("--approved", action="store_true", help="only the ones that can be sent")
    add_json(list_)
    list_.set_defaults(func=run_list)


def _service(ctx):  # -> TemplatesService (import kept lazy)
    from wacampaign_desktop.core.services.templates import TemplatesService

    return TemplatesService(ctx)


def _when(value) -> str:
    if value is None:
        return "never"
    return value.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def run_sync(args: argparse.Namespace) -> int:
    from wacampaign_desktop.cli.runtime_options import api_url
    from wacampaign_desktop.core.services.templates import sync_failure
    from wacampaign_desktop.core.twilio_gateway import GatewayError

    ctx = open_context(args)
    try:
        service = _service(ctx)
        try:
            result = service.sync_profile(api_url(args))
        except GatewayError as exc:
            failure = sync_failure(exc)
            advice = " (check them with 'credentials check', set them with 'credentials set')" \
                if failure.kind == "auth" else ""
            raise CliError(f"could not read the templates from Twilio: {failure.message}{advice}") \
                from exc
        approved = len(service.list(sendable_only=True))
        source = "Twilio" if ctx.live else "the sandbox"
    finally:
        ctx.close()
    data = {"added": result.added, "updated": result.updated, "removed": result.removed,
            "total": result.total, "approved": approved, "synced_at": result.synced_at}
    emit(args, data, f"{result.total} template(s) synced from {source} ({approved} approved): "
                     f"{result.added} new, {result.updated} changed, {result.removed} removed")
    return 0


def run_list(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    try:
        service = _service(ctx)
        found = service.list(search=args.search, language=args.language,
                             category=args.category, sendable_only=args.approved)
        synced = service.last_synced_at()
    finally:
        ctx.close()
    if args.json:
        emit(args, [t.as_dict() for t in found], "")
        return 0

    def human() -> str:
        if synced is None:
            return "No templates yet: run 'wacampaign-desktop templates sync'."
        rows = [[t.name, t.language, t.category, t.status,
                 " ".join("{{" + p + "}}" for p in t.placeholders), t.sid,
                 t.rejection_reason] for t in found]
        return (table(rows, ["NAME", "LANG", "CATEGORY", "STATUS", "PLACEHOLDERS", "SID",
                             "REASON"])
                + f"\n{len(found)} template(s); last synced {_when(synced)}; only approved "
                  "templates can be sent")

    emit(args, None, human)
    return 0


def template_for_campaign(ctx, key: str, var_args: list[str]) -> tuple[str, dict[str, str]]:
    """`campaign create --template KEY --var N=TEXT…` → (content sid, variables), with the
    errors a user can act on: unknown template, not approved (its status), a --var missing for
    a placeholder or naming one the template does not have."""
    service = _service(ctx)
    template = service.get(key)
    if template is None:
        synced = service.last_synced_at()
        advice = ("run 'wacampaign-desktop templates sync' first" if synced is None
                  else "see 'wacampaign-desktop templates list' (or sync again)")
        raise CliError(f"--template: no template named {key!r}: {advice}")
    if not template.sendable:
        reason = f" ({template.rejection_reason})" if template.rejection_reason else ""
        raise CliError(f"--template: {template.name!r} ({template.language}) is {template.status}"
                       f"{reason}: only approved templates can be sent")
    variables: dict[str, str] = {}
    for raw in var_args:
        number, sep, text = raw.partition("=")
        number = number.strip().strip("{}").strip()
        if not sep or not number:
            raise CliError(f"--var {raw!r}: write NUMBER=TEXT, e.g. --var 1='{{{{name}}}}'")
        if number not in template.placeholders:
            shown = ", ".join("{{" + p + "}}" for p in template.placeholders) or "none"
            raise CliError(f"--var {number}: template {template.name!r} has no {{{{{number}}}}} "
                           f"(its placeholders: {shown})")
        variables[number] = text
    missing = [p for p in template.placeholders if p not in variables]
    if missing:
        needed = ", ".join(
            f"--var {p}='…'" + (f" (e.g. {template.samples[p]!r})" if p in template.samples else "")
            for p in missing)
        raise CliError(f"template {template.name!r} needs a value for each placeholder: {needed}; "
                       "a value is a fixed text or a contact field such as '{{name}}'")
    return template.sid, variables
