"""The Inbox's template row: outside the 24-hour window free text would fail, so the Inbox offers
the approved templates (synced from Twilio), their placeholder values prefilled (the contact's
name for {{1}}, the template's samples for the rest), and sends the chosen one."""

from __future__ import annotations

from wacampaign_desktop.core.services.rules import TemplateChoice

SEPARATOR = ";"


def prefilled_values(template: TemplateChoice, name: str) -> str:
    """'Alice; Lyon' for a template with {{1}} and {{2}} (1 = the contact's name if known)."""
    values = []
    for key in template.placeholders:
        value = name if key == "1" and name else template.samples.get(key, "")
        values.append(value)
    return f"{SEPARATOR} ".join(values)


def parse_values(template: TemplateChoice, text: str) -> tuple[dict[str, str], str]:
    """The variables from the values box, and "" or what is wrong (the GUI translates)."""
    parts = [part.strip() for part in text.split(SEPARATOR)] if template.placeholders else []
    if len(parts) != len(template.placeholders):
        return {}, "count"
    if any(not part for part in parts):
        return {}, "empty"
    return dict(zip(template.placeholders, parts, strict=True)), ""
