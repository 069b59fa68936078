"""Similar municipalities: nearest neighbours on chosen structural indicators and weights, with distance and
match score, and the button that makes them the peer set of every other page."""

import streamlit as st

from benchlearn.api import analyst
from benchlearn.errors import NotFoundError
from benchlearn.ui import page_setup
from benchlearn.ui.explain_network import similarity_explainer
from benchlearn.ui.learn_from import entity_name
from benchlearn.ui.pickers import SIMILAR_K, entity_picker, indicator_labels
from benchlearn.ui.plain_text import plain
from benchlearn.ui.similar import neighbours, structure_weights, use_as_peers

ctx = page_setup("similar.title")
MAX_K = 50  # more "similar" municipalities than this stops meaning similar
st.caption(ctx.t("similar.intro"))
entity = entity_picker(ctx)
if entity is None:
    st.info(ctx.t("pick.choose_entity"))
    st.stop()
name = entity_name(ctx, entity)
candidates = ctx.call(analyst.structural_candidates, entity)["code"].tolist()
if not candidates:
    st.info(ctx.t("similar.no_structure", entity=plain(name)))
    st.stop()
labels = indicator_labels(ctx)
on = st.multiselect(ctx.t("similar.indicators"), candidates, placeholder=ctx.t("pick.choose_options"),
                    format_func=labels.__getitem__,
                    default=ctx.call(analyst.default_structure, entity), key=f"similar_on_{entity}",
                    help=ctx.t("similar.indicators_help"))
ctx.credit(on)
if not on:
    st.info(ctx.t("similar.choose"))
    st.stop()
k = int(st.number_input(ctx.t("similar.k"), min_value=1, max_value=MAX_K, value=SIMILAR_K, step=1,
                        key="similar_k"))
weights = structure_weights(ctx, on)
if sum(weights) == 0:
    st.warning(ctx.t("similar.bad_weights"))
    st.stop()
weighted = any(w != 1.0 for w in weights)
try:
    frame = ctx.call(analyst.similar, entity, k, tuple(on), weights if weighted else None)
except NotFoundError:
    st.info(ctx.t("similar.no_structure", entity=plain(name)))
    st.stop()
if len(frame) < 2:
    st.info(ctx.t("similar.alone"))
    st.stop()

neighbours(ctx, entity, frame, on, weighted)
similarity_explainer(ctx, entity, frame, on, weights if weighted else None)
use_as_peers(ctx, entity, k, on, weighted)
