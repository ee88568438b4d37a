"""The rules editor's words for match kinds, skip reasons and the "try a message" result, in the
interface language (context "RulesWords")."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from wacampaign_desktop.core.services.rules import Decision, Rule

MATCH_LABELS = {
    "contains": QT_TRANSLATE_NOOP("RulesWords", "Message contains"),
    "exact": QT_TRANSLATE_NOOP("RulesWords", "Message is exactly"),
    "regex": QT_TRANSLATE_NOOP("RulesWords", "Message matches (regular expression)"),
    "campaign_reply": QT_TRANSLATE_NOOP("RulesWords", "Any reply to a campaign"),
    "after_hours": QT_TRANSLATE_NOOP("RulesWords", "Outside business hours"),
}
SKIPPED = {
    "cooldown": QT_TRANSLATE_NOOP("RulesWords", "this rule already answered this contact within "
                                                "its cooldown"),
    "opted_out": QT_TRANSLATE_NOOP("RulesWords", "the contact has opted out"),
    "outside_window": QT_TRANSLATE_NOOP("RulesWords", "the contact last wrote more than 24 hours "
                                                      "ago and the rule has no template"),
    "late": QT_TRANSLATE_NOOP("RulesWords", "the message was fetched more than an hour late"),
    "echo": QT_TRANSLATE_NOOP("RulesWords", "the message repeats one we sent"),
    "auto_responder": QT_TRANSLATE_NOOP("RulesWords", "the message reads like an automatic reply"),
    "burst": QT_TRANSLATE_NOOP("RulesWords", "the contact sent too many messages in a minute"),
}
PROBLEMS = {
    "kind": QT_TRANSLATE_NOOP("RulesWords", "Match: choose what the rule looks for."),
    "keyword": QT_TRANSLATE_NOOP("RulesWords", "Keyword: write the word or text to look for."),
    "regex": QT_TRANSLATE_NOOP("RulesWords", "Regular expression: “%1” is not valid (%2)."),
    "hours": QT_TRANSLATE_NOOP("RulesWords", "Business hours: write the start and end like "
                                             "09:00."),
    "days": QT_TRANSLATE_NOOP("RulesWords", "Business hours: choose at least one working day."),
    "actions": QT_TRANSLATE_NOOP("RulesWords", "Actions: choose at least one (an automatic "
                                               "reply, a tag or a follow-up)."),
    "cooldown": QT_TRANSLATE_NOOP("RulesWords", "Cooldown: between 0 and 10080 minutes (one "
                                                "week)."),
    "template": QT_TRANSLATE_NOOP("RulesWords", "Template: a template SID starts with HX and has "
                                                "34 characters."),
}
DAY_NAMES = (
    QT_TRANSLATE_NOOP("RulesWords", "Mon"), QT_TRANSLATE_NOOP("RulesWords", "Tue"),
    QT_TRANSLATE_NOOP("RulesWords", "Wed"), QT_TRANSLATE_NOOP("RulesWords", "Thu"),
    QT_TRANSLATE_NOOP("RulesWords", "Fri"), QT_TRANSLATE_NOOP("RulesWords", "Sat"),
    QT_TRANSLATE_NOOP("RulesWords", "Sun"),
)


def translated(text: str) -> str:
    return QCoreApplication.translate("RulesWords", text)


def match_label(kind: str) -> str:
    return translated(MATCH_LABELS.get(kind, kind))


def when_text(rule: Rule, campaigns: dict[int, str]) -> str:
    """'Message contains “prix”', 'Any reply to “Spring sale”'…"""
    if rule.match_kind in ("exact", "contains", "regex"):
        quoted = QCoreApplication.translate("RulesWords", "%1 “%2”")
        return quoted.replace("%1", match_label(rule.match_kind)).replace("%2", rule.pattern)
    if rule.match_kind == "campaign_reply":
        if rule.campaign_id is None:
            return QCoreApplication.translate("RulesWords", "Any reply to a campaign")
        name = campaigns.get(rule.campaign_id, f"#{rule.campaign_id}")
        return QCoreApplication.translate("RulesWords", "Any reply to “%1”").replace("%1", name)
    hours = rule.business_hours or {}
    text = QCoreApplication.translate("RulesWords", "Outside business hours (%1–%2)")
    return text.replace("%1", hours.get("start", "09:00")).replace("%2", hours.get("end", "18:00"))


def problem_text(code: str, details: dict[str, str]) -> str:
    return (translated(PROBLEMS.get(code, code)).replace("%1", details.get("pattern", ""))
            .replace("%2", details.get("detail", "")))


def decision_text(decision: Decision) -> str:
    """The "try a message" result in plain words."""
    translate = QCoreApplication.translate
    if decision.outcome == "opt_out":
        return translate("RulesWords", "Opt-out wins: this is an opt-out word (STOP…), so no "
                                       "rule fires. The contact is unsubscribed.")
    if decision.outcome == "no_rule":
        return translate("RulesWords", "No rule fires: no enabled rule matches this message.")
    assert decision.rule is not None
    parts = [translate("RulesWords", "Rule “%1” fires.").replace("%1", decision.rule.name or "?")]
    if decision.sends and decision.content_sid:
        text = translate("RulesWords", "It sends the template %1.")
        parts.append(text.replace("%1", decision.content_sid))
    elif decision.sends:
        parts.append(translate("RulesWords", "It answers: “%1”").replace("%1", decision.reply_text))
    elif decision.skipped:
        text = translate("RulesWords", "No automatic reply: %1.")
        parts.append(text.replace("%1", translated(SKIPPED.get(decision.skipped,
                                                               decision.skipped))))
    if decision.tag:
        parts.append(translate("RulesWords", "It tags the contact “%1”.").replace("%1",
                                                                                  decision.tag))
    if decision.follow_up:
        parts.append(translate("RulesWords", "It marks the conversation for follow-up."))
    return " ".join(parts)
