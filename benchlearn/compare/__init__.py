"""The comparison engine: pure pandas, DataFrames in and out (the store supplies the slices).

Definitions live in each module's docstring (ARCHITECTURE §8): `scores` (rank, percentile, z, MAD score,
band, gaps), `indicator` (one indicator over a peer set), `neighbours` and `bands` (peer sets from data),
`ratios` (derived indicators), `trends` (change, CAGR, direction of travel), `profile`, `matrix`,
`composite`, `learn_from` and `targets` (target values and their status); `honesty` (what is ranked: small
denominators, too few peers, ties) and `summary` (plain-language sentences).
"""

from benchlearn.compare.bands import attribute_bands, band_labels, band_members
from benchlearn.compare.composite import METHODS, MIN_COVERAGE, composite_index
from benchlearn.compare.honesty import (
    FEW_PEERS,
    MIN_PEERS,
    SMALL,
    honest_indicator,
    honest_profile,
    is_small,
    rank_label,
)
from benchlearn.compare.indicator import COMPARE_COLUMNS, compare_indicator, compare_table, summarise
from benchlearn.compare.learn_from import best_performers, most_improved, who_to_learn_from
from benchlearn.compare.matrix import percentile_matrix
from benchlearn.compare.neighbours import nearest_neighbours, standardise
from benchlearn.compare.profile import (
    COUNT_COLUMNS,
    PROFILE_COLUMNS,
    entity_profile,
    profile_from_counts,
    strengths_and_weaknesses,
)
from benchlearn.compare.ratios import AGGREGATE_LABELS, group_aggregates, ratio_of_sums, ratio_values
from benchlearn.compare.scores import BANDS, NO_DATA, band_of, score_peers
from benchlearn.compare.trends import (
    STABLE_THRESHOLD,
    cagr,
    direction_of_travel,
    gap_to_median_over_time,
    peer_band_over_time,
    period_changes,
    years_between,
)

__all__ = [
    "AGGREGATE_LABELS", "BANDS", "COMPARE_COLUMNS", "COUNT_COLUMNS", "FEW_PEERS", "METHODS", "MIN_COVERAGE",
    "MIN_PEERS", "NO_DATA", "SMALL", "honest_indicator", "honest_profile", "is_small", "rank_label",
    "PROFILE_COLUMNS", "STABLE_THRESHOLD", "attribute_bands", "band_labels", "band_members", "band_of",
    "best_performers", "cagr", "compare_indicator", "compare_table", "composite_index", "direction_of_travel",
    "entity_profile", "gap_to_median_over_time", "group_aggregates", "most_improved", "nearest_neighbours",
    "peer_band_over_time", "percentile_matrix", "period_changes", "profile_from_counts", "ratio_of_sums",
    "ratio_values", "score_peers", "standardise", "strengths_and_weaknesses", "summarise", "who_to_learn_from",
    "years_between",
]
