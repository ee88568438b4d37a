"""The ngrok agent through pyngrok: find (or download) the binary, start it, open one endpoint,
tell whether it is still alive, and stop it. Errors come out as TunnelError in plain words."""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass

from wacampaign_desktop.core.paths import find_bundled_ngrok, ngrok_missing_message
from wacampaign_desktop.core.redaction import redact, register_secret

log = logging.getLogger(__name__)


class TunnelError(RuntimeError):
    """The tunnel could not be opened; the message says what to do (never contains a token)."""


@dataclass
class AgentOptions:
    authtoken: str | None = None
    domain: str | None = None  # reserved domain, e.g. "hooks.example.ngrok.app"
    region: str | None = None
    ngrok_path: str | None = None  # a bundled/installed binary; None = pyngrok's default place
    config_path: str | None = None  # None = ngrok's default config file
    startup_timeout: int = 15


class NgrokAgent:
    """One ngrok agent process with one HTTP endpoint forwarding to a local port."""

    def __init__(self, options: AgentOptions) -> None:
        from pyngrok import conf

        register_secret(options.authtoken)
        self.options = options
        bundled = None if options.ngrok_path else find_bundled_ngrok()  # frozen app: shipped agent
        self.config = conf.PyngrokConfig(
            ngrok_path=options.ngrok_path or (str(bundled) if bundled else None),
            config_path=options.config_path or None,
            auth_token=options.authtoken or None,
            region=options.region or None,
            monitor_thread=True,  # keeps draining the agent's log pipe
            startup_timeout=options.startup_timeout,
        )
        self.public_url: str | None = None

    @property
    def ngrok_path(self) -> str:
        return self.config.ngrok_path

    def ensure_binary(self) -> None:
        """Use the configured binary, or let pyngrok download one to its default place."""
        from pyngrok import installer
        from pyngrok.exception import PyngrokError

        path = self.config.ngrok_path
        if os.path.exists(path):
            return
        if self.options.ngrok_path:
            raise TunnelError(
                f"The ngrok program was not found at {path}. Correct the ngrok path "
                "(\"ngrok_path\" in the settings file), or clear it to let the app download ngrok."
            )
        if sys.stdout is None:  # windowed frozen build: pyngrok's progress bar would crash
            installer._print_progress_enabled = False
        log.info("Downloading the ngrok agent to %s (first use)", path)
        try:
            installer.install_ngrok(path, ngrok_version=self.config.ngrok_version)
        except (PyngrokError, OSError) as exc:
            log.error("Downloading the ngrok agent failed: %s", exc)
            raise TunnelError(ngrok_missing_message()) from exc

    def start(self, local_url: str) -> str:
        """Start the agent (if needed) and open the endpoint; returns the public URL. Blocking."""
        from pyngrok import ngrok
        from pyngrok.exception import PyngrokError

        self.ensure_binary()
        options: dict[str, str] = {}
        if self.options.domain:
            domain = self.options.domain.strip().removeprefix("https://").removeprefix("http://")
            options["url"] = f"https://{domain.rstrip('/')}"
        try:
            tunnel = ngrok.connect(local_url, pyngrok_config=self.config, **options)
        except PyngrokError as exc:
            raise TunnelError(self._explain(exc)) from exc
        except OSError as exc:
            raise TunnelError(f"The ngrok agent could not be started: {exc}") from exc
        self.public_url = str(tunnel.public_url)
        return self.public_url

    @staticmethod
    def _explain(exc: Exception) -> str:
        return redact(NgrokAgent._explain_raw(exc))

    @staticmethod
    def _explain_raw(exc: Exception) -> str:
        text = str(exc)
        detail = getattr(exc, "ngrok_error", None) or text
        lowered = str(detail).lower()
        if "authtoken" in lowered or "authentication" in lowered or "err_ngrok_105" in lowered:
            return ("ngrok refused the authtoken. Copy it again from dashboard.ngrok.com and save "
                    f"it in Connect Twilio, under “How Twilio reaches this computer” ({detail}).")
        if "domain" in lowered or "url" in lowered and "reserved" in lowered:
            return f"ngrok refused the reserved domain: {detail}"
        return f"The ngrok tunnel could not be opened: {detail}"

    @property
    def alive(self) -> bool:
        from pyngrok import process

        return process.is_process_running(self.config.ngrok_path)

    @property
    def pid(self) -> int | None:
        from pyngrok import process

        current = process._current_processes.get(self.config.ngrok_path)
        return current.proc.pid if current is not None else None

    def stop(self) -> None:
        from pyngrok import ngrok
        from pyngrok.exception import PyngrokError

        if self.public_url and self.alive:
            try:
                ngrok.disconnect(self.public_url, pyngrok_config=self.config)
            except (PyngrokError, OSError) as exc:
                log.debug("Closing the ngrok endpoint failed: %s", exc)
        ngrok.kill(pyngrok_config=self.config)
        self.public_url = None
