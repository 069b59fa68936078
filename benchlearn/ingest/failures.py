"""Why a cell is refused (a code and its parameters), and spreading one distinct text's failure to its rows."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from benchlearn.ingest.problems import Problems
from benchlearn.ingest.resolving import EntityResolver, IndicatorResolver, Resolved
from benchlearn.ingest.stacking import Coded


@dataclass
class Failure:
    """Why one distinct cell text is refused (shared by every row that holds it)."""

    code: str
    value: str | None = None
    expected: str | None = None
    suggestion: str | None = None
    params: dict = field(default_factory=dict)
    form: str = ""  # the variant of the rule's message (see InputProblem)

    def fields(self) -> dict:
        """What Problems.problem/add take besides row and column."""
        return {"value": self.value, "expected": self.expected, "suggestion": self.suggestion,
                "form": self.form, **self.params}


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
        return ctx.problems.problem(int(ctx.rows[j]), ctx.header[int(coded.position[j])], f.code, **f.fields())

    ctx.problems.add_many(ctx.rows[at], build, coded.position[at])


def _suggested(found: Resolved, names: dict[str, str]) -> tuple[str, ...]:
    """The candidates as a reader recognises them: 'Akmenė d. mun. (LT-01)'."""
    return tuple(f"{names[c]} ({c})" if names.get(c, c) != c else c for c in found.candidates)


def entity_failure(entities: EntityResolver):  # noqa: ANN201
    """A function (text, Resolved) → Failure for an entity cell that did not resolve."""
    def failure(text: str, found: Resolved) -> Failure:
        params = {"candidates": tuple(entities.label(c) for c in found.candidates),
                  "suggested": _suggested(found, entities.names)}
        if found.problem == "ambiguous":
            return Failure("ambiguous_entity", text, "an entity code or an unambiguous name",
                           ", ".join(found.candidates), params)
        return Failure("unknown_entity", text, "an entity code or name", ", ".join(found.candidates) or None,
                       params, form="hint" if found.candidates else "")
    return failure


def indicator_failure(indicators: IndicatorResolver):  # noqa: ANN201
    """A function (text, Resolved) → Failure for an indicator cell that did not resolve."""
    def failure(text: str, found: Resolved) -> Failure:
        params = {"candidates": tuple(indicators.label(c) for c in found.candidates),
                  "suggested": _suggested(found, indicators.names)}
        if found.problem == "ambiguous":
            return Failure("ambiguous_indicator", text, "an indicator code", ", ".join(found.candidates), params)
        return Failure("unknown_indicator", text, "an indicator code or name", ", ".join(found.candidates) or None,
                       params, form="hint" if found.candidates else "")
    return failure


def not_member_failure(code: str, network: str | None, entities: EntityResolver,
                       members: frozenset[str]) -> Failure:
    """The entity is not a member of the coordinator's network."""
    return Failure("entity_not_in_network", code, f"a member of {network}",
                   params={"network": network, "entity": entities.label(code), "members": len(members)})


def not_in_network_failure(code: str, indicators: IndicatorResolver, allowed: frozenset[str],
                           network: str | None = None) -> Failure:
    """The indicator is not one of the coordinator's network's indicators."""
    shown = sorted(allowed)
    listed = ", ".join(shown[:5]) + (", …" if len(shown) > 5 else "")
    return Failure("indicator_not_in_network", code, f"an indicator of {network}",
                   params={"network": network, "indicator": indicators.label(code), "allowed": listed},
                   form="" if listed else "any")
