"""Updates: a later report that supersedes an earlier state is an update, not a contradiction.

Two cases, both in publication order (the earlier report is ``a``):

* **unknown → known**: the earlier claim says something is not (yet) known ("whereabouts
  unknown", "it was not clear", "could not be confirmed"), and a later claim on the same thing
  states it without that cue;
* **revised figure**: a number conflict where the later claim carries a revision cue ("rose to",
  "has climbed to", "now", "updated", "bringing the death toll to") — a rising toll is news, not
  disagreement.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

from ..model import Claim, Conflict

__all__ = ["REVISION", "UNKNOWN_STATE", "find_updates", "order_pair", "split_updates"]

UNKNOWN_STATE = re.compile(
    r"\b(unknown|unclear|not (?:yet |immediately )?(?:known|clear|confirmed|disclosed|released|identified)|"
    r"(?:could|can|would) not (?:be )?(?:confirm|verif|say|determine)\w*|yet to be \w+|no word on|"
    r"remains? to be seen|unconfirmed|undisclosed|unidentified|whereabouts)\b",
    re.IGNORECASE,
)
"""Cues of a state not known at the time of writing."""

REVISION = re.compile(
    r"\b(rose|risen|rises|climbed|climbs|increased|jumped|revised|updated|now|latest|new toll|has reached|"
    r"reached|dropped|fell|fallen|lowered|bringing|brought|raising)\b",
    re.IGNORECASE,
)
"""Cues of a figure revised since an earlier report."""

PublishedOf = Callable[[Claim], "dt.date | None"]


def order_pair(a: Claim, b: Claim, published: PublishedOf) -> tuple[Claim, Claim] | None:
    """``(earlier, later)`` by publication date, or ``None`` when dates are missing or equal."""
    da, db = published(a), published(b)
    if da is None or db is None or da == db:
        return None
    return (a, b) if da < db else (b, a)


def _unknown_to_known(a: Claim, b: Claim, published: PublishedOf) -> Conflict | None:
    pair = order_pair(a, b, published)
    if pair is None:
        return None
    earlier, later = pair
    if UNKNOWN_STATE.search(earlier.text) and not UNKNOWN_STATE.search(later.text):
        return Conflict("update", earlier.span, later.span, "an earlier unknown is reported later",
                        claims=(earlier.id, later.id))
    return None


def find_updates(claims: Sequence[Claim], pairs: Sequence[tuple[int, int]], published: PublishedOf) -> list[Conflict]:
    """Unknown → known updates among comparable pairs of claims of different articles."""
    found = []
    for i, j in pairs:
        if claims[i].span.article_id == claims[j].span.article_id:
            continue
        if update := _unknown_to_known(claims[i], claims[j], published):
            found.append(update)
    return found


def split_updates(
    conflicts: Sequence[Conflict], by_id: dict[str, Claim], published: PublishedOf
) -> tuple[list[Conflict], list[Conflict]]:
    """``(conflicts, updates)``: number conflicts whose later side has a revision cue become updates."""
    kept, updates = [], []
    for conflict in conflicts:
        pair = order_pair(by_id[conflict.claims[0]], by_id[conflict.claims[1]], published) \
            if conflict.kind == "number" and len(conflict.claims) == 2 else None
        if pair and REVISION.search(pair[1].text):
            earlier, later = pair
            parts = conflict.parts if earlier.id == conflict.claims[0] else conflict.parts[::-1]
            updates.append(Conflict("update", earlier.span, later.span, f"revised figure: {conflict.note}",
                                    parts, (earlier.id, later.id)))
        else:
            kept.append(conflict)
    return kept, updates
