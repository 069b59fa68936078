"""The coordinator's workflow in AppTest: login, lock-out, role gating, upload (preview, errors, diff,
commit), conflicts, crafted widget state, .xlsx, history and undo; and the pieces under it (xlsx limits,
formula-safe CSV).

Every test runs the real pages on its own copy of the demo store (the `app_db` fixture of conftest.py).
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from benchlearn import ui
from benchlearn.api import accounts, coordination
from benchlearn.auth import Identity, utcnow
from benchlearn.errors import InputError, InputProblem, NotFoundError, PermissionDenied
from benchlearn.exports import neutralise, safe_csv
from benchlearn.i18n import t
from benchlearn.ingest import IngestOptions, xlsx
from benchlearn.model import Kind
from benchlearn.store import Store
from benchlearn.ui.upload_problems import report_frame

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "upload"
NETWORK = "lt-municipalities"
COORD, COORD_PW = "coord", "coordinator-pass-1"
OTHER, OTHER_PW = "latvian", "coordinator-pass-2"
ANALYST, ANALYST_PW = "reader", "analyst-password-1"
ADMIN, ADMIN_PW = "root", "admin-password-0"
TIMEOUT = 30


# --- fixtures and helpers -----------------------------------------------------------------------------------

@pytest.fixture
def store(app_db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """The dashboard's own store on this test's database (AppTest runs in this process and shares it)."""
    monkeypatch.setenv("BENCHLEARN_DB", str(app_db))
    st.cache_data.clear()  # cached page results are keyed on the data version, not on the file
    st.cache_resource.clear()
    shared = ui.shared_store()
    accounts.add_user(shared, COORD, COORD_PW, "coordinator", [NETWORK])
    accounts.add_user(shared, OTHER, OTHER_PW, "coordinator", ["lv-municipalities"])
    accounts.add_user(shared, ANALYST, ANALYST_PW, "analyst")
    # a deployed store has its administrator, so the login form is not followed by the first-admin setup
    # (tests/test_first_admin.py covers a store without one)
    accounts.add_user(shared, ADMIN, ADMIN_PW, "admin")
    yield shared
    st.cache_resource.clear()
    shared.close()


def open_page(page: str, lang: str | None = None) -> AppTest:
    """The dashboard, switched to `page` (as a visitor arriving through the menu)."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT).run()
    at = at.switch_page(page).run()
    return at.selectbox(key="url_lang").set_value(lang).run() if lang else at


def login(at: AppTest, username: str, password: str) -> AppTest:
    """Fill in and submit the login form."""
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(password)
    submit = next(b for b in at.button if (b.key or "").startswith("FormSubmitter:login_form"))
    return submit.click().run()


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    """Choose a file in the upload form."""
    uploader = next(u for u in at.file_uploader if (u.key or "").startswith("upload_file"))
    return uploader.set_value((name, data, "application/octet-stream")).run()


def texts(elements: object) -> list[str]:
    """The text of each element (captions, errors, infos …)."""
    return [e.value for e in elements]


def frame_with(at: AppTest, column: str) -> pd.DataFrame:
    """The (first) dataframe on the page that has the given column."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def rows_of(frame: pd.DataFrame, columns: list[str]) -> list[list[object]]:
    """The frame's rows over `columns` as lists, with missing values as None."""
    part = frame[columns].astype(object)
    return part.where(part.notna(), None).values.tolist()


def value(store: Store, entity: str, indicator: str, period: str) -> float | None:
    """The stored value of one key (None when absent)."""
    with store.cursor() as cur:
        rows = cur.execute("SELECT value FROM observation WHERE entity_code = ? AND indicator_code = ? "
                           "AND period = ?", [entity, indicator, period]).fetchall()
    return rows[0][0] if rows else None


def batch_count(store: Store) -> int:
    """How many batches the ledger holds."""
    with store.cursor() as cur:
        return cur.execute("SELECT count(*) FROM batch").fetchall()[0][0]


def audit_actions(store: Store, username: str) -> list[str]:
    """The audit actions of one user, oldest first."""
    log = accounts.audit_log(store, 1000, username=username)
    return log["action"].tolist()[::-1]


