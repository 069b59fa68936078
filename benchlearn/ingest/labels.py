"""Folding text for matching: case-, diacritics- and punctuation-insensitive keys."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")
# letters NFKD does not decompose into a base letter plus a mark
_EXTRA = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"})


def strip_accents(text: str) -> str:
    """Lower-case text without diacritics: 'Akmenės' → 'akmenes', 'Pašvaldība' → 'pasvaldiba'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_EXTRA))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """A matching key without accents or case, other characters as '_' ('Entity code' → 'entity_code')."""
    return _NON_WORD.sub("_", strip_accents(text)).strip("_")


def tokens(text: str) -> list[str]:
    """The words of a folded text: 'Akmenės r. sav.' → ['akmenes', 'r', 'sav']."""
    return [t for t in _NON_WORD.split(strip_accents(text)) if t]
