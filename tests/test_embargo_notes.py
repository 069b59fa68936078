# ruff: noqa: F811 — the fixtures imported from test_member_accounts are parameters here
"""Issue 15.4 × 15.5: a member's note on a value under a data call's embargo is as hidden as the value — from a
logged-out visitor, an analyst and another network's coordinator — wherever notes are read (the notes list, the
values beside a table, the explanation's notes, the note form's choices, a writer's check), until the period
is published. On the hand-built store of test_member_accounts: E1's member sends RATE 2024 = 41 for NET's open
call and notes it.
"""

from __future__ import annotations

import pytest
from test_member_accounts import coordinator, db, load, member, store  # noqa: F401 — fixtures
from test_publication import ADMIN, ANALYST, send

from benchlearn.api import publication, value_notes
from benchlearn.api.explain_sources import value_notes as explained_notes
from benchlearn.auth import Identity
from benchlearn.errors import InputError
from benchlearn.model import Kind
from benchlearn.store import Store

KEY = ("E1", "RATE", "2024")
NOTE = "Two new care homes opened in spring"
OLD = ("E1", "RATE", "2023")  # stored before the call: public all along
HIDDEN_FROM = {"logged out": None, "analyst": ANALYST,
               "another network's coordinator": Identity.issue("other-coord", "coordinator", ("OTHER",))}
SEEING = {"the member": member(), "its coordinator": Identity.issue("net-coord", "coordinator", ("NET",)),
          "an admin": ADMIN}


def noted(store: Store, identity: Identity | None) -> dict:
    """Every read of notes, as `identity` reads the store."""
    viewed = publication.viewing(store, identity)
    return {"shown": value_notes.shown(viewed, ("E1",))["period"].tolist(),
            "beside": value_notes.beside(viewed, "RATE", "2024", "en")["note"].tolist(),
            "explained": explained_notes(viewed, "RATE", "2024", ["E1", "E2"]),
            "noteable": value_notes.noteable(viewed, "E1", "2024")}


@pytest.fixture
def noted_store(store: Store) -> Store:
    """The store with the member's value under embargo and its note on it, and a note on a public value."""
    send(store)
    value_notes.write(store, member(), KEY, NOTE)
    value_notes.write(store, member(), OLD, "Counted by the new method")
    return store


@pytest.mark.parametrize("who", list(HIDDEN_FROM), ids=list(HIDDEN_FROM))
def test_a_note_on_an_embargoed_value_is_hidden_with_it(noted_store: Store, who: str) -> None:
    assert noted(noted_store, HIDDEN_FROM[who]) == {"shown": ["2023"], "beside": [], "explained": {},
                                                    "noteable": []}


@pytest.mark.parametrize("who", list(SEEING), ids=list(SEEING))
def test_the_networks_accounts_see_the_note_before_publication(noted_store: Store, who: str) -> None:
    assert noted(noted_store, SEEING[who]) == {"shown": ["2023", "2024"], "beside": [NOTE],
                                               "explained": {"E1": NOTE}, "noteable": ["RATE"]}


def test_after_publication_everyone_sees_the_note(noted_store: Store) -> None:
    publication.publish(noted_store, coordinator("net-coord"), "NET", "2024")
    for identity in HIDDEN_FROM.values():
        assert noted(noted_store, identity)["beside"] == [NOTE]


def test_a_writer_who_cannot_see_the_value_is_told_there_is_none(noted_store: Store) -> None:
    """When E1 also belongs to OTHER, OTHER's coordinator may write notes on E1's values, but the answer must
    not reveal a value under NET's embargo: refused as 'no value', as for a value that does not exist."""
    load(noted_store, b"network,entity_code,group_kind\nOTHER,E1,network\n", Kind.MEMBERS)
    other = HIDDEN_FROM["another network's coordinator"]
    with pytest.raises(InputError) as refused:
        value_notes.write(noted_store, other, KEY, "a guess")
    assert [p.code for p in refused.value.problems] == ["no_value"]
    assert value_notes.current(noted_store, KEY)["text"] == NOTE
    assert value_notes.write(noted_store, other, OLD, "seen from the other network") is True
