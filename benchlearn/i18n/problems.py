"""The wording of an ingest problem: `upload.problem.<code>` (or `.<code>.<form>`) filled in with its params.

A problem carries only its code, an optional form (the variant of the rule that applied) and parameters; the
English the CLI prints and the Lithuanian and Latvian the pages show are the catalogue's. A parameter may be a
list (a tuple), written `{names:or}` or `{names:and}` in a message to join it with that language's word; a
parameter that names a thing rather than quoting the file is written `{what:term}` (`upload.term.<what>`) or
`{field:field}` (`upload.field.<field>`, a canonical column), so that it too reads in the message's language.
"""

from __future__ import annotations

import string
from collections.abc import Iterable

from benchlearn.i18n import DEFAULT_LANGUAGE, t
from benchlearn.i18n.catalogues import messages

SHOWN_CHARS = 60  # a longer cell value is shortened in a message (the report still shows all of it)


def shorten(text: object) -> str:
    """A cell value as a message quotes it: shortened with "…" when long."""
    text = "" if text is None else str(text)
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 3] + "…"


def joined(items: Iterable[object], word: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """'a, b or c' ('a, b arba c', 'a, b vai c'): `word` is "or" or "and"."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return t(f"upload.list.{word}", lang, items=", ".join(items[:-1]), last=items[-1])


class _Formatter(string.Formatter):
    """str.format with list parameters: `{x:or}` / `{x:and}` join, a bare list is comma-separated."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: object, format_spec: str) -> str:
        items = value if isinstance(value, tuple | list) else (value,)
        if format_spec in ("or", "and"):
            return joined(items, format_spec, self.lang)
        if format_spec in ("term", "field"):
            return t(f"upload.{format_spec}.{value}", self.lang)
        if isinstance(value, tuple | list):
            return ", ".join(str(i) for i in value)
        return super().format_field(value, format_spec)


def fill(text: str, lang: str, **params: object) -> str:
    """`text` filled in with `params` as problem messages are (lists joined in `lang`)."""
    return _Formatter(lang).format(text, **params)


def problem_key(code: str, form: str = "") -> str:
    """The catalogue key of a rule's message."""
    return f"upload.problem.{code}" + (f".{form}" if form else "")


def problem_message(code: str, form: str, params: dict[str, object], lang: str = DEFAULT_LANGUAGE) -> str:
    """The problem's message in `lang` (English where `lang` lacks it; the key if no language has it)."""
    key = problem_key(code, form)
    for source in (lang, DEFAULT_LANGUAGE):
        text = messages(source).singular.get(key) if source in ("en", "lt", "lv") else None
        if text is not None:
            try:
                return fill(text, source, **params)
            except (KeyError, IndexError, ValueError):
                continue  # a translation that asks for a detail this problem lacks: the next language
    return key
