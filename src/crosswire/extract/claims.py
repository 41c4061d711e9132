"""Atomic claims: sentences, split at coordinated clauses that each have their own subject.

A claim carries who it is attributed to (the resolved speaker of a quote or reported statement in
its sentence, else "according to X", else the subject of a cue verb), hedging and negation flags,
and the normalised values inside its span. A coordinated sentence is split only where that is
safe: both clauses have their own subject, so each part reads as a statement on its own
("Rebels took the city, and the army withdrew"); a shared subject ("X resigned and left") keeps
the sentence whole, since a claim must be a contiguous span of the article.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from ..clean.dateline import dateline_end
from ..model import Claim, Quote, Span
from .speakers import (
    CUE_LEMMAS,
    QA_LABEL,
    RELAY_LEMMAS,
    TRANSCRIPT_LABEL,
    in_set_phrase,
    printed_qa,
    whole_entities,
)
from .values import CLOSING_MARK, OPENING_MARK, STATEMENT_EDGES, values_in

NEGATIVE_WORDS = frozenset({"no", "nobody", "nothing", "neither", "none", "nowhere"})
"""Determiners and pronouns that negate the predicate they are an argument of ("no threat",
"nobody was hurt"); "not", "never" and "n't" are found by their dependency label ``neg``."""
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "attr", "expl", "pobj", "dative", "oprd"})
_ACCORDING = re.compile(r"according to ([^,.;]+)", re.IGNORECASE)


NEUTER_PRONOUNS = frozenset({"it"})
"""A speaker that points back: "It urged all parties to …" right after "The ministry voiced concern
…, it said" is the ministry, the named source of the sentence before (:func:`find_claims`)."""


def attribution(sent) -> str | None:
    """Who the sentence attributes its content to: "according to X", or the speaker of a cue verb
    (:func:`cue_speaker`) that is no relative pronoun ("The man who denied the charges was freed"
    attributes nothing to "who") and does not speak in a restrictive relative clause, which tells
    which thing a noun of the sentence is, not who states it ("officials showed the council the maps
    *they say* prove the leak", "the reports they say *they wrote*": :func:`_in_restrictive_clause`)."""
    return attribution_cue(sent)[0]


def attribution_cue(sent) -> tuple[str | None, int | None]:
    """:func:`attribution`, with the index of its cue verb (``None`` for "according to", which
    attributes the whole sentence)."""
    if m := _ACCORDING.search(sent.text):
        return m.group(1).strip(), None
    dateline = dateline_end(sent.doc.text[:200])
    for token in sent:
        if token.lemma_.lower() in CUE_LEMMAS and token.pos_ == "VERB" and not _in_restrictive_clause(token) \
                and not in_set_phrase(token) \
                and not _act_not_speech(token) \
                and (speaker := cue_speaker(token)) and not _relative(speaker) \
                and speaker.idx >= dateline:  # never "WASHINGTON _ …"
            return as_written(speaker), token.i
    return None, None


def as_written(head) -> str:
    """The phrase a token heads as the text writes it ("the Hong Kong-based …", not "Hong Kong -
    based"), without punctuation at its edges ("the firm's site, vela.org," → "the firm's site,
    vela.org") and cutting no name in two (:func:`~crosswire.extract.speakers.whole_entities`)."""
    doc = head.doc
    start, end = whole_entities(doc, head.left_edge.i, head.right_edge.i + 1)
    while end - 1 > start and doc[end - 1].is_punct:
        end -= 1
    while start < end - 1 and doc[start].is_punct:
        start += 1
    return doc[start:end].text


def _restrictive_clause(verb) -> bool:
    """Whether a verb heads a relative clause set against its noun without a comma ("the maps *they
    say* prove the leak"): it tells which thing is meant. A clause after a comma may be the parser's
    reading of a trailing frame ("… a criminal investigation, an AP report *quoted* an official as
    saying"), which does attribute the sentence."""
    if verb.dep_ != "relcl":
        return False
    doc = verb.doc
    return verb.head.i < verb.left_edge.i and not any(t.text == "," for t in doc[verb.head.i + 1 : verb.left_edge.i + 1])


def _in_restrictive_clause(token) -> bool:
    """Whether a token is in a restrictive relative clause (:func:`_restrictive_clause`), at its head
    or below it ("the reports they say *they wrote*")."""
    return any(_restrictive_clause(t) for t in (token, *token.ancestors))


BODY_LABELS = frozenset({"ORG", "GPE", "NORP"})


