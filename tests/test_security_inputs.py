"""Hostile inputs of the adversarial probe (issue 11): workbooks that declare or hold more cells than they
are worth, codes that look like other codes, names that make other entities ambiguous."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from types import FrameType, TracebackType

import pytest
import streamlit as st
from ingest_ref import empty_reference, reference
from streamlit.testing.v1 import AppTest

from benchlearn import ui
from benchlearn.api import accounts
from benchlearn.errors import InputError
from benchlearn.ingest import IngestOptions, parse, xlsx
from benchlearn.model import Kind

ROOT = Path(__file__).resolve().parents[1]
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006"


def hand_made_workbook(path: Path, dimension: str | None, cells: list[tuple[str, int, str]]) -> Path:
    """An .xlsx written part by part with zipfile: one sheet, the given <dimension> and inline-string cells."""
    rows: dict[int, list[str]] = {}
    for column, row, text in cells:
        rows.setdefault(row, []).append(f'<c r="{column}{row}" t="inlineStr"><is><t>{text}</t></is></c>')
    sheet_rows = "".join(f'<row r="{r}">{"".join(c)}</row>' for r, c in sorted(rows.items()))
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    parts = {
        "[Content_Types].xml": f'<Types xmlns="{_PKG}/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{_PKG}/relationships"><Relationship Id="rId1" '
        f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
        '<sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{_PKG}/relationships"><Relationship Id="rId1" '
        f'Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{_MAIN}">{declared}<sheetData>{sheet_rows}'
        "</sheetData></worksheet>",
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


# The parse runs in a child process under an address-space cap (so an unbounded read fails there instead of
# swapping the machine), and reports its refusal and its own peak resident memory.
_CHILD = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (3 * 1024 ** 3, 3 * 1024 ** 3))
from benchlearn.ingest import xlsx
from benchlearn.errors import InputError
data = open(sys.argv[1], "rb").read()
try:
    xlsx.sheet_as_csv(data, "hostile.xlsx")
    outcome = {"problems": []}
except InputError as exc:
    outcome = {"problems": [[p.code, p.row, str(p)] for p in exc.problems]}
# VmHWM is this program's own high-water mark: ru_maxrss keeps the forking pytest worker's across exec
hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
outcome["peak_mb"] = int(hwm.split()[1]) / 1024
print(json.dumps(outcome))
"""
PEAK_MB = 400  # generous: the interpreter with openpyxl is ~60 MB; the unbounded read went past 3 GB


def parse_in_child(path: Path) -> dict:
    """Run sheet_as_csv on the file in a fresh interpreter; its refusal and peak RSS in MB."""
    done = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True,
                          cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_a_sheet_declaring_a_billion_cells_is_refused_before_reading_in_bounded_memory(tmp_path):
    """The 1.5 KB workbook of the probe: A1:ALL1048576 declared, cells only in A1 and A1048576."""
    path = hand_made_workbook(tmp_path / "hostile.xlsx", "A1:ALL1048576",
                              [("A", 1, "entity_code"), ("A", 1048576, "LT-01")])
    assert path.stat().st_size < 2048
    outcome = parse_in_child(path)
    assert outcome["problems"] == [[
        "xlsx_declared_too_large", None, "hostile.xlsx::: the sheet declares the range A1:ALL1048576: 1048576 rows "
        f"× 1000 columns, the limit is {xlsx.MAX_CELLS} cells: save only the data's range, or upload the "
        "sheet as CSV"]]
    assert outcome["peak_mb"] < PEAK_MB


def test_a_sheet_that_declares_little_but_holds_cells_far_apart_is_refused_at_the_row(tmp_path):
    """A lying dimension is not trusted: rows are streamed and rows × width is bounded as they come."""
    rows = xlsx.MAX_CELLS // xlsx.MAX_COLUMNS + 5
    cells = [("ALL", 1, "wide")] + [("A", r, "x") for r in range(2, rows + 1)]
    path = hand_made_workbook(tmp_path / "hostile.xlsx", "A1:B2", cells)
    outcome = parse_in_child(path)
    limit_row = xlsx.MAX_CELLS // xlsx.MAX_COLUMNS + 1
    assert [p[:2] for p in outcome["problems"]] == [["xlsx_too_many_cells", limit_row]]
    assert outcome["peak_mb"] < PEAK_MB


