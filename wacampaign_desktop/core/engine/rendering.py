"""Rendering a campaign for one contact: `{{field}}` placeholders in the text, or an approved
template (`content_sid`) whose variables ("1", "2"…) are texts filled per contact.

Fields: `name`, `phone`, and the contact's custom fields (case-insensitive). A template variable's
value is a text in which `{{field}}` is filled exactly as in message bodies ("Hello {{name}}");
a text without placeholders is sent as it is ("Lyon"), except a bare field name ("name",
"city"), the older stored shape, which still means that field. A placeholder with no value for a
contact, or a template value WhatsApp refuses (empty, a line break, a tab, more than four spaces
in a row), is a problem that stops the campaign from starting, naming the contact.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

PLACEHOLDER = re.compile(r"\{\{\s*([^{}]+?)\s*\}\}")
TOO_MANY_SPACES = re.compile(r" {5,}")

# RenderProblem.code values
MISSING, NEWLINE, TAB, SPACES, TEMPLATE = "missing", "newline", "tab", "spaces", "template"
VALUE_REASONS = {NEWLINE: "contains a line break", TAB: "contains a tab",
                  SPACES: "has more than four spaces in a row"}


@dataclass(frozen=True)
class RenderProblem:
    """`placeholder`: the contact field without a value; `variable`: the template placeholder
    number ("" for a message body); `code`: missing | newline | tab | spaces | template (the
    campaign's template itself: not synced, not approved; then no contact is named)."""

    contact_id: int | None
    phone: str
    placeholder: str
    reason: str = "no value"
    name: str = ""
    variable: str = ""
    code: str = MISSING

    @property
    def who(self) -> str:
        return f"{self.phone} ({self.name})" if self.name else self.phone

    def __str__(self) -> str:
        if self.code == TEMPLATE:
            return self.reason
        return f"{self.who}: {_what(self)} {self.reason}"


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


def variable_source(value: Any, fields: Iterable[str]) -> str:
    """A template variable's value as a text to fill: a bare known field name ("city", the older
    shape) means "{{city}}"; any other text stays as it is. A set of `fields` must be lower case."""
    text = str(value if value is not None else "")
    if PLACEHOLDER.search(text):
        return text
    known = fields if isinstance(fields, (set, frozenset)) else {f.lower() for f in fields}
    if text.strip() and text.strip().lower() in known:
        return "{{" + text.strip() + "}}"
    return text


def value_problem(value: str) -> str | None:
    """Why WhatsApp would refuse this template value (None when it is fine; empty is MISSING)."""
    if not value.strip():
        return MISSING
    if "\n" in value or "\r" in value:
        return NEWLINE
    if "\t" in value:
        return TAB
    if TOO_MANY_SPACES.search(value):
        return SPACES
    return None


def _contact_parts(contact: Any) -> tuple[int | None, str, str, dict[str, Any]]:
    if isinstance(contact, Mapping):
        return (contact.get("id"), str(contact.get("name") or ""), str(contact.get("phone") or ""),
                dict(contact.get("fields") or {}))
    return (getattr(contact, "id", None), str(getattr(contact, "name", "") or ""),
            str(getattr(contact, "phone", "") or ""), dict(getattr(contact, "fields", None) or {}))


def render_variables(
    variables: Mapping[str, Any] | None, values: dict[str, str], *, contact_id: int | None = None,
    name: str = "", phone: str = "", known_fields: Iterable[str] = (),
) -> tuple[dict[str, str], list[RenderProblem]]:
    """Each template variable filled for one contact, and what is wrong with the values."""
    fields = {*values, *(f.lower() for f in known_fields)}  # values' keys are lower case
    rendered: dict[str, str] = {}
    problems: list[RenderProblem] = []
    for key, source in (variables or {}).items():
        text = variable_source(source, fields)
        out, missing = render_text(text, values)
        key = str(key)
        rendered[key] = out
        for field in missing:
            problems.append(RenderProblem(contact_id, phone, field,
                                          f"no value (template variable {key})", name, key))
        if not missing:
            code = value_problem(out)
            if code is not None:
                reason = "is empty" if code == MISSING else VALUE_REASONS[code]
                problems.append(RenderProblem(contact_id, phone, _field_of(text), reason, name, key,
                                              code))
    return rendered, problems


def _field_of(text: str) -> str:
    found = placeholders(text)
    return found[0] if len(found) == 1 else ""


def render_template_variables(mapping: Mapping[str, Any] | None, contact: Any,
                              known_fields: Iterable[str] = ()) -> dict[str, str]:
    """The template variables for `contact` (a Contact row or a dict with name, phone, fields):
    each `{{field}}` filled as in message bodies (empty when the contact has no value), fixed
    texts unchanged."""
    contact_id, name, phone, custom = _contact_parts(contact)
    rendered, _problems = render_variables(mapping, contact_values(name, phone, custom),
                                           contact_id=contact_id, name=name, phone=phone,
                                           known_fields=known_fields)
    return rendered


def fill_template_body(body: str, variables: Mapping[str, str] | None) -> str:
    """A template's text with its `{{1}}` placeholders replaced by the variables (a preview of
    what the contact reads); a placeholder without a variable stays visible."""
    values = {str(k): str(v) for k, v in (variables or {}).items()}
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), body or "")


def render(
    *, body: str, content_sid: str | None, variables: dict[str, str] | None,
    contact_id: int | None, name: str, phone: str, custom: dict[str, Any] | None,
    known_fields: Iterable[str] = (),
) -> Rendered:
    """Render for one contact or raise RenderError naming the contact and the placeholders.
    `known_fields`: field names used by any contact (a bare name in a template variable means
    that field even for a contact who lacks it)."""
    values = contact_values(name, phone, custom)
    if content_sid:
        rendered, problems = render_variables(variables, values, contact_id=contact_id, name=name,
                                              phone=phone, known_fields=known_fields)
        if problems:
            raise RenderError(problems)
        return Rendered(None, rendered)
    out, missing = render_text(body, values)
    if missing:
        raise RenderError([RenderProblem(contact_id, phone, m, name=name) for m in missing])
    return Rendered(out, None)


def _what(p: RenderProblem) -> str:
    if p.variable:
        field = f" ({{{{{p.placeholder}}}}})" if p.placeholder else ""
        return f"template variable {{{{{p.variable}}}}}{field}"
    return f"{{{{{p.placeholder}}}}}"


def summarize(problems: list[RenderProblem], limit: int = 5) -> str:
    """One line for the user: which placeholder misses a value for which contacts."""
    if not problems:
        return ""
    parts = list(dict.fromkeys(p.reason for p in problems if p.code == TEMPLATE))
    groups: dict[tuple[str, str, str], list[str]] = {}
    for p in problems:
        if p.code != TEMPLATE:
            # a message body's problems name phones (as before); a template's name the contact
            groups.setdefault((p.placeholder, p.variable, p.code), []).append(
                p.who if p.variable else p.phone)
    for (placeholder, variable, code), who in groups.items():
        shown = ", ".join(who[:limit]) + (f" and {len(who) - limit} more" if len(who) > limit else "")
        if not variable:
            parts.append(f"{{{{{placeholder}}}}} has no value for {len(who)} contact(s): {shown}")
            continue
        what = _what(RenderProblem(None, "", placeholder, variable=variable))
        reason = "has no value" if code == MISSING else VALUE_REASONS.get(code, "is invalid")
        parts.append(f"{what} {reason} for {len(who)} contact(s): {shown}")
    return "; ".join(parts)
