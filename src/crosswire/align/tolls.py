"""Casualty tolls: how many died or were hurt where, compared across every claim of a story.

The toll is the figure a reader checks first, and reports disagree on it in sentences that share
little else ("The detentions were the first in Kenya since Friday's bombing, which killed 247
people" / "the bombing of the U.S. Embassy in Nairobi, killing 213 people"): such claims fall in
no group and score low as paraphrases, so the pairwise checks of :mod:`.conflicts` never compare
them. This module reads each claim's parse for **toll mentions**: a figure counting

* the object of a killing or injuring verb ("killed 247 *people*", "wounding more than 5,000
  *others*"), the passive subject of one ("11 people … *were killed*"), the subject of a verb of
  dying ("12 Americans *died*"), the lives a verb takes ("*took* 10 *lives*"),
* the dead or injured as such ("more than 200 *dead*", "5,000 *injured*"),
* a toll ("*the death toll* has risen to 12", "bringing *the death toll* to 248"),

keyed by what is counted (people at large, or a named group: "12 *Americans*" is not compared
with "247 people") and by **where**: the places the figure's clause names (the verb's own clause
with its subject's phrase, or for a relative clause the phrase it describes; failing that, the
clauses it hangs in, up to the main one), the counted words themselves left out ("12 *Kenyan*
policemen" says who). A place that modifies a noun placed elsewhere is its owner, not where
("the *U.S.* Embassy in Nairobi"); a story's place the tagger missed counts when the story's
entities name it. Two mentions of different articles are one toll when they count one class of
casualty of one kind of people, their places are the same or one holds the other ("Nairobi,
Kenya" / "Kenya"), a place they share is told as where in one of them (after "in", "at",
"near" …: "*in* Tanzania", not only "the Tanzania blast" or "Russian attacks", which may say by
whom), and neither joins places with "and" ("the embassies in Kenya and Tanzania", a sum) unless
both do. A figure the claim marks as superseded ("*initially* 10") is left out, and so is a toll
with no place: in a story of several incidents it could be any of them. A people's adjective is
no place ("the *Tanzanian* embassy bombing", but also "*Russian* air strikes").

:func:`toll_conflicts` gives one ``number`` conflict per differing figure of a toll, set against
the figure most of the story's articles give (the age conflicts' rule), bounds agreeing with
figures on their side ("at least 224" with 247).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..model import Claim, Conflict, Entity, Value
from ..settings import AlignSettings
from .conflicts import bounded, figure_range, figures_agree, rounding_unit, within_tolerance

__all__ = ["TollMention", "place_names", "toll_conflicts", "toll_mentions", "tolls_agree", "tolls_compatible"]

DEATH_VERBS = frozenset({"kill", "slay", "massacre", "murder", "execute"})
DYING_VERBS = frozenset({"die", "perish", "drown"})
INJURY_VERBS = frozenset({"injure", "wound", "hurt", "maim"})
LIFE_VERBS = frozenset({"take", "claim", "cost"})
"""Verbs whose object "lives" is a death toll ("took 10 lives", "claimed 200 lives")."""
DEAD_WORDS = {"dead": "killed", "death": "killed", "fatality": "killed",
              "injured": "injured", "wounded": "injured", "injury": "injured", "casualty": "casualties"}
"""Words that are the casualties themselves ("more than 200 dead", "5,000 injured")."""
TOLL_WORDS = frozenset({"toll"})
PEOPLE_WORDS = frozenset({"people", "person", "persons", "other", "others", "individual", "civilian"})
"""Counted heads that mean anyone: compared with each other and with a bare figure ("11 were killed")."""
SUPERSEDED = frozenset({"initially", "originally", "earlier", "previously", "first", "once"})
_PLACE_LABELS = frozenset({"GPE", "LOC"})
_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "around"})
_MODIFIERS = frozenset({"compound", "amod", "nmod", "poss"})
_CLAUSE_CHILDREN = frozenset({"advcl", "ccomp", "conj", "relcl", "parataxis", "xcomp", "acl"})


@dataclass(frozen=True)
class TollMention:
    """One toll figure of one claim."""

    claim: Claim
    value: Value
    casualty: str
    """``killed``, ``injured`` or ``casualties``."""
    counted: str
    """``people``, or the lemma of a named group ("american")."""
    places: frozenset[str]
    joint: bool
    """Whether the places are joined by "and": a sum over them."""
    where: str = ""
    """The places as the claim writes them ("Nairobi, Kenya")."""
    located: frozenset[str] = frozenset()
    """The places told as where, after "in", "at", "near" … ("killed 11 people *in Tanzania*"), not
    as a modifier ("the Tanzania blast", "the U.S. Embassy", "Russian attacks": by, or in?)."""
    period: str = ""
    """A period the clause names apart from the event's own day ("last year", "in 1999"), lower-cased:
    a toll of another season or year is another toll."""

    @property
    def key(self) -> tuple[str, str, str]:
        return self.casualty, self.counted, self.period


def _casualty_of_verb(verb, role: str) -> str | None:
    lemma = verb.lemma_.lower()
    if role in ("object", "passive") and lemma in DEATH_VERBS:
        return "killed"
    if role in ("object", "passive") and lemma in INJURY_VERBS:
        return "injured"
    if role == "subject" and lemma in DYING_VERBS:
        return "killed"
    return None


def _role(noun) -> str | None:
    if noun.dep_ in ("dobj", "obj"):
        return "object"
    if noun.dep_ == "nsubjpass":
        return "passive"
    if noun.dep_ == "nsubj":
        return "subject"
    return None


def _negated(verb) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _toll_of(number):
    """``(casualty, counted, verb)`` of a figure token, or ``None`` when it counts no casualties."""
    noun = number.head if number.dep_ == "nummod" else number
    lemma = noun.lemma_.lower()
    if noun is not number and lemma in DEAD_WORDS:
        return DEAD_WORDS[lemma], "people", noun.head
    described = next((c for c in number.children if c.lower_ in DEAD_WORDS and c.dep_ in ("amod", "acl")), None)
    if noun is number and described is not None:  # "and another 74 injured"
        return DEAD_WORDS[described.lower_], "people", number.head
    if noun.lower_ in ("life", "lives") and noun.dep_ in ("dobj", "obj") and noun.head.lemma_.lower() in LIFE_VERBS:
        return "killed", "people", noun.head
    if number.dep_ == "pobj" and number.head.lower_ in ("to", "at", "of"):
        holder = number.head.head
        toll = holder if holder.lemma_.lower() in TOLL_WORDS else next(
            (c for c in holder.children if c.lemma_.lower() in TOLL_WORDS and c.dep_ in ("nsubj", "dobj", "obj")), None)
        if toll is not None:
            kind = next((c.lemma_.lower() for c in toll.children if c.dep_ in ("compound", "amod")), "death")
            return ("injured" if kind in ("injury", "injured") else "killed"), "people", toll.head
        return None
    role = _role(noun)
    if role is None or noun.head.pos_ not in ("VERB", "AUX"):
        return None
    verb = noun.head
    casualty = _casualty_of_verb(verb, role)
    if casualty is None or _negated(verb):
        return None
    counted = "people" if noun is number or lemma in PEOPLE_WORDS else lemma
    return casualty, counted, verb


def _clause(verb) -> list:
    """The tokens of ``verb``'s own clause: its subtree without the clauses below it; a
    coordinated verb without a subject of its own shares its first conjunct's subject."""
    skip = set()
    for child in verb.children:
        if child.dep_ in _CLAUSE_CHILDREN:
            skip.update(t.i for t in child.subtree)
    tokens = [t for t in verb.subtree if t.i not in skip]
    if verb.dep_ == "conj" and not any(c.dep_.startswith("nsubj") for c in verb.children):
        head = verb.head
        tokens += [t for c in head.children if c.dep_.startswith("nsubj") for t in c.subtree]
    if verb.dep_ == "relcl":
        described = verb.head
        inside = {t.i for t in verb.subtree}
        tokens += [t for t in described.subtree if t.i not in inside]
    return tokens


