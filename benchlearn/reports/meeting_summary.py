"""Each member of a meeting pack in plain words (issue 16.5): the profile summary of `benchlearn.compare.summary`
per member, over the pack's indicators and the network's members — in the PDF and on the meeting page.

Why the profile summary and not one sentence per member and indicator: a pack holds several indicators, so the
per-indicator sentences would be members × indicators lines (60 members × 8 indicators = 480), where the
meeting wants each member's picture in a few lines (better / about the same / worse than the median on how
many indicators, shown but not ranked, improving or worsening, provisional values). The per-indicator detail
is in each ranking's chart and table just above. The numbers come from the pack's own rankings (the same
peers, the honesty rules already applied) and its directions of travel; nothing here touches the store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from benchlearn.compare.summary import profile_sentences
from benchlearn.i18n import t
from benchlearn.reports.document import ReportDocument

if TYPE_CHECKING:
    from benchlearn.api.meeting import MeetingPack

_COLUMNS = ("value", "status", "rank", "small", "gap_to_median", "mad_score")


def member_profiles(pack: MeetingPack) -> pd.DataFrame:
    """One row per member × ranked indicator: entity_code, indicator_code, polarity, value, status, rank,
    small, gap_to_median, mad_score, direction (what `compare.summary.profile_sentences` reads)."""
    frames = []
    for code, comparison in pack.rankings.items():
        table = comparison.table
        part = table[["entity_code", *[c for c in _COLUMNS if c in table.columns]]].copy()
        frames.append(part.assign(indicator_code=code, polarity=comparison.indicator["polarity"]))
    if not frames:
        return pd.DataFrame(columns=["entity_code", "indicator_code", "polarity", *_COLUMNS, "direction"])
    rows = pd.concat(frames, ignore_index=True)
    travel = pack.travel if len(pack.travel) else pd.DataFrame(columns=["entity_code", "indicator_code",
                                                                        "direction"])
    return rows.merge(travel[["entity_code", "indicator_code", "direction"]], how="left",
                      on=["entity_code", "indicator_code"])


def member_sentences(pack: MeetingPack, lang: str) -> list[tuple[str, list[str]]]:
    """(member name, its sentences) for every member with at least one value, in the pack's member order."""
    rows = member_profiles(pack)
    out = []
    for code, name in pack.members[["entity_code", "entity_name"]].itertuples(index=False):
        own = rows[rows["entity_code"] == code]
        if own["value"].notna().any():
            out.append((str(name), profile_sentences(own.reset_index(drop=True), str(name), pack.period, lang)))
    return out


def summary_section(pdf: ReportDocument, pack: MeetingPack, lang: str) -> None:
    """The PDF section: a heading, what the sentences rest on, and a paragraph per member."""
    found = member_sentences(pack, lang)
    if not found:
        return
    pdf.heading(t("meeting.summary", lang))
    pdf.para(t("meeting.summary_note", lang), size=8.5)
    for _, sentences in found:
        pdf.para(" ".join(sentences), size=9)
        pdf.ln(1)
