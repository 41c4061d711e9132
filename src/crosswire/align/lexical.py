"""Lexical cues shared by matching, support and conflicts: words, numbers, names, negation, hedges.

All helpers work on plain strings and are case-aware where case carries meaning (a capitalised
word inside a sentence is a name) and case-blind elsewhere, so that lower-cased text (as in some
summarisation corpora) still gets the word, number and negation cues.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from ..textutil import STOPWORDS, words

NEGATIONS = frozenset([
    "no", "not", "never", "none", "nobody", "nothing", "neither", "nor", "without", "cannot", "can't",
    "won't", "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "hasn't", "haven't",
    "hadn't", "couldn't", "wouldn't", "shouldn't", "n't", "denied", "denies", "deny",
])
"""Words that negate a statement (and denial verbs, which flip what a speaker asserts)."""

INTENSIFIERS = frozenset([
    "serious", "seriously", "major", "significant", "significantly", "severe", "severely", "imminent",
    "immediate", "real", "direct", "grave", "critical", "huge", "massive", "heavy", "heavily", "big",
    "large", "very", "extremely",
])
"""Words that grade a statement: "no threat" and "no *serious* threat" say different things."""

HEDGES = frozenset([
    "reportedly", "allegedly", "may", "might", "could", "possibly", "perhaps", "apparently", "likely",
    "unconfirmed", "believed", "suspected", "probably", "presumably", "appears", "seems", "allege",
    "alleged", "alleges", "purportedly", "supposedly", "believe", "believes", "probable", "seem", "seemed",
])
"""Words that mark a statement as uncertain."""

APPROXIMATE = re.compile(
    r"\b(nearly|about|around|almost|roughly|approximately|some|just after|just before|shortly after|"
    r"shortly before|more than|less than|over|under|at least|up to|circa)\b", re.IGNORECASE)
"""Cues that a figure or a time is approximate."""

_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "million": 1e6, "billion": 1e9,
}
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*")


def stem(word: str) -> str:
    """A crude stem: the first five characters, as provenance uses ("negotiations" → "negot")."""
    return word[:5]


def content_stems(text: str) -> frozenset[str]:
    """Stems of the content words (not stop words, not punctuation) of ``text``."""
    return frozenset(stem(w) for w in words(text) if w not in STOPWORDS)


def numbers(text: str) -> frozenset[float]:
    """The numbers written in ``text``, in digits or as number words ("six" → 6.0)."""
    found = {float(m.group(0).replace(",", "")) for m in _NUMBER.finditer(text)}
    found.update(float(_NUMBER_WORDS[w]) for w in words(text) if w in _NUMBER_WORDS)
    return frozenset(found)


def names(text: str) -> frozenset[str]:
    """Lower-cased capitalised words that are not the first word of the text nor stop words:
    a cheap, model-free stand-in for named-entity tokens."""
    out = set()
    for m in _CAPITALISED.finditer(text):
        word = m.group(0).lower()
        if m.start() > 0 and text[: m.start()].rstrip()[-1:] not in (".", "!", "?", '"', "“", ":") \
                and word not in STOPWORDS:
            out.add(word)
    return frozenset(out)


def negated(text: str) -> bool:
    """Whether any negation word occurs in ``text``."""
    return any(w in NEGATIONS or w.endswith("n't") for w in words(text))


OPPOSED_VERBS = (
    ("suspend", "resume"), ("ground", "resume"), ("halt", "resume"), ("open", "close"), ("reopen", "close"),
    ("rise", "fall"), ("increase", "decrease"), ("raise", "lower"), ("gain", "lose"), ("win", "lose"),
    ("accept", "reject"), ("approve", "reject"), ("confirm", "deny"), ("admit", "deny"), ("arrest", "release"),
    ("detain", "release"), ("convict", "acquit"), ("impose", "lift"), ("allow", "ban"), ("grant", "refuse"),
    ("arrive", "depart"), ("expand", "shrink"), ("strengthen", "weaken"), ("support", "oppose"),
)
"""Verbs that state opposite things of one subject: "British Airways suspended its flights" and
"British Airways resumed its flights" share every other word, but are no one statement (the
second may be an update of the first)."""
_IRREGULAR = {"rise": ("rose", "risen"), "fall": ("fell", "fallen"), "win": ("won", "winning"), "lose": ("lost",),
              "shrink": ("shrank", "shrunk"), "ban": ("banned", "banning"), "admit": ("admitted", "admitting")}


_NOUN_TOO = frozenset({"ground", "open", "close", "rise", "fall", "increase", "decrease", "raise", "gain", "win",
                       "arrest", "release", "lift", "ban", "grant", "support", "halt", "impose"})
"""Verbs whose bare form is as often a noun or an adjective ("on the ground", "a close ally", "the
rise"): only their inflected forms count."""


@functools.cache
def _verb_forms(verb: str) -> frozenset[str]:
    """The written forms of a verb: regular endings and the irregular forms :data:`_IRREGULAR` lists;
    not the bare form of a verb that is also a noun (:data:`_NOUN_TOO`)."""
    stem = verb.removesuffix("e")
    forms = {verb + ("es" if verb.endswith(("s", "sh", "ch", "x", "z")) else "s"), stem + "ed", stem + "ing",
             *_IRREGULAR.get(verb, ())}
    if verb in _NOUN_TOO:
        forms -= {verb + "s"}  # "tax increases", "the grounds"
    else:
        forms.add(verb)
    return frozenset(forms)


def opposed(a: str, b: str) -> bool:
    """Whether one text says one verb of an :data:`OPPOSED_VERBS` pair and the other the other (and
    neither both), of one subject (the words before the two verbs share a content stem: "British
    Airways suspended …" / "British Airways resumed …"; not "Jones won the seat" / "Smith lost
    the seat to Jones"), both negated alike ("did not resume" may agree with "suspended").

    >>> opposed("The airline suspended its flights.", "The airline resumed its flights on Wednesday.")
    True
    >>> opposed("Shares rose, then fell.", "Shares fell sharply.")
    False
    """
    if negated(a) != negated(b):
        return False
    ta, tb = words(a), words(b)
    wa, wb = set(ta), set(tb)
    for x, y in OPPOSED_VERBS:
        fx, fy = _verb_forms(x), _verb_forms(y)
        ax, ay, bx, by = bool(wa & fx), bool(wa & fy), bool(wb & fx), bool(wb & fy)
        one_each = (ax and not ay and by and not bx) or (ay and not ax and bx and not by)
        if one_each and _subject_stems(ta, fx | fy) & _subject_stems(tb, fx | fy):
            return True
    return False


def _subject_stems(tokens: list[str], verbs: frozenset[str]) -> frozenset[str]:
    """Content stems of the words before the first of ``verbs`` in ``tokens``."""
    before = next((tokens[:k] for k, t in enumerate(tokens) if t in verbs), tokens)
    return frozenset(stem(w) for w in before if w not in STOPWORDS)


def cue_words(text: str, cues: frozenset[str]) -> frozenset[str]:
    """The words of ``text`` that are in ``cues``."""
    return frozenset(w for w in words(text) if w in cues)


def ngrams(tokens: list[str], n: int) -> set[tuple[str, ...]]:
    """The set of ``n``-grams of ``tokens``."""
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def dice(a: set, b: set) -> float:
    """``2 |A ∩ B| / (|A| + |B|)``; 0 when both are empty."""
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def overlap(a: frozenset, b: frozenset) -> float:
    """The overlap coefficient ``|A ∩ B| / min(|A|, |B|)`` (0 when either is empty)."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def ngram_counts(tokens: list[str], n: int) -> Counter:
    """The multiset of ``n``-grams of ``tokens``."""
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def clipped_overlap(a: Counter, b: Counter) -> int:
    """How many ``n``-grams two multisets share, each counted as often as it occurs on both sides
    (the size of ``a & b``, without building it)."""
    if len(b) < len(a):
        a, b = b, a
    return sum(min(count, b[gram]) for gram, count in a.items() if gram in b)


def ngram_precision(candidate: list[str] | Counter, reference: list[str] | Counter, n: int) -> float:
    """BLEU's clipped ``n``-gram precision of ``candidate`` against ``reference`` (token lists, or
    their :func:`ngram_counts`); 0 when the candidate has no ``n``-gram."""
    grams = candidate if isinstance(candidate, Counter) else ngram_counts(candidate, n)
    ref = reference if isinstance(reference, Counter) else ngram_counts(reference, n)
    total = sum(grams.values())
    return clipped_overlap(grams, ref) / total if total else 0.0


def lcs_length(a: list[str], b: list[str]) -> int:
    """Length of the longest common subsequence of two token lists (Hyyrö's bit-parallel
    algorithm: one pass over ``a`` with ``b``'s positions as bits of an integer)."""
    masks: dict[str, int] = {}
    for i, token in enumerate(b):
        masks[token] = masks.get(token, 0) | (1 << i)
    full = (1 << len(b)) - 1
    v = full
    for token in a:
        u = v & masks.get(token, 0)
        v = ((v + u) | (v - u)) & full
    return len(b) - v.bit_count()


def edit_distance(a: list[str], b: list[str]) -> int:
    """Levenshtein distance between two token lists (insertions, deletions, substitutions).

    Myers' bit-parallel algorithm in Hyyrö's formulation: one pass over ``b`` with ``a``'s
    positions as bits of an integer, the same distance as the textbook dynamic programme in
    ``O(len(b))`` big-integer steps instead of ``O(len(a) * len(b))`` Python steps.

    >>> edit_distance(["the", "bridge", "fell"], ["a", "bridge", "fell", "down"])
    2
    """
    if not a or not b:
        return len(a) + len(b)
    positions: dict[str, int] = {}
    for i, token in enumerate(a):
        positions[token] = positions.get(token, 0) | (1 << i)
    full, last = (1 << len(a)) - 1, 1 << (len(a) - 1)
    plus, minus, distance = full, 0, len(a)  # vertical +1 / -1 differences of the current column
    for token in b:
        match = positions.get(token, 0)
        vertical = match | minus
        horizontal = (((match & plus) + plus) ^ plus) | match
        up, down = minus | (~(horizontal | plus) & full), plus & horizontal
        distance += 1 if up & last else -1 if down & last else 0
        up, down = ((up << 1) | 1) & full, (down << 1) & full
        plus, minus = down | (~(vertical | up) & full), up & vertical
    return distance


def order_agreement(a: list[str], b: list[str]) -> float:
    """Kendall's tau between the order of ``a``'s tokens that occur in ``b`` and their first
    positions in ``b``: 1 when the shared words come in the same order, -1 when reversed, 1 when
    fewer than two are shared (nothing to disagree on)."""
    first: dict[str, int] = {}
    for position, token in enumerate(b):
        first.setdefault(token, position)
    order = [first[token] for token in a if token in first]
    concordant = discordant = 0
    for i, x in enumerate(order):
        for y in order[i + 1 :]:
            concordant += x < y
            discordant += x > y
    return (concordant - discordant) / (concordant + discordant) if concordant + discordant else 1.0


def char_ratio(a: str, b: str) -> float:
    """Ratcliff–Obershelp similarity of the two lower-cased strings (:mod:`difflib`'s ratio,
    junk heuristic off): twice the characters in matching blocks over the total length.

    Computed by ``cydifflib`` (a compiled copy of :mod:`difflib`, the same ratio about nine times
    faster) when it is installed, else by :mod:`difflib` itself."""
    return _sequence_matcher()(None, a.lower(), b.lower(), autojunk=False).ratio()


@functools.cache
def _sequence_matcher() -> type:
    try:
        from cydifflib import SequenceMatcher
    except ImportError:  # same ratio, slower
        from difflib import SequenceMatcher
    return SequenceMatcher


REPORTING = (
    "said|says|say|added|adds|stated|told|announced|announces|reported|noted|concluded|emphasi[sz]ed|"
    "emphasi[sz]es|claimed|declared|declares|confirmed|confirms|insisted|insists|warned|warns|cited|explained|"
    "wrote|writes|quoted"
)
"""Reporting verbs that frame a statement ("…, the ministry said"), lower case (so not "United
States"); forms that are also common nouns ("reports", "claims", "notes") are left out."""
_FRAME = (r"(?<![\w'’-])(?!(?i:but|and|or|while|although|though|because|if|when|as)\b)[^,;:“”\"\s][^,;:“”\"]{0,79}?\s"
          r"(?:" + REPORTING + r")\b(?:\s+[^\s,;“”\"]+){0,4}?")
"""A reporting frame: a subject (not a conjunction), a reporting verb, at most four more words."""
_LEADING_FRAME = re.compile(r"^(?:\w+(?:\s+\w+)?[,:]\s*)?" + _FRAME + r"(?:\s+that\b|,|:)\s*")
_TRAILING_FRAME = re.compile(r"(?:[,;]\s*[\"”’]?|[\"”’]\s*,?)\s*(?:" + _FRAME
                             + r"|[Aa]ccording to [^,;“”\"]{1,60}?)\s*[.!?]?\s*$")
_QUOTE_MARKS = re.compile(r"[“”\"]|(?<![\w])[‘’']|[‘’'](?![\w])")


_NAME_RUN = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w'’.-]*)*")
_FIRST_PERSON = re.compile(r"^(?:We|I)\b")


def frame_speaker(frame: str) -> str | None:
    """The name that a reporting frame gives its speaker: its longest run of two or more
    capitalised words ("a statement from the Norwegian Foreign Ministry said" → "Norwegian Foreign
    Ministry"). A single capitalised word may be a sentence-initial word ("Meanwhile", "He") or an
    adjective ("the Norwegian statement"), so it is no name here."""
    runs = [m.group(0) for m in _NAME_RUN.finditer(frame) if " " in m.group(0)]
    return max(runs, key=len) if runs else None


def reported_content(text: str, speaker: str | None = None, min_words: int = 4) -> str:
    """``text`` without its reporting frame and quote marks: what is stated, not who states it.

    A leading frame ("The ministry said that …", "Meanwhile, a statement said, “…") and a
    trailing one ("…, the agency reported.", "…, according to X.") are dropped when at least
    ``min_words`` words remain; the speaker is kept on the claim (``attributed_to``) anyway. In
    reported speech a leading "We" or "I" is the speaker, so it is replaced by the speaker's name
    (``speaker``, else the name in the dropped frame), as "Norway is concerned" and "We are
    concerned, the Norwegian ministry said" state the same thing.

    >>> reported_content('Norway was not involved in the talks," the ministry stated in a post.')
    'Norway was not involved in the talks.'
    """
    core, named = text.strip(), None
    for frame in (_TRAILING_FRAME, _LEADING_FRAME):
        found = frame.search(core)
        stripped = (core[: found.start()] + core[found.end() :]).strip() if found else core
        if found and not negated(found.group(0)) and len(words(stripped)) >= min_words:
            core, named = stripped, named or frame_speaker(found.group(0))
    core = _QUOTE_MARKS.sub("", core).strip()
    if speaker or named:
        core = _FIRST_PERSON.sub(speaker or named, core, count=1)
    if core and core[-1] not in ".!?":
        core += "."
    return core