def _clauses_up(verb):
    """``verb``'s clause, then the clauses it hangs in, up to the main one ("Russian jets bombed a
    spring near the village of X, *killing* 10 civilians": the killing is where the bombing was)."""
    seen = set()
    while verb is not None and verb.i not in seen:
        seen.add(verb.i)
        yield _clause(verb)
        if verb.dep_ == "ROOT":
            return
        verb = next((t for t in verb.ancestors if t.pos_ in ("VERB", "AUX")), None)


def _place_words(tokens, doc, known: frozenset[str]) -> tuple[frozenset[str], bool, str, frozenset[str]]:
    """Places named among ``tokens`` (lower-cased), whether two of them are joined by "and", the
    places as written, and those told after a locative preposition."""
    ids = {t.i for t in tokens}
    places, heads, written, located = set(), [], [], set()
    for ent in doc.ents:
        if not any(t.i in ids for t in ent) or _owner(ent.root):
            continue
        if ent.label_ in _PLACE_LABELS:
            places.add(ent.text.lower().removeprefix("the "))
            heads.append(ent.root)
            written.append(ent.text.removeprefix("the "))
            if _locative(ent.root):
                located.add(ent.text.lower().removeprefix("the "))
    for token in tokens:  # a place of the story the tagger missed here ("the toll in Van")
        if token.pos_ == "PROPN" and token.ent_type_ not in _PLACE_LABELS and token.lower_ in known \
                and not _owner(token):
            places.add(token.lower_)
            heads.append(token)
            written.append(token.text)
            if _locative(token):
                located.add(token.lower_)
    return frozenset(places), _joined(heads), ", ".join(dict.fromkeys(written)), frozenset(located)


