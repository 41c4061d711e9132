"""Claim matching on MSRP: crosswire's combiner beside TF-IDF-cosine and MiniLM-cosine, one run.

Usage::

    python bench/bench_claims_msrp.py ../shared/eval/msrp          # report (shipped weights)
    python bench/bench_claims_msrp.py ../shared/eval/msrp --fit    # fit on the calibration 70 %, then report

Prints accuracy, F1, precision and recall on the held-out 30 % of ``train.tsv`` (the baselines'
thresholds are tuned on the same calibration 70 %) and crosswire's ratio to each baseline. The
split is fixed by a hash of each pair's two sentence ids (``ParaphrasePair.held_out``: 2,854
calibration pairs, 1,222 held-out), so every run and every machine sees the same parts; the
combiner's regularisation is chosen by 5-fold cross-validation inside the calibration part, and
``--fit`` adds one unrelated sentence pair per calibration pair as a negative
(``crosswire.eval.msrp.unrelated_pairs``, fixed seed) and picks the threshold on the out-of-fold
sweep of the calibration part (printed).

Speed first, on the first ``--speed-pairs`` held-out pairs before anything is cached: the MiniLM
token pass over their sentences (what matching needs anyway) against the pair features computed
from it (median of three, each with a fresh cross-encoder so that none answers from its cache),
per text and per pair, and their ratio; and the cross-encoder's share of the pair features.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

import torch

from crosswire.align.embed import encode_tokens, token_weights
from crosswire.align.matching import PairFeaturizer
from crosswire.align.paraphrase import CrossEncoder, load_adapter
from crosswire.eval.msrp import evaluate_claims, load_msrp


def speed(path: str, n: int) -> None:
    """Print the MiniLM pass and the pair features' time on ``n`` held-out pairs (cold caches)."""
    pairs = [p for p in load_msrp(path) if p.held_out][:n]
    texts = list(dict.fromkeys(t for p in pairs for t in (p.a, p.b)))
    index = {t: i for i, t in enumerate(texts)}
    token_weights()  # loads the model outside the timing
    started = time.perf_counter()
    encode_tokens(texts)
    minilm = time.perf_counter() - started
    featurizer, runs, crossed = PairFeaturizer(texts), [], []
    adapter = load_adapter()
    for _ in range(3):
        cross = CrossEncoder(adapter)
        started = time.perf_counter()
        featurizer.features(texts, [(index[p.a], index[p.b]) for p in pairs], cross)
        runs.append(time.perf_counter() - started)
        cross = CrossEncoder(adapter)
        started = time.perf_counter()
        cross.logits([(p.a, p.b) for p in pairs])
        crossed.append(time.perf_counter() - started)
    features, cross_time = statistics.median(runs), statistics.median(crossed)
    print(f"speed: MiniLM token pass {1000 * minilm / len(texts):.1f} ms/text ({len(texts)} texts), pair features "
          f"{1000 * features / len(pairs):.2f} ms/pair ({len(pairs)} pairs, median of 3), of which the "
          f"cross-encoder {1000 * cross_time / len(pairs):.2f} ms/pair; "
          f"pair features / MiniLM pass per text: {features / len(pairs) / (minilm / len(texts)):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="msrp folder or train.tsv")
    parser.add_argument("--fit", action="store_true",
                        help="fit the cross-encoder's adapter and the combiner on the calibration part first (~30 min)")
    parser.add_argument("--adapter-out", default="paraphrase_adapter.npz", help="with --fit: where the adapter goes")
    parser.add_argument("--speed-pairs", type=int, default=300, help="held-out pairs timed first (0: none)")
    args = parser.parse_args()
    torch.set_num_threads(1)
    if args.speed_pairs:
        speed(args.path, args.speed_pairs)
    started = time.perf_counter()
    report = evaluate_claims(args.path, fit=args.fit, adapter_out=args.adapter_out)
    seconds = time.perf_counter() - started
    split = report["split"]
    print(f"MSRP: calibration {split['calibration']} pairs (+{split['unrelated_negatives']} unrelated negatives "
          f"when fitting), held-out {split['held_out']} pairs ({seconds:.0f} s including MiniLM encoding)")
    print(f"{'run':16} {'accuracy':>9} {'F1':>7} {'precision':>10} {'recall':>7}")
    for run in ("crosswire", "tfidf_cosine", "minilm_cosine"):
        s = report[run]
        print(f"{run:16} {s['accuracy']:9.4f} {s['f1']:7.4f} {s['precision']:10.4f} {s['recall']:7.4f}")
    ours = report["crosswire"]
    for run in ("tfidf_cosine", "minilm_cosine"):
        base = report[run]
        print(f"ratio crosswire/{run}: accuracy {ours['accuracy'] / base['accuracy']:.3f}, "
              f"F1 {ours['f1'] / base['f1']:.3f}")
    if args.fit:
        sweep = ", ".join(f"{t}: {s['accuracy']:.3f}/{s['f1']:.3f}" for t, s in report["calibration_sweep"].items())
        print(f"out-of-fold on calibration, threshold: accuracy/F1 — {sweep}")
        print(f"adapter written to {report['adapter']}")
        print("fitted:", json.dumps(report["weights"]))


if __name__ == "__main__":
    main()
