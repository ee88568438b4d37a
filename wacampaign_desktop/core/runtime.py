"""Runtime: the one object the CLI and the GUI create to send and receive.

`start()` takes the profile's lock (one sending process per profile: two engines would resolve
each other's claims), then brings up, in order: the Twilio sandbox (when `context.live` is False — no real
credentials, or the sandbox switched on), the gateway, the webhook server, the tunnel (per the
settings) and the campaign engine. `stop()` takes them down in reverse order. Call `start()` off
the GUI thread (ngrok can take seconds).

Live mode talks to api.twilio.com, unless the environment variable WACAMPAIGN_TWILIO_API_URL
gives another base URL (e.g. a sandbox running as `wacampaign-desktop sandbox` in another
process, as the crash test does).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

from wacampaign_desktop.core.app_context import AppContext
from wacampaign_desktop.core.engine import CampaignEngine
from wacampaign_desktop.core.secrets import NGROK_AUTHTOKEN, TWILIO_AUTH_TOKEN
from wacampaign_desktop.core.twilio_gateway import TwilioCredentials, TwilioGateway

log = logging.getLogger(__name__)

API_URL_ENV = "WACAMPAIGN_TWILIO_API_URL"


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
    def __init__(self, context: AppContext, *, sandbox_config: object | None = None,
                 engine_options: dict[str, Any] | None = None) -> None:
        """`sandbox_config`: a SandboxConfig for sandbox mode; `engine_options`: extra keyword
        arguments of CampaignEngine (tests and the benchmark shorten grace and back-off times)."""
        self.context = context
        self._sandbox_config = sandbox_config
        self._engine_options = engine_options or {}
        self.sandbox = None
        self.gateway: TwilioGateway | None = None
        self.webhooks = None
        self.tunnel = None
        self.engine: CampaignEngine | None = None
        self.sender = ""
        self.started = False
        self._lock = ProfileLock(context.paths.data_dir / "runtime.lock")

    @property
    def mode(self) -> str:
        return "sandbox" if self.sandbox is not None else "live"

    def _public_base_url(self) -> str:
        if self.tunnel is not None and getattr(self.tunnel, "public_url", None):
            return str(self.tunnel.public_url)
        return self.webhooks.local_base_url if self.webhooks is not None else ""

    def _credentials(self) -> TwilioCredentials:
        ctx = self.context
        if not ctx.live:
            from wacampaign_desktop.core.sandbox import DEFAULT_SENDER, SandboxConfig, SandboxServer

            config = self._sandbox_config or SandboxConfig(seed=None)
            self.sandbox = SandboxServer(config)  # type: ignore[arg-type]
            self.sandbox.start()
            self.sender = ctx.settings.sender or DEFAULT_SENDER
            return self.sandbox.credentials
        token = ctx.secrets.get(TWILIO_AUTH_TOKEN) or ""
        self.sender = ctx.settings.sender
        return TwilioCredentials(ctx.settings.twilio_account_sid, token,
                                 base_url=os.environ.get(API_URL_ENV) or None)

    def start(self) -> Runtime:
        from wacampaign_desktop.core.webhooks import WebhookServer

        s = self.context.settings
        self._lock.acquire()
        try:
            credentials = self._credentials()
            self.gateway = TwilioGateway(credentials)
            self.webhooks = WebhookServer(
                self.context.bus, auth_token=lambda: credentials.auth_token,
                public_base_url=self._public_base_url, host=s.webhook_host, port=s.webhook_port,
            )
            self.webhooks.start()
            if self.sandbox is not None:
                self.sandbox.incoming_url = self.webhooks.incoming_url
            self._start_tunnel()
            webhooks = self.webhooks
            self.engine = CampaignEngine(
                self.context.bus, self.gateway, s,
                status_callback_url=lambda: webhooks.status_callback_url,
                default_sender=self.sender or None, **self._engine_options,
            )
            self.engine.start()
        except Exception:
            self.stop()
            raise
        self.started = True
        log.info("Runtime up (%s mode, webhooks on %s, public URL %s)", self.mode,
                 self.webhooks.local_base_url, self._public_base_url())
        return self

    def _start_tunnel(self) -> None:
        s = self.context.settings
        try:
            from wacampaign_desktop.core.tunnel import TunnelManager
        except ImportError:
            log.warning("Tunnel support is not available in this build; using the local URL")
            return
        self.tunnel = TunnelManager(
            s.tunnel_mode, self.context.bus, self.webhooks.port,
            ngrok_authtoken=self.context.secrets.get(NGROK_AUTHTOKEN) if s.tunnel_mode == "ngrok" else None,
            domain=s.ngrok_domain or None, region=s.ngrok_region or None,
            ngrok_path=s.ngrok_path or None, public_url=s.public_url or None,
        )
        self.tunnel.start()

    def stop(self) -> None:
        for name in ("engine", "tunnel", "webhooks", "sandbox"):
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
