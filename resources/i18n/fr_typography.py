"""French typography for the translations of a Qt .ts file (and the "fr" texts of
error_codes.json): a narrow no-break space (U+202F) before : ; ? ! where a plain or no-break
space stood, before ? and ! glued to a word, and a no-break space (U+00A0) inside « ».
Only the text of <translation> elements changes; run with --check to list what would change.

    python resources/i18n/fr_typography.py resources/i18n/wacampaign_fr.ts \
        wacampaign_desktop/core/twilio_gateway/error_codes.json [--check]

then recompile the .qm (update_translations.sh). tests/gui/test_french_typography.py checks."""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

NNBSP, NBSP = "\u202f", "\u00a0"
_TRANSLATION = re.compile(r"(<translation(?:\s[^>]*)?(?<!/)>)(.*?)(</translation>)", re.S)


def fix_text(text: str) -> str:
    """`text` may hold XML entities (&apos; &amp; …): none of the rules touches them."""
    text = re.sub(r"[ \u00a0]+([:;?!])", NNBSP + r"\1", text)  # "mot :" → "mot :"
    text = re.sub(r"(?<=[\w%»)\u2026])([?!])", NNBSP + r"\1", text)  # "mot?" → "mot ?"
    text = re.sub(r"«[ \u00a0\u202f]*", "«" + NBSP, text)
    text = re.sub(r"[ \u00a0\u202f]*»", NBSP + "»", text)
    return text


def fix_ts(raw: str) -> tuple[str, list[tuple[str, str]]]:
    changes: list[tuple[str, str]] = []

    def one(match: re.Match[str]) -> str:
        new = fix_text(match[2])
        if new != match[2]:
            changes.append((match[2], new))
        return match[1] + new + match[3]

    return _TRANSLATION.sub(one, raw), changes


def _messages(raw: str) -> list[tuple[str | None, str | None, str | None]]:
    root = ET.fromstring(raw.encode("utf-8"))
    return [(ctx.findtext("name"), m.findtext("source"), m.findtext("comment"))
            for ctx in root.iter("context") for m in ctx.iter("message")]


def main() -> int:
    args = [a for a in sys.argv[1:] if a != "--check"]
    ts, check = Path(args[0]), "--check" in sys.argv
    raw = ts.read_text("utf-8")
    new, changes = fix_ts(raw)
    assert _messages(new) == _messages(raw), "sources, contexts or comments changed"
    for old, fixed in changes:
        print(f"- {old}\n+ {fixed}".replace(NNBSP, "⍽").replace(NBSP, "·"))
    print(f"{len(changes)} translations changed", file=sys.stderr)
    if not check:
        ts.write_text(new, "utf-8")
    for extra in args[1:]:
        if extra.endswith(".json"):
            path = Path(extra)
            data = json.loads(path.read_text("utf-8"))
            text = path.read_text("utf-8")
            count = 0
            for entry in data.values():
                for value in entry.get("fr", {}).values():
                    fixed = fix_text(value)
                    if fixed != value:
                        old_js = json.dumps(value, ensure_ascii=False)
                        new_js = json.dumps(fixed, ensure_ascii=False)
                        text = text.replace(old_js, new_js)  # identical texts: all at once
                        count += 1
            json.loads(text)
            print(f"{count} French texts changed in {path.name}", file=sys.stderr)
            if not check:
                path.write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
