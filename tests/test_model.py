"""Span arithmetic and record serialisation."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crosswire.model import Span, Story, to_dict

positions = st.integers(min_value=0, max_value=10_000)


ARTICLE_IDS = st.sampled_from(["a", "b"])


@st.composite
def spans(draw):
    start = draw(positions)
    return Span(draw(ARTICLE_IDS), start, start + draw(st.integers(min_value=0, max_value=500)))


def test_negative_or_reversed_span_is_refused():
    with pytest.raises(ValueError):
        Span("a", 5, 4)
    with pytest.raises(ValueError):
        Span("a", -1, 4)


@given(spans(), spans())
def test_overlap_is_symmetric_and_needs_same_article(a, b):
    assert a.overlaps(b) == b.overlaps(a)
    if a.article_id != b.article_id:
        assert not a.overlaps(b)


@given(spans(), spans())
def test_containment_implies_overlap_for_nonempty(a, b):
    if a.contains(b) and len(b) > 0:
        assert a.overlaps(b)


@given(spans(), st.integers(min_value=0, max_value=1000))
def test_shift_keeps_length_and_text(span, offset):
    text = "x" * 20_000
    shifted = span.shifted(offset)
    assert len(shifted) == len(span)
    assert shifted.text_in(text) == span.text_in(text)


@given(st.text(min_size=1, max_size=200), st.data())
def test_text_in_returns_exact_slice(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert Span("a", start, end).text_in(text) == text[start:end]


def test_text_in_refuses_span_past_the_text():
    with pytest.raises(ValueError):
        Span("a", 0, 10).text_in("short")


def test_to_dict_turns_dates_and_nested_records_into_builtins():
    story = Story("s1", ("a", "b"), "t", dt.date(2024, 12, 8), None)
    assert to_dict(story) == {
        "id": "s1", "article_ids": ["a", "b"], "title": "t", "first_published": "2024-12-08", "last_published": None,
    }
