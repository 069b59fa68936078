"""DuckDB's parameter markers (`?`, `$1`, `$name`) turned into psycopg's (`%s`, `%(name)s`), values untouched.

The store's SQL is written once, in DuckDB's style. For PostgreSQL only the markers change: the values still
travel as bound parameters, never in the SQL text. Markers are found by a scanner that steps over string
literals, quoted identifiers, dollar-quoted strings and comments, so a `?` or `$name` inside them stays text;
every `%` becomes `%%`, because psycopg reads `%` as the start of a marker.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from benchlearn.errors import UsageError

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NUMBER = re.compile(r"[0-9]+")
_DOLLAR_TAG = re.compile(r"\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$")
# a quoted piece ends at its closing mark; '' and "" inside are the escaped mark and are scanned over as two
_CLOSE = {"'": re.compile(r"'(?:[^']|'')*'"), '"': re.compile(r'"(?:[^"]|"")*"'),
          "--": re.compile(r"--[^\n]*"), "/*": re.compile(r"/\*.*?\*/", re.S)}


def to_psycopg(sql: str, params: Sequence[Any] | Mapping[str, Any] | None
               ) -> tuple[str, Sequence[Any] | Mapping[str, Any]]:
    """The statement with psycopg markers, and its parameters in the form those markers take."""
    pieces: list[str] = []
    markers: list[tuple[str, str]] = []  # ("?", "") | ("$n", "3") | ("$name", "entity")
    i = 0
    while i < len(sql):
        quoted = _quoted_end(sql, i)
        if quoted > i:
            pieces.append(sql[i:quoted].replace("%", "%%"))
            i = quoted
            continue
        char = sql[i]
        if char == "?":
            markers.append(("?", ""))
            pieces.append("%s")
        elif char == "$" and (number := _NUMBER.match(sql, i + 1)):
            markers.append(("$n", number.group()))
            pieces.append(f"%(p{number.group()})s")
            i = number.end()
            continue
        elif char == "$" and (name := _NAME.match(sql, i + 1)):
            markers.append(("$name", name.group()))
            pieces.append(f"%({name.group()})s")
            i = name.end()
            continue
        else:
            pieces.append("%%" if char == "%" else char)
        i += 1
    return "".join(pieces), _bind(markers, params)


def _quoted_end(sql: str, i: int) -> int:
    """Where the literal, identifier or comment starting at `i` ends (`i` itself when none starts there)."""
    for opening, pattern in _CLOSE.items():
        if sql.startswith(opening, i):
            match = pattern.match(sql, i)
            if match is None:
                raise UsageError(f"unterminated {opening} in SQL")
            return match.end()
    tag = _DOLLAR_TAG.match(sql, i)
    if tag is not None:
        end = sql.find(tag.group(), tag.end())
        if end < 0:
            raise UsageError("unterminated dollar-quoted string in SQL")
        return end + len(tag.group())
    return i


def _bind(markers: list[tuple[str, str]], params: Sequence[Any] | Mapping[str, Any] | None
          ) -> Sequence[Any] | Mapping[str, Any]:
    kinds = {kind for kind, _ in markers}
    if len(kinds) > 1:
        raise UsageError("SQL mixes ? and $ parameters")
    if not markers:
        return ()  # a tuple, not None: psycopg then reads %% as % like everywhere else
    kind = kinds.pop()
    if kind == "$name":
        if not isinstance(params, Mapping):
            raise UsageError("named $parameters need a dict of values")
        return params
    if params is None or isinstance(params, Mapping | str | bytes):
        raise UsageError("positional parameters need a list of values")
    values = list(params)
    if kind == "?":
        return values
    absent = sorted({n for _, n in markers if not 0 < int(n) <= len(values)})
    if absent:
        raise UsageError(f"no value for ${', $'.join(absent)}: {len(values)} given")
    return {f"p{n}": values[int(n) - 1] for _, n in markers}
