"""Resolving what a file calls an entity or an indicator to its code, or explaining why it cannot.

Entities: by code (exact; codes are text, `0114` keeps its zero), else by name or alias, case-, diacritics-
and form-insensitive: a trailing form ("r. sav.", "m. sav.", "d. mun.", "t. mun.", "novads", "city", …) is
stripped but its meaning kept, so "Alytaus m. sav." / "Alytus t. mun." (city) and "Alytaus r. sav." /
"Alytus d. mun." (district) resolve apart while a bare "Alytus" is ambiguous (a Latvian "novads" counts as
the district beside its state city: "Ventspils novads" vs "Ventspils"). Exact keys are tried before stems
(Lithuanian and Latvian case endings dropped: "Akmenės" ~ "Akmenė", "Biržų" ~ "Biržai"); the aliases the
store holds do most of the work. Unknown names get up to three suggestions.
"""

from __future__ import annotations

import difflib
import threading
from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd

from benchlearn.ingest.labels import tokens
from benchlearn.text import fold

_FORMS: list[tuple[tuple[str, ...], str | None]] = sorted([
    (("m", "sav"), "city"), (("t", "mun"), "city"), (("c", "mun"), "city"), (("city",), "city"),
    (("miesto",), "city"),
    (("miestas",), "city"), (("m",), "city"), (("valstspilseta",), "city"), (("pilseta",), "city"),
    (("r", "sav"), "district"), (("d", "mun"), "district"), (("district",), "district"),
    (("rajono",), "district"), (("raj",), "district"), (("r",), "district"),
    (("sav",), None), (("savivaldybe",), None), (("mun",), None), (("municipality",), None),
    # a Latvian novads is the rural municipality around a state city of the same name (Ventspils novads)
    (("novads",), "district"), (("nov",), "district"), (("pasvaldiba",), None), (("kommun",), None),
], key=lambda f: -len(f[0]))
_ENDINGS = "aeiouys"


def name_key(text: str) -> tuple[str, str | None]:
    """('akmenes', 'district') for 'Akmenės r. sav.': the folded name without its form, and its meaning."""
    words = tokens(text)
    form: str | None = None
    stripped = True
    while stripped and len(words) > 1:
        stripped = False
        for suffix, meaning in _FORMS:
            if len(words) > len(suffix) and tuple(words[-len(suffix):]) == suffix:
                words = words[: -len(suffix)]
                form = form or meaning
                stripped = True
                break
    return " ".join(words), form


def stem_key(base: str) -> str:
    """The name with case endings dropped from each word ('akmenes' and 'akmene' → 'akmen')."""
    out = []
    for word in base.split():
        stem = word.rstrip(_ENDINGS)
        out.append(stem if len(stem) >= 3 else word)
    return " ".join(out)


@dataclass
class Resolved:
    """The code a text resolved to, or why not: 'unknown' or 'ambiguous', with candidates to suggest."""

    code: str | None
    problem: str | None = None
    candidates: list[str] = field(default_factory=list)
    by_name: bool = False


