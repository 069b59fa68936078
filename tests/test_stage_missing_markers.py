"""A missing marker staged through Arrow is stored as NULL, never NaN (issue 16.2 follow-up): a NaN is a number
to SQL, so a derived ratio with a not-applicable part came out as a value of status 'final' instead of saying why
it has none. Every writer of Arrow rows is tried: a file read whole, and one read in chunks (issue 13.4) both into
a store without these indicators' values (written straight into observation) and over earlier values (staged)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchlearn.api import bulk, ingest_path
from benchlearn.ingest import IngestOptions
from benchlearn.model import Kind
from benchlearn.store import open_store, reads

REF = Path(__file__).parent / "data" / "ref"
ENTITIES = ("LT-01", "LT-02", "LT-03", "LT-04", "LT-05")
YEARS = range(1990, 2025)
#: the marked cells: (entity, indicator, year) → marker; BIRTH_RATE = BIRTHS / POP × 1 000 in the test reference
MARKED = {("LT-02", "BIRTHS", 2020): "x", ("LT-03", "POP", 2020): "x", ("LT-04", "BIRTHS", 2020): "…",
          ("LT-05", "BIRTHS", 2020): ".."}
#: what each marked entity's BIRTH_RATE of 2020 says instead of a value
EXPECTED = {"LT-02": "not_applicable", "LT-03": "not_applicable", "LT-04": "confidential",
            "LT-05": "not_available"}


def values_file(path: Path, marked: bool = True) -> Path:
    """POP and BIRTHS of five entities over 35 years (350 rows, ~9 KB), four cells of 2020 marked (or none)."""
    lines = ["entity_code,indicator_code,period,value\n"]
    for indicator, base in (("POP", 10_000), ("BIRTHS", 100)):
        for year in YEARS:
            for n, entity in enumerate(ENTITIES, start=1):
                cell = str(base + year - 1990 + n)
                cell = MARKED.get((entity, indicator, year), cell) if marked else cell
                lines.append(f"{entity},{indicator},{year},{cell}\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize(("options", "earlier"), [(IngestOptions(), False), (IngestOptions(chunk_bytes=1024), False),
                                                  (IngestOptions(chunk_bytes=1024), True)],
                         ids=["whole", "chunked", "chunked-revision"])
def test_a_ratio_with_a_marked_part_says_why_it_has_no_value(tmp_path: Path, options: IngestOptions,
                                                             earlier: bool) -> None:
    """The marked parts are stored as NULL with their status, and the derived rate of each marked entity is
    NULL with the status of its missing part; the unmarked entity keeps its computed, final rate."""
    store = open_store(tmp_path / "markers.duckdb")
    try:
        ingest_path(store, REF / "entities.csv", IngestOptions(kind=Kind.ENTITIES))
        ingest_path(store, REF / "indicators.csv", IngestOptions(kind=Kind.INDICATORS))
        if earlier:  # every value stored once already: the marked file revises them
            ingest_path(store, values_file(tmp_path / "earlier.csv", marked=False), options)
        path = values_file(tmp_path / "values.csv")
        assert bulk.chunked(path, options) == (options.chunk_bytes is not None)  # the path this case means
        ingest_path(store, path, options)
        with store.cursor() as cur:
            stored = cur.execute(
                "SELECT entity_code, indicator_code, value IS NULL, isnan(coalesce(value, 0)), status "
                "FROM observation WHERE period = '2020' AND status <> 'final' ORDER BY ALL").fetchall()
            rates = reads.panel(cur, ["BIRTH_RATE"], list(ENTITIES), ["2020"]).set_index("entity_code")
    finally:
        store.close()
    for entity, status in EXPECTED.items():
        assert rates.loc[entity, "status"] == status
        assert rates.loc[entity, "value"] != rates.loc[entity, "value"]  # NaN in pandas: NULL in the store
    assert rates.loc["LT-01", "status"] == "final"
    assert rates.loc["LT-01", "value"] == pytest.approx((100 + 30 + 1) / (10_000 + 30 + 1) * 1000)
    assert stored == sorted((e, i, True, False, EXPECTED[e]) for (e, i, _) in MARKED)
