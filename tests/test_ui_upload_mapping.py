"""The upload page's mapping step for a statistics portal's file (issue 13.2), in AppTest on a copy of the demo:
the dimensions and keys shown, unmapped keys listed and no commit until each is mapped (crafted editor state),
the commit saving the mapping for the network, the next file of the source mapped by it straight to the preview,
a mapping CSV given instead, and another network's coordinator getting none of it.

The fixtures `lt_portal_pop_2019.csv` / `_2020.csv` are the Lithuanian portal's export layout with made-up
values near the demo's (see tests/data/sources/README.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from test_ui_upload import COORD, COORD_PW, NETWORK, OTHER, OTHER_PW, login, open_page, store, upload

from benchlearn.api import imports
from benchlearn.auth import Identity
from benchlearn.errors import PermissionDenied
from benchlearn.sources.mapfile import read_mapping
from benchlearn.ui.upload_mapping import mapping_csv

SOURCES = Path(__file__).parent / "data" / "sources"
FIRST, SECOND = "lt_portal_pop_2019.csv", "lt_portal_pop_2020.csv"
OPEN_KEYS = ["entity “Lietuvos Respublika” · first at row 2",
             "indicator “Gyventojų skaičius metų pradžioje” · first at row 2"]
__all__ = ["store"]  # the fixture, imported for pytest


def coordinator_upload(name: str, user: str = COORD, password: str = COORD_PW) -> AppTest:
    """The upload page, logged in, with a portal file chosen."""
    at = login(open_page("pages/upload.py"), user, password)
    return upload(at, name, (SOURCES / name).read_bytes())


def editors(at: AppTest) -> dict[str, object]:
    """The mapping step's key editors by kind (entity, indicator, status)."""
    return {e.key.split("_")[-2]: e for e in at.data_editor if e.key and "_map_" in e.key}


def commit_button(at: AppTest) -> list:
    return [b for b in at.button if b.key == "upload_commit"]


def map_open_keys(at: AppTest) -> AppTest:
    """Crafted editor state, as the grid sends it: Lietuvos Respublika skipped, the indicator → POP_TOTAL."""
    found = editors(at)
    entity_rows = found["entity"].value["key"].tolist()
    at.session_state[found["entity"].key] = {
        "edited_rows": {entity_rows.index("Lietuvos Respublika"): {"target": "-"}},
        "added_rows": [], "deleted_rows": []}
    at.session_state[found["indicator"].key] = {
        "edited_rows": {0: {"target": "POP_TOTAL"}}, "added_rows": [], "deleted_rows": []}
    return at.run()


def test_the_mapping_step_lists_open_keys_and_offers_no_commit(store):
    at = coordinator_upload(FIRST)
    assert not at.exception
    assert [s.value for s in at.subheader][:1] == ["Mapping of the file"]
    roles = {s.label: s.value for s in at.selectbox if (s.key or "").startswith("upload_map_")}
    assert roles == {"Laikotarpis": "period", "Rodiklis": "indicator", "Administracinė teritorija": "entity"}
    found = editors(at)
    assert set(found) == {"entity", "indicator"}
    entity = found["entity"].value
    assert dict(zip(entity["key"], entity["target"].fillna(""), strict=True)) == {
        "Lietuvos Respublika": "", "Akmenės r. sav.": "LT-01", "Alytaus m. sav.": "LT-02",
        "Alytaus r. sav.": "LT-03"}
    assert found["indicator"].value["target"].fillna("").tolist() == [""]
    assert "No mapping is saved yet" in " ".join(c.value for c in at.caption)
    assert [w.value for w in at.warning] == [
        "2 keys of the file are not mapped yet: choose what each is (or - to skip its rows) to see the preview."]
    listed = at.markdown[-1].value.replace("\\", "")
    assert listed.splitlines() == [f"- {k}" for k in OPEN_KEYS]
    assert commit_button(at) == [] and not at.metric  # no preview, no commit while a key is open


def test_mapped_keys_preview_commit_and_the_next_file_reuses_the_mapping(store):
    at = map_open_keys(coordinator_upload(FIRST))
    assert not at.exception and not at.warning
    assert [m.value for m in at.metric] == ["3", "0", "0"]  # the national total skipped: 3 new values
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert "Read as: the Lithuanian official statistics portal's CSV export, through the mapping above" in captions
    assert "Read from lt-csv (source lt-csv): 3 values; rows skipped by the mapping: 1" in captions
    at = commit_button(at)[0].click().run()
    assert "Committed as upload no." in " ".join(s.value for s in at.success)
    saved = imports.saved_mapping(store, NETWORK, "lt-csv")
    assert sorted(saved.itertuples(index=False, name=None)) == [
        ("entity", "Lietuvos Respublika", "-"), ("indicator", "Gyventojų skaičius metų pradžioje", "POP_TOTAL")]

    at = upload(at, SECOND, (SOURCES / SECOND).read_bytes())  # the next file of the source: straight to preview
    assert not at.exception and not at.warning
    assert any(f"by {COORD}: it is filled in below" in i.value for i in at.info)
    entity = editors(at)["entity"].value
    assert entity.loc[entity["key"] == "Lietuvos Respublika", "how"].tolist() == ["saved mapping"]
    assert [m.value for m in at.metric] == ["3", "0", "0"]
    at = commit_button(at)[0].click().run()
    with store.cursor() as cur:
        held = cur.execute("SELECT entity_code, value FROM observation WHERE indicator_code = 'POP_TOTAL' "
                           "AND period = '2020' ORDER BY 1").fetchall()
    assert held == [("LT-01", 18950.0), ("LT-02", 50400.0), ("LT-03", 25500.0)]


