"""Cross-document entity canonicalisation on ECB+: B³ within each topic, crosswire against string match.

Usage::

    python bench/bench_entities_ecb.py ../shared/eval/ecbplus/articles.jsonl

Each topic's articles are parsed once (spaCy, the model in ``ExtractSettings``); the same NER mentions
are clustered by crosswire's :func:`~crosswire.extract.entities.canonicalise` and by the usual
baseline, exact match of normalised names. Gold: ECB+ chains of non-ACTION mentions (see
:mod:`crosswire.eval.entities`). Two mention sets are scored: *named & detected* (named gold mentions
that an NER mention overlaps: the quality of canonicalisation itself) and *named* (all named gold
mentions, undetected ones as singletons: NER misses count too).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict

from crosswire.eval.entities import assign, b_cubed, load_ecbplus
from crosswire.extract.entities import article_mentions, canonicalise, normalise_name
from crosswire.extract.nlp import load_nlp
from crosswire.settings import Settings


def string_match(mentions) -> dict[str, list]:
    clusters: dict[str, list] = defaultdict(list)
    for text, _label, span in mentions:
        clusters[normalise_name(text)].append((span.article_id, span.start, span.end))
    return clusters


def crosswire_clusters(mentions, texts) -> dict[str, list]:
    return {e.id: [(s.article_id, s.start, s.end) for s in e.mentions] for e in canonicalise(mentions, "", texts)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", help="path to eval/ecbplus/articles.jsonl")
    parser.add_argument("--topics", type=int, nargs="*", default=None)
    args = parser.parse_args()
    docs = load_ecbplus(args.articles, args.topics)
    nlp = load_nlp(Settings().extract.spacy_model)
    parsed = dict(zip((d.id for d in docs), nlp.pipe([d.text for d in docs], batch_size=32)))
    by_topic = defaultdict(list)
    for d in docs:
        by_topic[d.topic].append(d)
    gold_all, gold_detected = {}, {}
    system = {"crosswire": {}, "string match": {}}
    ms = {"crosswire": [], "string match": []}
    for topic, topic_docs in sorted(by_topic.items()):
        mentions = [m for d in topic_docs for m in article_mentions(parsed[d.id], d.id)]
        texts = [d.text for d in topic_docs]
        named = [g for d in topic_docs for g in d.mentions if g.named]
        for name, fn in (("crosswire", lambda: crosswire_clusters(mentions, texts)),
                         ("string match", lambda: string_match(mentions))):
            t0 = time.perf_counter()
            clusters = fn()
            ms[name].append((time.perf_counter() - t0) * 1000)
            system[name].update({(topic, g): c for g, c in assign(named, clusters).items()})
        for g in named:
            gold_all[(topic, g)] = f"{topic}:{g.chain}"
            if not system["string match"][(topic, g)].startswith("singleton:"):
                gold_detected[(topic, g)] = f"{topic}:{g.chain}"
    print(f"ECB+: {len(docs)} articles, {len(by_topic)} topics, {len(gold_all)} named gold entity mentions "
          f"located, {len(gold_detected)} detected by NER")
    print(f"{'mentions':<20} {'system':<14} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6}")
    for label, gold in (("named & detected", gold_detected), ("named (all)", gold_all)):
        scores = {}
        for name in system:
            sys_map = {k: system[name][k] for k in gold}
            scores[name] = b_cubed(gold, sys_map)
            p, r, f = scores[name]
            print(f"{label:<20} {name:<14} {p:6.3f} {r:6.3f} {f:6.3f}")
        print(f"{'':<20} ΔF1 crosswire − string match: {scores['crosswire'][2] - scores['string match'][2]:+.3f}")
    print(f"median ms per topic (clustering only): crosswire {statistics.median(ms['crosswire']):.2f}, "
          f"string match {statistics.median(ms['string match']):.2f}")


if __name__ == "__main__":
    main()
