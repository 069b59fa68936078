"""`python -m benchlearn.i18n.sync` (`make messages`): bring lt and lv up to date with the English catalogue.

English (`locale/en/…/benchlearn.po`) is the source: a new message is added there (msgid = its key, msgstr =
the English text). This adds each new key to lt and lv untranslated, with the English text as a comment for
the translator, marks a translation fuzzy when its English text changed, drops keys English no longer has,
and lists keys the code asks for with a literal `t("…")` / `tn("…")` (found by Babel's extractor) that English
lacks. `make lint` then fails until every new or fuzzy entry is translated (in Poedit, Weblate or an editor).
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import write_po

from benchlearn.i18n.catalogues import po_path, read_catalog

ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = ("lt", "lv")
_EN = "en: "


def _english(message: Message) -> str:
    texts = message.string if message.pluralizable else (message.string,)
    return texts[-1].replace("\n", "\\n")


def _key(message: Message) -> str:
    return message.id[0] if message.pluralizable else message.id


def _words(comments: list[str]) -> list[str]:
    # A comment is kept as written: one typed by hand in the msgstr style (\" and \\) says the same as the plain
    # quote and backslash that write_po puts there
    return " ".join(comments).replace('\\"', '"').replace("\\\\", "\\").split()


def update(catalog: Catalog, english: Catalog) -> list[str]:
    """Add, refresh and drop entries of `catalog` so it has exactly the English keys; what changed."""
    changes = []
    wanted = {_key(m): m for m in english if m.id}
    for key in [_key(m) for m in catalog if m.id and _key(m) not in wanted]:
        del catalog[key]
        changes.append(f"dropped {key}")
    for key, source in wanted.items():
        comment = _EN + _english(source)
        current = catalog.get(key)
        if current is None or current.pluralizable != source.pluralizable:
            empty = ("",) * catalog.num_plurals if source.pluralizable else ""
            catalog[key] = Message(source.id, empty, flags=source.flags, auto_comments=[comment])
            changes.append(f"added {key}")
        elif _words(current.auto_comments) != _words([comment]):  # compared word by word: .po tools rewrap
            if current.auto_comments:  # the English text changed since this was translated
                current.flags.add("fuzzy")
                changes.append(f"fuzzy {key}")
            current.auto_comments = [comment]
    return changes


def keys_in_code(root: Path = ROOT) -> set[str]:
    """The message keys the code names literally in t(…) and tn(…) calls."""
    found: set[str] = set()
    for folder in ("benchlearn", "pages"):
        for _file, _line, key, _comments, _context in extract_from_dir(
                root / folder, method_map=[("**.py", "python")], keywords={"t": (1,), "tn": (1,)}):
            found.add(key if isinstance(key, str) else key[0])
    return found


def main() -> int:
    """Update lt and lv on disk; print what changed and which keys of the code English lacks."""
    english = read_catalog("en")
    for lang in TRANSLATED:
        catalog = read_catalog(lang)
        changes = update(catalog, english)
        if changes:
            with po_path(lang).open("wb") as handle:
                write_po(handle, catalog, width=0, sort_output=False)
        print(f"{lang}: {len(changes)} changes", *changes, sep="\n  ")
    known = {_key(m) for m in english if m.id}
    areas = {key.split(".", 1)[0] + "." for key in known}
    # a conditional key (t("a.x" if … else "a.y")) reaches the extractor as one joined string: skip those
    unknown = sorted(k for k in keys_in_code() if k not in known and "." in k
                     and not any(area in k[1:] for area in areas))
    for key in unknown:
        print(f"en: {key} is used in the code but has no English text", file=sys.stderr)
    return 1 if unknown else 0


if __name__ == "__main__":
    sys.exit(main())
