"""Screening flags in the CLI: one line each on stderr (stdout keeps its one-line summary or JSON), and the
`screening` list of `--json` (the contract of `benchlearn.api.screening.JSON_KEYS`)."""

from __future__ import annotations

import sys

import pandas as pd

from benchlearn.api import screening


def print_flags(flags: pd.DataFrame, file_name: str) -> None:
    """`FILE:ROW: screening CHECK: ENTITY INDICATOR PERIOD: why` per flag, on stderr; they never stop a load."""
    for flag in flags.to_dict("records"):
        print(f"{file_name}:{int(flag['row'])}: screening {flag['check']}: {flag['entity_code']} "
              f"{flag['indicator_code']} {flag['period']}: {screening.explain(flag)}", file=sys.stderr)


def as_json(flags: pd.DataFrame) -> list[dict]:
    """The flags for the `screening` key of `--json`."""
    return screening.as_json(flags)
