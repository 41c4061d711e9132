"""Date expressions resolved against the article's publication date, at the precision they state.

A resolution is an ISO string at the expression's own granularity: a day ``2016-08-15``, an ISO
week ``2016-W32``, a month ``2016-08`` or a year ``2016``. Relative expressions ("on Sunday",
"earlier today", "last week", "three months ago") count from the publication date; a weekday or a
month without a year is placed by the tense of its clause (past: the latest one not after the
publication date; future: the next one not before it; unknown: the nearest). Expressions that name
no point in time ("for years", "the 1990s", "March 30-April 4") resolve to ``None``. A month and
day in a report with no publication date keep what they say, ISO 8601's ``--MM-DD`` ("July 29" →
``--07-29``): no timeline can place them, but two reports can still disagree on the day.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

Tense = Literal["past", "present", "future"] | None

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"])}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_PARTS_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
_LEAD = re.compile(r"^(?:(?:on|in|since|by|as of|from|until|during|back in|earlier|early|late|later|the|of|"
                   r"at|before|after|our|its|their|his|her)\s+)+", re.IGNORECASE)
_AGO = re.compile(r"^(?:about |nearly |almost |some |around )?(\w+|\d+)\s+(day|week|month|year)s?\s+ago$", re.IGNORECASE)
_MONTH_DAY = re.compile(r"^(?:\w+,\s+)?([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$", re.IGNORECASE)
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?(?:,?\s+(\d{4}))?$", re.IGNORECASE)
_MONTH_YEAR = re.compile(r"^([a-z]+)\.?(?:,|\s+of)?\s+(\d{4})$", re.IGNORECASE)
_NUMBER_WORDS = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"])}
_NUMBER_WORDS.update({"a": 1, "an": 1, "a couple of": 2, "several": 3})


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _weekday(name: str, published: dt.date, tense: Tense, modifier: str) -> dt.date:
    target = WEEKDAYS.index(name)
    back = (published.weekday() - target) % 7
    ahead = (target - published.weekday()) % 7
    if modifier == "last":
        return published - dt.timedelta(days=back or 7)
    if modifier == "next" or (tense == "future" and not modifier):
        return published + dt.timedelta(days=ahead or (7 if modifier == "next" else 0))
    if tense == "present" and ahead < back:
        return published + dt.timedelta(days=ahead)
    return published - dt.timedelta(days=back)


def _place_month(month: int, published: dt.date, tense: Tense) -> int:
    """The year of a month named without one."""
    if tense == "past":
        return published.year if month <= published.month else published.year - 1
    if tense == "future":
        return published.year if month >= published.month else published.year + 1
    candidates = [published.year - 1, published.year, published.year + 1]
    return min(candidates, key=lambda y: (abs((y * 12 + month) - (published.year * 12 + published.month)), -y
                                          if month > published.month else y))


def _relative(text: str, published: dt.date, tense: Tense) -> str | None:
    """Words relative to the publication date: today, yesterday, weekdays, last/this/next units, "ago"."""
    if re.fullmatch(r"(?:today|tonight|this (?:morning|afternoon|evening)|now|earlier today|later today)", text):
        return published.isoformat()
    # a bare "morning" or "night" speaks of a day the sentence names elsewhere ("Monday afternoon"
    # is often two entities), not of the day of publication: it resolves to nothing
    if re.fullmatch(r"(?:yesterday|last night)" + _PARTS_OF_DAY, text):
        return (published - dt.timedelta(days=1)).isoformat()
    if re.fullmatch(r"tomorrow" + _PARTS_OF_DAY, text):
        return (published + dt.timedelta(days=1)).isoformat()
    if m := re.fullmatch(r"(?:(last|next|this|past|coming)\s+)?(" + "|".join(WEEKDAYS) + r")s?" + _PARTS_OF_DAY, text):
        modifier = {"past": "last", "coming": "next", "this": ""}.get(m.group(1) or "", m.group(1) or "")
        return _weekday(m.group(2), published, tense, modifier).isoformat()
    if m := re.fullmatch(r"(last|past|this|next|coming|current)\s+(week|month|year)(?:'s|’s)?", text):
        delta = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(m.group(1), 0)
        return _unit(m.group(2), published, delta)
    if (m := re.fullmatch(r"(last|next|this)\s+([a-z]+)\.?", text)) and m.group(2) in MONTHS:
        month, year = MONTHS[m.group(2)], published.year
        if m.group(1) == "last":
            year -= 1 if month >= published.month else 0
        elif m.group(1) == "next":
            year += 1 if month <= published.month else 0
        return f"{year:04d}-{month:02d}"
    if m := _AGO.match(text):
        count = int(m.group(1)) if m.group(1).isdigit() else _NUMBER_WORDS.get(m.group(1).lower())
        if count is None:
            return None
        return _unit(m.group(2), published, -count)
    return None


def _unit(unit: str, published: dt.date, delta: int) -> str:
    if unit == "day":
        return (published + dt.timedelta(days=delta)).isoformat()
    if unit == "week":
        return _iso_week(published + dt.timedelta(weeks=delta))
    if unit == "month":
        year, month = _shift_month(published.year, published.month, delta)
        return f"{year:04d}-{month:02d}"
    return f"{published.year + delta:04d}"


def _absolute(text: str, published: dt.date | None, tense: Tense) -> str | None:
    """Calendar expressions: "Aug. 10", "10 August 2016", "December 2014", "March", "2013"."""
    if re.fullmatch(r"\d{4}", text) and 1800 <= int(text) <= 2100:
        return text
    if (m := _MONTH_DAY.match(text)) and m.group(1).lower() in MONTHS:
        return _day(MONTHS[m.group(1).lower()], int(m.group(2)), m.group(3), published, tense)
    if (m := _DAY_MONTH.match(text)) and m.group(2).lower() in MONTHS:
        return _day(MONTHS[m.group(2).lower()], int(m.group(1)), m.group(3), published, tense)
    if (m := _MONTH_YEAR.match(text)) and m.group(1).lower() in MONTHS:
        return f"{int(m.group(2)):04d}-{MONTHS[m.group(1).lower()]:02d}"
    if text.lower().rstrip(".") in MONTHS and published and text.lower() != "may":
        month = MONTHS[text.lower().rstrip(".")]
        return f"{_place_month(month, published, tense):04d}-{month:02d}"
    return None


def _day(month: int, day: int, year: str | None, published: dt.date | None, tense: Tense) -> str | None:
    if year is None and published is None:  # "July 29" in an undated report: the day, year unknown
        try:
            dt.date(2000, month, day)  # a leap year: any day of the calendar
        except ValueError:
            return None
        return f"--{month:02d}-{day:02d}"
    y = int(year) if year else _place_month(month, published, tense)
    if year is None and published is not None and month == published.month:
        y = published.year
    try:
        return dt.date(y, month, day).isoformat()
    except ValueError:
        return None


def resolve_date(expression: str, published: dt.date | None, tense: Tense = None) -> str | None:
    """The ISO date, week, month or year an expression names, or ``None``.

    >>> resolve_date("on Sunday", dt.date(2024, 12, 9))
    '2024-12-08'
    >>> resolve_date("last week", dt.date(2016, 8, 15))
    '2016-W32'
    >>> resolve_date("in March", dt.date(2015, 12, 31), tense="past")
    '2015-03'
    """
    text = _LEAD.sub("", expression.strip().rstrip(".,")).strip()
    text = re.sub(r"\s+", " ", text)
    lowered = text.lower()
    if published is not None and (found := _relative(lowered, published, tense)):
        return found
    if lowered == "may" and published:
        return f"{_place_month(5, published, tense):04d}-05"
    return _absolute(text, published, tense)


def tense_of(token) -> Tense:
    """Past or future for the clause of a spaCy token (a date's head), from its verb and auxiliaries."""
    node, through = token, set()
    for _ in range(8):
        if node.pos_ in ("VERB", "AUX"):
            break
        if node.head.i == node.i:
            break
        through.add(node.lower_)
        node = node.head
    words = {c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")} | {node.lower_}
    if words & {"will", "'ll", "shall", "’ll"} or "going" in words or _is_to(node) \
            or (node.lemma_.lower() in SCHEDULING_VERBS and through & {"for", "until", "till"}):
        return "future"
    if node.tag_ in ("VBD", "VBN") or words & {"did", "was", "were", "had", "has", "have"}:
        return "past"
    if node.tag_ in ("VBZ", "VBP"):
        return "present"
    return None


SCHEDULING_VERBS = frozenset({
    "set", "schedule", "slate", "pencil", "plan", "fix", "book", "reschedule", "adjourn", "postpone", "delay",
    "move", "push", "defer", "list",
})
"""Verbs that put an event on a date to come with "for" or "until" ("a trial date *was set for*
October 28", "the case *was adjourned until* March"): that date lies ahead however past the
verb's tense."""


def _is_to(verb) -> bool:
    """"Is to" / "are to" before the verb: an arrangement to come ("the bill *is to be voted* on
    Thursday", "talks *are to resume* on Friday"); "was to" looks ahead from the past and is left."""
    return verb.dep_ == "xcomp" and any(c.tag_ == "TO" for c in verb.children) \
        and verb.head.lemma_ == "be" and verb.head.tag_ in ("VBZ", "VBP")