def _named_body(sent, source: str | None) -> str | None:
    """The body a sentence names as its source, or else as its main verb's subject ("The Patrian
    Foreign Ministry voiced concern …"): what a following "it" refers to. A body is a singular
    phrase with an organisation, a country or a nationality in it and no person ("Patrian
    officials" are no "it")."""
    subject = next((c for c in sent.root.children if c.dep_ == "nsubj"), None)
    if source and source.lower() not in NEUTER_PRONOUNS:
        words = set(re.findall(r"\w+|[^\w\s]", source))  # the tokens of "Hong Kong-based" as written
        phrase = [t for t in sent if t.text in words]
    elif subject is not None:
        phrase = list(subject.subtree)
        source = as_written(subject)
    else:
        return None
    inside = {t.i for t in phrase}
    plural = any(t.tag_ in ("NNS", "NNPS") for t in phrase if t.head.i not in inside)
    labels = {t.ent_type_ for t in phrase}
    return source if labels & BODY_LABELS and "PERSON" not in labels and not plural and source[0].isupper() else None


def _relative(speaker) -> bool:
    """Whether a speaker phrase is a relative pronoun's ("who", "whose office", "some of whom"),
    which points back to a noun of another clause; a relative clause inside it ("a spokesman who
    asked not to be named") does not count."""
    inside, todo = [], [speaker]
    while todo:
        token = todo.pop()
        inside.append(token)
        todo.extend(c for c in token.children if c.dep_ not in ("relcl", "acl"))
    return any(t.tag_ in ("WP", "WP$", "WDT") for t in inside)


CLAUSE_ONLY_CUES = frozenset({"plead", "charge"})
"""Cue verbs that report words only with a clause ("critics charged *that* …", "he pleaded *that* …");
without one they name an act ("Henderson pleaded guilty", "prosecutors charged him with murder"),
which is the reported fact, not its source."""


def _act_not_speech(verb) -> bool:
    """A cue verb that names an act, not words: "pleaded guilty", "charged him with …", "denied its
    right to govern" (a denial that refutes nothing, see :func:`_denies`)."""
    lemma = verb.lemma_.lower()
    if lemma in DENYING:
        return not _denies(verb)
    return lemma in CLAUSE_ONLY_CUES and not any(c.dep_ in ("ccomp", "parataxis") for c in verb.children)


def cue_speaker(verb):
    """The speaker of a cue verb: its subject ("the NYPD *said*"); in the passive its agent ("was
    *told* by police"), not its subject ("Subryan *was charged* with …", "People *are asked* to …"
    name no speaker); for a relaying verb with "(as) saying", who is relayed ("an agency *quoted* the
    governor as saying": the governor; "he *was quoted* as saying": he), else its subject ("officials
    *cited* security concerns")."""
    children = list(verb.children)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in children)
    # "quoted X as saying", "quoted X saying" (no comma: "cited concerns, saying …" is the citer's)
    saying = [g for c in children if c.lower_ == "as" for g in c.children] + [
        c for c in children if c.dep_ == "advcl" and not verb.doc[c.i - 1].is_punct] + [
        g for c in children if c.dep_ in ("dobj", "obj") for g in c.children]
    relayed = any(c.tag_ == "VBG" and c.lemma_.lower() in CUE_LEMMAS for c in saying)
    if verb.lemma_.lower() in RELAY_LEMMAS and relayed:
        wanted = ("nsubjpass",) if passive else ("dobj", "obj")
    elif passive:
        agent = next((c for c in children if c.dep_ == "agent"), None)
        return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    else:
        wanted = ("nsubj",)
    return next((c for c in children if c.dep_ in wanted), None)


