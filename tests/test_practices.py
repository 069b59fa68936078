# ruff: noqa: F811 — the demo_location fixture imported from pg_demo is a parameter here
"""The good-practice library: recording (who may, and for whom), editing by the owner only, search in
English, Lithuanian and Latvian regardless of case and diacritics, the practices next to the numbers, and the
CSV import and export through the validated ingestion path (FILE:ROW:COLUMN problems, round trip, undo)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from benchlearn import api
from benchlearn.api import accounts, practices
from benchlearn.auth import Identity
from benchlearn.errors import InputError, PermissionDenied
from benchlearn.ingest import IngestOptions
from benchlearn.ingest.practice_form import PracticeInput, like_patterns
from benchlearn.model import PRACTICE_COLUMNS, Kind
from benchlearn.store import Store, open_store

NETWORK = "lt-municipalities"
INFANT = "INFANT_DEATHS_PER_1000_BIRTHS"
ROADS = "ROAD_ASPHALT_SHARE_TOTAL"
COORD = Identity.issue("coord", "coordinator", (NETWORK,))
OTHER = Identity.issue("other", "coordinator", (NETWORK,))
LATVIAN = Identity.issue("latvian", "coordinator", ("lv-municipalities",))
AKMENE = Identity.issue("akmene", "analyst", (), "LT-01")
READER = Identity.issue("reader", "analyst")
ADMIN = Identity.issue("admin", "admin")

LT_PRACTICE = PracticeInput(
    "LT-11", "Gatvių apšvietimo modernizavimas", "Senos lempos pakeistos LED šviestuvais.\nAntra eilutė.",
    (INFANT,), NETWORK, "info@joniskis.lt", ("https://www.joniskis.lt",), ("planas.pdf",), "2016 m.", "lt")
LV_PRACTICE = PracticeInput(
    "LV-011", "Ceļu seguma atjaunošana ar vietējiem uzņēmumiem", "Grants ceļi pārbūvēti pakāpeniski.",
    (ROADS,), "lv-municipalities", "dome@adazi.lv", (), (), "2023", "lv")
EN_PRACTICE = PracticeInput("LT-01", "Home visits for newborns",
                            body="Nurses visit every family in the first week.", language="en")


def add_users(store: Store) -> None:
    """The accounts the identities above stand for."""
    accounts.add_user(store, "coord", "coordinator-pass-1", "coordinator", [NETWORK])
    accounts.add_user(store, "other", "coordinator-pass-3", "coordinator", [NETWORK])
    accounts.add_user(store, "latvian", "coordinator-pass-2", "coordinator", ["lv-municipalities"])
    accounts.add_user(store, "akmene", "municipal-pass-1", "analyst", [], "LT-01")
    accounts.add_user(store, "reader", "analyst-pass-1", "analyst")
    accounts.add_user(store, "admin", "admin-password-1", "admin")


@pytest.fixture
def store(demo_location: str) -> Iterator[Store]:
    """A private copy of the demo store with the accounts."""
    opened = open_store(demo_location)
    add_users(opened)
    yield opened
    opened.close()


@pytest.fixture
def library(store: Store) -> dict[str, int]:
    """Three practices, in Lithuanian, Latvian and English, recorded by three different users."""
    return {"lt": practices.add(store, COORD, LT_PRACTICE), "lv": practices.add(store, LATVIAN, LV_PRACTICE),
            "en": practices.add(store, AKMENE, EN_PRACTICE)}


def titles(frame: pd.DataFrame) -> set[str]:
    """The titles of a result."""
    return set(frame["title"])


def practice_count(store: Store) -> int:
    """How many practices the store holds."""
    with store.cursor() as cur:
        return cur.execute("SELECT count(*) FROM practice").fetchall()[0][0]


# --- recording ----------------------------------------------------------------------------------------------

def test_a_practice_is_stored_as_written(store: Store, library: dict[str, int]) -> None:
    """Every field comes back; the period is normalised; the owner is who recorded it."""
    found = practices.get(store, library["lt"])
    assert found["title"] == LT_PRACTICE.title and found["body"] == LT_PRACTICE.body
    assert found["indicator_codes"] == INFANT and found["links"] == "https://www.joniskis.lt"
    assert found["started_period"] == "2016" and found["owner"] == "coord"
    assert found["entity_name"] == "Joniškio r. sav."
    assert "practice_added" in accounts.audit_log(store, 20, username="coord")["action"].tolist()


def test_every_problem_of_a_practice_is_listed_at_its_field(store: Store) -> None:
    """Nothing is written, and each rule names its field."""
    bad = PracticeInput("LT-11", " ", indicator_codes=("NOPE",), links=("javascript:alert(1)",),
                        started_period="sometime", language="de", network_code="lv-municipalities")
    with pytest.raises(InputError) as caught:
        practices.add(store, COORD, bad)
    found = {(p.column, p.code) for p in caught.value.problems}
    assert found == {("title", "required"), ("indicator_codes", "unknown_indicator"), ("links", "bad_link"),
                     ("started_period", "bad_period"), ("language", "bad_language"),
                     ("network_code", "unknown_network")}
    assert practice_count(store) == 0


def test_who_may_record_for_whom(store: Store) -> None:
    """Coordinators for their networks' members, municipality users for their municipality, admins for all;
    analysts without a municipality, and everyone logged out, not at all."""
    assert practices.add(store, COORD, PracticeInput("LT-30", "Kaimo bendruomenių dirbtuvės")) > 0
    assert practices.add(store, ADMIN, PracticeInput("LV-011", "Admin for anyone")) > 0
    for identity, entity in ((COORD, "LV-011"), (AKMENE, "LT-02"), (LATVIAN, "LT-01")):
        with pytest.raises(InputError) as caught:
            practices.add(store, identity, PracticeInput(entity, "Not mine"))
        assert caught.value.problems[0].code == "unknown_entity"
    for identity in (READER, None):
        with pytest.raises(PermissionDenied):
            practices.add(store, identity, PracticeInput("LT-01", "Read only"))
    assert practice_count(store) == 2


def test_a_coordinator_tags_only_own_networks(store: Store) -> None:
    """Networks the entity belongs to but the coordinator does not coordinate are refused."""
    with pytest.raises(InputError) as caught:
        practices.add(store, COORD, PracticeInput("LT-02", "City work",
                                                  network_code="lt-city-municipalities"))
    assert caught.value.problems[0].code == "unknown_network"
    assert practices.networks_for(store, AKMENE, "LT-01") == ["lt-district-municipalities", NETWORK]


# --- editing by the owner only ------------------------------------------------------------------------------

def test_only_the_owner_or_an_admin_edits(store: Store, library: dict[str, int]) -> None:
    """Another coordinator of the same network may not edit or delete; the owner and an admin may."""
    changed = PracticeInput("LT-11", "Gatvių apšvietimas LED", "Nauja versija.", (INFANT,), NETWORK)
    with pytest.raises(PermissionDenied):
        practices.update(store, OTHER, library["lt"], changed)
    with pytest.raises(PermissionDenied):
        practices.delete(store, AKMENE, library["lt"])
    assert "practice_refused" in accounts.audit_log(store, 20, username="other")["action"].tolist()
    assert practices.get(store, library["lt"])["title"] == LT_PRACTICE.title
    practices.update(store, COORD, library["lt"], changed)
    edited = practices.get(store, library["lt"])
    assert edited["title"] == "Gatvių apšvietimas LED" and edited["updated_at"] is not pd.NaT
    practices.update(store, ADMIN, library["en"], EN_PRACTICE)
    practices.delete(store, AKMENE, library["en"])
    assert practice_count(store) == 2
    assert set(practices.owned(store, COORD)["id"]) == {library["lt"]}
    assert len(practices.owned(store, ADMIN)) == 2


# --- search -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("query", "expected"), [
    ("APŠVIETIMO", {"lt"}), ("apsvietimo", {"lt"}), ("Gatviu apsviet", {"lt"}),  # Lithuanian
    ("ceļu seguma", {"lv"}), ("CELU SEGUMA", {"lv"}), ("uznemumiem", {"lv"}),  # Latvian
    ("newborns", {"en"}), ("NURSES visit", {"en"}),  # English
    ("kūdikiai", {"lt"}), ("zīdaiņi", {"lt"}), ("infant deaths", {"lt"}),  # indicator names, 3 languages
    ("Joniškio", {"lt"}), ("akmene", {"en"}),  # the municipality's name and aliases
    ("led", {"lt"}), ("planas.pdf", {"lt"}), ("adazi.lv", {"lv"}),
    ("apšvietimo ceļu", set()), ("%", set()), ("_", set()), ("", {"lt", "lv", "en"}),
])
def test_text_search_ignores_case_and_diacritics(store: Store, library: dict[str, int], query: str,
                                                 expected: set[str]) -> None:
    """Every word must occur; case and diacritics are ignored; LIKE's wildcards are plain characters."""
    found = set(practices.search(store, text=query)["id"])
    assert found == {library[k] for k in expected}


