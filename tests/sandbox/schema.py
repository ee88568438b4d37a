"""Check a JSON answer against Twilio's published OpenAPI schemas (/work/shared/twilio-openapi):
the subset of OpenAPI 3.0 those schemas use (type, nullable, enum, pattern, min/maxLength,
properties, items, required). No third-party validator is installed, so this is a small one."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

SCHEMAS = Path("/work/shared/twilio-openapi/schemas.json")
_TYPES = {"string": str, "integer": int, "number": (int, float), "boolean": bool,
          "object": dict, "array": list}


@cache
def schemas() -> dict:
    if not SCHEMAS.exists():
        pytest.skip(f"Twilio's OpenAPI schemas are not at {SCHEMAS}")
    return json.loads(SCHEMAS.read_text("utf-8"))


def problems(value: object, schema: dict, where: str = "$") -> list[str]:
    found: list[str] = []
    if value is None:
        if not schema.get("nullable") and "type" in schema:
            found.append(f"{where}: null but not nullable")
        return found
    kind = schema.get("type")
    if kind:
        expected = _TYPES[kind]
        if isinstance(value, bool) and kind in ("integer", "number"):
            return [f"{where}: boolean where {kind} expected"]
        if not isinstance(value, expected):
            return [f"{where}: {type(value).__name__} where {kind} expected"]
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{where}: {value!r} not in {schema['enum']}")
    if isinstance(value, str):
        if "pattern" in schema and not re.search(schema["pattern"], value):
            found.append(f"{where}: {value!r} does not match {schema['pattern']}")
        if len(value) < schema.get("minLength", 0) or len(value) > schema.get("maxLength", 10**9):
            found.append(f"{where}: {value!r} has the wrong length")
    if isinstance(value, dict):
        for name in schema.get("required", []):
            if name not in value:
                found.append(f"{where}.{name}: required")
        for name, sub in schema.get("properties", {}).items():
            if name in value:
                found += problems(value[name], sub, f"{where}.{name}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            found += problems(item, schema["items"], f"{where}[{i}]")
    return found


def assert_matches(value: object, schema_name: str) -> None:
    """The answer fits Twilio's schema, and carries every property the schema names (so a
    field the app could read is never silently missing)."""
    schema = schemas()[schema_name]
    found = problems(value, schema)
    assert not found, "\n".join(found[:20])


def missing_properties(value: dict, schema_name: str, *, inside: str | None = None) -> set[str]:
    schema = schemas()[schema_name]
    if inside:
        schema = schema["properties"][inside]["items"]
    return set(schema.get("properties", {})) - set(value)
