"""Evidence extraction, pure: entities, quotes with speakers, claims with normalised values.

The spaCy pipeline is loaded explicitly and cached (:func:`crosswire.extract.nlp.load_nlp`);
nothing loads at import time.
"""

from __future__ import annotations

from ..model import Evidence
from .claims import find_claims
from .entities import article_mentions, canonicalise
from .nlp import load_nlp, parse
from .quotes import find_quotes

__all__ = ["article_mentions", "canonicalise", "find_claims", "find_quotes", "load_nlp", "run_stage"]


def _with_sentences(doc, article):
    """Make spaCy use the cleaning stage's sentences, so both stages agree on boundaries."""
    starts = {s.start for s in article.sentences}
    for token in doc:
        token.is_sent_start = token.i == 0 or token.idx in starts or token.is_space
    return doc


def run_stage(batch, settings, advance):
    """Pipeline stage: parse every article once, then gather evidence story by story."""
    articles = {a.id: a for a in batch["articles"]}
    nlp = load_nlp(settings.extract.spacy_model)
    docs = {}
    ids = list(articles)
    prepared = [_with_sentences(nlp.make_doc(articles[i].text), articles[i]) for i in ids]
    for aid, doc in zip(ids, nlp.pipe(prepared, batch_size=16)):
        docs[aid] = doc
        advance(1)
    evidence = {}
    for story in batch["stories"]:
        mentions, quotes, claims = [], [], []
        for aid in story.article_ids:
            doc, article = docs[aid], articles[aid]
            mentions.extend(article_mentions(doc, aid))
            quotes.extend(find_quotes(doc, aid, settings.extract.min_quote_chars))
            claims.extend(find_claims(doc, aid, article.published))
        evidence[story.id] = Evidence(story.id, canonicalise(mentions, story.id), tuple(quotes), tuple(claims))
    return {"evidence": evidence}
