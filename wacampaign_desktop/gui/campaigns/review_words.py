"""The launch review's words in the interface language: how long sending takes, each group of
recipients (one or several), and what stops the campaign from starting (core's structured
problems: no sender, nobody to send to, placeholders without a value, template problems worded
by gui/editor/template_words.py), a few of them at most."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from wacampaign_desktop.core.services.launch_review import LaunchReview
from wacampaign_desktop.gui.editor.template_words import problem_text
from wacampaign_desktop.gui.models.phone_text import display_phone

PROBLEMS_SHOWN = 5  # problem lines shown; the rest are counted
CONTACTS_NAMED = 3  # contacts named in one "has no value" line
ONE = "one recipient"  # disambiguation of the singular forms


def _tr(text: str, disambiguation: str | None = None) -> str:
    return QCoreApplication.translate("LaunchReviewDialog", text, disambiguation)


def duration_text(seconds: float) -> str:
    """How long sending takes, in plain words of the interface language."""
    if seconds < 60:
        return _tr("less than a minute")
    minutes = -(-int(seconds) // 60)
    if minutes == 1:
        return _tr("about 1 minute")
    if minutes < 60:
        return _tr("about %1 minutes").replace("%1", str(minutes))
    hours, rest = divmod(minutes, 60)
    return _tr("about %1 h %2 min").replace("%1", str(hours)).replace("%2", f"{rest:02d}")


def _group_words(key: str, one: bool, review: LaunchReview) -> str:
    if key == "freeText" and review.window_checked:
        return (_tr("gets your text (wrote to you in the last 24 hours)") if one
                else _tr("get your text (they wrote in the last 24 hours)"))
    if key == "freeText":
        return _tr("gets your text") if one else _tr("get your text")
    if key == "template":
        return _tr("gets the template") if one else _tr("get the template")
    if key == "fallback":
        text = (_tr("gets the template “%1” instead (no message from them in the last 24 hours)")
                if one else
                _tr("get the template “%1” instead (no message from them in the last 24 hours)"))
        return text.replace("%1", review.fallback_name or review.fallback_content_sid)
    if key == "demo":
        return (_tr("demo contact left out (demo contacts never get real messages)") if one
                else _tr("demo contacts left out (they never get real messages)"))
    words = {
        "held": "held back: no message from them in the last 24 hours, and WhatsApp refuses "
                "free text after that",
        "optedOut": "skipped: they asked not to be messaged",
        "invalid": "skipped: the number is not valid",
    }
    # the same English for one and several; French agrees with the number
    if key == "held":
        return _tr(words["held"], ONE) if one else _tr(words["held"])
    if key == "optedOut":
        return _tr(words["optedOut"], ONE) if one else _tr(words["optedOut"])
    return _tr(words["invalid"], ONE) if one else _tr(words["invalid"])


def breakdown(review: LaunchReview) -> list[tuple[int, str, str]]:
    """(count, words, object name) of each non-empty group of recipients."""
    counts = (
        (review.free_text, "freeText"), (review.template - review.fallback, "template"),
        (review.fallback, "fallback"), (review.held, "held"), (review.opted_out, "optedOut"),
        (review.invalid, "invalid"), (review.demo_excluded, "demo"),
    )
    return [(count, _group_words(key, count == 1, review), key) for count, key in counts if count]


def send_button_text(count: int) -> str:
    if count == 0:  # blocked, or nobody to send to: no "Send 0 messages"
        return _tr("Send")
    return _tr("Send 1 message") if count == 1 else _tr("Send %1 messages").replace(
        "%1", str(count))


def _contact(problem: Any) -> str:
    phone = display_phone(problem.phone) if problem.phone else ""
    return f"{problem.name} ({phone})" if problem.name else phone


def _missing_values(found: list[tuple[str, Any]]) -> list[str]:
    """(placeholder, problem naming a contact) pairs of the campaign's text: one line per
    placeholder, naming a few contacts."""
    groups: dict[str, list[Any]] = {}
    for placeholder, problem in found:
        groups.setdefault(placeholder, []).append(problem)
    lines = []
    for placeholder, problems in groups.items():
        named = ", ".join(_contact(p) for p in problems[:CONTACTS_NAMED])
        if len(problems) > CONTACTS_NAMED:
            named = _tr("%1 and %2 more").replace("%1", named).replace(
                "%2", str(len(problems) - CONTACTS_NAMED))
        text = (_tr("{{%1}} has no value for 1 contact: %3") if len(problems) == 1
                else _tr("{{%1}} has no value for %2 contacts: %3"))
        lines.append(text.replace("%1", placeholder).replace("%2", str(len(problems)))
                     .replace("%3", named))
    return lines


def _text_placeholder(problem: Any) -> str:
    """The contact field a problem of the campaign's own text is about ("" for any other)."""
    code = getattr(problem, "code", "")
    if code in ("missing", "empty") and not getattr(problem, "variable", "x"):
        return str(getattr(problem, "field", "") or getattr(problem, "placeholder", ""))
    return ""


