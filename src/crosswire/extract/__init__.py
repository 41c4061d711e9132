"""Evidence extraction, pure: entities, quotes with speakers, claims with normalised values.

The spaCy pipeline is loaded explicitly and cached (:func:`crosswire.extract.nlp.load_nlp`);
nothing loads at import time. :func:`run_stage` is the pipeline stage:

1. parse every article the model reads (:func:`readable`: its language is one the model reads)
   once, with the cleaning stage's sentence boundaries;
2. per story: entity mentions → canonical entities (:func:`canonicalise`), quotes with speakers and
   channels (:func:`find_quotes`), claims with values (:func:`find_claims`);
3. link each quote's speaker to its canonical entity, and group the same quote across articles
   (:func:`group_quotes`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..clean import crossheads
from ..model import Entity, Evidence, Quote, Span
from .claims import find_claims
from .dates import resolve_date
from .entities import article_mentions, canonicalise, canonicalise_store
from .nlp import load_nlp, parse
from .quote_groups import group_quotes, story_theme
from .quotes import find_quotes

__all__ = [
    "article_mentions", "canonicalise", "canonicalise_store", "find_claims", "find_quotes", "group_quotes",
    "language_code", "load_nlp", "parse", "readable", "resolve_date", "run_stage",
]


def _with_sentences(doc, article):
    """Make spaCy use the cleaning stage's sentences, so both stages agree on boundaries."""
    starts = {s.start for s in article.sentences}
    if not starts:
        return doc
    for token in doc:
        token.is_sent_start = token.i == 0 or token.idx in starts or token.is_space
    return doc


def link_speakers(quotes: list[Quote], entities: tuple[Entity, ...]) -> list[Quote]:
    """Set ``speaker_entity`` on quotes whose speaker span is a mention of a canonical entity."""
    by_article: dict[str, list[tuple[int, int, str]]] = {}
    for entity in entities:
        for span in entity.mentions:
            by_article.setdefault(span.article_id, []).append((span.start, span.end, entity.id))
    out = []
    for quote in quotes:
        found = None
        if quote.speaker_span is not None:
            s = quote.speaker_span
            hits = [(min(e, s.end) - max(b, s.start), eid) for b, e, eid in by_article.get(s.article_id, ())
                    if 2 * (min(e, s.end) - max(b, s.start)) >= max(len(s), e - b)]
            found = max(hits)[1] if hits else None
        out.append(replace(quote, speaker_entity=found) if found else quote)
    return out


def story_evidence(story, docs, articles, settings) -> Evidence:
    """Entities, quotes (linked and grouped) and claims of one story's parsed articles; a subhead
    (:func:`~crosswire.clean.crossheads`) gives no claim and no unattributed quote."""
    xs = settings.extract
    mentions, quotes, claims = [], [], []
    for aid in story.article_ids:
        doc, article = docs.get(aid), articles[aid]
        if doc is None:  # a language the model does not read
            continue
        mentions.extend(article_mentions(doc, aid))
        found = find_quotes(doc, aid, xs.min_quote_chars, xs.max_frame_tokens, xs.reported_speech,
                            xs.min_unattributed_words)
        heads = [Span(aid, a, b) for a, b in crossheads(article.text, xs.crosshead_max_words)]
        in_head = lambda span, heads=heads: any(head.contains(span) for head in heads)
        found = [q for q in found if q.speaker or not in_head(q.span)]
        quotes.extend(found)
        claims.extend(c for c in find_claims(doc, aid, article.published, found) if not in_head(c.span))
    texts = {aid: articles[aid].text for aid in story.article_ids}
    entities = canonicalise(mentions, story.id, texts)
    quotes = link_speakers(quotes, entities)
    people = {e.id for e in entities if e.type == "PERSON"}
    theme = story_theme(texts, quotes, xs.quote_theme_share, xs.quote_theme_min_articles)
    groups = group_quotes(quotes, texts, xs.quote_match, xs.quote_group_min_words, people, xs.quote_group_min_shared,
                          theme)
    return Evidence(story.id, entities, tuple(quotes), tuple(claims), groups)


def language_code(language: str | None) -> str | None:
    """An ISO 639 code from a detected or given language ("en-US", "EN_gb" → ``en``); ``None`` for
    none, or for a value that is no such code ("english", "Deutsch"): not known to be unreadable."""
    if not language:
        return None
    code = re.split(r"[-_]", language.strip().lower(), maxsplit=1)[0]
    return code if 2 <= len(code) <= 3 and code.isalpha() else None


def readable(article, languages, sure_chars: int = 200) -> bool:
    """Whether the extraction model reads the article: its language (:func:`language_code`) is one
    of ``languages`` or unknown, or the text is shorter than ``sure_chars``, too short for the
    detection to be sure (``ExtractSettings.language_sure_chars``)."""
    code = language_code(article.language)
    return code is None or code in languages or len(article.text) < sure_chars


def run_stage(batch, settings, advance):
    """Pipeline stage: parse every article the model reads (:func:`readable`) once, then gather
    evidence story by story; an article in another language gives none."""
    articles = {a.id: a for a in batch["articles"]}
    nlp = load_nlp(settings.extract.spacy_model)
    xs = settings.extract
    ids = [aid for aid, a in articles.items() if readable(a, xs.languages, xs.language_sure_chars)]
    advance(len(articles) - len(ids))
    prepared = [_with_sentences(nlp.make_doc(articles[i].text), articles[i]) for i in ids]
    docs = dict.fromkeys(articles)
    for aid, doc in zip(ids, nlp.pipe(prepared, batch_size=16)):
        docs[aid] = doc
        advance(1)
    evidence = {story.id: story_evidence(story, docs, articles, settings) for story in batch["stories"]}
    return {"evidence": evidence}
