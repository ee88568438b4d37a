"""SandboxServer: the Twilio emulator served by Waitress on a background thread, with its
callback scheduler and simulated incoming replies."""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import replace

from waitress import wasyncore
from waitress.server import create_server

from wacampaign_desktop.core.redaction import register_secret
from wacampaign_desktop.core.sandbox.api import SandboxApi
from wacampaign_desktop.core.sandbox.config import API_VERSION, DEFAULT_SENDER, SandboxConfig
from wacampaign_desktop.core.sandbox.content import ContentCatalogue, SandboxTemplate
from wacampaign_desktop.core.sandbox.lifecycle import CallbackScheduler
from wacampaign_desktop.core.sandbox.resources import WebhookResources
from wacampaign_desktop.core.sandbox.signing import Signer, post_signed
from wacampaign_desktop.core.sandbox.state import SandboxMessage, SandboxState, SandboxStats
from wacampaign_desktop.core.sandbox.story import PlannedCallback, Step, Story, make_sid
from wacampaign_desktop.core.sandbox.webhook_params import (
    bare_number,
    incoming_params,
    status_callback_params,
)
from wacampaign_desktop.core.twilio_gateway.types import TwilioCredentials

log = logging.getLogger(__name__)


class SandboxError(Exception):
    """The sandbox could not start (e.g. its port is taken)."""


