"""The receivers `bench/webhook_ingest.py` drives, each in its own process on a fresh database:

- `ours`   — the product path: `wacampaign-desktop serve --data-dir D --port P --tunnel local` on
             a real profile holding one campaign of N queued messages with sids `SM{i:032x}`
             (made once through the project's own store code, copied for every run);
- `inproc` — (diagnostic) the same profile served by `WebhookServer` alone, as the old
             in-process bench did (`bench/ingest_inproc_server.py`);
- `peer`   — `../shared/peers/seed_style_receiver.py --lock immediate --seed N`;
- `empty`  — `../shared/peers/empty_endpoint.py --app flask` (the framework alone).

Each has `start() -> status URL`, `cpu_s()` (the receiver process's CPU time, from /proc),
`stop()` and `check(expected)` → regressed count and whether counters equal a recount.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from ingest_load import sid_of

REPO = Path(__file__).resolve().parent.parent
STATUS_PATH = "/api/webhook/twilio/status"
TOKEN = "bench-auth-token-0123456789abcdef"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def find_peers(explicit: str | None) -> Path | None:
    """The peers folder: --peers, else `shared/peers` beside the repository (CI: ../shared)."""
    candidates = [Path(explicit)] if explicit else [REPO.parent / "shared" / "peers"]
    for folder in candidates:
        if (folder / "seed_style_receiver.py").is_file() and (folder / "empty_endpoint.py").is_file():
            return folder
    return None


def _cli() -> list[str]:
    script = Path(sys.executable).with_name("wacampaign-desktop")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from wacampaign_desktop.cli import main; sys.exit(main())"]


def make_profile(folder: Path, messages: int) -> int:
    """A profile with one sending campaign of `messages` queued messages that have sids, made by
    the project's own code (AppContext, the store's insert). Returns the campaign id."""
    os.environ.setdefault("WACAMPAIGN_SECRET_BACKEND", "file")
    sys.path.insert(0, str(REPO))
    from wacampaign_desktop.core.app_context import AppContext
    from wacampaign_desktop.core.store import message_updates as mu
    from wacampaign_desktop.core.store.models import Campaign

    ctx = AppContext.open(folder, log_to_file=False)
    try:
        campaign = Campaign.create(name="bench", body="Hello", state="sending")
        mu.insert_messages(campaign.id, ({"phone": f"+336{i:08d}", "message": "Hello",
                                         "twilio_sid": sid_of(i), "status": "queued"}
                                        for i in range(messages)))
        return int(campaign.id)
    finally:
        ctx.close()


def _proc_cpu_s(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def _wait_listening(port: int, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"receiver exited with code {proc.returncode} before listening")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"receiver not listening on {port} after {timeout:.0f} s")


class Receiver:
    name = "?"
    signs = True  # checks signatures (the empty endpoint does not)

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.port = free_port()  # fixed for the whole bench, so signatures are computed once
        self.proc: subprocess.Popen | None = None
        self.log_path = workdir / f"{self.name}.stderr.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{STATUS_PATH}"

    def command(self) -> list[str]:
        raise NotImplementedError

    def env(self) -> dict[str, str]:
        return dict(os.environ)

    def prepare(self) -> None:
        """Fresh database for the next run."""

    def start(self) -> str:
        self.prepare()
        with open(self.log_path, "ab") as err:
            self.proc = subprocess.Popen(self.command(), stdout=subprocess.PIPE, stderr=err,
                                         env=self.env(), cwd=self.workdir)
        self.wait_ready()
        return self.url

    def wait_ready(self) -> None:
        assert self.proc is not None
        _wait_listening(self.port, self.proc)

    def cpu_s(self) -> float:
        return _proc_cpu_s(self.proc.pid) if self.proc else float("nan")

    def threads(self) -> int:
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("Threads:"):
                    return int(line.split()[1])
        except (OSError, AttributeError):
            pass
        return 0

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)

    def check(self, expected: dict[str, str]) -> tuple[int | None, bool | None]:
        """(regressed, counters == recount) after stop(); None where it does not apply."""
        return None, None


def check_outcome(database: str | Path, campaign_id: int,
                  expected: dict[str, str]) -> tuple[int, bool]:
    """After a storm: how many messages are not at their expected final status (regressed or
    lost), and whether the campaign's stored counters equal a recount. `database`: a SQLite
    file or a PostgreSQL URL."""
    from wacampaign_desktop.core.store import message_updates as mu
    from wacampaign_desktop.core.store.database import bind_database, make_database
    from wacampaign_desktop.core.store.models import CampaignMessage

    db = make_database(database)
    bind_database(db)
    db.connect()
    try:
        status_of = dict(CampaignMessage.select(CampaignMessage.twilio_sid,
                                                CampaignMessage.status).tuples())
        regressed = sum(1 for sid, final in expected.items() if status_of.get(sid) != final)
        return regressed, mu.recount(campaign_id) == mu.campaign_counters(campaign_id)
    finally:
        db.close()


class OurServe(Receiver):
    """`wacampaign-desktop serve` on a copy of the template profile."""

    name = "ours"

    def __init__(self, workdir: Path, template: Path, campaign_id: int,
                 extra_env: dict[str, str] | None = None, name: str | None = None) -> None:
        if name:
            self.name = name
        super().__init__(workdir)
        self.template = template
        self.campaign_id = campaign_id
        self.extra_env = extra_env or {}
        self.profile = workdir / f"{self.name}-profile"

    def prepare(self) -> None:
        shutil.rmtree(self.profile, ignore_errors=True)
        shutil.copytree(self.template, self.profile)

    def env(self) -> dict[str, str]:
        env = dict(os.environ, WACAMPAIGN_SECRET_BACKEND="file",
                   WACAMPAIGN_TWILIO_AUTH_TOKEN=TOKEN, QT_QPA_PLATFORM="offscreen")
        env.update(self.extra_env)
        return env

    def command(self) -> list[str]:
        return [*_cli(), "serve", "--data-dir", str(self.profile), "--port", str(self.port),
                "--host", "127.0.0.1", "--tunnel", "local"]

    def wait_ready(self) -> None:
        """Ready when it prints its JSON line; the URL it gives Twilio must be the signed one."""
        assert self.proc is not None and self.proc.stdout is not None
        deadline = time.monotonic() + 60
        line = b""
        while time.monotonic() < deadline and not line.endswith(b"\n"):
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with code {self.proc.returncode}; "
                                   f"see {self.log_path}")
            ready, _, _ = select.select([self.proc.stdout], [], [], 0.2)
            if ready:
                line += os.read(self.proc.stdout.fileno(), 4096)
        info = json.loads(line.decode().splitlines()[0])
        if info.get("status_callback_url") != self.url:
            raise RuntimeError(f"{self.name} announces {info.get('status_callback_url')}, "
                               f"the bench signed for {self.url}")

    def check(self, expected: dict[str, str]) -> tuple[int | None, bool | None]:
        return check_outcome(self.profile / "wacampaign.sqlite3", self.campaign_id, expected)


class InProcess(OurServe):
    """Diagnostic: `WebhookServer` alone in a process (no CLI, no logging setup)."""

    name = "inproc"

    def command(self) -> list[str]:
        return [sys.executable, str(Path(__file__).with_name("ingest_inproc_server.py")),
                "--data-dir", str(self.profile), "--port", str(self.port)]


class SeedPeer(Receiver):
    name = "peer"

    def __init__(self, workdir: Path, peers: Path, messages: int) -> None:
        super().__init__(workdir)
        self.script = peers / "seed_style_receiver.py"
        self.messages = messages
        self.db_path = workdir / "peer.db"

    def prepare(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.db_path}{suffix}").unlink(missing_ok=True)

    def command(self) -> list[str]:
        return [sys.executable, str(self.script), "--db", str(self.db_path), "--seed",
                str(self.messages), "--port", str(self.port), "--auth-token", TOKEN,
                "--lock", "immediate"]

    def check(self, expected: dict[str, str]) -> tuple[int | None, bool | None]:
        with sqlite3.connect(self.db_path) as conn:
            status_of = dict(conn.execute("SELECT twilio_sid, status FROM campaign_messages"))
        regressed = sum(1 for sid, final in expected.items() if status_of.get(sid) != final)
        out = subprocess.run([sys.executable, str(self.script), "--db", str(self.db_path), "--check"],
                             capture_output=True, text=True, timeout=120, check=True).stdout
        report = json.loads(out)
        return regressed, all(c["match"] for c in report["campaigns"].values())


class EmptyFlask(Receiver):
    name = "empty"
    signs = False

    def __init__(self, workdir: Path, peers: Path) -> None:
        super().__init__(workdir)
        self.script = peers / "empty_endpoint.py"

    def command(self) -> list[str]:
        return [sys.executable, str(self.script), "--app", "flask", "--port", str(self.port)]
