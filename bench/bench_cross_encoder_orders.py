"""The paraphrase cross-encoder read in one sentence order where the first is far from a match,
against both orders for every pair, in one run.

    python bench/bench_cross_encoder_orders.py [--eval ../shared/eval] [--n 200] [--repeat 1] [PATH ...]

Runs the pipeline up to extract on ``PATH`` (articles in any form ``crosswire analyze`` reads; a
DUC cluster written as JSONL, say) or, without one, on the corpus of ``bench/bench_stages.py``
(``n`` real articles: ECB+, then DUC). Then times
:func:`crosswire.align.matching.match_matrix` over every story's claims, interleaved per repeat,
the cross-encoder's cache emptied before each run:

* **both orders**: ``match_cross_one_order_below`` = −inf, every asked pair read twice (as before);
* **shipped**: a pair whose first order reads below ``match_cross_one_order_below`` is read once.

Each goes first in every other repeat (a first run pays for warming up).

Prints median seconds, the ratio, how many pair-orders each read, the largest difference between
the two match matrices and how many pairs changed side of ``match_threshold``.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_align_matching import align_input, story_claims

from crosswire.align import embed
from crosswire.align import lexical as lx
from crosswire.align.matching import match_matrix
from crosswire.align.paraphrase import cross_encoder
from crosswire.eval import default_eval_root
from crosswire.ingest import ingest
from crosswire.pipeline import Pipeline, pure_stages
from crosswire.settings import Settings


def input_of(paths: list[str], settings: Settings) -> dict:
    """The align stage's input batch for the articles at ``paths``."""
    read = ingest(paths, settings.ingest)
    batch = {"documents": read.documents, "rejections": read.rejections}
    Pipeline(pure_stages()[:4]).run(batch, settings)
    return batch


def timed(stories: list, align) -> tuple[float, int, list[np.ndarray]]:
    """Seconds, pair-orders read and match matrices of one run, the cross-encoder's cache emptied first."""
    encoder = cross_encoder()
    encoder._cache.clear()
    one_order, rows = encoder._one_order, [0]

    def counted(first, second):
        rows[0] += len(first)
        return one_order(first, second)

    encoder._one_order = counted
    try:
        started = time.perf_counter()
        matrices = [match_matrix(t, a, align, s) for t, a, s in stories]
        return time.perf_counter() - started, rows[0], matrices
    finally:
        del encoder._one_order


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--eval", type=Path, default=default_eval_root())
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    settings = Settings()
    if args.paths:
        batch = input_of(args.paths, settings)
    elif (args.eval / "ecbplus").exists():
        batch = align_input(args.eval, args.n, settings)
    else:
        sys.exit(f"no PATH given and no evaluation data at {args.eval}")
    stories = story_claims(batch)
    for texts, _, speakers in stories:  # fill the MiniLM caches both runs share
        embed.encode_tokens([lx.reported_content(t, s) for t, s in zip(texts, speakers)])
    both = dataclasses.replace(settings.align, match_cross_one_order_below=float("-inf"))
    times: dict[str, list[float]] = {"both orders": [], "shipped": []}
    read: dict[str, int] = {}
    runs = {"both orders": both, "shipped": settings.align}
    matrices: dict[str, list[np.ndarray]] = {}
    for k in range(args.repeat):
        for name in sorted(runs, reverse=k % 2 == 1):  # each goes first in every other repeat
            seconds, read[name], matrices[name] = timed(stories, runs[name])
            times[name].append(seconds)
    full, quick = matrices["both orders"], matrices["shipped"]
    threshold = settings.align.match_threshold
    difference = max([0.0] + [float(np.abs(x - y).max()) for x, y in zip(full, quick) if x.size])
    flipped = sum(int(((x >= threshold) != (y >= threshold)).sum()) // 2 for x, y in zip(full, quick))
    claims = sum(len(texts) for texts, _, _ in stories)
    print(f"{len(batch['articles'])} articles, {len(stories)} stories, {claims} claims; "
          f"one order below {settings.align.match_cross_one_order_below}")
    for name, runs in times.items():
        print(f"{name}: match_matrix {statistics.median(runs):.1f} s (median of {len(runs)}), "
              f"{read[name]} pair-orders read")
    print(f"both orders / shipped: {statistics.median(times['both orders']) / statistics.median(times['shipped']):.2f}x "
          f"time, {read['both orders'] / max(1, read['shipped']):.2f}x pair-orders")
    print(f"largest difference between the match matrices: {difference:.3g}; pairs across "
          f"match_threshold {threshold}: {flipped}")


if __name__ == "__main__":
    main()
