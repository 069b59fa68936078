"""Keys for matching labels (headers, status and polarity words, units) and names: the folded text
(benchlearn.text.fold) cut at every character that is not a letter or digit."""

from __future__ import annotations

import re

from benchlearn.text import fold

_NON_WORD = re.compile(r"[^0-9a-z]+")


def label_key(text: str) -> str:
    """A matching key without accents or case, other characters as '_' ('Entity code' → 'entity_code')."""
    return _NON_WORD.sub("_", fold(text)).strip("_")


def tokens(text: str) -> list[str]:
    """The words of a folded text: 'Akmenės r. sav.' → ['akmenes', 'r', 'sav']."""
    return [t for t in _NON_WORD.split(fold(text)) if t]