def _locative(place) -> bool:
    """Whether a place is told as where: the object of "in", "at", "near" …, directly or through
    an apposition, a conjunct or "of" ("in Nairobi, *Kenya*", "near the village of *X*")."""
    token = place
    for _ in range(4):
        if token.dep_ == "pobj":
            if token.head.lower_ in _LOCATIVE:
                return True
            if token.head.lower_ != "of":
                return False
            token = token.head.head
        elif token.dep_ in ("appos", "conj") and token.head is not token:
            token = token.head
        else:
            return False
    return False


def _joined(heads) -> bool:
    """Whether two of the place names are coordinated ("in Kenya *and* Tanzania", "in Tanzania and
    the Kenyan capital Nairobi"): a place, or the phrase it heads, has a conjunct holding another."""
    for head in heads:
        for phrase in _phrases(head):
            for conjunct in (c for c in phrase.children if c.dep_ == "conj"):
                if any(t in heads or t.ent_type_ in _PLACE_LABELS | {"NORP"} for t in conjunct.subtree):
                    return True
    return False


def _phrases(place):
    """The phrases a place name heads, from its own up to the noun its preposition hangs on ("U.S.
    Embassies" of "U.S. Embassies in Tanzania")."""
    phrase = place
    for _ in range(2):
        while phrase.dep_ in _MODIFIERS | {"appos"} and phrase.head is not phrase:
            phrase = phrase.head
        yield phrase
        if phrase.dep_ != "pobj" or phrase.head.head.pos_ not in ("NOUN", "PROPN"):
            return
        phrase = phrase.head.head


def _owner(root) -> bool:
    """Whether a place name modifies a noun that is placed elsewhere: the owner of a thing, not
    where it is ("the *U.S.* Embassy in Nairobi")."""
    if root.dep_ not in _MODIFIERS:
        return False
    return any(prep.dep_ == "prep" and prep.lower_ in _LOCATIVE
               and any(o.dep_ == "pobj" and o.ent_type_ in _PLACE_LABELS for o in prep.children)
               for prep in root.head.children)