def no_exceptions(at: AppTest) -> None:
    """The run raised nothing (a page error would be in at.exception)."""
    assert not at.exception, [e.value for e in at.exception]


def cp1257_file() -> bytes:
    """The cp1257, semicolon, decimal-comma fixture: LT-01 2018 changes, LT-02 2019 is new."""
    return (DATA / "density_cp1257.csv").read_bytes()


def workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    """An .xlsx made with openpyxl from {sheet name: rows}."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


# --- the page guard, login, lock-out, roles -----------------------------------------------------------------

@pytest.mark.parametrize("page_file", ["pages/upload.py", "pages/history.py", "pages/admin.py"])
def test_a_protected_page_run_on_its_own_shows_the_login_not_the_page(store: Store, page_file: str) -> None:
    """ARCHITECTURE §4: a fresh app whose very first run is a protected page runs that file by itself
    (the pages/ folder's v1 routing, before dashboard.py's navigation exists); logged out: only the login."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    at = at.switch_page(page_file).run()  # no run of the entry point before it
    no_exceptions(at)
    assert [t.label for t in at.text_input] == ["User name", "Password"]
    assert not at.file_uploader and not at.dataframe and not at.tabs


def test_login_then_the_upload_form(store: Store) -> None:
    """A coordinator logs in through the form and gets the upload form for their own network only."""
    at = open_page("pages/upload.py")
    assert not at.file_uploader
    at = login(at, COORD, COORD_PW)
    no_exceptions(at)
    assert at.session_state["identity"].username == COORD
    offered = at.selectbox(key="upload_network").options
    assert offered == [f"{NETWORK} — Lithuanian municipalities (example network)"]
    assert at.file_uploader
    assert audit_actions(store, COORD)[-1] == "login"


@pytest.mark.parametrize(("username", "password"),
                         [(COORD, "wrong-password-1"), ("nobody", "wrong-password-1")])
def test_a_failed_login_says_one_generic_thing(store: Store, username: str, password: str) -> None:
    """Wrong password and unknown user get the same message; no identity is kept; the attempt is audited."""
    at = login(open_page("pages/upload.py"), username, password)
    assert texts(at.error) == ["Wrong user name or password."]
    assert "identity" not in at.session_state
    assert not at.file_uploader
    assert audit_actions(store, username)[-1] == "login_failed"


def test_lock_out_after_five_failures(store: Store) -> None:
    """The fifth failure locks the account: then even the right password is refused, saying why."""
    at = open_page("pages/upload.py")
    for _ in range(4):
        at = login(at, COORD, "wrong-password-1")
        assert texts(at.error) == ["Wrong user name or password."]
    at = login(at, COORD, "wrong-password-1")
    assert texts(at.error) == ["This account is locked for 15 more minutes after repeated failed logins."]
    at = login(at, COORD, COORD_PW)
    assert texts(at.error) == ["This account is locked for 15 more minutes after repeated failed logins."]
    assert "identity" not in at.session_state and not at.file_uploader
    assert "account_locked" in audit_actions(store, COORD)


def test_the_login_form_speaks_the_chosen_language(store: Store) -> None:
    """Lithuanian labels and the generic failure in Lithuanian."""
    at = open_page("pages/upload.py", lang="lt")
    assert [t.label for t in at.text_input] == ["Naudotojo vardas", "Slaptažodis"]
    at = login(at, COORD, "wrong-password-1")
    assert texts(at.error) == ["Neteisingas naudotojo vardas arba slaptažodis."]


@pytest.mark.parametrize(("page_file", "username", "password", "role"), [
    ("pages/upload.py", ANALYST, ANALYST_PW, "municipality, coordinator or administrator"),  # members upload (15.1)
    ("pages/history.py", ANALYST, ANALYST_PW, "coordinator"),
    ("pages/admin.py", ANALYST, ANALYST_PW, "administrator"),
    ("pages/admin.py", COORD, COORD_PW, "administrator"),
])
def test_a_user_without_the_role_is_refused(store: Store, page_file: str, username: str, password: str,
                                            role: str) -> None:
    """Logged in without the page's role: a plain refusal, no form, no data."""
    at = login(open_page(page_file), username, password)
    no_exceptions(at)
    assert texts(at.error) == [f"This page is for users with the {role} role; your account does not have it."]
    assert not at.file_uploader and not at.dataframe and not at.tabs


