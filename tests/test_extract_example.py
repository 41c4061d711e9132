"""Extraction on the bundled example (#5): entities, speakers, channels, quote groups and values.

These check behaviour on real reports; nothing in ``src/`` knows about this example.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from crosswire.extract import story_evidence
from crosswire.extract.nlp import load_nlp
from crosswire.model import Article, Story
from crosswire.settings import Settings

pytestmark = pytest.mark.issue(5)
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "seeds"


@pytest.fixture(scope="module")
def evidence():
    settings = Settings()
    articles = {}
    for path in sorted(EXAMPLE.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        articles[path.stem] = Article(path.stem, str(path), text, text, None, None, None, None,
                                      dt.date(2024, 12, 8), "given", "en")
    nlp = load_nlp(settings.extract.spacy_model)
    docs = dict(zip(articles, nlp.pipe([a.text for a in articles.values()])))
    story = Story("s", tuple(articles), "example")
    return story_evidence(story, docs, articles, settings), articles


def text_of(articles, span):
    return articles[span.article_id].text[span.start : span.end]


def test_name_variants_of_one_person_are_one_entity(evidence):
    ev, _ = evidence
    people = [e for e in ev.entities if e.type == "PERSON" and len(e.variants) >= 4]
    assert len(people) == 1
    person = people[0]
    for variant in ("B. Assad", "Assad", "Bashar al-Assad", "Bashar-al-Assad"):
        assert variant in person.variants
    assert "Asad" in person.spellings


def test_the_ministry_speaks_in_every_article_that_quotes_it(evidence):
    ev, _articles = evidence
    ministry = next(e for e in ev.entities if e.type == "ORG" and "Ministry" in e.name)
    direct = [q for q in ev.quotes if q.kind == "direct" and q.speaker]
    by_ministry = [q for q in direct if q.speaker_entity == ministry.id]
    assert len({q.span.article_id for q in by_ministry}) == 5
    assert len(by_ministry) >= 0.7 * len(direct)


def test_relaying_outlets_are_channels_not_speakers(evidence):
    ev, _articles = evidence
    channels = {q.channel for q in ev.quotes if q.channel}
    assert {"Telegram", "TASS", "ANI"} <= channels
    speakers = {q.speaker for q in ev.quotes if q.kind == "direct"}
    assert not speakers & {"Telegram", "TASS", "ANI"}


def test_the_same_statement_is_grouped_across_outlets(evidence):
    ev, _ = evidence
    assert ev.quote_groups
    biggest = ev.quote_groups[0]
    assert len({v.span.article_id for v in biggest.variants}) >= 4
    assert any(v.relation == "reworded" and v.edits for v in biggest.variants)


def test_values_durations_and_relative_dates(evidence):
    ev, articles = evidence
    values = [(v, text_of(articles, v.span)) for c in ev.claims for v in c.values]
    durations = {(v.value, v.approximate) for v, _ in values if v.kind == "duration"}
    assert (50.0, False) in durations and (60.0, True) in durations
    sundays = {v.value for v, t in values if v.kind == "date" and "Sunday" in t}
    assert sundays == {"2024-12-08"}
