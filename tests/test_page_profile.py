"""The municipality profile page on the demo store: AppTest in three languages for Lithuanian and Latvian
municipalities, the percentile charts checked against percentiles recomputed from the shipped CSV files (not
through the store), the indicator table, the "learn from" panel, and guidance instead of errors.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
from page_support import (
    SEPARATORS,
    copy_store,
    country_values,
    demo_indicators,
    demo_names,
    demo_values,
    page_runner,
    ranked_values,
    specs,
    texts,
)
from streamlit.testing.v1 import AppTest

from benchlearn.charts.common import BAND_COLOURS
from benchlearn.charts.ranking import NEUTRAL_COLOURS
from benchlearn.i18n import fmt_number, localized, t
from benchlearn.ui.plain_text import plain

DATA = Path(__file__).resolve().parents[1] / "data" / "demo"
BANDS = ("top", "upper_middle", "lower_middle", "bottom")


@pytest.fixture(scope="module")
def profile_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store for this module."""
    return copy_store(demo_db, tmp_path_factory.mktemp("page_profile"), "profile")


@pytest.fixture
def open_profile(profile_db: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """Open the profile page with URL parameters."""
    return page_runner(profile_db, monkeypatch, "profile")


@cache
def network_indicators(country: str) -> list[str]:
    """The indicators of the demo networks of a country (every network gets its country's indicator file)."""
    return pd.read_csv(DATA / f"indicators_{country.lower()}.csv")["code"].tolist()


def values_in(code: str, period: str, country: str) -> pd.Series:
    """The indicator's values for the country's municipalities in a period (all NaN when it has none then)."""
    try:
        return country_values(code, period, country)
    except KeyError:  # the indicator has no row at all in that period of the tidy file
        return pd.Series(dtype="float64")


def ranked_in(code: str, period: str, country: str) -> pd.Series:
    """`values_in` without the values on a denominator below the indicator's minimum (shown, not ranked)."""
    try:
        return ranked_values(code, period, country)
    except KeyError:
        return pd.Series(dtype="float64")


def table_with(at: AppTest, header: str) -> pd.DataFrame:
    """The one table on the page with a column `header`: found by what it shows, not by its position (notes and
    explanations add tables of their own)."""
    found = [frame.value for frame in at.dataframe if header in frame.value.columns]
    assert len(found) == 1, f"{len(found)} tables with a column {header!r}"
    return found[0]


def name_of(code: str, lang: str) -> str:
    """An indicator's name in a language, from the shipped metadata."""
    meta = demo_indicators().loc[code]
    return meta["name"] if lang == "en" else meta[f"name_{lang}"]


def percentile(values: pd.Series, entity: str, polarity: str) -> float:
    """ARCHITECTURE §8: the share of the other valued peers the entity does at least as well as, × 100."""
    oriented = values.dropna() * (-1 if polarity == "lower_better" else 1)
    others = oriented.drop(entity)
    return 100.0 * (others <= oriented[entity]).sum() / len(others)


def band(p: float) -> str:
    """The quartile band of a percentile."""
    return "top" if p >= 75 else "upper_middle" if p >= 50 else "lower_middle" if p >= 25 else "bottom"


def bars_by_label(spec: dict) -> dict[str, tuple[float, str, str | None]]:
    """Indicator label → (percentile, bar colour, bar text) over every bar trace of a chart."""
    out = {}
    for trace in (trace for trace in spec["data"] if trace["type"] == "bar"):
        for i, label in enumerate(trace["y"]):
            text = trace.get("text")
            out[label] = (trace["x"][i], trace["marker"]["color"], text[i] if text else None)
    return out


SAMPLES = [
    # entity, period, language, country
    ("LT-01", "2017", "en", "LT"),
    ("LT-13", "2016", "lt", "LT"),
    ("LT-02", "2017", "lv", "LT"),
    ("LV-RIX", "2024", "lv", "LV"),
    ("LV-011", "2024", "lt", "LV"),
]


@pytest.mark.parametrize(("entity", "period", "lang", "country"), SAMPLES,
                         ids=[f"{s[0]}-{s[2]}" for s in SAMPLES])
def test_percentile_profile_matches_the_data(
    open_profile: Callable[..., AppTest], entity: str, period: str, lang: str, country: str,
) -> None:
    """Every network indicator with peer data is a bar at the entity's recomputed percentile, coloured by its
    band; directional and neutral indicators in separate charts; the median line at 50; all translated."""
    at = open_profile(lang, entity=entity, period=period, peers=f"country:{country}")
    assert not at.exception
    assert [title.value for title in at.title] == [t("profile.title", lang)]
    performance, position = specs(at)
    name = demo_names()[entity]
    peers = t("pick.peers.country", lang, country=country)
    title = performance["layout"]["title"]
    assert title["text"] == t("profile.chart.performance", lang, entity=name, period=period)
    assert title["subtitle"]["text"] == t("profile.chart.performance_sub", lang, peers=peers)
    assert position["layout"]["title"]["text"] == t("profile.chart.position", lang, entity=name,
                                                     period=period)
    for spec in (performance, position):
        assert spec["layout"]["xaxis"]["title"]["text"] == t("profile.axis", lang)
        assert spec["layout"]["xaxis"]["range"] == [0, 100]
        assert spec["layout"]["separators"] == SEPARATORS[lang]
        lines = [s for s in spec["layout"]["shapes"] if s["type"] == "line"]
        assert len(lines) == 1 and lines[0]["x0"] == 50 == lines[0]["x1"]
        assert [a["text"] for a in spec["layout"]["annotations"]] == [t("profile.median", lang)]

    meta = demo_indicators()
    expected = {code: values_in(code, period, country) for code in network_indicators(country)}
    expected = {code: values for code, values in expected.items() if values.notna().any()}
    charts = {"performance": bars_by_label(performance), "position": bars_by_label(position)}
    for code in expected:
        neutral = meta.loc[code, "polarity"] == "neutral"
        x, colour, text = charts["position" if neutral else "performance"][name_of(code, lang)]
        # issue 16.2: no percentile without a ranked value (none, or on a denominator below the minimum) or
        # with fewer than 5 ranked peers; a percentile among the ranked values only
        values = ranked_in(code, period, country)
        if pd.isna(values[entity]) or values.notna().sum() < 5:
            assert (x, colour) == (0.0, BAND_COLOURS["no_data"]) and text
            continue
        p = percentile(values, entity, meta.loc[code, "polarity"])
        assert x == pytest.approx(p, abs=1e-9)
        assert colour == (NEUTRAL_COLOURS if neutral else BAND_COLOURS)[band(p)]
    assert sum(len(bars) for bars in charts.values()) == len(expected)


def test_missing_values_are_explained_in_the_chart(open_profile: Callable[..., AppTest]) -> None:
    """Riga has no municipal roads: its share of asphalted municipal roads is a grey bar saying why."""
    at = open_profile("lv", entity="LV-RIX", peers="country:LV")
    performance, position = specs(at)
    x, colour, text = bars_by_label(performance)[name_of("ROAD_ASPHALT_SHARE_MUNI_ROADS", "lv")]
    assert (x, colour, text) == (0.0, BAND_COLOURS["no_data"], t("status.not_applicable", "lv"))
    grey = [trace for trace in performance["data"] if trace["name"] == t("band.no_data", "lv")]
    assert len(grey) == 1 and grey[0]["marker"]["color"] == BAND_COLOURS["no_data"]
    table = at.dataframe[0].value.set_index(t("profile.col.indicator", "lv"))
    row = table.loc[name_of("ROAD_ASPHALT_SHARE_MUNI_ROADS", "lv")]
    assert row[t("profile.col.status", "lv")] == t("status.not_applicable", "lv")
    assert row[t("profile.col.band", "lv")] == t("band.no_data", "lv")


def test_strongest_and_weakest_are_the_extreme_percentiles(open_profile: Callable[..., AppTest]) -> None:
    """Riga's directional indicators: those at or above percentile 50 as strongest (highest first), those below
    as weakest (lowest first), at most three each; an empty side says so."""
    at = open_profile("en", entity="LV-RIX", peers="country:LV")
    meta = demo_indicators()
    judged = [c for c in network_indicators("LV") if meta.loc[c, "polarity"] != "neutral"]
    scores = {c: percentile(country_values(c, "2024", "LV"), "LV-RIX", meta.loc[c, "polarity"])
              for c in judged if pd.notna(country_values(c, "2024", "LV")["LV-RIX"])}
    strongest = sorted((c for c in scores if scores[c] >= 50), key=lambda c: (-scores[c], c))[:3]
    weakest = sorted((c for c in scores if scores[c] < 50), key=lambda c: (scores[c], c))[:3]
    assert len(scores) >= 3
    listed = strongest + weakest
    assert [m.label for m in at.metric] == [plain(name_of(c, "en")) for c in listed]
    assert [m.value for m in at.metric] == [
        t("profile.percentile_value", "en", p=fmt_number(scores[c], "en", 0)) for c in listed]
    for side, codes in (("strongest", strongest), ("weakest", weakest)):
        assert (t(f"profile.no_{side}", "en") in texts(at, "caption")) == (not codes)


@pytest.mark.parametrize("lang", ["en", "lt", "lv"])
def test_indicator_table_has_values_trend_lines_and_downloads(
    open_profile: Callable[..., AppTest], lang: str,
) -> None:
    """Translated columns, values written as the locale writes them, the entity's history as a trend line,
    the direction of travel by polarity; CSV and Excel downloads of the table."""
    at = open_profile(lang, entity="LT-05", period="2017", peers="country:LT")
    table = at.dataframe[0].value
    columns = ("indicator", "polarity", "unit", "value", "median", "percentile", "band", "rank", "peers",
               "direction", "status", "trend")
    assert list(table.columns) == [t(f"profile.col.{c}", lang) for c in columns]
    row = table.set_index(t("profile.col.indicator", lang)).loc[name_of("POP_TOTAL", lang)]
    population = demo_values("POP_TOTAL", "2017")["LT-05"]
    assert row[t("profile.col.value", lang)] == fmt_number(population, lang, 0)
    history = [values_in("POP_TOTAL", str(year), "LT").get("LT-05") for year in range(1994, 2019)]
    assert list(row[t("profile.col.trend", lang)]) == pytest.approx([v for v in history if pd.notna(v)])
    previous = demo_values("POP_TOTAL", "2016")["LT-05"]
    moved = abs(population - previous) / previous >= 0.01
    word = ("up" if population > previous else "down") if moved else "stable"
    assert row[t("profile.col.direction", lang)] == t(f"profile.direction.{word}", lang)
    assert row[t("profile.col.polarity", lang)] == t("polarity.neutral", lang)
    by_name = table.set_index(t("profile.col.indicator", lang))
    infant = by_name.loc[name_of("INFANT_DEATHS_PER_1000_BIRTHS", lang)]
    assert infant[t("profile.col.polarity", lang)] == t("polarity.lower_better", lang)
    assert {b.key for b in at.get("download_button")} >= {"profile_table_csv", "profile_table_xlsx"}


def test_learn_from_lists_better_similar_municipalities_with_the_gap(
    open_profile: Callable[..., AppTest],
) -> None:
    """Default source: the nearest neighbours; each best performer does better than Riga, gap = difference."""
    at = open_profile("en", entity="LV-RIX", peers="country:LV")
    at.selectbox(key="profile_learn_indicator").set_value("ROAD_ASPHALT_SHARE_MUNI_STREETS").run()
    assert not at.exception
    values = country_values("ROAD_ASPHALT_SHARE_MUNI_STREETS", "2024", "LV")
    gap = t("learn.col.gap", "en", entity="Rīga", unit="%")
    best = table_with(at, gap)
    assert 0 < len(best) <= 5
    for code, shown in zip(best[t("learn.col.code", "en")], best[gap], strict=True):
        assert values[code] > values["LV-RIX"]
        assert shown == fmt_number(values[code] - values["LV-RIX"], "en", 1)
    ranked = values[best[t("learn.col.code", "en")]].tolist()
    assert ranked == sorted(ranked, reverse=True)
    assert t("learn.one_period", "en") in texts(at, "info")


def test_learn_from_the_sidebar_peers_names_the_best_of_the_country(
    open_profile: Callable[..., AppTest],
) -> None:
    """With the sidebar's peer set (all Latvian municipalities) the best performers are the country's best."""
    at = open_profile("lv", entity="LV-RIX", peers="country:LV")
    at.selectbox(key="profile_learn_indicator").set_value("ROAD_ASPHALT_SHARE_TOTAL").run()
    at.radio(key="profile_learn_source").set_value("peers").run()
    values = country_values("ROAD_ASPHALT_SHARE_TOTAL", "2024", "LV").drop("LV-RIX")
    values = values.sort_values(ascending=False)
    best = table_with(at, t("learn.col.gap", "lv", entity="Rīga", unit="%"))
    assert best[t("learn.col.code", "lv")].tolist() == values.index[:2].tolist()  # Riga is third of 43


def test_most_improved_over_the_chosen_window(open_profile: Callable[..., AppTest]) -> None:
    """Infant deaths (lower is better) from 2012 to 2017 across Lithuania: improvement = fall in the rate, only
    between ranked values (issue 16.2: 10.9 → 0.0 on a handful of births is noise, not improvement)."""
    at = open_profile("lt", entity="LT-13", period="2017", peers="country:LT")
    at.selectbox(key="profile_learn_indicator").set_value("INFANT_DEATHS_PER_1000_BIRTHS").run()
    at.radio(key="profile_learn_source").set_value("peers").run()
    at.selectbox(key="profile_learn_since_INFANT_DEATHS_PER_1000_BIRTHS_2017").set_value("2012").run()
    assert not at.exception
    first = ranked_values("INFANT_DEATHS_PER_1000_BIRTHS", "2012", "LT")
    last = ranked_values("INFANT_DEATHS_PER_1000_BIRTHS", "2017", "LT")
    improvement = (first - last).drop("LT-13").dropna()
    improvement = improvement[improvement > 0].sort_index().sort_values(ascending=False, kind="stable")
    unit = localized(demo_indicators().loc["INFANT_DEATHS_PER_1000_BIRTHS"].to_dict(), "unit", "lt")
    assert unit == "1 000 gyvų gimusiųjų"  # the unit in the page's language, from the shipped metadata
    column = t("learn.col.improvement", "lt", unit=unit)
    improved = table_with(at, column)
    assert improved[t("learn.col.code", "lt")].tolist() == improvement.index[:5].tolist()
    assert improved[column].tolist() == [fmt_number(v, "lt", 1) for v in improvement.iloc[:5]]


def test_the_best_municipality_is_told_nobody_does_better(open_profile: Callable[..., AppTest]) -> None:
    """The best ranked rate of infant deaths in 2017: no peer does better, said plainly. Akmenė had no infant
    death either, on too few births to be ranked: it is not told so (issue 16.2: never credited as best)."""
    ranked = ranked_values("INFANT_DEATHS_PER_1000_BIRTHS", "2017", "LT")
    best = ranked.idxmin()  # lower is better
    at = open_profile("en", entity=best, period="2017", peers="country:LT")
    name = plain(demo_names()[best])
    assert t("learn.best_none", "en", entity=name, period="2017") in texts(at, "info")
    assert demo_values("INFANT_DEATHS_PER_1000_BIRTHS", "2017")["LT-01"] == 0 and pd.isna(ranked["LT-01"])
    small = open_profile("en", entity="LT-01", period="2017", peers="country:LT")
    assert not small.exception
    assert t("learn.best_none", "en", entity=plain("Akmenės r. sav."), period="2017") not in texts(small, "info")


def test_guidance_instead_of_errors(open_profile: Callable[..., AppTest]) -> None:
    """No municipality yet (the page opens on one, issue 14.4), an unknown one in a link, a late partial year:
    plain messages, no exception."""
    empty = open_profile("lt")
    assert not empty.exception and t("pick.choose_entity", "lt") not in texts(empty, "info")
    assert empty.selectbox(key="url_entity").value == "LT-01" and specs(empty)
    bad = open_profile("en", entity="XX-99")
    assert not bad.exception
    assert t("link.bad_value", "en", name="entity", value=plain("XX-99")) in texts(bad, "warning")
    partial = open_profile("lv", entity="LT-01", period="2018", peers="country:LT")
    assert not partial.exception
    assert t("profile.no_directional", "lv") in texts(partial, "info")
    assert len(specs(partial)) == 1  # the position chart only
    assert t("profile.learn_none", "lv") in texts(partial, "info")


def test_default_period_is_the_latest_full_one(open_profile: Callable[..., AppTest]) -> None:
    """2018 holds only a few Lithuanian indicators: the profile opens on 2017."""
    at = open_profile("en", entity="LT-01")
    assert at.selectbox(key="url_period").value == "2017"


def test_a_municipality_outside_the_peer_set_is_said_so(open_profile: Callable[..., AppTest]) -> None:
    """A district municipality profiled against the city network: the network's indicators, a caption."""
    at = open_profile("en", entity="LT-01", peers="network:lt-city-municipalities")
    assert not at.exception
    captions = texts(at, "caption")
    assert t("profile.not_member", "en", entity=plain("Akmenės r. sav.")) in captions
    # the network by its name, never its code
    assert t("profile.indicators_of", "en",
             network=plain("Lithuanian city municipalities (example network)")) in captions
    assert not [c for c in captions if "lt-city-municipalities" in c]
