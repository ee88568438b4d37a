"""Running the rules on one stored incoming message: gather the facts, decide, then act (send
the automatic reply through the gateway as a DirectMessage with a status callback, tag the
contact, mark the conversation for follow-up, count the rule), and the optional confirmation
after an opt-out. Every step is logged: the App log in Activity shows what the rules did."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from wacampaign_desktop.core.automation.decide import SKIP_REASONS, Decision, decide
from wacampaign_desktop.core.automation.guard import (
    BURST_SECONDS,
    ECHO_WINDOW,
    automatic_reason,
    cooling_down,
)
from wacampaign_desktop.core.automation.matching import Incoming, Rule
from wacampaign_desktop.core.clock import Clock
from wacampaign_desktop.core.direct_messages import DirectSend, _Gateway, send_direct
from wacampaign_desktop.core.engine.window import in_window
from wacampaign_desktop.core.events import Event
from wacampaign_desktop.core.settings import Settings
from wacampaign_desktop.core.store import rules as store
from wacampaign_desktop.core.webhooks.optout import opt_change

log = logging.getLogger(__name__)

LATE_LIMIT = timedelta(hours=1)  # a reply fetched by catch-up later than this gets no answer


def local_time(utc_naive: datetime, timezone: str = "") -> datetime:
    """A naive UTC time as wall time in `timezone` ("" = this computer's zone), naive."""
    aware = utc_naive.replace(tzinfo=UTC)
    zone = None
    if timezone:
        try:
            zone = ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            log.warning("Unknown business time zone %r; using this computer's", timezone)
    return (aware.astimezone(zone) if zone else aware.astimezone()).replace(tzinfo=None)


def template_variables(rule: Rule, name: str, phone: str, fields: dict) -> dict[str, str]:
    """The rule's template variables for one contact ({{name}}, {{phone}}, custom fields)."""
    from wacampaign_desktop.core.engine.rendering import render_template_variables

    contact = {"id": None, "name": name, "phone": phone, "fields": fields}
    try:
        return render_template_variables(rule.reply_content_variables, contact)
    except Exception:  # a mapping the renderer refuses: send the texts as written
        return {str(k): str(v) for k, v in rule.reply_content_variables.items()}


@dataclass
class Result:
    """What the automation did with one incoming message (tests and the log read it)."""

    inbound_id: int
    decision: Decision
    sent_id: int | None = None  # the DirectMessage of the automatic reply
    confirmation_id: int | None = None  # the DirectMessage of an opt-out confirmation


class Automation:
    """The rules applied to stored incoming messages, with the gateway and clock given."""

    def __init__(self, gateway: _Gateway, settings: Callable[[], Settings], clock: Clock, *,
                 sender: Callable[[], str], status_callback: Callable[[], str | None],
                 publish: Callable[[Event], None] | None = None) -> None:
        """`settings`: read at each message (the GUI may change them while running)."""
        self.gateway, self._settings, self.clock = gateway, settings, clock
        self.sender, self.status_callback, self.publish = sender, status_callback, publish

    @property
    def settings(self) -> Settings:
        return self._settings()

    def handle(self, inbound_id: int) -> Result | None:
        facts = store.inbound_facts(inbound_id)
        if facts is None:
            return None
        now = self.clock.now()
        if opt_change(facts.body) is True:
            return Result(inbound_id, Decision("opt_out"),
                          confirmation_id=self._confirm_opt_out(facts))
        rules = [rule for rule in store.list_rules() if rule.enabled]
        if not rules:
            return Result(inbound_id, Decision("no_rule"))
        message = Incoming(facts.body, facts.campaign_id,
                           local_time(facts.received_at, self.settings.business_timezone))
        automatic = automatic_reason(
            facts.body, our_recent_bodies=store.sent_bodies_since(facts.phone, now - ECHO_WINDOW),
            recent_inbound_count=store.inbound_count_since(
                facts.phone, facts.received_at - timedelta(seconds=BURST_SECONDS)))
        decision = decide(
            rules, message, window_open=in_window(facts.last_inbound_at, now),
            opted_out=facts.opted_out, automatic=automatic,
            late=facts.source == "catch_up" and now - facts.received_at > LATE_LIMIT,
            cooling_down=lambda rule: cooling_down(
                store.last_auto_reply_at(facts.phone, rule.id), rule.cooldown_minutes, now),
            variables=lambda rule: template_variables(rule, facts.name, facts.phone, facts.fields))
        if decision.outcome != "fired" or decision.rule is None:
            return Result(inbound_id, decision)
        return self._act(facts, decision, now)

    def _act(self, facts: store.InboundFacts, decision: Decision, now: datetime) -> Result:
        rule = decision.rule
        assert rule is not None and rule.id is not None
        result = Result(facts.inbound_id, decision)
        if decision.tag and facts.contact_id is not None:
            store.add_tag(facts.contact_id, decision.tag, now)
        if decision.follow_up:
            store.set_follow_up(facts.phone, now)
        if decision.sends:
            sent = send_direct(self.gateway, DirectSend(
                facts.phone, self.sender(), decision.reply_text, decision.content_sid,
                decision.content_variables, kind="auto_reply", rule_id=rule.id),
                status_callback=self.status_callback(), clock=self.clock, publish=self.publish)
            result.sent_id = sent.id
            log.info("Reply rule “%s” answered %s automatically (%s)", rule.name or rule.id,
                     facts.phone, "sent" if sent.status != "failed"
                     else f"not sent, error {sent.error_code}")
        elif decision.skipped:
            log.info("Reply rule “%s” matched a message from %s; no automatic reply: %s",
                     rule.name or rule.id, facts.phone, SKIP_REASONS.get(decision.skipped,
                                                                       decision.skipped))
        else:
            log.info("Reply rule “%s” matched a message from %s", rule.name or rule.id,
                     facts.phone)
        store.count_fired(rule.id)
        return result

    def _confirm_opt_out(self, facts: store.InboundFacts) -> int | None:
        """The optional confirmation after an opt-out: only when this message opted the
        contact out (a second STOP, or a bot repeating it, gets nothing)."""
        if not facts.opted_out or facts.opted_out_at != facts.received_at:
            return None
        text = self.settings.optout_confirmation_text.strip()
        if not (self.settings.optout_confirmation_enabled and text):
            return None
        sent = send_direct(self.gateway, DirectSend(facts.phone, self.sender(), text,
                                                    kind="optout_confirmation"),
                           status_callback=self.status_callback(), clock=self.clock,
                           publish=self.publish)
        log.info("Opt-out confirmation sent to %s", facts.phone)
        return sent.id
