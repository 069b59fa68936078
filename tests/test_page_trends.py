"""The trends page on the demo store: AppTest in three languages for Lithuanian and Latvian municipalities,
the band, median and the municipality's line checked against statistics recomputed from the shipped CSV files,
the change and CAGR metrics, and guidance instead of errors.
"""

from __future__ import annotations

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
    page_downloads,
    page_runner,
    specs,
    texts,
)
from streamlit.proto.Metric_pb2 import Metric
from streamlit.testing.v1 import AppTest

from benchlearn.charts.common import HIGHLIGHT
from benchlearn.i18n import fmt_number, fmt_percent, localized, t
from benchlearn.ui.plain_text import plain

PERIODS = [str(year) for year in range(1994, 2019)] + ["2024"]


@pytest.fixture(scope="module")
def trends_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store for this module."""
    return copy_store(demo_db, tmp_path_factory.mktemp("page_trends"), "trends")


@pytest.fixture
def open_trends(trends_db: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """Open the trends page with URL parameters."""
    return page_runner(trends_db, monkeypatch, "trends")


def panel(indicator: str, country: str) -> pd.DataFrame:
    """Municipalities × periods of one indicator for a country, from the CSV files (periods with a value)."""
    columns = {}
    for period in PERIODS:
        try:
            values = country_values(indicator, period, country)
        except KeyError:  # no row of the indicator in that period
            continue
        if values.notna().any():
            columns[period] = values
    return pd.DataFrame(columns)


def same(shown: list, expected: pd.Series) -> bool:
    """Chart values (None for a gap) equal the expected ones (NaN for a gap)."""
    return len(shown) == len(expected) and all(
        (s is None and pd.isna(e)) or (s is not None and s == pytest.approx(e, rel=1e-9))
        for s, e in zip(shown, expected, strict=True))


SAMPLES = [
    # entity, indicator, language, country, polarity
    ("LT-01", "INFANT_DEATHS_PER_1000_BIRTHS", "lt", "LT", "lower_better"),
    ("LT-13", "POP_TOTAL", "en", "LT", "neutral"),
    ("LT-02", "URBAN_SHARE", "lv", "LT", "neutral"),
    ("LV-RIX", "ROAD_ASPHALT_SHARE_TOTAL", "lv", "LV", "higher_better"),
    ("LV-011", "ROAD_GRAVEL_SHARE_TOTAL", "en", "LV", "lower_better"),
]


@pytest.mark.parametrize(("entity", "indicator", "lang", "country", "polarity"), SAMPLES,
                         ids=[f"{s[0]}-{s[2]}" for s in SAMPLES])
def test_the_municipality_against_the_peer_band_over_time(
    open_trends: Callable[..., AppTest], entity: str, indicator: str, lang: str, country: str, polarity: str,
) -> None:
    """The p25–p75 band shaded, the peer median dashed and the municipality's own line highlighted, each point
    equal to the statistics of the CSV values; the unit on the axis and the polarity in the subtitle."""
    at = open_trends(lang, entity=entity, indicator=indicator, peers=f"country:{country}")
    assert not at.exception
    assert [title.value for title in at.title] == [t("trends.title", lang)]
    (spec,) = specs(at)
    values = panel(indicator, country)
    meta = demo_indicators().loc[indicator]
    name = meta["name"] if lang == "en" else meta[f"name_{lang}"]
    layout = spec["layout"]
    entity_name = demo_names()[entity]
    assert layout["title"]["text"] == t("trends.chart_title", lang, indicator=name, entity=entity_name)
    assert t(f"polarity.{polarity}", lang) in layout["title"]["subtitle"]["text"]
    assert t("pick.peers.country", lang, country=country) in layout["title"]["subtitle"]["text"]
    unit = localized(meta.to_dict(), "unit", lang)
    assert layout["yaxis"]["title"]["text"] == t("trends.axis", lang, unit=unit)
    assert layout["separators"] == SEPARATORS[lang]

    low, high, median, own = spec["data"]
    assert [trace["name"] for trace in (high, median, own)] == [
        t("trends.band", lang), t("trends.median", lang), demo_names()[entity]]
    assert high["fill"] == "tonexty" and low["showlegend"] is False
    assert own["line"]["color"] == HIGHLIGHT and own["line"]["width"] > median["line"]["width"]
    assert median["line"]["dash"] == "dash"
    assert own["x"] == list(values.columns) == layout["xaxis"]["categoryarray"]
    assert same(own["y"], values.loc[entity])
    assert same(median["y"], values.median())
    assert same(low["y"], values.quantile(0.25)) and same(high["y"], values.quantile(0.75))

    # the series table, found by its first header (the trend explanation's table may come before it, issue 16.1)
    table = max((d.value for d in at.dataframe if list(d.value.columns[:1]) == [t("trends.col.period", lang)]),
                key=lambda frame: frame.shape[1])  # the explanation's series has two columns, this one seven
    assert len(table) == values.shape[1]
    assert list(table.columns)[:2] == [t("trends.col.period", lang),
                                       t("trends.col.value", lang, entity=entity_name, unit=unit)]
    assert page_downloads(at) == {"trends_table_csv", "trends_table_xlsx"}


def test_change_and_cagr_are_the_municipality_s_own(open_trends: Callable[..., AppTest]) -> None:
    """Population of LT-13: change vs the previous year and the yearly growth rate from first to last."""
    at = open_trends("lt", entity="LT-13", indicator="POP_TOTAL", peers="country:LT")
    own = panel("POP_TOTAL", "LT").loc["LT-13"].dropna()
    first, previous, last = own.index[0], own.index[-2], own.index[-1]
    metrics = {m.label: m for m in at.metric}
    latest = metrics[t("trends.latest", "lt", period=last)]
    assert latest.value == fmt_number(own[last], 'lt', 0)  # the unit is said once, under the cards (issue 14.12)
    assert t("trends.unit", "lt", unit=demo_indicators().loc["POP_TOTAL", "unit_lt"]) in " ".join(texts(at, "caption"))
    change = metrics[t("trends.change", "lt")]
    assert change.value == fmt_number(own[last] - own[previous], 'lt', 0)
    assert change.delta == fmt_percent((own[last] - own[previous]) * 100 / own[previous], 'lt', 1)
    growth = (own[last] / own[first]) ** (1 / (int(last) - int(first))) - 1
    cagr = metrics[t("trends.cagr", "lt", first=first, last=last)]
    assert cagr.value == fmt_percent(growth * 100, 'lt', 1)


def test_a_fall_in_a_lower_is_better_rate_reads_as_good(open_trends: Callable[..., AppTest]) -> None:
    """Infant deaths in Akmenė fell to 0 in 2017: improving, delta coloured as good news; no CAGR from 0."""
    at = open_trends("en", entity="LT-01", indicator="INFANT_DEATHS_PER_1000_BIRTHS", peers="country:LT")
    change = {m.label: m for m in at.metric}[t("trends.change", "en")]
    # delta_color="inverse": a fall is drawn green (good news) when lower is better
    assert change.proto.direction == Metric.MetricDirection.DOWN
    assert change.proto.color == Metric.MetricColor.GREEN
    assert f"{t('trends.direction', 'en')}: {t('profile.direction.improving', 'en')}" in " ".join(texts(at, "caption"))
    cagr = [m for m in at.metric if m.label.startswith(t("trends.cagr", "en", first="", last="")[:-1].strip())]
    assert cagr and cagr[0].value == "–"


def test_one_period_only_says_so(open_trends: Callable[..., AppTest]) -> None:
    """Latvian road data has one year: the latest value, and a note instead of change and CAGR."""
    at = open_trends("lv", entity="LV-RIX", indicator="ROAD_GRAVEL_SHARE_TOTAL", peers="country:LV")
    assert not at.exception
    assert t("trends.one_period", "lv", entity="Rīga") in texts(at, "info")
    assert [m.label for m in at.metric] == [t("trends.latest", "lv", period="2024")]


def test_guidance_instead_of_errors(open_trends: Callable[..., AppTest]) -> None:
    """No municipality, no indicator, an unknown indicator in a link: plain messages, no exception."""
    empty = open_trends("lv")  # opens on a Latvian municipality and one of its indicators (issue 14.4)
    assert not empty.exception and t("pick.choose_entity", "lv") not in texts(empty, "info")
    assert empty.selectbox(key="url_entity").value.startswith("LV-") and empty.selectbox(key="url_indicator").value
    no_indicator = open_trends("lt", entity="LT-01")
    assert not no_indicator.exception and t("pick.choose_indicator", "lt") not in texts(no_indicator, "info")
    bad = open_trends("en", entity="LV-RIX", indicator="POP_TOTAL")  # a Lithuanian indicator: not Riga's
    assert not bad.exception
    assert t("link.bad_value", "en", name="indicator", value=plain("POP_TOTAL")) in texts(bad, "warning")
