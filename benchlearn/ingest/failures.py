"""Why a cell is refused, worded for the user, and spreading one distinct text's failure to its rows."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from benchlearn.ingest.problems import Problems, listing, quote
from benchlearn.ingest.resolving import EntityResolver, IndicatorResolver, Resolved
from benchlearn.ingest.stacking import Coded


@dataclass
class Failure:
    """Why one distinct cell text is refused (shared by every row that holds it)."""

    code: str
    message: str
    value: str | None = None
    expected: str | None = None
    suggestion: str | None = None
    params: dict = field(default_factory=dict)


@dataclass
class Context:
    """Where stacked elements come from: the problem list, header cells, row numbers, source row count."""

    problems: Problems
    header: list[str]
    rows: np.ndarray
    base: int  # source rows (a wide file repeats each row once per indicator column)


def report(ctx: Context, coded: Coded, failures: dict[int, Failure], whole: bool = False) -> None:
    """Add one problem per row whose cell text failed (per source row unless `whole`)."""
    if not failures:
        return
    n = len(coded.index) if whole else ctx.base
    bad = np.zeros(len(coded.distinct), dtype=bool)
    bad[list(failures)] = True
    at = np.flatnonzero(bad[coded.index[:n]])

    def build(i: int):  # noqa: ANN202
        j = at[i]
        f = failures[int(coded.index[j])]
        return ctx.problems.problem(int(ctx.rows[j]), ctx.header[int(coded.position[j])], f.code, f.message,
                                    value=f.value, expected=f.expected, suggestion=f.suggestion, **f.params)

    ctx.problems.add_many(ctx.rows[at], build, coded.position[at])


def entity_failure(entities: EntityResolver):  # noqa: ANN201
    """A function (text, Resolved) → Failure for an entity cell that did not resolve."""
    def failure(text: str, found: Resolved) -> Failure:
        labels = [entities.label(c) for c in found.candidates]
        if found.problem == "ambiguous":
            return Failure("ambiguous_entity", f"{quote(text)} is ambiguous: it matches "
                           f"{listing(labels, 'and')} (expected a code, or the name with its form such as "
                           '"m. sav." or "r. sav.")',
                           text, "an entity code or an unambiguous name", ", ".join(found.candidates),
                           {"candidates": ", ".join(found.candidates)})
        hint = f"; did you mean {listing(labels)}?" if labels else ""
        return Failure("unknown_entity", f"{quote(text)} is not a known entity code or name "
                       f"(expected the code or name of an entity in the store{hint})", text,
                       "an entity code or name",
                       ", ".join(found.candidates) or None)
    return failure


def indicator_failure(indicators: IndicatorResolver):  # noqa: ANN201
    """A function (text, Resolved) → Failure for an indicator cell that did not resolve."""
    def failure(text: str, found: Resolved) -> Failure:
        labels = [indicators.label(c) for c in found.candidates]
        if found.problem == "ambiguous":
            return Failure("ambiguous_indicator", f"{quote(text)} is ambiguous: it is the name of "
                           f"{listing(labels, 'and')} (expected an indicator code)", text,
                           "an indicator code",
                           ", ".join(found.candidates))
        hint = f"; did you mean {listing(labels)}?" if labels else ""
        return Failure("unknown_indicator", f"{quote(text)} is not a known indicator code or name "
                       f"(expected an indicator of the store{hint})", text, "an indicator code or name",
                       ", ".join(found.candidates) or None)
    return failure


def not_member_failure(code: str, network: str | None, entities: EntityResolver,
                       members: frozenset[str]) -> Failure:
    """The entity is not a member of the coordinator's network."""
    return Failure("entity_not_in_network", f"{entities.label(code)} is not a member of network {network} "
                   f"(expected one of its {len(members)} members)", code, f"a member of {network}",
                   params={"network": network})


def not_in_network_failure(code: str, indicators: IndicatorResolver, allowed: frozenset[str],
                           network: str | None = None) -> Failure:
    """The indicator is not one of the coordinator's network's indicators."""
    shown = sorted(allowed)
    listed = ", ".join(shown[:5]) + (", …" if len(shown) > 5 else "")
    return Failure("indicator_not_in_network", f"{indicators.label(code)} is not an indicator of network "
                   f"{network} (expected one of {listed or 'its indicators'})", code,
                   f"an indicator of {network}", params={"network": network})
