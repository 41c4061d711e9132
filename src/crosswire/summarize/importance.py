"""Supervised concept importance: how likely a concept is to appear in a human summary.

Hong & Nenkova (2014, "Improving the estimation of word importance for news multi-document
summarization", the REGSUM system) learn that probability from features of the word in its
cluster instead of trusting raw frequency. Here the same idea weighs the selector's concepts
(stemmed bigrams and content words, :func:`~crosswire.summarize.terms.concepts`): a small
logistic model over features that need nothing beyond the cluster itself, so that a dossier
(which has no background corpus and no query) computes them exactly as an evaluation does.

Features of a concept in a cluster of ``D`` documents (:data:`FEATURES`, in order):

* ``df_share`` (documents that use it / D), ``log_df``, ``log_tf`` (sentences that use it),
  ``tf_share`` (of the cluster's sentences): how widely it is reported;
* ``first_position`` (1 / (1 + earliest sentence index) over all documents), ``lead_share``
  (share of the documents that use it in their first two sentences), ``mean_first``
  (1 / (1 + first index), averaged over the documents that use it): where reporters put it;
* ``unigram``, ``content_words`` (how many of its words are content words), ``capitalised``
  (share of its non-initial occurrences written with a capital: names), ``number``,
  ``word_length`` (mean letters of its content words: long words are specific).

The weights are fitted by :func:`fit_importance` on concepts labelled by whether any reference
summary of their cluster uses them (``crosswire.eval.duc.fit_concept_model``).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from ..textutil import word_spans
from .terms import concepts, stem

__all__ = ["FEATURES", "concept_features", "fit_importance", "importance"]

FEATURES = (
    "df_share", "log_df", "log_tf", "tf_share", "first_position", "lead_share", "mean_first",
    "unigram", "content_words", "capitalised", "number", "word_length",
)
"""The feature names, in the order of ``SummarizeSettings.importance_weights``."""

LEAD_SENTENCES = 2
"""A concept "in the lead" of a document appears in one of its first this many sentences."""


def _capitals(texts: Sequence[str]) -> dict[str, tuple[int, int]]:
    """Stem → (capitalised, all) counts of its non-initial occurrences."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for text in texts:
        for n, (word, start, _) in enumerate(word_spans(text)):
            if n:
                c = counts[stem(word)]
                c[0] += text[start].isupper()
                c[1] += 1
    return {k: (v[0], v[1]) for k, v in counts.items()}


def _words_of(key: str) -> list[str]:
    return key.removeprefix("1:").split()


def concept_features(
    texts: Sequence[str], docs: Sequence[int], positions: Sequence[int], bags: Sequence[set[str]] | None = None,
) -> tuple[list[str], np.ndarray]:
    """The concepts of a cluster's sentences and their feature rows (:data:`FEATURES`).

    Args:
        texts: the sentences.
        docs: each sentence's document index.
        positions: each sentence's index in its document.
        bags: each sentence's concepts, when already computed.
    """
    bags = bags if bags is not None else [concepts(t) for t in texts]
    first_in_doc: dict[str, dict[int, int]] = defaultdict(dict)
    tf: dict[str, int] = defaultdict(int)
    for bag, d, p in zip(bags, docs, positions):
        for k in bag:
            tf[k] += 1
            seen = first_in_doc[k]
            seen[d] = min(seen.get(d, p), p)
    n_docs, n_sent = max(len(set(docs)), 1), max(len(texts), 1)
    caps = _capitals(texts)
    keys = sorted(tf)
    rows = [_row(k, first_in_doc[k], tf[k], n_docs, n_sent, caps) for k in keys]
    return keys, np.array(rows, dtype=float).reshape(len(keys), len(FEATURES))


def _row(key: str, firsts: dict[int, int], tf: int, n_docs: int, n_sent: int,
         caps: dict[str, tuple[int, int]]) -> list[float]:
    from ..textutil import STOPWORDS

    df = len(firsts)
    tokens = _words_of(key)
    content = [w for w in tokens if w not in STOPWORDS and len(w) > 1]
    capital = [caps.get(w, (0, 0)) for w in content]
    upper, total = sum(c[0] for c in capital), sum(c[1] for c in capital)
    return [
        df / n_docs, math.log1p(df), math.log1p(tf), tf / n_sent,
        1.0 / (1 + min(firsts.values())),
        sum(p < LEAD_SENTENCES for p in firsts.values()) / n_docs,
        sum(1.0 / (1 + p) for p in firsts.values()) / df,
        float(key.startswith("1:")), float(len(content)),
        upper / total if total else 0.0,
        float(any(w[:1].isdigit() for w in tokens)),
        sum(len(w) for w in content) / len(content) / 10 if content else 0.0,
    ]


def importance(X: np.ndarray, weights: Sequence[float], bias: float) -> np.ndarray:
    """The modelled probability that a concept appears in a human summary, per feature row."""
    if not len(X):
        return np.zeros(0)
    return 1.0 / (1.0 + np.exp(-(X @ np.asarray(weights, dtype=float) + bias)))


def fit_importance(X: np.ndarray, y: np.ndarray, c: float = 1.0) -> tuple[tuple[float, ...], float]:
    """Logistic weights and intercept (L2, strength ``1 / c``) of concept importance."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=2000).fit(X, y)
    return tuple(round(float(w), 5) for w in model.coef_[0]), round(float(model.intercept_[0]), 5)
