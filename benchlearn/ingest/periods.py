"""Periods as text with a sortable key: years, split (financial or school) years and quarters.

Accepted: `2023`, `2023 m.` (Lithuanian), `2023. g.` (Latvian), `2023.0` (a year Excel stored as a float),
`2016-17`, `2016/17`, `2016/2017` (→ `2016-17`, the second year must follow the first), `2024-Q2`,
`2024 Q2`, `2024Q2` (→ `2024-Q2`). Keys: a year is itself, a quarter year + q/10, a split year year + 0.5.
Years run from 1800 to 2200: no statistics we compare are older, and `0000` or `9999-Q4` are typing
mistakes (and beyond what Python's dates hold), so they are refused before any date is built.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_FIRST_YEAR, _LAST_YEAR = 1800, 2200
EXPECTED = (f"a year from {_FIRST_YEAR} to {_LAST_YEAR} such as 2023, a split year such as 2016-17 or a "
            "quarter such as 2024-Q2")
_YEAR = re.compile(r"^(\d{4})(?:\.0+|\s*m\.?|\.?\s*g\.?|\s*gads)?$", re.IGNORECASE)
_SPLIT = re.compile(r"^(\d{4})\s*[-/–]\s*(\d{2}|\d{4})$")
_QUARTER = re.compile(r"^(\d{4})\s*[-/ ]?\s*[Qq]([1-4])$")


@dataclass(frozen=True)
class Period:
    """A normalised period: its text, sort key and the dates it covers."""

    text: str
    key: float
    start: dt.date
    end: dt.date


def parse_period(text: str) -> Period | None:
    """The period a cell names, or None when it is not one of the accepted forms or its year is out of range."""
    text = text.strip()
    match = _YEAR.match(text) or _SPLIT.match(text) or _QUARTER.match(text)
    if match is None or not _FIRST_YEAR <= int(match.group(1)) <= _LAST_YEAR:
        return None
    year = int(match.group(1))
    if match.re is _YEAR:
        return Period(str(year), float(year), dt.date(year, 1, 1), dt.date(year, 12, 31))
    if match.re is _SPLIT:
        second = match.group(2)
        if int(second[-2:]) != (year + 1) % 100 or (len(second) == 4 and int(second) != year + 1):
            return None
        return Period(f"{year}-{second[-2:]}", year + 0.5, dt.date(year, 1, 1), dt.date(year + 1, 12, 31))
    quarter = int(match.group(2))
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - dt.timedelta(days=1)
    return Period(f"{year}-Q{quarter}", year + quarter / 10, start, end)
