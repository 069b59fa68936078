"""`make messages` (benchlearn.i18n.sync): the shipped lt and lv catalogues are in step with English, so running it
marks nothing fuzzy; a changed English text is marked fuzzy, a new key added untranslated, and a comment typed by
hand in the msgstr style (\\" and \\\\) is not taken for a change."""

from __future__ import annotations

import pytest
from babel.messages.catalog import Catalog

from benchlearn.i18n.catalogues import read_catalog
from benchlearn.i18n.sync import update


@pytest.mark.parametrize("lang", ["lt", "lv"])
def test_the_shipped_catalogues_are_in_step_with_english(lang: str) -> None:
    """Every translator comment says the English text of today: `make messages` would change nothing."""
    assert update(read_catalog(lang), read_catalog("en")) == []


def _catalogs(english: str, comment: str) -> tuple[Catalog, Catalog]:
    en, lt = Catalog(locale="en"), Catalog(locale="lt")
    en.add("a.key", english)
    lt.add("a.key", "išversta", auto_comments=[comment])
    return en, lt


def test_a_hand_escaped_comment_is_the_same_text() -> None:
    """A quote or a backslash written as in a msgstr says the same as write_po's plain one."""
    en, lt = _catalogs('"{value}" is not a file (expected freq,geo\\TIME_PERIOD)',
                       'en: \\"{value}\\" is not a file (expected freq,geo\\\\TIME_PERIOD)')
    assert update(lt, en) == [] and not lt["a.key"].fuzzy


def test_a_changed_english_text_marks_the_translation_fuzzy_and_a_new_key_is_added() -> None:
    """The translator sees what changed; `make lint` then refuses the fuzzy entry until it is checked."""
    en, lt = _catalogs("No percentile and no quarter", "en: No percentile and no band")
    en.add("b.new", "A new message")
    assert update(lt, en) == ["fuzzy a.key", "added b.new"]
    assert lt["a.key"].fuzzy and lt["a.key"].auto_comments == ["en: No percentile and no quarter"]
    assert lt["b.new"].string == "" and lt["b.new"].auto_comments == ["en: A new message"]
