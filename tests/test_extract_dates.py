"""Dates and values (#5): relative dates against the publication date, durations, and the case file."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from crosswire.extract.dates import resolve_date
from crosswire.extract.values import duration

pytestmark = pytest.mark.issue(5)
ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "data" / "dates_cases.jsonl"
SUNDAY = dt.date(2024, 12, 8)


def eval_root() -> Path:
    return Path(os.environ.get("CROSSWIRE_EVAL", ROOT.parent / "shared" / "eval"))


@pytest.mark.parametrize("expression, tense, expected", [
    ("on Sunday", "past", "2024-12-08"),
    ("on Friday", "past", "2024-12-06"),
    ("on Friday", "future", "2024-12-13"),
    ("earlier today", None, "2024-12-08"),
    ("this afternoon", None, "2024-12-08"),
    ("afternoon", None, None),  # "Monday afternoon" read as two entities: the bare part names no day
    ("night", None, None),
    ("yesterday", None, "2024-12-07"),
    ("last night", None, "2024-12-07"),
    ("last week", None, "2024-W48"),
    ("next month", None, "2025-01"),
    ("last year", None, "2023"),
    ("three years ago", None, "2021"),
    ("Dec. 2", "past", "2024-12-02"),
    ("in March", "past", "2024-03"),
    ("in March", "future", "2025-03"),
    ("February 2022", None, "2022-02"),
    ("since 2015", None, "2015"),
    ("the 1990s", None, None),
])
def test_resolve_date(expression, tense, expected):
    assert resolve_date(expression, SUNDAY, tense) == expected


def test_relative_dates_need_a_publication_date():
    assert resolve_date("on Sunday", None) is None
    assert resolve_date("February 2022", None) == "2022-02"


@pytest.mark.parametrize("expression, expected", [
    ("50-year", (50, "year")), ("nearly six decades", (60, "year")), ("24-year", (24, "year")),
    ("three weeks", (3, "week")),
])
def test_durations(expression, expected):
    assert duration(expression) == expected


def test_case_file_holds_references_only():
    records = [json.loads(line) for line in CASES.read_text().splitlines() if line.strip()]
    assert len(records) >= 100
    for record in records:
        assert set(record) == {"file", "start", "end", "sentence_start", "sentence_end", "published", "expected"}
        assert record["sentence_start"] <= record["start"] < record["end"] <= record["sentence_end"]


@pytest.mark.eval
def test_date_cases_from_real_sentences_resolve():
    """Floor: ≥ 90 % of the hand-resolved expressions (147 from PolNeAR train sentences) exactly right."""
    if not eval_root().exists():
        pytest.skip(f"evaluation data not found at {eval_root()}")
    from crosswire.eval.dates import accuracy, load_cases, resolve_case
    from crosswire.extract.nlp import load_nlp
    from crosswire.settings import Settings

    cases = load_cases(CASES, eval_root())
    nlp = load_nlp(Settings().extract.spacy_model)
    score, misses = accuracy(cases, lambda c: resolve_case(c, nlp))
    assert score >= 0.9, [(c.expression, c.published, c.expected, got) for c, got in misses]


def test_an_arrangement_with_is_to_or_are_to_looks_ahead():
    import datetime as dt

    from crosswire.extract.nlp import load_nlp
    from crosswire.extract.values import values_in
    from crosswire.settings import ExtractSettings

    nlp = load_nlp(ExtractSettings().spacy_model)
    wednesday = dt.date(2010, 5, 5)
    dates = [[v.value for v in values_in(nlp(text)[:], "a", wednesday) if v.kind == "date"]
             for text in ("The draft bill on the cuts is to be voted on Thursday.", "The talks in Vela are to resume on Friday.",
                          "The draft bill on the cuts was voted on Thursday.")]
    assert dates == [["2010-05-06"], ["2010-05-07"], ["2010-04-29"]]



def test_a_date_an_event_was_set_for_lies_ahead():
    from crosswire.extract.nlp import load_nlp
    from crosswire.extract.values import values_in
    from crosswire.settings import ExtractSettings

    nlp = load_nlp(ExtractSettings().spacy_model)
    june = dt.date(2013, 6, 12)
    dates = [[v.value for v in values_in(nlp(text)[:], "a", june) if v.kind == "date"]
             for text in ("A provisional trial date was set for October 28, with a duration of three days.",
                          "A three-day trial was pencilled in for October.",
                          "The case against Vell was adjourned until March 3.",
                          "Vell was arrested on May 28.", "Vell paid for October 28 tickets.")]
    assert dates == [["2013-10-28"], ["2013-10"], ["2014-03-03"], ["2013-05-28"], ["2012-10-28"]]
