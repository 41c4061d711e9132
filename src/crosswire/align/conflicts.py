"""Typed conflicts between claims of different articles that speak of the same thing.

A pair of claims is *comparable* when matching put them in one group or their similarity is at
least ``conflict_min_similarity`` (a changed number lowers the paraphrase score, so the same
sentence with another figure may miss its group). Each comparable pair is checked, in order:

1. ``number``: a value of one kind (and unit) counting the same thing (the word after it) differs
   beyond tolerance; "nearly", "about" … widen the tolerance to ``approximate_tolerance``.
2. ``date`` / ``time``: the two claims say much the same apart from their dates (as for numbers:
   ``frame_min_overlap``, unless matched as one statement), each gives one date (absolute, or
   resolved against a known publication date) or one clock time, and they differ ("about 6 p.m." and "6:20 p.m." agree;
   "March 2005" and "March 11, 2005" agree; two reports' "Thursday", resolved against different
   publication dates, are worded alike and not compared; a date told from the day of publication,
   "today", may be ``deictic_date_slack_days`` off: "today" in a copy dated the next day and
   "Monday" agree).
3. ``spelling``: a name token in one claim is a near-spelling of a name token in the other only,
   beside a name token both share ("Robin Mendes" / "Robyn Mendes").

Only for claims matched as stating the same thing (same group):

4. ``polarity``: one claim is negated, the other not.
5. ``intensity``: both negated, a grading word in one only ("no threat" / "no serious threat").
6. ``hedging``: one claim hedged ("may have", "reportedly"), the other stated as fact.
7. ``attribution``: nearly the same words, given to different speakers.

Any two claims of different articles, however loosely similar, are also checked for

8. ``number`` conflicts of one *quantity* (:func:`quantity_conflict`): the claims share a name, and
   two values of one measured kind (duration, quantity, money) and unit measure the same thing (the
   head of the phrase the value measures: "the 40-year *rule* of his party" / "nearly six decades
   of Brandt party *rule*") of the same subject (the words around the two values share a word
   besides the head). A changed figure rarely leaves the rest of a sentence alike, so such pairs
   often fall in no group and score low as paraphrases.

A number or date conflict whose one value's subject names a *side* entity of the story (one that
few of its reports name: an earlier crash one report recalls) that the other claim does not name is
no conflict (:func:`on_side_matter`): "The Lauda Air crash killed all 223 people" does not
contradict "All 217 people aboard were killed".

Last, a conflict is no disagreement between the two reports when one of them also tells the
other's version (:func:`told_by_both`): a report that gives a running total ("14 rifles so far")
beside the operation's figure ("six rifles") agrees with another that gives only the operation's;
two first names both written in one report ("Charlene", "Charlie") are two people, not a spelling
(unless they are one typo apart: "Gray" / "Grey").
"""

from __future__ import annotations

import collections
import datetime as dt
import difflib
import functools
import math
import re
from collections.abc import Callable, Collection, Mapping, Sequence

from ..extract.entities import abbreviates, another_form_of_given_name, is_demonym, plural_of, transliterate
from ..extract.speakers import ROLE_NOUNS
from ..extract.values import scaled_numbers, vague_range
from ..model import Article, Claim, Conflict, Entity, Span, Value
from ..settings import AlignSettings
from ..textutil import STOPWORDS, words
from . import lexical as lx

__all__ = [
    "age_conflicts",
    "ages_disagree",
    "bounded",
    "compare_claims",
    "counted_as_of",
    "find_conflicts",
    "measured_head",
    "negated_words",
    "normalised",
    "on_side_matter",
    "person_ages",
    "quantity_conflict",
    "side_names",
    "states_negated_word",
    "told_by_both",
    "values_conflict",
]

_COUNTED = frozenset(("number", "quantity", "money", "percent", "duration"))
_MEASURED = frozenset(("quantity", "money", "duration"))
"""Kinds compared across claims that were not matched (:func:`quantity_conflict`): measures of a named
thing (a rule's length, a contract's worth). Bare counts and shares are left to matched claims: in
one story many different things are counted ("his first 17 passes" / "29 of 34 passes")."""
_NAME_TOKEN = re.compile(r"\b[A-Z][\w'’]*")


def within_tolerance(x: float, y: float, approximate: bool, settings: AlignSettings) -> bool:
    """Whether two numbers agree: equal, or within the relative tolerance for approximations."""
    if x == y:
        return True
    tolerance = settings.approximate_tolerance if approximate else settings.exact_tolerance
    return abs(x - y) <= tolerance * max(abs(x), abs(y))


def _counted_thing(value: Value, claim: Claim) -> str | None:
    """The stem of the first content word after the value in the claim ("12 *soldiers*")."""
    offset = value.span.end - claim.span.start
    if not 0 <= offset <= len(claim.text):
        return None
    following = [w for w in words(claim.text[offset : offset + 60]) if w not in STOPWORDS and not w.isdigit()]
    return lx.stem(following[0]) if following else None


_NAMED_OWNER = re.compile(r"\b[A-Z][\w-]*['’]s\s+$")


def owned_by_name(value: Value, claim: Claim) -> bool:
    """Whether a count is what a named thing has ("the *Concorde's* four engines"): an inventory,
    not a count of what happened ("removed two engines"), so the two are not compared."""
    offset = value.span.start - claim.span.start
    return 0 <= offset <= len(claim.text) and bool(_NAMED_OWNER.search(claim.text[max(0, offset - 40):offset]))


_CLAUSE_END = re.compile(r"[,;:.!?()\u2013\u2014\"“”]|\band\b|\bbut\b")


_MEASURE_LINKS = frozenset({"of", "per", "a", "an", "the"})
"""Function words that may stand between a value and what it measures ("six decades *of* party
rule", "$23 million *per* season"); another one there ("$5 million *to* Vela", "400 troops *in*
Vela") opens a phrase about something else: the value's own unit is what it measures."""


def measured_head(value: Value, claim: Claim) -> str | None:
    """The stem of the head of the phrase a value measures: the last word of the run of content
    words after it, past leading function words that link a measure to its thing
    (:data:`_MEASURE_LINKS`), within its clause ("12 armed *men*", "six decades of Brandt party
    *rule*", "the 40-year *rule* of his party"); ``None`` when another function word comes first
    ("a grant of $27 million to Vela": to whom, not what)."""
    offset = value.span.end - claim.span.start
    if not 0 <= offset <= len(claim.text):
        return None
    tail = _CLAUSE_END.split(claim.text[offset:], maxsplit=1)[0]
    run: list[str] = []
    for word in words(tail):
        if word in STOPWORDS or word[0].isdigit():
            if run:
                break
            if word in STOPWORDS and word not in _MEASURE_LINKS:
                return None
            continue
        run.append(word)
    return lx.stem(run[-1]) if run else None


_BEARINGS = frozenset(lx.stem(w) for w in (
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "northeastern",
    "northwestern", "southeastern", "southwestern", "northern", "southern", "eastern", "western", "away",
    "outside", "off", "offshore", "inland", "upstream", "downstream", "beyond"))
"""Words after a length that make it a distance from somewhere ("12 miles *southwest* of Osten")."""


_WORD_WITH_CASE = re.compile(r"[^\W_][\w'’-]*")


def distance_of(value: Value, claim: Claim, span: int = 6) -> tuple[bool, frozenset[str]] | None:
    """For a distance from somewhere ("the village of Marn, 12 miles southwest of Osten"), what
    lies that far: ``(True, names)`` for the names among the ``span`` words before it
    ("marn"), or without a name ``(False, stems)`` for their content words ("a cement plant
    25 kilometers south of Osten": "cement", "plant"). ``None`` for any other value."""
    if value.unit != "km" or measured_head(value, claim) not in _BEARINGS:
        return None
    offset = value.span.start - claim.span.start
    if not 0 <= offset <= len(claim.text):
        return None
    before = [w for w in _WORD_WITH_CASE.findall(claim.text[:offset])[-span:] if w.lower() not in STOPWORDS]
    named = frozenset(w.lower() for w in before if w[:1].isupper())
    return (True, named) if named else (False, frozenset(lx.stem(w.lower()) for w in before if not w[0].isdigit()))


def _one_placed(x: tuple[bool, frozenset[str]] | None, y: tuple[bool, frozenset[str]] | None) -> bool:
    """Whether two values may measure one thing as far as distances go: neither is a distance, or
    both place things that share a name, or, both unnamed, a word (:func:`distance_of`). Two
    distances from one place are one quantity only when they place one thing."""
    if x is None or y is None:
        return x is None and y is None
    return x[0] == y[0] and bool(x[1] & y[1])


def _context(value: Value, claim: Claim, settings: AlignSettings) -> frozenset[str]:
    """Content-word stems of the value's clause, up to ``quantity_context_words`` words each side of
    it (the value's own words left out)."""
    start, end = value.span.start - claim.span.start, value.span.end - claim.span.start
    if not 0 <= start <= end <= len(claim.text):
        return frozenset()
    before = _CLAUSE_END.split(claim.text[:start])[-1]
    after = _CLAUSE_END.split(claim.text[end:], maxsplit=1)[0]
    n = settings.quantity_context_words
    near = [w for w in words(before)[-n:] + words(after)[:n] if w not in STOPWORDS and not w[0].isdigit()]
    return frozenset(lx.stem(w) for w in near)


