"""A throw-away PostgreSQL cluster from the Debian `postgresql` binaries: initdb + pg_ctl in a
temporary folder (as the `postgres` user when running as root, since initdb refuses root), trust
authentication on 127.0.0.1, a free local port, its unix socket in that folder. Used by the test
fixtures (tests/conftest.py) and the benches; `stop()` removes everything."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

BIN_ENV = "WACAMPAIGN_PG_BIN"  # a folder holding initdb and pg_ctl, if not the Debian one


def find_bin_dir() -> Path | None:
    """The folder with initdb and pg_ctl (newest Debian version first), or None."""
    candidates = [os.environ.get(BIN_ENV)] + sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True)
    found = shutil.which("initdb")
    if found:
        candidates.append(str(Path(found).parent))
    for folder in candidates:
        if folder and (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Cluster:
    """One running cluster; `url(name)` is the URL of database `name` as the superuser."""

    def __init__(self, bin_dir: Path, *, fast: bool = True, settings: tuple[str, ...] = ()) -> None:
        """`fast`: no fsync at all (tests); `settings`: more `-c name=value` server settings."""
        self.bin_dir = bin_dir
        self.folder = Path(tempfile.mkdtemp(prefix="wac-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self._as_postgres = os.geteuid() == 0
        if self._as_postgres:
            shutil.chown(self.folder, user="postgres")
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                  "--no-sync", "--locale=C")
        options = [f"-p {self.port}", f"-k {self.folder}", "-c listen_addresses=127.0.0.1",
                   "-c max_connections=200"]
        if fast:  # a throw-away cluster: durability is not wanted, speed is
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        options += [f"-c {setting}" for setting in settings]
        self._run("pg_ctl", "-D", str(self.data), "-o", " ".join(options),
                  "-l", str(self.folder / "server.log"), "-w", "start")

    def _run(self, tool: str, *args: str) -> None:
        command = [str(self.bin_dir / tool), *args]
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise RuntimeError(f"{tool} failed ({result.returncode}): {result.stderr.strip()}")

    def url(self, name: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def execute(self, sql: str) -> None:
        """Run one statement on the maintenance database, outside any transaction."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(sql)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
