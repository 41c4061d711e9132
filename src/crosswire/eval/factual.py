"""The support check on FRANK and QAGS-XSum: loaders, split, fit and the evaluation run.

FRANK (Pagnoni et al. 2021) labels model summaries of CNN/DM and BBC (XSum) articles with the
share of error-free sentences; a summary is *supported* when that share is 1.0. FRANK is
cross-validated by article (its ``hash``; every file row is ``split = valid``): in each of five
folds the combiner and the baselines' thresholds are fitted on the other folds' articles, so
every reported figure is on summaries of articles the fit never saw (pooled and within each
source, since any overlap score separates the two sources). QAGS-XSum (Wang et al. 2020) is
wholly held out. Baselines in the same run: lexical overlap (share of the summary's words found
in the article) and the maximum MiniLM cosine between the summary and any article sentence.
"""

from __future__ import annotations

import hashlib
import json
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from ..errors import InputError
from ..settings import AlignSettings
from ..textutil import words


@dataclass(frozen=True)
class Judged:
    """A summary (or summary sentence) of an article with a human support label."""

    article: str
    text: str
    supported: bool
    source: str
    """``cnndm``, ``bbc`` (FRANK) or ``qags_xsum``."""
    key: str = ""

    @property
    def held_out(self) -> bool:
        """A stable half of FRANK by article (every summary of an article on one side), for a quick
        single split; :func:`evaluate_support` cross-validates by article instead."""
        return int(hashlib.blake2b(self.key.encode(), digest_size=4).hexdigest(), 16) % 2 == 1


def _jsonl(path: Path) -> list[dict]:
    if not path.is_file():
        raise InputError(f"no file at {path}")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_frank(path: str | Path) -> list[Judged]:
    """FRANK summaries from ``frank_valid.jsonl`` (or the ``factual/`` folder holding it)."""
    path = Path(path)
    path = path / "frank_valid.jsonl" if path.is_dir() else path
    return [Judged(r["article"], r["summary"], float(r["factuality"]) == 1.0, r["dataset"], r["hash"])
            for r in _jsonl(path)]


def load_qags(path: str | Path) -> list[Judged]:
    """QAGS-XSum sentences from ``qags_xsum.jsonl`` (or the ``factual/`` folder holding it)."""
    path = Path(path)
    path = path / "qags_xsum.jsonl" if path.is_dir() else path
    return [Judged(r["article"], r["sentence"], bool(r["consistent"]), "qags_xsum") for r in _jsonl(path)]


def lexical_overlap(text: str, article_words: frozenset[str]) -> float:
    """Baseline: the share of the text's words that occur in the article."""
    tokens = words(text)
    return sum(t in article_words for t in tokens) / len(tokens) if tokens else 0.0


