"""The support check on FRANK and QAGS-XSum beside lexical-overlap and MiniLM-cosine, one run.

Usage::

    python bench/bench_support.py ../shared/eval/factual          # report (shipped weights)
    python bench/bench_support.py ../shared/eval/factual --fit    # fit on FRANK's calibration half, then report

Prints ROC-AUC and balanced accuracy on FRANK's held-out half (pooled and within CNN/DM and BBC:
the pooled figure is inflated, any overlap score separates the two sources) and on QAGS-XSum
(wholly held out), and crosswire's AUC ratio to each baseline.
"""

from __future__ import annotations

import argparse
import json
import time

from crosswire.eval.factual import evaluate_support


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="factual folder (frank_valid.jsonl, qags_xsum.jsonl)")
    parser.add_argument("--fit", action="store_true", help="fit the combiner on FRANK's calibration half first")
    args = parser.parse_args()
    started = time.perf_counter()
    report = evaluate_support(args.path, fit=args.fit)
    seconds = time.perf_counter() - started
    print(f"split {json.dumps(report['split'])} ({seconds:.0f} s including MiniLM encoding)")
    print(f"{'run':16} {'set':14} {'ROC-AUC':>8} {'bal.acc':>8} {'n':>5} {'supported':>10}")
    sets = {}
    for run in ("crosswire", "lexical_overlap", "minilm_cosine"):
        sets[run] = {f"frank/{k}": v for k, v in report[run]["frank"].items()} | {"qags_xsum": report[run]["qags"]}
        for name, s in sets[run].items():
            print(f"{run:16} {name:14} {s['roc_auc']:8.4f} {s['balanced_accuracy']:8.4f} {s['n']:5d} "
                  f"{s['supported']:10d}")
    for run in ("lexical_overlap", "minilm_cosine"):
        ratios = ", ".join(f"{name} {sets['crosswire'][name]['roc_auc'] / s['roc_auc']:.3f}"
                           for name, s in sets[run].items())
        print(f"AUC ratio crosswire/{run}: {ratios}")
    if args.fit:
        print("fitted:", json.dumps(report["weights"]))


if __name__ == "__main__":
    main()
