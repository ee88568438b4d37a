"""`wacampaign-desktop rules list [--json]` and `rules test TEXT [--contact PHONE] [--campaign ID]
[--json]`: the reply rules in order, and which rule would fire on a message and what it would
send (opt-out words win over every rule)."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from wacampaign_desktop.cli import CliError
from wacampaign_desktop.cli.output import add_json, emit, open_context

MATCH_WORDS = {"exact": "is exactly", "contains": "contains", "regex": "matches",
               "campaign_reply": "any reply to", "after_hours": "outside business hours"}


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    rules = subparsers.add_parser(
        "rules", parents=[common], help="list the reply rules or try a message on them",
        description="Reply rules answer incoming messages automatically. Edit them in the "
        "window (Tools → Reply rules…).")
    sub = rules.add_subparsers(dest="rules_command", required=True, metavar="{list,test}")
    listing = sub.add_parser("list", parents=[common], help="the rules in the order they are tried")
    add_json(listing)
    listing.set_defaults(func=run_list)
    test = sub.add_parser("test", parents=[common],
                          help="which rule would fire on TEXT and what it would send")
    test.add_argument("text", metavar="TEXT")
    test.add_argument("--contact", metavar="PHONE",
                      help="count this contact's facts (opted out, 24-hour window, cooldown)")
    test.add_argument("--campaign", type=int, metavar="ID",
                      help="the message answers this campaign")
    add_json(test)
    test.set_defaults(func=run_test)


def _describe(rule) -> str:  # noqa: ANN001 - a core Rule
    if rule.match_kind in ("exact", "contains", "regex"):
        what = f"message {MATCH_WORDS[rule.match_kind]} “{rule.pattern}”"
    elif rule.match_kind == "campaign_reply":
        what = (f"any reply to campaign {rule.campaign_id}" if rule.campaign_id
                else "any reply to a campaign")
    else:
        hours = rule.business_hours or {}
        what = f"outside business hours ({hours.get('start', '09:00')}–{hours.get('end', '18:00')})"
    actions = []
    if rule.reply_text:
        actions.append(f"reply “{rule.reply_text}”")
    if rule.reply_content_sid:
        actions.append(f"template {rule.reply_content_sid} outside the 24-hour window")
    if rule.add_tag:
        actions.append(f"tag “{rule.add_tag}”")
    if rule.follow_up:
        actions.append("mark for follow-up")
    state = "" if rule.enabled else " (off)"
    return (f"{rule.position + 1}. {rule.name or 'Rule ' + str(rule.id)}{state}: when {what} → "
            f"{', '.join(actions)}; at most once per {rule.cooldown_minutes} min per contact; "
            f"fired {rule.fired_count} time(s)")


def run_list(args: argparse.Namespace) -> int:
    from wacampaign_desktop.core.services.rules import RulesService

    ctx = open_context(args)
    try:
        rules = RulesService(ctx).list()
    finally:
        ctx.close()
    emit(args, [asdict(rule) for rule in rules],
         lambda: "\n".join(_describe(rule) for rule in rules) if rules
         else "No reply rules yet. Add them in the window: Tools → Reply rules…")
    return 0


def run_test(args: argparse.Namespace) -> int:
    from wacampaign_desktop.core.phones import check_phone
    from wacampaign_desktop.core.services.rules import RulesService

    ctx = open_context(args)
    try:
        contact = None
        if args.contact:
            checked = check_phone(args.contact, ctx.settings.default_region)
            if checked.e164 is None:
                raise CliError(f"--contact: “{args.contact}” is {checked.reason}")
            contact = checked.e164
        decision = RulesService(ctx).test(args.text, contact=contact, campaign=args.campaign)
    finally:
        ctx.close()
    data = {"outcome": decision.outcome, "rule": asdict(decision.rule) if decision.rule else None,
            "reply_text": decision.reply_text, "content_sid": decision.content_sid,
            "content_variables": decision.content_variables, "skipped": decision.skipped,
            "tag": decision.tag, "follow_up": decision.follow_up, "summary": decision.summary()}
    emit(args, data, decision.summary())
    return 0
