"""Issue 15.5, every download: while a data call is open, a logged-out visitor's downloads never hold its
preliminary value — the ranking's CSV and Excel, the profile's, the trends', the municipality report (Excel and
the PDF's text layer), the meeting pack, the exports page's files — nor does the open-data package, whoever
makes it; after the coordinator publishes the period, each of them holds it (so the scan sees a leak).

On a demo copy, a network's member sends one value (98 765, a number no demo value of the year has) for a far
year nothing else has (test_embargo_pages' sentinel). Every page is run logged out through dashboard.py
(AppTest) as a shared link naming that value; the files its download buttons would hand out (the `data` each
button is given, made as a click would make it) are read as text — CSV as it is, workbooks' XML, PDF through
pdftotext, zips member by member — and searched for the value, however it is formatted.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from functools import partial
from pathlib import Path

import pytest
import streamlit as st
from page_support import dashboard_store
from streamlit.delta_generator import DeltaGenerator
from streamlit.testing.v1 import AppTest
from test_embargo_pages import sentinel

from benchlearn.api import accounts, data_calls, open_data_download, publication, uploads
from benchlearn.ingest import IngestOptions
from benchlearn.store import Store

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted(p.stem for p in (ROOT / "pages").glob("*.py"))


def text_of(data: bytes) -> str:
    """A downloaded file as searchable text: a zip (workbook or package) member by member, a PDF's text layer."""
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    if data[:4] == b"%PDF":
        done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True,
                              timeout=120)
        return done.stdout.decode("utf-8", "replace")
    return data.decode("utf-8-sig", "replace")


def downloads(monkeypatch: pytest.MonkeyPatch, page: str, params: dict[str, str]) -> dict[str, str]:
    """file name → text of every file the page's download buttons hand a logged-out visitor of this link."""
    given: list[tuple[str, object]] = []
    original = DeltaGenerator.download_button

    def recording(self: DeltaGenerator, label: str, data: object, file_name: str | None = None, *args: object,
                  **kwargs: object) -> bool:
        given.append((file_name or label, data))
        return original(self, label, data, file_name, *args, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(DeltaGenerator, "download_button", recording)
        patched.setattr(st, "download_button", partial(recording, st._main))
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)
        for key, value in params.items():
            at.query_params[key] = value
        at = at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, (page, at.exception)
    files = {}
    for name, data in given:  # made as a click makes it: a deferred button's callable runs then
        made = data() if callable(data) else data
        files[f"{page}/{name}"] = text_of(made if isinstance(made, bytes) else str(made).encode())
    return files


VALUE = 98765
# the value as any file may write it: plain, or grouped by a comma, dot, space, no-break or narrow space
SHOWN = re.compile(r"(?<![\d.])98[,.\s\u00a0\u202f]?765(?![\d])")
# page → the files (a pattern of their names) that must hold the value once it is published: the ranking's,
# profile's and trends' tables (CSV and Excel), the municipality report (PDF and workbook, not its contents
# list), the meeting pack (PDF and workbook)
AFTER = {"ranking": r"ranking_.*\.(csv|xlsx)", "profile": r"profile_.*\.(csv|xlsx)",
         "trends": r"trend_.*\.(csv|xlsx)", "exports": r"benchlearn_.*_en\.(pdf|xlsx)",
         "meeting": r"meeting_[^_]+_2199\.(pdf|xlsx)"}


def holding(files: dict[str, str]) -> list[str]:
    """The files that hold the sentinel value."""
    return sorted(name for name, text in files.items() if SHOWN.search(text))


def link(found: dict) -> dict[str, str]:
    """A shared link naming the sentinel: its entity, indicator, period and network."""
    return {"entity": found["entity"], "indicator": found["indicator"], "period": found["period"],
            "network": found["network"], "lang": "en"}


def open_data(store: Store) -> str:
    """The open-data package as the admin page makes it (an admin's store sees everything under embargo)."""
    admin = accounts.login(store, "boss", "boss-password-12", sleep=lambda _s: None)
    return text_of(open_data_download.package_zip(publication.viewing(store, admin), admin))


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) reads the PDFs' text")
def test_no_download_holds_a_preliminary_value_for_a_logged_out_visitor(app_db: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    with dashboard_store(app_db, monkeypatch) as store:
        found = sentinel(store)
        accounts.add_user(store, "member", "member-password-1", "municipality", [found["network"]],
                          found["entity"])
        accounts.add_user(store, "boss", "boss-password-12", "admin")
        with store.cursor() as cur:  # the marker is no demo value of any file
            assert not cur.execute("SELECT count(*) FROM observation WHERE value = ?", [VALUE]).fetchall()[0][0]
        data_calls.open_as(store, "coord", found["network"], found["period"], [found["indicator"]], "2099-01-01")
        row = f"entity_code,indicator_code,period,value\n{found['entity']},{found['indicator']},{found['period']}"
        uploads.ingest_bytes(store, f"{row},{VALUE}\n".encode(), "member.csv",
                             IngestOptions(network=found["network"]), user="member")
        before = {}
        for page in PAGES:
            before |= downloads(monkeypatch, page, link(found))
        assert holding(before) == []
        assert not SHOWN.search(open_data(store))
        publication.publish_as(store, "coord", found["network"], found["period"])
        for page, names in AFTER.items():
            files = downloads(monkeypatch, page, link(found))
            held = holding(files)
            # each expected file holds it now (the scan sees what it looks for), CSV, Excel and PDF alike
            expected = sorted(n for n in files if re.fullmatch(names, n.split("/", 1)[1]))
            assert len(expected) >= 2 and set(expected) <= set(held), (page, sorted(files), held)
        assert SHOWN.search(open_data(store))

