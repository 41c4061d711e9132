"""Provenance, pure: who copied whom, and how many independent origins a thing has.

Three layers, each in its module:

* :mod:`.minhash` / :mod:`.neardup`: document near-duplicates by MinHash + LSH (numpy-vectorised),
  confirmed by exact Jaccard;
* :mod:`.passages` (lexical seed-and-extend alignment) and :mod:`.semantic` (translation-like
  sentence pairs): passages shared by two articles, with character spans on both sides;
* :mod:`.families`: origin families over those links, earliest article first.

:func:`update` is incremental: it compares only new articles with the :class:`~.index.ReuseIndex`
of articles seen before (in memory, or persisted in DuckDB by :mod:`crosswire.store.lsh`) and with
each other. :func:`run_stage` is the pipeline stage over one batch; :func:`independent_origins` is
what the later stages use to say "five outlets, one origin".
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..model import Article, Family, ReuseLink, Span, Support
from ..settings import ProvenanceSettings
from .families import UnionFind, build_families, family_of
from .index import IndexEntries, IndexParams, MemoryIndex, ReuseIndex
from .neardup import index_params, near_duplicates, prepare
from .passages import Tokens, direction, find_passage_links, lexical_links
from .semantic import SentenceTable, semantic_links

__all__ = [
    "IndexEntries", "IndexParams", "MemoryIndex", "ProvenanceUpdate", "ReuseIndex", "UnionFind",
    "align_pairs", "build_families", "corroboration", "find_passage_links", "independent_origins", "run_stage", "update",
]

Fetch = Callable[[Sequence[str]], Sequence[Article]]
Pair = tuple[Article, Article]
_MAX_SEED_GROUP = 50
"""A seed shared by more new articles than this is a formula, not a passage: it pairs nobody."""


@dataclass
class ProvenanceUpdate:
    """What one :func:`update` found: links that involve at least one new article."""

    reuse: list[ReuseLink] = field(default_factory=list)
    new: tuple[str, ...] = ()
    """Ids of the articles added to the index by this update."""
    compared: int = 0
    """Article pairs aligned (new × old and new × new candidates): never old × old."""


def _batch_seed_pairs(seeds: Sequence[np.ndarray], min_shared: int) -> list[tuple[int, int]]:
    """Row pairs of one batch sharing at least ``min_shared`` distinct seeds."""
    if not seeds:
        return []
    values = np.concatenate(seeds)
    rows = np.repeat(np.arange(len(seeds)), [len(s) for s in seeds])
    order = np.argsort(values, kind="stable")
    values, rows = values[order], rows[order]
    bounds = np.flatnonzero(np.r_[True, values[1:] != values[:-1], True])
    counts: Counter[tuple[int, int]] = Counter()
    for lo, hi in zip(bounds[:-1].tolist(), bounds[1:].tolist()):
        if 2 <= hi - lo <= _MAX_SEED_GROUP:
            group = rows[lo:hi].tolist()
            counts.update((group[x], group[y]) for x in range(len(group)) for y in range(x + 1, len(group)))
    return sorted(p for p, n in counts.items() if n >= min_shared)


def _near_duplicate_links(
    entries: IndexEntries, index: ReuseIndex, by_id: dict[str, Article], threshold: float
) -> list[ReuseLink]:
    found = near_duplicates(entries, index, threshold)
    old = index.describe({b for _, b, _ in found if b not in by_id})
    meta = {a.id: (a.published, len(a.text)) for a in by_id.values()} | old
    return [
        ReuseLink("near_duplicate", Span(a, 0, meta[a][1]), Span(b, 0, meta[b][1]), round(j, 4),
                  direction(meta[a][0], meta[b][0]))  # type: ignore[arg-type]
        for a, b, j in found
    ]


def align_pairs(pairs: Sequence[Pair], settings: ProvenanceSettings,
                tokens: dict[str, Tokens] | None = None) -> tuple[list[ReuseLink], list[ReuseLink]]:
    """The passages two articles share, for each pair: lexical links, then sentence-level
    (translation-like) links for what those leave uncovered. Pairs are independent of one another,
    so any split of ``pairs`` gives the same links."""
    lexical = lexical_links(pairs, settings, {} if tokens is None else tokens)
    return lexical, semantic_links(pairs, SentenceTable(settings), lexical)


def _align_pairs_with(executor, pairs: list[Pair], settings: ProvenanceSettings,
                      tokens: dict[str, Tokens]) -> list[ReuseLink]:
    """:func:`align_pairs` here, or in chunks over ``executor``'s workers when it has them; links in
    the same order either way (all lexical links, then all sentence-level links)."""
    if executor is None or not executor.parallel or len(pairs) < 2:
        lexical, semantic = align_pairs(pairs, settings, tokens)
        return lexical + semantic
    done = executor.map(functools.partial(align_pairs, settings=settings), executor.split(pairs))
    return [link for lexical, _ in done for link in lexical] + [link for _, semantic in done for link in semantic]


def update(
    new_articles: Iterable[Article],
    index: ReuseIndex,
    settings: ProvenanceSettings,
    fetch: Fetch | None = None,
    executor=None,
) -> ProvenanceUpdate:
    """Compare new articles with the index and with each other, then add them to the index.

    Steps:
        1. drop articles the index already holds; shingle, sign and seed the rest;
        2. near-duplicates: LSH band matches (new × old via the index, new × new in memory),
           confirmed by exact Jaccard;
        3. passage candidates: article pairs sharing ≥ ``seed_min_shared`` content seeds; old
           articles among them are fetched with ``fetch(ids)`` (their text is not in the index);
        4. lexical alignment, then sentence-level (translation-like) links for the same pairs;
        5. add the new articles to the index.

    Args:
        new_articles: articles to add; those already indexed are skipped.
        index: the index of articles seen before (:class:`MemoryIndex`, or ``store.lsh.DuckIndex``).
        settings: the provenance settings; the index refuses settings it was not built with.
        fetch: returns stored articles by id; without it, new × old passages are not aligned.
        executor: runs step 4 over chunks of pairs (:class:`~crosswire.pipeline.InProcess` or an
            engine's workers); here by default.

    Returns:
        The links involving at least one new article, and how many pairs were aligned.
    """
    index.check_params(index_params(settings))
    batch = list({a.id: a for a in new_articles}.values())
    known = index.known(a.id for a in batch)
    batch = [a for a in batch if a.id not in known]
    if not batch:
        return ProvenanceUpdate()
    tokens: dict[str, Tokens] = {}
    entries = prepare(batch, settings, tokens)
    by_id = {a.id: a for a in batch}
    links = _near_duplicate_links(entries, index, by_id, settings.threshold)
    pairs = [(batch[x], batch[y]) for x, y in _batch_seed_pairs(entries.seeds, settings.seed_min_shared)]
    old_matches = index.seed_matches(entries.seeds, settings.seed_min_shared) if fetch else []
    if old_matches:
        old = {a.id: a for a in fetch(sorted({aid for _, aid, _ in old_matches}))}  # type: ignore[misc]
        pairs += [(batch[row], old[aid]) for row, aid, _ in old_matches if aid in old]
    # one order per pair (by id), so that a pair aligns the same whichever article came first
    pairs = [(a, b) if a.id < b.id else (b, a) for a, b in pairs]
    links += _align_pairs_with(executor, pairs, settings, tokens)
    index.add(entries)
    return ProvenanceUpdate(links, tuple(by_id), len(pairs))


def independent_origins(spans: Iterable[Span], families: Sequence[Family]) -> int:
    """How many independent origins a set of spans has: spans in one family count once, and
    each article outside any family is its own origin. A span belongs to the family whose
    member it overlaps most.

    >>> independent_origins([Span("a", 0, 5), Span("b", 0, 5)], [])
    2
    >>> independent_origins([Span("a", 0, 5), Span("b", 0, 5)], [Family("f", (Span("a", 0, 9), Span("b", 2, 4)), None)])
    1
    """
    origins = set()
    for span in spans:
        fam = family_of(span, families)
        origins.add(("family", fam.id) if fam else ("article", span.article_id))
    return len(origins)


def corroboration(spans: Iterable[Span], outlet_of: Mapping[str, str], families: Sequence[Family]) -> Support:
    """Both counts for a passage, quote or claim found at ``spans``: distinct outlets
    (``outlet_of[article_id]``) and independent origins.

    >>> fam = Family("f", (Span("a", 0, 9), Span("b", 0, 9)), None)
    >>> corroboration([Span("a", 1, 5), Span("b", 1, 5)], {"a": "Wire One", "b": "Daily Two"}, [fam])
    Support(outlets=2, origins=1)
    """
    spans = list(spans)
    return Support(outlets=len({outlet_of[s.article_id] for s in spans}), origins=independent_origins(spans, families))


def run_stage(batch, settings, advance):
    """Pipeline stage: reuse links and origin families among the batch's articles."""
    articles = batch["articles"]
    found = update(articles, MemoryIndex(), settings.provenance)
    advance(len(articles))
    families = build_families(found.reuse, articles, settings.provenance.family_min_overlap)
    return {"reuse": found.reuse, "families": families}