def test_a_row_number_beyond_excel_is_refused(tmp_path):
    path = hand_made_workbook(tmp_path / "far.xlsx", None, [("A", 1, "code"), ("A", 2_000_000, "x")])
    outcome = parse_in_child(path)
    assert [p[:2] for p in outcome["problems"]] == [["xlsx_too_long", xlsx.MAX_ROWS + 1]]


def test_a_sheet_holding_more_than_it_declares_is_read_whole(tmp_path):
    """openpyxl stops at the declared last row; the reader must not silently drop the rows below it."""
    path = hand_made_workbook(tmp_path / "short.xlsx", "A1:B2",
                              [("A", 1, "code"), ("B", 1, "name"), ("A", 2, "LT-01"), ("A", 4, "LT-02"),
                               ("C", 4, "extra")])
    assert xlsx.sheet_as_csv(path.read_bytes(), "short.xlsx").decode() == (
        "code,name,\nLT-01,,\n\nLT-02,,extra\n")


# --- codes and names --------------------------------------------------------------------------------------

def entities(text: str, ref=None) -> InputError | None:
    """Parse an entities file against the test reference; the InputError, or None when it is accepted."""
    try:
        parse(text.encode(), "e.csv", ref or reference(), IngestOptions(kind=Kind.ENTITIES))
    except InputError as exc:
        return exc
    return None


@pytest.mark.parametrize(("code", "rule"), [
    ("LV\u2010RIX", "code_character"), ("LV-R\u0406X", "code_character"), ("LV-RIX\u200b", "code_character"),
    ("LV-\u202eXIR", "code_character"), ("=1+1", "code_character"), ("../x", "code_character"),
    ("..x", "code_start"), ("LV..RIX", "code_dots"), ("+LV", "code_character"), ("@LV", "code_character"),
    ("-LV", "code_start"), ("L" * 65, "code_too_long"),
])
def test_a_code_outside_the_safe_alphabet_is_a_located_problem(code, rule):
    error = entities(f"code,name\n{code},Testa novads\n")
    assert error is not None
    assert [(p.row, p.column, p.code) for p in error.problems] == [(2, "code", rule)]
    assert "\u200b" not in str(error.problems[0]) and "\u202e" not in str(error.problems[0])  # escaped


@pytest.mark.parametrize("code", ["LT-01", "LV-RIX", "0114", "LT-01-AKM", "SOTKANET-4", "FI.091", "SE_0114"])
def test_the_codes_the_demo_data_uses_stay_valid(code):
    assert entities(f"code,name\n{code},Testa novads\n", empty_reference()) is None


def test_full_width_letters_are_normalised_to_the_code_they_spell():
    parsed = parse("code,name\n\uff2c\uff36-\uff38\uff39\uff3a,Testa novads\n".encode(), "e.csv", reference(),
                   IngestOptions(kind=Kind.ENTITIES))
    assert parsed.frame["code"].tolist() == ["LV-XYZ"]


@pytest.mark.parametrize("name", ["entities.csv", "indicators_lt.csv", "indicators_lv.csv"])
def test_every_code_of_the_shipped_demo_data_is_in_the_safe_alphabet(name):
    path = ROOT / "data" / "demo" / name
    kind = Kind.ENTITIES if name == "entities.csv" else Kind.INDICATORS
    parse(path.read_bytes(), name, empty_reference(), IngestOptions(kind=kind))  # raises InputError if not


@pytest.mark.parametrize("name", ["Akmenė d. mun.", "AKMENE D. MUN.", "Akmenė", "Akmenės r. sav."])
def test_a_new_entity_may_not_take_a_name_an_existing_one_answers_to(name):
    error = entities(f"code,name\nLT-99,{name}\n")
    assert error is not None
    assert [(p.row, p.column, p.code) for p in error.problems] == [(2, "name", "name_taken")]
    assert "LT-01 Akmenė d. mun." in str(error.problems[0])


def test_a_successor_that_names_what_it_replaces_may_take_its_name():
    merger = ("code,name,valid_to,successor_code\nLT-99,Akmenė d. mun.,,\n"
              "LT-01,Akmenė d. mun.,2024-12-31,LT-99\n")
    assert entities(merger) is None
    assert entities("code,name\nLT-99,Akmenė d. mun.\n") is not None  # without the successor: refused


