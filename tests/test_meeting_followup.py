"""The meeting pack opens with "what was agreed last time, and what happened" (issue 15.6) and carries the
members' notes on their numbers (issue 15.4): in the pack, its PDF's text layer, its workbook and on the page."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from page_support import page_runner, texts
from pypdf import PdfReader

from benchlearn.api import accounts, actions, meeting, targets, value_notes
from benchlearn.api.actions import ActionInput
from benchlearn.api.targets import TargetInput
from benchlearn.auth import Identity
from benchlearn.i18n import fmt_number, t
from benchlearn.reports.meeting import meeting_pdf, meeting_workbook
from benchlearn.store import Store, open_store

NETWORK = "lt-municipalities"
INFANT = "INFANT_DEATHS_PER_1000_BIRTHS"
COORD = Identity.issue("pack-coord", "coordinator", (NETWORK,))
NOTE = "Ligoninė uždaryta: dalis mirčių įregistruota Šiauliuose"
YESTERDAY = dt.date.today() - dt.timedelta(days=1)


def build(store: Store) -> dict:
    """A coordinator, a target, two actions of LT-13 — agreed on 2014's figures and on 2017's — and a
    note on its deaths of 2017."""
    accounts.add_user(store, COORD.username, "coordinator-pass-1", "coordinator", [NETWORK])
    target = targets.create(store, COORD, TargetInput("LT-13", INFANT, "2020", "absolute", 1.0,
                                                      baseline_period="2014"))
    earlier = actions.create(store, COORD, ActionInput(
        "LT-13", INFANT, "2014", "Namų vizitai kūdikių šeimoms", NETWORK, "twice the median", owner="Sveikatos biuras",
        due="2016-12-31", target_id=target, state="in_progress"))
    actions.create(store, COORD, ActionInput("LT-13", INFANT, "2017", "Agreed at this very meeting", NETWORK))
    value_notes.write(store, COORD, ("LT-13", "DEATHS", "2017"), NOTE)
    return {"target": target, "earlier": earlier}


@pytest.fixture
def store(app_db: Path) -> Iterator[Store]:
    """The demo copy with the actions and the note of `build`."""
    opened = open_store(app_db)
    build(opened)
    yield opened
    opened.close()


def test_the_pack_lists_earlier_actions_with_the_change_since_and_the_notes(store: Store) -> None:
    """Only the action agreed before the pack's period; its value then and now; the note of the period."""
    pack = meeting.pack(store, NETWORK, "2017", YESTERDAY)
    assert pack.actions["action"].tolist() == ["Namų vizitai kūdikių šeimoms"]
    row = pack.actions.iloc[0]
    assert (row["latest_period"], bool(row["improved"])) == ("2017", True)  # 2 infant deaths in 2014, none in 2017
    assert pack.notes[["entity_code", "indicator_code", "text"]].values.tolist() == [["LT-13", "DEATHS", NOTE]]
    assert meeting.pack(store, "lv-municipalities", "2024", YESTERDAY).actions.empty


def test_pdf_opens_with_the_actions_and_carries_the_notes(store: Store) -> None:
    """Text layer: page 1 holds the actions section (before the heatmap) with the action, owner, states, then →
    now and the target's status; the notes section holds the note in the municipality's own words."""
    pack = meeting.pack(store, NETWORK, "2017", YESTERDAY)
    for lang in ("en", "lt"):
        reader = PdfReader(io.BytesIO(meeting_pdf(pack, lang, charts_on=False)))
        pages = [" ".join(page.extract_text().split()) for page in reader.pages]
        first, text = pages[0], " ".join(pages)
        row = pack.actions.iloc[0]
        then = fmt_number(row["value_then"], lang, 2)
        for expected in (t("meeting.actions", lang), "Namų vizitai kūdikių šeimoms", "Sveikatos biuras",
                         t("actions.state.in_progress", lang), f"{then} (2014) → {fmt_number(0.0, lang, 2)} (2017)",
                         t("meeting.improved_since.yes", lang), t(f"targets.status.{row['target_status']}", lang)):
            assert expected in first, (lang, expected)
        assert first.index(t("meeting.actions", lang)) < first.index(t("meeting.heatmap", lang))
        assert "Agreed at this very meeting" not in text
        assert t("meeting.notes", lang, period="2017") in text and NOTE in text
        assert t("notes.byline", lang, author=COORD.username, date="").rstrip(", ") in text


def test_workbook_has_the_actions_and_notes_sheets(store: Store) -> None:
    """'Agreed actions' after the contents, 'Members' notes' before the source, each with its row."""
    book = openpyxl.load_workbook(io.BytesIO(meeting_workbook(meeting.pack(store, NETWORK, "2017", YESTERDAY),
                                                              "en")), read_only=True)
    agreed = list(book["Agreed actions"].iter_rows(values_only=True))
    assert agreed[0][:4] == ("Municipality", "Code", "Indicator", "Agreed on the figures of")
    assert agreed[1][1] == "LT-13" and agreed[1][6] == "Namų vizitai kūdikių šeimoms" and len(agreed) == 2
    notes = list(book["Members' notes"].iter_rows(values_only=True))
    assert notes[1][1:4] == ("LT-13", "Deaths", NOTE) and notes[1][4].startswith("the municipality's own words")


def test_meeting_page_opens_with_the_actions(app_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On the page the actions section comes before the heatmap and shows the action; the notes are a section."""
    opened = open_store(app_db)
    build(opened)
    opened.close()
    at = page_runner(app_db, monkeypatch, "meeting")("en", network=NETWORK, period="2017")
    assert not at.exception
    headings = texts(at, "subheader")
    assert headings.index(t("meeting.actions", "en")) < headings.index(t("meeting.heatmap", "en"))
    assert t("meeting.notes", "en", period="2017") in headings
    tables = [d.value for d in at.dataframe]
    assert any("Namų vizitai kūdikių šeimoms" in table.to_string() for table in tables)
    assert any(NOTE in table.to_string() for table in tables)


def test_the_heatmap_heading_stays_on_the_heatmap_page(store: Store) -> None:
    """After the actions section the heading 'Members × indicators' and its note move to the page that holds the
    heatmap, instead of standing alone at the foot of page 1 (seen in the cycle's screenshots)."""
    pack = meeting.pack(store, NETWORK, "2017", YESTERDAY)
    reader = PdfReader(io.BytesIO(meeting_pdf(pack, "en")))
    heading = t("meeting.heatmap", "en")
    at = next(i for i, page in enumerate(reader.pages) if heading in " ".join(page.extract_text().split()))
    assert reader.pages[at].images, f"page {at + 1} has the heading but not the heatmap"


def test_the_network_heatmap_gives_no_percentile_below_the_minimum_denominator(app_db: Path) -> None:
    """A member whose infant-death rate rests on fewer births than the indicator's minimum (500) gets no
    percentile in the network heatmap (page and meeting pack), as it gets no rank (issue 16.2)."""
    from page_support import ranked_values

    from benchlearn.api.comparisons import network_matrix
    opened = open_store(app_db)
    try:
        matrix = network_matrix(opened, NETWORK, "2017")
    finally:
        opened.close()
    ranked = ranked_values(INFANT, "2017", "LT").dropna()
    assert 0 < len(ranked) < 60
    assert sorted(matrix[INFANT].dropna().index) == sorted(ranked.index)
