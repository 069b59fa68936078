"""Data calls (issue 15.2–3) on a hand-built store: network NET of three members (E1, E2, E3) with two
indicators (RATE %, COST EUR), and network OTHER (X1) with its own coordinator.

2023 is stored for everyone. In 2024: E1 sends both values plainly; E2 sends COST ×100 (a unit slip, loaded
unconfirmed as the CLI loads it: flagged); E3 sends COST ×100 and confirms the flag with a reason (confirmed);
E2's and E3's RATE are not sent (missing).
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from benchlearn.api import accounts, coordination, data_calls
from benchlearn.api.uploads import ingest_bytes
from benchlearn.auth import Identity
from benchlearn.errors import PermissionDenied
from benchlearn.ingest import IngestOptions
from benchlearn.model import Kind
from benchlearn.store import Store, open_store

ROOT = Path(__file__).resolve().parents[1]
ENTITIES = (b"code,name,kind,country\nE1,Alpha,municipality,LT\nE2,Beta,municipality,LT\n"
            b"E3,Gamma,municipality,LT\nX1,Other town,municipality,LT\n")
MEMBERS = (b"network,entity_code,group_kind,group_name\nNET,E1,network,Net\nNET,E2,network,Net\n"
           b"NET,E3,network,Net\nOTHER,X1,network,Other\n")
INDICATORS = (b"code,name,name_lt,unit,polarity,min,max,description\n"
              b"RATE,Share served,Aptarnauta dalis,%,higher_better,0,100,Share of residents served\n"
              b"COST,Cost per resident,Kaina gyventojui,EUR,lower_better,0,,Spending per resident\n")
VALUES_2023 = (b"entity_code,indicator_code,period,value\nE1,RATE,2023,40\nE1,COST,2023,120\nE2,RATE,2023,50\n"
               b"E2,COST,2023,130\nE3,RATE,2023,60\nE3,COST,2023,140\nX1,RATE,2023,70\n")
STATUS_CSV = """entity_code,indicator_code,state
E1,COST,submitted
E1,RATE,submitted
E2,COST,flagged
E2,RATE,missing
E3,COST,confirmed
E3,RATE,missing
"""


def load(store: Store, data: bytes, kind: Kind = Kind.VALUES, network: str | None = None,
         confirmations: dict | None = None) -> None:
    """One file through the normal ingest path, committed."""
    ingest_bytes(store, data, f"{kind}.csv", IngestOptions(kind=kind, network=network), user="loader",
                 confirmations=confirmations)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """The hand-built store (see the module docstring), with one coordinator per network; closed again."""
    path = tmp_path / "calls.duckdb"
    store = open_store(path)
    load(store, ENTITIES, Kind.ENTITIES)
    load(store, MEMBERS, Kind.MEMBERS)
    load(store, INDICATORS, Kind.INDICATORS, "NET")
    load(store, INDICATORS, Kind.INDICATORS, "OTHER")
    load(store, VALUES_2023)
    accounts.add_user(store, "net-coord", "net-coord-pass-9", "coordinator", ["NET"])
    accounts.add_user(store, "other-coord", "other-coord-pass-9", "coordinator", ["OTHER"])
    store.close()
    return path


@pytest.fixture
def store(db: Path) -> Store:
    """The hand-built store opened in this process."""
    opened = open_store(db)
    yield opened
    opened.close()


def who(name: str) -> Identity:
    """A logged-in coordinator's identity."""
    return Identity.issue(name, "coordinator", ("NET",) if name == "net-coord" else ("OTHER",))


def fill_2024(store: Store) -> None:
    """E1 both; E2 COST ×100 unconfirmed; E3 COST ×100 confirmed with a reason."""
    load(store, b"entity_code,indicator_code,period,value\nE1,RATE,2024,45\nE1,COST,2024,125\nE2,COST,2024,13000\n")
    load(store, b"entity_code,indicator_code,period,value\nE3,COST,2024,14000\n",
         confirmations={("E3", "COST", "2024", "unit_slip"): "new accounting: cents"})


