"""Sentence-level passage reuse: sentences of two articles that share most of their content words.

First version (foundation issue): candidates from an inverted index over stemmed content
words, scored by the overlap coefficient ``|A ∩ B| / min(|A|, |B|)``, which tolerates inserted
words, re-punctuation and translation-like rewording better than Jaccard.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ..model import Article, ReuseLink, Span
from ..settings import ProvenanceSettings
from ..textutil import content_words


def stem(word: str) -> str:
    """A crude, language-agnostic stem: the first five characters ("negotiations" → "negot")."""
    return word[:5]


def sentence_terms(article: Article) -> list[tuple[Span, frozenset[str]]]:
    return [
        (s.span, frozenset(stem(w) for w in content_words(article.text[s.start : s.end])))
        for s in article.sentences
    ]


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def direction(a: Article, b: Article) -> str:
    if a.published and b.published and a.published != b.published:
        return "a_to_b" if a.published < b.published else "b_to_a"
    return "unknown"


def find_passage_links(articles: Sequence[Article], settings: ProvenanceSettings) -> list[ReuseLink]:
    """Links between sentences of different articles that share most of their content."""
    by_id = {a.id: a for a in articles}
    units = [(span, terms) for a in articles for span, terms in sentence_terms(a)]
    index: dict[str, list[int]] = defaultdict(list)
    for i, (_, terms) in enumerate(units):
        for term in terms:
            index[term].append(i)
    links = []
    for i, (span, terms) in enumerate(units):
        if len(terms) < settings.passage_min_tokens:
            continue
        shared: dict[int, int] = defaultdict(int)
        for term in terms:
            for j in index[term]:
                if j > i and units[j][0].article_id != span.article_id:
                    shared[j] += 1
        for j, count in shared.items():
            other_span, other_terms = units[j]
            if len(other_terms) < settings.passage_min_tokens:
                continue
            score = count / min(len(terms), len(other_terms))
            if score >= settings.passage_min_score:
                a, b = by_id[span.article_id], by_id[other_span.article_id]
                links.append(ReuseLink("passage", span, other_span, round(score, 4), direction(a, b)))
    return links
