"""Issue 11, points 2, 3, 6 and 7: sessions against the account as the store holds it now.

2. A removed or demoted admin keeps no admin power on an open page: every privileged use case reads the account
   at the moment of the action (use cases directly, and the admin page in AppTest).
3. The lock-out is atomic: at most 5 passwords are checked per lock window, whatever the concurrency (20 threads
   against the use case, 12 AppTest sessions submitting at once), counted with a real argon2 hasher subclass.
6. A password, role or networks change, and removal, end every open session of the account at its next action.
7. Logout clears everything the session held for the user, the file uploader's file included.

The use-case tests run on a small store of their own, a DuckDB file and then a PostgreSQL database
(`store_location`); the page tests on a DuckDB copy of the demo store (the `app_db` fixture).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher, Type
from page_support import dashboard_store
from streamlit.testing.v1 import AppTest

from benchlearn.api import accounts, administration, backup, coordination, sessions
from benchlearn.auth import AccountLocked, Identity, LoginFailed, LoginPolicy, Passwords, utcnow
from benchlearn.errors import PermissionDenied
from benchlearn.i18n import t
from benchlearn.ingest import IngestOptions
from benchlearn.store import Store, open_store

ROOT = Path(__file__).resolve().parents[1]
UPLOADS = Path(__file__).parent / "data" / "upload"
TIMEOUT = 60
ROOT_ADMIN, OTHER_ADMIN, COORD, LATVIAN = "root", "second-admin", "coord", "latvian"
PW = {ROOT_ADMIN: "root-password-1", OTHER_ADMIN: "second-password-1", COORD: "coordinator-pass-1",
      LATVIAN: "latvian-password-1"}
WRONG = "not-the-password-9"
NO_DELAY = LoginPolicy(delay_seconds=0, max_delay_seconds=0)
# a lock started by a concurrent attempt that read the clock up to a minute later reads "14 more minutes"
MESSAGES = (t("login.failed", "en"), t("login.locked", "en", minutes=15), t("login.locked", "en", minutes=14))


class CountingHasher(PasswordHasher):
    """argon2id with cheap parameters for tests; remembers every hash it verified against (thread-safe)."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=8, parallelism=1, type=Type.ID)
        self.verified: list[str] = []
        self._lock = threading.Lock()

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:  # noqa: A002 — argon2's own name
        with self._lock:
            self.verified.append(hash)
        return super().verify(hash, password)


# --- fixtures and helpers -----------------------------------------------------------------------------------

@pytest.fixture
def hasher() -> CountingHasher:
    return CountingHasher()


@pytest.fixture
def pw(hasher: CountingHasher, monkeypatch: pytest.MonkeyPatch) -> Passwords:
    """The counting hasher, also used by the login form and the admin page (they use accounts.PASSWORDS)."""
    passwords = Passwords(hasher)
    monkeypatch.setattr(accounts, "PASSWORDS", passwords)
    return passwords


@pytest.fixture
def store(store_location: str, pw: Passwords) -> Iterator[Store]:
    """A small store of its own: two networks, two admins, a coordinator."""
    s = open_store(store_location)
    with s.transaction() as cur:
        for code in ("NET-A", "NET-B"):
            cur.execute("INSERT INTO network (code, name) VALUES (?, ?)", [code, f"test network {code}"])
    add_accounts(s)
    yield s
    s.close()


