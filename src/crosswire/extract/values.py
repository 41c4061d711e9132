"""Normalised values: numbers, quantities, durations and dates, from spaCy's entities.

Relative dates ("on Sunday", "earlier today") resolve against the article's publication date
with dateparser; the original expression is always kept.
"""

from __future__ import annotations

import datetime as dt
import re

from ..model import Span, Value

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "a dozen": 12, "dozens": 24, "hundred": 100, "hundreds": 200, "thousand": 1000, "thousands": 2000,
}
_DECADES = {"decade": 10, "decades": 10, "year": 1, "years": 1, "century": 100, "centuries": 100}
_APPROX = re.compile(r"\b(nearly|about|around|almost|roughly|approximately|some|over|more than|at least|up to)\b", re.I)
_NUMERIC = re.compile(r"\d[\d,]*(?:\.\d+)?")
_DURATION = re.compile(r"(\d+|[a-z]+)[- ](year|month|week|day|decade)s?\b", re.I)


def parse_number(text: str) -> float | None:
    """The first number in ``text``, in digits or words ("six" → 6)."""
    if m := _NUMERIC.search(text):
        return float(m.group(0).replace(",", ""))
    lowered = text.lower()
    for word, number in sorted(_NUMBER_WORDS.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"\b{word}\b", lowered):
            return float(number)
    return None


def duration(text: str) -> tuple[float, str] | None:
    """``"50-year"`` → (50, "year"); ``"nearly six decades"`` → (60, "year")."""
    lowered = text.lower()
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


def resolve_date(expression: str, published: dt.date | None) -> dt.date | None:
    """An absolute date for a (possibly relative) expression, relative to ``published``."""
    import dateparser

    base = dt.datetime.combine(published, dt.time(12)) if published else None
    settings = {"PREFER_DATES_FROM": "current_period", "RETURN_AS_TIMEZONE_AWARE": False}
    if base:
        settings["RELATIVE_BASE"] = base
    cleaned = re.sub(r"^(on|in|since|by|as of|from|until|earlier|early)\s+", "", expression.strip(), flags=re.I)
    cleaned = {"today": "today", "earlier today": "today"}.get(cleaned.lower(), cleaned)
    parsed = dateparser.parse(cleaned, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def values_in(doc_span, article_id: str, published: dt.date | None) -> tuple[Value, ...]:
    """Values among the entities of a spaCy span (a sentence)."""
    out = []
    for ent in doc_span.ents:
        span = Span(article_id, ent.start_char, ent.end_char)
        approx = bool(_APPROX.search(ent.text))
        if ent.label_ == "DATE":
            if d := duration(ent.text) if re.search(r"year|decade|centur", ent.text, re.I) else None:
                out.append(Value("duration", span, ent.text, d[0], d[1], approx))
            elif resolved := resolve_date(ent.text, published):
                out.append(Value("date", span, ent.text, resolved.isoformat(), None, approx))
        elif ent.label_ in ("CARDINAL", "QUANTITY", "PERCENT", "MONEY"):
            number = parse_number(ent.text)
            if number is not None:
                kind = {"CARDINAL": "number", "QUANTITY": "quantity", "PERCENT": "percent", "MONEY": "money"}
                out.append(Value(kind[ent.label_], span, ent.text, number, None, approx))  # type: ignore[arg-type]
        elif ent.label_ == "TIME":
            out.append(Value("time", span, ent.text, ent.text, None, approx))
    return tuple(out)
