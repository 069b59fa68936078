"""The network meeting pack: its contents on the demo store, the PDF (page count; text extracted with pypdf
holds Lithuanian and Latvian names and every Baltic letter; the attribution on every page) and the workbook
(sheets opened with openpyxl)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from browser_support import browser_required
from pypdf import PdfReader

from benchlearn.api import accounts, meeting, practices, targets
from benchlearn.api.targets import TargetInput
from benchlearn.auth import Identity
from benchlearn.i18n import t
from benchlearn.ingest.practice_form import PracticeInput
from benchlearn.reports.meeting import meeting_pdf, meeting_workbook
from benchlearn.store import Store, open_store

INFANT = "INFANT_DEATHS_PER_1000_BIRTHS"
LETTERS = "ĄČĘĖĮŠŲŪŽ ąčęėįšųūž ĀČĒĢĪĶĻŅŠŪŽ āčēģīķļņšūž"
COORD = Identity.issue("coord", "coordinator", ("lt-municipalities",))
LATVIAN = Identity.issue("latvian", "coordinator", ("lv-municipalities", "lv-state-cities"))
YESTERDAY = dt.date.today() - dt.timedelta(days=1)


# the source of the Lithuanian demo indicators, as credited
LT_SOURCE = "Statistics Lithuania (osp.stat.gov.lt), export of 2018-09"


@pytest.fixture
def store(app_db: Path) -> Iterator[Store]:
    """A copy of the demo store with a target and practices in both networks (one with every letter)."""
    opened = open_store(app_db)
    accounts.add_user(opened, "coord", "coordinator-pass-1", "coordinator", ["lt-municipalities"])
    accounts.add_user(opened, "latvian", "coordinator-pass-2", "coordinator", ["lv-municipalities",
                                                                                "lv-state-cities"])
    targets.create(opened, COORD, TargetInput("LT-03", INFANT, "2020", "absolute", 3.0,
                                              actions="Namų vizitai", baseline_period="2010"))
    practices.add(opened, COORD, PracticeInput("LT-11", f"Raidės {LETTERS}", "Aprašymas.", (INFANT,),
                                               "lt-municipalities", "info@joniskis.lt",
                                               ("https://www.joniskis.lt",)))
    practices.add(opened, LATVIAN, PracticeInput("LV-011", "Ceļu seguma atjaunošana Ādažos", "Apraksts.",
                                                 ("ROAD_ASPHALT_SHARE_TOTAL",), "lv-municipalities"))
    yield opened
    opened.close()


def pdf_text(data: bytes) -> tuple[int, list[str]]:
    """(page count, text of each page with its whitespace collapsed: pypdf spaces out some words)."""
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), [" ".join(page.extract_text().split()) for page in reader.pages]


def test_pack_contents(store: Store) -> None:
    """Rankings of every indicator with values, the heatmap of the directional ones, most improved and gaps
    as defined in benchlearn.api.meeting, the target with its status, the practice recorded since."""
    pack = meeting.pack(store, "lt-municipalities", "2017", YESTERDAY)
    assert len(pack.members) == 60 and INFANT in pack.rankings
    assert list(pack.matrix.columns) == [INFANT] and len(pack.matrix) == 60
    improved = pack.improved
    assert not improved.empty and (improved["indicator_code"] == INFANT).all() and len(improved) <= 3
    # lower is better: an improvement is a fall from the previous year
    pd.testing.assert_series_equal(improved["improvement"], improved["previous_value"] - improved["value"],
                                   check_names=False)
    assert (improved["improvement"] > 0).all() and improved["improvement"].is_monotonic_decreasing
    gaps = pack.gaps
    assert (gaps["gap_to_median"] < 0).all() and gaps["gap_pct"].is_monotonic_increasing
    median = pack.rankings[INFANT].summary["median"]
    pd.testing.assert_series_equal(gaps["gap_pct"], gaps["gap_to_median"] / median * 100, check_names=False)
    assert pack.targets["entity_code"].tolist() == ["LT-03"]
    assert pack.practices["entity_code"].tolist() == ["LT-11"]
    later = meeting.pack(store, "lt-municipalities", "2017", dt.date.today() + dt.timedelta(days=1))
    assert later.practices.empty


def test_pdf_of_a_lithuanian_network_in_latvian(store: Store) -> None:
    """Pages for the title, heatmap and every ranking; Lithuanian names, Latvian words, every Baltic letter
    of the practice, and the attribution in every page's footer."""
    pack = meeting.pack(store, "lt-municipalities", "2017", YESTERDAY)
    pages, texts = pdf_text(meeting_pdf(pack, "lv", charts_on=False))
    assert pages >= 2 + len(pack.rankings)
    text = " ".join(texts)
    for expected in ("Tīkla sanāksmes materiāli", "Akmenės r. sav.", "Šiaulių m. sav.", "Joniškio r. sav.",
                     "Namų vizitai", LETTERS, t("targets.status.behind", "lv")):
        assert expected in text, expected
    attribution = t("footer.source", "lv", sources=LT_SOURCE)
    assert all(attribution in " ".join(page.split()) for page in texts)


