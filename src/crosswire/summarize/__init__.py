"""Summary and timeline, pure.

First version (foundation issue): an extractive summary of central, well-supported sentences.
Each candidate is a claim group's earliest sentence; it scores by centrality (mean TF-IDF
cosine to the story's other claims) times independent support, and is skipped when it repeats
a sentence already chosen. Every summary sentence cites its own span and the spans of the
other claims in its group.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from ..model import Alignment, Article, Claim, Evidence, Summary, SummarySentence, TimelineEvent
from ..textutil import content_words, jaccard

__all__ = ["run_stage", "summarize_story", "timeline"]


def _centrality(texts: list[str]) -> list[float]:
    if len(texts) < 2:
        return [1.0] * len(texts)
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectors = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    sims = (vectors @ vectors.T).toarray()
    return [(row.sum() - 1.0) / (len(texts) - 1) for row in sims]


def summarize_story(
    evidence: Evidence, alignment: Alignment, articles: dict[str, Article], words: int, redundancy: float
) -> tuple[SummarySentence, ...]:
    """Pick cited sentences until ``words`` words are used."""
    claims = {c.id: c for c in evidence.claims}
    groups = [g for g in alignment.groups if g.claims]
    heads: list[Claim] = [claims[g.claims[0]] for g in groups]
    centrality = _centrality([c.text for c in heads])
    scored = sorted(
        zip(groups, heads, centrality),
        key=lambda x: -(x[2] * (1 + math.log(x[0].support.origins)) * (1 + 0.5 * math.log(x[0].support.outlets))),
    )
    chosen: list[SummarySentence] = []
    chosen_terms: list[set[str]] = []
    used = 0
    for group, head, score in scored:
        text = articles[head.span.article_id].span_text(head.span)
        terms = set(content_words(text))
        n = len(text.split())
        if used + n > words or any(jaccard(terms, t) > redundancy for t in chosen_terms):
            continue
        chosen.append(SummarySentence(text, head.span, tuple(s for s in group.spans if s != head.span), round(score, 4)))
        chosen_terms.append(terms)
        used += n
    order = {a: (articles[a].published or dt.date.max, a) for a in articles}
    return tuple(sorted(chosen, key=lambda s: (order[s.span.article_id], s.span.start)))


def timeline(evidence: Evidence, articles: dict[str, Article]) -> tuple[TimelineEvent, ...]:
    """Dated events: claims with a resolved date value, earliest first."""
    events = []
    for claim in evidence.claims:
        article = articles[claim.span.article_id]
        for value in claim.values:
            if value.kind == "date":
                events.append(
                    TimelineEvent(
                        dt.date.fromisoformat(str(value.value)),
                        claim.span,
                        value.expression,
                        inferred=article.published_source == "inferred",
                    )
                )
    return tuple(sorted(events, key=lambda e: (e.date, e.span)))


def run_stage(batch, settings, advance):
    """Pipeline stage: a cited summary and a timeline per story."""
    articles = {a.id: a for a in batch["articles"]}
    summaries = {}
    for story in batch["stories"]:
        evidence, alignment = batch["evidence"][story.id], batch["alignment"][story.id]
        sentences = summarize_story(
            evidence, alignment, articles, settings.summarize.words, settings.summarize.redundancy
        )
        summaries[story.id] = Summary(story.id, sentences, timeline(evidence, articles))
        advance(1)
    return {"summaries": summaries}
