"""Normalised values: numbers, quantities, durations and dates, from spaCy's entities.

Relative dates ("on Sunday", "earlier today") resolve against the article's publication date
(:mod:`crosswire.extract.dates`), at the precision they state (``Value.unit`` is ``day``, ``week``,
``month`` or ``year``); the original expression is always kept.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re

from text_to_num import text2num

from ..model import Span, Value
from .dates import MONTHS, WEEKDAYS, resolve_date, tense_of

_DECADES = {"decade": 10, "decades": 10, "year": 1, "years": 1, "century": 100, "centuries": 100}
_APPROX = re.compile(r"\b(nearly|about|around|almost|roughly|approximately|some|over|more than|at least|up to"
                     r"|as (?:many|much|few|little) as)\b", re.IGNORECASE)
_NUMERIC = re.compile(r"\d[\d,]*(?:\.\d+)?")
_DURATION = re.compile(r"(\d+|[a-z]+)[- ](year|month|week|day|decade)s?\b", re.IGNORECASE)
_AGE = re.compile(r"\b(?:year|month|week|day)s?[- ]old\b")


SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "mln": 1e6, "bln": 1e9, "bn": 1e9}
"""Scale words after a figure ("$4.8 million", "1.2 bln yuan"): a figure is compared at its scale."""
_SCALE_WORD = "(" + "|".join(SCALES) + r")\b"
_SCALE_AFTER = re.compile(r"\s*" + _SCALE_WORD, re.IGNORECASE)
_SHARED_SCALE = re.compile(r"\s*(?:-|–)?\s*(?:to|or|-|–)\s*[$€£¥]?\s*\d[\d,]*(?:\.\d+)?\s*" + _SCALE_WORD,
                           re.IGNORECASE)
_BETWEEN_SCALE = re.compile(r"\s*and\s*[$€£¥]?\s*\d[\d,]*(?:\.\d+)?\s*" + _SCALE_WORD, re.IGNORECASE)
"""A scale word right after a figure, or after the other end of a range that shares it ("$100- to
$200 billion", "2 or 3 million", "between 2 and 3 million"; "in 1999 and 2 million" is no range)."""
_BETWEEN_BEFORE = re.compile(r"\bbetween\s*[$€£¥]?\s*[\d,.]*$", re.IGNORECASE)
"""A figure that opens a range with "between" (only then does "and" join the range's two ends)."""


def scale_after(text: str, end: int) -> float:
    """The scale of the figure that ends at ``end`` in ``text``: 1e6 for "… million", else 1."""
    found = _SCALE_AFTER.match(text, end) or _SHARED_SCALE.match(text, end)
    if found is None and _BETWEEN_BEFORE.search(text, 0, end):
        found = _BETWEEN_SCALE.match(text, end)
    return SCALES[found.group(1).lower()] if found else 1.0


def scaled_numbers(text: str) -> frozenset[float]:
    """Every figure written in digits in ``text``, at its scale ("$140 to $150 million" → 1.4e8 and
    1.5e8)."""
    return frozenset(float(m.group(0).replace(",", "")) * scale_after(text, m.end()) for m in _NUMERIC.finditer(text))


def parse_number(text: str) -> float | None:
    """The first number in ``text``, in digits or words ("six" → 6), at its scale ("$4.8 million"
    → 4.8e6, "two million" → 2e6, "$100- to $200 billion" → 1e11)."""
    if m := _NUMERIC.search(text):
        return float(m.group(0).replace(",", "")) * scale_after(text, m.end())
    if (span := vague_range(text)) is not None:
        return float(span[0])
    lowered = text.lower()
    if (number := _number_in_words(lowered)) is not None:
        return number
    return 12.0 if re.search(r"\ba dozen\b", lowered) else None


_MAX_NUMBER_WORDS = 7
"""The longest run of number words read as one number ("seven thousand five hundred and twenty")."""


def _number_in_words(lowered: str) -> float | None:
    """The first number written in words in ``lowered``, its longest run read as one ("twenty-five"
    → 25, "two hundred" → 200, "Fourteen" → 14), by text2num."""
    tokens = re.findall(r"[a-z]+", lowered)
    for i, token in enumerate(tokens):
        if token == "and" or (first := _text2num(token)) is None:
            continue
        number = first
        for j in range(i + 2, min(len(tokens), i + _MAX_NUMBER_WORDS) + 1):
            if (longer := _text2num(" ".join(tokens[i:j]))) is None:
                if tokens[j - 1] != "and":
                    break
            else:
                number = longer
        return float(number)
    return None


def _text2num(words: str) -> int | None:
    try:
        return int(text2num(words, "en"))
    except ValueError:
        return None


def duration(text: str) -> tuple[float, str] | None:
    """``"50-year"`` → (50, "year"); ``"nearly six decades"`` → (60, "year"); an age ("the
    37-year-old", "five years old") is no duration: ``None``."""
    lowered = text.lower()
    if _AGE.search(lowered):
        return None
    for unit, factor in _DECADES.items():
        if re.search(rf"\b{unit}\b", lowered) or re.search(rf"-{unit}\b", lowered):
            number = parse_number(lowered)
            if number is not None:
                return number * factor, "year"
    if m := _DURATION.search(lowered):
        number = parse_number(m.group(1))
        if number is not None:
            return number, m.group(2)
    return None


_UNITS = {
    "km": ("km", 1.0), "kilometre": ("km", 1.0), "kilometer": ("km", 1.0), "mile": ("km", 1.609344),
    "m": ("m", 1.0), "metre": ("m", 1.0), "meter": ("m", 1.0), "ft": ("m", 0.3048), "foot": ("m", 0.3048),
    "feet": ("m", 0.3048), "yard": ("m", 0.9144), "kg": ("kg", 1.0), "kilogram": ("kg", 1.0),
    "lb": ("kg", 0.45359237), "pound": ("kg", 0.45359237), "tonne": ("t", 1.0), "ton": ("t", 0.907185),
    "litre": ("l", 1.0), "liter": ("l", 1.0), "gallon": ("l", 3.78541), "hectare": ("ha", 1.0),
    "acre": ("ha", 0.404686),
}
"""Unit words of quantities → (unit the value is given in, factor to it), so that "64 kilometres"
and "40 miles" compare as 64 and 64.4 km."""
_UNIT_WORD = re.compile(r"\b(" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")(?:e?s)?\b", re.IGNORECASE)
_ANY_WORD = re.compile(r"[^\W\d_]+")


def quantity(text: str) -> tuple[float, str | None] | None:
    """A quantity in a common unit: ``"64 kilometres"`` → (64, "km"), ``"40 miles"`` → (64.37…, "km");
    an unknown unit is kept as its last word (``"12 degrees"`` → (12, "degrees")), so that figures
    in different units never compare as figures of one quantity."""
    number = parse_number(text)
    if number is None:
        return None
    if m := _UNIT_WORD.search(text):
        unit, factor = _UNITS[m.group(1).lower()]
        return number * factor, unit
    last = _ANY_WORD.findall(text)
    return number, last[-1].lower() if last else None


def _granularity(iso: str) -> str:
    if iso.startswith("--"):  # a month and day without a year
        return "day"
    if "W" in iso:
        return "week"
    return {4: "year", 7: "month"}.get(len(iso), "day")


def _date_value(ent, span: Span, published: dt.date | None, approx: bool) -> Value | None:
    """A duration ("50-year rule", "nearly six decades") or a resolved date, from a DATE entity."""
    if re.search(r"year|decade|centur|month|week|day", ent.text, re.IGNORECASE) and not re.search(
            r"\b(ago|last|next|this|earlier|today|yesterday|tomorrow)\b", ent.text, re.IGNORECASE):
        found = duration(ent.text)
        if found is not None:
            return Value("duration", span, ent.text, found[0], found[1], approx or _plural_unit(ent.text))
    resolved = resolve_date(ent.text, published, tense_of(ent.root))
    if resolved is None:
        return None
    return Value("date", span, ent.text, resolved, _granularity(resolved), approx)


def _plural_unit(text: str) -> bool:
    """"decades" without a count is vague; "nearly six decades" is flagged by its adverb instead."""
    return parse_number(text) is None


_DIGIT_RUN = re.compile(r"\+?(?:\(\d+\)\s?)?\d+(?:[-. ]\d+)+")
_THOUSANDS = re.compile(r"\d{1,3}(?: \d{3})+")
_NOT_A_CODE = re.compile(
    r"(?:1[89]|20)\d\d(?:[-–](?:1[89]|20)\d\d)?"  # a year or a span of years
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}"  # a date
    r"|(?:1[89]|20)\d\d \S+")  # a year before a figure ("in 2012 145 people")


