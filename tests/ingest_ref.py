"""The reference of the ingest tests (tests/data/ref) and the bad-file cases (tests/data/bad/cases.json).

Importable by store-level tests: `reference_for(case)` and `options_for(case)` rebuild exactly what
tests/test_ingest_bad.py passes to `parse`, so a test that loads tests/data/ref into a store (entities.csv,
indicators.csv, groups.csv, then each case's network) can re-run every case through the store.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pandas as pd

from benchlearn.ingest import IngestOptions, Reference, parse
from benchlearn.model import Kind

DATA = Path(__file__).parent / "data"
REF = DATA / "ref"
BAD = DATA / "bad"
GOOD = DATA / "good"

ENTITY_COLUMNS = ["code", "name", "aliases", "kind", "parent_code", "country", "valid_from", "valid_to",
                  "successor_code"]
INDICATOR_COLUMNS = ["code", "name_en", "name_lt", "name_lv", "unit", "polarity", "domain", "description",
                     "source", "min_value", "max_value", "decimals", "numerator_code", "denominator_code",
                     "multiplier"]


def empty_reference() -> Reference:
    """A reference with no entities, indicators or groups (a fresh store)."""
    return Reference(pd.DataFrame(columns=ENTITY_COLUMNS), pd.DataFrame(columns=INDICATOR_COLUMNS),
                     pd.DataFrame(columns=["code", "kind"]))


@cache
def _frames() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    # the reference files go through the same validated path as any upload
    empty = empty_reference()
    entities = parse((REF / "entities.csv").read_bytes(), "entities.csv", empty,
                     IngestOptions(kind=Kind.ENTITIES)).frame.drop(columns="row")
    indicators = parse((REF / "indicators.csv").read_bytes(), "indicators.csv", empty,
                       IngestOptions(kind=Kind.INDICATORS)).frame.drop(columns="row")
    groups = pd.read_csv(REF / "groups.csv", dtype=str, keep_default_na=False)
    return entities, indicators, groups


def reference(network_indicators: list[str] | None = None,
              network_members: list[str] | None = None) -> Reference:
    """The test reference, optionally with the given network's indicators and members."""
    entities, indicators, groups = _frames()
    return Reference(entities.copy(), indicators.copy(), groups.copy(),
                     None if network_indicators is None else frozenset(network_indicators),
                     None if network_members is None else frozenset(network_members))


def load_cases() -> list[dict]:
    """The bad-file cases: file, kind, network, period, encoding, expected first line (and network lists)."""
    return json.loads((BAD / "cases.json").read_text(encoding="utf-8"))


def options_for(case: dict) -> IngestOptions:
    """The IngestOptions a case runs with (max_bytes only where the case sets it)."""
    extra = {"max_bytes": case["max_bytes"]} if case.get("max_bytes") else {}
    return IngestOptions(kind=Kind(case.get("kind") or "values"), network=case.get("network"),
                         period=case.get("period"), encoding=case.get("encoding"), **extra)


def reference_for(case: dict) -> Reference:
    """The Reference a case runs with (its network's indicators and members when it names a network)."""
    if not case.get("network"):
        return reference()
    return reference(case.get("network_indicators", []), case.get("network_members", []))
