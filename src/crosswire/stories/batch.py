"""Batch clustering without being told how many stories there are.

1. candidate pairs: all pairs up to ``exact_max_articles`` articles, else the ``neighbours``
   nearest by the ANN index (:mod:`.ann`);
2. link probability of every candidate pair (:func:`.features.pair_probabilities`), zero
   outside the time window; on the dense path a second pass adds the shared-neighbour
   similarity of each pair (each article's ``snn_neighbours`` most probable links, from the first
   pass) and scores the pairs again with the second-pass model;
3. connected components of the graph of pairs at or above ``link_threshold``, plus the
   must-link pairs of near-duplicate families (whose clusters are joined after step 4);
4. average-linkage agglomerative clustering inside each component, cut at
   ``1 − link_threshold``: two groups join only if their articles are linked *on average*;
5. groups of at most ``attach_max_size`` articles join the larger group they are linked to best
   on average, if that reaches ``attach_threshold`` (a report from an unusual angle);
6. on the dense path, groups that the second pass cut apart although the first-pass model links
   them on average and their reports lie within ``rejoin_days`` are joined again (:func:`rejoin`).

Step 3 loses nothing (given all pairs; with ANN candidates, up to the index's recall): average
linkage cut at ``t`` never joins two groups with no pair above ``t`` between them, so it never
crosses components. It is what makes the batch path scale:
the quadratic step runs per component, and components are the size of stories.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import numpy as np

from ..settings import StoriesSettings
from . import ann
from .features import Features, ann_vectors, for_path, pair_probabilities, with_shared_neighbours


def candidate_pairs(features: Features, settings: StoriesSettings) -> tuple[np.ndarray, np.ndarray]:
    """Pairs ``(i < j)`` worth scoring."""
    n = len(features)
    if n <= settings.exact_max_articles:
        i, j = np.triu_indices(n, 1)
        return i.astype(np.int64), j.astype(np.int64)
    vectors = ann_vectors(features)
    if n < settings.ann_min_articles:
        return ann.exact_pairs(vectors, settings.neighbours)
    rows = lsh_rows_for(n, settings)
    keys = ann.bucket_keys(vectors, ann.hyperplanes(vectors.shape[1], settings.lsh_bands, rows),
                           settings.lsh_bands, rows)
    i, j = ann.candidate_pairs(keys)
    score = np.concatenate([np.einsum("ij,ij->i", vectors[i[k:k + 65536]], vectors[j[k:k + 65536]])
                            for k in range(0, len(i), 65536)] or [np.zeros(0, np.float32)])
    keep = ann.top_k_per_row(i, j, score, settings.neighbours)
    return i[keep], j[keep]


def lsh_rows_for(n: int, settings: StoriesSettings) -> int:
    """``lsh_rows`` plus one bit per doubling of ``n`` beyond 10,000 articles, so that buckets keep
    about the same occupancy and candidates per article stay flat (linear total work)."""
    return settings.lsh_rows + max(0, round(math.log2(n / 10_000)))


def _must_link_pairs(groups: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
    i, j = [], []
    for group in groups:
        for other in group[1:]:
            i.append(group[0])
            j.append(other)
    return np.array(i, dtype=np.int64), np.array(j, dtype=np.int64)


def components(n: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Connected-component label of each of ``n`` nodes given edges ``(i, j)``."""
    import scipy.sparse
    from scipy.sparse.csgraph import connected_components

    graph = scipy.sparse.coo_matrix((np.ones(len(i), dtype=np.int8), (i, j)), shape=(n, n))
    return connected_components(graph, directed=False)[1]


def average_linkage(features: Features, members: np.ndarray, settings: StoriesSettings,
                    must_link: set[tuple[int, int]], p: np.ndarray | None = None) -> np.ndarray:
    """Cluster labels for ``members`` (indices into ``features``) by average linkage;
    ``p`` may give the link probabilities of the pairs ``np.triu_indices(len(members), 1)``."""
    from scipy.cluster.hierarchy import fcluster, linkage

    if len(members) <= 2:  # a component of two is one strong link: one story
        return np.zeros(len(members), dtype=np.int64)
    if p is None:
        a, b = np.triu_indices(len(members), 1)
        p = pair_probabilities(features, features, members[a], members[b], settings)
    tree = linkage(1.0 - p.astype(np.float64), method="average")
    labels = fcluster(tree, 1.0 - settings.link_threshold, criterion="distance")
    return _join_forced(labels, members, must_link)


