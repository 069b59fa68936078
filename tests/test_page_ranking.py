"""The indicator ranking page on the demo store: AppTest in three languages, the figure JSON checked against
values recomputed from the shipped CSV files (not through the store), a click that selects a municipality,
guidance instead of errors; and one real-browser click.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from page_support import (
    SEPARATORS,
    copy_store,
    country_values,
    demo_indicators,
    demo_names,
    numbers,
    page_runner,
    ranked_values,
    specs,
    texts,
)
from streamlit.testing.v1 import AppTest

from benchlearn.charts.common import BAND_COLOURS, HIGHLIGHT
from benchlearn.charts.ranking import MARK, NEUTRAL_COLOURS, clicked_entity
from benchlearn.i18n import fmt_number, localized, t, tn
from benchlearn.ui.plain_text import plain

# --- the ranking page --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def ranking_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store for this module."""
    return copy_store(demo_db, tmp_path_factory.mktemp("page_ranking"), "ranking")


@pytest.fixture
def open_ranking(ranking_db: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """Open the ranking page with URL parameters."""
    return page_runner(ranking_db, monkeypatch, "ranking")


SAMPLES = [
    # entity, indicator, period, language, country, polarity
    ("LT-57", "INFANT_DEATHS_PER_1000_BIRTHS", "2017", "lt", "LT", "lower_better"),
    ("LT-05", "BIRTHS_PER_1000", "2017", "en", "LT", "neutral"),
    ("LV-011", "ROAD_ASPHALT_SHARE_MUNI_ROADS", "2024", "lv", "LV", "higher_better"),
    ("LV-RIX", "ROAD_GRAVEL_SHARE_TOTAL", "2024", "en", "LV", "lower_better"),
]


def _bar_of(spec: dict, code: str) -> tuple[dict, int]:
    for trace in spec["data"]:
        if trace["type"] == "bar" and code in trace["y"]:
            return trace, trace["y"].index(code)
    raise AssertionError(f"no bar for {code}")


@pytest.mark.parametrize(("entity", "indicator", "period", "lang", "country", "polarity"), SAMPLES,
                         ids=[f"{s[0]}-{s[3]}" for s in SAMPLES])
def test_ranked_bars_show_the_municipality_the_median_and_the_unit(
    open_ranking: Callable[..., AppTest], entity: str, indicator: str, period: str, lang: str, country: str,
    polarity: str,
) -> None:
    """Bars best first with the entity outlined and marked, the peer median line, unit and polarity shown."""
    at = open_ranking(lang, entity=entity, indicator=indicator, period=period, peers=f"country:{country}")
    assert not at.exception
    assert [title.value for title in at.title] == [t("ranking.title", lang)]
    bars, distribution = specs(at)
    values = country_values(indicator, period, country)
    meta = demo_indicators().loc[indicator]
    # the peer median is that of the ranked values: one on a denominator below the minimum is shown, not ranked
    ranked_only = ranked_values(indicator, period, country)
    median = statistics.median(ranked_only.dropna())

    # the median is the dashed line (other references are dotted or dash-dotted)
    line = [s for s in bars["layout"]["shapes"] if s["type"] == "line" and s["line"]["dash"] == "dash"]
    assert len(line) == 1 and line[0]["x0"] == pytest.approx(median, rel=1e-9)
    # labelled with its method and count (issue 16.2): the ranked values only
    label = t("ranking.reference.median", lang, n=int(ranked_only.notna().sum()),
              value=fmt_number(median, lang, int(meta["decimals"])))
    assert label in [a["text"] for a in bars["layout"]["annotations"]]
    assert localized(meta.to_dict(), "unit", lang) in bars["layout"]["xaxis"]["title"]["text"]  # the reader's unit
    assert t(f"polarity.{polarity}", lang) in bars["layout"]["title"]["subtitle"]["text"]
    name = meta["name"] if lang == "en" else meta[f"name_{lang}"]
    assert bars["layout"]["title"]["text"] == f"{name}, {period}"
    assert bars["layout"]["separators"] == SEPARATORS[lang]

    trace, i = _bar_of(bars, entity)
    assert trace["marker"]["line"]["width"][i] == 3 and trace["marker"]["line"]["color"] == HIGHLIGHT
    widths = [w for tr in bars["data"] if tr["type"] == "bar" for w in tr["marker"]["line"]["width"]]
    assert sum(w > 0 for w in widths) == 1
    ticks = dict(zip(bars["layout"]["yaxis"]["tickvals"], bars["layout"]["yaxis"]["ticktext"], strict=True))
    assert ticks[entity] == MARK + demo_names()[entity]
    assert [c for c, text in ticks.items() if text.startswith(MARK)] == [entity]
    assert numbers(trace["x"])[i] == pytest.approx(values[entity], rel=1e-9)

    # best first: the ranked values lead in the indicator's direction, then those shown but not ranked
    order = bars["layout"]["yaxis"]["categoryarray"]
    valued = [c for c in order if pd.notna(ranked_only[c])]
    assert order[:len(valued)] == valued
    ranked = ranked_only[valued].to_numpy()
    assert list(ranked) == sorted(ranked, reverse=polarity != "lower_better")

    colours = NEUTRAL_COLOURS if polarity == "neutral" else BAND_COLOURS
    band_names = {t(f"{'ranking.position' if polarity == 'neutral' else 'band'}.{b}", lang): b
                  for b in ("top", "upper_middle", "lower_middle", "bottom")}
    for tr in bars["data"]:
        if tr["name"] in band_names:
            assert tr["marker"]["color"] == colours[band_names[tr["name"]]]

    marked = [tr for tr in distribution["data"] if tr["type"] == "scatter"]
    assert marked and numbers(marked[0]["x"]) == [pytest.approx(values[entity], rel=1e-9)]
    assert marked[0]["marker"]["color"] == HIGHLIGHT
    assert distribution["layout"]["shapes"][0]["x0"] == pytest.approx(median, rel=1e-9)

    table = at.dataframe[0].value
    assert len(table) == len(values)
    # the table's two, beside the Explain popover's two for its peers
    assert sorted(b.key for b in at.get("download_button")) == [
        "explain_peers_csv", "explain_peers_xlsx", "ranking_table_csv", "ranking_table_xlsx"]


def test_members_without_a_value_are_grey_at_the_bottom_with_the_reason(
    open_ranking: Callable[..., AppTest],
) -> None:
    """The seven state cities have no municipal roads: grey bars last, labelled "not applicable"."""
    at = open_ranking("lv", entity="LV-011", indicator="ROAD_ASPHALT_SHARE_MUNI_ROADS", peers="country:LV")
    bars = specs(at)[0]
    values = country_values("ROAD_ASPHALT_SHARE_MUNI_ROADS", "2024", "LV")
    missing = sorted(values[values.isna()].index)
    assert len(missing) == 7
    grey = [tr for tr in bars["data"] if tr["name"] == t("band.no_data", "lv")]
    assert len(grey) == 1 and sorted(grey[0]["y"]) == missing
    assert grey[0]["marker"]["color"] == BAND_COLOURS["no_data"]
    assert set(grey[0]["text"]) == {t("status.not_applicable", "lv")}
    assert bars["layout"]["yaxis"]["categoryarray"][-7:] == missing
    assert tn("ranking.missing", 7, "lv") in texts(at, "caption")


def test_a_neutral_indicator_says_its_colours_show_position(open_ranking: Callable[..., AppTest]) -> None:
    """Neutral indicators are coloured in blues, with a note that they show position, not performance."""
    at = open_ranking("lt", entity="LT-05", indicator="URBAN_SHARE", peers="country:LT")
    assert t("ranking.neutral_note", "lt") in texts(at, "caption")
    names = {tr["name"] for tr in specs(at)[0]["data"]}
    assert t("ranking.position.top", "lt") in names and t("band.top", "lt") not in names


def test_clicking_a_bar_selects_that_municipality(open_ranking: Callable[..., AppTest]) -> None:
    """A selection event on a bar (as the browser sends it) becomes the chosen municipality and the URL."""
    at = open_ranking("en", entity="LT-57", indicator="INFANT_DEATHS_PER_1000_BIRTHS", peers="country:LT")
    bars = specs(at)[0]
    trace, i = _bar_of(bars, "LT-05")
    at.session_state["ranking_bars_LT-57"] = {
        "selection": {"points": [{"customdata": trace["customdata"][i], "y": "LT-05", "point_index": i}],
                      "point_indices": [i], "box": [], "lasso": []},
    }
    at.run()
    assert not at.exception
    assert at.query_params["entity"] == "LT-05"
    assert at.selectbox(key="url_entity").value == "LT-05"
    ticks = specs(at)[0]["layout"]["yaxis"]["ticktext"]
    assert MARK + demo_names()["LT-05"] in ticks and MARK + demo_names()["LT-57"] not in ticks


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (None, None),
        ({"selection": {"points": []}}, None),
        ({"selection": {"points": [{"customdata": ["LT-05", "Birštono sav.", "x"]}]}}, "LT-05"),
        ({"selection": {"points": [{"customdata": "LT-07"}]}}, "LT-07"),
        ({"selection": {"points": [{"location": "LT-09", "z": 3}]}}, "LT-09"),
        ({"selection": {"points": [{"x": 1, "y": 2}]}}, None),
    ],
    ids=["no-event", "no-points", "customdata-list", "customdata-text", "map-location", "no-code"],
)
def test_clicked_entity_reads_bars_and_map_polygons(event: dict | None, expected: str | None) -> None:
    """The clicked code comes from customdata[0] (bars, points) or the location (map polygons)."""
    assert clicked_entity(event) == expected


