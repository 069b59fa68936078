"""The data calls page in AppTest, on the hand-built store of test_data_calls: a coordinator opens a call
through the form, sees each member's progress ("late" after the deadline), the reminder list with mailto:
links, and closes the call; another network's coordinator never sees it; logged out, only the login form."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest
from page_support import dashboard_store
from streamlit.testing.v1 import AppTest
from test_data_calls import db, fill_2024, who  # noqa: F401 — db is the hand-built store's fixture

from benchlearn.api import data_calls
from benchlearn.store import Store

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 30
VALUES_SHOWN = ["125", "45", "13\u00a0000", "", "14\u00a0000", ""]
PASSWORDS = {"net-coord": "net-coord-pass-9", "other-coord": "other-coord-pass-9"}


@pytest.fixture
def store(db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:  # noqa: F811 — db from the import
    """The dashboard's store on the hand-built database."""
    with dashboard_store(db, monkeypatch) as shared:
        yield shared


def page(username: str | None, lang: str = "en") -> AppTest:
    """The data calls page, after logging in through its form when `username` is given."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    at.query_params["lang"] = lang
    at = at.run().switch_page("pages/datacalls.py").run()
    if username is None:
        return at
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(PASSWORDS[username])
    return next(b for b in at.button if (b.key or "").startswith("FormSubmitter:login_form")).click().run()


def texts(at: AppTest) -> str:
    """Every success, info, error and caption text on the page, one per line."""
    return "\n".join(e.value for kind in ("success", "info", "error", "caption") for e in getattr(at, kind))


def test_logged_out_the_page_shows_only_the_login_form(store: Store) -> None:
    at = page(None)
    assert not at.exception
    assert at.text_input(key="login_username") is not None
    widgets = [*at.text_input, *at.selectbox, *at.button, *at.multiselect]
    assert not [w.key for w in widgets if "datacalls" in (w.key or "")]


def test_open_a_call_through_the_form_then_close_it(store: Store) -> None:
    at = page("net-coord")
    assert not at.exception, at.exception
    assert at.selectbox(key="datacalls_network").options == ["Net"]
    at.text_input(key="datacalls_period").input("2024")
    at.multiselect(key="datacalls_indicators").select("RATE").select("COST")
    at.text_area(key="datacalls_message").input("For the spring meeting")
    at = next(b for b in at.button if (b.key or "").startswith("FormSubmitter:datacalls_open_NET")).click().run()
    assert "The data call of NET for 2024 is open." in texts(at)
    call = data_calls.call_of(store, who("net-coord"), "NET", "2024")
    assert (call["state"], call["indicators"], call["message"]) == ("open", ["COST", "RATE"], "For the spring meeting")
    assert [p.proto.text for p in at.get("progress")] == ["Alpha: 0 of 2", "Beta: 0 of 2", "Gamma: 0 of 2"]
    at = at.button(key="datacalls_close").click().run()
    assert "The data call of NET for 2024 is closed." in texts(at)
    assert data_calls.call_of(store, who("net-coord"), "NET", "2024")["state"] == "closed"


def test_a_duplicate_call_is_refused_in_the_users_language(store: Store) -> None:
    data_calls.open_call(store, who("net-coord"), "NET", "2024", ["RATE"], "2025-03-31")
    at = page("net-coord", "lt")
    at.text_input(key="datacalls_period").input("2024")
    at.multiselect(key="datacalls_indicators").select("RATE")
    at = next(b for b in at.button if (b.key or "").startswith("FormSubmitter:datacalls_open_NET")).click().run()
    assert "Tinklas NET jau turi duomenų prašymą už 2024 (open)." in texts(at)


def test_the_board_shows_progress_late_members_and_reminders(store: Store) -> None:
    data_calls.open_call(store, who("net-coord"), "NET", "2024", ["RATE", "COST"], "2020-01-31")
    fill_2024(store)
    at = page("net-coord", "lv")
    assert not at.exception, at.exception
    assert [p.proto.text for p in at.get("progress")] == [
        "Alpha: 2 no 2", "Beta: 1 no 2 — nokavēts", "Gamma: 1 no 2 — nokavēts"]
    states = at.dataframe[0].value
    assert states["Stāvoklis"].tolist() == ["iesniegts", "iesniegts", "atzīmēts pārbaudei", "trūkst", "apstiprināts",
                                            "trūkst"]
    # values in the page's language (Latvian grouping), not raw floats
    assert states["Vērtība"].tolist() == VALUES_SHOWN
    reminders = at.dataframe[1].value
    assert reminders["Vēl trūkst"].tolist() == ["RATE", "RATE"]
    mail = unquote(reminders["Atgādinājums"].iloc[0])
    assert mail.startswith("mailto:?subject=NET 2024: Beta vēl nav iesniedzis vērtības&body=")
    assert [b.proto.label for b in at.get("download_button")] == ["Atgādinājumu saraksts (CSV)", "Lejupielādēt veidni"]


def test_another_networks_coordinator_does_not_see_the_call(store: Store) -> None:
    data_calls.open_call(store, who("net-coord"), "NET", "2024", ["RATE"], "2025-03-31")
    at = page("other-coord")
    assert not at.exception, at.exception
    assert at.selectbox(key="datacalls_network").options == ["Other"]
    assert "This network has no data call yet." in texts(at)
    assert not at.get("progress")
