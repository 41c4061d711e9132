"""The support check on FRANK and QAGS-XSum beside lexical-overlap and MiniLM-cosine, one run.

Usage::

    python bench/bench_support.py ../shared/eval/factual          # QAGS-XSum with the shipped weights
    python bench/bench_support.py ../shared/eval/factual --fit    # QAGS-XSum with weights fitted on all FRANK
    python bench/bench_support.py ../shared/eval/factual --speed-only   # only the timing of cold checks
    python bench/bench_support.py --summary-checks examples/seeds        # the check as the summary's check

Prints ROC-AUC and balanced accuracy on FRANK, cross-validated by article (5 folds; every summary is
scored by a combiner fitted on the other folds' articles), pooled and within CNN/DM and BBC (the
pooled figure is inflated: any overlap score separates the two sources), and on QAGS-XSum (wholly
held out), and crosswire's AUC ratio to each baseline.

``--summary-checks DIR`` runs the pipeline up to alignment on the texts in DIR, then times the
summarize stage with the learned check as its summary check, three ways in one run: per check
(each check builds its source index and parses, as before caching), prepared (a story's chosen
sentences and spans encoded and parsed in one batch, indexes and parses cached), and the shipped
lexical check; each run starts with the caches as the align stage leaves them (the claims' MiniLM
vectors). It prints the medians, their ratio, and whether the two learned runs agree.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from crosswire.eval.factual import evaluate_support, load_qags


def speed(path: str, checks: int) -> None:
    """Median seconds per check, cold (nothing cached), of the support check and of the
    MiniLM-cosine baseline (encode the source sentences and the sentence, take the best cosine),
    on the first QAGS-XSum items (a sentence against a whole BBC article). The check's time
    includes parsing the article's sentences with spaCy (for the arc cue); the pipeline is loaded
    before timing, as the encoder is."""
    from crosswire.align import embed
    from crosswire.align.support import SourceIndex, _split, clear_caches, parse_sentences, support_features

    items = load_qags(Path(path))[:checks]
    embed.encode(["warm up the encoder"])
    parse_sentences(["Warm up the parser."])
    runs: dict[str, list[float]] = {"crosswire": [], "minilm_cosine": []}
    for item in items:
        for run, times in runs.items():
            embed._CACHE.clear()
            embed._TOKENS.clear()
            clear_caches()
            started = time.perf_counter()
            if run == "crosswire":
                support_features(item.text, SourceIndex.build([item.article]))
            else:
                (embed.encode(_split(item.article)) @ embed.encode([item.text])[0]).max()
            times.append(time.perf_counter() - started)
    medians = {run: statistics.median(times) for run, times in runs.items()}
    print(f"speed, median per check over {len(items)} QAGS items (cold): "
          f"crosswire {medians['crosswire'] * 1000:.0f} ms, minilm_cosine {medians['minilm_cosine'] * 1000:.0f} ms, "
          f"ratio {medians['crosswire'] / medians['minilm_cosine']:.2f}")


def _aligned_batch(folder: str) -> dict:
    """The pipeline's batch after the align stage, for the texts in ``folder``."""
    from crosswire.ingest import ingest
    from crosswire.pipeline import Pipeline, pure_stages
    from crosswire.settings import Settings

    settings = Settings()
    found = ingest([str(Path(folder))], settings.ingest, lambda n: None)
    batch = {"documents": found.documents, "rejections": found.rejections}
    return Pipeline([s for s in pure_stages() if s.name not in ("summarize", "report")]).run(batch, settings)


class _Unprepared:
    """The learned check without its batch preparation, every cache cleared before each check."""

    def __init__(self, check) -> None:
        self.check = check

    def __call__(self, sentence: str, sources) -> bool:
        from crosswire.align import support

        support.clear_caches()
        return self.check(sentence, sources)


def summary_checks(folder: str, repeat: int) -> None:
    """Median seconds of the summarize stage with the learned check, per check vs prepared."""
    from crosswire import summarize
    from crosswire.align import embed, support
    from crosswire.settings import Settings
    from crosswire.summarize.support import lexical_support, model_support

    batch, settings = _aligned_batch(folder), Settings()
    articles = {a.id: a for a in batch["articles"]}
    claims = [articles[c.span.article_id].span_text(c.span) for e in batch["evidence"].values() for c in e.claims]
    runs = {"per check": _Unprepared(model_support(settings.align)), "prepared": model_support(settings.align),
            "lexical": lexical_support}
    times: dict[str, list[float]] = {name: [] for name in runs}
    outputs: dict[str, object] = {}
    for _ in range(repeat):
        for name, check in runs.items():
            support.clear_caches()  # every run starts where the align stage leaves the caches
            embed._CACHE.clear()
            embed._TOKENS.clear()
            embed.encode_tokens(claims)
            started = time.perf_counter()
            outputs[name] = summarize.run_stage(batch, settings, lambda n: None, check)["summaries"]
            times[name].append(time.perf_counter() - started)
    medians = {name: statistics.median(t) for name, t in times.items()}
    print(f"summarize stage on {folder} ({len(batch['stories'])} stories), median of {repeat}: "
          + ", ".join(f"{name} {m:.2f} s" for name, m in medians.items())
          + f"; per check / prepared {medians['per check'] / medians['prepared']:.2f}; "
          f"same summaries: {outputs['per check'] == outputs['prepared']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", help="factual folder (frank_valid.jsonl, qags_xsum.jsonl)")
    parser.add_argument("--fit", action="store_true", help="fit the combiner on all of FRANK to score QAGS-XSum")
    parser.add_argument("--speed", type=int, default=30, metavar="N", help="time N cold checks first (0: skip)")
    parser.add_argument("--speed-only", action="store_true", help="time the checks, skip the evaluation")
    parser.add_argument("--summary-checks", metavar="DIR", help="time the summarize stage with the learned check")
    parser.add_argument("--repeat", type=int, default=3, help="runs of --summary-checks (medians)")
    args = parser.parse_args()
    if args.summary_checks:
        summary_checks(args.summary_checks, args.repeat)
        return
    if not args.path:
        parser.error("the factual folder is required")
    if args.speed:
        speed(args.path, args.speed)
    if args.speed_only:
        return
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
