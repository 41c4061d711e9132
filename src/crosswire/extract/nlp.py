"""Loading the spaCy pipeline: explicit, cached, never at import time, never downloaded."""

from __future__ import annotations

import functools

from ..errors import MissingDependency


@functools.lru_cache(maxsize=2)
def load_nlp(name: str):
    """The spaCy pipeline ``name`` (a package installed from PyPI), loaded once per process."""
    import spacy

    try:
        return spacy.load(name)
    except OSError as exc:
        raise MissingDependency(name.replace("_", "-")) from exc


def parse(texts: list[str], name: str, batch_size: int = 16):
    """spaCy docs for ``texts``, in order."""
    return list(load_nlp(name).pipe(texts, batch_size=batch_size))
