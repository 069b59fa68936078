"""Time travel on the pages (issue 16.3): `?as_of=` shows the ranking as it was, with a banner and the way back;
the What changed page lists a revision old → new with its rank effect, in each language.

The store is test_as_of's story: values_2023.csv and late.csv, a revision (A05 2.9 → 3.3, A01 3.1 → 1.5),
and a second revision that was undone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import streamlit as st
from page_support import ROOT, texts
from streamlit.testing.v1 import AppTest
from test_as_of import ENTITIES, INDICATORS, LATE, REVISION, SECOND, VALUES

from benchlearn import api, ui
from benchlearn.api import accounts
from benchlearn.auth import Identity
from benchlearn.ingest import IngestOptions
from benchlearn.model import Kind
from benchlearn.store import Store, batches

ANALYST = Identity.issue("mila", "analyst", ())
PEERS = {"entity": "A05", "indicator": "SCORE", "period": "2023", "peers": "country:LT"}


def build_story(store: Store) -> dict[str, int]:
    """Load the story into `store`; return the batch ids of late.csv ('meeting') and the undone revision."""
    api.ingest_bytes(store, ENTITIES, "entities.csv", IngestOptions(kind=Kind.ENTITIES))
    api.ingest_bytes(store, INDICATORS, "indicators.csv", IngestOptions(kind=Kind.INDICATORS))
    ids = {}
    for name, data, user in [("values_2023.csv", VALUES, "ana"), ("late.csv", LATE, "ben"),
                             ("revision.csv", REVISION, "ana"), ("second.csv", SECOND, "ben")]:
        api.ingest_bytes(store, data, name, IngestOptions(kind=Kind.VALUES), user=user)
        with store.cursor() as cur:
            ids[name] = batches.last_batch_id(cur)
    api.undo_batch(store, ids["second.csv"], "ben")
    accounts.add_user(store, "mila", "analyst-pass-1", "analyst")
    return {"meeting": ids["late.csv"], "second": ids["second.csv"]}


@pytest.fixture(scope="module")
def story_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, int]]]:
    """The story's store, opened as the dashboard's own (AppTest runs the pages in this process)."""
    path = tmp_path_factory.mktemp("changes") / "changes.duckdb"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BENCHLEARN_DB", str(path))
        st.cache_data.clear()
        st.cache_resource.clear()
        ids = build_story(ui.shared_store())
        yield path, ids
        st.cache_resource.clear()


@pytest.fixture
def open_page(story_db: tuple[Path, dict], monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """Open a page with URL parameters, optionally logged in as the analyst."""
    monkeypatch.setenv("BENCHLEARN_DB", str(story_db[0]))

    def run(page: str, lang: str = "en", identity: Identity | None = None, **params: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        for key, value in {"lang": lang, **params}.items():
            at.query_params[key] = value
        if identity is not None:
            at.session_state["identity"] = identity
        return at.switch_page(f"pages/{page}.py").run()
    return run


def _ranked(at: AppTest) -> dict[str, float]:
    table = at.dataframe[0].value
    return dict(zip(table.iloc[:, 1], table.iloc[:, 2], strict=False))


def test_the_ranking_as_of_the_meeting_shows_the_meeting_values(open_page: Callable[..., AppTest],
                                                                 story_db: tuple[Path, dict]) -> None:
    """As of late.csv the ranking shows A05 at 2.9 under a banner naming the upload; Back to now shows 3.3."""
    meeting = story_db[1]["meeting"]
    at = open_page("ranking", **PEERS, as_of=str(meeting))
    assert not at.exception
    banner = [text for text in texts(at, "info") if "as of upload no." in text]
    assert banner and banner[0].startswith(f"Shown as of upload no. {meeting} (")
    assert at.query_params["as_of"] in (str(meeting), [str(meeting)])
    then = " ".join(str(v) for v in at.dataframe[0].value.astype(str).to_numpy().ravel())
    assert "2.9" in then and "3.3" not in then
    at.button(key="as_of_back").click().run()
    assert not [text for text in texts(at, "info") if "as of upload no." in text]
    now = " ".join(str(v) for v in at.dataframe[0].value.astype(str).to_numpy().ravel())
    assert "3.3" in now and "as_of" not in at.query_params


def test_a_bad_as_of_link_is_a_warning_and_shows_now(open_page: Callable[..., AppTest]) -> None:
    """An as_of that names no batch or date is reported (escaped) and the page shows the store as it is now."""
    at = open_page("ranking", **PEERS, as_of="last*week")
    assert not at.exception
    assert any("last\\*week" in text or "last*week" in text for text in texts(at, "warning"))
    assert not [text for text in texts(at, "info") if "as of upload no." in text]


@pytest.mark.parametrize(("lang", "revised", "title"), [("en", "revised", "What changed"),
                                                        ("lt", "pataisyta", "Kas pasikeitė"),
                                                        ("lv", "labota", "Kas mainījās")])
def test_what_changed_shows_a_revision_with_its_rank_effect(open_page: Callable[..., AppTest],
                                                            story_db: tuple[Path, dict], lang: str, revised: str,
                                                            title: str) -> None:
    """Since the meeting: A05 2.9 → 3.3, rank 2 → 1, by ana in revision.csv; the undone revision is no change."""
    at = open_page("changes", lang, ANALYST, **PEERS, **{"from": str(story_db[1]["meeting"])})
    assert not at.exception and at.title[0].value == title
    rows = at.dataframe[0].value.astype(str).to_numpy().tolist()
    decimal = "." if lang == "en" else ","
    epsilon = [r for r in rows if r[0] == "Epsilon"]
    assert len(rows) == 2 and len(epsilon) == 1
    assert epsilon[0][3:7] == [revised, f"2{decimal}9 → 3{decimal}3", "2 → 1", "ana"]
    assert epsilon[0][-1] == "revision.csv"


def test_what_changed_needs_a_login(open_page: Callable[..., AppTest], story_db: tuple[Path, dict]) -> None:
    """Logged out, the page shows the login form, not who changed what."""
    at = open_page("changes", **{"from": str(story_db[1]["meeting"])})
    assert not at.dataframe and at.text_input(key="login_username")


def test_the_moment_follows_the_user_to_other_pages(open_page: Callable[..., AppTest],
                                                    story_db: tuple[Path, dict]) -> None:
    """A menu link carries no as_of: the next page still shows the kept moment; an empty as_of= goes back to now."""
    meeting = story_db[1]["meeting"]
    at = open_page("ranking", **PEERS, as_of=str(meeting))
    del at.query_params["as_of"]
    at.switch_page("pages/trends.py").run()
    assert not at.exception
    assert [text for text in texts(at, "info") if f"as of upload no. {meeting}" in text]
    assert at.query_params["as_of"] in (str(meeting), [str(meeting)])
    at.query_params["as_of"] = ""
    at.switch_page("pages/ranking.py").run()
    assert not [text for text in texts(at, "info") if "as of upload no." in text]
    assert "as_of" not in at.query_params
    at.switch_page("pages/trends.py").run()
    assert not [text for text in texts(at, "info") if "as of upload no." in text]
