"""Stories on ECB+: calibrate the link model on odd topics, then report every figure in one run.

Usage::

    python bench/bench_stories_ecb.py ../shared/eval/ecbplus              # report (batch, streaming, baselines)
    python bench/bench_stories_ecb.py ../shared/eval/ecbplus --calibrate  # fit weights + threshold on odd topics
    python bench/bench_stories_ecb.py ../shared/eval/ecbplus --errors calibration  # per-topic error analysis
    python bench/bench_stories_ecb.py ../shared/eval/ecbplus --cv  # leave-topics-out CV inside the odd topics

The report prints B³ P/R/F1, ARI, V-measure and predicted/gold story counts for the calibration
half (odd topics), the held-out half (even topics) and all, with ratios against the baselines.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

import numpy as np

from crosswire.eval.stories import clustering_scores, evaluate_stories, load_ecbplus, topic_halves
from crosswire.settings import Settings
from crosswire.stories.features import FEATURES

LINK_THRESHOLD = 0.5
FIRST_PASS_COLUMNS = [0, 1, 2, 3, 5, 6]
"""Columns of :data:`FEATURES` in the dense first-pass model (all but the shared-neighbour share)."""


def _pair_table(features, mask: np.ndarray, gold: list[str], settings):
    from crosswire.stories.features import pair_similarities

    idx = np.flatnonzero(mask)
    a, b = np.triu_indices(len(idx), 1)
    x = pair_similarities(features, features, idx[a], idx[b], time_scale_days=settings.time_scale_days,
                          year_gap_cap=settings.year_gap_cap)
    g = np.asarray(gold)
    return x, (g[idx[a]] == g[idx[b]]).astype(int)


def calibrate(path: str, dense: np.ndarray | None) -> dict:
    """Fit the logistic link model on pairs of odd-topic articles; on the dense path fit the
    second-pass model (shared neighbours) and pick its neighbour count; then pick the attach
    threshold that maximises B³ F1 + ARI of the batch clustering of the odd topics, and print the
    time-window sweep.

    The link threshold stays at the model's decision boundary, 0.5: a sweep of it on the 16 odd
    topics swings by ±0.04 ARI between neighbouring values, which is noise, not signal.
    """
    from sklearn.linear_model import LogisticRegression

    from crosswire.stories import cluster_articles, labels_of
    from crosswire.stories.features import build_features

    settings = Settings().stories
    articles, gold, topics = load_ecbplus(path)
    odd = topic_halves(topics)["calibration"]
    features = build_features(articles, settings, dense=dense)
    x, y = _pair_table(features, odd, gold, settings)
    fitted = {}  # the cheap path leaves time closeness out (see ``StoriesSettings.cheap_time_weight``)
    names = list(FEATURES)
    for name, columns in (("dense", FIRST_PASS_COLUMNS), ("cheap", [0, 2])):
        model = LogisticRegression(C=10.0, max_iter=5000).fit(x[:, columns], y)
        w = {"lead_entity": 0.0, **dict(zip([names[c] for c in columns], model.coef_[0].round(3)))}
        fitted[name] = {**{k: float(v) for k, v in w.items()}, "bias": round(float(model.intercept_[0]), 3)}
    sub = [a for a, m in zip(articles, odd) if m]
    sub_gold = [g for g, m in zip(gold, odd) if m]
    for name in ("dense", "cheap"):
        f = fitted[name]
        s = dataclasses.replace(settings, lexical_weight=f["lexical"], dense_weight=f.get("dense", 0.0),
                                entity_weight=f["entity"], lead_entity_weight=f["lead_entity"], bias=f["bias"],
                                cheap_lexical_weight=f["lexical"], cheap_entity_weight=f["entity"],
                                cheap_lead_entity_weight=f["lead_entity"], cheap_bias=f["bias"],
                                time_weight=f.get("time", 0.0), cheap_time_weight=0.0,
                                year_weight=f.get("year_gap", 0.0),
                                dense_model=settings.dense_model if name == "dense" else None)
        sub_features = build_features(sub, s, dense=None if name == "cheap" else features.dense[odd],
                                      embed_missing=False)
        if name == "dense":
            s, fitted[name]["shared_neighbours"] = _fit_shared(sub, sub_gold, sub_features, s)
        sweep = []
        for attach in (1.01, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3):
            t = dataclasses.replace(s, link_threshold=LINK_THRESHOLD, attach_threshold=attach,
                                    cheap_link_threshold=LINK_THRESHOLD, cheap_attach_threshold=attach)
            scores = clustering_scores(labels_of(cluster_articles(sub, [], t, sub_features), sub), sub_gold)
            sweep.append((scores["b3_f1"] + scores["ari"], attach, scores))
        best = max(sweep, key=lambda r: r[0])
        fitted[name]["link_threshold"], fitted[name]["attach_threshold"] = LINK_THRESHOLD, best[1]
        fitted[name]["calibration_scores"] = {k: round(v, 4) for k, v in best[2].items()}
        fitted[name]["attach_sweep"] = {str(r[1]): round(r[0] / 2, 4) for r in sweep}
        fitted[name]["window_sweep"] = _window_sweep(sub, sub_gold, sub_features, dataclasses.replace(
            s, attach_threshold=best[1], cheap_attach_threshold=best[1]))
    return fitted


def _fit_shared(articles, gold, features, settings):
    """The second pass: for each neighbour count ``k``, fit the link model with the shared-neighbour
    similarity on all pairs of the calibration articles (neighbours from the first-pass model) and
    cluster them; keep the ``k`` with the best (B³ F1 + ARI) / 2. Returns the settings and a report."""
    from sklearn.linear_model import LogisticRegression

    from crosswire.stories import cluster_articles, labels_of
    from crosswire.stories.features import pair_probabilities, pair_similarities, with_shared_neighbours

    first = dataclasses.replace(settings, snn_neighbours=0)
    i, j = np.triu_indices(len(articles), 1)
    p = pair_probabilities(features, features, i, j, first)
    g = np.asarray(gold)
    y = (g[i] == g[j]).astype(int)
    sweep, best = {}, None
    for k in (3, 5, 7, 10, 15):
        shared = with_shared_neighbours(features, i, j, p, k, settings.snn_min_probability)
        x = pair_similarities(shared, shared, i, j, time_scale_days=settings.time_scale_days,
                              year_gap_cap=settings.year_gap_cap)
        model = LogisticRegression(C=10.0, max_iter=5000).fit(x, y)
        w = [round(float(v), 3) for v in model.coef_[0]]
        s = dataclasses.replace(first, snn_neighbours=k, snn_lexical_weight=w[0], snn_dense_weight=w[1],
                                snn_entity_weight=w[2], snn_lead_entity_weight=w[3], snn_weight=w[4],
                                snn_time_weight=w[5], snn_year_weight=w[6],
                                snn_bias=round(float(model.intercept_[0]), 3))
        scores = clustering_scores(labels_of(cluster_articles(articles, [], s, features), articles), gold)
        sweep[str(k)] = {"score": round((scores["b3_f1"] + scores["ari"]) / 2, 4), "weights": w,
                         "bias": s.snn_bias}
        if best is None or sweep[str(k)]["score"] > best[0]:
            best = (sweep[str(k)]["score"], s)
    return best[1], {"snn_neighbours": best[1].snn_neighbours, "sweep": sweep}


def _window_sweep(articles, gold, features, settings) -> dict[str, float]:
    """(B³ F1 + ARI) / 2 of the batch clustering for a range of ``window_days``."""
    from crosswire.stories import cluster_articles, labels_of

    out = {}
    for days in (7, 30, 90, 365, 100_000):
        scores = clustering_scores(labels_of(cluster_articles(
            articles, [], dataclasses.replace(settings, window_days=days, cheap_window_days=days), features),
            articles), gold)
        out[str(days)] = round((scores["b3_f1"] + scores["ari"]) / 2, 4)
    return out


def fit_link_models(features, gold: np.ndarray, settings, k: int):
    """Both link models fitted on all pairs of ``features`` (gold event ids ``gold``) as
    :func:`calibrate` fits them (C = 10): the first-pass model, then, with each article's ``k``
    most probable first-pass links as neighbours, the second-pass model."""
    from sklearn.linear_model import LogisticRegression

    from crosswire.stories.features import pair_probabilities, pair_similarities, with_shared_neighbours

    i, j = np.triu_indices(len(gold), 1)
    y = (gold[i] == gold[j]).astype(int)
    x = pair_similarities(features, features, i, j, time_scale_days=settings.time_scale_days,
                          year_gap_cap=settings.year_gap_cap)
    first = LogisticRegression(C=10.0, max_iter=5000).fit(x[:, FIRST_PASS_COLUMNS], y)
    w = dict(zip(FIRST_PASS_COLUMNS, first.coef_[0].tolist()))
    s = dataclasses.replace(settings, lexical_weight=w[0], dense_weight=w[1], entity_weight=w[2],
                            lead_entity_weight=w[3], time_weight=w[5], year_weight=w[6],
                            bias=float(first.intercept_[0]), snn_neighbours=0)
    shared = with_shared_neighbours(features, i, j, pair_probabilities(features, features, i, j, s), k,
                                    s.snn_min_probability)
    x = pair_similarities(shared, shared, i, j, time_scale_days=s.time_scale_days, year_gap_cap=s.year_gap_cap)
    second = LogisticRegression(C=10.0, max_iter=5000).fit(x, y)
    w = second.coef_[0].tolist()
    return dataclasses.replace(s, snn_neighbours=k, snn_lexical_weight=w[0], snn_dense_weight=w[1],
                               snn_entity_weight=w[2], snn_lead_entity_weight=w[3], snn_weight=w[4],
                               snn_time_weight=w[5], snn_year_weight=w[6], snn_bias=float(second.intercept_[0]))


def _rows_of(features, rows: np.ndarray):
    """The features of ``rows`` only (no neighbours)."""
    return dataclasses.replace(features, lexical=features.lexical[rows], entities=features.entities[rows],
                               dense=None if features.dense is None else features.dense[rows],
                               days=features.days[rows], lead=None if features.lead is None else features.lead[rows],
                               years=None if features.years is None else features.years[rows], neighbours=None)


def cross_validate(path: str, dense: np.ndarray | None, folds: int = 4, shuffles: int = 3,
                   overrides: dict | None = None) -> dict:
    """Leave-topics-out cross-validation inside the calibration (odd) topics, run as the report
    runs: the odd topics are dealt into ``folds`` folds (``shuffles`` times, seeds 0, 1, …); for
    each fold both link models are refitted on the other folds' articles (:func:`fit_link_models`,
    ``snn_neighbours`` kept), *all* articles are clustered together by the batch path (features
    over all, as in the report), and the fold's articles are scored. Scores are over all odd
    articles (each predicted once per shuffle); no even-topic label is read."""
    import random

    from crosswire.stories import cluster_articles, labels_of
    from crosswire.stories.features import build_features

    settings = dataclasses.replace(Settings().stories, **(overrides or {}))
    articles, gold, topics = load_ecbplus(path)
    odd = topic_halves(topics)["calibration"]
    gold_arr, topics_arr = np.asarray(gold), np.asarray(topics)
    features = build_features(articles, settings, dense=dense)
    runs = []
    for seed in range(shuffles):
        numbers = sorted(set(topics_arr[odd].tolist()))
        random.Random(seed).shuffle(numbers)
        labels = np.empty(len(articles), dtype=object)
        for k in range(folds):
            test = np.isin(topics_arr, numbers[k::folds])
            train = np.flatnonzero(odd & ~test)
            fitted = fit_link_models(_rows_of(features, train), gold_arr[train], settings, settings.snn_neighbours)
            predicted = labels_of(cluster_articles(articles, [], fitted, features), articles)
            labels[test] = [f"{k}:{x}" for x in predicted[test]]
        runs.append(clustering_scores(list(labels[odd]), list(gold_arr[odd])))
    mean = {key: round(float(np.mean([r[key] for r in runs])), 4) for key in ("b3_f1", "ari", "predicted_stories")}
    return {"folds": folds, "shuffles": shuffles, "mean": mean,
            "runs": [{k: round(v, 4) for k, v in r.items() if k in ("b3_f1", "ari")} for r in runs]}


def print_errors(path: str, dense: np.ndarray | None, half: str) -> None:
    """Batch clustering of all topics; per imperfect topic of ``half``: the gold × predicted table
    and, for each merge or split, the features' mean similarity and logit contribution."""
    from crosswire.eval.stories import topic_errors
    from crosswire.stories import cluster_articles, labels_of
    from crosswire.stories.features import build_features

    settings = Settings().stories
    articles, gold, topics = load_ecbplus(path)
    features = build_features(articles, settings, dense=dense)
    labels = labels_of(cluster_articles(articles, [], settings, features), articles)
    keep = {"calibration": lambda t: t % 2 == 1, "held_out": lambda t: t % 2 == 0, "all": lambda t: True}[half]
    for topic in topic_errors(labels, gold, topics, features, settings, keep):
        print(f"topic {topic['topic']}: B3 F1 {topic['b3_f1']}, ARI {topic['ari']}; gold -> story: {topic['table']}")
        for link in topic["links"]:
            top = sorted(link["contribution"].items(), key=lambda kv: -abs(kv[1]))[:3]
            print(f"  {link['kind']:5} {link['cells'][0]} ~ {link['cells'][1]} ({link['sizes'][0]}x{link['sizes'][1]}) "
                  f"p {link['p']:.3f}; similarity {link['similarity']}; largest logit terms {top}")


