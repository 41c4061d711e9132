"""Cross-document entity canonicalisation on ECB+: B³ within each topic, crosswire against string match.

Usage::

    python bench/bench_entities_ecb.py ../shared/eval/ecbplus/articles.jsonl

Each topic's articles are parsed once (spaCy, the model in ``ExtractSettings``); the same NER mentions
are clustered by crosswire's :func:`~crosswire.extract.entities.canonicalise` and by the usual
baseline, exact match of normalised names. Gold: ECB+ chains of non-ACTION mentions (see
:mod:`crosswire.eval.entities`). Two mention sets are scored: *named & detected* (named gold mentions
that an NER mention overlaps: the quality of canonicalisation itself) and *named (all)* (undetected
ones as singletons: NER misses count too).
"""

from __future__ import annotations

import argparse
import json

from crosswire.eval.entities import evaluate_entities


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", help="path to eval/ecbplus/articles.jsonl")
    parser.add_argument("--topics", type=int, nargs="*", default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    report = evaluate_entities(args.articles, args.topics)
    if args.json:
        print(json.dumps(report, indent=1))
        return
    print(f"ECB+: {report['articles']} articles, {report['topics']} topics, {report['named']} named gold entity "
          f"mentions located, {report['detected']} detected by NER")
    print(f"{'mentions':<16} {'system':<14} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6}")
    for subset, systems in report["scores"].items():
        for name, s in systems.items():
            print(f"{subset:<16} {name:<14} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f}")
        delta = systems["crosswire"]["f1"] - systems["string match"]["f1"]
        print(f"{'':<16} ΔF1 crosswire − string match: {delta:+.3f}")
    ms = report["median_ms_per_topic"]
    print(f"median ms per topic (clustering only): crosswire {ms['crosswire']}, string match {ms['string match']}, "
          f"ratio {ms['crosswire'] / max(ms['string match'], 1e-9):.1f}")


if __name__ == "__main__":
    main()
