"""Rendering a campaign for one contact: `{{field}}` placeholders in the text, or an approved
template (`content_sid`) whose variables ("1", "2"…) map to contact fields.

Fields: `name`, `phone`, and the contact's custom fields (case-insensitive). A placeholder with
no value for a contact is a problem that stops the campaign from starting, naming both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

PLACEHOLDER = re.compile(r"\{\{\s*([^{}]+?)\s*\}\}")


@dataclass(frozen=True)
class RenderProblem:
    contact_id: int | None
    phone: str
    placeholder: str
    reason: str = "no value"

    def __str__(self) -> str:
        return f"{self.phone}: {{{{{self.placeholder}}}}} {self.reason}"


@dataclass(frozen=True)
class Rendered:
    body: str | None
    content_variables: dict[str, str] | None


class RenderError(ValueError):
    def __init__(self, problems: list[RenderProblem]) -> None:
        super().__init__(summarize(problems))
        self.problems = problems


def contact_values(name: str, phone: str, custom: dict[str, Any] | None) -> dict[str, str]:
    """Field name (lower case) -> text, for one contact."""
    values = {str(k).strip().lower(): "" if v is None else str(v) for k, v in (custom or {}).items()}
    values["name"] = name or ""
    values["phone"] = phone
    return values


def placeholders(text: str) -> list[str]:
    return list(dict.fromkeys(m.group(1) for m in PLACEHOLDER.finditer(text or "")))


def render_text(text: str, values: dict[str, str]) -> tuple[str, list[str]]:
    """Text with each placeholder replaced; returns (text, placeholders without a value)."""
    missing: list[str] = []

    def replace(match: re.Match[str]) -> str:
        key = match.group(1)
        value = values.get(key.lower(), "")
        if not value.strip():
            missing.append(key)
        return value

    return PLACEHOLDER.sub(replace, text or ""), missing


def render(
    *, body: str, content_sid: str | None, variables: dict[str, str] | None,
    contact_id: int | None, name: str, phone: str, custom: dict[str, Any] | None,
) -> Rendered:
    """Render for one contact or raise RenderError naming the contact and the placeholders."""
    values = contact_values(name, phone, custom)
    problems: list[RenderProblem] = []
    if content_sid:
        rendered: dict[str, str] = {}
        for key, source in (variables or {}).items():
            # A mapping value is a field name, or a text with {{field}} placeholders.
            text = source if PLACEHOLDER.search(str(source)) else "{{" + str(source) + "}}"
            out, missing = render_text(text, values)
            problems += [RenderProblem(contact_id, phone, m, f"no value (template variable {key})")
                         for m in missing]
            rendered[str(key)] = out
        if problems:
            raise RenderError(problems)
        return Rendered(None, rendered)
    out, missing = render_text(body, values)
    if missing:
        raise RenderError([RenderProblem(contact_id, phone, m) for m in missing])
    return Rendered(out, None)


def summarize(problems: list[RenderProblem], limit: int = 5) -> str:
    """One line for the user: which placeholder misses a value for which contacts."""
    if not problems:
        return ""
    by_placeholder: dict[str, list[str]] = {}
    for p in problems:
        by_placeholder.setdefault(p.placeholder, []).append(p.phone)
    parts = []
    for placeholder, phones in by_placeholder.items():
        shown = ", ".join(phones[:limit]) + (f" and {len(phones) - limit} more" if len(phones) > limit else "")
        parts.append(f"{{{{{placeholder}}}}} has no value for {len(phones)} contact(s): {shown}")
    return "; ".join(parts)
