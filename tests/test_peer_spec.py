"""PeerSpec: the one reader and writer of the peer-set string (links, CLI, stored targets)."""

from __future__ import annotations

import pytest

from benchlearn.errors import UsageError
from benchlearn.model import PeerSpec


@pytest.mark.parametrize(
    ("text", "parsed", "written"),
    [
        (None, PeerSpec("all"), "all"),
        ("  ", PeerSpec("all"), "all"),
        ("all", PeerSpec("all"), "all"),
        ("network:NET-LT", PeerSpec("network", "NET-LT"), "network:NET-LT"),
        ("group:big", PeerSpec("group", "big"), "group:big"),
        ("country:LV", PeerSpec("country", "LV"), "country:LV"),
        ("kind:eldership", PeerSpec("kind", "eldership"), "kind:eldership"),
        ("list:LT-01, LT-02,,LV-007", PeerSpec("list", codes=("LT-01", "LT-02", "LV-007")), "list:LT-01,LT-02,LV-007"),
        ("nearest:LT-13:5", PeerSpec("nearest", "LT-13", (), 5), "nearest:LT-13:5"),
        ("nearest:LT-13:5:POP,AREA", PeerSpec("nearest", "LT-13", ("POP", "AREA"), 5), "nearest:LT-13:5:POP,AREA"),
        ("nearest:LT-13:5:", PeerSpec("nearest", "LT-13", (), 5), "nearest:LT-13:5"),
    ],
)
def test_parse_and_write_back(text: str | None, parsed: PeerSpec, written: str) -> None:
    """Each form parses to its parts, and str() gives the canonical string, which parses to the same."""
    assert PeerSpec.parse(text) == parsed
    assert str(parsed) == written
    assert PeerSpec.parse(written) == parsed


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("nearest:LT-13", "bad peer set 'nearest:LT-13': expected nearest:ENTITY:K[:IND1,IND2,…] with K ≥ 1"),
        ("nearest:LT-13:0", "bad peer set 'nearest:LT-13:0': expected nearest:ENTITY:K[:IND1,IND2,…] with K ≥ 1"),
        ("nearest:LT-13:²", "bad peer set 'nearest:LT-13:²': expected nearest:ENTITY:K[:IND1,IND2,…] with K ≥ 1"),
        ("nearest:LT-13:5:POP:x", "bad peer set 'nearest:LT-13:5:POP:x': expected nearest:ENTITY:K[:IND1,IND2,…] "
                                  "with K ≥ 1"),
        ("neighbours:LT-13", "unknown peer set 'neighbours:LT-13'; expected all | network:CODE | group:CODE | "
                             "country:CC | kind:KIND | list:A,B,C | nearest:ENTITY:K[:IND1,IND2,…]"),
    ],
    ids=["no-k", "zero", "superscript-digit", "extra-part", "unknown-kind"],
)
def test_a_bad_spec_is_a_usage_error(text: str, message: str) -> None:
    """A malformed set is refused with the form expected; read() turns it into None for links and state."""
    with pytest.raises(UsageError) as caught:
        PeerSpec.parse(text)
    assert str(caught.value) == message
    assert PeerSpec.read(text) is None


def test_read_takes_only_strings() -> None:
    """A session value that is not a string is no peer set."""
    assert PeerSpec.read(None) is None and PeerSpec.read(5) is None  # type: ignore[arg-type]
    assert PeerSpec.read("country:LT") == PeerSpec("country", "LT")