HEDGE_MODIFIERS = frozenset({
    "may", "might", "could", "reportedly", "allegedly", "possibly", "perhaps", "apparently", "probably", "likely",
    "purportedly", "supposedly", "seemingly", "presumably",
})
"""Modal auxiliaries and adverbs that hedge the predicate they modify ("may have been damaged",
"reportedly fled")."""
INABILITY = frozenset({"could"})
"""Modals that, negated, state an inability rather than hedge: "police could not confirm" is a
firm statement; "might not" and "may not" stay hedged."""
HEDGE_VERBS = frozenset({"seem", "appear"})
"""Verbs that hedge their complement ("seems to have left")."""
HEDGE_PASSIVES = frozenset({"believe", "expect", "rumour", "rumor", "think", "say", "report", "suspect"})
"""Verbs that hedge their verbal complement in the passive ("is believed to have started", "is said
to", "it is reported that …"; not "was reported missing", an adjective)."""
BELIEF_VERBS = frozenset({"believe", "suspect", "think", "expect"})
"""Verbs that hedge their clause in the active too: "investigators believe the strip shredded a
tire" holds the shredding as a belief, as "the strip is believed to have shredded …" does, and
"executives expect their business to grow" holds the growth as a forecast, not a fact ("expects a
profit", without a clause, is no hedge)."""
UNCERTAIN = frozenset({"unclear", "unconfirmed", "unsure", "uncertain", "unknown", "probable", "likely", "possible"})
"""Complements that leave the claim open ("it is unclear whether …", "it was probable that …",
"he is likely to …")."""
PERMISSION_MODALS = frozenset({"may"})
"""Modals that grant or deny leave when their subject is anyone at all of a kind: "any federal agency
may avail itself of …", "no company may sell …" state a rule, not a guess."""
FREE_CHOICE_DETERMINERS = frozenset({"any", "each", "every", "no"})
FREE_CHOICE_PRONOUNS = frozenset({"anyone", "anybody", "everyone", "everybody", "nobody", "whoever"})
"""Subjects that pick anyone of a kind: with them "may" reads as permission ("anyone may apply")."""
AGENT_NOUNS = frozenset({
    "agency", "company", "firm", "business", "person", "people", "citizen", "resident", "member", "state",
    "country", "government", "official", "employee", "worker", "employer", "court", "party", "candidate",
    "applicant", "student", "user", "owner", "driver", "authority", "body", "group", "organization",
    "organisation", "bank", "school", "hospital", "airline", "one",
})
"""Heads of subjects that can be given leave ("any federal *agency* may …"); "any further delay
may cost …" and "every storm may bring …" still guess."""


def is_hedged(part) -> bool:
    """Whether a clause hedges what it asserts (see :data:`HEDGE_MODIFIERS`, :data:`HEDGE_VERBS`,
    :data:`HEDGE_PASSIVES`, :data:`BELIEF_VERBS`, :data:`UNCERTAIN`); a hedge inside a subordinate clause does not count
    ("police shot the boy after he allegedly pointed a gun", "actions that might affect species")."""
    for predicate in asserted_predicates(part):
        children = list(predicate.children)
        negated = any(c.dep_ == "neg" for c in children)
        if any(c.dep_ in ("aux", "advmod") and c.lower_ in HEDGE_MODIFIERS
               and not (negated and c.lower_ in INABILITY) and not grades_rank(c)
               and not (c.lower_ in PERMISSION_MODALS and grants_permission(predicate)) for c in children):
            return True
        if any(c.dep_ == "acomp" and ((c.lower_ in UNCERTAIN and not _compared(c)) or (negated and c.lower_ == "clear"))
               for c in children):
            return True
        complement = any(c.dep_ in ("xcomp", "ccomp") for c in children)
        clause = any(c.dep_ == "ccomp" or (c.dep_ == "xcomp" and any(g.tag_ == "TO" for g in c.children))
                     for c in children)  # "… that X", "… to have X"
        passive = any(c.dep_ == "auxpass" for c in children)
        if complement and predicate.lemma_ in HEDGE_VERBS or (
                predicate.lemma_ in AS_IF_VERBS and _as_if_clause(predicate)):
            return True
        if clause and (predicate.lemma_ in HEDGE_PASSIVES if passive else predicate.lemma_ in BELIEF_VERBS):
            return True
    return False


AS_IF_VERBS = HEDGE_VERBS | {"look", "sound"}
"""Verbs that hedge a clause of "as if" or "as though" ("it appears as if the party were ill
equipped", "it looks as though the plane crashed")."""


def _as_if_clause(predicate) -> bool:
    """Whether the predicate has a clause of "as if" or "as though" (parsed as an adverbial clause)."""
    for clause in (c for c in predicate.children if c.dep_ == "advcl"):
        marks = {m.lower_ for m in clause.children if m.dep_ == "mark"}
        if "as" in marks and marks & {"if", "though"}:
            return True
    return False


def grades_rank(adverb) -> bool:
    """Whether a hedging adverb grades how much a remark matters, not the statement: "*Perhaps*
    most significantly, the authorities would have to certify agencies", "*probably* more
    importantly": a comparative or superlative adverb and the adverb it grades follow it. ("She is
    *perhaps* the best known perjurer" stays hedged: there the rank is what is stated.)"""
    after = [t for t in adverb.doc[adverb.i + 1 : adverb.i + 4] if not t.is_punct]
    return len(after) >= 2 and after[0].tag_ in ("RBS", "RBR") and after[1].pos_ == "ADV"


_COMPARING = frozenset({"more", "less", "most", "least", "as", "twice", "times", "equally"})


def _compared(adjective) -> bool:
    """Whether a likelihood word states a comparison, not a guess: "smokers are twice *as likely* to
    …", "women are *more likely* than men to …"."""
    return any(c.lower_ in _COMPARING for c in adjective.subtree if c.i < adjective.i)


