"""`campaign ab ID` (each version's rates and where "test then send the winner" stands) and
`campaign winner ID VERSION` (send that version to the recipients held for the winner, now)."""

from __future__ import annotations

import argparse

from wacampaign_desktop.cli import CliError
from wacampaign_desktop.cli.output import add_json, emit, open_context, table


def add_ab_actions(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add `ab` and `winner` to the `campaign` actions."""
    p = sub.add_parser("ab", parents=[common],
                       help="A/B versions of a campaign: sent, read and reply rates, the test")
    p.add_argument("id", type=int, metavar="ID")
    add_json(p)
    p.set_defaults(func=run_ab)
    p = sub.add_parser("winner", parents=[common],
                       help="send this A/B version to the recipients waiting for the winner, now")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("version", metavar="VERSION", help="A, B, C or D")
    add_json(p)
    p.set_defaults(func=run_winner)


def run_ab(args: argparse.Namespace) -> int:
    from wacampaign_desktop.core.services.campaigns import CampaignsService

    ctx = open_context(args)
    try:
        status = CampaignsService(ctx).ab_status(args.id)
    finally:
        ctx.close()
    if status is None:
        raise CliError(f"campaign {args.id} has no A/B versions")
    data = {"versions": [{"name": v.name, "sent": v.sent, "read_rate": round(v.read_rate, 4),
                          "reply_rate": round(v.reply_rate, 4)} for v in status.versions],
            "test_then_winner": status.testing, "phase": status.phase,
            "test_share": status.test_share, "metric": status.metric,
            "wait_until": status.wait_until.isoformat() if status.wait_until else None,
            "winner": status.winner, "decided_by": status.decided_by}

    def text() -> str:
        rows = table([[v["name"], v["sent"], f"{v['read_rate']:.1%}", f"{v['reply_rate']:.1%}"]
                      for v in data["versions"]], ["VERSION", "SENT", "READ", "REPLIED"])
        if not status.testing:
            return rows
        if status.winner:
            return f"{rows}\nwinner: {status.winner} ({status.decided_by})"
        return (f"{rows}\ntesting on {status.test_share:.0%}; best {status.metric} rate wins at "
                f"{data['wait_until'] or 'the end of the test'} UTC "
                f"(or: campaign winner {args.id} VERSION)")

    emit(args, data, text)
    return 0


def run_winner(args: argparse.Namespace) -> int:
    from wacampaign_desktop.core.services.campaigns import CampaignsService
    from wacampaign_desktop.core.services.errors import EngineError

    ctx = open_context(args)
    try:
        released = CampaignsService(ctx).choose_winner(args.id, args.version.strip().upper())
    except EngineError as exc:
        raise CliError(str(exc)) from exc
    finally:
        ctx.close()
    emit(args, {"id": args.id, "winner": args.version.upper(), "released": released},
         f"version {args.version.upper()} goes to the {released} other recipient(s); a running "
         "app or 'campaign send' sends them")
    return 0
