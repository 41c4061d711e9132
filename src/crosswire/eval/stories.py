"""Story clustering on ECB+: loader, metrics (B³, ARI, V-measure) and the evaluation run.

ECB+ (Cybulska & Vossen 2014) pairs every topic with a second, similar event; the gold story
of an article is its ``event`` field. The link model is calibrated on the odd-numbered topics
(``bench/bench_stories_ecb.py --calibrate``); the even-numbered ones are held out.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import random
import time
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

import numpy as np

from ..errors import InputError
from ..model import Article
from ..settings import IngestSettings, Settings
from ..stories.features import FEATURES


def load_ecbplus(path: str | Path, topics: Collection[int] | None = None
                 ) -> tuple[list[Article], list[str], list[int]]:
    """Articles (read and cleaned as crosswire reads and cleans any JSONL record: a publication date
    in a leading URL / title / date block is read), gold event ids and topic numbers.

    ``path`` is ``articles.jsonl`` or the folder holding it (e.g. ``../shared/eval/ecbplus``);
    ``topics`` keeps only those topic numbers.
    """
    wanted = topics
    from ..clean import clean_document
    from ..ingest.readers import document_from_record

    path = Path(path)
    if path.is_dir():
        path = path / "articles.jsonl"
    if not path.is_file():
        raise InputError(f"no ECB+ articles at {path}")
    articles, gold, topics = [], [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        record = json.loads(line)
        if wanted is not None and int(record["topic"]) not in wanted:
            continue
        document = document_from_record({"text": record["text"]}, f"{path}#L{number}", "jsonl", IngestSettings())
        articles.append(clean_document(dataclasses.replace(document, id=str(record["id"]))))
        gold.append(str(record["event"]))
        topics.append(int(record["topic"]))
    return articles, gold, topics


def b_cubed(predicted: Sequence, gold: Sequence) -> tuple[float, float, float]:
    """B³ precision, recall and F1 (Bagga & Baldwin 1998), averaged over items.

    >>> b_cubed(["a", "a", "b"], ["x", "x", "x"])
    (1.0, 0.5555555555555555, 0.7142857142857143)
    """
    if len(predicted) != len(gold):
        raise ValueError("predicted and gold labels differ in length")
    if not gold:
        return 0.0, 0.0, 0.0
    both = Counter(zip(predicted, gold))
    size_p, size_g = Counter(predicted), Counter(gold)
    precision = sum(n * n / size_p[p] for (p, _), n in both.items()) / len(gold)
    recall = sum(n * n / size_g[g] for (_, g), n in both.items()) / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def clustering_scores(predicted: Sequence, gold: Sequence) -> dict[str, float]:
    """B³ P/R/F1, ARI, V-measure and the predicted and gold numbers of stories."""
    from sklearn.metrics import adjusted_rand_score, v_measure_score

    precision, recall, f1 = b_cubed(list(predicted), list(gold))
    return {
        "b3_precision": precision, "b3_recall": recall, "b3_f1": f1,
        "ari": float(adjusted_rand_score(gold, predicted)),
        "v_measure": float(v_measure_score(gold, predicted)),
        "predicted_stories": len(set(predicted)), "gold_stories": len(set(gold)),
    }


def topic_halves(topics: Sequence[int]) -> dict[str, np.ndarray]:
    """Masks: ``calibration`` (odd topic numbers), ``held_out`` (even) and ``all``."""
    odd = np.array([t % 2 == 1 for t in topics])
    return {"calibration": odd, "held_out": ~odd, "all": np.ones(len(topics), dtype=bool)}


def scores_by_half(labels: Sequence, gold: Sequence[str], topics: Sequence[int]) -> dict[str, dict]:
    labels, gold_arr = np.asarray(labels), np.asarray(gold)
    return {name: clustering_scores(list(labels[mask]), list(gold_arr[mask]))
            for name, mask in topic_halves(topics).items()}


def tfidf_agglomerative(articles: Sequence[Article], n_clusters: int) -> np.ndarray:
    """Baseline: TF-IDF + average-linkage agglomerative clustering given the oracle count."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    from ..stories.features import feature_text

    vectors = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(
        [feature_text(a) for a in articles])
    model = AgglomerativeClustering(n_clusters=n_clusters, metric="cosine", linkage="average")
    return model.fit_predict(vectors.toarray())


def hdbscan_dense(embeddings: np.ndarray) -> np.ndarray:
    """Baseline: HDBSCAN (min cluster size 2) on MiniLM embeddings; noise points stay alone."""
    from sklearn.cluster import HDBSCAN

    labels = HDBSCAN(min_cluster_size=2).fit_predict(embeddings)
    noise = labels < 0
    labels[noise] = labels.max() + 1 + np.arange(noise.sum())
    return labels


def stream_labels(articles: Sequence[Article], features, settings: Settings, order: Sequence[int]):
    """Feed articles one at a time in ``order`` to the online clusterer; story of each article."""
    from ..stories.online import OnlineClusterer

    clusterer = OnlineClusterer(settings.stories)
    for i in order:
        clusterer.add([articles[i]], dense=None if features.dense is None else features.dense[[i]])
    where = clusterer.assignments
    names = {sid: k for k, sid in enumerate(sorted(set(where.values())))}
    return np.array([names[where[a.id]] for a in articles]), clusterer


