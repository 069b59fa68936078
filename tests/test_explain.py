"""`explain` on a hand-computed case: the peers, exclusions, median, MAD score and sources (issue 16.1).

Six municipalities valued on SCORE in 2023 (higher is better), one confidential and one ended in 2020:
used 1.7 2.1 2.5 2.9 3.1 → median 2.5; |x − 2.5| = 0.8 0.4 0 0.4 0.6 → MAD 0.4; A05 (2.9): MAD score
(2.9 − 2.5) / 0.4 = 1, rank 2 of 5, percentile (4 − 1) × 100 / 4 = 75, band top. Four values came from
values_2023.csv (by ana), A06's from the later late.csv (by ben).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from benchlearn import api
from benchlearn.api.explain import explain
from benchlearn.api.screening import flag_key
from benchlearn.cli import main
from benchlearn.ingest import IngestOptions
from benchlearn.model import Kind
from benchlearn.store import Store, open_store

ENTITIES = b"""code,name,kind,country,valid_from,valid_to
A01,Alpha,municipality,LT,,
A02,Beta,municipality,LT,,
A03,Gamma,municipality,LT,,
A04,Delta,municipality,LT,,
A05,Epsilon,municipality,LT,,
A06,Zeta,municipality,LT,,
A07,Eta,municipality,LT,2000-01-01,2020-12-31
"""
INDICATORS = b"code,name,unit,polarity,source\nSCORE,Score,%,higher_better,Test office\n"
VALUES = b"""entity_code,indicator_code,period,value
A01,SCORE,2023,3.1
A02,SCORE,2023,2.5
A03,SCORE,2023,1.7
A04,SCORE,2023,\xe2\x80\xa6
A05,SCORE,2023,2.9
A07,SCORE,2019,4.0
"""
LATE = b"entity_code,indicator_code,period,value\nA06,SCORE,2023,2.1\n"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """The hand-computed store, written through the upload path (two values batches hold the 2023 values)."""
    opened = open_store(tmp_path / "explain.duckdb")
    api.ingest_bytes(opened, ENTITIES, "entities.csv", IngestOptions(kind=Kind.ENTITIES))
    api.ingest_bytes(opened, INDICATORS, "indicators.csv", IngestOptions(kind=Kind.INDICATORS))
    api.ingest_bytes(opened, VALUES, "values_2023.csv", IngestOptions(kind=Kind.VALUES), user="ana")
    api.ingest_bytes(opened, LATE, "late.csv", IngestOptions(kind=Kind.VALUES), user="ben")
    yield opened
    opened.close()


def test_explain_gives_the_hand_computed_figures(store: Store) -> None:
    """Peers, exclusions with reasons, n, median, MAD, MAD score, rank, percentile, band, formulas."""
    found = explain(store, "A05", "SCORE", "2023", "country:LT")
    assert (found["value"], found["status"]) == (2.9, "final")
    assert found["peers"] == [{"entity_code": c, "value": v, "status": "final"}
                              for c, v in [("A01", 3.1), ("A02", 2.5), ("A03", 1.7), ("A05", 2.9), ("A06", 2.1)]]
    assert found["excluded"] == [
        {"entity_code": "A04", "reason": "no value (status: confidential)", "kind": "missing",
         "status": "confidential"},
        {"entity_code": "A07", "reason": "not valid in 2023 (merged or not yet created)", "kind": "not_valid",
         "status": None}]
    assert (found["n"], found["median"], found["rank"], found["percentile"], found["band"]) == (5, 2.5, 2, 75.0,
                                                                                              "top")
    assert found["mad"] == pytest.approx(0.4) and found["mad_score"] == pytest.approx(1.0)
    assert found["formulas"]["mad_score"] == "(2.9 − 2.5) / 0.4 = 1"
    assert found["formulas"]["median"] == "median of the 5 peer values (1.7, 2.1, 2.5, 2.9, 3.1) = 2.5"
    assert found["formulas"]["percentile"].startswith("(4 − 1) × 100 / (5 − 1) = 75")


def test_explain_names_the_batch_of_each_value_used(store: Store) -> None:
    """One batch wrote four of the values used, a later one the fifth; each with its file, user and sha256."""
    sources = explain(store, "A05", "SCORE", "2023", "country:LT")["sources"]
    assert [(s["file_name"], s["user"], s["sha256"], s["entity_codes"]) for s in sources] == [
        ("values_2023.csv", "ana", hashlib.sha256(VALUES).hexdigest(), ["A01", "A02", "A03", "A05"]),
        ("late.csv", "ben", hashlib.sha256(LATE).hexdigest(), ["A06"])]
    assert sources[0]["batch_id"] < sources[1]["batch_id"] and sources[0]["committed_at"]


def _run(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> dict:
    assert main([*argv, "--db", str(db)]) == 0
    return json.loads(capsys.readouterr().out)


def test_explain_shows_the_reason_kept_with_a_flagged_value(store: Store) -> None:
    """A value confirmed at upload despite a screening flag carries its reason into the explanation."""
    api.ingest_bytes(store, b"entity_code,indicator_code,period,value\nA05,SCORE,2022,2.9\n", "y2022.csv",
                     IngestOptions(kind=Kind.VALUES))
    slip = b"entity_code,indicator_code,period,value\nA05,SCORE,2023,2900\n"
    preview = api.ingest_bytes(store, slip, "slip.csv", IngestOptions(kind=Kind.VALUES), dry_run=True)
    assert len(preview.screening)
    reasons = {flag_key(f): "new method: per mille" for f in preview.screening.to_dict("records")}
    api.ingest_bytes(store, slip, "slip.csv", IngestOptions(kind=Kind.VALUES), confirmations=reasons)
    found = explain(store, "A05", "SCORE", "2023", "country:LT")
    assert (found["value"], found["note"]) == (2900.0, "new method: per mille")
    assert found["peer_notes"] == {"A05": "new method: per mille"}


def test_explain_is_exactly_compare(store: Store) -> None:
    """Every entity's explained figures are exactly (same floats) the compare table's row for the same peers."""
    result = api.compare_indicator(store, "SCORE", "2023", "country:LT")
    for row in result.table.to_dict("records"):
        got = explain(store, row["entity_code"], "SCORE", "2023", "country:LT")
        expected = [None if v != v or v is None or v is pd.NA else v for v in
                    (row["value"], row["rank"], row["percentile"], row["mad_score"])]
        assert [got["value"], got["rank"], got["percentile"], got["mad_score"]] == expected
        assert (got["n"], got["median"], got["mad"]) == (row["peer_n"], row["peer_median"], row["peer_mad"])


def test_the_cli_matches_compare(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    """`explain` and `compare` agree on the command line (compare's JSON prints 15 significant digits)."""
    db = store.path
    store.close()
    rows = _run(capsys, db, "compare", "--indicator", "SCORE", "--period", "2023", "--peers", "country:LT",
                "--format", "json")["rows"]
    assert len(rows) == 6
    for row in rows:
        got = _run(capsys, db, "explain", "--entity", row["entity_code"], "--indicator", "SCORE",
                   "--period", "2023", "--peers", "country:LT")
        close = pytest.approx((row["value"], row["rank"], row["percentile"], row["mad_score"], row["peer_n"],
                               row["peer_median"], row["peer_mad"]), rel=1e-14)
        if row["value"] is None:
            assert (got["value"], got["rank"], got["mad_score"], got["band"]) == (None, None, None, None)
        else:
            assert (got["value"], got["rank"], got["percentile"], got["mad_score"], got["n"], got["median"],
                    got["mad"]) == close
            assert got["band"] == row["band"]


def test_the_text_format_reads_as_an_explanation(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    """The text form states the value, the MAD score formula, the peers, what was left out and the files."""
    db = store.path
    store.close()
    assert main(["explain", "--entity", "A05", "--indicator", "SCORE", "--period", "2023", "--peers",
                 "country:LT", "--format", "text", "--db", str(db)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("A05: SCORE in 2023 = 2.9 % (final)\n")
    for line in ("  mad_score: (2.9 − 2.5) / 0.4 = 1", "  A06: 2.1 (final)", "  A04: no value (status: confidential)",
                 ": late.csv by ben at "):
        assert line in text


def test_an_unknown_entity_is_one_clear_line(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown code exits 1 with one line, no traceback."""
    db = store.path
    store.close()
    assert main(["explain", "--entity", "ZZ9", "--indicator", "SCORE", "--period", "2023", "--db", str(db)]) == 1
    assert capsys.readouterr().err == "error: there is no entity 'ZZ9'\n"
