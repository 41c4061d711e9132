"""Origin families: everything that derives from one origin, with the earliest article as origin.

* **Document families**: articles joined by near-duplicate links (one wire story run by several
  outlets); each member is a whole article.
* **Passage families**: reused spans joined by passage links. Within one article, spans that
  overlap by at least ``family_min_overlap`` of the shorter one are the same occurrence (one outlet
  relays a whole statement, another a part of it), so a statement quoted in part by every outlet
  still forms one family. Each family member is the union of the spans of one occurrence.

The origin is the single earliest-published article of a family; when a date is missing or the
earliest date is shared, the origin is ``None`` ("unknown"): order cannot be told.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence

from ..model import Article, Family, ReuseLink, Span


class UnionFind:
    """Disjoint sets over hashable items, with path halving."""

    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list]:
        out: dict = {}
        for x in self.parent:
            out.setdefault(self.find(x), []).append(x)
        return [sorted(g) for g in out.values()]


Dates = Mapping[str, "dt.date | None"]


def _dates(articles: Sequence[Article] | Dates) -> Dates:
    if isinstance(articles, Mapping):
        return articles
    return {a.id: a.published for a in articles}


def family_origin(article_ids: Sequence[str], dates: Sequence[Article] | Dates) -> str | None:
    """The single earliest-published article, or ``None`` when dates are missing or tied.

    >>> family_origin(["a", "b"], {"a": dt.date(2024, 1, 2), "b": dt.date(2024, 1, 1)})
    'b'
    """
    dates = _dates(dates)
    dated = sorted((dates[a], a) for a in article_ids if dates.get(a))
    if len(dated) != len(article_ids) or not dated:
        return None
    if len(dated) > 1 and dated[0][0] == dated[1][0]:
        return None
    return dated[0][1]


def _overlap_share(a: Span, b: Span) -> float:
    inter = min(a.end, b.end) - max(a.start, b.start)
    return max(0, inter) / max(1, min(len(a), len(b)))


def _occurrences(spans: list[Span], min_overlap: float, uf: UnionFind) -> None:
    """Union the spans of one article that overlap enough to be one occurrence."""
    spans = sorted(spans)
    for i, a in enumerate(spans):
        for b in spans[i + 1 :]:
            if b.start >= a.end:
                break
            if _overlap_share(a, b) >= min_overlap:
                uf.union(a, b)


def _merge(spans: list[Span], min_overlap: float) -> tuple[Span, ...]:
    """One span per occurrence: overlapping spans of one article become their union."""
    out: list[Span] = []
    for s in sorted(spans):
        last = out[-1] if out else None
        if last and last.article_id == s.article_id and s.start < last.end:
            out[-1] = Span(s.article_id, last.start, max(last.end, s.end))
        else:
            out.append(s)
    return tuple(out)


def _family(members: tuple[Span, ...], kind: str, dates: Dates) -> Family:
    key = kind + "|" + "|".join(f"{m.article_id}:{m.start}:{m.end}" for m in members)
    fid = "f_" + hashlib.blake2b(key.encode(), digest_size=6).hexdigest()
    article_ids = sorted({m.article_id for m in members})
    return Family(fid, members, family_origin(article_ids, dates), kind)  # type: ignore[arg-type]


def build_families(
    links: Sequence[ReuseLink], articles: Sequence[Article] | Dates, min_overlap: float = 0.5
) -> list[Family]:
    """Document and passage families from reuse links; a family spans at least two articles.

    Args:
        links: near-duplicate and passage links.
        articles: the articles (or ``{article_id: published}``) the links point into.
        min_overlap: share of the shorter span two spans of one article must overlap to be one
            occurrence (``ProvenanceSettings.family_min_overlap``).
    """
    dates = _dates(articles)
    families = []
    for kind in ("near_duplicate", "passage"):
        uf = UnionFind()
        by_article: dict[str, list[Span]] = {}
        for link in (link for link in links if link.kind == kind):
            uf.union(link.a, link.b)
            by_article.setdefault(link.a.article_id, []).append(link.a)
            by_article.setdefault(link.b.article_id, []).append(link.b)
        if kind == "passage":
            for spans in by_article.values():
                _occurrences(spans, min_overlap, uf)
        for group in uf.groups():
            members = _merge(group, min_overlap)
            if len({m.article_id for m in members}) >= 2:
                families.append(_family(members, "document" if kind == "near_duplicate" else "passage", dates))
    return sorted(families, key=lambda f: (f.kind, -len(f.article_ids), f.id))


def spans_family(families: Sequence[Family]) -> dict[Span, Family]:
    """``{member span: family}`` over all families."""
    return {m: f for f in families for m in f.members}


def family_of(span: Span, families: Sequence[Family]) -> Family | None:
    """The family whose member overlaps ``span`` most (passage families before document ones at
    equal overlap), or ``None``."""
    best, best_key = None, (0, 0)
    for f in families:
        for m in f.members:
            if m.article_id == span.article_id:
                inter = min(m.end, span.end) - max(m.start, span.start)
                key = (inter, f.kind == "passage")
                if inter > 0 and key > best_key:
                    best, best_key = f, key
    return best