def grants_permission(predicate) -> bool:
    """Whether a modal on ``predicate`` reads as leave given, not as a guess: its subject picks anyone
    of a kind ("any agency", "no company", "anyone") and no perfect "have" follows the modal ("any
    agency may have known" guesses about the past)."""
    if any(c.dep_ == "aux" and c.lemma_ == "have" for c in predicate.children):
        return False
    for subject in (c for c in predicate.children if c.dep_ in ("nsubj", "nsubjpass")):
        if subject.lower_ in FREE_CHOICE_PRONOUNS or subject.lower_ == "one" and any(
                c.lower_ == "no" for c in subject.children):
            return True
        agent = subject.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or subject.lemma_.lower() in AGENT_NOUNS
        if agent and any(c.dep_ == "det" and c.lower_ in FREE_CHOICE_DETERMINERS for c in subject.children):
            return True
    return False


def asserted_predicates(part) -> list:
    """The predicates a clause asserts: its root and what it reaches through :data:`~.values.STATEMENT_EDGES`,
    inside the clause."""
    return _reached(part, STATEMENT_EDGES)


def _reached(part, edges) -> list:
    """The part's root and the tokens inside the part it reaches through dependency ``edges``."""
    inside = range(part.start, part.end)
    found, todo = [], [part.root]
    while todo:
        token = todo.pop()
        found.append(token)
        todo.extend(c for c in token.children if c.dep_ in edges and c.i in inside)
    return found


def is_negated(part) -> bool:
    """Whether a clause negates what it asserts: an asserted predicate with a ``neg`` child ("did
    not", "never"), with a negative argument ("no threat", "nobody was hurt"), a verb of denial
    (:data:`DENYING`) or a judgement that denies (:data:`UNLIKELY_JUDGEMENTS`). Negation inside a
    noun phrase or a subordinate clause does not count ("life without parole", "who had no record")."""
    opener = next((t for t in part if not t.is_punct), None)
    if opener is not None and _negative_conjunction(opener):
        return True  # "Nor has the case …", "…, nor have they named …" (the parser hangs "nor" on the first verb)
    for predicate in asserted_predicates(part):
        if predicate.dep_ == "conj" and _elliptical(predicate):
            continue  # "Vela won the race, but Marn did not": the echo denies Marn's, not what is stated
        for child in predicate.children:
            if child.dep_ == "neg" or (child.dep_ in _ARGUMENTS and _negative(child)) or _gapped_negative(child):
                return True
    return any(_denies(predicate) for predicate in main_predicates(part))


def main_predicates(part) -> list:
    """The clause's root and the complements it reaches (``ccomp``, ``xcomp``), not what is
    coordinated with it: "X claimed …, but a spokesman denied …" does not deny X's claim."""
    return _reached(part, ("ccomp", "xcomp"))


def _denies(predicate) -> bool:
    """A verb of denial with a clause or a refuted object ("denied that the submarine collided …",
    "denied the report", "denied arson"; not "denied its right to govern" or "denied him bail",
    which withhold), or a judgement that denies ("it seemed unlikely that …", "the claim … is false")."""
    children = list(predicate.children)
    if any(c.dep_ in _JUDGED and c.lemma_.lower() in UNLIKELY_JUDGEMENTS for c in children):
        return True
    if predicate.lemma_.lower() not in DENYING:
        return False
    objects = [c for c in children if c.dep_ in ("dobj", "obj", "dative")]
    passive = [c for c in children if c.dep_ == "nsubjpass"]
    if passive and objects:
        return False  # "the refugees were denied food": the subject is who is refused
    if any(c.dep_ == "dative" or c.lemma_.lower() in WITHHELD_THINGS or c.lower_ in _OBJECT_PRONOUNS
           for c in objects + passive):
        return False  # "denied the motion", "denied him bail": refused, not refuted
    if any(c.dep_ == "ccomp" and any(g.dep_ == "nsubj" and g.lower_ in _OBJECT_PRONOUNS for g in c.children)
           for c in children):
        return False  # "denied him bail", parsed as a clause "him bail"
    return bool(objects or passive) or any(c.dep_ == "ccomp" for c in children)


_OBJECT_PRONOUNS = frozenset({"him", "her", "them", "me", "us"})


WITHHELD_THINGS = frozenset({
    "right", "access", "entry", "permission", "request", "application", "bail", "visa", "permit", "licence",
    "license", "benefit", "service", "opportunity", "chance", "membership", "citizenship", "asylum", "parole",
    "appeal", "motion", "petition", "passage", "vote", "seat", "place", "funding", "aid", "help",
})
"""What a denial withholds rather than refutes when it is the object ("denied its right to govern",
"the judge denied the motion")."""


