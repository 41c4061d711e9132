"""Provenance, pure: who copied whom. Passage reuse between articles and origin families.

Independent-origin counting (:func:`independent_origins`) is what the later stages use to
say "five outlets, one origin".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..model import Family, Span
from .families import build_families
from .passages import find_passage_links

__all__ = ["build_families", "find_passage_links", "independent_origins", "run_stage"]


def independent_origins(spans: Iterable[Span], families: Sequence[Family]) -> int:
    """How many independent origins a set of spans has: spans in one family count once,
    and each article outside any family is its own origin.

    >>> independent_origins([Span("a", 0, 5), Span("b", 0, 5)], [])
    2
    """
    member_family = {m: f.id for f in families for m in f.members}
    article_family: dict[str, set[str]] = {}
    for f in families:
        for m in f.members:
            article_family.setdefault(m.article_id, set()).add(f.id)
    origins = set()
    for span in spans:
        fam = member_family.get(span) or next(
            (member_family[m] for m in member_family if m.overlaps(span)), None
        )
        origins.add(("family", fam) if fam else ("article", span.article_id))
    return len(origins)


def run_stage(batch, settings, advance):
    """Pipeline stage: reuse links and origin families over all articles."""
    articles = batch["articles"]
    links = find_passage_links(articles, settings.provenance)
    advance(len(articles))
    return {"reuse": links, "families": build_families(links, articles)}
