"""The improvement-action page (issue 15.6) through AppTest: anyone sees a member's actions with what happened
since and their trail; only a coordinator of its network (or an admin) gets the form, which records an action and
moves it to another state, each change in the trail."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import streamlit as st
from page_support import copy_store, texts
from streamlit.testing.v1 import AppTest

from benchlearn import ui
from benchlearn.api import accounts, actions
from benchlearn.auth import Identity
from benchlearn.i18n import t
from benchlearn.store import Store

ROOT = Path(__file__).resolve().parents[1]
NETWORK = "lt-municipalities"
COORD = Identity.issue("page-coord", "coordinator", (NETWORK,))
OTHER = Identity.issue("page-lv", "coordinator", ("lv-municipalities",))


@pytest.fixture(scope="module")
def actions_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A demo copy with a coordinator of the Lithuanian network and one of a Latvian network."""
    path = copy_store(demo_db, tmp_path_factory.mktemp("actions"), "actions")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BENCHLEARN_DB", str(path))
        st.cache_data.clear()
        st.cache_resource.clear()
        store: Store = ui.shared_store()
        accounts.add_user(store, COORD.username, "coordinator-pass-1", "coordinator", [NETWORK])
        accounts.add_user(store, OTHER.username, "coordinator-pass-1", "coordinator", ["lv-municipalities"])
        yield path


@pytest.fixture
def open_page(actions_db: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """Open the actions page for LT-13, logged out or as `identity`."""
    monkeypatch.setenv("BENCHLEARN_DB", str(actions_db))

    def run(identity: Identity | None = None, lang: str = "en") -> AppTest:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
        at.query_params["lang"], at.query_params["entity"] = lang, "LT-13"
        if identity is not None:
            at.session_state["identity"] = identity
        return at.switch_page("pages/actions.py").run()
    return run


def test_the_form_only_for_a_coordinator_of_the_members_network(open_page: Callable[..., AppTest]) -> None:
    """Logged out and another network's coordinator: the list, no form; in Lithuanian too."""
    for identity in (None, OTHER):
        at = open_page(identity)
        assert not at.exception
        assert [x.value for x in at.title] == [t("actions.title", "en")]
        assert t("actions.form.not_allowed", "en") in texts(at, "info")
        assert not [w for w in at.text_area if w.label == t("actions.field.action", "en")]
    at = open_page(None, "lt")
    assert not at.exception and t("actions.none", "lt") in texts(at, "info")


def test_a_coordinator_records_an_action_and_moves_it(open_page: Callable[..., AppTest]) -> None:
    """Record through the form → listed as planned, the form showing the saved action; change its state to done
    → the trail shows both steps."""
    at = open_page(COORD)
    assert not at.exception
    next(w for w in at.text_area if w.label == t("actions.field.action", "en")).input("Home visits by nurses")
    next(w for w in at.text_input if w.label == t("actions.field.owner", "en")).input("Health office")
    submit = next(b for b in at.button if (b.key or "").startswith("FormSubmitter:actions_form_None"))
    at = submit.click().run()
    assert not at.exception
    store = ui.shared_store()
    found = actions.listing(store, ("LT-13",))
    assert found[["action", "owner", "state", "created_by", "network_code"]].values.tolist() == [
        ["Home visits by nurses", "Health office", "planned", COORD.username, NETWORK]]
    action_id = int(found["id"].iloc[0])
    assert t("actions.form.saved", "en", id=action_id) in texts(at, "success")
    table = next(d.value for d in at.dataframe if t("actions.col.action", "en") in d.value.columns)
    assert table[t("actions.col.state", "en")].tolist() == [t("actions.state.planned", "en")]
    # the form now shows the action saved (to change it), not the typed fields of a new one
    assert at.selectbox(key="actions_which").value == action_id
    assert [w.value for w in at.text_area if w.label == t("actions.field.action", "en")] == ["Home visits by nurses"]
    assert any((b.key or "").startswith(f"FormSubmitter:actions_form_{action_id}") for b in at.button)
    state = next(w for w in at.selectbox if w.label == t("actions.field.state", "en"))
    state.set_value("done")
    at = next(b for b in at.button if (b.key or "").startswith(f"FormSubmitter:actions_form_{action_id}")).click().run()
    assert not at.exception
    assert actions.get(store, action_id)["state"] == "done"
    trail = next(d.value for d in at.dataframe if t("actions.trail.field", "en") in d.value.columns)
    assert trail[t("actions.trail.field", "en")].tolist() == [t("actions.field.created", "en"),
                                                               t("actions.field.state", "en")]
