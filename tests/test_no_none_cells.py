"""Issue 14.7: no raw "None" in any grid. A grid (st.dataframe, st.data_editor) draws every missing cell — text,
number or date — as a grey "None" on its canvas unless it is given a `placeholder`; its accessible mirror stays
empty, so a browser test cannot see it. Text cells are blanked (ui/upload_notes.blank_text), and every grid of
every page is given an empty placeholder, so an empty number or date (a batch never undone) is an empty cell."""

from __future__ import annotations

import ast
from pathlib import Path

import pandas as pd
import pytest
from page_support import copy_store, page_runner
from streamlit.testing.v1 import AppTest
from test_ui_upload import commit_density, no_exceptions, store  # noqa: F401

from benchlearn.store import Store

ROOT = Path(__file__).resolve().parents[1]
NONE_WORDS = {"None", "nan", "NaN", "NaT", "<NA>", "null"}


def _empty_text_cells(at: AppTest) -> list[tuple[int, str]]:
    """(table, column) of every text column of every grid on the page holding None, NaN or "None"."""
    found = []
    for i, grid in enumerate(at.dataframe):
        frame = grid.value
        for column in frame.columns:
            cells = frame[column]
            if pd.api.types.is_datetime64_any_dtype(cells):
                continue
            typed = pd.api.types.is_numeric_dtype(cells) or pd.api.types.is_bool_dtype(cells)
            if typed and not cells.isna().all():  # an all-missing column (a note nobody has) is empty text
                continue
            if cells.isna().any() or cells.astype(str).isin(["None", "nan", "NaN", "<NA>"]).any():
                found.append((i, str(column)))
    return found


def _drawn_as_none(at: AppTest) -> list[int]:
    """The grids on the page with a missing cell (of any type) that the browser would draw as "None"."""
    return [i for i, grid in enumerate(at.dataframe)
            if grid.value.isna().to_numpy().any()
            and (not grid.proto.HasField("placeholder") or grid.proto.placeholder in NONE_WORDS)]


def test_every_grid_of_every_page_draws_a_missing_cell_empty() -> None:
    files = sorted((ROOT / "pages").glob("*.py")) + sorted((ROOT / "benchlearn" / "ui").glob("*.py"))
    grids, without = 0, []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in ("dataframe", "data_editor"):
                grids += 1
                given = {k.arg: k.value for k in node.keywords}.get("placeholder")
                if not isinstance(given, ast.Constant) or given.value in NONE_WORDS:
                    without.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert grids > 20 and not without, without


@pytest.mark.parametrize("lang", ["en", "lt"])
def test_the_ranking_table_has_no_none(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       lang: str) -> None:
    at = page_runner(copy_store(demo_db, tmp_path, "none_ranking"), monkeypatch, "ranking")(lang)
    assert not at.exception
    assert len(at.dataframe) and not _empty_text_cells(at) and not _drawn_as_none(at)


def test_the_history_tables_have_no_none(store: Store) -> None:  # noqa: F811
    at = commit_density(store).switch_page("pages/history.py").run()
    no_exceptions(at)
    assert len(at.dataframe) >= 2 and not _empty_text_cells(at)  # the ledger and what the batch changed
    ledger = at.dataframe[0].value
    assert ledger.isna().to_numpy().any()  # a batch never undone has no undo time: a missing date …
    assert not _drawn_as_none(at)  # … drawn as an empty cell
    at = at.button(key=next(b.key for b in at.button if str(b.key).startswith("undo_preview_"))).click().run()
    no_exceptions(at)
    assert len(at.dataframe) >= 3 and not _empty_text_cells(at)  # and what undoing it would change
    assert not _drawn_as_none(at)
