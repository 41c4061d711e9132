"""Claims told elsewhere part by part (``align.parts``): cutting a claim at the verb phrases it
coordinates under one subject, on sentences parsed by the shipped spaCy model, and a one-outlet
claim whose facts other articles state, through ``align_story``."""

from __future__ import annotations

import numpy as np
import pytest

from crosswire.align import align_story
from crosswire.align.parts import claim_parts
from crosswire.model import Article, Claim, Evidence, Span
from crosswire.settings import AlignSettings, ExtractSettings, SummarizeSettings
from crosswire.summarize import claim_candidates

pytestmark = pytest.mark.issue(6)


@pytest.fixture(scope="module")
def nlp():
    from crosswire.extract.nlp import load_nlp

    return load_nlp(ExtractSettings().spacy_model)


@pytest.mark.parametrize(("text", "parts"), [
    ("The mayor visited the site, met the families and promised an inquiry.",
     ["The mayor visited the site.", "The mayor met the families.", "The mayor promised an inquiry."]),
    # a shared infinitive marker goes with every part; a frame after the last part too
    ("The council urged all residents to stay indoors and avoid the river, it said.",
     ["The council urged all residents to stay indoors, it said.",
      "The council urged all residents to avoid the river, it said."]),
    # a negated first phrase keeps its negation, the second does not take it
    ("The ministry did not say where the envoy was and said the talks would resume.",
     ["The ministry did not say where the envoy was.", "The ministry said the talks would resume."]),
    # passive auxiliaries and negation are shared by participles that have none of their own
    ("The suspect was arrested and charged with murder.",
     ["The suspect was arrested.", "The suspect was charged with murder."]),
])
def test_a_claim_is_cut_at_the_verb_phrases_it_coordinates_under_one_subject(nlp, text, parts):
    assert claim_parts(nlp(text)) == parts


@pytest.mark.parametrize("text", [
    "Rebels captured Aleppo, Homs and Daraa on Sunday.",  # names coordinated, not facts
    "The mayor resigned on Monday and the council met on Tuesday.",  # each clause has its own subject
    "The storm flooded the valley.",
    # a coordination inside a clause that only qualifies what the sentence asserts
    "When the birds land to rest and feed, they could be bitten by local mosquitoes.",
    "The suspect either surrendered or fled the country.",  # alternatives: neither is stated alone
    # bare infinitives the parser hung on a finite verb belong to the infinitive before them
    "During the briefing, Marn repeated his plans to root out graft, review the oil policies and call an assembly.",
])
def test_a_claim_that_coordinates_no_verb_phrases_under_one_subject_stays_whole(nlp, text):
    assert claim_parts(nlp(text)) == [text]


def test_a_claim_joining_more_facts_than_the_cap_stays_whole(nlp):
    text = "The mayor visited the site, met the families and promised an inquiry."
    assert claim_parts(nlp(text), max_parts=2) == [text]


STORY = {  # the whole of "a" matches neither "b" nor "c"; each of its two facts matches one
    "a": ("Officials in Patria were extremely worried by the heavy fighting around the northern city of Osten "
          "and urged all sides to refrain from violence."),
    "b": "The Patrian ministry is deeply concerned about the heavy fighting around Osten, a spokesman said.",
    "c": "The Patrian ministry called on all sides to refrain from violence.",
}


def _articles(texts: dict[str, str]) -> dict[str, Article]:
    return {aid: Article(aid, aid, t, t, None, None, f"Outlet {aid}", None, None, "unknown", "en")
            for aid, t in texts.items()}


def _claims(texts: dict[str, str], speaker: str | None = None) -> list[Claim]:
    return [Claim(f"c_{aid}", Span(aid, 0, len(t)), t, attributed_to=speaker) for aid, t in texts.items()]


def _aligned(nlp, texts, settings=None, speaker=None):
    claims, articles = _claims(texts, speaker), _articles(texts)
    return claims, align_story("s", claims, articles, [], settings or AlignSettings(), list(articles), nlp)


def test_a_one_outlet_claim_whose_facts_two_other_articles_state_is_told_in_parts(nlp):
    claims, shown = _aligned(nlp, STORY)
    (joined,) = [g for g in shown.groups if g.claims == ("c_a",)]
    assert sorted(s.article_id for s in joined.told_in_parts) == ["b", "c"]
    assert (joined.support.outlets, joined.support.origins, joined.sourcing) == (3, 3, "corroborated")
    row = dict(zip(shown.sources, shown.matrix[shown.groups.index(joined)]))
    assert row == {"a": "supports", "b": "supports", "c": "supports"}
    # told in parts, it brings the summary no fact of its own
    _, sources = claim_candidates(Evidence("s", claims=tuple(claims)), shown, _articles(STORY), SummarizeSettings())
    assert "c_a" not in [claim.id for claim, _ in sources] and len(sources) == 2


def test_a_claim_with_a_fact_no_other_article_states_stays_single_source(nlp):
    other = dict(STORY, c="The Patrian ministry called for new elections in Osten next spring.")
    _, shown = _aligned(nlp, other)
    (joined,) = [g for g in shown.groups if "c_a" in g.claims]
    assert joined.told_in_parts == () and joined.sourcing == "one_outlet"
    _, off = _aligned(nlp, STORY, AlignSettings(told_in_parts=False))
    (alone,) = [g for g in off.groups if g.claims == ("c_a",)]
    assert alone.told_in_parts == () and alone.sourcing == "one_outlet"


def test_the_tellers_of_one_named_speaker_are_one_origin(nlp):
    # the same statement in three outlets, each naming the ministry: one origin however it is cut
    _, relayed = _aligned(nlp, STORY, speaker="the Patrian Foreign Ministry")
    (joined,) = [g for g in relayed.groups if g.claims == ("c_a",)]
    assert (joined.support.outlets, joined.support.origins, joined.sourcing) == (3, 1, "one_origin")
    assert joined.single_source


def test_each_part_needs_a_teller_part_of_its_own():
    from crosswire.align.parts import _tellers

    owners = [Claim(f"c{k}", Span(aid, 0, 1), "x") for k, aid in enumerate("aabc")]
    one_fact = np.array([[0, 0, 0.9, 0.0], [0, 0, 0.8, 0.1], [0.9, 0.8, 0, 0], [0.0, 0.1, 0, 0]])
    assert _tellers([0, 1], one_fact, owners, 0.5) == []  # one fact told by "b" cannot tell both parts
    two_facts = np.array([[0, 0, 0.9, 0.6], [0, 0, 0.8, 0.7], [0.9, 0.8, 0, 0], [0.6, 0.7, 0, 0]])
    assert [c.id for c in _tellers([0, 1], two_facts, owners, 0.5)] == ["c2", "c3"]


def test_only_the_asked_pairs_are_scored_and_partners_come_nearest_first():
    from crosswire.align.matching import candidate_partners, match_matrix

    texts = ["The ministry urged all sides to stop shooting.", "The ministry called on all sides to stop shooting.",
             "The ministry urged both sides to stop shooting.", "Floods closed the coastal road for a week."]
    articles = ["a", "b", "c", "d"]
    full = match_matrix(texts, articles, AlignSettings())
    assert full[0, 1] >= 0.5 and full[0, 2] >= 0.5
    some = match_matrix(texts, articles, AlignSettings(), only={(0, 1)})
    assert some[0, 1] == pytest.approx(full[0, 1]) and some[0, 2] == 0 == some[1, 2]
    partners = candidate_partners(texts, articles, [None] * 4, [0], AlignSettings())
    assert partners[0][0] == 2 and 3 not in partners[0]  # the nearest wording first, the floods never
