"""Small text helpers shared by the pure stages: word tokens with offsets, shingles."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)

STOPWORDS = frozenset(
    ["a", "an", "the", "and", "or", "but", "if", "of", "at", "by", "for", "with", "about", "against", "between", "into", "through", "during", "before", "after", "above", "below", "to", "from", "up", "down", "in", "out", "on", "off", "over", "under", "again", "further", "then", "once", "here", "there", "when", "where", "why", "how", "all", "any", "both", "each", "few", "more", "most", "other", "some", "such", "no", "nor", "not", "only", "own", "same", "so", "than", "too", "very", "s", "t", "can", "will", "just", "don", "should", "now", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "having", "do", "does", "did", "doing", "i", "me", "my", "we", "our", "you", "your", "he", "him", "his", "she", "her", "it", "its", "they", "them", "their", "what", "which", "who", "whom", "this", "that", "these", "those", "am", "would", "could", "also", "said", "says", "say"]
)


def words(text: str) -> list[str]:
    """Lower-cased word tokens."""
    return [m.group(0).lower() for m in _WORD.finditer(text)]


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """``(lower-cased word, start, end)`` for every word of ``text``."""
    return [(m.group(0).lower(), m.start(), m.end()) for m in _WORD.finditer(text)]


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOPWORDS]


def shingles(tokens: list[str], size: int) -> set[tuple[str, ...]]:
    """The set of ``size``-word shingles; a text shorter than ``size`` gives one shingle of all of it."""
    if len(tokens) < size:
        return {tuple(tokens)} if tokens else set()
    return {tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def jaccard(a: set, b: set) -> float:
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


LEADING_CONNECTIVE = re.compile(
    r"^(?:(?:and|but|however|meanwhile|in addition(?! to\b)|moreover|furthermore|additionally)\s*,?"
    r"|(?:so|also|still|yet|besides|in (?:this|that) (?:regard|context|respect))\s*,)\s+",
    re.IGNORECASE)
"""A connective that opens a sentence and points back to one before it; "so", "also", "still",
"yet" and "besides" only with their comma ("So far, …" and "Besides the rings, …" stay), "in
addition" not before "to" ("In addition to …" is a phrase of the sentence); "in this regard," and
the like point back to a sentence not shown."""

