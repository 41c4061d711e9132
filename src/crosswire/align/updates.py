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
from collections.abc import Callable, Mapping, Sequence

from ..model import Claim, Conflict, Entity, Span

__all__ = ["REVISION", "UNKNOWN_STATE", "WHEREABOUTS_UNKNOWN", "find_updates", "missing_person", "order_pair",
           "placement", "split_updates", "whereabouts_unknown", "whereabouts_updates"]

_NEWLY_KNOWN = "".join(f"(?<!{w} )(?<!{w}-)" for w in (
    "previously", "hitherto", "formerly", "relatively", "largely", "virtually", "little", "then", "once"))
"""Words that make "unknown" describe a thing as new or obscure ("a *previously* unknown flaw", "a
*little-*known actor"), not a state the report cannot yet tell."""
UNKNOWN_STATE = re.compile(
    rf"\b({_NEWLY_KNOWN}unknown|unclear|not (?:yet |immediately )?(?:known|clear|confirmed|disclosed|released|identified)|"
    r"(?:could|can|would) not (?:be )?(?:confirm|verif|say|determine)\w*|yet to be \w+|no word on|"
    r"remains? to be seen|unconfirmed|undisclosed|unidentified|whereabouts)\b",
    re.IGNORECASE,
)
"""Cues of a state not known at the time of writing; "a previously unknown vulnerability" is none
(:data:`_NEWLY_KNOWN`)."""

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


# --- whereabouts: "where X is, is not known" → a later report places X --------------------------

WHEREABOUTS_UNKNOWN = re.compile(
    r"\bwhereabouts\b[^;!?]{0,60}?\b(?:unknown|unclear|not (?:yet )?(?:known|clear|disclosed|confirmed)|a mystery)\b|"
    r"\b(?:unknown|unclear|not (?:yet )?(?:known|clear)|no word on|uncertain)\b[^;!?]{0,20}?\bwhereabouts\b|"
    r"\b(?:not|n't|never|declined to|refused to) (?:say|said|saying|disclose|disclosed|reveal|revealed|confirm|"
    r"confirmed|know|knew|known|specify|specified) where\b|"
    r"\b(?:unclear|not clear|unknown|not known|uncertain|unsure)[\"”’']? (?:of |about |as to )?where\b|"
    r"\b(?:unsure|uncertain|unaware|no word|no information|no news)[\"”’']? (?:of|about|on|as to) [^;!?]{0,40}?"
    r"\b(?:movements|whereabouts|location)\b|"
    r"\blocation\b[^;!?]{0,20}?\b(?:unknown|unclear|undisclosed|not (?:known|disclosed|given))\b",
    re.IGNORECASE,
)
"""Cues that where someone is was not known when the report was written: "his whereabouts are
unknown", "officials did not say where she was", "unsure of his movements"."""

_PLACING_VERBS = frozenset({"arrive", "flee", "fly", "land", "go", "travel", "escape", "head", "move", "relocate",
                            "reach", "stay", "remain", "live", "hide", "shelter", "settle", "be", "take"})
"""Verbs that put their subject somewhere when a place hangs on them ("fled to", "is in", "landed in")."""
_PLACING_PREPOSITIONS = frozenset({"in", "to", "into", "for", "at"})
_GIVING_VERBS = frozenset({"grant", "give", "offer", "accord"})
_ASYLUM_VERBS = _GIVING_VERBS | {"receive", "get", "find", "win"}
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_PLACING_CUE = re.compile(r"\b(asylum|arriv|fle[de]|flew|flown|land|travel|escap|head|moved|reach|stay|remain|"
                          r"liv|hid|shelter|settl|is|was|are|were|refuge)", re.IGNORECASE)


def whereabouts_unknown(text: str) -> re.Match | None:
    """The cue by which ``text`` says where someone is was not known, or ``None``."""
    return WHEREABOUTS_UNKNOWN.search(text)


def _person_mentions(claim: Claim, persons: Sequence[Entity]) -> list[tuple[int, int, Entity]]:
    """``(start, end, entity)`` of the person mentions inside ``claim``, offsets in its text, in order."""
    span = claim.span
    return sorted((m.start - span.start, m.end - span.start, e) for e in persons for m in e.mentions
                  if span.contains(m))


def _titles(entity: Entity, article_id: str, text: str) -> set[tuple[str, ...]]:
    """The capitalised words set right before ``entity``'s names in one article: its titles there
    ("Patrian President" of "… Patrian President Ana Marn …")."""
    titles = set()
    for m in entity.mentions:
        if m.article_id == article_id:
            run = re.search(r"((?:[A-Z][\w-]*\.? ){1,3})$", text[max(0, m.start - 60):m.start])
            if run:
                titles.add(tuple(w.lower().rstrip(".") for w in run.group(1).split()))
    return titles


def missing_person(claim: Claim, cue: re.Match, persons: Sequence[Entity], article_text: str) -> Entity | None:
    """Whose whereabouts ``claim`` says are unknown: the first person named after the cue ("did
    not say where Ana Marn was", "the whereabouts of Ana Marn"), or, for whereabouts, movements or
    a location, the one named last before it ("Marn's whereabouts", "… Marn should stay, though
    the actress's whereabouts were unknown"); else the one person whose title in the same article
    the words after the cue repeat ("the whereabouts of the Patrian President are unknown")."""
    named = _person_mentions(claim, persons)
    after = [e for s, _, e in named if s >= cue.start()]
    before = [e for s, _, e in named if s < cue.start()]
    if after or (before and re.search(r"whereabouts|movements|location", cue.group(0), re.IGNORECASE)):
        return after[0] if after else before[-1]
    words = set(re.findall(r"[\w-]+", claim.text[cue.start():].lower()))
    titled = [e for e in persons if e.id not in {x.id for _, _, x in named}
              and any(set(t) <= words for t in _titles(e, claim.span.article_id, article_text))]
    return titled[0] if len(titled) == 1 else None


