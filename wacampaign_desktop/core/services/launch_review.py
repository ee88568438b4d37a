"""The review shown before a live campaign starts (GUI dialog, `campaign start|send` on a
terminal): who sends, to how many (free text inside the 24-hour window, a template, skipped
because opted out, an invalid number or held outside the window, demo contacts left out), the
first message as the contact will read it, the send rate and how long it will take, and what
stops it from starting. Computed by the same preparation the engine runs (nothing written).

`needs_confirmation` is True in live mode only: the sandbox never asks.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from wacampaign_desktop.core.engine import lifecycle
from wacampaign_desktop.core.engine.recipients import Preparation, prepare_rows, template_text
from wacampaign_desktop.core.engine.rendering import RenderProblem, summarize
from wacampaign_desktop.core.engine.window import AudienceRules, audience_rules

if TYPE_CHECKING:
    from wacampaign_desktop.core.app_context import AppContext
    from wacampaign_desktop.core.store.models import Campaign

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReviewProblem:
    """A problem of the review itself, for the GUI to say in the user's language: `code` is
    "no_sender", "nobody" (every recipient skipped or left out) or "message" (the campaign's
    text has placeholders without a value: `render` holds them); `message`: plain English."""

    code: str
    message: str
    render: tuple[RenderProblem, ...] = ()


@dataclass
class LaunchReview:
    campaign_id: int
    name: str
    sender: str
    live: bool
    needs_confirmation: bool
    to_send: int = 0  # messages that will be handed to Twilio
    free_text: int = 0  # of them: the campaign's text
    template: int = 0  # of them: a template (the campaign's own, or the fallback)
    fallback: int = 0  # of the templates: the fallback for contacts outside the window
    opted_out: int = 0
    invalid: int = 0
    held: int = 0  # outside the 24-hour window, not sent
    demo_excluded: int = 0
    window_checked: bool = False  # free text checked against the 24-hour window
    window_guard_off: bool = False  # live free text with the guard turned off: warn
    outside_window_choice: str = "hold"
    fallback_content_sid: str = ""
    fallback_name: str = ""  # the fallback template's name ("" when not synced)
    first_message: str = ""
    first_recipient: str = ""
    rate: float = 0.0  # messages per second
    problems: list[str] = field(default_factory=list)  # each one blocks the start
    # the same problems, structured (a ReviewProblem, or template_check's TemplateProblem with
    # its code and fields) so the GUI can word them in the interface language
    problem_items: list[Any] = field(default_factory=list)

    @property
    def blocked(self) -> bool:
        return bool(self.problems)

    @property
    def skipped(self) -> int:
        return self.opted_out + self.invalid + self.held

    @property
    def outside_window(self) -> int:
        return self.fallback + self.held

    @property
    def duration_s(self) -> float:
        return self.to_send / self.rate if self.rate > 0 else 0.0

    def duration_text(self) -> str:
        return duration_words(self.duration_s)

    def lines(self) -> list[str]:
        """The review in plain English (the command line)."""
        mode = ("LIVE: real WhatsApp messages" if self.live
                else "sandbox: nothing reaches a phone")
        out = [f"Campaign {self.campaign_id} \u201c{self.name}\u201d ({mode})",
               f"  From: {self.sender or '(no sender set)'}",
               f"  Messages to send: {self.to_send}"]
        if self.free_text:
            where = " (they wrote in the last 24 hours)" if self.window_checked else ""
            out.append(f"    {self.free_text} with your text{where}")
        if self.fallback:
            name = self.fallback_name or self.fallback_content_sid
            out.append(f"    {self.fallback} with the template {name} "
                       "(not written in the last 24 hours)")
        if self.template - self.fallback:
            out.append(f"    {self.template - self.fallback} with the template")
        for count, words in ((self.opted_out, "skipped: opted out"),
                             (self.invalid, "skipped: invalid number"),
                             (self.held, "held back: not written in the last 24 hours, so "
                                         "WhatsApp would refuse free text"),
                             (self.demo_excluded, "demo contacts left out (never sent in "
                                                  "live mode)")):
            if count:
                out.append(f"  {count} {words}")
        if self.window_guard_off:
            out.append("  Warning: the 24-hour window check is turned off: free text to contacts "
                       "who have not written in 24 hours will fail (Twilio error 63016)")
        if self.first_message:
            out.append(f"  First message (to {self.first_recipient}): {self.first_message}")
        out.append(f"  Rate: {self.rate:g} messages a second, {self.duration_text()}")
        out += [f"  Cannot start: {p}" for p in self.problems]
        return out


def duration_words(seconds: float) -> str:
    """How long sending takes, in plain words ("about 3 minutes")."""
    if seconds < 60:
        return "less than a minute"
    minutes = math.ceil(seconds / 60)
    if minutes < 60:
        return f"about {minutes} minute{'s' if minutes > 1 else ''}"
    hours, rest = divmod(minutes, 60)
    text = f"about {hours} hour{'s' if hours > 1 else ''}"
    return text + (f" {rest} minute{'s' if rest > 1 else ''}" if rest else "")


class LaunchReviews:
    """Reviews of the opened profile's campaigns."""

    def __init__(self, context: AppContext) -> None:
        self.context = context

    def review(self, campaign_id: int, *, audience: AudienceRules | None = None,
               sender: str = "", live: bool | None = None) -> LaunchReview:
        """The review of a campaign about to start. `audience`/`live`/`sender`: the running
        runtime's (default: this profile's: live when real credentials are set and the sandbox
        is off; the settings' sender)."""
        ctx = self.context
        live = ctx.live if live is None else live
        audience = audience or audience_rules(ctx.settings, live=live, now=ctx.clock.now())
        campaign = lifecycle.get_campaign(campaign_id)
        prep = prepare_rows(campaign, audience)
        review = LaunchReview(
            campaign_id=campaign.id, name=campaign.name,
            sender=campaign.sender or ctx.settings.sender or sender, live=live,
            needs_confirmation=live, rate=float(campaign.send_rate or 0.0),
            window_checked=prep.window_guarded,
            window_guard_off=live and not ctx.settings.window_guard and not campaign.content_sid,
            outside_window_choice=campaign.outside_window or "hold",
            fallback_content_sid=campaign.fallback_content_sid or "")
        _count(review, campaign, prep)
        if review.fallback_content_sid:
            review.fallback_name = _template_name(ctx, review.fallback_content_sid)
        review.problem_items = _problems(campaign, prep, review, audience)
        review.problems = [str(getattr(p, "message", p)) for p in review.problem_items]
        return review


