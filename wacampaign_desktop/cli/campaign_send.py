"""`wacampaign-desktop campaign send|start ID [--wait] [--yes]`: the runtime (sandbox until
credentials are set, webhook server and tunnel per the settings), the campaign started, a
progress line. A live start first prints the launch review and asks "Send N messages? [y/N]" on
a terminal; elsewhere it needs --yes. The sandbox never asks.

Without --wait the command stays until every message has been handed to Twilio; with --wait
until the campaign is completed (every message final or given up) or cancelled. If the campaign
pauses (auto-pause, or `campaign pause` from another shell) the command ends with exit code 3.
Interrupted (Ctrl+C), the campaign stays `sending` and resumes with the next send/app start.
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
import time
from typing import TYPE_CHECKING

from wacampaign_desktop.cli import CliError
from wacampaign_desktop.cli.campaign_cmd import counter_word
from wacampaign_desktop.cli.output import emit, open_context

if TYPE_CHECKING:
    from wacampaign_desktop.core.app_context import AppContext
    from wacampaign_desktop.core.services.campaigns import CampaignsService

log = logging.getLogger(__name__)

PAUSED_EXIT = 3


def send(args: argparse.Namespace) -> int:
    from wacampaign_desktop.cli.runtime_options import runtime_config
    from wacampaign_desktop.core.events import Alert, CampaignStateChanged
    from wacampaign_desktop.core.runtime import Runtime
    from wacampaign_desktop.core.services.campaigns import PAUSED, CampaignsService
    from wacampaign_desktop.core.services.errors import EngineError

    ctx = open_context(args)
    service = CampaignsService(ctx)
    campaign = service.find(args.id)
    if campaign is None:
        ctx.close()
        raise CliError(f"there is no campaign {args.id}")
    if ctx.live and campaign.state in ("draft", "scheduled"):
        try:
            from wacampaign_desktop.core.services.contacts import ContactsService

            ContactsService(ctx).flag_earlier_demo_contacts()  # never part of a live audience
            confirm_live_start(ctx, args)
        except CliError:
            ctx.close()
            raise
    last_reason = {"text": ""}
    changed = threading.Event()

    def on_event(event: object) -> None:
        if isinstance(event, CampaignStateChanged) and event.campaign_id == args.id:
            last_reason["text"] = event.reason
            changed.set()
        elif isinstance(event, Alert) and event.campaign_id == args.id:
            last_reason["text"] = event.message

    ctx.bus.subscribe(on_event, CampaignStateChanged, Alert)
    runtime = Runtime(ctx, runtime_config(args))
    try:
        try:
            runtime.start()
        except Exception as exc:
            raise CliError(f"could not start sending: {exc}") from exc
        engine = runtime.engine
        assert engine is not None
        try:
            service.send(args.id, engine)
        except EngineError as exc:
            raise CliError(str(exc)) from exc
        if not getattr(args, "json", False):
            print(f"Sending campaign {args.id} in {runtime.mode} mode; status callbacks to "
                  f"{runtime.webhooks.status_callback_url}", file=sys.stderr)
        state = _watch(args, service, changed)
    finally:
        runtime.stop()
    ctx.db.connect(reuse_if_open=True)
    data = service.summary(args.id)
    ctx.close()
    emit(args, data, lambda: f"Campaign {args.id}: {state}; " + ", ".join(
        f"{counter_word(k)} {v}" for k, v in data["counters"].items() if v))
    if state == PAUSED:
        print(f"error: campaign {args.id} paused: {last_reason['text'] or 'paused'}", file=sys.stderr)
        return PAUSED_EXIT
    return 0


def confirm_live_start(ctx: AppContext, args: argparse.Namespace) -> None:
    """Live mode: print the launch review and ask "Send N messages? [y/N]" on a terminal;
    without a terminal only --yes starts. Raises CliError when it must not start."""
    from wacampaign_desktop.core.services.launch_review import LaunchReviews

    review = LaunchReviews(ctx).review(args.id)
    print("\n".join(review.lines()), file=sys.stderr)
    if review.blocked:
        raise CliError(f"campaign {args.id} cannot start: " + "; ".join(review.problems))
    if getattr(args, "yes", False):
        return
    if not sys.stdin.isatty():
        raise CliError(f"campaign {args.id} would send {review.to_send} real WhatsApp messages: "
                       "confirm on a terminal, or add --yes to start without asking")
    try:
        answer = input(f"Send {review.to_send} messages? [y/N] ")
    except EOFError:
        answer = ""
    if answer.strip().lower() not in ("y", "yes", "o", "oui"):
        raise CliError(f"campaign {args.id} not started (nothing was sent)")


def _watch(args: argparse.Namespace, service: CampaignsService, changed: threading.Event) -> str:
    """Print progress until done; returns the campaign state at the end."""
    from wacampaign_desktop.core.services import campaigns as c

    show = not getattr(args, "json", False)
    tty = sys.stderr.isatty()
    last_line = ""
    last_print = 0.0
    while True:
        progress = service.progress(args.id)
        state, k = progress["state"], progress["counters"]
        pending, claimed = progress["pending"], progress["claimed"]
        line = (f"{state}: {k['total'] - pending - claimed}/{k['total']} handed to Twilio, "
                f"delivered {k['delivered']}, read {k['read']}, "
                f"failed {k['failed'] + k['undelivered']}, skipped {k['skipped']}")
        now = time.monotonic()
        done = state in (c.COMPLETED, c.CANCELLED, c.PAUSED, c.DRAFT)
        if show and line != last_line and (tty or done or now - last_print > 2.0):
            print(("\r" + line) if tty else line, end="" if tty else "\n", file=sys.stderr, flush=True)
            last_line, last_print = line, now
        if done:
            break
        if state == c.SENDING and not args.wait and pending == 0 and claimed == 0:
            break
        changed.wait(0.5)
        changed.clear()
    if show and tty:
        print(file=sys.stderr)
    return state
