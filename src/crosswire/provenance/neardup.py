"""Document near-duplicates: MinHash signatures, LSH band candidates, confirmed by exact Jaccard.

New articles are compared with the index (articles seen before) through their band keys, and
with each other through the same banding done in memory; only new × old and new × new pairs are
ever looked at. A candidate is a near-duplicate when the exact Jaccard similarity of the two
shingle sets reaches ``threshold``.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np

from ..model import Article
from ..settings import ProvenanceSettings
from ..textutil import words
from .index import IndexEntries, IndexParams, ReuseIndex
from .minhash import MinHasher, band_keys, exact_jaccard, shingle_batch
from .passages import Tokens, cached_tokens, content_seeds

_MAX_BUCKET = 1000
"""Buckets larger than this (thousands of articles agreeing on a band: a template) yield no pairs."""


@functools.lru_cache(maxsize=4)
def hasher(num_perm: int, seed: int) -> MinHasher:
    """One :class:`MinHasher` per ``(num_perm, seed)``, built once."""
    return MinHasher(num_perm, seed)


def index_params(settings: ProvenanceSettings) -> IndexParams:
    return IndexParams(settings.shingle_size, settings.num_perm, settings.bands, settings.rows,
                       settings.minhash_seed, settings.seed_size)


def prepare(
    articles: Sequence[Article], settings: ProvenanceSettings, tokens: dict[str, Tokens] | None = None
) -> IndexEntries:
    """Shingles, signatures, band keys and passage seeds of ``articles``, ready for the index."""
    tokens = {} if tokens is None else tokens
    values, lengths = shingle_batch([words(a.text) for a in articles], settings.shingle_size)
    signatures = hasher(settings.num_perm, settings.minhash_seed).signatures_flat(values, lengths)
    ends = np.cumsum(lengths)
    shingles = tuple(np.unique(values[e - n : e]) for e, n in zip(ends.tolist(), lengths.tolist()))
    return IndexEntries(
        article_ids=tuple(a.id for a in articles),
        published=tuple(a.published for a in articles),
        lengths=tuple(len(a.text) for a in articles),
        signatures=signatures,
        band_keys=band_keys(signatures, settings.bands, settings.rows),
        shingles=shingles,
        seeds=tuple(content_seeds(cached_tokens(a, tokens, settings)) for a in articles),
    )


def batch_band_pairs(keys: np.ndarray) -> set[tuple[int, int]]:
    """Row pairs ``(i, j)``, ``i < j``, that agree on at least one band."""
    pairs: set[tuple[int, int]] = set()
    for band in range(keys.shape[1]):
        order = np.argsort(keys[:, band], kind="stable")
        col = keys[order, band]
        same = np.flatnonzero(col[1:] == col[:-1])
        if not len(same):
            continue
        # runs of equal keys: start where the previous position did not continue a run
        starts = same[np.r_[True, np.diff(same) > 1]]
        for s in starts.tolist():
            e = s + 1
            while e < len(col) and col[e] == col[s]:
                e += 1
            if e - s <= _MAX_BUCKET:
                rows = sorted(order[s:e].tolist())
                pairs.update((rows[x], rows[y]) for x in range(len(rows)) for y in range(x + 1, len(rows)))
    return pairs


def near_duplicates(
    entries: IndexEntries, index: ReuseIndex, threshold: float
) -> list[tuple[str, str, float]]:
    """``(new id, other id, exact Jaccard)`` for new × indexed and new × new near-duplicates.

    ``entries`` must not be in ``index`` yet; add them afterwards.
    """
    ids = entries.article_ids
    found = []
    old = index.band_matches(entries.band_keys)
    old_shingles = index.shingles({aid for _, aid in old})
    for row, aid in old:
        j = exact_jaccard(entries.shingles[row], old_shingles[aid])
        if j >= threshold:
            found.append((ids[row], aid, j))
    for x, y in sorted(batch_band_pairs(entries.band_keys)):
        j = exact_jaccard(entries.shingles[x], entries.shingles[y])
        if j >= threshold:
            found.append((ids[x], ids[y], j))
    return found