def test_guidance_instead_of_errors(open_ranking: Callable[..., AppTest]) -> None:
    """No indicator yet, an unknown one in a link, or peers without data: a plain message, no exception."""
    first = open_ranking("lv", entity="LV-011")  # an indicator with data is chosen (issue 14.4)
    assert not first.exception and t("pick.choose_indicator", "lv") not in texts(first, "info")
    assert first.selectbox(key="url_indicator").value and specs(first)

    bad = open_ranking("en", entity="LT-57", indicator="NO_SUCH_INDICATOR")
    assert not bad.exception
    assert t("link.bad_value", "en", name="indicator", value=plain("NO_SUCH_INDICATOR")) in texts(bad, "warning")

    # an indicator the peers have no value of is not offered (issue 14.5): the link's value is refused plainly
    empty = open_ranking("lt", entity="LV-011", indicator="INFANT_DEATHS_PER_1000_BIRTHS", peers="country:LV")
    assert not empty.exception
    warning = t("link.bad_value", "lt", name="indicator", value=plain("INFANT_DEATHS_PER_1000_BIRTHS"))
    assert warning in texts(empty, "warning")


def test_a_municipality_outside_the_peer_set_is_said_so(open_ranking: Callable[..., AppTest]) -> None:
    """Vilnius city is not a district municipality: a warning, and no bar is marked."""
    at = open_ranking("en", entity="LT-57", indicator="INFANT_DEATHS_PER_1000_BIRTHS",
                      peers="network:lt-district-municipalities")
    assert not at.exception
    assert t("ranking.not_member", "en") in texts(at, "warning")
    bars = specs(at)[0]
    assert not any(text.startswith(MARK) for text in bars["layout"]["yaxis"]["ticktext"])
    assert len(bars["layout"]["yaxis"]["tickvals"]) == 43