def test_two_new_entities_and_an_unchanged_one_are_not_twins_of_themselves():
    """Reloading the reference changes nothing; Håbo and Habo (two Swedish municipalities) may arrive together."""
    assert entities((ROOT / "tests" / "data" / "ref" / "entities.csv").read_text(encoding="utf-8")) is None
    assert entities("code,name,country\n0305,Håbo,SE\n0643,Habo,SE\n") is None


# --- a rejected upload keeps only its problems (issue 11.5) ------------------------------------------------

COORD, COORD_PW = "coord", "coordinator-pass-1"


def wide_bad_csv(columns: int, rows: int) -> bytes:
    """A wide values file whose indicator columns are all unknown: rejected with a (capped) report."""
    header = "entity_code,period," + ",".join(f"X{i}" for i in range(columns - 2))  # lines under 100 KB
    row = ",".join(str(i % 10) for i in range(columns - 2))
    return "\n".join([header, *(f"LT-{n % 5 + 1:02},2020,{row}" for n in range(rows))]).encode() + b"\n"


def held_exceptions(value: object, path: str = "state", seen: set[int] | None = None) -> list[str]:
    """Where, inside `value`, an exception, traceback or frame is reachable through containers and fields."""
    seen = set() if seen is None else seen
    if id(value) in seen or isinstance(value, str | bytes | int | float | bool | type(None)):
        return []
    seen.add(id(value))
    if isinstance(value, BaseException | TracebackType | FrameType):
        return [f"{path}: {type(value).__name__}"]
    if isinstance(value, dict):
        children = [(f"{path}[{k!r}]", v) for k, v in value.items()]
    elif isinstance(value, list | tuple | set | frozenset):
        children = [(f"{path}[{i}]", v) for i, v in enumerate(value)]
    elif hasattr(value, "__dataclass_fields__"):
        children = [(f"{path}.{f}", getattr(value, f)) for f in value.__dataclass_fields__]
    else:
        children = [(f"{path}.{k}", v) for k, v in getattr(value, "__dict__", {}).items()]
    return [hit for p, v in children for hit in held_exceptions(v, p, seen)]


def rss_mb() -> float:
    """This process's resident memory (AppTest runs the app in it)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def rejected_session(data: bytes):  # noqa: ANN201
    """A logged-in coordinator's session on the upload page, after uploading `data` and seeing it rejected."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
    at = at.switch_page("pages/upload.py").run()
    at.text_input(key="login_username").input(COORD)
    at.text_input(key="login_password").input(COORD_PW)
    at = next(b for b in at.button if (b.key or "").startswith("FormSubmitter:login_form")).click().run()
    uploader = next(u for u in at.file_uploader if (u.key or "").startswith("upload_file"))
    at = uploader.set_value(("wide.csv", data, "text/csv")).run()
    assert any("The file was not loaded" in e.value for e in at.error), [e.value for e in at.error]
    return at


def test_a_rejected_upload_keeps_no_exception_and_little_memory_per_session(app_db, monkeypatch):
    """Six sessions each reject a 15 000-column file; the state holds plain problems, and the sessions that
    stay open cost little memory (the InputError kept its traceback, so the whole parse, per session)."""
    monkeypatch.setenv("BENCHLEARN_DB", str(app_db))
    st.cache_data.clear()
    st.cache_resource.clear()
    shared = ui.shared_store()
    accounts.add_user(shared, COORD, COORD_PW, "coordinator", ["lt-municipalities"])
    data = wide_bad_csv(15_000, 120)  # 3.6 MB
    try:
        sessions = [rejected_session(data)]  # the first also warms imports and caches
        state = sessions[0].session_state
        assert state["upload_preview"][1].total > 0
        assert held_exceptions({k: state[k] for k in state}) == []
        gc.collect()
        before = rss_mb()
        sessions += [rejected_session(data) for _ in range(5)]  # all kept open, as browsers left open
        gc.collect()
        grown = rss_mb() - before
        assert grown < 250, f"{grown:.0f} MB for 5 rejected uploads"
    finally:
        st.cache_resource.clear()
        shared.close()
