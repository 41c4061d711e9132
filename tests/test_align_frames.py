"""Event frames: atomic frames from a claim's parse, the same-fact test, and the group merge."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from crosswire.align import group_claims, merge_shared_facts
from crosswire.align.frames import Frame, claim_frames, fact_pairs, frames_of_doc, same_fact
from crosswire.model import Article, Claim, Entity, Span
from crosswire.settings import AlignSettings, ExtractSettings

SETTINGS = AlignSettings()


@pytest.fixture(scope="module")
def nlp():
    from crosswire.extract.nlp import load_nlp

    return load_nlp(ExtractSettings().spacy_model)


def by_predicate(frames: list[Frame]) -> dict[str, Frame]:
    return {f.predicate: f for f in frames}


def make_story(texts: dict[str, str]) -> tuple[dict[str, Article], list[Claim]]:
    articles, claims = {}, []
    for n, (aid, text) in enumerate(texts.items()):
        articles[aid] = Article(aid, aid, text, text, None, None, f"Outlet {aid}", None, dt.date(2025, 5, 1 + n),
                                "given", "en")
        claims.append(Claim(f"c_{aid}", Span(aid, 0, len(text)), text))
    return articles, claims


def test_conjoined_predicates_give_two_frames_with_one_agent(nlp):
    frames = by_predicate(frames_of_doc(nlp("The militia captured Northport and burned the harbour of Eastvale."), 0))
    assert set(frames) == {"capture", "burn harbour of"}
    assert frames["capture"].theme == {"northport"}
    assert frames["burn harbour of"].theme == {"eastvale"}
    assert frames["capture"].agent == frames["burn harbour of"].agent == "militia"


def test_light_noun_and_apposition_reach_the_name(nlp):
    seized = frames_of_doc(nlp("Armed groups seized control of Northport on Monday."), 0)
    assert [(f.predicate, f.theme) for f in seized] == [("seize control of", {"northport"})]
    occupied = frames_of_doc(nlp("The militia occupied the port town Northport."), 0)
    assert any(f.theme == {"northport"} for f in occupied)


def test_passive_theme_agent_pronoun_negation_and_question(nlp):
    (passive,) = frames_of_doc(nlp("Northport was captured by the militia."), 0)
    assert passive.theme == {"northport"} and passive.agent == "militia"
    (pronoun,) = frames_of_doc(nlp("They captured Northport."), 0)
    assert pronoun.agent is None
    (negated,) = frames_of_doc(nlp("The militia did not capture Northport."), 0)
    assert negated.negated
    assert frames_of_doc(nlp("Did the militia capture Northport?"), 0) == []
    assert frames_of_doc(nlp("The militia captured the town."), 0) == []  # no named theme


def test_same_fact_needs_theme_predicate_agent_and_polarity():
    cos = {("take", "take"): 1.0, ("take", "visit"): 0.2, ("visit", "take"): 0.2, ("troops", "troops"): 1.0,
           ("troops", "tourists"): 0.1, ("tourists", "troops"): 0.1}
    cos.update({(b, a): v for (a, b), v in cos.items()})
    base = Frame(0, "take", frozenset({"northport"}), "troops")
    assert same_fact(base, Frame(1, "take", frozenset({"northport"}), None), cos, SETTINGS)
    assert not same_fact(base, Frame(1, "take", frozenset({"eastvale"}), None), cos, SETTINGS)
    assert not same_fact(base, Frame(1, "visit", frozenset({"northport"}), None), cos, SETTINGS)
    assert not same_fact(base, Frame(1, "take", frozenset({"northport"}), "tourists"), cos, SETTINGS)
    assert not same_fact(base, Frame(1, "take", frozenset({"northport"}), None, negated=True), cos, SETTINGS)
    named = Frame(0, "take", frozenset({"northport"}), "Ana Ruiz", frozenset({"ana ruiz"}))
    assert same_fact(named, Frame(1, "take", frozenset({"northport"}), "Ruiz", frozenset({"ruiz"})), cos, SETTINGS)
    assert not same_fact(named, Frame(1, "take", frozenset({"northport"}), "Bo Li", frozenset({"bo li"})), cos,
                         SETTINGS)


def test_fact_pairs_link_paraphrased_events_of_different_articles(nlp):
    articles, claims = make_story({
        "a": "Armed groups seized control of Northport on Monday, forcing the governor to flee.",
        "b": "On Monday they took control of Northport without a fight.",
        "c": "Tourists visited Northport on Monday.",
        "d": "Armed groups seized control of Eastvale on Monday.",
    })
    pairs = fact_pairs(claim_frames(claims, nlp, articles), [c.span.article_id for c in claims], SETTINGS)
    assert pairs == {(0, 1)}


def test_one_toll_worded_differently_is_one_fact(nlp):
    (passive,) = frames_of_doc(nlp("All 217 people aboard the plane were killed."), 0)
    assert passive.theme == {"#217"} and passive.predicate == "kill"
    (died,) = frames_of_doc(nlp("All 217 people aboard the jet died."), 0)
    assert died.theme == {"#217"} and died.agent is None  # the counted subject is the theme, not the agent
    assert all(f.theme != {"#40"} for f in frames_of_doc(nlp("The jet crashed 40 minutes into its flight."), 0))
    # a small count is common to several events of one story: its head noun must match too
    (two,) = frames_of_doc(nlp("Two people were killed in the blast."), 0)
    (digits,) = frames_of_doc(nlp("2 people were killed in the blast."), 0)
    (officers,) = frames_of_doc(nlp("Two officers were killed in the ambush."), 0)
    assert two.theme == digits.theme == {"#2 people"} and officers.theme == {"#2 officer"}
    assert frames_of_doc(nlp("Police arrested 3 on Monday."), 0) == []  # a bare small count says too little
    assert frames_of_doc(nlp("Two people were killed in a 2005 bombing."), 0) == []  # maybe another event's toll
    # reporting is no event: "one official said" and "one official said" about two things are two facts
    assert frames_of_doc(nlp("“We have been more than generous,” said one official."), 0) == []
    assert frames_of_doc(nlp("One official said that the talks with Havana had failed."), 0) == []
    assert [f.predicate for f in frames_of_doc(nlp("Apple announced the iPhone in Cupertino."), 0)] == ["announce"]
    assert [f.predicate for f in frames_of_doc(nlp("The two sides agreed on a truce in Cairo."), 0)] == ["agree"]
    articles, claims = make_story({
        "a": "All 217 people aboard the plane were killed.",
        "b": "The jet crashed 40 minutes into its 11-hour flight, killing all 217 aboard.",
        "c": "All 217 people aboard the jet died when it plunged into the ocean.",
        "d": "The earlier crash killed all 223 people on board.",
        "e": "Rescuers pulled 217 bags of debris from the water.",
    })
    pairs = fact_pairs(claim_frames(claims, nlp, articles), [c.span.article_id for c in claims], SETTINGS)
    assert pairs == {(0, 2)}  # b tells the toll in passing: its sentence is about the crash


def test_entities_resolve_different_names_of_one_theme(nlp):
    articles, claims = make_story({"a": "Armed groups seized control of Northport.",
                                   "b": "Armed groups took control of Port Ellis."})
    ids = [c.span.article_id for c in claims]
    assert fact_pairs(claim_frames(claims, nlp, articles), ids, SETTINGS) == set()
    town = Entity("e1", "Northport", "GPE", ("Northport", "Port Ellis"), (Span("a", 31, 40), Span("b", 29, 39)))
    assert fact_pairs(claim_frames(claims, nlp, articles, [town]), ids, SETTINGS) == {(0, 1)}


def test_merge_is_complete_linkage():
    ids = ["a", "b", "c"]
    chained = merge_shared_facts([[0], [1], [2]], {(0, 1), (1, 2)}, ids)
    assert sorted(map(sorted, chained)) == [[0, 1], [2]]
    assert merge_shared_facts([[0], [1], [2]], {(0, 1), (1, 2), (0, 2)}, ids) == [[0, 1, 2]]
    same_article = merge_shared_facts([[0], [1]], {(0, 1)}, ["a", "a"])
    assert same_article == [[0, 1]]


def test_group_claims_merges_shared_facts_into_a_corroborated_group():
    articles, claims = make_story({"a": "x", "b": "y", "c": "z"})
    scores = np.zeros((3, 3))
    groups = group_claims(claims, articles, [], SETTINGS, scores, {(0, 1)})
    top = groups[0]
    assert set(top.claims) == {"c_a", "c_b"} and top.support.outlets == 2 and top.sourcing == "corroborated"
    assert len(group_claims(claims, articles, [], SETTINGS, scores)) == 3


def test_calibration_picks_the_lowest_threshold_reaching_the_precision():
    from crosswire.eval.frames import calibrate

    # odd topic 1 calibrates: positives score 0.8 and 0.7, negatives 0.75 and 0.4
    pairs = [(1, "a", "b", True), (1, "c", "d", True), (1, "e", "f", False), (1, "g", "h", False),
             (2, "a", "b", True), (2, "e", "f", False)]
    scores = np.array([0.8, 0.7, 0.75, 0.4, 0.9, 0.2])
    result = calibrate(pairs, scores, precision=0.6)
    assert result["threshold"] == pytest.approx(0.41)  # 2 of 3 above it are positive
    assert result["heldout_precision"] == 1.0 and result["heldout_recall"] == 1.0
    assert calibrate(pairs, scores, precision=1.0)["threshold"] == pytest.approx(0.76)


def test_event_classes_join_one_kind_of_event_and_keep_kinds_apart():
    from crosswire.align.event_classes import event_classes, same_event_class

    assert same_event_class("liberate", "seize control of") and same_event_class("occupy", "capture")
    assert same_event_class("kill", "slay") and same_event_class("arrest", "apprehend")
    assert not same_event_class("kill", "shoot")  # a shooting need not kill
    assert not same_event_class("arrest", "release") and not same_event_class("visit", "capture")
    # a verb in quote marks is often left inflected by the lemmatiser
    assert event_classes("liberated") == event_classes("liberate") == {"conquering"}
    assert event_classes("occupied") == {"conquering"} and event_classes("visit") == frozenset()


def test_predicates_of_one_event_class_share_a_fact_despite_a_low_cosine(nlp):
    articles, claims = make_story({
        "a": "Armed groups seized control of Northport on Monday.",
        "b": "The armed groups ‘liberated’ Northport on Monday.",
        "c": "Armed groups visited Northport on Monday.",
        "d": "Armed groups liberated Eastvale on Monday.",
    })
    frames = claim_frames(claims, nlp, articles)
    cosine = {(f.predicate, g.predicate): 0.0 for f in frames for g in frames}
    cosine.update({(f.agent, g.agent): 1.0 for f in frames for g in frames if f.agent and g.agent})
    a, b = (next(f for f in frames if f.claim == i) for i in (0, 1))
    assert same_fact(a, b, cosine, SETTINGS)  # a cosine of 0 does not matter within one class
    assert fact_pairs(frames, [c.span.article_id for c in claims], SETTINGS) == {(0, 1)}


def test_scare_quotes_leave_offsets_and_let_the_verb_parse(nlp):
    from crosswire.align.frames import without_scare_quotes

    text = "The militia ‘liberated’ Northport, he said: “We won the war in the north.”"
    plain = without_scare_quotes(text)
    assert len(plain) == len(text) and "‘" not in plain and "“We won" in plain  # a real quote stays
    assert [f.predicate for f in frames_of_doc(nlp(plain), 0)] == ["liberate"]


def test_predicate_rules_count_precision_and_recall_of_each_rule():
    from crosswire.eval.frames import predicate_rules

    vectors = {"kill": np.array([1.0, 0.0]), "slay": np.array([0.0, 1.0]), "visit": np.array([0.0, 1.0])}
    encode = lambda phrases: [vectors[p] for p in phrases]
    pairs = [("kill", "slay", True), ("slay", "visit", False), ("kill", "visit", True)]
    result = predicate_rules(pairs, encode, threshold=0.5)
    assert result["cosine"] == {"chosen": 1, "precision": 0.0, "recall": 0.0}  # slay/visit cosine 1.0
    assert result["event_class"] == {"chosen": 1, "precision": 1.0, "recall": 0.5}  # kill/slay
    assert result["either"]["chosen"] == 2


def test_an_act_named_in_an_accusation_is_no_frame(nlp):
    for text in ("Two men charged with murdering Matthew Shepard appeared in court.",
                 "The roofer was found guilty of killing Matthew Shepard.",
                 "Police arrested the men for beating Matthew Shepard."):
        assert all(f.predicate not in ("murder", "kill", "beat") for f in frames_of_doc(nlp(text), 0)), text
    assert [f.predicate for f in frames_of_doc(nlp("Two men murdered Matthew Shepard."), 0)] == ["murder"]


def test_an_event_in_a_subordinate_demanded_or_denied_clause_is_not_what_the_claim_states(nlp):
    texts = {"a": "The parade was the largest since the strike ended after police arrested Mayor Ortega.",
             "b": "Protesters demanded that police arrest Mayor Ortega.",
             "c": "The police denied that they had arrested Mayor Ortega.",
             "d": "Police arrested Mayor Ortega on Tuesday, officials said.",
             "e": "Officials said that police arrested Mayor Ortega."}
    articles, claims = make_story(texts)
    pairs = fact_pairs(claim_frames(claims, nlp, articles), [c.span.article_id for c in claims], SETTINGS)
    assert pairs == {(3, 4)}  # only the stated and the reported arrest are one fact