class EntityResolver:
    """Resolve entity codes and names against the reference entities (and those of the same file)."""

    def __init__(self, entities: pd.DataFrame) -> None:
        self.names: dict[str, str] = {}
        self._exact: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
        self._stem: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
        self._folded_codes: dict[str, list[str]] = defaultdict(list)
        self._labels: dict[str, set[str]] = defaultdict(set)
        # entities whose names are not indexed yet: a file of codes (the usual upload) never needs their keys,
        # and folding every reference name cost ~40 ms an upload against the demo's 433 entities
        self._unindexed: list[tuple[str, str, list[str]]] = []
        self._indexing = threading.Lock()  # a resolver may be shared by the chunks of a file (values._resolvers)
        for code, name, aliases in zip(entities["code"], entities["name"], entities["aliases"], strict=True):
            self.add(str(code), str(name), [] if _missing(aliases) else str(aliases).split("|"))

    def add(self, code: str, name: str, aliases: list[str]) -> None:
        """Index one entity under its code, name and aliases (the names at the first lookup by name)."""
        self.names[code] = name
        self._folded_codes[code.casefold()].append(code)
        self._unindexed.append((code, name, aliases))

    def _index_names(self) -> None:
        with self._indexing:  # a second caller waits for the whole index, never reads half of it
            for code, name, aliases in self._unindexed:
                for label in [name, *aliases]:
                    base, form = name_key(label)
                    if not base:
                        continue
                    self._exact[base].append((code, form))
                    self._stem[stem_key(base)].append((code, form))
                    self._labels[fold(label.strip())].add(code)
            self._unindexed.clear()

    def label(self, code: str) -> str:
        """'LT-01 Akmenė d. mun.' for messages."""
        return f"{code} {self.names[code]}" if code in self.names else code

    def resolve(self, text: str) -> Resolved:
        """Resolve one cell: exact code, code in another case, then name (exact key, then stem)."""
        if text in self.names:
            return Resolved(text)
        folded = self._folded_codes.get(text.casefold(), [])
        if len(folded) == 1:
            return Resolved(folded[0])
        base, form = name_key(text)
        if base:
            self._index_names()
            for index, key in ((self._exact, base), (self._stem, stem_key(base))):
                codes = _pick(index.get(key, []), form)
                if len(codes) == 1:
                    return Resolved(codes[0], by_name=True)
                if len(codes) > 1:
                    return Resolved(None, "ambiguous", codes)
        return Resolved(None, "unknown", self.suggest(text))

    def suggest(self, text: str) -> list[str]:
        """Up to three codes whose name, alias or code is close to the text."""
        out: list[str] = []
        digits = text.lstrip("0")
        if text.isdigit():  # Excel drops leading zeros of codes such as 0114
            out += sorted(c for c in self.names if c.isdigit() and c.lstrip("0") == digits and c != text)
        self._index_names()
        pool = {**{fold(c): {c} for c in self.names}, **self._labels}
        for label in difflib.get_close_matches(fold(text), list(pool), n=6, cutoff=0.6):
            out += sorted(pool[label])
        return list(dict.fromkeys(out))[:3]


def _pick(found: list[tuple[str, str | None]], form: str | None) -> list[str]:
    """Codes matching a name key, narrowed by the form's meaning (same form first, then unmarked)."""
    if form is None:
        return sorted({code for code, _ in found})
    same = sorted({code for code, f in found if f == form})
    if same:
        return same
    return sorted({code for code, f in found if f is None})


class IndicatorResolver:
    """Resolve indicator codes, or an exact name in English, Lithuanian or Latvian (case-insensitive)."""

    def __init__(self, indicators: pd.DataFrame) -> None:
        self.names: dict[str, str] = {}
        self._by_name: dict[str, set[str]] = defaultdict(set)
        for row in indicators.itertuples(index=False):
            self.add(str(row.code), [getattr(row, c, None) for c in ("name_en", "name_lt", "name_lv")])

    def add(self, code: str, names: list[object]) -> None:
        """Index one indicator under its code and names."""
        self.names.setdefault(code, next((str(n) for n in names if not _missing(n)), code))
        for name in names:
            if not _missing(name):
                self._by_name[" ".join(str(name).casefold().split())].add(code)

    def label(self, code: str) -> str:
        """'BIRTHS Live births' for messages."""
        name = self.names.get(code, code)
        return code if name == code else f"{code} {name}"

    def resolve(self, text: str) -> Resolved:
        """Resolve one cell: exact code, else exact name."""
        if text in self.names:
            return Resolved(text)
        codes = sorted(self._by_name.get(" ".join(text.casefold().split()), ()))
        if len(codes) == 1:
            return Resolved(codes[0], by_name=True)
        if codes:
            return Resolved(None, "ambiguous", codes)
        pool: dict[str, set[str]] = {c.casefold(): {c} for c in self.names}
        for name, codes_of in self._by_name.items():
            pool.setdefault(name, set()).update(codes_of)
        close = difflib.get_close_matches(text.casefold(), list(pool), n=6, cutoff=0.6)
        return Resolved(None, "unknown", list(dict.fromkeys(c for m in close for c in sorted(pool[m])))[:3])


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value) or value is pd.NA or value == ""
