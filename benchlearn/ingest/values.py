"""The values kind: a long or wide table → the canonical observation frame, every rule checked.

Everything runs on whole columns: distinct codes, names and periods are resolved once each and spread back
to the rows by index; numbers are parsed by pyarrow compute. Problems are collected for every row (the
collector keeps the first ones by row and counts the rest), and any problem means no frame.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from benchlearn.ingest import checks, frequency
from benchlearn.ingest.contract import IngestOptions, Reference, Rows
from benchlearn.ingest.failures import (
    Context,
    Failure,
    entity_failure,
    indicator_failure,
    not_in_network_failure,
    not_member_failure,
    report,
)
from benchlearn.ingest.headers import ColumnMap
from benchlearn.ingest.numbers import parse_numbers
from benchlearn.ingest.periods import EXPECTED as PERIOD_EXPECTED
from benchlearn.ingest.periods import parse_period
from benchlearn.ingest.problems import Problems
from benchlearn.ingest.resolving import EntityResolver, IndicatorResolver
from benchlearn.ingest.stacking import Coded, Stacked, stack_long, stack_wide
from benchlearn.model import OBSERVATION_FRAME, Status


def values_frame(rows: Rows, mapping: ColumnMap, layout: str, ref: Reference, options: IngestOptions,
                 problems: Problems, notes: list[str]) -> tuple[pa.Table, str]:
    """Validate a values table; return the observation rows (see Parsed.table) and the decimal mark seen."""
    entities, indicators = _resolvers(ref)
    fixed_period = _fixed_period(mapping, options, problems, notes)
    if layout == "wide":
        columns = _indicator_columns(rows, mapping, indicators, ref, options.network, problems)
        stacked = stack_wide(rows, mapping, [p for p, _ in columns])
        ind_codes = [code for _, code in columns]
    else:
        stacked = stack_long(rows, mapping)
        ind_codes = None
    ctx = Context(problems, rows.header, stacked.rows, len(rows))
    ent_codes = _resolve(ctx, stacked.entity, entities.resolve, entity_failure(entities), notes, "entity")
    if ind_codes is None:
        ind_codes = _resolve(ctx, stacked.indicator, indicators.resolve, indicator_failure(indicators),
                             notes, "indicator", per_row=True)
    periods = [fixed_period] if stacked.period is None else _periods(ctx, stacked.period)
    period_index = stacked.period.index if stacked.period else np.zeros(len(stacked.rows), np.int32)
    _network(ctx, stacked, ent_codes, ind_codes, ref, options.network, entities, indicators)
    checks.validity(ctx, stacked, ent_codes, periods, period_index, ref.entities, entities)
    frequency.check(ctx, stacked, ind_codes, periods, period_index, ref.frequencies)
    numbers = parse_numbers(stacked.value, options.decimal)
    status = checks.values_and_status(ctx, stacked, numbers, ind_codes, ref.indicators)
    keep = checks.duplicates(ctx, stacked, ent_codes, ind_codes, periods, period_index, numbers, status)
    problems.raise_if_any()
    decimal = options.decimal or ("," if numbers.comma else ".")
    return _frame(stacked, keep, ent_codes, ind_codes, periods, period_index, numbers.value, status), decimal


_last: tuple[Reference, EntityResolver, IndicatorResolver] | None = None


def _resolvers(ref: Reference) -> tuple[EntityResolver, IndicatorResolver]:
    """The resolvers of `ref`, built once for the chunks of one file (ingest/chunked.py): ~0.25 s a chunk
    for 5 000 entities otherwise. Only the last reference is kept, checked by identity."""
    global _last  # noqa: PLW0603
    last = _last
    if last is None or last[0] is not ref:
        last = _last = (ref, EntityResolver(ref.entities), IndicatorResolver(ref.indicators))
    return last[1], last[2]


def _fixed_period(mapping: ColumnMap, options: IngestOptions, problems: Problems, notes: list[str]):  # noqa: ANN202
    if "period" in mapping.columns:
        if options.period:
            notes.append(f"the file has a period column; the period given ({options.period}) was not used")
        return None
    if not options.period:
        problems.fail(None, None, "missing_period", expected="period")
    period = parse_period(options.period)
    if period is None:
        problems.fail(None, None, "bad_period", value=options.period, expected=PERIOD_EXPECTED, form="given")
    return period


def _indicator_columns(rows: Rows, mapping: ColumnMap, indicators: IndicatorResolver, ref: Reference,
                       network: str | None, problems: Problems) -> list[tuple[int, str | None]]:
    """Wide layout: resolve each unrecognised header cell as an indicator (problems at the header row)."""
    if not mapping.others:
        problems.fail(rows.header_row, None, "missing_column", form="wide")
    out = []
    for position in mapping.others:
        cell = rows.header[position]
        found = indicators.resolve(cell)
        failure = indicator_failure(indicators)(cell, found) if found.code is None else None
        allowed = ref.network_indicators
        if failure is None and allowed is not None and found.code not in allowed:
            failure = not_in_network_failure(found.code, indicators, ref.network_indicators, network)
        if failure:
            problems.add(rows.header_row, cell, failure.code, position=position, **failure.fields())
        out.append((position, None if failure else found.code))
    return out


def _resolve(ctx: Context, coded: Coded, resolve, failure_of, notes: list[str], what: str,  # noqa: ANN001
             per_row: bool = False) -> list[str | None]:
    """Resolve each distinct text; report the rows holding one that fails; note names resolved to codes."""
    codes: list[str | None] = []
    failures: dict[int, Failure] = {}
    by_name = []
    for i, text in enumerate(coded.distinct):
        found = resolve(text) if text else None
        codes.append(found.code if found else None)
        if found is None:
            failures[i] = Failure("required", "", f"an {what} code or name", form=what)
        elif found.code is None:
            failures[i] = failure_of(text, found)
        elif found.by_name:
            by_name.append(f"{text} → {found.code}")
    report(ctx, coded, failures, whole=per_row)
    if by_name:
        shown = "; ".join(by_name[:5]) + ("; …" if len(by_name) > 5 else "")
        notes.append(f"{what} names resolved to codes ({len(by_name)}): {shown}")
    return codes


def _periods(ctx: Context, coded: Coded) -> list:
    out, failures = [], {}
    for i, text in enumerate(coded.distinct):
        period = parse_period(text)
        out.append(period)
        if period is None and not text:
            failures[i] = Failure("required", "", PERIOD_EXPECTED, form="period")
        elif period is None:
            failures[i] = Failure("bad_period", text, PERIOD_EXPECTED)
    report(ctx, coded, failures)
    return out


def writable(ref: Reference) -> frozenset[str]:
    """The entities a network's values may be of: its members and their elderships (entities whose
    `parent_code` is a member), since a member is the data owner of its elderships too (issue 15.1)."""
    members = ref.network_members or frozenset()
    if "parent_code" not in ref.entities.columns:
        return members
    return members | frozenset(ref.entities.loc[ref.entities["parent_code"].isin(members), "code"])


def _network(ctx: Context, stacked: Stacked, ent_codes: list, ind_codes: list, ref: Reference,
             network: str | None, entities: EntityResolver, indicators: IndicatorResolver) -> None:
    if ref.network_members is not None:
        allowed = writable(ref)
        failures = {i: not_member_failure(c, network, entities, ref.network_members)
                    for i, c in enumerate(ent_codes) if c is not None and c not in allowed}
        report(ctx, stacked.entity, failures)
    if ref.network_indicators is not None and not stacked.wide_columns:
        failures = {i: not_in_network_failure(c, indicators, ref.network_indicators, network)
                    for i, c in enumerate(ind_codes) if c is not None and c not in ref.network_indicators}
        report(ctx, stacked.indicator, failures, whole=True)


def _frame(stacked: Stacked, keep: np.ndarray | None, ent_codes: list, ind_codes: list, periods: list,
           period_index: np.ndarray, value: np.ndarray, status: np.ndarray) -> pa.Table:
    """The canonical rows as Arrow: text as indices into the distinct codes, never a string per row."""
    rows = stacked.rows
    pick = None if keep is None else np.flatnonzero(keep)
    if stacked.wide_columns:  # wide files are stacked column by column: give rows in the file's order
        order = np.argsort(rows if pick is None else rows[pick], kind="stable")
        pick = order if pick is None else pick[order]

    def chosen(array: np.ndarray) -> np.ndarray:
        return array if pick is None else array[pick]

    def text(distinct: list, index: np.ndarray) -> pa.DictionaryArray:
        return pa.DictionaryArray.from_arrays(pa.array(chosen(index)), pa.array(distinct, pa.string()))

    columns = {
        "entity_code": text(ent_codes, stacked.entity.index),
        "indicator_code": text(ind_codes, stacked.indicator.index),
        "period": text([p.text if p else None for p in periods], period_index),
        "period_key": np.asarray([p.key if p else np.nan for p in periods], dtype=np.float64)[chosen(period_index)],
        "value": chosen(value),
        "status": text([str(s) for s in Status], status),
        "row": np.asarray(chosen(rows), dtype=np.int64),
    }
    return pa.table({c: columns[c] for c in OBSERVATION_FRAME})