def test_logout_ends_the_session(store: Store) -> None:
    """The sidebar button drops the identity and the preview (audited); the page shows the login form."""
    at = upload(login(open_page("pages/upload.py"), COORD, COORD_PW), "tankis.csv", cp1257_file())
    assert "upload_preview" in at.session_state
    at = at.button(key="logout").click().run()
    assert "identity" not in at.session_state and "upload_preview" not in at.session_state
    assert [t.label for t in at.text_input] == ["User name", "Password"] and not at.file_uploader
    assert audit_actions(store, COORD)[-1] == "logout"


def test_an_idle_session_expires(store: Store) -> None:
    """After 60 idle minutes the identity is dropped and the login form says why."""
    at = login(open_page("pages/upload.py"), COORD, COORD_PW)
    identity = at.session_state["identity"]
    identity.last_seen = utcnow() - timedelta(minutes=61)
    at.session_state["identity"] = identity
    at = at.run()
    assert "identity" not in at.session_state
    assert texts(at.info) == ["Your session has expired; please log in again."]
    assert not at.file_uploader


def test_the_login_page_logs_in_and_out(store: Store) -> None:
    """The menu's login page: the form, then who is logged in and a logout button."""
    at = login(open_page("pages/login.py"), COORD, COORD_PW)
    assert texts(at.success) == ["You are logged in as coord (coordinator)."]
    at = at.button(key="logout_here").click().run()
    assert "identity" not in at.session_state and at.text_input(key="login_username")


# --- the upload flow ----------------------------------------------------------------------------------------

def test_preview_diff_and_commit_of_a_baltic_excel_csv(store: Store) -> None:
    """cp1257 + semicolons + decimal commas: detected, previewed, diffed old → new, committed as one batch."""
    at = upload(login(open_page("pages/upload.py"), COORD, COORD_PW), "tankis.csv", cp1257_file())
    no_exceptions(at)
    assert ("Read as: encoding cp1257 · delimiter semicolon (;) · decimal mark comma (,) · header on row 1 · "
            "long layout (one value per row)") in texts(at.caption)
    rows = frame_with(at, "Row")  # headers and numbers as the user reads them; no internal period_key
    assert "period_key" not in rows.columns
    assert rows[["Municipality", "Period", "Value", "Row"]].values.tolist() == [
        ["LT-01", "2018", "25.3", 2], ["LT-02", "2019", "1,234.5", 3]]
    assert [(m.label, m.value) for m in at.metric] == [("New", "1"), ("Changed", "1"), ("Unchanged", "0")]
    diff = frame_with(at, "Old value")
    assert rows_of(diff, ["Municipality", "Period", "Old value", "New value", "Change"]) == [
        ["LT-01", "2018", "23.2", "25.3", "Changed"], ["LT-02", "2019", "–", "1,234.5", "New"]]
    before = batch_count(store)
    assert value(store, "LT-01", "POP_DENSITY", "2018") == 23.2  # the preview wrote nothing

    at = at.button(key="upload_commit").click().run()
    no_exceptions(at)
    assert batch_count(store) == before + 1
    assert value(store, "LT-01", "POP_DENSITY", "2018") == 25.3
    assert value(store, "LT-02", "POP_DENSITY", "2019") == 1234.5
    newest = coordination.history(store, at.session_state["identity"]).iloc[0]
    assert (newest["username"], newest["network_code"], newest["file_name"]) == (COORD, NETWORK, "tankis.csv")
    assert texts(at.success) == [f"Committed as upload no. {newest['id']}: 1 new, 1 changed, 0 unchanged."]
    assert audit_actions(store, COORD)[-1] == "upload"
    assert not upload_file_chosen(at)  # a fresh, empty uploader after the commit


def upload_file_chosen(at: AppTest) -> bool:
    """Whether the upload form currently holds a file."""
    return any((u.key or "").startswith("upload_file") and u.value for u in at.file_uploader)