def _figure_token(doc, value: Value, claim: Claim):
    start, end = value.span.start - claim.span.start, value.span.end - claim.span.start
    numbers = [t for t in doc if start <= t.idx < end and (t.like_num or t.pos_ == "NUM")]
    return numbers[-1] if numbers else None


def toll_mentions(claim: Claim, doc, known_places: frozenset[str] = frozenset()) -> list[TollMention]:
    """The toll figures of one claim (``doc``: its parse, offsets as in ``claim.text``)."""
    found = []
    for value in claim.values:
        if value.kind != "number" or not isinstance(value.value, (int, float)):
            continue
        number = _figure_token(doc, value, claim)
        if number is None or any(c.lower_ in SUPERSEDED for c in number.children):
            continue
        toll = _toll_of(number)
        if toll is None:
            continue
        casualty, counted, verb = toll
        noun = number.head if number.dep_ == "nummod" else number
        if _a_part(noun, verb):
            continue
        if aboard := _aboard(noun, verb if noun is number else None):
            counted = f"{counted} {aboard}"
        counted_phrase = {t.i for t in noun.subtree if t.i <= noun.i}  # "12 Kenyan policemen", not "… in Kenya"
        places, joint, where, located, period = frozenset(), False, "", frozenset(), ""
        for clause in _clauses_up(verb):
            tokens = [t for t in clause if t.i not in counted_phrase]
            period = period or _period(tokens)
            places, joint, where, located = _place_words(tokens, doc, known_places)
            if places:
                break
        if places:
            found.append(TollMention(claim, value, casualty, counted, places, joint, where, located, period))
    return found


_PERIOD = re.compile(r"\b(?:(?:last|this|next|previous|past)\s+(?:year|season|fall|autumn|spring|summer|winter|decade)"
                     r"|(?:1[89]|20)\d\d)\b", re.IGNORECASE)
_ON_BOARD = frozenset({"board", "ground"})


def _period(tokens) -> str:
    """A season or year named among ``tokens`` ("Last fall", "in 1999"), lower-cased, or ``""``."""
    dates = " ".join(t.text for t in sorted(tokens, key=lambda t: t.i) if t.ent_type_ == "DATE")
    found = _PERIOD.search(dates)
    return found.group(0).lower() if found else ""


def _a_part(noun, verb) -> bool:
    """Whether a counted phrase is one of several counts told together: "all 109 aboard *and four
    on the ground*", "109 people on the airplane *and four people on the ground*", "six people in
    New York City *and one in Westchester*", "236 Kenyans and 12 Americans": a part of the toll,
    not the toll."""
    def counts(token) -> bool:
        return token.like_num or any(c.dep_ == "nummod" for c in token.children)

    return any(t.dep_ == "conj" and counts(t) for t in (*noun.subtree, *verb.children)) \
        or (noun.dep_ == "conj" and counts(noun.head))


def _aboard(noun, verb=None) -> str:
    """Where a counted group was, when it says a part of the toll: "109 people *on board*" (and not
    the four on the ground), "*aboard*" (told beside the verb when the figure stands alone: "killing
    all 109 aboard"); ``""`` otherwise."""
    for child in (*noun.children, *(c for c in (verb.children if verb is not None else ()) if c.dep_ == "advmod")):
        if child.lower_ in ("aboard", "onboard"):
            return "aboard"
        if child.dep_ == "prep" and child.lower_ == "on":
            ground = next((o.lower_ for o in child.children if o.dep_ == "pobj" and o.lower_ in _ON_BOARD), None)
            if ground:
                return "aboard" if ground == "board" else "on the ground"
    return ""


def tolls_compatible(a: TollMention, b: TollMention) -> bool:
    """Whether two mentions count one toll (see the module docstring)."""
    if a.key != b.key:
        return False
    if not (a.places & b.places) & (a.located | b.located):
        return False  # only modifiers shared: "the U.S. Embassy" / "the U.S. Embassy in Kenya"
    if a.joint or b.joint:
        return a.joint and b.joint and a.places == b.places
    return a.places <= b.places or b.places <= a.places


