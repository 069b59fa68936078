"""Indicator catalogue: names, definitions, units, which direction is better, sources, formulas, coverage."""

import pandas as pd
import streamlit as st

from benchlearn import api
from benchlearn.api import catalogue
from benchlearn.i18n import fmt_number, localized
from benchlearn.ui import page_setup
from benchlearn.ui.downloads import table_downloads
from benchlearn.ui.pickers import group_labels
from benchlearn.ui.series_breaks import version_history, version_labels
from benchlearn.ui.summary import minimum_label

ctx = page_setup("catalogue.title")
st.caption(ctx.t("catalogue.intro"))
held = ctx.call(catalogue.catalogue)
if held.empty:
    st.info(ctx.t("catalogue.empty"))
    st.stop()

left, middle, right = st.columns(3)
domains = left.multiselect(ctx.t("catalogue.filter.domain"), sorted(held["domain"].dropna().unique()),
                           placeholder=ctx.t("catalogue.all"), key="catalogue_domains")
networks = group_labels(ctx, "network")
network = middle.selectbox(ctx.t("catalogue.filter.network"), list(networks), index=None,
                           format_func=networks.get, placeholder=ctx.t("catalogue.all"),
                           key="catalogue_network")
query = right.text_input(ctx.t("catalogue.filter.text"), key="catalogue_query")

chosen = held[held["domain"].isin(domains)] if domains else held
if network:
    chosen = chosen[chosen["code"].isin(ctx.call(api.indicators_of, network)["code"])]
chosen = catalogue.matching(chosen, query)
st.caption(ctx.t("catalogue.shown", n=len(chosen), total=len(held)))
if chosen.empty:
    st.info(ctx.t("catalogue.no_match"))
    st.stop()



def formula(row: dict) -> str:
    """"NUMERATOR / DENOMINATOR × multiplier" for a derived indicator, empty for a stored one."""
    if not (isinstance(row["numerator_code"], str) and isinstance(row["denominator_code"], str)):
        return ""
    multiplier = 1 if pd.isna(row["multiplier"]) else row["multiplier"]
    return ctx.t("catalogue.formula", numerator=row["numerator_code"], denominator=row["denominator_code"],
                 multiplier=fmt_number(multiplier, ctx.lang))


ctx.credit(chosen["code"])
rows = chosen.to_dict("records")
shown = chosen.assign(
    name=[localized(row, "name", ctx.lang) for row in rows], unit=[localized(row, "unit", ctx.lang) for row in rows],
    direction=chosen["polarity"].map(lambda p: ctx.t(f"polarity.{p}")),
    formula=[formula(row) for row in rows],
    span=[f"{row['first_period']} – {row['last_period']}" if row["periods"] else "" for row in rows],
    version=version_labels(ctx, chosen["code"].tolist()),  # issue 16.4: definitions are versioned
    min_denominator=[minimum_label(ctx, row) for row in rows],  # issue 16.2: below it, shown but not ranked
)
# what a reader looks for first comes first: after a long definition, the direction was off-screen at 1366 px
columns = ["name", "direction", "unit", "code", "description", "domain", "source", "formula", "version",
           "min_denominator", "periods", "span", "entities", "networks"]
shown = shown[columns].rename(columns={c: ctx.t(f"catalogue.col.{c}") for c in columns})
st.dataframe(shown, placeholder="", hide_index=True,
             column_config={ctx.t("catalogue.col.name"): st.column_config.Column(pinned=True)})
table_downloads(ctx, shown, "indicator_catalogue", "catalogue_table")
version_history(ctx, chosen["code"].tolist())
