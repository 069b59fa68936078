"""Screening before publish (issue 13.3): unit slips, spikes and outliers flagged on every values upload,
printed and recorded by the CLI, confirmed with a reason on the page (the use case refuses a commit without).

The store is a copy of the shipped demo: Lithuanian population by municipality, 1994–2018 (Statistics
Lithuania). The uploaded 2019 values are made up for the test: Vilnius (LT-57) grows as usual, Joniškis
(LT-11) is written ×1 000 (21 583 in 2018), Kaišiadorys (LT-13) jumps by a third (30 257 in 2018).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from browser_support import ROOT
from streamlit.testing.v1 import AppTest

from benchlearn import api
from benchlearn.api import accounts, coordination, screening
from benchlearn.auth import Identity
from benchlearn.ingest import IngestOptions
from benchlearn.ingest.screening import screen
from benchlearn.model import Kind
from benchlearn.store import Store, open_store

POPULATION_2019 = (b"entity_code,indicator_code,period,value\n"
                   b"LT-57,POP_TOTAL,2019,549900\n"   # row 2: +0.4 %, a normal year
                   b"LT-11,POP_TOTAL,2019,20900000\n"  # row 3: ×1 000
                   b"LT-13,POP_TOTAL,2019,39500\n")    # row 4: +31 %, a spike (the usual change is about −1.4 %)
FLAGS = [
    {"row": 3, "entity_code": "LT-11", "indicator_code": "POP_TOTAL", "period": "2019", "value": 20900000.0,
     "check": "unit_slip", "reference": 21583.0},
    {"row": 4, "entity_code": "LT-13", "indicator_code": "POP_TOTAL", "period": "2019", "value": 39500.0,
     "check": "spike", "reference": 30257.0},
]
NETWORK, COORD = "lt-municipalities", "screening-coord"


def run(*args: object) -> subprocess.CompletedProcess:
    """`python -m benchlearn …` as a user runs it."""
    return subprocess.run([sys.executable, "-m", "benchlearn", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, check=False)


def query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    """Rows from the store file (no server holds it in these tests)."""
    store = open_store(db)
    try:
        with store.cursor() as cur:
            return cur.execute(sql, params or []).fetchall()
    finally:
        store.close()


@pytest.fixture
def store(demo_location: str) -> Store:
    """The demo copy (a file, then a PostgreSQL database) opened in this process, with a coordinator of the
    Lithuanian network."""
    opened = open_store(demo_location)
    accounts.add_user(opened, COORD, "coordinator-pass-9", "coordinator", [NETWORK])
    yield opened
    opened.close()


# --- the checks, on frames a reader can verify by eye ------------------------------------------------------

ENTITIES = pd.DataFrame({"code": [f"E{i}" for i in range(10)], "country": "XX", "kind": "municipality"})
INDICATORS = pd.DataFrame({"code": ["RATE", "COUNT"], "unit": ["%", "persons"],
                           "numerator_code": [None, None], "denominator_code": [None, None]})
CHANGES = pd.DataFrame({"indicator_code": ["RATE", "COUNT"], "changes": [100, 100], "q25": [-0.02, -0.02],
                        "median": [0.0, 0.0], "q75": [0.02, 0.02]})  # spread (0.04 / 1.349) ≈ 0.0297


def new_values(rows: list[tuple]) -> pd.DataFrame:
    """(row, entity, indicator, value, previous value) → the `new` frame of `screen` (period 2024, previous 2023)."""
    frame = pd.DataFrame(rows, columns=["row", "entity_code", "indicator_code", "value", "previous_value"])
    return frame.assign(period="2024", previous_period=frame["previous_value"].map(
        lambda v: None if pd.isna(v) else "2023"))


def peers(indicator: str, values: list[float]) -> pd.DataFrame:
    """One value per entity E0, E1, … for 2024."""
    return pd.DataFrame({"entity_code": [f"E{i}" for i in range(len(values))], "indicator_code": indicator,
                         "period": "2024", "value": values})


def checks(flags: pd.DataFrame) -> list[tuple]:
    """(row, check, reference) per flag."""
    return [(int(r), c, float(ref)) for r, c, ref in flags[["row", "check", "reference"]].itertuples(index=False)]


def test_slip_and_spike_against_the_previous_value_and_a_normal_change_not() -> None:
    """×1 000 → unit_slip; +50 % where changes are ±3 % → spike; +2 % → nothing; ÷100 → unit_slip."""
    new = new_values([(2, "E0", "COUNT", 102.0, 100.0), (3, "E1", "COUNT", 150_000.0, 150.0),
                      (4, "E2", "COUNT", 300.0, 200.0), (5, "E3", "COUNT", 4.0, 400.0)])
    flags = screen(new, peers("COUNT", [102, 150_000, 300, 4]), CHANGES, ENTITIES, INDICATORS)
    assert checks(flags) == [(3, "unit_slip", 150.0), (4, "spike", 200.0), (5, "unit_slip", 400.0)]
    assert flags["score"].round(6).tolist()[::2] == [1000.0, 0.01]


def test_outliers_only_for_rates_and_not_for_an_entity_always_that_far() -> None:
    """A rate far from its peers' median (MAD score > 15) is an outlier; a count is not checked against peers;
    an entity whose previous value was as far out is not news; ×100 the peers' median without a previous value
    is a unit slip (a share written as a percentage)."""
    rate = [10.0, 11.0, 9.0, 10.0, 9.5, 10.0, 11.0, 9.0, 40.0, 35.0]  # median 10, MAD 1
    new = new_values([(2, "E8", "RATE", 40.0, 39.0), (3, "E9", "RATE", 35.0, None)])
    assert checks(screen(new, peers("RATE", rate), CHANGES, ENTITIES, INDICATORS)) == [(3, "outlier", 10.0)]
    new = new_values([(2, "E8", "RATE", 40.0, 10.0)])  # from 10 to 40: a spike and an outlier
    assert checks(screen(new, peers("RATE", rate), CHANGES, ENTITIES, INDICATORS)) == [
        (2, "spike", 10.0), (2, "outlier", 10.0)]
    slipped = new_values([(2, "E9", "RATE", 1000.0, None)])
    assert checks(screen(slipped, peers("RATE", [*rate[:9], 1000.0]), CHANGES, ENTITIES, INDICATORS)) == [
        (2, "unit_slip", 10.0)]
    counts = new_values([(2, "E8", "COUNT", 40.0, 39.0)])
    assert screen(counts, peers("COUNT", rate), CHANGES, ENTITIES, INDICATORS).empty


def test_without_usual_changes_no_spike_and_a_zero_crossing_series_no_slip() -> None:
    """Too little history → no spike (only the ratio can tell a slip); a negative pair is not a slip once the
    indicator's changes are known (a series crossing zero says nothing by its ratio)."""
    few = CHANGES.assign(changes=5)
    new = new_values([(2, "E0", "COUNT", 300.0, 200.0), (3, "E1", "COUNT", 2000.0, 200.0)])
    assert checks(screen(new, peers("COUNT", [300, 2000]), few, ENTITIES, INDICATORS)) == [(3, "unit_slip", 200.0)]
    negative = new_values([(2, "E0", "COUNT", -20.0, -2.0)])
    assert screen(negative, peers("COUNT", [-20]), CHANGES, ENTITIES, INDICATORS).empty