_OTHER_INSTANCE = re.compile(
    r"\b(current|existing|expiring|present|previous|prior|old|former|last|earlier|original)\b"
    r"(?:[\s,]+[\w'’-]+){0,2}[\s,]*$", re.IGNORECASE)


def instance_marker(value: Value, claim: Claim) -> str | None:
    """A word just before a value that sets its thing apart from the one the story is about ("all
    three automakers' *current*, three-year contracts" beside "a four-year contract": the one that
    ends, not the one agreed; "an *earlier* two-day strike"), lower-cased, or ``None``."""
    found = _OTHER_INSTANCE.search(_text_before(value, claim, 40))
    return found.group(1).lower() if found else None


def _text_before(value: Value, claim: Claim, chars: int) -> str:
    """Up to ``chars`` characters of the claim right before the value ("" if it lies outside)."""
    offset = value.span.start - claim.span.start
    return claim.text[max(0, offset - chars):offset] if 0 <= offset <= len(claim.text) else ""


_CHANGE_SIDE = re.compile(r"\b(from|to)\s+$", re.IGNORECASE)


def change_side(value: Value, claim: Claim) -> str | None:
    """Which state of a change a value gives, by the word just before it: ``"from"`` (the state
    before: "reduced *from* 10 acres"), ``"to"`` (the state after: "dropped that limit *to* three
    acres"), or ``None``."""
    found = _CHANGE_SIDE.search(_text_before(value, claim, 12))
    return found.group(1).lower() if found else None


def _two_states(va: Value, a: Claim, vb: Value, b: Claim) -> bool:
    """Whether one value is the state a change starts from and the other the state it ends in
    ("reduced from 10 acres" and "dropped to three acres" tell one change, not two sizes)."""
    return {change_side(va, a), change_side(vb, b)} == {"from", "to"}


_MONTH_NAME = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_AS_OF = re.compile(
    r"\b(?:as\s+of|by|at\s+the\s+(?:end|close|start|beginning)\s+of)\s+"
    r"(?:the\s+(?:end|close|start|beginning|middle)\s+of\s+)?"
    rf"((?:{_MONTH_NAME}\s+(?:\d{{1,2}},?\s+)?)?(?:1[89]\d\d|20\d\d)\b|{_MONTH_NAME}\s+\d{{1,2}}\b)",
    re.IGNORECASE)


def counted_as_of(claim: Claim) -> str | None:
    """The time a claim's count stands at, when it says so ("*By the end of 1996*, China has signed
    agreements with 25 countries", "*as of March 3*, 40 cases"), lower-cased, or ``None``. A count
    that grows (treaties signed, cases confirmed) told at a stated time is no other report's count
    at another time: "25 countries" by 1996 and "28 countries" a year later both hold."""
    found = _AS_OF.search(claim.text)
    return " ".join(found.group(1).lower().replace(",", " ").split()) if found else None


def _shared_names(a: Claim, b: Claim) -> frozenset[str]:
    return lx.names(a.text) & lx.names(b.text)


def quantity_conflict(a: Claim, b: Claim, settings: AlignSettings) -> tuple[Value, Value] | None:
    """Two values of one quantity that disagree beyond tolerance, or ``None``: claims sharing a name,
    values of one measured kind (``_MEASURED``) and unit, the same measured head, and a word about
    whose quantity it is besides the head shared by the words around the two values, and for
    distances, one thing placed (:func:`_one_placed`: "Marn, 12 miles southwest of Osten" and
    "Tarel, 70 kilometers southwest of Osten" place two villages), and the same word, if any, setting
    its thing apart (:func:`instance_marker`: "the current three-year contract" is not the new
    four-year one), and the same time the count is told as of (:func:`counted_as_of`), and not the
    two ends of one change (:func:`_two_states`); a value that
    one of the other claim's values of that quantity agrees with is no conflict ("$184 million or
    $23 million per season" against "roughly $22 million per season"), nor one the other claim gives
    as a bare number (:func:`_states_figure`)."""
    if not _shared_names(a, b) or counted_as_of(a) != counted_as_of(b):
        return None
    for va in a.values:
        if va.kind not in _MEASURED or not isinstance(va.value, (int, float)):
            continue
        head = measured_head(va, a)
        if head is None or len(head) < 3:
            continue
        placed = distance_of(va, a)
        same = [vb for vb in b.values if vb.kind == va.kind and vb.unit == va.unit
                and isinstance(vb.value, (int, float)) and measured_head(vb, b) == head
                and (_context(va, a, settings) & _context(vb, b, settings)) - {head}
                and _one_placed(placed, distance_of(vb, b))
                and instance_marker(va, a) == instance_marker(vb, b)
                and not _two_states(va, a, vb, b)]
        if same and not any(figures_agree(va, vb, settings) for vb in same) \
                and not _states_figure(b, va) and not _states_figure(a, same[0]):
            return va, same[0]
    return None


def _states_figure(claim: Claim, value: Value) -> bool:
    """Whether a claim gives the figure of ``value`` as written as a bare number ("Jamaal Charles
    rushed for 226 yards while Peyton Hillis *added 101*": the 101 yards another report gives
    Hillis are told here too)."""
    return any(v.kind == "number" and isinstance(v.value, (int, float)) and float(v.value) in _figures(value)
               for v in claim.values)


def figures_agree(va: Value, vb: Value, settings: AlignSettings) -> bool:
    """Two figures agree within tolerance, or one is among the numbers of the other's expression
    (a range: "$150 million" and "between $140 and $150 million"), or one is the other converted and
    rounded ("30 miles" is 48.28 km, written "48km"). A bound ("more than 20") agrees with a figure
    on its side and within the tolerance for approximations or, against a plain figure, within the
    bound's rounding unit (:func:`rounding_unit`), as reporters round a figure down to write "more
    than": "more than 20
    times" and "18 times" disagree however close, "more than 20" and "21" agree, as do "more than
    100 sailors" and "116 sailors"; "at least 12" and "1,200" disagree (a toll that rose is an
    update), as do two bounds apart ("at least 10" and "at least three")."""
    x, y = float(va.value), float(vb.value)
    if x in _figures(vb) or y in _figures(va) or _in_range(x, vb) or _in_range(y, va):
        return True
    if bounded(va) or bounded(vb):
        return _bounds_meet(va, vb) and (within_tolerance(x, y, True, settings) or _rounded_down(va, vb)
                                         or _rounded_down(vb, va))
    return within_tolerance(x, y, va.approximate or vb.approximate, settings) or \
        _within_vague(va, y) or _within_vague(vb, x) or \
        (va.kind == "quantity" and (_rounded_as(va, vb, settings) or _rounded_as(vb, va, settings)))


def _figures(value: Value) -> frozenset[float]:
    """The numbers of a value's expression, at the scale the value has: each written figure at
    its own scale ("between $140 and $150 million"), and as written (a quantity is converted to its
    unit, so "30 miles" stands for 48.28 km only through :func:`_rounded_as`)."""
    return lx.numbers(value.expression) | scaled_numbers(value.expression)


_RANGE_WORD = re.compile(r"\d\s*(?:-|–)?\s*(?:to|or|and|-|–)\s*[$€£¥]?\s*\d", re.IGNORECASE)


def _in_range(x: float, value: Value) -> bool:
    """Whether ``x`` lies within a range the value's expression gives ("$100- to $200 billion"
    holds $121 billion; "between 2 and 3 million" holds 2.5 million)."""
    figures = scaled_numbers(value.expression)
    return len(figures) == 2 and bool(_RANGE_WORD.search(value.expression)) and min(figures) <= x <= max(figures)


_UPPER_BOUND = re.compile(r"\b(?:(?<!no )(?<!not )(?:less|fewer) than|(?:no|not) more than|under|below|at most|up to)\s",
                          re.IGNORECASE)
_LOWER_BOUND = re.compile(r"\b(?:(?<!no )(?<!not )more than|(?:no|not) (?:fewer|less) than|over|above|at least|"
                          r"in excess of|upwards of|exceeding)\s", re.IGNORECASE)
"""Words that make a figure a bound on one side: "more than 20 times" allows 21, not 18; "no more
than 10" is an upper bound. ("Nearly" and "almost" are not bounds: "nearly 60 years" is close to
60.)"""


def figure_range(value: Value) -> tuple[float, float]:
    """The side of its figure that ``value`` allows: from it up for a lower bound ("more than 100"),
    up to it for an upper bound ("up to 35,000", "no more than 10"), itself alone otherwise.

    >>> from crosswire.model import Span
    >>> figure_range(Value("quantity", Span("a", 0, 1), "more than 10,500 miles", 10500.0, "mile"))
    (10500.0, inf)
    """
    x = float(value.value)
    if _UPPER_BOUND.search(value.expression):
        return float("-inf"), x
    if _LOWER_BOUND.search(value.expression):
        return x, float("inf")
    return x, x