DENYING = frozenset({"deny", "refute"})
"""Verbs that assert the opposite of their content: "the navy denied that its submarine was
involved" says it was not (unlike "rejected the proposal", which refuses rather than negates)."""
UNLIKELY_JUDGEMENTS = frozenset({
    "unlikely", "improbable", "impossible", "implausible", "doubtful", "untrue", "false", "baseless", "unfounded",
})
"""Judgements that deny what they judge: "it was unlikely that the plane was bombed", "the claim that
the dam burst is false"."""
_JUDGED = frozenset({"acomp", "oprd", "attr"})


def _negative_conjunction(token) -> bool:
    """A "nor" or "neither" that opens a clause negates it ("Nor has the case stirred much interest",
    "…, nor did he write")."""
    return token.dep_ in ("cc", "preconj") and token.lower_ in ("nor", "neither")


_BOUNDING = frozenset({"less", "more", "fewer"})
"""Comparatives that, followed by "than", make a negative word bound a figure: "no more than ten",
"nothing less than the future …"; without "than" the negation stands ("there is no more food")."""
_STRESSING = frozenset({"but", "short"})
"""Words after which a negative word stresses: "nothing but", "nothing short of"."""


_WHOLE_QUANTIFIERS = frozenset({"all", "every", "everyone", "everybody", "everything", "many", "much", "both"})
"""Quantifiers of a whole or a large part: "not" before one negates the quantity, not the
predicate ("not all fans liked it": some did)."""


def _gapped_negative(conjunct) -> bool:
    """A negative pronoun coordinated with the predicate, its verb left out ("there are few studies
    on its effects, *and none* on long-term effects", "… but nothing about the cost"): the clause
    it stands for is negated."""
    return conjunct.dep_ == "conj" and conjunct.pos_ in ("NOUN", "PRON") and conjunct.lower_ in NEGATIVE_WORDS \
        and not _bounds_or_stresses(conjunct)


def _negative(argument) -> bool:
    """A negative pronoun ("nothing"), a noun with a negative determiner ("no threat"), a negated
    noun phrase ("not a single shot") or a "neither … nor" pair; not in "no more than ten",
    "nothing but" or "not only … but", nor a negated quantifier of a whole ("not all", "not every
    fan", "not many": :data:`_WHOLE_QUANTIFIERS`), which says some did."""
    words = [argument] if argument.lower_ in NEGATIVE_WORDS else [
        c for c in argument.children
        if (c.dep_ in ("det", "neg", "preconj") and c.lower_ in NEGATIVE_WORDS) or (c.dep_ == "neg" and c.lower_ == "not")]
    if argument.lower_ in _WHOLE_QUANTIFIERS or any(
            c.dep_ in ("det", "predet", "amod") and c.lower_ in _WHOLE_QUANTIFIERS for c in argument.children):
        words = [w for w in words if w.lower_ != "not"]
    return any(not _bounds_or_stresses(w) and not _opens_a_label(w) for w in words)


def _opens_a_label(word) -> bool:
    """Whether a negative word opens words in quote marks that label the noun right after them
    ("“No smoking” signs", "a 'no fly' zone"): the label is named, not asserted. A quotation split
    by its frame ("“Nothing,” he said, “was found.”") still negates."""
    doc, head = word.doc, word.head
    if word.i == 0 or doc[word.i - 1].text not in _LABEL_OPENERS or word.dep_ not in ("det", "nmod", "compound", "amod") \
            or head.pos_ not in ("NOUN", "PROPN") or head.i <= word.i:
        return False
    close = next((k for k in range(word.i + 1, head.i) if doc[k].text in _LABEL_CLOSERS), None)
    return close is not None and head.i == close + 1  # the labelled noun right after the closing mark


_LABEL_OPENERS = frozenset({'"', "“", "'", "‘", "«"})
_LABEL_CLOSERS = frozenset({'"', "”", "'", "’", "»"})


def _bounds_or_stresses(word) -> bool:
    doc, i = word.doc, word.i
    after = doc[i + 1].lower_ if i + 1 < len(doc) else ""
    if after in _STRESSING or (word.lower_ == "not" and after == "only"):
        return True
    return after in _BOUNDING and i + 2 < len(doc) and doc[i + 2].lower_ == "than"


_CLAUSE_JOINERS = frozenset({";", ":", "--", "—", "–"})
"""Punctuation that can join two clauses on its own. A bare comma cannot: a "clause" after one is
mostly a misparsed apposition ("…, the National League for Democracy, the party elected in 1990 but
denied its right to govern", read as "the party … denied"), so the sentence stays whole."""