def feature_table(items: Sequence[Judged]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Support features, lexical-overlap baseline and MiniLM-cosine baseline of every item."""
    from ..align.embed import encode
    from ..align.support import SourceIndex, support_features

    indexes: dict[str, SourceIndex] = {}
    features, lexical, cosine = [], [], []
    for item in items:
        if item.article not in indexes:
            indexes[item.article] = SourceIndex.build([item.article])
        index = indexes[item.article]
        features.append(support_features(item.text, index))
        lexical.append(lexical_overlap(item.text, index.words))
        cosine.append(float((index.vectors @ encode([item.text])[0]).max()) if len(index.sentences) else 0.0)
    return np.array(features), np.array(lexical), np.array(cosine)


def ranking_scores(y: np.ndarray, score: np.ndarray, threshold: float,
                   decided: np.ndarray | None = None) -> dict[str, float]:
    """ROC-AUC, and balanced accuracy at ``threshold`` or of the given decisions (``nan`` AUC
    when one class is missing)."""
    from sklearn.metrics import balanced_accuracy_score, roc_auc_score

    auc = float(roc_auc_score(y, score)) if 0 < y.sum() < len(y) else float("nan")
    decided = score >= threshold if decided is None else decided
    return {"roc_auc": auc, "balanced_accuracy": float(balanced_accuracy_score(y, decided)),
            "n": len(y), "supported": int(y.sum())}


def best_balanced_threshold(score: np.ndarray, y: np.ndarray) -> float:
    """The threshold that maximises balanced accuracy on ``(score, y)``."""
    from sklearn.metrics import balanced_accuracy_score

    order = np.sort(np.unique(score))
    candidates = np.concatenate([[order[0] - 1e-9], (order[:-1] + order[1:]) / 2])
    best = max(candidates, key=lambda t: balanced_accuracy_score(y, score >= t))
    return float(best)


def fit_within_sources(x: np.ndarray, y: np.ndarray, sources: np.ndarray, groups: np.ndarray | None = None
                       ) -> tuple[np.ndarray, float]:
    """Logistic weights fitted with one indicator per source beside the features (a fixed effect),
    so that the weights learn what separates supported from unsupported text *within* a source
    rather than what separates the sources; the indicators are dropped and their mean folded
    into the bias. Features are standardised, the fit is class-balanced, and the regularisation
    is chosen by ROC-AUC in 5-fold cross-validation over ``groups`` (articles: all summaries of
    an article in one fold)."""
    from sklearn.linear_model import LogisticRegressionCV
    from sklearn.model_selection import GroupKFold

    names = sorted(set(sources.tolist()))[1:]
    dummies = np.column_stack([sources == name for name in names]).astype(float) if names else np.zeros((len(x), 0))
    table = np.column_stack([x, dummies])
    mean, std = table.mean(axis=0), table.std(axis=0)
    std[std == 0] = 1.0
    groups = np.arange(len(y)) if groups is None else groups
    folds = list(GroupKFold(n_splits=min(_FOLDS, len(set(groups.tolist())))).split(table, y, groups))
    model = LogisticRegressionCV(Cs=[0.01, 0.03, 0.1, 0.3, 1.0], cv=folds, scoring="roc_auc", max_iter=5000,
                                 class_weight="balanced")
    with warnings.catch_warnings():  # scikit-learn's notices of coming API changes, not about this fit
        warnings.simplefilter("ignore", FutureWarning)
        model.fit((table - mean) / std, y)
    weights = model.coef_[0] / std
    bias = float(model.intercept_[0] - weights @ mean)
    features = x.shape[1]
    return weights[:features], bias + float(weights[features:] @ dummies.mean(axis=0)) if names else bias


_FOLDS = 5
"""Folds of the cross-validation by article on FRANK (every summary is scored by a combiner fitted on
the other folds' articles)."""


def cross_validated(x: np.ndarray, y: np.ndarray, sources: np.ndarray, groups: np.ndarray,
                    score: Callable[[np.ndarray, np.ndarray, float], np.ndarray]) -> np.ndarray:
    """Out-of-fold support scores: for each of ``_FOLDS`` folds by article, the combiner fitted on
    the other folds (:func:`fit_within_sources`) scores the fold."""
    from sklearn.model_selection import GroupKFold

    out = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=_FOLDS).split(x, y, groups):
        weights, bias = fit_within_sources(x[train], y[train], sources[train], groups[train])
        out[test] = score(x[test], weights, bias)
    return out


def cross_validated_thresholds(score: np.ndarray, y: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Out-of-fold decisions of a baseline: each fold thresholded where balanced accuracy is best
    on the other folds."""
    from sklearn.model_selection import GroupKFold

    decided = np.zeros(len(y), dtype=bool)
    for train, test in GroupKFold(n_splits=_FOLDS).split(score, y, groups):
        decided[test] = score[test] >= best_balanced_threshold(score[train], y[train])
    return decided


def _report(y: np.ndarray, score: np.ndarray, sources: np.ndarray, decided: np.ndarray) -> dict[str, dict]:
    out = {"pooled": ranking_scores(y, score, 0.0, decided)}
    for source in sorted(set(sources.tolist())):
        mask = sources == source
        out[source] = ranking_scores(y[mask], score[mask], 0.0, decided[mask])
    return out


def evaluate_support(path: str | Path, settings: AlignSettings | None = None, fit: bool = False) -> dict:
    """The support check on FRANK (cross-validated by article) and on QAGS-XSum, beside two baselines.

    FRANK's figures are always out of fold: each summary is scored by a combiner fitted on the
    other folds' articles, and each baseline is thresholded where it does best on those folds.
    QAGS-XSum is wholly held out: it is scored with the shipped weights, or, with ``fit``, with
    weights fitted on all of FRANK (the result carries them, to be written into
    :class:`~crosswire.settings.AlignSettings`); the baselines' thresholds come from all of FRANK.

    Args:
        path: the ``factual/`` folder holding ``frank_valid.jsonl`` and ``qags_xsum.jsonl``.
        settings: the weights to score QAGS-XSum with (default: the shipped ones).
        fit: fit the combiner on all of FRANK first and score QAGS-XSum with it.

    Returns:
        ``{"split", "crosswire" | "lexical_overlap" | "minilm_cosine": {"frank": {pooled, cnndm, bbc},
        "qags": …}, "weights"}``.
    """
    from ..align.support import score_features

    settings = settings or AlignSettings()
    path = Path(path)
    frank, qags = load_frank(path), load_qags(path)
    f_x, f_lex, f_cos = feature_table(frank)
    q_x, q_lex, q_cos = feature_table(qags)
    f_y, q_y = np.array([j.supported for j in frank]), np.array([j.supported for j in qags])
    sources, groups = np.array([j.source for j in frank]), np.array([j.key for j in frank])
    if fit:
        weights, bias = fit_within_sources(f_x, f_y, sources, groups)
        settings = replace(settings, support_weights=tuple(round(float(w), 5) for w in weights),
                           support_bias=round(bias, 5))
    scorer = lambda x, w, b: score_features(x, replace(settings, support_weights=tuple(w), support_bias=b))
    f_score = cross_validated(f_x, f_y, sources, groups, scorer)
    result: dict = {"split": {"frank_articles": len(set(groups.tolist())), "frank_folds": _FOLDS,
                              "frank": len(frank), "qags": len(qags)}}
    q_score = score_features(q_x, settings)
    result["crosswire"] = {"threshold": settings.support_threshold,
                           "frank": _report(f_y, f_score, sources, f_score >= settings.support_threshold),
                           "qags": ranking_scores(q_y, q_score, settings.support_threshold)}
    for name, f_base, q_base in (("lexical_overlap", f_lex, q_lex), ("minilm_cosine", f_cos, q_cos)):
        threshold = best_balanced_threshold(f_base, f_y)
        result[name] = {"threshold": threshold,
                        "frank": _report(f_y, f_base, sources, cross_validated_thresholds(f_base, f_y, groups)),
                        "qags": ranking_scores(q_y, q_base, threshold)}
    result["weights"] = {"support_weights": settings.support_weights, "support_bias": settings.support_bias}
    return result
