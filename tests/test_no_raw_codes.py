"""Issue 14.7: no raw "None", "nan" or code words in what a user reads — the upload preview and diff, the
notes, history's coded columns, chart texts and tables of the scatter and network pages; issue 14.6's Latvian
grammar (no name where Latvian would decline it) and the i18n finishing (plural subtitle, percentages)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from page_support import copy_store, page_runner
from streamlit.testing.v1 import AppTest

from benchlearn.i18n import catalogue, fmt_percent, t, tn

RAW = re.compile(r"(?<![\w-])(None|nan|NaN|NaT|null|final|not_available|higher_better|lower_better|peer_group)"
                 r"(?![\w-])")


def _ctx(lang: str) -> SimpleNamespace:
    """What the upload preview helpers use of a page's context: the language and its messages."""
    return SimpleNamespace(lang=lang, t=lambda key, **p: t(key, lang, **p),
                           tn=lambda key, n, **p: tn(key, n, lang, **p))


def _strings(node: object) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key not in ("bdata", "dtype", "shape", "customdata", "ids", "uid", "meta"):
                yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def raw_words(texts: Iterator[str]) -> list[str]:
    return sorted({m.group(0) + " in " + text[:80] for text in texts for m in RAW.finditer(text)})


@pytest.mark.parametrize("lang", ["lt", "lv"])
def test_upload_preview_and_diff_show_words_and_no_none(lang: str) -> None:
    from benchlearn.ui.plain_text import plain
    from benchlearn.ui.upload_notes import note_text, shown_frame

    diff = pd.DataFrame({"entity_code": ["LT-01", "LT-02"], "indicator_code": ["POP", "POP"],
                         "period": ["2019", "2019"], "old_value": [float("nan"), 1200.5],
                         "old_status": [None, "final"], "new_value": [155.0, None],
                         "new_status": ["final", "not_available"], "change": ["new", "changed"]})
    shown = shown_frame(_ctx(lang), diff)
    assert not raw_words(str(v) for v in [*shown.columns, *shown.to_numpy().ravel()])
    assert t("status.final", lang) in set(shown.iloc[:, 6]) and "–" in set(shown.iloc[:, 3])
    assert shown.iloc[1, 3] == "1\u00a0200,5"  # the user's decimal comma, every place kept
    parsed = pd.DataFrame({"entity_code": ["LT-01"], "indicator_code": ["POP"], "period": ["2019"],
                           "period_key": [2019.0], "value": [155.0], "status": ["final"], "row": [2]})
    headers = list(shown_frame(_ctx(lang), parsed).columns)
    assert not {"entity_code", "period_key", "status", "row"} & set(headers) and len(headers) == 6
    note = note_text(_ctx(lang), "entity names resolved to codes (2): Akmenė → LT-01; Alytus → LT-02")
    assert note == tn("upload.note.entities_by_name", 2, lang, pairs=plain("Akmenė → LT-01; Alytus → LT-02"))
    duplicate = note_text(_ctx(lang), "1 identical duplicate rows ignored (row 6 = row 5)")
    assert not re.search(r"\brow\b", duplicate) and plain(t("upload.note.row_pair", lang, row=6, first=5)) in duplicate


@pytest.fixture(scope="module")
def pages_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_store(demo_db, tmp_path_factory.mktemp("raw_codes"), "raw_codes")


@pytest.fixture
def open_page(pages_db: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], Callable[..., AppTest]]:
    return lambda page: page_runner(pages_db, monkeypatch, page)


def _shown(at: AppTest) -> Iterator[str]:
    for frame in at.dataframe:
        table = frame.value
        styled = frame.proto.arrow_data.HasField("styler")  # a Styler's formatter writes its missing cells ("–")
        yield from map(str, table.columns)
        # the grid draws a missing cell of a plain frame as "None"
        shown = table.astype(object).where(table.notna(), "" if styled else "None")
        yield from (str(v) for v in shown.to_numpy().ravel())
    for chart in at.get("plotly_chart"):
        yield from _strings(json.loads(chart.proto.spec))
    for kind in ("caption", "info", "warning", "markdown", "subheader"):
        yield from (str(e.value) for e in at.get(kind))


@pytest.mark.parametrize(("page_name", "lang", "params"), [
    ("scatter", "lt", {"entity": "LT-01", "peers": "country:LT", "x": "POP_DENSITY", "y": "POP_RURAL",
                       "period": "2017"}),
    ("network", "lv", {"entity": "LV-022", "network": "lv-municipalities", "period": "2024"}),
    ("network", "lt", {"entity": "LT-01", "network": "lt-municipalities", "period": "2017"}),
    ("home", "lv", {}),
])
def test_pages_show_no_raw_none_nan_or_codes(open_page: Callable[[str], Callable[..., AppTest]], page_name: str,
                                             lang: str, params: dict[str, str]) -> None:
    at = open_page(page_name)(lang, **params)
    assert not at.exception
    assert not raw_words(_shown(at))


def test_the_scatter_subtitle_counts_in_the_language(open_page: Callable[[str], Callable[..., AppTest]]) -> None:
    at = open_page("scatter")("lt", entity="LT-01", peers="country:LT", x="POP_DENSITY", y="BIRTHS_PER_1000",
                             period="2017")
    assert not at.exception
    subtitle = json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["title"]["subtitle"]["text"]
    assert subtitle.endswith("· 60 savivaldybių"), subtitle  # lt: 60 takes the genitive plural


def test_latvian_messages_do_not_decline_a_name() -> None:
    """Latvian says "X has no values" with X in the dative ("Cēsu novadam nav"): a message may not need a
    name in that place, since a name is filled in as written (nominative)."""
    name = r"\{(entity|name|municipality|eldership)\}"
    dative = re.compile(rf"{name}( vēl| šajā periodā)? nav (vērtīb|datu|neviena)|{name} un šai\b")
    wrong = {key: texts["lv"] for key, texts in catalogue().items() if dative.search(texts.get("lv", ""))}
    assert not wrong, wrong


def test_percentages_as_the_language_writes_them() -> None:
    assert [fmt_percent(12.5, lang, 1) for lang in ("en", "lt", "lv")] == ["12.5%", "12,5\u00a0%", "12,5%"]
