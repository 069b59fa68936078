"""Versioned indicator definitions (issue 16.4): a changed definition, unit or formula uploaded as an indicators
file is a new version valid from the next period; values keep the version of their period; the trend marks the
break (and a source's break flag) and says when its change crosses one; the catalogue shows the versions.

SCORE is valued 2021 and 2022 in % of households; then its unit becomes "per 1 000 households" (version 2, valid
from 2023) and 2023 and 2024 are reported under it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from page_support import ROOT, specs, texts
from streamlit.testing.v1 import AppTest

from benchlearn import api, ui
from benchlearn.api import versions
from benchlearn.ingest import IngestOptions
from benchlearn.model import Kind
from benchlearn.store import Store, batches, observation_flags, open_store
from benchlearn.store.indicator_versions import next_period

ENTITIES = b"code,name,kind,country\nA01,Alpha,municipality,LT\nA02,Beta,municipality,LT\nA05,Epsilon,municipality,LT\n"
FIRST = b"code,name,unit,polarity,description\nSCORE,Score,%,higher_better,Share of households served\n"
RENAMED = b"code,name,unit,polarity,description\nSCORE,Service score,%,higher_better,Share of households served\n"
NEW_UNIT = (b"code,name,unit,polarity,description\n"
            b"SCORE,Service score,per 1 000 households,higher_better,Share of households served\n")
OLD_YEARS = b"entity_code,indicator_code,period,value\n" + b"".join(
    f"{e},SCORE,{y},{v}\n".encode() for y in (2021, 2022) for e, v in (("A01", 30), ("A02", 40), ("A05", 50)))
NEW_YEARS = b"entity_code,indicator_code,period,value\n" + b"".join(
    f"{e},SCORE,{y},{v}\n".encode() for y in (2023, 2024) for e, v in (("A01", 300), ("A02", 400), ("A05", 510)))


def _load(store: Store, data: bytes, name: str, kind: Kind) -> int:
    api.ingest_bytes(store, data, name, IngestOptions(kind=kind))
    with store.cursor() as cur:
        return batches.last_batch_id(cur)


def build(store: Store) -> None:
    """The story above, through the upload path."""
    _load(store, ENTITIES, "entities.csv", Kind.ENTITIES)
    _load(store, FIRST, "indicators.csv", Kind.INDICATORS)
    _load(store, OLD_YEARS, "old.csv", Kind.VALUES)
    _load(store, NEW_UNIT, "indicators_2023.csv", Kind.INDICATORS)
    _load(store, NEW_YEARS, "new.csv", Kind.VALUES)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """The story's store."""
    opened = open_store(tmp_path / "versions.duckdb")
    build(opened)
    yield opened
    opened.close()


def test_a_new_unit_is_a_new_version_valid_from_the_next_period(store: Store) -> None:
    """Version 1 from the start (%), version 2 from 2023 (per 1 000); values keep the version of their period."""
    held = versions.versions(store)
    assert held[["indicator_code", "number", "valid_from", "unit"]].to_dict("records") == [
        {"indicator_code": "SCORE", "number": 1, "valid_from": None, "unit": "%"},
        {"indicator_code": "SCORE", "number": 2, "valid_from": "2023", "unit": "per 1 000 households"}]
    found = versions.breaks(store, "A05", "SCORE")
    assert found.to_dict("records") == [{"period": "2023", "kind": "definition", "number": 2, "changed": ["unit"]}]
    assert versions.crossed(found, ["2021", "2022", "2023", "2024"]) == ["2023"]
    assert versions.crossed(found, ["2023", "2024"]) == []  # both under version 2: no break between them


def test_a_new_name_or_the_same_file_again_is_no_new_version(tmp_path: Path) -> None:
    """Renaming says the same thing in other words; re-uploading the same definition changes nothing."""
    store = open_store(tmp_path / "same.duckdb")
    _load(store, ENTITIES, "entities.csv", Kind.ENTITIES)
    _load(store, FIRST, "indicators.csv", Kind.INDICATORS)
    _load(store, OLD_YEARS, "old.csv", Kind.VALUES)
    _load(store, RENAMED, "renamed.csv", Kind.INDICATORS)
    _load(store, RENAMED, "renamed_again.csv", Kind.INDICATORS)
    assert versions.versions(store)["number"].tolist() == [1]
    store.close()


def test_undoing_the_change_undoes_the_version(tmp_path: Path) -> None:
    """The undo restores the indicator row and its version 2 no longer counts; a new change numbers on."""
    store = open_store(tmp_path / "undo.duckdb")
    _load(store, ENTITIES, "entities.csv", Kind.ENTITIES)
    _load(store, FIRST, "indicators.csv", Kind.INDICATORS)
    _load(store, OLD_YEARS, "old.csv", Kind.VALUES)
    change = _load(store, NEW_UNIT, "indicators_2023.csv", Kind.INDICATORS)
    api.undo_batch(store, change, "admin")
    assert versions.versions(store)[["number", "unit"]].values.tolist() == [[1, "%"]]
    assert versions.breaks(store, "A05", "SCORE").empty
    _load(store, NEW_UNIT, "indicators_again.csv", Kind.INDICATORS)
    assert versions.versions(store)[["number", "valid_from"]].values.tolist() == [[1, None], [2, "2023"]]
    store.close()


