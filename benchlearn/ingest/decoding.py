"""Bytes first: size cap, workbook and binary content, then the text encoding and line endings.

Encodings are decided in Python, never by a sniffer: strict UTF-8 (with or without BOM), UTF-16 with a BOM
(Excel's "Unicode text"), else cp1257 (Baltic Windows Excel), or what the user names. Never latin-1 as a
fallback: it decodes anything and silently garbles ą č ę ė į š ų ū ž ā ē ī ķ ļ ņ.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from benchlearn.ingest.problems import Problems, human_size

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the legacy .xls container


@dataclass(frozen=True)
class Decoded:
    """The file as UTF-8 bytes with LF line ends and no BOM, and how it was encoded."""

    text: bytes
    encoding: str
    bom: bool
    ascii: bool  # pure ASCII: whitespace can be trimmed by the faster ASCII kernel


def check_bytes(data: bytes, problems: Problems, max_bytes: int) -> None:
    """Refuse files that are too large, workbooks, or empty, before any decoding."""
    if len(data) > max_bytes:
        problems.fail(None, None, "file_too_large", value=human_size(len(data)), expected=human_size(max_bytes),
                      limit=human_size(max_bytes))
    if data.startswith(_ZIP):
        problems.fail(None, None, "excel_workbook")
    if data.startswith(_OLE):
        problems.fail(None, None, "excel_workbook", form="xls")
    if not re.search(rb"[^\s\xef\xbb\xbf]", data):
        problems.fail(None, None, "empty_file")


def decode(data: bytes, problems: Problems, override: str | None = None) -> Decoded:
    """Decode with the override, else detect (UTF-8 / UTF-16 BOM / cp1257); normalise line endings."""
    if override:
        return _decode_as(data, problems, override)
    if data.startswith(_UTF8_BOM):
        body = data[len(_UTF8_BOM):]
        _check_nul(body, problems)
        _check_utf8(body, problems, "utf-8")
        return Decoded(_lf(body, problems), "utf-8", True, _is_ascii(body))
    if data.startswith(_UTF16_BOMS):
        return _decode_as(data, problems, "utf-16")
    _check_nul(data, problems)
    if _is_utf8(data):
        return Decoded(_lf(data, problems), "utf-8", False, _is_ascii(data))
    return _decode_as(data, problems, "cp1257", detected=True)


def _decode_as(data: bytes, problems: Problems, name: str, detected: bool = False) -> Decoded:
    try:
        info = codecs.lookup(name)
    except LookupError:
        problems.fail(None, None, "unknown_encoding", value=name)
    bom = data.startswith(_UTF8_BOM) if info.name == "utf-8" else data.startswith(_UTF16_BOMS)
    codec = "utf-8-sig" if info.name == "utf-8" else info.name
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start: exc.start + 1].hex().upper()
        problems.fail(line, None, "undecodable", value=f"0x{byte}", expected=name, form="" if detected else "given",
                      encoding=name)
    if "\x00" in text:
        _nul_problem(text.index("\x00"), text, problems)
    if text.startswith("\ufeff"):  # a BOM the named codec kept (utf-16-le, utf-8 named as cp1257, …)
        text, bom = text[1:], True
    return Decoded(_lf(text.encode("utf-8"), problems), info.name, bom, text.isascii())


def _whole(data: bytes) -> pa.Array:
    """The bytes as one pyarrow string (no copy), for SIMD checks over a large file."""
    offsets = pa.py_buffer(np.array([0, len(data)], dtype=np.int64))
    return pa.Array.from_buffers(pa.large_string(), 1, [None, offsets, pa.py_buffer(data)])


def _is_utf8(data: bytes) -> bool:
    # pyarrow validates UTF-8 with SIMD, far faster than decoding a large file in Python
    try:
        _whole(data).validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


def _is_ascii(data: bytes) -> bool:
    return bool(pc.string_is_ascii(_whole(data))[0].as_py())


def _check_utf8(data: bytes, problems: Problems, name: str) -> None:
    if not _is_utf8(data):
        _decode_as(data, problems, name)  # reports the exact byte and line


def _check_nul(data: bytes, problems: Problems) -> None:
    at = data.find(b"\x00")
    if at >= 0:
        _nul_problem(at, data, problems)


def _nul_problem(at: int, data: bytes | str, problems: Problems) -> None:
    line = data[:at].count(b"\n" if isinstance(data, bytes) else "\n") + 1
    problems.fail(line, None, "binary_data", value="NUL")


def _lf(text: bytes, problems: Problems) -> bytes:
    # DuckDB and a line count both need one line ending; Excel on a Mac still writes bare CR
    if b"\r" in text:
        text = text.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    if not re.search(rb"\S", text):
        problems.fail(None, None, "empty_file")
    return text
