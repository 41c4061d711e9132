"""The support check on FRANK and QAGS-XSum: loaders, split, fit and the evaluation run.

FRANK (Pagnoni et al. 2021) labels model summaries of CNN/DM and BBC (XSum) articles with the
share of error-free sentences; a summary is *supported* when that share is 1.0. FRANK is split
by article (its ``hash``) into a calibration half (the combiner's weights and the baselines'
thresholds are fitted there) and a held-out half (reported, pooled and within each source,
since any overlap score separates the two sources). QAGS-XSum (Wang et al. 2020) is wholly
held out. Baselines in the same run: lexical overlap (share of the summary's words found in
the article) and the maximum MiniLM cosine between the summary and any article sentence.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
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
        """FRANK's held-out half: a stable hash of the article key (every summary of an article on one side)."""
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


def ranking_scores(y: np.ndarray, score: np.ndarray, threshold: float) -> dict[str, float]:
    """ROC-AUC and balanced accuracy at ``threshold`` (``nan`` AUC when one class is missing)."""
    from sklearn.metrics import balanced_accuracy_score, roc_auc_score

    auc = float(roc_auc_score(y, score)) if 0 < y.sum() < len(y) else float("nan")
    return {"roc_auc": auc, "balanced_accuracy": float(balanced_accuracy_score(y, score >= threshold)),
            "n": len(y), "supported": int(y.sum())}


def best_balanced_threshold(score: np.ndarray, y: np.ndarray) -> float:
    """The threshold that maximises balanced accuracy on ``(score, y)``."""
    from sklearn.metrics import balanced_accuracy_score

    order = np.sort(np.unique(score))
    candidates = np.concatenate([[order[0] - 1e-9], (order[:-1] + order[1:]) / 2])
    best = max(candidates, key=lambda t: balanced_accuracy_score(y, score >= t))
    return float(best)


def fit_within_sources(x: np.ndarray, y: np.ndarray, sources: np.ndarray) -> tuple[np.ndarray, float]:
    """Logistic weights fitted with one indicator per source beside the features (a fixed effect),
    so that the weights learn what separates supported from unsupported text *within* a source
    rather than what separates the sources; the indicators are dropped and their mean folded
    into the bias."""
    from .msrp import fit_logistic

    names = sorted(set(sources.tolist()))[1:]
    dummies = np.column_stack([sources == name for name in names]).astype(float) if names else np.zeros((len(x), 0))
    weights, bias = fit_logistic(np.column_stack([x, dummies]), y, scoring="roc_auc", balanced=True)
    features = len(x[0])
    return weights[:features], bias + float(weights[features:] @ dummies.mean(axis=0)) if names else bias


def _report(y: np.ndarray, score: np.ndarray, sources: np.ndarray, threshold: float) -> dict[str, dict]:
    out = {"pooled": ranking_scores(y, score, threshold)}
    for source in sorted(set(sources.tolist())):
        mask = sources == source
        out[source] = ranking_scores(y[mask], score[mask], threshold)
    return out


def evaluate_support(path: str | Path, settings: AlignSettings | None = None, fit: bool = False) -> dict:
    """The support check on FRANK's held-out half and on QAGS-XSum, beside two baselines.

    Args:
        path: the ``factual/`` folder holding ``frank_valid.jsonl`` and ``qags_xsum.jsonl``.
        settings: the weights to evaluate (default: the shipped ones).
        fit: fit the combiner on FRANK's calibration half first (the result carries the weights).

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
    held = np.array([j.held_out for j in frank])
    f_y, q_y = np.array([j.supported for j in frank]), np.array([j.supported for j in qags])
    sources = np.array([j.source for j in frank])
    if fit:
        weights, bias = fit_within_sources(f_x[~held], f_y[~held], sources[~held])
        settings = AlignSettings(**{**settings.__dict__, "support_weights": tuple(round(float(w), 5) for w in weights),
                                    "support_bias": round(bias, 5)})
    result: dict = {"split": {"frank_calibration": int((~held).sum()), "frank_held_out": int(held.sum()),
                              "qags": len(qags)}}
    runs = (("crosswire", score_features(f_x, settings), score_features(q_x, settings)),
            ("lexical_overlap", f_lex, q_lex), ("minilm_cosine", f_cos, q_cos))
    for name, f_score, q_score in runs:
        threshold = settings.support_threshold if name == "crosswire" else \
            best_balanced_threshold(f_score[~held], f_y[~held])
        result[name] = {"threshold": threshold,
                        "frank": _report(f_y[held], f_score[held], sources[held], threshold),
                        "qags": ranking_scores(q_y, q_score, threshold)}
    result["weights"] = {"support_weights": settings.support_weights, "support_bias": settings.support_bias}
    return result
