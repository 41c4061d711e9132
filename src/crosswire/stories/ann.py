"""Approximate nearest neighbours: random-hyperplane LSH (Charikar 2002) over unit vectors.

A vector's signature is ``bands × rows`` sign bits of random projections; two vectors whose
angle is θ agree on a bit with probability ``1 − θ/π``, so they share a band's bucket with
probability ``(1 − θ/π)^rows`` and some bucket with ``1 − (1 − (1 − θ/π)^rows)^bands``. With the
default 24 bands of 10 rows, a pair at cosine 0.7 is a candidate with probability ≈ 0.9 and a
pair at cosine 0.3 with ≈ 0.04. Below ``StoriesSettings.ann_min_articles`` vectors the exact
(brute-force) neighbours are used instead: a matrix product is cheaper than hashing there.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import numpy as np


def hyperplanes(dim: int, bands: int, rows: int, seed: int = 0) -> np.ndarray:
    """The fixed random hyperplanes (a seeded draw, so stored bucket keys stay valid)."""
    return np.random.default_rng(seed).standard_normal((dim, bands * rows)).astype(np.float32)


def bucket_keys(vectors: np.ndarray, planes: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """``(n, bands)`` int64 bucket keys: each band's sign bits packed into one integer."""
    bits = (vectors @ planes) > 0
    weights = (1 << np.arange(rows, dtype=np.int64))
    return bits.reshape(len(vectors), bands, rows).astype(np.int64) @ weights


def candidate_pairs(keys: np.ndarray, max_bucket: int = 200) -> tuple[np.ndarray, np.ndarray]:
    """Pairs ``(i < j)`` that share a bucket in at least one band.

    Buckets with more than ``max_bucket`` members are skipped: they hold boilerplate-like
    vectors that would make the candidate set quadratic.
    """
    n = len(keys)
    codes = []
    triangles: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for band in range(keys.shape[1]):
        order = np.argsort(keys[:, band], kind="stable")
        sorted_keys = keys[order, band]
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
        ends = np.r_[starts[1:], len(order)]
        for start, end in zip(starts, ends):
            size = int(end - start)
            if 2 <= size <= max_bucket:
                members = order[start:end]
                a, b = triangles.setdefault(size, np.triu_indices(size, 1))
                low, high = np.minimum(members[a], members[b]), np.maximum(members[a], members[b])
                codes.append(low.astype(np.int64) * n + high)
    if not codes:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    unique = np.unique(np.concatenate(codes))
    return unique // n, unique % n


def top_k_per_row(i: np.ndarray, j: np.ndarray, score: np.ndarray, k: int) -> np.ndarray:
    """A mask keeping, for every article, its ``k`` best-scoring pairs (either side)."""
    keep = np.zeros(len(i), dtype=bool)
    for side in (i, j):
        order = np.lexsort((-score, side))
        ranked = side[order]
        first = np.r_[0, np.flatnonzero(ranked[1:] != ranked[:-1]) + 1]
        rank = np.arange(len(order)) - np.repeat(first, np.diff(np.r_[first, len(order)]))
        keep[order[rank < k]] = True
    return keep


def exact_pairs(vectors: np.ndarray, k: int, block: int = 2048) -> tuple[np.ndarray, np.ndarray]:
    """Each vector's ``k`` nearest others by dot product (brute force), as pairs ``(i < j)``."""
    n = len(vectors)
    k = min(k, n - 1)
    if k <= 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    rows, cols = [], []
    for start in range(0, n, block):
        sims = vectors[start:start + block] @ vectors.T
        for r in range(len(sims)):
            sims[r, start + r] = -np.inf
        best = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        rows.append(np.repeat(np.arange(start, start + len(sims)), k))
        cols.append(best.ravel())
    pairs = np.sort(np.stack([np.concatenate(rows), np.concatenate(cols)], axis=1), axis=1)
    unique = np.unique(pairs, axis=0)
    return unique[:, 0], unique[:, 1]


class HyperplaneLSH:
    """An incremental LSH index: ``add`` keys, ``query`` the ids sharing a bucket.

    >>> index = HyperplaneLSH(dim=4, bands=2, rows=3)
    >>> v = np.array([[1.0, 0, 0, 0]], dtype=np.float32)
    >>> index.add(["a"], index.keys(v))
    >>> index.query(index.keys(v)[0])
    ['a']
    """

    def __init__(self, dim: int, bands: int = 24, rows: int = 10, seed: int = 0, max_bucket: int = 200) -> None:
        self.bands, self.rows, self.max_bucket = bands, rows, max_bucket
        self.planes = hyperplanes(dim, bands, rows, seed)
        self.buckets: dict[tuple[int, int], list[str]] = defaultdict(list)

    def keys(self, vectors: np.ndarray) -> np.ndarray:
        return bucket_keys(np.asarray(vectors, dtype=np.float32), self.planes, self.bands, self.rows)

    def add(self, ids: Iterable[str], keys: np.ndarray) -> None:
        for item, row in zip(ids, keys):
            for band, key in enumerate(row):
                self.buckets[(band, int(key))].append(item)

    def query(self, keys: np.ndarray) -> list[str]:
        """Ids sharing at least one bucket with ``keys`` (the most recent ``max_bucket`` per bucket)."""
        found: dict[str, None] = {}
        for band, key in enumerate(keys):
            for item in self.buckets.get((band, int(key)), ())[-self.max_bucket:]:
                found[item] = None
        return list(found)
