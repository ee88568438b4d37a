"""Self-test: proves an installed (or frozen) app can send and follow a campaign end to end.

In a throw-away profile folder it starts the Runtime in sandbox mode (the local Twilio emulator
and the webhook server on ephemeral 127.0.0.1 ports, no tunnel), sends a campaign to 20
contacts, waits for the signed status callbacks to bring every message to `read`, checks the
stored counters against a recount, and answers one message with a simulated reply; then syncs the
sandbox's WhatsApp templates (the Content API) and sends an approved template with per-recipient
variables to the same contacts, every message to `read`. Before that it checks that the
PostgreSQL driver (psycopg) loads libpq and runs it. Each step is a named `Check`, so a failure
says what broke. Nothing leaves the machine.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

DEFAULT_RECIPIENTS = 20
DEFAULT_TIMEOUT = 90.0  # seconds for the whole campaign; generous for a loaded machine


@dataclass
class Check:
    name: str
    ok: bool
    detail: str = ""
    seconds: float = 0.0


@dataclass
class SelfTestReport:
    checks: list[Check] = field(default_factory=list)
    data_dir: Path | None = None

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(check.ok for check in self.checks)

    @property
    def failures(self) -> list[Check]:
        return [check for check in self.checks if not check.ok]

    def render(self) -> str:
        lines = [f"[{'ok' if c.ok else 'FAIL'}] {c.name} ({c.seconds:.1f}s)"
                 + (f": {c.detail}" if c.detail else "") for c in self.checks]
        if self.ok:
            lines.append("self-test passed")
        else:
            lines.append("self-test FAILED: " + ", ".join(c.name for c in self.failures))
        return "\n".join(lines)


class _StepFailed(Exception):
    """Raised inside a step to fail it with a plain message."""


def wait_until(predicate: Callable[[], object], timeout: float, interval: float = 0.1) -> object:
    """Poll `predicate` until it returns something truthy or `timeout` passes (then: falsy value)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(interval)


