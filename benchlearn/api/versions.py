"""Versioned indicator definitions and breaks in series (issue 16.4): the catalogue's versions, and the breaks a
municipality's series crosses — where the indicator's definition, unit or formula changed, or where the source
flagged a break — so a trend marks them and a comparison across one says so."""

from __future__ import annotations

import pandas as pd

from benchlearn.store import Store
from benchlearn.store import indicator_versions as definitions

#: what a change of each defining field is called (the message key's last part)
_WHAT = {"unit": "unit", "description": "definition", "numerator_code": "formula", "denominator_code": "formula",
         "multiplier": "formula"}


def versions(store: Store, codes: list[str] | None = None) -> pd.DataFrame:
    """Every indicator's definition versions (indicator_code, number, valid_from, unit, description, formula
    parts, batch_id, recorded_at) in order; valid_from None = from the start."""
    with store.cursor() as cur:
        return _plain(definitions.versions(cur, codes))


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    # "from the start" is None, not a float NaN among period texts
    return frame.assign(valid_from=frame["valid_from"].astype(object).where(frame["valid_from"].notna(), None))


def _changed(before: dict, after: dict) -> list[str]:
    found = []
    for field, what in _WHAT.items():
        same = before[field] == after[field] or (pd.isna(before[field]) and pd.isna(after[field]))
        if not same and what not in found:
            found.append(what)
    return found


def breaks(store: Store, entity: str, indicator: str) -> pd.DataFrame:
    """The breaks in the entity's series of the indicator, by period: period, kind ('definition' or 'source'),
    number (the version that starts there), changed (what changed: unit, definition, formula)."""
    with store.cursor() as cur:
        held = _plain(definitions.versions(cur, [indicator])).to_dict("records")
        flagged = definitions.source_breaks(cur, indicator, entity)
    rows = [{"period": after["valid_from"], "kind": "definition", "number": int(after["number"]),
             "changed": _changed(before, after)}
            for before, after in zip(held, held[1:], strict=False) if after["valid_from"] is not None]
    rows += [{"period": period, "kind": "source", "number": None, "changed": []} for period in flagged]
    return pd.DataFrame(rows, columns=["period", "kind", "number", "changed"])


def crossed(breaks_found: pd.DataFrame, periods: list[str]) -> list[str]:
    """The break periods a comparison over `periods` (in order) crosses: after the first, up to the last."""
    inside = set(periods[1:])
    return sorted({p for p in breaks_found["period"] if p in inside}, key=periods.index)
