"""`export --to DIR` writes the public data as a Frictionless Data Package that validates (issue 16.6).

The store holds an account, audit entries, batches and a screening-free upload: none of them, nor any
column naming an uploader or a batch, may appear in the package.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from frictionless import Package

from benchlearn import api
from benchlearn.api import accounts
from benchlearn.api.open_data import export_package
from benchlearn.cli import main
from benchlearn.ingest import IngestOptions
from benchlearn.model import Kind
from benchlearn.store import Store, open_store

ENTITIES = b"""code,name,kind,country,valid_from,valid_to
A01,Alpha,municipality,LT,,
A02,"=HYPERLINK(""x"")",municipality,LT,2001-01-01,
A03,Gamma,municipality,LT,,2020-12-31
"""
INDICATORS = b"code,name,unit,polarity,source\nSCORE,Score,%,higher_better,Test office\nPOP,People,persons,neutral,\n"
MEMBERS = b"group,entity_code,group_kind,group_name\nNET,A01,network,\nNET,A02,network,\nSMALL,A02,peer_group,Small\n"
VALUES = b"entity_code,indicator_code,period,value\nA01,SCORE,2023,3.1\nA02,SCORE,2023,x\nA01,POP,2023,1200\n"
PRIVATE = ("secret-admin", "audit", "app_user", "session", "screening", "batch", "password")
PUBLIC = ("values", "indicators", "indicator_versions", "entities", "networks", "network_members",
          "network_indicators", "peer_groups", "peer_group_members", "attribution")


@pytest.fixture
def store(store_location: str) -> Iterator[Store]:
    """A small store with an admin account and audit entries beside the public data (a file, then PostgreSQL)."""
    opened = open_store(store_location)
    accounts.add_user(opened, "secret-admin", "a-long-password-1", "admin")
    for data, name, kind in ((ENTITIES, "entities.csv", Kind.ENTITIES), (INDICATORS, "ind.csv", Kind.INDICATORS),
                             (MEMBERS, "members.csv", Kind.MEMBERS), (VALUES, "values.csv", Kind.VALUES)):
        api.ingest_bytes(opened, data, name, IngestOptions(kind=kind), user="secret-admin")
    yield opened
    opened.close()


def test_the_package_validates_and_holds_only_public_tables(store: Store, tmp_path: Path) -> None:
    """frictionless validates it; its resources are exactly the public tables; no private word appears."""
    done = export_package(store, tmp_path / "out")
    report = Package(str(done.directory / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])
    described = json.loads((done.directory / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in described["resources"]] == list(PUBLIC)
    assert sorted(p.name for p in done.directory.iterdir()) == sorted(
        ["datapackage.json", *(f"{n}.csv" for n in PUBLIC), *(f"{n}.parquet" for n in PUBLIC)])
    everything = " ".join(p.read_text(encoding="utf-8") for p in done.directory.glob("*.csv")) + json.dumps(described)
    for word in PRIVATE:
        assert word not in everything.lower()
    assert described["sources"] == [{"title": "Test office"}]


def test_values_keep_their_status_and_parquet_copies_match(store: Store, tmp_path: Path) -> None:
    """The not-applicable value is an empty cell with its status; the Parquet copy holds the same rows."""
    done = export_package(store, tmp_path / "out")
    values = pd.read_csv(done.directory / "values.csv", dtype={"period": str})
    assert values.to_dict("records")[-1] == {"entity_code": "A02", "indicator_code": "SCORE", "period": "2023",
                                            "value": pytest.approx(float("nan"), nan_ok=True),
                                            "status": "not_applicable"}
    assert len(pd.read_parquet(done.directory / "values.parquet")) == len(values) == done.rows["values"] == 3
    members = pd.read_csv(done.directory / "peer_group_members.csv")
    assert members.to_dict("records") == [{"group_code": "SMALL", "entity_code": "A02"}]
    entities = pd.read_csv(done.directory / "entities.csv", dtype=str)
    assert entities.loc[entities["code"] == "A02", "name"].item() == "'=HYPERLINK(\"x\")"  # neutralised


def test_indicator_definitions_travel_with_their_versions(store: Store, tmp_path: Path) -> None:
    """A changed unit makes version 2 (valid from the next period); an undone redefinition leaves no version."""
    changed = b"code,name,unit,polarity,source\nSCORE,Score,points,higher_better,Test office\n"
    api.ingest_bytes(store, changed, "ind2.csv", IngestOptions(kind=Kind.INDICATORS), user="secret-admin")
    again = b"code,name,unit,polarity,source,description\nPOP,People,persons,neutral,,Residents on 1 January\n"
    undone = api.ingest_bytes(store, again, "ind3.csv", IngestOptions(kind=Kind.INDICATORS), user="secret-admin")
    api.undo_batch(store, undone.result.batch_id, user="secret-admin")
    done = export_package(store, tmp_path / "out")
    versions = pd.read_csv(done.directory / "indicator_versions.csv", dtype=str, keep_default_na=False)
    assert versions[["indicator_code", "version", "valid_from", "unit"]].values.tolist() == [
        ["POP", "1", "", "persons"], ["SCORE", "1", "", "%"], ["SCORE", "2", "2024", "points"]]
    assert Package(str(done.directory / "datapackage.json")).validate().valid


def test_a_predicate_keeps_unpublished_values_out(store: Store, tmp_path: Path) -> None:
    """The publish predicate (issue 15's hook): values it refuses are not written."""
    done = export_package(store, tmp_path / "out", public=lambda v: v["indicator_code"] != "POP")
    assert set(pd.read_csv(done.directory / "values.csv")["indicator_code"]) == {"SCORE"}
    assert Package(str(done.directory / "datapackage.json")).validate().valid


def test_the_cli_writes_the_package(store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`export --to DIR` prints where and how many rows of each table."""
    db = store.path
    store.close()
    assert main(["export", "--to", str(tmp_path / "pkg"), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"data package written to {tmp_path / 'pkg' / 'datapackage.json'}: 3 values, 2 indicators")
