"""The dossier as JSON-ready data: every cited span carries its exact text."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence

from .. import __version__
from ..align import attributed_origins, known_outlets
from ..extract import readable
from ..model import Article, Dossier, Family, Span, Story, outlet_labels

SCHEMA_VERSION = "1.0"


def span_json(span: Span, articles: dict[str, Article]) -> dict:
    """``{"article", "start", "end", "text"}``; ``text`` is the cleaned text the span covers."""
    return {
        "article": span.article_id,
        "start": span.start,
        "end": span.end,
        "text": articles[span.article_id].span_text(span),
    }


def _support(spans: Sequence[Span], articles: dict[str, Article], families: Sequence[Family],
             speaker: str | None = None, said_by: Mapping[Span, str | None] | None = None) -> dict:
    """Outlets (``unknown``: how many of them are reports of unknown outlet) and independent
    origins of ``spans``; words of one named ``speaker`` are one origin, and so are claims
    attributed to one speaker (``said_by``: a claim's span → whom it is attributed to), as the
    claim groups count them."""
    outlets, unknown = outlet_labels(articles[s.article_id] for s in spans)
    items = [(s, speaker if speaker is not None else (said_by or {}).get(s)) for s in spans]
    origins = attributed_origins(items, families, known_outlets(articles))
    return {"outlets": len(outlets), "unknown": unknown, "origins": origins}


def article_json(a: Article, languages: Collection[str] | None = None, sure_chars: int = 200) -> dict:
    """An article as the dossier shows it: metadata, cleaned text, repairs and sentence offsets, and,
    when ``languages`` are given, whether extraction read it (``analysed``:
    :func:`crosswire.extract.readable`); without them nothing is said about it."""
    out = {
        "id": a.id, "source": a.source, "title": a.title, "url": a.url, "outlet": a.outlet, "author": a.author,
        "published": a.published.isoformat() if a.published else None, "published_source": a.published_source,
        "language": a.language, "label": a.label, "text": a.text, "repairs": list(a.repairs),
        "sentences": [[s.start, s.end] for s in a.sentences],
    }
    if languages is not None:
        out["analysed"] = readable(a, languages, sure_chars)
    return out


def _claims_json(d: Dossier, span) -> list[dict]:
    claims = {c.id: c for c in d.evidence.claims}
    matrix = dict(zip((g.id for g in d.alignment.groups), d.alignment.matrix))
    groups = []
    for g in d.alignment.groups:
        members = [claims[c] for c in g.claims]
        groups.append({
            "id": g.id, "text": members[0].text, "spans": [span(s) for s in g.spans], "outlets": list(g.outlets),
            "support": {"outlets": g.support.outlets, "unknown": g.support.unknown_outlets,
                        "origins": g.support.origins},
            "single_source": g.single_source, "sourcing": g.sourcing, "attributed_to": list(g.attributed_to),
            "unshared": [span(s) for s in g.unshared], "told_in_parts": [span(s) for s in g.told_in_parts],
            "details": g.details,
            "first_published": g.first_published.isoformat() if g.first_published else None,
            "score": g.score, "hedged": any(c.hedged for c in members), "negated": any(c.negated for c in members),
            "values": [
                {"kind": v.kind, "expression": v.expression, "value": v.value, "unit": v.unit,
                 "approximate": v.approximate, "span": span(v.span)}
                for c in members for v in c.values
            ],
            "cells": list(matrix.get(g.id, ())),
        })
    return groups


def _pair_json(c, span) -> dict:
    return {"kind": c.kind, "a": span(c.a), "b": span(c.b), "note": c.note,
            "parts": [span(p) for p in c.parts], "claims": list(c.claims)}


def _quotes_json(d: Dossier, span) -> list[dict]:
    maybe = lambda s: span(s) if s else None
    return [
        {"id": q.id, "kind": q.kind, "span": span(q.span), "speaker": q.speaker, "speaker_span": maybe(q.speaker_span),
         "speaker_mention": maybe(q.speaker_mention), "speaker_entity": q.speaker_entity, "cue": q.cue,
         "cue_span": maybe(q.cue_span), "channel": q.channel, "channel_span": maybe(q.channel_span),
         "part_of": q.part_of}
        for q in d.evidence.quotes
    ]


def _quote_groups_json(d: Dossier, span, articles: dict[str, Article]) -> list[dict]:
    groups = []
    for g in d.evidence.quote_groups:
        spans = [v.span for v in g.variants]
        groups.append({
            "id": g.id, "reference": g.reference, "speaker": g.speaker, "speaker_entity": g.speaker_entity,
            "counts": _support(spans, articles, d.families, g.speaker),
            "variants": [
                {"quote": v.quote_id, "span": span(v.span), "relation": v.relation, "similarity": v.similarity,
                 "edits": [{"op": e.op, "reference": e.reference, "variant": e.variant} for e in v.edits]}
                for v in g.variants
            ],
        })
    return groups


def _entities_json(d: Dossier, span) -> list[dict]:
    return [
        {"id": e.id, "name": e.name, "type": e.type, "variants": list(e.variants), "spellings": list(e.spellings),
         "acronyms": list(e.acronyms), "mentions": [span(m) for m in e.mentions], "external_id": e.external_id}
        for e in d.evidence.entities
    ]


def _family_json(f: Family, span, articles: dict[str, Article]) -> dict:
    outlets, unknown = outlet_labels(articles[m.article_id] for m in f.members)
    return {"id": f.id, "kind": f.kind, "origin": f.origin, "members": [span(m) for m in f.members],
            "outlets": len(outlets), "unknown": unknown, "origins": 1}


def _provenance_json(d: Dossier, span, articles: dict[str, Article]) -> dict:
    return {
        "reuse": [{"kind": r.kind, "a": span(r.a), "b": span(r.b), "score": r.score, "direction": r.direction}
                  for r in d.reuse],
        "families": [_family_json(f, span, articles) for f in d.families],
    }


def _summary_json(sentences, span, articles: dict[str, Article], families, groups: dict,
                  said_by: Mapping[Span, str | None] | None = None) -> list[dict]:
    """Summary sentences with their citations, the counts of the spans cited (claims attributed to
    one speaker are one origin, ``said_by``), and the claim group they state with its own counts (a
    fact's corroboration can reach beyond the whole sentence)."""
    fact = lambda g: {"id": g.id, "outlets": g.support.outlets, "unknown": g.support.unknown_outlets,
                      "origins": g.support.origins} if g else None
    return [
        {"text": s.text, "cite": span(s.span), "support": [span(x) for x in s.support],
         "counts": _support((s.span, *s.support), articles, families, said_by=said_by),
         "group": fact(groups.get(s.group)),
         "according_to": s.according_to}
        for s in sentences
    ]


def _timeline_json(d: Dossier, span) -> list[dict]:
    return [
        {"date": e.date.isoformat(), "precision": e.precision, "expression": e.expression, "text": e.text,
         "span": span(e.span), "date_span": span(e.date_span) if e.date_span else None,
         "relative": e.relative, "inferred": e.inferred, "support": [span(x) for x in e.support],
         "disputed": list(e.disputed), "background": e.background, "forecast": e.forecast}
        for e in d.summary.timeline
    ]


def _numbered_labels(articles: list[dict]) -> list[dict]:
    """Articles whose labels would repeat (several reports of one outlet) are numbered in their
    dossier order ("Xinhua (1)", "Xinhua (2)"), so that every citation names one article."""
    counts = Counter(a["label"] for a in articles)
    seen: Counter = Counter()
    out = []
    for a in articles:
        if counts[a["label"]] > 1:
            seen[a["label"]] += 1
            a = {**a, "label": f"{a['label']} ({seen[a['label']]})"}
        out.append(a)
    return out


def _story_json(d: Dossier) -> dict:
    story = d.story
    return {
        "id": story.id, "title": story.title, "article_count": len(story.article_ids),
        "outlets": sorted({a.outlet for a in d.articles if a.outlet}),
        "without_outlet": sum(1 for a in d.articles if not a.outlet),
        "first_published": story.first_published.isoformat() if story.first_published else None,
        "last_published": story.last_published.isoformat() if story.last_published else None,
        **_inferred_dates(story, d.articles),
    }


def _inferred_dates(story: Story, articles: Sequence[Article]) -> dict:
    """For a story none of whose articles carries a known date, the first and last of the dates
    inferred for them (from wire datelines or the story), so that its line says when, flagged."""
    if story.first_published is not None:
        return {}
    inferred = sorted(a.published for a in articles if a.published and a.published_source == "inferred")
    return {"inferred_first": inferred[0].isoformat(), "inferred_last": inferred[-1].isoformat()} if inferred else {}


def dossier_json(d: Dossier, languages: Collection[str] | None = None, sure_chars: int = 200) -> dict:
    """The dossier of one story in the shape of ``dossier-1.0.json``; ``languages`` and
    ``sure_chars``: what the extraction model read (``ExtractSettings.languages`` and
    ``language_sure_chars``), to mark the articles it did not."""
    articles = {a.id: a for a in d.articles}
    span = lambda s: span_json(s, articles)
    claims = _claims_json(d, span)
    groups = {g.id: g for g in d.alignment.groups}
    said_by = {c.span: c.attributed_to for c in d.evidence.claims}
    return {
        "schema_version": SCHEMA_VERSION,
        "crosswire_version": __version__,
        "story": _story_json(d),
        "summary": _summary_json(d.summary.sentences, span, articles, d.families, groups, said_by),
        "summary_update": {
            "since": list(d.summary.update_since),
            "sentences": _summary_json(d.summary.update, span, articles, d.families, groups, said_by),
        },
        "summary_llm": _summary_json(d.summary.llm, span, articles, d.families, groups, said_by),
        "dropped": [
            {"text": x.text, "source": x.source, "reason": x.reason, "cites": [span(c) for c in x.cites]}
            for x in d.summary.dropped
        ],
        "claims": claims,
        "matrix": {"sources": list(d.alignment.sources), "cells": ["supports", "silent", "conflicts"]},
        "corroborated": [g["id"] for g in claims if g["support"]["origins"] > 1],
        "single_source": [g["id"] for g in claims if g["single_source"]],
        "conflicts": [_pair_json(c, span) for c in d.alignment.conflicts],
        "updates": [_pair_json(c, span) for c in d.alignment.updates],
        "quotes": _quotes_json(d, span),
        "quote_groups": _quote_groups_json(d, span, articles),
        "entities": _entities_json(d, span),
        "provenance": _provenance_json(d, span, articles),
        "timeline": _timeline_json(d, span),
        "articles": _numbered_labels([article_json(a, languages, sure_chars) for a in d.articles]),
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
