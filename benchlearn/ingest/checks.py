"""The row rules of a values upload, each over whole columns: validity in time, numbers, units, ranges,
statuses, and duplicate keys."""

from __future__ import annotations

import numpy as np
import pandas as pd

from benchlearn.ingest.failures import Context, Failure, report
from benchlearn.ingest.labels import label_key
from benchlearn.ingest.numbers import ERRORS, MISSING, Numbers
from benchlearn.ingest.problems import listing, quote
from benchlearn.ingest.resolving import EntityResolver
from benchlearn.ingest.stacking import Stacked
from benchlearn.model import VALUED_STATUSES, Status

STATUSES = list(Status)
_FINAL = STATUSES.index(Status.FINAL)
_MARKER_STATUS = np.array([_FINAL] + [STATUSES.index(s) for s in MISSING[1:]], dtype=np.int8)
_VALUED = np.array([s in VALUED_STATUSES for s in STATUSES])
_STATUS_WORDS = {
    Status.FINAL: ["final", "galutinis", "galutiniai", "galutine", "galigs", "galigie", "definitive"],
    Status.PRELIMINARY: ["preliminary", "provisional", "p", "isankstinis", "isankstiniai", "isankstine",
                         "preliminarus", "provizorisks", "provizoriski", "provizoriskie", "sakotnejie"],
    Status.ESTIMATED: ["estimated", "estimate", "e", "ivertinta", "ivertintas", "ivertinti", "novertets",
                       "noverteti", "aplestie", "aprekinats"],
    Status.NIL: ["nil", "nera", "nav"],
    Status.NOT_AVAILABLE: ["not_available", "not available", "n/a", "na", "nepateikta", "nav pieejams"],
    Status.CONFIDENTIAL: ["confidential", "c", "konfidencialu", "konfidencialus", "konfidencials"],
    Status.NOT_APPLICABLE: ["not_applicable", "not applicable", "netaikoma", "neattiecas"],
}
_STATUS_OF = {label_key(w): STATUSES.index(s) for s, words in _STATUS_WORDS.items() for w in words}
STATUS_EXPECTED = listing([str(s) for s in Status])
_PERCENT_UNITS = {"percent", "per_cent", "procentai", "proc", "procenti", "procents", "pct", "prosent"}
_FAR = np.iinfo(np.int64).max // 4


def validity(ctx: Context, stacked: Stacked, ent_codes: list, periods: list, period_index: np.ndarray,
             reference: pd.DataFrame, entities: EntityResolver) -> None:
    """Each entity must exist in the period: its validity [valid_from, valid_to] must overlap the period's."""
    bounds = _bounds(reference)
    if not bounds:
        return
    lo = np.array([bounds.get(c, (-_FAR, _FAR, None))[0] for c in ent_codes], dtype=np.int64)
    hi = np.array([bounds.get(c, (-_FAR, _FAR, None))[1] for c in ent_codes], dtype=np.int64)
    start = np.array([_day(p.start) if p else 0 for p in periods], dtype=np.int64)
    end = np.array([_day(p.end) if p else 0 for p in periods], dtype=np.int64)
    known = np.array([p is not None for p in periods], dtype=bool)
    n = ctx.base
    ei, pi = stacked.entity.index[:n], period_index[:n]
    at = np.flatnonzero(known[pi] & ((end[pi] < lo[ei]) | (start[pi] > hi[ei])))
    if not len(at):
        return

    def build(i: int):  # noqa: ANN202
        j = at[i]
        code, period = ent_codes[ei[j]], periods[pi[j]]
        low, high, successor = bounds[code]
        if start[pi[j]] > high:
            day = str(np.datetime64(int(high), "D"))
            expected = (f"its successor {entities.label(successor)}" if successor
                        else f"a period up to {day[:4]}")
            form = "successor" if successor else "ended"
        else:
            day = str(np.datetime64(int(low), "D"))
            expected, form = f"a period from {day[:4]} on", "began"
        return ctx.problems.problem(int(ctx.rows[j]), ctx.header[int(stacked.entity.position[j])],
                                    "entity_not_valid", value=code, expected=expected, suggestion=successor,
                                    entity=code, period=period.text, successor=successor or "", form=form,
                                    label=entities.label(code), day=day, year=day[:4],
                                    successor_label=entities.label(successor) if successor else "")

    ctx.problems.add_many(ctx.rows[at], build, stacked.entity.position[at])


def values_and_status(ctx: Context, stacked: Stacked, numbers: Numbers, ind_codes: list,
                      reference: pd.DataFrame) -> np.ndarray:
    """Report bad numbers, stray percent signs, values out of range and status conflicts; return statuses."""
    _number_errors(ctx, stacked, numbers)
    meta = reference.set_index("code") if len(reference) else pd.DataFrame()
    ii = stacked.indicator.index
    resolved = np.array([c is not None for c in ind_codes] + [False], dtype=bool)[ii]
    if numbers.percent.any():
        is_pct = np.array([_is_percent(meta, c) for c in ind_codes], dtype=bool)
        at = np.flatnonzero(numbers.percent & resolved & ~is_pct[ii] & (numbers.error == 0))
        _each(ctx, stacked, at, "percent_not_allowed", lambda j: (
            "a number without %", {"indicator": ind_codes[ii[j]], "unit": _unit(meta, ind_codes[ii[j]])}))
    _ranges(ctx, stacked, numbers, ind_codes, meta, ii, resolved)
    return _status(ctx, stacked, numbers)


