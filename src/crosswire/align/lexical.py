"""Lexical cues shared by matching, support and conflicts: words, numbers, names, negation, hedges.

All helpers work on plain strings and are case-aware where case carries meaning (a capitalised
word inside a sentence is a name) and case-blind elsewhere, so that lower-cased text (as in some
summarisation corpora) still gets the word, number and negation cues.
"""

from __future__ import annotations

import re

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
    "alleged", "alleges", "purportedly", "supposedly",
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
