"""Alignment, pure: claims of one story side by side, grouped, with their support.

First version (foundation issue): claims from different articles are grouped when their
content words overlap strongly (overlap coefficient over stemmed content words, the same
measure provenance uses); support counts outlets and independent origins (a family of
relayed passages counts once).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from ..model import Alignment, Article, Claim, ClaimGroup, Family, Support
from ..provenance import independent_origins
from ..provenance.families import UnionFind
from ..provenance.passages import overlap, stem
from ..textutil import content_words

__all__ = ["group_claims", "run_stage"]

def group_claims(
    claims: Sequence[Claim], articles: dict[str, Article], families: Sequence[Family], min_overlap: float = 0.6
) -> list[ClaimGroup]:
    """Claim groups, best supported first; every claim is in exactly one group."""
    terms = [frozenset(stem(w) for w in content_words(c.text)) for c in claims]
    uf = UnionFind()
    for i, claim in enumerate(claims):
        uf.find(i)
        for j in range(i + 1, len(claims)):
            if claims[j].span.article_id != claim.span.article_id and len(terms[i]) >= 4 and len(terms[j]) >= 4:
                if overlap(terms[i], terms[j]) >= min_overlap:
                    uf.union(i, j)
    groups = [_group([claims[i] for i in members], articles, families) for members in uf.groups()]
    return sorted(groups, key=lambda g: (-g.support.origins, -g.support.outlets, g.id))


def _group(members: list[Claim], articles: dict[str, Article], families: Sequence[Family]) -> ClaimGroup:
    members.sort(key=lambda c: (articles[c.span.article_id].published or articles[c.span.article_id].id, c.id))
    spans = tuple(c.span for c in members)
    outlets = tuple(sorted({articles[s.article_id].label for s in spans}))
    dates = [articles[s.article_id].published for s in spans if articles[s.article_id].published]
    gid = "g_" + hashlib.blake2b("|".join(c.id for c in members).encode(), digest_size=5).hexdigest()
    return ClaimGroup(
        id=gid,
        claims=tuple(c.id for c in members),
        spans=spans,
        outlets=outlets,
        support=Support(outlets=len(outlets), origins=independent_origins(spans, families)),
        attributed_to=tuple(sorted({c.attributed_to for c in members if c.attributed_to})),
        first_published=min(dates) if dates else None,
    )


def run_stage(batch, settings, advance):
    """Pipeline stage: group each story's claims and count their support."""
    articles = {a.id: a for a in batch["articles"]}
    alignment = {}
    for story in batch["stories"]:
        claims = batch["evidence"][story.id].claims
        alignment[story.id] = Alignment(story.id, tuple(group_claims(claims, articles, batch["families"], settings.align.match_min_overlap)))
        advance(1)
    return {"alignment": alignment}
