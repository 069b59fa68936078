"""Issue 11, point 1: a coordinator writes only inside their networks; shared metadata is an admin's.

Every attack of the adversarial probe, made as the coordinator of a Latvian network on the demo store —
rename Vilnius, end it with a successor, rewrite POP_TOTAL's name, unit and polarity and link it to one's
network, add Vilnius to one's network, add Rīga to Vilnius County's peer group, overwrite Vilnius's 2018
population — is refused (a) by the use cases directly and (b) through the upload page with crafted widget
state, and leaves the store as it was. A batch that writes another network's members × indicators shows in
that network's History, marked, and stays undoable only by its uploader (while still in their rights) or an
admin. Real demo store copies in tmp_path (conftest `app_db`), real pages through AppTest.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from benchlearn import ui
from benchlearn.api import accounts, administration, coordination, practices, targets, uploads
from benchlearn.api.targets import TargetInput
from benchlearn.auth import Identity
from benchlearn.errors import InputError, PermissionDenied
from benchlearn.ingest import IngestOptions
from benchlearn.ingest.practice_form import PracticeInput
from benchlearn.model import Kind
from benchlearn.store import Store

ROOT = Path(__file__).resolve().parents[1]
LV, LT, CITY = "lv-municipalities", "lt-municipalities", "lt-city-municipalities"
ATTACKER, ATTACKER_PW = "lv-coord", "lv-coordinator-1"
LT_COORD, LT_COORD_PW = "lt-coord", "lt-coordinator-1"
CITY_COORD, CITY_COORD_PW = "city-coord", "city-coordinator-1"
ADMIN, ADMIN_PW = "boss", "admin-password-1"
TIMEOUT = 30
VALUES_ATTACK = b"entity_code,indicator_code,period,value\nLT-57,POP_TOTAL,2018,1\n"
# a plausible revision (no screening flag to confirm): what a coordinator inside their rights may write
REVISION = b"entity_code,indicator_code,period,value\nLT-57,POP_TOTAL,2018,547490\n"

# (name, kind, the file, the network the attacker names)
METADATA_ATTACKS = [
    ("rename a municipality", Kind.ENTITIES,
     b"code,name,kind,country\nLT-57,Nebe Vilnius,municipality,LT\n", LV),
    ("end it and give it a successor", Kind.ENTITIES,
     b"code,name,kind,country,valid_to,successor_code\nLT-57,Vilniaus m. sav.,municipality,LT,2018-12-31,LT-58\n",
     LV),
    ("rewrite an indicator and link it to one's network", Kind.INDICATORS,
     b"code,name,unit,polarity\nPOP_TOTAL,Hacked population,m2,higher_better\n", LV),
    ("add Vilnius to one's own network", Kind.MEMBERS,
     b"group,entity_code,group_kind\nlv-municipalities,LT-57,network\n", LV),
    ("add Riga to a Lithuanian county's peer group", Kind.MEMBERS,
     b"group,entity_code,group_kind\nLT-VL,LV-RIX,peer_group\n", LV),
]
ATTACK_IDS = [a[0] for a in METADATA_ATTACKS]


# --- fixtures and helpers -----------------------------------------------------------------------------------

@pytest.fixture
def store(app_db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """The dashboard's own store on this test's demo copy, with an admin and three coordinators."""
    monkeypatch.setenv("BENCHLEARN_DB", str(app_db))
    st.cache_data.clear()
    st.cache_resource.clear()
    shared = ui.shared_store()
    accounts.add_user(shared, ADMIN, ADMIN_PW, "admin")
    accounts.add_user(shared, ATTACKER, ATTACKER_PW, "coordinator", [LV])
    accounts.add_user(shared, LT_COORD, LT_COORD_PW, "coordinator", [LT])
    accounts.add_user(shared, CITY_COORD, CITY_COORD_PW, "coordinator", [CITY])
    yield shared
    st.cache_resource.clear()
    shared.close()


def who(username: str, role: str = "coordinator", networks: tuple[str, ...] = ()) -> Identity:
    """A session identity (the use cases read the account's rights from the store, not from this)."""
    return Identity.issue(username, role, networks)


def attacker() -> Identity:
    """The Latvian coordinator's session."""
    return who(ATTACKER, networks=(LV,))


def job(data: bytes, kind: Kind, network: str | None, name: str = "attack.csv") -> coordination.Upload:
    """An upload as the form would build it."""
    return coordination.Upload(data, name, IngestOptions(kind=kind, network=network))


def snapshot(store: Store) -> dict[str, object]:
    """Everything the attacks aim at, and the number of batches."""
    queries = {
        "vilnius": "SELECT name, valid_to, successor_code FROM entity WHERE code = 'LT-57'",
        "pop_total": "SELECT name_en, unit, polarity FROM indicator WHERE code = 'POP_TOTAL'",
        "lv_links": "SELECT indicator_code FROM network_indicator WHERE network_code = 'lv-municipalities' "
                    "ORDER BY 1",
        "lv_members": "SELECT entity_code FROM network_member WHERE network_code = 'lv-municipalities' "
                      "ORDER BY 1",
        "county": "SELECT entity_code FROM peer_group_member WHERE group_code = 'LT-VL' ORDER BY 1",
        "population": "SELECT value FROM observation WHERE entity_code = 'LT-57' "
                      "AND indicator_code = 'POP_TOTAL' AND period = '2018'",
        "batches": "SELECT count(*) FROM batch",
    }
    with store.cursor() as cur:
        return {name: cur.execute(sql).fetchall() for name, sql in queries.items()}


def population_2018(store: Store) -> float:
    """Vilnius's stored population of 2018."""
    return snapshot(store)["population"][0][0]


def audit_actions(store: Store, username: str) -> list[str]:
    """The audit actions of one user, oldest first."""
    return accounts.audit_log(store, 1000, username=username)["action"].tolist()[::-1]


def admin_links_vilnius_to_lv(store: Store) -> int:
    """As an admin: Vilnius becomes a member of LV and POP_TOTAL is linked to it; return the members batch."""
    boss = who(ADMIN, "admin")
    members = coordination.commit_upload(store, boss, administration.members_upload(LV, ["LT-57"]), None)
    link = b"code,name,unit,polarity\nPOP_TOTAL,\"Resident population at beginning of year, total\",persons,neutral\n"
    coordination.commit_upload(store, boss, job(link, Kind.INDICATORS, LV), None)
    return members.result.batch_id


# --- (a) the use cases --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "kind", "data", "network"), METADATA_ATTACKS, ids=ATTACK_IDS)
def test_a_coordinator_cannot_change_shared_metadata(store: Store, name: str, kind: Kind, data: bytes,
                                                     network: str) -> None:
    """Preview and commit of a metadata kind refuse a coordinator (audited); the store is as it was."""
    before = snapshot(store)
    for attempt in (lambda: coordination.preview_upload(store, attacker(), job(data, kind, network)),
                    lambda: coordination.commit_upload(store, attacker(), job(data, kind, network), None)):
        with pytest.raises(PermissionDenied) as refused:
            attempt()
        assert refused.value.message.startswith(f"only an admin may upload {kind}")
    assert snapshot(store) == before
    assert audit_actions(store, ATTACKER)[-2:] == ["upload_refused", "upload_refused"]


@pytest.mark.parametrize(("name", "kind", "data", "network"), METADATA_ATTACKS, ids=ATTACK_IDS)
def test_the_same_files_are_an_admins_to_make(store: Store, name: str, kind: Kind, data: bytes,
                                              network: str) -> None:
    """The refusal is about who asks: each file is valid and an admin's commit writes it."""
    before = snapshot(store)
    outcome = coordination.commit_upload(store, who(ADMIN, "admin"), job(data, kind, network), None)
    assert outcome.result.batch_id is not None and snapshot(store) != before


def test_a_coordinator_cannot_overwrite_another_networks_value(store: Store) -> None:
    """Vilnius's 2018 population from a Latvian network: located problems on both cells, nothing written."""
    before = snapshot(store)
    for attempt in (lambda: coordination.preview_upload(store, attacker(), job(VALUES_ATTACK, Kind.VALUES, LV)),
                    lambda: coordination.commit_upload(store, attacker(), job(VALUES_ATTACK, Kind.VALUES, LV),
                                                       None)):
        with pytest.raises(InputError) as refused:
            attempt()
        located = [(p.file, p.row, p.code, p.value, p.expected) for p in refused.value.problems]
        assert [loc[:4] for loc in located] == [("attack.csv", 2, "entity_not_in_network", "LT-57"),
                                                ("attack.csv", 2, "indicator_not_in_network", "POP_TOTAL")]
        assert all(LV in expected for *_, expected in located)
    assert snapshot(store) == before and population_2018(store) == 547484


def test_the_probes_chain_is_refused_at_every_step(store: Store) -> None:
    """Link POP_TOTAL, add Vilnius, then overwrite its population: each step is refused, nothing changes."""
    before = snapshot(store)
    steps = [job(METADATA_ATTACKS[2][2], Kind.INDICATORS, LV), job(METADATA_ATTACKS[3][2], Kind.MEMBERS, LV),
             job(VALUES_ATTACK, Kind.VALUES, LV)]
    for step in steps:
        with pytest.raises((PermissionDenied, InputError)):
            coordination.commit_upload(store, attacker(), step, None)
    assert snapshot(store) == before


def test_a_coordinator_may_not_upload_without_a_network_or_for_anothers(store: Store) -> None:
    """No network (what an admin's file may have) and another network are refused before any row is read."""
    for network in (None, LT):
        with pytest.raises(PermissionDenied):
            coordination.commit_upload(store, attacker(), job(VALUES_ATTACK, Kind.VALUES, network), None)
    assert population_2018(store) == 547484


def test_a_membership_removed_after_validation_is_checked_again_in_the_write(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """The store's transaction checks every row against the network again: a member removed between the
    validation's snapshot and the write is not written past (the race is made by a stale reference)."""
    members_batch = admin_links_vilnius_to_lv(store)
    stale = uploads.reference(store, LV)  # what validation saw while Vilnius was a member
    coordination.undo(store, who(ADMIN, "admin"), members_batch)  # the admin takes Vilnius out again
    monkeypatch.setattr(uploads, "reference", lambda _store, _network: stale)
    with pytest.raises(InputError) as refused:
        coordination.commit_upload(store, attacker(), job(REVISION, Kind.VALUES, LV), None)
    assert [(p.row, p.column, p.code, p.value) for p in refused.value.problems] == [
        (2, "entity_code", "entity_not_in_network", "LT-57")]
    assert population_2018(store) == 547484


def test_inside_its_network_a_coordinators_value_is_written(store: Store) -> None:
    """Once an admin made Vilnius a member of LV and linked POP_TOTAL, the LV coordinator may write it."""
    admin_links_vilnius_to_lv(store)
    outcome = coordination.commit_upload(store, attacker(), job(REVISION, Kind.VALUES, LV), None)
    assert outcome.result.updated == 1 and population_2018(store) == 547490


# --- history across networks, and undo ----------------------------------------------------------------------

def city_overwrites_vilnius(store: Store) -> int:
    """The city network's coordinator writes Vilnius's 2018 population (Vilnius is in LT and CITY)."""
    data = b"entity_code,indicator_code,period,value\nLT-57,POP_TOTAL,2018,547485\n"
    outcome = coordination.commit_upload(store, who(CITY_COORD, networks=(CITY,)),
                                         job(data, Kind.VALUES, CITY, "city.csv"), None)
    return outcome.result.batch_id


def test_a_batch_touching_another_network_shows_in_its_history_marked(store: Store) -> None:
    """LT's coordinator sees the city network's batch (it wrote LT's member × indicator), marked; LV does not."""
    batch_id = city_overwrites_vilnius(store)
    seen = coordination.history(store, who(LT_COORD, networks=(LT,)))
    row = seen[seen["id"] == batch_id].iloc[0]
    assert bool(row["from_other_network"]) and row["network_code"] == CITY
    assert set(row["touched_networks"].split(", ")) == {LT, CITY}
    own = coordination.history(store, who(CITY_COORD, networks=(CITY,)))
    assert not bool(own[own["id"] == batch_id].iloc[0]["from_other_network"])
    assert batch_id not in coordination.history(store, attacker())["id"].tolist()
    changes = coordination.batch_changes(store, who(LT_COORD, networks=(LT,)), batch_id)
    assert changes[["entity_code", "old_value", "new_value"]].values.tolist() == [["LT-57", 547484, 547485]]


def test_undo_stays_with_the_batchs_own_network_and_admins(store: Store) -> None:
    """LT's coordinator sees the batch but may not undo it (audited); its uploader may."""
    batch_id = city_overwrites_vilnius(store)
    lt = who(LT_COORD, networks=(LT,))
    assert not coordination.may_undo(lt, coordination.batch(store, lt, batch_id))
    with pytest.raises(PermissionDenied):
        coordination.undo(store, lt, batch_id)
    assert audit_actions(store, LT_COORD)[-1] == "undo_refused" and population_2018(store) == 547485
    coordination.undo(store, who(CITY_COORD, networks=(CITY,)), batch_id)
    assert population_2018(store) == 547484


def test_an_undo_writes_only_inside_the_coordinators_network_now(store: Store) -> None:
    """Vilnius left LV after the LV coordinator's batch: their undo is refused; an admin's is not."""
    members_batch = admin_links_vilnius_to_lv(store)
    outcome = coordination.commit_upload(store, attacker(), job(REVISION, Kind.VALUES, LV), None)
    coordination.undo(store, who(ADMIN, "admin"), members_batch)
    with pytest.raises(PermissionDenied, match="no longer"):
        coordination.undo(store, attacker(), outcome.result.batch_id)
    assert population_2018(store) == 547490
    coordination.undo(store, who(ADMIN, "admin"), outcome.result.batch_id)
    assert population_2018(store) == 547484


def test_a_coordinator_may_not_undo_a_metadata_batch(store: Store) -> None:
    """Undoing shared metadata is an admin's change, as making it is."""
    assert not coordination.may_undo(attacker(), {"username": ATTACKER, "network_code": LV, "kind": "members"})
    assert coordination.may_undo(attacker(), {"username": ATTACKER, "network_code": LV, "kind": "values"})


# --- (b) end to end through the upload page -------------------------------------------------------------

def open_upload(username: str, password: str, lang: str | None = None) -> AppTest:
    """The dashboard on the upload page, logged in (in `lang` when given)."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT).run()
    at = at.switch_page("pages/upload.py").run()
    if lang:
        at = at.selectbox(key="url_lang").set_value(lang).run()
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(password)
    submit = next(b for b in at.button if (b.key or "").startswith("FormSubmitter:login_form"))
    return submit.click().run()


def choose_file(at: AppTest, data: bytes, name: str = "attack.csv") -> AppTest:
    """Choose a file in the upload form."""
    uploader = next(u for u in at.file_uploader if (u.key or "").startswith("upload_file"))
    return uploader.set_value((name, data, "text/csv")).run()


def test_the_upload_page_offers_coordinators_only_values_and_practices(store: Store) -> None:
    """A coordinator is offered values and practices; an admin every kind."""
    assert open_upload(ATTACKER, ATTACKER_PW).selectbox(key="upload_kind").options == [
        "Indicator values", "Good practices"]
    assert len(open_upload(ADMIN, ADMIN_PW).selectbox(key="upload_kind").options) == len(Kind)


@pytest.mark.parametrize(("name", "kind", "data", "network"), METADATA_ATTACKS, ids=ATTACK_IDS)
def test_a_forged_kind_in_the_widget_state_is_not_taken(store: Store, name: str, kind: Kind, data: bytes,
                                                        network: str) -> None:
    """The kind forged into the session state before the form exists: the form keeps to values, the file is
    judged as values and refused; nothing changes."""
    before = snapshot(store)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT).run()
    at = at.switch_page("pages/upload.py").run()
    at.session_state["upload_kind"] = kind.value
    at.text_input(key="login_username").input(ATTACKER)
    at.text_input(key="login_password").input(ATTACKER_PW)
    at = next(b for b in at.button if (b.key or "").startswith("FormSubmitter:login_form")).click().run()
    at = choose_file(at, data)
    assert not at.exception
    assert at.selectbox(key="upload_kind").value == Kind.VALUES
    assert not [b for b in at.button if b.key == "upload_commit"]
    assert snapshot(store) == before


@pytest.mark.parametrize(("name", "kind", "data", "network"), METADATA_ATTACKS, ids=ATTACK_IDS)
def test_a_metadata_kind_offered_by_a_bypassed_form_is_refused(store: Store, monkeypatch: pytest.MonkeyPatch,
                                                               name: str, kind: Kind, data: bytes,
                                                               network: str) -> None:
    """Even if the form offered every kind, the page's preview refuses it plainly; nothing is written."""
    before = snapshot(store)
    monkeypatch.setattr(coordination, "upload_kinds", lambda _store, _identity: list(Kind), raising=False)
    at = open_upload(ATTACKER, ATTACKER_PW)
    at = choose_file(at.selectbox(key="upload_kind").set_value(kind.value).run(), data)
    assert not at.exception
    assert len(at.error) == 1 and at.error[0].value.startswith("Only an administrator may upload ")
    assert not [b for b in at.button if b.key == "upload_commit"]
    assert snapshot(store) == before and audit_actions(store, ATTACKER)[-1] == "upload_refused"


@pytest.mark.parametrize(("lang", "start"), [("lt", "Tik administratorius gali įkelti"),
                                             ("lv", "Tikai administrators var augšupielādēt")])
def test_the_refusal_speaks_the_users_language(store: Store, monkeypatch: pytest.MonkeyPatch, lang: str,
                                               start: str) -> None:
    """The refusal of a metadata kind in Lithuanian and Latvian."""
    monkeypatch.setattr(coordination, "upload_kinds", lambda _store, _identity: list(Kind), raising=False)
    at = open_upload(ATTACKER, ATTACKER_PW, lang)
    at = choose_file(at.selectbox(key="upload_kind").set_value(Kind.ENTITIES.value).run(), METADATA_ATTACKS[0][2])
    assert len(at.error) == 1 and at.error[0].value.startswith(start)


def test_overwriting_vilnius_through_the_page_is_a_located_report(store: Store) -> None:
    """Through the page, the population attack is a validation report (row, column, value) and no commit."""
    at = choose_file(open_upload(ATTACKER, ATTACKER_PW), VALUES_ATTACK)
    assert not at.exception
    report = at.table[0].value
    assert report["Row"].tolist() == ["2", "2"] and report["Value"].tolist() == ["LT-57", "POP_TOTAL"]
    assert all(LV.replace("-", "\\-") in p or LV in p for p in report["Problem"])
    assert not [b for b in at.button if b.key == "upload_commit"]
    assert population_2018(store) == 547484


def test_the_history_page_shows_the_other_networks_batch_marked(store: Store) -> None:
    """On the History page of LT's coordinator, the city network's batch is listed and marked, with a note,
    and offers no undo."""
    batch_id = city_overwrites_vilnius(store)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT).run()
    at = at.switch_page("pages/history.py").run()
    at.text_input(key="login_username").input(LT_COORD)
    at.text_input(key="login_password").input(LT_COORD_PW)
    at = next(b for b in at.button if (b.key or "").startswith("FormSubmitter:login_form")).click().run()
    assert not at.exception
    ledger = next(d.value for d in at.dataframe if "SHA-256" in d.value.columns)
    row = ledger[ledger["No."] == batch_id].iloc[0]
    assert row["Origin"] == "made from another network" and row["Network"] == CITY
    assert any("made from another network" in c.value for c in at.caption)
    at = at.selectbox(key="history_batch").set_value(batch_id).run()
    assert not [b for b in at.button if (b.key or "").startswith("undo_")]


# --- practices and targets: the account now, not the session --------------------------------------------

def test_practices_and_targets_check_the_account_now(store: Store) -> None:
    """After an admin reset the coordinator's password, the open session records no practice and no target."""
    session = who(LT_COORD, networks=(LT,))
    accounts.set_password(store, LT_COORD, "a-brand-new-password-1", ADMIN)
    with pytest.raises(PermissionDenied):
        practices.add(store, session, PracticeInput(entity_code="LT-57", title="Open data portal"))
    with pytest.raises(PermissionDenied):
        targets.create(store, session, TargetInput(entity_code="LT-57", indicator_code="POP_TOTAL",
                                                   period="2030", value=600000))
    fresh = who(LT_COORD, networks=(LT,))  # a new login is a new session
    assert practices.add(store, fresh, PracticeInput(entity_code="LT-57", title="Open data portal")) > 0
