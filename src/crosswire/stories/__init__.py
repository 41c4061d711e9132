"""Stories, pure: group articles into real-world events.

Batch (:mod:`.batch`): a logistic link model over lexical, dense (MiniLM), entity-proxy,
lead entity-proxy, time-closeness and year-gap similarities (:mod:`.features`; the publication
date is also read as entity proxies) inside a publication-time window, scored a
second time with the articles' shared nearest neighbours added (dense path), candidate pairs
from an ANN index at scale (:mod:`.ann`), and
average-linkage clustering cut at a calibrated probability, so the number of stories is never
given; parts of one event that the second pass cut apart and that lie days apart are joined
again. Articles in one near-duplicate family always share a story. Streaming (:mod:`.online`)
assigns new articles one by one to the best story or opens a new one, with stable story ids and
a history of merges and splits, and after each update re-clusters the neighbourhood of the new
articles by the batch rule (second pass included) to reconcile; its state is persisted by
:mod:`crosswire.store.stories_state`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from ..clean.dateline import MONTHS, dateline_day, strip_dateline
from ..model import Article, Family, Story
from ..settings import StoriesSettings
from ..textutil import LEADING_CONNECTIVE, STOPWORDS, words
from .batch import cluster
from .features import Features, build_features

__all__ = ["build_story", "cluster_articles", "infer_dates", "run_stage", "story_id"]


def story_id(article_ids: Sequence[str]) -> str:
    """A story id that stays the same while its founding article (the smallest id) stays in it."""
    return "s_" + hashlib.blake2b(min(article_ids).encode(), digest_size=6).hexdigest()


def family_groups(articles: Sequence[Article], families: Sequence[Family]) -> list[list[int]]:
    """Row indices of articles that near-duplicate families put together."""
    index = {a.id: i for i, a in enumerate(articles)}
    return [[index[a] for a in f.article_ids if a in index] for f in families if f.kind == "document"]


def cluster_articles(
    articles: Sequence[Article], families: Sequence[Family], settings: StoriesSettings,
    features: Features | None = None,
) -> list[Story]:
    """Stories over ``articles``, largest first; ``features`` may be given to reuse embeddings."""
    if not articles:
        return []
    features = features or build_features(articles, settings)
    groups = cluster(features, settings, family_groups(articles, families))
    stories = [build_story([articles[i] for i in group]) for group in groups]
    return sorted(stories, key=lambda s: (-len(s.article_ids), s.id))


def labels_of(stories: Sequence[Story], articles: Sequence[Article]) -> np.ndarray:
    """The story index of each article, in ``articles`` order (for metrics)."""
    where = {aid: k for k, s in enumerate(stories) for aid in s.article_ids}
    return np.array([where[a.id] for a in articles])


def _lead(article: Article) -> str:
    """An article's first sentence that states something (:func:`states_something`), without its
    wire dateline ("WASHINGTON (AP) -- A top official …" → "A top official …"); past a rule of
    dashes or a heading ("1999:"); the first sentence when none does."""
    leads = [article.text[s.start : s.end] for s in article.sentences] or [article.text[:120]]
    leads = [strip_dateline(lead) or lead for lead in leads]
    return next((lead for lead in leads if states_something(lead)), leads[0])


def _centrality(members: Sequence[Article]) -> dict[str, float]:
    """Article id → how typical its lead is of the story: the mean share of the other members whose
    leads use each of its content words (linear in the words, unlike pairwise overlaps). Among
    reports of one date, or undated ones, the most typical names the story, not the one whose id
    sorts first (a two-sentence brief about a side event)."""
    bags = {a.id: {w for w in words(_lead(a).lower()) if w not in STOPWORDS} for a in members}
    df = Counter(w for bag in bags.values() for w in bag)
    others = max(len(bags) - 1, 1)
    return {aid: sum(df[w] - 1 for w in bag) / others / len(bag) if bag else 0.0 for aid, bag in bags.items()}


TITLE_MIN_WORDS = 5
"""A lead shorter than this is a label or a heading ("1999:", "Story Filed By Cox"), no title."""


def states_something(lead: str) -> bool:
    """Whether a lead can title a story: at least :data:`TITLE_MIN_WORDS` words, neither a
    question nor a heading that ends in a colon, nor opened by a connective that points back
    (:data:`~crosswire.textutil.LEADING_CONNECTIVE`: "And Merante notes that …", the second part of
    a report filed in two)."""
    end = lead.rstrip(" \"'”’")
    return len(lead.split()) >= TITLE_MIN_WORDS and not end.endswith(("?", ":")) and not LEADING_CONNECTIVE.match(lead)


def build_story(members: Sequence[Article], sid: str | None = None) -> Story:
    """A story record for ``members``; its id is :func:`story_id` unless ``sid`` is given."""
    dates = sorted(a.published for a in members if a.published)
    central = _centrality(members)

    def first(a: Article) -> tuple:
        return a.published or dt.date.max, -central[a.id], a.id

    titled = [a for a in members if a.title]
    if titled:
        title = min(titled, key=first).title
    else:
        # the first report's lead, unless it does not state something (a question "Which new play
        # has provoked …?", a heading "1999:", a label): then the first report whose lead does
        by_date = sorted(members, key=first)
        leads = [_lead(a) for a in by_date]
        title = next((lead for lead in leads if states_something(lead)), leads[0])
    return Story(
        id=sid or story_id([a.id for a in members]),
        article_ids=tuple(sorted(a.id for a in members)),
        title=title,
        first_published=dates[0] if dates else None,
        last_published=dates[-1] if dates else None,
    )


def infer_dates(articles: Sequence[Article], stories: Sequence[Story], window_days: int = 120) -> list[Article]:
    """Give undated articles a date from their story, flagged ``published_source='inferred'``: the
    month and day of a wire dateline ("ANKARA, August 20 (Xinhua)") with the year that puts it
    within ``window_days`` of most of the story's dates (:func:`dateline_year`; 0 reads no
    dateline), else the story's earliest date (its earliest dateline's when none is known). A
    report whose dateline day no year fits stays undated: any date the story gives it, its
    dateline contradicts."""
    by_id = {a.id: a for a in articles}
    out: dict[str, Article] = {}
    for story in stories:
        members = [by_id[aid] for aid in story.article_ids if aid in by_id]
        anchors = story_anchors(members)
        filed: dict[str, dt.date | None] = {}
        for a in members:
            if a.published is None and window_days > 0 and (day := dateline_day(a.text)):
                year = dateline_year(day[1:], anchors, window_days)
                filed[a.id] = dt.date(year, *day[1:]) if year else None  # no year fits: its dateline says otherwise
        earliest = story.first_published or min((d for d in filed.values() if d), default=None)
        for a in members:
            if a.published is None and (published := filed.get(a.id, earliest)):
                out[a.id] = dataclasses.replace(a, published=published, published_source="inferred")
    return [out.get(a.id, a) for a in articles]


_WRITTEN_DAY = re.compile(r"\b(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>(?:19|20)\d\d)\b")


def story_anchors(members: Sequence[Article]) -> list[dt.date]:
    """The dates a story's year can be read from: its articles' known publication dates, else the
    full dates its reports write ("the August 17, 1999 earthquake")."""
    known = [a.published for a in members if a.published is not None and a.published_source != "inferred"]
    if known:
        return known
    written = []
    for a in members:
        for m in _WRITTEN_DAY.finditer(a.text):
            if (month := MONTHS.get(m.group("month").lower())) is None:
                continue  # "Flight 17, 1999": no month
            with contextlib.suppress(ValueError):  # "February 30, 1999": no such day
                written.append(dt.date(int(m.group("year")), month, int(m.group("day"))))
    return written


def dateline_year(month_day: tuple[int, int], anchors: Sequence[dt.date], window_days: int) -> int | None:
    """The year that puts a month and day within ``window_days`` of the most anchors (ties: the
    nearest), or None when no year does.

    >>> dateline_year((8, 20), [dt.date(1999, 8, 17), dt.date(1999, 8, 17), dt.date(1993, 3, 12)], 120)
    1999
    >>> dateline_year((1, 3), [dt.date(1999, 12, 28)], 120), dateline_year((6, 1), [dt.date(1999, 12, 28)], 120)
    (2000, None)
    """
    best: tuple[int, int, int] | None = None
    for year in sorted({d.year + k for d in anchors for k in (-1, 0, 1)}):
        with contextlib.suppress(ValueError):
            day = dt.date(year, *month_day)
            gaps = [abs((day - d).days) for d in anchors]
            near = sum(g <= window_days for g in gaps)
            if near and (best is None or (near, -min(gaps)) > best[:2]):
                best = (near, -min(gaps), year)
    return best[2] if best else None


def run_stage(batch, settings, advance):
    """Pipeline stage: cluster articles into stories, then infer missing dates from them."""
    stories = cluster_articles(batch["articles"], batch["families"], settings.stories)
    advance(len(batch["articles"]))
    return {"stories": stories, "articles": infer_dates(batch["articles"], stories, settings.stories.dateline_year_days)}
