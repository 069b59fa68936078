"""Time travel (issue 16.3): the store as of a batch or a date reproduces what was shown then, after later
revisions and undos, through the same reads (`compare`, `explain` on the command line and the api).

The story: values_2023.csv (batch 3, ana) and late.csv (4, ben) give the hand-computed SCORE of test_explain;
a revision (5) changes A05 2.9 → 3.3 and A01 3.1 → 1.5; a second revision (6) changes A03 1.7 → 3.5 and A05
3.3 → 3.4, and is then undone. Snapshots taken live after each step are what `--as-of` must give back.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from benchlearn import api
from benchlearn.api import changes as api_changes
from benchlearn.api import choices
from benchlearn.cli import main
from benchlearn.errors import NotFoundError, UsageError
from benchlearn.ingest import IngestOptions
from benchlearn.model import Kind
from benchlearn.store import Store, as_of, batches, open_store, peer_choices, reads

ENTITIES = b"""code,name,kind,country
A01,Alpha,municipality,LT
A02,Beta,municipality,LT
A03,Gamma,municipality,LT
A04,Delta,municipality,LT
A05,Epsilon,municipality,LT
A06,Zeta,municipality,LT
"""
INDICATORS = b"code,name,unit,polarity,source\nSCORE,Score,%,higher_better,Test office\n"
VALUES = b"entity_code,indicator_code,period,value\nA01,SCORE,2023,3.1\nA02,SCORE,2023,2.5\nA03,SCORE,2023,1.7\n" \
         b"A04,SCORE,2023,\xe2\x80\xa6\nA05,SCORE,2023,2.9\n"
LATE = b"entity_code,indicator_code,period,value\nA06,SCORE,2023,2.1\n"
REVISION = b"entity_code,indicator_code,period,value\nA05,SCORE,2023,3.3\nA01,SCORE,2023,1.5\n"
SECOND = b"entity_code,indicator_code,period,value\nA03,SCORE,2023,3.5\nA05,SCORE,2023,3.4\nA02,SCORE,2022,2.0\n"
COMPARE = ("compare", "--indicator", "SCORE", "--period", "2023", "--peers", "country:LT")
EXPLAIN = ("explain", "--entity", "A05", "--indicator", "SCORE", "--period", "2023", "--peers", "country:LT")


def _values(store: Store, name: str, data: bytes, user: str = "ana") -> int:
    api.ingest_bytes(store, data, name, IngestOptions(kind=Kind.VALUES), user=user)
    with store.cursor() as cur:
        return batches.last_batch_id(cur)


def _snapshot(store: Store) -> pd.DataFrame:
    with store.cursor() as cur:
        return reads.panel(cur, ["SCORE"])


def _cli(capsys: pytest.CaptureFixture[str], db: str, *argv: str) -> str:
    assert main([*argv, "--db", db]) == 0, capsys.readouterr().err
    return capsys.readouterr().out


@pytest.fixture
def story(store_location: str) -> Iterator[tuple[Store, dict]]:
    """The store after the whole story, and what was seen live after each step (batch id → snapshot); written
    on a file, then on a PostgreSQL database."""
    yield from _story(store_location)


@pytest.fixture(params=["duckdb", "postgresql"])
def told(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Store, dict]]:
    """The same story, written and read back on the DuckDB file and on a PostgreSQL database."""
    if request.param == "duckdb":
        yield from _story(tmp_path / "asof.duckdb")
        return
    yield from _story(request.getfixturevalue("pg_server").create_database())


def _story(path: Path | str) -> Iterator[tuple[Store, dict]]:
    store = open_store(path)
    api.ingest_bytes(store, ENTITIES, "entities.csv", IngestOptions(kind=Kind.ENTITIES))
    api.ingest_bytes(store, INDICATORS, "indicators.csv", IngestOptions(kind=Kind.INDICATORS))
    seen: dict = {}
    for name, data, user in [("values_2023.csv", VALUES, "ana"), ("late.csv", LATE, "ben"),
                             ("revision.csv", REVISION, "ana"), ("second.csv", SECOND, "ben")]:
        batch = _values(store, name, data, user)
        seen[batch] = _snapshot(store)
    seen["batches"] = sorted(k for k in seen if isinstance(k, int))
    api.undo_batch(store, seen["batches"][-1], "ben")
    seen["now"] = _snapshot(store)
    yield store, seen
    store.close()


def test_every_batch_is_reproduced_after_revisions_and_an_undo(told: tuple[Store, dict]) -> None:
    """As of each batch, the panel is exactly the one read live right after it (the undone one included)."""
    store, seen = told
    for batch in seen["batches"]:
        past = as_of.at(store, str(batch))
        pd.testing.assert_frame_equal(_snapshot(past), seen[batch])
    assert not seen["now"].equals(seen[seen["batches"][-1]])  # the undo did change the values
    pd.testing.assert_frame_equal(_snapshot(store), seen["now"])


def test_the_pickers_offer_what_had_values_then(story: tuple[Store, dict]) -> None:
    """As of the first values batch, A06 had no value yet (late.csv came next): its picker offers no indicator
    and the pickers' coverage does not list it; today both do."""
    store, seen = story
    past = as_of.at(store, str(seen["batches"][0]))
    with past.cursor() as cur:
        assert peer_choices.valued_indicators(cur, ["A06"]) == set()
    with store.cursor() as cur:
        assert peer_choices.valued_indicators(cur, ["A06"]) == {"SCORE"}
    assert "A06" not in choices.coverage(past).valued and "A06" in choices.coverage(store).valued


