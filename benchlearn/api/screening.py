"""Screening in the upload use cases: flag an upload's new values, check the coordinator's confirmations.

`screen` runs inside the batch's transaction, right after the write (the store then holds the upload's
values over the stored ones; a dry run rolls it all back), for every values upload and import — dry run,
CLI or page. The CLI records the flags unconfirmed; the page's commit passes `confirmations`, and `confirm`
refuses the write unless every flag has a short reason, so a crafted commit cannot publish a flagged value
unexplained. Definitions and thresholds: `benchlearn.ingest.screening`.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from benchlearn.api import value_notes
from benchlearn.errors import BenchlearnError
from benchlearn.i18n import fmt_number, t
from benchlearn.ingest import Parsed, Reference
from benchlearn.ingest.screening import empty_flags
from benchlearn.ingest.screening import screen as screen_frame
from benchlearn.model import Kind
from benchlearn.store import screening as stored

#: uploads with more new values than this are bulk loads, not screened (see `screen`)
MAX_SCREENED = 100_000
#: a confirmation's reason is short: a sentence kept with the value
MAX_REASON = 200
#: the JSON contract of `ingest --json` and `import --json`: one object per flag with these keys
JSON_KEYS = ("row", "entity_code", "indicator_code", "period", "value", "check", "reference")

FlagKey = tuple[str, str, str, str]  # entity_code, indicator_code, period, check


class UnconfirmedFlags(BenchlearnError):
    """A commit from the page without a reason for every screening flag: nothing was written."""

    exit_code = 1

    def __init__(self, missing: list[FlagKey]) -> None:
        first = ", ".join(f"{e} {i} {p} ({c})" for e, i, p, c in missing[:3])
        more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        super().__init__(f"{len(missing)} screening flags are not confirmed with a reason ({first}{more}): "
                         "confirm each with a short reason or correct the file; nothing was written")
        self.missing = missing


def screen(cur: object, parsed: Parsed, ref: Reference, batch_id: int, new_values: int
           ) -> tuple[pd.DataFrame, list[str]]:
    """(flags, notes) of a values batch just written on `cur` (not committed); no flags for other kinds.

    A bulk load of more than MAX_SCREENED new values is not screened (a note says so): the checks work on
    pandas frames of the new values, and a national database's first load must stay within DuckDB's speed
    and memory (issue 13.4); new periods arrive in files far smaller.
    """
    if parsed.kind != Kind.VALUES or not new_values:
        return empty_flags(), []
    if new_values > MAX_SCREENED:
        return empty_flags(), [f"screening skipped: {new_values} new values, more than the {MAX_SCREENED} "
                               "screened in one upload (a bulk load); load new periods in smaller files"]
    new, peers, changes = stored.reference(cur, parsed.frame, batch_id)
    return screen_frame(new, peers, changes, ref.entities, ref.indicators), []


def flag_key(flag: Mapping) -> FlagKey:
    """What identifies a flag across the preview and the commit (the row number may not, after an edit)."""
    return (str(flag["entity_code"]), str(flag["indicator_code"]), str(flag["period"]), str(flag["check"]))


def clean_reason(text: object) -> str:
    """A confirmation's reason as kept: trimmed, one line, at most MAX_REASON characters."""
    return " ".join(str(text or "").split())[:MAX_REASON]


def confirm(flags: pd.DataFrame, confirmations: Mapping[FlagKey, str]) -> pd.DataFrame:
    """The flags with each one's `reason`; UnconfirmedFlags if any has none."""
    reasons = [clean_reason(confirmations.get(flag_key(f))) for f in flags.to_dict("records")]
    missing = [flag_key(f) for f, r in zip(flags.to_dict("records"), reasons, strict=True) if not r]
    if missing:
        raise UnconfirmedFlags(missing)
    return flags.assign(reason=reasons)


def as_json(flags: pd.DataFrame) -> list[dict]:
    """The flags as the CLI's `--json` gives them (`JSON_KEYS`; numbers as numbers)."""
    out = []
    for flag in flags.to_dict("records"):
        out.append({"row": int(flag["row"]), "entity_code": flag["entity_code"],
                    "indicator_code": flag["indicator_code"], "period": flag["period"],
                    "value": float(flag["value"]), "check": flag["check"], "reference": float(flag["reference"])})
    return out


def record(cur: object, batch_id: int, flags: pd.DataFrame, author: str | None = None) -> int:
    """Keep the flags (with their reasons, if confirmed) on the batch, inside its transaction; each confirmed
    reason becomes the value's note by `author` (issue 15.4: members' notes)."""
    kept = stored.record(cur, batch_id, flags)
    value_notes.from_flags(cur, batch_id, flags, author)
    return kept


def explain(flag: Mapping, lang: str = "en") -> str:
    """Why a value was flagged, in `lang` (value, what it was compared with, by how much)."""
    score = float(flag["score"])
    if flag["check"] == "unit_slip":
        factor = f"×{fmt_number(score, lang)}" if score >= 1 else f"÷{fmt_number(round(1 / score), lang)}"
    else:
        factor = ""
    return t(f"screening.why.{flag['check']}.{flag['basis']}", lang, value=fmt_number(flag["value"], lang),
             reference=fmt_number(flag["reference"], lang), period=flag.get("previous_period") or "–",
             factor=factor, score=fmt_number(score, lang, 1))


def of_batch(cur: object, batch_id: int) -> pd.DataFrame:
    """The flags recorded on a batch (with their reasons)."""
    return stored.of_batch(cur, batch_id)


def with_notes(values: pd.DataFrame, flags: pd.DataFrame) -> pd.DataFrame:
    """`values` (entity_code, indicator_code, period, …) with a `note` column: the confirmed reasons of the
    flags on each value ('; '-joined), empty where there are none."""
    confirmed = flags[flags["reason"].notna()]
    notes = (confirmed.groupby(["entity_code", "indicator_code", "period"])["reason"]
             .agg(lambda reasons: "; ".join(dict.fromkeys(reasons))).rename("note").reset_index())
    if values.empty:
        return values.assign(note=pd.Series(dtype="object"))
    return values.merge(notes, on=["entity_code", "indicator_code", "period"], how="left")


def notes(store: object, indicator: str, period: str) -> pd.DataFrame:
    """The confirmed reasons kept with the current values of one indicator and period (entity_code, note)."""
    with store.cursor() as cur:
        return stored.notes(cur, indicator, period)
