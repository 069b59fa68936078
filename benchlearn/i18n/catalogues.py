"""The gettext catalogues `locale/<lang>/LC_MESSAGES/benchlearn.po`, read directly through Babel at first use.

Reading the .po files (about 30 ms for the three) instead of compiled .mo files keeps `make run` and a fresh
clone free of a build step and of generated files that could drift from their sources. Message ids are the
keys the code uses ("profile.title"); an entry with `msgid_plural` has one text per plural form of its
language, chosen by the catalogue's own `Plural-Forms` formula (CLDR's rules for whole numbers).
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "benchlearn"
# {name}, {name:.1f} or {name!r}; a doubled brace is a literal brace, not a replacement field
_PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_]\w*)[^{}]*\}")


@dataclass(frozen=True)
class Messages:
    """One language's messages: plain texts, plural texts (one per form) and the form chooser."""

    lang: str
    singular: dict[str, str]
    plural: dict[str, tuple[str, ...]]
    plural_form: Callable[[int], int]
    nplurals: int


def po_path(lang: str) -> Path:
    """Where the catalogue of `lang` lives."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(lang: str) -> Catalog:
    """The Babel catalogue of `lang`, as written in its .po file (fuzzy entries included)."""
    with po_path(lang).open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


def placeholders(text: str) -> set[str]:
    """The names of the {placeholders} a message fills in."""
    return set(_PLACEHOLDER.findall(text))


@cache
def messages(lang: str) -> Messages:
    """The usable messages of `lang`: untranslated (empty) and fuzzy entries are left out, so t() falls back."""
    catalog = read_catalog(lang)
    singular: dict[str, str] = {}
    plural: dict[str, tuple[str, ...]] = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if message.pluralizable:
            forms = tuple(message.string)
            if all(forms):
                plural[message.id[0]] = forms
        elif message.string:
            singular[message.id] = message.string
    return Messages(lang, singular, plural, gettext.c2py(catalog.plural_expr), catalog.num_plurals)