def test_undoing_a_middle_batch_is_reproduced_on_both_sides(story: tuple[Store, dict]) -> None:
    """Undo the first revision after the second was undone: before the undo it counts, after it does not."""
    store, seen = story
    first_revision = seen["batches"][2]
    api.undo_batch(store, first_revision, "ana")
    pd.testing.assert_frame_equal(_snapshot(as_of.at(store, str(first_revision))), seen[first_revision])
    pd.testing.assert_frame_equal(_snapshot(as_of.at(store, str(seen["batches"][-1]))), seen[seen["batches"][-1]])
    back = _snapshot(store).set_index("entity_code")["value"]
    assert (back["A05"], back["A01"]) == (2.9, 3.1)  # both revisions gone: the values of values_2023.csv


def test_compare_and_explain_as_of_reproduce_the_meeting_figures(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """The CLI's output as of batch N is byte for byte what it printed right after N (revision, then undo)."""
    store = open_store(tmp_path / "cli.duckdb")
    api.ingest_bytes(store, ENTITIES, "entities.csv", IngestOptions(kind=Kind.ENTITIES))
    api.ingest_bytes(store, INDICATORS, "indicators.csv", IngestOptions(kind=Kind.INDICATORS))
    _values(store, "values_2023.csv", VALUES)
    meeting = _values(store, "late.csv", LATE, "ben")
    db = store.path
    store.close()
    then = {cmd: _cli(capsys, db, *args, "--format", "json") for cmd, args in [("c", COMPARE), ("e", EXPLAIN)]}
    then_csv = _cli(capsys, db, *COMPARE)
    store = open_store(db)
    _values(store, "revision.csv", REVISION)
    second = _values(store, "second.csv", SECOND, "ben")
    store.close()
    at_second = {cmd: _cli(capsys, db, *args, "--format", "json") for cmd, args in [("c", COMPARE), ("e", EXPLAIN)]}
    store = open_store(db)
    api.undo_batch(store, second, "ben")
    store.close()
    assert _cli(capsys, db, *COMPARE) != then_csv  # the revision changed today's figures
    assert _cli(capsys, db, *COMPARE, "--as-of", str(meeting)) == then_csv
    for cmd, args in [("c", COMPARE), ("e", EXPLAIN)]:
        assert _cli(capsys, db, *args, "--format", "json", "--as-of", str(meeting)) == then[cmd]
        assert _cli(capsys, db, *args, "--format", "json", "--as-of", str(second)) == at_second[cmd]
    found = json.loads(at_second["e"])
    assert (found["value"], [s["file_name"] for s in found["sources"]]) == (3.4, ["values_2023.csv", "late.csv",
                                                                             "revision.csv", "second.csv"])
    now = json.loads(_cli(capsys, db, *EXPLAIN))
    assert (now["value"], now["rank"]) == (3.3, 1)


def _date(store: Store, batch: int, started: str, undone: str | None = None) -> None:
    # the story's events spread over days, as a real network's uploads are (a test runs within a second)
    with store.transaction() as cur:
        cur.execute("UPDATE batch SET started_at = ?, undone_at = ? WHERE id = ?",
                    [datetime.fromisoformat(started), undone and datetime.fromisoformat(undone), batch])


def test_reads_as_of_a_date(story: tuple[Store, dict]) -> None:
    """A day counts whole; a minute counts up to its end; an undo counts from its time on."""
    store, seen = story
    first, late, revision, second = seen["batches"]
    for batch, day in [(first, "2024-01-10T09:00"), (late, "2024-01-12T09:00"), (revision, "2024-02-10T09:00")]:
        _date(store, batch, day)
    _date(store, second, "2024-03-10T09:00", "2024-03-20T12:00")
    expected = [("2024-01-09", None), ("2024-01-10", first), ("2024-02-09T23:59", late), ("2024-03-10", second),
                ("2024-03-20T11:59", second), ("2024-03-20T12:00", "now"), ("2030-01-01", "now")]
    for text, batch in expected:
        got = _snapshot(as_of.at(store, text))
        if batch is None:
            assert got.empty, text
        else:
            pd.testing.assert_frame_equal(got, seen[batch], obj=text)


@pytest.mark.parametrize(("text", "error", "message"), [
    ("yesterday", UsageError, "--as-of must be a batch number, or a date YYYY-MM-DD[THH:MM]"),
    ("2024-02-30", UsageError, "--as-of: '2024-02-30' is not a date or time that exists"),
    ("999", NotFoundError, "there is no batch 999")])
def test_a_bad_as_of_is_one_clear_message(story: tuple[Store, dict], text: str, error: type,
                                         message: str) -> None:
    """Text that is neither a batch nor a date, an impossible date and an unknown batch are refused plainly."""
    with pytest.raises(error) as caught:
        as_of.at(story[0], text)
    assert caught.value.message.startswith(message)


def test_the_past_is_read_only(story: tuple[Store, dict]) -> None:
    """Writing through a store shown as of a batch is refused before anything is written."""
    store, seen = story
    with pytest.raises(UsageError), as_of.at(store, str(seen["batches"][0])).transaction():
        pass


def test_what_changed_lists_revisions_with_their_rank_effect(story: tuple[Store, dict],
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """From the meeting (late.csv) to now: the first revision's two values, old → new, by ana, ranks moved;
    the second revision was undone, so it is no change between these moments."""
    store, seen = story
    late = seen["batches"][1]
    db = store.path
    store.close()
    out = json.loads(_cli(capsys, db, "changes", "--from", str(late), "--peers", "country:LT", "--format", "json"))
    rows = [(r["entity_code"], r["change"], r["old_value"], r["new_value"], r["rank_before"], r["rank_after"],
             r["changed_by"], r["file_name"]) for r in out["rows"]]
    assert rows == [("A01", "revised", 3.1, 1.5, 1, 5, "ana", "revision.csv"),
                    ("A05", "revised", 2.9, 3.3, 2, 1, "ana", "revision.csv")]
    assert (out["from"]["batch_id"], out["to"]["as_given"]) == (late, "now")
    header = _cli(capsys, db, "changes", "--from", str(late)).splitlines()[0]
    assert header == ",".join(api_changes.COLUMNS)


def test_what_changed_names_an_undo_and_who_did_it(story: tuple[Store, dict]) -> None:
    """From the undone batch to now: its three values were taken away by ben's undo (one key disappears)."""
    store, seen = story
    second = seen["batches"][-1]
    found = api_changes.what_changed(store, str(second), None, "country:LT")
    table = found.table.set_index(["entity_code", "period"])
    assert list(table["change"]) == ["undone"] * 3 and set(table["changed_by"]) == {"ben"}
    assert (table.loc[("A03", "2023"), ["old_value", "new_value", "rank_before", "rank_after"]].tolist()
            == [3.5, 1.7, 1, 4])
    assert pd.isna(table.loc[("A02", "2022"), "new_value"]) and table.loc[("A02", "2022"), "old_value"] == 2.0
    assert set(table["batch_id"]) == {second} and set(table["file_name"]) == {"second.csv"}
    back = api_changes.what_changed(store, "now", str(second), "country:LT")  # moments in either order
    pd.testing.assert_frame_equal(back.table, found.table)