def rounding_unit(value: Value) -> float:
    """The unit a whole figure is rounded to, from its trailing zeros: 100 for "more than 100", 10
    for "20", 1 for "12" or "116"; 0 for a fraction.

    >>> from crosswire.model import Span
    >>> rounding_unit(Value("number", Span("a", 0, 1), "more than 1,200", 1200.0, None))
    100.0
    """
    x = abs(float(value.value))
    if not math.isfinite(x) or x == 0 or x != int(x):
        return 0.0
    unit = 1
    while x % (unit * 10) == 0:
        unit *= 10
    return float(unit)


def _rounded_down(bound: Value, figure: Value) -> bool:
    """Whether a lower bound is ``figure`` rounded down to a round number: "more than 100" for 116
    (within the bound's :func:`rounding_unit`), not for 250; a plain figure only."""
    low, high = figure_range(bound)
    x, y = float(bound.value), float(figure.value)
    return high == float("inf") and low != high and not bounded(figure) and x <= y < x + rounding_unit(bound)


def bounded(value: Value) -> bool:
    """Whether a figure is a bound on one side ("more than 20", "up to 35,000"), not a plain figure."""
    low, high = figure_range(value)
    return low != high


def _bounds_meet(va: Value, vb: Value) -> bool:
    """Whether the figures two values allow overlap ("more than 20" and "21"; not "18")."""
    (lo_a, hi_a), (lo_b, hi_b) = figure_range(va), figure_range(vb)
    return max(lo_a, lo_b) <= min(hi_a, hi_b)


def _within_vague(value: Value, figure: float) -> bool:
    """Whether ``figure`` lies in the range of a vague count ("dozens" and 60, "hundreds" and 612)."""
    span = vague_range(value.expression)
    return span is not None and span[0] <= figure <= span[1]


def _rounded_as(written: Value, converted: Value, settings: AlignSettings) -> bool:
    """Whether ``converted``, a figure converted from another unit ("30 miles" → 48.28 km), rounds to
    ``written`` at the precision it is written with ("48km": within half a unit of its last digit),
    and within the tolerance for approximations (a rounding of "1 mile" to "2 km" is too coarse); a
    whole number is precise to its last non-zero digit ("160 km" for 100 miles)."""
    figures = re.findall(r"(\d+)(?:\.(\d+))?", written.expression.replace(",", ""))
    x, y = float(written.value), float(converted.value)
    if len(figures) != 1 or y in lx.numbers(converted.expression):
        return False
    whole, decimals = figures[0]
    places = -len(decimals) if decimals else len(whole) - len(whole.rstrip("0"))  # "160" is to the ten
    half_step = 0.5 * 10 ** places
    return abs(x - y) <= half_step + 1e-9 and within_tolerance(x, y, True, settings)


def values_conflict(a: Claim, b: Claim, settings: AlignSettings) -> tuple[Value, Value] | None:
    """Two values that count the same thing with different numbers, or ``None``; counts told as of
    different times (:func:`counted_as_of`) are not compared, nor the two ends of one change
    (:func:`_two_states`), nor a figure the other claim also gives as a bare number
    (:func:`_states_figure`)."""
    if counted_as_of(a) != counted_as_of(b):
        return None
    for va in a.values:
        if va.kind not in _COUNTED or not isinstance(va.value, (int, float)):
            continue
        same_kind = [vb for vb in b.values if vb.kind == va.kind and vb.unit == va.unit
                     and isinstance(vb.value, (int, float))]
        thing = _counted_thing(va, a)
        owned = owned_by_name(va, a)
        for vb in same_kind:
            if owned != owned_by_name(vb, b):
                continue  # what a named thing has against what was done
            if not _one_placed(distance_of(va, a), distance_of(vb, b)):
                continue  # how far two different things lie
            if _two_states(va, a, vb, b):
                continue  # where a change started and where it ended
            paired = thing is not None and thing == _counted_thing(vb, b)
            alone = thing is None and len(same_kind) == 1 and sum(v.kind == va.kind for v in a.values) == 1
            if (paired or alone) and not any(figures_agree(va, x, settings) for x in same_kind) \
                    and not _agreeing_twin(a, va, thing, same_kind, settings) \
                    and not _sums_agree(va, a, vb, b, settings) \
                    and not _states_figure(b, va) and not _states_figure(a, vb):
                return va, vb
    return None


_PART_GAP = re.compile(r"^[^.;:()]{0,60}?(?:,|\band\b)[^.;:()]{0,30}$")
_ELLIPSIS_AFTER = re.compile(r"^\s+(?:in|at|on|from|of|near|inside|outside)\b", re.IGNORECASE)


def sum_of_parts(value: Value, claim: Claim) -> float | None:
    """The total of a figure given in parts ("killed *six* people in New York City *and one* in
    Westchester": 7): the figure and the figures of its kind that follow it in a list (a comma or
    "and" between, no clause break), each counting what the first counts or nothing of its own
    ("one *in* Westchester"). ``None`` when the figure has no such parts."""
    thing = _counted_thing(value, claim)
    total, last, parts = float(value.value), value, 0
    for other in sorted((v for v in claim.values if v.kind == value.kind and v.unit == value.unit
                         and isinstance(v.value, (int, float)) and v.span.start > value.span.end),
                        key=lambda v: v.span.start):
        gap = claim.text[last.span.end - claim.span.start:other.span.start - claim.span.start]
        after = claim.text[other.span.end - claim.span.start:]
        if not _PART_GAP.match(gap) or not (_ELLIPSIS_AFTER.match(after) or _counted_thing(other, claim) == thing):
            break
        total, last, parts = total + float(other.value), other, parts + 1
    return total if parts else None


def _sums_agree(va: Value, a: Claim, vb: Value, b: Claim, settings: AlignSettings) -> bool:
    """Whether a figure agrees with the total of the other's figure given in parts (:func:`sum_of_parts`):
    "six in New York City and one in Westchester" and "seven" count alike."""
    for value, claim, other in ((va, a, vb), (vb, b, va)):
        total = sum_of_parts(value, claim)
        if total is not None and within_tolerance(total, float(other.value), other.approximate, settings):
            return True
    return False


def _agreeing_twin(a: Claim, va: Value, thing: str | None, others: Sequence[Value], settings: AlignSettings) -> bool:
    """Whether another figure of ``a`` for the same thing agrees with one of ``others``: a claim that
    gives a figure twice ("$US1 million ($1.52 million)") agrees when either form does."""
    twins = [v for v in a.values if v is not va and v.kind == va.kind and v.unit == va.unit
             and isinstance(v.value, (int, float)) and _counted_thing(v, a) == thing]
    return any(figures_agree(t, o, settings) for t in twins for o in others)


def _clock_times(values: Sequence[Value]) -> list[Value]:
    """The values that name a clock time: a part of the day alone ("afternoon" beside "3 p.m.",
    spaCy's second TIME entity) says no time to compare."""
    return [v for v in values if v.kind != "time" or clock_minutes(v.expression) is not None]


def _one(values: Sequence[Value], kind: str) -> Value | None:
    found = [v for v in values if v.kind == kind]
    return found[0] if len({v.value for v in found}) == 1 else None