def test_pdf_of_a_latvian_network_in_lithuanian(store: Store) -> None:
    """Latvian municipality names (ā ē ī ķ ļ ņ ū …) and the Latvian practice render in a Lithuanian pack."""
    pack = meeting.pack(store, "lv-municipalities", "2024", YESTERDAY)
    pages, texts = pdf_text(meeting_pdf(pack, "lt", charts_on=False))
    text = " ".join(texts)
    assert pages >= 2 + len(pack.rankings)
    for expected in ("Tinklo susitikimo medžiaga", "Ādažu novads", "Ķekavas novads", "Līvānu novads",
                     "Ceļu seguma atjaunošana Ādažos", "Rēzeknes novads"):
        assert expected in text, expected
    assert t("meeting.improved_none", "lt") in text  # one period only: nobody improved


def test_workbook_sheets(store: Store) -> None:
    """Contents, heatmap, a ranking per indicator, most improved, gaps, targets, practices and the source."""
    pack = meeting.pack(store, "lt-municipalities", "2017", YESTERDAY)
    book = openpyxl.load_workbook(io.BytesIO(meeting_workbook(pack, "en")), read_only=True)
    rankings = [f"Ranking {i}" for i in range(1, len(pack.rankings) + 1)]
    assert book.sheetnames == ["Contents", "Agreed actions", "Heatmap", *rankings, "Most improved",
                               "Gaps to median", "Targets", "Practices", "Members' notes", "Source"]
    rows = list(book["Ranking 1"].iter_rows(values_only=True))
    assert rows[0][:4] == ("Indicator", "Rank", "Municipality", "Code") and len(rows) == 61
    heatmap = list(book["Heatmap"].iter_rows(values_only=True))
    assert len(heatmap) == 61 and isinstance(heatmap[1][2], int | float)
    target = list(book["Targets"].iter_rows(values_only=True))[1]
    assert target[0] == "Alytaus r. sav." and target[9] in {"behind", "on track", "met"}
    practice = list(book["Practices"].iter_rows(values_only=True))[1]
    assert practice[0] == f"Raidės {LETTERS}"
    source = list(book["Source"].iter_rows(values_only=True))
    assert source[1:] == [(t("footer.source", "en", sources=LT_SOURCE),)]


def test_workbook_in_lithuanian(store: Store) -> None:
    """Sheet names and headers follow the language."""
    pack = meeting.pack(store, "lv-municipalities", "2024", YESTERDAY)
    book = openpyxl.load_workbook(io.BytesIO(meeting_workbook(pack, "lt")), read_only=True)
    assert book.sheetnames[:4] == ["Turinys", "Sutarti veiksmai", "Šilumos žemėlapis", "Reitingas 1"]
    assert "Praktikos" in book.sheetnames
    assert list(book["Reitingas 1"].iter_rows(values_only=True))[0][2] == "Savivaldybė"


def test_pdf_with_charts(store: Store) -> None:
    """With Chromium, the heatmap and the rankings are drawn as images (skipped where they cannot be)."""
    pack = meeting.pack(store, "lv-state-cities", "2024", YESTERDAY)
    data = meeting_pdf(pack, "en", charts_on=True)
    pages, texts = pdf_text(data)
    if "Charts could not be drawn" in texts[0]:
        if browser_required():  # CI installs Chromium: there the charts must be drawn
            pytest.fail(f"the charts were not drawn: {texts[0][:300]}")
        pytest.skip("no Chromium for kaleido here: the pack says so and keeps its tables")
    images = sum(len(page.images) for page in PdfReader(io.BytesIO(data)).pages)
    assert images == 1 + len(pack.rankings)
