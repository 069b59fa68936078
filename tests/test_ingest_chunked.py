"""A values file larger than one chunk (issue 13.4) is read, checked and staged chunk by chunk in one transaction:
the stored values, history, undo and every message are those of the same file read whole.

The chunk size is an IngestOptions field (BENCHLEARN_CHUNK_BYTES for a subprocess): 1 KB here, so a file of a
few hundred rows spans many chunks."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchlearn.api import bulk, ingest_path, undo_batch
from benchlearn.errors import InputError
from benchlearn.ingest import IngestOptions
from benchlearn.ingest.chunked import Streamed
from benchlearn.model import Kind
from benchlearn.store import observations, open_store

REF = Path(__file__).parent / "data" / "ref"
HEAD = "entity_code,indicator_code,period,value\n"
CHUNKED = IngestOptions(chunk_bytes=1024)
WHOLE = IngestOptions()
ENTITIES = ["LT-01", "LT-02", "LT-03", "LT-04", "LT-05"]
YEARS = range(1960, 2025)


def long_file(change: dict[tuple[str, str, int], str] | None = None, extra: str = "") -> str:
    """POP and BIRTHS of five entities over 65 years (650 rows, ~14 KB): value = year × 10 + entity number."""
    change = change or {}
    lines = [HEAD]
    for indicator in ("POP", "BIRTHS"):
        for year in YEARS:
            for n, entity in enumerate(ENTITIES, start=1):
                lines.append(f"{entity},{indicator},{year},{change.get((entity, indicator, year), year * 10 + n)}\n")
    return "".join(lines) + extra


@pytest.fixture(autouse=True, params=["staged", "direct"])
def direct(request, monkeypatch) -> list[int]:  # noqa: ANN001
    """Each test twice. Files this small are staged whole, as their new rows are screened (and so need their
    file rows); with the screening limit at 0, as for a national file, the rows of indicators the store holds
    no value of go straight into `observation`: the rows written so, chunk by chunk."""
    written: list[int] = []
    if request.param == "direct":
        monkeypatch.setattr(bulk, "MAX_SCREENED", 0)
        append = observations.append

        def counted(cur, table, batch_id) -> None:  # noqa: ANN001
            written.append(table.num_rows)
            append(cur, table, batch_id)
        monkeypatch.setattr(observations, "append", counted)
    return written


@pytest.fixture
def store(store_location: str):  # noqa: ANN201
    """A real store with the test reference's entities and indicators (a file, then a PostgreSQL database)."""
    opened = open_store(store_location)
    ingest_path(opened, REF / "entities.csv", IngestOptions(kind=Kind.ENTITIES))
    ingest_path(opened, REF / "indicators.csv", IngestOptions(kind=Kind.INDICATORS))
    yield opened
    opened.close()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def held(store) -> list[tuple]:  # noqa: ANN001
    with store.cursor() as cur:
        return cur.execute("SELECT entity_code, indicator_code, period, period_key, value, status, batch_id "
                           "FROM observation ORDER BY 1, 2, 3, 4, 5, 6, 7").fetchall()


def history(store) -> list[tuple]:  # noqa: ANN001
    with store.cursor() as cur:
        return cur.execute("SELECT entity_code, indicator_code, period, value, batch_id, replaced_by, reason "
                           "FROM observation_history ORDER BY 1, 2, 3, 4, 5, 6, 7").fetchall()


def counts(store) -> tuple[int, int]:  # noqa: ANN001
    with store.cursor() as cur:
        return cur.execute("SELECT (SELECT count(*) FROM observation), (SELECT count(*) FROM batch "
                           "WHERE kind = 'values')").fetchall()[0]


def refusal(store, path: Path, options: IngestOptions) -> InputError:  # noqa: ANN001
    with pytest.raises(InputError) as caught:
        ingest_path(store, path, options)
    return caught.value