def _negated(token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _is_person(token, person: tuple[int, int]) -> bool:
    """Whether the noun phrase headed by ``token`` is the person named at ``person`` (its own
    name) or an unnamed singular description of someone ("the ousted leader", "he") with no
    owner ("his brother" is someone else)."""
    if person[0] <= token.idx < person[1]:
        return True
    if any(c.dep_ == "poss" for c in token.children):
        return False
    return (token.pos_ == "NOUN" and token.tag_ == "NN") or token.lower_ in ("he", "she")


def placement(doc, person: tuple[int, int]) -> tuple[int, int] | None:
    """Where the parse ``doc`` of a claim puts the person mentioned at ``person`` (character
    offsets), as the offsets of the place's name, or ``None``. Read: asylum granted by or in a
    place ("Osten granted asylum to the ousted leader", "was given asylum in Osten"), and a
    verb of going or staying with a place after "in", "to", "for", "at" ("fled to Osten", "is
    in Osten") or as its object ("reached Osten"); the mover must be the person or an unnamed
    description of someone, and nothing may be negated."""
    def place_of(token):
        ent = next((e for e in doc.ents if e.start <= token.i < e.end), None)
        return (ent.start_char, ent.end_char) if ent is not None and ent.label_ in _PLACE_LABELS else None

    def pobj_place(head):
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in _PLACING_PREPOSITIONS:
                for obj in prep.children:
                    if obj.dep_ == "pobj" and (where := place_of(obj)):
                        return where
        return None

    for token in doc:
        if token.lemma_.lower() == "asylum" and token.head.lemma_.lower() in _ASYLUM_VERBS and not _negated(token.head):
            verb = token.head
            where = pobj_place(token) or pobj_place(verb)
            receivers = [c for c in verb.children if c.dep_ == "nsubjpass"]
            receivers += [o for c in verb.children if c.dep_ == "dative" for o in ([c] if c.pos_ != "ADP" else c.children)]
            if verb.lemma_.lower() in _GIVING_VERBS:
                givers = [c for c in verb.children if c.dep_ == "nsubj"]
                givers += [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
                where = where or next((p for g in givers if (p := place_of(g))), None)
            else:
                receivers += [c for c in verb.children if c.dep_ == "nsubj"]
            if where is not None and any(_is_person(r, person) for r in receivers):
                return where
        if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in _PLACING_VERBS and not _negated(token):
            if token.lemma_.lower() == "take" and not any(c.lower_ == "refuge" for c in token.children):
                continue
            where = pobj_place(token) or next((p for c in token.children if c.dep_ == "dobj"
                                               and token.lemma_.lower() == "reach" and (p := place_of(c))), None)
            movers = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
            if where is not None and any(_is_person(m, person) for m in movers):
                return where
    return None


def whereabouts_updates(claims: Sequence[Claim], entities: Sequence[Entity], texts: Mapping[str, str],
                        parse: Callable[[Claim], object], published: PublishedOf) -> list[Conflict]:
    """Updates from "where X is, is not known" to a report of another article that places X
    (:func:`placement`): the unknown comes first. Reports of one day are ordered by content, since
    a state not known comes before its being known, and the note says so; a report placing X
    that was published *before* the unknown is no update and is left out."""
    persons = [e for e in entities if e.type == "PERSON"]
    missing = []
    for claim in claims:
        if (cue := whereabouts_unknown(claim.text)) and \
                (who := missing_person(claim, cue, persons, texts[claim.span.article_id])) is not None:
            missing.append((claim, cue, who))
    if not missing:
        return []
    wanted = {who.id for _, _, who in missing}
    placed: dict[tuple[str, str], tuple[Claim, tuple[int, int]]] = {}
    for claim in claims:
        if whereabouts_unknown(claim.text) or UNKNOWN_STATE.search(claim.text) or not _PLACING_CUE.search(claim.text):
            continue
        for start, end, entity in _person_mentions(claim, persons):
            if entity.id in wanted and (claim.id, entity.id) not in placed \
                    and (where := placement(parse(claim), (start, end))):
                placed[claim.id, entity.id] = (claim, where)
    found = []
    for earlier, cue, who in missing:
        for (_, person), (claim, where) in placed.items():
            if person != who.id or claim.span.article_id == earlier.span.article_id:
                continue
            da, db = published(earlier), published(claim)
            if da is not None and db is not None and db < da:
                continue
            place = claim.text[where[0]:where[1]]
            note = f"whereabouts of {who.name}: unknown, then {place}"
            if da is None or db is None or da == db:
                note += " (reported the same day or undated: ordered by what they say, not by publication time)"
            parts = (Span(earlier.span.article_id, earlier.span.start + cue.start(), earlier.span.start + cue.end()),
                     Span(claim.span.article_id, claim.span.start + where[0], claim.span.start + where[1]))
            found.append(Conflict("update", earlier.span, claim.span, note, parts, (earlier.id, claim.id)))
    return found
