"""The admin page in AppTest: users and their networks, network members and indicator metadata through the
validated upload path, the audit log; and the admin use cases refusing anyone but an admin.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from page_support import dashboard_store
from streamlit.testing.v1 import AppTest

from benchlearn.api import accounts, administration, open_data_download
from benchlearn.auth import Identity
from benchlearn.errors import PermissionDenied
from benchlearn.store import Store

ROOT = Path(__file__).resolve().parents[1]
ADMIN, ADMIN_PW = "root", "admin-password-1"
COORD, COORD_PW = "coord", "coordinator-pass-1"
TIMEOUT = 30


@pytest.fixture
def store(app_db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """The dashboard's store on this test's database, with an admin and a coordinator."""
    with dashboard_store(app_db, monkeypatch) as shared:
        accounts.add_user(shared, ADMIN, ADMIN_PW, "admin")
        accounts.add_user(shared, COORD, COORD_PW, "coordinator", ["lt-municipalities"])
        yield shared


def admin_page(username: str = ADMIN, password: str = ADMIN_PW) -> AppTest:
    """The admin page after logging in through its form."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT).run()
    at = at.switch_page("pages/admin.py").run()
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(password)
    return next(b for b in at.button if (b.key or "").startswith("FormSubmitter:login_form")).click().run()


def submit(at: AppTest, form: str) -> AppTest:
    """Press the submit button of the named form."""
    return next(b for b in at.button if (b.key or "").startswith(f"FormSubmitter:{form}-")).click().run()


def user_row(store: Store, username: str) -> dict | None:
    """One account as a dict (None when absent)."""
    users = accounts.list_users(store).set_index("username")
    return users.loc[username].to_dict() if username in users.index else None


def frame_with(at: AppTest, column: str) -> pd.DataFrame:
    """The first dataframe on the page with the given column."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_the_admin_page_has_its_six_parts(store: Store) -> None:
    """Users, networks and members, indicators, audit log, backups, open data; no exception; users listed
    without a hash; the open-data tab offers the package."""
    at = admin_page()
    assert not at.exception, [e.value for e in at.exception]
    assert [t.label for t in at.tabs] == ["Users", "Networks and members", "Indicators", "Audit log", "Backups",
                                          "Open data"]
    assert [b.proto.label for b in at.tabs[5].get("download_button")] == ["Download the data package (zip)"]
    users = frame_with(at, "Failed logins")
    assert sorted(users["User name"]) == [COORD, ADMIN]
    assert not any("argon2" in str(v) for v in users.values.ravel())
    audit = frame_with(at, "Action")
    assert audit.iloc[0][["User name", "Action"]].tolist() == [ADMIN, "login"]


def test_the_open_data_tab_is_the_admins_only(store: Store) -> None:
    """A coordinator on the admin page gets no tabs and no package; the package's use case refuses it too."""
    at = admin_page(COORD, COORD_PW)
    assert not at.exception
    assert not at.tabs and not at.get("download_button")
    with pytest.raises(PermissionDenied):
        open_data_download.package_zip(store, Identity.issue(COORD, "coordinator", ("lt-municipalities",)))


def test_add_a_coordinator_who_can_then_log_in(store: Store) -> None:
    """The add form creates the account (audited with the admin as actor); the new user logs in."""
    at = admin_page()
    at.text_input(key="admin_new_username").input("vilnius")
    at.text_input(key="admin_new_password").input("a-good-password-9")
    at.multiselect(key="admin_new_networks").set_value(["lt-city-municipalities"])
    at = submit(at, "admin_add_user")
    assert [s.value for s in at.success] == ["User vilnius added."]
    assert user_row(store, "vilnius")["networks"] == "lt-city-municipalities"
    assert user_row(store, "vilnius")["role"] == "coordinator"
    entry = accounts.audit_log(store, 1, action="user_added").iloc[0]
    assert (entry["username"], entry["detail"]) == (
        ADMIN, "vilnius (coordinator; networks: lt-city-municipalities)")
    assert accounts.login(store, "vilnius", "a-good-password-9", sleep=lambda _s: None).username == "vilnius"


