"""Conflicts on ECB+ stories: how many of each kind, every one listed for reading, and what the
conflict checks cost.

    python bench/bench_conflicts.py [--eval ../shared/eval] [--topics 1,5,6,7,9,11,12,13,14,16,18,19,20,21,22]
                                    [--list conflicts.jsonl] [--repeat 3]

Takes the ECB+ articles of the given topics (texts only, read as any JSONL record is read: a
leading URL / title / date block gives a publication date), runs ingest → clean → provenance →
stories → extract once, then aligns every story:

* counts conflicts by kind (the figures of BENCHMARKS.md #6 "Conflicts on 29 ECB+ stories");
* with ``--list``, writes each conflict with both claims and their speakers, one JSON object a
  line, for reading by hand — precision is read, not computed: ECB+ has no conflict labels;
* times aligning all stories (claims extracted once, caches warm, median of ``repeat``) as
  shipped, without ``conflicts_told_by_both``, and without that and the value-event check
  (:class:`crosswire.align.frames.ValueEvents`), the peers being the same pipeline without them.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from crosswire import align
from crosswire.eval import default_eval_root
from crosswire.extract.nlp import load_nlp
from crosswire.ingest import ingest
from crosswire.pipeline import Pipeline, Reporter, pure_stages
from crosswire.settings import Settings

TOPICS = (1, 5, 6, 7, 9, 11, 12, 13, 14, 16, 18, 19, 20, 21, 22)


def write_topics(articles: Path, topics: set[int], out: Path) -> int:
    """The texts of the ECB+ articles of ``topics`` as a JSONL of ``id`` and ``text``."""
    n = 0
    with out.open("w", encoding="utf-8") as f:
        for line in articles.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record["topic"] in topics:
                f.write(json.dumps({"id": record["id"], "text": record["text"]}) + "\n")
                n += 1
    return n


def extracted(path: Path, settings: Settings) -> dict:
    """The pipeline batch after extract."""
    found = ingest([str(path)], settings.ingest)
    batch = {"documents": found.documents, "rejections": found.rejections}
    Pipeline(pure_stages()[:4]).run(batch, settings, Reporter())
    return batch


def align_all(batch: dict, settings: Settings, nlp, value_events: bool = True) -> list[tuple[str, object]]:
    """(story id, conflict) for every story, aligned with ``settings`` (and the value-event check
    unless ``value_events`` is false)."""
    articles = {a.id: a for a in batch["articles"]}
    shipped = align.ValueEvents
    if not value_events:
        align.ValueEvents = lambda *args, **kwargs: None
    try:
        out = []
        for story in batch["stories"]:
            evidence = batch["evidence"][story.id]
            result = align.align_story(story.id, evidence.claims, articles, batch["families"], settings.align,
                                       story.article_ids, nlp, evidence.entities)
            out.extend((story.id, c) for c in result.conflicts)
        return out
    finally:
        align.ValueEvents = shipped


def listing(batch: dict, found: list[tuple[str, object]]) -> list[dict]:
    articles = {a.id: a for a in batch["articles"]}
    claims = {c.id: c for ev in batch["evidence"].values() for c in ev.claims}
    rows = []
    for story, c in found:
        a, b = (claims.get(i) for i in c.claims) if c.claims else (None, None)
        rows.append({"story": story, "kind": c.kind, "note": c.note,
                     "a": articles[c.a.article_id].span_text(c.a), "b": articles[c.b.article_id].span_text(c.b),
                     "speaker_a": a.attributed_to if a else None, "speaker_b": b.attributed_to if b else None})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, default=None, help="the evaluation data folder (default ../shared/eval)")
    parser.add_argument("--topics", default=",".join(map(str, TOPICS)), help="ECB+ topic numbers, comma-separated")
    parser.add_argument("--list", type=Path, default=None, help="write every conflict here (JSONL) for reading")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each variant (0: no timing)")
    args = parser.parse_args()
    root = args.eval or default_eval_root()
    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "ecb_topics.jsonl"
        n = write_topics(root / "ecbplus" / "articles.jsonl", {int(t) for t in args.topics.split(",")}, corpus)
        print(f"ECB+ topics {args.topics}: {n} articles", flush=True)
        batch = extracted(corpus, settings)
    nlp = load_nlp(settings.extract.spacy_model)
    found = align_all(batch, settings, nlp)
    kinds = collections.Counter(c.kind for _, c in found)
    print(f"stories: {len(batch['stories'])}  conflicts: {len(found)}  by kind: {dict(sorted(kinds.items()))}")
    if args.list:
        args.list.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in listing(batch, found)),
                             encoding="utf-8")
        print(f"listed in {args.list}")
    if args.repeat <= 0:
        return
    without = dataclasses.replace(settings, align=dataclasses.replace(settings.align, conflicts_told_by_both=False))
    variants = {"shipped": (settings, True), "without told_by_both": (without, True),
                "without told_by_both and value events": (without, False)}
    seconds: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(args.repeat):
        for name, (chosen, events) in variants.items():
            start = time.perf_counter()
            align_all(batch, chosen, nlp, events)
            seconds[name].append(time.perf_counter() - start)
    base = statistics.median(seconds["shipped"])
    for name, runs in seconds.items():
        median = statistics.median(runs)
        print(f"align, {name:40} median {median:6.1f} s  ratio to shipped {median / base:.2f}  runs {[round(r, 1) for r in runs]}")


if __name__ == "__main__":
    main()
