"""Baselines for the summary evaluation, written for it and run on the same sentence split.

* **lead**: the first sentence of each document in turn, then the second …
* **centroid** (Radev et al. 2004, MEAD without its position feature): cosine to the TF-IDF
  centroid of the cluster.
* **lexrank** (Erkan & Radev 2004), continuous: PageRank (damping 0.85) over the TF-IDF cosine
  graph of the sentences; with a query, the random jump follows query similarity
  (topic-sensitive LexRank, Otterbacher et al. 2005).
* **coverage**: the monotone submodular objective of Lin & Bilmes (2011),
  coverage ``Σ_i min(C_i(S), α C_i(V))`` plus diversity ``λ Σ_k sqrt(Σ_{j∈S∩P_k} r_j)``,
  maximised by the cost-scaled greedy.

Every baseline returns candidate indices in the order it would add them; the ranking methods skip
a sentence with a cosine above 0.5 to one already chosen (the usual redundancy filter), and all
of them skip the same ineligible sentences as the selector (too short, too long, quotations).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..settings import SummarizeSettings
from .extractive import Candidate, eligible
from .terms import tfidf

__all__ = ["BASELINES", "centroid", "coverage", "lead", "lexrank"]

REDUNDANCY_COSINE = 0.5


def _fill(order: Sequence[int], candidates: Sequence[Candidate], words: int, sims: np.ndarray | None) -> list[int]:
    chosen: list[int] = []
    used = 0
    for i in order:
        if sims is not None and any(sims[i, j] > REDUNDANCY_COSINE for j in chosen):
            continue
        chosen.append(int(i))
        used += candidates[i].length
        if used >= words:
            break
    return chosen


def _pool(candidates: Sequence[Candidate], settings: SummarizeSettings) -> list[int]:
    return [i for i, c in enumerate(candidates) if eligible(c, settings)]


def lead(candidates: Sequence[Candidate], words: int, settings: SummarizeSettings, query: str | None = None):
    """First sentences of each document in turn (document order as given)."""
    pool = _pool(candidates, settings)
    order = sorted(pool, key=lambda i: (candidates[i].position, candidates[i].doc))
    return _fill(order, candidates, words, None)


def _pool_vectors(candidates: Sequence[Candidate], settings: SummarizeSettings, query: str | None):
    """The eligible candidates, their TF-IDF rows, and the query's row (fitted together) or ``None``."""
    pool = _pool(candidates, settings)
    if not pool:
        return pool, None, None
    vectors = tfidf([candidates[i].text for i in pool] + ([query] if query else []))
    return pool, vectors[: len(pool)], (vectors[len(pool)] if query else None)


def centroid(candidates: Sequence[Candidate], words: int, settings: SummarizeSettings, query: str | None = None):
    """Cosine to the cluster centroid (averaged with cosine to the query when one is given)."""
    pool, sent, asked = _pool_vectors(candidates, settings, query)
    if not pool:
        return []
    center = np.asarray(sent.mean(axis=0)).ravel()
    scores = sent @ center / (np.linalg.norm(center) or 1.0)
    if asked is not None:
        scores = 0.5 * scores + 0.5 * (sent @ asked.T).toarray().ravel()
    sims = (sent @ sent.T).toarray()
    order = np.argsort(-scores, kind="stable")
    return [pool[i] for i in _fill(order, [candidates[i] for i in pool], words, sims)]


def _pagerank(matrix: np.ndarray, jump: np.ndarray, damping: float = 0.85, iters: int = 100) -> np.ndarray:
    rows = matrix.sum(axis=1, keepdims=True)
    transition = np.divide(matrix, rows, out=np.full_like(matrix, 1.0 / len(matrix)), where=rows > 0)
    scores = np.full(len(matrix), 1.0 / len(matrix))
    for _ in range(iters):
        new = (1 - damping) * jump + damping * transition.T @ scores
        if np.abs(new - scores).sum() < 1e-8:
            return new
        scores = new
    return scores


def lexrank(candidates: Sequence[Candidate], words: int, settings: SummarizeSettings, query: str | None = None):
    """Continuous LexRank: PageRank over the cosine graph, weights kept (no threshold)."""
    pool, sent, asked = _pool_vectors(candidates, settings, query)
    if not pool:
        return []
    sims = (sent @ sent.T).toarray()
    graph = sims.copy()
    np.fill_diagonal(graph, 0.0)
    jump = np.full(len(pool), 1.0 / len(pool))
    if asked is not None:
        rel = (sent @ asked.T).toarray().ravel()
        jump = rel / rel.sum() if rel.sum() > 0 else jump
    order = np.argsort(-_pagerank(graph, jump), kind="stable")
    return [pool[i] for i in _fill(order, [candidates[i] for i in pool], words, sims)]


def coverage(candidates: Sequence[Candidate], words: int, settings: SummarizeSettings, query: str | None = None,
             alpha: float = 5.0, diversity: float = 6.0, scale: float = 0.3):
    """Lin & Bilmes (2011) coverage + diversity, greedy with cost scaling ``scale``; their DUC
    settings: α = 5/N, λ = 6, clusters of the sentences by k-means (N/5 clusters) on TF-IDF."""
    pool = _pool(candidates, settings)
    if not pool:
        return []
    vectors = tfidf([candidates[i].text for i in pool])
    sims = (vectors @ vectors.T).toarray()
    n = len(pool)
    total = sims.sum(axis=1)
    cap = alpha / n * total
    reward = total / n
    clusters = _clusters(vectors, max(1, n // 5))
    lengths = np.array([candidates[i].length for i in pool], dtype=float)
    chosen: list[int] = []
    cover = np.zeros(n)
    per_cluster = np.zeros(clusters.max() + 1)
    used = 0
    while used < words:
        base = np.minimum(cover, cap).sum() + diversity * np.sqrt(per_cluster).sum()
        cover_gain = np.minimum(cover[:, None] + sims, cap[:, None]).sum(axis=0)
        after = per_cluster[clusters] + reward
        div_gain = diversity * (np.sqrt(after) - np.sqrt(per_cluster[clusters]))
        values = (cover_gain + diversity * np.sqrt(per_cluster).sum() + div_gain - base) / lengths ** scale
        values[chosen] = -np.inf
        best = int(np.argmax(values))
        if values[best] <= 0:
            break
        chosen.append(best)
        cover += sims[:, best]
        per_cluster[clusters[best]] += reward[best]
        used += int(lengths[best])
    return [pool[j] for j in chosen]


def _clusters(vectors, k: int) -> np.ndarray:
    from sklearn.cluster import KMeans

    if k <= 1:
        return np.zeros(vectors.shape[0], dtype=int)
    return KMeans(n_clusters=k, n_init=1, random_state=0).fit_predict(vectors)


BASELINES = {"lead": lead, "centroid": centroid, "lexrank": lexrank, "coverage": coverage}
"""Baselines by name, each ``(candidates, words, settings, query) -> [index, …]``."""
