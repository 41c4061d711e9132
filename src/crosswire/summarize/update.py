"""Update summaries: for a story seen before, only what is new since the last dossier.

The candidates are the sentences of the articles that arrived since; what the earlier articles
(or the earlier summary) already told is discounted in the concept weights
(``SummarizeSettings.update_discount``) and a sentence too close to an earlier one is skipped,
so the summary spends its words on news.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from ..settings import SummarizeSettings
from .extractive import Candidate, select

__all__ = ["select_update", "update_baseline"]


def select_update(
    candidates: Sequence[Candidate], earlier: Sequence[str], words: int,
    settings: SummarizeSettings | None = None, query: str | None = None, fill: bool = False,
) -> list[int]:
    """Indices of the chosen new sentences; ``earlier`` are the texts already told (earlier
    articles' sentences, or the earlier summary)."""
    return select(candidates, words, settings, query=query, known=earlier, fill=fill)


def update_baseline(members: Collection[str], seen: Collection[str]) -> list[str]:
    """The members of a story an update summary is new against: those an earlier dossier covered,
    or none when it covered all of them (nothing new) or none (the story is new); then no update
    summary is written."""
    known = set(members) & set(seen)
    return sorted(known) if 0 < len(known) < len(set(members)) else []