def phone_like(text: str) -> list[tuple[int, int]]:
    """Character ranges of ``text`` that are telephone numbers or other digit codes, not figures:
    runs of digit groups with seven digits or more that open with a 0, a + or an area code in
    brackets, or have three groups or more ("0800 555 111", "(555) 123-4567", "+1 555-123-4567"),
    joined by one kind of separator unless ten digits or more ("555 123-4567") — not thousands
    written with spaces ("1 200 000"), years, dates, a year before a figure, or a range ("500-1000").

    >>> phone_like("Call 0845 125 2222 or +1 555-123-4567; 1 200 000 people, 2008-2009, 03-09-2013, 500-1000.")
    [(5, 18), (22, 37)]
    """
    out = []
    for m in _DIGIT_RUN.finditer(text):
        run = m.group(0)
        body = re.sub(r"^(?:\+\d{1,3}[ .-]?)?(?:\(\d+\)\s?)?", "", run)  # country and area codes have their own separator
        groups = re.findall(r"\d+", run)
        digits = sum(len(g) for g in groups)
        mixed = len(set(re.findall(r"[-. ]", body))) > 1 and digits < 10  # "12.5-13.5", "2012 12.5"
        if mixed or _THOUSANDS.fullmatch(run) or _NOT_A_CODE.fullmatch(run):
            continue
        if digits >= 7 and (run[0] in "0+(" or len(groups) >= 3):
            out.append((m.start(), m.end()))
    return out


