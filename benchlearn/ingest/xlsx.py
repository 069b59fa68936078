"""Reading an uploaded Excel workbook (.xlsx) safely, as CSV text that the validated ingest path reads.

An .xlsx is a ZIP of XML files. Before openpyxl parses anything, the archive is checked: the number of
entries, the total uncompressed size and each large entry's compression ratio (a "zip bomb" expands a few
kilobytes into gigabytes). Python's zipfile never inflates an entry beyond the size its directory declares,
so checking the declared sizes bounds the work. openpyxl then reads in read-only mode (rows streamed, not
a whole workbook in memory) and, with defusedxml installed, refuses XML entity expansion ("billion laughs").

The chosen sheet becomes UTF-8 CSV with one line per sheet row, so every problem keeps the row number the
spreadsheet shows; numbers are written with a decimal point exactly as stored (shortest round-trip form).

A sheet's size is bounded twice, because a 1.5 KB file can declare `<dimension ref="A1:ALL1048576"/>` and
openpyxl would pad every row to the declared width (a billion empty cells): the declared rows × columns are
checked before any row is read, then rows are streamed with the declared size ignored (a sheet may also
declare less than it holds), each row kept as one CSV line, and the rows and the filled rows × width are
checked as they come, so neither a lying declaration nor cells far apart can make the padding large.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from benchlearn.errors import InputError, InputProblem
from benchlearn.ingest.problems import pairs

if TYPE_CHECKING:
    import openpyxl

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old .xls, and password-protected .xlsx files
MAX_ENTRIES = 1000
MAX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_RATIO = 100
RATIO_FROM_BYTES = 1024 * 1024  # small entries compress oddly well without being dangerous
MAX_COLUMNS = 1000
MAX_ROWS = 1_048_576  # Excel's own limit: a row number beyond it is not a spreadsheet's
MAX_CELLS = 5_000_000  # rows with data × the widest row, i.e. the cells of the CSV handed to the ingest


def is_workbook(file_name: str) -> bool:
    """True for a file named .xlsx (or .xlsm) that the ingest path must read as a workbook."""
    return file_name.lower().endswith((".xlsx", ".xlsm"))


def _fail(file_name: str, code: str, form: str = "", **params: object) -> InputError:
    return _located(file_name, None, code, form, **params)


def check_archive(data: bytes, file_name: str) -> None:
    """Raise InputError unless `data` is a ZIP within the entry-count, size and ratio limits."""
    if data.startswith(OLE_MAGIC):
        raise _fail(file_name, "xlsx_old_format")
    if not data.startswith(ZIP_MAGIC):
        raise _fail(file_name, "xlsx_unreadable", "not_xlsx")
    try:
        entries = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError):
        raise _fail(file_name, "xlsx_unreadable") from None
    total = sum(e.file_size for e in entries)
    if len(entries) > MAX_ENTRIES:
        raise _fail(file_name, "xlsx_too_complex", parts=len(entries), limit=MAX_ENTRIES)
    if total > MAX_UNCOMPRESSED:
        raise _fail(file_name, "xlsx_too_large", size_mb=total // (1024 * 1024),
                    limit_mb=MAX_UNCOMPRESSED // (1024 * 1024))
    for entry in entries:
        if entry.file_size > RATIO_FROM_BYTES and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            raise _fail(file_name, "xlsx_suspicious")


@contextmanager
def _reading(file_name: str) -> Iterator[None]:
    """Turn what a damaged or hostile workbook makes openpyxl raise into one plain InputError."""
    from openpyxl.utils.exceptions import InvalidFileException  # openpyxl only when a workbook comes (CLI start-up)

    try:
        yield
    except (InvalidFileException, zipfile.BadZipFile, zlib.error, KeyError, ValueError, OSError, EOFError,
            SyntaxError):  # defusedxml's refusals are ValueErrors, XML parse errors SyntaxErrors
        raise _fail(file_name, "xlsx_unreadable") from None


def _open(data: bytes, file_name: str) -> openpyxl.Workbook:
    import openpyxl
    import openpyxl.xml

    check_archive(data, file_name)
    if not openpyxl.xml.DEFUSEDXML:  # without defusedxml, openpyxl would expand XML entities
        raise RuntimeError("defusedxml is required to read uploaded workbooks")
    with _reading(file_name):
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)


def sheet_names(data: bytes, file_name: str) -> list[str]:
    """The workbook's worksheet names, in order (InputError when it cannot be opened safely)."""
    book = _open(data, file_name)
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def cell_text(value: object) -> str:
    """A cell as text: numbers exactly as stored, whole floats without `.0`, dates as ISO, empty as ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def sheet_as_csv(data: bytes, file_name: str, sheet: str | None = None) -> bytes:
    """One worksheet (the first when `sheet` is None) as UTF-8 CSV, one line per sheet row."""
    book = _open(data, file_name)
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise _fail(file_name, "xlsx_no_sheet", sheet=sheet)
        worksheet = book[sheet] if sheet is not None else book.worksheets[0]
        _check_declared(worksheet, file_name)
        worksheet.reset_dimensions()  # stream the rows the sheet holds, not the padding it declares
        with _reading(file_name):
            return _as_csv(_lines(worksheet.iter_rows(values_only=True), file_name))
    finally:
        book.close()


def _check_declared(worksheet: object, file_name: str) -> None:
    """Refuse a sheet whose declared dimension alone exceeds the limits, before a row is read."""
    rows, columns = worksheet.max_row or 0, worksheet.max_column or 0
    if columns > MAX_COLUMNS:
        raise _fail(file_name, "xlsx_too_wide", columns=columns, limit=MAX_COLUMNS)
    if rows > MAX_ROWS or rows * columns > MAX_CELLS:
        area = worksheet.calculate_dimension()
        raise _fail(file_name, "xlsx_declared_too_large", area=area, rows=rows, columns=columns, limit=MAX_CELLS)


def _lines(rows: Iterator[tuple], file_name: str) -> tuple[list[tuple[int, str]], int]:
    """Each sheet row as (cells up to its last filled one, CSV text) and the widest row, within the limits."""
    lines: list[tuple[int, str]] = []
    width = filled = 0
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="")
    for number, row in enumerate(rows, start=1):
        if number > MAX_ROWS:
            raise _located(file_name, number, "xlsx_too_long", limit=MAX_ROWS)
        cells = [cell_text(v) for v in row]
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            lines.append(_BLANK)
            continue
        if len(cells) > MAX_COLUMNS:
            raise _fail(file_name, "xlsx_too_wide", columns=len(cells), limit=MAX_COLUMNS)
        width, filled = max(width, len(cells)), filled + 1
        if filled * width > MAX_CELLS:
            raise _located(file_name, number, "xlsx_too_many_cells", rows=filled, columns=width, limit=MAX_CELLS)
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(cells)
        lines.append((len(cells), buffer.getvalue()))
    return lines, width


_BLANK = (0, "")


def _located(file_name: str, row: int | None, code: str, form: str = "", **params: object) -> InputError:
    return InputError([InputProblem(file_name, row, None, code=code, params=pairs(params), form=form)])


def _as_csv(read: tuple[list[tuple[int, str]], int]) -> bytes:
    # trailing empty rows and columns are formatting, not data; inner blank rows keep the row numbering
    lines, width = read
    while lines and not lines[-1][0]:
        lines.pop()
    out = io.StringIO()
    for cells, text in lines:
        out.write(text + "," * (width - cells) + "\n" if cells else "\n")
    return out.getvalue().encode("utf-8")
