"""Lithuanian, Latvian and English: t() and tn() over the gettext catalogues, numbers and dates through Babel.

The messages live in `benchlearn/i18n/locale/<lang>/LC_MESSAGES/benchlearn.po` (see `catalogues`); their ids
are the keys the code uses ("profile.title"), with {placeholders} filled in by `str.format`. A message that
counts something is a plural entry and is asked for with `tn(key, n, …)`, which picks the form CLDR's rules
give for `n` in that language (lt: 1, 21 / 2–9 / 10–20, 30; lv: 0, 10–20 / 1, 21 / other; en: 1 / other).
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from functools import cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import NumberPattern, format_percent, parse_pattern

from benchlearn.i18n.catalogues import messages

LANGUAGES: tuple[str, ...] = ("en", "lt", "lv")
LANGUAGE_NAMES = {"en": "English", "lt": "Lietuvių", "lv": "Latviešu"}
DEFAULT_LANGUAGE = "en"
MISSING = "–"


def _language(lang: str) -> str:
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: object) -> str:
    """The message `key` in `lang` (English if untranslated there, the key itself if unknown), filled in."""
    text = messages(_language(lang)).singular.get(key)
    if text is None:
        text = messages(DEFAULT_LANGUAGE).singular.get(key)
        if text is None:
            forms = messages(DEFAULT_LANGUAGE).plural.get(key)
            if forms is None:
                return key
            # a plural message asked for without a count: the general form
            text = forms[-1]
    return text.format(**params) if params else text


def tn(key: str, n: int, lang: str = DEFAULT_LANGUAGE, **params: object) -> str:
    """The plural message `key` in the form `lang` uses for the count `n`; `{n}` is the count unless given."""
    params.setdefault("n", n)
    lang = _language(lang)
    for source in (messages(lang), messages(DEFAULT_LANGUAGE)):
        forms = source.plural.get(key)
        if forms is not None:
            index = source.plural_form(abs(int(n)))
            return forms[min(index, len(forms) - 1)].format(**params)
    return t(key, lang, **params)


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Every message id with its text per language (a plural message gives its general form)."""
    merged: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES:
        found = messages(lang)
        for key, text in found.singular.items():
            merged.setdefault(key, {})[lang] = text
        for key, forms in found.plural.items():
            merged.setdefault(key, {})[lang] = forms[-1]
    return merged


def _number(value: float | int | None) -> Decimal | None:
    """The value as Babel should format it, or None when there is no number to show."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return None
    try:
        if value != value:  # NaN of numpy and pandas types
            return None
    except (TypeError, ValueError):
        return None
    # through str(): the shortest repr of a float, so 0.125 rounds as written, not as its binary value
    return Decimal(str(value))


def fmt_number(value: float | int | None, lang: str = DEFAULT_LANGUAGE, decimals: int | None = None) -> str:
    """A number as CLDR writes it in `lang`: `12,345.6` in English, `12 345,6` (no-break space) in lt and lv."""
    number = _number(value)
    if number is None:
        return MISSING
    if decimals is None:
        decimals = 0 if number == number.to_integral_value() else 2
    pattern, locale = _decimal_format(_language(lang), decimals)
    return pattern.apply(number, locale)  # what babel's format_decimal does, without parsing both again


@cache
def _decimal_format(language: str, decimals: int) -> tuple[NumberPattern, Locale]:
    # a table of a thousand values formats a thousand numbers: parse the pattern and the locale once
    return parse_pattern("#,##0" + ("." + "0" * decimals if decimals > 0 else "")), Locale.parse(language)


def fmt_percent(value: float | int | None, lang: str = DEFAULT_LANGUAGE, decimals: int = 0) -> str:
    """A percentage given in percent (12.5 → `12.5%` in en and lv, `12,5 %` in lt), as CLDR writes it."""
    number = _number(value)
    if number is None:
        return MISSING
    locale = Locale.parse(_language(lang))
    pattern = locale.percent_formats[None].pattern  # the locale's own spacing: `12 %` in lt, `12%` in lv
    if decimals > 0:
        pattern = pattern.replace("#,##0", "#,##0." + "0" * decimals, 1)
    return format_percent(number / 100, format=pattern, locale=locale)


def fmt_date(value: dt.date, lang: str = DEFAULT_LANGUAGE, form: str = "long") -> str:
    """A date as `lang` writes it (`long`: 1 July 2025 → `July 1, 2025`, `2025 m. liepos 1 d.`, …)."""
    return format_date(value, format=form, locale=_language(lang))


def localized(row: dict, field: str, lang: str) -> str:
    """`name_lt` / `name_lv` (`unit_lt` …) of a metadata row when the data has it, else the English `name_en`
    (or plain `name`, `unit`)."""
    value = row.get(f"{field}_{lang}")
    if isinstance(value, str) and value.strip():
        return value
    fallback = row.get(f"{field}_en", row.get(field))
    return str(fallback) if fallback is not None else ""


def localized_meta(meta: dict, lang: str) -> dict:
    """An indicator's metadata row whose `unit` is the one `lang` reads (so every label built from it is)."""
    return {**meta, "unit": localized(meta, "unit", lang)}