def _closed_port() -> int:
    """A local TCP port nothing listens on (bound, then released)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def _env(name: str, value: str) -> Iterator[None]:
    previous = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = previous


def run_self_test(recipients: int = DEFAULT_RECIPIENTS, timeout: float = DEFAULT_TIMEOUT,
                  keep: bool = False, progress: Callable[[Check], None] | None = None,
                  ) -> SelfTestReport:
    """Run every step; stops at the first failing one. `keep` leaves the profile folder behind."""
    from wacampaign_desktop.core.secrets import BACKEND_ENV

    folder = Path(tempfile.mkdtemp(prefix="wacampaign-selftest-"))
    report = SelfTestReport(data_dir=folder)
    # The sandbox needs no secret; never touch the user's keyring from a test run.
    with _env(BACKEND_ENV, "file"):
        try:
            _SelfTest(folder, recipients, timeout, report, progress).run()
        finally:
            if not keep:
                shutil.rmtree(folder, ignore_errors=True)
    return report


class _SelfTest:
    def __init__(self, folder: Path, recipients: int, timeout: float, report: SelfTestReport,
                 progress: Callable[[Check], None] | None) -> None:
        self.folder = folder
        self.recipients = recipients
        self.timeout = timeout
        self.report = report
        self.progress = progress
        self.context = None
        self.runtime = None
        self.campaign_id: int | None = None
        self.phones: list[str] = []
        self.template = None  # TemplateInfo of the template campaign

    def step(self, name: str, action: Callable[[], str]) -> bool:
        started = time.monotonic()
        try:
            detail, ok = action(), True
        except _StepFailed as exc:
            detail, ok = str(exc), False
        except Exception as exc:  # report, don't crash: the point is to name what failed
            log.exception("Self-test step %r failed", name)
            detail, ok = f"{type(exc).__name__}: {exc}", False
        check = Check(name, ok, detail, time.monotonic() - started)
        self.report.checks.append(check)
        if self.progress is not None:
            self.progress(check)
        return ok

    def run(self) -> None:
        steps = [
            ("load the error code explanations", self.load_error_codes),
            ("load the PostgreSQL driver", self.load_postgres_driver),
            ("open a temporary profile", self.open_profile),
            ("start the sandbox and the webhook server", self.start_runtime),
            (f"send a {self.recipients}-recipient campaign", self.send_campaign),
            ("receive the status callbacks", self.wait_for_callbacks),
            ("check the counters", self.check_counters),
            ("receive a reply", self.receive_reply),
            ("sync the WhatsApp templates", self.sync_templates),
            ("send a template campaign", self.send_template_campaign),
        ]
        try:
            for name, action in steps:
                if not self.step(name, action):
                    break
        finally:
            self.shutdown()

    # --- steps ----------------------------------------------------------------------------------
    def load_error_codes(self) -> str:
        from wacampaign_desktop.core.twilio_gateway import errors

        codes = errors.known_codes()
        if 21211 not in codes or not errors.explain_error(63018).retryable:
            raise _StepFailed("error_codes.json is missing from this build: errors would be "
                              "explained generically and never retried")
        return f"{len(codes)} error codes explained"

    def load_postgres_driver(self) -> str:
        """psycopg and the libpq it loads (the Linux bundle: the system's libpq5 through ctypes)
        are there, and libpq really runs: a connection to a closed local port is refused."""
        try:
            import psycopg
        except ImportError as exc:
            raise _StepFailed(f"the PostgreSQL driver cannot load libpq ({exc}); a team database "
                              "would not open. On Debian/Ubuntu: sudo apt install libpq5") from exc
        import peewee

        if getattr(peewee, "psycopg", None) is None:
            raise _StepFailed("peewee does not see the PostgreSQL driver psycopg")
        pq = psycopg.pq
        with contextlib.suppress(psycopg.OperationalError):  # refused, as expected: libpq ran
            psycopg.connect(host="127.0.0.1", port=_closed_port(), dbname="selftest",
                            user="selftest", connect_timeout=5).close()
        return f"libpq {pq.version_pretty(pq.version())} available ({pq.__impl__} implementation)"

    def open_profile(self) -> str:
        from wacampaign_desktop.core.app_context import AppContext

        self.context = AppContext.open(self.folder, log_to_file=True)
        settings = self.context.settings
        settings.use_sandbox = True
        settings.webhook_host = "127.0.0.1"
        settings.webhook_port = 0
        settings.tunnel_mode = "local"
        self.context.save_settings()
        return str(self.folder)

    def start_runtime(self) -> str:
        from wacampaign_desktop.core.runtime import Runtime, RuntimeConfig
        from wacampaign_desktop.core.sandbox import SandboxConfig

        config = RuntimeConfig(sandbox=SandboxConfig(seed=20, step_latency=0.05))
        self.runtime = Runtime(self.context, config)
        self.runtime.start()
        if self.runtime.sandbox is None:
            raise _StepFailed("the runtime did not start the sandbox")
        return (f"sandbox {self.runtime.sandbox.base_url}, "
                f"webhooks {self.runtime.webhooks.local_base_url}")

    def send_campaign(self) -> str:
        from wacampaign_desktop.core.store.models import Campaign, Contact

        self.phones = [f"+336199{i:05d}" for i in range(self.recipients)]
        Contact.insert_many(
            [{"phone": phone, "name": f"Self-test {i + 1}"} for i, phone in enumerate(self.phones)]
        ).execute()
        campaign = Campaign.create(name="Self-test", body="Hello {{name}}, this is a self-test.",
                                   send_rate=50.0, audience={"kind": "all"})
        self.campaign_id = campaign.id
        problems = self.runtime.engine.prepare(campaign.id).problems
        if problems:
            raise _StepFailed("the campaign cannot start: " + "; ".join(map(str, problems)))
        self.runtime.engine.start_campaign(campaign.id)
        sent = wait_until(lambda: self._counters()["pending"] == 0
                          and self._counters()["total"] == self.recipients, self.timeout / 2)
        if not sent:
            raise _StepFailed(f"messages not all sent in time: {self._short_counters()}")
        return f"{self.recipients} messages accepted by the sandbox and reported sent"

    def wait_for_callbacks(self) -> str:
        done = wait_until(lambda: self._counters()["read"] >= self.recipients, self.timeout)
        if not done:
            raise _StepFailed(f"not every message reached 'read' within {self.timeout:.0f}s: "
                              f"{self._short_counters()}")
        from wacampaign_desktop.core.store.models import WebhookEvent

        events = WebhookEvent.select().where(WebhookEvent.kind == "status")
        total = events.count()
        unsigned = events.where(WebhookEvent.signature_valid == False).count()  # noqa: E712
        if unsigned:
            raise _StepFailed(f"{unsigned} of {total} callbacks failed the signature check")
        return f"{total} signed status callbacks, every message read"

    def check_counters(self) -> str:
        from wacampaign_desktop.core.store import message_updates as mu

        stored = self._counters()
        recounted = mu.recount(self.campaign_id)
        if stored != recounted:
            raise _StepFailed(f"stored counters {stored} differ from a recount {recounted}")
        expected = {"total": self.recipients, "sent": self.recipients,
                    "delivered": self.recipients, "read": self.recipients, "pending": 0,
                    "failed": 0, "undelivered": 0}
        wrong = {k: stored.get(k) for k, v in expected.items() if stored.get(k) != v}
        if wrong:
            raise _StepFailed(f"unexpected counters {wrong} (expected {expected})")
        duplicates = {p: n for p, n in self.runtime.sandbox.send_counts().items() if n != 1}
        if duplicates:
            raise _StepFailed(f"recipients not sent exactly once: {duplicates}")
        return self._short_counters()

    def receive_reply(self) -> str:
        self.runtime.sandbox.simulate_reply(self.phones[0], "Thanks!")
        if not wait_until(lambda: self._counters()["replied"] >= 1, self.timeout / 3):
            raise _StepFailed(f"the reply did not reach the campaign: {self._short_counters()}")
        return "reply stored and counted"

    def sync_templates(self) -> str:
        from wacampaign_desktop.core.services.templates import TemplatesService

        service = TemplatesService(self.context)
        result = service.sync(self.runtime.gateway)  # the Content API (twilio.rest.content)
        template = next((t for t in service.list(sendable_only=True)
                         if len(t.placeholders) == 2), None)
        if template is None:
            raise _StepFailed(f"no approved two-placeholder template among {result.total} synced")
        self.template = template
        return f"{result.total} templates synced, {len(service.list(sendable_only=True))} approved"

    def send_template_campaign(self) -> str:
        from wacampaign_desktop.core.store.models import Campaign, CampaignMessage

        first, second = self.template.placeholders
        campaign = Campaign.create(
            name="Self-test template", body="", content_sid=self.template.sid,
            content_variables={first: "{{name}}", second: "Lyon"}, send_rate=50.0,
            audience={"kind": "all"})
        self.campaign_id = campaign.id
        problems = self.runtime.engine.prepare(campaign.id).problems
        if problems:
            raise _StepFailed("the template campaign cannot start: " + "; ".join(map(str, problems)))
        self.runtime.engine.start_campaign(campaign.id)
        if not wait_until(lambda: self._counters()["read"] >= self.recipients, self.timeout):
            raise _StepFailed(f"not every template message reached 'read': {self._short_counters()}")
        message = CampaignMessage.get((CampaignMessage.campaign == campaign.id)
                                      & (CampaignMessage.phone == self.phones[0]))
        wanted = {first: "Self-test 1", second: "Lyon"}
        if message.content_variables != wanted:
            raise _StepFailed(f"variables sent {message.content_variables}, expected {wanted}")
        return f"template {self.template.name!r}: {self._short_counters()}"

    # --- helpers --------------------------------------------------------------------------------
    def _counters(self) -> dict[str, int]:
        from wacampaign_desktop.core.store import message_updates as mu

        return mu.campaign_counters(self.campaign_id)

    def _short_counters(self) -> str:
        return ", ".join(f"{k} {v}" for k, v in self._counters().items() if v)

    def shutdown(self) -> None:
        if self.runtime is not None:
            try:
                self.runtime.stop()
            except Exception:
                log.exception("Stopping the self-test runtime failed")
        if self.context is not None:
            self.context.close()
