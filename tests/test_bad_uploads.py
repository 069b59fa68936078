"""Every bad input in tests/data/bad/, loaded through the CLI into a real store: exit 1, the exact first
FILE:ROW:COLUMN message on stderr, and not one table changed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchlearn.store import open_store

HERE = Path(__file__).parent
BAD = HERE / "data" / "bad"
REF = HERE / "data" / "ref"
CASES = json.loads((BAD / "cases.json").read_text(encoding="utf-8"))
TABLES = ("entity", "indicator", "network", "network_member", "network_indicator", "peer_group",
          "peer_group_member", "batch", "observation", "observation_history", "record_history")


def cli(db: Path, *args: str) -> subprocess.CompletedProcess:
    """Run `python -m benchlearn … --db db` from the repository root."""
    env = {**os.environ, "PYTHONPATH": str(HERE.parent)}
    return subprocess.run([sys.executable, "-m", "benchlearn", *args, "--db", str(db)], capture_output=True,
                          text=True, env=env, cwd=HERE.parent, timeout=120)


def snapshot(db: Path) -> dict[str, list]:
    """Every row of every data table, to prove a rejected upload wrote nothing."""
    store = open_store(db)
    with store.cursor() as cur:
        rows = {t: sorted(map(repr, cur.execute(f"SELECT * FROM {t}").fetchall())) for t in TABLES}  # noqa: S608
    store.close()
    return rows


@pytest.fixture(scope="module")
def reference_db(tmp_path_factory) -> Path:
    """A store holding the reference entities and indicators, two networks and some values."""
    db = tmp_path_factory.mktemp("bad") / "ref.duckdb"
    for args in (("ingest", str(REF / "entities.csv"), "--kind", "entities"),
                 ("ingest", str(REF / "indicators.csv"), "--kind", "indicators")):
        done = cli(db, *args)
        assert done.returncode == 0, done.stderr
    networks = {}
    for case in CASES:
        if case.get("network"):
            networks.setdefault(case["network"], (case.get("network_indicators", []), case.get("network_members", [])))
    for code, (indicators, members) in networks.items():
        members_csv = db.parent / f"{code}-members.csv"
        members_csv.write_text("group,entity_code,group_kind\n" + "".join(f"{code},{m},network\n" for m in members),
                               encoding="utf-8")
        assert cli(db, "ingest", str(members_csv), "--kind", "members").returncode == 0
        ind_csv = db.parent / f"{code}-indicators.csv"
        rows = (REF / "indicators.csv").read_text(encoding="utf-8").splitlines()
        keep = [rows[0]] + [r for r in rows[1:] if r.split(",")[0] in indicators]
        ind_csv.write_text("\n".join(keep) + "\n", encoding="utf-8")
        done = cli(db, "ingest", str(ind_csv), "--kind", "indicators", "--network", code)
        assert done.returncode == 0, done.stderr
    return db


def test_there_are_at_least_thirty_distinct_bad_inputs():
    assert len({c["file"] for c in CASES}) >= 30
    assert len({c["expected"].split(": ", 1)[1] for c in CASES}) >= 30


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_bad_upload_is_rejected_exactly_and_writes_nothing(case, reference_db, tmp_path):
    db = tmp_path / "copy.duckdb"
    db.write_bytes(reference_db.read_bytes())
    wal = reference_db.with_name(reference_db.name + ".wal")
    if wal.exists():
        db.with_name(db.name + ".wal").write_bytes(wal.read_bytes())
    before = snapshot(db)
    args = ["ingest", str(BAD / case["file"]), "--kind", case.get("kind") or "values"]
    for option in ("network", "period", "encoding", "max_bytes"):
        if case.get(option):
            args += [f"--{option.replace('_', '-')}", str(case[option])]
    done = cli(db, *args)
    assert done.returncode == 1, done.stdout + done.stderr
    # the CLI words a file-level refusal without the empty row and column, and says how to raise a limit
    assert done.stderr.splitlines()[0] == case.get("cli_expected", case["expected"])
    assert "Traceback" not in done.stderr
    assert snapshot(db) == before
