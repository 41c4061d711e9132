"""Claim matching on MSRP (Dolan & Brockett 2005): loader, split, fit and the evaluation run.

``msrp/train.tsv`` is split by a hash of the two sentence ids: 70 % *calibration* (the combiner's
weights and every baseline threshold are fitted there) and 30 % *held-out* (reported). Two
baselines run in the same call: TF-IDF cosine and MiniLM cosine, each with the threshold that
maximises accuracy on the calibration part. The combiner is a logistic regression on
standardised features whose regularisation is chosen by 5-fold cross-validation inside the
calibration part (folds in file order, no shuffling: the fit is deterministic). Its decision
threshold stays the combiner's own 0.5 (``match_threshold``); the fit also reports the
out-of-fold accuracy and F1 of nearby thresholds on the calibration part (:func:`threshold_sweep`).

The paraphrase cross-encoder (:mod:`crosswire.align.paraphrase`) is one of the combiner's
features, so its adapter is fitted first, by stacking: each calibration pair's cross-encoder
score comes from an adapter fitted on the other four fifths of the calibration part
(:func:`cross_fitted_logits`, the same contiguous folds as :func:`out_of_fold`), so the combiner
learns how far to trust the score on pairs the adapter never saw; the shipped adapter is then
fitted on the whole calibration part and scores the held-out pairs and the unrelated negatives.
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..errors import InputError
from ..settings import AlignSettings

if TYPE_CHECKING:
    from ..align.paraphrase import AdapterTraining, CrossEncoder

HELD_OUT_SHARE = 0.3
REGULARISATION = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0)
"""Inverse regularisation strengths (``C``) tried by :func:`fit_logistic`. With 49 features and
5,700 rows the combiner hardly overfits: out-of-fold on the calibration part accuracy rose with
``C`` up to the old top of the grid (3), so the grid reaches 100."""


@dataclass(frozen=True)
class ParaphrasePair:
    label: int
    id_a: str
    id_b: str
    a: str
    b: str

    @property
    def held_out(self) -> bool:
        """Whether the pair is in the held-out part (a stable hash of the two ids)."""
        digest = hashlib.blake2b(f"{self.id_a}:{self.id_b}".encode(), digest_size=4).hexdigest()
        return int(digest, 16) % 100 < HELD_OUT_SHARE * 100


def load_msrp(path: str | Path) -> list[ParaphrasePair]:
    """Pairs of ``train.tsv`` (or of ``msrp/`` holding it); rows that do not have five fields are skipped."""
    path = Path(path)
    if path.is_dir():
        path = path / "train.tsv"
    if not path.is_file():
        raise InputError(f"no MSRP file at {path}")
    pairs = []
    for line in path.read_text(encoding="utf-8-sig").splitlines()[1:]:
        fields = line.split("\t")
        if len(fields) == 5 and fields[0] in ("0", "1"):
            pairs.append(ParaphrasePair(int(fields[0]), fields[1], fields[2], fields[3], fields[4]))
    return pairs


def binary_scores(y: np.ndarray, predicted: np.ndarray) -> dict[str, float]:
    """Accuracy, precision, recall and F1 of boolean predictions."""
    from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score

    return {"accuracy": float(accuracy_score(y, predicted)), "precision": float(precision_score(y, predicted)),
            "recall": float(recall_score(y, predicted)), "f1": float(f1_score(y, predicted))}


def best_threshold(scores: np.ndarray, y: np.ndarray) -> float:
    """The threshold on ``scores`` that maximises accuracy (the midpoint between two scores)."""
    order = np.sort(np.unique(scores))
    candidates = np.concatenate([[order[0] - 1e-9], (order[:-1] + order[1:]) / 2, [order[-1] + 1e-9]])
    accuracy = [np.mean((scores >= t) == y) for t in candidates]
    return float(candidates[int(np.argmax(accuracy))])


def fit_logistic(x: np.ndarray, y: np.ndarray, scoring: str = "accuracy", balanced: bool = False
                 ) -> tuple[np.ndarray, float]:
    """Weights and bias of a logistic regression on standardised features, folded back to raw
    features; the regularisation strength is chosen from :data:`REGULARISATION` by 5-fold
    cross-validation on ``(x, y)``."""
    from sklearn.linear_model import LogisticRegressionCV

    mean, std = x.mean(axis=0), x.std(axis=0)
    std[std == 0] = 1.0
    model = LogisticRegressionCV(Cs=list(REGULARISATION), cv=5, scoring=scoring, max_iter=10000,
                                 class_weight="balanced" if balanced else None)
    with warnings.catch_warnings():  # scikit-learn's notices of coming default changes (l2 either way)
        warnings.simplefilter("ignore", FutureWarning)
        model.fit((x - mean) / std, y)
    weights = model.coef_[0] / std
    return weights, float(model.intercept_[0] - weights @ mean)


def out_of_fold(x: np.ndarray, y: np.ndarray, extra: np.ndarray, folds: int = 5) -> np.ndarray:
    """Out-of-fold probabilities of :func:`fit_logistic` on ``(x, y)``: ``folds`` contiguous
    parts in file order, each scored by a combiner fitted on the others plus the rows of
    ``extra`` (negatives) that fall in the same other parts of ``extra``'s own order."""
    probability = np.zeros(len(x))
    part, extra_part = folds_in_order(len(x), folds), folds_in_order(len(extra), folds)
    for k in range(folds):
        train = np.vstack([x[part != k], extra[extra_part != k]])
        labels = np.concatenate([y[part != k], np.zeros(int((extra_part != k).sum()), dtype=int)])
        weights, bias = fit_logistic(train, labels)
        probability[part == k] = 1.0 / (1.0 + np.exp(-(x[part == k] @ weights + bias)))
    return probability


