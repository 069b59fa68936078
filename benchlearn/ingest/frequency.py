"""One frequency per indicator: a series is annual, split-year (school or financial) or quarterly, never a mix.

Periods of different frequencies sort as one list (`2024-Q1` after `2024`), so an indicator holding both would
give the quarter as its "latest" value and draw years and quarters on one line. A values upload is refused
where a row's period has another frequency than its indicator's: the one the store holds, else the one of the
indicator's first row in the file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

from benchlearn.ingest.failures import Context
from benchlearn.ingest.periods import Period
from benchlearn.ingest.stacking import Stacked

FREQUENCIES = ("year", "split", "quarter")  # upload.term.freq_<name> (plural), freq1_<name> (one)


def frequency(period: Period | None) -> str | None:
    """'year', 'split' or 'quarter' for a parsed period (None for none)."""
    if period is None:
        return None
    return "quarter" if "-Q" in period.text else "split" if "-" in period.text else "year"


def check(ctx: Context, stacked: Stacked, ind_codes: list, periods: list, period_index: np.ndarray,
          stored: Mapping[str, str] | Callable[[list[str]], Mapping[str, str]] | None) -> None:
    """Report each row whose period's frequency differs from its indicator's (store first, then file)."""
    if callable(stored):  # a lookup of the store's frequencies: asked for this file's indicators only
        stored = stored([c for c in ind_codes if c is not None])
    stored = stored or {}
    of_period = np.array([FREQUENCIES.index(f) if (f := frequency(p)) else -1 for p in periods] + [-1])
    of_store = np.array([FREQUENCIES.index(stored[c]) if c in stored else -1 for c in ind_codes] + [-1])
    ind, freq = stacked.indicator.index, of_period[period_index]
    valid = np.flatnonzero((ind < len(ind_codes)) & (freq >= 0)
                           & np.array([c is not None for c in ind_codes] + [False])[ind])
    if not len(valid) or (of_store < 0).all() and len(np.unique(freq[valid])) == 1:
        return
    order = valid[np.lexsort((ctx.rows[valid], ind[valid]))]
    ids, first_at = np.unique(ind[order], return_index=True)
    first = np.full(len(ind_codes) + 1, -1, dtype=np.int64)
    first[ids] = order[first_at]  # each indicator's earliest row in the file
    expected = np.where(of_store[ind] >= 0, of_store[ind], freq[np.maximum(first[ind], 0)])
    at = valid[freq[valid] != expected[valid]]
    if not len(at):
        return
    positions = stacked.period.position[at] if stacked.period is not None else np.zeros(len(at), np.int64)

    def build(i: int):  # noqa: ANN202
        j = at[i]
        code, f = ind_codes[ind[j]], first[ind[j]]
        has, given = FREQUENCIES[expected[j]], FREQUENCIES[freq[j]]
        column = ctx.header[int(positions[i])] if stacked.period is not None else None
        from_store = of_store[ind[j]] >= 0
        return ctx.problems.problem(
            int(ctx.rows[j]), column, "mixed_frequency", value=periods[period_index[j]].text,
            expected=f"a {has} period", indicator=code, has=f"freq_{has}", given=f"freq1_{given}",
            other_row="" if from_store else int(ctx.rows[f]),
            other="" if from_store else periods[period_index[f]].text, form="store" if from_store else "")

    ctx.problems.add_many(ctx.rows[at], build, positions)