def test_filters(store: Store, library: dict[str, int]) -> None:
    """By network (tagged with it, or of one of its members), indicator, municipality and date."""
    assert set(practices.search(store, network=NETWORK)["id"]) == {library["lt"], library["en"]}
    assert set(practices.search(store, network="lv-municipalities")["id"]) == {library["lv"]}
    assert set(practices.search(store, indicators=(ROADS, "POP_TOTAL"))["id"]) == {library["lv"]}
    assert set(practices.search(store, entities=("LT-01", "LV-011"))["id"]) == {library["en"], library["lv"]}
    tomorrow = dt.date.today() + dt.timedelta(days=2)
    assert practices.search(store, since=tomorrow).empty
    assert len(practices.search(store, since=dt.date(2000, 1, 1), network=NETWORK, text="apsvietimo")) == 1


def test_like_patterns_escape_wildcards() -> None:
    """A query's % and _ match themselves only."""
    assert like_patterns("50% _x Ąžuolas") == ["%50\\%%", "%\\_x%", "%azuolas%"]


def test_practices_next_to_the_numbers(store: Store, library: dict[str, int]) -> None:
    """For a list of peers and an indicator: practices on that indicator first, general ones after, practices
    on other indicators left out."""
    general = practices.add(store, COORD, PracticeInput("LT-11", "Bendras gerosios praktikos aprašas"))
    other = practices.add(store, COORD, PracticeInput("LT-11", "Apie gyventojų skaičių", indicator_codes=(
        "POP_TOTAL",)))
    shown = practices.for_entities(store, ("LT-11", "LT-01"), INFANT)
    assert shown["id"].tolist()[:1] == [library["lt"]]
    assert set(shown["id"]) == {library["lt"], general, library["en"]} and other not in set(shown["id"])
    assert shown["on_indicator"].tolist() == [True, False, False]
    assert practices.for_entities(store, (), INFANT).empty