def _count(review: LaunchReview, campaign: Campaign, prep: Preparation) -> None:
    review.to_send = len(prep.recipients)
    review.fallback = prep.fallback
    review.template = prep.fallback + (review.to_send if campaign.content_sid else 0)
    review.free_text = review.to_send - review.template
    review.opted_out = prep.skipped_for("opted_out")
    review.invalid = prep.skipped_for("invalid")
    review.held = prep.held
    review.demo_excluded = prep.demo_excluded
    if prep.recipients:
        first = prep.recipients[0]
        review.first_recipient = str(first["phone"])
        review.first_message = _shown_text(campaign, first)


def _template_name(ctx: AppContext, sid: str) -> str:
    from wacampaign_desktop.core.services.templates import TemplatesService

    info = TemplatesService(ctx).get(sid)
    return info.name if info is not None else ""


def _shown_text(campaign: Campaign, row: dict) -> str:
    """The first message as its contact reads it (a template: its body filled, when synced)."""
    if row.get("message"):
        return str(row["message"])
    variables = row.get("content_variables") or {}
    sid = campaign.content_sid or campaign.fallback_content_sid or ""
    text = template_text(sid, variables) if sid else ""
    if text:
        return text
    filled = ", ".join(f"{{{{{k}}}}} = {v}" for k, v in variables.items())
    return f"template {sid}" + (f" ({filled})" if filled else "")


def _problems(campaign: Campaign, prep: Preparation, review: LaunchReview,
              audience: AudienceRules) -> list[Any]:
    problems: list[Any] = []
    if not review.sender:
        problems.append(ReviewProblem(
            "no_sender", "no WhatsApp sender is set: connect Twilio and choose a sender"))
    checked = _template_check(campaign, audience)  # per recipient, naming contact and variable
    problems += checked
    if prep.problems and not checked:
        problems.append(ReviewProblem("message", summarize(prep.problems), tuple(prep.problems)))
    if not prep.recipients and not prep.problems:
        problems.append(ReviewProblem(
            "nobody", "nobody to send to: every recipient is skipped or left out"))
    seen: set[str] = set()
    unique = []
    for problem in problems:  # one line per distinct sentence
        text = str(getattr(problem, "message", problem))
        if text not in seen:
            seen.add(text)
            unique.append(problem)
    return unique


def _template_check(campaign: Campaign, audience: AudienceRules) -> list[Any]:
    """Role B's check of every recipient (template variables empty, with newlines, a template
    not approved…): TemplateProblems, each with a plain English `message`."""
    try:
        from wacampaign_desktop.core.services.template_check import check_recipients
    except ImportError:  # not in this build
        return []
    try:
        return list(check_recipients(campaign, audience))
    except Exception:  # a check that cannot run must not hide the review
        log.exception("The template check of campaign %s failed", campaign.id)
        return []