def _joined(doc, start: int, floor: int) -> bool:
    """Whether a conjunction or a joining mark (:data:`_CLAUSE_JOINERS`) stands just before token
    ``start`` (over punctuation and line breaks)."""
    while start > floor and (doc[start - 1].dep_ in ("cc", "punct") or doc[start - 1].is_space):
        start -= 1
        if doc[start].dep_ == "cc" or doc[start].text in _CLAUSE_JOINERS:
            return True
    return False


def _first_word(doc, start: int, end: int) -> int:
    """The first token from ``start`` on that is no conjunction, punctuation or space."""
    while start < end and (doc[start].dep_ in ("cc", "punct") or doc[start].is_space):
        start += 1
    return start


def clause_bounds(sent) -> list[tuple[int, int]]:
    """Token ranges of a sentence's atomic parts: conjoined clauses with their own subjects, joined by
    a conjunction or by a semicolon, colon or dash (:data:`_CLAUSE_JOINERS`), not by a bare comma. A
    reporting frame that trails the sentence is no part of its own, however it parsed ("…, the
    Itar-Tass news agency quoted navy officials as saying", parsed as a second clause): a verb of
    saying without content of its own (:func:`_bare_cue`) states only who said the rest."""
    root = sent.root
    conjuncts = [c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
                 and any(g.dep_ in ("nsubj", "nsubjpass", "expl") and not _time_read_as_subject(g, c)
                         for g in c.children) and not _bare_cue(c) and not _elliptical(c)]
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in root.children)
    if not conjuncts or not has_subject or root.lemma_.lower() in CUE_LEMMAS:
        return [(sent.start, sent.end)]
    cuts = []
    for conj in conjuncts:
        start = _stranded_noun_start(root, min(t.i for t in conj.subtree))
        if not _joined(sent.doc, _first_word(sent.doc, start, conj.i), sent.start):
            continue
        while start > sent.start and sent.doc[start - 1].dep_ in ("cc", "punct") \
                and sent.doc[start - 1].text not in OPENING_MARK:  # "(vela.org), and …": ")" closes the first
            start -= 1
        cuts.append(start)
    bounds, begin = [], sent.start
    for cut in sorted(cuts):
        if cut > begin:
            bounds.append((begin, cut))
            begin = cut
    bounds.append((begin, sent.end))
    return bounds


_ELLIPTICAL_VERBS = frozenset({"do", "be", "have", "will", "would", "can", "could", "shall", "should", "may", "might",
                               "must"})
_ELLIPTICAL_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "neg", "advmod", "punct", "cc", "aux"})


def _elliptical(verb) -> bool:
    """A clause whose verb phrase is left out, an auxiliary standing for it ("we got salmon and *you
    don't*", "Vela won the race, but *Marn did not*", "the ferries *did too*"): it says nothing
    alone and stays with the clause it echoes."""
    return verb.lemma_.lower() in _ELLIPTICAL_VERBS and all(c.dep_ in _ELLIPTICAL_DEPS for c in verb.children) \
        and all(c.lower_ in _ECHOING_ADVERBS for c in verb.children if c.dep_ == "advmod")


_ECHOING_ADVERBS = frozenset({"too", "either", "also", "so", "not", "never", "still", "already", "yet", "now"})
"""Adverbs an elided verb phrase keeps ("did *too*", "has *not yet*"); any other ("did *well*",
"were *back*") says something of its own."""


def _stranded_noun_start(root, start: int) -> int:
    """Where a conjoined clause starts when the parser hung the first of two coordinated subjects on
    the root as a noun of its own ("A ban will go into effect tomorrow, and “No smoking” *signs* and
    admonitory slogans will be seen …": "signs" read as a conjunct of "go"): at that noun's phrase,
    so that the clause keeps its whole subject and the first part no stray noun."""
    doc = root.doc
    before = start - 1
    if before - 1 > root.i and doc[before].dep_ == "cc" and not doc[before - 1].is_punct:
        noun = doc[before - 1]
        while noun.head.i != root.i and root.i < noun.head.i < start:
            noun = noun.head  # the stranded phrase's head ("signs" of "“No smoking” signs")
        if noun.head.i == root.i and noun.dep_ == "conj" and noun.pos_ in ("NOUN", "PROPN"):
            return min(t.i for t in noun.subtree)
    return start


def _time_read_as_subject(subject, verb) -> bool:
    """Whether the parser took a time phrase for the subject of a conjoined verb that shares the
    sentence's subject ("Vela has hosted the awards three times and *last month* was named the
    year's best host": Vela was named). Such a time is an adverb of its own, with no article; a time
    that *is* the subject has one ("the next day was spent clearing the docks") or goes with "be"
    ("2008 was calm and 2009 was worse")."""
    return subject.ent_type_ in ("DATE", "TIME") and verb.lemma_.lower() != "be" \
        and not any(c.dep_ == "det" for c in subject.children)


