"""Words, stems and concepts of sentences, shared by the selector and the baselines.

A *concept* (Gillick & Favre 2009, the ICSI summariser) is a stemmed word bigram that is not
made of stopwords only; a content-word unigram is a concept too, kept apart by its prefix.
The stemmer is a small suffix stripper: enough to match "talks"/"talk", "killed"/"kill"
across reports without a dependency.
"""

from __future__ import annotations

import functools
import itertools
import re

from ..textutil import STOPWORDS, words

__all__ = ["concepts", "stem", "stems", "tfidf"]

_SUFFIXES = ("ational", "ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "edly",
             "ness", "ers", "er", "ed", "es", "ly", "s")
_NUMBER = re.compile(r"^\d")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light stem: the longest listed suffix stripped when ≥ 3 letters remain (memoised: a
    cluster repeats its words hundreds of times).

    >>> stem("talks"), stem("killed"), stem("negotiations")
    ('talk', 'kill', 'negoti')
    """
    if _NUMBER.match(word):
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            return base + "y" if suffix in ("ies", "ied") else base
    return word


def stems(text: str) -> list[tuple[str, bool]]:
    """``(stem, is_content_word)`` for every word of ``text``."""
    return [(stem(w), w not in STOPWORDS and len(w) > 1) for w in words(text)]


def concepts(text: str, unigrams: bool = True) -> set[str]:
    """The concepts of a sentence: stemmed bigrams with at least one content word, and
    (when ``unigrams``) stemmed content words prefixed with ``"1:"``.

    >>> sorted(concepts("Rebels took the city", unigrams=False))
    ['rebel took', 'the city', 'took the']
    """
    tokens = stems(text)
    found = {
        f"{a} {b}" for (a, ca), (b, cb) in itertools.pairwise(tokens) if ca or cb
    }
    if unigrams:
        found.update(f"1:{s}" for s, content in tokens if content)
    return found


def _analyzer(text: str) -> list[str]:
    return [s for s, content in stems(text) if content]


def tfidf(texts: list[str]):
    """Row-normalised TF-IDF vectors of ``texts`` (IDF fitted on them) over stemmed content words."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer=_analyzer, sublinear_tf=True).fit_transform(texts)