def test_clicking_a_bar_in_a_real_browser_selects_it(app_server: str, page) -> None:  # noqa: ANN001
    """Chromium against `streamlit run`: a click on the last bar drawn (the lowest on the chart) makes the
    municipality named at its tick the chosen one."""
    from browser_support import screenshot, wait_ready

    page.goto(f"{app_server}/")
    wait_ready(page)
    page.goto(f"{app_server}/ranking?entity=LT-57&indicator=INFANT_DEATHS_PER_1000_BIRTHS&peers=country:LT&lang=en")
    wait_ready(page)
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    bars = chart.locator("g.point")
    bars.first.wait_for()
    assert bars.count() == 60
    boxes = [bars.nth(i).bounding_box() for i in range(bars.count())]
    box = max(boxes, key=lambda b: b["y"] + b["height"] / 2)
    centre = box["y"] + box["height"] / 2
    ticks = chart.locator("g.ytick text")
    labels = {ticks.nth(i).text_content(): ticks.nth(i).bounding_box() for i in range(ticks.count())}
    name = min(labels, key=lambda n: abs(labels[n]["y"] + labels[n]["height"] / 2 - centre))
    assert not name.startswith(MARK)
    # Plotly's drag layer swallows element clicks: click at the bar's centre with the mouse (FIELD-NOTES).
    page.mouse.click(box["x"] + max(box["width"], 2) / 2, centre)
    page.wait_for_url(lambda url: "entity=LT-57" not in url and "entity=" in url, timeout=30_000)
    wait_ready(page)
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    assert chart.locator("g.ytick text", has_text=MARK + name).count() == 1
    assert chart.locator("g.ytick text", has_text=MARK + "Vilniaus m. sav.").count() == 0
    screenshot(page, "ranking-after-click")
