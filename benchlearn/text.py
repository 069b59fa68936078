"""Text as every search and name match compares it: one fold for entity resolution, header and word keys,
practice search and catalogue search.

`fold` ignores what people type differently on any keyboard: case ('Š' = 'š'), diacritics ('Akmenės' =
'akmenes'; letters that Unicode does not decompose, such as 'ł', 'ø', 'đ', 'æ', 'œ', are mapped by hand),
compatibility forms (a no-break space or a full-width letter) and runs of white space (a line break or a
double space between two words is one space). Before this module the catalogue search kept 'ł' and 'ø' and
white space as written while practice search folded them, so one query matched differently on two pages.
`fold` is exactly the fold practice search has stored in `search_text` since that column was added: a change
to it would need a migration that re-folds the stored practices.
"""

from __future__ import annotations

import unicodedata

# letters NFKD does not decompose into a base letter plus a mark (casefold already turns 'ß' into 'ss')
_EXTRA = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "æ": "ae", "œ": "oe", "ı": "i"})


def fold(text: str) -> str:
    """Lower case, no diacritics, single spaces: ' Gatvių\\napšvietimas ' → 'gatviu apsvietimas'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_EXTRA))
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())
