"""The safe alphabet of the codes a metadata upload defines (entities, indicators, networks, peer groups).

A code is what every other file, link and export names a thing by, so it must be one thing only: after
Unicode NFKC normalisation (full-width `ＬＶ` becomes `LV`) it may hold ASCII letters, digits, `-`, `_` and
`.`, must start with a letter or a digit (never `=`, `+`, `-` or `@`, which spreadsheets run as formulas),
may not contain `..` (a path step), and has at most 64 characters. Look-alike letters (Cyrillic `І`),
other dashes (U+2010), invisible characters (U+200B) and direction overrides (U+202E) are refused with the
character named, so that `LV-RIX` cannot have a twin that looks the same.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_CODE = 64
ALPHABET = 'ASCII letters, digits, "-", "_" and ".", starting with a letter or digit'
_ALLOWED = re.compile(r"[A-Za-z0-9._-]")


@dataclass(frozen=True)
class CodeProblem:
    """Why a code is refused: a rule code (`code_character`, …) and its params (`upload.problem.<rule>`)."""

    rule: str
    params: dict[str, str]


def normalise(cell: str) -> str:
    """The code as stored: NFKC-normalised (compatibility forms such as full-width letters become ASCII)."""
    return unicodedata.normalize("NFKC", cell)


def shown(text: str) -> str:
    """Text safe to print in a message: invisible and direction-changing characters as \\uXXXX escapes."""
    return "".join(c if c.isprintable() and unicodedata.category(c) != "Cf" else f"\\u{ord(c):04x}"
                   for c in text)


def character(c: str) -> str:
    """A character as a reader can identify it: 'U+2010 HYPHEN'."""
    return f"U+{ord(c):04X} {unicodedata.name(c, 'UNNAMED')}"


def code_problem(code: str) -> CodeProblem | None:
    """None when the (normalised) code is in the safe alphabet, else the first rule it breaks."""
    for c in code:
        if not _ALLOWED.fullmatch(c):
            return CodeProblem("code_character", {"character": character(c)})
    if not code[:1].isalnum():
        return CodeProblem("code_start", {"character": code[:1]})
    if ".." in code:
        return CodeProblem("code_dots", {})
    if len(code) > MAX_CODE:
        return CodeProblem("code_too_long", {"length": str(len(code)), "limit": str(MAX_CODE)})
    return None