def duplicates(ctx: Context, stacked: Stacked, ent_codes: list, ind_codes: list, periods: list,
               period_index: np.ndarray, numbers: Numbers, status: np.ndarray) -> np.ndarray | None:
    """Conflicting rows of one key are errors naming both rows; identical ones are loaded once, with a warning
    naming both rows (nothing refused)."""
    # one int64 key per row from the resolved ids (-1 = unresolved: such rows already have a problem)
    e, i = _ids(ent_codes), _ids(ind_codes)
    p = _ids([x.text if x else None for x in periods])
    key = e[stacked.entity.index] * (len(ind_codes) + 1)
    key += i[stacked.indicator.index]
    key *= len(periods) + 1
    key += p[period_index]
    valid = None
    if (e[:-1] < 0).any() or (i[:-1] < 0).any() or (p[:-1] < 0).any():  # the last id is the -1 sentinel
        valid = np.flatnonzero((e[stacked.entity.index] >= 0) & (i[stacked.indicator.index] >= 0)
                               & (p[period_index] >= 0))
    keys = key if valid is None else key[valid]
    if not _any_repeated(keys):
        return None
    repeated = np.flatnonzero(pd.Series(keys).duplicated(keep=False).to_numpy())
    d = repeated if valid is None else valid[repeated]
    d = d[np.lexsort((ctx.rows[d], key[d]))]
    keys, starts = np.unique(key[d], return_index=True)
    first = d[starts[np.searchsorted(keys, key[d])]]
    value = numbers.value
    same_value = (value[d] == value[first]) | (np.isnan(value[d]) & np.isnan(value[first]))
    same = same_value & (status[d] == status[first])
    later = d != first
    keep = np.ones(len(key), dtype=bool)
    identical, original = d[later & same], first[later & same]
    keep[identical] = False

    def repeated_row(k: int):  # noqa: ANN202
        j, f = identical[k], original[k]
        label = (f"{ent_codes[stacked.entity.index[j]]} / {ind_codes[stacked.indicator.index[j]]} / "
                 f"{periods[period_index[j]].text}")
        return ctx.problems.problem(int(ctx.rows[j]), ctx.header[int(stacked.value_position[j])], "duplicate_row",
                                    value=_shown(stacked, j, status), expected="each row once", key=label,
                                    here=int(ctx.rows[j]), other_row=int(ctx.rows[f]))

    ctx.problems.warn_many(ctx.rows[identical], repeated_row)
    clash, against = d[later & ~same], first[later & ~same]

    def build(k: int):  # noqa: ANN202
        j, f = clash[k], against[k]
        label = (f"{ent_codes[stacked.entity.index[j]]} / {ind_codes[stacked.indicator.index[j]]} / "
                 f"{periods[period_index[j]].text}")
        here, there = _shown(stacked, j, status), _shown(stacked, f, status)
        return ctx.problems.problem(
            int(ctx.rows[j]), ctx.header[int(stacked.value_position[j])], "duplicate_key", value=here,
            expected="one value per key", other_row=int(ctx.rows[f]), key=label, here=here, there=there)

    ctx.problems.add_many(ctx.rows[clash], build, stacked.value_position[clash])
    return keep


def _number_errors(ctx: Context, stacked: Stacked, numbers: Numbers) -> None:
    at = np.flatnonzero(numbers.error > 0)
    if len(at):
        def build(i: int):  # noqa: ANN202
            j = at[i]
            code, text = ERRORS[numbers.error[j]], stacked.value[int(j)].as_py()
            return ctx.problems.problem(int(ctx.rows[j]), ctx.header[int(stacked.value_position[j])], code,
                                        value=text, expected="a number")
        ctx.problems.add_many(ctx.rows[at], build, stacked.value_position[at])


def _ranges(ctx: Context, stacked: Stacked, numbers: Numbers, ind_codes: list, meta: pd.DataFrame,
            ii: np.ndarray, resolved: np.ndarray) -> None:
    lo = np.array([_number(meta, c, "min_value") for c in ind_codes] + [np.nan], dtype=np.float64)
    hi = np.array([_number(meta, c, "max_value") for c in ind_codes] + [np.nan], dtype=np.float64)
    if np.isnan(lo).all() and np.isnan(hi).all():
        return
    v = numbers.value
    with np.errstate(invalid="ignore"):
        at = np.flatnonzero(resolved & ((v < lo[ii]) | (v > hi[ii])))

    def text(j: int) -> tuple[str, dict]:
        code = ind_codes[ii[j]]
        low, high = lo[ii[j]], hi[ii[j]]
        if np.isnan(low):
            expected, form = f"at most {_fmt(high)}", "max"
        elif np.isnan(high):
            expected, form = f"at least {_fmt(low)}", "min"
        else:
            expected, form = f"{_fmt(low)} to {_fmt(high)}", ""
        bounds = {"indicator": code, "min": "" if np.isnan(low) else _fmt(low),
                  "max": "" if np.isnan(high) else _fmt(high), "form": form}
        return expected, bounds

    _each(ctx, stacked, at, "out_of_range", text)


