"""CLI commands of the comparison engine: compare, profile, neighbours, composite (issue 3's contract).

Unknown codes, periods with no data and empty peer sets exit 1 with one clear line (NotFoundError).
"""

from __future__ import annotations

import argparse
import json
import sys

import pandas as pd

from benchlearn.api import comparisons
from benchlearn.compare import COMPARE_COLUMNS
from benchlearn.errors import NotFoundError, UsageError
from benchlearn.exports import safe_frame
from benchlearn.model import SPEC_HELP
from benchlearn.store import Store, as_of, reads

PERIOD = "period as stored: 2023, 2016-17 or 2024-Q2"
ENTITY = "entity code, e.g. LT-13 or LV-001"


def as_of_option() -> argparse.ArgumentParser:
    """The `--as-of BATCH|YYYY-MM-DD[THH:MM]` option (time travel, issue 16.3) as a parent parser."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--as-of", dest="as_of", metavar="BATCH|YYYY-MM-DD[THH:MM]",
                        help=f"the store as it was: {as_of.HELP} (default: now)")
    return parent


def past(store: Store, args: argparse.Namespace) -> Store:
    """The store as of `--as-of` (itself without it)."""
    return as_of.at(store, getattr(args, "as_of", None))


def _see(page: str) -> str:
    return f"see it on the {page} page of the dashboard"


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the engine's subcommands (compare, profile, neighbours, composite) to the command parser."""
    fmt = argparse.ArgumentParser(add_help=False)
    fmt.add_argument("--format", choices=["csv", "json"], default="csv", help="output format (default csv)")
    then = as_of_option()
    cmp_ = sub.add_parser("compare", parents=[common, fmt, then], help="score every peer on one indicator and period",
                          description="CSV columns: " + ", ".join(COMPARE_COLUMNS))
    cmp_.add_argument("--indicator", required=True, help="indicator code (see the catalogue)")
    cmp_.add_argument("--period", required=True, help=PERIOD)
    cmp_.add_argument("--peers", default="all", help=f"peer set: {SPEC_HELP} (default all)")
    cmp_.set_defaults(run=_compare, when_open=_see("Indicator ranking"))
    pro = sub.add_parser("profile", parents=[common, fmt, then], help="every indicator for one entity vs its peers")
    pro.add_argument("--entity", required=True, help=ENTITY)
    pro.add_argument("--period", required=True, help=PERIOD)
    pro.add_argument("--peers", default="all", help=f"peer set: {SPEC_HELP} (default all)")
    pro.add_argument("--network", help="only this network's indicators (default: all indicators)")
    pro.set_defaults(run=_profile, when_open=_see("Municipality profile"))
    nei = sub.add_parser("neighbours", parents=[common, fmt], help="the most similar municipalities")
    nei.add_argument("--entity", required=True, help=ENTITY)
    nei.add_argument("--k", type=int, required=True, help="how many neighbours to list")
    nei.add_argument("--on", required=True, help="structural indicators, comma-separated")
    nei.add_argument("--weights", help="one weight per --on indicator, comma-separated (default all 1)")
    nei.add_argument("--period", help="period of the structural values (default: the entity's latest)")
    nei.set_defaults(run=_neighbours, when_open=_see("Similar municipalities"))
    com = sub.add_parser("composite", parents=[common, fmt, then], help="a composite index over a peer set",
                         description="Score = Σ weight × normalised value over the components present, "
                                     "polarity-aligned; entities with < 60 % of the weight are not scored.")
    com.add_argument("--indicators", required=True, help="components, comma-separated")
    com.add_argument("--weights", help="one weight per component, comma-separated (default all 1)")
    com.add_argument("--period", required=True, help=PERIOD)
    com.add_argument("--peers", default="all", help=f"peer set: {SPEC_HELP} (default all)")
    com.add_argument("--method", choices=["minmax", "z", "rank"], default="minmax",
                     help="how values are normalised before weighting: minmax (0–1, default), z or rank")
    com.set_defaults(run=_composite, when_open=_see("Network view"))


def _emit(frame: pd.DataFrame, fmt: str, meta: dict | None = None) -> None:
    if fmt == "json":
        body = json.loads(frame.to_json(orient="records", double_precision=15))
        print(json.dumps({**(meta or {}), "rows": body}, ensure_ascii=False, default=str))
    else:
        # formula-like text (`=HYPERLINK(…)`) is neutralised as in the web downloads; numbers stay numbers
        safe_frame(frame).to_csv(sys.stdout, index=False, lineterminator="\n")


def _floats(text: str | None, count: int, what: str) -> list[float] | None:
    if text is None:
        return None
    try:
        values = [float(v) for v in text.split(",")]
    except ValueError:
        raise UsageError(f"{what} must be numbers separated by commas, got {text!r}") from None
    if len(values) != count:
        raise UsageError(f"{len(values)} {what} given for {count} indicators")
    return values


def _entity_exists(store: Store, code: str) -> None:
    with store.cursor() as cur:
        if reads.entities(cur, [code]).empty:
            raise NotFoundError(f"there is no entity {code!r}")


def _compare(args: argparse.Namespace, store: Store) -> int:
    store = past(store, args)
    result = comparisons.compare_indicator(store, args.indicator, args.period, args.peers)
    table = result.table[list(COMPARE_COLUMNS)]
    meta = {"indicator": args.indicator, "period": args.period, "peers": args.peers,
            "polarity": result.indicator["polarity"], "unit": result.indicator["unit"],
            "summary": {k: (None if pd.isna(v) else v) for k, v in result.summary.items()}}
    _emit(table, args.format, meta)
    return 0


def _profile(args: argparse.Namespace, store: Store) -> int:
    store = past(store, args)
    _entity_exists(store, args.entity)
    table, strongest, weakest = comparisons.profile(store, args.entity, args.period, args.peers, args.network)
    meta = {"entity": args.entity, "period": args.period, "peers": args.peers,
            "strongest": strongest["indicator_code"].tolist(), "weakest": weakest["indicator_code"].tolist()}
    _emit(table, args.format, meta)
    return 0


def _neighbours(args: argparse.Namespace, store: Store) -> int:
    on = [c.strip() for c in args.on.split(",") if c.strip()]
    table = comparisons.neighbours(store, args.entity, args.k, on, _floats(args.weights, len(on), "weights"),
                                   args.period)
    _emit(table, args.format, {"entity": args.entity, "k": args.k, "on": on})
    return 0


def _composite(args: argparse.Namespace, store: Store) -> int:
    store = past(store, args)
    codes = [c.strip() for c in args.indicators.split(",") if c.strip()]
    weights = _floats(args.weights, len(codes), "weights") or [1.0] * len(codes)
    scores, _ = comparisons.composite(store, dict(zip(codes, weights, strict=True)), args.period, args.peers,
                                      args.method)
    columns = ["entity_code", "entity_name", "score", "rank", "coverage", "components"]
    _emit(scores[columns], args.format, {"indicators": codes, "weights": weights, "method": args.method})
    return 0
