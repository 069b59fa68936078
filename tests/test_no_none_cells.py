"""Issue 14.7: no raw "None" in the ranking table's and the history tables' text cells (a grid draws a missing
cell as the text "None")."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from page_support import copy_store, page_runner
from streamlit.testing.v1 import AppTest
from test_ui_upload import commit_density, no_exceptions, store  # noqa: F401

from benchlearn.store import Store


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


@pytest.mark.parametrize("lang", ["en", "lt"])
def test_the_ranking_table_has_no_none(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       lang: str) -> None:
    at = page_runner(copy_store(demo_db, tmp_path, "none_ranking"), monkeypatch, "ranking")(lang)
    assert not at.exception
    assert len(at.dataframe) and not _empty_text_cells(at)


def test_the_history_tables_have_no_none(store: Store) -> None:  # noqa: F811
    at = commit_density(store).switch_page("pages/history.py").run()
    no_exceptions(at)
    assert len(at.dataframe) >= 2 and not _empty_text_cells(at)  # the ledger and what the batch changed
    at = at.button(key=next(b.key for b in at.button if str(b.key).startswith("undo_preview_"))).click().run()
    no_exceptions(at)
    assert len(at.dataframe) >= 3 and not _empty_text_cells(at)  # and what undoing it would change
