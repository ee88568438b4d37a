"""Diagnostic receiver for `bench/webhook_ingest.py --receivers inproc`: the project's
`WebhookServer` alone in a process, on a profile's database, with no CLI and no logging set up
(what the old in-process bench measured). Prints the status URL as JSON, serves until SIGTERM.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TOKEN = "bench-auth-token-0123456789abcdef"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--threads", type=int, default=16)
    args = parser.parse_args()
    os.environ.setdefault("WACAMPAIGN_SECRET_BACKEND", "file")
    from wacampaign_desktop.core.app_context import AppContext
    from wacampaign_desktop.core.webhooks import WebhookServer

    ctx = AppContext.open(args.data_dir, log_to_file=False)
    server = WebhookServer(ctx.bus, lambda: TOKEN, host="127.0.0.1", port=args.port,
                           threads=args.threads)
    server.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print(json.dumps({"status_callback_url": server.status_callback_url}), flush=True)
    while not stop.wait(0.5):
        pass
    server.stop()
    ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
