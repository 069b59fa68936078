# ruff: noqa: F811 — the fixtures imported from test_member_accounts are parameters here
"""Issue 15.1: coordinators manage their network's member accounts on the data calls page (create, reset the
password, remove), for their own networks only; a request about another network's member is refused by the use
case, shown in the user's language and audited. On the hand-built store of test_member_accounts (NET: E1, E2;
OTHER: X1; E1's account `alpha`)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from page_support import dashboard_store
from streamlit.testing.v1 import AppTest
from test_member_accounts import MEMBER, MEMBER_PW, coordinator, db, load  # noqa: F401 — fixtures

from benchlearn.api import accounts, member_accounts, sessions
from benchlearn.auth import Identity, LoginFailed
from benchlearn.errors import PermissionDenied
from benchlearn.model import Kind
from benchlearn.store import Store

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 30
PASSWORDS = {"net-coord": "net-coord-pass-9", "other-coord": "other-coord-pass-9", "boss": "boss-password-9"}


@pytest.fixture
def store(db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """The dashboard's store on the hand-built database."""
    with dashboard_store(db, monkeypatch) as shared:
        yield shared


def page(username: str, lang: str = "en") -> AppTest:
    """The data calls page after logging in through its form."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    at.query_params["lang"] = lang
    at = at.run().switch_page("pages/datacalls.py").run()
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(PASSWORDS[username])
    return next(b for b in at.button if (b.key or "").startswith("FormSubmitter:login_form")).click().run()


def submit(at: AppTest, form: str) -> AppTest:
    """Press the submit button of the form whose key starts with `form`."""
    return next(b for b in at.button if (b.key or "").startswith(f"FormSubmitter:{form}")).click().run()


def users(store: Store) -> dict[str, tuple]:
    """Every account: username → (role, entity, networks)."""
    rows = accounts.list_users(store)
    return {r.username: (r.role, r.entity_code, r.networks) for r in rows.itertuples()}


def refusals(store: Store) -> int:
    """How many refusals the audit log holds."""
    return int((accounts.audit_log(store)["action"] == sessions.REFUSED).sum())


def messages(at: AppTest) -> list[str]:
    """The success and error messages on the page."""
    return [e.value for kind in ("success", "error") for e in getattr(at, kind)]


def test_a_coordinator_creates_resets_and_removes_a_member_account(store: Store) -> None:
    at = page("net-coord")
    assert not at.exception, at.exception
    assert at.dataframe[0].value.values.tolist() == [[MEMBER, "Alpha", "NET"]]
    assert at.selectbox(key="members_new_entity").options == ["Alpha (E1)", "Beta (E2)"]
    at.selectbox(key="members_new_entity").set_value("E2")
    at.text_input(key="members_new_username").input("beta")
    at.text_input(key="members_new_password").input("beta-password-1")
    at = submit(at, "members_add_NET")
    assert "The member account beta was created." in messages(at)
    assert users(store)["beta"] == ("municipality", "E2", "NET")
    at.selectbox(key="members_user_NET").set_value(MEMBER)
    at = at.run()
    next(t for t in at.text_input if t.label == "New password").input("alpha-new-password-2")
    at = submit(at, f"members_password_NET_{MEMBER}")
    assert f"The password of {MEMBER} was changed; a lock-out, if any, is lifted." in messages(at)
    with pytest.raises(LoginFailed):
        accounts.login(store, MEMBER, MEMBER_PW)
    assert accounts.login(store, MEMBER, "alpha-new-password-2")
    at = at.checkbox(key=f"members_remove_sure_{MEMBER}").check().run()
    at = at.button(key=f"members_remove_{MEMBER}").click().run()
    assert f"User {MEMBER} removed." in messages(at)
    assert MEMBER not in users(store)


def test_refusals_are_worded_in_the_users_language(store: Store) -> None:
    at = page("net-coord", "lt")
    at.selectbox(key="members_new_entity").set_value("E2")
    at.text_input(key="members_new_username").input("beta")
    at.text_input(key="members_new_password").input("short")
    at = submit(at, "members_add_NET")
    assert "Slaptažodį turi sudaryti bent 10 simbolių." in messages(at)
    at.text_input(key="members_new_username").input(MEMBER)
    at.text_input(key="members_new_password").input("long-enough-password-1")
    at = submit(at, "members_add_NET")
    assert "Pasirinkite savivaldybę, kuriai skirta paskyra." in messages(at)  # the form was cleared
    assert set(users(store)) == {"net-coord", "other-coord", "boss", MEMBER}


def test_crafted_requests_for_another_networks_member_change_nothing(store: Store) -> None:
    """OTHER's member X1 has an account. NET's coordinator's session is given crafted widget values naming it
    (X1 as the new account's municipality, x1-user as the account to change): the widgets drop what they do not
    offer, so nothing is done; a stale page whose account was moved to OTHER meanwhile does nothing either; the
    same requests sent straight to the use cases the page calls are refused and audited."""
    member_accounts.add_member(store, coordinator("other-coord"), "x1-user", "x1-password-11", "X1", ["OTHER"])
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    at.query_params["lang"] = "en"
    at.session_state["members_new_entity"] = "X1"
    at.session_state["members_user_NET"] = "x1-user"
    at = at.run().switch_page("pages/datacalls.py").run()
    at.text_input(key="login_username").input("net-coord")
    at.text_input(key="login_password").input(PASSWORDS["net-coord"])
    at = submit(at, "login_form")
    assert at.selectbox(key="members_user_NET").value == MEMBER  # not x1-user
    at.text_input(key="members_new_username").input("x1-second")
    at.text_input(key="members_new_password").input("x1-password-22")
    at = submit(at, "members_add_NET")
    assert "Choose the municipality the account is for." in messages(at)
    # a stale page: alpha is moved to OTHER after the page showed its remove button
    at = at.checkbox(key=f"members_remove_sure_{MEMBER}").check().run()
    load(store, b"network,entity_code,group_kind\nOTHER,E1,network\n", Kind.MEMBERS)
    accounts.set_networks(store, MEMBER, ["OTHER"], "boss")
    at = at.button(key=f"members_remove_{MEMBER}").click().run()
    assert not at.exception and f"User {MEMBER} removed." not in messages(at)
    assert users(store)["x1-user"] == ("municipality", "X1", "OTHER") and MEMBER in users(store)
    assert "x1-second" not in users(store)
    before = refusals(store)
    net = coordinator("net-coord")
    for request in (partial(member_accounts.remove_member, store, net, MEMBER),
                    partial(member_accounts.reset_member_password, store, net, "x1-user", "taken-over-pass-1"),
                    partial(member_accounts.add_member, store, net, "x1-second", "x1-password-22", "X1", ["OTHER"])):
        with pytest.raises(PermissionDenied):
            request()
    assert refusals(store) == before + 3 and MEMBER in users(store)


def test_a_refusal_from_the_use_case_is_shown_in_the_users_language(store: Store) -> None:
    """A taken user name: the account store refuses, the page says why in Latvian; nothing changes."""
    at = page("net-coord", "lv")
    at.selectbox(key="members_new_entity").set_value("E2")
    at.text_input(key="members_new_username").input(MEMBER)
    at.text_input(key="members_new_password").input("beta-password-1")
    at = submit(at, "members_add_NET")
    assert messages(at) == ["Konts ar šādu lietotājvārdu jau pastāv."]
    assert users(store)[MEMBER] == ("municipality", "E1", "NET")


def test_another_networks_coordinator_sees_and_reaches_none_of_its_accounts(store: Store) -> None:
    at = page("other-coord")
    assert at.selectbox(key="datacalls_network").options == ["OTHER"]
    assert "No member of this network has an account yet." in [i.value for i in at.info]
    assert at.selectbox(key="members_new_entity").options == ["Other town (X1)"]
    # a forged session claiming NET too: the page offers what the store says, and the use cases refuse NET
    forged = Identity.issue("other-coord", "coordinator", ("NET", "OTHER"))
    assert member_accounts.network_accounts(store, coordinator("other-coord"), "OTHER").empty
    for call in (member_accounts.network_accounts, member_accounts.network_members):
        with pytest.raises(PermissionDenied):
            call(store, forged, "NET")
    with pytest.raises(PermissionDenied):
        member_accounts.add_member(store, forged, "e2-user", "e2-password-11", "E2", ["NET"])


def test_an_admin_manages_every_networks_member_accounts(store: Store) -> None:
    at = page("boss")
    assert at.selectbox(key="datacalls_network").options == ["NET", "OTHER"]
    assert at.dataframe[0].value.values.tolist() == [[MEMBER, "Alpha", "NET"]]
