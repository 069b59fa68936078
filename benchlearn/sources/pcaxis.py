"""PC-Axis (.px) files, the native format of PxWeb.

Our own reader rather than pyaxis: pyaxis calls `logging.basicConfig` when imported (reconfiguring the host
process's logging), reads only from a path or a URL it fetches itself, and turns the `".."` / `"-"` symbols
into NaN so their meaning is lost; it also gives labels only. The format is keywords: `KEY("var")=value;`
with quoted, comma-separated lists, then `DATA=` and the cells in row-major order over STUB then HEADING
variables (the last varies fastest), numbers or quoted symbols. Keywords with a language tag (`VALUES[sv]`)
belong to another language of a multilingual file and are skipped.
"""

from __future__ import annotations

import math
import re

from benchlearn.sources.table import Dimension, SourceTable, bad_source, frame_of, split_value

_STATEMENT = re.compile(r'\s*([A-Za-z0-9-]+)(\[[^\]]*\])?(?:\("((?:[^"]|"")*)"\))?\s*=', re.S)
_ITEM = re.compile(r'"((?:[^"]|"")*)"|([^,\s";]+)')
_CELL = re.compile(r'"([^"]*)"|([^\s",;]+)')
_NORDIC = {"sv", "no", "nb", "nn", "da", "fi", "is", "en"}


def looks_like(text: str) -> bool:
    """Whether text is a PC-Axis file."""
    head = text[:4000]
    return bool(re.search(r'^\s*(CHARSET|AXIS-VERSION|CODEPAGE|LANGUAGE|MATRIX)\s*=', head, re.M)) and \
        "DATA" in text and ("STUB" in head or "HEADING" in head)


def decode(data: bytes) -> str:
    """A .px file's text: its CODEPAGE, else UTF-8, else the Windows code page of its language."""
    head = data[:4000].decode("ascii", errors="replace")
    page = re.search(r'CODEPAGE\s*=\s*"([^"]+)"', head)
    if page:
        try:
            return data.decode(page.group(1).strip().lower().replace("windows-", "cp"))
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        language = re.search(r'LANGUAGE\s*=\s*"([^"]+)"', head)
        nordic = language is not None and language.group(1).lower() in _NORDIC
        return data.decode("cp1252" if nordic else "cp1257", errors="replace")  # ANSI on that office's Windows


def read(data: bytes, file_name: str) -> SourceTable:
    """A .px file → a SourceTable (codes from CODES where given, else the VALUES labels)."""
    keys, cells = _statements(decode(data), file_name)
    stub, heading = keys.get(("STUB", None), []), keys.get(("HEADING", None), [])
    names = stub + heading
    if not names:
        raise bad_source(file_name, "px_no_variables")
    dimensions, orders = [], []
    timeval = {var for (key, var) in keys if key == "TIMEVAL"}
    contvar = (keys.get(("CONTVAR", None)) or [None])[0]
    for name in names:
        labels = keys.get(("VALUES", name))
        if not labels:
            raise bad_source(file_name, "px_no_values", name=name)
        codes = keys.get(("CODES", name)) or labels
        if len(codes) != len(labels):
            raise bad_source(file_name, "px_codes", name=name, codes=len(codes), values=len(labels))
        role = "period" if name in timeval else "indicator" if name == contvar else None
        dimensions.append(Dimension(name, name, dict(zip(codes, labels, strict=True)), role))
        orders.append(codes)
    total = math.prod(len(o) for o in orders)
    if len(cells) != total:
        raise bad_source(file_name, "px_data", cells=len(cells), total=total)
    records = []
    for position, cell in enumerate(cells):
        key, rest = [], position
        for order in reversed(orders):
            rest, at = divmod(rest, len(order))
            key.append(order[at])
        value, symbol = split_value(cell)
        records.append((*reversed(key), value, symbol, position + 1))
    matrix = (keys.get(("MATRIX", None)) or ["table"])[0]
    return SourceTable("px", f"px:{matrix}", dimensions, frame_of(dimensions, records))


def _statements(text: str, file_name: str) -> tuple[dict[tuple[str, str | None], list[str]], list[str]]:
    """Keywords → their list of values (language-tagged ones skipped), and the DATA cells."""
    keys: dict[tuple[str, str | None], list[str]] = {}
    at = 0
    while at < len(text):
        match = _STATEMENT.match(text, at)
        if not match:
            if not text[at:].strip():
                break
            raise bad_source(file_name, "px_line", value=text[at:at + 40].strip())
        keyword, language, variable = match.group(1).upper(), match.group(2), match.group(3)
        end = _end_of_value(text, match.end())
        body = text[match.end():end]
        at = end + 1
        if keyword == "DATA":
            return keys, [q if q is not None and q != "" else b for q, b in _CELL.findall(body)]
        if language is None:
            keys[(keyword, None if variable is None else variable.replace('""', '"'))] = _items(body)
    raise bad_source(file_name, "px_no_data")


def _end_of_value(text: str, start: int) -> int:
    quoted = False
    for i in range(start, len(text)):
        char = text[i]
        if char == '"':
            quoted = not quoted
        elif char == ";" and not quoted:
            return i
    return len(text)


def _items(body: str) -> list[str]:
    """A comma-separated list; quoted pieces of one item split over lines ("a" "b") are joined."""
    items, current, pending = [], "", False
    for part in re.split(r'(,)(?=(?:[^"]*"[^"]*")*[^"]*$)', body):
        if part == ",":
            items.append(current)
            current, pending = "", False
            continue
        for quoted, bare in _ITEM.findall(part):
            current += quoted.replace('""', '"') if quoted or not bare else bare
            pending = True
    if pending or current:
        items.append(current)
    return items
