"""Event frames: one fact shared by claims that word it differently and bundle other facts with it.

The sentence matcher (:mod:`.matching`) scores whole claims, so two reports of one event score
low when each sentence bundles a second fact or words the event differently ("rebels seized
control of the capital" / "a coalition had occupied the capital and the president fled"). This
module reads each claim's dependency parse for **atomic event frames** — a predicate (verb lemma,
with its particle, and with a light noun and preposition when the verb acts on a name through
one: "seize control of", "overthrow rule of"), its **theme** (the object, or the passive subject,
which must be a name) and its **agent** (the subject, inherited along conjoined predicates, so
"liberated X and overthrew Y" gives two frames with one agent).

Two frames of claims of different articles are **the same fact** (:func:`same_fact`) when

* their themes denote the same name (same normalised name, or one canonical entity of the story
  found through the entities' mention spans), or the same count: "killed all 217 people" / "all
  217 people aboard died" (an intransitive verb's counted subject is its theme, not its agent),
* their predicates name one event: they share an event class (:mod:`.event_classes`: "liberate"
  / "seize control of" / "occupy" are all Conquering), or they are near-synonyms by MiniLM cosine
  of the short verb phrases, at least ``event_predicate_min_cosine`` (calibrated on ECB+
  event-coreference chains, see :mod:`crosswire.eval.frames`),
* their agents are compatible: either unknown or a pronoun, or the same name, or (common nouns)
  MiniLM cosine of the agent phrases at least ``event_agent_min_cosine`` (calibrated likewise on
  ECB+ participant chains),
* and both are asserted, or both negated.

:func:`fact_pairs` gives the claim pairs that share a fact, for the grouping in
:func:`crosswire.align.group_claims`, which merges whole claim groups only when *every* pair of
their claims from different articles shares a fact (complete linkage, so a claim that bundles two
facts cannot chain two different facts together).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..extract.claims import FRAME_LEMMAS
from ..extract.speakers import CUE_LEMMAS, antecedent
from ..model import Article, Claim, Entity, Span
from ..settings import AlignSettings
from .embed import encode
from .event_classes import same_event_class
from .lexical import numbers

__all__ = ["Frame", "ValueEvents", "claim_frames", "fact_pairs", "frames_of_doc", "governing_predicate", "governing_verb",
           "same_fact", "telling"]

_OBJECTS = frozenset({"dobj", "obj"})
_PASSIVE_SUBJECTS = frozenset({"nsubjpass"})
_SUBJECTS = frozenset({"nsubj"})
_NAME_LINKS = frozenset({"appos"})
_UNASSERTED = frozenset({"acl", "amod", "xcomp"})
"""Verbs that only describe a noun ("cables *connecting* two continents") or an aim ("failed *to
pass* the record", "needed nine points *to pass*"): not an asserted fact."""
_LIGHT_PREPOSITIONS = frozenset({"of", "over"})
_SKIP_AGENT = frozenset({"det", "punct", "predet"})
_MAX_AGENT_WORDS = 6


@dataclass(frozen=True)
class Frame:
    """An atomic event frame of one claim: who did what to which named thing."""

    claim: int
    """Index of the claim in the list given to :func:`claim_frames`."""
    predicate: str
    """Short verb phrase of lemmas ("occupy", "take over", "seize control of")."""
    theme: frozenset[str]
    """Keys of the theme's name: its normalised name, and ``entity:<id>`` when a story entity is
    mentioned there; or of a counted theme, ``#217``."""
    agent: str | None = None
    """The agent's phrase ("the rebel forces"); ``None`` when unknown or a pronoun."""
    agent_names: frozenset[str] = frozenset()
    """Name keys of the agent, when it is a name."""
    negated: bool = False


def _normalise(text: str) -> str:
    text = text.lower().replace("’", "'").removesuffix("'s").strip(" '\"“”‘").replace("-", " ")
    return " ".join(w for w in text.split() if w not in {"the", "a", "an"})


def _same_name(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two sets of name keys share a key, or one name's words are all in the other's
    ("rashid" / "omar al rashid")."""
    if a & b:
        return True
    words = lambda keys: [frozenset(k.split()) for k in keys if not k.startswith("entity:")]
    return any(x <= y or y <= x for x in words(a) for y in words(b))


def _is_name(token) -> bool:
    return token.pos_ == "PROPN" or (token.ent_type_ not in ("", "DATE", "TIME", "CARDINAL", "ORDINAL",
                                                               "PERCENT", "MONEY", "QUANTITY"))


def _name_text(token) -> str:
    if token.ent_type_:
        for ent in token.doc.ents:
            if ent.start <= token.i < ent.end:
                return ent.text
    parts = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
    return " ".join([*(t.text for t in parts), token.text])


def _name_token(token):
    """The name a theme or agent token stands for: itself, or its apposition or compound name."""
    if _is_name(token):
        return token
    for child in token.children:
        if child.dep_ in _NAME_LINKS and _is_name(child):
            return child
    return None


def _theme(verb) -> tuple[object, str] | None:
    """The theme's name token and the predicate's extra words (light noun and preposition)."""
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    heads = [c for c in verb.children if c.dep_ in (_PASSIVE_SUBJECTS if passive else _OBJECTS)]
    for head in heads:
        name = _name_token(head)
        if name is not None:
            return name, ""
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in _LIGHT_PREPOSITIONS:
                for obj in prep.children:
                    if obj.dep_ == "pobj" and (name := _name_token(obj)) is not None:
                        return name, f"{head.lemma_.lower()} {prep.lower_}"
    return None


_TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"})
"""Heads of a count that measures time, not what the event acted on ("crashed 40 *minutes* into …")."""


def _counted_theme(verb) -> tuple[str, bool] | None:
    """The count a predicate acts on, as a theme key, and whether it is the verb's subject: "killed
    all 217 people", "217 people were killed" → ``("#217", False)``; an intransitive verb's subject,
    "all 217 people aboard died" → ``("#217", True)``. Reports that word one toll differently
    state one fact when their predicates name one event. Only a claim's main verb is asked, and
    only in a claim that names no year (:func:`frames_of_doc`): a toll told in passing ("pored
    over the recorder …, killing all 217") would make a group of one figure stand for everything
    else its sentence says, and a year often dates another event's toll ("died in the 1998
    flood")."""
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    objects = [c for c in verb.children if c.dep_ in _OBJECTS]
    subject = not passive and not objects
    heads = [c for c in verb.children if c.dep_ in (_PASSIVE_SUBJECTS if passive else _SUBJECTS if subject else _OBJECTS)]
    for head in heads:
        number = head if head.like_num else next((c for c in head.children if c.dep_ == "nummod" and c.like_num), None)
        if number is None or head.lemma_.lower() in _TIME_UNITS:  # "crashed 40 minutes into …"
            continue
        found = numbers(number.text)  # "three" and "3" are one count
        value = f"{max(found):g}" if found else number.lower_
        if not found or max(found) >= _DISTINCT_COUNT:
            return f"#{value}", subject
        if head is not number:  # "Police arrested 3" says too little to be one fact
            return f"#{value} {head.lemma_.lower()}", subject  # "two people" and "two officers" stay apart
    return None


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
"""A year in a claim: its count may be an earlier event's ("Two people were killed in a 2005
bombing"), so it gives no counted theme."""
_DISTINCT_COUNT = 10
"""From this count on a figure alone tells one toll from another ("217"); a smaller count ("two",
"3") is common to several events of one story, so its head noun must match too ("two people" /
"two officers")."""


def _agent(verb):
    """The agent token: the subject (or the passive ``by`` phrase), inherited along ``conj``; a
    relative pronoun stands for the noun its clause modifies."""
    while True:
        for child in verb.children:
            if child.dep_ in _SUBJECTS:
                return antecedent(child, verb)
            if child.dep_ == "agent":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        if verb.dep_ != "conj" or verb.head is verb:
            return None
        verb = verb.head


def _agent_phrase(agent) -> str:
    words = [t.text for t in agent.subtree if t.dep_ not in _SKIP_AGENT and t.i >= agent.left_edge.i]
    return " ".join(words[:_MAX_AGENT_WORDS])


def _predicate(verb, extra: str) -> str:
    particle = " ".join(c.lower_ for c in verb.children if c.dep_ == "prt")
    return " ".join(p for p in (verb.lemma_.lower(), particle, extra) if p)


ACCUSING_LEMMAS = frozenset({
    "charge", "accuse", "suspect", "indict", "arrest", "acquit", "convict", "guilty", "innocent", "try", "prosecute",
    "blame", "deny", "investigate", "allege", "sentence", "jail", "clear",
})
"""Words whose "of"/"with"/"for" + gerund names an accusation, not an act that took place: "charged
*with murdering* X", "guilty *of killing* X", "arrested *for beating* X"."""


def _accused(verb) -> bool:
    """A gerund that an accusation governs ("two men charged with *murdering* Shepard")."""
    prep = verb.head if verb.dep_ == "pcomp" else None
    return prep is not None and prep.lower_ in ("of", "with", "for") and prep.head.lemma_.lower() in ACCUSING_LEMMAS


def frames_of_doc(doc, claim: int, keys=None) -> list[Frame]:
    """The frames of one parsed claim (none for a question; none for a verb that only modifies a
    noun, states an aim, or is an infinitive or carries a modal: "to take", "could take"). ``keys(token)`` gives extra name keys for a name token (e.g. its canonical entity); by
    default only the normalised name."""
    keys = keys or (lambda token: frozenset())
    frames = []
    if doc.text.rstrip(" \"'”’").endswith("?"):
        return frames
    for verb in doc:
        if verb.dep_ in _UNASSERTED or _accused(verb) or any(c.tag_ in ("MD", "TO") for c in verb.children) or not (
                verb.pos_ in ("VERB", "AUX") or any(c.dep_ in _OBJECTS for c in verb.children)):
            continue
        if telling(verb) or (verb.lemma_.lower() in FRAME_LEMMAS and not any(c.dep_ in _OBJECTS for c in verb.children)):
            continue  # reporting is no event: "one official said …" and "two officials said …" state nothing alike
        if not stated(verb):
            continue
        found = _theme(verb)
        if found is not None:
            theme, extra = found
            theme_keys = frozenset({_normalise(_name_text(theme))}) | keys(theme)
            agent = _agent(verb)
        elif verb.dep_ == "ROOT" and not _YEAR.search(doc.text) and (counted := _counted_theme(verb)):
            extra, theme_keys = "", frozenset({counted[0]})
            agent = None if counted[1] else _agent(verb)  # "217 people died": the subject is the theme
        else:
            continue
        known = agent is not None and agent.pos_ != "PRON"
        named = _name_token(agent) if known else None
        frames.append(Frame(
            claim=claim, predicate=_predicate(verb, extra),
            theme=theme_keys,
            agent=_agent_phrase(agent) if known else None,
            agent_names=frozenset({_normalise(_name_text(named))}) | keys(named) if named is not None else frozenset(),
            negated=any(c.dep_ == "neg" for c in verb.children),
        ))
    return frames


_NOT_ASSERTING = frozenset({"deny", "urge", "ask", "demand", "predict", "promise", "vow", "suggest", "plead"})
"""Telling verbs whose clause is not told as fact: denied, urged, asked for, foretold or offered."""


def stated(verb) -> bool:
    """Whether the claim states ``verb``'s event: its main verb, a verb coordinated with it, or
    what a telling verb reports ("police said the gunman *killed* …"). An event in a subordinate
    clause is background to what the claim states ("the largest rally since the dispute began
    after the boy *was rescued*"; "the deadline for *returning* the boy loomed"), and one a
    speaker demands or denies is no fact ("Castro demanded that the boy *be returned*"): two
    claims that only share such an event do not state one thing."""
    while verb.dep_ != "ROOT":
        reported = verb.dep_ in ("ccomp", "parataxis") and telling(verb.head) \
            and verb.head.lemma_.lower() not in _NOT_ASSERTING
        if verb.dep_ != "conj" and not reported:
            return False
        verb = verb.head
    return True


def _entity_keys(claim: Claim, article: Article | None, mentions: dict[str, list[tuple[int, int, Entity]]]):
    """Name keys from the story entities whose mention spans cover a token of ``claim``."""
    aligned = article is not None and article.text[claim.span.start:claim.span.end] == claim.text

    def keys(token) -> frozenset[str]:
        if not aligned:
            return frozenset()
        at = claim.span.start + token.idx
        found = set()
        for start, end, entity in mentions.get(claim.span.article_id, ()):
            if start <= at < end:
                found |= {f"entity:{entity.id}", *(_normalise(v) for v in (entity.name, *entity.variants))}
        return frozenset(found)

    return keys


_SCARE_QUOTES = re.compile(r"(?<![\w])([‘“\"])(\w[\w-]*(?: [\w-]+){0,2})([’”\"])(?!\w)")
"""Quote marks around one to three words ("the rebels ‘liberated’ the town"): scare quotes, which
make the tagger read the verb as an adjective."""


def without_scare_quotes(text: str) -> str:
    """``text`` with scare quotes replaced by spaces (offsets unchanged), so the quoted verb parses
    as a verb."""
    return _SCARE_QUOTES.sub(lambda m: f" {m.group(2)} ", text)


def claim_frames(
    claims: Sequence[Claim], nlp, articles: dict[str, Article] | None = None, entities: Sequence[Entity] = (),
) -> list[Frame]:
    """The event frames of ``claims``, parsed with the spaCy pipeline ``nlp``; theme and agent
    names are resolved to ``entities`` through their mention spans in ``articles``."""
    articles = articles or {}
    mentions: dict[str, list[tuple[int, int, Entity]]] = {}
    for entity in entities:
        for span in entity.mentions:
            mentions.setdefault(span.article_id, []).append((span.start, span.end, entity))
    frames = []
    for i, (claim, doc) in enumerate(zip(claims, nlp.pipe([without_scare_quotes(c.text) for c in claims], batch_size=32))):
        keys = _entity_keys(claim, articles.get(claim.span.article_id), mentions)
        frames.extend(frames_of_doc(doc, i, keys))
    return frames


def _cosines(phrases: Sequence[str]) -> dict[tuple[str, str], float]:
    unique = sorted(set(phrases))
    vectors = encode(unique)
    sims = vectors @ vectors.T if len(unique) else np.zeros((0, 0))
    return {(a, b): float(sims[i, j]) for i, a in enumerate(unique) for j, b in enumerate(unique)}


def _agents_compatible(a: Frame, b: Frame, cosine: dict[tuple[str, str], float], settings: AlignSettings) -> bool:
    if a.agent is None or b.agent is None:
        return True
    if a.agent_names and b.agent_names:
        return _same_name(a.agent_names, b.agent_names)
    return cosine[a.agent, b.agent] >= settings.event_agent_min_cosine


def same_fact(a: Frame, b: Frame, cosine: dict[tuple[str, str], float], settings: AlignSettings) -> bool:
    """Whether two frames state one fact (see the module docstring); ``cosine`` holds the MiniLM
    cosine of every pair of predicate and agent phrases (:func:`fact_pairs` computes it)."""
    return (
        a.negated == b.negated and bool(a.theme & b.theme)
        and (same_event_class(a.predicate, b.predicate)
             or cosine[a.predicate, b.predicate] >= settings.event_predicate_min_cosine)
        and _agents_compatible(a, b, cosine, settings)
    )


def fact_pairs(frames: Sequence[Frame], article_ids: Sequence[str], settings: AlignSettings) -> set[tuple[int, int]]:
    """Pairs of claim indices ``(i, j)``, ``i < j``, of different articles that share a fact."""
    cosine = _cosines([f.predicate for f in frames] + [f.agent for f in frames if f.agent])
    pairs = set()
    for x, a in enumerate(frames):
        for b in frames[x + 1:]:
            if article_ids[a.claim] != article_ids[b.claim] and same_fact(a, b, cosine, settings):
                pairs.add((min(a.claim, b.claim), max(a.claim, b.claim)))
    return pairs


def governing_verb(doc, offset: int):
    """The verb a word at character ``offset`` of ``doc`` belongs to — the first verb up its chain
    of heads, past verbs that only describe a noun ("on Saturday" → "said" in "On Saturday, the
    governor said …"; "10" → "killing" in "killing at least 10 people"), or ``None``."""
    token = next((t for t in doc if t.idx <= offset < t.idx + len(t)), None)
    while token is not None:
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "amod":
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def governing_predicate(doc, offset: int) -> str | None:
    """The predicate (:func:`_predicate`: lemma and particle) of :func:`governing_verb`."""
    verb = governing_verb(doc, offset)
    return _predicate(verb, "") if verb is not None else None


def telling(verb) -> bool:
    """Whether a verb reports speech with what was said as its clause ("police *explained* that
    officers shot …"): a cue verb, with no particle ("add up" is no telling), with a clausal
    complement. "Apple *announced* the new iPhone" tells nothing: it is the event."""
    return (verb.lemma_.lower() in CUE_LEMMAS and not any(c.dep_ == "prt" for c in verb.children)
            and any(c.dep_ in ("ccomp", "parataxis") for c in verb.children))


class ValueEvents:
    """Whether two values of two claims belong to one event: the verbs they hang on
    (:func:`governing_predicate`) are one predicate, share an event class, or are near-synonyms
    (MiniLM cosine at least ``event_predicate_min_cosine``). A date conflict between claims that
    are merely related needs it: "On Saturday, the governor *said* …" and "since she *became* the
    candidate on Aug. 29" date two events. Dates of claims matched as one statement (``matched``)
    are only kept apart when one dates the telling (:func:`telling`) and the other the told
    ("Yesterday, the police *explained* that officers shot …" / "… was *shot* on Saturday night"):
    their verbs are often synonyms MiniLM rates low ("wounded" / "injured" 0.51); figures of matched
    claims are not asked. Parses are kept per claim."""

    def __init__(self, nlp, settings: AlignSettings) -> None:
        self.nlp, self.settings = nlp, settings
        self._docs: dict[str, object] = {}

    def parse(self, claim: Claim):
        """The claim's parse (offsets as in its text), kept."""
        if claim.id not in self._docs:
            self._docs[claim.id] = self.nlp(without_scare_quotes(claim.text))
        return self._docs[claim.id]

    def verb(self, claim: Claim, part: Span):
        return governing_verb(self.parse(claim), part.start - claim.span.start)

    def subject_words(self, claim: Claim, part: Span) -> set[str]:
        """Lower-cased name words (proper nouns, named entities) of the subject of the verb a value
        hangs on ("The Lauda Air crash killed all 223 people" → lauda, air); empty when it has none."""
        verb = self.verb(claim, part)
        if verb is None:
            return set()
        return {t.lower_ for child in verb.children if child.dep_ in _SUBJECTS | _PASSIVE_SUBJECTS
                for t in child.subtree if t.pos_ == "PROPN" or t.ent_type_}

    def __call__(self, a: Claim, part_a: Span, b: Claim, part_b: Span, matched: bool = False) -> bool:
        va, vb = self.verb(a, part_a), self.verb(b, part_b)
        if matched:  # only the telling against the told: "Yesterday, police *explained* that …"
            return va is None or vb is None or telling(va) == telling(vb)
        if va is None or vb is None:
            return False
        pa, pb = _predicate(va, ""), _predicate(vb, "")
        if pa == pb or same_event_class(pa, pb):
            return True
        ea, eb = encode([pa, pb])
        return float(ea @ eb) >= self.settings.event_predicate_min_cosine