CONTENT_POS = frozenset({"NOUN", "PROPN", "NUM", "VERB", "ADJ"})
"""Parts of speech that say something; a sentence of only pronouns, auxiliaries and particles
("But it could not.", "It was not.") leans on the sentence before it and states nothing alone."""


def states_something(part) -> bool:
    """Whether a part holds a content word (:data:`CONTENT_POS`)."""
    return any(t.pos_ in CONTENT_POS for t in part)


def asks_or_announces(part) -> bool:
    """Whether a part asserts nothing: a question ("“Why should it be delayed?", either part of "Have
    you heard …, and do you have plans …?") or a frame that
    announces words to follow ("It said, in part:")."""
    end = part.text.rstrip().rstrip(_CLOSERS)
    if end.endswith("?") or (part.sent.text.rstrip().rstrip(_CLOSERS).endswith("?") and _inverted(part)):
        return True
    return end.endswith(":") and part.root.lemma_.lower() in FRAME_LEMMAS and not any(
        c.dep_ in ("dobj", "obj", "ccomp", "xcomp") for c in part.root.children)


_CLOSERS = " \"'”’»)"


def _inverted(part) -> bool:
    """Whether a part of a question opens as a question does: with a question word ("what are you
    doing about it") or an auxiliary before its subject ("Have you heard about this problem, and do
    you have plans …?"); "When the levee broke, thousands fled the city, and who will pay for the
    damage?" still asserts its first part."""
    words = [t for t in part if not t.is_punct]
    while words and (words[0].dep_ == "cc" or words[0].lower_ in _QUESTION_LEADS):
        words = words[1:]
    if not words:
        return False
    first, root = words[0], part.root
    if first.tag_ in ("WP", "WP$", "WRB", "WDT"):
        # the question word of the clause itself ("what are you doing", "what help can we give"), not
        # of a clause inside it ("When the levee broke, …")
        return first.head == root or (first.dep_ == "det" and first.head.head == root)
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    return first.pos_ == "AUX" and any(first.i < c.i for c in subjects)


_QUESTION_LEADS = frozenset({"so", "well", "then", "now", "and", "but"})
"""Words that may stand before a question's inverted opening ("So have you heard …?")."""


FRAME_LEMMAS = frozenset({"say", "tell", "add", "quote", "report", "state", "write", "cite", "note"})
"""Verbs of saying that, with no content of their own, only frame the rest of a sentence; not the
other cue verbs, whose objects state something ("the company *posted* a loss", "Ford *recalled*
500,000 vehicles", "prosecutors *charged* them with murder")."""


def _bare_cue(verb) -> bool:
    """A reporting frame trailing its sentence: a verb of saying (:data:`FRAME_LEMMAS`) with no
    clause of content, no object but whom it tells or quotes, and nothing after it but punctuation
    ("…, police said", "…, the agency quoted navy officials as saying"), unlike "… and police said
    he was armed" or "… and the company reported a loss"."""
    lemma = verb.lemma_.lower()
    if lemma not in FRAME_LEMMAS or any(c.dep_ in ("ccomp", "xcomp") for c in verb.children):
        return False
    if lemma not in ("tell", "quote", "cite") and any(c.dep_ in ("dobj", "obj") for c in verb.children):
        return False
    last = max(t.i for t in verb.subtree)
    return all(t.is_punct for t in verb.doc[last + 1:verb.sent.end])


_BULLET = re.compile(r"^[-–—•·*_►▪]+$")
"""A list bullet or dash that opens a line ("-- The five men suspected …" in a press review)."""


def _trim(doc, start: int, end: int) -> tuple[int, int]:
    """Drop leading conjunctions (not a negating "nor"), commas and list bullets, and trailing commas,
    from a part; and an opening bracket or quote that the part does not close, or a closing one
    that it does not open ("(The show opened on Friday" and "the site announced more dates.)", the
    parts of an aside in brackets; "it's a film.”", the end of a quotation begun sentences before)."""
    while start < end and ((doc[start].dep_ == "cc" and not _negative_conjunction(doc[start]))
                           or doc[start].text in ",;" or _BULLET.match(doc[start].text)):
        start += 1
    while end > start and doc[end - 1].text in ",;":
        end -= 1
    while end - 1 > start and doc[end - 1].text in OPENING_MARK and not _closes(doc, start, end - 1):
        end -= 1
    while start < end - 1 and doc[start].text in CLOSING_MARK and not _opens(doc, start, end):
        start += 1
    return start, end


