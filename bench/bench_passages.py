"""Passage alignment and origin families on the bundled example (five reports of one event).

    python bench/bench_passages.py [--seeds examples/seeds] [--no-semantic]

Runs clean + provenance over the example and checks, without telling the code anything about
the texts:

1. **one family for the relayed statement**: the statement each report relays is located here,
   in the bench, as the sentence holding the phrase "negotiations between" (all five translations
   keep it); a passage family must hold all five of those sentences (overlap ≥ 50 % of each);
2. **the long shared passage aligned end to end**: for every pair of reports, the longest run of
   (almost) identical text is found by a character diff independent of crosswire (blocks joined
   across gaps of ≤ 3 characters, e.g. "B." and "B"); for the pair with the longest run, a passage
   link must cover it on both sides (≥ 95 % of its characters each side).

Prints the families with outlets and independent origins, the reuse links, and the time taken.
"""

from __future__ import annotations

import argparse
import difflib
import sys
import time
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from crosswire.clean import run_stage as clean_stage
from crosswire.ingest import ingest
from crosswire.model import Span
from crosswire.provenance import independent_origins, run_stage
from crosswire.settings import Settings

MARKER = "negotiations between"


def load(seeds: Path, settings: Settings):
    ingested = ingest(sorted(str(p) for p in seeds.glob("*.txt")), settings.ingest, lambda n: None)
    batch = {"documents": ingested.documents, "rejections": ingested.rejections}
    return clean_stage(batch, settings, lambda n: None)["articles"]


def statement_sentence(article) -> Span | None:
    for s in article.sentences:
        if MARKER in article.text[s.start : s.end]:
            return s.span
    return None


def longest_shared_run(a: str, b: str, join_gap: int = 3) -> tuple[int, int, int, int]:
    """``(a_start, a_end, b_start, b_end)`` of the longest run of identical text, blocks joined
    across small gaps on both sides."""
    blocks = [m for m in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks() if m.size]
    best, run = (0, 0, 0, 0), None
    for m in blocks:
        if run and m.a - run[1] <= join_gap and m.b - run[3] <= join_gap and m.a >= run[1] and m.b >= run[3]:
            run = [run[0], m.a + m.size, run[2], m.b + m.size]
        else:
            run = [m.a, m.a + m.size, m.b, m.b + m.size]
        if run[1] - run[0] > best[1] - best[0]:
            best = tuple(run)
    return best


def covered(span: Span, lo: int, hi: int) -> float:
    return max(0, min(span.end, hi) - max(span.start, lo)) / max(1, hi - lo)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=Path, default=Path(__file__).resolve().parents[1] / "examples" / "seeds")
    parser.add_argument("--no-semantic", action="store_true", help="lexical alignment only (no MiniLM)")
    parser.add_argument("--ecb", type=Path, default=None,
                        help="instead: count links on ECB+ (articles.jsonl) by same event / other event / other topic")
    args = parser.parse_args(argv)
    if args.ecb:
        return ecb_links(args.ecb, not args.no_semantic)
    settings = Settings().replace("provenance", semantic=not args.no_semantic)
    articles = load(args.seeds, settings)
    by_id = {a.id: a for a in articles}
    start = time.perf_counter()
    out = run_stage({"articles": articles}, settings, lambda n: None)
    took = time.perf_counter() - start
    links, families = out["reuse"], out["families"]
    print(f"{len(articles)} articles, semantic={settings.provenance.semantic}: {len(links)} reuse links, "
          f"{len(families)} families in {took:.2f} s"
          + (" (including loading MiniLM)" if settings.provenance.semantic else ""))
    for f in families:
        outlets = len({by_id[m.article_id].label for m in f.members})
        print(f"  {f.id} {f.kind:<8} outlets={outlets} independent origins="
              f"{independent_origins(f.members, families)} origin={f.origin or 'unknown'}")
        for m in f.members:
            print(f"      {by_id[m.article_id].label[:28]:<28} {m.start:>5}-{m.end:<5} "
                  f"{by_id[m.article_id].text[m.start:m.end][:90]!r}")
    ok_family = check_family(articles, families)
    ok_passage = check_long_passage(articles, links)
    outlets = len({a.label for a in articles})
    statement = [statement_sentence(a) for a in articles]
    print(f"statement: outlets={outlets}, independent origins={independent_origins([s for s in statement if s], families)}")
    print(f"RESULT family across all five: {'PASS' if ok_family else 'FAIL'}; "
          f"long passage end to end: {'PASS' if ok_passage else 'FAIL'}")
    return 0 if ok_family and ok_passage else 1


def check_family(articles, families) -> bool:
    targets = {a.id: statement_sentence(a) for a in articles}
    print(f"statement sentence found in {sum(t is not None for t in targets.values())} of {len(articles)} reports")
    for f in families:
        hit = {aid for aid, t in targets.items() if t and any(covered(m, t.start, t.end) >= 0.5 for m in f.members)}
        if len(hit) == len(articles):
            print(f"family {f.id} holds the relayed statement in all {len(articles)} reports")
            return True
    return False


def check_long_passage(articles, links) -> bool:
    runs = {(a.id, b.id): longest_shared_run(a.text, b.text) for a, b in combinations(articles, 2)}
    (ia, ib), (a0, a1, b0, b1) = max(runs.items(), key=lambda kv: kv[1][1] - kv[1][0])
    by_id = {a.id: a for a in articles}
    print(f"longest shared run: {a1 - a0} characters between {by_id[ia].label} and {by_id[ib].label}")
    best = 0.0
    for link in links:
        sa, sb = (link.a, link.b) if link.a.article_id == ia else (link.b, link.a)
        if {sa.article_id, sb.article_id} == {ia, ib}:
            cov = min(covered(sa, a0, a1), covered(sb, b0, b1))
            best = max(best, cov)
            if cov >= 0.95:
                print(f"  aligned by one passage link (score {link.score}): {sa.start}-{sa.end} ↔ {sb.start}-{sb.end}, "
                      f"covering {cov:.1%} of the run on both sides")
                return True
    print(f"  best coverage by one link: {best:.1%}")
    return False


def ecb_links(path: Path, semantic: bool) -> int:
    """Reuse links among ECB+ articles by relation: links between *different* events of one topic
    (independent reports) are mostly formula or boilerplate, a proxy for false passage links."""
    import json
    from collections import Counter

    from crosswire.clean.sentences import split_sentences
    from crosswire.model import Article
    from crosswire.provenance import MemoryIndex, update

    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    articles = [Article(r["id"], r["id"], r["text"], r["text"], None, None, None, None, None, "unknown", None,
                        split_sentences(r["text"], r["id"])) for r in records]
    event = {r["id"]: (r["topic"], r["event"]) for r in records}
    settings = Settings().replace("provenance", semantic=semantic).provenance
    counts: Counter = Counter()
    for link in update(articles, MemoryIndex(), settings).reuse:
        a, b = event[link.a.article_id], event[link.b.article_id]
        counts[(link.kind, "same event" if a == b else "other event, same topic" if a[0] == b[0] else "other topic")] += 1
    print(f"{len(articles)} ECB+ articles, semantic={semantic}")
    for (kind, relation), n in sorted(counts.items()):
        print(f"  {kind:<15} {relation:<24} {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
