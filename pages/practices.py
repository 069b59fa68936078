"""Good-practice library: search and filter practices by network, indicator, municipality and text; record and
edit your own; import and export them as CSV (coordinators import through the validated upload path)."""

import pandas as pd
import streamlit as st

from benchlearn.api import coordination
from benchlearn.api import practices as practices_api
from benchlearn.auth import has_role
from benchlearn.ingest import IngestOptions
from benchlearn.ingest.practice_form import as_list
from benchlearn.model import Kind
from benchlearn.ui import page_setup
from benchlearn.ui.downloads import table_downloads
from benchlearn.ui.pickers import entity_labels, group_labels, indicator_labels
from benchlearn.ui.practices import practice_card, practice_form
from benchlearn.ui.state import labels_for
from benchlearn.ui.upload_review import announce, review
from benchlearn.ui.uploader import file_uploader

ctx = page_setup("practices.title")
st.caption(ctx.t("practices.intro"))
labels, names = indicator_labels(ctx), entity_labels(ctx)
networks = group_labels(ctx, "network")
side = ctx.controls
network = side.selectbox(ctx.t("practices.filter.network"), [None, *networks], key="practices_network",
                         format_func=labels_for([None, *networks],
                                                lambda n: ctx.t("practices.filter.all") if n is None else networks[n]))
indicators = side.multiselect(ctx.t("practices.filter.indicators"), list(labels),
                              format_func=labels.__getitem__, key="practices_indicators",
                              placeholder=ctx.t("practices.filter.any"))
entities = side.multiselect(ctx.t("practices.filter.entities"), list(names), format_func=names.__getitem__,
                            key="practices_entities", placeholder=ctx.t("practices.filter.any"))
text = side.text_input(ctx.t("practices.filter.text"), key="practices_text", max_chars=200,
                       help=ctx.t("practices.filter.text_help"))
filters = {"network": network, "indicators": tuple(indicators), "entities": tuple(entities),
           "text": text or None}
found = practices_api.search(ctx.store, **filters)

library, record, files = st.tabs([ctx.t("practices.tab.library"), ctx.t("practices.tab.record"),
                                  ctx.t("practices.tab.files")])
with library:
    st.caption(ctx.t("practices.found", n=len(found)))
    if found.empty:
        st.info(ctx.t("practices.none_found"))
    for row in found.to_dict("records"):
        practice_card(ctx, row, "library")
    if not found.empty:
        table = pd.DataFrame({
            "id": found["id"], "title": found["title"], "entity": found["entity_name"],
            "indicators": [", ".join(labels.get(c, c) for c in as_list(v)) for v in found["indicator_codes"]],
            "network": found["network_code"], "started": found["started_period"], "contact": found["contact"],
            "owner": found["owner"], "recorded": found["created_at"].astype(str).str[:10],
        }).rename(columns=lambda c: ctx.t(f"practices.col.{c}"))
        st.dataframe(table, placeholder="", hide_index=True, key="practices_table")
        table_downloads(ctx, table, "practices", "practices_table")
with record:
    practice_form(ctx)
with files:
    st.subheader(ctx.t("practices.export.heading"))
    st.caption(ctx.t("practices.export.note"))
    st.download_button(ctx.tn("practices.export.button", len(found)),
                       practices_api.export_csv(ctx.store, **filters), file_name="practices.csv",
                       mime="text/csv", key="practices_export", on_click="ignore")
    st.subheader(ctx.t("practices.import.heading"))
    if not has_role(ctx.identity, "coordinator"):
        st.info(ctx.t("practices.import.coordinators"))
        st.stop()
    announce(ctx, "practices_import")
    mine = coordination.upload_networks(ctx.store, ctx.identity)
    target = st.selectbox(ctx.t("practices.import.network"), mine, key="practices_import_network",
                          format_func=labels_for(mine, lambda n: networks.get(n, n)))
    nonce = st.session_state.get("practices_import_nonce", 0)
    chosen = file_uploader(ctx, ctx.t("practices.import.file"), ["csv", "txt", "xlsx"],
                           key=f"practices_import_file_{nonce}", help=ctx.t("practices.import.help"))
    if chosen is not None and target is not None:
        options = IngestOptions(kind=Kind.PRACTICES, network=target)
        review(ctx, coordination.Upload(chosen.getvalue(), chosen.name, options), key="practices_import")