_VAGUE = (("tens of thousands", 20_000, 99_999), ("hundreds of thousands", 200_000, 999_999),
          ("tens of millions", 20e6, 99.9e6), ("hundreds of millions", 200e6, 999e6),
          ("dozens", 24, 99), ("scores", 40, 99), ("hundreds", 200, 999), ("thousands", 2000, 9999),
          ("millions", 2e6, 9.99e6), ("billions", 2e9, 9.99e9))
"""Vague counts and the range each spans, longest phrase first (its low end is the value)."""


def vague_range(expression: str) -> tuple[float, float] | None:
    """The range a vague count spans ("dozens" → 24 to 99, "tens of millions" → 20 to 99.9
    million), or ``None`` for a figure ("200", "a dozen")."""
    if _NUMERIC.search(expression):
        return None
    for phrase, low, high in _VAGUE:
        if re.search(rf"\b{phrase}\b", expression, re.IGNORECASE):
            return low, high
    return None


VEHICLE_NOUNS = frozenset({
    "truck", "car", "sedan", "van", "minivan", "pickup", "jeep", "suv", "bus", "motorcycle", "vehicle", "wagon",
    "coupe", "convertible", "hatchback", "limousine", "model",
})
"""Nouns a model year dates ("a 1987 Nissan Atlas refrigeration truck")."""


def model_year(ent) -> bool:
    """Whether a bare year names a vehicle's model, not a time: it modifies a vehicle noun with a
    make's name between ("a 1987 Nissan Atlas refrigeration truck"), unlike "the 2005 bombing",
    "the 1999 Izmit earthquake" or "the 2004 Athens Olympics", which date an event."""
    root = ent.root
    if not re.fullmatch(r"\d{4}", ent.text.strip()) or root.dep_ not in ("nummod", "compound", "amod"):
        return False
    head = root.head
    return (head.i > root.i and head.lemma_.lower() in VEHICLE_NOUNS
            and any(t.pos_ == "PROPN" for t in root.doc[root.i + 1 : head.i]))


TIME_WORDS = frozenset({*MONTHS, *WEEKDAYS, "spring", "summer", "autumn", "fall", "winter", "christmas", "easter",
                         "thanksgiving", "ramadan", "hanukkah", "new", "year", "eve", "mid", "early", "late"})
