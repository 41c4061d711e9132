"""Details of a corroborated claim that only one origin gives.

Two reports that state one fact rarely state it alike: "Galileo was launched aboard Space Shuttle
Atlantis on October 18, 1989" and "Galileo was launched in 1989 and arrived at Jupiter on Dec. 7,
1995" are one launch, told by two origins, but only the first names the shuttle and the day, and only
the second the arrival. A group's support covers what its claims share; the rest is what one origin
alone says, and a reader checking a figure or a name needs to see that it is not corroborated.

A detail is a normalised value of a claim (a figure, a date) or a mention of a named entity inside
its span. It is *backed* when a claim of another origin of the group gives it too: a value of the
same kind that agrees with it (:func:`~crosswire.align.conflicts.dates_agree` for dates, at the same
precision or finer: "1989" is backed by "October 18, 1989", not the reverse; figures within the
conflict rules' tolerance), or a mention of the same entity (or a name sharing its last word).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from ..model import Claim, Entity, Span, Value
from ..settings import AlignSettings
from .conflicts import dates_agree, figures_agree

DATE_KINDS = frozenset({"date"})
_WORD = re.compile(r"\w+")


def unshared_details(members: Sequence[Claim], origins: Sequence[int], entities: Sequence[Entity],
                     settings: AlignSettings) -> tuple[Span, ...]:
    """Spans of the details that one origin of the group gives and no other (``origins[i]`` is the
    origin of ``members[i]``); empty unless the group has two origins or more. A detail that one
    origin gives twice is shown once, at its first span."""
    if len(set(origins)) < 2:
        return ()
    named = _named_mentions(members, entities)
    found: dict[tuple, Span] = {}
    for i, claim in enumerate(members):
        others = [j for j, o in enumerate(origins) if o != origins[i]]
        for value in claim.values:
            if not any(_backs(w, value, settings) for j in others for w in members[j].values):
                found.setdefault((origins[i], "value", value.kind, str(value.value), value.unit), value.span)
        for span, entity_id, text in named[i]:
            if text in (claim.attributed_to or ""):
                continue  # who said it: the group's attribution, not a detail of the fact
            if not any(_names_backed(entity_id, text, named[j], members[j].text) for j in others):
                found.setdefault((origins[i], "name", entity_id), span)
    return tuple(sorted(found.values(), key=lambda s: (s.article_id, s.start)))


def detail_count(members: Sequence[Claim], entities: Sequence[Entity], speakers: Collection[str] = ()) -> int:
    """How many distinct details the claims ``members`` give: entities mentioned inside their spans,
    values (kind, value and unit), and the named ``speakers`` they are attributed to that their
    spans do not name ("It urged all sides …" of a ministry named the sentence before). Ranks
    claims of equal support: a fact-checker starts with those that name someone or give a figure
    or a date, which can be checked, before those that lean on the sentences around them ("That,
    too, may be so.")."""
    mentions = [m for found in _named_mentions(members, entities) for m in found]
    named = {entity_id for _span, entity_id, _text in mentions}
    values = {(v.kind, str(v.value), v.unit) for claim in members for v in claim.values}
    written = {text for _span, _id, text in mentions}
    return len(named) + len(values) + len({s.lower() for s in speakers} - written)


def _backs(other: Value, value: Value, settings: AlignSettings) -> bool:
    """Whether ``other`` (a value of another origin) gives ``value`` too."""
    if other.kind != value.kind:
        return False
    if value.kind in DATE_KINDS:
        a, b = str(value.value), str(other.value)
        return dates_agree(a, b) and len(b.lstrip("-")) >= len(a.lstrip("-"))
    if isinstance(value.value, str) or isinstance(other.value, str):
        return value.value == other.value
    return other.unit == value.unit and figures_agree(value, other, settings)


def _named_mentions(members: Sequence[Claim], entities: Sequence[Entity]) -> list[list[tuple[Span, str, str]]]:
    """Per claim, ``(span, entity id, lower-cased text)`` of the entity mentions inside its span."""
    out: list[list[tuple[Span, str, str]]] = [[] for _ in members]
    by_article: dict[str, list[int]] = {}
    for i, claim in enumerate(members):
        by_article.setdefault(claim.span.article_id, []).append(i)
    for entity in entities:
        for mention in entity.mentions:
            for i in by_article.get(mention.article_id, ()):
                span = members[i].span
                if span.start <= mention.start and mention.end <= span.end:
                    text = members[i].text[mention.start - span.start : mention.end - span.start] \
                        if len(members[i].text) == span.end - span.start else entity.name
                    out[i].append((mention, entity.id, text.lower()))
    return out


def _names_backed(entity_id: str, text: str, mentions: Sequence[tuple[Span, str, str]], claim_text: str) -> bool:
    """Whether a claim of another origin names the entity: a mention of it, or its last word written
    out ("Atlantis" for "Space Shuttle Atlantis")."""
    if any(eid == entity_id for _span, eid, _text in mentions):
        return True
    words = _WORD.findall(text)
    return bool(words) and words[-1] in _WORD.findall(claim_text.lower())
