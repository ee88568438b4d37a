"""Does a rule match an incoming message? Keywords (exact, contains, regular expression; case
and accents ignored), any reply to a campaign, or outside business hours (in the profile's local
time zone). Also the checks a rule must pass before it is saved (`problems`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any

from wacampaign_desktop.core.automation.text import fold, fold_word, strip_accents

MATCH_KINDS = ("exact", "contains", "regex", "campaign_reply", "after_hours")
KEYWORD_KINDS = ("exact", "contains", "regex")
DAYS = (0, 1, 2, 3, 4, 5, 6)  # Monday = 0, as datetime.weekday()
DEFAULT_HOURS: dict[str, Any] = {"days": [0, 1, 2, 3, 4], "start": "09:00", "end": "18:00"}


@dataclass(frozen=True)
class Rule:
    """A reply rule as matching and deciding see it (a plain copy of a ReplyRule row)."""

    id: int | None
    name: str
    match_kind: str
    pattern: str = ""
    position: int = 0
    enabled: bool = True
    campaign_id: int | None = None
    business_hours: dict[str, Any] | None = None
    reply_text: str = ""
    reply_content_sid: str | None = None
    reply_content_variables: dict[str, str] = field(default_factory=dict)
    add_tag: str = ""
    follow_up: bool = False
    cooldown_minutes: int = 60
    fired_count: int = 0

    @property
    def has_reply(self) -> bool:
        return bool(self.reply_text.strip() or self.reply_content_sid)


@dataclass(frozen=True)
class Incoming:
    """An incoming message as rules see it."""

    body: str
    campaign_id: int | None = None  # the campaign whose message it answers, if any
    local_time: datetime | None = None  # when it arrived, in the profile's time zone


def compile_pattern(pattern: str) -> re.Pattern[str] | None:
    """A rule's regular expression, accents dropped, case ignored; None when invalid."""
    try:
        return re.compile(strip_accents(pattern), re.IGNORECASE)
    except re.error:
        return None


def parse_time(text: str) -> time:
    """'09:00' → time(9, 0); ValueError with a plain message otherwise."""
    try:
        hours, minutes = (int(part) for part in str(text).strip().split(":"))
        return time(hours, minutes)
    except (ValueError, TypeError):
        raise ValueError(f"“{text}” is not a time of day (write it like 09:00)") from None


def within_hours(hours: dict[str, Any] | None, at: datetime) -> bool:
    """Is `at` (local time) inside the business hours {"days": [0..6], "start", "end"}? An end
    before the start spans midnight (22:00–06:00)."""
    hours = hours or DEFAULT_HOURS
    days = set(hours.get("days", DEFAULT_HOURS["days"]))
    start = parse_time(hours.get("start", "09:00"))
    end = parse_time(hours.get("end", "18:00"))
    now = at.time()
    if start <= end:
        return at.weekday() in days and start <= now < end
    if now >= start:
        return at.weekday() in days
    return (at.weekday() - 1) % 7 in days and now < end


def matches(rule: Rule, message: Incoming) -> bool:
    """Does `rule` fire on `message`? (Opt-out words are handled before any rule.)"""
    kind = rule.match_kind
    if kind == "exact":
        return bool(rule.pattern.strip()) and fold_word(message.body) == fold_word(rule.pattern)
    if kind == "contains":
        needle = fold(rule.pattern)
        return bool(needle) and needle in fold(message.body)
    if kind == "regex":
        pattern = compile_pattern(rule.pattern)
        return pattern is not None and pattern.search(fold(message.body)) is not None
    if kind == "campaign_reply":
        if message.campaign_id is None:
            return False
        return rule.campaign_id is None or rule.campaign_id == message.campaign_id
    if kind == "after_hours":
        return message.local_time is not None and not within_hours(rule.business_hours,
                                                                   message.local_time)
    return False


PROBLEMS = {
    "kind": "Match: choose what the rule looks for.",
    "keyword": "Keyword: write the word or text to look for.",
    "regex": "Regular expression: “{pattern}” is not valid ({detail}).",
    "hours": "Business hours: write the start and end like 09:00.",
    "days": "Business hours: choose at least one working day.",
    "actions": "Actions: choose at least one (an automatic reply, a tag or a follow-up).",
    "cooldown": "Cooldown: between 0 and 10080 minutes (one week).",
    "template": "Template: a template SID starts with HX and has 34 characters.",
}


def problem_codes(rule: Rule) -> list[tuple[str, dict[str, str]]]:
    """What keeps `rule` from being saved: (code, details) pairs; see PROBLEMS."""
    found: list[tuple[str, dict[str, str]]] = []
    if rule.match_kind not in MATCH_KINDS:
        found.append(("kind", {}))
    if rule.match_kind in KEYWORD_KINDS and not rule.pattern.strip():
        found.append(("keyword", {}))
    if rule.match_kind == "regex" and rule.pattern.strip():
        try:
            re.compile(strip_accents(rule.pattern), re.IGNORECASE)
        except re.error as exc:
            where = f" at character {exc.pos + 1}" if exc.pos is not None else ""
            found.append(("regex", {"pattern": rule.pattern, "detail": f"{exc.msg}{where}"}))
    if rule.match_kind == "after_hours":
        hours = rule.business_hours or DEFAULT_HOURS
        try:
            parse_time(hours.get("start", ""))
            parse_time(hours.get("end", ""))
        except ValueError:
            found.append(("hours", {}))
        days = hours.get("days", [])
        if not days or any(day not in DAYS for day in days):
            found.append(("days", {}))
    if not (rule.has_reply or rule.add_tag.strip() or rule.follow_up):
        found.append(("actions", {}))
    if not 0 <= rule.cooldown_minutes <= 7 * 24 * 60:
        found.append(("cooldown", {}))
    if rule.reply_content_sid and not (rule.reply_content_sid.startswith("HX")
                                       and len(rule.reply_content_sid) == 34):
        found.append(("template", {}))
    return found


def problems(rule: Rule) -> list[str]:
    """What keeps `rule` from being saved, in plain English (empty: it can be saved)."""
    return [PROBLEMS[code].format(**details) for code, details in problem_codes(rule)]
