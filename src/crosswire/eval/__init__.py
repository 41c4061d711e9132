"""Loaders and metrics for the human-labelled evaluation sets (read from ``../shared/eval``).

The data is never part of the project: it is read from the path given on the command line,
else from ``$CROSSWIRE_EVAL``, else from ``../shared/eval`` beside the checkout.
"""

from __future__ import annotations

import os
from pathlib import Path


def default_eval_root() -> Path:
    """``$CROSSWIRE_EVAL`` or ``<checkout>/../shared/eval`` (which may not exist)."""
    if env := os.environ.get("CROSSWIRE_EVAL"):
        return Path(env)
    return Path(__file__).resolve().parents[3].parent / "shared" / "eval"
