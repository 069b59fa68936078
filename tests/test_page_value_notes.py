"""Members' notes on the pages (issue 15.4): beside the value in the ranking's table and hover, in its CSV, on the
profile (with the form for whoever may write) and on trends — marked as the municipality's own words with author
and date — through AppTest over the demo store."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from page_support import copy_store, specs, texts
from streamlit.testing.v1 import AppTest

from benchlearn import ui
from benchlearn.api import accounts, value_notes
from benchlearn.auth import Identity
from benchlearn.i18n import t, tn
from benchlearn.reports.spreadsheet import csv_bytes
from benchlearn.store import Store

ROOT = Path(__file__).resolve().parents[1]
NETWORK = "lt-municipalities"
COORD = Identity.issue("notes-coord", "coordinator", (NETWORK,))
READER = Identity.issue("notes-reader", "analyst")
NOTE = "Census recount & <b>new</b> eldership"


@pytest.fixture(scope="module")
def notes_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A demo copy with a coordinator, an analyst and one note on LT-13's population of 2018."""
    path = copy_store(demo_db, tmp_path_factory.mktemp("notes"), "notes")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BENCHLEARN_DB", str(path))
        st.cache_data.clear()
        st.cache_resource.clear()
        store: Store = ui.shared_store()
        accounts.add_user(store, COORD.username, "coordinator-pass-1", "coordinator", [NETWORK])
        accounts.add_user(store, READER.username, "analyst-pass-123", "analyst")
        value_notes.write(store, COORD, ("LT-13", "POP_TOTAL", "2018"), NOTE)
        yield path


@pytest.fixture
def open_page(notes_db: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """Open a page with URL parameters, logged out or as `identity`."""
    monkeypatch.setenv("BENCHLEARN_DB", str(notes_db))

    def run(page: str, identity: Identity | None = None, lang: str = "en", **params: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
        for key, value in {"lang": lang, **params}.items():
            at.query_params[key] = value
        if identity is not None:
            at.session_state["identity"] = identity
        return at.switch_page(f"pages/{page}.py").run()
    return run


def notes_shown(at: AppTest) -> pd.DataFrame:
    """The notes table of the page (the one with a 'Written by' column)."""
    return next(d.value for d in at.dataframe if t("notes.col.note_by", "en") in d.value.columns)


def byline(lang: str) -> str:
    """The note's byline as the pages write it in `lang` (author, today)."""
    return value_notes.byline(COORD.username, pd.Timestamp.now(tz="UTC").tz_localize(None), lang)


@pytest.mark.parametrize("lang", ["en", "lt"])
def test_the_ranking_shows_the_note_in_its_table_hover_and_csv(open_page: Callable[..., AppTest], lang: str) -> None:
    """Table: the note and whose words; caption says what notes are; hover: the labelled note on the bar's own
    line (user text made literal); the CSV download of the table carries both."""
    at = open_page("ranking", lang=lang, entity="LT-13", indicator="POP_TOTAL", period="2018",
                   peers=f"network:{NETWORK}")
    assert not at.exception
    table = at.dataframe[0].value
    row = table[table[t("ranking.col.entity_code", lang)] == "LT-13"].iloc[0]
    assert row[t("ranking.col.note", lang)] == NOTE
    assert row[t("ranking.col.note_by", lang)] == byline(lang)
    assert set(table[table[t("ranking.col.entity_code", lang)] != "LT-13"][t("ranking.col.note", lang)]) == {""}
    assert t("ranking.notes_caption", lang) in texts(at, "caption")
    bars = [trace for trace in specs(at)[0]["data"] if "LT-13" in trace["y"]][0]
    i = bars["y"].index("LT-13")
    assert bars["hovertemplate"][i].endswith("<br>%{customdata[3]}<extra></extra>")
    assert bars["customdata"][i][3] == (f"{'“' if lang == 'en' else '„'}Census recount &amp; &lt;b&gt;new&lt;/b&gt; "
                                        f"eldership{'”' if lang == 'en' else '“'} ({byline(lang)})")
    other = next(j for j, code in enumerate(bars["y"]) if code != "LT-13")
    assert "customdata[3]" not in bars["hovertemplate"][other]
    csv = csv_bytes(table, [], lang).decode("utf-8-sig")
    assert NOTE in csv and byline(lang) in csv


def test_the_profile_shows_notes_and_offers_the_form_only_to_a_writer(open_page: Callable[..., AppTest]) -> None:
    """Logged out and as an analyst: the note, no form; as the network's coordinator: the form, and a note
    written through it shows on the next run with the earlier text in its history."""
    for identity in (None, READER):
        at = open_page("profile", identity, entity="LT-13", period="2018", peers=f"network:{NETWORK}")
        assert not at.exception
        notes = notes_shown(at)
        assert notes[[t("notes.col.period", "en"), t("notes.col.note", "en"), t("notes.col.note_by", "en")]
                     ].values.tolist() == [["2018", NOTE, byline("en")]]
        assert t("notes.own_words", "en") in texts(at, "caption")
        assert not [w for w in at.text_area if w.label == t("notes.field.text", "en")]
    at = open_page("profile", COORD, entity="LT-13", period="2018", peers=f"network:{NETWORK}")
    assert not at.exception
    at.selectbox(key="profile_notes_indicator").set_value("POP_TOTAL").run()
    area = next(w for w in at.text_area if w.label == t("notes.field.text", "en"))
    assert area.value == NOTE
    area.input("Revised: the 2018 figure includes the new eldership")
    submit = next(b for b in at.button if (b.key or "").startswith("FormSubmitter:profile_notes_form_POP_TOTAL"))
    at = submit.click().run()
    assert not at.exception
    assert t("notes.form.saved", "en") in texts(at, "success")
    assert notes_shown(at)[t("notes.col.note", "en")].tolist() == [
        "Revised: the 2018 figure includes the new eldership"]
    assert tn("notes.history", 1, "en") in [e.label for e in at.expander]
    assert any(NOTE in x for x in texts(at, "text"))
    value_notes.write(ui.shared_store(), COORD, ("LT-13", "POP_TOTAL", "2018"), NOTE)  # as the module began


def test_trends_list_the_notes_of_every_period(open_page: Callable[..., AppTest]) -> None:
    """The trends page of the noted indicator lists the note with its period and byline; another indicator none."""
    at = open_page("trends", entity="LT-13", indicator="POP_TOTAL", peers=f"network:{NETWORK}")
    assert not at.exception
    assert notes_shown(at)[t("notes.col.note", "en")].tolist() == [NOTE]
    at = open_page("trends", entity="LT-13", indicator="BIRTHS", peers=f"network:{NETWORK}")
    assert not at.exception
    assert t("notes.none", "en") in texts(at, "caption")
