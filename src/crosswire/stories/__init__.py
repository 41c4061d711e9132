"""Stories, pure: group articles into real-world events.

First version (foundation issue): TF-IDF cosine between articles, linked above
``stories.link_threshold`` when their dates are within ``stories.window_days``; articles in one
near-duplicate family always share a story. Connected groups are stories.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Sequence

from ..model import Article, Family, Story
from ..provenance.families import UnionFind
from ..settings import StoriesSettings

__all__ = ["cluster_articles", "infer_dates", "run_stage", "story_id"]


def story_id(article_ids: Sequence[str]) -> str:
    """A story id that stays the same while its founding article (the smallest id) stays in it."""
    return "s_" + hashlib.blake2b(min(article_ids).encode(), digest_size=6).hexdigest()


def _within_window(a: Article, b: Article, days: int) -> bool:
    if a.published is None or b.published is None:
        return True
    return abs((a.published - b.published).days) <= days


def similarity_matrix(articles: Sequence[Article]):
    """Cosine similarity of TF-IDF vectors of title + text."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [f"{a.title or ''}\n{a.text}" for a in articles]
    vectors = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1).fit_transform(texts)
    return (vectors @ vectors.T).toarray()


def cluster_articles(
    articles: Sequence[Article], families: Sequence[Family], settings: StoriesSettings
) -> list[Story]:
    """Stories as connected groups of similar articles, largest first."""
    if not articles:
        return []
    uf = UnionFind()
    for a in articles:
        uf.find(a.id)
    if len(articles) > 1:
        sims = similarity_matrix(articles)
        for i, a in enumerate(articles):
            for j in range(i + 1, len(articles)):
                if sims[i, j] >= settings.link_threshold and _within_window(a, articles[j], settings.window_days):
                    uf.union(a.id, articles[j].id)
    for family in families:
        if family.kind == "document":
            ids = family.article_ids
            for other in ids[1:]:
                uf.union(ids[0], other)
    by_id = {a.id: a for a in articles}
    stories = [_story([by_id[i] for i in group]) for group in uf.groups()]
    return sorted(stories, key=lambda s: (-len(s.article_ids), s.id))


def _story(members: list[Article]) -> Story:
    dates = sorted(a.published for a in members if a.published)
    titled = [a for a in members if a.title]
    if titled:
        title = min(titled, key=lambda a: (a.published or dt.date.max, a.id)).title
    else:
        first = min(members, key=lambda a: (a.published or dt.date.max, a.id))
        title = first.text[first.sentences[0].start : first.sentences[0].end] if first.sentences else first.text[:120]
    return Story(
        id=story_id([a.id for a in members]),
        article_ids=tuple(sorted(a.id for a in members)),
        title=title,
        first_published=dates[0] if dates else None,
        last_published=dates[-1] if dates else None,
    )


def infer_dates(articles: Sequence[Article], stories: Sequence[Story]) -> list[Article]:
    """Give undated articles their story's earliest date, flagged ``published_source='inferred'``."""
    first = {aid: s.first_published for s in stories for aid in s.article_ids}
    out = []
    for a in articles:
        if a.published is None and first.get(a.id):
            a = dataclasses.replace(a, published=first[a.id], published_source="inferred")
        out.append(a)
    return out


def run_stage(batch, settings, advance):
    """Pipeline stage: cluster articles into stories, then infer missing dates from them."""
    stories = cluster_articles(batch["articles"], batch["families"], settings.stories)
    advance(len(batch["articles"]))
    return {"stories": stories, "articles": infer_dates(batch["articles"], stories)}
