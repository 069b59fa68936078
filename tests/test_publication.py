# ruff: noqa: F811 — the fixtures imported from test_member_accounts are parameters here
"""Issue 15.5: a data call's values are preliminary until the coordinator publishes the period; before that only
the network's accounts and admins read them, whatever the read (panel, periods, coverage, counts, catalogue,
open-data export, cached page calls). On the hand-built store of test_member_accounts: E1's member sends RATE
2024 = 41 for NET's open call.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_member_accounts import OWN, coordinator, db, job, load, member, run, store  # noqa: F401 — fixtures

from benchlearn.api import browse, coordination, data_calls, publication
from benchlearn.auth import Identity
from benchlearn.errors import PermissionDenied
from benchlearn.store import Store, open_store, reads
from benchlearn.store import catalogue as catalogue_rows
from benchlearn.store import open_data as export_rows
from benchlearn.store import publication as published

KEY = ("E1", "RATE", "2024")
ANALYST = Identity.issue("ana", "analyst", ())
ADMIN = Identity.issue("boss", "admin", ())


def send(store: Store, data: bytes = OWN) -> None:
    """The member's upload through the page's use cases."""
    preview = coordination.preview_upload(store, member(), job(data))
    coordination.commit_upload(store, member(), job(data), preview.base_batch, {})


def seen(store: Store, viewer: tuple) -> dict:
    """What each read shows of E1's RATE 2024 to `viewer`."""
    viewed = published.viewing(store, viewer)
    with viewed.cursor() as cur:
        panel = reads.panel(cur, ["RATE"], ["E1"], ["2024"])
        cross = reads.cross_section(cur, "RATE", "2024", ["E1"])
        coverage = catalogue_rows.stored_coverage(cur)
        exported = export_rows.public_table(cur, "values")
    rows = exported[(exported["entity_code"] == "E1") & (exported["period"] == "2024")]
    return {"panel": [(r.value, r.status) for r in panel.itertuples()],
            "cross": [(None if r.value != r.value else r.value, r.status) for r in cross.itertuples()],
            "periods": list(browse.periods(viewed)["period"]),
            "coverage": sorted(set(browse.coverage(viewed)["period"])),
            "observations": browse.summary(viewed)["observations"],
            "catalogue_last": coverage.set_index("indicator_code").loc["RATE", "last_period"],
            "export": [(r.value, r.status) for r in rows.itertuples()]}


HIDDEN = {"panel": [], "cross": [(None, "not_available")], "periods": ["2023"], "coverage": ["2023"],
          "observations": 5, "catalogue_last": "2023", "export": []}


def visible(status: str, value: float = 41.0) -> dict:
    """What a reader who may see the value sees."""
    return {"panel": [(value, status)], "cross": [(value, status)], "periods": ["2023", "2024"],
            "coverage": ["2023", "2024"], "observations": 6, "catalogue_last": "2024",
            "export": [(value, status)]}


def test_before_publication_only_the_networks_accounts_and_admins_see_the_value(store: Store) -> None:
    send(store)
    assert (seen(store, published.PUBLIC)) == HIDDEN
    assert (seen(store, publication.viewer_of(ANALYST))) == HIDDEN
    assert (seen(store, ("OTHER",))) == HIDDEN  # another network's coordinator
    for viewer in (("NET",), published.EVERYTHING):  # NET's member and coordinator; an admin
        assert (seen(store, viewer)) == visible("preliminary")


def test_publishing_shows_it_to_everyone_as_final_and_records_who(store: Store) -> None:
    send(store)
    version = browse.data_version(store)
    with pytest.raises(PermissionDenied):
        publication.publish(store, coordinator("other-coord"), "NET", "2024")
    done = publication.publish(store, coordinator("net-coord"), "NET", "2024")
    assert (done["released"], done["republished"]) == (1, False)
    assert browse.data_version(store) != version  # cached public reads are renewed
    assert (seen(store, published.PUBLIC)) == visible("final")
    # a correction waits for the next publication; the republication is recorded too
    send(store, OWN.replace(b"41", b"43"))
    assert (seen(store, published.PUBLIC)) == HIDDEN
    assert (seen(store, ("NET",))) == visible("preliminary", 43.0)
    again = publication.publish(store, ADMIN, "NET", "2024")
    assert again["republished"] and again["released"] == 1
    assert (seen(store, published.PUBLIC)) == visible("final", 43.0)
    rows = publication.publications(store, coordinator("net-coord"), "NET", "2024")
    assert list(rows["published_by"]) == ["net-coord", "boss"] and rows.attrs["pending"] == 0


def test_values_stored_before_the_call_opened_stay_public(store: Store) -> None:
    data_calls.open_as(store, "net-coord", "NET", "2023", ["RATE"], "2025-03-31")
    with store.cursor() as cur:
        assert list(reads.panel(cur, ["RATE"], ["E1"], ["2023"])["value"]) == [40.0]


def test_a_fresh_cursor_reads_as_the_public(store: Store) -> None:
    """A read that forgets the viewer fails closed."""
    send(store)
    with store.cursor() as cur:
        assert reads.panel(cur, ["RATE"], ["E1"], ["2024"]).empty


def test_cli_publish_prints_what_it_released(db: Path) -> None:  # noqa: F811
    opened = open_store(db)
    send(opened)
    opened.close()
    done = run("datacall", "publish", "--network", "NET", "--period", "2024", "--db", db)
    assert (done.returncode, done.stdout) == (
        0, f"data call NET 2024 published: values up to batch {_last_batch(db)} are public (1 were preliminary)\n")
    missing = run("datacall", "publish", "--network", "NET", "--period", "2031", "--db", db)
    assert missing.returncode == 1 and "Traceback" not in missing.stderr


def _last_batch(db: Path) -> int:
    opened = open_store(db)
    try:
        with opened.cursor() as cur:
            return int(cur.execute("SELECT max(id) FROM batch").fetchall()[0][0])
    finally:
        opened.close()


def test_the_period_before_skips_one_whose_only_values_are_hidden(store: Store) -> None:
    """reads.previous_period takes the latest key before the embargo (a shortcut): a period holding only hidden
    values must still be passed over for the public and found for the network."""
    send(store)  # E1's RATE 2024: under NET's call
    load(store, b"entity_code,indicator_code,period,value\nE1,RATE,2025,45\n")
    for viewer, before in ((published.PUBLIC, "2023"), (("NET",), "2024"), (published.EVERYTHING, "2024")):
        with published.viewing(store, viewer).cursor() as cur:
            assert reads.previous_period(cur, ["RATE"], "2025") == before, viewer
            assert reads.previous_period(cur, ["RATE"], "2024") == ("2023" if viewer != published.PUBLIC else None)
