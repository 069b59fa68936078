"""The indicator catalogue on the demo store: every indicator in the chosen language, its direction, formula
and coverage (checked against the shipped CSV files), and the domain, network and text filters."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from page_support import DATA, copy_store, demo_indicators, demo_values, page_runner, texts
from streamlit.testing.v1 import AppTest

from benchlearn.api.catalogue import matching
from benchlearn.i18n import t


@pytest.fixture(scope="module")
def catalogue_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store for this module."""
    return copy_store(demo_db, tmp_path_factory.mktemp("page_catalogue"), "catalogue")


@pytest.fixture
def open_catalogue(catalogue_db: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """Open the catalogue with URL parameters."""
    return page_runner(catalogue_db, monkeypatch, "catalogue")


def _column(lang: str, key: str) -> str:
    return t(f"catalogue.col.{key}", lang)


def _coverage(code: str) -> tuple[int, int]:
    """(periods, entities) with a value, recomputed from the tidy CSV (derived ones from their parts)."""
    periods = pd.read_csv(DATA / "baltic_demo_lt_lv_tidy.csv", dtype={"period": str})["period"].unique()
    per_period = {p: demo_values(code, p).dropna() for p in periods}
    found = {p: v for p, v in per_period.items() if len(v)}
    entities = set().union(*(set(v.index) for v in found.values())) if found else set()
    return len(found), len(entities)


@pytest.mark.parametrize("lang", ["en", "lt", "lv"])
def test_every_indicator_is_described_in_the_language(open_catalogue: Callable[..., AppTest],
                                                      lang: str) -> None:
    """87 rows (36 Baltic, 51 Finnish): names in the language, direction translated, formula of derived
    indicators, downloads."""
    at = open_catalogue(lang)
    assert not at.exception
    assert [title.value for title in at.title] == [t("catalogue.title", lang)]
    table = at.dataframe[0].value.set_index(_column(lang, "code"))
    meta = pd.concat([demo_indicators(), pd.read_csv(DATA / "demo" / "indicators_fi.csv").set_index("code")])
    assert sorted(table.index) == sorted(meta.index)
    names = meta["name"] if lang == "en" else meta[f"name_{lang}"]
    assert table[_column(lang, "name")].to_dict() == names.to_dict()
    direction = table[_column(lang, "direction")]
    assert direction["ROAD_GRAVEL_SHARE_TOTAL"] == t("polarity.lower_better", lang)
    assert direction["POP_TOTAL"] == t("polarity.neutral", lang)
    thousand = "1,000" if lang == "en" else "1\u00a0000"
    assert table.loc["BIRTHS_PER_1000", _column(lang, "formula")] == f"BIRTHS / POP_TOTAL × {thousand}"
    assert table.loc["POP_TOTAL", _column(lang, "formula")] == ""
    assert table.loc["ROAD_GRAVEL_SHARE_TOTAL", _column(lang, "unit")] == "%"
    assert t("catalogue.shown", lang, n=87, total=87) in texts(at, "caption")
    assert len(at.get("download_button")) == 2


@pytest.mark.parametrize("code", ["BIRTHS", "BIRTHS_PER_1000", "POP_RURAL", "ROAD_ASPHALT_SHARE_MUNI_ROADS",
                                  "AREA_KM2"])
def test_coverage_counts_periods_and_areas_with_a_value(open_catalogue: Callable[..., AppTest],
                                                        code: str) -> None:
    """Periods and areas with a value match the tidy CSV (derived: both parts present, denominator ≠ 0)."""
    table = open_catalogue("en").dataframe[0].value.set_index(_column("en", "code"))
    periods, entities = _coverage(code)
    assert table.loc[code, _column("en", "periods")] == periods
    assert table.loc[code, _column("en", "entities")] == entities


def test_filters_by_domain_network_and_text(open_catalogue: Callable[..., AppTest]) -> None:
    """Domain, network and a diacritics-insensitive search narrow the table; no match is said plainly."""
    at = open_catalogue("lt")
    at.multiselect(key="catalogue_domains").set_value(["roads"]).run()
    assert len(at.dataframe[0].value) == 20
    at.multiselect(key="catalogue_domains").set_value([]).run()
    at.selectbox(key="catalogue_network").set_value("lt-city-municipalities").run()
    assert len(at.dataframe[0].value) == 16
    at.selectbox(key="catalogue_network").set_value(None).run()
    at.text_input(key="catalogue_query").input("zvyro").run()  # "žvyro" (gravel) typed without diacritics
    codes = set(at.dataframe[0].value[_column("lt", "code")])
    assert codes == {"ROAD_KM_GRAVEL_TOTAL", "ROAD_KM_GRAVEL_STATE", "ROAD_KM_GRAVEL_MUNI_ROADS",
                     "ROAD_KM_GRAVEL_MUNI_STREETS", "ROAD_GRAVEL_SHARE_TOTAL"}
    at.text_input(key="catalogue_query").input("no such words").run()
    assert not at.exception
    assert t("catalogue.no_match", "lt") in texts(at, "info")
    assert not at.dataframe


def test_matching_ignores_case_and_diacritics() -> None:
    """A search finds codes, names in any language and definitions, whatever the case or accents."""
    frame = pd.DataFrame({"code": ["A", "B", "C"], "name_en": ["Births", "Deaths", "Roads"],
                          "name_lt": ["Gimusieji", "Mirusieji", "Keliai"],
                          "name_lv": ["Dzimušie", "Mirušie", "Ceļi"],
                          "description": ["", "per 1 000", None]})
    assert matching(frame, "dzimusie")["code"].tolist() == ["A"]
    assert matching(frame, "CELI")["code"].tolist() == ["C"]
    assert matching(frame, "1 000")["code"].tolist() == ["B"]
    assert matching(frame, "  ")["code"].tolist() == ["A", "B", "C"]
    assert matching(frame, "xyz").empty
