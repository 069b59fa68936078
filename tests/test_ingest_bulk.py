"""The bulk path (issue 13.4) changes nothing a user sees: cells read dictionary-encoded and trimmed per distinct
text, trimming skipped only where no cell can need it, the store's diff joined in slices, an unchanged re-upload
written nowhere, and no primary key on observation (migration 8) while keys stay unique."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from ingest_ref import reference

from benchlearn.api import ingest_bytes, ingest_path
from benchlearn.errors import InputError
from benchlearn.ingest import IngestOptions, parse
from benchlearn.model import OBSERVATION_FRAME, Kind
from benchlearn.store import observations, open_store

REF = Path(__file__).parent / "data" / "ref"
HEAD = "entity_code,indicator_code,period,value\n"
CLEAN = HEAD + "LT-01,POP,2023,20468\nLT-02,POP,2023,51000\nLT-01,BIRTHS,2023,120\nLT-02,BIRTHS,2022,400\n"


def frame_of(text: str) -> pd.DataFrame:
    """The canonical frame a values file parses to."""
    return parse(text.encode("utf-8"), "f.csv", reference(), IngestOptions()).frame


@pytest.mark.parametrize("space", [" ", "\t", "\u00a0", "\u2009", "\u3000"])
def test_padded_codes_and_periods_parse_as_the_clean_file(space: str) -> None:
    """Every whitespace utf8_trim_whitespace trims, around codes that also appear unpadded (one code, two texts)."""
    padded = HEAD + (f"LT-01,POP,2023,20468\n{space}LT-02{space},POP,{space}2023,51000\n"
                     f"LT-01{space},BIRTHS{space},2023,{space}120\nLT-02,{space}BIRTHS,2022{space},400\n")
    pd.testing.assert_frame_equal(frame_of(padded), frame_of(CLEAN))


def test_the_frame_keeps_its_columns_and_types() -> None:
    frame = frame_of(CLEAN)
    assert list(frame.columns) == list(OBSERVATION_FRAME)
    assert frame["entity_code"].tolist() == ["LT-01", "LT-02", "LT-01", "LT-02"]
    assert frame["row"].tolist() == [2, 3, 4, 5] and str(frame["row"].dtype) == "int64"
    assert not isinstance(frame["entity_code"].dtype, pd.CategoricalDtype)


def test_blank_rows_between_data_rows_keep_every_row_number() -> None:
    """A row of empty cells is dropped; the problem after it names its spreadsheet row."""
    text = HEAD + "LT-01,POP,2023,1\n,,,\nLT-02,POP,2023,2\n , , , \nLT-99,POP,2023,3\n"
    with pytest.raises(InputError) as caught:
        parse(text.encode(), "f.csv", reference(), IngestOptions())
    assert len(caught.value.problems) == 1
    assert caught.value.problems[0].row == 6 and caught.value.problems[0].value == "LT-99"


def built(location: str | Path):  # noqa: ANN201
    """A real store with the test reference's entities and indicators."""
    opened = open_store(location)
    ingest_path(opened, REF / "entities.csv", IngestOptions(kind=Kind.ENTITIES))
    ingest_path(opened, REF / "indicators.csv", IngestOptions(kind=Kind.INDICATORS))
    return opened


@pytest.fixture
def store(store_location: str):  # noqa: ANN201
    """`built` on a file, then on a PostgreSQL database."""
    opened = built(store_location)
    yield opened
    opened.close()


@pytest.fixture
def file_store(tmp_path: Path):  # noqa: ANN201
    """`built` on a DuckDB file (migration 8 is the file's)."""
    opened = built(tmp_path / "bulk.duckdb")
    yield opened
    opened.close()


def held(store) -> list[tuple]:  # noqa: ANN001
    with store.cursor() as cur:
        return cur.execute("SELECT entity_code, indicator_code, period, value, batch_id FROM observation "
                           "ORDER BY 1, 2, 3, 4, 5").fetchall()


def test_diff_in_slices_counts_and_writes_as_one_join(store, monkeypatch) -> None:  # noqa: ANN001
    """With one indicator per slice: new, changed and unchanged rows across slices, history kept."""
    monkeypatch.setattr(observations, "JOIN_ROWS", 1)
    first = ingest_bytes(store, CLEAN.encode(), "a.csv").result
    assert (first.inserted, first.updated, first.unchanged) == (4, 0, 0)
    again = HEAD + "LT-01,POP,2023,20468\nLT-02,POP,2023,51001\nLT-01,BIRTHS,2023,120\nLT-03,BIRTHS,2023,7\n"
    second = ingest_bytes(store, again.encode(), "b.csv").result
    assert (second.inserted, second.updated, second.unchanged) == (1, 1, 2)
    b1, b2 = first.batch_id, second.batch_id
    assert held(store) == [("LT-01", "BIRTHS", "2023", 120.0, b1), ("LT-01", "POP", "2023", 20468.0, b1),
                           ("LT-02", "BIRTHS", "2022", 400.0, b1), ("LT-02", "POP", "2023", 51001.0, b2),
                           ("LT-03", "BIRTHS", "2023", 7.0, b2)]
    with store.cursor() as cur:
        assert cur.execute("SELECT entity_code, value, replaced_by FROM observation_history").fetchall() == [
            ("LT-02", 51000.0, b2)]


def test_an_unchanged_re_upload_writes_no_batch_and_no_row(store) -> None:  # noqa: ANN001
    ingest_bytes(store, CLEAN.encode(), "a.csv")
    before = held(store)
    outcome = ingest_bytes(store, CLEAN.encode(), "a.csv")
    assert outcome.result.batch_id is None and outcome.result.unchanged == 4 and outcome.diff.empty
    assert list(outcome.diff.columns) == ["entity_code", "indicator_code", "period", "old_value", "old_status",
                                          "new_value", "new_status", "change"]
    assert held(store) == before


def test_a_first_load_previews_its_rows_as_new(store) -> None:  # noqa: ANN001
    outcome = ingest_bytes(store, CLEAN.encode(), "a.csv", dry_run=True)
    assert outcome.diff["change"].tolist() == ["new"] * 4 and held(store) == []
    assert outcome.diff[["indicator_code", "period", "entity_code"]].values.tolist() == [
        ["BIRTHS", "2022", "LT-02"], ["BIRTHS", "2023", "LT-01"], ["POP", "2023", "LT-01"], ["POP", "2023", "LT-02"]]


def test_observation_has_no_index_and_keys_stay_unique(file_store) -> None:  # noqa: ANN001
    store = file_store
    for name in ("a.csv", "b.csv", "c.csv"):
        ingest_bytes(store, (HEAD + f"LT-01,POP,2023,{len(name) + ord(name[0])}\n").encode(), name)
    with store.cursor() as cur:
        constraints = cur.execute("SELECT constraint_type FROM duckdb_constraints() WHERE table_name = "
                                  "'observation' AND constraint_type IN ('PRIMARY KEY', 'UNIQUE')").fetchall()
        indexes = cur.execute("SELECT index_name FROM duckdb_indexes() WHERE table_name = 'observation'").fetchall()
        assert constraints == [] and indexes == []
        assert cur.execute("SELECT count(*) FROM observation").fetchall()[0][0] == 1
