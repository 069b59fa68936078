"""The import contract's mapping side (issue 13): unmapped keys exit 1 naming each key and where it occurs, with
nothing written; --write-mapping drafts every key; a mapping saved per network is reused; bad mappings and
unreadable files are located errors; the batch is an ordinary one (re-import changes nothing, undo restores)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from test_sources_formats import DATA, cli, held, make_store, mapping

from benchlearn.api import imports
from benchlearn.store import mappings, open_store

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture) -> Path:
    """A real store holding the fixtures' entities and indicators."""
    return make_store(tmp_path, capsys)


def batches(path: Path) -> int:
    store = open_store(path)
    try:
        with store.cursor() as cur:
            return cur.execute("SELECT count(*) FROM batch").fetchall()[0][0]
    finally:
        store.close()


def test_unmapped_keys_exit_1_naming_each_key_and_where_nothing_written(db):
    result = subprocess.run([sys.executable, "-m", "benchlearn", "import", str(DATA / "lt_portal.csv"), "--db",
                             str(db), "--json"], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        'lt_portal.csv:2:Administracinė teritorija: entity "Lietuvos Respublika" is not mapped: 1 row, first at '
        "row 2, from Administracinė teritorija (expected a mapping row entity,Lietuvos Respublika,<our code> or "
        "- to skip them)",
        'lt_portal.csv:2:Rodiklis | Lytis: indicator "Nuolatinių gyventojų skaičius metų pradžioje | Vyrai ir '
        'moterys" is not mapped: 6 rows, first at row 2, from Rodiklis | Lytis (expected a mapping row '
        "indicator,Nuolatinių gyventojų skaičius metų pradžioje | Vyrai ir moterys,<our code> or - to skip them)",
        'lt_portal.csv:5:Rodiklis | Lytis: indicator "Nuolatinių gyventojų skaičius metų pradžioje | Vyrai" is '
        "not mapped: 1 row, first at row 5, from Rodiklis | Lytis (expected a mapping row indicator,Nuolatinių "
        "gyventojų skaičius metų pradžioje | Vyrai,<our code> or - to skip them)",
        'lt_portal.csv:9:Rodiklis | Lytis: indicator "Gyvi gimusieji | Vyrai ir moterys" is not mapped: 2 rows, '
        "first at row 9, from Rodiklis | Lytis (expected a mapping row indicator,Gyvi gimusieji | Vyrai ir "
        "moterys,<our code> or - to skip them)",
    ]
    answer = json.loads(result.stdout)
    assert answer["ok"] is False and answer["total"] == 4
    assert held(db) == [] and batches(db) == 2  # the two reference uploads only


def test_a_fuzzy_guess_is_never_taken_without_the_mapping(capsys, db, tmp_path):
    code, _, err = cli(capsys, "import", DATA / "lt_sdmx.json", "--db", db)
    assert code == 1
    assert err.splitlines() == [
        'lt_sdmx.json:1:Rodiklis: indicator "S3R629" (Nuolatinių gyventojų skaičius metų pradžioje) is not '
        "mapped: 4 rows, first at row 1, from Rodiklis (expected a mapping row indicator,S3R629,<our code> or - "
        "to skip them; best guess: POP)"]
    assert held(db) == []


def test_write_mapping_drafts_every_key_and_the_edited_draft_imports(capsys, db, tmp_path):
    draft = tmp_path / "draft.csv"
    code, out, _ = cli(capsys, "import", DATA / "ssb_jsonstat2.json", "--db", db, "--write-mapping", draft)
    assert code == 0
    assert out == f"draft mapping written to {draft}: 11 rows, 2 keys to check or fill in; nothing imported\n"
    rows = list(csv.DictReader(io.StringIO(draft.read_text(encoding="utf-8"))))
    assert [(r["kind"], r["source"], r["target"]) for r in rows] == [
        ("dimension", "Region", "entity"), ("dimension", "ContentsCode", "indicator"),
        ("dimension", "Tid", "period"),
        ("entity", "0301", "0301"), ("entity", "4601", "4601"), ("entity", "0", ""),
        ("indicator", "Personer1", ""), ("indicator", "Fodte", "BIRTHS"),
        ("status", "..", "not_available"), ("status", ":", "confidential"), ("status", "p", "preliminary"),
    ]
    assert rows[5]["note"] == "The whole country; unknown: give our code, or - to skip; 4 rows from row 9"
    assert held(db) == []
    edited = draft.read_text(encoding="utf-8").replace("entity,0,,", "entity,0,-,").replace(
        "indicator,Personer1,,", "indicator,Personer1,POP,")
    draft.write_text(edited, encoding="utf-8")
    code, _, err = cli(capsys, "import", DATA / "ssb_jsonstat2.json", "--db", db, "--mapping", draft)
    assert code == 0, err
    assert len(held(db)) == 8