# --- a real series in a real store ---------------------------------------------------------------------------

def test_a_real_series_flags_the_slip_and_the_spike_not_the_normal_year(store: Store) -> None:
    """A dry run on the demo's Lithuanian population: exactly the two flags, and nothing written."""
    before = query_store(store, "SELECT (SELECT count(*) FROM batch), (SELECT count(*) FROM screening_flag)")
    outcome = api.ingest_bytes(store, POPULATION_2019, "population_2019.csv", dry_run=True)
    assert screening.as_json(outcome.screening) == FLAGS
    assert outcome.screening["previous_period"].tolist() == ["2018", "2018"]
    assert query_store(store, "SELECT (SELECT count(*) FROM batch), (SELECT count(*) FROM screening_flag)") == before


def query_store(store: Store, sql: str) -> list[tuple]:
    """Rows from the open store."""
    with store.cursor() as cur:
        return cur.execute(sql).fetchall()


def test_cli_json_carries_the_screening_list_and_records_the_flags(app_db: Path, tmp_path: Path) -> None:
    """`ingest --json`: the flags in `screening` (the contract), one line each on stderr, recorded on the batch
    unconfirmed; the load is not blocked."""
    path = tmp_path / "population_2019.csv"
    path.write_bytes(POPULATION_2019)
    result = run("ingest", path, "--db", app_db, "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["screening"] == FLAGS and report["inserted"] == 3
    assert result.stderr.splitlines() == [
        "population_2019.csv:3: screening unit_slip: LT-11 POP_TOTAL 2019: 20,900,000 is about ×1,000 the "
        "previous value 21,583 (2018): thousands written as units, or the other way round?",
        "population_2019.csv:4: screening spike: LT-13 POP_TOTAL 2019: 39,500 after 30,257 in 2018: a change far "
        "outside this indicator's usual changes (score 28.0)"]
    assert query(app_db, "SELECT batch_id, source_row, entity_code, period, check_name, value, reference, basis, "
                         "previous_period, reason FROM screening_flag WHERE batch_id = ? ORDER BY source_row",
                 [report["batch_id"]]) == [
        (report["batch_id"], 3, "LT-11", "2019", "unit_slip", 20900000.0, 21583.0, "previous", "2018", None),
        (report["batch_id"], 4, "LT-13", "2019", "spike", 39500.0, 30257.0, "previous", "2018", None)]
    again = run("ingest", path, "--db", app_db)  # unchanged values are not screened again
    assert again.returncode == 0 and again.stderr == "" and len(again.stdout.splitlines()) == 1


def test_cli_summary_line_stays_one_line_on_stdout(app_db: Path, tmp_path: Path) -> None:
    """Without --json, stdout keeps its one summary line; the flags go to stderr."""
    path = tmp_path / "population_2019.csv"
    path.write_bytes(POPULATION_2019)
    result = run("ingest", path, "--db", app_db, "--dry-run")
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "dry run of population_2019.csv (values): 3 rows: 3 new, 0 changed, 0 unchanged; nothing written"]
    assert [line.split(": ")[1] for line in result.stderr.splitlines()] == ["screening unit_slip", "screening spike"]


