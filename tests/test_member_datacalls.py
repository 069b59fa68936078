# ruff: noqa: F811 — the fixtures imported from test_member_accounts are parameters here
"""Issue 15.1–2: a member account downloads its own template (its municipality only) for its networks' open
calls, from the data calls page, which shows it its open calls, the deadline, the message, its own cells and a
link to upload. On the hand-built store of test_member_accounts (NET: E1, E2; OTHER: X1; NET's open call for
2024 asks for RATE; E1's account `alpha`)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from page_support import dashboard_store
from streamlit.testing.v1 import AppTest
from test_member_accounts import MEMBER, MEMBER_PW, OWN, coordinator, db, member  # noqa: F401 — fixtures
from test_publication import ANALYST, send

from benchlearn.api import accounts, data_calls, sessions
from benchlearn.errors import PermissionDenied
from benchlearn.store import Store

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 30


@pytest.fixture
def store(db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """The dashboard's store on the hand-built database (the page and the use cases share it)."""
    with dashboard_store(db, monkeypatch) as shared:
        yield shared


def cells_of(data: bytes) -> list[tuple]:
    """The template's read columns (entity, indicator, period) of its value rows (A, C and F)."""
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    return [(row[0], row[2], row[5]) for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]]


def refusals(store: Store) -> int:
    """How many refusals the audit log holds."""
    return int((accounts.audit_log(store)["action"] == sessions.REFUSED).sum())


def test_a_member_sees_its_open_calls_and_its_own_cells(store: Store) -> None:
    data_calls.open_as(store, "other-coord", "OTHER", "2024", ["RATE"], "2025-03-31")
    found = data_calls.member_calls(store, member())
    assert found[["network_code", "period", "state"]].values.tolist() == [["NET", "2024", "open"]]
    send(store)
    cells = data_calls.member_cells(store, member(), "NET", "2024")
    assert cells[["entity_code", "indicator_code", "state"]].values.tolist() == [["E1", "RATE", "submitted"]]
    with pytest.raises(PermissionDenied):  # another network's call
        data_calls.member_cells(store, member(), "OTHER", "2024")
    data_calls.close_as(store, "net-coord", "NET", "2024")
    assert data_calls.member_calls(store, member()).empty


def test_a_member_downloads_its_own_template_only(store: Store) -> None:
    name, data = data_calls.template_of(store, member(), "NET", "2024", "E1", "lt")
    assert name == "NET_2024_E1.xlsx" and cells_of(data) == [("E1", "RATE", "2024")]
    before = refusals(store)
    # crafted input: another member of its network, another network's member, a period without a call
    for network, period, entity in (("NET", "2024", "E2"), ("OTHER", "2024", "X1"), ("OTHER", "2024", "E1"),
                                    ("NET", "2023", "E1")):
        with pytest.raises(PermissionDenied):
            data_calls.template_of(store, member(), network, period, entity, "en")
    assert refusals(store) == before + 4  # each refusal audited
    data_calls.close_as(store, "net-coord", "NET", "2024")
    with pytest.raises(PermissionDenied):  # a closed call takes no more values: no template either
        data_calls.template_of(store, member(), "NET", "2024", "E1", "en")


def test_others_rights_on_templates_are_unchanged(store: Store) -> None:
    assert cells_of(data_calls.template_of(store, coordinator("net-coord"), "NET", "2024", "E2", "en")[1]) == [
        ("E2", "RATE", "2024")]
    for who in (ANALYST, coordinator("other-coord"), None):
        with pytest.raises(PermissionDenied):
            data_calls.template_of(store, who, "NET", "2024", "E1", "en")
    with pytest.raises(PermissionDenied):  # the member views are a member account's
        data_calls.member_calls(store, coordinator("net-coord"))


def page(username: str | None, password: str = MEMBER_PW) -> AppTest:
    """The data calls page, after logging in through its form when `username` is given."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    at.query_params["lang"] = "en"
    at = at.run().switch_page("pages/datacalls.py").run()
    if username is None:
        return at
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(password)
    return next(b for b in at.button if (b.key or "").startswith("FormSubmitter:login_form")).click().run()


def test_the_page_shows_a_member_its_call_cells_template_and_upload_link(store: Store) -> None:
    with store.transaction() as cur:
        cur.execute("UPDATE data_call SET message = 'Please send by March' WHERE network_code = 'NET'")
    send(store)
    at = page(MEMBER)
    assert not at.exception, at.exception
    assert at.selectbox(key="datacalls_my_call").options == ["NET — 2024"]
    captions = [c.value for c in at.caption]
    assert "Send your values by March 31, 2025." in captions
    assert "Please send by March" in [t.value for t in at.text]
    assert [p.proto.text for p in at.get("progress")] == ["Sent: 1 of 1"]
    table = at.dataframe[0].value
    assert table.values.tolist() == [["Share served", "submitted", "41", MEMBER, ""]]
    assert at.get("download_button")[0].proto.label == "Download the template"
    assert [link.proto.page for link in at.get("page_link")
            if link.proto.label == "Upload the filled-in template"] != []
    # none of the coordinator's parts: no other member's template, no board, no open form
    keys = {w.key for w in [*at.selectbox, *at.button, *at.text_input, *at.multiselect]}
    assert not keys & {"datacalls_network", "datacalls_member", "datacalls_close", "datacalls_period"}


def test_the_page_tells_a_member_without_an_open_call(store: Store) -> None:
    data_calls.close_as(store, "net-coord", "NET", "2024")
    at = page(MEMBER)
    assert not at.exception
    assert "None of your networks has an open data call now." in [i.value for i in at.info]
    assert not at.get("download_button")


def test_an_analyst_gets_no_data_calls_page(store: Store) -> None:
    accounts.add_user(store, "reader", "reader-password-1", "analyst")
    at = page("reader", "reader-password-1")
    assert not at.exception
    assert not [w.key for w in [*at.selectbox, *at.button] if "datacalls" in (w.key or "")]
    assert not at.get("download_button")
