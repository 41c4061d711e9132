"""The reuse index: what provenance remembers about articles already seen, and nothing more.

Per article it keeps the MinHash signature and its LSH band keys (to find near-duplicate
candidates), the distinct shingle hashes (to confirm candidates by exact Jaccard) and the distinct
passage seeds (to find articles that may share a passage). It never keeps the text: memory and
disk grow with signatures and hash sets, and the text of an old article is fetched only when a new
one is to be aligned with it.

:class:`ReuseIndex` is the narrow protocol; :class:`MemoryIndex` implements it in memory (tests, one
batch), :class:`crosswire.store.lsh.DuckIndex` in the DuckDB store (incremental runs).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from ..errors import ConfigError


@dataclass(frozen=True)
class IndexParams:
    """The settings signatures depend on; an index only accepts entries made with its own."""

    shingle_size: int
    num_perm: int
    bands: int
    rows: int
    seed: int
    seed_size: int


@dataclass(frozen=True)
class IndexEntries:
    """What the index keeps for a batch of articles, row ``i`` describing ``article_ids[i]``."""

    article_ids: tuple[str, ...]
    published: tuple[dt.date | None, ...]
    lengths: tuple[int, ...]
    """Characters of each article's cleaned text (a near-duplicate link spans all of it)."""
    signatures: np.ndarray
    """``(n, num_perm)`` uint32 MinHash signatures."""
    band_keys: np.ndarray
    """``(n, bands)`` uint64 band hashes."""
    shingles: tuple[np.ndarray, ...]
    """Sorted distinct uint64 shingle hashes per article."""
    seeds: tuple[np.ndarray, ...]
    """Sorted distinct uint64 passage-seed hashes per article."""


class ReuseIndex(Protocol):
    """The index that :func:`crosswire.provenance.update` compares new articles against."""

    def check_params(self, params: IndexParams) -> None:
        """Record ``params`` on first use; raise :class:`ConfigError` if they differ later."""

    def known(self, article_ids: Iterable[str]) -> set[str]:
        """Those of ``article_ids`` already in the index."""

    def add(self, entries: IndexEntries) -> None:
        """Add a batch of articles (none of them known yet)."""

    def band_matches(self, band_keys: np.ndarray) -> list[tuple[int, str]]:
        """``(row, article_id)`` for every stored article sharing a band with query row ``row``."""

    def seed_matches(self, seeds: Sequence[np.ndarray], min_shared: int) -> list[tuple[int, str, int]]:
        """``(row, article_id, shared)`` for stored articles sharing ≥ ``min_shared`` seeds with row."""

    def shingles(self, article_ids: Iterable[str]) -> dict[str, np.ndarray]:
        """The stored shingle hashes of ``article_ids``."""

    def describe(self, article_ids: Iterable[str]) -> dict[str, tuple[dt.date | None, int]]:
        """``{article_id: (published, length)}`` for the stored ``article_ids``."""


class MemoryIndex:
    """:class:`ReuseIndex` in memory: dictionaries from band keys and seeds to article ids.

    >>> index = MemoryIndex()
    >>> index.known(["a"])
    set()
    """

    def __init__(self) -> None:
        self.params: IndexParams | None = None
        self._bands: list[dict[int, list[str]]] = []
        self._seeds: dict[int, list[str]] = defaultdict(list)
        self._shingles: dict[str, np.ndarray] = {}
        self._described: dict[str, tuple[dt.date | None, int]] = {}
        self._signatures: dict[str, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self._shingles)

    def check_params(self, params: IndexParams) -> None:
        if self.params is None:
            self.params = params
            self._bands = [defaultdict(list) for _ in range(params.bands)]
        elif self.params != params:
            raise ConfigError(f"index was built with {self.params}, not {params}; rebuild it")

    def known(self, article_ids: Iterable[str]) -> set[str]:
        return {a for a in article_ids if a in self._shingles}

    def add(self, entries: IndexEntries) -> None:
        for row, aid in enumerate(entries.article_ids):
            for band, key in enumerate(entries.band_keys[row].tolist()):
                self._bands[band][key].append(aid)
            for seed in entries.seeds[row].tolist():
                self._seeds[seed].append(aid)
            self._shingles[aid] = entries.shingles[row]
            self._signatures[aid] = entries.signatures[row]
            self._described[aid] = (entries.published[row], entries.lengths[row])

    def band_matches(self, band_keys: np.ndarray) -> list[tuple[int, str]]:
        found: set[tuple[int, str]] = set()
        for row, keys in enumerate(band_keys.tolist()):
            for band, key in enumerate(keys):
                found.update((row, aid) for aid in self._bands[band].get(key, ()))
        return sorted(found)

    def seed_matches(self, seeds: Sequence[np.ndarray], min_shared: int) -> list[tuple[int, str, int]]:
        out = []
        for row, row_seeds in enumerate(seeds):
            shared: dict[str, int] = defaultdict(int)
            for seed in row_seeds.tolist():
                for aid in self._seeds.get(seed, ()):
                    shared[aid] += 1
            out.extend((row, aid, n) for aid, n in sorted(shared.items()) if n >= min_shared)
        return out

    def shingles(self, article_ids: Iterable[str]) -> dict[str, np.ndarray]:
        return {a: self._shingles[a] for a in article_ids if a in self._shingles}

    def describe(self, article_ids: Iterable[str]) -> dict[str, tuple[dt.date | None, int]]:
        return {a: self._described[a] for a in article_ids if a in self._described}
