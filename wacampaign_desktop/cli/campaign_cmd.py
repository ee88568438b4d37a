"""`wacampaign-desktop campaign …`: create, send, watch, control and export campaigns headless."""

from __future__ import annotations

import argparse
import json

from wacampaign_desktop.cli import CliError
from wacampaign_desktop.cli.output import add_json, emit, open_context, table


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("campaign", parents=[common], help="create, send and follow campaigns")
    sub = parser.add_subparsers(dest="campaign_command", metavar="ACTION", required=True)

    def action(name: str, func, help_text: str, with_id: bool = True) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help_text)
        if with_id:
            p.add_argument("id", type=int, metavar="ID")
        add_json(p)
        p.set_defaults(func=func)
        return p

    create = action("create", run_create, "create a draft campaign; prints its id", with_id=False)
    create.add_argument("--name", required=True)
    text = create.add_mutually_exclusive_group(required=True)
    text.add_argument("--body", help="message text; {{name}}, {{phone}}, {{custom field}} are filled in")
    text.add_argument("--content-sid", metavar="HX…", help="approved WhatsApp template")
    text.add_argument("--template", metavar="NAME|HX…",
                      help="approved WhatsApp template by name or sid (see 'templates list')")
    create.add_argument("--var", action="append", default=[], metavar="N=TEXT",
                        help="with --template: value of placeholder {{N}}, a fixed text or "
                             "contact fields, e.g. --var 1='{{name}}' --var 2='Lyon'")
    create.add_argument("--variables", metavar="JSON",
                        help='template variables to contact fields, e.g. \'{"1": "name"}\'')
    create.add_argument("--tag", help="send to contacts with this tag (default: every contact)")
    create.add_argument("--contacts", metavar="ID,ID…", help="send to these contact ids only")
    create.add_argument("--rate", type=float, help="messages per second (default from settings, max 400)")
    create.add_argument("--media-url", metavar="URL")
    create.add_argument("--sender", help="whatsapp:+… or MG… (default from settings)")
    create.add_argument("--at", metavar="ISO-TIME", help="start at this time (e.g. 2026-05-01T09:00)")
    create.add_argument("--variant", action="append", default=[], metavar="BODY",
                        help="A/B test: another text (variant B, C…); recipients alternate")
    create.add_argument("--outside-window", choices=("hold", "template"),
                        help="live mode, free text: contacts who have not written in the last "
                             "24 hours are held back (hold, the default) or sent --fallback-template")
    create.add_argument("--fallback-template", metavar="NAME|HX…",
                        help="approved template for contacts outside the 24-hour window")
    create.add_argument("--fallback-var", action="append", default=[], metavar="N=TEXT",
                        help="with --fallback-template: value of its placeholder {{N}}")

    for name in ("send", "start"):
        send = action(name, run_send, "send a campaign (sandbox until credentials are set); "
                      "a live start shows a review and asks first")
        send.add_argument("--wait", action="store_true",
                          help="stay until the campaign is completed (every message final or "
                               "given up)")
        send.add_argument("--yes", action="store_true",
                          help="live mode: start without asking (required when not on a terminal)")
    action("show", run_show, "counters and rates of a campaign")
    action("list", run_list, "list campaigns", with_id=False)
    msgs = action("messages", run_messages, "the messages of a campaign")
    msgs.add_argument("--status", help="only messages with this status")
    exp = action("export", run_export, "write a campaign's messages to a CSV file "
                 "(a stable machine format: comma, UTF-8, English column keys, UTC times)")
    exp.add_argument("file", metavar="FILE.csv")
    exp.add_argument("--excel", action="store_true",
                     help="for a spreadsheet instead: this computer's CSV convention (';' where "
                          "the decimal separator is a comma), a BOM, words for the headers and "
                          "statuses, the error explained beside its code, local times")
    for name, verb in (("pause", "pause"), ("resume", "resume"), ("cancel", "cancel"),
                       ("retry-failed", "requeue retryable failed messages of")):
        action(name, run_control, f"{verb} a campaign")
    from wacampaign_desktop.cli.stats_cmd import add_stats_action  # analytics: role E

    add_stats_action(sub, common)
    from wacampaign_desktop.cli.ab_cmd import add_ab_actions  # A/B: role G

    add_ab_actions(sub, common)
    from wacampaign_desktop.cli.alerts_cmd import add_alerts_action  # alerts: role G

    add_alerts_action(sub, common)


# Where each draft field comes from on the command line, to name it in errors.
_OPTION_OF = {"name": "--name", "body": "--body", "variant": "--variant", "template": "--template",
              "content_sid": "--content-sid", "variables": "--variables", "media": "--media-url",
              "audience": "--tag/--contacts", "schedule": "--at", "rate": "--rate",
              "outside_window": "--outside-window/--fallback-template"}


