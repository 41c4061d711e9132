"""Streaming stories: assign each new article to the best story, or open a new one.

For a new article:

1. candidates: articles sharing an LSH bucket with it (:class:`.ann.HyperplaneLSH`), or, while
   fewer than ``ann_min_articles`` are indexed, its ``neighbours`` nearest by brute force; only
   those within ``window_days`` of it (undated articles are not constrained);
2. each candidate's story is scored by the average link probability between the new article and
   its ``stream_members`` most recent members (the batch model, with idf from what was seen);
3. the best story at or above ``link_threshold`` takes the article; if another story also
   passes and the two are linked on average, they are merged into the older one (a ``merge``
   event); if none passes, a new story opens with the id of its founding article (``create``);
   then, as the batch path attaches small groups: an article that passes no story joins the
   best larger one (over ``attach_max_size`` articles) if its average link reaches
   ``attach_threshold``, and a story of at most ``attach_max_size`` articles among the
   candidates' stories joins the larger one it is linked to best on average, if that reaches
   ``attach_threshold`` (a ``merge``);
4. reconciliation (``stream_reconcile``, on by default): after each :meth:`OnlineClusterer.add`,
   the stories of the new articles and of their candidates are clustered again by the batch
   rule (:func:`.batch.cluster`, with its second, shared-neighbour pass), together with the
   articles nearest to them as context (which take part but keep their stories); articles move
   to match. A story's id goes to the new group holding most of its articles (largest overlaps
   first, one id per group); a group that inherits none gets a fresh id (a ``split`` event from
   each story it took articles from); a story whose articles all went elsewhere was merged
   (``merge``). With reconciliation on, step 3 only joins or opens a story: merges and
   attachments are the reconciliation's to make.
   Without it, every story that grew is re-clustered by average linkage alone; a group of two
   or more articles that falls apart from the rest, and that the attach rule would not put
   back, leaves under a new id (a ``split`` event; the largest group keeps the id).

Near-duplicate families (provenance's ``document`` families, given by
:meth:`OnlineClusterer.know_families`) are must-links, as in the batch path: an article whose
family already has a story joins it, and neither reconciliation nor a split parts a family.

Story ids are never renumbered: an id is born with its story and dies only in a merge.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse

from ..model import Article, Family
from ..settings import StoriesSettings
from . import ann
from .batch import average_linkage, cluster
from .features import (
    Features,
    ann_vectors,
    day_numbers,
    embed,
    entity_text,
    feature_text,
    for_path,
    idf,
    lead_chars_for,
    pair_probabilities,
    term_counts,
    weigh,
    year_numbers,
)


def inherited_ids(groups: Sequence[Sequence[str]], previous: dict[str, str],
                  tie: Callable[[str], Any] = str) -> dict[int, str]:
    """Which group keeps which previous story id: a previous story's id goes to the group holding
    most of its articles, largest overlaps first, one id per group and one group per id; equal
    overlaps go by ``tie(story_id)`` (smallest first), then by group order. Groups that inherit
    nothing are left out of the answer.

    >>> inherited_ids([["a", "b"], ["c"]], {"a": "s1", "b": "s2", "c": "s2"})
    {0: 's1', 1: 's2'}
    """
    overlaps = sorted(((n, sid, g) for g, group in enumerate(groups)
                       for sid, n in Counter(previous[a] for a in group if a in previous).items()),
                      key=lambda t: (-t[0], tie(t[1]), t[2]))
    names: dict[int, str] = {}
    taken: set[str] = set()
    for _, sid, g in overlaps:
        if g not in names and sid not in taken:
            names[g] = sid
            taken.add(sid)
    return names


def new_story_id(founder: str) -> str:
    """The id of a story opened by article ``founder`` (same hash as :func:`crosswire.stories.story_id`)."""
    from . import story_id

    return story_id([founder])


@dataclass(frozen=True)
class StoryEvent:
    """One entry of story history."""

    seq: int
    kind: str
    """``create``, ``merge`` (``other_id`` merged into ``story_id``) or ``split`` (``story_id`` split
    off ``other_id``)."""
    story_id: str
    other_id: str | None = None
    article_ids: tuple[str, ...] = ()


@dataclass
class _Row:
    lexical: object
    entities: object
    dense: np.ndarray | None
    day: float
    seq: int
    vector: np.ndarray | None = None
    """The unit vector the ANN index saw for this article."""
    lead: object = None
    year: float = math.nan
    """:func:`~crosswire.stories.features.latest_year` of the article."""


@dataclass
class OnlineClusterer:
    """Online clustering state: what has been seen, where it went, and what happened to stories."""

    settings: StoriesSettings
    assignments: dict[str, str] = field(default_factory=dict)
    members: dict[str, list[str]] = field(default_factory=dict)
    history: list[StoryEvent] = field(default_factory=list)
    rows: dict[str, _Row] = field(default_factory=dict)
    index: ann.HyperplaneLSH | None = None
    kin: dict[str, set[str]] = field(default_factory=dict)
    """Article → the other articles of its near-duplicate families (they must share a story)."""
    _df: tuple[np.ndarray, ...] | None = None
    _seq: int = 0
    _idf: tuple | None = None

    def __post_init__(self) -> None:
        self.settings = for_path(self.settings)

    # -- state -----------------------------------------------------------------------------
    def restore(self, articles: Sequence[Article], assignments: dict[str, str],
                dense: np.ndarray | None = None, history_seq: int = 0, keys: np.ndarray | None = None) -> None:
        """Load already-assigned ``articles`` (arrival order) with their stories, without re-deciding;
        ``keys`` are their stored LSH bucket keys (recomputed when not given)."""
        self._seq = max(self._seq, history_seq)
        self._remember(articles, dense, keys)
        for article in articles:
            sid = assignments[article.id]
            self.assignments[article.id] = sid
            self.members.setdefault(sid, []).append(article.id)

    def know_families(self, families: Sequence[Family]) -> None:
        """Take provenance's near-duplicate (``document``) families as must-links."""
        for family in families:
            if family.kind != "document":
                continue
            members = set(family.article_ids)
            for aid in members:
                self.kin.setdefault(aid, set()).update(members - {aid})

    def _must_link(self, ids: Sequence[str]) -> list[list[int]]:
        """Positions in ``ids`` that share a near-duplicate family (pairs, for :func:`.batch.cluster`)."""
        where = {aid: k for k, aid in enumerate(ids)}
        return [[k, where[other]] for k, aid in enumerate(ids)
                for other in self.kin.get(aid, ()) if where.get(other, -1) > k]

    def _family_story(self, aid: str) -> str | None:
        """The story holding most of ``aid``'s near-duplicates already assigned (ties: the older)."""
        stories = Counter(self.assignments[k] for k in self.kin.get(aid, ()) if k in self.assignments)
        if not stories:
            return None
        return min(stories, key=lambda sid: (-stories[sid], self.rows[self.members[sid][0]].seq))

    def _remember(self, articles: Sequence[Article], dense: np.ndarray | None,
                  keys: np.ndarray | None = None) -> None:
        counts = term_counts([feature_text(a) for a in articles], lead_chars_for(self.settings),
                             [entity_text(a) for a in articles] if self.settings.date_markers else None)
        df = self._df or tuple(None if c is None else np.zeros(c.shape[1], np.float32) for c in counts)
        for total, c in zip(df, counts):
            if c is not None:
                total += np.bincount(c.indices, minlength=c.shape[1])
        self._df = df
        lexical, entities, lead = counts
        days, years = day_numbers(articles), year_numbers(articles)
        for k, article in enumerate(articles):
            vector = None if dense is None else dense[k]
            self.rows[article.id] = _Row(lexical[k], entities[k], vector, days[k], len(self.rows),
                                         lead=None if lead is None else lead[k], year=years[k])
        features = self._features([a.id for a in articles])
        vectors = ann_vectors(features)
        for article, vector in zip(articles, vectors):
            self.rows[article.id].vector = vector
        if self.index is None:
            self.index = ann.HyperplaneLSH(vectors.shape[1], self.settings.lsh_bands, self.settings.lsh_rows)
        self.index.add([a.id for a in articles], self.index.keys(vectors) if keys is None else keys)

    def keys_of(self, ids: Sequence[str]) -> np.ndarray:
        """The LSH bucket keys of articles already seen (to persist the index)."""
        return self.index.keys(np.stack([self.rows[i].vector for i in ids]))

    def _features(self, ids: Sequence[str]) -> Features:
        rows = [self.rows[i] for i in ids]
        n = len(self.rows)
        if self._idf is None or self._idf[0] != n:
            self._idf = (n, *(None if df is None else idf(df, n) for df in self._df))
        lead_counts = None if self._idf[3] is None else scipy.sparse.vstack([r.lead for r in rows]).tocsr()
        lexical, entities, lead = weigh(scipy.sparse.vstack([r.lexical for r in rows]).tocsr(),
                                        scipy.sparse.vstack([r.entities for r in rows]).tocsr(),
                                        self._idf[1], self._idf[2], lead_counts, self._idf[3])
        dense = None if any(r.dense is None for r in rows) else np.stack([r.dense for r in rows])
        return Features(lexical, entities, dense, np.array([r.day for r in rows]), lead,
                        years=np.array([r.year for r in rows]))

    # -- assignment ------------------------------------------------------------------------
    def add(self, articles: Sequence[Article], dense: np.ndarray | None = None) -> list[str]:
        """Assign ``articles`` in the order given; return their story ids."""
        articles = [a for a in articles if a.id not in self.assignments]
        if not articles:
            return []
        if dense is None:
            dense = embed(articles, self.settings)
        known = [aid for aid in self.rows if aid in self.assignments]
        self._remember(articles, dense)
        grown: set[str] = set()
        nearby: dict[str, set[str]] = {}
        for article in articles:
            sid = self._assign(article.id, known, nearby)
            known.append(article.id)
            grown.add(sid)
        if self.settings.stream_reconcile:
            for stories in self._neighbourhoods(nearby):
                self._reconcile([s for s in stories if s in self.members])
        else:
            for sid in sorted(grown):
                if sid in self.members:
                    self._consolidate(sid)
        return [self.assignments[a.id] for a in articles]

    # -- reconciliation --------------------------------------------------------------------
    def _neighbourhoods(self, nearby: dict[str, set[str]]) -> list[list[str]]:
        """Groups of stories to reconcile: connected through the new articles (each links its
        story to its candidates' stories), cut into pieces of at most ``reconcile_max_articles``."""
        parent: dict[str, str] = {}

        def root(x: str) -> str:
            while parent.setdefault(x, x) != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for sid, others in nearby.items():
            root(sid)
            for other in others:
                parent[root(other)] = root(sid)
        components: dict[str, list[str]] = {}
        for sid in sorted(parent, key=lambda s: self.rows[self.members[s][0]].seq if s in self.members else -1):
            components.setdefault(root(sid), []).append(sid)
        pieces = []
        for stories in components.values():
            piece, size = [], 0
            for sid in stories:
                n = len(self.members.get(sid, ()))
                if piece and size + n > self.settings.reconcile_max_articles:
                    pieces.append(piece)
                    piece, size = [], 0
                piece.append(sid)
                size += n
            pieces.append(piece)
        return pieces

    def _reconcile(self, stories: Sequence[str]) -> None:
        """Re-cluster the members of ``stories`` (the new articles' stories and their candidates'
        stories) by the batch rule, second pass included, and move articles to match, keeping
        ids stable: a story's id goes to the group holding most of its articles (largest
        overlaps first, one id per group), a group that inherits none gets a fresh id (``split``),
        and a story whose articles all went to a group with another id was merged into it."""
        ids = [m for sid in stories for m in self.members[sid]]
        if len(ids) < 3:
            return
        inside = set(ids)
        context = [c for c in dict.fromkeys(self._context(ids)) if c not in inside]
        everyone = ids + context
        groups = [[everyone[k] for k in group if k < len(ids)]
                  for group in cluster(self._features(everyone), self.settings, self._must_link(everyone))]
        groups = [g for g in groups if g]
        previous = {m: self.assignments[m] for m in ids}
        names = self._inherit(groups, previous)
        for group, sid in zip(groups, names):
            for source in sorted({previous[m] for m in group} - {sid}):
                moved = tuple(m for m in group if previous[m] == source)
                kind = "split" if source in names else "merge"
                self._record(kind, sid, source, moved)
        for sid in set(previous.values()):
            self.members.pop(sid, None)
        for group, sid in zip(groups, names):
            self.members[sid] = sorted(group, key=lambda m: self.rows[m].seq)
            for m in group:
                self.assignments[m] = sid

    def _context(self, ids: Sequence[str]) -> list[str]:
        """Assigned articles nearest to ``ids`` (``2 × snn_neighbours`` each, within the window, or
        their LSH candidates): they take part in the re-clustering (so that each article's shared
        neighbours are found among all it resembles, not only in the stories chosen) but keep
        their stories."""
        known = [aid for aid in self.rows if aid in self.assignments]
        if len(known) >= self.settings.ann_min_articles:
            return [c for aid in ids for c in self._candidates(aid, known)]
        vectors = np.stack([self.rows[k].vector for k in known])
        sims = np.stack([self.rows[aid].vector for aid in ids]) @ vectors.T
        top = np.argsort(-sims, axis=1)[:, : 2 * max(self.settings.snn_neighbours, 1)]
        days = np.array([self.rows[k].day for k in known])
        out = []
        for aid, row in zip(ids, top):
            out.extend(known[k] for k in row if not abs(days[k] - self.rows[aid].day) > self.settings.window_days)
        return out

    def _inherit(self, groups: Sequence[Sequence[str]], previous: dict[str, str]) -> list[str]:
        """The id of each group: the previous story it holds most of (ties: the older story), else
        a fresh one."""
        names = inherited_ids(groups, previous, tie=lambda sid: self.rows[self.members[sid][0]].seq)
        for g, group in enumerate(groups):
            if g not in names:
                names[g] = self._fresh_id(min(group, key=lambda m: self.rows[m].seq))
                self.members[names[g]] = []  # reserve the id
        return [names[g] for g in range(len(groups))]

    def _candidates(self, aid: str, known: Sequence[str]) -> list[str]:
        if not known:
            return []
        if len(known) < self.settings.ann_min_articles:
            vectors = np.stack([self.rows[k].vector for k in known])
            sims = vectors @ self.rows[aid].vector
            top = np.argsort(-sims)[: self.settings.neighbours]
            found = [known[i] for i in top]
        else:
            keys = self.index.keys(self.rows[aid].vector[None, :])[0]
            found = [c for c in self.index.query(keys) if c != aid and c in self.assignments]
        day = self.rows[aid].day
        return [c for c in found if not abs(self.rows[c].day - day) > self.settings.window_days]

    def _story_scores(self, aid: str, stories: Sequence[str]) -> dict[str, float]:
        day = self.rows[aid].day
        owners, compared = [], []
        for sid in stories:
            recent = [m for m in self.members[sid] if not abs(self.rows[m].day - day) > self.settings.window_days]
            recent = recent[-self.settings.stream_members:]
            owners.extend([sid] * len(recent))
            compared.extend(recent)
        if not compared:
            return {}
        p = self._probabilities([aid], compared)
        owner = np.array(owners)
        return {sid: float(p[owner == sid].mean()) for sid in dict.fromkeys(owners)}

    def _probabilities(self, left: Sequence[str], right: Sequence[str]) -> np.ndarray:
        features = self._features([*left, *right])
        i, j = np.meshgrid(np.arange(len(left)), len(left) + np.arange(len(right)), indexing="ij")
        return pair_probabilities(features, features, i.ravel(), j.ravel(), self.settings)

    def _assign(self, aid: str, known: Sequence[str], nearby: dict[str, set[str]]) -> str:
        candidates = self._candidates(aid, known)
        stories = list(dict.fromkeys(self.assignments[c] for c in candidates))
        scores = self._story_scores(aid, stories)
        passing = sorted((s for s, v in scores.items() if v >= self.settings.link_threshold),
                         key=lambda s: -scores[s])
        large = [s for s in scores if len(self.members[s]) > self.settings.attach_max_size]
        best = max(large, key=lambda s: scores[s], default=None)
        family = self._family_story(aid)
        if family is not None:  # a near-duplicate already has a story: a must-link
            sid = family
            self._join(aid, sid)
            passing = [sid, *(s for s in passing if s != sid)]
        elif not passing and best is not None and scores[best] >= self.settings.attach_threshold:
            sid = best  # the attach rule, for a story that would hold only this article
            self._join(aid, sid)
        elif not passing:
            sid = self._fresh_id(aid)
            self._record("create", sid, None, (aid,))
            self._join(aid, sid)
        else:
            sid = passing[0]
            self._join(aid, sid)
        if self.settings.stream_reconcile:
            nearby.setdefault(sid, set()).update(stories)
            return sid  # merges and attachments are left to the reconciliation after the batch
        for other in passing[1:]:
            if other in self.members and sid in self.members and self._linked(sid, other):
                sid = self._merge(sid, other)
        self._attach_small(self.assignments[aid], [s for s in stories if s in self.members])
        return self.assignments[aid]

    def _average(self, a: str, b: str) -> float:
        """Average link probability between the recent members of stories ``a`` and ``b``."""
        cap = self.settings.stream_members
        return float(self._probabilities(self.members[a][-cap:], self.members[b][-cap:]).mean())

    def _attach_small(self, sid: str, stories: Sequence[str]) -> str:
        """The streaming form of :func:`.batch.attach_small`: a story of at most ``attach_max_size``
        articles joins the larger candidate story it is linked to best on average, if that reaches
        ``attach_threshold``; a larger ``sid`` takes in the small candidate stories so linked to it."""
        small = self.settings.attach_max_size
        if len(self.members[sid]) <= small:
            large = [s for s in stories if s != sid and len(self.members[s]) > small]
            best = max(((self._average(sid, s), s) for s in large), default=(-1.0, sid))
            return self._merge(sid, best[1]) if best[0] >= self.settings.attach_threshold else sid
        for other in stories:
            if other != sid and other in self.members and len(self.members[other]) <= small \
                    and self._average(other, sid) >= self.settings.attach_threshold:
                sid = self._merge(sid, other)
        return sid

    def _join(self, aid: str, sid: str) -> None:
        self.assignments[aid] = sid
        self.members.setdefault(sid, []).append(aid)

    def _linked(self, a: str, b: str) -> bool:
        cap = self.settings.stream_members
        return float(self._probabilities(self.members[a][-cap:], self.members[b][-cap:]).mean()) \
            >= self.settings.link_threshold

    def _merge(self, a: str, b: str) -> str:
        """Merge the younger story into the older one; the older keeps its id."""
        older, younger = sorted((a, b), key=lambda s: self.rows[self.members[s][0]].seq)
        moved = self.members.pop(younger)
        for m in moved:
            self.assignments[m] = older
        self.members[older].extend(moved)
        self.members[older].sort(key=lambda m: self.rows[m].seq)
        self._record("merge", older, younger, tuple(moved))
        return older

    def _consolidate(self, sid: str) -> None:
        """Split a story whose members the batch rule no longer holds together."""
        members = self.members[sid]
        if len(members) < 4:
            return
        forced = {(int(a), int(b)) for a, b in self._must_link(members)}
        labels = average_linkage(self._features(members), np.arange(len(members)), self.settings, forced)
        groups = [[members[k] for k in np.flatnonzero(labels == label)] for label in np.unique(labels)]
        groups.sort(key=lambda g: (-len(g), self.rows[g[0]].seq))
        for group in groups[1:]:
            if len(group) < 2 or self._attached(group, groups[0]):
                continue
            new = self._fresh_id(group[0])
            self.members[sid] = [m for m in self.members[sid] if m not in set(group)]
            self.members[new] = group
            for m in group:
                self.assignments[m] = new
            self._record("split", new, sid, tuple(group))

    def _attached(self, group: Sequence[str], main: Sequence[str]) -> bool:
        """Whether the batch attach rule would put ``group`` back with ``main`` (so it stays)."""
        if len(group) > self.settings.attach_max_size:
            return False
        cap = self.settings.stream_members
        return float(self._probabilities(group, main[-cap:]).mean()) >= self.settings.attach_threshold

    def _fresh_id(self, founder: str) -> str:
        """The founder's story id, or a variant of it if that id was ever used (never reuse an id)."""
        used = {e.story_id for e in self.history} | set(self.members)
        sid, n = new_story_id(founder), 1
        while sid in used:
            n += 1
            sid = new_story_id(f"{founder}#{n}")
        return sid

    def _record(self, kind: str, sid: str, other: str | None, article_ids: tuple[str, ...]) -> None:
        self._seq += 1
        self.history.append(StoryEvent(self._seq, kind, sid, other, article_ids))
