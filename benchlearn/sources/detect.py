"""Which foreign format a file is, from its content (the `--format` option overrides it)."""

from __future__ import annotations

import csv
import io
import json
import re

from benchlearn.errors import InputError
from benchlearn.ingest.headers import score
from benchlearn.model import Kind
from benchlearn.sources import eurostat_tsv, jsonstat, kolada, lt_portal, pcaxis, pxweb_csv, sdmx_csv, sdmx_json
from benchlearn.sources.table import SourceTable, bad_source, decode_text

#: format name → what it is (JSON formats parse the document once, the others read bytes)
FORMATS = {
    "lt-csv": "the Lithuanian official statistics portal's CSV export",
    "sdmx-csv": "SDMX-CSV (Eurostat, the Lithuanian portal's API)",
    "sdmx-json": "SDMX-JSON (the Lithuanian portal's API)",
    "json-stat": "JSON-stat 2.0 or 1.x (PxWeb, Eurostat)",
    "px": "PC-Axis .px (PxWeb)",
    "pxweb-csv": "PxWeb's CSV export",
    "eurostat-tsv": "Eurostat's TSV",
    "kolada": "the Kolada API's JSON",
}
_JSON = {"sdmx-json": sdmx_json, "json-stat": jsonstat, "kolada": kolada}
_BYTES = {"lt-csv": lt_portal, "sdmx-csv": sdmx_csv, "px": pcaxis, "pxweb-csv": pxweb_csv,
          "eurostat-tsv": eurostat_tsv}
MAX_BYTES = 200 * 1024 * 1024


def read_source(data: bytes, file_name: str, fmt: str | None = None) -> SourceTable:
    """Detect (or take) the format and read the file into a SourceTable; InputError when it cannot be read."""
    if len(data) > MAX_BYTES:
        raise bad_source(file_name, "too_large", size=len(data), limit=MAX_BYTES)
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise bad_source(file_name, "binary")
    fmt = fmt or detect(data, file_name)
    if fmt in _JSON:
        return _JSON[fmt].read(_json(data, file_name), file_name)
    return _BYTES[fmt].read(data, file_name)


def detect(data: bytes, file_name: str) -> str:
    """The format's name; InputError naming the formats when it is none of them."""
    text = decode_text(data[:65536])
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        doc = _json(data, file_name)
        for name, module in _JSON.items():
            if module.looks_like(doc):
                return name
        raise bad_source(file_name, "json_unknown", formats=[FORMATS[n] for n in _JSON])
    if pcaxis.looks_like(text):
        return "px"
    first = stripped.split("\n", 1)[0].rstrip("\r")
    if eurostat_tsv.looks_like(first):
        return "eurostat-tsv"
    header = next(csv.reader(io.StringIO(first), delimiter=max(",;\t", key=first.count)), [])
    if sdmx_csv.looks_like(header):
        return "sdmx-csv"
    if lt_portal.looks_like(header):
        return "lt-csv"
    return "pxweb-csv"


_YEAR_AT_END = re.compile(r"\d{4}(?:\s*[-/KkQq]\s*\d{1,2})?$")


def recognised(data: bytes, file_name: str) -> str | None:
    """The foreign format a file's content shows ("json" for JSON of no known kind: reading it says why), or
    None for what may be Benchlearn's own CSV. The upload page asks this: `detect` takes any other CSV for
    PxWeb's, the page only one with none of our column names and a period at the end of its header."""
    try:
        fmt = detect(data, file_name)
    except InputError:
        return "json" if decode_text(data[:65536]).lstrip().startswith(("{", "[")) else None
    if fmt != "pxweb-csv":
        return fmt
    first = decode_text(data[:65536]).lstrip().split("\n", 1)[0].rstrip("\r")
    header = next(csv.reader(io.StringIO(first), delimiter=max(",;\t", key=first.count)), [])
    ours = score(Kind.VALUES, header)[0] > 0
    return None if ours or len(header) < 2 or not _YEAR_AT_END.search(header[-1].strip()) else fmt


def _json(data: bytes, file_name: str) -> object:
    try:
        return json.loads(decode_text(data))
    except (json.JSONDecodeError, RecursionError) as exc:
        row = getattr(exc, "lineno", None)
        raise bad_source(file_name, "json", row=row, detail=getattr(exc, "msg", "too deeply nested")) from None
