"""Good practices next to the numbers: the practices of the peers a page names, one practice as a card, and
the form that records, changes or deletes one.

Practices change without a new batch, so they are read straight from the api (small queries), not through the
data-version cache. Everything users wrote is shown as plain text (escaped markdown, st.text).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from benchlearn.api import practices as practices_api
from benchlearn.i18n import LANGUAGE_NAMES, LANGUAGES
from benchlearn.ingest.practice_form import PracticeInput, as_list
from benchlearn.ingest.practices import MAX_TITLE
from benchlearn.ingest.splitting import MAX_CELL_CHARS as MAX_BODY
from benchlearn.ui import PageContext
from benchlearn.ui.form_feedback import delete_button, reselect, save, show_flash
from benchlearn.ui.navigation import page_link
from benchlearn.ui.pickers import entity_labels, indicator_labels
from benchlearn.ui.plain_text import plain
from benchlearn.ui.state import labels_for

PRACTICES_PAGE = "pages/practices.py"


def practice_card(ctx: PageContext, row: dict, key: str) -> None:
    """One practice: title, who and what it concerns, the description, contact, links and attachment names."""
    labels = indicator_labels(ctx)
    with st.container(border=True):
        st.markdown(f"**{plain(row['title'])}**")
        about = [f"{row['entity_name'] or row['entity_code']} ({row['entity_code']})"]
        about += [labels.get(c, c) for c in as_list(row.get("indicator_codes"))]
        st.caption(" · ".join(plain(a) for a in about))
        if isinstance(row.get("body"), str) and row["body"]:
            st.text(row["body"])
        details = []
        if isinstance(row.get("started_period"), str) and row["started_period"]:
            details.append(ctx.t("practices.card.started", period=plain(row["started_period"])))
        if isinstance(row.get("network_code"), str) and row["network_code"]:
            details.append(ctx.t("practices.card.network", network=plain(row["network_code"])))
        if isinstance(row.get("contact"), str) and row["contact"]:
            details.append(ctx.t("practices.card.contact", contact=plain(row["contact"])))
        if as_list(row.get("attachments")):
            details.append(ctx.t("practices.card.attachments",
                                 names=plain(", ".join(as_list(row.get("attachments"))))))
        recorded = str(row.get("created_at") or "")[:10]
        owner = plain(row.get("owner") or "–")
        details.append(ctx.t("practices.card.recorded", owner=owner, date=recorded))
        st.caption(" · ".join(details))
        for i, link in enumerate(as_list(row.get("links"))):
            st.link_button(plain(link)[:80], link, key=f"{key}_link_{row['id']}_{i}")


def practices_for(ctx: PageContext, entity_codes: list[str], indicator: str | None,
                  key: str = "practices_for") -> pd.DataFrame:
    """The practices these peers recorded on `indicator` (and their general ones), as cards; returns them."""
    codes = list(dict.fromkeys(entity_codes))
    found = practices_api.for_entities(ctx.store, tuple(codes), indicator)
    st.subheader(ctx.t("practices.panel.heading"))
    if found.empty:
        st.caption(ctx.t("practices.panel.none"))
    else:
        st.caption(ctx.t("practices.panel.note", n=len(found)))
        for row in found.to_dict("records"):
            practice_card(ctx, row, key)
    page_link(PRACTICES_PAGE, label=ctx.t("practices.panel.more"), icon=":material/lightbulb:",
                 query_params={"lang": ctx.lang})
    return found


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def practice_form(ctx: PageContext, key: str = "practice") -> None:
    """Record a new practice, or change or delete one of the user's own (all of them for an admin)."""
    show_flash(key)
    identity = practices_api.fresh(ctx.store, ctx.identity)
    if not practices_api.may_record(identity):
        st.info(ctx.t("practices.login_needed"))
        page_link("pages/login.py", label=ctx.t("practices.login_link"), icon=":material/login:")
        return
    own = practices_api.owned(ctx.store, identity)
    titles = dict(zip(own["id"], own["title"], strict=True))
    reselect(key, list(titles))
    chosen = st.selectbox(ctx.t("practices.form.which"), [None, *titles], key=f"{key}_which",
                          format_func=labels_for([None, *titles], lambda i: ctx.t("practices.form.new")
                                                 if i is None else f"#{i} {titles[i]}"))
    current = practices_api.get(ctx.store, chosen) if chosen is not None else {}
    entities = practices_api.entities_for(ctx.store, identity)
    names, labels = entity_labels(ctx), indicator_labels(ctx)
    start = entities.index(current["entity_code"]) if current.get("entity_code") in entities else 0
    entity = st.selectbox(ctx.t("practices.field.entity_code"), entities, index=start,
                          key=f"{key}_entity_{chosen}", format_func=labels_for(entities, lambda c: names.get(c, c)))
    networks = [None, *practices_api.networks_for(ctx.store, identity, entity)]
    with st.form(f"{key}_form_{chosen}_{entity}"):
        title = st.text_input(ctx.t("practices.field.title"), current.get("title") or "", max_chars=MAX_TITLE)
        body = st.text_area(ctx.t("practices.field.body"), current.get("body") or "", max_chars=MAX_BODY)
        tagged = [c for c in as_list(current.get("indicator_codes")) if c in labels]
        indicators = st.multiselect(ctx.t("practices.field.indicator_codes"), list(labels), default=tagged,
                                    format_func=labels.__getitem__,
                                    placeholder=ctx.t("practices.form.choose"))
        network = st.selectbox(ctx.t("practices.field.network_code"), networks,
                               index=networks.index(current.get("network_code"))
                               if current.get("network_code") in networks else 0,
                               format_func=labels_for(networks, lambda n: ctx.t("practices.form.no_network")
                                                      if n is None else n))
        contact = st.text_input(ctx.t("practices.field.contact"), current.get("contact") or "", max_chars=300)
        links = st.text_area(ctx.t("practices.field.links"), "\n".join(as_list(current.get("links"))),
                             help=ctx.t("practices.form.one_per_line"))
        attachments = st.text_area(ctx.t("practices.field.attachments"),
                                   "\n".join(as_list(current.get("attachments"))),
                                   help=ctx.t("practices.form.attachments_help"))
        started = st.text_input(ctx.t("practices.field.started_period"), current.get("started_period") or "",
                                max_chars=20, help=ctx.t("practices.form.period_help"))
        language = st.selectbox(ctx.t("practices.field.language"), LANGUAGES, format_func=LANGUAGE_NAMES.get,
                                index=LANGUAGES.index(current.get("language") or ctx.lang))
        saved = st.form_submit_button(ctx.t("practices.form.save"), type="primary")
    if saved:
        practice = PracticeInput(entity, title, body, tuple(indicators), network, contact, _lines(links),
                                 _lines(attachments), started, language)
        save(ctx, "practices", key, chosen, lambda: practices_api.add(ctx.store, ctx.identity, practice),
             lambda i: practices_api.update(ctx.store, ctx.identity, i, practice))
    delete_button(ctx, "practices", key, chosen, lambda i: practices_api.delete(ctx.store, ctx.identity, i))
