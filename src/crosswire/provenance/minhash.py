"""MinHash signatures and LSH banding, vectorised with numpy over many documents per call.

A document becomes the set of its word shingles (``shingle_size`` consecutive lower-cased word
tokens, so re-punctuation and case do not matter). Each shingle is hashed once to 64 bits from
stable per-token hashes (:func:`token_hashes`, never Python's salted ``hash``), so signatures
stored today match signatures computed tomorrow. The ``num_perm`` permutations are universal hashes
``h(x) = (a·x + b) >> 32`` (multiply-add-shift over 64-bit words, Dietzfelbinger 1996: the
division-free form of ``(a·x + b) mod p``) applied to the
low 32 bits of each shingle hash as one matrix operation per chunk of documents; the signature of
a document is the column-wise minimum over its shingles (``np.minimum.reduceat``).

LSH banding cuts a signature into ``bands`` bands of ``rows`` values; two documents are candidates
when they agree on every value of at least one band, with probability ``1 - (1 - s**rows)**bands``
for Jaccard similarity ``s`` (:func:`candidate_probability`, the S-curve).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..textutil import words

_MASK32 = np.uint64(0xFFFFFFFF)
_SHINGLE_MULT = np.uint64(0x9E3779B97F4A7C15)
_CHUNK_CELLS = 1 << 20
"""Matrix cells (shingles × permutations) per chunk: 8 MB of uint64, small enough to stay in cache."""

_BYTE_MULT = np.uint64(0x100000001B3)  # the 64-bit FNV prime, as polynomial base
_TOKENS_PER_SLICE = 20_000


def token_hashes(tokens: Sequence[str]) -> np.ndarray:
    """Stable 64-bit hashes of ``tokens`` (never Python's salted ``hash``), as a uint64 array.

    Vectorised over all tokens at once: the UTF-8 bytes of each token, each followed by a NUL,
    are summed as a polynomial ``Σ (byte + 1) · P^k mod 2**64`` per token (``np.add.reduceat``)
    and then mixed (splitmix64). Tokens never contain NUL (they are ``\\w`` runs).

    >>> bool(token_hashes(["talks"])[0] == token_hashes(["peace", "talks"])[1])
    True
    """
    if not len(tokens):
        return np.empty(0, dtype=np.uint64)
    # in slices, so that the byte-level arrays stay in cache
    return np.concatenate([_hash_slice(tokens[i : i + _TOKENS_PER_SLICE])
                           for i in range(0, len(tokens), _TOKENS_PER_SLICE)])


def _hash_slice(tokens: Sequence[str]) -> np.ndarray:
    data = np.frombuffer(("\0".join(tokens) + "\0").encode("utf-8"), dtype=np.uint8)
    ends = np.flatnonzero(data == 0) + 1
    starts = np.r_[0, ends[:-1]]
    lengths = ends - starts
    position = np.arange(len(data), dtype=np.int32) - np.repeat(starts.astype(np.int32), lengths)
    powers = np.cumprod(np.full(int(lengths.max()), _BYTE_MULT, dtype=np.uint64))
    with np.errstate(over="ignore"):
        terms = powers[position]
        terms *= data + np.uint64(1)
        return _mix(np.add.reduceat(terms, starts) + lengths.astype(np.uint64))


def _mix(x: np.ndarray) -> np.ndarray:
    """The splitmix64 finaliser: every input bit affects every output bit."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def rolling_shingles(hashes: np.ndarray, size: int) -> np.ndarray:
    """Order-sensitive 64-bit hashes of every run of ``size`` consecutive token hashes.

    A sequence shorter than ``size`` gives one shingle of all its tokens; an empty one gives none.
    """
    n = len(hashes)
    if n == 0:
        return np.empty(0, dtype=np.uint64)
    size = min(size, n)
    with np.errstate(over="ignore"):
        acc = np.zeros(n - size + 1, dtype=np.uint64)
        for m in range(size):
            acc = acc * _SHINGLE_MULT + hashes[m : n - size + 1 + m]
        return _mix(acc + np.uint64(size))


def shingle_hashes(text: str, size: int) -> np.ndarray:
    """Sorted distinct 64-bit hashes of the word shingles of ``text``.

    >>> len(shingle_hashes("the cat sat on the mat", 3))
    4
    """
    return np.unique(rolling_shingles(token_hashes(words(text)), size))


def shingle_batch(token_lists: Sequence[Sequence[str]], size: int) -> tuple[np.ndarray, np.ndarray]:
    """Shingle hashes of many token lists at once: ``(values, lengths)``, document after document.

    One hashing pass over all tokens and one rolling pass over their concatenation; windows that
    cross from one document into the next are dropped. Shingles are not de-duplicated (MinHash does
    not need it); a document shorter than ``size`` gets one shingle of all its tokens.
    """
    lengths = np.fromiter((len(t) for t in token_lists), dtype=np.int64, count=len(token_lists))
    flat = token_hashes([tok for tokens in token_lists for tok in tokens])
    if not len(flat):
        return np.empty(0, np.uint64), np.zeros(len(token_lists), np.int64)
    windows = rolling_shingles(flat, size) if len(flat) >= size else np.empty(0, np.uint64)
    ends = np.cumsum(lengths)
    starts = ends - lengths
    counts = np.maximum(lengths - size + 1, 0)
    doc_of = np.repeat(np.arange(len(lengths)), lengths)[: len(windows)]
    values = windows[np.arange(len(windows)) + size <= ends[doc_of]]
    short = np.flatnonzero((lengths > 0) & (lengths < size))
    if len(short):
        parts, at = [], 0
        for d in range(len(token_lists)):
            parts.append(values[at : at + counts[d]])
            at += counts[d]
            if lengths[d] and lengths[d] < size:
                parts[-1] = rolling_shingles(flat[starts[d] : starts[d] + lengths[d]], size)
        values, counts = np.concatenate(parts), np.where((lengths > 0) & (lengths < size), 1, counts)
    return values, counts


class MinHasher:
    """Computes MinHash signatures of many shingle sets per call.

    Args:
        num_perm: number of hash permutations (signature length).
        seed: seed of the permutation parameters; signatures are only comparable under one seed.

    >>> mh = MinHasher(64)
    >>> sig = mh.signatures([shingle_hashes("a b c d e f g", 3)] * 2)
    >>> bool((sig[0] == sig[1]).all())
    True
    """

    def __init__(self, num_perm: int = 128, seed: int = 1) -> None:
        rng = np.random.default_rng(seed)
        self.num_perm = num_perm
        self.seed = seed
        self.a = rng.integers(1, 1 << 63, size=num_perm, dtype=np.uint64) | np.uint64(1)
        self.b = rng.integers(0, 1 << 63, size=num_perm, dtype=np.uint64)

    def signatures(self, shingle_sets: Sequence[np.ndarray]) -> np.ndarray:
        """A ``(len(shingle_sets), num_perm)`` uint32 array; an empty set gives all ``2**32 - 1``."""
        lengths = np.fromiter((len(x) for x in shingle_sets), dtype=np.int64, count=len(shingle_sets))
        values = np.concatenate(list(shingle_sets)) if len(shingle_sets) else np.empty(0, np.uint64)
        return self.signatures_flat(values.astype(np.uint64, copy=False), lengths)

    def signatures_flat(self, values: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Signatures of documents given as one array of shingle hashes and their ``lengths``."""
        out = np.full((len(lengths), self.num_perm), np.iinfo(np.uint32).max, dtype=np.uint32)
        per_chunk = max(1, _CHUNK_CELLS // self.num_perm)
        ends = np.cumsum(lengths)
        docs: list[int] = []
        cells = 0
        for i, n in enumerate(lengths.tolist()):
            if n == 0:
                continue
            if docs and cells + n > per_chunk:
                self._fill(out, docs, values, lengths, ends)
                docs, cells = [], 0
            docs.append(i)
            cells += n
        if docs:
            self._fill(out, docs, values, lengths, ends)
        return out

    def _fill(self, out: np.ndarray, docs: list[int], values: np.ndarray, lengths: np.ndarray,
              ends: np.ndarray) -> None:
        # Permutations along rows and shingles along columns, so that the per-document minimum
        # is a reduceat over contiguous memory; ``>> 32`` is monotone, so it is applied after
        # the minimum, to one value per document instead of every cell.
        lo, hi = int(ends[docs[0]] - lengths[docs[0]]), int(ends[docs[-1]])
        chunk = values[lo:hi] & _MASK32
        starts = (ends[docs] - lengths[docs]) - lo
        cells = np.empty((self.num_perm, len(chunk)), dtype=np.uint64)
        with np.errstate(over="ignore"):
            np.multiply(self.a[:, None], chunk[None, :], out=cells)
            np.add(cells, self.b[:, None], out=cells)
        mins = np.minimum.reduceat(cells, starts, axis=1) >> np.uint64(32)
        out[docs] = mins.T.astype(np.uint32)


def band_keys(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """A ``(n, bands)`` uint64 array: one hash per band of ``rows`` signature values."""
    if bands * rows > signatures.shape[1]:
        raise ValueError(f"bands × rows = {bands * rows} exceeds num_perm = {signatures.shape[1]}")
    sig = signatures[:, : bands * rows].astype(np.uint64).reshape(len(signatures), bands, rows)
    with np.errstate(over="ignore"):
        acc = np.zeros((len(signatures), bands), dtype=np.uint64)
        for r in range(rows):
            acc = acc * _SHINGLE_MULT + sig[:, :, r]
        return _mix(acc + np.arange(bands, dtype=np.uint64))


def estimate_jaccard(sig_a: np.ndarray, sig_b: np.ndarray) -> np.ndarray:
    """The MinHash estimate of Jaccard similarity: the share of equal signature values."""
    return (np.asarray(sig_a) == np.asarray(sig_b)).mean(axis=-1)


def exact_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard similarity of two sorted distinct hash arrays."""
    if len(a) == 0 and len(b) == 0:
        return 0.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter)


def candidate_probability(s: float, bands: int, rows: int) -> float:
    """The S-curve: the chance that two documents of Jaccard ``s`` share at least one band."""
    return 1.0 - (1.0 - s**rows) ** bands


def error_rates(threshold: float, bands: int, rows: int, steps: int = 2000) -> dict[str, float]:
    """False-negative and false-positive rates of banding at ``threshold``.

    ``fn_at_threshold``: chance that a pair exactly at the threshold is missed;
    ``fp_area`` / ``fn_area``: the areas datasketch optimises (S-curve below the threshold,
    its complement above), by the midpoint rule.
    """
    lo = (np.arange(steps) + 0.5) / steps * threshold
    hi = threshold + (np.arange(steps) + 0.5) / steps * (1.0 - threshold)
    p_lo = 1.0 - (1.0 - lo**rows) ** bands
    p_hi = 1.0 - (1.0 - hi**rows) ** bands
    return {
        "fn_at_threshold": 1.0 - candidate_probability(threshold, bands, rows),
        "fp_area": float(p_lo.mean() * threshold),
        "fn_area": float((1.0 - p_hi).mean() * (1.0 - threshold)),
    }
