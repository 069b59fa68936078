"""Lithuanian, Latvian and English: message catalogues, t(), and locale-aware number formatting.

Messages live in `benchlearn/i18n/messages/<area>.py`, each a dict `MESSAGES = {key: {"en": …, "lt": …, "lv": …}}`
with keys prefixed by the area ("profile.title"); one file per area so pages can grow their own words.
"""

from __future__ import annotations

import importlib
import math
import pkgutil
from functools import cache

from benchlearn.i18n import messages as _messages_pkg

LANGUAGES: tuple[str, ...] = ("en", "lt", "lv")
LANGUAGE_NAMES = {"en": "English", "lt": "Lietuvių", "lv": "Latviešu"}
DEFAULT_LANGUAGE = "en"


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Every message of every area, merged (an area may not redefine another's key)."""
    merged: dict[str, dict[str, str]] = {}
    for info in pkgutil.iter_modules(_messages_pkg.__path__):
        module = importlib.import_module(f"{_messages_pkg.__name__}.{info.name}")
        for key, texts in module.MESSAGES.items():
            if key in merged:
                raise ValueError(f"message key {key!r} is defined twice (again in {info.name})")
            merged[key] = texts
    return merged


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: object) -> str:
    """The message `key` in `lang` (English if missing there), with {placeholders} filled in."""
    texts = catalogue().get(key)
    if texts is None:
        return key
    text = texts.get(lang) or texts["en"]
    return text.format(**params) if params else text


def fmt_number(value: float | int | None, lang: str = DEFAULT_LANGUAGE, decimals: int | None = None) -> str:
    """A number as the locale writes it: `1,234.5` in English, `1 234,5` in Lithuanian and Latvian."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 2
    text = f"{value:,.{decimals}f}"
    if lang in ("lt", "lv"):
        # thin no-break thousands separator and a decimal comma, as the Baltic style guides write numbers
        text = text.replace(",", "\u00a0").replace(".", ",")
    return text


def localized(row: dict, field: str, lang: str) -> str:
    """`name_lt` / `name_lv` of a metadata row when the data has it, else the English `name_en`."""
    value = row.get(f"{field}_{lang}")
    if isinstance(value, str) and value.strip():
        return value
    fallback = row.get(f"{field}_en", row.get(field))
    return str(fallback) if fallback is not None else ""