def test_a_mapping_saved_for_a_network_is_reused_for_the_next_file_of_that_source(capsys, db, tmp_path):
    for args in (("ingest", DATA / "members.csv", "--kind", "members"),
                 ("ingest", DATA / "indicators.csv", "--kind", "indicators", "--network", "NET-LT")):
        assert cli(capsys, *args, "--db", db)[0] == 0
    code, _, err = cli(capsys, "import", DATA / "lt_portal.csv", "--db", db, "--network", "NET-LT",
                       "--mapping", DATA / "lt_portal_map.csv")
    assert code == 0, err
    code, out, err = cli(capsys, "import", DATA / "lt_portal_2024.csv", "--db", db, "--network", "NET-LT", "--json")
    assert code == 0, err
    assert json.loads(out)["skipped"] == 1  # Lietuvos Respublika, skipped as the saved mapping says
    assert ("LT-13", "POP", "2024", 607404.0, "final") in held(db)
    assert ("LT-33", "BIRTHS", "2024", 170.0, "final") in held(db)
    store = open_store(db)
    try:
        saved = imports.saved_mapping(store, "NET-LT", "lt-csv")
        assert imports.saved_mapping(store, None, "lt-csv").empty  # saved for its network only
    finally:
        store.close()
    assert list(saved.itertuples(index=False, name=None)) == [
        ("dimension", "Lytis", "keep:Vyrai ir moterys"),
        ("entity", "Lietuvos Respublika", "-"), ("entity", "Vilniaus apskritis", "-"),
        ("indicator", "Gyvi gimusieji", "BIRTHS"), ("indicator", "Nuolatinių gyventojų skaičius metų pradžioje", "POP"),
    ]
    code, _, err = cli(capsys, "import", DATA / "lt_portal_2024.csv", "--db", db)  # another network's mapping
    assert code == 1 and "is not mapped" in err


def test_dry_run_writes_neither_values_nor_the_mapping(capsys, db):
    code, out, _ = cli(capsys, "import", DATA / "lt_portal.csv", "--db", db, "--dry-run",
                       "--mapping", DATA / "lt_portal_map.csv")
    assert code == 0
    assert out == "dry run of lt_portal.csv (lt-csv): 6 rows: 6 new, 0 changed, 0 unchanged; nothing written\n"
    assert held(db) == []
    assert cli(capsys, "import", DATA / "lt_portal.csv", "--db", db, "--dry-run")[0] == 1


def test_reimport_changes_nothing_and_undo_restores(capsys, db):
    args = ("import", DATA / "lt_portal.csv", "--db", db, "--mapping", DATA / "lt_portal_map.csv")
    assert cli(capsys, *args)[0] == 0
    code, out, _ = cli(capsys, *args)
    assert (code, out) == (0, "lt_portal.csv: nothing changed (6 rows: 0 new, 0 changed, 6 unchanged); "
                              "no batch written\n")
    code, out, _ = cli(capsys, "undo", "3", "--db", db)
    assert code == 0 and held(db) == []


def test_a_bad_mapping_row_is_located(capsys, db, tmp_path):
    bad = mapping(tmp_path, "indicator,Gyvi gimusieji,BIRTHS", "entty,Vilniaus m. sav.,LT-13",
                  "dimension,Lytis,sex", "status,p,provisional")
    code, _, err = cli(capsys, "import", DATA / "lt_portal.csv", "--db", db, "--mapping", bad)
    assert code == 1
    assert err.splitlines() == [
        'map.csv:3:kind: "entty" is not a kind of mapping row (expected dimension, entity, indicator or status)',
        'map.csv:4:target: "sex" is not what a dimension can be (expected entity, period, indicator or keep:CODE)',
        'map.csv:5:target: "provisional" is not a status (expected one of -, confidential, estimated, final, flag, '
        "nil, not_applicable, not_available, preliminary)",
    ]


def test_a_mapping_naming_a_missing_dimension_and_an_unreadable_file_are_refused(capsys, db, tmp_path):
    code, _, err = cli(capsys, "import", DATA / "kolada.json", "--db", db, "--mapping",
                       mapping(tmp_path, "dimension,sex,keep:T"))
    assert (code, err) == (1, 'kolada.json::: the mapping names a dimension "sex" the file does not have '
                              "(expected one of kpi, municipality, period, gender)\n")
    broken = tmp_path / "broken.json"
    broken.write_text('{"version": "2.0", "class": "dataset",', encoding="utf-8")
    code, _, err = cli(capsys, "import", broken, "--db", db)
    assert code == 1 and err.startswith("broken.json:1:: the JSON cannot be read (")
    code, _, err = cli(capsys, "import", DATA / "kolada.json", "--db", db, "--format", "px")
    assert code == 1 and err.startswith("kolada.json:::")
    assert held(db) == []


def test_a_key_mapped_again_takes_its_newest_target_other_keys_stay(store_location):
    """The upsert of saved mappings, on a DuckDB file and on PostgreSQL (the imports above still need the
    values ingest, which runs on DuckDB only for now)."""
    store = open_store(store_location)
    try:
        first = pd.DataFrame({"kind": ["entity", "indicator"], "source": ["Vilnius", "Births"],
                              "target": ["LT-13", "BIRTHS"]})
        again = pd.DataFrame({"kind": ["entity"], "source": ["Vilnius"], "target": ["LT-99"]})
        for rows in (first, again):
            with store.transaction() as cur:
                mappings.save(cur, "NET-LT", "lt-csv", rows, None)
        saved = imports.saved_mapping(store, "NET-LT", "lt-csv")
        assert list(saved.itertuples(index=False, name=None)) == [("entity", "Vilnius", "LT-99"),
                                                                  ("indicator", "Births", "BIRTHS")]
        assert imports.saved_sources(store, "NET-LT")["keys"].tolist() == [2]
    finally:
        store.close()
