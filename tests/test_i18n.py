"""The gettext catalogues: CLDR plurals per language, Babel's number and date formats, and the catalogue check."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from benchlearn.i18n import LANGUAGES, fmt_date, fmt_number, fmt_percent, t, tn
from benchlearn.i18n.catalogues import LOCALE_DIR
from benchlearn.i18n.check import check

COUNTS = (0, 1, 2, 5, 11, 21)
# "{peers} ({n} …)": lt one 1, 21 / few 2–9, 22 / other 0, 10–20, 30; lv zero 0, 10–20, 30 / one 1, 21 / other
PLURALS = {
    "en": ("municipalities", "municipality", "municipalities", "municipalities", "municipalities", "municipalities"),
    "lt": ("savivaldybių", "savivaldybė", "savivaldybės", "savivaldybės", "savivaldybių", "savivaldybė"),
    "lv": ("pašvaldību", "pašvaldība", "pašvaldības", "pašvaldības", "pašvaldību", "pašvaldība"),
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("index", "n"), list(enumerate(COUNTS)))
def test_a_count_takes_the_plural_form_its_language_uses(lang: str, index: int, n: int) -> None:
    assert tn("exports.report.peers_value", n, lang, peers="P") == f"P ({n} {PLURALS[lang][index]})"


@pytest.mark.parametrize(("lang", "n", "expected"), [
    ("lt", 10, "savivaldybių"), ("lt", 20, "savivaldybių"), ("lt", 30, "savivaldybių"), ("lt", 22, "savivaldybės"),
    ("lt", 111, "savivaldybių"), ("lt", 101, "savivaldybė"), ("lv", 10, "pašvaldību"), ("lv", 19, "pašvaldību"),
    ("lv", 31, "pašvaldība"), ("lv", 22, "pašvaldības"), ("en", 100, "municipalities"),
])
def test_the_forms_follow_cldr_beyond_the_first_counts(lang: str, n: int, expected: str) -> None:
    assert tn("exports.report.peers_value", n, lang, peers="P") == f"P ({n} {expected})"


def test_english_no_longer_says_one_members() -> None:
    assert tn("meeting.peers", 1, "en", network="LT") == "LT (1 member)"
    assert tn("learn.peers_count", 1, "en") == "1 peer compared."
    assert tn("ranking.missing", 1, "en").startswith("1 member without a value is listed")
    assert tn("practices.refused", 1, "en", count=1) == "The practice was not saved: 1 problem to fix."
    assert tn("login.locked", 21, "lt", minutes=21).endswith("dar 21 minutę.")
    assert tn("network.unscored", 2, "lt").startswith("2 nariai turi")


def test_t_falls_back_to_english_then_to_the_key() -> None:
    assert t("upload.title", "xx") == t("upload.title", "en") == "Upload data"
    assert t("no.such.key", "lt") == "no.such.key"
    assert t("upload.file", "lv", mb=5) == "Fails (CSV vai Excel .xlsx, līdz 5 MB)"


@pytest.mark.parametrize(("lang", "number", "percent", "date"), [
    ("en", "12,345.68", "12.3%", "July 1, 2025"),
    ("lt", "12\u00a0345,68", "12,3\u00a0%", "2025 m. liepos 1 d."),
    ("lv", "12\u00a0345,68", "12,3%", "2025. gada 1. jūlijs"),
])
def test_numbers_percentages_and_dates_as_cldr_writes_them(lang: str, number: str, percent: str, date: str) -> None:
    assert fmt_number(12345.678, lang) == number
    assert fmt_number(12345, lang) == number[:6]
    assert fmt_percent(12.34, lang, 1) == percent
    assert fmt_date(dt.date(2025, 7, 1), lang) == date
    assert fmt_number(None, lang) == fmt_number(float("nan"), lang) == "–"


def test_rounding_is_as_written_not_as_the_binary_float() -> None:
    assert fmt_number(0.125, "en", 2) == "0.12"  # half to even, on the decimal value
    assert fmt_number(2.675, "lt", 2) == "2,68"
    assert fmt_number(-1234.5, "lv", 1) == "-1\u00a0234,5"


def test_the_shipped_catalogues_are_complete() -> None:
    assert check() == []


def _copy(tmp_path: Path) -> Path:
    locale = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, locale)
    return locale


def _edit(locale: Path, lang: str, old: str, new: str) -> None:
    path = locale / lang / "LC_MESSAGES" / "benchlearn.po"
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")


def test_the_check_names_a_missing_message_and_a_changed_placeholder(tmp_path: Path) -> None:
    locale = _copy(tmp_path)
    _edit(locale, "lt", 'msgid "upload.title"\nmsgstr "Duomenų įkėlimas"\n', "")
    _edit(locale, "lv", 'msgstr "Fails (CSV vai Excel .xlsx, līdz {mb} MB)"',
          'msgstr "Fails (CSV vai Excel .xlsx, līdz {megabytes} MB)"')
    _edit(locale, "lv", 'msgstr "Datu augšupielāde"', 'msgstr ""')
    assert check(locale) == [
        "locale/lt/LC_MESSAGES/benchlearn.po: upload.title: missing",
        "locale/lv/LC_MESSAGES/benchlearn.po: upload.title: not translated",
        "locale/lv/LC_MESSAGES/benchlearn.po: upload.file: placeholders ['megabytes'] differ from English ['mb']",
    ]


def test_the_check_refuses_plural_forms_that_disagree_with_cldr(tmp_path: Path) -> None:
    locale = _copy(tmp_path)
    # the traditional gettext formula for Latvian puts 11 with 2 (other), CLDR puts it with 0 (zero)
    _edit(locale, "lv", "plural=(n%10==0 || (n%100>=11 && n%100<=19) ? 0 : n%10==1 && n%100!=11 ? 1 : 2);",
          "plural=(n%10==1 && n%100!=11 ? 1 : n != 0 ? 2 : 0);")
    assert check(locale) == ["locale/lv/LC_MESSAGES/benchlearn.po: Plural-Forms: n=10 takes form 2 (other), "
                             "CLDR says zero"]


def test_the_check_runs_as_the_lint_command_does() -> None:
    done = subprocess.run([sys.executable, "-m", "benchlearn.i18n.check"], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[1], timeout=60)
    assert done.returncode == 0, done.stderr
