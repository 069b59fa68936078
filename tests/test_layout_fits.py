"""Issue 14.12, the three layout things seen at 1366×768 in Chromium, on the demo store:

- the Trends cards cut their unit ("1.8 per 1 000…"): nothing in a card may be cut, in any language, for long
  units (per 1 000 live births, EUR per inhabitant) — the unit is said in full under the cards;
- the scatter's "median x" label stood above the plot, over the subtitle: every label of the figure stays
  inside the plot area (checked on the figure JSON);
- the catalogue's "Which direction is better" column was off-screen: it is drawn in full without scrolling.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browser_support import ROOT, serve, wait_ready
from playwright.sync_api import Page, expect
from streamlit.testing.v1 import AppTest

from benchlearn.i18n import t

SMALL_SCREEN = {"width": 1366, "height": 768}
# Every element inside a metric card whose text is wider than its box (Streamlit cuts it with an ellipsis).
CUT_IN_CARDS = """() => [...document.querySelectorAll('[data-testid=stMetric] *')]
    .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)"""
# The data grid draws on a canvas and mirrors only the columns it draws (wholly or partly) in a table.
DRAWN_COLUMNS = """() => [...document.querySelectorAll('[data-testid=stDataFrame] [role=columnheader]')]
    .map(h => h.textContent)"""
TRENDS = [  # a long unit in each language, Baltic and Finnish
    ("en", "entity=LT-43&peers=country:LT&indicator=INFANT_DEATHS_PER_1000_BIRTHS", "per 1 000 live births"),
    ("lt", "entity=LT-43&peers=country:LT&indicator=INFANT_DEATHS_PER_1000_BIRTHS", "1 000 gyvų gimusiųjų"),
    ("lv", "entity=LT-43&peers=country:LT&indicator=INFANT_DEATHS_PER_1000_BIRTHS",
     "uz 1 000 dzīvi dzimušajiem"),
    ("en", "entity=FI-091&peers=network:fi-over-50000&indicator=SOTKANET-3177", "EUR per inhabitant"),
    ("lv", "entity=FI-091&peers=network:fi-over-50000&indicator=SOTKANET-4",
     "uz 1 000 attiecīgā vecuma iedzīvotājiem"),
]


def _open(page: Page, url: str) -> None:
    page.goto(url)
    wait_ready(page)
    page.wait_for_timeout(500)  # the grid and the cards lay out after the run has finished


def test_trends_cards_cut_nothing_and_say_the_unit(page: Page, app_db: Path, tmp_path: Path) -> None:
    page.set_viewport_size(SMALL_SCREEN)
    problems: dict[str, list[str]] = {}
    with serve(app_db, tmp_path / "streamlit.log") as url:
        for lang, query, unit in TRENDS:
            _open(page, f"{url}/trends?{query}&lang={lang}")
            try:  # latest value, change and growth: the cards arrive one by one
                expect(page.get_by_test_id("stMetric")).to_have_count(3)
            except AssertionError:
                problems[f"{lang} {query}"] = [f"{page.get_by_test_id('stMetric').count()} cards instead of 3"]
                continue
            found = [f"cut: {text}" for text in page.evaluate(CUT_IN_CARDS)]
            captions = page.get_by_test_id("stCaptionContainer").all_inner_texts()
            if not any(t("trends.unit", lang, unit=unit) in caption for caption in captions):
                found.append(f"the unit {unit!r} is not said in full under the cards")
            if found:
                problems[f"{lang} {query}"] = found
    assert not problems, "\n".join(f"{where}: {found}" for where, found in problems.items())


def test_the_catalogue_shows_which_direction_is_better_without_scrolling(
    page: Page, app_db: Path, tmp_path: Path,
) -> None:
    page.set_viewport_size(SMALL_SCREEN)
    with serve(app_db, tmp_path / "streamlit.log") as url:
        for lang in ("en", "lt", "lv"):
            _open(page, f"{url}/catalogue?lang={lang}")
            page.locator("[data-testid=stDataFrame] [role=columnheader]").first.wait_for(state="attached")
            grid = page.get_by_test_id("stDataFrame").first.bounding_box()
            assert grid and grid["x"] >= 0 and grid["x"] + grid["width"] <= SMALL_SCREEN["width"]
            drawn = page.evaluate(DRAWN_COLUMNS)
            direction = t("catalogue.col.direction", lang)
            # Drawn, and not the last column drawn: a column followed by another one ends inside the grid.
            assert direction in drawn[:-1], (lang, drawn)


def _scatter_figure(db: Path, monkeypatch: pytest.MonkeyPatch, lang: str, **params: str) -> dict:
    monkeypatch.setenv("BENCHLEARN_DB", str(db))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in {"lang": lang, **params}.items():
        at.query_params[key] = value
    at.switch_page("pages/scatter.py")
    at.run()
    assert not at.exception
    (chart,) = at.get("plotly_chart")
    return json.loads(chart.proto.spec)


def inside_the_plot(label: dict) -> bool:
    """True when an annotation is drawn inside the plot area: on an edge of the area it must hang inwards."""
    for axis, low, high in (("x", "left", "right"), ("y", "bottom", "top")):
        ref, where = label.get(f"{axis}ref", "paper"), label.get(axis, 0.5)
        if ref.endswith("domain") or ref == "paper":
            anchor = label.get(f"{axis}anchor", "auto")
            if not 0 <= where <= 1 or (where == 1 and anchor != high) or (where == 0 and anchor != low):
                return False
    return True


@pytest.mark.parametrize(("lang", "params"), [
    ("en", {"entity": "LT-43", "peers": "country:LT", "x": "POP_DENSITY", "y": "BIRTHS_PER_1000",
            "period": "2017"}),
    ("lv", {"entity": "LT-43", "peers": "country:LT", "x": "POP_DENSITY", "y": "BIRTHS_PER_1000",
            "period": "2017"}),
])
def test_the_scatter_median_labels_stay_inside_the_plot(app_db: Path, monkeypatch: pytest.MonkeyPatch,
                                                        lang: str, params: dict[str, str]) -> None:
    figure = _scatter_figure(app_db, monkeypatch, lang, **params)
    labels = figure["layout"]["annotations"]
    for key in ("scatter.median_x", "scatter.median_y"):
        assert [a for a in labels if a["text"].startswith(t(key, lang, value=""))], key
    outside = [a["text"] for a in labels if not inside_the_plot(a)]
    assert not outside, f"labels outside the plot, where the title and subtitle are: {outside}"
