"""Clean one document into an article."""

from __future__ import annotations

import datetime as dt

from ..model import Article, Document, Rejection
from ..settings import CleanSettings
from .boilerplate import drop_boilerplate, filed_by, is_news_budget, strip_desk_marks
from .dateline import dateline_agency, dateline_day
from .encoding import repair_encoding
from .language import detect_language
from .sentences import split_sentences
from .whitespace import (
    is_hard_wrapped,
    join_bracket_breaks,
    join_spaced_apostrophes,
    join_spaced_clocks,
    join_split_decimals,
    join_split_thousands,
    normalise_line,
    space_after_commas,
    space_dashes,
    split_run_ons,
    unwrap_lines,
    wire_dashes,
)


def clean_text(body: str, title: str | None = None, settings: CleanSettings | None = None) -> tuple[str, list[str]]:
    """The cleaned text of an article body and the list of repairs made.

    Paragraphs are separated by one blank line; whitespace inside a line is single spaces.

    >>> clean_text("Share on Facebook\\nIt rained.The end came.")[0]
    'It rained. The end came.'
    """
    settings = settings or CleanSettings()
    text, repairs = _clean_once(body, title, settings)
    for _ in range(_MAX_PASSES - 1):  # a repair can make new mojibake ("á\x86\t" → "á† " → "ᆠ")
        again, more = _clean_once(text, title, settings)
        if again == text:
            break
        text, repairs = again, repairs + [r for r in more if r not in repairs]
    return text, repairs


_MAX_PASSES = 3
"""Cleaning runs again on its own output until nothing changes, at most this many passes, so that
cleaning a cleaned text changes nothing (one repair rarely makes work for another: a tab turned
into a space can complete a mojibake sequence; two passes settled every case seen)."""


def _clean_once(body: str, title: str | None, settings: CleanSettings) -> tuple[str, list[str]]:
    text, repairs = repair_encoding(body)
    if is_hard_wrapped(text.split("\n"), settings.unwrap_max_width, settings.unwrap_min_share,
                       settings.unwrap_min_lines):
        text, breaks = unwrap_lines(text)
        repairs.append(f"whitespace: hard-wrapped text, {breaks} line breaks joined")
    lines, marks = _each_line(strip_desk_marks, [normalise_line(line) for line in text.split("\n")])
    if marks:
        repairs.append(f"boilerplate: {marks} copy-desk marks (cq) removed")
    lines, dashes = _each_line(wire_dashes, lines)
    if dashes:
        repairs.append(f"typography: {dashes} wire dashes (' _ ') written as dashes")
    lines, bracketed = join_bracket_breaks(lines)  # before blank lines go: a paragraph break is no wrap
    if bracketed:
        repairs.append(f"whitespace: {bracketed} line {'break' if bracketed == 1 else 'breaks'} inside brackets joined")
    lines = [line for line in lines if line]
    lines, dropped = drop_boilerplate(lines, title, settings)
    repairs.extend(dropped)
    lines, joined = _each_line(split_run_ons, lines)
    if joined:
        repairs.append(f"whitespace: {joined} run-together sentences split")
    for repair, one, many, done in _SPACING_REPAIRS:
        lines, count = _each_line(repair, lines)
        if count:
            repairs.append(f"whitespace: {count} {one if count == 1 else many} {done}")
    return "\n\n".join(lines), repairs


_SPACING_REPAIRS = (
    (space_dashes, "dash", "dashes", "set against a word spaced"),
    (space_after_commas, "missing space", "missing spaces", "after a comma restored"),
    (join_split_decimals, "decimal", "decimals", "split by a space joined"),
    (join_split_thousands, "sum of money", "sums of money", "split at a thousands separator joined"),
    (join_spaced_clocks, "clock time's \"a. m.\"", "clock times' \"a. m.\"", "joined"),
    (join_spaced_apostrophes, "possessive or contraction", "possessives and contractions", "spaced apart joined"),
)
"""Spacing repairs inside a line, in order, with how the repairs list names what each did."""


def _each_line(repair, lines: list[str]) -> tuple[list[str], int]:
    """``repair`` (line → (line, count)) applied to every line, and the total count."""
    out = [repair(line) for line in lines]
    return [line for line, _ in out], sum(count for _, count in out)


def clean_document(document: Document, settings: CleanSettings | None = None, min_chars: int = 1) -> Article | Rejection:
    """Clean a document; a body that cleaning empties, or a news budget (:func:`is_news_budget`),
    becomes a ``no_text`` rejection."""
    settings = settings or CleanSettings()
    body = document.body if document.body is not None else document.raw_text
    title = repair_encoding(document.title)[0].strip() if document.title else None
    text, repairs = clean_text(body, title, settings)
    if len(text) < min_chars:
        return Rejection(document.source, "no_text", "nothing left after cleaning", document.id)
    if is_news_budget(text, settings.budget_min_slugs):
        return Rejection(document.source, "no_text", "a news budget: a desk's list of stories or photos to come, no report", document.id)
    outlet = document.outlet
    if outlet is None and (outlet := dateline_agency(text)):  # an agency's report names no other outlet
        repairs = [*repairs, f"outlet: {outlet}, read from the wire dateline"]
    elif outlet is None and (outlet := filed_by(body.split("\n"))):
        repairs = [*repairs, f"outlet: {outlet}, read from the syndicate's trailer"]
    published, published_source = document.published, document.published_source
    if published is None and (day := dateline_day(text)) and day[0] is not None:
        published, published_source = dt.date(*day), "header"  # type: ignore[arg-type]
        repairs = [*repairs, f"published: {published}, read from the wire dateline"]
    return Article(
        id=document.id,
        source=document.source,
        raw_text=document.raw_text,
        text=text,
        title=title,
        url=document.url,
        outlet=outlet,
        author=document.author,
        published=published,
        published_source=published_source,
        language=document.language or detect_language(text, settings.language_min_chars),
        sentences=split_sentences(text, document.id),
        repairs=tuple(repairs),
    )
