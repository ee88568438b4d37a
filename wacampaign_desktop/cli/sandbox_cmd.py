"""`wacampaign-desktop sandbox`: run the local Twilio emulator until interrupted.

Prints one JSON line with base_url, account_sid and auth_token (so scripts can point a Twilio
client at it), then serves until Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading

from wacampaign_desktop.cli import CliError


def _share(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return value


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "sandbox", parents=[common],
        help="run the built-in Twilio emulator (prints its URL and credentials as JSON)",
        description="Run the local Twilio emulator on 127.0.0.1 until interrupted.",
    )
    parser.add_argument("--port", type=int, default=0, help="port (default: any free port)")
    parser.add_argument("--seed", type=int, default=None,
                        help="same seed, same story (sids, fates, credentials)")
    parser.add_argument("--step-latency", type=float, default=0.2, metavar="SECONDS",
                        help="mean delay between two statuses (default 0.2)")
    for name, what in (("failure-rate", "messages that fail or are undelivered"),
                       ("never-read-rate", "delivered messages never read"),
                       ("duplicate-rate", "callbacks posted twice"),
                       ("reorder-rate", "callbacks posted out of order"),
                       ("drop-rate", "callbacks never posted"),
                       ("reply-rate", "read messages the contact answers"),
                       ("server-error-rate", "creates answered with HTTP 500")):
        parser.add_argument(f"--{name}", type=_share, default=0.0, metavar="SHARE",
                            help=f"share (0-1) of {what}")
    parser.add_argument("--callback-before-response", action="store_true",
                        help="post the first callback before answering the create request")
    parser.add_argument("--rate-limit", type=float, default=None, metavar="PER_SECOND",
                        help="answer 429 (code 20429) above this many requests per second")
    parser.add_argument("--incoming-url", default=None, help="where simulated replies go")
    parser.add_argument("--enforce-session-window", action="store_true",
                        help="free text fails with 63016 unless the contact replied in the last "
                             "24 h (templates always pass)")
    parser.add_argument("--no-callbacks", action="store_true", help="post no status callbacks")
    parser.add_argument("--demo", action="store_true",
                        help="the first-run demo: scripted failures (63016, 30008, 63049, "
                             "63024), unread messages and replies (a question, a thank-you, "
                             "one STOP)")
    parser.add_argument("--account-sid", default=None, help="fixed Account SID (AC…)")
    parser.add_argument("--auth-token", default=None, help="fixed auth token")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import logging

    from wacampaign_desktop.core.sandbox import SandboxConfig, SandboxError, SandboxServer

    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    if not args.verbose:  # "Task queue depth is N" under load is expected, not a problem
        logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    try:
        config = SandboxConfig(
            port=args.port, seed=args.seed, step_latency=args.step_latency,
            failure_rate=args.failure_rate, never_read_rate=args.never_read_rate,
            duplicate_rate=args.duplicate_rate, reorder_rate=args.reorder_rate,
            drop_rate=args.drop_rate, server_error_rate=args.server_error_rate,
            callback_before_response=args.callback_before_response,
            rate_limit_per_s=args.rate_limit, incoming_url=args.incoming_url,
            callbacks_enabled=not args.no_callbacks,
            enforce_session_window=args.enforce_session_window, account_sid=args.account_sid,
            auth_token=args.auth_token, reply_rate=args.reply_rate,
            script="demo" if args.demo else None,
        )
        server = SandboxServer(config)
        server.start()
    except (ValueError, SandboxError) as exc:
        raise CliError(str(exc)) from exc

    stop = threading.Event()

    def on_signal(signum: int, frame: object) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    try:
        # The one line scripts read: this is the sandbox's own, disposable token.
        print(json.dumps({"base_url": server.base_url, "account_sid": server.account_sid,
                          "auth_token": server.auth_token}), flush=True)
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        print(json.dumps({"stopped": True, "sends": server.stats.sends}), file=sys.stderr,
              flush=True)
    return 0
