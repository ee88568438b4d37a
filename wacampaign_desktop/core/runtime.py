"""Runtime: the one object the CLI and the GUI create to send and receive.

`Runtime(context, config)`: the profile from the AppContext (settings, secrets, database, clock)
and a RuntimeConfig (Twilio API URL for live mode, sandbox behaviour, engine and webhook
options, gateway and tunnel factories). `start()` takes the profile's lock (one sending process
per profile: two engines would resolve each other's claims), then brings up, in order: the
Twilio sandbox (when `context.live` is False — no real credentials, or the sandbox switched on),
the gateway, the store writer (shared by the webhook server and the engine), the webhook
server, the tunnel (per the settings), the campaign engine and the housekeeping (webhook-log
retention, daily backup). `stop()` takes them down in reverse order. Call `start()` off the GUI thread
(ngrok can take seconds).

A tunnel that cannot start (ngrok offline, a wrong path or token, a bad own URL) does not stop
the rest: the webhook server and the sandbox keep running on the local URL, the tunnel's state
is "error" and an Alert ("tunnel_down") says what failed and where to change it.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from wacampaign_desktop.core.alerts_monitor import AlertsMonitor
from wacampaign_desktop.core.app_context import AppContext
from wacampaign_desktop.core.clock import Clock
from wacampaign_desktop.core.engine import CampaignEngine
from wacampaign_desktop.core.engine.window import AudienceRules, audience_rules
from wacampaign_desktop.core.events import Alert
from wacampaign_desktop.core.housekeeping import Housekeeping
from wacampaign_desktop.core.runtime_config import RuntimeConfig
from wacampaign_desktop.core.secrets import NGROK_AUTHTOKEN, TWILIO_AUTH_TOKEN
from wacampaign_desktop.core.store.storage_health import StorageHealth, space_available
from wacampaign_desktop.core.store.writer import StoreWriter
from wacampaign_desktop.core.twilio_gateway import TwilioCredentials, TwilioGateway

log = logging.getLogger(__name__)
CATCH_UP_FIRST_WAIT_S = 10.0  # Runtime.start waits this long at most for the first catch-up

# The environment variable the CLI's --api-url option defaults to (cli/__init__.py reads it;
# nothing in core does). Kept here for callers that import it from the runtime.
API_URL_ENV = "WACAMPAIGN_TWILIO_API_URL"

__all__ = ["API_URL_ENV", "ProfileLock", "Runtime", "RuntimeBusy", "RuntimeConfig"]


class RuntimeBusy(RuntimeError):
    """Another process already sends from this profile (two engines would fight over claims)."""


class ProfileLock:
    """An exclusive OS lock on `<data dir>/runtime.lock`, released when the process ends (even
    by kill -9), so at most one engine runs per profile."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle = None

    def acquire(self) -> None:
        handle = open(self.path, "a+")  # noqa: SIM115 - held open while the runtime runs
        try:
            if sys.platform == "win32":
                import msvcrt

                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            handle.close()
            raise RuntimeBusy(
                "another WA Campaign Desktop (window or command) is already sending from this "
                "profile; close it first or use it"
            ) from exc
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing drops the lock
            self._handle = None


