"""The timeline: dated events from claims whose date values resolved to absolute dates.

Each event is a claim group's date: the claim that states it is cited, and the claims of other
articles in the same group that give the same date support it. When alignment found that two
articles give different dates for the same claim (a ``date`` conflict between expressions of the
same precision), each side's event lists the other's date as ``disputed``. A date resolved from a
relative expression ("on Sunday") in an article whose own publication date was inferred from its
story is flagged ``inferred``: it is only as good as that guess; an article with a known date is
cited first when one says the same. "In 2015" is dated 1 January 2015 with precision ``year``.
A date that dates a phrase of its claim rather than the claim's statement ("…, whose son was
stabbed in 1993"; "suspected in the 1993 murder of …") makes an event of that phrase, cited to it.
Events that ended well before the story began (``timeline_background_days``) are marked
``background``: the earlier events its reports recall, kept apart from the story's own. A year or a
month is one event when the words around its date say so (:func:`one_event`): twelve reports that
recall "the 1993 murder of Stephen Lawrence" in their own words make one line, not twelve. A day
joins that way only where a report names the event by it ("the Aug. 17 earthquake"). An event
that every report dates as expected or planned ("would eliminate the debt by 2012",
:func:`forecast`) is flagged ``forecast``, and only what the reports tell as having happened says
when an undated story began.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from ..model import Alignment, Article, Claim, Evidence, Family, Span, TimelineEvent, Value
from ..provenance import independent_origins
from ..provenance.families import UnionFind
from ..textutil import words
from .terms import stems

__all__ = ["YearsOfDays", "dated_context", "forecast", "is_relative", "joinable", "names_event", "one_event", "period_end", "precision", "resolved_date",
           "story_start", "timeline"]

COARSE = ("year", "month")
"""Precisions at which claims of different groups that share a date may be one event: a year or a
month is recalled in many wordings ("the 1993 murder", "stabbed to death in 1993"), and claim
alignment only groups claims that state the same thing, not claims that mention the same event.
A day joins only where it names an event (:func:`joinable`)."""
CONTEXT_CHARS = 60
"""Characters on each side of a date expression that say what the date is of (about ten words)."""

_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_ABSOLUTE = re.compile(rf"\b(1[89]\d\d|20\d\d)\b|\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTH}", re.IGNORECASE)
_YEAR_ONLY = re.compile(r"^\D*\b(1[89]\d\d|20\d\d)\b\D*$")
_MONTH_YEAR = re.compile(rf"^\D*\b{_MONTH}\s+(1[89]\d\d|20\d\d)\b\D*$", re.IGNORECASE)


def is_relative(expression: str) -> bool:
    """Whether a date expression needs the publication date to resolve.

    >>> is_relative("on Sunday"), is_relative("December 8, 2024"), is_relative("8 December")
    (True, False, False)
    """
    return not _ABSOLUTE.search(expression)


def precision(expression: str) -> str:
    """``year`` ("since 2016"), ``month`` ("in February 2022") or ``day``.

    >>> precision("since 2016"), precision("February 2022"), precision("on Sunday")
    ('year', 'month', 'day')
    """
    if _YEAR_ONLY.match(expression) and not re.search(_MONTH, expression, re.IGNORECASE):
        return "year"
    return "month" if _MONTH_YEAR.match(expression) else "day"


def resolved_date(value: Value) -> tuple[dt.date, str] | None:
    """A date value as (first day of its period, precision): ``"2015"`` → 1 Jan 2015, ``year``;
    ``"2022-02"`` → 1 Feb 2022, ``month``; ``"2007-W14"`` → its Monday, 2 April 2007, ``week``; a
    full ISO date at the precision its expression gives."""
    text = str(value.value)
    try:
        if week := re.fullmatch(r"(\d{4})-W(\d{2})", text):  # "last week"
            return dt.date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1), "week"
        if re.fullmatch(r"\d{4}", text):
            return dt.date(int(text), 1, 1), "year"
        if re.fullmatch(r"\d{4}-\d{2}", text):
            return dt.date(int(text[:4]), int(text[5:]), 1), "month"
        date = dt.date.fromisoformat(text)
    except ValueError:
        return None
    grain = precision(value.expression)
    return (date.replace(month=1, day=1) if grain == "year" else date.replace(day=1) if grain == "month" else date), grain


def _dated(claim: Claim, years: YearsOfDays | None = None) -> list[tuple[Value, dt.date, str]]:
    out = []
    for value in claim.values:
        if value.kind == "date" and (found := resolved_date(value) or (years and years.place(value))):
            out.append((value, *found))
    return out


_MONTH_DAY = re.compile(r"--(\d{2})-(\d{2})")


class YearsOfDays:
    """The year of a month and day that a report with no publication date gives ("Aug. 17", kept
    as ``--08-17``), inferred from the dates of its story that state a year:

    * the year the story gives the same month and day ("the Aug. 17, 1999 quake" elsewhere);
    * else the year that puts the day within ``window_days`` of the story's anchor, the full date
      the most articles give (the latest of a tie): "Nov. 12" in the story of "Aug. 17, 1999" is
      12 November 1999, "Jan. 3" stays unplaced. A tie of dates further apart than ``window_days``
      gives no anchor: a story whose reports each recall other dates of other years ("June 4,
      1989", "January 11, 1990") does not say when it is.

    Events dated so are flagged ``inferred``: the year is the story's, not the report's."""

    def __init__(self, claims: Sequence[Claim], window_days: int):
        by_day: dict[tuple[int, int], dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
        for claim in claims:
            for value in claim.values:
                found = resolved_date(value) if value.kind == "date" else None
                if found and found[1] == "day" and not is_relative(value.expression):
                    by_day[(found[0].month, found[0].day)][found[0].year].add(claim.span.article_id)
        self.window = dt.timedelta(days=window_days)
        self.year_of = {md: max(ys, key=lambda y: (len(ys[y]), y)) for md, ys in by_day.items()}
        counted = [(len(articles), dt.date(year, *md)) for md, ys in by_day.items() for year, articles in ys.items()]
        most = max((n for n, _ in counted), default=0)
        tied = [day for n, day in counted if n == most]
        self.anchor = max(tied) if tied and max(tied) - min(tied) <= self.window else None
        self.inferred: set[Span] = set()

    def place(self, value: Value) -> tuple[dt.date, str] | None:
        """(date, ``day``) for a ``--MM-DD`` value the story places, else ``None``."""
        m = _MONTH_DAY.fullmatch(str(value.value))
        if m is None:
            return None
        month, day = int(m.group(1)), int(m.group(2))
        if (month, day) in self.year_of:
            year = self.year_of[(month, day)]
        elif self.anchor is not None:
            near = [y for y in (self.anchor.year - 1, self.anchor.year, self.anchor.year + 1)
                    if _valid(y, month, day) and abs(dt.date(y, month, day) - self.anchor) <= self.window]
            if not near:
                return None
            year = min(near, key=lambda y: abs(dt.date(y, month, day) - self.anchor))
        else:
            return None
        self.inferred.add(value.span)
        return dt.date(year, month, day), "day"


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _disputes(alignment: Alignment, dates: dict[Span, tuple[dt.date, str]]) -> dict[Span, set[dt.date]]:
    """Date-value span → the dates other articles give instead: alignment's ``date`` conflicts
    between expressions of the same precision ("Sunday" vs "Saturday"; "since 2015" against
    "on Sunday" is background beside an event, not a disagreement)."""
    out: dict[Span, set[dt.date]] = defaultdict(set)
    for conflict in alignment.conflicts:
        if conflict.kind == "date" and len(conflict.parts) == 2:
            a, b = conflict.parts
            if a in dates and b in dates and dates[a][0] != dates[b][0] and dates[a][1] == dates[b][1]:
                out[a].add(dates[b][0])
                out[b].add(dates[a][0])
    return out


def story_start(articles: dict[str, Article], events: Sequence[TimelineEvent],
                families: Sequence[Family] = ()) -> dt.date | None:
    """When the story began, as far as its reports tell: the first publication date an article
    states (not one inferred from its story), else the latest date of an event that two or more
    independent reports give (one report's date may be a plan, "the trial will open in 2026", or a
    slip, and a copy of it in one of provenance's ``families`` repeats the slip), else unknown."""
    stated = [a.published for a in articles.values() if a.published and a.published_source != "inferred"]
    if stated:
        return min(stated)
    shared = [e.date for e in events if independent_origins((e.span, *e.support), families) >= 2]
    return max(shared, default=None)


def period_end(date: dt.date, grain: str) -> dt.date:
    """The last day of the period a timeline date stands for (a year, a month, a week or the day)."""
    if grain == "year":
        return date.replace(month=12, day=31)
    if grain == "month":
        return (date.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return date + dt.timedelta(days=6) if grain == "week" else date


FRAME_WORDS = frozenset({"said", "says", "told", "tells", "added", "according", "stated", "reported",
                         "official", "officials", "reporter", "reporters", "spokesman", "spokeswoman"})
"""Words of the reporting frame ("…, officials told reporters"): they say who told the event, not
what it was, and would join every event told the same way."""
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def dated_context(claim: Claim, value: Value, chars: int = CONTEXT_CHARS) -> frozenset[str]:
    """What a date is of: stems of the content words within ``chars`` characters of the date
    expression in its claim ("stabbed … in 1993" → stab, …), the expression's own words and the
    reporting frame (:data:`FRAME_WORDS`) left out, and the figures there as ``#``-prefixed
    strings ("rose 5 percent in 1999" → #5)."""
    offset = value.span.start - claim.span.start
    end = offset + (value.span.end - value.span.start)
    if offset < 0 or end > len(claim.text):
        return frozenset()
    near = claim.text[max(0, offset - chars):offset] + " " + claim.text[end:end + chars]
    own = {s for s, _ in stems(value.expression)}
    kept = {s for (s, content), w in zip(stems(near), words(near))
            if content and not s[0].isdigit() and s not in own and w not in FRAME_WORDS}
    return frozenset(kept | {f"#{n}" for n in _FIGURE.findall(near)})


def one_event(a: frozenset[str], b: frozenset[str], shared_words: int) -> bool:
    """Whether two claims that give one coarse date (a year or a month) recall one event
    (:func:`dated_context` of each): their words share at least ``shared_words`` stems, and when
    both give figures they share one ("the 1981 riots in Brixton" and "riots in Brixton in 1981"
    share riot and brixton; "the 1999 bombing campaign" and "nothing in 1999 has kept reporters
    busier" share none; "sales fell 3 percent in 1999" and "shares fell 20 percent in 1999" share
    two words but no figure)."""
    figures_a, figures_b = {x for x in a if x[0] == "#"}, {x for x in b if x[0] == "#"}
    if figures_a and figures_b and not figures_a & figures_b:
        return False
    return shared_words > 0 and len((a - figures_a) & (b - figures_b)) >= shared_words


_Dated = tuple[Claim, Value, str]
_Key = tuple[str, dt.date, str]
PHRASE = "@phrase"
"""Key suffix of claims cut down to the phrase their date dates (:func:`_dated_phrase`)."""
_NAMING = re.compile(r"the\s", re.IGNORECASE)


def names_event(key: _Key, found: Sequence[_Dated]) -> bool:
    """Whether a day dates an event by name: the claim was cut down to the phrase the day dates
    ("the Aug. 17 quake that devastated …"), or the day stands before its noun ("the Aug. 17
    earthquake in Izmit left …"), rather than dating what the claim itself says ("the quake
    struck on Aug. 17", "the next day")."""
    return key[0].endswith(PHRASE) or any(_NAMING.match(value.expression) and not is_relative(value.expression)
                                          for _, value, _ in found)


def joinable(a: tuple[_Key, bool], b: tuple[_Key, bool]) -> bool:
    """Whether two keys (claim group, date, precision) of one date, each with whether it
    :func:`names_event`, may be one event: a year or a month always (:data:`COARSE`); a day only
    where one side names the event, since one day of breaking news holds many events told in the
    story's words ("rebels entered the capital on Sunday", "rebels declared the capital free on
    Sunday") and only the claim alignment joins those."""
    return a[0][2] in COARSE or a[1] or b[1]


def words_needed(a: tuple[_Key, bool], b: tuple[_Key, bool], context: Mapping[_Key, frozenset[str]],
                 shared_words: int) -> int:
    """How many stems two keys of one date must share to be one event (:func:`one_event`):
    ``shared_words``, or one where a year or a month names its event in one word ("the 2003
    referendum", whose context is the noun alone), since a phrase that names an event by its date
    has no other words to share ("at the previous referendum, held in 2003, the islanders rejected
    the tax" tells it; "the 2003 budget" does not)."""
    if shared_words > 0 and a[0][2] in COARSE and any(
            named and sum(x[0] != "#" for x in context[key]) == 1 for key, named in (a, b)):
        return 1
    return shared_words


_FINER = {"year": 0, "month": 1, "week": 2, "day": 3}
"""Precisions, coarse to fine: an event told at a year and at a month of it is dated by the month."""


def months_of_years(by_key: Mapping[_Key, list[_Dated]], context: Mapping[_Key, frozenset[str]], shared_words: int
                  ) -> list[tuple[_Key, _Key]]:
    """Pairs (year key, month key) that recall one event at two precisions ("before Patria in 2015
    sent forces" / "Patria has waged a campaign since September 2015"): the month lies in the year
    and the words around the two dates tell one event (:func:`one_event`). A year whose words fit
    two different months of it is left alone: which of them it recalls, its words do not say."""
    months = [k for k in by_key if k[2] == "month"]
    pairs = []
    for year in (k for k in by_key if k[2] == "year"):
        fits = [m for m in months if m[1].year == year[1].year and one_event(context[year], context[m], shared_words)]
        if fits and len({m[1] for m in fits}) == 1:
            pairs.extend((year, m) for m in fits)
    return pairs


def _same_events(by_key: dict[_Key, list[_Dated]], shared_words: int
                 ) -> list[tuple[dt.date, list[_Dated], list[_Dated]]]:
    """The dated claims of each (claim group, date, precision), joined across groups where a coarse
    date recalls one event (:func:`one_event`); the claim whose context shares most with the
    others leads: (date, the lead group's claims, the joined groups' claims)."""
    context = {k: frozenset().union(*(dated_context(c, v) for c, v, _ in found)) for k, found in by_key.items()}
    joined = UnionFind()
    by_period: dict[tuple[dt.date, str], list[tuple[_Key, bool]]] = defaultdict(list)
    for key, found in by_key.items():
        joined.find(key)
        if key[2] in (*COARSE, "day"):
            by_period[key[1:]].append((key, names_event(key, found)))
    for keys in by_period.values():
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                if joinable(a, b) and one_event(context[a[0]], context[b[0]], words_needed(a, b, context, shared_words)):
                    joined.union(a[0], b[0])
    for year, month in months_of_years(by_key, context, shared_words):
        joined.union(year, month)
    out = []
    for members in joined.groups():
        lead = max(members, key=lambda k: (_FINER[k[2]], sum(len(context[k] & context[o]) for o in members if o != k)))
        out.append((lead[1], by_key[lead], [item for k in members if k != lead for item in by_key[k]]))
    return out


def timeline(evidence: Evidence, alignment: Alignment, articles: dict[str, Article],
             background_days: int = 30, shared_words: int = 2, month_day_days: int = 120,
             families: Sequence[Family] = ()) -> tuple[TimelineEvent, ...]:
    """Dated events, earliest first; one per claim group and date, with support and disputes, and
    claims of other groups joined where a year or a month recalls one event, or a day names it
    (:func:`joinable`; at least
    ``shared_words`` shared stems around the date; 0 joins none). An event whose period ended more
    than ``background_days`` before the story began (:func:`story_start`) is marked
    ``background``: an earlier event a report recalls. A month and day of an undated report takes
    its year from the story (:class:`YearsOfDays`, within ``month_day_days`` of its anchor; 0
    places none), flagged ``inferred``. ``families`` (provenance's) tell copies from independent
    reports where the story's start must be read from its events."""
    group_of = {cid: g.id for g in alignment.groups for cid in g.claims}
    by_key: dict[_Key, list[_Dated]] = defaultdict(list)
    dates: dict[Span, tuple[dt.date, str]] = {}
    forecasts: set[Span] = set()
    mine = [c for c in evidence.claims if c.span.article_id in articles]
    years = YearsOfDays(mine, month_day_days) if month_day_days > 0 else None
    for claim in mine:
        text = articles[claim.span.article_id].text
        for value, date, grain in _dated(claim, years):
            if range_end(value, claim, text) or compared_with(value, text) or bound_of(value, text) \
                    or counterfactual(value, claim, text):
                continue
            if forecast(value, claim, text):
                forecasts.add(value.span)
            dated = _dated_phrase(claim, value, articles[claim.span.article_id])
            key = group_of.get(claim.id, claim.id) + (PHRASE if dated is not claim else "")
            by_key[(key, date, grain)].append((dated, value, grain))
            dates[value.span] = (date, grain)
    disputes = _disputes(alignment, dates)
    inferred = years.inferred if years else set()
    found = _same_events(by_key, shared_words)
    events = [_event(date, lead, joined, articles, disputes, inferred, forecasts) for date, lead, joined in found]
    start = story_start(articles, _as_happened(found, forecasts), families)
    if start is not None:
        cutoff = start - dt.timedelta(days=background_days)
        events = [dataclasses.replace(e, background=True) if period_end(e.date, e.precision) < cutoff else e
                  for e in events]
    return tuple(sorted(events, key=lambda e: (e.date, e.span)))


_RANGE_START = re.compile(r"\b(?:from|between)\s+(?:the\s+)?$", re.IGNORECASE)
_RANGE_END = re.compile(r"\b(?:until|till|to|through|and)\s+(?:the\s+)?$", re.IGNORECASE)


def range_end(value: Value, claim: Claim, text: str) -> bool:
    """Whether a date closes a range its claim opens with another date ("mayor *from 1991 until*
    1996", "between 1980 and 1995"): the range is one event, dated by its start, not two."""
    if not _RANGE_END.search(text[max(0, value.span.start - 12) : value.span.start]):
        return False
    return any(other.kind == "date" and other.span.end <= value.span.start
               and _RANGE_START.search(text[max(0, other.span.start - 12) : other.span.start])
               for other in claim.values)


_COMPARED_WITH = re.compile(r"\b(?:than|as|compared\s+(?:with|to))\s+in\s+(?:the\s+)?$|"
                            r"\b(?:than|compared\s+(?:with|to))\s+(?:the\s+)?$", re.IGNORECASE)


def compared_with(value: Value, text: str) -> bool:
    """Whether a date is the point a comparison refers to ("won 75 seats, two fewer *than in* 1994",
    "the same share of the vote *as in* 1994", "up 3 % *compared with* 1997"), not when the claim's
    event happened: the claim is no event of that year."""
    return bool(_COMPARED_WITH.search(text[max(0, value.span.start - 20) : value.span.start]))


_BOUND = re.compile(r"\b(?:after|before|prior\s+to)\s+(?:the\s+(?:end|start|beginning|middle)\s+of\s+)?$", re.IGNORECASE)


def bound_of(value: Value, text: str) -> bool:
    """Whether a date only bounds when the claim's event happened ("the build-up accelerated *after*
    1989", "*before* May 2001 no one had heard of it"): the event lies on one side of the date, not
    in it. A date that names an event stays one ("before the 1997 vote", "after the Aug. 17
    announcement": the date is no object of "before"); "since" and "until" date the start or end of
    what the claim tells, and stay."""
    return not value.expression.lower().startswith("the ") and \
        bool(_BOUND.search(text[max(0, value.span.start - 24) : value.span.start]))


_IN_CLAUSE = r"(?:[^.;:!?]|[.!?](?!\s+[A-Z]))"
"""A character of one clause: no stop, but one inside a name or an abbreviation ("E!,", "U.S. forces")."""
_UNREAL_CONDITION = re.compile(rf"(?:\bif\b{_IN_CLAUSE}*?\bhad\b|^\W*had\b){_IN_CLAUSE}*$", re.IGNORECASE)
_UNREAL_RESULT = re.compile(r"^[^.;:!?]*?\b(?:would|could|might)(?:n't|n’t)?\b|^[^.;:!?]*?\w['’]d\b", re.IGNORECASE)


def counterfactual(value: Value, claim: Claim, text: str) -> bool:
    """Whether a date sits in an unreal condition ("*if* the channel *had* been around in 1939, it
    *would* have …", "*Had* the ferry sailed in 1998, it *would* …"): what did not happen dates
    nothing. The condition runs from "if" through "had" (or from a claim-opening "Had") to the date,
    and the claim goes on to "would", "could", "might" or "'d"."""
    before = text[claim.span.start : value.span.start]
    after = text[value.span.end : claim.span.end]
    return bool(_UNREAL_CONDITION.search(before)) and bool(_UNREAL_RESULT.search(after))


_CLAUSE_BREAK = re.compile(r"[;:]|,\s+(?:and|but|while|whereas|although|though|as)\b"
                           r"|\s[—–]\s|\s--\s"
                           r"|[,.!?]\s?[\"”](?=\s)", re.IGNORECASE)
_FORECAST = re.compile(
    r"\b(?:will|would|shall|(?-i:may)|wo\s*n['’]t|going\s+to|set\s+to|on\s+(?:track|course)\s+(?:to|for)"
    r"|(?:expect|forecast|predict|project|anticipate)(?:s|d|ed|ing)?"  # a verb, not a noun: see forecast()
    r"|(?:plan|aim|pledge|promise|vow|intend|hope)(?:s|d|ed|ned|ing)?\s+to"
    r"|(?:goal|target|deadline)s?)\b|\w['’]ll\b",
    re.IGNORECASE)
"""A modal of the future, or a word of prediction or plan. "Could" and "might" are left out: they
are as often past ability ("could not be reached on Sunday") as future; so is "estimated", which
sizes a past toll as often ("killed an estimated 17,000 people on Aug. 17")."""


def forecast(value: Value, claim: Claim, text: str) -> bool:
    """Whether a date dates what is expected, planned or projected, not what happened: the clause
    that leads to the date holds a modal or a word of prediction or plan ("the plan *would*
    eliminate the debt by 2012", "the CBO *forecasts* public debt gone by 2012", "*plans to* open
    in May"). The clause runs from the claim's start, or its last clause break (";", ", and", a
    dash), to the date; a modal after the date ("the 1997 deficit *will* be announced") speaks of
    something else than the date's event. Where the date dates a phrase of the claim
    (``Value.phrase``: "… plans to cut a deficit *that totalled 13.6 percent last year*", "plans to
    push through cuts in exchange for *a package unveiled on Sunday*"), the clause starts with that
    phrase; and a quotation closed before the date is a clause of its own ("“… it would have
    affected workers,” he told Parliament on Wednesday")."""
    start = claim.span.start
    if value.phrase is not None and value.phrase.start <= value.span.start < value.phrase.end:
        start = max(start, value.phrase.start)
    before = text[start : value.span.start] if start <= value.span.start else ""
    ends = [m.end() for m in _CLAUSE_BREAK.finditer(before)] + _second_complements(before)
    clause = before[max(ends):] if ends else before
    if _DEADLINE.search(clause) and _POSSIBLE_OR_AIMED.search(clause):
        return True
    return any(not (m.group(0).lower().startswith(_PREDICTION) and _NOUN_BEFORE.search(clause[: m.start()]))
               and not (m.group(0).lower() == "project" and _NOUN_PROJECT.match(clause[m.end():]))
               for m in _FORECAST.finditer(clause))


_SECOND_COMPLEMENT = re.compile(r"\b(?:and|but|or)\s+that\b", re.IGNORECASE)


def _second_complements(text: str) -> list[int]:
    """Where a second "that" clause begins, one joined to an earlier one ("argued *that* it would be
    difficult to enforce *and that* the number of deaths reached a low in 1999"): it has its own
    tense. Without an earlier "that" it is a demonstrative ("close the road and that bridge")."""
    return [m.end() for m in _SECOND_COMPLEMENT.finditer(text) if re.search(r"\bthat\b", text[: m.start()], re.IGNORECASE)]


_DEADLINE = re.compile(r"\bby\s+(?:the\s+(?:end|middle)\s+of\s+)?(?:the\s+year\s+)?$", re.IGNORECASE)
_POSSIBLE_OR_AIMED = re.compile(
    r"\b(?:could|might)\b(?!\s+(?:not|never)\b)|\b(?:an?|the)\s+(?:expected|projected|predicted|forecast|anticipated)\b"
    r"|\bto\s+(?:reduce|cut|lower|halve|double|raise|increase|reach|eliminate|end|phase|"
    r"complete|finish|build|stabili[sz]e|limit|restore|achieve|meet)\b", re.IGNORECASE)
"""A date a thing is to be done "by", in a clause that says it could or might be, or aims at it with
an infinitive ("sea levels *could* rise by close to one meter *by* 2100", "obligations *to reduce*
carbon dioxide emissions … *by* 2005"), or that it is expected ("increases *an expected* 22
percent *by* 2005", where "an" had made "expected" a noun; not "faster than expected" nor "as
expected", said of what happened): a deadline or a projection, not an event. "Could" alone
stays out of :data:`_FORECAST` ("could not be reached on Sunday" is past); with "by" before the
date it projects."""
_PREDICTION = ("expect", "forecast", "predict", "project", "anticipate")
_NOUN_BEFORE = re.compile(r"\b(?:a|an|the|its|their|his|her|this|that|for|of|long-range|short-range|than|as)\s+$",
                          re.IGNORECASE)
"""A word before a prediction word that makes it a noun ("*a* forecast that economists issued in
1995", "as *for* long-range forecasting, the overhaul of 1983"): it names a forecast, it does not
make one of the date's event; nor does what went "faster *than* expected" or "*as* predicted"."""


_NOUN_PROJECT = re.compile(r"\s*(?:[,.;:)”\"]|(?:which|who|has|had|is|was|of|in|for|on|at|and|or|director|"
                           r"manager|leader|team|staff|site|area)\b)", re.IGNORECASE)
"""What follows a bare "project" that is the noun ("the Michigan *project, which* has run surveys
since 1975", "the *project director*"); the verb takes an object ("analysts *project a* surplus
by 2002")."""


def _dated_phrase(claim: Claim, value: Value, article: Article) -> Claim:
    """The claim as the event a date dates: the claim itself, or, where the date dates a phrase of
    it (``Value.phrase``: "the 1993 murder of …", "…, whose son was stabbed in 1993"), that phrase
    as a claim of its own: "1993: Mandela received an award" is not what the reports say."""
    phrase = value.phrase
    if phrase is None or not (phrase.start <= value.span.start and value.span.end <= phrase.end):
        return claim
    return dataclasses.replace(claim, id=f"{claim.id}@{phrase.start}", span=phrase,
                               text=article.text[phrase.start:phrase.end], values=(value,))


def _as_happened(found: Sequence[tuple[dt.date, list[_Dated], list[_Dated]]], forecasts: set[Span]
                 ) -> list[TimelineEvent]:
    """Each event as the reports tell it happened, leaving out the claims that date it as a
    forecast: what may define when the story began (a plan to "eliminate the debt by 2012" that
    three reports share says nothing of when they were written)."""
    out = []
    for date, lead, joined in found:
        told = list(dict.fromkeys(c.span for c, v, _ in lead + joined if v.span not in forecasts))
        if told:
            out.append(TimelineEvent(date=date, span=told[0], expression="", support=tuple(told[1:])))
    return out


def _event(date: dt.date, lead: list[_Dated], joined: list[_Dated], articles: dict[str, Article],
           disputes: dict[Span, set[dt.date]], year_inferred: set[Span], forecasts: set[Span]) -> TimelineEvent:
    def order(item: _Dated) -> tuple:
        article = articles[item[0].span.article_id]
        return (item[1].span in year_inferred, article.published_source == "inferred",
                article.published or dt.date.max, item[0].span)

    found = sorted(lead, key=order) + sorted(joined, key=order)
    claim, value, grain = found[0]
    relative = is_relative(value.expression)
    disputed = set().union(*(disputes.get(v.span, set()) for _, v, _ in found)) - {date}
    return TimelineEvent(
        date=date, span=claim.span, expression=value.expression,
        inferred=(relative and articles[claim.span.article_id].published_source == "inferred")
        or value.span in year_inferred,
        text=claim.text, relative=relative,
        support=tuple(dict.fromkeys(c.span for c, _, _ in found[1:] if c.span != claim.span)),
        disputed=tuple(sorted(d.isoformat() for d in disputed)), date_span=value.span,
        precision=grain,  # type: ignore[arg-type]
        forecast=all(v.span in forecasts for _, v, _ in found),
    )