def test_import_json_carries_the_screening_list(app_db: Path, tmp_path: Path) -> None:
    """`import --json` of a JSON-stat 2.0 dataset holding the same three values: the same flags."""
    dataset = {"version": "2.0", "class": "dataset", "label": "Population at 1 January",
               "id": ["area", "Tid", "ContentsCode"], "size": [3, 1, 1],
               "role": {"geo": ["area"], "time": ["Tid"], "metric": ["ContentsCode"]},
               "dimension": {"area": {"category": {"index": ["LT-57", "LT-11", "LT-13"]}},
                             "Tid": {"category": {"index": ["2019"]}},
                             "ContentsCode": {"category": {"index": ["POP_TOTAL"]}}},
               "value": [549900, 20900000, 39500]}
    path = tmp_path / "population_2019.json"
    path.write_text(json.dumps(dataset), encoding="utf-8")
    result = run("import", path, "--db", app_db, "--json", "--dry-run")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)["screening"]
    assert [(f["entity_code"], f["check"], f["value"], f["reference"]) for f in found] == [
        (f["entity_code"], f["check"], f["value"], f["reference"]) for f in FLAGS]
    assert all(isinstance(f["row"], int) for f in found)


# --- the page's use case: confirm every flag with a reason, or nothing is written -------------------------------

def upload() -> coordination.Upload:
    """The file as the upload form hands it over."""
    return coordination.Upload(POPULATION_2019, "population_2019.csv",
                               IngestOptions(kind=Kind.VALUES, network=NETWORK))


def test_a_commit_without_a_reason_for_every_flag_is_refused(store: Store) -> None:
    """No reasons, or one of two: UnconfirmedFlags and nothing written; both: committed, reasons kept and shown
    as notes in the batch's History detail and beside the ranking's values."""
    coordinator = Identity.issue(COORD, "coordinator", (NETWORK,))
    found = coordination.preview_upload(store, coordinator, upload())
    keys = [screening.flag_key(f) for f in found.outcome.screening.to_dict("records")]
    assert keys == [("LT-11", "POP_TOTAL", "2019", "unit_slip"), ("LT-13", "POP_TOTAL", "2019", "spike")]
    before = query_store(store, "SELECT count(*), max(id) FROM batch")
    for given in (None, {}, {keys[0]: "thousands in the source table"}, {keys[0]: "ok", keys[1]: "   "}):
        with pytest.raises(screening.UnconfirmedFlags):
            coordination.commit_upload(store, coordinator, upload(), found.base_batch, given)
        assert query_store(store, "SELECT count(*), max(id) FROM batch") == before
    reasons = {keys[0]: "  file in thousands,\n corrected next week ", keys[1]: "new housing estate"}
    done = coordination.commit_upload(store, coordinator, upload(), found.base_batch, reasons)
    batch = done.result.batch_id
    assert query_store(store, f"SELECT entity_code, check_name, reason FROM screening_flag WHERE batch_id = {batch} "
                              "ORDER BY source_row") == [
        ("LT-11", "unit_slip", "file in thousands, corrected next week"), ("LT-13", "spike", "new housing estate")]
    changes = coordination.batch_changes(store, coordinator, batch)
    notes = dict(zip(changes["entity_code"], changes["note"], strict=True))
    assert notes["LT-11"] == "file in thousands, corrected next week" and notes["LT-13"] == "new housing estate"
    assert pd.isna(notes["LT-57"])
    assert screening.notes(store, "POP_TOTAL", "2019").values.tolist() == [
        ["LT-11", "file in thousands, corrected next week"], ["LT-13", "new housing estate"]]


def test_the_ranking_shows_the_reason_beside_the_value(app_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After a confirmed commit, the ranking table's Note column holds each flagged value's reason."""
    opened = open_store(app_db)
    accounts.add_user(opened, COORD, "coordinator-pass-9", "coordinator", [NETWORK])
    coordinator = Identity.issue(COORD, "coordinator", (NETWORK,))
    found = coordination.preview_upload(opened, coordinator, upload())
    keys = [screening.flag_key(f) for f in found.outcome.screening.to_dict("records")]
    coordination.commit_upload(opened, coordinator, upload(), found.base_batch, dict.fromkeys(keys, "checked"))
    opened.close()
    monkeypatch.setenv("BENCHLEARN_DB", str(app_db))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in {"lang": "en", "entity": "LT-11", "indicator": "POP_TOTAL", "period": "2019",
                       "peers": "country:LT"}.items():
        at.query_params[key] = value
    at.switch_page("pages/ranking.py")
    at.run()
    assert not at.exception
    table = at.dataframe[0].value
    notes = dict(zip(table["Code"], table["Note"], strict=True))
    assert notes["LT-11"] == "checked" and notes["LT-13"] == "checked" and notes["LT-57"] in ("", None)
