"""TunnelManager: the public URL Twilio posts to, in one of three modes.

- "local": no tunnel; the sandbox (or anything on this machine) posts to 127.0.0.1.
- "own_url": the user's reverse proxy / cloudflared / server; we check it reaches /healthz.
- "ngrok": an ngrok agent through pyngrok, watched: if the agent dies it is restarted, the new
  URL is published, and an Alert says callbacks sent to the old URL may be lost.
- "server": the team's always-on receiver (`serve` on a server) at `public_url`: no tunnel; its
  /healthz is polled (every `server_poll_interval` s) and `server_health` holds the last answer;
  a state change (reachable or not) is published.

`start()` blocks (agent start-up): call it off the GUI thread.
"""

from __future__ import annotations

import logging
import threading

from wacampaign_desktop.core.events import Alert, EventBus, TunnelStateChanged
from wacampaign_desktop.core.tunnel.health import check_reaches_app
from wacampaign_desktop.core.tunnel.ngrok_agent import AgentOptions, NgrokAgent, TunnelError
from wacampaign_desktop.core.tunnel.server_health import ServerHealth, fetch_server_health

log = logging.getLogger(__name__)

MODES = ("local", "ngrok", "own_url", "server")


class TunnelManager:
    def __init__(
        self,
        mode: str,
        bus: EventBus,
        local_port: int,
        ngrok_authtoken: str | None = None,
        domain: str | None = None,
        region: str | None = None,
        ngrok_path: str | None = None,
        public_url: str | None = None,
        *,
        config_path: str | None = None,
        local_host: str = "127.0.0.1",
        watch_interval: float = 2.0,
        restart_attempts: int = 5,
        startup_timeout: int = 15,
        server_poll_interval: float = 30.0,
    ) -> None:
        if mode not in MODES:
            raise TunnelError(f"Unknown tunnel mode {mode!r}; choose one of {', '.join(MODES)}")
        self.mode = mode
        self._bus = bus
        self.local_port = local_port
        self._local_host = local_host
        self._own_url = (public_url or "").rstrip("/")
        self._agent_options = AgentOptions(
            authtoken=ngrok_authtoken, domain=domain, region=region, ngrok_path=ngrok_path,
            config_path=config_path, startup_timeout=startup_timeout,
        )
        self._agent: NgrokAgent | None = None
        self._watch_interval = watch_interval
        self._restart_attempts = restart_attempts
        self._stop = threading.Event()
        self._watcher: threading.Thread | None = None
        self._lock = threading.Lock()
        self.public_url: str | None = None
        self.state = "stopped"
        self.message = ""
        self.restarts = 0
        self.server_poll_interval = server_poll_interval
        self.server_health: ServerHealth | None = None

    @property
    def local_url(self) -> str:
        return f"http://{self._local_host}:{self.local_port}"

    @property
    def agent_pid(self) -> int | None:
        return self._agent.pid if self._agent is not None else None

    def _set_state(self, state: str, message: str = "") -> None:
        self.state, self.message = state, message
        self._bus.publish(TunnelStateChanged(self.mode, state, self.public_url or "", message))

    # -- lifecycle -----------------------------------------------------------------------
    def start(self) -> str:
        """Bring the public URL up and return it. Raises TunnelError (ngrok) with a clear message."""
        self._stop.clear()
        if self.mode == "local":
            self.public_url = self.local_url
            self._set_state("up", "local only: webhooks reach this computer only")
            return self.public_url
        if self.mode == "own_url":
            return self._start_own_url()
        if self.mode == "server":
            return self._start_server()
        return self._start_ngrok()

    def _start_server(self) -> str:
        if not self._own_url.startswith(("https://", "http://")):
            why = ("your server's address is not set: enter it in Connect Twilio, under "
                   "“How Twilio reaches this computer”, “Our server at URL”")
            self._set_state("error", why)
            raise TunnelError(why[0].upper() + why[1:])
        self.public_url = self._own_url
        self.poll_server()
        self._watcher = threading.Thread(target=self._watch_server, name="server-health",
                                         daemon=True)
        self._watcher.start()
        return self.public_url

    def poll_server(self) -> ServerHealth:
        """Ask the server's /healthz now; publish the state when it (or its health line: the
        last callback's age) changed, so the window's status stays current."""
        health = fetch_server_health(self._own_url)
        before, said = self.server_health, self.message
        self.server_health = health
        if before is None or before.ok != health.ok or said != health.summary() \
                or self.state not in ("up", "error"):
            if health.ok:
                self._set_state("up", health.summary())
            else:
                log.warning("The team's receiver is not reachable: %s", health.problem)
                self._set_state("error", health.summary())
        return health

    def _watch_server(self) -> None:
        while not self._stop.wait(self.server_poll_interval):
            self.poll_server()

    def _start_own_url(self) -> str:
        if not self._own_url.startswith(("https://", "http://")):
            why = ("your own public address is not set (it must start with https://): enter it "
                   "in Connect Twilio, under “How Twilio reaches this computer”")
            self._set_state("error", why)
            raise TunnelError(why[0].upper() + why[1:])
        self.public_url = self._own_url
        ok, why = check_reaches_app(self._own_url)
        if ok:
            self._set_state("up", f"{self._own_url}/healthz reaches this app")
        else:
            log.warning("Own public URL check failed: %s", why)
            self._set_state("error", why)
            self._bus.publish(Alert(
                code="tunnel_down", level="warning",
                message=f"Your public URL does not reach this app yet: {why}. Twilio's callbacks "
                        "will not arrive until it does.",
            ))
        return self.public_url

    def _start_ngrok(self) -> str:
        self._set_state("starting")
        agent = NgrokAgent(self._agent_options)
        try:
            url = agent.start(self.local_url)
        except TunnelError as exc:
            log.error("ngrok tunnel failed: %s", exc)
            self._set_state("error", str(exc))
            raise
        with self._lock:
            self._agent = agent
            self.public_url = url
        log.info("ngrok tunnel up: %s -> %s", url, self.local_url)
        self._set_state("up")
        self._watcher = threading.Thread(target=self._watch, name="tunnel-watchdog", daemon=True)
        self._watcher.start()
        return url

    def stop(self) -> None:
        self._stop.set()
        if self._watcher is not None and self._watcher is not threading.current_thread():
            self._watcher.join(self._watch_interval + 30)  # the server poll ends within its timeout
        self._watcher = None
        with self._lock:
            agent, self._agent = self._agent, None
        if agent is not None:
            try:
                agent.stop()
            except Exception as exc:  # stopping must never raise into the caller's shutdown
                log.warning("Stopping the ngrok agent failed: %s", exc)
        if self.state != "stopped":
            self._set_state("stopped")

    # -- watchdog ------------------------------------------------------------------------
    def _watch(self) -> None:
        idle = 0.0
        while not self._stop.wait(self._watch_interval):
            agent = self._agent
            if agent is not None and agent.alive:
                continue
            if agent is None:  # "down" after failed restarts: try again every 30 s or so
                idle += self._watch_interval
                if idle < 30.0:
                    continue
            idle = 0.0
            self._restart(agent)

    def _restart(self, dead: NgrokAgent | None) -> None:
        old_url = self.public_url or ""
        log.warning("The ngrok agent stopped unexpectedly; restarting it")
        self._set_state("restarting", "the ngrok agent stopped; restarting it")
        for attempt in range(1, self._restart_attempts + 1):
            if self._stop.is_set():
                return
            agent = NgrokAgent(self._agent_options)
            try:
                url = agent.start(self.local_url)
            except TunnelError as exc:
                log.warning("ngrok restart attempt %d failed: %s", attempt, exc)
                if self._stop.wait(min(30.0, 1.0 * 2 ** attempt)):
                    return
                continue
            with self._lock:
                if self._stop.is_set():
                    agent.stop()
                    return
                self._agent = agent
                self.public_url = url
            self.restarts += 1
            log.warning("ngrok tunnel restarted: new public URL %s (was %s)", url, old_url)
            self._set_state("up", f"restarted; the public URL changed from {old_url}")
            self._bus.publish(Alert(
                code="tunnel_restarted", level="warning",
                message=(f"The ngrok tunnel was restarted and its public URL changed to {url}. "
                         f"Callbacks Twilio sent to the old URL ({old_url}) may be lost; the app "
                         "checks those messages' statuses with Twilio."),
                details={"old_url": old_url, "new_url": url},
            ))
            return
        was_down = dead is None  # a periodic retry while down: the Alert was already given
        self._set_state("down", "the ngrok agent could not be restarted")
        with self._lock:
            if self._agent is dead:
                self._agent = None
        if was_down:
            return  # already said so
        self._bus.publish(Alert(
            code="tunnel_down", level="error",
            message="The ngrok tunnel is down and could not be restarted; Twilio's callbacks cannot "
                    "reach this app. Check your internet connection and ngrok settings.",
        ))
