"""The scatter page on the demo store: two indicators for a peer set, the municipality marked, the medians as
cross lines and the least-squares line checked against values recomputed from the shipped CSV files."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from page_support import (
    copy_store,
    country_values,
    demo_indicators,
    demo_names,
    numbers,
    page_downloads,
    page_runner,
    specs,
    texts,
)
from streamlit.testing.v1 import AppTest

from benchlearn.charts.common import HIGHLIGHT
from benchlearn.charts.ranking import MARK
from benchlearn.charts.scatter import least_squares
from benchlearn.i18n import fmt_number, localized, t

SAMPLES = [
    # entity, x, y, period, language, country
    ("LT-57", "BIRTHS_PER_1000", "DEATHS_PER_1000", "2017", "lt", "LT"),
    ("LT-05", "URBAN_SHARE", "INFANT_DEATHS_PER_1000_BIRTHS", "2015", "en", "LT"),
    ("LV-011", "ROAD_ASPHALT_SHARE_TOTAL", "ROAD_ASPHALT_SHARE_MUNI_STREETS", "2024", "lv", "LV"),
]


@pytest.fixture(scope="module")
def scatter_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store for this module."""
    return copy_store(demo_db, tmp_path_factory.mktemp("page_scatter"), "scatter")


@pytest.fixture
def open_scatter(scatter_db: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """Open the scatter page with URL parameters."""
    return page_runner(scatter_db, monkeypatch, "scatter")


def _points(x: str, y: str, period: str, country: str) -> pd.DataFrame:
    both = pd.DataFrame({"x": country_values(x, period, country), "y": country_values(y, period, country)})
    return both.dropna()


@pytest.mark.parametrize(("entity", "x", "y", "period", "lang", "country"), SAMPLES,
                         ids=[f"{s[0]}-{s[4]}" for s in SAMPLES])
def test_the_scatter_marks_the_municipality_and_draws_the_medians(
    open_scatter: Callable[..., AppTest], entity: str, x: str, y: str, period: str, lang: str, country: str,
) -> None:
    """Every peer with both values is a point; the entity the marked diamond; medians cross; units shown."""
    at = open_scatter(lang, entity=entity, x=x, y=y, period=period, peers=f"country:{country}")
    assert not at.exception
    assert [title.value for title in at.title] == [t("scatter.title", lang)]
    (figure,) = specs(at)
    points = _points(x, y, period, country)
    peers, marked = figure["data"][0], figure["data"][1]
    assert len(numbers(peers["x"])) + len(numbers(marked["x"])) == len(points)
    assert marked["name"] == MARK + demo_names()[entity] and marked["marker"]["color"] == HIGHLIGHT
    assert numbers(marked["x"])[0] == pytest.approx(points.loc[entity, "x"], rel=1e-9)
    assert numbers(marked["y"])[0] == pytest.approx(points.loc[entity, "y"], rel=1e-9)

    shapes = figure["layout"]["shapes"]
    vertical = [s for s in shapes if s["x0"] == s["x1"] and s["xref"] == "x"]
    horizontal = [s for s in shapes if s["y0"] == s["y1"] and s["yref"] == "y"]
    assert vertical[0]["x0"] == pytest.approx(statistics.median(points["x"]), rel=1e-9)
    assert horizontal[0]["y0"] == pytest.approx(statistics.median(points["y"]), rel=1e-9)
    meta = demo_indicators()
    median_x = fmt_number(statistics.median(points["x"]), lang, int(meta.loc[x, "decimals"]))
    assert t("scatter.median_x", lang, value=median_x) in [a["text"] for a in figure["layout"]["annotations"]]
    for axis, code in (("xaxis", x), ("yaxis", y)):
        title = figure["layout"][axis]["title"]["text"]
        assert localized(meta.loc[code].to_dict(), "unit", lang) in title
        assert t(f"polarity.{meta.loc[code, 'polarity']}", lang) in title
    either = pd.DataFrame({"x": country_values(x, period, country), "y": country_values(y, period, country)})
    assert len(at.dataframe[0].value) == either.notna().any(axis=1).sum()
    assert len(page_downloads(at)) == 2


def test_the_trend_line_is_the_least_squares_fit(open_scatter: Callable[..., AppTest]) -> None:
    """Switched on, the line through the ends matches an independent OLS fit, with R² in its name."""
    at = open_scatter("lv", entity="LV-011", x="ROAD_ASPHALT_SHARE_TOTAL",
                      y="ROAD_ASPHALT_SHARE_MUNI_STREETS", period="2024", peers="country:LV")
    at.sidebar.toggle(key="scatter_trend").set_value(True).run()
    assert not at.exception
    lines = [trace for trace in specs(at)[0]["data"] if trace.get("mode") == "lines"]
    assert len(lines) == 1
    points = _points("ROAD_ASPHALT_SHARE_TOTAL", "ROAD_ASPHALT_SHARE_MUNI_STREETS", "2024", "LV")
    slope, intercept = statistics.linear_regression(points["x"], points["y"])
    for x_end, y_end in zip(numbers(lines[0]["x"]), numbers(lines[0]["y"]), strict=True):
        assert y_end == pytest.approx(slope * x_end + intercept, rel=1e-9)
    r2 = statistics.correlation(points["x"], points["y"]) ** 2
    assert f"R² = {fmt_number(r2, 'lv', 2)}" in lines[0]["name"]


def test_least_squares_on_hand_made_points() -> None:
    """y = 2x + 1 exactly: slope 2, intercept 1, R² 1; a vertical cloud has no line."""
    slope, intercept, r2 = least_squares(pd.Series([0.0, 1.0, 2.0, 3.0]), pd.Series([1.0, 3.0, 5.0, 7.0]))
    assert (slope, intercept, r2) == pytest.approx((2.0, 1.0, 1.0))
    assert least_squares(pd.Series([4.0, 4.0]), pd.Series([1.0, 2.0])) is None
    assert least_squares(pd.Series([1.0]), pd.Series([1.0])) is None


def test_clicking_a_point_selects_that_municipality(open_scatter: Callable[..., AppTest]) -> None:
    """A clicked point's customdata names the municipality, which becomes the chosen one."""
    at = open_scatter("en", entity="LT-57", x="BIRTHS_PER_1000", y="DEATHS_PER_1000", period="2017",
                      peers="country:LT")
    at.session_state["scatter_LT-57"] = {"selection": {"points": [{"customdata": ["LT-05", "Birštono sav."]}],
                                                       "point_indices": [4], "box": [], "lasso": []}}
    at.run()
    assert not at.exception and at.selectbox(key="url_entity").value == "LT-05"
    assert specs(at)[0]["data"][1]["name"] == MARK + demo_names()["LT-05"]


def test_guidance_instead_of_errors(open_scatter: Callable[..., AppTest]) -> None:
    """Missing or equal indicators, no common period, peers without values: a plain message, no chart."""
    # (a pair without a common period, or one the peers have no values of, can no longer be chosen: the pickers
    # offer only indicators with values for the municipality and its peers, issue 14.5)
    cases = [
        ({"entity": "LT-57", "x": "BIRTHS_PER_1000", "y": "BIRTHS_PER_1000"}, "scatter.same", {}),
    ]
    for params, key, values in cases:
        at = open_scatter("lt", **params)
        assert not at.exception, params
        assert t(key, "lt", **values) in texts(at, "info"), params
        assert not specs(at)


def test_a_municipality_without_both_values_is_said_so(open_scatter: Callable[..., AppTest]) -> None:
    """Vilnius city outside the district network is not marked, and the page says why."""
    at = open_scatter("lv", entity="LT-57", x="BIRTHS_PER_1000", y="DEATHS_PER_1000", period="2017",
                      peers="network:lt-district-municipalities")
    assert not at.exception
    assert t("scatter.not_member", "lv") in texts(at, "caption")
    assert len(specs(at)[0]["data"]) == 1
