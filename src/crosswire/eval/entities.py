"""ECB+ entity chains: loader, mention location and B³ of canonical entities within each topic.

ECB+ records (``ecbplus/articles.jsonl``) carry ``mentions`` as ``{type, chain, text}`` without
offsets. Entity mentions are those whose type does not start with ``ACTION``; each is located in the
article text by string search, the *k*-th listed mention of a text taking its *k*-th occurrence
(whole words only). A gold mention is *named* when its text starts with a capital letter and is not
a pronoun; pronouns and common nouns are beyond a named-entity canonicaliser.

B³ (Bagga & Baldwin 1998) is computed per topic over the located gold mentions: a system cluster is
the canonical entity whose mention overlaps the gold mention; a gold mention that no system mention
overlaps is a singleton of its own. Scores are averaged over mentions of all topics (micro).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import CrosswireError

PRONOUNS = frozenset(
    ["i", "me", "my", "he", "him", "his", "she", "her", "hers", "it", "its", "we", "us", "our", "they", "them", "their", "this", "that", "these", "those", "who", "whom", "which", "what", "one", "ones", "himself", "herself", "itself", "themselves"]
)


@dataclass(frozen=True)
class GoldMention:
    doc_id: str
    start: int
    end: int
    chain: str
    type: str
    text: str

    @property
    def named(self) -> bool:
        return self.text[:1].isupper() and self.text.lower() not in PRONOUNS


@dataclass(frozen=True)
class EcbDoc:
    id: str
    topic: int
    text: str
    mentions: tuple[GoldMention, ...]


def locate(text: str, listed: Iterable[dict], doc_id: str) -> list[GoldMention]:
    """Character spans for listed mentions: the k-th listing of a text takes its k-th whole-word occurrence."""
    seen: dict[str, int] = defaultdict(int)
    out = []
    for mention in listed:
        surface = mention["text"]
        occurrences = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text)]
        k = seen[surface]
        seen[surface] += 1
        if k < len(occurrences):
            start = occurrences[k]
            out.append(GoldMention(doc_id, start, start + len(surface), mention["chain"], mention["type"], surface))
    return out


def load_ecbplus(path: Path | str, topics: Iterable[int] | None = None) -> list[EcbDoc]:
    """ECB+ documents with located entity mentions (``path`` is ``…/ecbplus/articles.jsonl``)."""
    path = Path(path)
    if not path.exists():
        raise CrosswireError(f"no ECB+ file at {path}")
    wanted = set(topics) if topics is not None else None
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if wanted is not None and record["topic"] not in wanted:
            continue
        entity_mentions = [m for m in record["mentions"] if not m["type"].startswith("ACTION")]
        docs.append(EcbDoc(record["id"], record["topic"], record["text"],
                           tuple(locate(record["text"], entity_mentions, record["id"]))))
    return docs


def b_cubed(gold: Mapping[object, str], system: Mapping[object, str]) -> tuple[float, float, float]:
    """B³ precision, recall and F1 of ``system`` clusters against ``gold`` clusters over the same items."""
    if not gold:
        return 0.0, 0.0, 0.0
    gold_sets: dict[str, set] = defaultdict(set)
    system_sets: dict[str, set] = defaultdict(set)
    for item, cluster in gold.items():
        gold_sets[cluster].add(item)
    for item, cluster in system.items():
        system_sets[cluster].add(item)
    precision = recall = 0.0
    for item in gold:
        g, s = gold_sets[gold[item]], system_sets[system[item]]
        shared = len(g & s)
        precision += shared / len(s)
        recall += shared / len(g)
    precision, recall = precision / len(gold), recall / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def assign(gold: Iterable[GoldMention], entities: Mapping[str, list[tuple[str, int, int]]]) -> dict:
    """``{gold mention: system cluster}``: the entity with an overlapping mention, else a singleton.

    ``entities`` maps a system cluster id to ``(doc_id, start, end)`` mentions.
    """
    by_doc: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for cluster, mentions in entities.items():
        for doc_id, start, end in mentions:
            by_doc[doc_id].append((start, end, cluster))
    out = {}
    for g in gold:
        hits = [(min(e, g.end) - max(s, g.start), c) for s, e, c in by_doc[g.doc_id] if s < g.end and g.start < e]
        out[g] = max(hits)[1] if hits else f"singleton:{g.doc_id}:{g.start}"
    return out


def string_match_clusters(mentions) -> dict[str, list[tuple[str, int, int]]]:
    """The baseline: one cluster per normalised name."""
    from ..extract.entities import normalise_name

    clusters: dict[str, list] = defaultdict(list)
    for text, _label, span, *_weight in mentions:
        clusters[normalise_name(text)].append((span.article_id, span.start, span.end))
    return clusters


def crosswire_clusters(mentions, texts) -> dict[str, list[tuple[str, int, int]]]:
    """crosswire's canonical entities of one topic as clusters of mention spans."""
    from ..extract.entities import canonicalise

    return {e.id: [(s.article_id, s.start, s.end) for s in e.mentions] for e in canonicalise(mentions, "", texts)}


def evaluate_entities(path: Path | str, topics: Iterable[int] | None = None, settings=None) -> dict:
    """B³ of crosswire's canonical entities and of string match, per topic, over named gold mentions.

    Returns ``{"articles", "topics", "named", "detected", "scores": {subset: {system: {p, r, f1}}},
    "median_ms_per_topic": {system: ms}}``; subsets are ``named_detected`` and ``named_all``.
    """
    import statistics
    import time

    from ..extract.entities import article_mentions
    from ..extract.nlp import load_nlp
    from ..settings import Settings

    settings = settings or Settings()
    docs = load_ecbplus(path, topics)
    nlp = load_nlp(settings.extract.spacy_model)
    parsed = dict(zip((d.id for d in docs), nlp.pipe([d.text for d in docs], batch_size=32)))
    by_topic: dict[int, list[EcbDoc]] = defaultdict(list)
    for d in docs:
        by_topic[d.topic].append(d)
    systems = {"crosswire": crosswire_clusters, "string match": lambda ms, _texts: string_match_clusters(ms)}
    assigned: dict[str, dict] = {name: {} for name in systems}
    timings: dict[str, list[float]] = {name: [] for name in systems}
    gold: dict = {}
    for topic, topic_docs in sorted(by_topic.items()):
        mentions = [m for d in topic_docs for m in article_mentions(parsed[d.id], d.id)]
        named = [g for d in topic_docs for g in d.mentions if g.named]
        for name, cluster in systems.items():
            t0 = time.perf_counter()
            clusters = cluster(mentions, [d.text for d in topic_docs])
            timings[name].append((time.perf_counter() - t0) * 1000)
            assigned[name].update({(topic, g): c for g, c in assign(named, clusters).items()})
        gold.update({(topic, g): f"{topic}:{g.chain}" for g in named})
    detected = {k: v for k, v in gold.items() if not assigned["string match"][k].startswith("singleton:")}
    scores: dict = {}
    for subset, gold_map in (("named_detected", detected), ("named_all", gold)):
        scores[subset] = {}
        for name in systems:
            p, r, f = b_cubed(gold_map, {k: assigned[name][k] for k in gold_map})
            scores[subset][name] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
    return {"articles": len(docs), "topics": len(by_topic), "named": len(gold), "detected": len(detected),
            "scores": scores,
            "median_ms_per_topic": {n: round(statistics.median(t), 2) for n, t in timings.items() if t}}
