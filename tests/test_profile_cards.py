"""Issue 14 (profile): the strongest and weakest cards show each indicator's whole name. A metric's label is cut
to one line with an ellipsis, so a long name ("People aged 17–24 outside education, % of the age group") must be
text that wraps, not the metric's label. AppTest on Helsinki among the Finnish example network."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from page_support import copy_store, page_runner

from benchlearn.i18n import t

COLLAPSED = 2  # streamlit's LabelVisibilityMessage.COLLAPSED


def _unescaped(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


@pytest.mark.parametrize("lang", ["en", "lv"])
def test_strongest_and_weakest_cards_show_the_whole_name(demo_db: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    at = page_runner(copy_store(demo_db, tmp_path, "cards"), monkeypatch, "profile")(
        lang, entity="FI-091", peers="network:fi-over-50000", period="2011")
    assert not at.exception
    percentile = re.compile(re.escape(t("profile.percentile_value", lang, p="0")).replace("0", r"\d+"))
    cards = [m for m in at.metric if percentile.fullmatch(str(m.value))]
    assert len(cards) == 6, [m.value for m in at.metric]  # three strongest, three weakest
    texts = {_unescaped(m.value) for m in at.markdown}
    names = [_unescaped(m.label) for m in cards]
    assert max(len(n) for n in names) > 50  # a long name among them: the case that was cut
    assert all(name in texts for name in names), (names, texts)  # each whole, as text that wraps
    assert all(m.proto.label_visibility.value == COLLAPSED for m in cards)  # not a second, cut copy