def test_the_same_file_again_has_nothing_to_commit(store: Store) -> None:
    """Re-uploading committed content says so, and offers no commit button."""
    at = upload(login(open_page("pages/upload.py"), COORD, COORD_PW), "tankis.csv", cp1257_file())
    at = upload(at.button(key="upload_commit").click().run(), "tankis.csv", cp1257_file())
    assert "The file matches what is stored: committing it would change nothing." in texts(at.info)
    assert not [b for b in at.button if b.key == "upload_commit"]


def test_a_bad_file_shows_the_report_and_writes_nothing(store: Store) -> None:
    """Row, column, value, problem and suggestion of every problem; a CSV download; no commit; no write."""
    before = batch_count(store)
    at = upload(login(open_page("pages/upload.py"), COORD, COORD_PW), "density_bad.csv",
                (DATA / "density_bad.csv").read_bytes())
    no_exceptions(at)
    assert texts(at.error) == ["The file was not loaded: problems found – 2, nothing was written. "
                               "Fix them in the file and upload it again."]
    report = at.table[0].value
    assert list(report.columns) == ["Row", "Column", "Value", "Problem", "Suggestion"]
    assert report[["Row", "Column", "Value", "Suggestion"]].values.tolist() == [
        ["3", "entity_code", "Akmne", "Akmenės r. sav. (LT-01), Pälkäne (FI-635) or Alūksnes novads (LV-007)"],
        ["4", "value", "12;5", ""]]
    assert report["Problem"].iloc[1] == '"12;5" is not a number (expected a number such as 1234,5 or 1234.5)'
    assert at.get("download_button") and not [b for b in at.button if b.key == "upload_commit"]
    assert batch_count(store) == before
    assert value(store, "LT-01", "POP_DENSITY", "2018") == 23.2


def test_the_report_is_in_the_users_language(store: Store) -> None:
    """Problems are translated by their rule code; row, column and value stay as in the file."""
    at = upload(login(open_page("pages/upload.py", lang="lv"), COORD, COORD_PW), "density_bad.csv",
                (DATA / "density_bad.csv").read_bytes())
    report = at.table[0].value
    assert list(report.columns) == ["Rinda", "Kolonna", "Vērtība", "Problēma", "Ieteikums"]
    assert report["Problēma"].tolist() == [
        "“Akmne” nav zināms pašvaldības vai citas vienības kods vai nosaukums (vai domājāt LT-01 Akmenės r. sav., "
        "FI-635 Pälkäne vai LV-007 Alūksnes novads?)",
        "“12;5” nav skaitlis (gaidīts skaitlis, piemēram, 1234,5 vai 1234.5)"]


def test_a_file_over_the_size_limit_is_refused_plainly(store: Store) -> None:
    """Above server.maxUploadSize (20 MB): one clear message, nothing parsed."""
    at = login(open_page("pages/upload.py"), COORD, COORD_PW)
    at = upload(at, "huge.csv", b"entity_code,indicator_code,period,value\n" + b"x" * (20 * 1024 * 1024))
    assert texts(at.error) == ["The file is larger than 20 MB, the upload limit. Split it into parts (for "
                               "example one period per file) and upload them one by one."]
    assert not at.metric and not at.table


def test_an_xlsx_sheet_is_chosen_previewed_and_committed(store: Store) -> None:
    """A workbook: pick the second sheet; problems keep the sheet's row numbers; the values are stored."""
    data = workbook({
        "Notes": [["This sheet is not data"]],
        "Density": [["Density of population, test values"], [],
                    ["entity_code", "indicator_code", "period", "value"],
                    ["LT-01", "POP_DENSITY", 2018, 25.3], ["LT-03", "POP_DENSITY", "2018", 18]],
    })
    at = upload(login(open_page("pages/upload.py"), COORD, COORD_PW), "density.xlsx", data)
    assert at.selectbox(key="upload_sheet_0").options == ["Notes", "Density"]
    assert at.table  # the first sheet has no header: its report is shown
    at = at.selectbox(key="upload_sheet_0").set_value("Density").run()
    no_exceptions(at)
    assert ("Read as: Excel workbook, sheet Density · header on row 3 · long layout (one value per row)"
            in texts(at.caption))
    assert frame_with(at, "Row")["Row"].tolist() == [4, 5]
    at = at.button(key="upload_commit").click().run()
    assert value(store, "LT-01", "POP_DENSITY", "2018") == 25.3
    assert value(store, "LT-03", "POP_DENSITY", "2018") == 18
    newest = coordination.history(store, at.session_state["identity"]).iloc[0]
    assert newest["file_name"] == "density.xlsx [Density]"