# --- CSV import and export ----------------------------------------------------------------------------------

def ingest(store: Store, data: bytes, user: str | None = "coord", network: str | None = NETWORK,
           name: str = "practices.csv") -> api.IngestOutcome:
    """Import a practices file through the validated ingestion path."""
    return api.ingest_bytes(store, data, name, IngestOptions(kind=Kind.PRACTICES, network=network), user=user)


def content(store: Store) -> pd.DataFrame:
    """Every practice in the import's columns, by id."""
    found = practices.search(store, limit=10_000).sort_values("id")
    return found[list(PRACTICE_COLUMNS)].reset_index(drop=True)


def test_csv_round_trip_into_another_store(store: Store, library: dict[str, int], demo_db: Path,
                                           tmp_path: Path) -> None:
    """An export imports into a fresh store as the same practices, ids included (owned by the uploader: a file
    cannot claim an author); read back into its own store it changes nothing; a formula-like title survives
    the spreadsheet neutralisation."""
    practices.add(store, COORD, PracticeInput("LT-30", "=HYPERLINK(\"http://x\")", "-2+3 as text", ()))
    exported = practices.export_csv(store)
    assert b"'=HYPERLINK" in exported  # neutralised for spreadsheets …
    fresh_path = tmp_path / "fresh.duckdb"
    shutil.copyfile(demo_db, fresh_path)
    fresh = open_store(fresh_path)
    add_users(fresh)
    try:
        outcome = ingest(fresh, exported, user="admin", network=None)
        assert (outcome.result.inserted, outcome.result.updated) == (4, 0)
        pd.testing.assert_frame_equal(content(fresh), content(store))  # … and restored on import
        assert practices.get(fresh, library["lt"])["owner"] == "admin"  # authorship is not taken from a file
    finally:
        fresh.close()
    again = ingest(store, exported, user="admin", network=None)
    assert again.result.changed_nothing and again.result.batch_id is None


