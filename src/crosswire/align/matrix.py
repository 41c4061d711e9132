"""The claim × source matrix: for each claim group and each article, supports / silent / conflicts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..model import Article, ClaimGroup, Conflict

__all__ = ["CONFLICTS", "SILENT", "SUPPORTS", "claim_matrix", "source_order"]

SUPPORTS, SILENT, CONFLICTS = "supports", "silent", "conflicts"


def source_order(article_ids: Sequence[str], articles: dict[str, Article]) -> tuple[str, ...]:
    """Article ids in publication order (undated last), ties by id."""
    return tuple(sorted(article_ids, key=lambda a: (articles[a].published or dt.date.max, a)))


def claim_matrix(
    groups: Sequence[ClaimGroup], sources: Sequence[str], conflicts: Sequence[Conflict]
) -> tuple[tuple[str, ...], ...]:
    """One row per group, one cell per source.

    A cell is ``conflicts`` when a conflict sets a claim of the group against a claim of that
    article (for a conflict inside one group, both articles), else ``supports`` when the article
    states a claim of the group or tells it in parts (``told_in_parts``), else ``silent``.
    """
    group_of = {claim_id: g.id for g in groups for claim_id in g.claims}
    against: set[tuple[str, str]] = set()
    for conflict in conflicts:
        if len(conflict.claims) != 2:
            continue
        (ca, cb), (sa, sb) = conflict.claims, (conflict.a, conflict.b)
        if ca in group_of:
            against.add((group_of[ca], sb.article_id))
        if cb in group_of:
            against.add((group_of[cb], sa.article_id))
    rows = []
    for group in groups:
        stated = {s.article_id for s in (*group.spans, *group.told_in_parts)}
        rows.append(tuple(
            CONFLICTS if (group.id, source) in against else SUPPORTS if source in stated else SILENT
            for source in sources
        ))
    return tuple(rows)