"""Capitalised words that a year after them dates ("May 2000", "Christmas 1998", "New Year 2001")."""


def name_year(ent) -> bool:
    """Whether a bare year is the number of a name, not a time: it follows a proper noun that is no
    month, weekday, season or holiday ("Vela Writer 2000 files", "the Vela 2010 plan"), unlike "in 2000",
    "May 2000" or "the 2000 census"."""
    if not re.fullmatch(r"\d{4}", ent.text.strip()) or ent.start == 0:
        return False
    before = ent.doc[ent.start - 1]
    return (before.pos_ == "PROPN" and before.whitespace_ != "" and before.lower_.rstrip(".") not in TIME_WORDS
            and ent.root.dep_ in ("nummod", "compound", "nmod", "appos"))


_TIME_ZONE = re.compile(r"\s*(?:GMT|UTC|Z|[ECMP][SD]T|BST|CET|CEST|MSK|IST|hrs|hours|local time)\b")
"""What follows a four-digit clock time ("2000 GMT", "0430 local time", "1400 hrs")."""


def clock_time(ent) -> tuple[int, int] | None:
    """The span of a four-digit clock time with its zone ("from midnight (*2000 GMT*)"), which the
    tagger reads as a year or a count; ``None`` for anything else."""
    if not re.fullmatch(r"(?:[01]\d|2[0-3])[0-5]\d", ent.text.strip()) \
            or (ent.start > 0 and ent.doc[ent.start - 1].lower_ in ("in", "since")):  # "In 2000 GMT was sold"
        return None
    m = _TIME_ZONE.match(ent.doc.text, ent.end_char)
    return (ent.start_char, m.end()) if m else None


STATEMENT_EDGES = frozenset({"ccomp", "xcomp", "conj", "parataxis"})
"""Edges from a predicate to more of what the claim asserts: the content of "said", an infinitive
complement, a coordinated verb. Relative, adverbial and noun-modifying clauses are not followed:
"the man, who had no record, fled" is not a negated claim."""
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl"})


def dated_phrase(ent, part) -> tuple[int, int] | None:
    """Token range of what a date entity dates inside ``part`` (a claim's tokens), or ``None`` when
    it dates the claim's statement: a verb of the statement ("fled *on Monday*", "said the men fled
    *on Monday*"), a time clause or participle on it ("*when* Labour took office *in 1997*, the new
    minister ordered …", "Speaking *on Tuesday*, Smith said …"), the subject of one ("*the 1996*
    trial collapsed") or a phrase that opens it ("In *a 1979* incident, debris tore …"). Otherwise
    the date dates a relative clause ("Doreen Lawrence, whose son was stabbed *in 1993*": the noun
    phrase that clause describes; "a package unveiled *on Sunday*" too) or a noun it modifies after
    the verb ("arrested men suspected in *the 1993* murder of …": that noun phrase). A date in a phrase on a place ("at a bus stop *in
    1993*") dates what happened there."""
    inside = range(part.start, part.end)
    token = ent.root
    while token.head.i != token.i and token.head.i in inside:
        child, token = token, token.head
        if token.pos_ in ("VERB", "AUX"):
            return _clause_phrase(token, part)
        if token.pos_ == "PROPN" and child.dep_ == "prep":
            return None  # "before Patria in 2015 sent troops": a name is not dated; the parse is wrong
        if token.pos_ in ("NOUN", "PROPN") and child.dep_ != "appos":
            if child.dep_ != "prep":
                return _noun_phrase(token, part)  # "the 1993 murder": the date is the noun's
            while token.head.i in inside and (token.dep_ == "appos" or (
                    token.dep_ == "pobj" and token.head.lower_ in _PLACE_PREPOSITIONS)):
                token = token.head if token.dep_ == "appos" else token.head.head  # "at a bus stop in 1993"
                if token.pos_ in ("VERB", "AUX"):
                    return _clause_phrase(token, part)
            return _noun_phrase(token, part)
    return None


_PLACE_PREPOSITIONS = frozenset({"at", "in", "on", "near", "outside", "inside", "off"})
"""Prepositions of a place phrase ("at a bus stop"), which a date after it ("… in 1993") may
follow without dating the place."""


