"""Reading numbers as statistics offices and Baltic Excel write them, vectorised over a whole column.

Accepted: a decimal comma or point, thousands separated by a space, NBSP (U+00A0) or narrow NBSP (U+202F),
the Unicode minus (U+2212), an exponent, and a trailing `%` (checked against the unit later). A value with
both `.` and `,` (`1.234,5`, `1,234.5`) is ambiguous and an error, never a guess — unless the caller names
the decimal mark, which makes the other one a thousands separator. Missing markers keep their meaning as a
status: `–`/`-` nil, `..` not available, `…` confidential, `x` not applicable; empty, `NA`, `n/a`, `:` not
available. `NaN`, `inf` and Excel error cells are errors, and so is a well-formed number beyond what a double
holds (`1e309` would be stored as infinity and rank its municipality first).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from benchlearn.model import Status

_SPACES = " \u00a0\u202f"
# decimal mark given → (RE2 pattern of a valid number, characters that group thousands)
_PATTERNS = {
    None: (r"^[-+]?(?:(?:\d+|\d{1,3}(?:[ \x{a0}\x{202f}]\d{3})+)(?:[.,]\d*)?|[.,]\d+)(?:[eE][-+]?\d+)?$",
           _SPACES),
    ",": (r"^[-+]?(?:(?:\d+|\d{1,3}(?:[ \x{a0}\x{202f}.]\d{3})+)(?:,\d*)?|,\d+)(?:[eE][-+]?\d+)?$",
          _SPACES + "."),
    ".": (r"^[-+]?(?:(?:\d+|\d{1,3}(?:[ \x{a0}\x{202f},]\d{3})+)(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$",
          _SPACES + ","),
}

#: index 0 = a number was given; the others are the missing markers' statuses
MISSING = (None, Status.NIL, Status.NOT_AVAILABLE, Status.CONFIDENTIAL, Status.NOT_APPLICABLE)
MARKERS = {
    "": 2, "-": 1, "–": 1, "—": 1, "..": 2, "…": 3, "...": 3, "x": 4, "na": 2, "n/a": 2, ":": 2,
}
#: index 0 = no error
ERRORS = (None, "not_a_number", "ambiguous_number", "not_finite", "excel_error", "number_too_large")
_TOO_LARGE = ERRORS.index("number_too_large")
_NOT_FINITE = {"nan", "inf", "-inf", "+inf", "infinity", "-infinity", "+infinity"}
_EXCEL = {"#div/0!", "#n/a", "#value!", "#ref!", "#name?", "#num!", "#null!", "#spill!", "#calc!", "#field!"}


@dataclass
class Numbers:
    """One parsed column: value (NaN when none), missing-marker index, error index, percent sign seen."""

    value: np.ndarray
    missing: np.ndarray
    error: np.ndarray
    percent: np.ndarray
    comma: bool  # a decimal comma was used (reported as the file's decimal mark)


def parse_numbers(column: pa.ChunkedArray, decimal: str | None = None) -> Numbers:
    """Parse a column of trimmed text; nothing is guessed, every failure gets an error index."""
    plain, comma = _plain(column, decimal)
    if plain is not None:
        n = len(plain)
        return Numbers(plain, np.zeros(n, np.int8), np.zeros(n, np.int8), np.zeros(n, bool), comma)
    pattern, grouping = _PATTERNS[decimal if decimal in (",", ".") else None]
    text = pc.replace_substring(column, "\u2212", "-") if _has(column, "\u2212") else column
    percent = pc.ends_with(text, "%")
    any_percent = pc.any(percent).as_py() or False
    if any_percent:
        text = pc.utf8_rtrim_whitespace(pc.replace_substring_regex(text, "%$", ""))
    ok = pc.match_substring_regex(text, pattern)
    clean = pc.replace_substring_regex(text, _char_class(grouping), "") if _has(text, grouping) else text
    comma = False
    if decimal != ".":
        comma = bool(pc.any(pc.and_(ok, pc.match_substring(clean, ","))).as_py())
        if comma:
            clean = pc.replace_substring(clean, ",", ".")
    value = pc.cast(pc.if_else(ok, clean, "0"), pa.float64()).to_numpy()
    ok_np = np.asarray(ok.to_numpy(), dtype=bool)
    value = np.where(ok_np, value, np.nan)
    missing = np.zeros(len(value), dtype=np.int8)
    error = np.zeros(len(value), dtype=np.int8)
    overflow = ok_np & ~np.isfinite(value)  # the pattern accepted it, the cast overflowed to ±inf
    if overflow.any():
        error[overflow], value[overflow] = _TOO_LARGE, np.nan
    bad = np.flatnonzero(~ok_np)
    if len(bad):
        texts = pc.take(text, pa.array(bad)).to_pylist()
        kinds = {t: _classify(t, decimal) for t in set(texts)}
        codes = np.array([kinds[t] for t in texts], dtype=np.int8)
        missing[bad] = np.where(codes > 0, codes, 0)
        error[bad] = np.where(codes < 0, -codes, 0)
        if any_percent:  # '..%' is not a marker: a percent sign needs a number
            marked = bad[(codes > 0) & np.asarray(pc.take(percent, pa.array(bad)).to_numpy(), dtype=bool)]
            missing[marked], error[marked] = 0, 1
    percent_np = np.asarray(percent.to_numpy(), dtype=bool) if any_percent else np.zeros(len(value), bool)
    return Numbers(value, missing, error, percent_np, comma)


def _plain(column: pa.ChunkedArray, decimal: str | None) -> tuple[np.ndarray | None, bool]:
    """The fast paths: every cell a plain number with a decimal point, or with a decimal comma and no point.

    pyarrow's cast accepts exactly the forms the patterns accept, plus nan/inf, which go to the full path.
    """
    if decimal != ",":
        value = _cast(column)
        if value is not None:
            return value, False
    if decimal == "." or not _has(column, ","):
        return None, False
    if _has(column, "."):  # '1.234,5' is ambiguous, or (decimal ',') '.' groups thousands: the full path
        return None, False
    return _cast(pc.replace_substring(column, ",", ".")), True


def _cast(column: pa.ChunkedArray) -> np.ndarray | None:
    try:
        value = pc.cast(column, pa.float64()).to_numpy()
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    return value if np.isfinite(value).all() else None


def _char_class(chars: str) -> str:
    return "[" + "".join("\\" + c if c in ".-" else c for c in chars) + "]"


def _has(column: pa.ChunkedArray, chars: str) -> bool:
    # literal searches are much faster than one regex character class
    return any(pc.any(pc.match_substring(column, c)).as_py() for c in chars)


def _classify(text: str, decimal: str | None) -> int:
    """Missing marker index (> 0) or minus the error index (< 0) of a value that is not a plain number."""
    key = text.casefold()
    if key in MARKERS:
        return MARKERS[key]
    if key in _NOT_FINITE:
        return -3
    if key in _EXCEL or key.startswith("#"):
        return -4
    digits = key.lstrip("+-").replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    if decimal is None and "." in digits and "," in digits and all(c.isdigit() or c in ".," for c in digits):
        return -2
    return -1