def _opens(doc, start: int, end: int) -> bool:
    """Whether the opening mark at ``start`` is closed before ``end`` (nested pairs counted:
    "“A,” said X. “B" — the first mark is closed, the second is not)."""
    opening, depth = doc[start].text, 0
    for token in doc[start:end]:
        depth += (token.text == opening) - (token.text == CLOSING_MARK[opening])
        if depth == 0:
            return True
    return False


def _closes(doc, start: int, at: int) -> bool:
    """Whether the closing mark at ``at`` closes a mark opened at or after ``start``."""
    closing, depth = doc[at].text, 0
    for k in range(at, start - 1, -1):
        depth += (doc[k].text == closing) - (doc[k].text == OPENING_MARK[closing])
        if depth == 0:
            return True
    return False


def _after_dateline(doc, start: int, end: int) -> int:
    """The first token of a part after a wire dateline that opens it ("CHICAGO (AP) -- Two
    supplements …": the claim is what the report says, not where it was filed; a date in the
    dateline is the filing date, no value of the claim)."""
    return _after_prefix(doc, start, end, dateline_end(doc[start:end].text))


def _after_label(doc, start: int, end: int, qa: bool = False) -> int:
    """The first token of a part after a transcript label that opens its line ("Q: The attack on
    you …", "SUU KYI: We are …"; with ``qa``, in a question-and-answer box, "A. There is no
    vaccine."): the label names who speaks, it is not part of what is said."""
    if start >= end or doc.text[doc.text.rfind("\n", 0, doc[start].idx) + 1 : doc[start].idx].strip():
        return start
    text = doc[start:end].text
    label = TRANSCRIPT_LABEL.match(text) or (QA_LABEL.match(text) if qa else None)
    return _after_prefix(doc, start, end, label.end() if label else 0)


def _after_prefix(doc, start: int, end: int, chars: int) -> int:
    """The first token of ``doc[start:end]`` past its first ``chars`` characters (``start`` for 0)."""
    if not chars:
        return start
    first = doc[start].idx + chars
    return next((t.i for t in doc[start:end] if t.idx >= first), start)


def _speaker_at(quotes: list[Quote], start: int, end: int, doc=None) -> str | None:
    """The resolved speaker of a quote or reported statement inside ``[start, end)`` characters,
    unless its cue speaks in a restrictive relative clause (:func:`_in_restrictive_clause`: "the
    reports they say they wrote" tells which reports; the sentence is not theirs)."""
    for quote in quotes:
        if quote.speaker and quote.span.start < end and start < quote.span.end and not _cue_qualifies_noun(quote, doc):
            return quote.speaker
    return None


def _cue_qualifies_noun(quote: Quote, doc) -> bool:
    if doc is None or quote.cue_span is None:
        return False
    cue = doc.char_span(quote.cue_span.start, quote.cue_span.end, alignment_mode="expand")
    return cue is not None and any(_in_restrictive_clause(t) for t in cue)


def find_claims(doc, article_id: str, published, quotes: Iterable[Quote] = ()) -> list[Claim]:
    """Atomic claims of one parsed article (sentences with a verb, split where safe)."""
    quotes = [q for q in quotes if q.span.article_id == article_id]
    claims = []
    named = None
    qa = printed_qa(doc.text)
    for sent in doc.sents:
        if len(sent.text.split()) < 4 or not any(t.pos_ in ("VERB", "AUX") for t in sent):
            named = None
            continue
        source, cue = attribution_cue(sent)
        if source and source.lower() in NEUTER_PRONOUNS:
            source = named or source
        named = _named_body(sent, source)
        bounds = clause_bounds(sent)
        for b, e in bounds:
            opens_sentence = b == sent.start
            # a cue verb in one of several conjoined clauses attributes that clause alone ("The
            # show opened on Friday, but its site announced more dates")
            said_by = source if cue is None or len(bounds) == 1 or b <= cue < e else None
            b, e = _trim(doc, b, e)
            if opens_sentence:
                b = _after_label(doc, _after_dateline(doc, b, e), e, qa)
            part = doc[b:e]
            if len(part) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in part) or not states_something(part):
                continue
            if asks_or_announces(part):
                continue
            start, end = part.start_char, part.end_char
            cid = "c_" + hashlib.blake2b(f"{article_id}:{start}".encode(), digest_size=5).hexdigest()
            claims.append(Claim(
                id=cid, span=Span(article_id, start, end), text=part.text,
                attributed_to=_speaker_at(quotes, start, end, doc) or said_by,
                hedged=is_hedged(part), negated=is_negated(part),
                values=values_in(part, article_id, published),
            ))
    return claims
