"""One fold for every match (benchlearn.text.fold): the cases where the catalogue search, practice search and
entity resolution folded text differently before, checked on each of them."""

from __future__ import annotations

import pandas as pd
import pytest

from benchlearn.api.catalogue import matching
from benchlearn.ingest.labels import label_key, tokens
from benchlearn.ingest.practice_form import like_patterns, search_key
from benchlearn.ingest.resolving import EntityResolver
from benchlearn.text import fold

# (text, folded): letters Unicode does not decompose, white space as people paste it, Baltic diacritics
CASES = [
    ("Łódź", "lodz"),
    ("Ørsted ĐAKOVO", "orsted dakovo"),
    ("Æble Œuvre", "aeble oeuvre"),
    ("Straße", "strasse"),
    ("Gatvių\napšvietimas", "gatviu apsvietimas"),
    ("  Pašvaldība \t  Ķekava ", "pasvaldiba kekava"),
    ("1\u00a0000\u202fgyventojų", "1 000 gyventoju"),
    ("ＡＢＣ", "abc"),
]


@pytest.mark.parametrize(("text", "folded"), CASES)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(("text", "folded"), CASES)
def test_catalogue_search_folds_as_practice_search(text: str, folded: str) -> None:
    """The catalogue kept 'ł', 'ø', 'æ' and white space as written: 'lodz' did not find 'Łódź' there while
    practice search found it."""
    frame = pd.DataFrame({"code": ["A", "B"], "name_en": [text, "other"], "description": ["", ""]})
    assert matching(frame, folded)["code"].tolist() == ["A"]
    assert matching(frame, text.upper())["code"].tolist() == ["A"]
    assert search_key([text]) == folded
    assert like_patterns(text) == [f"%{w}%" for w in dict.fromkeys(folded.split())]


@pytest.mark.parametrize(("text", "folded"), CASES)
def test_label_keys_are_cut_from_the_same_fold(text: str, folded: str) -> None:
    assert tokens(text) == folded.split()
    assert label_key(text) == folded.replace(" ", "_")


def test_entity_resolution_folds_names_and_suggestions_alike() -> None:
    entities = pd.DataFrame({"code": ["PL-1", "LT-01"], "name": ["Łódź", "Akmenė d. mun."],
                             "aliases": [None, "Akmenės r. sav."]})
    resolver = EntityResolver(entities)
    assert resolver.resolve("LODZ").code == "PL-1"
    assert resolver.resolve("akmenes  r.\u00a0sav.").code == "LT-01"
    # a misspelt name written with a line break is still close to the folded alias
    assert resolver.resolve("Akmenes\nr. savv.").candidates[:1] == ["LT-01"]