def threshold_sweep(probability: np.ndarray, y: np.ndarray, thresholds: Sequence[float] = (0.4, 0.45, 0.5, 0.55, 0.6)
                    ) -> dict[str, dict[str, float]]:
    """Accuracy and F1 of ``probability >= t`` for each threshold ``t``."""
    return {f"{t:.2f}": {k: v for k, v in binary_scores(y, probability >= t).items() if k in ("accuracy", "f1")}
            for t in thresholds}


def unrelated_pairs(pairs: Sequence[ParaphrasePair], seed: int = 0) -> list[tuple[str, str]]:
    """One unrelated sentence pair per pair: its first sentence beside the second sentence of
    another pair, drawn by a fixed-seed permutation.

    MSRP holds only pairs that share much of their wording, while most pairs of claims in a
    story share little; these easy negatives keep the combiner from extrapolating to a high
    score where nothing overlaps (a short claim beside an unrelated long one)."""
    order = np.random.default_rng(seed).permutation(len(pairs))
    return [(pairs[i].a, pairs[int(j)].b) for i, j in enumerate(order) if pairs[i].b != pairs[int(j)].b]


def folds_in_order(n: int, folds: int = 5) -> np.ndarray:
    """The fold of each of ``n`` rows: ``folds`` contiguous parts in file order."""
    return np.arange(n) * folds // max(n, 1)


def save_adapter(arrays: dict[str, np.ndarray], path: str | Path) -> Path:
    """Write a fitted adapter where ``path`` says (exactly there, whatever its suffix)."""
    from ..align.paraphrase import adapter_arrays_for_file

    path = Path(path)
    with path.open("wb") as handle:
        np.savez_compressed(handle, **adapter_arrays_for_file(arrays))
    return path


def adapter_fitted_on(pairs: Sequence[ParaphrasePair], what: str, training: AdapterTraining | None = None,
                      progress: Callable[[str], None] = lambda _: None) -> dict[str, np.ndarray]:
    """The cross-encoder's adapter fitted on ``pairs``; ``progress`` hears ``what`` and the step."""
    from ..align.paraphrase import fit_adapter

    return fit_adapter([p.a for p in pairs], [p.b for p in pairs], [p.label for p in pairs], training,
                       progress=lambda step, steps: progress(f"{what}: step {step}/{steps}"))


def cross_fitted_logits(pairs: Sequence[ParaphrasePair], folds: int = 5, training: AdapterTraining | None = None,
                        progress: Callable[[str], None] = lambda _: None) -> np.ndarray:
    """Out-of-fold cross-encoder logits of ``pairs``: the pairs of each fold (:func:`folds_in_order`)
    scored by an adapter fitted on the other folds."""
    from ..align.paraphrase import CrossEncoder

    part, logits = folds_in_order(len(pairs), folds), np.zeros(len(pairs))
    for k in range(folds):
        train = [p for p, q in zip(pairs, part) if q != k]
        adapter = adapter_fitted_on(train, f"adapter for fold {k + 1}/{folds}", training, progress)
        scored = [(p.a, p.b) for p, q in zip(pairs, part) if q == k]
        logits[part == k] = CrossEncoder(adapter).logits(scored)
    return logits