def test_import_adds_updates_and_undoes(store: Store, library: dict[str, int]) -> None:
    """Rows without an id add practices (owned by the uploader); a row with the id of one's own practice
    updates it; undo of the batch puts everything back."""
    before = content(store)
    data = (f"id;savivaldybė;pavadinimas;rodikliai;nuorodos;metai\n"
            f"{library['lt']};LT-11;Apšvietimas (atnaujinta);{INFANT};https://a.lt|https://b.lt;2017\n"
            f";Akmenės r. sav.;Jaunimo centras;Mirę kūdikiai 1 000 gyvų gimusiųjų;;2024\n"
            ).encode("utf-8-sig")
    outcome = ingest(store, data)
    assert (outcome.result.inserted, outcome.result.updated, outcome.result.unchanged) == (1, 1, 0)
    assert practices.get(store, library["lt"])["links"] == "https://a.lt|https://b.lt"
    added = practices.search(store, text="jaunimo centras").iloc[0]
    assert (added["entity_code"], added["indicator_codes"], added["owner"]) == ("LT-01", INFANT, "coord")
    api.undo_batch(store, outcome.result.batch_id, "coord")
    pd.testing.assert_frame_equal(content(store), before)


def test_import_problems_are_located_and_nothing_is_written(store: Store, library: dict[str, int]) -> None:
    """Every bad cell is reported as FILE:ROW:COLUMN with what was expected; the store does not change."""
    data = (b"entity_code,title,indicator_codes,network_code,links,started_period,language,id\n"
            b"LT-11,Fine,,,,,,\n"
            b"Nowhere,,NOPE,lv-municipalities,ftp://x,soon,de,\n"
            b"LV-011,Latvian in a Lithuanian network,ROAD_ASPHALT_SHARE_TOTAL,,,,,0\n")
    before, batches = content(store), len(api.latest_batches(store, 100))
    with pytest.raises(InputError) as caught:
        ingest(store, data)
    assert caught.value.lines() == [
        'practices.csv:3:entity_code: "Nowhere" is not a known entity code or name (expected the code or '
        "name of an entity in the store)",
        "practices.csv:3:title: the title is empty (expected the practice's title)",
        'practices.csv:3:indicator_codes: "NOPE" is not a known indicator code or name (expected an '
        "indicator of the store)",
        'practices.csv:3:network_code: "lv-municipalities" is another network than lt-municipalities '
        "(expected lt-municipalities or empty)",
        'practices.csv:3:links: "ftp://x" is not a web address (expected an address starting with http:// '
        "or https://)",
        'practices.csv:3:started_period: "soon" is not a period (expected a year from 1800 to 2200 such as '
        "2023, a split year such as 2016-17 or a quarter such as 2024-Q2)",
        'practices.csv:3:language: "de" is not a language (expected en, lt or lv)',
        "practices.csv:4:entity_code: LV-011 Ādažu novads is not a member of network lt-municipalities "
        "(expected one of its 60 members)",
        "practices.csv:4:indicator_codes: ROAD_ASPHALT_SHARE_TOTAL Share of roads and streets with "
        "bituminous surface is not an indicator of network lt-municipalities (expected one of AREA_KM2, "
        "BIRTHS, BIRTHS_PER_1000, DEATHS, DEATHS_PER_1000, …)",
        'practices.csv:4:id: "0" is not a practice id (expected a whole number from 1 to 9007199254740991, or '
        "empty for a new practice)",
    ]
    pd.testing.assert_frame_equal(content(store), before)
    assert len(api.latest_batches(store, 100)) == batches


def test_import_may_not_change_other_peoples_or_networks_practices(store: Store,
                                                                   library: dict[str, int]) -> None:
    """Updating someone else's practice, or another network's, is refused at the row's id."""
    mine = f"id,entity_code,title\n{library['en']},LT-01,Taken over\n".encode()
    with pytest.raises(InputError) as caught:
        ingest(store, mine, user="other")
    assert caught.value.lines() == [
        f"practices.csv:2:id: practice {library['en']} was recorded by someone else (expected one of your "
        "practices, or an empty id to add one)"]
    latvian = f"id,entity_code,title\n{library['lv']},LT-01,Moved\n".encode()
    with pytest.raises(InputError) as caught:
        ingest(store, latvian, user="admin")
    assert caught.value.problems[0].code == "practice_other_network"
    assert ingest(store, mine, user="admin").result.updated == 1  # an admin may change anyone's