def _clause_phrase(verb, part) -> tuple[int, int] | None:
    """The noun phrase a relative clause on ``verb``'s clause describes, or ``None`` when the
    clause is (or hangs on) the statement: its own predicate, a time clause or a participle."""
    inside = range(part.start, part.end)
    clause = verb
    while clause.dep_ in STATEMENT_EDGES and clause.head.i != clause.i and clause.head.i in inside:
        clause = clause.head
    if clause.head.i not in inside or not (clause.dep_ == "relcl" or (clause.dep_ == "acl" and (
            any(c.dep_ in _SUBJECTS for c in clause.children) or _reduced_relative(clause)))):
        return None
    return _subtree(clause.head, part)


def _reduced_relative(participle) -> bool:
    """A past participle that describes a noun ("a rescue package *unveiled* on Sunday", "the men
    *arrested* in May"): a relative clause without its "that was", whose date is the noun's."""
    return participle.tag_ == "VBN" and participle.head.pos_ in ("NOUN", "PROPN") \
        and not any(c.dep_ == "aux" for c in participle.children)


def _noun_phrase(noun, part) -> tuple[int, int] | None:
    inside = range(part.start, part.end)
    while noun.dep_ == "conj" and noun.head.i in inside:
        noun = noun.head
    head = noun.head.head if noun.dep_ == "pobj" else noun.head
    if noun.dep_ in _SUBJECTS and noun.head.i in inside and _clause_phrase(noun.head, part) is None:
        return None  # "the 1996 trial collapsed": the statement's own subject
    if noun.dep_ == "pobj" and head.i in inside and head.pos_ in ("VERB", "AUX") and noun.i < head.i \
            and _clause_phrase(head, part) is None:
        return None  # "In a 1979 incident at Dulles, debris tore …": a phrase that sets the scene
    return _subtree(noun, part)


OPENING_MARK = {")": "(", "]": "[", "”": "“", "»": "«"}
"""Closing brackets and quotes, each with its opening mark (not "’", which is also an apostrophe)."""
CLOSING_MARK = {opening: closing for closing, opening in OPENING_MARK.items()}


def _subtree(token, part) -> tuple[int, int]:
    """The token range of ``token``'s phrase inside ``part``, without punctuation at its edges
    but for a bracket or quote that the phrase opens and closes ("…, which opened in 1997)" at the
    end of an aside ends at "1997")."""
    doc = token.doc
    start, end = max(token.left_edge.i, part.start), min(token.right_edge.i + 1, part.end)

    def paired(i: int) -> bool:
        text = doc[i].text
        if text in OPENING_MARK:
            return any(t.text == OPENING_MARK[text] for t in doc[start:i])
        return text in CLOSING_MARK and any(t.text == CLOSING_MARK[text] for t in doc[i + 1:end])

    while end - 1 > start and doc[end - 1].is_punct and not paired(end - 1):
        end -= 1
    while start < end - 1 and doc[start].is_punct and not paired(start):
        start += 1
    return start, end


_SPACED_GROUP = re.compile(rf"(?:{_APPROX.pattern}\s+)?\d{{1,3}}", re.IGNORECASE)
"""The first part of a figure written "2, 240": up to three digits, after an approximation word."""