def test_a_file_of_many_chunks_stores_exact_values_history_and_undoes(store, tmp_path: Path, direct) -> None:  # noqa: ANN001
    first = write(tmp_path, "v1.csv", long_file())
    assert bulk.chunked(first, CHUNKED) and first.stat().st_size > 10 * 1024
    one = ingest_path(store, first, CHUNKED)
    assert (sum(direct), len(direct) > 1) in ((0, False), (650, True))  # direct: chunk by chunk
    assert isinstance(one.parsed, Streamed)
    assert (one.result.rows_in, one.result.inserted, one.result.updated, one.result.unchanged) == (650, 650, 0, 0)
    b1 = one.result.batch_id
    expected = sorted((e, i, str(y), float(y), float(y * 10 + n), "final", b1) for i in ("POP", "BIRTHS")
                      for y in YEARS for n, e in enumerate(ENTITIES, start=1))
    assert held(store) == expected
    # a revision in the first and the last chunk, and a new period: history and undo as for any upload
    changed = {("LT-01", "POP", 1960): "1", ("LT-05", "BIRTHS", 2024): "2"}
    second = write(tmp_path, "v2.csv", long_file(changed, extra="LT-03,POP,2025,7\n"))
    two = ingest_path(store, second, CHUNKED)
    assert (two.result.inserted, two.result.updated, two.result.unchanged) == (1, 2, 648)
    b2 = two.result.batch_id
    assert sorted(two.diff[["entity_code", "indicator_code", "period", "new_value", "change"]]
                  .itertuples(index=False, name=None)) == [
        ("LT-01", "POP", "1960", 1.0, "changed"), ("LT-03", "POP", "2025", 7.0, "new"),
        ("LT-05", "BIRTHS", "2024", 2.0, "changed")]
    assert history(store) == [("LT-01", "POP", "1960", 19601.0, b1, b2, "replaced"),
                              ("LT-05", "BIRTHS", "2024", 20245.0, b1, b2, "replaced")]
    now = {(e, i, p): (v, b) for e, i, p, _, v, _, b in held(store)}
    assert now[("LT-01", "POP", "1960")] == (1.0, b2) and now[("LT-05", "BIRTHS", "2024")] == (2.0, b2)
    assert now[("LT-03", "POP", "2025")] == (7.0, b2) and len(now) == 651
    # the same file again: nothing written
    again = ingest_path(store, second, CHUNKED)
    assert again.result.batch_id is None and again.result.unchanged == 651
    assert undo_batch(store, b2) == f"undid batch {b2}: 2 values restored, 1 removed"
    assert held(store) == expected
    assert undo_batch(store, b1) == f"undid batch {b1}: 0 values restored, 650 removed"
    assert held(store) == []


def test_the_chunked_load_stores_what_the_whole_file_load_stores(tmp_path: Path) -> None:
    """Quoted cells, a blank line, CRLF line ends, a BOM and a decimal comma: the same rows either way."""
    rows = [f'"{e}","{i}","{y}","{y},{n}"' for i in ("POP", "BIRTHS") for y in YEARS
            for n, e in enumerate(ENTITIES, start=1)]
    text = "\ufeff" + '"entity_code","indicator_code","period","value"\r\n' + "\r\n".join(rows[:300]) + \
        "\r\n\r\n" + "\r\n".join(rows[300:]) + "\r\n"
    path = tmp_path / "quoted.csv"
    path.write_bytes(text.encode("utf-8"))
    found = []
    for options in (CHUNKED, WHOLE):
        store = open_store(tmp_path / f"{options.chunk_bytes}.duckdb")
        ingest_path(store, REF / "entities.csv", IngestOptions(kind=Kind.ENTITIES))
        ingest_path(store, REF / "indicators.csv", IngestOptions(kind=Kind.INDICATORS))
        outcome = ingest_path(store, path, options)
        found.append((held(store), outcome.result.rows_in, outcome.parsed.dialect, outcome.result.sha256))
        store.close()
    assert found[0] == found[1] and found[0][1] == 650 and found[0][2].decimal == ","


def test_a_key_repeated_in_two_chunks_is_refused_naming_both_rows(store, tmp_path: Path) -> None:  # noqa: ANN001
    path = write(tmp_path, "twice.csv", long_file(extra="LT-01,POP,1960,5\n"))
    problems = refusal(store, path, CHUNKED).problems
    assert [(p.code, p.row, p.column, p.value) for p in problems] == [("duplicate_key", 652, "value", '"5"')]
    params = dict(problems[0].params)
    assert params["other_row"] == "2" and params["key"] == "LT-01 / POP / 1960"
    assert params["here"] == '"5"' and params["there"] == '"19601"'
    assert counts(store) == (0, 0)
    assert [str(p) for p in problems] == [str(p) for p in refusal(store, path, WHOLE).problems]


def test_an_identical_row_repeated_in_another_chunk_loads_once_with_a_warning(store, tmp_path: Path) -> None:  # noqa: ANN001
    path = write(tmp_path, "same.csv", long_file(extra="LT-01,POP,1960,19601\n"))
    outcome = ingest_path(store, path, CHUNKED)
    assert outcome.result.inserted == 650 and counts(store)[0] == 650
    assert [(w.code, w.row, dict(w.params)["other_row"]) for w in outcome.parsed.warnings] == [
        ("duplicate_row", 652, "2")]
    assert outcome.parsed.warning_count == 1


