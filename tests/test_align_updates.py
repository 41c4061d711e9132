"""Updates in which a later report places someone whose whereabouts an earlier one did not know,
on parsed sentences and hand-built entities; and the summary leaving out a superseded state."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from crosswire.align.updates import missing_person, placement, whereabouts_unknown, whereabouts_updates
from crosswire.model import Alignment, Claim, Conflict, Entity, Evidence, Span
from crosswire.settings import SummarizeSettings
from crosswire.summarize import claim_candidates


@pytest.fixture(scope="module")
def nlp():
    from crosswire.extract.nlp import load_nlp
    from crosswire.settings import ExtractSettings

    return load_nlp(ExtractSettings().spacy_model)


@pytest.mark.parametrize("text", [
    "The whereabouts of the ousted president are unknown.",
    "Officials did not say where Ana Marn was on Monday.",
    "It was not clear where the minister had gone.",
    "A rebel commander said they were “unsure” of Mr. Marn’s movements.",
    "His location remains undisclosed.",
])
def test_whereabouts_not_known_is_read(text):
    assert whereabouts_unknown(text)


@pytest.mark.parametrize("text", [
    "Police know where he is hiding.",
    "The minister did not say when the talks would resume.",
    "The location of the summit is Geneva.",
])
def test_other_sentences_are_no_unknown_whereabouts(text):
    assert not whereabouts_unknown(text)


def _person_at(text: str, name: str) -> tuple[int, int]:
    start = text.index(name)
    return start, start + len(name)


@pytest.mark.parametrize(("text", "place"), [
    ("After the fall of Ana Marn's government, Brazil has granted asylum to the fallen leader and family.", "Brazil"),
    ("Ana Marn was granted asylum in Portugal, officials said.", "Portugal"),
    ("Ana Marn fled to Portugal on Monday night.", "Portugal"),
    ("Ana Marn is now in Lisbon, according to two aides.", "Lisbon"),
])
def test_a_claim_that_places_the_person(nlp, text, place):
    where = placement(nlp(text), _person_at(text, "Ana Marn"))
    assert where is not None and text[where[0]:where[1]] == place


@pytest.mark.parametrize("text", [
    "Ana Marn did not flee to Portugal, her party said.",
    "Ana Marn's brother fled to Portugal on Monday.",
    "Ana Marn criticised the government in Lisbon.",
    "Brazil has granted asylum to thousands of refugees, Ana Marn said.",
])
def test_claims_that_do_not_place_the_person(nlp, text):
    assert placement(nlp(text), _person_at(text, "Ana Marn")) is None


TEXTS = {
    "a": "President Ana Marn resigned on Sunday. The whereabouts of the President are unknown.",
    "b": "Brazil has granted asylum to Ana Marn and her family.",
    "c": "Officials in Brazil said Ana Marn had criticised the rebels.",
}


def _claims() -> list[Claim]:
    out = []
    for aid, text in TEXTS.items():
        start = 0
        for n, sentence in enumerate(text.split(". ")):
            sentence = sentence if sentence.endswith(".") else sentence + "."
            out.append(Claim(f"{aid}{n}", Span(aid, start, start + len(sentence)), sentence))
            start += len(sentence) + 1
    return out


def _marn() -> Entity:
    mentions = tuple(Span(aid, text.index("Ana Marn"), text.index("Ana Marn") + 8) for aid, text in TEXTS.items())
    return Entity("e1", "Ana Marn", "PERSON", ("Ana Marn",), mentions)


def test_the_unknown_person_is_found_by_the_title_the_article_gives_them():
    claims = _claims()
    unknown = claims[1]
    assert unknown.text == "The whereabouts of the President are unknown."
    cue = whereabouts_unknown(unknown.text)
    assert missing_person(unknown, cue, [_marn()], TEXTS["a"]).id == "e1"
    other = Entity("e2", "Tom Osten", "PERSON", ("Tom Osten",), ())
    assert missing_person(unknown, cue, [other], TEXTS["a"]) is None


def test_the_unknown_person_is_the_one_whose_whereabouts_the_claim_names():
    text = "Judge Tom Osten ruled that Ana Marn should stay, though the actress's whereabouts were unknown."
    claim = Claim("x", Span("x", 0, len(text)), text)
    spans = {name: Span("x", text.index(name), text.index(name) + len(name)) for name in ("Tom Osten", "Ana Marn")}
    people = [Entity("e1", "Ana Marn", "PERSON", (), (spans["Ana Marn"],)),
              Entity("e2", "Tom Osten", "PERSON", (), (spans["Tom Osten"],))]
    assert missing_person(claim, whereabouts_unknown(text), people, text).id == "e1"
    told = "Tom Osten did not say where Ana Marn was."
    claim = Claim("y", Span("y", 0, len(told)), told)
    people = [Entity(e.id, e.name, "PERSON", (), (Span("y", told.index(e.name), told.index(e.name) + len(e.name)),))
              for e in people]
    assert missing_person(claim, whereabouts_unknown(told), people, told).id == "e1"


def test_unknown_then_placed_is_an_update_with_both_cues(nlp):
    claims = _claims()
    days = {"a": dt.date(2024, 5, 1), "b": dt.date(2024, 5, 2), "c": dt.date(2024, 5, 2)}
    found = whereabouts_updates(claims, [_marn()], TEXTS, lambda c: nlp(c.text), lambda c: days[c.span.article_id])
    assert [(u.kind, u.claims) for u in found] == [("update", ("a1", "b0"))]
    update = found[0]
    assert TEXTS["b"][update.parts[1].start:update.parts[1].end] == "Brazil"
    assert "unknown" in TEXTS["a"][update.parts[0].start:update.parts[0].end]
    assert "same day" not in update.note

    same_day = whereabouts_updates(claims, [_marn()], TEXTS, lambda c: nlp(c.text), lambda c: dt.date(2024, 5, 1))
    assert [u.claims for u in same_day] == [("a1", "b0")] and "same day" in same_day[0].note

    placed_first = {"a": dt.date(2024, 5, 3), "b": dt.date(2024, 5, 2), "c": dt.date(2024, 5, 2)}
    assert whereabouts_updates(claims, [_marn()], TEXTS, lambda c: nlp(c.text),
                               lambda c: placed_first[c.span.article_id]) == []


def test_a_superseded_state_is_no_summary_candidate():
    from crosswire.model import Article

    articles = {aid: Article(aid, aid, t, t, None, None, f"outlet-{aid}", None, dt.date(2024, 5, 1), "given", "en")
                for aid, t in TEXTS.items()}
    claims = _claims()
    update = Conflict("update", claims[1].span, claims[2].span, "", (), (claims[1].id, claims[2].id))
    evidence = Evidence("s1", claims=tuple(claims))
    before, _ = claim_candidates(evidence, Alignment("s1"), articles, SummarizeSettings())
    after, sources = claim_candidates(evidence, dataclasses.replace(Alignment("s1"), updates=(update,)), articles,
                                      SummarizeSettings())
    assert len(after) == len(before) - 1 and claims[1].id not in {c.id for c, _ in sources}