_CLOCK = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?(?![\w])", re.IGNORECASE)
_ABSOLUTE_DATE = re.compile(
    r"\d|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE)


def clock_minutes(expression: str) -> int | None:
    """Minutes after midnight of a clock time ("6 p.m." → 1080, "18:30" → 1110), or ``None``."""
    m = _CLOCK.search(expression)
    if not m or (m.group(2) is None and m.group(3) is None):
        return None
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    meridiem = (m.group(3) or "").lower().replace(".", "")
    if hour > 23 or minute > 59 or (meridiem and not 1 <= hour <= 12):
        return None
    hour = hour % 12 + (12 if meridiem == "pm" else 0) if meridiem else hour
    return hour * 60 + minute


def _time_conflict(va: Value, vb: Value, settings: AlignSettings, rough: bool = False) -> bool:
    ma, mb = clock_minutes(va.expression), clock_minutes(vb.expression)
    if ma is None or mb is None:
        return False
    approximate = rough or va.approximate or vb.approximate or bool(
        lx.APPROXIMATE.search(va.expression + " " + vb.expression))
    return abs(ma - mb) > (settings.approximate_minutes if approximate else 0)


def dates_agree(a: str, b: str) -> bool:
    """Two resolved dates (ISO day, ``YYYY-Www`` week, month or year) agree when the days they
    stand for overlap: "March 2005" and "March 11, 2005" say the same at different precision, and a
    week that runs from one month into the next agrees with either month.

    >>> dates_agree("2005", "2005-03-11"), dates_agree("2009-W49", "2009-12-03"), dates_agree("2005-03", "2005-04")
    (True, True, False)

    A day without its year (``--07-29``, from an undated report) agrees with a date of that month
    and day, or with a year or week it may fall in; it disagrees with another day or month:

    >>> dates_agree("--07-29", "1999-07-29"), dates_agree("--07-29", "1999-07-19"), dates_agree("--07-29", "1999")
    (True, False, True)
    """
    if a == b:
        return True
    if a.startswith("--") or b.startswith("--"):
        return _month_day_agree(a, b)
    gap = days_apart(a, b)
    return a.startswith(b) or b.startswith(a) if gap is None else gap == 0


def _month_day_agree(a: str, b: str) -> bool:
    """:func:`dates_agree` where one side (or both) is a day without a year (``--MM-DD``)."""
    def month_day(iso: str) -> tuple[str, str | None] | None:
        if m := re.fullmatch(r"(?:\d{4})?--?(\d{2})-(\d{2})", iso):
            return m.group(1), m.group(2)
        if m := re.fullmatch(r"\d{4}-(\d{2})", iso):
            return m.group(1), None
        return None  # a year or a week: the day may fall in it

    ma, mb = month_day(a), month_day(b)
    if ma is None or mb is None:
        return True
    return ma[0] == mb[0] and (ma[1] is None or mb[1] is None or ma[1] == mb[1])


def date_range(iso: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day a resolved date stands for ("2009-W49" → Nov 30 – Dec 6, 2009), or
    ``None`` for a form it does not know."""
    try:
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", iso):
            monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
            return monday, monday + dt.timedelta(days=6)
        if re.fullmatch(r"\d{4}", iso):
            return dt.date(int(iso), 1, 1), dt.date(int(iso), 12, 31)
        if re.fullmatch(r"\d{4}-\d{2}", iso):
            first = dt.date.fromisoformat(iso + "-01")
            return first, (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
        day = dt.date.fromisoformat(iso)
        return day, day
    except ValueError:
        return None


_NOW = frozenset({"today", "this morning", "this afternoon", "this evening", "tonight", "now"})
"""Expressions that only say "on the day of publication": two of them differ only by their
articles' dates, which is no disagreement between the reports."""


def _same_words(a: Claim, va: Value, b: Claim, vb: Value) -> bool:
    """Whether two differently resolved dates are worded alike: the same expression ("Thursday" in
    two reports written on different days), two words for the day of publication, or one claim
    naming the other's date besides its own ("both the 2004 and 2005 awards")."""
    ea, eb = va.expression.lower().strip(), vb.expression.lower().strip()
    if ea == eb or (ea in _NOW and eb in _NOW):
        return True
    return _names_date(b, va.expression) or _names_date(a, vb.expression)


def _names_date(claim: Claim, expression: str) -> bool:
    """Whether ``claim`` names the date ``expression``: as one of its date values, or written as is
    (case kept, so the modal "may" and the verb "march" name no month), not inside a name."""
    key = expression.lower().strip()
    if any(v.kind == "date" and v.expression.lower().strip() == key for v in claim.values):
        return True
    for m in _whole_word(expression.strip()).finditer(claim.text):
        before = _NAME_BESIDE.search(claim.text[: m.start()])
        named = (before and before.group(1).lower() not in _DATE_WORDS) or _NAME_AFTER.match(claim.text[m.end() :])
        if not named:
            return True
    return False


_DATE_WORDS = STOPWORDS | {"last", "next", "this", "since", "early", "late", "mid", "until", "till", "around",
                           "throughout", "every", "beginning", "ending", "before", "after", "during", "by", "from"}
"""Capitalised words before a month that are no name ("On May 5", "Since March")."""
_NAME_BESIDE = re.compile(r"\b([A-Z][a-z]+)\s$")
_NAME_AFTER = re.compile(r"\s[A-Z][a-z]")
"""A capitalised word right before or after a month makes it part of a name ("Theresa May")."""


_DEICTIC = re.compile(r"(?:(?:earlier|later|early|late)\s+)?(?:today|tonight|now|yesterday|tomorrow|"
                      r"this\s+(?:morning|afternoon|evening)|last\s+night)\b", re.IGNORECASE)
"""A date told from the day of publication: it is only as exact as the article's date."""


def days_apart(a: str, b: str) -> int | None:
    """Days between two resolved dates' ranges (0 when they overlap), ``None`` for unknown forms.

    >>> days_apart("2007-04-09", "2007-04-10"), days_apart("2009-03", "2009-03-31")
    (1, 0)
    """
    ra, rb = date_range(a), date_range(b)
    if ra is None or rb is None:
        return None
    return max(0, (rb[0] - ra[1]).days, (ra[0] - rb[1]).days)


def _within_deictic_slack(va: Value, vb: Value, settings: AlignSettings) -> bool:
    """Whether either date was told from the day of publication ("today") and the two are at most
    ``deictic_date_slack_days`` apart: one report's date may be a day off, not the event's."""
    if not (_DEICTIC.fullmatch(va.expression.strip()) or _DEICTIC.fullmatch(vb.expression.strip())):
        return False
    gap = days_apart(str(va.value), str(vb.value))
    return gap is not None and gap <= settings.deictic_date_slack_days


def _date_conflict(a: Claim, b: Claim, dated: Callable[[Claim], bool], settings: AlignSettings) -> Conflict | None:
    """Dates compare when each is absolute or resolved against a known publication date; a date
    told from the day of publication may be a day off (:func:`_within_deictic_slack`)."""
    va, vb = _one(a.values, "date"), _one(b.values, "date")
    if va and vb and not dates_agree(str(va.value), str(vb.value)) and not _same_words(a, va, b, vb) and all(
        dated(c) or _ABSOLUTE_DATE.search(v.expression) for c, v in ((a, va), (b, vb))
    ) and not _within_deictic_slack(va, vb, settings):
        return Conflict("date", a.span, b.span, f"{va.expression} vs {vb.expression}", (va.span, vb.span))
    va, vb = _one(_clock_times(a.values), "time"), _one(_clock_times(b.values), "time")
    if va and vb and _time_conflict(va, vb, settings, _told_roughly(va, a) or _told_roughly(vb, b)) \
            and not _maybe_other_zone(va, a, vb, b):
        return Conflict("time", a.span, b.span, f"{va.expression} vs {vb.expression}", (va.span, vb.span))
    return None


_ZONE_AFTER = re.compile(
    r"^\s*\(?(?:(?:GMT|UTC)(?:\s*[+-]\s*\d{1,2})?|[ECMPA][SD]?T|BST|CES?T|MSK|IST|JST|AE[SD]T|HKT|SGT"
    r"|(?:[Ee]astern|[Cc]entral|[Mm]ountain|[Pp]acific|[Aa]tlantic)(?:\s+(?:[Ss]tandard|[Dd]aylight))?(?:\s+[Tt]ime)?"
    r"|(?:local|[A-Z][a-z]+)\s+time)\b")


def time_zone(value: Value, claim: Claim) -> str | None:
    """The time zone a claim names right after a clock time ("4:30 p.m. *ET*", "9 a.m. *Moscow
    time*", "noon *local time*"), as written; ``None`` when it names none."""
    after = claim.text[max(0, value.span.end - claim.span.start):][:30]
    m = _ZONE_AFTER.match(after)
    return m.group(0).strip(" (").lower() if m else None


def _maybe_other_zone(va: Value, a: Claim, vb: Value, b: Claim) -> bool:
    """Whether two clock times whole (or half) hours apart may be one time told in two zones: one
    names a zone the other does not, or they name different zones ("4:30 p.m. ET" in a national
    paper, "3:30 p.m." in a Central-time one)."""
    ma, mb = clock_minutes(va.expression), clock_minutes(vb.expression)
    if ma is None or mb is None or (ma - mb) % 30:
        return False
    return time_zone(va, a) != time_zone(vb, b)


_ROUGHLY_BEFORE = re.compile(rf"(?:{lx.APPROXIMATE.pattern}|\b(?:soon|right)\s+(?:after|before)\b)\s*$", re.IGNORECASE)


def _told_roughly(value: Value, claim: Claim) -> bool:
    """Whether the words right before a clock time make it rough (:data:`~.lexical.APPROXIMATE`,
    which the time's own words are read for too: "a call *shortly after* 3:30 a.m." agrees with "a
    call at 3:33 a.m."): the tagger leaves them out of the time."""
    before = claim.text[:max(0, value.span.start - claim.span.start)]
    return bool(_ROUGHLY_BEFORE.search(before[-30:]))


def _cue_conflict(a: Claim, b: Claim, kind: str, cues: frozenset[str]) -> Conflict | None:
    ca, cb = lx.cue_words(a.text, cues), lx.cue_words(b.text, cues)
    if ca != cb and not (ca and cb):
        extra = sorted(ca or cb)
        side = "first" if ca else "second"
        return Conflict(kind, a.span, b.span, f"only the {side} says {', '.join(extra)!s}",
                        tuple(_word_spans(a, ca) + _word_spans(b, cb)))
    return None


_CLAUSE_TOKEN = re.compile(r"[\w'’]+|[,;:.!?()\"“”]")


def graded_words(text: str, cues: frozenset[str]) -> frozenset[str]:
    """Stems of the words that the grading words of ``text`` grade: the next content word after
    each, within its clause ("no *serious* threat" → threat; "no *very* large crowd" → crowd).
    A grading word that ends its clause ("the threat was not *serious*", "not severe, officials
    said") grades what came before and gives none."""
    tokens = [t.lower() for t in _CLAUSE_TOKEN.findall(text)]
    out = set()
    for i, token in enumerate(tokens):
        if token not in cues:
            continue
        for after in tokens[i + 1:]:
            if not after[0].isalnum():
                break  # the clause ends
            if after not in STOPWORDS and after not in cues:
                out.add(lx.stem(after))
                break
    return frozenset(out)


def _intensity(a: Claim, b: Claim) -> Conflict | None:
    """Both claims negated, a grading word in one only ("no threat" / "no *serious* threat"), and
    what it grades said in both: "have not ruled out that a mine hit the Kursk" / "do not deny
    that a *major* explosion hit the Kursk" grade nothing the other says. A grading word with
    nothing after it in its clause ("the threat was not *serious*") is compared as before."""
    if not (a.negated and b.negated):
        return None
    found = _cue_conflict(a, b, "intensity", lx.INTENSIFIERS)
    if found is None:
        return None
    graded, other = (a, b) if lx.cue_words(a.text, lx.INTENSIFIERS) else (b, a)
    what = graded_words(graded.text, lx.INTENSIFIERS)
    return found if not what or what & lx.content_stems(other.text) else None


def _word_spans(claim: Claim, cue: frozenset[str]) -> list[Span]:
    return [Span(claim.span.article_id, claim.span.start + m.start(), claim.span.start + m.end())
            for m in re.finditer(r"[\w'’]+", claim.text) if m.group(0).lower() in cue]


def _polarity(a: Claim, b: Claim) -> Conflict | None:
    """One claim negated, the other not — unless both negate the same word ("she never entered" in
    both, parsed differently; "for no reason"; "will not be released" / "was not releasing"): then
    the flags differ by how each sentence parsed, not by what the reports say. A negation elsewhere
    ("who gave no details") does not count. Nor is it a contradiction when the other claim does not
    say the negated thing in the same words: "the facility has not been officially sanctioned" /
    "a facility that is unlicensed", "did not know whether it was relevant" / "are unsure if it
    is relevant" agree, "attacking the ports probably wouldn't be effective" / "a proposal that
    would allow forces to enter" speak of different things (:func:`states_negated_word`)."""
    if a.negated == b.negated:
        return None
    if _negation_bigrams(a.text) & _negation_bigrams(b.text):
        return None
    negated, other = (a, b) if a.negated else (b, a)
    if not states_negated_word(negated.text, other.text) or denies_an_accusation(negated.text, other.text):
        return None
    return _cue_conflict(a, b, "polarity", lx.NEGATIONS) or Conflict(
        "polarity", a.span, b.span, "one is negated, the other not")


_DENIAL = re.compile(r"\bden(?:y|ies|ied|ying|ial)\b", re.IGNORECASE)
_ACCUSATION = re.compile(r"\b(?:charged|charges?|accus\w+|suspect\w*|suspicion|alleg\w+|arrested|indicted)\b",
                         re.IGNORECASE)


def denies_an_accusation(denial: str, other: str) -> bool:
    """Whether a denial answers what the other claim reports as an accusation: "A man has denied
    arson" / "A man has been charged with arson" are both true, not a contradiction.

    >>> denies_an_accusation("A man has denied arson.", "A man was charged with arson on Monday.")
    True
    """
    return bool(_DENIAL.search(denial)) and bool(_ACCUSATION.search(other))


_SKIPPED_AFTER_NEGATION = frozenset({"be", "been", "being", "is", "are", "was", "were", "have", "has", "had", "a", "an",
                                     "the"})
"""Auxiliaries and articles between a negation and the word it negates ("not *be* released")."""


_NEGATION_ADVERBS = frozenset({"yet", "even", "ever", "always", "quite", "just", "still", "one"})
"""Words between a negation and what it negates ("not *yet* charged", "no *one* was hurt")."""


def negated_words(text: str) -> list[str]:
    """The word each negation in ``text`` negates: the first content word after it, auxiliaries,
    stopwords, "-ly" adverbs and :data:`_NEGATION_ADVERBS` skipped ("not immediately *commenting*",
    "has not been officially *sanctioned*", "no one was *killed*").

    >>> negated_words("Police have not yet officially charged him, and no one was hurt.")
    ['charged', 'hurt']
    """
    tokens = _negation_tokens(text)
    out = []
    for i, word in enumerate(tokens):
        if word in lx.NEGATIONS:
            negated = next((t for t in tokens[i + 1 : i + 8] if t not in _SKIPPED_AFTER_NEGATION
                            and t not in _NEGATION_ADVERBS and t not in STOPWORDS and not _ly_adverb(t)), None)
            if negated is not None:
                out.append(negated)
    return out


def _ly_adverb(word: str) -> bool:
    """An "-ly" adverb ("officially", "immediately"), not a short verb or noun ("reply", "Italy")."""
    return word.endswith("ly") and len(word) > 5 and word not in _LY_NOUNS


_LY_NOUNS = frozenset({"family", "supply", "assembly", "anomaly", "monopoly", "butterfly", "rally", "ally"})


def states_negated_word(negated: str, other: str) -> bool:
    """Whether ``other`` uses a word that ``negated`` negates (:func:`negated_words`), by stem, or
    else by spaCy lemma ("denied *leaving*" / "*left*"): only then can the two contradict. True
    when no negated word is found (the negation flags alone decide)."""
    targets = negated_words(negated)
    if not targets:
        return True  # nothing to compare ("He did not."): the flags decide, as before
    other = _NEGATIVE_CONDITION.sub(" ", other)  # "unless specifically exempted" does not state "exempt"
    if {lx.stem(w) for w in targets} & {lx.stem(w) for w in words(other)}:
        return True
    lemma_of = dict(_lemmas(negated))
    return bool({lemma_of.get(w, w) for w in targets} & {lemma for _, lemma in _lemmas(other)})


_NEGATIVE_CONDITION = re.compile(r"\bunless(?:\s+[\w'’-]+){1,3}", re.IGNORECASE)
"""A negative condition and the words it holds, up to three and never past a mark ("prohibit
harming the fish *unless specifically exempted*" says what is not exempt, as "are not exempt"
does; "unless he acts, officials said" keeps "officials")."""


@functools.lru_cache(maxsize=4096)
def _lemmas(text: str) -> tuple[tuple[str, str], ...]:
    """``(word, lemma)`` of each token of ``text``, lower-cased (kept small: not the parse)."""
    from .support import parse_sentences

    return tuple((t.lower_, t.lemma_.lower()) for t in parse_sentences([text])[0])


def _negation_tokens(text: str) -> list[str]:
    """The words of ``text``, a contracted negation ("didn't", "cannot") written as "not"."""
    return ["not" if w.endswith(("n't", "n’t")) or w == "cannot" else w for w in words(text.replace("’", "'"))]


def _negation_bigrams(text: str) -> set[tuple[str, str]]:
    """Each negation of ``text`` with the stem of the word it negates, contractions written out and
    auxiliaries skipped: "will not be released" and "was not releasing" both give ("not", "releas"),
    "didn't enter" and "did not enter" both ("not", "enter")."""
    tokens = _negation_tokens(text)
    out = set()
    for i, word in enumerate(tokens):
        if word in lx.NEGATIONS:
            following = next((t for t in tokens[i + 1 :] if t not in _SKIPPED_AFTER_NEGATION), None)
            if following is not None:
                out.add((word, lx.stem(following)))
    return out


_CONDITION = re.compile(r"\b(?:if|unless)\b", re.IGNORECASE)
_MODALS = frozenset({"may", "might", "could"})


def _hedging(a: Claim, b: Claim) -> Conflict | None:
    """One claim flagged hedged and carrying a hedge word ("may", "reportedly"), the other not;
    attribution alone ("according to") is not hedging, nor a modal where a claim states a condition
    ("could receive the death penalty if convicted" / "if convicted, he faces the death penalty" /
    "he could face the death penalty": one consequence, worded thrice). "Reportedly" against a
    sourced "… if the fire was connected" stays a hedging conflict. What the hedge qualifies (the
    next content word, :func:`graded_words`) must be said in the other claim too: "users *may* have
    been exposed to websites with exploits" against "Trend Micro has identified 10,000 websites that
    have been infected" hedges nothing the other says."""
    if a.hedged == b.hedged:
        return None
    conflict = _cue_conflict(a, b, "hedging", lx.HEDGES)
    if conflict is None:
        return None
    if (_CONDITION.search(a.text) or _CONDITION.search(b.text)) \
            and lx.cue_words(a.text, lx.HEDGES) | lx.cue_words(b.text, lx.HEDGES) <= _MODALS:
        return None
    hedged, other = (a, b) if lx.cue_words(a.text, lx.HEDGES) else (b, a)
    what = {w[:4] for w in graded_words(hedged.text, lx.HEDGES)}  # "could *face*" / "faces": one stem
    return conflict if not what or what & {w[:4] for w in lx.content_stems(other.text)} else None


def _names(claim: Claim) -> list[tuple[str, Span]]:
    """Capitalised name tokens of a claim (lower-cased, without punctuation and accents: "Vendôme"
    is "Vendome" spelt the same) with their spans, in order."""
    out = []
    for m in _NAME_TOKEN.finditer(claim.text):
        key = re.sub(r"[^\w]", "", re.sub(r"['’]s$", "", transliterate(m.group(0)).lower()))  # "Roe's" is "Roe"
        if m.start() > 0 and key not in STOPWORDS:
            out.append((key, Span(claim.span.article_id, claim.span.start + m.start(), claim.span.start + m.end())))
    return out


def _right_neighbour(names: list[tuple[str, Span]], i: int) -> str | None:
    """The name token right after name ``i`` (a surname after a given name), if only a space or a mark parts them."""
    if i + 1 < len(names) and names[i + 1][1].start - names[i][1].end <= 1:
        return names[i + 1][0]
    return None


def _neighbours(names: list[tuple[str, Span]], i: int) -> set[str]:
    """The name tokens right before and after name ``i`` when only a space or a mark separates them."""
    out = {right} if (right := _right_neighbour(names, i)) is not None else set()
    if i > 0 and _right_neighbour(names, i - 1) is not None:  # name i is right after name i - 1
        out.add(names[i - 1][0])
    return out


_BRITISH_ENDINGS = ((re.compile(r"(?<=[^aeiou])re(s?)$"), r"er\1"), (re.compile(r"our(s?|ed|ing)$"), r"or\1"),
                    (re.compile(r"is(e|ed|es|ing|ation|ations)$"), r"iz\1"), (re.compile(r"ys(e|ed|es|ing)$"), r"yz\1"),
                    (re.compile(r"visor(s?)$"), r"viser\1"))


def us_spelling(word: str) -> str:
    """A lower-case word in American spelling where British spelling differs only by a regular
    ending ("centre" → "center", "harbour" → "harbor", "recognised" → "recognized", "advisors" →
    "advisers"), so that the two spellings of one name are not set against each other as a
    misspelling. Not "grey" / "gray": as surnames they are two names ("Kimani Gray", misspelt
    "Grey").

    >>> [us_spelling(w) for w in ("centre", "harbours", "recognised", "analyse", "advisors", "grey", "tour")]
    ['center', 'harbors', 'recognized', 'analyze', 'advisers', 'grey', 'tour']
    """
    if len(word) < 6:
        return word  # "tour", "rise", "acre": no British ending
    for pattern, replacement in _BRITISH_ENDINGS:
        word = pattern.sub(replacement, word)
    return word


def _spelling(a: Claim, b: Claim, settings: AlignSettings) -> Conflict | None:
    """Two name tokens, each in one claim only, spelt nearly alike and sharing a neighbouring name
    token ("Robin Mendes" / "Robyn Mendes"), so that they name one entity; not a place and its
    adjective ("the Asia-Pacific region" / "the Asian-Pacific region")."""
    na, nb = _names(a), _names(b)
    keys_a, keys_b = {k for k, _ in na}, {k for k, _ in nb}
    for i, (key_a, span_a) in enumerate(na):
        if key_a in keys_b or len(key_a) < 4:
            continue
        for j, (key_b, span_b) in enumerate(nb):
            if key_b in keys_a or key_a[0] != key_b[0] or not _neighbours(na, i) & _neighbours(nb, j):
                continue
            if is_demonym(key_a, key_b) or is_demonym(key_b, key_a):
                continue  # "Asia-Pacific" / "Asian-Pacific": a place and its adjective, no misspelling
            if plural_of(key_a, key_b) or plural_of(key_b, key_a):
                continue  # "Deep Throat" / "possible Deep Throats"
            if us_spelling(key_a) == us_spelling(key_b):
                continue  # "Kennedy Centre" / "Kennedy Center": British and American spelling
            surname = _right_neighbour(na, i)
            if surname is not None and surname == _right_neighbour(nb, j) and another_form_of_given_name(key_a, key_b):
                continue  # "David Rossi" / "Dave Rossi", "Fred LaRue" / "Frederick LaRue": one given name
            if difflib.SequenceMatcher(None, key_a, key_b).ratio() >= settings.spelling_min_ratio:
                note = f"{a.text[span_a.start - a.span.start:span_a.end - a.span.start]} vs " \
                       f"{b.text[span_b.start - b.span.start:span_b.end - b.span.start]}"
                return Conflict("spelling", a.span, b.span, note, (span_a, span_b))
    return None


def _speaker(name: str | None) -> frozenset[str]:
    return lx.content_stems(name or "")


def _named(speaker: str | None, claim: Claim, names: Collection[str] = ()) -> bool:
    """Whether a speaker is named ("James Bodiford", "the Foreign Ministry", "her publicist, Jack
    Ketsoyan") rather than described ("the judge", "officials", "Reid's rep"): the last word of the
    phrase, or of one of its comma-separated parts, is capitalised — unless that word alone opens
    the claim, where every word is ("Authorities said …", "Police say …"), and is not one of the
    story's entity names (``names``, lower-cased words: "Obama said …" is named)."""
    opening = claim.text.lstrip(" \"'“‘").split(maxsplit=1)[0].lower() if claim.text.strip() else ""
    for part in (speaker or "").split(","):
        found = re.findall(r"[^\W\d_][\w'’.-]*", part)
        if not found:
            continue
        head, capitals = found[-1], [w for w in found if w[:1].isupper() and w.lower() not in STOPWORDS]
        sentence_case = len(found) == 1 and head.lower() == opening and head.lower() not in names
        if head[:1].isupper() and capitals and not sentence_case:
            return True
    return False


_RECORD_NOUNS = frozenset(lx.stem(w) for w in (
    "statistics", "figures", "data", "records", "estimates", "numbers", "study", "studies", "survey", "census",
    "research", "poll", "documents", "report", "reports"))
"""Heads of a source that is a record, not a speaker ("government statistics", "a study"): what a
speaker cites, so "Transportation officials say …" and "…, according to government statistics"
may be one origin told two ways."""


def _cites_a_record(a: Claim, b: Claim) -> bool:
    """Whether exactly one of two claims is given to a record (:data:`_RECORD_NOUNS`)."""
    def record(claim: Claim) -> bool:
        heads = re.findall(r"[^\W\d_][\w'’-]*", claim.attributed_to or "")
        return bool(heads) and lx.stem(heads[-1].lower()) in _RECORD_NOUNS
    return record(a) != record(b)


def _attribution(a: Claim, b: Claim, settings: AlignSettings, names: Collection[str] = ()) -> Conflict | None:
    """Nearly the same words (Dice of content stems, each side's speaker words left out) given to
    speakers who share no word, neither an acronym of the other, nor named in the other's words (a
    relay: "…, according to court records, …, the newspaper reported" gives the records' words). A
    description against a name is no conflict: "the judge" may be "James Bodiford", nor a speaker
    against a record (:func:`_cites_a_record`); two descriptions ("the ministry", "a rebel
    spokesman") or two names are."""
    sa, sb = _speaker(a.attributed_to), _speaker(b.attributed_to)
    if not sa or not sb or sa & sb or _named(a.attributed_to, a, names) != _named(b.attributed_to, b, names):
        return None
    if abbreviates(a.attributed_to or "", b.attributed_to or "") or abbreviates(b.attributed_to or "", a.attributed_to or ""):
        return None  # "the CHP" and "the California Highway Patrol" are one speaker
    if _cites_a_record(a, b):
        return None  # officials and the statistics they cite
    stems_a, stems_b = lx.content_stems(a.text), lx.content_stems(b.text)
    if sb <= stems_a or sa <= stems_b:
        return None  # "…, according to court records, …, the newspaper reported": the paper relays the records
    if lx.dice(set(stems_a - sa), set(stems_b - sb)) >= settings.match_min_overlap:
        return Conflict("attribution", a.span, b.span, f"{a.attributed_to} vs {b.attributed_to}")
    return None


def _same_frame(a: Claim, b: Claim, settings: AlignSettings) -> bool:
    """Whether two claims say much the same apart from their figures (Dice of non-numeric content stems)."""
    stems_a = {w for w in lx.content_stems(a.text) if not w[0].isdigit()}
    stems_b = {w for w in lx.content_stems(b.text) if not w[0].isdigit()}
    return lx.dice(stems_a, stems_b) >= settings.frame_min_overlap


SameEvent = Callable[[Claim, Span, Claim, Span, bool], bool]
"""Whether a value of one claim and a value of another (by their spans) belong to one event, the
last argument saying whether the two claims were matched as one statement
(:class:`crosswire.align.frames.ValueEvents`)."""


def compare_claims(
    a: Claim, b: Claim, settings: AlignSettings, same_statement: bool = True,
    dated: Callable[[Claim], bool] = lambda claim: True, same_event: SameEvent | None = None,
    names: Collection[str] = (),
) -> Conflict | None:
    """The first typed disagreement between two comparable claims, or ``None`` when they agree.

    ``same_statement`` says the two were matched as stating the same thing; only then are cue
    differences (polarity, intensity, hedging) and attribution conflicts, since between merely
    related statements they say nothing. ``dated(claim)`` says whether the claim's article has a
    publication date, against which relative dates ("on Friday") were resolved. ``same_event``,
    when given, must hold of the two values of a number or date conflict between merely related
    claims: figures or dates that hang on two events of one story ("since she *became* the
    candidate on Aug. 29" / "On Saturday, the governor *said* …") are no disagreement. For claims
    matched as one statement it only parts the date of the telling from the date of the told
    ("Yesterday, the police *explained* that …" / "… was *shot* on Saturday night"), and their
    figures are not asked: their verbs are often synonyms that MiniLM rates low ("12 people were
    *wounded*" / "the blast *injured* 15", cosine 0.51). ``names``: the story's
    entity names, lower-cased words, which tell a named speaker opening a claim ("Obama said …").
    """
    alike = same_statement or _same_frame(a, b, settings)

    def of_one_event(va: Span, vb: Span, figures: bool = False) -> bool:
        if same_event is None or (figures and same_statement):
            return True
        return same_event(a, va, b, vb, same_statement)

    if alike and (pair := values_conflict(a, b, settings)) and of_one_event(pair[0].span, pair[1].span, True):
        va, vb = pair
        return Conflict("number", a.span, b.span, f"{va.expression} vs {vb.expression}", (va.span, vb.span),
                        (a.id, b.id))
    found = _date_conflict(a, b, dated, settings) if alike else None
    if found and of_one_event(*found.parts):
        return Conflict(found.kind, found.a, found.b, found.note, found.parts, (a.id, b.id))
    checks: list[Callable[[], Conflict | None]] = [lambda: _spelling(a, b, settings)]
    if same_statement:
        checks += [
            lambda: _polarity(a, b),
            lambda: _intensity(a, b),
            lambda: _hedging(a, b), lambda: _attribution(a, b, settings, names),
        ]
    for check in checks:
        if found := check():
            return Conflict(found.kind, found.a, found.b, found.note, found.parts, (a.id, b.id))
    return None


def find_conflicts(
    claims: Sequence[Claim], pairs: Sequence[tuple[int, int, bool]], settings: AlignSettings,
    dated: Callable[[Claim], bool] = lambda claim: True, same_event: SameEvent | None = None,
    names: Collection[str] = (),
) -> list[Conflict]:
    """Typed conflicts among comparable claim pairs ``(i, j, same_statement)`` (indices into
    ``claims``), at most one per pair (``dated``, ``same_event``, ``names``: see :func:`compare_claims`)."""
    found, done = [], set()
    for i, j, same in pairs:
        if claims[i].span.article_id == claims[j].span.article_id:
            continue
        if conflict := compare_claims(claims[i], claims[j], settings, same, dated, same_event, names):
            found.append(conflict)
            done.add((min(i, j), max(i, j)))
    return found + _quantity_conflicts(claims, done, settings)


def _quantity_conflicts(claims: Sequence[Claim], compared: set[tuple[int, int]],
                        settings: AlignSettings) -> list[Conflict]:
    """Quantity conflicts (:func:`quantity_conflict`) between claims of different articles whose
    pair has no conflict yet."""
    counted = [i for i, c in enumerate(claims) if any(v.kind in _MEASURED for v in c.values)]
    found = []
    for x, i in enumerate(counted):
        for j in counted[x + 1 :]:
            a, b = claims[i], claims[j]
            if (i, j) in compared or a.span.article_id == b.span.article_id:
                continue
            if pair := quantity_conflict(a, b, settings):
                va, vb = pair
                note = f"{va.expression} ({normalised(va)}) vs {vb.expression} ({normalised(vb)})"
                found.append(Conflict("number", a.span, b.span, note, (va.span, vb.span), (a.id, b.id)))
    return found


def side_names(entities: Sequence[Entity], texts: Mapping[str, str], max_share: float) -> frozenset[str]:
    """The distinctive words (lower-cased) of the story's *side* entities: entities that at most
    ``max_share`` of the story's articles (``texts``: article id → text) name — "Lauda Air", an
    earlier crash that one report recalls, in a story of twelve reports of one crash. An article
    names an entity when the entity has a mention there or its text holds the name (any case: "coast
    guard" names the Coast Guard); an entity is side only when every word of its name is rare so
    counted over all entities that share the word (a main entity under a rarer name, "EgyptAir 990",
    shares "EgyptAir" with its usual one). The distinctive word is its rarest name word. Empty for
    stories of fewer than three articles, where no entity can be told to be beside the point.

    >>> from crosswire.model import Entity, Span
    >>> crash = [Entity("1", "Lauda Air", "ORG", (), (Span("c", 13, 22),)),
    ...          Entity("2", "EgyptAir 990", "ORG", (), (Span("a", 0, 12),)), Entity("3", "EgyptAir", "ORG", (), ())]
    >>> texts = {"a": "EgyptAir 990 crashed.", "b": "EgyptAir said.", "c": "EgyptAir, like Lauda Air, …"}
    >>> sorted(side_names(crash, texts, 0.34))
    ['lauda']
    """
    if len(texts) < 3:
        return frozenset()
    lowered = {aid: text.lower() for aid, text in texts.items()}

    def naming(entity: Entity) -> set[str]:
        found = {m.article_id for m in entity.mentions if m.article_id in texts}
        phrase = _whole_word(entity.name.lower())
        return found | {aid for aid, text in lowered.items() if phrase.search(text)}

    def name_words(entity: Entity) -> list[str]:
        return [w for w in words(entity.name) if len(w) >= 3 and w not in STOPWORDS and not w.isdigit()]

    covered = {entity.id: naming(entity) for entity in entities}
    by_word: dict[str, set[str]] = collections.defaultdict(set)
    for entity in entities:
        for w in name_words(entity):
            by_word[w] |= covered[entity.id]
    limit = max_share * len(texts)
    out = set()
    for entity in entities:
        tokens = name_words(entity)
        if tokens and all(len(by_word[w]) <= limit for w in tokens):
            out.add(min(tokens, key=lambda w: len(by_word[w])))
    return frozenset(out)


def on_side_matter(conflict: Conflict, a: Claim, b: Claim, subject_words: Callable[[Claim, Span], set[str]],
                   side: Collection[str]) -> bool:
    """Whether a number or date conflict sets a figure of a side entity against the story's own: the
    subject of one value's verb names a side entity (:func:`side_names`) that the other claim does
    not name ("The Lauda Air crash killed all 223 people" / "All 217 people aboard were killed").
    Such claims speak of two things; they neither conflict nor corroborate each other."""
    if conflict.kind not in ("number", "date") or len(conflict.parts) != 2 or not side:
        return False
    for claim, part, other in ((a, conflict.parts[0], b), (b, conflict.parts[1], a)):
        if (subject_words(claim, part) & set(side)) - set(words(other.text)):
            return True
    return False


def _written(x: float) -> str:
    """A figure as a reader writes it: "27 million", "4.854 trillion", "400,000", "64.4"."""
    for word, scale in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
        if abs(x) >= scale:
            return f"{x / scale:.4g} {word}"
    return f"{x:,.0f}" if x == int(x) else f"{x:.4g}"


def normalised(value: Value) -> str:
    """A value as compared: ``"about 60 years"``, ``"64.4 km"``."""
    unit = value.unit or ""
    if value.kind == "duration" and unit:
        unit = unit + ("s" if value.value != 1 else "")
    figure = _written(float(value.value)) if isinstance(value.value, (int, float)) else str(value.value)
    return ("about " if value.approximate else "") + " ".join(p for p in (figure, unit) if p)


def entity_spelling_conflicts(entities: Sequence[Entity], claims: Sequence[Claim],
                              articles: Mapping[str, Article]) -> list[Conflict]:
    """Names the story's entities merged as spelling variants ("Georg" / "Geir Lund"), set side by
    side: for each variant spelling, one of its mentions against a mention in another article
    spelled as the entity's name, each shown in the claim (or else the sentence) that carries it."""
    out = []
    for entity in entities:
        if not entity.spellings:
            continue
        surfaces = [(m, articles[m.article_id].span_text(m)) for m in entity.mentions if m.article_id in articles]
        usual = [(m, s) for m, s in surfaces if s not in entity.spellings]
        for spelling in entity.spellings:
            variant = next((m for m, s in surfaces if s == spelling), None)
            other = None if variant is None else _closest_form(usual, variant.article_id, spelling)
            if variant is not None and other is not None:
                a, ca = _carrier(other[0], claims, articles)
                b, cb = _carrier(variant, claims, articles)
                claim_ids = (ca, cb) if ca and cb else ()
                out.append(Conflict("spelling", a, b, f"{other[1]} vs {spelling}", (other[0], variant), claim_ids))
    return out


_AGE_AFTER = re.compile(r"^(?:’s|'s)?,\s+(?:(?P<bare>\d{1,3})(?=,(?!\d)|\.(?:\s|$)|\s*$)|(?:a|an)\s+(?P<old>\d{1,3})-year-old\b)")
"""A person's age right after the name: "Shepard, 21, was beaten", "… John Smith, 45.", "Jones, a
51-year-old instructor"; not "Gordon, 4,328 points"."""
_AGE_BEFORE = re.compile(r"\b(?P<old>\d{1,3})-year-old\s+(?:(?P<role>[a-z]+)\s+)?$")
"""A person's age right before the name, at most one word between: "the 21-year-old Matthew
Shepard", "the 52-year-old balloonist Brian Jones"; that word must name a person's role
(:data:`AGE_ROLES`), so "a 15-year-old *killed* John Smith" gives Smith no age."""
AGE_ROLES = frozenset(ROLE_NOUNS | {
    "student", "balloonist", "pilot", "actor", "actress", "singer", "player", "driver", "worker", "farmer",
    "bartender", "roofer", "soldier", "reporter", "writer", "artist", "teenager", "veteran", "resident",
    "businessman", "engineer", "lawyer", "activist", "climber", "athlete", "swimmer", "runner",
})
"""Words that may stand between an age and a name ("the 21-year-old *student* Matthew Shepard")."""
MIN_BARE_AGE = 10
"""A bare figure after a name ("Smith, 21,") is an age from this up: below it, it is more often a
rank, a seed or a score ("Federer, 1,", "Sosa, 2,")."""


def person_ages(entity: Entity, articles: Mapping[str, Article]) -> dict[str, tuple[int, Span]]:
    """Article id → (age, span of the figure) that the article gives a person right beside one of
    its mentions; an article that gives the person two different ages gives none (it may speak of
    two people of one name)."""
    found: dict[str, set[tuple[int, Span]]] = collections.defaultdict(set)
    for m in entity.mentions:
        article = articles.get(m.article_id)
        if article is None or article.span_text(m) in entity.spellings:
            continue  # a spelling variant may be another person ("Jerry" / "Jeremy Ortiz", father and son)
        text = article.text
        after, before = text[m.end : m.end + 40], text[max(0, m.start - 60) : m.start]
        for match, offset in ((_AGE_AFTER.match(after), m.end), (_AGE_BEFORE.search(before), max(0, m.start - 60))):
            if match is None or (match.groupdict().get("role") and match.group("role") not in AGE_ROLES):
                continue
            group = "bare" if match.groupdict().get("bare") else "old"
            age = int(match.group(group))
            if (MIN_BARE_AGE if group == "bare" else 1) <= age < 120:
                found[m.article_id].add((age, Span(m.article_id, offset + match.start(group), offset + match.end(group))))
    out = {}
    for aid, ages in found.items():
        if len({age for age, _ in ages}) == 1:
            out[aid] = min(ages, key=lambda x: x[1].start)
    return out


def age_conflicts(entities: Sequence[Entity], claims: Sequence[Claim], articles: Mapping[str, Article]) -> list[Conflict]:
    """Two reports that give one person different ages ("Jones, a 51-year-old instructor" / "Brian
    Jones, a 54-year-old balloonist"), each shown in the claim (or sentence) that carries it: one
    conflict per differing age, against the age the most reports give, when no birthday between the
    two reports can explain it (:func:`ages_disagree`)."""
    out = []
    for entity in (e for e in entities if e.type == "PERSON"):
        ages = person_ages(entity, articles)
        if len({age for age, _ in ages.values()}) < 2:
            continue
        usual = collections.Counter(age for age, _ in ages.values()).most_common(1)[0][0]
        base = [(aid, span) for aid, (age, span) in sorted(ages.items()) if age == usual]
        for other in sorted({age for age, _ in ages.values()} - {usual}):
            aid, span = next((a, sp) for a, (age, sp) in sorted(ages.items()) if age == other)
            partner = next(((b, sp) for b, sp in base
                            if ages_disagree(usual, articles[b].published, other, articles[aid].published)), None)
            if partner is None:
                continue
            a, ca = _carrier(partner[1], claims, articles)
            b, cb = _carrier(span, claims, articles)
            out.append(Conflict("number", a, b, f"age of {entity.name}: {usual} vs {other}", (partner[1], span),
                                (ca, cb) if ca and cb else ()))
    return out


def ages_disagree(age_a: int, day_a: dt.date | None, age_b: int, day_b: dt.date | None) -> bool:
    """Whether two ages of one person, given in reports of these dates, cannot both be right. A
    person is one year older after each birthday, which may fall between any two days: the later
    report may give up to one more year per full year between them plus one, never fewer. Undated
    reports a year apart in age are no proof either way (a birthday may lie between them).

    >>> ages_disagree(51, None, 52, None), ages_disagree(51, None, 54, None)
    (False, True)
    >>> ages_disagree(52, dt.date(1999, 3, 21), 51, dt.date(1999, 3, 28))  # younger in the later report
    True
    """
    if day_a is None or day_b is None:
        return abs(age_a - age_b) > 1
    if day_a > day_b:
        age_a, day_a, age_b, day_b = age_b, day_b, age_a, day_a
    if day_a == day_b:
        return age_a != age_b
    return not 0 <= age_b - age_a <= (day_b - day_a).days // 365 + 1


def _closest_form(mentions: Sequence[tuple[Span, str]], not_in: str, spelling: str) -> tuple[Span, str] | None:
    """The mention outside article ``not_in`` written most like ``spelling`` (as many words, then
    the fullest, then the first in the text): "Lund" against "Lunde", not "Georg Lund"."""
    candidates = [(m, s) for m, s in mentions if m.article_id != not_in]
    size = len(spelling.split())
    return max(candidates, key=lambda x: (len(x[1].split()) == size, len(x[1].split()), -x[0].start)) if candidates else None


def _carrier(mention: Span, claims: Sequence[Claim], articles: Mapping[str, Article]) -> tuple[Span, str | None]:
    """The span of the claim that holds ``mention`` (and its id), or else of its sentence."""
    claim = next((c for c in claims if c.span.contains(mention)), None)
    if claim is not None:
        return claim.span, claim.id
    article = articles[mention.article_id]
    sentence = next((s for s in article.sentences if s.start <= mention.start and mention.end <= s.end), None)
    return (Span(article.id, sentence.start, sentence.end) if sentence else mention), None


def told_by_both(conflict: Conflict, articles: Mapping[str, Article],
                 supports: Callable[[str, str], bool]) -> bool:
    """Whether one report of a conflict also tells the other's version, so the two do not disagree:
    for a spelling conflict, one article writes both spellings and they are more than one typo
    apart ("Jerry" / "Jeremy Ortiz", father and son; not "Gray" / "Grey"); for a number conflict, a
    sentence of one article, outside its own conflicting claim and giving every number of the other
    claim, supports the other claim (``supports(claim_text, sentence)``: the support check). Of any
    kind but spelling, one article that writes the other's claim word for word outside its own (a
    copy of the other report: :func:`_copies`) tells both. Otherwise other kinds are never
    dropped: the support check reads no negation, dates or speakers."""
    a, b = articles[conflict.a.article_id], articles[conflict.b.article_id]
    if conflict.kind != "spelling" and (_copies(a, b.span_text(conflict.b), conflict.a)
                                        or _copies(b, a.span_text(conflict.a), conflict.b)):
        return True
    if conflict.kind not in ("spelling", "number"):
        return False  # the support check reads no negation, dates or speakers: no judge of those
    if conflict.kind == "spelling":
        if len(conflict.parts) != 2:
            return False
        first, second = (articles[p.article_id].span_text(p) for p in conflict.parts)
        return not _one_edit_apart(first.lower(), second.lower()) and (_writes(a.text, second) or _writes(b.text, first))
    return _supported_elsewhere(a.span_text(conflict.a), b, conflict.b, supports) or \
        _supported_elsewhere(b.span_text(conflict.b), a, conflict.a, supports)


_COPY_MIN_WORDS = 6
"""Words a claim needs before its copy in another article counts as telling it (a short phrase is
written alike by chance)."""


def _copies(article: Article, claim: str, own: Span) -> bool:
    """Whether ``article`` writes ``claim`` word for word (case and spacing aside) outside its own
    conflicting span ``own``."""
    words_ = claim.split()
    if len(words_) < _COPY_MIN_WORDS:
        return False
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words_), re.IGNORECASE)
    return any(not (m.start() < own.end and own.start < m.end()) for m in pattern.finditer(article.text))