def _print_report(report: dict) -> None:
    print(f"data: {report['data']}  articles: {report['articles']}  dated: {report['dated_articles']}")
    print(f"calibration: {report['calibration']}; held out: {report['held_out']}")
    head = f"{'run':40} {'half':12} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'ARI':>6} {'V':>6} {'pred/gold':>10}"
    print(head)
    for run, halves in report["runs"].items():
        for half, s in halves.items():
            print(f"{run:40} {half:12} {s['b3_precision']:6.3f} {s['b3_recall']:6.3f} {s['b3_f1']:6.3f} "
                  f"{s['ari']:6.3f} {s['v_measure']:6.3f} {s['predicted_stories']:>4}/{s['gold_stories']:<4}")
    ours = report["runs"]["batch"]["held_out"]
    for run in report["runs"]:
        if run.startswith("baseline"):
            base = report["runs"][run]["held_out"]
            print(f"held-out ratio batch / {run}: ARI x{ours['ari'] / max(base['ari'], 1e-9):.2f}, "
                  f"B3 F1 x{ours['b3_f1'] / max(base['b3_f1'], 1e-9):.2f}")
    print("stream history:", report["stream_history"])
    print("timings (s):", {k: round(v, 1) for k, v in report["timings"].items()})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="ECB+ folder or articles.jsonl (e.g. ../shared/eval/ecbplus)")
    parser.add_argument("--calibrate", action="store_true", help="fit the link model on odd topics")
    parser.add_argument("--cv", action="store_true",
                        help="leave-topics-out cross-validation inside the odd topics (4 folds x 3 shuffles)")
    parser.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                        help="with --cv: a StoriesSettings field to override (e.g. rejoin_days=0)")
    parser.add_argument("--embeddings", help="cache file (.npy) for the MiniLM embeddings, file order")
    parser.add_argument("--json", help="also write the report as JSON here")
    parser.add_argument("--errors", choices=["calibration", "held_out", "all"],
                        help="only print the batch path's per-topic errors (merges, splits and the features "
                             "behind them) on this half")
    args = parser.parse_args(argv)
    dense = None
    if args.embeddings and Path(args.embeddings).is_file():
        dense = np.load(args.embeddings)
    elif args.embeddings:
        from crosswire.stories.features import embed

        dense = embed(load_ecbplus(args.path)[0], Settings().stories)
        np.save(args.embeddings, dense)
    if args.calibrate:
        print(json.dumps(calibrate(args.path, dense), indent=2))
        return 0
    if args.cv:
        overrides = {k: json.loads(v) for k, v in (item.split("=", 1) for item in args.set)}
        print(json.dumps(cross_validate(args.path, dense, overrides=overrides), indent=2))
        return 0
    if args.errors:
        print_errors(args.path, dense, args.errors)
        return 0
    report = evaluate_stories(args.path, dense=dense, progress=lambda m: print(m, file=sys.stderr))
    _print_report(report)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
