# ruff: noqa: F811 — the demo_location fixture imported from pg_demo is a parameter here
"""The improvement-action register (issue 15.6): record, change, move through states and delete an action with a
field-by-field trail; who may; bad input refused at its field; and the follow-up the next meeting opens with
(value at the action's period vs the latest, improved by polarity, the supported target's status)."""

from __future__ import annotations

import datetime as dt

import pytest

from benchlearn.api import accounts, actions, targets
from benchlearn.api.actions import ActionInput
from benchlearn.api.targets import TargetInput
from benchlearn.auth import Identity
from benchlearn.errors import InputError, NotFoundError, PermissionDenied
from benchlearn.store import Store, open_store

NETWORK = "lt-municipalities"
INFANT = "INFANT_DEATHS_PER_1000_BIRTHS"  # lower is better; a ratio of two stored values
COORD = Identity.issue("act-coord", "coordinator", (NETWORK,))
ADMIN = Identity.issue("act-admin", "admin")


@pytest.fixture
def store(demo_location: str) -> Store:
    """The demo copy with an admin, a coordinator of the Lithuanian network, one of a Latvian network and an
    analyst."""
    opened = open_store(demo_location)
    accounts.add_user(opened, ADMIN.username, "admin-pass-123", "admin")
    accounts.add_user(opened, COORD.username, "coordinator-pass-9", "coordinator", [NETWORK])
    accounts.add_user(opened, "act-lv", "coordinator-pass-9", "coordinator", ["lv-municipalities"])
    accounts.add_user(opened, "act-reader", "analyst-pass-123", "analyst")
    yield opened
    opened.close()


def query(store: Store, sql: str, params: list | None = None) -> list[tuple]:
    """Rows of a read on the test's store."""
    with store.cursor() as cur:
        return cur.execute(sql, params or []).fetchall()


def wanted(**changes: object) -> ActionInput:
    """LT-13's action on infant deaths seen at the 2015 meeting, with `changes`."""
    base = {"entity_code": "LT-13", "indicator_code": INFANT, "period": "2015", "network_code": NETWORK,
            "gap": "twice the network median", "peer_code": "LT-11", "action": "Home visits by nurses",
            "owner": "Public health office", "due": "2016-12-31"}
    return ActionInput(**(base | changes))


def test_record_change_move_and_delete_with_a_trail(store: Store) -> None:
    """Created planned; a change of owner and due date and each state move are trail rows (who, old → new);
    an unchanged save adds nothing; delete keeps the trail; everything audited."""
    action_id = actions.create(store, COORD, wanted())
    found = actions.get(store, action_id)
    assert (found["state"], found["peer_code"], found["due"].date(), found["created_by"]) == (
        "planned", "LT-11", dt.date(2016, 12, 31), COORD.username)
    assert isinstance(found["peer_name"], str) and found["peer_name"]
    assert actions.update(store, ADMIN, action_id, wanted(owner="Mayor's office", due=dt.date(2017, 3, 1))) == [
        "owner", "due"]
    assert actions.update(store, ADMIN, action_id, wanted(owner="Mayor's office", due="2017-03-01")) == []
    for state in ("in_progress", "done"):
        assert actions.set_state(store, COORD, action_id, state) == ["state"]
    assert actions.set_state(store, COORD, action_id, "done") == []
    trail = actions.trail(store, action_id)
    assert trail[["changed_by", "field", "old_value", "new_value"]].values.tolist() == [
        [COORD.username, "created", None, "Home visits by nurses"],
        [ADMIN.username, "owner", "Public health office", "Mayor's office"],
        [ADMIN.username, "due", "2016-12-31", "2017-03-01"],
        [COORD.username, "state", "planned", "in_progress"],
        [COORD.username, "state", "in_progress", "done"]]
    assert actions.listing(store, ("LT-13",), states=("done",))["id"].tolist() == [action_id]
    assert actions.listing(store, ("LT-13",), states=("planned",)).empty
    actions.delete(store, COORD, action_id)
    with pytest.raises(NotFoundError):
        actions.get(store, action_id)
    assert actions.trail(store, action_id)["field"].tolist()[-1] == "deleted"
    assert [r[0] for r in query(store, "SELECT action FROM audit_log WHERE action LIKE 'action_%' ORDER BY id")] == [
        "action_recorded", "action_changed", "action_changed", "action_changed", "action_deleted"]