def _one_edit_apart(x: str, y: str) -> bool:
    """Whether one substitution, insertion, deletion or swap of neighbouring letters turns ``x``
    into ``y`` ("Gray" / "Grey", "Smith" / "Smtih"), or they differ only in case: a typo of one name,
    a spelling conflict even when one report writes both."""
    if x == y:
        return True  # written alike but for case ("DeShawn" / "Deshawn")
    if abs(len(x) - len(y)) > 1:
        return False
    if len(x) == len(y):
        diff = [i for i, (p, q) in enumerate(zip(x, y)) if p != q]
        swapped = len(diff) == 2 and diff[1] == diff[0] + 1 and x[diff[0]] == y[diff[1]] and x[diff[1]] == y[diff[0]]
        return len(diff) == 1 or swapped
    short, long = sorted((x, y), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _writes(text: str, name: str) -> bool:
    return bool(_whole_word(name).search(text))


def _whole_word(phrase: str) -> re.Pattern:
    """``phrase`` as written, not inside a longer word."""
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")


def _supported_elsewhere(claim: str, article: Article, own: Span,
                         supports: Callable[[str, str], bool]) -> bool:
    needed = lx.numbers(claim)
    for sentence in article.sentences:
        if sentence.start < own.end and own.start < sentence.end:
            continue
        text = article.text[sentence.start : sentence.end]
        if needed <= lx.numbers(text) and supports(claim, text):
            return True
    return False