def test_a_conflicting_commit_is_refused_and_previewed_again(store: Store) -> None:
    """Another upload changes the previewed value before the commit: a plain warning, a new diff, commit."""
    at = upload(login(open_page("pages/upload.py"), COORD, COORD_PW), "tankis.csv", cp1257_file())
    admin = Identity.issue("someone", "admin")
    accounts.add_user(store, "someone", "admin-password-1", "admin")
    meanwhile = b"entity_code,indicator_code,period,value\nLT-01,POP_DENSITY,2018,24.0\n"
    coordination.commit_upload(store, admin, coordination.Upload(meanwhile, "meanwhile.csv", IngestOptions()),
                               None)
    at = at.button(key="upload_commit").click().run()
    no_exceptions(at)
    assert texts(at.warning) == ["Someone changed these values meanwhile, so nothing was written. Review the "
                                 "new preview below and commit again."]
    assert value(store, "LT-01", "POP_DENSITY", "2018") == 24.0
    assert frame_with(at, "Old value")["Old value"].tolist()[0] == "24"  # as the user reads it
    at = at.button(key="upload_commit").click().run()
    assert value(store, "LT-01", "POP_DENSITY", "2018") == 25.3


# --- authorisation that no widget state can get around ------------------------------------------------------

LATVIAN_FILE = b"entity_code,indicator_code,period,value\nLV-002,ROAD_KM_GRAVEL_TOTAL,2024,1\n"


def latvian_value(store: Store) -> float | None:
    """The Latvian value the forged uploads aim at."""
    return value(store, "LV-002", "ROAD_KM_GRAVEL_TOTAL", "2024")


def test_a_forged_network_in_the_widget_state_is_ignored(store: Store) -> None:
    """Setting the network widget's state to another network: the widget keeps to the user's own networks."""
    before, batches = latvian_value(store), batch_count(store)
    at = open_page("pages/upload.py")
    at.session_state["upload_network"] = "lv-municipalities"  # before the form exists: as a forged request
    at = upload(login(at, COORD, COORD_PW), "latvian.csv", LATVIAN_FILE)
    assert at.selectbox(key="upload_network").value == NETWORK
    report = at.table[0].value  # judged against the own network: neither entity nor indicator is in it
    assert report["Row"].tolist() == ["2", "2"]
    assert all("lt-municipalities" in problem for problem in report["Problem"])
    assert latvian_value(store) == before and batch_count(store) == batches


