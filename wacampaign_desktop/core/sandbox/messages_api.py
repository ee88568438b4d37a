"""Messages of the 2010-04-01 API: create (validation, magic numbers, template rendering, the
24-hour window), fetch, and list with Twilio's filters and paging (outbound and inbound)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Protocol

from wacampaign_desktop.core.sandbox.config import (
    MAGIC_FROM,
    MAGIC_TO,
    OUTSIDE_WINDOW,
    SandboxConfig,
)
from wacampaign_desktop.core.sandbox.content import (
    ContentCatalogue,
    ContentVariablesInvalid,
    parse_variables,
)
from wacampaign_desktop.core.sandbox.state import SandboxMessage, SandboxState
from wacampaign_desktop.core.sandbox.story import Story, plan_story, rng_for
from wacampaign_desktop.core.sandbox.webhook_params import bare_number
from wacampaign_desktop.core.sandbox.wsgi import ApiError, Request, not_found, v2010_page

E164 = re.compile(r"^\+[1-9]\d{6,14}$")


class Dispatcher(Protocol):
    def message_created(self, message: SandboxMessage, story: Story) -> None: ...


def _parse_date(value: str) -> float | None:
    for fmt in ("%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, fmt).replace(tzinfo=UTC).timestamp()
        except ValueError:
            continue
    return None


class MessagesApi:
    def __init__(self, config: SandboxConfig, state: SandboxState, account_sid: str,
                 content: ContentCatalogue, dispatcher: Dispatcher,
                 default_callback: Callable[[str | None, str | None], str | None]) -> None:
        self.config = config
        self.state = state
        self.account_sid = account_sid
        self.content = content
        self.dispatcher = dispatcher
        self.default_callback = default_callback

    def _reject(self, status: int, code: int, text: str) -> None:
        self.state.bump("rejected")
        raise ApiError(status, code, text)

    def create(self, request: Request) -> tuple[int, dict]:
        one = request.field
        to, sender, service = one("To"), one("From"), one("MessagingServiceSid")
        body, content_sid, variables = one("Body"), one("ContentSid"), one("ContentVariables")
        media = request.form.get("MediaUrl", [])
        if not to:
            self._reject(400, 21604, "A 'To' phone number is required.")
        assert to is not None
        number = bare_number(to)
        values = self._validate(number, to, sender, service, body, content_sid, variables, media)
        attempt = self.state.next_attempt(number)
        if self.config.server_error_rate and (
            rng_for(self.config.seed, "5xx", number, attempt).random()
            < self.config.server_error_rate
        ):
            raise ApiError(500, 20500, "Internal Server Error")
        forced = None
        if content_sid:
            body, template_media, forced = self.content.render_send(content_sid, values)
            media = media or template_media
        n, ordinal = self.state.reserve_send(number)
        now = time.time()
        if (self.config.enforce_session_window and not content_sid
                and not self.state.in_session(number, now)):
            forced = OUTSIDE_WINDOW
        story = plan_story(self.config, number, n, forced, via_service=bool(service),
                           ordinal=ordinal)
        message = SandboxMessage(
            sid=story.sid, account_sid=self.account_sid, to=to, from_=sender,
            messaging_service_sid=service, body=body or "", media_urls=media,
            content_sid=content_sid,
            status_callback=one("StatusCallback") or self.default_callback(sender, service),
            created=now, timeline=story.timeline, content_variables=variables,
        )
        self.state.add(message)
        self.dispatcher.message_created(message, story)
        return 201, message.to_json(message.created)

    def _validate(self, number: str, to: str, sender: str | None, service: str | None,
                  body: str | None, content_sid: str | None, variables: str | None,
                  media: list[str]) -> dict[str, str] | None:
        reject = self._reject
        if number in MAGIC_TO:
            status, code, text = MAGIC_TO[number]
            reject(status, code, text.format(to=to))
        if not E164.match(number):
            reject(400, 21211, f"The 'To' number {to} is not a valid phone number.")
        if not sender and not service:
            reject(400, 21603, "A 'From' phone number is required.")
        if sender:
            sender_number = bare_number(sender)
            if sender_number in MAGIC_FROM:
                status, code, text = MAGIC_FROM[sender_number]
                reject(status, code, text.format(sender=sender))
            if not E164.match(sender_number):
                reject(400, 21212, f"The 'From' number {sender} is not a valid phone number, "
                                   "shortcode, or alphanumeric sender ID.")
        if service and not (service.startswith("MG") and len(service) == 34):
            reject(400, 21701, f"The Messaging Service Sid {service} is invalid.")
        if variables and not content_sid:
            reject(400, 21654, "ContentVariables specified without ContentSid")
        values = None
        try:
            values = parse_variables(variables)
        except ContentVariablesInvalid as exc:
            reject(400, 21656, str(exc))
        if not body and not content_sid and not media:
            reject(400, 21602, "Message body is required.")
        if body and len(body) > 1600:
            reject(400, 21617, "The concatenated message body exceeds the 1600 character limit.")
        return values

    def fetch(self, request: Request, sid: str) -> tuple[int, dict]:
        self.state.bump("fetches")
        message = self.state.get(sid)
        if message is None:
            raise not_found(request.path)
        return 200, message.to_json()

    def media(self, request: Request, sid: str) -> tuple[int, dict]:
        """A message's media (`media_list`), as Twilio lists them for an incoming message."""
        message = self.state.get(sid)
        if message is None:
            raise not_found(request.path)
        self.state.bump("media_lists")
        return 200, v2010_page(request, "media_list", message.media_json())

    def list(self, request: Request) -> tuple[int, dict]:
        """Newest first; To/From compare the bare number; DateSent>/</= on the send date
        (arrival for inbound); a message not yet sent has no send date and is left out."""
        to, sender = request.arg("To"), request.arg("From")
        after, before, on = (request.arg("DateSent>"), request.arg("DateSent<"),
                             request.arg("DateSent"))
        limits = [(_parse_date(v) if v else None) for v in (after, before, on)]
        for value, limit in zip((after, before, on), limits, strict=True):
            if value and limit is None:
                raise ApiError(400, 20001, f"Invalid date: {value} (use YYYY-MM-DD or "
                                           "YYYY-MM-DDTHH:MM:SSZ)")
        now = time.time()
        want_to = bare_number(to) if to else None
        want_from = bare_number(sender) if sender else None
        selected = []
        for message in self.state.newest_first():
            if want_to and bare_number(message.to) != want_to:
                continue
            if want_from and bare_number(message.from_ or "") != want_from:
                continue
            if after or before or on:
                sent = message.date_sent(now)
                if sent is None:
                    continue
                sent = int(sent)  # Twilio's dates have whole seconds
                if limits[0] is not None and sent < limits[0]:
                    continue
                if limits[1] is not None and sent > limits[1]:
                    continue
                if limits[2] is not None and not limits[2] <= sent < limits[2] + 86400:
                    continue
            selected.append(message)
        page, size = request.page()
        chunk = selected[page * size:(page + 1) * size]
        body = v2010_page(request, "messages", [{}] * len(selected))
        body["messages"] = [m.to_json(now) for m in chunk]
        return 200, body