def _join_forced(labels: np.ndarray, members: np.ndarray, must_link: set[tuple[int, int]]) -> np.ndarray:
    """Give the clusters of every must-link pair one label (a family is never split)."""
    if not must_link:
        return labels
    position = {int(m): k for k, m in enumerate(members)}
    for x, y in must_link:
        if x in position and y in position:
            old, new = labels[position[y]], labels[position[x]]
            labels = np.where(labels == old, new, labels)
    return labels


def cluster(features: Features, settings: StoriesSettings,
            must_link: Sequence[Sequence[int]] = ()) -> list[list[int]]:
    """Groups of row indices, one per story; rows in one ``must_link`` group share a story."""
    n = len(features)
    if n == 0:
        return []
    settings = for_path(settings)
    i, j = candidate_pairs(features, settings)
    p = pair_probabilities(features, features, i, j, settings)
    first_pass = None
    if features.dense is not None and settings.snn_neighbours:  # second pass: shared neighbours
        first_pass = (features, p)
        features = with_shared_neighbours(features, i, j, p, settings.snn_neighbours, settings.snn_min_probability)
        p = pair_probabilities(features, features, i, j, settings)
    strong = p >= settings.link_threshold
    mi, mj = _must_link_pairs(must_link)
    forced = {(int(x), int(y)) for x, y in zip(np.minimum(mi, mj), np.maximum(mi, mj))}
    labels = components(n, np.r_[i[strong], mi], np.r_[j[strong], mj])
    order = np.argsort(labels, kind="stable")
    bounds = np.flatnonzero(np.r_[True, labels[order][1:] != labels[order][:-1], True])
    parts = [order[start:end] for start, end in itertools.pairwise(bounds)]
    within = _within_probabilities(features, parts, settings)
    groups: list[list[int]] = []
    for members, p_members in zip(parts, within):
        sub = average_linkage(features, members, settings, forced, p_members)
        for label in np.unique(sub):
            groups.append(sorted(int(m) for m in members[sub == label]))
    groups = attach_small(features, groups, i, j, p, settings)
    if first_pass is not None and settings.rejoin_days:
        groups = rejoin(first_pass[0], groups, i, j, first_pass[1], settings)
    return groups


def _within_probabilities(features: Features, parts: list[np.ndarray],
                          settings: StoriesSettings) -> list[np.ndarray | None]:
    """Link probabilities of all pairs inside each part of three or more, in one vectorised pass."""
    left, right, sizes = [], [], []
    for members in parts:
        if len(members) > 2:
            a, b = np.triu_indices(len(members), 1)
            left.append(members[a])
            right.append(members[b])
            sizes.append(len(a))
    if not sizes:
        return [None] * len(parts)
    p = pair_probabilities(features, features, np.concatenate(left), np.concatenate(right), settings)
    chunks = iter(np.split(p, np.cumsum(sizes)[:-1]))
    return [next(chunks) if len(members) > 2 else None for members in parts]


def attach_small(features: Features, groups: list[list[int]], i: np.ndarray, j: np.ndarray, p: np.ndarray,
                 settings: StoriesSettings) -> list[list[int]]:
    """Attach groups of at most ``attach_max_size`` articles to the larger group they are linked to
    best on average, if that average reaches ``attach_threshold``.

    Average linkage leaves a report that covers an event from an unusual angle on its own; its
    average link to the event's story is still far above its link to anything else.
    """
    label = np.empty(len(features), dtype=np.int64)
    for k, group in enumerate(groups):
        label[group] = k
    sizes = np.array([len(g) for g in groups])
    small = sizes[label] <= settings.attach_max_size
    edge = (p >= settings.attach_threshold) & (small[i] != small[j])
    candidates: dict[int, set[int]] = {}
    for x, y in zip(i[edge], j[edge]):
        s, c = (label[x], label[y]) if small[x] else (label[y], label[x])
        candidates.setdefault(int(s), set()).add(int(c))
    moves = _best_targets(features, groups, sorted((s, c) for s, cs in candidates.items() for c in cs), settings)
    for s, c in moves.items():
        groups[c] = sorted(groups[c] + groups[s])
    return [g for k, g in enumerate(groups) if k not in moves]


