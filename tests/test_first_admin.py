"""Issue 14.3: on a store with no administrator the dashboard offers a one-time setup, with the server log's token.

AppTest over a copy of the demo store (it has no accounts): the login page shows the setup form; a wrong token
creates nothing; the token printed in the server log creates the admin, who can then log in; from then on the
form is never offered, and the old token is worthless.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from page_support import cheap_passwords, dashboard_store
from streamlit.testing.v1 import AppTest

from benchlearn.api import accounts, first_admin
from benchlearn.errors import PermissionDenied
from benchlearn.i18n import t
from benchlearn.store import Store

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "first-admin-pass-1"


@pytest.fixture
def store(app_db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """The dashboard's store (a demo copy without accounts), cheap hashes, and a fresh process token."""
    cheap_passwords(monkeypatch)
    monkeypatch.setattr(first_admin, "_token", [])
    with dashboard_store(app_db, monkeypatch) as shared:
        yield shared


def login_page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    return at.switch_page("pages/login.py").run()


def offered(at: AppTest) -> bool:
    return any(w.key == "setup_token" for w in at.text_input)


def submit_setup(at: AppTest, token: str, repeat: str = PASSWORD) -> AppTest:
    at.text_input(key="setup_token").input(token)
    at.text_input(key="setup_username").input("chief")
    at.text_input(key="setup_password").input(PASSWORD)
    at.text_input(key="setup_repeat").input(repeat)
    return at.button[[b.label for b in at.button].index(t("setup.submit", "en"))].click().run()


def logged_token(caplog: pytest.LogCaptureFixture) -> str:
    (line,) = [r.getMessage() for r in caplog.records if r.name == "benchlearn.setup"]
    return re.search(r"setup token: (\S+)$", line)[1]


def test_no_admin_offers_the_setup_with_the_logged_token_only(store: Store,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="benchlearn.setup")
    assert first_admin.needed(store)
    at = login_page()
    assert offered(at) and not at.exception
    token = logged_token(caplog)

    at = submit_setup(at, "not-the-token")
    assert [e.value for e in at.error] == [t("setup.wrong_token", "en")] and first_admin.needed(store)
    at = submit_setup(at, token, repeat="a-different-pass-2")
    assert [e.value for e in at.error] == [t("setup.mismatch", "en")] and first_admin.needed(store)

    at = submit_setup(at, token)
    assert not first_admin.needed(store)
    assert t("setup.done", "en", user="chief") in [s.value for s in at.success] and not offered(at)
    assert accounts.list_users(store).set_index("username").loc["chief", "role"] == "admin"
    assert accounts.login(store, "chief", PASSWORD, sleep=lambda _s: None).role == "admin"
    assert not offered(login_page())  # never again, in any session
    with pytest.raises(PermissionDenied):
        first_admin.create(store, token, "second", PASSWORD)
    assert sorted(accounts.list_users(store)["username"]) == ["chief"]


def test_a_store_with_an_admin_never_offers_the_setup(store: Store, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="benchlearn.setup")
    accounts.add_user(store, "root", "root-password-1", "admin")
    at = login_page()
    assert not offered(at) and at.text_input(key="login_username")
    assert first_admin.setup_token(store) is None
    assert not [r for r in caplog.records if r.name == "benchlearn.setup"]  # no token is ever printed
