"""An exact duplicate row is told, not silently dropped: a warning naming both rows, nothing refused (issue 14.10)."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_ref import reference
from test_ui_upload import COORD, COORD_PW, login, no_exceptions, open_page, store, texts, upload  # noqa: F401

from benchlearn.cli import main
from benchlearn.ingest import IngestOptions, parse
from benchlearn.model import Kind
from benchlearn.store import Store, open_store

DUPLICATED = b"entity_code,indicator_code,period,value\nLT-01,POP,2023,100\nLT-02,POP,2023,7\nLT-01,POP,2023,100\n"
WARNING = "row 4 repeats row 2 exactly (LT-01 / POP / 2023): it is loaded once"


def test_the_parsed_upload_keeps_one_row_and_warns_with_both_row_numbers():
    parsed = parse(DUPLICATED, "d.csv", reference(), IngestOptions())
    assert parsed.frame[["entity_code", "row"]].values.tolist() == [["LT-01", 2], ["LT-02", 3]]
    assert [str(w) for w in parsed.warnings] == [f"d.csv:4:value: {WARNING}"]
    assert parsed.warning_count == 1
    assert parsed.warnings[0].text("lt") == ("4 eilutė tiksliai pakartoja 2 eilutę (LT-01 / POP / 2023): įkeliama "
                                             "vieną kartą")


def test_a_metadata_file_warns_of_its_exact_duplicate_row_too():
    data = b"code,name\nLT-77,Naujoji\nLT-77,Naujoji\n"
    parsed = parse(data, "e.csv", reference(), IngestOptions(kind=Kind.ENTITIES))
    assert len(parsed.frame) == 1
    assert [str(w) for w in parsed.warnings] == ["e.csv:3:: row 3 repeats row 2 exactly (LT-77): it is loaded once"]


def test_the_cli_prints_the_warning_and_loads_the_file(tmp_path: Path, capsys: pytest.CaptureFixture):
    db = tmp_path / "d.duckdb"
    files = {"e.csv": b"code,name,country\nLT-01,Akmene,LT\nLT-02,Alytus,LT\n",
             "i.csv": b"code,name,unit,polarity\nPOP,Population,persons,neutral\n", "v.csv": DUPLICATED}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    for name, kind in (("e.csv", "entities"), ("i.csv", "indicators")):
        assert main(["ingest", str(tmp_path / name), "--kind", kind, "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["ingest", str(tmp_path / "v.csv"), "--db", str(db)]) == 0
    err = capsys.readouterr().err
    assert f"v.csv:4:value: warning: {WARNING}" in err.splitlines()
    loaded = open_store(db)
    try:
        with loaded.cursor() as cur:
            assert cur.execute("SELECT count(*) FROM observation").fetchone() == (2,)
    finally:
        loaded.close()


def test_the_preview_shows_the_warning_in_the_users_language(store: Store) -> None:  # noqa: F811
    data = (b"entity_code;indicator_code;period;value\nLT-01;POP_DENSITY;2018;25,3\n"
            b"LT-01;POP_DENSITY;2018;25,3\n")
    at = upload(login(open_page("pages/upload.py", "lt"), COORD, COORD_PW), "dup.csv", data)
    no_exceptions(at)
    shown = [w.replace("\\", "") for w in texts(at.warning)]  # as read: without the markdown escapes
    assert any("3 eilutė tiksliai pakartoja 2 eilutę (LT-01 / POP_DENSITY / 2018)" in w for w in shown), shown
    assert at.button(key="upload_commit")  # told, not refused: the commit is offered