def pair_table(pairs: Sequence[ParaphrasePair], corpus: Sequence[str], extra: Sequence[tuple[str, str]] = (),
               cross: CrossEncoder | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Features (``MATCH_FEATURES``), TF-IDF cosine and MiniLM cosine of every pair, and the
    features of the ``extra`` sentence pairs.

    MSRP's sentences are scored whole: its annotators judge the reporting frame ("X said") as
    part of the sentence, while the pipeline scores a claim's reported content and keeps its
    speaker apart (``Claim.attributed_to``). Scoring MSRP's reported content instead cost about
    one point of cross-validated accuracy on the calibration part, so the combiner is fitted on
    whole sentences. ``cross`` is the cross-encoder that scores the pairs (default: the shipped one)."""
    from ..align.matching import MATCH_FEATURES, PairFeaturizer

    texts = list(dict.fromkeys([t for p in pairs for t in (p.a, p.b)] + [t for pair in extra for t in pair]))
    index = {t: i for i, t in enumerate(texts)}
    featurizer = PairFeaturizer(corpus)
    features = featurizer.features(texts, [(index[p.a], index[p.b]) for p in pairs], cross)
    others = featurizer.features(texts, [(index[a], index[b]) for a, b in extra], cross)
    return features, features[:, MATCH_FEATURES.index("tfidf")], features[:, MATCH_FEATURES.index("cosine")], others


def fit_matcher(x: np.ndarray, y: np.ndarray, negatives: np.ndarray, settings: AlignSettings
                ) -> tuple[AlignSettings, dict[str, dict[str, float]]]:
    """``settings`` with the combiner fitted on ``(x, y)`` plus the ``negatives`` rows (label 0) and
    the calibration pairs' greatest feature values (``match_feature_ceiling``, from ``x`` alone: see
    the setting), and the out-of-fold threshold sweep on ``(x, y)``."""
    sweep = threshold_sweep(out_of_fold(x, y, negatives), y)
    weights, bias = fit_logistic(np.vstack([x, negatives]), np.concatenate([y, np.zeros(len(negatives), dtype=int)]))
    fitted = {"match_weights": tuple(round(float(w), 5) for w in weights), "match_bias": round(bias, 5),
              "match_feature_ceiling": tuple(round(float(v), 5) for v in x.max(axis=0))}
    return AlignSettings(**{**settings.__dict__, **fitted}), sweep


def evaluate_claims(path: str | Path, settings: AlignSettings | None = None, fit: bool = False,
                    adapter_out: str | Path | None = None, progress: Callable[[str], None] = lambda _: None) -> dict:
    """Claim matching on the held-out part of MSRP, beside TF-IDF-cosine and MiniLM-cosine baselines.

    Args:
        path: ``msrp/train.tsv`` or its folder.
        settings: the weights to evaluate (default: the shipped ones).
        fit: fit the cross-encoder's adapter and then the combiner on the calibration part first,
            with one unrelated pair per calibration pair as an extra negative of the combiner
            (:func:`unrelated_pairs`, :func:`cross_fitted_logits`, :func:`fit_matcher`); the
            result carries the fitted weights and the out-of-fold threshold sweep. The
            baselines' thresholds see the MSRP calibration pairs only. Takes about half an hour
            on two cores (six adapter fits).
        adapter_out: with ``fit``, where the fitted adapter is written (default
            ``paraphrase_adapter.npz`` in the working directory); the held-out pairs are scored
            with the adapter as read back from that file, i.e. at the precision it ships in.
        progress: called with a description of each step.

    Returns:
        ``{"split": counts, "crosswire" | "tfidf_cosine" | "minilm_cosine": scores, "weights": …,
        "calibration_sweep": … (with ``fit``)}``.
    """
    from ..align.matching import match_probability, ruled_out, unasked_as_unrelated

    settings = settings or AlignSettings()
    pairs = load_msrp(path)
    held = np.array([p.held_out for p in pairs])
    y = np.array([p.label for p in pairs])
    calibration = [p for p, h in zip(pairs, held) if not h]
    corpus = [t for p in calibration for t in (p.a, p.b)]
    negatives = unrelated_pairs(calibration) if fit else []
    cross = None
    if fit:
        from ..align.paraphrase import CrossEncoder, load_adapter

        stacked = cross_fitted_logits(calibration, progress=progress)
        adapter = adapter_fitted_on(calibration, "shipped adapter", progress=progress)
        written = save_adapter(adapter, adapter_out or "paraphrase_adapter.npz")
        cross = CrossEncoder(load_adapter(written))
    progress("pair features")
    features, tfidf, cosine, negative_features = pair_table(pairs, corpus, negatives, cross)
    result: dict = {"split": {"calibration": int((~held).sum()), "held_out": int(held.sum()),
                              "unrelated_negatives": len(negatives)}}
    if fit:
        from ..align.matching import MATCH_FEATURES

        features[~held, MATCH_FEATURES.index("cross_encoder")] = stacked
        settings, result["calibration_sweep"] = fit_matcher(features[~held], y[~held], negative_features, settings)
        unrelated = round(float(np.median(negative_features[:, MATCH_FEATURES.index("cross_encoder")])), 1)
        settings = AlignSettings(**{**settings.__dict__, "match_cross_unasked_logit": unrelated})
        result["adapter"] = str(written)
    probability = match_probability(unasked_as_unrelated(features, settings), settings)
    probability[ruled_out([t for p in pairs for t in (p.a, p.b)],
                                      [(2 * k, 2 * k + 1) for k in range(len(pairs))], settings)] = 0.0
    result["crosswire"] = binary_scores(y[held], probability[held] >= settings.match_threshold)
    for name, score in (("tfidf_cosine", tfidf), ("minilm_cosine", cosine)):
        threshold = best_threshold(score[~held], y[~held])
        result[name] = {**binary_scores(y[held], score[held] >= threshold), "threshold": threshold}
    result["weights"] = {"match_weights": settings.match_weights, "match_bias": settings.match_bias,
                         "match_threshold": settings.match_threshold,
                         "match_cross_unasked_logit": settings.match_cross_unasked_logit,
                         "match_feature_ceiling": settings.match_feature_ceiling}
    return result