def test_a_network_offered_by_a_bypassed_form_is_refused_by_the_api(store: Store,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Even if the form offered every network, preview and commit check the account: refused and audited."""
    every = [NETWORK, "lv-municipalities"]
    monkeypatch.setattr(coordination, "upload_networks", lambda _store, _identity: every)
    at = login(open_page("pages/upload.py"), COORD, COORD_PW)
    at = upload(at.selectbox(key="upload_network").set_value("lv-municipalities").run(), "latvian.csv",
                LATVIAN_FILE)
    no_exceptions(at)
    assert texts(at.error) == ["You may not upload for the network lv\\-municipalities: only its "
                               "coordinators and administrators may."]
    assert not [b for b in at.button if b.key == "upload_commit"]
    assert audit_actions(store, COORD)[-1] == "upload_refused"


def test_a_revoked_network_takes_effect_before_the_commit(store: Store) -> None:
    """Preview allowed, then an admin removes the network from the account: the click writes nothing (the
    change ends the session, issue 11.6) and the use case refuses the session's identity too."""
    at = upload(login(open_page("pages/upload.py"), COORD, COORD_PW), "tankis.csv", cp1257_file())
    identity = at.session_state["identity"]
    accounts.set_networks(store, COORD, [])
    at = at.button(key="upload_commit").click().run()
    assert "identity" not in at.session_state and not at.file_uploader
    assert texts(at.warning) == [t("login.ended", "en")]
    assert value(store, "LT-01", "POP_DENSITY", "2018") == 23.2
    with pytest.raises(PermissionDenied):  # the session still names the network; the account no longer does
        coordination.commit_upload(store, identity, coordination.Upload(
            cp1257_file(), "tankis.csv", IngestOptions(network=NETWORK)), None)
    assert audit_actions(store, COORD)[-1] == "upload_refused"


def test_the_api_refuses_other_networks_and_analysts(store: Store) -> None:
    """commit_upload checks the account's stored networks and role, whatever the caller passes."""
    forged = Identity.issue(COORD, "coordinator", ("lv-municipalities",))  # a session naming another network
    job = coordination.Upload(LATVIAN_FILE, "latvian.csv", IngestOptions(network="lv-municipalities"))
    with pytest.raises(PermissionDenied):
        coordination.commit_upload(store, forged, job, None)
    with pytest.raises(PermissionDenied):
        coordination.commit_upload(store, Identity.issue(ANALYST, "analyst"), job, None)
    with pytest.raises(PermissionDenied):
        coordination.commit_upload(store, None, job, None)
    assert latvian_value(store) != 1


# --- history and undo ---------------------------------------------------------------------------------------

def commit_density(store: Store) -> AppTest:
    """Log in as the coordinator and commit the cp1257 fixture; return the app (on the upload page)."""
    at = upload(login(open_page("pages/upload.py"), COORD, COORD_PW), "tankis.csv", cp1257_file())
    return at.button(key="upload_commit").click().run()


def test_history_shows_the_batch_and_what_it_changed(store: Store) -> None:
    """Who, when, file, hash, network, counts; the values it changed with their old values."""
    at = commit_density(store).switch_page("pages/history.py").run()
    no_exceptions(at)
    ledger = frame_with(at, "SHA-256")
    first = ledger.iloc[0]
    assert (first["Who"], first["File"], first["Network"], first["New"], first["Changed"]) == (
        COORD, "tankis.csv", NETWORK, 1, 1)
    assert len(first["SHA-256"]) == 12 and first["Status"] == "committed"
    changes = frame_with(at, "Now")
    assert rows_of(changes, ["Municipality", "Period", "Old value", "New value", "Now"]) == [
        ["LT-01", "2018", 23.2, 25.3, "current"], ["LT-02", "2019", None, 1234.5, "current"]]


def test_undo_previews_then_restores_the_old_value(store: Store) -> None:
    """Preview of the undo (restored / removed), then confirm: the old value is back, the new one gone."""
    at = commit_density(store).switch_page("pages/history.py").run()
    batch_id = int(frame_with(at, "SHA-256").iloc[0]["No."])
    at = at.button(key=f"undo_preview_{batch_id}").click().run()
    effect = frame_with(at, "Value after the undo")
    assert rows_of(effect, ["Municipality", "Current value", "Value after the undo", "Change"]) == [
        ["LT-01", 25.3, 23.2, "restored"], ["LT-02", 1234.5, None, "removed"]]
    assert value(store, "LT-01", "POP_DENSITY", "2018") == 25.3  # nothing happens before the confirmation
    at = at.button(key=f"undo_{batch_id}").click().run()
    no_exceptions(at)
    assert texts(at.success) == [f"Upload no. {batch_id} was undone: the values it replaced are back, the "
                                 "ones it added are gone."]
    assert value(store, "LT-01", "POP_DENSITY", "2018") == 23.2
    assert value(store, "LT-02", "POP_DENSITY", "2019") is None
    assert audit_actions(store, COORD)[-1] == "undo"
    assert frame_with(at, "SHA-256").iloc[0]["Status"] == "undone"


def test_another_coordinator_neither_sees_nor_undoes_the_batch(store: Store) -> None:
    """The Latvian coordinator's history has no Lithuanian batch; the api refuses its undo too."""
    commit_density(store)
    mine = coordination.history(store, Identity.issue(COORD, "coordinator", (NETWORK,)))
    batch_id = int(mine.iloc[0]["id"])
    at = login(open_page("pages/history.py"), OTHER, OTHER_PW)
    ledgers = [d.value for d in at.dataframe if "SHA-256" in d.value.columns]
    assert ledgers and batch_id not in ledgers[0]["No."].tolist()
    with pytest.raises(NotFoundError):  # a forged session naming the network: the account decides
        coordination.undo(store, Identity.issue(OTHER, "coordinator", (NETWORK,)), batch_id)
    assert value(store, "LT-01", "POP_DENSITY", "2018") == 25.3


def test_a_colleague_in_the_same_network_sees_but_cannot_undo(store: Store) -> None:
    """Only the batch's own coordinator (or an admin) may undo it."""
    commit_density(store)
    accounts.add_user(store, "colleague", "coordinator-pass-3", "coordinator", [NETWORK])
    at = login(open_page("pages/history.py"), "colleague", "coordinator-pass-3")
    assert ("Only the coordinator who uploaded it, or an administrator, may undo this upload."
            in texts(at.info))
    assert not [b for b in at.button if (b.key or "").startswith("undo_")]


def test_cached_pages_show_the_new_data_after_a_commit(store: Store) -> None:
    """Page results are cached on the data version: the home page shows the new period at once."""
    at = login(open_page("pages/upload.py"), COORD, COORD_PW)
    home = at.switch_page("pages/home.py").run()
    periods_before = int(next(m.value for m in home.metric if m.label == "Periods"))
    heatmap = json.loads(home.get("plotly_chart")[0].proto.spec)
    assert "2019" not in json.dumps(heatmap["data"])
    at = home.switch_page("pages/upload.py").run()
    at = upload(at, "tankis.csv", cp1257_file()).button(key="upload_commit").click().run()
    home = at.switch_page("pages/home.py").run()
    assert int(next(m.value for m in home.metric if m.label == "Periods")) == periods_before + 1
    assert "2019" in json.dumps(json.loads(home.get("plotly_chart")[0].proto.spec)["data"])
    latest = home.dataframe[-1].value  # latest uploads, newest first
    assert latest[t("history.col.file_name", "en")].iloc[0] == "tankis.csv"


# --- the pieces under the page: workbook limits, formula-safe CSV -------------------------------------------

def zip_of(entries: dict[str, bytes]) -> bytes:
    """A ZIP archive (deflated) of the given entries."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buf.getvalue()


@pytest.mark.parametrize(("data", "code"), [
    (zip_of({"xl/worksheets/sheet1.xml": b"<" + b"a" * (20 * 1024 * 1024) + b">"}), "xlsx_suspicious"),
    (zip_of({f"f{i}.xml": b"x" for i in range(xlsx.MAX_ENTRIES + 1)}), "xlsx_too_complex"),
    (b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "xlsx_old_format"),
    (b"entity_code,value\n", "xlsx_unreadable"),
    (b"PK\x03\x04 not really a zip", "xlsx_unreadable"),
    (zip_of({"[Content_Types].xml": b"<Types/>"}), "xlsx_unreadable"),
], ids=["zip-bomb", "too-many-parts", "old-xls", "not-a-zip", "broken-zip", "zip-but-no-workbook"])
def test_a_hostile_or_broken_workbook_is_refused_before_parsing(data: bytes, code: str) -> None:
    """ZIP limits are checked before openpyxl runs; every failure is one InputError with a rule code."""
    with pytest.raises(InputError) as caught:
        xlsx.sheet_names(data, "x.xlsx")
    assert [p.code for p in caught.value.problems] == [code]


def test_the_size_of_an_unpacked_workbook_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    """A workbook that unpacks beyond the cap is refused, with the sizes in the message params."""
    monkeypatch.setattr(xlsx, "MAX_UNCOMPRESSED", 1024)
    data = workbook({"S": [["entity_code", "value"]] + [[f"LT-{i:02}", i] for i in range(200)]})
    with pytest.raises(InputError) as caught:
        xlsx.sheet_as_csv(data, "x.xlsx")
    assert caught.value.problems[0].code == "xlsx_too_large"


def test_an_xml_entity_bomb_inside_a_workbook_is_refused() -> None:
    """defusedxml makes openpyxl refuse entity declarations ("billion laughs")."""
    good = zipfile.ZipFile(io.BytesIO(workbook({"S": [["a", 1]]})))
    bomb = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
            b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">&b;</workbook>')
    entries = {n: (bomb if n == "xl/workbook.xml" else good.read(n)) for n in good.namelist()}
    with pytest.raises(InputError) as caught:
        xlsx.sheet_names(zip_of(entries), "x.xlsx")
    assert caught.value.problems[0].code == "xlsx_unreadable"


def test_a_sheet_becomes_csv_with_its_row_numbers() -> None:
    """Blank rows stay as empty lines, whole floats lose `.0`, dates are ISO, trailing blanks are dropped."""
    import datetime as dt
    data = workbook({"S": [["code", "value", "when"], [], ["0114", 12.0, dt.datetime(2025, 7, 1)],
                           ["LT-01", 1234.5678, None], [None, None, None]]})
    assert xlsx.sheet_as_csv(data, "x.xlsx").decode() == (
        "code,value,when\n\n0114,12,2025-07-01\nLT-01,1234.5678,\n")


@pytest.mark.parametrize(("cell", "expected"), [
    ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"),
    ("\rx", "'\rx"),
    ("-12,5", "-12,5"),
    ("-1 234.5", "-1 234.5"),
    ("+3", "+3"),
    ("Akmenės r. sav.", "Akmenės r. sav."),
    (-4.5, -4.5),
    (None, None),
])
def test_neutralise_formula_cells_but_not_numbers(cell: object, expected: object) -> None:
    """Formula-like text gets an apostrophe; numbers and number-like text stay as they are."""
    assert neutralise(cell) == expected


def test_safe_csv_keeps_numbers_numeric_and_letters_readable() -> None:
    """UTF-8 with BOM, neutralised text and headers, numeric columns untouched."""
    frame = pd.DataFrame({"=name": ["=1+1", "Šiauliai"], "value": [-3.5, 2.0]})
    text = safe_csv(frame).decode("utf-8-sig")
    assert text.splitlines() == ["'=name,value", "'=1+1,-3.5", "Šiauliai,2.0"]
    assert safe_csv(frame).startswith(b"\xef\xbb\xbf")


def test_the_downloaded_report_neutralises_formula_cells() -> None:
    """A hostile cell from the uploaded file is inert in the report's CSV; row numbers stay plain."""
    hostile = InputProblem("x.csv", 2, "entity_code", value='=HYPERLINK("http://evil","click")',
                           code="unknown_entity")
    frame = report_frame(InputError([hostile]), "en")
    lines = safe_csv(frame).decode("utf-8-sig").splitlines()
    assert lines == ["Row,Column,Value,Problem,Suggestion",
                     '2,entity_code,"\'=HYPERLINK(""http://evil"",""click"")",'
                     '"""=HYPERLINK(""http://evil"",""click"")"" is not a known entity code or name (expected the '
                     'code or name of an entity in the store)",']


def test_every_problem_translation_fills_in() -> None:
    """Each rule's message formats in every language with the fields its English text names."""
    from benchlearn.i18n import catalogue
    from benchlearn.i18n.catalogues import placeholders
    from benchlearn.i18n.problems import fill
    keys = [k for k in catalogue() if k.startswith("upload.problem.")]
    assert len(keys) >= 40
    for key in keys:
        fields = {name: "X" for name in placeholders(catalogue()[key]["en"])}
        for lang in ("en", "lt", "lv"):
            assert "{" not in fill(catalogue()[key][lang], lang, **fields), key


def test_ingest_options_of_the_form_reach_the_preview(store: Store) -> None:
    """An encoding override is used: read as UTF-8, the cp1257 file is refused with the decoder's message."""
    at = upload(login(open_page("pages/upload.py"), COORD, COORD_PW), "tankis.csv", cp1257_file())
    at = at.selectbox(key="upload_encoding").set_value("utf-8").run()
    assert [p.code for p in at.session_state["upload_preview"][1].problems] == ["undecodable"]
    assert Kind(at.selectbox(key="upload_kind").value) is Kind.VALUES
