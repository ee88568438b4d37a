"""Text as rules compare it: case and accents ignored, spaces collapsed."""

from __future__ import annotations

import unicodedata


def strip_accents(text: str | None) -> str:
    """'Prêt' → 'Pret' (case kept: used on regular expressions, where case carries meaning)."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str | None) -> str:
    """'  Café   OUVERT ' → 'cafe ouvert': NFKD, accents (combining marks) dropped, casefolded,
    runs of white space made one space, trimmed."""
    return " ".join(strip_accents(text).casefold().split())


def fold_word(text: str | None) -> str:
    """fold() without the punctuation around: 'Prix ?!' → 'prix' (for exact keywords)."""
    return fold(text).strip(" .,;:!?¡¿…'\"()[]«»-")
