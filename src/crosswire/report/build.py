"""The dossier as JSON-ready data: every cited span carries its exact text."""

from __future__ import annotations

from collections.abc import Sequence

from .. import __version__
from ..model import Article, Dossier, Family, Span
from ..provenance import independent_origins

SCHEMA_VERSION = "1.0"


def span_json(span: Span, articles: dict[str, Article]) -> dict:
    """``{"article", "start", "end", "text"}``; ``text`` is the cleaned text the span covers."""
    return {
        "article": span.article_id,
        "start": span.start,
        "end": span.end,
        "text": articles[span.article_id].span_text(span),
    }


def _support(spans: Sequence[Span], articles: dict[str, Article], families: Sequence[Family]) -> dict:
    outlets = {articles[s.article_id].label for s in spans}
    return {"outlets": len(outlets), "origins": independent_origins(spans, families)}


def article_json(a: Article) -> dict:
    """An article as the dossier shows it: metadata, cleaned text, repairs and sentence offsets."""
    return {
        "id": a.id, "source": a.source, "title": a.title, "url": a.url, "outlet": a.outlet, "author": a.author,
        "published": a.published.isoformat() if a.published else None, "published_source": a.published_source,
        "language": a.language, "label": a.label, "text": a.text, "repairs": list(a.repairs),
        "sentences": [[s.start, s.end] for s in a.sentences],
    }


def dossier_json(d: Dossier) -> dict:
    """The dossier of one story in the shape of ``dossier-1.0.json``."""
    articles = {a.id: a for a in d.articles}
    span = lambda s: span_json(s, articles)  # noqa: E731
    claims = {c.id: c for c in d.evidence.claims}
    groups = []
    for g in d.alignment.groups:
        head = claims[g.claims[0]]
        groups.append({
            "id": g.id, "text": head.text, "spans": [span(s) for s in g.spans], "outlets": list(g.outlets),
            "support": {"outlets": g.support.outlets, "origins": g.support.origins},
            "single_source": g.single_source, "attributed_to": list(g.attributed_to),
            "first_published": g.first_published.isoformat() if g.first_published else None,
            "hedged": any(claims[c].hedged for c in g.claims), "negated": any(claims[c].negated for c in g.claims),
            "values": [
                {"kind": v.kind, "expression": v.expression, "value": v.value, "unit": v.unit,
                 "approximate": v.approximate, "span": span(v.span)}
                for c in g.claims for v in claims[c].values
            ],
        })
    story = d.story
    return {
        "schema_version": SCHEMA_VERSION,
        "crosswire_version": __version__,
        "story": {
            "id": story.id, "title": story.title, "article_count": len(story.article_ids),
            "outlets": sorted({a.label for a in d.articles}),
            "first_published": story.first_published.isoformat() if story.first_published else None,
            "last_published": story.last_published.isoformat() if story.last_published else None,
        },
        "summary": [
            {"text": s.text, "cite": span(s.span), "support": [span(x) for x in s.support],
             "counts": _support((s.span, *s.support), articles, d.families)}
            for s in d.summary.sentences
        ],
        "claims": groups,
        "corroborated": [g["id"] for g in groups if g["support"]["outlets"] > 1],
        "single_source": [g["id"] for g in groups if g["single_source"]],
        "conflicts": [{"kind": c.kind, "a": span(c.a), "b": span(c.b), "note": c.note} for c in d.alignment.conflicts],
        "updates": [{"kind": c.kind, "a": span(c.a), "b": span(c.b), "note": c.note} for c in d.alignment.updates],
        "quotes": [
            {"id": q.id, "kind": q.kind, "span": span(q.span), "speaker": q.speaker,
             "speaker_span": span(q.speaker_span) if q.speaker_span else None, "speaker_entity": q.speaker_entity,
             "cue": q.cue, "channel": q.channel}
            for q in d.evidence.quotes
        ],
        "entities": [
            {"id": e.id, "name": e.name, "type": e.type, "variants": list(e.variants),
             "mentions": [span(m) for m in e.mentions], "external_id": e.external_id}
            for e in d.evidence.entities
        ],
        "provenance": {
            "reuse": [{"kind": r.kind, "a": span(r.a), "b": span(r.b), "score": r.score, "direction": r.direction}
                      for r in d.reuse],
            "families": [
                {"id": f.id, "kind": f.kind, "origin": f.origin, "members": [span(m) for m in f.members],
                 "outlets": len({articles[m.article_id].label for m in f.members}), "origins": 1}
                for f in d.families
            ],
        },
        "timeline": [
            {"date": e.date.isoformat(), "expression": e.expression, "span": span(e.span), "inferred": e.inferred}
            for e in d.summary.timeline
        ],
        "articles": [article_json(a) for a in d.articles],
    }


def iter_spans(data: object):
    """Every span object (a dict with article/start/end/text) anywhere in a dossier."""
    if isinstance(data, dict):
        if {"article", "start", "end", "text"} <= set(data):
            yield data
        for value in data.values():
            yield from iter_spans(value)
    elif isinstance(data, list):
        for item in data:
            yield from iter_spans(item)


def check_citations(dossier: dict) -> list[str]:
    """Spans whose text does not round-trip to the article's cleaned text (empty when all do)."""
    texts = {a["id"]: a["text"] for a in dossier["articles"]}
    bad = []
    for s in iter_spans({k: v for k, v in dossier.items() if k != "articles"}):
        if texts.get(s["article"], "\0")[s["start"] : s["end"]] != s["text"]:
            bad.append(f"{s['article']}:{s['start']}:{s['end']}")
    return bad