def spaced_thousands(ents) -> dict[int, tuple[int, str]]:
    """Figures whose thousands separator is followed by a space ("2, 240 people", "some 1, 500-2000
    fighters"), which the tagger reads as two counts: entity index → (end offset, the figure
    written without the space), for the first part; the second part is to be skipped."""
    out = {}
    for i, (ent, nxt) in enumerate(itertools.pairwise(ents)):
        text = ent.doc.text
        if ent.label_ == "CARDINAL" and nxt.label_ == "CARDINAL" and _SPACED_GROUP.fullmatch(ent.text) \
                and text[ent.end_char:nxt.start_char] == ", " and re.match(r"\d{3}(?!\d)", nxt.text) \
                and not (ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the"):  # "Of the 12, 500 were …"
            out[i] = (nxt.end_char, f"{ent.text},{nxt.text}")
    return out


def values_in(doc_span, article_id: str, published: dt.date | None) -> tuple[Value, ...]:
    """Values among the entities of a spaCy span (a sentence); dates resolve against ``published``.
    Digits of telephone numbers and other codes (:func:`phone_like`) are no values; a figure
    written "2, 240" is one (:func:`spaced_thousands`)."""
    out = []
    base = doc_span.start_char
    codes = [(base + a, base + b) for a, b in phone_like(doc_span.text)]
    ents = list(doc_span.ents)
    joined = spaced_thousands(ents)
    ratios = ratios_of(ents)
    for i, ent in enumerate(ents):
        if any(a < ent.end_char and ent.start_char < b for a, b in codes) or i - 1 in joined \
                or (i in ratios and ratios[i] is None):
            continue
        if (ratio := ratios.get(i)) is not None:
            start, end, share = ratio
            written = ent.doc.text[start:end]
            out.append(Value("percent", Span(article_id, start, end), written, share, None,
                             bool(_APPROX.search(written))))
            continue
        if i in joined and (number := parse_number(joined[i][1])) is not None:
            end, written = joined[i]
            out.append(Value("number", Span(article_id, ent.start_char, end), ent.doc.text[ent.start_char:end],
                             number, None, bool(_APPROX.search(written))))
            continue
        span = Span(article_id, ent.start_char, ent.end_char)
        approx = bool(_APPROX.search(ent.text))
        if ent.label_ in ("DATE", "CARDINAL", "TIME") and (clock := clock_time(ent)) is not None:
            words = ent.doc.text[clock[0]:clock[1]]
            out.append(Value("time", Span(article_id, *clock), words, words))
        elif ent.label_ == "DATE":
            if model_year(ent) or name_year(ent):
                continue
            if (value := _date_value(ent, span, published, approx)) is not None:
                out.append(_with_phrase(value, ent, doc_span, article_id))
        elif ent.label_ == "QUANTITY":
            if (found := quantity(ent.text)) is not None:
                out.append(Value("quantity", span, ent.text, found[0], found[1], approx))
        elif ent.label_ == "CARDINAL" and (unit := unit_after(ent)) is not None \
                and (found := quantity(f"{ent.text} {unit.text}")) is not None:
            written = ent.doc.text[ent.start_char:unit.idx + len(unit)]
            out.append(Value("quantity", Span(article_id, ent.start_char, unit.idx + len(unit)), written,
                             found[0], found[1], approx))
        elif ent.label_ in ("CARDINAL", "PERCENT", "MONEY"):
            if one_of(ent) or not_one(ent):
                continue
            number = parse_number(ent.text)
            if number is not None:
                kind = {"CARDINAL": "number", "PERCENT": "percent", "MONEY": "money"}
                out.append(Value(kind[ent.label_], span, ent.text, number, None, approx))  # type: ignore[arg-type]
        elif ent.label_ == "TIME":
            resolved = resolve_date(ent.text, published, tense_of(ent.root))
            if resolved is not None:  # "earlier today", "last night": a day, resolved like any date
                value = Value("date", span, ent.text, resolved, _granularity(resolved), approx)
                out.append(_with_phrase(value, ent, doc_span, article_id))
            else:
                out.append(Value("time", span, ent.text, ent.text, None, approx))
    for token in untagged_counts(doc_span):
        if not any(a < token.idx + len(token) and token.idx < b for a, b in codes):
            span = Span(article_id, token.idx, token.idx + len(token))
            out.append(Value("number", span, token.text, parse_number(token.text), None, False))  # type: ignore[arg-type]
    return tuple(sorted(out, key=lambda v: v.span.start))


_RATIO_JOINER = re.compile(r"\s+(?:(?:in|out\s+of)(?:\s+every)?|of\s+every)\s+", re.IGNORECASE)
_UNTAGGED_PART = re.compile(r"(?:^|(?<=\s))(\d[\d,]*|one|a)(?=" + _RATIO_JOINER.pattern + r"$)", re.IGNORECASE)
"""A ratio's first figure the tagger left untagged before its whole ("between *1* out of 500 and 1
out of 1,000": "500" tagged alone)."""


def ratios_of(ents) -> dict[int, tuple[int, int, float] | None]:
    """Index of each count that opens a ratio ("as many as *1 in 500* users", "*one out of every
    five* voters", "*5 of every 10,000* children") → (start, end of the ratio, the share in
    percent): one figure, compared with "0.2 percent" of another report, not a count of 1 and a
    count of 500. The whole's index maps to None when the part opened the ratio; a whole whose part
    the tagger left untagged opens the ratio itself, from that part."""
    found: dict[int, tuple[int, int, float] | None] = {}
    for i, b in enumerate(ents):
        if b.label_ != "CARDINAL" or i in found:
            continue
        whole = parse_number(b.text)
        a = ents[i - 1] if i > 0 else None
        if a is not None and a.label_ == "CARDINAL" and i - 1 not in found \
                and _RATIO_JOINER.fullmatch(a.doc.text[a.end_char:b.start_char]):
            part, start, key = parse_number(a.text), a.start_char, i - 1
        elif (untagged := _untagged_part(b, a)) is not None:
            (part, start), key = untagged, i
        else:
            continue
        if part is not None and whole and 0 < part < whole:
            found[key] = (start, b.end_char, round(100 * part / whole, 6))
            if key != i:
                found[i] = None
    return found


def _untagged_part(whole, before) -> tuple[float | None, int] | None:
    """(value, start) of a ratio's first figure written before ``whole`` but outside every entity
    (``before``: the entity before it, if any), or None."""
    origin = max(0, whole.start_char - 40)
    m = _UNTAGGED_PART.search(whole.doc.text[origin:whole.start_char])
    if m is None or (before is not None and before.end_char > origin + m.start()):
        return None
    return (1.0 if m.group(1).lower() == "a" else parse_number(m.group(1))), origin + m.start()


def unit_after(ent):
    """The unit word the tagger left out of a count it tagged alone ("to *three* tonnes", where
    "five tonnes" is tagged whole): the token after the count when it is a unit of
    :data:`_UNITS` (not the bare "m", often a million) that the count modifies or that is set
    against it ("2000ft"), or ``None``."""
    if ent.end >= len(ent.doc):
        return None
    token = ent.doc[ent.end]
    if token.lower_ == "m" or not _UNIT_WORD.fullmatch(token.text):
        return None
    return token if ent.root.head.i == token.i or not ent.doc[ent.end - 1].whitespace_ else None


def one_of(ent) -> bool:
    """"One of" picks a member, it counts nothing: "Etisalat and LinkdotNet are *one of* Egypt's
    largest providers" set against "two of Egypt's largest providers" is no number conflict."""
    return ent.text.lower() == "one" and ent.end < len(ent.doc) and ent.doc[ent.end].lower_ == "of"


def not_one(ent) -> bool:
    """"Not one" counts none: "not one state has such a law" set against "not one of the 50
    states" is no number conflict between one and 50."""
    return ent.text.lower() == "one" and ent.start > 0 and ent.doc[ent.start - 1].lower_ == "not"


def untagged_counts(doc_span) -> list:
    """Counts of a noun that the tagger left out of every entity ("*Eleven* people died", where
    "Twelve Americans" is tagged): a single number token, in digits or a word, that counts a noun
    and opens no larger figure."""
    return [t for t in doc_span if t.dep_ == "nummod" and t.like_num and not t.ent_type_
            and t.head.pos_ in ("NOUN", "PROPN") and t.head.i > t.i
            and not any(n.like_num for n in (t.nbor(-1) if t.i > 0 else None, t.nbor(1)) if n is not None)
            and parse_number(t.text) is not None]


def _with_phrase(value: Value, ent, part, article_id: str) -> Value:
    """A date value with the phrase it dates (:func:`dated_phrase`), when not the claim's statement."""
    if value.kind != "date" or (found := dated_phrase(ent, part)) is None:
        return value
    phrase = part.doc[found[0] : found[1]]
    text = phrase.text.rstrip(" ,;:.—-")
    lead = len(text) - len(text.lstrip(" ,;:.—-\"'“”‘’"))  # ",” Gingrich's 1995 book": no marks before it
    begin = phrase.start_char + lead
    return dataclasses.replace(value, phrase=Span(article_id, begin, phrase.start_char + len(text)))