class Runtime:
    def __init__(self, context: AppContext, config: RuntimeConfig | None = None, *,
                 sandbox_config: object | None = None,
                 engine_options: Mapping[str, Any] | None = None) -> None:
        """`config`: how to build the parts (RuntimeConfig() by default). The keywords
        `sandbox_config` (a SandboxConfig) and `engine_options` (EngineOptions fields) are the
        older spelling of `config.sandbox` / `config.engine`, applied on top of `config`."""
        self.context = context
        self.config = (config or RuntimeConfig()).with_legacy(sandbox_config, engine_options)
        self.clock: Clock = self.config.clock or context.clock
        self.sandbox = None
        self.gateway: TwilioGateway | None = None
        self.writer: StoreWriter | None = None
        self.storage_health: StorageHealth | None = None
        self.webhooks = None
        self.tunnel = None
        self.engine: CampaignEngine | None = None
        self.housekeeping: Housekeeping | None = None  # log retention, daily backup
        self.alerts: AlertsMonitor | None = None  # failure share, undelivered, no callback (G)
        self.automation = None  # reply rules, run after each incoming message is stored (F)
        self.credentials: TwilioCredentials | None = None
        self.route_keeper = None  # re-applies Twilio's webhooks when the public URL changes
        self.catch_up = None  # lists from Twilio what the webhooks missed (A, engine/catch_up.py)
        self.sender = ""
        self.started = False
        self._lock = ProfileLock(context.paths.data_dir / "runtime.lock")

    @property
    def mode(self) -> str:
        return "sandbox" if self.sandbox is not None else "live"

    def audience_rules(self) -> AudienceRules:
        """Live mode leaves demo contacts out and guards the 24-hour window (also a sandbox
        that enforces it), unless the window_guard setting is off; now by the runtime's clock."""
        enforces = bool(self.sandbox is not None
                        and getattr(self.sandbox.config, "enforce_session_window", False))
        return audience_rules(self.context.settings, live=self.sandbox is None,
                              now=self.clock.now(), sandbox_enforces_window=enforces)

    def _public_base_url(self) -> str:
        if self.tunnel is not None and getattr(self.tunnel, "public_url", None):
            return str(self.tunnel.public_url)
        return self.webhooks.local_base_url if self.webhooks is not None else ""

    def _credentials(self) -> TwilioCredentials:
        ctx = self.context
        live = ctx.live or bool(  # serve: the token from its environment or a credential file
            self.config.auth_token and not ctx.settings.use_sandbox
            and ctx.settings.twilio_account_sid)
        if not live:
            from wacampaign_desktop.core.sandbox import DEFAULT_SENDER, SandboxConfig, SandboxServer

            config = self.config.sandbox or SandboxConfig(seed=None)
            self.sandbox = SandboxServer(config)  # type: ignore[arg-type]
            self.sandbox.start()
            self.sender = ctx.settings.sender or DEFAULT_SENDER
            return self.sandbox.credentials
        token = self.config.auth_token or ctx.secrets.get(TWILIO_AUTH_TOKEN) or ""
        self.sender = ctx.settings.sender
        return TwilioCredentials(ctx.settings.twilio_account_sid, token,
                                 base_url=self.config.api_url or None)

    def start(self) -> Runtime:
        from wacampaign_desktop.core.webhooks import WebhookServer

        ctx, s = self.context, self.context.settings
        self._lock.acquire()
        try:
            self.credentials = credentials = self._credentials()
            self.gateway = self.config.gateway_factory(credentials)
            self.storage_health = StorageHealth(  # storage_full / storage_ok alerts
                ctx.bus, room=lambda: space_available(ctx.db, ctx.paths.data_dir))
            self.writer = StoreWriter(ctx.db, ctx.bus, clock=self.clock, health=self.storage_health)
            self.writer.start()
            self.webhooks = WebhookServer(
                ctx.bus, auth_token=lambda: credentials.auth_token,
                public_base_url=self._public_base_url, host=s.webhook_host, port=s.webhook_port,
                db=ctx.db, writer=self.writer, clock=self.clock, **dict(self.config.webhook_options),
            )
            self.webhooks.start()
            if self.sandbox is not None:
                self.sandbox.incoming_url = self.webhooks.incoming_url
            self._start_route_keeper()
            self._start_tunnel()
            webhooks = self.webhooks
            self.engine = CampaignEngine(
                ctx.bus, self.gateway, s,
                status_callback_url=lambda: webhooks.status_callback_url,
                db=ctx.db, clock=self.clock, writer=self.writer, options=self.config.engine,
                default_sender=self.sender or None, storage_folder=ctx.paths.data_dir,
                audience_rules=self.audience_rules,
            )
            self.alerts = AlertsMonitor(ctx.bus, s, self.clock).start()
            self._start_automation()
            self.housekeeping = Housekeeping(ctx).start()
            self._start_catch_up()  # what was missed first (a STOP while closed), then send
            self.engine.start()
        except Exception:
            self.stop()
            raise
        self.started = True
        log.info("Runtime up (%s mode, webhooks on %s, public URL %s)", self.mode,
                 self.webhooks.local_base_url, self._public_base_url())
        return self

    def _start_catch_up(self) -> None:
        """Catch-up from Twilio: at start (before the engine resumes sending), when the tunnel
        or webhook URL is back, and every `catch_up_minutes` while a campaign is being sent
        (replies and statuses missed)."""
        from wacampaign_desktop.core.engine.catch_up import CatchUp

        engine, s = self.engine, self.context.settings
        if self.gateway is None or self.writer is None or engine is None or not self.sender:
            return
        self.catch_up = CatchUp(self.gateway, self.writer, self.context.bus, sender=self.sender,
                                clock=self.clock, interval_s=s.catch_up_minutes * 60,
                                active=lambda: bool(engine.feeding)).start()
        # Sending resumes once the start's catch-up is done (or after a short wait when
        # Twilio is slow), so replies and failures missed while closed count first.
        self.catch_up.wait_first(CATCH_UP_FIRST_WAIT_S)

    def _start_tunnel(self) -> None:
        """The tunnel per the settings. If it fails, the local webhooks and the sandbox stay up:
        the tunnel is left in state "error" and an Alert says where to change the mode."""
        s = self.context.settings
        try:
            from wacampaign_desktop.core.tunnel import TunnelManager
        except ImportError:
            log.warning("Tunnel support is not available in this build; using the local URL")
            return
        factory = self.config.tunnel_factory or TunnelManager
        try:
            self.tunnel = factory(
                s.tunnel_mode, self.context.bus, self.webhooks.port,
                ngrok_authtoken=(self.context.secrets.get(NGROK_AUTHTOKEN)
                                 if s.tunnel_mode == "ngrok" else None),
                domain=s.ngrok_domain or None, region=s.ngrok_region or None,
                ngrok_path=s.ngrok_path or None,
                public_url=(s.server_url if s.tunnel_mode == "server" else s.public_url) or None,
            )
            self.tunnel.start()
        except Exception as exc:
            log.error("The %s tunnel did not start (%s); webhooks stay local on %s",
                      s.tunnel_mode, exc, self.webhooks.local_base_url)
            self.context.bus.publish(tunnel_failed_alert(s.tunnel_mode, str(exc),
                                                         self.webhooks.local_base_url))

    # -- Twilio's webhook settings ("Apply to Twilio") -------------------------------------
    @property
    def public_url(self) -> str:
        """The base URL Twilio should post to: the tunnel's, the own URL or the team's server."""
        return self._public_base_url()

    def webhook_routes(self):  # -> WebhookRoutes | None
        """The running account's and sender's webhook settings on Twilio (None before start)."""
        from wacampaign_desktop.core.services.webhook_routes import WebhookRoutes

        if self.credentials is None or not self.sender:
            return None
        return WebhookRoutes(self.credentials, self.sender)

    def _start_route_keeper(self) -> None:
        from wacampaign_desktop.core.tunnel.route_keeper import RouteKeeper

        self.route_keeper = RouteKeeper(self.context.bus, self.webhook_routes).start()

    def _start_automation(self) -> None:
        """Reply rules on each stored incoming message, with this runtime's gateway; their
        replies carry the status callback URL campaign messages use."""
        from wacampaign_desktop.core.automation.actions import Automation
        from wacampaign_desktop.core.automation.worker import AutomationWorker

        ctx, webhooks = self.context, self.webhooks
        automation = Automation(self.gateway, lambda: ctx.settings, self.clock,
                                sender=lambda: self.sender,
                                status_callback=lambda: webhooks.status_callback_url,
                                publish=ctx.bus.publish)
        self.automation = AutomationWorker(ctx.bus, automation).start()

    def stop(self) -> None:
        for name in ("catch_up", "alerts", "automation", "housekeeping", "engine", "route_keeper",
                     "tunnel", "webhooks", "writer", "sandbox"):
            part = getattr(self, name)
            if part is None:
                continue
            try:
                part.stop()
            except Exception:
                log.exception("Stopping the %s failed", name)
        if self.gateway is not None:
            self.gateway.close()
        self._lock.release()
        self.started = False

    def __enter__(self) -> Runtime:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


WHERE_TO_CHANGE_THE_TUNNEL = (
    "To change it, open File → Connect Twilio… and pick another choice under "
    "“How Twilio reaches this computer”."
)


def tunnel_failed_alert(mode: str, reason: str, local_url: str) -> Alert:
    """The Alert for a tunnel that could not start: what failed, what still works, where to
    change it (the Connect Twilio dialog; there is no other place)."""
    what = {"ngrok": "The ngrok tunnel", "own_url": "Your own public address"}.get(
        mode, "The public webhook address")
    reason = reason.rstrip(".")
    return Alert(
        code="tunnel_down", level="error",
        message=(f"{what} could not be set up: {reason}. Sending still works and webhooks are "
                 f"received on this computer ({local_url}), but Twilio's status updates cannot "
                 f"reach it. {WHERE_TO_CHANGE_THE_TUNNEL}"),
        details={"mode": mode},
    )
