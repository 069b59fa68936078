"""Each source's missing-value symbols and flags, and what they mean in our statuses.

A symbol maps to a Status, or to FLAG (kept beside the value: b break in series, d definition differs …), or
is unknown (then the import names it and asks for a `status` row in the mapping). A row's status is the most
telling of its symbols' statuses; no symbol means final when there is a value, not_available when there is none.
"""

from __future__ import annotations

from benchlearn.model import Status

FLAG = "flag"
SKIP = "-"

#: Eurostat's flags (lower case) and SDMX's OBS_STATUS / CONF_STATUS codes (upper case)
SDMX = {
    ":": Status.NOT_AVAILABLE,
    "b": FLAG, "c": Status.CONFIDENTIAL, "d": FLAG, "e": Status.ESTIMATED, "f": Status.ESTIMATED,
    "n": FLAG, "p": Status.PRELIMINARY, "r": FLAG, "s": Status.ESTIMATED, "u": FLAG, "z": Status.NOT_APPLICABLE,
    "A": Status.FINAL, "B": FLAG, "D": FLAG, "E": Status.ESTIMATED, "F": Status.ESTIMATED, "I": Status.ESTIMATED,
    "L": Status.NOT_AVAILABLE, "M": Status.NOT_APPLICABLE, "O": Status.NOT_AVAILABLE, "P": Status.PRELIMINARY,
    "U": FLAG, "C": Status.CONFIDENTIAL, "N": Status.CONFIDENTIAL,
}
#: Statistics Norway's symbols, the PxWeb convention also used by JSON-stat and PC-Axis files of the Nordic offices
PXWEB = {
    ".": Status.NOT_APPLICABLE, "..": Status.NOT_AVAILABLE, ":": Status.CONFIDENTIAL, "-": Status.NIL,
    "...": Status.NOT_AVAILABLE, "p": Status.PRELIMINARY, "e": Status.ESTIMATED, "b": FLAG,
}
#: the Lithuanian portal writes the markers the ingest already knows (see benchlearn/ingest/numbers.py)
PORTAL_LT = {
    "-": Status.NIL, "–": Status.NIL, "—": Status.NIL, "..": Status.NOT_AVAILABLE, "…": Status.CONFIDENTIAL,
    "...": Status.CONFIDENTIAL, "x": Status.NOT_APPLICABLE, ":": Status.NOT_AVAILABLE,
}
#: Kolada: an empty status is a published value; "Missing" a value that is not there
KOLADA = {"Missing": Status.NOT_AVAILABLE, "missing": Status.NOT_AVAILABLE}

TABLES = {"sdmx": SDMX, "pxweb": PXWEB, "portal_lt": PORTAL_LT, "kolada": KOLADA}

#: the most telling status wins when a row has several symbols (": c" is confidential, not merely missing)
PRIORITY = (Status.CONFIDENTIAL, Status.NOT_APPLICABLE, Status.NIL, Status.NOT_AVAILABLE, Status.ESTIMATED,
            Status.PRELIMINARY, Status.FINAL)


def meaning(token: str, table: dict[str, str], overrides: dict[str, str]) -> str | None:
    """A symbol's meaning (a Status value, FLAG or SKIP), or None when neither the mapping nor the source says."""
    if token in overrides:
        return overrides[token]
    return table.get(token)


def pick(statuses: list[str], has_value: bool) -> str:
    """The status of one row from its symbols' statuses."""
    for status in PRIORITY:
        if status in statuses:
            return str(status)
    return str(Status.FINAL if has_value else Status.NOT_AVAILABLE)
