"""`python -m benchlearn.i18n.check`: every message in every language, with the same placeholders (run by `make lint`).

Fails (exit 1, one `file: msgid: problem` line each) when a language lacks a message English has, has one English
lacks, leaves it empty or fuzzy, changes its {placeholders}, breaks `str.format`, gives a plural message the
wrong number of forms, or declares a `Plural-Forms` formula that disagrees with CLDR's rules for whole numbers.
"""

from __future__ import annotations

import gettext
import sys
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from benchlearn.i18n.catalogues import DOMAIN, LOCALE_DIR, placeholders
from benchlearn.i18n.problems import fill

REFERENCE = "en"
# the CLDR category of each gettext form index (lt's `many` is for fractions only, never a count)
PLURAL_ORDER = {"en": ("one", "other"), "lt": ("one", "few", "other"), "lv": ("zero", "one", "other")}


def _texts(message: Message) -> tuple[str, ...]:
    return tuple(message.string) if message.pluralizable else (message.string,)


def _key(message: Message) -> str:
    return message.id[0] if message.pluralizable else message.id


def check_plural_forms(lang: str, catalog: Catalog) -> list[str]:
    """The catalogue's form for each count 0–1000 is the one CLDR names for that count."""
    order = PLURAL_ORDER[lang]
    if catalog.num_plurals != len(order):
        return [f"Plural-Forms: nplurals={catalog.num_plurals}, expected {len(order)} ({', '.join(order)})"]
    choose = gettext.c2py(catalog.plural_expr)
    rule = Locale.parse(lang).plural_form
    for n in range(1001):
        if order[choose(n)] != rule(n):
            return [f"Plural-Forms: n={n} takes form {choose(n)} ({order[choose(n)]}), CLDR says {rule(n)}"]
    return []


def _format_problem(text: str, names: set[str]) -> str | None:
    try:
        # as problems are filled in: `{x:or}` / `{x:and}` join a list, `{x:term}` / `{x:field}` name a thing
        fill(text, REFERENCE, **dict.fromkeys(names, "1"))
    except (KeyError, IndexError, ValueError) as error:
        return f"does not format ({error})"
    return None


def check_message(message: Message, reference: Message, nplurals: int) -> list[str]:
    """What is wrong with one translated message, compared with its English original."""
    if message.fuzzy:
        return ["fuzzy (needs review)"]
    if message.pluralizable != reference.pluralizable:
        return ["plural in one language, not in the other"]
    texts = _texts(message)
    if message.pluralizable and len(texts) != nplurals:
        return [f"{len(texts)} plural forms, expected {nplurals}"]
    if not all(texts):
        return ["not translated"]
    expected = set().union(*(placeholders(text) for text in _texts(reference)))
    found = set().union(*(placeholders(text) for text in texts))
    problems = []
    if found != expected:
        problems.append(f"placeholders {sorted(found)} differ from English {sorted(expected)}")
    problems.extend(p for text in texts if (p := _format_problem(text, expected | found)))
    return problems


def check(locale_dir: Path = LOCALE_DIR) -> list[str]:
    """Every problem of the catalogues under `locale_dir`, as `file: msgid: problem` lines."""
    catalogs: dict[str, Catalog] = {}
    for lang in PLURAL_ORDER:
        with (locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as handle:
            catalogs[lang] = read_po(handle, locale=lang, domain=DOMAIN)
    reference = {_key(m): m for m in catalogs[REFERENCE] if m.id}
    out = []
    for lang, catalog in catalogs.items():
        where = f"{locale_dir.name}/{lang}/LC_MESSAGES/{DOMAIN}.po"
        out.extend(f"{where}: {p}" for p in check_plural_forms(lang, catalog))
        found = {_key(m): m for m in catalog if m.id}
        for key, original in reference.items():
            message = found.get(key)
            problems = ["missing"] if message is None else check_message(message, original, catalog.num_plurals)
            out.extend(f"{where}: {key}: {p}" for p in problems)
        out.extend(f"{where}: {key}: not in the English catalogue" for key in found.keys() - reference.keys())
    return out


def main() -> int:
    """Print every problem; exit 1 if there is any."""
    problems = check()
    for line in problems:
        print(line, file=sys.stderr)
    if not problems:
        print(f"messages: {len(PLURAL_ORDER)} catalogues complete, placeholders agree")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