def _status(ctx: Context, stacked: Stacked, numbers: Numbers) -> np.ndarray:
    marker = numbers.missing > 0
    status = np.where(marker, _MARKER_STATUS[numbers.missing], _FINAL).astype(np.int8)
    if stacked.status is None:
        return status
    coded = stacked.status
    given_of = np.array([_STATUS_OF.get(label_key(t), -2) if t else -1 for t in coded.distinct] + [-1],
                        dtype=np.int8)
    failures = {k: Failure("bad_status", t, STATUS_EXPECTED) for k, t in enumerate(coded.distinct)
                if given_of[k] == -2}
    report(ctx, coded, failures)
    given = given_of[coded.index]
    has = given >= 0
    number = ~marker & (numbers.error == 0)
    valued = _VALUED[np.where(has, given, _FINAL)]
    _each(ctx, stacked, np.flatnonzero(has & number & ~valued), "status_conflict", lambda j: (
        "an empty value", {"status": coded.distinct[coded.index[j]]}))
    _each(ctx, stacked, np.flatnonzero(has & marker & valued), "missing_value", lambda j: (
        "a number", {"status": coded.distinct[coded.index[j]]}))
    return np.where(has, given, status).astype(np.int8)


def _each(ctx: Context, stacked: Stacked, at: np.ndarray, code: str, text) -> None:  # noqa: ANN001
    """One problem per element in `at`, at the value column; `text(j)` gives (expected, params)."""
    if not len(at):
        return

    def build(i: int):  # noqa: ANN202
        j = at[i]
        expected, params = text(j)
        column = ctx.header[int(stacked.value_position[j])]
        return ctx.problems.problem(int(ctx.rows[j]), column, code, value=stacked.value[int(j)].as_py(),
                                    expected=expected, **params)

    ctx.problems.add_many(ctx.rows[at], build, stacked.value_position[at])


def _shown(stacked: Stacked, j: int, status: np.ndarray) -> str:
    text = stacked.value[int(j)].as_py()
    return f"{quote(text)} ({STATUSES[status[j]]})" if not text or status[j] != _FINAL else quote(text)


def _any_repeated(keys: np.ndarray) -> bool:
    """Whether any key occurs twice; counting into a small array beats hashing a million keys."""
    if not len(keys):
        return False
    top = int(keys.max()) + 1
    if top <= 4 * len(keys) + 1_000_000:
        return bool(np.bincount(keys, minlength=0).max() > 1)
    return bool(pd.Series(keys).duplicated().any())


def _ids(codes: list) -> np.ndarray:
    """Integer ids of resolved codes (equal codes, equal ids), -1 for unresolved, plus a trailing -1."""
    ids: dict[str, int] = {}
    found = [ids.setdefault(c, len(ids)) if c is not None else -1 for c in codes]
    return np.array(found + [-1], dtype=np.int64)


def _bounds(reference: pd.DataFrame) -> dict[str, tuple[int, int, str | None]]:
    if reference.empty or not {"valid_from", "valid_to"} <= set(reference.columns):
        return {}
    low = pd.to_datetime(reference["valid_from"], errors="coerce")
    high = pd.to_datetime(reference["valid_to"], errors="coerce")
    out = {}
    successors = reference["successor_code"] if "successor_code" in reference else [None] * len(reference)
    for code, f, t, s in zip(reference["code"], low, high, successors, strict=True):
        if pd.notna(f) or pd.notna(t):
            out[str(code)] = (_day(f) if pd.notna(f) else -_FAR, _day(t) if pd.notna(t) else _FAR,
                              None if pd.isna(s) or s == "" else str(s))
    return out


def _day(date) -> int:  # noqa: ANN001
    return int(np.datetime64(pd.Timestamp(date).date(), "D").astype(np.int64))


def _is_percent(meta: pd.DataFrame, code: str | None) -> bool:
    unit = _unit(meta, code)
    return "%" in unit or label_key(unit) in _PERCENT_UNITS


def _unit(meta: pd.DataFrame, code: str | None) -> str:
    if code is None or code not in meta.index or "unit" not in meta:
        return ""
    unit = meta.at[code, "unit"]
    return "" if pd.isna(unit) else str(unit)


def _number(meta: pd.DataFrame, code: str | None, column: str) -> float:
    if code is None or code not in meta.index or column not in meta:
        return np.nan
    value = pd.to_numeric(pd.Series([meta.at[code, column]]), errors="coerce").iloc[0]
    return float(value)


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"
