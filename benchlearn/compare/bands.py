"""Attribute bands as peer sets: entities grouped by where an attribute (e.g. population) falls between edges.

Edges are the inner cut points, strictly increasing; the bands are left-closed: with edges (10 000, 50 000)
the bands are `< 10000`, `10000–50000` (10 000 ≤ x < 50 000) and `≥ 50000`. An entity without a value for
the attribute belongs to no band.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from benchlearn.errors import NotFoundError, UsageError


def _label(edge: float) -> str:
    return str(int(edge)) if float(edge).is_integer() else f"{edge:g}"


def band_labels(edges: Sequence[float]) -> list[str]:
    """The label of every band the edges make, lowest first (`< a`, `a–b`, …, `≥ z`)."""
    inner = [f"{_label(lo)}–{_label(hi)}" for lo, hi in zip(edges[:-1], edges[1:], strict=True)]
    return [f"< {_label(edges[0])}", *inner, f"≥ {_label(edges[-1])}"]


def attribute_bands(values: pd.Series, edges: Sequence[float]) -> pd.Series:
    """The band label of each entity (Series indexed like `values`), NaN where the attribute is missing."""
    cuts = np.asarray(edges, dtype="float64")
    if len(cuts) == 0 or not np.isfinite(cuts).all() or (np.diff(cuts) <= 0).any():
        raise UsageError("band edges must be finite numbers in strictly increasing order")
    bins = np.concatenate([[-np.inf], cuts, [np.inf]])
    banded = pd.cut(values.astype("float64"), bins=bins, right=False, labels=band_labels(list(cuts)))
    return banded.astype("str").where(values.notna())


def band_members(values: pd.Series, edges: Sequence[float], target: str) -> list[str]:
    """The entities (index labels of `values`) in the same band as `target`, the target included, sorted."""
    if target not in values.index:
        raise NotFoundError(f"{target} is not among the entities with a value for the banding attribute")
    bands = attribute_bands(values, edges)
    if pd.isna(bands[target]):
        raise NotFoundError(f"{target} has no value for the banding attribute")
    return sorted(bands.index[bands == bands[target]].astype(str))
