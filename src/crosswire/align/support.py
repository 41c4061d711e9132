"""The support check: is a sentence supported by a set of source spans?

No entailment model ships offline, so the check is built from parts (FactCC/SummaC-style cues
computed without NLI): for each sentence of the text to check, the best-matching source
sentence by MiniLM cosine, how much of the sentence's wording (words, bigrams, trigrams) the
sources contain, how extractive it is (coverage and density of verbatim fragments, after Grusky
et al. 2018: copied text is rarely wrong), and what the sentence says that the sources do not: numbers and names absent
from every source, content words never seen there, and a negation the closest source lacks.
A logistic combiner (weights in :class:`~crosswire.settings.AlignSettings`, fitted on the
calibration half of FRANK by :mod:`crosswire.eval.factual`) turns these into a probability; a
text of several sentences is as supported as its least supported sentence.

>>> support_score("Ten people died.", ["Ten people died in the fire on Monday."]) > 0.5  # doctest: +SKIP
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..settings import AlignSettings
from ..textutil import STOPWORDS, words
from . import lexical as lx
from .embed import encode

__all__ = ["SUPPORT_FEATURES", "SourceIndex", "is_supported", "support_features", "support_score"]

SUPPORT_FEATURES = (
    "max_cosine", "second_cosine", "word_precision", "stem_precision", "bigram_precision", "trigram_precision",
    "best_sentence_recall", "fragment_coverage", "fragment_density", "novel_numbers", "novel_names",
    "novel_words", "negation_flip", "words", "sentences",
)
"""The features of the support check, in the order of ``AlignSettings.support_weights``."""


def _split(text: str) -> list[str]:
    from ..clean.sentences import split_sentences

    parts = [text[s.start : s.end] for s in split_sentences(text, "_")]
    return parts or ([text.strip()] if text.strip() else [])


@dataclass
class SourceIndex:
    """The source spans of one check, prepared once: sentences, vectors and word sets.

    Build one with :meth:`build` and score many sentences against it (a summary's sentences,
    several candidate summaries of one article).
    """

    sentences: list[str]
    vectors: np.ndarray
    words: frozenset[str]
    stems: frozenset[str]
    bigrams: frozenset[tuple[str, ...]]
    trigrams: frozenset[tuple[str, ...]]
    numbers: frozenset[float]
    sentence_words: list[frozenset[str]]
    negated: list[bool]
    tokens: list[str]
    positions: dict[str, list[int]]
    """Where each word occurs in :attr:`tokens` (all source words in order), for extractive fragments."""

    @classmethod
    def build(cls, sources: Sequence[str]) -> SourceIndex:
        sentences = [s for text in sources for s in _split(text)]
        tokens = [words(s) for s in sentences]
        return cls(
            sentences=sentences,
            vectors=encode(sentences),
            words=frozenset(w for t in tokens for w in t),
            stems=frozenset(lx.stem(w) for t in tokens for w in t),
            bigrams=frozenset(g for t in tokens for g in lx.ngrams(t, 2)),
            trigrams=frozenset(g for t in tokens for g in lx.ngrams(t, 3)),
            numbers=frozenset(n for s in sentences for n in lx.numbers(s)),
            sentence_words=[frozenset(w for w in t if w not in STOPWORDS) for t in tokens],
            negated=[lx.negated(s) for s in sentences],
            tokens=(flat := [w for t in tokens for w in t]),
            positions=_positions(flat),
        )


def _positions(tokens: list[str]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for i, token in enumerate(tokens):
        out.setdefault(token, []).append(i)
    return out


def extractive_fragments(tokens: list[str], index: SourceIndex) -> list[int]:
    """Lengths of the greedy extractive fragments of ``tokens`` in the sources (Grusky et al. 2018):
    at each position, the longest run of words copied verbatim from anywhere in the sources."""
    fragments, i = [], 0
    while i < len(tokens):
        best = 0
        for j in index.positions.get(tokens[i], ()):
            k = 0
            while i + k < len(tokens) and j + k < len(index.tokens) and tokens[i + k] == index.tokens[j + k]:
                k += 1
            best = max(best, k)
        fragments.append(best)
        i += max(best, 1)
    return [f for f in fragments if f]


def _share(items: set, known: frozenset) -> float:
    return sum(1 for i in items if i in known) / len(items) if items else 1.0


def sentence_features(sentence: str, vector: np.ndarray, index: SourceIndex) -> list[float]:
    """The support features of one sentence (without the trailing ``sentences`` count)."""
    tokens = words(sentence)
    content = [w for w in tokens if w not in STOPWORDS]
    if len(index.sentences):
        cosines = index.vectors @ vector
        order = np.argsort(-cosines)
        best = int(order[0])
        first, second = float(cosines[best]), float(cosines[order[1]]) if len(order) > 1 else float(cosines[best])
        best_words = index.sentence_words[best]
        recall = len(set(content) & best_words) / len(best_words) if best_words else 0.0
        flip = float(lx.negated(sentence) != index.negated[best])
    else:
        first = second = recall = 0.0
        flip = 0.0
    names = {n for n in lx.names(sentence) if n not in index.words}
    fragments = extractive_fragments(tokens, index)
    return [
        first, second,
        _share(set(tokens), index.words),
        _share({lx.stem(w) for w in content}, index.stems),
        _share(lx.ngrams(tokens, 2), index.bigrams),
        _share(lx.ngrams(tokens, 3), index.trigrams),
        recall,
        sum(fragments) / max(len(tokens), 1),
        math.log1p(sum(f * f for f in fragments) / max(len(tokens), 1)),
        float(len(lx.numbers(sentence) - index.numbers)),
        float(len(names)),
        float(sum(1 for w in set(content) if lx.stem(w) not in index.stems)),
        flip,
        math.log1p(len(tokens)),
    ]


def support_features(text: str, index: SourceIndex) -> np.ndarray:
    """Features of ``text`` (one or more sentences) against ``index``: the least supported
    sentence's features (minimum of shares and cosines, maximum of novelty counts), and the
    number of sentences."""
    sentences = _split(text) or [text]
    vectors = encode(sentences)
    rows = np.array([sentence_features(s, v, index) for s, v in zip(sentences, vectors)], dtype=float)
    worst = np.where(_HIGHER_IS_WORSE, rows.max(axis=0), rows.min(axis=0))
    return np.append(worst, math.log(len(sentences)))


_HIGHER_IS_WORSE = np.array([name in ("novel_numbers", "novel_names", "novel_words", "negation_flip", "words")
                             for name in SUPPORT_FEATURES[:-1]])


def score_features(features: np.ndarray, settings: AlignSettings) -> np.ndarray:
    """Logistic combination of support features (rows) with the calibrated weights."""
    weights = np.asarray(settings.support_weights, dtype=float)
    z = np.atleast_2d(features) @ weights + settings.support_bias
    return 1.0 / (1.0 + np.exp(-z))


def support_score(sentence: str, sources: Sequence[str], settings: AlignSettings | None = None) -> float:
    """The probability that ``sentence`` is supported by ``sources`` (texts of source spans)."""
    settings = settings or AlignSettings()
    return float(score_features(support_features(sentence, SourceIndex.build(sources)), settings)[0])


def is_supported(sentence: str, sources: Sequence[str], settings: AlignSettings | None = None) -> bool:
    """Whether ``sentence`` is supported by ``sources``: its score reaches ``support_threshold``."""
    settings = settings or AlignSettings()
    return support_score(sentence, sources, settings) >= settings.support_threshold