def test_a_weak_password_is_refused_in_place(store: Store) -> None:
    """The account rules' message is shown; nothing is created."""
    at = admin_page()
    at.text_input(key="admin_new_username").input("vilnius")
    at.text_input(key="admin_new_password").input("short")
    at = submit(at, "admin_add_user")
    assert [e.value for e in at.error] == ["Not done: the password must have at least 10 characters"]
    assert user_row(store, "vilnius") is None


def test_change_role_and_networks(store: Store) -> None:
    """The edit form replaces a user's role and networks."""
    at = admin_page()
    at = at.selectbox(key="admin_user").set_value(COORD).run()
    form = next(f for f in at.get("form") if f.proto.form.form_id == f"admin_edit_{COORD}")
    form.selectbox[0].set_value("admin")
    form.multiselect[0].set_value(["lv-municipalities", "lt-municipalities"])
    at = submit(at, f"admin_edit_{COORD}")
    assert [s.value for s in at.success] == [f"Saved the role and networks of {COORD}."]
    row = user_row(store, COORD)
    assert (row["role"], row["networks"]) == ("admin", "lt-municipalities,lv-municipalities")


def test_set_a_password_lifts_a_lock_out(store: Store) -> None:
    """A new password works at once and clears the failure count."""
    for _ in range(5):
        with pytest.raises(accounts.LoginFailed):
            accounts.login(store, COORD, "wrong-password-1", sleep=lambda _s: None)
    at = admin_page().selectbox(key="admin_user").set_value(COORD).run()
    next(t for t in at.text_input if t.label == "New password").input("a-new-password-7")
    at = submit(at, f"admin_password_{COORD}")
    assert user_row(store, COORD)["locked_until"] is None or pd.isna(user_row(store, COORD)["locked_until"])
    assert accounts.login(store, COORD, "a-new-password-7", sleep=lambda _s: None).username == COORD


def test_remove_a_user_only_after_confirming(store: Store) -> None:
    """The remove button is disabled until the box is ticked; then the account is gone."""
    at = admin_page().selectbox(key="admin_user").set_value(COORD).run()
    assert at.button(key=f"admin_remove_{COORD}").disabled
    at = at.checkbox(key=f"admin_remove_sure_{COORD}").check().run()
    at = at.button(key=f"admin_remove_{COORD}").click().run()
    assert [s.value for s in at.success] == [f"User {COORD} removed."]
    assert user_row(store, COORD) is None


def test_an_admin_cannot_remove_themselves(store: Store) -> None:
    """Refused in place with the reason; the account stays."""
    at = admin_page().selectbox(key="admin_user").set_value(ADMIN).run()
    at = at.checkbox(key=f"admin_remove_sure_{ADMIN}").check().run()
    at = at.button(key=f"admin_remove_{ADMIN}").click().run()
    assert [e.value for e in at.error] == ["Not done: you cannot remove your own account; ask another admin"]
    assert user_row(store, ADMIN) is not None


def test_create_a_network_with_members_through_the_upload_path(store: Store) -> None:
    """A new network and its members: previewed as a members file, committed as a batch, listed."""
    at = admin_page()
    at.text_input(key="admin_group_code").input("lt-seaside")
    at.text_input(key="admin_group_name").input("Seaside municipalities (test network)")
    at = at.multiselect(key="admin_members").set_value(["LT-20", "LT-21", "LT-38"]).run()
    assert ("New", "3") in [(m.label, m.value) for m in at.metric]
    at = at.button(key="members_commit").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(s.value.startswith("Committed as upload no.") for s in at.success)
    with store.cursor() as cur:
        assert cur.execute("SELECT name FROM network WHERE code = 'lt-seaside'").fetchall() == [
            ("Seaside municipalities (test network)",)]
        assert sorted(r[0] for r in cur.execute(
            "SELECT entity_code FROM network_member WHERE network_code = 'lt-seaside'").fetchall()) == [
            "LT-20", "LT-21", "LT-38"]
        assert cur.execute("SELECT kind, username FROM batch ORDER BY id DESC LIMIT 1").fetchall() == [
            ("members", ADMIN)]
    assert "lt-seaside" in frame_with(at, "Members")["Code"].tolist()