def test_a_problem_in_the_last_chunk_writes_nothing(store, tmp_path: Path) -> None:  # noqa: ANN001
    path = write(tmp_path, "last.csv", long_file(extra="LT-02,POP,2025,12x\n"))
    error = refusal(store, path, CHUNKED)
    assert [(p.code, p.row, p.column, p.value) for p in error.problems] == [("not_a_number", 652, "value", "12x")]
    assert counts(store) == (0, 0)
    with store.cursor() as cur:  # the staging table went with the rolled-back transaction
        assert cur.execute("SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'stage%'"
                           ).fetchall() == [(0,)]


def test_problems_in_several_chunks_keep_their_file_rows(store, tmp_path: Path) -> None:  # noqa: ANN001
    """Rows as the whole-file read numbers them, past a quoted cell spanning lines and a blank line."""
    text = long_file({("LT-02", "POP", 1961): "x1", ("LT-04", "BIRTHS", 2020): "LT"})
    lines = text.splitlines(keepends=True)
    lines[0] = "entity_code,indicator_code,period,value,note\n"
    lines[1:] = [line.rstrip("\n") + ",\n" for line in lines[1:]]
    lines[3] = lines[3].rstrip("\n") + '"two\nlines"\n'
    lines.insert(200, "\n")
    path = write(tmp_path, "rows.csv", "".join(lines) + "LT-09,POP,2000,1,\n")
    chunked, whole = refusal(store, path, CHUNKED), refusal(store, path, WHOLE)
    assert [str(p) for p in chunked.problems] == [str(p) for p in whole.problems]
    assert [p.row for p in chunked.problems] == [8, 631, 653] and chunked.total == whole.total == 3
    assert counts(store) == (0, 0)


def test_a_frequency_mixed_across_chunks_is_refused_naming_the_first_row(store, tmp_path: Path) -> None:  # noqa: ANN001
    path = write(tmp_path, "mixed.csv", long_file(extra="LT-01,POP,2024-Q1,1\n"))
    chunked, whole = refusal(store, path, CHUNKED), refusal(store, path, WHOLE)
    assert [(p.code, p.row, dict(p.params)["other_row"]) for p in chunked.problems] == [("mixed_frequency", 652, "2")]
    assert [str(p) for p in chunked.problems] == [str(p) for p in whole.problems]
    assert counts(store) == (0, 0)


def test_stored_frequencies_are_asked_for_the_files_indicators_only(store) -> None:  # noqa: ANN001
    from benchlearn.api import ingest_bytes
    ingest_bytes(store, (HEAD + "LT-01,POP,2023,1\nLT-01,BIRTHS,2016-17,2\n").encode(), "a.csv")
    with store.cursor() as cur:
        assert observations.frequencies(cur, ["POP"]) == {"POP": "year"}
        assert observations.frequencies(cur) == {"POP": "year", "BIRTHS": "split"}
    lookup = bulk.StoredFrequencies(store)
    assert lookup(["BIRTHS", "URBAN_SHARE"]) == {"BIRTHS": "split"}


def test_new_and_stored_indicators_in_one_file(store, tmp_path: Path, direct, request) -> None:  # noqa: ANN001
    """POP stored before, BIRTHS new: BIRTHS written as it comes (when direct), POP compared; one batch."""
    pop = "".join(line for line in long_file().splitlines(keepends=True)[1:] if ",POP," in line)
    before = ingest_path(store, write(tmp_path, "pop.csv", HEAD + pop), CHUNKED).result.batch_id
    direct.clear()
    changed = {("LT-02", "POP", 1999): "3", ("LT-04", "BIRTHS", 2001): "4"}
    outcome = ingest_path(store, write(tmp_path, "both.csv", long_file(changed)), CHUNKED)
    assert (outcome.result.inserted, outcome.result.updated, outcome.result.unchanged) == (325, 1, 324)
    assert sum(direct) == (325 if request.node.callspec.params["direct"] == "direct" else 0)
    b = outcome.result.batch_id
    assert sorted(outcome.diff.loc[outcome.diff["change"] == "changed", ["entity_code", "period", "new_value"]]
                  .itertuples(index=False, name=None)) == [("LT-02", "1999", 3.0)]
    assert (outcome.diff["change"] == "new").sum() == 325
    assert history(store) == [("LT-02", "POP", "1999", 19992.0, before, b, "replaced")]
    now = {(e, i, p): (v, batch) for e, i, p, _, v, _, batch in held(store)}
    assert now[("LT-04", "BIRTHS", "2001")] == (4.0, b) and now[("LT-01", "POP", "1960")] == (19601.0, before)
    assert len(now) == 650 and outcome.parsed.rows == 650