def evaluate_stories(path: str | Path, settings: Settings | None = None, seed: int = 0,
                     progress: Callable[[str], None] | None = None, dense: np.ndarray | None = None) -> dict:
    """Every figure of the stories issue in one run: batch, batch without the dense feature (the
    cheap path), streaming in date and random order, and the two baselines, each scored on the
    calibration half, the held-out half and all.

    ``dense`` may pass precomputed embeddings (one per article, file order) to skip the encoder.
    """
    from ..stories import cluster_articles, labels_of
    from ..stories.features import build_features

    settings = settings or Settings()
    say = progress or (lambda message: None)
    articles, gold, topics = load_ecbplus(path)
    say(f"{len(articles)} articles, {len(set(gold))} events, {len(set(topics))} topics; embedding")
    started = time.perf_counter()
    features = build_features(articles, settings.stories, dense=dense)
    timings = {"features_s": time.perf_counter() - started}
    runs: dict[str, np.ndarray] = {}
    started = time.perf_counter()
    runs["batch"] = labels_of(cluster_articles(articles, [], settings.stories, features), articles)
    timings["batch_s"] = time.perf_counter() - started
    cheap = dataclasses.replace(settings.stories, dense_model=None)  # ablation: the cheap path
    runs["batch_without_dense"] = labels_of(
        cluster_articles(articles, [], cheap, dataclasses.replace(features, dense=None)), articles)
    say("streaming")
    date_order = sorted(range(len(articles)), key=lambda i: (articles[i].published is None, articles[i].published
                                                               or 0, articles[i].id))
    shuffled = list(range(len(articles)))
    random.Random(seed).shuffle(shuffled)
    history = {}
    for name, order in (("stream_date_order", date_order), ("stream_random_order", shuffled)):
        started = time.perf_counter()
        runs[name], clusterer = stream_labels(articles, features, settings, order)
        timings[f"{name}_s"] = time.perf_counter() - started
        history[name] = Counter(event.kind for event in clusterer.history)
    say("baselines")
    runs["baseline_tfidf_agglomerative_oracle_k"] = tfidf_agglomerative(articles, len(set(gold)))
    if features.dense is not None:
        runs["baseline_hdbscan_minilm"] = hdbscan_dense(features.dense)
    return {
        "data": str(path), "articles": len(articles), "dated_articles": sum(a.published is not None for a in articles),
        "calibration": "odd topic numbers", "held_out": "even topic numbers",
        "runs": {name: scores_by_half(labels, gold, topics) for name, labels in runs.items()},
        "stream_history": {k: dict(v) for k, v in history.items()},
        "timings": timings,
    }


def scored_features(features, settings):
    """The features as the batch path scores them in the end (with the second pass's shared
    neighbours on the dense path), and the settings of the path in use."""
    from ..stories.batch import candidate_pairs
    from ..stories.features import for_path, pair_probabilities, with_shared_neighbours

    settings = for_path(settings)
    if features.dense is None or not settings.snn_neighbours:
        return features, settings
    i, j = candidate_pairs(features, settings)
    p = pair_probabilities(features, features, i, j, settings)
    return with_shared_neighbours(features, i, j, p, settings.snn_neighbours, settings.snn_min_probability), settings


def topic_errors(labels: Sequence, gold: Sequence[str], topics: Sequence[int], features, settings,
                 keep: Callable[[int], bool] = lambda topic: topic % 2 == 1) -> list[dict]:
    """Error analysis of a clustering, per topic that ``keep`` selects (the calibration topics by
    default) and that is not clustered perfectly: the gold event × predicted story table, and for
    each *merge* (two gold events in one story) and *split* (one gold event over two stories)
    the mean similarity and mean logit contribution (weight × similarity) of each feature over
    the pairs concerned, and their mean link probability: which feature linked or parted them."""
    from ..stories.features import coefficients, pair_probabilities, pair_similarities

    scored, settings = scored_features(features, settings)
    dense, shared = scored.dense is not None, scored.neighbours is not None
    weights = coefficients(settings, dense, shared)[:len(FEATURES)]
    labels, gold_arr, topics_arr = np.asarray(labels), np.asarray(gold), np.asarray(topics)
    out = []
    for topic in sorted(set(topics_arr.tolist())):
        rows = np.flatnonzero(topics_arr == topic)
        if not keep(topic) or clustering_scores(list(labels[rows]), list(gold_arr[rows]))["ari"] > 0.999:
            continue
        cells = {}
        for r in rows:
            cells.setdefault((str(gold_arr[r]), int(labels[r])), []).append(int(r))
        links = []
        for (g1, s1), (g2, s2) in itertools.combinations(sorted(cells), 2):
            if (g1 == g2) == (s1 == s2):
                continue  # neither a merge nor a split
            a, b = (np.array(v).ravel() for v in np.meshgrid(cells[(g1, s1)], cells[(g2, s2)], indexing="ij"))
            x = pair_similarities(scored, scored, a, b, time_scale_days=settings.time_scale_days,
                                  year_gap_cap=settings.year_gap_cap)
            p = pair_probabilities(scored, scored, a, b, settings)
            links.append({"kind": "merge" if s1 == s2 else "split", "cells": [[g1, s1], [g2, s2]],
                          "sizes": [len(cells[(g1, s1)]), len(cells[(g2, s2)])], "p": round(float(p.mean()), 3),
                          "similarity": dict(zip(FEATURES, x.mean(axis=0).astype(float).round(3).tolist())),
                          "contribution": dict(zip(FEATURES, (x.mean(axis=0) * weights).round(2).tolist()))})
        table = {f"{g} -> {s}": len(v) for (g, s), v in sorted(cells.items())}
        out.append({"topic": topic, **{k: round(v, 3) for k, v in clustering_scores(
            list(labels[rows]), list(gold_arr[rows])).items() if k in ("b3_f1", "ari")}, "table": table, "links": links})
    return out