def _service(ctx):  # -> CampaignsService (import kept lazy)
    from wacampaign_desktop.core.services.campaigns import CampaignsService

    return CampaignsService(ctx)


def _draft_from_args(args: argparse.Namespace, default_rate: float):
    """The command line as a campaign draft (JSON and number syntax checked here)."""
    from wacampaign_desktop.core.services.campaigns import CampaignDraft, parse_when

    variables: dict[str, str] = {}
    if args.variables:
        try:
            variables = json.loads(args.variables)
        except ValueError as exc:
            raise CliError(f"--variables is not JSON: {exc}") from exc
        if not isinstance(variables, dict):
            raise CliError('--variables must be a JSON object such as {"1": "name"}')
        variables = {str(k): str(v) for k, v in variables.items()}
    audience: dict = {"kind": "all"}
    if args.tag:
        audience = {"kind": "tag", "tag": args.tag}
    if args.contacts:
        try:
            ids = [int(x) for x in args.contacts.split(",") if x.strip()]
        except ValueError as exc:
            raise CliError("--contacts: give contact ids separated by commas") from exc
        audience = {"kind": "list", "contact_ids": ids}
    try:
        scheduled = parse_when(args.at) if args.at else None
    except ValueError as exc:
        raise CliError(f"--at {args.at!r} is not an ISO time such as 2026-05-01T09:00") from exc
    return CampaignDraft(
        name=args.name, kind="template" if args.content_sid else "text", body=args.body or "",
        content_sid=args.content_sid or "", variables=variables, media_url=args.media_url or "",
        variants=list(args.variant), audience=audience,
        rate=args.rate if args.rate is not None else default_rate, scheduled_at=scheduled,
        sender=args.sender or "")


def run_create(args: argparse.Namespace) -> int:
    from wacampaign_desktop.core.services.errors import DraftError

    ctx = open_context(args)
    try:
        draft = _draft_from_args(args, ctx.settings.default_send_rate)
        if args.template:
            from wacampaign_desktop.cli.templates_cmd import template_for_campaign

            draft.kind = "template"
            draft.content_sid, draft.variables = template_for_campaign(ctx, args.template, args.var)
        elif args.var:
            raise CliError("--var gives the values of a template's placeholders: use it with "
                           "--template NAME")
        _window_choice(ctx, args, draft)
        try:
            campaign_id = draft.save()
        except DraftError as exc:
            raise CliError("; ".join(f"{_OPTION_OF.get(p.field, p.field)}: {p.message}"
                                     for p in exc.problems.values())) from exc
    finally:
        ctx.close()
    emit(args, {"id": campaign_id}, str(campaign_id))
    return 0


def _window_choice(ctx, args: argparse.Namespace, draft) -> None:
    """--outside-window / --fallback-template / --fallback-var onto the draft."""
    if args.fallback_template:
        from wacampaign_desktop.cli.templates_cmd import template_for_campaign

        try:
            sid, variables = template_for_campaign(ctx, args.fallback_template, args.fallback_var)
        except CliError as exc:
            raise CliError(str(exc).replace("--template", "--fallback-template")
                           .replace("--var", "--fallback-var")) from exc
        draft.outside_window = args.outside_window or "template"
        draft.fallback_content_sid, draft.fallback_variables = sid, variables
    elif args.outside_window == "template":
        raise CliError("--outside-window template: name the template with --fallback-template")
    elif args.outside_window:
        draft.outside_window = args.outside_window


def campaign_summary(ctx, campaign_id: int) -> dict:
    """`campaign show` data: state, counters checked against a recount, rates, variants."""
    from wacampaign_desktop.core.services.errors import EngineError

    try:
        return _service(ctx).summary(campaign_id)
    except EngineError as exc:
        raise CliError(str(exc)) from exc