@pytest.mark.parametrize("identity", [
    Identity.issue("act-reader", "analyst"), Identity.issue("act-lv", "coordinator", ("lv-municipalities",)),
    Identity.issue("act-lv", "coordinator", (NETWORK,)), None])
def test_only_the_members_coordinators_admins_or_the_member_may(store: Store, identity: Identity | None) -> None:
    """An analyst, another network's coordinator (also one whose session claims a network the account lacks) and
    nobody: refused to record, change, move or delete; audited; nothing written."""
    action_id = actions.create(store, COORD, wanted())
    for attempt in (lambda: actions.create(store, identity, wanted()),
                    lambda: actions.update(store, identity, action_id, wanted(action="Other")),
                    lambda: actions.set_state(store, identity, action_id, "dropped"),
                    lambda: actions.delete(store, identity, action_id)):
        with pytest.raises(PermissionDenied):
            attempt()
    assert query(store, "SELECT count(*), min(state), min(action) FROM improvement_action") == [
        (1, "planned", "Home visits by nurses")]
    assert query(store, "SELECT count(*) FROM audit_log WHERE action = 'action_refused'") == [(4,)]
    with pytest.raises(PermissionDenied, match="stays with the municipality"):
        actions.update(store, COORD, action_id, wanted(entity_code="LT-11"))


@pytest.mark.parametrize("changes,fields", [
    ({"action": "  "}, ["action"]), ({"period": "soon"}, ["period"]), ({"due": "31.12.2016"}, ["due"]),
    ({"state": "forgotten"}, ["state"]), ({"indicator_code": "NOPE"}, ["indicator_code"]),
    ({"network_code": "lv-municipalities"}, ["network_code"]), ({"practice_id": 99999}, ["practice_id"]),
    ({"peer_code": "LT-13"}, ["peer_code"]), ({"target_id": 99999}, ["target_id"]),
    ({"gap": "x" * 1001, "owner": "y" * 201}, ["gap", "owner"])])
def test_bad_input_is_refused_at_its_field(store: Store, changes: dict, fields: list[str]) -> None:
    """Each bad field is named; nothing is written."""
    with pytest.raises(InputError) as refused:
        actions.create(store, COORD, wanted(**changes))
    assert sorted(p.column for p in refused.value.problems) == sorted(fields)
    assert query(store, "SELECT count(*) FROM improvement_action") == [(0,)]


def test_follow_up_gives_the_change_since_and_the_target_status(store: Store) -> None:
    """Value at 2014 vs the latest (2017) of a lower-is-better ratio: improved when it fell; the target it supports
    with its status; a neutral indicator's change is not judged."""
    births = dict(query(store, "SELECT period, value FROM observation WHERE entity_code = 'LT-13' AND "
                               "indicator_code = 'BIRTHS' AND period IN ('2014', '2017')"))
    infant = dict(query(store, "SELECT period, value FROM observation WHERE entity_code = 'LT-13' AND "
                               "indicator_code = 'INFANT_DEATHS' AND period IN ('2014', '2017')"))
    then, latest = (infant[p] / births[p] * 1000 for p in ("2014", "2017"))
    target = targets.create(store, COORD, TargetInput("LT-13", INFANT, "2020", "absolute", 1.0,
                                                      baseline_period="2014"))
    first = actions.create(store, COORD, wanted(target_id=target, period="2014"))
    second = actions.create(store, COORD, wanted(indicator_code="POP_TOTAL", period="2010"))
    rows = actions.follow_up(store, ("LT-13",)).set_index("id")
    one = rows.loc[first]
    assert (one["value_then"], one["latest_period"], one["latest_value"]) == pytest.approx((then, "2017", latest))
    assert one["change"] == pytest.approx(latest - then)
    assert latest < then and one["improved"] is True  # 2 infant deaths in 2014, none in 2017
    assert one["target_status"] == targets.progress(store, ("LT-13",)).set_index("id").loc[target, "status"]
    two = rows.loc[second]
    assert two["latest_period"] == "2018" and two["change"] < 0 and two["improved"] is None
    assert pd_empty(actions.follow_up(store, ("LT-11",)))


def pd_empty(frame: object) -> bool:
    """True for an empty follow-up that still has its columns."""
    return frame.empty and set(actions.FOLLOW_UP) <= set(frame.columns)