class SandboxServer:
    """A local Twilio: `start()`, point a TwilioGateway at `.credentials`, `stop()`."""

    def __init__(self, config: SandboxConfig | None = None) -> None:
        self.config = config or SandboxConfig()
        problems = self.config.validate()
        if problems:
            raise ValueError("; ".join(problems))
        seed = self.config.seed
        self.account_sid = self.config.account_sid or make_sid("AC", seed, "account")
        self.auth_token = self.config.auth_token or make_sid("", seed, "token")
        register_secret(self.auth_token)
        self.channel_install_sid = make_sid("XE", seed, "channel")
        self.incoming_url = self.config.incoming_url
        self.state = SandboxState()
        self._signer = Signer(self.auth_token)
        self._scheduler = CallbackScheduler(self.config.callback_workers)
        self._server = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._reply_counter = 0
        self._reply_lock = threading.Lock()
        self._unreachable: set[str] = set()  # base URLs nobody listens at (mark_unreachable)
        self._hurried_until = 0.0  # messages created by then live at once (deliver_everything_now)
        self.api = SandboxApi(self.config, self.state, self.account_sid, self.auth_token, self)

    # --- lifecycle ------------------------------------------------------------------------
    def start(self) -> None:
        if self._thread is not None:
            return
        try:
            self._server = create_server(
                self.api, host=self.config.host, port=self.config.port,
                threads=self.config.threads, ident="TwilioSandbox",
                connection_limit=1000, channel_timeout=120, clear_untrusted_proxy_headers=True,
            )
        except OSError as exc:
            raise SandboxError(f"The sandbox could not listen on {self.config.host}:"
                               f"{self.config.port}: {exc.strerror or exc}") from exc
        self._stopping.clear()
        self._scheduler.start()
        self._thread = threading.Thread(target=self._serve, name="sandbox-waitress", daemon=True)
        self._thread.start()
        log.info("sandbox listening on %s (account %s)", self.base_url, self.account_sid)

    def _serve(self) -> None:
        server = self._server
        assert server is not None
        try:
            while not self._stopping.is_set():
                wasyncore.loop(timeout=0.5, map=server._map, use_poll=True, count=1)
        finally:
            server.task_dispatcher.shutdown()
            wasyncore.close_all(server._map)

    def stop(self) -> None:
        if self._thread is None:
            return
        self._stopping.set()
        self._scheduler.stop()
        if self._server is not None:
            # wake the loop at once; OSError: the loop already ended and closed the trigger
            with contextlib.suppress(OSError):
                self._server.pull_trigger()
        self._thread.join(timeout=10)
        self._thread = None
        self._server = None
        log.info("sandbox stopped")

    def __enter__(self) -> SandboxServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- what callers read ----------------------------------------------------------------
    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the sandbox is not running")
        return int(self._server.effective_port)

    @property
    def base_url(self) -> str:
        return f"http://{self.config.host}:{self.port}"

    @property
    def credentials(self) -> TwilioCredentials:
        return TwilioCredentials(self.account_sid, self.auth_token, self.base_url)

    @property
    def stats(self) -> SandboxStats:
        return self.state.stats

    def send_count(self, phone: str) -> int:
        """How many messages were accepted for `phone` ("+E164" or "whatsapp:+E164")."""
        number = phone.split(":", 1)[1] if ":" in phone else phone
        with self.state.lock:
            return self.state.sends_per_phone.get(number, 0)

    def send_counts(self) -> dict[str, int]:
        with self.state.lock:
            return dict(self.state.sends_per_phone)

    def messages(self) -> list[SandboxMessage]:
        """The messages sent through the API (outbound), oldest first."""
        return [m for m in self.state.all_messages() if m.direction != "inbound"]

    def inbound_messages(self) -> list[SandboxMessage]:
        """The contacts' messages to the senders (replies, seeded history), oldest first."""
        return self.state.inbound_messages()

    @property
    def content(self) -> ContentCatalogue:
        """The Content API's templates (the demo catalogue unless `seed_templates=False`)."""
        return self.api.content

    @property
    def resources(self) -> WebhookResources:
        """Messaging Services, Senders API senders and phone numbers with their webhook URLs."""
        return self.api.resources

    def add_template(self, friendly_name: str, body: str, *, language: str = "en",
                     variables: dict[str, str] | None = None, status: str = "approved",
                     **fields: object) -> SandboxTemplate:
        """Add a Content API template (fields: content_type, media, actions, category,
        rejection_reason, sid); returns it (its `.sid` is the HX… to send)."""
        return self.api.content.add(friendly_name, body, language=language,
                                    variables=variables, status=status, **fields)

    def pending_callbacks(self) -> int:
        return self._scheduler.pending()

    # --- lifecycle of each message (called by the API) -------------------------------------
    def message_created(self, message: SandboxMessage, story: Story) -> None:
        self.state.bump("callbacks_dropped", story.dropped)
        if story.reply is not None and story.reply_at is not None:
            self._schedule_reply(message, story.reply, story.reply_at)
        if not (self.config.callbacks_enabled and message.status_callback):
            return
        callbacks = list(story.callbacks)
        if self.config.callback_before_response and callbacks:
            # The race real Twilio can produce: a callback arrives before the create answered.
            self._post_callback(message, callbacks.pop(0))
        self._schedule_next(message, callbacks)

    def _schedule_next(self, message: SandboxMessage, remaining: list[PlannedCallback]) -> None:
        """Callbacks of one message are chained, so a message's posts never overtake each
        other by accident (out-of-order delivery is only what reorder_rate plans)."""
        if not remaining:
            return
        planned, rest = remaining[0], remaining[1:]

        def job() -> None:
            self._post_callback(message, planned)
            self._schedule_next(message, rest)

        delay = message.created + planned.at - time.time()
        self._scheduler.schedule(0.0 if message.created <= self._hurried_until else delay, job)

    def deliver_everything_now(self) -> int:
        """Time passes for Twilio at once (the hours an app stays closed, in a test): every
        message not at its last status reaches it now (the remaining statuses dated now) and
        every callback still planned is posted now, in order, to wherever it goes. Messages
        created afterwards live at the normal pace. Returns how many messages moved on."""
        now = time.time()
        moved = 0
        with self._reply_lock:
            self._hurried_until = now
        for message in self.messages():
            elapsed = now - message.created
            if message.timeline[-1].at > elapsed:
                message.timeline = [step if step.at <= elapsed else replace(step, at=elapsed)
                                    for step in message.timeline]
                moved += 1
        self._scheduler.hurry()
        return moved

    def mark_unreachable(self, base_url: str) -> None:
        """Nobody listens at `base_url` any more (an app that was closed): posts to URLs under
        it fail at once, as a refused connection would, without touching the network."""
        with self._reply_lock:
            self._unreachable.add(base_url.rstrip("/"))

    def _reachable(self, url: str) -> bool:
        with self._reply_lock:
            return not any(url.startswith(base) for base in self._unreachable)

    def _post_callback(self, message: SandboxMessage, planned: PlannedCallback) -> None:
        assert message.status_callback is not None
        if not self._reachable(message.status_callback):
            self.state.bump("callbacks_failed")
            return
        params = status_callback_params(message, planned.step, self.channel_install_sid)
        token = f"{message.sid}-{planned.step.status}"
        status = post_signed(self._signer, message.status_callback, params,
                             timeout=self.config.callback_timeout,
                             headers={"I-Twilio-Idempotency-Token": token})
        if status is None:
            self.state.bump("callbacks_failed")
        else:
            self.state.bump("callbacks_posted")
            if planned.duplicate:
                self.state.bump("callbacks_duplicated")

    # --- simulated incoming messages ------------------------------------------------------
    def incoming_target(self, to: str | None = None) -> str | None:
        """Where Twilio would post a message to sender `to`: the URL set on its Messaging
        Service / Senders API sender / phone number, else `incoming_url`."""
        return self.resources.incoming_target(to or DEFAULT_SENDER) or self.incoming_url

    def seed_inbound(self, from_phone: str, body: str = "Hello", *, at: float | None = None,
                     to: str | None = None, service_sid: str | None = None,
                     media_types: Sequence[str] = ()) -> SandboxMessage:
        """Record that `from_phone` wrote to sender `to` at epoch `at` (default now), without
        posting anything: Twilio's message history (listed by catch-up) and the 24-hour window
        (opened at `at`) see it. `media_types` (e.g. ("image/jpeg",)): the message carries that
        many media, kept by Twilio (an MM… sid; its Media list names each one's URL)."""
        with self._reply_lock:
            n = self._reply_counter
            self._reply_counter += 1
        number = bare_number(from_phone)
        when = time.time() if at is None else at
        prefix = "MM" if media_types else "SM"
        message = SandboxMessage(
            sid=make_sid(prefix, self.config.seed, "reply", number, n),
            account_sid=self.account_sid, to=_whatsapp(to or DEFAULT_SENDER),
            from_=_whatsapp(number), messaging_service_sid=service_sid, body=body, media_urls=[],
            content_sid=None, status_callback=None, created=when,
            timeline=[Step(0.0, "received")], direction="inbound",
            media_types=list(media_types))
        base = f"{self.base_url}/{API_VERSION}/Accounts/{self.account_sid}/Messages/{message.sid}"
        message.media_urls = [f"{base}/Media/{message.media_sid(i)}"
                              for i in range(len(media_types))]
        self.state.add(message)
        self.state.note_inbound(number, when)  # opens the 24-hour window
        return message

    def simulate_reply(self, from_phone: str, body: str, to: str | None = None, *,
                       url: str | None = None, profile_name: str | None = None,
                       media_types: Sequence[str] = ()) -> str:
        """Record an incoming WhatsApp message and post it, signed, to `url` (default: the
        sender's configured URL, see `incoming_target`).

        Returns the new message sid. Raises RuntimeError if no URL is known or the receiver
        could not be reached (the message stays in Twilio's history all the same)."""
        target = url or self.incoming_target(to)
        message = self.seed_inbound(from_phone, body, to=to, media_types=media_types)
        if not target:
            raise RuntimeError("the sandbox has no incoming_url to post replies to")
        if not self._post_inbound(message, target, profile_name):
            raise RuntimeError(f"the incoming webhook at {target} could not be reached")
        return message.sid

    def _post_inbound(self, message: SandboxMessage, target: str,
                      profile_name: str | None = None) -> bool:
        if not self._reachable(target):
            return False
        params = incoming_params(sid=message.sid, account_sid=self.account_sid,
                                 from_phone=message.from_ or "", to=message.to, body=message.body,
                                 profile_name=profile_name,
                                 messaging_service_sid=message.messaging_service_sid,
                                 media=list(zip(message.media_urls, message.media_types,
                                                strict=True)))
        status = post_signed(self._signer, target, params, timeout=self.config.callback_timeout)
        if status is None:
            return False
        self.state.bump("replies_posted")
        return True

    def _schedule_reply(self, sent: SandboxMessage, body: str, at: float) -> None:
        """The contact answers `at` s after `sent` was created (reply_rate or the demo)."""

        def job() -> None:
            message = self.seed_inbound(sent.to, body, to=sent.from_ or DEFAULT_SENDER,
                                        service_sid=sent.messaging_service_sid)
            target = self.incoming_target(message.to)
            if target and not self._post_inbound(message, target):
                log.info("reply %s: the incoming webhook at %s could not be reached",
                         message.sid, target)

        self._scheduler.schedule(sent.created + at - time.time(), job)


def _whatsapp(address: str) -> str:
    return address if address.startswith("whatsapp:") else f"whatsapp:{address}"
