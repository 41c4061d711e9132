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
(``crosswire.eval.msrp.unrelated_pairs``, fixed seed).
"""

from __future__ import annotations

import argparse
import json
import time

from crosswire.eval.msrp import evaluate_claims


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="msrp folder or train.tsv")
    parser.add_argument("--fit", action="store_true", help="fit the combiner on the calibration part first")
    args = parser.parse_args()
    started = time.perf_counter()
    report = evaluate_claims(args.path, fit=args.fit)
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
        print("fitted:", json.dumps(report["weights"]))


if __name__ == "__main__":
    main()