def test_the_mapping_step_speaks_lithuanian(store):
    at = login(open_page("pages/upload.py", "lt"), COORD, COORD_PW)
    at = upload(at, FIRST, (SOURCES / FIRST).read_bytes())
    assert [s.value for s in at.subheader][:1] == ["Failo atitikmenys"]
    assert at.warning[0].value.startswith("2 failo raktai dar nepriskirti")
    assert "Vienetai" in [m.value.strip("*") for m in at.markdown]


def test_a_mapping_file_given_on_the_page_maps_the_keys(store):
    at = coordinator_upload(FIRST)
    mapping = ("kind,source,target\nentity,Lietuvos Respublika,'-\n"
               "indicator,Gyventojų skaičius metų pradžioje,POP_TOTAL\n").encode()
    chooser = next(u for u in at.file_uploader if "_map_" in (u.key or ""))
    at = chooser.set_value(("map.csv", mapping, "text/csv")).run()
    assert not at.exception and not at.warning
    assert [m.value for m in at.metric] == ["3", "0", "0"]
    assert commit_button(at)


def test_the_downloaded_mapping_is_the_cli_contract_and_reads_back(store):
    at = map_open_keys(coordinator_upload(FIRST))
    assert any((b.key or "").endswith("_download") for b in at.get("download_button"))
    step = imports.mapping_step(store, Identity.issue(COORD, "coordinator", (NETWORK,)),
                                (SOURCES / FIRST).read_bytes(), FIRST, NETWORK)
    keys = {("entity", "Lietuvos Respublika"): "-", ("entity", "=cmd"): "LT-01"}
    data = mapping_csv(step.prepared, keys)
    assert data.decode("utf-8").splitlines() == [
        "kind,source,target", "dimension,Laikotarpis,period", "dimension,Rodiklis,indicator",
        "dimension,Administracinė teritorija,entity", "entity,Lietuvos Respublika,-", "entity,Akmenės r. sav.,",
        "entity,Alytaus m. sav.,", "entity,Alytaus r. sav.,", "indicator,Gyventojų skaičius metų pradžioje,"]
    back = read_mapping(data, "mapping.csv")
    assert back.values.tolist() == [["dimension", "Laikotarpis", "period"], ["dimension", "Rodiklis", "indicator"],
                                    ["dimension", "Administracinė teritorija", "entity"],
                                    ["entity", "Lietuvos Respublika", "-"]]
    assert read_mapping(b"kind,source,target\nentity,'=cmd,'-\n", "m.csv").values.tolist() == [
        ["entity", "=cmd", "-"]]


def test_another_networks_coordinator_cannot_read_its_mapping(store):
    at = coordinator_upload(FIRST)
    at = commit_button(map_open_keys(at))[0].click().run()
    other = Identity.issue(OTHER, "coordinator", (NETWORK,))  # a session naming a network not theirs
    with pytest.raises(PermissionDenied):
        imports.mapping_step(store, other, (SOURCES / SECOND).read_bytes(), SECOND, NETWORK)
    at = coordinator_upload(SECOND, OTHER, OTHER_PW)  # on the page: their own network, no saved mapping
    assert not at.exception
    assert "No mapping is saved yet" in " ".join(c.value for c in at.caption)
    assert commit_button(at) == []


def test_a_role_chosen_for_a_dimension_rekeys_the_indicators(store):
    at = coordinator_upload("lt_portal.csv")  # with a breakdown by sex (Lytis): part of the indicator at first
    assert editors(at)["indicator"].value["key"].tolist() == [
        "Nuolatinių gyventojų skaičius metų pradžioje | Vyrai ir moterys",
        "Nuolatinių gyventojų skaičius metų pradžioje | Vyrai", "Gyvi gimusieji | Vyrai ir moterys"]
    lytis = next(s for s in at.selectbox if s.label == "Lytis")
    assert lytis.options == ["entity (municipality, region …)", "period", "part of the indicator",
                             "keep only “Vyrai ir moterys”", "keep only “Vyrai”"]
    at = lytis.select_index(3).run()
    assert not at.exception
    indicator = editors(at)["indicator"].value
    assert dict(zip(indicator["key"], indicator["target"].fillna(""), strict=True)) == {
        "Nuolatinių gyventojų skaičius metų pradžioje": "POP_TOTAL", "Gyvi gimusieji": "BIRTHS"}
    assert indicator["how"].tolist() == ["recognised", "recognised"]


def test_the_same_file_again_after_its_commit_is_mapped_by_what_was_saved(store):
    at = commit_button(map_open_keys(coordinator_upload(FIRST)))[0].click().run()
    at = upload(at, FIRST, (SOURCES / FIRST).read_bytes())  # the very same bytes: nothing kept from before
    assert any(f"by {COORD}: it is filled in below" in i.value for i in at.info)
    assert not at.warning and commit_button(at) == []
    assert [m.value for m in at.metric] == ["0", "0", "3"]