def run(*args: object) -> subprocess.CompletedProcess:
    """`python -m benchlearn …` as a user runs it."""
    return subprocess.run([sys.executable, "-m", "benchlearn", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=False)


def test_completeness_contract_on_the_hand_built_case(store: Store) -> None:
    data_calls.open_call(store, who("net-coord"), "NET", "2024", ["RATE", "COST"], "2025-03-31")
    fill_2024(store)
    cells = data_calls.completeness(store, who("net-coord"), "NET", "2024")
    assert cells[data_calls.CONTRACT].to_csv(index=False) == STATUS_CSV
    confirmed = cells.set_index(["entity_code", "indicator_code"]).loc[("E3", "COST")]
    assert (confirmed["submitted_by"], confirmed["reasons"], confirmed["value"]) == (
        "loader", "new accounting: cents", 14000.0)
    assert cells.loc[cells["state"] == "missing", "submitted_by"].isna().all()


def test_cli_status_prints_the_contract_in_csv_and_json(db: Path) -> None:
    opened = run("datacall", "open", "--network", "NET", "--period", "2024", "--indicators", "RATE,COST",
                 "--deadline", "2025-03-31", "--db", db)
    assert (opened.returncode, opened.stdout) == (0, "data call NET 2024 opened: RATE,COST by 2025-03-31\n")
    store = open_store(db)
    fill_2024(store)
    store.close()
    as_csv = run("datacall", "status", "--network", "NET", "--period", "2024", "--format", "csv", "--db", db)
    assert as_csv.returncode == 0, as_csv.stderr
    lines = as_csv.stdout.splitlines()
    assert lines[0].startswith("entity_code,indicator_code,state,")
    assert [",".join(line.split(",")[:3]) for line in lines] == STATUS_CSV.splitlines()
    as_json = run("datacall", "status", "--network", "NET", "--period", "2024", "--format", "json", "--db", db)
    rows = json.loads(as_json.stdout)
    assert [(r["entity_code"], r["indicator_code"], r["state"]) for r in rows] == [
        tuple(line.split(",")) for line in STATUS_CSV.splitlines()[1:]]
    assert list(rows[0])[:3] == data_calls.CONTRACT


def test_cli_open_list_close_and_bad_input(db: Path) -> None:
    assert run("datacall", "open", "--network", "NET", "--period", "2024", "--indicators", "RATE",
               "--deadline", "2025-03-31", "--message", "Before the spring meeting", "--db", db).returncode == 0
    listed = run("datacall", "list", "--db", db)
    assert listed.stdout.splitlines()[0].startswith("network_code,period,state,deadline,indicators")
    assert listed.stdout.splitlines()[1].startswith("NET,2024,open,2025-03-31,RATE,")
    assert run("datacall", "list", "--network", "OTHER", "--db", db).stdout.splitlines()[1:] == []
    closed = run("datacall", "close", "--network", "NET", "--period", "2024", "--db", db)
    assert (closed.returncode, closed.stdout) == (0, "data call NET 2024 closed\n")
    assert ",closed," in run("datacall", "list", "--network", "NET", "--db", db).stdout
    bad = {
        ("--network", "NOPE"): "error: there is no network NOPE",
        ("--period", "20x4"): "error: period '20x4' is not a period (expected e.g. 2024, 2016-17 or 2024-Q2)",
        ("--deadline", "31.03.2025"): "error: deadline '31.03.2025' is not a date (expected YYYY-MM-DD)",
        ("--indicators", "RATE,POP"): "error: indicators POP are not linked to network NET",
        ("--indicators", " , "): "error: name at least one indicator (--indicators A,B)",
        ("--period", "2024"): "error: network NET already has a call for 2024 (closed)",
    }
    for (option, value), message in bad.items():
        args = {"--network": "NET", "--period": "2025", "--indicators": "RATE", "--deadline": "2026-03-31",
                option: value}
        result = run("datacall", "open", *[x for pair in args.items() for x in pair], "--db", db)
        assert (result.returncode, result.stdout, result.stderr) == (1, "", message + "\n"), option
    again = run("datacall", "close", "--network", "NET", "--period", "2024", "--db", db)
    assert (again.returncode, again.stderr) == (1, "error: the call of network NET for 2024 is already closed\n")
    none = run("datacall", "status", "--network", "NET", "--period", "2030", "--db", db)
    assert (none.returncode, none.stderr) == (1, "error: network NET has no call for 2030\n")
    audit = open_store(db)
    with audit.cursor() as cur:
        actions = [r[0] for r in cur.execute("SELECT action FROM audit_log WHERE action LIKE 'data_call%' "
                                             "ORDER BY id").fetchall()]
    audit.close()
    assert actions == ["data_call_opened", "data_call_closed"]


def test_a_coordinator_of_another_network_can_neither_open_nor_see_the_board(store: Store) -> None:
    with pytest.raises(PermissionDenied):
        data_calls.open_call(store, who("other-coord"), "NET", "2024", ["RATE"], "2025-03-31")
    data_calls.open_call(store, who("net-coord"), "NET", "2024", ["RATE"], "2025-03-31")
    for attempt in (data_calls.completeness, data_calls.call_of, data_calls.close_call):
        with pytest.raises(PermissionDenied):
            attempt(store, who("other-coord"), "NET", "2024")
    with pytest.raises(PermissionDenied):
        data_calls.template_of(store, who("other-coord"), "NET", "2024", "E1", "en")
    assert data_calls.my_calls(store, who("other-coord")).empty
    with store.cursor() as cur:
        refused = cur.execute("SELECT count(*) FROM audit_log WHERE action = 'refused' AND username = "
                              "'other-coord'").fetchall()[0][0]
    assert refused == 5


@pytest.mark.parametrize("lang", ["en", "lt", "lv"])
def test_the_template_filled_in_uploads_and_shows_as_submitted(store: Store, lang: str) -> None:
    data_calls.open_call(store, who("net-coord"), "NET", "2024", ["RATE", "COST"], "2025-03-31")
    name, data = data_calls.template_of(store, who("net-coord"), "NET", "2024", "E2", lang)
    assert name == "NET_2024_E2.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:7] == ["entity_code", rows[0][1], "indicator_code", rows[0][3], rows[0][4], "period", "value"]
    assert [(r[0], r[1], r[2], r[5], r[7], r[8]) for r in rows[1:]] == [
        ("E2", "Beta", "COST", "2024", 130, "2023"), ("E2", "Beta", "RATE", "2024", 50, "2023")]
    assert rows[2][3] == ("Aptarnauta dalis" if lang == "lt" else "Share served")
    assert rows[2][10] == "Share of residents served"
    rules = {str(v.sqref): (v.type, v.operator, v.formula1, v.formula2) for v in sheet.data_validations.dataValidation}
    # the value cells only; "between" is OOXML's default operator, written as none
    assert rules == {"G2": ("decimal", "greaterThanOrEqual", "0.0", None), "G3": ("decimal", None, "0.0", "100.0")}
    sheet["G2"], sheet["G3"] = 131.5, 52
    filled = io.BytesIO()
    book.save(filled)
    identity = who("net-coord")
    upload = coordination.Upload(filled.getvalue(), name, IngestOptions(kind=Kind.VALUES, network="NET"))
    preview = coordination.preview_upload(store, identity, upload)
    coordination.commit_upload(store, identity, upload, preview.base_batch, {})
    cells = data_calls.completeness(store, identity, "NET", "2024").set_index(["entity_code", "indicator_code"])
    assert cells.loc[("E2", "COST"), ["state", "value", "submitted_by"]].tolist() == ["submitted", 131.5, "net-coord"]
    assert cells.loc[("E2", "RATE"), "state"] == "submitted"
    assert cells.loc[("E1", "RATE"), "state"] == "missing"


def test_progress_late_and_reminders(store: Store) -> None:
    import datetime as dt

    data_calls.open_call(store, who("net-coord"), "NET", "2024", ["RATE", "COST"], "2025-03-31")
    fill_2024(store)
    cells = data_calls.completeness(store, who("net-coord"), "NET", "2024")
    before = data_calls.progress(cells, dt.date(2025, 3, 31), dt.date(2025, 3, 31))
    after = data_calls.progress(cells, dt.date(2025, 3, 31), dt.date(2025, 4, 1))
    assert before[["entity_code", "done", "total", "late"]].values.tolist() == [
        ["E1", 2, 2, False], ["E2", 1, 2, False], ["E3", 1, 2, False]]
    assert after["late"].tolist() == [False, True, True]
    assert data_calls.reminders(cells).values.tolist() == [["E2", "Beta", "RATE"], ["E3", "Gamma", "RATE"]]
