"""Accounts on real DuckDB files: argon2id hashes, the dummy-hash path, lock-out, sessions, roles, audit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest
from argon2 import PasswordHasher, Type

from benchlearn.api import accounts
from benchlearn.auth import (
    PASSWORDS,
    AccountError,
    AccountLocked,
    Identity,
    LoginFailed,
    LoginPolicy,
    Passwords,
    can_upload,
    has_role,
    require_role,
    require_upload,
)
from benchlearn.errors import NotFoundError, PermissionDenied
from benchlearn.model import Role
from benchlearn.store import audit, open_store

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
PW = "correct horse battery"
WRONG = "wrong password!"


class CountingHasher(PasswordHasher):
    """Fast argon2id parameters for tests; remembers every hash it was asked to verify against."""

    def __init__(self, time_cost: int = 1) -> None:
        super().__init__(time_cost=time_cost, memory_cost=8, parallelism=1, type=Type.ID)
        self.verified: list[str] = []

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:  # noqa: A002 — argon2's own name
        self.verified.append(hash)
        return super().verify(hash, password)


@pytest.fixture
def hasher() -> CountingHasher:
    return CountingHasher()


@pytest.fixture
def pw(hasher: CountingHasher) -> Passwords:
    return Passwords(hasher)


@pytest.fixture
def store(store_location):
    s = open_store(store_location)
    with s.transaction() as cur:
        for code in ("NET-A", "NET-B"):
            cur.execute("INSERT INTO network (code, name) VALUES (?, ?)", [code, f"test network {code}"])
        cur.execute("INSERT INTO entity (code, name) VALUES (?, ?)", ["E1", "test municipality"])
    yield s
    s.close()


@pytest.fixture
def sleeps() -> list[float]:
    return []


def login(store, pw, sleeps, username="coord", password=PW, now=T0, policy=None):
    return accounts.login(store, username, password, now, passwords=pw, policy=policy, sleep=sleeps.append)


def user_row(store, username: str) -> dict:
    frame = accounts.list_users(store)
    return frame.set_index("username").loc[username].to_dict()


def actions(store) -> list[tuple[str, str, str]]:
    """(username, action, detail) of every audit entry, oldest first."""
    frame = accounts.audit_log(store, 1000)
    return list(frame[["username", "action", "detail"]].itertuples(index=False, name=None))[::-1]


@pytest.fixture
def coord(store, pw) -> str:
    accounts.add_user(store, "coord", PW, "coordinator", ["NET-A"], "E1", actor="root", passwords=pw)
    return "coord"


# --- hashing --------------------------------------------------------------------------------------

def test_hash_is_argon2id_and_verifies(pw):
    stored = pw.hash(PW)
    assert stored.startswith("$argon2id$v=19$m=8,t=1,p=1$")
    assert pw.verify(stored, PW) is True
    assert pw.verify(stored, WRONG) is False
    assert pw.verify("not a hash", PW) is False


def test_default_parameters_are_argon2id_rfc9106_low_memory():
    hasher = PASSWORDS.hasher
    assert (hasher.type, hasher.time_cost, hasher.memory_cost, hasher.parallelism) == (Type.ID, 3, 65536, 4)


def test_only_argon2id_hashers_are_accepted():
    with pytest.raises(ValueError, match="argon2id"):
        Passwords(PasswordHasher(type=Type.I))


def test_stored_hash_is_argon2id_and_never_listed(store, coord):
    with store.cursor() as cur:
        stored = cur.execute("SELECT password_hash FROM app_user WHERE username = 'coord'").fetchall()[0][0]
    assert stored.startswith("$argon2id$")
    frame = accounts.list_users(store)
    assert "password_hash" not in frame.columns
    assert not frame.astype(str).apply(lambda col: col.str.contains("argon2")).any().any()


def test_login_rehashes_a_hash_made_with_older_parameters(store, coord, sleeps):
    stronger = Passwords(CountingHasher(time_cost=2))
    assert stronger.needs_rehash(user_hash(store)) is True
    login(store, stronger, sleeps)
    assert user_hash(store).startswith("$argon2id$v=19$m=8,t=2,p=1$")
    assert stronger.needs_rehash(user_hash(store)) is False
    assert actions(store)[-1] == ("coord", "login", "rehashed")
    login(store, stronger, sleeps)  # the new hash verifies
    assert actions(store)[-1] == ("coord", "login", "")


def user_hash(store) -> str:
    with store.cursor() as cur:
        return cur.execute("SELECT password_hash FROM app_user WHERE username = 'coord'").fetchall()[0][0]


# --- login ----------------------------------------------------------------------------------------

def test_login_returns_an_identity_and_is_audited(store, pw, coord, sleeps):
    identity = login(store, pw, sleeps)
    assert (identity.username, identity.role, identity.networks, identity.entity_code) == (
        "coord", Role.COORDINATOR, ("NET-A",), "E1")
    assert identity.issued_at == T0
    assert identity.expires_at == T0 + timedelta(hours=8)
    assert sleeps == []
    last = accounts.audit_log(store, 1).iloc[0]
    assert (last["username"], last["action"]) == ("coord", "login")
    assert last["logged_at"] == T0.replace(tzinfo=None)  # stored as naive UTC


def test_wrong_password_gets_the_generic_message_and_a_delay(store, pw, coord, sleeps):
    with pytest.raises(LoginFailed) as caught:
        login(store, pw, sleeps, password=WRONG)
    assert caught.type is LoginFailed
    assert caught.value.message == "wrong user name or password"
    assert user_row(store, "coord")["failed_logins"] == 1
    assert sleeps == [0.25]
    assert actions(store)[-1] == ("coord", "login_failed", "wrong password (1 of 5)")


def test_unknown_user_is_verified_against_the_dummy_hash(store, pw, hasher, coord, sleeps):
    hasher.verified.clear()
    with pytest.raises(LoginFailed) as caught:
        login(store, pw, sleeps, username="nobody")
    assert caught.type is LoginFailed
    assert caught.value.message == "wrong user name or password"
    assert hasher.verified == [pw.dummy_hash]
    assert pw.dummy_hash.startswith("$argon2id$v=19$m=8,t=1,p=1$")  # the same cost as a real user's hash
    assert sleeps == [0.25]
    assert actions(store)[-1] == ("nobody", "login_failed", "unknown user name")


def test_known_user_is_verified_against_its_own_hash(store, pw, hasher, coord, sleeps):
    hasher.verified.clear()
    with pytest.raises(LoginFailed):
        login(store, pw, sleeps, password=WRONG)
    assert hasher.verified == [user_hash(store)]
    assert pw.dummy_hash not in hasher.verified


def test_five_failures_lock_the_account_until_the_window_ends(store, pw, hasher, coord, sleeps):
    for minute in range(4):
        with pytest.raises(LoginFailed) as caught:
            login(store, pw, sleeps, password=WRONG, now=T0 + timedelta(minutes=minute))
        assert caught.type is LoginFailed
    with pytest.raises(AccountLocked) as locked:
        login(store, pw, sleeps, password=WRONG, now=T0 + timedelta(minutes=4))
    assert locked.value.message == "this account is locked for 15 more minutes after repeated failed logins"
    assert sleeps == [0.25, 0.5, 1.0, 2.0, 2.0]
    assert actions(store)[-1] == ("coord", "account_locked", "locked for 15 minutes after 5 failed logins")

    checked = len(hasher.verified)
    with pytest.raises(AccountLocked) as still:  # even the right password, without checking it
        login(store, pw, sleeps, now=T0 + timedelta(minutes=13, seconds=30))
    assert still.value.message == "this account is locked for 6 more minutes after repeated failed logins"
    assert len(hasher.verified) == checked
    assert actions(store)[-1] == ("coord", "login_failed", "refused: locked for 6 more minutes")

    identity = login(store, pw, sleeps, now=T0 + timedelta(minutes=19))
    assert identity.username == "coord"
    row = user_row(store, "coord")
    assert row["failed_logins"] == 0
    assert pd.isna(row["locked_until"])


def test_after_a_lock_ends_the_user_has_all_tries_again(store, pw, coord, sleeps):
    for _ in range(5):
        with pytest.raises(LoginFailed):
            login(store, pw, sleeps, password=WRONG)
    later = T0 + timedelta(minutes=16)
    for _ in range(4):
        with pytest.raises(LoginFailed) as caught:
            login(store, pw, sleeps, password=WRONG, now=later)
        assert caught.type is LoginFailed


def test_success_resets_the_failure_count(store, pw, coord, sleeps):
    for _ in range(4):
        with pytest.raises(LoginFailed):
            login(store, pw, sleeps, password=WRONG)
    login(store, pw, sleeps)
    assert user_row(store, "coord")["failed_logins"] == 0
    for _ in range(4):
        with pytest.raises(LoginFailed) as caught:
            login(store, pw, sleeps, password=WRONG)
        assert caught.type is LoginFailed  # not locked: the count restarted


def test_the_policy_is_configurable(store, pw, coord, sleeps):
    policy = LoginPolicy(max_failures=2, lock_minutes=30, delay_seconds=0.1, max_delay_seconds=0.15)
    with pytest.raises(LoginFailed):
        login(store, pw, sleeps, password=WRONG, policy=policy)
    with pytest.raises(AccountLocked) as locked:
        login(store, pw, sleeps, password=WRONG, policy=policy)
    assert locked.value.minutes == 30
    assert sleeps == [0.1, 0.15]
    with pytest.raises(AccountLocked):
        login(store, pw, sleeps, now=T0 + timedelta(minutes=29), policy=policy)
    assert login(store, pw, sleeps, now=T0 + timedelta(minutes=30), policy=policy).username == "coord"


def test_delay_doubles_and_is_capped():
    assert [LoginPolicy().delay(n) for n in range(1, 7)] == [0.25, 0.5, 1.0, 2.0, 2.0, 2.0]


def test_set_password_lifts_a_lock(store, pw, coord, sleeps):
    for _ in range(5):
        with pytest.raises(LoginFailed):
            login(store, pw, sleeps, password=WRONG)
    accounts.set_password(store, "coord", "a brand new secret", actor="root", passwords=pw)
    assert login(store, pw, sleeps, password="a brand new secret").username == "coord"
    with pytest.raises(LoginFailed):
        login(store, pw, sleeps)  # the old password no longer works


# --- sessions -------------------------------------------------------------------------------------

def test_identity_expires_after_idle_time():
    identity = Identity.issue("u", Role.ANALYST, now=T0)
    assert not identity.is_expired(T0 + timedelta(minutes=59))
    assert identity.is_expired(T0 + timedelta(minutes=60))


def test_activity_keeps_an_identity_alive_but_not_past_its_lifetime():
    identity = Identity.issue("u", "admin", now=T0)
    for minutes in range(50, 8 * 60, 50):
        identity.touch(T0 + timedelta(minutes=minutes))
        assert not identity.is_expired(T0 + timedelta(minutes=minutes + 10))
    assert identity.is_expired(T0 + timedelta(hours=8))


def test_identity_lifetimes_follow_the_policy_and_accept_naive_utc():
    identity = Identity.issue("u", "analyst", now=T0, policy=LoginPolicy(session_hours=1, idle_minutes=5))
    assert identity.expires_at == T0 + timedelta(hours=1)
    assert identity.is_expired(datetime(2025, 3, 1, 9, 5))  # naive = UTC, as DuckDB returns timestamps
    assert not identity.is_expired(datetime(2025, 3, 1, 9, 4))


# --- roles ----------------------------------------------------------------------------------------

def who(role: str, networks: tuple[str, ...] = ()) -> Identity:
    return Identity.issue("u", role, networks, now=T0)


@pytest.mark.parametrize(("identity", "network", "allowed"), [
    (who("admin"), "NET-A", True),
    (who("admin"), "NET-B", True),
    (who("admin"), None, True),
    (who("coordinator", ("NET-A",)), "NET-A", True),
    (who("coordinator", ("NET-A",)), "NET-B", False),
    (who("coordinator", ("NET-A",)), None, False),
    (who("coordinator"), "NET-A", False),
    (who("analyst", ("NET-A",)), "NET-A", False),
    (None, "NET-A", False),
])
def test_can_upload_matrix(identity, network, allowed):
    assert can_upload(identity, network) is allowed


def test_require_role_orders_analyst_coordinator_admin():
    assert require_role(who("admin"), Role.COORDINATOR).role == Role.ADMIN
    assert has_role(who("coordinator"), "analyst") and not has_role(who("coordinator"), "admin")
    with pytest.raises(PermissionDenied) as caught:
        require_role(who("analyst"), Role.COORDINATOR)
    assert caught.value.message == "this needs the coordinator role; you are logged in as analyst"
    with pytest.raises(PermissionDenied, match="^please log in first$"):
        require_role(None, Role.ANALYST)


def test_require_upload_names_the_users_own_networks():
    with pytest.raises(PermissionDenied) as caught:
        require_upload(who("coordinator", ("NET-A",)), "NET-B")
    assert caught.value.message == "you may upload only for your own networks (NET-A), not for NET-B"
    assert require_upload(who("coordinator", ("NET-A",)), "NET-A").networks == ("NET-A",)


# --- account changes ------------------------------------------------------------------------------

@pytest.mark.parametrize(("username", "password", "message"), [
    ("anna", "123456789", "the password must have at least 10 characters"),
    ("annamarija", "AnnaMarija", "the password must not be the user name"),
    ("anna", "x" * 1025, "the password must have at most 1024 characters"),
    ("anna marija", PW, "a user name is 1 to 64 letters, digits or the characters . _ @ - (no spaces)"),
    ("", PW, "a user name is 1 to 64 letters, digits or the characters . _ @ - (no spaces)"),
])
def test_bad_names_and_passwords_are_refused_and_nothing_is_written(store, pw, username, password, message):
    with pytest.raises(AccountError) as caught:
        accounts.add_user(store, username, password, "analyst", passwords=pw)
    assert caught.value.message == message
    assert accounts.list_users(store).empty
    assert accounts.audit_log(store).empty


def test_ten_characters_are_enough_and_names_may_hold_baltic_letters(store, pw):
    accounts.add_user(store, "žemaitė.ona", "0123456789", "analyst", passwords=pw)
    assert list(accounts.list_users(store)["username"]) == ["žemaitė.ona"]


def test_unknown_role_network_or_entity_is_refused(store, pw, coord):
    with pytest.raises(AccountError, match="unknown role 'boss'"):
        accounts.add_user(store, "x1", PW, "boss", passwords=pw)
    with pytest.raises(NotFoundError, match="^there is no network 'NET-Z'$"):
        accounts.add_user(store, "x2", PW, "coordinator", ["NET-A", "NET-Z"], passwords=pw)
    with pytest.raises(NotFoundError, match="E9"):
        accounts.add_user(store, "x3", PW, "analyst", entity_code="E9", passwords=pw)
    with pytest.raises(AccountError, match="^there is already a user 'coord'$"):
        accounts.add_user(store, "coord", PW, "analyst", passwords=pw)
    assert list(accounts.list_users(store)["username"]) == ["coord"]


def test_networks_are_stored_sorted_and_replaced(store, pw):
    assert accounts.add_user(store, "c", PW, "coordinator", "NET-B, NET-A", passwords=pw) == ("NET-A", "NET-B")
    assert user_row(store, "c")["networks"] == "NET-A,NET-B"
    assert accounts.set_networks(store, "c", ["NET-B"], actor="root") == ("NET-B",)
    assert user_row(store, "c")["networks"] == "NET-B"
    with pytest.raises(NotFoundError):
        accounts.set_networks(store, "c", ["NET-Q"], actor="root")
    assert user_row(store, "c")["networks"] == "NET-B"
    assert actions(store)[-1] == ("root", "networks_changed", "c: NET-A,NET-B → NET-B")
    with pytest.raises(NotFoundError, match="^there is no user 'ghost'$"):
        accounts.set_networks(store, "ghost", ["NET-A"])


def test_the_last_admin_can_be_neither_removed_nor_demoted(store, pw):
    accounts.add_user(store, "root", PW, "admin", passwords=pw)
    with pytest.raises(AccountError) as caught:
        accounts.remove_user(store, "root", actor="root")
    assert caught.value.message == "root is the last admin and cannot be removed; add another admin first"
    with pytest.raises(AccountError, match="cannot be made analyst"):
        accounts.set_role(store, "root", "analyst")
    accounts.add_user(store, "root2", PW, "admin", passwords=pw)
    accounts.remove_user(store, "root", actor="root2")
    assert list(accounts.list_users(store)["username"]) == ["root2"]
    with pytest.raises(NotFoundError, match="^there is no user 'root'$"):
        accounts.remove_user(store, "root")


def test_roles_can_change_when_another_admin_remains(store, pw, coord):
    accounts.add_user(store, "root", PW, "admin", passwords=pw)
    accounts.set_role(store, "coord", "admin", actor="root")
    accounts.set_role(store, "root", "analyst", actor="coord")
    roles = dict(accounts.list_users(store)[["username", "role"]].values)
    assert roles == {"coord": "admin", "root": "analyst"}
    assert actions(store)[-1] == ("coord", "role_changed", "root: admin → analyst")


# --- audit ----------------------------------------------------------------------------------------

def test_every_account_change_is_audited_and_no_password_is_logged(store, pw, sleeps):
    accounts.add_user(store, "root", PW, "admin", actor="cli:ops", passwords=pw)
    accounts.add_user(store, "coord", PW, "coordinator", ["NET-A"], actor="root", passwords=pw)
    accounts.set_password(store, "coord", "another secret 1", actor="root", passwords=pw)
    accounts.set_networks(store, "coord", "NET-A,NET-B", actor="root")
    with pytest.raises(LoginFailed):
        login(store, pw, sleeps, password=PW)
    login(store, pw, sleeps, password="another secret 1")
    accounts.remove_user(store, "coord", actor="root")
    assert actions(store) == [
        ("cli:ops", "user_added", "root (admin; networks: none)"),
        ("root", "user_added", "coord (coordinator; networks: NET-A)"),
        ("root", "password_changed", "coord"),
        ("root", "networks_changed", "coord: NET-A → NET-A,NET-B"),
        ("coord", "login_failed", "wrong password (1 of 5)"),
        ("coord", "login", ""),
        ("root", "user_removed", "coord (coordinator)"),
    ]
    text = accounts.audit_log(store, 100).to_string()
    assert PW not in text and "another secret 1" not in text


def test_other_modules_write_and_filter_audit_entries(store):
    first = accounts.audit(store, "coord", "upload", "batch 7: values.csv for NET-A")
    second = accounts.audit(store, "root", "undo", "batch 7")
    assert second > first
    assert list(accounts.audit_log(store, 1)["action"]) == ["undo"]
    assert list(accounts.audit_log(store, username="coord")["detail"]) == ["batch 7: values.csv for NET-A"]
    assert list(accounts.audit_log(store, action="undo")["username"]) == ["root"]


def test_an_audit_entry_commits_with_the_change_it_describes(store):
    with pytest.raises(RuntimeError), store.transaction() as cur:
        audit.record(cur, "coord", "upload", "batch 8")
        raise RuntimeError("the upload failed after its audit entry")
    assert accounts.audit_log(store).empty


def test_audit_text_is_one_line_and_bounded():
    assert audit.clean("a\nb\x1b[31m") == "a?b?[31m"
    assert len(audit.clean("x" * 5000)) == audit.MAX_TEXT
    assert audit.clean(None) is None
