"""Story state in the store: assignments, embeddings, the LSH index and story history.

Tables (migration ``0003_story_state``): ``story_articles`` (article → story, arrival order),
``story_vectors`` (one embedding per article, computed once), ``story_lsh`` (bucket keys per
band: the persisted ANN index) and ``story_history`` (``create`` / ``merge`` / ``split``).

Two entry points, both keeping story ids stable:

* :func:`update_stories` (``crosswire stories --update``): articles not yet assigned are fed to
  the online clusterer, in date order, against the stored articles in their time window;
* :func:`recluster_stories` (``crosswire stories``): a batch run over every stored article whose
  clusters inherit the ids of the stories they overlap most; the rest is recorded as history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..model import Article, Story
from ..settings import StoriesSettings
from ..stories import build_story, cluster_articles, story_id
from ..stories.features import build_features, for_path
from ..stories.online import OnlineClusterer, StoryEvent, inherited_ids
from .duck import Store


@dataclass
class StoriesResult:
    """What a stories run did."""

    assigned: int = 0
    stories: list[Story] = field(default_factory=list)
    events: list[StoryEvent] = field(default_factory=list)


def assignments(store: Store) -> list[tuple[str, str, int]]:
    """``(article_id, story_id, seq)`` in arrival order."""
    return store.db.execute("SELECT article_id, story_id, seq FROM story_articles ORDER BY seq").fetchall()


def history(store: Store) -> list[StoryEvent]:
    rows = store.db.execute(
        "SELECT seq, kind, story_id, other_id, article_ids FROM story_history ORDER BY seq").fetchall()
    return [StoryEvent(r[0], r[1], r[2], r[3], tuple(r[4])) for r in rows]


def _embeddings(store: Store, ids: Sequence[str]) -> np.ndarray | None:
    rows = dict(store.db.execute("SELECT article_id, embedding FROM story_vectors").fetchall())
    if not ids or any(rows.get(i) is None for i in ids):
        return None
    return np.array([rows[i] for i in ids], dtype=np.float32)


def _lsh_keys(store: Store, ids: Sequence[str], bands: int) -> np.ndarray | None:
    rows = store.db.execute("SELECT article_id, band, bucket FROM story_lsh").fetchall()
    keys: dict[str, dict[int, int]] = {}
    for aid, band, bucket in rows:
        keys.setdefault(aid, {})[band] = bucket
    if not ids or any(len(keys.get(i, {})) != bands for i in ids):
        return None
    return np.array([[keys[i][b] for b in range(bands)] for i in ids], dtype=np.int64)


def _in_window(known: Sequence[Article], new: Sequence[Article], days: int) -> list[Article]:
    """Stored articles that may share a story with one of ``new`` (undated ones always may)."""
    dates = [a.published for a in new if a.published]
    if len(dates) < len(new) or not dates:
        return list(known)
    low, high = min(dates) - dt.timedelta(days=days), max(dates) + dt.timedelta(days=days)
    return [a for a in known if a.published is None or low <= a.published <= high]


def _save(store: Store, clusterer: OnlineClusterer, new: Sequence[Article], after_seq: int) -> None:
    order = {aid: seq for aid, _, seq in assignments(store)}
    arrival = {a.id: max(order.values(), default=-1) + 1 + k for k, a in enumerate(new)}
    store.db.execute("BEGIN TRANSACTION")
    if clusterer.assignments:
        store.db.executemany("INSERT OR REPLACE INTO story_articles VALUES (?,?,?)",
                             [[aid, sid, order.get(aid, arrival.get(aid))]
                              for aid, sid in clusterer.assignments.items()])
    ids = [a.id for a in new]
    if ids:
        store.db.executemany("INSERT OR REPLACE INTO story_vectors VALUES (?,?)",
                             [[i, None if clusterer.rows[i].dense is None else clusterer.rows[i].dense.tolist()]
                              for i in ids])
        keys = clusterer.keys_of(ids)
        store.db.executemany("INSERT INTO story_lsh VALUES (?,?,?)",
                             [[i, b, int(k)] for i, row in zip(ids, keys) for b, k in enumerate(row)])
    _save_events(store, [e for e in clusterer.history if e.seq > after_seq])
    store.db.execute("COMMIT")


def _save_events(store: Store, events: Sequence[StoryEvent]) -> None:
    if not events:
        return
    store.db.executemany("INSERT INTO story_history (seq, kind, story_id, other_id, article_ids) VALUES (?,?,?,?,?)",
                         [[e.seq, e.kind, e.story_id, e.other_id, list(e.article_ids)] for e in events])


def stored_stories(store: Store, articles: Sequence[Article] | None = None) -> list[Story]:
    """Story records from the stored assignments, largest first."""
    by_id = {a.id: a for a in (articles if articles is not None else store.articles())}
    members: dict[str, list[Article]] = {}
    for aid, sid, _ in assignments(store):
        if aid in by_id:
            members.setdefault(sid, []).append(by_id[aid])
    stories = [build_story(m, sid) for sid, m in members.items()]
    return sorted(stories, key=lambda s: (-len(s.article_ids), s.id))


def update_stories(store: Store, settings: StoriesSettings) -> StoriesResult:
    """Assign the stored articles that have no story yet, online; persist state and stories.
    The stored near-duplicate families are must-links, as in :func:`recluster_stories`."""
    articles = store.articles()
    done = assignments(store)
    assigned = {aid: sid for aid, sid, _ in done}
    new = [a for a in articles if a.id not in assigned]
    by_id = {a.id: a for a in articles}
    known = _in_window([by_id[aid] for aid, _, _ in done if aid in by_id], new, for_path(settings).window_days)
    last_seq = max((e.seq for e in history(store)), default=0)
    clusterer = OnlineClusterer(settings)
    clusterer.know_families(store.families())
    if known:
        ids = [a.id for a in known]
        clusterer.restore(known, assigned, _embeddings(store, ids), last_seq,
                          _lsh_keys(store, ids, settings.lsh_bands))
    clusterer.add(new)
    _save(store, clusterer, new, last_seq)
    stories = stored_stories(store, articles)
    store.replace_stories(stories)
    return StoriesResult(len(new), stories, [e for e in clusterer.history if e.seq > last_seq])


def inherit_ids(groups: Sequence[Sequence[str]], previous: dict[str, str],
                used: set[str]) -> tuple[list[str], list[tuple[str, str | None, str, tuple[str, ...]]]]:
    """Ids for new ``groups`` given ``previous`` article → story ids, and the history they imply.

    A previous story's id goes to the group holding most of its articles (largest overlaps
    first, one id per group); a group that inherits none gets a fresh id. A previous story
    whose articles now sit in a group with another id was merged into it (``merge``); a group
    with a fresh id that took articles from a surviving story split off it (``split``).
    """
    ids = inherited_ids(groups, previous)  # equal overlaps: the smaller id first
    taken = set(ids.values())
    events = []
    for g, group in enumerate(groups):
        if g not in ids:
            sid, n = story_id(group), 1
            while sid in used or sid in taken:
                n += 1
                sid = story_id([f"{min(group)}#{n}"])
            ids[g], _ = sid, taken.add(sid)
            events.append(("create", None, sid, tuple(sorted(group))))
        sources = {previous[a] for a in group if a in previous} - {ids[g]}
        for source in sorted(sources):
            moved = tuple(sorted(a for a in group if previous.get(a) == source))
            kind = "split" if source in taken else "merge"
            events.append((kind, source, ids[g], moved))
    return [ids[g] for g in range(len(groups))], events


def recluster_stories(store: Store, settings: StoriesSettings) -> StoriesResult:
    """Batch-cluster every stored article, keeping story ids stable and recording history."""
    articles = store.articles()
    previous = {aid: sid for aid, sid, _ in assignments(store)}
    past = history(store)
    dense = _embeddings(store, [a.id for a in articles]) if settings.dense_model else None
    features = build_features(articles, settings, dense=dense)  # stored embeddings are reused
    stories = cluster_articles(articles, store.families(), settings, features)
    groups = [list(s.article_ids) for s in stories]
    used = {e.story_id for e in past} | set(previous.values())
    ids, implied = inherit_ids(groups, previous, used)
    seq = max((e.seq for e in past), default=0)
    events = [StoryEvent(seq + k + 1, kind, sid, other, moved) for k, (kind, other, sid, moved) in enumerate(implied)]
    order = {aid: k for k, aid in enumerate(previous)}
    store.db.execute("BEGIN TRANSACTION")
    store.db.execute("DELETE FROM story_articles")
    if features.dense is not None and dense is None:
        store.db.executemany("INSERT OR REPLACE INTO story_vectors VALUES (?,?)",
                             [[a.id, v.tolist()] for a, v in zip(articles, features.dense)])
    fresh = iter(range(len(order), len(order) + len(articles)))
    rows = [[aid, sid, order[aid] if aid in order else next(fresh)] for group, sid in zip(groups, ids) for aid in group]
    if rows:
        store.db.executemany("INSERT INTO story_articles VALUES (?,?,?)", rows)
    _save_events(store, events)
    store.db.execute("COMMIT")
    result = stored_stories(store, articles)
    store.replace_stories(result)
    return StoriesResult(len(articles), result, events)
