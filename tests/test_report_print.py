"""PDF charts legible on A4 paper (issue 14.1): every label whole and inside the image, axes titled, print-size
fonts, and the text layer naming what each chart shows.

The PDFs are made in a process that has imported streamlit, as the dashboard's is: streamlit then makes its own
plotly template the default, one without automargin, and the dashboard's 10 px margins cut every name to its
last letters ("v." for "sav.") and the heatmap's row and column labels away entirely.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pypdf
import pytest
import streamlit  # noqa: F401 — the dashboard's process: streamlit's plotly template is the default
from browser_support import require_chromium
from PIL import Image

from benchlearn.api import meeting, reports
from benchlearn.charts.text import literal
from benchlearn.i18n import t
from benchlearn.reports import figures, municipality
from benchlearn.reports import meeting as meeting_pdf
from benchlearn.store import Store, open_store

DPI = 40  # pdftoppm's resolution for the page images: an A4 page is 331 × 468 px
EDGE = 3  # device pixels along each border of a chart image that must be background
DARK = 200  # a grey level below this is ink (text, bars, lines); the paper is white


@pytest.fixture(scope="module")
def store(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """A private copy of the demo store (read only here)."""
    path = tmp_path_factory.mktemp("print") / "print.duckdb"
    shutil.copyfile(demo_db, path)
    opened = open_store(str(path))
    yield opened
    opened.close()


def report_data(store: Store) -> reports.ReportData:
    """A Latvian municipality among the 43 of its network: long names ("Dienvidkurzemes novads")."""
    return reports.report_data(store, "LV-056", "2024", "network:lv-municipalities")


def lt_pack(store: Store) -> meeting.MeetingPack:
    """The Lithuanian network's pack: 60 members on the heatmap."""
    return meeting.pack(store, "lt-municipalities", "2017", dt.date.today())


def flat(text: str) -> str:
    """Whitespace collapsed (pypdf breaks lines where the PDF wraps them)."""
    return " ".join(text.split())


def plain(label: str) -> str:
    """A chart label as read on paper: wrapped lines joined, entities as characters."""
    return flat(label.replace("<br>", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))


# --- the layout (no browser needed) ----------------------------------------------------------------------

def test_streamlit_template_is_the_default_here() -> None:
    """The condition the PDFs are made under in the dashboard (and in this module)."""
    assert pio.templates.default == "streamlit"
    assert go.Figure().layout.template.layout.yaxis.automargin is None


def assert_legible(fig: go.Figure) -> None:
    """Pinned template, automargin on both axes, the print width, print-size fonts, every categorical axis titled."""
    layout = fig.layout
    assert layout.template.layout.yaxis.automargin is True
    assert layout.xaxis.automargin is True and layout.yaxis.automargin is True
    assert layout.width == figures.PRINT_WIDTH and layout.height <= figures.MAX_HEIGHT
    assert figures.points(layout.font.size) >= 7.5 and figures.points(layout.title.font.size) >= 10
    assert figures.points(layout.yaxis.tickfont.size) >= 6.5 and figures.points(layout.xaxis.tickfont.size) >= 7.5
    for axis in (layout.xaxis, layout.yaxis):
        if axis.ticktext:
            assert axis.title.text, f"an axis of '{layout.title.text}' has labels but no title"


def test_report_figures_for_print_keep_every_name_whole(store: Store) -> None:
    """Every report chart laid out for A4; the ranking's labels are the members' whole names, the profile's
    the indicators' whole names, and the axes say what they are (municipality, indicator, unit)."""
    data = report_data(store)
    printed = municipality.print_figures(data, "lv")
    assert set(printed) == set(municipality.report_figures(data, "lv"))
    for fig in printed.values():
        assert_legible(fig)
    code = next(iter(data.rankings))
    ranking = printed[f"ranking:{code}"].layout
    table = data.rankings[code].table
    expected = [("➤ " if c == data.entity else "") + n for c, n in zip(table["entity_code"], table["entity_name"],
                                                                         strict=True)]
    assert [plain(label) for label in ranking.yaxis.ticktext] == expected
    assert "Dienvidkurzemes novads" in expected
    assert ranking.yaxis.title.text == t("exports.col.entity_name", "lv")
    dashboard = municipality.report_figures(data, "lv")[f"ranking:{code}"].layout
    assert ranking.xaxis.title.text == dashboard.xaxis.title.text  # the value and its unit, as on the page
    assert ranking.xaxis.title.text and data.rankings[code].indicator["unit"]
    profile = next(fig for key, fig in printed.items() if key.startswith("profile:")).layout
    assert profile.yaxis.title.text == t("exports.col.indicator", "lv")
    names = {plain(label) for label in profile.yaxis.ticktext}
    assert {municipality.indicator_name(data, c, "lv") for c in data.rankings} <= names


