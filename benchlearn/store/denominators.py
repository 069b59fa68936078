"""The denominators values rest on, for an indicator's minimum-denominator rule (issue 16.2).

An indicator may declare `min_denominator` (e.g. 500 births): a value resting on fewer is shown but not ranked.
The denominator is the value, for the same entity and period, of the indicator's `size_code` (a stored rate names
the indicator holding its denominator) or else of its own `denominator_code` (a derived ratio).
"""

from __future__ import annotations

import pandas as pd

from benchlearn.store import dialect
from benchlearn.store.cursor import StoreCursor

SIZE_COLUMNS = ("entity_code", "period", "size")


def rule(cur: StoreCursor, indicator: str) -> tuple[float, str] | None:
    """(minimum denominator, the indicator holding the denominator) of `indicator`, or None without a rule."""
    rows = cur.execute(
        "SELECT min_denominator, coalesce(size_code, denominator_code) FROM indicator WHERE code = ?", [indicator]
    ).fetchall()
    if not rows or rows[0][0] is None or rows[0][1] is None:
        return None
    return float(rows[0][0]), str(rows[0][1])


def sizes(cur: StoreCursor, indicator: str, entity_codes: list[str] | None,
          periods: list[str] | None) -> pd.DataFrame:
    """entity_code, period, size: the denominator of each value of `indicator` (entities and periods NULL = all);
    no rows when the indicator has no rule."""
    found = rule(cur, indicator)
    if found is None:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c == "size" else "str") for c in SIZE_COLUMNS})
    sql_dialect = dialect.of(cur)
    return cur.execute(
        f"""SELECT entity_code, period, value AS size FROM observation
           WHERE indicator_code = $size AND {dialect.in_list_or_all("entity_code", "entities", sql_dialect)}
             AND {dialect.in_list_or_all("period", "periods", sql_dialect)}
           ORDER BY entity_code, period""",
        {"size": found[1], "entities": entity_codes, "periods": periods},
    ).df()
