"""User text on charts, made literal: plotly draws every label through a small HTML subset.

Titles, axis ticks, legend entries, hover labels, annotations and bar text all go through plotly's SVG text
renderer, which makes `<a href>` a clickable link and obeys `<b>`, `<i>`, `<sup>`, `<span style>` and
`<br>`. A municipality, indicator, unit or peer group named with such tags would change the chart. With `&`,
`<` and `>` written as entities the renderer turns them back into those characters as plain text, so the
name is shown exactly as written and nothing in it is markup.

The rule in every builder of `benchlearn.charts`: data (names, labels, units, legend names, hover parts)
arrives raw and is made literal once, where the builder takes it; the chart's own words that carry our
markup (a `<br>` in a translated title or hover template) are composed with `chart_t`, which makes every
value literal before it goes into the template. The builders never make a title literal again, so
nothing is escaped twice.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from benchlearn.i18n import t, tn

_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def literal(text: object) -> str:
    """`text` as plotly shows it literally: `&`, `<`, `>` as entities; None and NaN as an empty label."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    return str(text).translate(_ENTITIES)


def literals(texts: Iterable[object]) -> list[str]:
    """Every text of `texts` made literal (a column of names, a list of tick labels)."""
    return [literal(text) for text in texts]


def literal_map(names: Mapping[str, object]) -> dict[str, str]:
    """A code → name mapping with every name made literal (the codes stay as they are: they are keys)."""
    return {code: literal(name) for code, name in names.items()}


def chart_t(key: str, lang: str, **params: object) -> str:
    """The message `key` for a chart: the template keeps its markup (`<br>`), every value is made literal."""
    return t(key, lang, **{name: literal(value) for name, value in params.items()})


def chart_tn(key: str, n: int, lang: str, **params: object) -> str:
    """The plural message `key` for the count `n` (`tn`), for a chart: every value made literal."""
    return tn(key, n, lang, **{name: literal(value) for name, value in params.items()})
