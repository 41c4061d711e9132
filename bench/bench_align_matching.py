"""Claim matching's speed in real stories: the fast pair features against the textbook ones, one run.

    python bench/bench_align_matching.py [--eval ../shared/eval] [--n 200] [--repeat 1]

Builds the same corpus as ``bench/bench_stages.py`` (``n`` real articles: ECB+, then DUC), runs the
pipeline up to extract, then times :func:`crosswire.align.matching.match_matrix` over every
story's claims twice per repeat, interleaved so that both see the same machine load:

* **fast**: the shipped code (bit-parallel word edit distance, ``cydifflib``'s compiled
  Ratcliff–Obershelp ratio, the clipped n-gram overlap counted once per pair);
* **reference**: the same code with the textbook implementations patched in (the dynamic
  programme, :mod:`difflib`, :class:`collections.Counter` intersections), i.e. the pair
  features as they were computed before issue #6's speed work.

The MiniLM pass over the claims is timed once before (it fills the caches that both runs then
share; the align stage pays it once per story either way). Prints median seconds, the ratio, and
the largest difference between the two match matrices (0 when the fast path changes no score).

Then the whole align stage (``crosswire.align.run_stage``: MiniLM, matching, event frames,
conflicts) once with each, MiniLM caches emptied before each run: the stage figure of
``bench/bench_stages.py`` on the same input, without the other stages' load around it.
"""

from __future__ import annotations

import argparse
import difflib
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_stages import build_corpus

from crosswire.align import embed
from crosswire.align import lexical as lx
from crosswire.align.matching import match_matrix
from crosswire.eval import default_eval_root
from crosswire.extract.nlp import load_nlp
from crosswire.ingest import ingest
from crosswire.pipeline import Pipeline, pure_stages
from crosswire.settings import Settings


def edit_distance_table(a: list[str], b: list[str]) -> int:
    """The textbook dynamic programme for the word edit distance."""
    previous = list(range(len(b) + 1))
    for i, token in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (token != other)))
        previous = current
    return previous[-1]


@contextmanager
def reference_features():
    """Patch the textbook implementations into :mod:`crosswire.align.lexical` for the block."""
    saved = lx.edit_distance, lx.char_ratio, lx.clipped_overlap
    lx.edit_distance = edit_distance_table
    lx.char_ratio = lambda a, b: difflib.SequenceMatcher(None, a.lower(), b.lower(), autojunk=False).ratio()
    lx.clipped_overlap = lambda a, b: sum((a & b).values())
    try:
        yield
    finally:
        lx.edit_distance, lx.char_ratio, lx.clipped_overlap = saved


def align_input(eval_root: Path, n: int, settings: Settings) -> dict:
    """The align stage's input batch: the pipeline run up to extract on ``n`` real articles."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        build_corpus(eval_root, n, corpus)
        read = ingest([str(corpus)], settings.ingest)
    batch = {"documents": read.documents, "rejections": read.rejections}
    Pipeline(pure_stages()[:4]).run(batch, settings)
    return batch


def story_claims(batch: dict) -> list[tuple[list[str], list[str], list]]:
    """Per story: its claims' texts, article ids and speakers."""
    stories = []
    for story in batch["stories"]:
        claims = batch["evidence"][story.id].claims
        stories.append(([c.text for c in claims], [c.span.article_id for c in claims],
                        [c.attributed_to for c in claims]))
    return stories


def stage_seconds(batch: dict, settings: Settings) -> float:
    """Seconds of one cold run of the align stage (MiniLM caches emptied first)."""
    from crosswire import align

    embed._CACHE.clear()
    embed._TOKENS.clear()
    started = time.perf_counter()
    align.run_stage(batch, settings, lambda k: None)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=default_eval_root())
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    if not (args.eval / "ecbplus").exists():
        sys.exit(f"evaluation data not found at {args.eval}")
    torch.set_num_threads(1)
    settings = Settings()
    batch = align_input(args.eval, args.n, settings)
    stories = story_claims(batch)
    started = time.perf_counter()
    for texts, _, speakers in stories:
        embed.encode_tokens([lx.reported_content(t, s) for t, s in zip(texts, speakers)])
    minilm = time.perf_counter() - started
    fast, reference, difference = [], [], 0.0
    for _ in range(args.repeat):
        started = time.perf_counter()
        ours = [match_matrix(t, a, settings.align, s) for t, a, s in stories]
        fast.append(time.perf_counter() - started)
        with reference_features():
            started = time.perf_counter()
            theirs = [match_matrix(t, a, settings.align, s) for t, a, s in stories]
            reference.append(time.perf_counter() - started)
        difference = max([difference] + [float(np.abs(x - y).max()) for x, y in zip(ours, theirs) if x.size])
    claims = sum(len(texts) for texts, _, _ in stories)
    print(f"corpus: {args.n} articles, {len(stories)} stories, {claims} claims; MiniLM pass over the claims "
          f"{minilm:.1f} s (once, shared)")
    print(f"match_matrix, median of {args.repeat}: fast {statistics.median(fast):.1f} s, reference "
          f"{statistics.median(reference):.1f} s, reference / fast {statistics.median(reference) / statistics.median(fast):.2f}x")
    print(f"largest difference between the two match matrices: {difference:.3g}")
    if settings.align.event_frames:
        load_nlp(settings.extract.spacy_model)  # loaded once, outside the timings
    fast_stage = stage_seconds(batch, settings)
    with reference_features():
        reference_stage = stage_seconds(batch, settings)
    print(f"align stage, one cold run each: fast {fast_stage:.1f} s, reference {reference_stage:.1f} s, "
          f"reference / fast {reference_stage / fast_stage:.2f}x")


if __name__ == "__main__":
    main()
