"""Claim matching: which claims of different articles state the same thing, with a score.

A pair of sentences is described by paraphrase features (MiniLM cosine, word and character
TF-IDF cosine, word, bigram and trigram overlap, how much of each side the other contains,
length ratio, and disagreement of numbers, names and negation); a logistic combiner fitted on
the calibration part of MSRP (:mod:`crosswire.eval.msrp`; weights in
:class:`~crosswire.settings.AlignSettings`) turns them into the probability that the two state
the same thing. Claims are grouped by average linkage over that probability: two groups merge
while the mean score of their cross-article pairs stays at or above ``match_threshold``, so one
loose pair cannot chain unrelated statements together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..settings import AlignSettings
from ..textutil import words
from . import lexical as lx
from .embed import encode

__all__ = ["MATCH_FEATURES", "PairFeaturizer", "average_linkage", "match_matrix", "match_probability"]

MATCH_FEATURES = (
    "cosine", "tfidf", "char_tfidf", "word_dice", "containment_min", "containment_max", "bigram_dice",
    "trigram_dice", "length_ratio", "number_mismatch", "any_number_mismatch", "name_mismatch",
    "negation_mismatch", "cosine_x_containment",
)
"""The pair features, in the order of ``AlignSettings.match_weights``."""


@dataclass
class _Text:
    tokens: list[str]
    token_set: frozenset[str]
    stems: frozenset[str]
    bigrams: set
    trigrams: set
    numbers: frozenset[float]
    names: frozenset[str]
    negated: bool

    @classmethod
    def of(cls, text: str) -> _Text:
        tokens = words(text)
        return cls(tokens, frozenset(tokens), lx.content_stems(text), lx.ngrams(tokens, 2), lx.ngrams(tokens, 3),
                   lx.numbers(text), lx.names(text), lx.negated(text))


def _lexical(a: _Text, b: _Text) -> list[float]:
    inter = len(a.stems & b.stems)
    contain = [inter / len(a.stems) if a.stems else 0.0, inter / len(b.stems) if b.stems else 0.0]
    numbers = a.numbers ^ b.numbers
    return [
        lx.dice(set(a.token_set), set(b.token_set)), min(contain), max(contain),
        lx.dice(a.bigrams, b.bigrams), lx.dice(a.trigrams, b.trigrams),
        min(len(a.tokens), len(b.tokens)) / max(len(a.tokens), len(b.tokens), 1),
        len(numbers) / max(1, len(a.numbers | b.numbers)), float(bool(numbers)),
        len(a.names ^ b.names) / max(1, len(a.names | b.names)), float(a.negated != b.negated),
    ]


class PairFeaturizer:
    """Pair features over a fixed set of texts: TF-IDF weights are fitted on ``corpus`` (the
    story's claims, or the calibration sentences), MiniLM vectors come from :func:`encode`."""

    def __init__(self, corpus: Sequence[str]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        corpus = [text for text in corpus if any(ch.isalnum() for ch in text)] or ["_"]
        self.word = TfidfVectorizer(sublinear_tf=True, token_pattern=r"(?u)\b\w+\b").fit(corpus)
        self.char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True).fit(corpus)

    def features(self, texts: Sequence[str], pairs: Sequence[tuple[int, int]]) -> np.ndarray:
        """One row of :data:`MATCH_FEATURES` per pair of indices into ``texts``."""
        if not pairs:
            return np.zeros((0, len(MATCH_FEATURES)))
        left, right = np.array([p[0] for p in pairs]), np.array([p[1] for p in pairs])
        vectors = encode(list(texts))
        cosine = np.einsum("ij,ij->i", vectors[left], vectors[right])
        word, char = self.word.transform(texts), self.char.transform(texts)
        tfidf = np.asarray(word[left].multiply(word[right]).sum(axis=1)).ravel()
        char_cos = np.asarray(char[left].multiply(char[right]).sum(axis=1)).ravel()
        parsed = [_Text.of(t) for t in texts]
        lexical = np.array([_lexical(parsed[i], parsed[j]) for i, j in pairs], dtype=float)
        return np.column_stack([cosine, tfidf, char_cos, lexical, cosine * lexical[:, 1]])


def match_probability(features: np.ndarray, settings: AlignSettings) -> np.ndarray:
    """The logistic combiner: the probability that each pair (row) states the same thing."""
    weights = np.asarray(settings.match_weights, dtype=float)
    if weights.shape != (len(MATCH_FEATURES),):
        raise ValueError(f"align.match_weights needs {len(MATCH_FEATURES)} weights, got {weights.shape}")
    z = np.atleast_2d(features) @ weights + settings.match_bias
    return 1.0 / (1.0 + np.exp(-z))


def match_matrix(texts: Sequence[str], article_ids: Sequence[str], settings: AlignSettings) -> np.ndarray:
    """Symmetric matrix of match probabilities between texts of different articles (0 elsewhere)."""
    n = len(texts)
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n) if article_ids[i] != article_ids[j]]
    scores = np.zeros((n, n))
    if pairs:
        probability = match_probability(PairFeaturizer(texts).features(texts, pairs), settings)
        rows, cols = np.array(pairs).T
        scores[rows, cols] = probability
        scores[cols, rows] = probability
    return scores


def average_linkage(scores: np.ndarray, article_ids: Sequence[str], threshold: float) -> list[list[int]]:
    """Groups of indices: pairs are merged best first while the mean score over the cross-article
    pairs of the two groups stays at or above ``threshold``."""
    cluster = list(range(len(article_ids)))
    members: dict[int, list[int]] = {i: [i] for i in cluster}
    rows, cols = np.nonzero(np.triu(scores >= threshold, 1))
    for i, j in sorted(zip(rows.tolist(), cols.tolist()), key=lambda p: -scores[p]):
        ci, cj = cluster[i], cluster[j]
        if ci == cj:
            continue
        cross = [scores[x, y] for x in members[ci] for y in members[cj] if article_ids[x] != article_ids[y]]
        if cross and float(np.mean(cross)) >= threshold:
            for x in members[cj]:
                cluster[x] = ci
            members[ci].extend(members.pop(cj))
    return [sorted(m) for m in members.values()]