def problem_line(problem: Any) -> list[str]:
    """One structured problem of the review in words (a "message" problem: one line per
    placeholder)."""
    code = getattr(problem, "code", "")
    if code == "no_sender":
        return [_tr("No WhatsApp sender is chosen: open File → Connect Twilio… and choose one.")]
    if code == "nobody":
        return [_tr("Nobody to send to: every recipient is skipped or left out.")]
    if code == "message":
        found = [(_text_placeholder(p), p) for p in problem.render]
        lines = _missing_values([(k, p) for k, p in found if k])
        return lines + [str(p) for k, p in found if not k] or [problem.message]
    if hasattr(problem, "variable") and hasattr(problem, "template"):  # a TemplateProblem
        return [problem_text(problem)]
    return [str(getattr(problem, "message", problem))]


def problem_lines(review: LaunchReview, shown: int = PROBLEMS_SHOWN) -> list[str]:
    """What stops the start, at most `shown` lines; a last line counts the others. Problems of
    the campaign's own text are grouped by placeholder."""
    items = list(review.problem_items or review.problems)
    in_text = [(_text_placeholder(p), p) for p in items]
    grouped = _missing_values([(k, p) for k, p in in_text if k])
    lines: list[str] = []
    for placeholder, problem in in_text:  # the grouped lines where the first of them was
        if not placeholder:
            lines += problem_line(problem)
        elif grouped:
            lines += grouped
            grouped = []
    lines = list(dict.fromkeys(lines))
    if len(lines) <= shown:
        return lines
    rest = len(lines) - (shown - 1)
    return lines[:shown - 1] + [_tr("…and %1 more like these.").replace("%1", str(rest))]


def start_count_text(recipients: int, skipped: int) -> str:
    """The campaign view's dry run: "Start will send to 8 contacts (1 skipped)."."""
    view = "CampaignView"
    if recipients == 0:
        text = QCoreApplication.translate(view, "Start would send to nobody")
    elif recipients == 1:
        text = QCoreApplication.translate(view, "Start will send to 1 contact")
    else:
        text = QCoreApplication.translate(view, "Start will send to %1 contacts").replace(
            "%1", str(recipients))
    if skipped == 1:
        text += " " + QCoreApplication.translate(view, "(1 skipped)")
    elif skipped > 1:
        text += " " + QCoreApplication.translate(view, "(%1 skipped)").replace("%1", str(skipped))
    return text + "."


def demo_left_out_text(count: int) -> str:
    if count == 1:
        return QCoreApplication.translate(
            "CampaignView", "1 demo contact is left out: demo contacts never get real messages.")
    return QCoreApplication.translate(
        "CampaignView", "%1 demo contacts are left out: they never get real messages.").replace(
        "%1", str(count))


def _as_template_problem(p: Any) -> Any:
    """A RenderProblem of a template placeholder in the shape problem_text() reads."""
    from types import SimpleNamespace

    return SimpleNamespace(code=p.code, variable=p.variable, name=p.name, phone=p.phone,
                           field=p.placeholder, template="", status="", message=str(p))


def render_problems_text(problems: list[Any], shown: int = 3) -> str:
    """The engine's dry-run problems (RenderProblem) in one short paragraph: a text's empty
    placeholder with the contacts named, a template's value per contact, the template itself."""
    in_text = [(str(p.placeholder), p) for p in problems
               if getattr(p, "code", "") == "missing" and not getattr(p, "variable", "")]
    lines = _missing_values(in_text)
    for p in problems:
        code = getattr(p, "code", "")
        if code == "template":
            lines.append(_tr("The template cannot be sent as it is: open Edit to see why."))
        elif getattr(p, "variable", ""):
            lines.append(problem_text(_as_template_problem(p)))
    lines = list(dict.fromkeys(lines))
    if len(lines) > shown:
        lines = lines[:shown] + [_tr("…and %1 more like these.").replace(
            "%1", str(len(lines) - shown))]
    return " ".join(lines)


__all__ = ["breakdown", "demo_left_out_text", "duration_text", "problem_lines",
           "render_problems_text", "send_button_text", "start_count_text"]
