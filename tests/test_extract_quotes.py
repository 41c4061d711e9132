"""Quotes (#5): quote marks in every style, speakers, channels, references, split and reported quotes."""

from __future__ import annotations

import pytest

from crosswire.extract.quotemarks import quoted_spans
from crosswire.extract.quotes import find_quotes
from crosswire.settings import Settings

pytestmark = pytest.mark.issue(5)


@pytest.fixture(scope="module")
def nlp():
    from crosswire.extract.nlp import load_nlp

    return load_nlp(Settings().extract.spacy_model)


def inner(text: str) -> list[str]:
    return [text[q.start : q.end] for q in quoted_spans(text)]


@pytest.mark.parametrize("text, expected", [
    ('He said "we will stay here".', ["we will stay here"]),
    ("He said “we will stay here”.", ["we will stay here"]),
    ("Il a dit «nous restons ici».", ["nous restons ici"]),
    ("Er sagte „wir bleiben hier“.", ["wir bleiben hier"]),
    ("He said ‘we will stay here’.", ["we will stay here"]),
    ("He said 'we will stay here'.", ["we will stay here"]),
])
def test_every_quote_mark_style(text, expected):
    assert inner(text) == expected


def test_apostrophes_are_not_quote_marks():
    text = "The Assads’ rule didn’t end in the ’90s, and rock 'n' roll isn't over."
    assert all(len(q.split()) < 2 for q in inner(text))


def test_single_quotes_inside_double_quotes_stay_inside():
    assert inner('She said: "They called it a \'liberation\' today."') == ["They called it a 'liberation' today."]


def test_open_quote_continues_into_the_next_paragraph():
    text = "“The first part goes on\n“and the second part ends here,” he said."
    spans = quoted_spans(text)
    assert [text[q.start : q.end] for q in spans] == ["The first part goes on", "and the second part ends here"]
    assert spans[1].continues_from == spans[0].start and not spans[0].closed


def quotes_of(nlp, text, **kw):
    return [q for q in find_quotes(nlp(text), "a", 15, **kw)]


def test_speaker_after_the_quote_and_before_it(nlp):
    text = ("“We will not negotiate with anyone today,” the prime minister said.\n"
            "The mayor said: “Every school will reopen on Monday morning.”")
    direct = [q for q in quotes_of(nlp, text) if q.kind == "direct"]
    assert [text[q.speaker_mention.start : q.speaker_mention.end] for q in direct] == ["the prime minister", "The mayor"]
    assert [q.cue for q in direct] == ["said", "said"]


def test_split_quote_is_one_statement_with_one_speaker(nlp):
    text = "“We have done everything we could,” Jane Smith said, “and we will keep trying tomorrow.”"
    direct = [q for q in quotes_of(nlp, text) if q.kind == "direct"]
    assert len(direct) == 2
    assert {q.speaker for q in direct} == {"Jane Smith"}
    assert direct[1].part_of == direct[0].id


def test_pronoun_and_generic_references_resolve_to_the_named_speaker(nlp):
    text = ("The Norwegian Interior Ministry said the border would stay open.\n"
            "“The border will stay open for all trucks,” the ministry said.\n"
            "John Carver, the mayor, said the town was calm.\n"
            "“We have seen no violence at all in the town,” he said.")
    direct = [q for q in quotes_of(nlp, text) if q.kind == "direct"]
    assert direct[0].speaker == "The Norwegian Interior Ministry"
    assert text[direct[0].speaker_mention.start : direct[0].speaker_mention.end] == "the ministry"
    assert direct[1].speaker == "John Carver"


def test_channel_is_kept_apart_from_the_speaker(nlp):
    text = ("“The ceasefire will hold for all parties,” the Interior Ministry said in a Telegram post.\n"
            "“Our troops remain at their bases in the north,” the source added, Reuters reported.\n"
            "“Talks must resume under the UN,” AFP cited a government source.")
    direct = [q for q in quotes_of(nlp, text) if q.kind == "direct"]
    assert [q.channel for q in direct] == ["Telegram", "Reuters", "AFP"]
    assert "Ministry" in direct[0].speaker
    assert text[direct[1].speaker_mention.start : direct[1].speaker_mention.end] == "the source"
    assert text[direct[2].speaker_mention.start : direct[2].speaker_mention.end] == "a government source"


def test_scare_quotes_and_woven_fragments_are_not_direct_quotes(nlp):
    text = "The rebels ‘liberated’ the city and the leader called it “a victory for every single citizen” today."
    assert not [q for q in quotes_of(nlp, text) if q.kind == "direct"]


def test_reported_speech_has_speaker_cue_and_content(nlp):
    text = "The ministry said that the bases were on high alert."
    reported = [q for q in quotes_of(nlp, text) if q.kind == "reported"]
    assert len(reported) == 1
    q = reported[0]
    assert text[q.span.start : q.span.end] == "the bases were on high alert"
    assert q.cue == "said"
    assert q.speaker.lower() == "the ministry"


def test_reported_speech_can_be_switched_off(nlp):
    assert not quotes_of(nlp, "The ministry said that the bases were on high alert.", reported=False)
