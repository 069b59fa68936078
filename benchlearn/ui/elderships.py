"""Elderships on the pages: the link from a municipality to its elderships' drill-down."""

from __future__ import annotations

from benchlearn import api
from benchlearn.api import elderships as elderships_api
from benchlearn.ui import PageContext
from benchlearn.ui.navigation import page_link
from benchlearn.ui.plain_text import plain


def eldership_link(ctx: PageContext, entity: str) -> None:
    """A link from a municipality (its profile) to the drill-down of its elderships, when it has any."""
    if not elderships_api.has_elderships(ctx.store, entity):
        return
    name = ctx.call(api.entities).set_index("code")["name"].get(entity, entity)
    page_link("pages/elderships.py", label=ctx.t("elderships.link", municipality=plain(name)),
              icon=":material/account_tree:", query_params={"municipality": entity, "lang": ctx.lang})
