"""`make run` leaves $BENCHLEARN_DB unset: the dashboard then opens the relative default path. Every part of
the app must reach the one connection the process holds, whatever spelling of the path it started from."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from benchlearn import ui
from benchlearn.i18n import t

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("spelling", ["data/benchlearn.duckdb", "./data/../data/benchlearn.duckdb", None])
def test_home_page_on_a_relative_database_path(app_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               spelling: str | None) -> None:
    """The home page shows the demo counts and no error (it once opened the file twice and said it was locked)."""
    (tmp_path / "data").mkdir()
    shutil.copyfile(app_db, tmp_path / "data" / "benchlearn.duckdb")
    # `make run` starts in the repository, beside .streamlit/. Streamlit parses that config once per process,
    # from the working directory of its first use: without the copy, a later test in this worker would see
    # the defaults (an upload limit of 200 MB instead of 20).
    shutil.copytree(ROOT / ".streamlit", tmp_path / ".streamlit")
    monkeypatch.chdir(tmp_path)
    if spelling is None:
        monkeypatch.delenv("BENCHLEARN_DB", raising=False)  # the default, as under `make run`
    else:
        monkeypatch.setenv("BENCHLEARN_DB", spelling)
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
        assert not at.exception, [e.value for e in at.exception]
        assert not at.error, [e.value for e in at.error]
        # 60 + 43 + 320 municipalities; 36 Baltic + 51 Finnish indicators
        assert [m.value for m in at.metric][:2] == ["423", "87"]
        assert [title.value for title in at.title] == [t("home.title", "en")]
    finally:
        ui.shared_store().close()  # the cached connection of this test's file, released for the next test
        st.cache_resource.clear()
