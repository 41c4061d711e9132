"""Language identification with py3langid (a model shipped inside the package)."""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=1)
def _identifier():
    import py3langid

    return py3langid


def detect_language(text: str, min_chars: int = 40) -> str | None:
    """ISO 639-1 code of the text's language, or ``None`` for text too short to tell."""
    if len(text.strip()) < min_chars:
        return None
    language, _score = _identifier().classify(text[:5000])
    return language
