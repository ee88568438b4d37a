"""What the rules do with one incoming message: opt-out words first (no rule ever fires on
STOP…), then the enabled rules in order, the first match wins; then whether its automatic reply
may go (the guards) and in what form (free text inside the 24-hour window, the chosen template
outside it). Pure: the facts are passed in, so the "try a message" box and the worker agree."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from wacampaign_desktop.core.automation.guard import REASONS
from wacampaign_desktop.core.automation.matching import Incoming, Rule, matches
from wacampaign_desktop.core.webhooks.optout import opt_change

SKIP_REASONS = {
    "cooldown": "this rule already answered this contact within its cooldown",
    "opted_out": "the contact has opted out",
    "outside_window": "the contact last wrote more than 24 hours ago and the rule has no template",
    "late": "the message was fetched late (catch-up), more than an hour after it arrived",
    **REASONS,
}


@dataclass(frozen=True)
class Decision:
    """outcome: "opt_out" (the opt-out word wins), "no_rule" or "fired" (`rule` matched).
    When fired: the reply to send (`reply_text` or `content_sid`), or `skipped` = why not."""

    outcome: str
    rule: Rule | None = None
    reply_text: str = ""
    content_sid: str | None = None
    content_variables: dict[str, str] | None = None
    skipped: str = ""
    tag: str = ""
    follow_up: bool = False

    @property
    def sends(self) -> bool:
        return self.outcome == "fired" and not self.skipped and bool(
            self.reply_text or self.content_sid)

    def summary(self) -> str:
        """One plain English sentence (the CLI's `rules test`; the GUI words it itself)."""
        if self.outcome == "opt_out":
            return "Opt-out wins: this is an opt-out word, so no rule fires."
        if self.outcome == "no_rule":
            return "No rule: no enabled rule matches this message."
        assert self.rule is not None
        parts = [f"Rule “{self.rule.name or self.rule.id}” fires."]
        if self.sends and self.content_sid:
            parts.append(f"It sends the template {self.content_sid}.")
        elif self.sends:
            parts.append(f"It sends: “{self.reply_text}”.")
        elif self.skipped:
            parts.append(f"No automatic reply: {SKIP_REASONS.get(self.skipped, self.skipped)}.")
        if self.tag:
            parts.append(f"It tags the contact “{self.tag}”.")
        if self.follow_up:
            parts.append("It marks the conversation for follow-up.")
        return " ".join(parts)


def first_match(rules: Sequence[Rule], message: Incoming) -> Rule | None:
    for rule in sorted(rules, key=lambda r: (r.position, r.id or 0)):
        if rule.enabled and matches(rule, message):
            return rule
    return None


def decide(rules: Sequence[Rule], message: Incoming, *, window_open: bool = True,
           opted_out: bool = False, automatic: str = "", late: bool = False,
           cooling_down: Callable[[Rule], bool] = lambda _rule: False,
           variables: Callable[[Rule], dict[str, str]] = lambda rule: dict(
               rule.reply_content_variables)) -> Decision:
    """The decision for `message` given the contact's facts. `automatic`: the guard's reason
    when the message looks automatic; `late`: fetched by catch-up long after it arrived."""
    if opt_change(message.body) is True:
        return Decision("opt_out")
    rule = first_match(rules, message)
    if rule is None:
        return Decision("no_rule")
    base = {"rule": rule, "tag": rule.add_tag.strip(), "follow_up": rule.follow_up}
    if not rule.has_reply:
        return Decision("fired", **base)
    skipped = ("opted_out" if opted_out else automatic if automatic else "late" if late
               else "cooldown" if cooling_down(rule) else "")
    if not skipped and window_open and rule.reply_text.strip():
        return Decision("fired", reply_text=rule.reply_text.strip(), **base)
    if not skipped and rule.reply_content_sid:
        return Decision("fired", content_sid=rule.reply_content_sid,
                        content_variables=variables(rule), **base)
    return Decision("fired", skipped=skipped or "outside_window", **base)
