"""Origin families: connected groups of reused passages, with the earliest article as origin."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from ..model import Article, Family, ReuseLink, Span


class UnionFind:
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


def family_origin(article_ids: Sequence[str], by_id: dict[str, Article]) -> str | None:
    """The single earliest-published article, or ``None`` when dates are missing or tied."""
    dated = [(by_id[a].published, a) for a in article_ids if by_id[a].published]
    if len(dated) != len(article_ids) or not dated:
        return None
    dated.sort()
    if len(dated) > 1 and dated[0][0] == dated[1][0]:
        return None
    return dated[0][1]


def build_families(links: Sequence[ReuseLink], articles: Sequence[Article]) -> list[Family]:
    """Group linked spans into families; a family spans at least two articles."""
    by_id = {a.id: a for a in articles}
    uf = UnionFind()
    for link in links:
        uf.union(link.a, link.b)
    families = []
    for members in uf.groups():
        article_ids = sorted({m.article_id for m in members})
        if len(article_ids) < 2:
            continue
        kind = "document" if all(l.kind == "near_duplicate" for l in links if l.a in members) else "passage"
        key = "|".join(f"{m.article_id}:{m.start}:{m.end}" for m in members)
        fid = "f_" + hashlib.blake2b(key.encode(), digest_size=6).hexdigest()
        families.append(Family(fid, tuple(members), family_origin(article_ids, by_id), kind))
    return sorted(families, key=lambda f: (-len(f.article_ids), f.id))


def spans_family(families: Sequence[Family]) -> dict[Span, Family]:
    return {m: f for f in families for m in f.members}