def test_meeting_figures_for_print_label_every_row_and_column(store: Store) -> None:
    """The heatmap's rows are the 60 members' names and its column the indicator's name, both axes titled;
    a network with more indicators than fit gets numbered columns (the PDF prints the numbers' legend)."""
    pack = lt_pack(store)
    printed = meeting_pdf.print_figures(pack, "lt")
    for fig in printed.values():
        assert_legible(fig)
    heatmap = printed["heatmap"].layout
    assert [plain(label) for label in heatmap.yaxis.ticktext] == pack.members.set_index("entity_code").loc[
        list(pack.matrix.index), "entity_name"].tolist()
    assert [plain(label) for label in heatmap.xaxis.ticktext] == [
        meeting_pdf.indicator_name(pack, c, "lt") for c in pack.matrix.columns]
    assert (heatmap.xaxis.title.text, heatmap.yaxis.title.text) == (t("meeting.col.indicator", "lt"),
                                                                    t("meeting.col.entity", "lt"))
    finnish = meeting.pack(store, "fi-over-50000", "2011", dt.date.today())
    assert len(finnish.matrix.columns) > meeting_pdf.HEATMAP_COLUMNS
    wide = meeting_pdf.print_figures(finnish, "en")["heatmap"].layout
    assert list(wide.xaxis.ticktext) == [str(i) for i in range(1, len(finnish.matrix.columns) + 1)]


def test_long_labels_wrap_at_spaces_and_never_split_an_entity() -> None:
    """A long literal label is wrapped onto short lines at spaces; joined again it reads as before."""
    name = literal("Iedzīvotāju skaits gada sākumā <pilsētās> & laukos, kopā ar ārvalstniekiem")
    fig = go.Figure(go.Bar(x=[1, 2], y=[name, "Rīga"], orientation="h"))
    fig.update_yaxes(categoryorder="array", categoryarray=[name, "Rīga"])
    label = figures.for_print(fig).layout.yaxis.ticktext[0]
    lines = label.split("<br>")
    assert len(lines) > 1 and all(len(line) <= figures.WRAP_CHARS for line in lines)
    assert " ".join(lines) == name and all(line.count("&") == line.count(";") for line in lines)


# --- the rendered PDFs (Chromium draws the charts) -------------------------------------------------------

@pytest.fixture(scope="module")
def pdfs(store: Store) -> dict[str, bytes]:
    """The Latvian report and the Lithuanian meeting pack, with their charts drawn."""
    require_chromium()
    return {"report": municipality.municipality_report(report_data(store), "lv"),
            "pack": meeting_pdf.meeting_pdf(lt_pack(store), "lt")}


def chart_images(pdf: bytes) -> list[Image.Image]:
    """Every image of the PDF, as drawn."""
    return [image.image for page in pypdf.PdfReader(io.BytesIO(pdf)).pages for image in page.images]


@pytest.mark.parametrize("name", ["report", "pack"])
def test_no_label_is_cut_by_the_image_edge(pdfs: dict[str, bytes], name: str) -> None:
    """Each chart image is drawn at the print width, and no ink touches its borders: a label that would not
    fit its margin (the dashboard's 10 px) shows there, cut."""
    images = chart_images(pdfs[name])
    assert len(images) >= 2
    for number, image in enumerate(images, start=1):
        assert image.width == figures.PRINT_WIDTH * figures.SCALE
        assert image.height <= figures.MAX_HEIGHT * figures.SCALE
        grey = np.asarray(image.convert("L"))
        for side, strip in {"left": grey[:, :EDGE], "right": grey[:, -EDGE:], "top": grey[:EDGE],
                            "bottom": grey[-EDGE:]}.items():
            assert (strip >= DARK).all(), f"{name} image {number}: ink at the {side} edge (a label cut off)"


def test_text_layer_names_the_charts_axes_members_and_indicators(pdfs: dict[str, bytes], store: Store,
                                                                  tmp_path: Path) -> None:
    """Under every chart its axes in words; the members and indicators by their whole names; and every page
    renders (pdftoppm) to an A4 image."""
    data, pack = report_data(store), lt_pack(store)
    report = flat(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdfs["report"])).pages))
    for fig in municipality.print_figures(data, "lv").values():
        assert flat(figures.caption(fig, "lv")) in report
    assert "Līvānu novads" in report
    assert all(municipality.indicator_name(data, c, "lv") in report for c in data.rankings)
    text = flat(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdfs["pack"])).pages))
    for fig in meeting_pdf.print_figures(pack, "lt").values():
        assert flat(figures.caption(fig, "lt")) in text
    assert t("meeting.col.percentile", "lt") in text
    assert all(name in text for name in pack.members["entity_name"])
    assert all(meeting_pdf.indicator_name(pack, c, "lt") in text for c in pack.rankings)
    for name, pdf in pdfs.items():
        (tmp_path / f"{name}.pdf").write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(tmp_path / f"{name}.pdf"), str(tmp_path / name)],
                       check=True, timeout=120)
        pages = sorted(tmp_path.glob(f"{name}-*.png"))
        assert len(pages) == len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
        for page in pages:
            with Image.open(page) as image:
                assert image.size == (round(210 / 25.4 * DPI), round(297 / 25.4 * DPI))
