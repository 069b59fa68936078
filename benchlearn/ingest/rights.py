"""Rows a network's upload may not write, as located problems (the same rules and wording as validation).

Validation refuses a values row whose entity is not a member of the upload's network, or whose indicator is
not linked to it (benchlearn/ingest/values.py). The store checks the same again inside the batch's
transaction (`store.memberships.outside`); what it finds is reported here as the same located problems, so a
membership removed between the preview and the commit is explained like any other refused row.
"""

from __future__ import annotations

import pandas as pd

from benchlearn.errors import InputError
from benchlearn.ingest.problems import Problems


def outside_network_error(file_name: str, outside: pd.DataFrame, network: str) -> InputError:
    """An InputError with one located problem per refused cell of `outside` (see memberships.outside)."""
    problems = Problems(file_name)
    for r in outside.itertuples(index=False):
        if not r.member:
            problems.add(int(r.row), "entity_code", "entity_not_in_network", value=r.entity_code,
                         expected=f"a member of {network}", network=network, entity=r.entity_code, form="any")
        if not r.linked:
            problems.add(int(r.row), "indicator_code", "indicator_not_in_network", value=r.indicator_code,
                         expected=f"an indicator of {network}", position=1, network=network,
                         indicator=r.indicator_code, form="any")
    return InputError(problems.shown(), len(problems))


def outside_member_error(file_name: str, outside: pd.DataFrame, network: str, entity: str | None) -> InputError:
    """An InputError with one located problem per row a municipality account may not write (see
    store.member_rights.outside): another entity than its own (or its elderships), or no open call of the
    network asking for the indicator in the period."""
    problems = Problems(file_name)
    for r in outside.itertuples(index=False):
        if not r.own:
            problems.add(int(r.row), "entity_code", "entity_not_own", value=r.entity_code,
                         expected=f"{entity} or one of its elderships", entity=r.entity_code, own=entity or "-")
        if not r.called:
            problems.add(int(r.row), "indicator_code", "not_in_open_call", value=r.indicator_code,
                         expected=f"an indicator of an open data call of {network} for {r.period}", position=1,
                         network=network, indicator=r.indicator_code, period=r.period)
    return InputError(problems.shown(), len(problems))