def _best_targets(features: Features, groups: list[list[int]], pairs: list[tuple[int, int]],
                  settings: StoriesSettings) -> dict[int, int]:
    """For each small group, the candidate group with the best average link, if it passes."""
    if not pairs:
        return {}
    average = _average_links(features, groups, pairs, settings)
    best: dict[int, tuple[float, int]] = {}
    for (s, c), value in zip(pairs, average):
        if value >= settings.attach_threshold and value > best.get(s, (-1.0, -1))[0]:
            best[s] = (float(value), c)
    return {s: c for s, (_, c) in best.items()}


def rejoin(features: Features, groups: list[list[int]], i: np.ndarray, j: np.ndarray, p: np.ndarray,
           settings: StoriesSettings) -> list[list[int]]:
    """Join again groups that the second pass cut apart: two groups of more than
    ``attach_max_size`` articles, each at least half dated, whose median days lie within
    ``rejoin_days`` and whose average first-pass link probability reaches ``link_threshold``.

    The shared-neighbour pass cuts an event whose reports form two parts each larger than
    ``snn_neighbours`` (every article's neighbours lie in its own part); look-alike events, which
    that pass is there to part, lie apart in time. ``features`` are the first-pass features (no
    neighbours) and ``p`` the first-pass probabilities of the candidate pairs ``(i, j)``. Joins
    go best first, in rounds, until none passes.
    """
    groups = [list(g) for g in groups]
    while True:
        label = np.empty(len(features), dtype=np.int64)
        for k, group in enumerate(groups):
            label[group] = k
        middle = np.array([_median_day(features.days[g]) for g in groups])
        big = np.array([len(g) > settings.attach_max_size for g in groups])
        a, b = np.minimum(label[i], label[j]), np.maximum(label[i], label[j])
        edge = (p >= settings.link_threshold) & (a != b) & big[a] & big[b]
        edge &= np.abs(middle[a] - middle[b]) <= settings.rejoin_days  # False where either is NaN
        pairs = sorted({(int(x), int(y)) for x, y in zip(a[edge], b[edge])})
        average = _average_links(features, groups, pairs, settings)
        joined: set[int] = set()
        for value, x, y in sorted(((v, x, y) for v, (x, y) in zip(average, pairs)), reverse=True):
            if value >= settings.link_threshold and not {x, y} & joined:
                groups[x] = sorted(groups[x] + groups[y])
                groups[y] = []
                joined |= {x, y}
        if not joined:
            return groups
        groups = [g for g in groups if g]


def _median_day(days: np.ndarray) -> float:
    """Median publication day of a group, NaN unless at least half of it is dated."""
    dated = days[~np.isnan(days)]
    return float(np.median(dated)) if len(dated) and 2 * len(dated) >= len(days) else math.nan


def _average_links(features: Features, groups: list[list[int]], pairs: list[tuple[int, int]],
                   settings: StoriesSettings) -> np.ndarray:
    """Average link probability over all article pairs of each pair of groups."""
    if not pairs:
        return np.zeros(0)
    left, right, owner = [], [], []
    for k, (x, y) in enumerate(pairs):
        u, v = np.meshgrid(groups[x], groups[y], indexing="ij")
        left.append(u.ravel())
        right.append(v.ravel())
        owner.append(np.full(u.size, k))
    owner_ids = np.concatenate(owner)
    p = pair_probabilities(features, features, np.concatenate(left), np.concatenate(right), settings)
    return np.bincount(owner_ids, weights=p) / np.bincount(owner_ids)
