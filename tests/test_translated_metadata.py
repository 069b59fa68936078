"""Issue 14.6: units and network / peer group names in Lithuanian and Latvian — accepted by the upload
contracts as optional columns, kept with history and undo (migration 9), filled for the demo, and shown
on the pages in the page's language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from page_support import copy_store, page_runner
from streamlit.testing.v1 import AppTest

from benchlearn.api.uploads import ingest_bytes, undo_batch
from benchlearn.i18n import localized, t
from benchlearn.ingest import IngestOptions
from benchlearn.model import Kind
from benchlearn.store import open_store, reads

ROOT = Path(__file__).resolve().parents[1]
ENTITIES = b"code,name,country\nLT-01,Akmenes r. sav.,LT\nLT-02,Alytaus m. sav.,LT\n"
INDICATORS = ("code,name,unit,polarity,unit_lt,unit_lv\n"
              "DENS,Density,persons per km2,neutral,asmenų 1 km²,personas uz 1 km²\n"
              "POP,Population,persons,neutral,,\n").encode()
MEMBERS = ("group,entity_code,group_kind,group_name,group_name_lt,group_name_lv\n"
           "net,LT-01,network,Small towns,Mažieji miestai,Mazās pilsētas\n"
           "net,LT-02,network,Small towns,Mažieji miestai,Mazās pilsētas\n"
           "grp,LT-01,peer_group,North,Šiaurė,\n").encode()


def _ingest(store: object, data: bytes, kind: Kind, name: str) -> int | None:
    return ingest_bytes(store, data, name, IngestOptions(kind=kind), user="t").result.batch_id


def _names(store: object) -> dict[str, tuple]:
    with store.cursor() as cur:
        groups = reads.groups(cur)
    return {row["code"]: (row["name"], row["name_lt"], row["name_lv"]) for row in groups.to_dict("records")}


def test_translated_units_and_group_names_are_stored_updated_and_undone(tmp_path: Path) -> None:
    store = open_store(tmp_path / "t.duckdb")
    try:
        _ingest(store, ENTITIES, Kind.ENTITIES, "entities.csv")
        _ingest(store, INDICATORS, Kind.INDICATORS, "indicators.csv")
        _ingest(store, MEMBERS, Kind.MEMBERS, "members.csv")
        with store.cursor() as cur:
            units = reads.indicators(cur).set_index("code")[["unit", "unit_lt", "unit_lv"]]
        assert units.loc["DENS"].tolist() == ["persons per km2", "asmenų 1 km²", "personas uz 1 km²"]
        assert units.loc["POP"].isna().tolist() == [False, True, True]
        names = _names(store)
        assert names["net"] == ("Small towns", "Mažieji miestai", "Mazās pilsētas")
        assert names["grp"][:2] == ("North", "Šiaurė") and pd.isna(names["grp"][2])
        # the one lookup: the translation where the data has one, the English text where not
        assert [localized(dict(zip(("name", "name_lt", "name_lv"), names["grp"], strict=True)), "name", lang)
                for lang in ("en", "lt", "lv")] == ["North", "Šiaurė", "North"]
        assert localized(units.loc["POP"].to_dict(), "unit", "lv") == "persons"
        # a later members file translating an existing group changes the names only; undo puts them back
        later = "group,entity_code,group_name_lv\ngrp,LT-01,Ziemeļi\n".encode()
        batch = _ingest(store, later, Kind.MEMBERS, "later.csv")
        assert batch is not None and _names(store)["grp"] == ("North", "Šiaurė", "Ziemeļi")
        undo_batch(store, batch, user="t")
        assert _names(store)["grp"][:2] == ("North", "Šiaurė") and pd.isna(_names(store)["grp"][2])
        # the same file again changes nothing and says so (no batch)
        assert _ingest(store, MEMBERS, Kind.MEMBERS, "members.csv") is None
    finally:
        store.close()


def test_every_demo_unit_and_group_has_lithuanian_and_latvian_text(demo_db: Path, tmp_path: Path) -> None:
    store = open_store(copy_store(demo_db, tmp_path, "demo"))
    try:
        with store.cursor() as cur:
            indicators, groups = reads.indicators(cur), reads.groups(cur)
    finally:
        store.close()
    for column in ("unit_lt", "unit_lv"):
        assert indicators[column].notna().all(), indicators.loc[indicators[column].isna(), "code"].tolist()
    for column in ("name_lt", "name_lv"):
        assert groups[column].notna().all(), groups.loc[groups[column].isna(), "code"].tolist()
    lv = groups.set_index("code")["name_lv"]
    assert lv["lt-municipalities"] == "Lietuvas pašvaldības (parauga tīkls)" and lv["LT-AL"] == "Alītus apriņķis"


@pytest.fixture(scope="module")
def pages_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_store(demo_db, tmp_path_factory.mktemp("translated"), "translated")


@pytest.fixture
def open_page(pages_db: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], Callable[..., AppTest]]:
    return lambda page: page_runner(pages_db, monkeypatch, page)


def _options(at: AppTest) -> list[str]:
    return [str(option) for box in at.selectbox for option in box.options]


@pytest.mark.parametrize(("lang", "unit", "network"), [
    ("lt", "asmenų 1 km²", "Lietuvos savivaldybės (pavyzdinis tinklas)"),
    ("lv", "personas uz 1 km²", "Lietuvas pašvaldības (parauga tīkls)"),
])
def test_the_ranking_shows_units_and_networks_in_the_page_language(
        open_page: Callable[[str], Callable[..., AppTest]], lang: str, unit: str, network: str) -> None:
    at = open_page("ranking")(lang, entity="LT-01", indicator="POP_DENSITY", period="2017", peers="country:LT")
    assert not at.exception
    headers = [str(c) for frame in at.dataframe for c in frame.value.columns]
    assert any(unit in h for h in headers), headers
    assert not any("persons" in h for h in headers), headers
    options = _options(at)
    assert any(network in o for o in options), options
    assert not any("example network" in o for o in options), options


def test_the_catalogue_and_profile_show_translated_units(
        open_page: Callable[[str], Callable[..., AppTest]]) -> None:
    at = open_page("catalogue")("lv")
    assert not at.exception
    shown = pd.concat([frame.value for frame in at.dataframe])
    units = set(shown[t("catalogue.col.unit", "lv")])
    assert "personas" in units and "persons" not in units, units
    at = open_page("profile")("lt", entity="LT-01", period="2017", peers="country:LT")
    assert not at.exception
    table = next(frame.value for frame in at.dataframe if t("profile.col.unit", "lt") in frame.value.columns)
    units = set(table[t("profile.col.unit", "lt")])
    assert "asmenys" in units and "persons" not in units, units