def place_names(entities: Sequence[Entity]) -> frozenset[str]:
    """The story's place names, lower-cased: a place the tagger missed in one claim counts when the
    story's entities name it ("the toll in Van")."""
    return frozenset(name.lower() for e in entities if e.type in _PLACE_LABELS for name in (e.name, *e.variants))


def tolls_agree(a: Value, b: Value, settings: AlignSettings) -> bool:
    """Two toll figures agree (:func:`~crosswire.align.conflicts.figures_agree`); a bound agrees with
    any plain figure on its side ("at least three deaths" and five: true of a toll that rose); a plain
    round figure ("injured 5,000", rounded to ``toll_round_unit`` or more) is read as approximate: it
    agrees with any figure within the tolerance for approximations ("more than 5,400")."""
    if figures_agree(a, b, settings) or _within_bound(a, b) or _within_bound(b, a):
        return True
    return any(not v.approximate and rounding_unit(v) >= settings.toll_round_unit for v in (a, b)) and \
        within_tolerance(float(a.value), float(b.value), True, settings)


_CASUALTY_WORD = re.compile(r"\b(?:kill|slay|slain|massacr|murder|execut|die|died|dying|dead|death|perish|drown|"
                            r"injur|wound|hurt|maim|lives|toll|fatalit|casualt)", re.IGNORECASE)
"""Words without which a claim holds no toll: only claims with one are parsed."""


def toll_conflicts(claims: Sequence[Claim], parse: Callable[[Claim], object], settings: AlignSettings,
                   known_places: frozenset[str] = frozenset()) -> list[Conflict]:
    """``number`` conflicts between toll figures of different articles (module docstring); ``parse``
    gives a claim's parse, ``known_places`` the story's place names, lower-cased."""
    mentions = [m for c in claims if any(v.kind == "number" for v in c.values) and _CASUALTY_WORD.search(c.text)
                for m in toll_mentions(c, parse(c), known_places)]
    peers = [[m for m in mentions if m is mention or tolls_compatible(m, mention)] for mention in mentions]
    backing = [_backing(n, mention, own, settings) for n, (mention, own) in enumerate(zip(mentions, peers))]
    rank = {id(m): b for m, b in zip(mentions, backing)}
    out, shown = [], set()
    for mention, own in zip(mentions, peers):
        usual = max(own, key=lambda m: rank[id(m)])
        if mention.claim.span.article_id == usual.claim.span.article_id \
                or tolls_agree(mention.value, usual.value, settings):
            continue
        shown_as = (usual.value.value, mention.value.value, mention.key)
        if shown_as in shown:
            continue
        shown.add(shown_as)
        what = mention.casualty if mention.counted == "people" else f"{mention.counted} {mention.casualty}"
        out.append(Conflict("number", usual.claim.span, mention.claim.span,
                            f"{what} in {usual.where}: {usual.value.expression} vs {mention.value.expression}",
                            (usual.value.span, mention.value.span), (usual.claim.id, mention.claim.id)))
    return out


def _within_bound(bound: Value, figure: Value) -> bool:
    """Whether ``figure`` lies on the side of a bound ("at least three deaths" holds five)."""
    low, high = figure_range(bound)
    return low != high and low <= float(figure.value) <= high and not bounded(figure)


def _backing(order: int, mention: TollMention, peers: Sequence[TollMention], settings: AlignSettings) -> tuple:
    """How a figure ranks as a toll's usual figure: a plain figure before a bound or an
    approximation, then by the number of articles whose figure of that toll agrees with it, then
    first told (``order``). Counted once per mention, so a story's tolls cost pairs, not triples."""
    articles = {p.claim.span.article_id for p in peers if tolls_agree(p.value, mention.value, settings)}
    plain = not mention.value.approximate and not bounded(mention.value)
    return plain, len(articles), -order