def test_a_sources_break_flag_is_a_break(store: Store) -> None:
    """A 'b' flag the source put on a value (issue 13) is a break of that municipality's series."""
    with store.transaction() as cur:
        observation_flags.replace(cur, pd.DataFrame({"entity_code": ["A05"], "indicator_code": ["SCORE"],
                                                     "period": ["2022"], "flags": ["b"]}), 99)
    found = versions.breaks(store, "A05", "SCORE")
    assert found[["period", "kind"]].values.tolist() == [["2023", "definition"], ["2022", "source"]]
    assert versions.breaks(store, "A01", "SCORE")["kind"].tolist() == ["definition"]


@pytest.mark.parametrize(("period", "after"), [("2023", "2024"), ("2016-17", "2017-18"), ("2099-00", "2100-01"),
                                               ("2024-Q2", "2024-Q3"), ("2024-Q4", "2025-Q1")])
def test_next_period(period: str, after: str) -> None:
    """Years, split years and quarters each step to the next one."""
    assert next_period(period) == after


@pytest.fixture
def open_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """Pages over the story's store (opened as the dashboard's own)."""
    path = tmp_path / "pages.duckdb"
    monkeypatch.setenv("BENCHLEARN_DB", str(path))
    st.cache_data.clear()
    st.cache_resource.clear()
    build(ui.shared_store())

    def run(page: str, lang: str = "en", **params: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        for key, value in {"lang": lang, **params}.items():
            at.query_params[key] = value
        return at.switch_page(f"pages/{page}.py").run()
    yield run
    st.cache_resource.clear()


def test_the_trend_marks_the_break_and_says_the_change_crosses_it(open_page: Callable[..., AppTest]) -> None:
    """A dotted line before 2023 labelled 'version 2', a caption naming the unit change, and one on the change."""
    at = open_page("trends", entity="A05", indicator="SCORE", peers="country:LT")
    assert not at.exception
    figure = specs(at)[0]
    lines = [s for s in figure["layout"].get("shapes", []) if s.get("line", {}).get("dash") == "dot"]
    assert [s["x0"] for s in lines] == [1.5]  # between 2022 (index 1) and 2023 (index 2)
    assert [a["text"] for a in figure["layout"]["annotations"] if "version" in a["text"]] == ["version 2"]
    captions = "\n".join(texts(at, "caption"))
    assert ("Break in series from 2023: the indicator's unit changed (version 2); values before and after are not "
            "directly comparable.") in captions
    assert "compare values across a break in series (2023)" in captions
    json.dumps(figure)  # the figure stays plain JSON


def test_the_catalogue_shows_the_versions(open_page: Callable[..., AppTest]) -> None:
    """The Version column reads 'version 2, from 2023'; the expander lists both definitions (lt: '2 versija')."""
    at = open_page("catalogue")
    assert not at.exception
    table = at.dataframe[0].value
    assert table["Version"].tolist() == ["version 2, from 2023"]
    history = at.dataframe[1].value
    assert history[["Version", "Applies from", "Unit"]].values.tolist() == [
        [1, "from the start", "%"], [2, "2023", "per 1 000 households"]]
    lt = open_page("catalogue", "lt")
    assert lt.dataframe[0].value["Versija"].tolist() == ["2 versija, nuo 2023"]


def test_the_file_can_say_from_which_period_the_new_definition_applies(tmp_path: Path) -> None:
    """A `valid_from` column (normalised: "2022 m." is 2022) dates the new version; the 2022 values fall under it."""
    store = open_store(tmp_path / "dated.duckdb")
    _load(store, ENTITIES, "entities.csv", Kind.ENTITIES)
    _load(store, FIRST, "indicators.csv", Kind.INDICATORS)
    _load(store, OLD_YEARS, "old.csv", Kind.VALUES)
    dated = NEW_UNIT.replace(b"description\n", b"description,valid_from\n").replace(b"served\n", b"served,2022 m.\n")
    _load(store, dated, "indicators_2022.csv", Kind.INDICATORS)
    assert versions.versions(store)[["number", "valid_from"]].values.tolist() == [[1, None], [2, "2022"]]
    assert versions.breaks(store, "A05", "SCORE")["period"].tolist() == ["2022"]
    store.close()


def test_a_bad_valid_from_is_located_and_nothing_is_written(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """A valid_from that is no period: FILE:ROW:COLUMN and the expected forms; the indicator keeps version 1."""
    from benchlearn.cli import main

    store = open_store(tmp_path / "bad.duckdb")
    _load(store, ENTITIES, "entities.csv", Kind.ENTITIES)
    _load(store, FIRST, "indicators.csv", Kind.INDICATORS)
    store.close()
    bad = tmp_path / "bad_indicators.csv"
    bad.write_bytes(NEW_UNIT.replace(b"description\n", b"description,valid_from\n")
                    .replace(b"served\n", b"served,next year\n"))
    assert main(["ingest", str(bad), "--kind", "indicators", "--db", str(tmp_path / "bad.duckdb")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f'{bad.name}:2:valid_from: "next year" is not a period (expected a year from 1800'), err
    store = open_store(tmp_path / "bad.duckdb")
    assert versions.versions(store)[["number", "unit"]].values.tolist() == [[1, "%"]]
    store.close()