def test_edit_indicator_metadata_through_the_upload_path(store: Store) -> None:
    """A field edit becomes a one-row indicators file: diff (1 changed), commit, stored, undoable batch."""
    at = admin_page().selectbox(key="admin_indicator").set_value("AREA_KM2").run()
    assert ("Unchanged", "1") in [(m.label, m.value) for m in at.metric]
    at = at.text_input(key="admin_ind_unit_AREA_KM2").input("km²").run()
    assert ("Changed", "1") in [(m.label, m.value) for m in at.metric]
    at = at.button(key="indicators_commit").click().run()
    with store.cursor() as cur:
        assert cur.execute("SELECT unit FROM indicator WHERE code = 'AREA_KM2'").fetchall() == [("km²",)]
        assert cur.execute("SELECT kind FROM batch ORDER BY id DESC LIMIT 1").fetchall() == [("indicators",)]


def test_an_invalid_metadata_edit_shows_the_report_and_writes_nothing(store: Store) -> None:
    """The same validation as an upload: a non-numeric maximum is reported by row and column."""
    at = admin_page().selectbox(key="admin_indicator").set_value("URBAN_SHARE").run()
    at = at.text_input(key="admin_ind_max_URBAN_SHARE").input("lots").run()
    report = at.table[0].value
    assert report[["Row", "Column", "Value"]].values.tolist() == [["2", "max", "lots"]]
    assert not [b for b in at.button if b.key == "indicators_commit"]
    with store.cursor() as cur:
        kept = cur.execute("SELECT max_value FROM indicator WHERE code = 'URBAN_SHARE'").fetchall()
    assert kept == [(100.0,)]


def test_the_admin_use_cases_refuse_non_admins(store: Store) -> None:
    """Each admin function checks the role itself, whatever page calls it."""
    coordinator = Identity.issue(COORD, "coordinator", ("lt-municipalities",))
    for call in (
        lambda who: administration.users(store, who),
        lambda who: administration.add_user(store, who, "x-user", "a-good-password-1", "admin"),
        lambda who: administration.set_role(store, who, COORD, "admin"),
        lambda who: administration.set_networks(store, who, COORD, ["lv-municipalities"]),
        lambda who: administration.set_password(store, who, ADMIN, "a-good-password-2"),
        lambda who: administration.remove_user(store, who, ADMIN),
        lambda who: administration.audit_log(store, who),
    ):
        for who in (coordinator, None):
            with pytest.raises(PermissionDenied):
                call(who)
    assert user_row(store, COORD)["role"] == "coordinator" and user_row(store, "x-user") is None


def test_members_and_indicator_files_follow_the_upload_contract() -> None:
    """The files the admin page builds are plain CSV in the documented columns."""
    members = administration.members_upload("net", ["LT-01", "LT-02"], "A network")
    assert members.data.decode().splitlines() == [
        "group,entity_code,group_kind,group_name", "net,LT-01,network,A network",
        "net,LT-02,network,A network"]
    row = {"code": "X", "name_en": "Name, with comma", "unit": "%", "polarity": "neutral", "min_value": 0.0,
           "max_value": float("nan")}
    indicators = administration.indicators_upload(pd.DataFrame([row]))
    lines = indicators.data.decode().splitlines()
    assert lines[0] == ("code,name,unit,polarity,name_lt,name_lv,domain,description,source,min,max,decimals,"
                        "numerator,denominator,multiplier,unit_lt,unit_lv,min_denominator,size_indicator")
    assert lines[1] == 'X,"Name, with comma",%,neutral,,,,,,0.0,,,,,,,,,'


def test_the_backups_tab_takes_a_backup_while_the_app_holds_the_database(store: Store) -> None:
    """The button exports through the app's own connection; the new backup is listed with its row count."""
    at = admin_page()
    assert any(i.value == "No backups yet." for i in at.info)
    at = at.button(key="admin_backup_take").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [s.value for s in at.success] == ["Backup written."]
    listed = frame_with(at, "Size (MB)")
    assert len(listed) == 1 and listed["Rows"].iloc[0] > 1000  # the demo store's observations are in it
    folder = Path(store.path).parent / "backups" / listed["Name"].iloc[0]
    assert (folder / "benchlearn-backup.json").is_file()
    assert at.selectbox(key="admin_backup_pick").value == folder.name
