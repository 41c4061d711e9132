"""Update summaries: for a story seen before, only what is new since the last dossier.

The candidates are the sentences of the articles that arrived since; what the earlier articles
(or the earlier summary) already told is discounted in the concept weights
(``SummarizeSettings.update_discount``) and a sentence too close to an earlier one is skipped,
so the summary spends its words on news.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..settings import SummarizeSettings
from .extractive import Candidate, select

__all__ = ["select_update"]


def select_update(
    candidates: Sequence[Candidate], earlier: Sequence[str], words: int,
    settings: SummarizeSettings | None = None, query: str | None = None, fill: bool = False,
) -> list[int]:
    """Indices of the chosen new sentences; ``earlier`` are the texts already told (earlier
    articles' sentences, or the earlier summary)."""
    return select(candidates, words, settings, query=query, known=earlier, fill=fill)