def counter_word(name: str) -> str:
    """A counter's name in human output: English spells the state "cancelled" (JSON keys stay)."""
    return "cancelled" if name == "canceled" else name


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def run_show(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    try:
        data = campaign_summary(ctx, args.id)
    finally:
        ctx.close()

    def human() -> str:
        k, r = data["counters"], data["rates"]
        lines = [f"Campaign {data['id']} \"{data['name']}\": {data['state']} "
                 f"({data['send_rate']:g} msg/s)",
                 "  " + "  ".join(f"{counter_word(name)} {k[name]}" for name in k),
                 f"  delivered {_pct(r['delivered'])} of sent, read {_pct(r['read'])} of delivered, "
                 f"failed {_pct(r['failed'])}, replied {_pct(r['replied'])}"]
        for name, counts in sorted(data["variants"].items()):
            lines.append(f"  variant {name}: " + "  ".join(f"{n} {counts[n]}" for n in
                                                          ("total", "sent", "delivered", "read",
                                                           "failed", "replied")))
        return "\n".join(lines)

    emit(args, data, human)
    return 0


def _queries(ctx):  # -> Queries (import kept lazy)
    from wacampaign_desktop.core.services.queries import Queries

    return Queries(ctx)


def run_list(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    try:
        data = [{"id": c.id, "name": c.name, "state": c.state, "counters": c.counters}
                for c in _queries(ctx).campaigns(newest_first=False)]
    finally:
        ctx.close()
    emit(args, data, lambda: table(
        [[d["id"], d["name"], d["state"], d["counters"]["total"], d["counters"]["delivered"],
          d["counters"]["failed"] + d["counters"]["undelivered"]] for d in data],
        ["ID", "NAME", "STATE", "TOTAL", "DELIVERED", "FAILED"]))
    return 0


def _message_rows(ctx, campaign_id: int, status: str | None = None):
    """The campaign's messages (EXPORT_COLUMNS tuples, streamed); CliError if it does not exist."""
    from wacampaign_desktop.core.services.errors import EngineError

    try:
        _service(ctx).get(campaign_id)
    except EngineError as exc:
        raise CliError(str(exc)) from exc
    return _queries(ctx).export_rows(campaign_id, status)


def _messages(ctx, campaign_id: int, status: str | None) -> list[dict]:
    """`campaign messages`: each message as a dict of the machine format's columns."""
    from wacampaign_desktop.core.services.message_export import MACHINE_COLUMNS
    from wacampaign_desktop.core.services.queries import EXPORT_COLUMNS

    picks = [EXPORT_COLUMNS.index(column) for column in MACHINE_COLUMNS]
    return [dict(zip(MACHINE_COLUMNS, (row[i] for i in picks), strict=True))
            for row in _message_rows(ctx, campaign_id, status)]


def run_messages(args: argparse.Namespace) -> int:
    ctx = open_context(args)
    try:
        data = _messages(ctx, args.id, args.status)
    finally:
        ctx.close()
    emit(args, data, lambda: table(
        [[d["id"], d["phone"], d["status"], d["twilio_sid"] or "",
          d["error_code"] or "", d["error_message"] or ""] for d in data],
        ["ID", "PHONE", "STATUS", "SID", "ERROR", ""]))
    return 0


def system_decimal_point() -> str:
    """The decimal separator of this computer's number format (asked of the system's locale)."""
    import locale

    try:
        locale.setlocale(locale.LC_NUMERIC, "")
        return str(locale.localeconv()["decimal_point"] or ".")
    except locale.Error:
        return "."
    finally:
        locale.setlocale(locale.LC_NUMERIC, "C")


def run_export(args: argparse.Namespace) -> int:
    from wacampaign_desktop.core.services.message_export import SheetStyle, write_file

    style = SheetStyle.for_decimal_point(system_decimal_point()) if args.excel else None
    ctx = open_context(args)
    try:
        written = write_file(args.file, _message_rows(ctx, args.id), style)
    except OSError as exc:
        raise CliError(f"cannot write {args.file}: {exc.strerror or exc}") from exc
    finally:
        ctx.close()
    emit(args, {"exported": written, "file": args.file},
         f"{written} message(s) written to {args.file}")
    return 0


def run_control(args: argparse.Namespace) -> int:
    """pause/resume/cancel/retry-failed change the campaign in the database; a running app or
    `campaign send` in another process follows within a second."""
    from wacampaign_desktop.core.services.errors import EngineError

    ctx = open_context(args)
    command = args.campaign_command
    detail = ""
    try:
        service = _service(ctx)
        service.get(args.id)
        if command == "cancel":
            service.cancel(args.id, reason="cancelled from the command line")
        elif command == "retry-failed":
            detail = service.retry_failed(args.id).sentence()  # "N requeued; M left: why"
        elif command == "pause":
            service.pause(args.id, reason="paused from the command line")
        else:
            service.resume(args.id, reason="resumed from the command line")
        state = service.get(args.id).state
    except EngineError as exc:
        raise CliError(str(exc)) from exc
    finally:
        ctx.close()
    emit(args, {"id": args.id, "state": state, "detail": detail},
         detail or f"campaign {args.id} is now {state}")
    return 0


def run_send(args: argparse.Namespace) -> int:
    from wacampaign_desktop.cli.campaign_send import send

    return send(args)