@pytest.fixture
def app(app_db: Path, pw: Passwords, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """The dashboard's own store on a copy of the demo store (AppTest runs in this process and shares it)."""
    monkeypatch.setattr(accounts, "DEFAULT_POLICY", NO_DELAY)
    with dashboard_store(app_db, monkeypatch) as shared:
        add_accounts(shared, "lt-municipalities", "lv-municipalities")
        yield shared


def add_accounts(store: Store, network: str = "NET-A", other: str = "NET-B") -> None:
    """Two admins, a coordinator of `network` and one of `other`."""
    accounts.add_user(store, ROOT_ADMIN, PW[ROOT_ADMIN], "admin")
    accounts.add_user(store, OTHER_ADMIN, PW[OTHER_ADMIN], "admin")
    accounts.add_user(store, COORD, PW[COORD], "coordinator", [network])
    accounts.add_user(store, LATVIAN, PW[LATVIAN], "coordinator", [other])


def log_in(store: Store, username: str) -> Identity:
    """A session identity from a real login."""
    return accounts.login(store, username, PW[username], sleep=lambda _s: None)


def stored_hash(store: Store, username: str) -> str:
    with store.cursor() as cur:
        return cur.execute("SELECT password_hash FROM app_user WHERE username = ?", [username]).fetchall()[0][0]


def audit_actions(store: Store, username: str) -> list[tuple[str, str]]:
    """(action, detail) of one user's audit entries, oldest first."""
    log = accounts.audit_log(store, 1000, username=username)
    return list(log[["action", "detail"]].itertuples(index=False, name=None))[::-1]


def usernames(store: Store) -> list[str]:
    return sorted(accounts.list_users(store)["username"])


def open_page(page: str, lang: str | None = None) -> AppTest:
    """The dashboard switched to `page`, optionally in another language."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT).run()
    at = at.switch_page(page).run()
    return at.selectbox(key="url_lang").set_value(lang).run() if lang else at


def submit_login(at: AppTest, username: str, password: str) -> AppTest:
    """Fill in and submit the login form."""
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(password)
    return next(b for b in at.button if (b.key or "").startswith("FormSubmitter:login_form")).click().run()


def submit(at: AppTest, form: str) -> AppTest:
    """Press the submit button of the named form."""
    return next(b for b in at.button if (b.key or "").startswith(f"FormSubmitter:{form}-")).click().run()


def upload_file(at: AppTest, name: str, data: bytes) -> AppTest:
    uploader = next(u for u in at.file_uploader if (u.key or "").startswith("upload_file"))
    return uploader.set_value((name, data, "application/octet-stream")).run()


def logged_out_with(at: AppTest, message_key: str, lang: str = "en") -> None:
    """The session's identity is gone and the login form says why, in the page's language."""
    assert not at.exception, [e.value for e in at.exception]
    assert "identity" not in at.session_state
    assert at.text_input(key="login_password") is not None
    assert t(message_key, lang) in [w.value for w in at.warning]


def batch_count(store: Store) -> int:
    with store.cursor() as cur:
        return cur.execute("SELECT count(*) FROM batch").fetchall()[0][0]


# --- point 2: privileged use cases read the account now -------------------------------------------------------

def admin_actions(store: Store) -> dict[str, Callable[[Identity], object]]:
    """Every admin use case, each with arguments that would change something."""
    return {
        "add user": lambda who: administration.add_user(store, who, "intruder", "intruder-password-1", "admin"),
        "set password": lambda who: administration.set_password(store, who, ROOT_ADMIN, "taken-over-pass-1"),
        "set role": lambda who: administration.set_role(store, who, COORD, "admin"),
        "set networks": lambda who: administration.set_networks(store, who, COORD, ["NET-B"]),
        "remove user": lambda who: administration.remove_user(store, who, COORD),
        "list users": lambda who: administration.users(store, who),
        "audit log": lambda who: administration.audit_log(store, who),
        "take backup": lambda who: backup.take_backup(store, who),
        "list backups": lambda who: backup.backups(store, who),
    }


def assert_nothing_changed(store: Store, root_hash: str) -> None:
    assert usernames(store) == sorted([ROOT_ADMIN, COORD, LATVIAN])
    assert stored_hash(store, ROOT_ADMIN) == root_hash
    users = accounts.list_users(store).set_index("username")
    assert (users.loc[COORD, "role"], users.loc[COORD, "networks"]) == ("coordinator", "NET-A")
    assert not (Path(store.path).parent / "backups").exists()


def test_a_removed_admin_is_refused_by_every_admin_use_case(store: Store) -> None:
    """The session still says admin; the account is gone: each action is refused, audited, and changes nothing."""
    session = log_in(store, OTHER_ADMIN)
    administration.remove_user(store, log_in(store, ROOT_ADMIN), OTHER_ADMIN)
    root_hash = stored_hash(store, ROOT_ADMIN)
    for doing, action in admin_actions(store).items():
        with pytest.raises(PermissionDenied, match="your session has ended"):
            action(session)
        assert audit_actions(store, OTHER_ADMIN)[-1][0] == sessions.REFUSED, doing
    assert_nothing_changed(store, root_hash)


def test_a_demoted_admin_is_refused_even_with_a_session_issued_after_the_demotion(store: Store) -> None:
    """The role is read from the store, not from the identity: a session naming the admin role (issued after
    the demotion, so not ended by it) gets nothing."""
    accounts.set_role(store, OTHER_ADMIN, "analyst", actor=ROOT_ADMIN)
    claims_admin = Identity.issue(OTHER_ADMIN, "admin", now=utcnow() + timedelta(seconds=1))
    root_hash = stored_hash(store, ROOT_ADMIN)
    for doing, action in admin_actions(store).items():
        with pytest.raises(PermissionDenied, match="needs the admin role"):
            action(claims_admin)
        assert audit_actions(store, OTHER_ADMIN)[-1][0] == sessions.REFUSED, doing
    assert usernames(store) == sorted([ROOT_ADMIN, OTHER_ADMIN, COORD, LATVIAN])
    assert stored_hash(store, ROOT_ADMIN) == root_hash


def admin_page(username: str) -> AppTest:
    """The admin page after logging in through its form."""
    at = submit_login(open_page("pages/admin.py"), username, PW[username])
    assert at.session_state["identity"].username == username
    return at


def test_a_removed_admin_cannot_create_a_user_from_an_open_admin_page(app: Store) -> None:
    """Removed by another admin two seconds earlier: the add-user form creates nobody (issue 11.2's probe)."""
    at = admin_page(OTHER_ADMIN)
    administration.remove_user(app, log_in(app, ROOT_ADMIN), OTHER_ADMIN)
    at.text_input(key="admin_new_username").input("intruder")
    at.text_input(key="admin_new_password").input("intruder-password-1")
    at.selectbox(key="admin_new_role").set_value("admin")
    at = submit(at, "admin_add_user")
    assert "intruder" not in usernames(app)
    logged_out_with(at, "login.ended")
    assert (sessions.SESSION_ENDED, "the account was changed or removed") in audit_actions(app, OTHER_ADMIN)


def test_a_demoted_admin_cannot_set_another_admins_password_from_an_open_admin_page(app: Store) -> None:
    """Demoted to analyst while the page is open: setting the other admin's password does nothing."""
    at = admin_page(OTHER_ADMIN).selectbox(key="admin_user").set_value(ROOT_ADMIN).run()
    before = stored_hash(app, ROOT_ADMIN)
    administration.set_role(app, log_in(app, ROOT_ADMIN), OTHER_ADMIN, "analyst")
    next(i for i in at.text_input if i.label == "New password").input("taken-over-pass-1")
    at = submit(at, f"admin_password_{ROOT_ADMIN}")
    assert stored_hash(app, ROOT_ADMIN) == before
    logged_out_with(at, "login.ended")
    with pytest.raises(LoginFailed):
        accounts.login(app, ROOT_ADMIN, "taken-over-pass-1", sleep=lambda _s: None)


def test_a_removed_admin_cannot_take_a_backup_from_an_open_admin_page(app: Store) -> None:
    """The backup button of a removed admin's open page writes no backup."""
    at = admin_page(OTHER_ADMIN)
    administration.remove_user(app, log_in(app, ROOT_ADMIN), OTHER_ADMIN)
    at = at.button(key="admin_backup_take").click().run()
    assert not (Path(app.path).parent / "backups").exists()
    logged_out_with(at, "login.ended")


# --- point 6: account changes end the account's sessions -----------------------------------------------------

CHANGES: dict[str, Callable[[Store], object]] = {
    "password": lambda s: accounts.set_password(s, COORD, "a-brand-new-pass-1", actor=ROOT_ADMIN),
    "role": lambda s: accounts.set_role(s, COORD, "analyst", actor=ROOT_ADMIN),
    "networks": lambda s: accounts.set_networks(s, COORD, ["NET-A", "NET-B"], actor=ROOT_ADMIN),
    "removal": lambda s: accounts.remove_user(s, COORD, actor=ROOT_ADMIN),
}


@pytest.mark.parametrize("change", CHANGES)
def test_an_account_change_ends_its_open_sessions(store: Store, change: str) -> None:
    """After the change the old identity is over for every use case; a new login (where possible) is not."""
    session = log_in(store, COORD)
    assert sessions.current(store, session).networks == ("NET-A",)
    CHANGES[change](store)
    assert sessions.current(store, session) is None
    with pytest.raises(PermissionDenied):
        coordination.upload_networks(store, session)
    with pytest.raises(PermissionDenied):
        coordination.preview_upload(store, session, coordination.Upload(
            b"entity_code,indicator_code,period,value\n", "x.csv", IngestOptions(network="NET-A")))
    if change != "removal":
        password = "a-brand-new-pass-1" if change == "password" else PW[COORD]
        fresh = accounts.login(store, COORD, password, sleep=lambda _s: None)
        assert sessions.current(store, fresh) is not None


def test_saving_the_same_role_and_networks_keeps_the_sessions(store: Store) -> None:
    """Only a real change ends sessions: the admin page saves role and networks together."""
    session = log_in(store, COORD)
    accounts.set_networks(store, COORD, ["NET-A"], actor=ROOT_ADMIN)
    accounts.set_role(store, COORD, "coordinator", actor=ROOT_ADMIN)
    assert sessions.current(store, session) == session


def test_a_new_account_of_a_removed_name_does_not_revive_its_old_sessions(store: Store) -> None:
    """The end of the sessions outlives the account: a later account named the same starts clean."""
    session = log_in(store, COORD)
    accounts.remove_user(store, COORD, actor=ROOT_ADMIN)
    accounts.add_user(store, COORD, "another-person-pw-1", "admin", actor=ROOT_ADMIN)
    assert sessions.current(store, session) is None
    assert sessions.current(store, accounts.login(store, COORD, "another-person-pw-1")).role == "admin"


def test_the_end_of_sessions_never_moves_back(store: Store) -> None:
    """Two changes in any order: the later moment wins, so an earlier one cannot revive a session."""
    later, earlier = utcnow() + timedelta(minutes=5), utcnow()
    with store.transaction() as cur:
        sessions.end_sessions(cur, COORD, later)
        sessions.end_sessions(cur, COORD, earlier)
    assert sessions.current(store, Identity.issue(COORD, "coordinator", now=later - timedelta(seconds=1))) is None
    assert sessions.current(store, Identity.issue(COORD, "coordinator", now=later)) is not None


def test_a_login_after_the_change_starts_no_earlier_than_the_change(store: Store) -> None:
    """A clock set back after a password change must not end the next session at once."""
    accounts.set_password(store, COORD, "a-brand-new-pass-1", actor=ROOT_ADMIN)
    earlier = utcnow() - timedelta(minutes=5)
    session = accounts.login(store, COORD, "a-brand-new-pass-1", earlier, sleep=lambda _s: None)
    assert session.issued_at > earlier
    assert sessions.current(store, session) is not None


def test_a_password_reset_ends_an_open_upload_page_before_its_commit(app: Store) -> None:
    """Issue 11.6's probe: the coordinator's page previewed a file; an admin resets the password; the Commit
    click writes nothing and logs the page out, saying why in the page's language."""
    at = submit_login(open_page("pages/upload.py", lang="lt"), COORD, PW[COORD])
    at = upload_file(at, "tankis.csv", (UPLOADS / "density_cp1257.csv").read_bytes())
    assert at.button(key="upload_commit") is not None
    before = batch_count(app)
    administration.set_password(app, log_in(app, ROOT_ADMIN), COORD, "a-brand-new-pass-1")
    at = at.button(key="upload_commit").click().run()
    assert batch_count(app) == before
    logged_out_with(at, "login.ended", "lt")
    assert not at.file_uploader and "upload_preview" not in at.session_state


# --- point 3: the lock-out is atomic ---------------------------------------------------------------------------

def test_twenty_simultaneous_wrong_passwords_get_at_most_five_checks(store: Store, hasher: CountingHasher) -> None:
    """20 threads guess at once: 5 passwords are checked, 15 attempts are refused unchecked; the right
    password is then refused too, without a check."""
    target = stored_hash(store, COORD)
    hasher.verified.clear()
    start = threading.Barrier(20)

    def guess(_: int) -> str:
        start.wait()
        try:
            accounts.login(store, COORD, WRONG, sleep=lambda _s: None)
        except AccountLocked:
            return "locked"
        except LoginFailed:
            return "failed"
        return "accepted"

    with ThreadPoolExecutor(20) as pool:
        outcomes = list(pool.map(guess, range(20)))
    assert hasher.verified.count(target) == 5 and len(hasher.verified) == 5
    assert sorted(outcomes).count("failed") == 4 and "accepted" not in outcomes
    wrong = [d for a, d in audit_actions(store, COORD) if d.startswith("wrong password")]
    assert sorted(wrong) == [f"wrong password ({n} of 5)" for n in range(1, 6)]
    with pytest.raises(AccountLocked):
        accounts.login(store, COORD, PW[COORD], sleep=lambda _s: None)
    assert len(hasher.verified) == 5


def test_a_conflicting_transaction_is_retried_not_miscounted(store: Store, hasher: CountingHasher) -> None:
    """Another writer (as another process would be) holds the account's row: the attempt waits, retries on
    the committed count, and is counted on top of it."""
    if not isinstance(store, Store):
        pytest.skip("DuckDB's write conflict; on PostgreSQL every writer takes the advisory lock and waits "
                    "(test_pg_store.py)")
    blocker = store._con.cursor()  # a second writer outside this process's write lock
    blocker.begin()
    blocker.execute("UPDATE app_user SET failed_logins = 3 WHERE username = ?", [COORD])
    pauses: list[float] = []

    def pause(seconds: float) -> None:
        pauses.append(seconds)
        if len(pauses) == 1:
            blocker.commit()

    with pytest.raises(LoginFailed) as caught:
        accounts.login(store, COORD, WRONG, sleep=pause)
    assert caught.type is LoginFailed
    assert pauses[0] == 0.01  # one retry after the conflict, then the failure's delay
    assert accounts.list_users(store).set_index("username").loc[COORD, "failed_logins"] == 4
    assert audit_actions(store, COORD)[-1] == ("login_failed", "wrong password (4 of 5)")
    blocker.close()


def test_an_unknown_user_still_costs_one_dummy_check(store: Store, hasher: CountingHasher, pw: Passwords) -> None:
    """The reservation changes nothing for unknown names: the same verification, the same message."""
    hasher.verified.clear()
    with pytest.raises(LoginFailed) as caught:
        accounts.login(store, "nobody", WRONG, sleep=lambda _s: None)
    assert caught.type is LoginFailed and hasher.verified == [pw.dummy_hash]


def press_login(at: AppTest) -> AppTest:
    """Submit the login form the page drew."""
    button = next(b for b in at.button if (b.key or "").startswith("FormSubmitter:login_form"))
    # twelve argon2 checks on two cores, beside the other worker's tests: give each run time enough
    return button.click().run(timeout=TIMEOUT * 4)


def test_twelve_login_forms_submitted_at_once_check_at_most_five_passwords(app: Store,
                                                                            hasher: CountingHasher) -> None:
    """12 sessions submit a wrong password at the same moment; then a 13th the right one: locked."""
    target = stored_hash(app, COORD)
    forms = [open_page("pages/upload.py") for _ in range(12)]
    for at in forms:
        at.text_input(key="login_username").input(COORD)
        at.text_input(key="login_password").input(WRONG)
    hasher.verified.clear()
    start = threading.Barrier(len(forms))

    def press(at: AppTest) -> AppTest:
        start.wait()
        return press_login(at)

    with ThreadPoolExecutor(len(forms)) as pool:
        done = list(pool.map(press, forms))
    # AppTest is not made for threads: each run sets the process-wide Runtime instance and clears it when it
    # ends, so a run still drawing sees "no runtime", draws the submit button outside its form and the click is
    # lost (seen under load: key "FormSubmitter:-Log in", the form unsubmitted, no message). The server has one
    # Runtime for all sessions. Such a form tried no login: submit it again from a fresh page, on its own.
    for i, at in enumerate(done):
        if not any(e.value in MESSAGES for e in at.error):
            again = open_page("pages/upload.py")
            again.text_input(key="login_username").input(COORD)
            again.text_input(key="login_password").input(WRONG)
            done[i] = press_login(again)
    assert hasher.verified.count(target) <= 5 and len(hasher.verified) <= 5
    said = [next((e.value for e in at.error if e.value in MESSAGES), f"no login message: {at.exception}")
            for at in done]
    # the 5th checked guess reaches the limit; every later one is refused as locked, unchecked
    failed = t("login.failed", "en")
    assert said.count(failed) <= 4 and said.count(failed) + len([m for m in said if m in MESSAGES[1:]]) == 12, said
    assert not any("identity" in at.session_state for at in done)
    at = submit_login(open_page("pages/upload.py"), COORD, PW[COORD])
    assert "identity" not in at.session_state and not at.file_uploader
    assert t("login.locked", "en", minutes=15) in [e.value for e in at.error]
    assert len(hasher.verified) == 5


# --- point 7: logout clears the user's session state ---------------------------------------------------------

def test_the_next_user_after_a_logout_sees_nothing_of_the_previous_upload(app: Store) -> None:
    """A coordinator previews a file and logs out; another coordinator logs in on the same tab: no preview, no
    diff, no Commit button, an empty uploader."""
    at = submit_login(open_page("pages/upload.py"), COORD, PW[COORD])
    at = upload_file(at, "tankis.csv", (UPLOADS / "density_cp1257.csv").read_bytes())
    assert at.button(key="upload_commit") is not None and at.metric
    at = at.button(key="logout").click().run()
    # what is left: the language, the uploader's key counter, and the login form this run drew
    left = [str(k) for k in at.session_state if not str(k).startswith(("url_lang", "upload_nonce", "login_"))]
    at = submit_login(at, LATVIAN, PW[LATVIAN])
    assert at.session_state["identity"].username == LATVIAN
    assert not at.exception, [e.value for e in at.exception]
    assert not [b for b in at.button if b.key == "upload_commit"]
    assert not at.metric and not at.dataframe
    uploader = next(u for u in at.file_uploader if (u.key or "").startswith("upload_file"))
    assert uploader.value is None and uploader.key != "upload_file_0"
    assert left == ["FormSubmitter:login_form-Log in"]
