"""The upload preview's screening step: each flagged value beside its previous value and the reference, and a
short reason to confirm it (or the coordinator corrects the file). Commit stays disabled until every flag has
a reason; the use case checks the reasons again (`coordination.commit_upload`), so this step cannot be skipped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from benchlearn.api import coordination, screening
from benchlearn.i18n import fmt_number
from benchlearn.model import Kind
from benchlearn.ui.plain_text import plain

if TYPE_CHECKING:
    from benchlearn.ui import PageContext

#: reason boxes drawn one per flag; beyond these the "one reason for all" box confirms the rest
MAX_INPUTS = 50
Reasons = dict[screening.FlagKey, str]


def _table(ctx: PageContext, flags: pd.DataFrame) -> pd.DataFrame:
    """The flags as shown: value, previous value (period), the reference, the check and why, translated."""
    lang = ctx.lang
    rows = []
    for flag in flags.to_dict("records"):
        previous = fmt_number(flag["previous_value"], lang)
        if isinstance(flag["previous_period"], str):
            previous += f" ({flag['previous_period']})"
        rows.append({"row": int(flag["row"]), "entity_code": flag["entity_code"],
                     "indicator_code": flag["indicator_code"], "period": flag["period"],
                     "value": fmt_number(flag["value"], lang), "previous": previous,
                     "reference": fmt_number(flag["reference"], lang),
                     "check": ctx.t(f"screening.check.{flag['check']}"),
                     "why": screening.explain(flag, lang)})
    shown = pd.DataFrame(rows)
    return shown.rename(columns={c: ctx.t(f"upload.col.{c}") for c in shown.columns})


def confirm_flags(ctx: PageContext, found: coordination.Preview, key: str = "upload") -> Reasons | None:
    """Show the preview's flags with a reason box each; the reasons typed (None when the kind is not values)."""
    if found.outcome.result.kind != Kind.VALUES:
        return None
    flags = found.outcome.screening
    if flags.empty:
        st.caption(ctx.t("upload.screening_clear"))
        return {}
    st.subheader(ctx.t("upload.screening_heading"))
    st.caption(ctx.t("upload.screening_intro"))
    st.dataframe(_table(ctx, flags), placeholder="", hide_index=True)
    nonce = st.session_state.get(f"{key}_nonce", 0)  # fresh boxes after each commit
    common = st.text_input(ctx.t("upload.screening_all"), key=f"{key}_flag_all_{nonce}",
                           max_chars=screening.MAX_REASON)
    reasons: Reasons = {}
    for number, flag in enumerate(flags.to_dict("records")):
        typed = ""
        if number < MAX_INPUTS:
            label = ctx.t("upload.screening_reason", entity=plain(flag["entity_code"]),
                          indicator=plain(flag["indicator_code"]), period=plain(flag["period"]),
                          check=ctx.t(f"screening.check.{flag['check']}"))
            typed = st.text_input(label, key=f"{key}_flag_{nonce}_{'|'.join(screening.flag_key(flag))}",
                                  max_chars=screening.MAX_REASON)
        reasons[screening.flag_key(flag)] = screening.clean_reason(typed) or screening.clean_reason(common)
    missing = sum(1 for reason in reasons.values() if not reason)
    if missing:
        st.warning(ctx.tn("upload.screening_pending", missing))
    return reasons


def unconfirmed(reasons: Reasons | None) -> bool:
    """True while a flag has no reason (the commit button stays disabled)."""
    return bool(reasons) and not all(reasons.values())
