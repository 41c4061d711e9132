"""Alignment: claim matching, groups with support and sourcing, the support check, the stage."""

from __future__ import annotations

import datetime as dt
import difflib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosswire.align import (
    agreeing_parts,
    align_story,
    group_claims,
    is_supported,
    split_dissent,
    support_score,
)
from crosswire.align.embed import encode_tokens, token_weights
from crosswire.align.lexical import (
    char_ratio,
    clipped_overlap,
    edit_distance,
    frame_speaker,
    lcs_length,
    ngram_counts,
    ngram_precision,
    reported_content,
)
from crosswire.align.matching import MATCH_FEATURES, PairFeaturizer, average_linkage, match_matrix
from crosswire.align.support import SUPPORT_FEATURES
from crosswire.model import Article, Claim, Conflict, Family, Span, Value
from crosswire.settings import AlignSettings

SETTINGS = AlignSettings()


def make_article(aid: str, text: str, day: int, outlet: str) -> Article:
    return Article(aid, aid, text, text, None, None, outlet, None, dt.date(2024, 3, day), "given", "en")


def claims_of(article: Article) -> list[Claim]:
    """One claim per line of the article, with number values found by a plain digit scan."""
    out, start = [], 0
    for n, line in enumerate(article.text.split("\n")):
        values = tuple(
            Value("number", Span(article.id, start + i, start + i + len(tok)), tok, float(tok))
            for i, tok in ((line.index(t), t) for t in line.split() if t.isdigit())
        )
        out.append(Claim(f"c_{article.id}{n}", Span(article.id, start, start + len(line)), line,
                         negated=" not " in line, values=values))
        start += len(line) + 1
    return out


STORY = {
    "a": (("The bridge over the river collapsed on Monday evening.\n"
          "At least 12 people were killed when the bridge fell.\n"
          "The mayor said an inquiry would begin next week."), 1, "Daily A"),
    "b": (("A bridge across the river collapsed on Monday evening.\n"
          "Officials said 15 people were killed in the collapse of the bridge.\n"
          "Local football club wins the regional cup final."), 2, "Herald B"),
    "c": (("The bridge over the river collapsed on Monday evening.\n"
          "Engineers had warned about cracks in the structure for years."), 2, "Wire C"),
}


@pytest.fixture(scope="module")
def story():
    articles = {aid: make_article(aid, text, day, outlet) for aid, (text, day, outlet) in STORY.items()}
    claims = [c for a in articles.values() for c in claims_of(a)]
    # c relays a's first sentence word for word: one origin, two outlets.
    family = Family("f1", (claims[0].span, claims[6].span), "a")
    return articles, claims, [family]


def test_features_are_named_and_weights_fit_them():
    assert len(SETTINGS.match_weights) == len(MATCH_FEATURES)
    assert len(SETTINGS.support_weights) == len(SUPPORT_FEATURES)


@pytest.mark.slow
def test_paraphrases_score_above_unrelated_and_threshold():
    texts = ["The company reported a loss of 5 million dollars in the third quarter.",
             "In the third quarter the company posted a 5 million dollar loss.",
             "The football team won its fourth straight game on Sunday."]
    scores = match_matrix(texts, ["a", "b", "c"], SETTINGS)
    assert scores[0, 1] >= SETTINGS.match_threshold > scores[0, 2]
    assert np.allclose(scores, scores.T)


@pytest.mark.slow
def test_a_short_statement_does_not_match_an_unrelated_long_one():
    texts = ["It rained.", "Talks between the two governments will resume on Monday in Geneva."]
    assert match_matrix(texts, ["a", "b"], SETTINGS)[0, 1] < 0.5 * SETTINGS.match_threshold


def test_a_pair_the_cross_encoder_rejects_never_matches_whatever_the_other_features_say():
    from crosswire.align.matching import MATCH_FEATURES, PairFeaturizer, match_probability

    texts = ["All 217 people on board the plane were killed.", "The crash killed all 217 people aboard the plane."]
    row = PairFeaturizer(texts).features(texts, [(0, 1)], settings=SETTINGS)
    assert match_probability(row, SETTINGS)[0] >= SETTINGS.match_threshold
    rejected = row.copy()
    rejected[0, MATCH_FEATURES.index("cross_encoder")] = SETTINGS.match_cross_min_logit - 0.5
    assert match_probability(rejected, SETTINGS)[0] == 0.0
    long = ["It rained.", "Talks between the two governments will resume on Monday in Geneva after a break of a year."]
    far = PairFeaturizer(long).features(long, [(0, 1)], settings=SETTINGS)
    assert match_probability(far, SETTINGS)[0] < SETTINGS.match_threshold


@pytest.mark.slow
def test_same_article_pairs_are_never_scored():
    scores = match_matrix(["The bridge fell.", "The bridge fell."], ["a", "a"], SETTINGS)
    assert scores[0, 1] == 0.0
    assert match_matrix(["", "The bridge fell."], ["a", "b"], SETTINGS)[0, 1] == 0.0  # no words, no statement


@pytest.mark.slow
def test_number_disagreement_lowers_the_match_score():
    featurizer = PairFeaturizer(["x"])
    texts = ["Twelve people died in the fire.", "Twelve people died in the fire.", "Forty people died in the fire."]
    rows = featurizer.features(texts, [(0, 1), (0, 2)])
    mismatch = MATCH_FEATURES.index("number_mismatch")
    assert rows[0, mismatch] == 0 and rows[1, mismatch] == 1


def test_average_linkage_does_not_chain_loose_pairs():
    scores = np.array([[0, .9, .0], [.9, 0, .6], [.0, .6, 0]])
    groups = average_linkage(scores, ["a", "b", "c"], 0.5)
    assert sorted(map(len, groups)) == [1, 2]
    assert sorted(map(len, average_linkage(scores, ["a", "b", "c"], 0.2))) == [3]


def test_two_claims_of_one_article_share_a_group_only_when_they_match_each_other():
    # x1 and x2 come from one article; y resembles both, x1 more
    scores = np.array([[0, 0, .7], [0, 0, .55], [.7, .55, 0]])
    ids = ["x", "x", "y"]
    assert sorted(map(len, average_linkage(scores, ids, 0.5))) == [3]  # without the check: one group
    assert sorted(sorted(g) for g in average_linkage(scores, ids, 0.5, {(0, 1): .2})) == [[0, 2], [1]]
    assert sorted(sorted(g) for g in average_linkage(scores, ids, 0.5, {})) == [[0, 2], [1]]  # unscored: 0
    alike = {(0, 1): .8}  # the article says it twice
    assert sorted(map(len, average_linkage(scores, ids, 0.5, alike))) == [3]


@pytest.mark.slow
def test_same_article_scores_only_pairs_of_one_article():
    texts = ["The bridge fell on Monday.", "The bridge collapsed on Monday.", "The bridge fell on Monday."]
    within = match_matrix(texts, ["a", "a", "b"], SETTINGS, same_article=True)
    assert within[0, 1] >= SETTINGS.match_threshold and within[0, 2] == within[1, 2] == 0.0
    from crosswire.align.matching import same_article_matches

    found = same_article_matches(texts, ["a", "a", "b"], SETTINGS, [None] * 3, [0, 1, 2])
    assert set(found) == {(0, 1)} and found[(0, 1)] >= SETTINGS.match_threshold  # scored on these texts alone
    # only claims that match another article's can share a group: the others are not scored
    assert same_article_matches(texts, ["a", "a", "b"], SETTINGS, [None] * 3, [0, 2]) == {}


@pytest.mark.slow
def test_groups_count_outlets_and_independent_origins(story):
    articles, claims, families = story
    groups = group_claims(claims, articles, families, SETTINGS)
    assert sorted(c for g in groups for c in g.claims) == sorted(c.id for c in claims)
    collapse = next(g for g in groups if claims[0].id in g.claims)
    assert {s.article_id for s in collapse.spans} == {"a", "b", "c"}
    assert collapse.support.outlets == 3 and collapse.support.origins == 2
    assert collapse.sourcing == "corroborated" and collapse.first_published == dt.date(2024, 3, 1)
    assert groups[0] is collapse
    football = next(g for g in groups if claims[5].id in g.claims)
    assert football.claims == (claims[5].id,) and football.sourcing == "one_outlet" and football.single_source


@pytest.mark.slow
def test_relayed_statement_is_one_origin_not_one_outlet():
    text = "The central bank raised its main interest rate by half a point on Thursday."
    articles = {x: make_article(x, text, 1, f"Outlet {x}") for x in "xy"}
    claims = [Claim(f"c_{x}", Span(x, 0, len(text)), text) for x in "xy"]
    families = [Family("f", tuple(c.span for c in claims), None)]
    [group] = group_claims(claims, articles, families, SETTINGS)
    assert group.support.outlets == 2 and group.support.origins == 1
    assert group.single_source and group.sourcing == "one_origin"


def test_the_combiner_reads_each_feature_within_the_range_it_was_fitted_on():
    import dataclasses

    from crosswire.align.matching import match_probability, within_calibration

    ceiling = np.array(SETTINGS.match_feature_ceiling)
    assert ceiling.shape == (len(MATCH_FEATURES),)
    row = ceiling / 2
    far = row.copy()
    far[MATCH_FEATURES.index("log_length")] = ceiling[MATCH_FEATURES.index("log_length")] + 2.0
    at_ceiling = row.copy()
    at_ceiling[MATCH_FEATURES.index("log_length")] = ceiling[MATCH_FEATURES.index("log_length")]
    assert match_probability(far, SETTINGS) == pytest.approx(match_probability(at_ceiling, SETTINGS))
    unclipped = dataclasses.replace(SETTINGS, match_feature_ceiling=())
    assert (within_calibration(far[None], unclipped) == far).all()
    assert (within_calibration(row[None], SETTINGS) == row).all()  # within range: untouched
    with pytest.raises(ValueError, match="match_feature_ceiling"):
        within_calibration(far[None], dataclasses.replace(SETTINGS, match_feature_ceiling=(0.0,)))


@pytest.mark.slow
def test_two_long_claims_of_one_theme_do_not_match_on_length_beyond_calibration():
    import dataclasses

    suit = ("In March the regulator sued Osten Telecom, charging the company with having violated the 2019 "
            "court-approved settlement by requiring phone makers to install its own browser in order to license "
            "its network.")
    ruling = ("An attempt last year to have the company held in contempt of court for violating an earlier consent "
              "decree was rejected by an appeals court, which ruled that Osten Telecom had a right to add browsing "
              "capabilities to its network software, one of the key issues in dispute in the case.")
    bought = ("The regulator sued in March to block Osten Telecom's purchase of Patria Mobile, the country's "
              "second-largest network, for 2 billion euros.")
    buying = ("In March, the regulator went to court to stop Osten Telecom from buying Patria Mobile, the "
              "second-largest network in the country, for 2 billion euros.")
    unclipped = dataclasses.replace(SETTINGS, match_feature_ceiling=())
    assert match_matrix([suit, ruling], ["a", "b"], unclipped)[0, 1] >= SETTINGS.match_threshold
    assert match_matrix([suit, ruling], ["a", "b"], SETTINGS)[0, 1] < SETTINGS.match_threshold
    assert match_matrix([bought, buying], ["a", "b"], SETTINGS)[0, 1] >= SETTINGS.match_threshold


def test_details_count_names_values_and_speakers_named_only_outside_the_span():
    from crosswire.align.details import detail_count
    from crosswire.model import Entity

    text = "Ana Marn said 40 crows died in Osten on May 3; Osten closed its parks."
    values = (Value("number", Span("a", 14, 16), "40", 40.0), Value("date", Span("a", 40, 45), "May 3", "2024-05-03"))
    claim = Claim("c1", Span("a", 0, len(text)), text, attributed_to="Ana Marn", values=values)
    entities = [Entity("e1", "Ana Marn", "PERSON", ("Ana Marn",), (Span("a", 0, 8),)),
                Entity("e2", "Osten", "GPE", ("Osten",), (Span("a", 31, 36), Span("a", 47, 52))),
                Entity("e3", "Patria", "GPE", ("Patria",), (Span("b", 0, 6),))]
    # Ana Marn and Osten (twice, one entity), 40 and May 3; the speaker is already named in the span
    assert detail_count([claim], entities, {"Ana Marn"}) == 4
    vague = Claim("c2", Span("c", 0, 20), "It closed its parks.", attributed_to="the ministry")
    assert detail_count([vague], entities) == 0
    # "It said …" of a ministry the sentence before names: the speaker is the one detail
    assert detail_count([vague], entities, {"Patrian Foreign Ministry"}) == 1


def test_a_claim_that_contradicts_its_group_leaves_it_and_counts_as_no_support():
    texts = {"a": "All 217 people aboard the plane were killed.", "b": "The crash killed all 217 people aboard.",
             "c": "The crash killed all 223 people on board.", "d": "All 217 people on the plane died."}
    articles = {x: make_article(x, t, 1, f"Outlet {x}") for x, t in texts.items()}
    claims = [Claim(f"c_{x}", Span(x, 0, len(t)), t) for x, t in texts.items()]
    scores = np.full((4, 4), 0.9)
    np.fill_diagonal(scores, 0.0)
    [group] = group_claims(claims, articles, [], SETTINGS, scores)
    assert group.support.origins == 4
    number = Conflict("number", claims[0].span, claims[2].span, "217 vs 223", (), ("c_a", "c_c"))
    split = split_dissent([group], claims, [number], articles, [], scores)
    assert [g.claims for g in split] == [("c_a", "c_b", "c_d"), ("c_c",)]
    assert split[0].support.origins == 3 and split[1].single_source and split[1].sourcing == "one_outlet"
    # a dissenter that kept its group from merging with another on a shared fact no longer does
    scores[3, :3] = scores[:3, 3] = 0.0
    groups = group_claims(claims, articles, [], SETTINGS, scores)
    assert sorted(g.claims for g in groups) == [("c_a", "c_b", "c_c"), ("c_d",)]
    shared = {(0, 3), (1, 3)}  # c shares no fact with d: its figure differs
    assert group_claims(claims, articles, [], SETTINGS, scores, shared) == groups  # complete linkage
    merged = split_dissent(groups, claims, [number], articles, [], scores, (), shared)
    assert [g.claims for g in merged] == [("c_a", "c_b", "c_d"), ("c_c",)]
    # how a fact is told (a spelling, a hedge) is no dissent: the group stays whole
    spelling = Conflict("spelling", claims[0].span, claims[2].span, "x vs y", (), ("c_a", "c_c"))
    assert split_dissent([group], claims, [spelling], articles, [], scores) == [group]


def test_dissenters_that_disagree_among_themselves_are_parted_again():
    claims = [Claim(f"c{n}", Span(f"a{n}", 0, 1), "x") for n in range(4)]
    against = {frozenset(p) for p in (("c0", "c1"), ("c0", "c2"), ("c0", "c3"), ("c1", "c2"))}
    assert [[c.id for c in part] for part in agreeing_parts(claims, against)] == [["c0"], ["c1", "c3"], ["c2"]]
    # a conflict between two claims neither of which is the first parts them too
    later = {frozenset(("c1", "c2"))}
    assert [[c.id for c in part] for part in agreeing_parts(claims, later)] == [["c0", "c1", "c3"], ["c2"]]
    assert [[c.id for c in part] for part in agreeing_parts(claims, set())] == [["c0", "c1", "c2", "c3"]]


@pytest.mark.slow
def test_align_story_finds_the_number_conflict_and_builds_the_matrix(story):
    articles, claims, families = story
    alignment = align_story("s", claims, articles, families, SETTINGS, tuple(articles))
    numbers = [c for c in alignment.conflicts if c.kind == "number"]
    assert numbers and {numbers[0].a.article_id, numbers[0].b.article_id} == {"a", "b"}
    assert alignment.sources == ("a", "b", "c")
    assert len(alignment.matrix) == len(alignment.groups)
    cells = {cell for row in alignment.matrix for cell in row}
    assert {"supports", "silent", "conflicts"} <= cells
    for group, row in zip(alignment.groups, alignment.matrix):
        for source, cell in zip(alignment.sources, row):
            if cell == "silent":
                assert source not in {s.article_id for s in group.spans}
    # no group counts as support a claim that contradicts its statement
    for conflict in numbers:
        assert not any(set(conflict.claims) <= set(g.claims) for g in alignment.groups)
    # at equal support, a claim that gives a figure lists before one that names nothing
    one_outlet = [g for g in alignment.groups if g.sourcing == "one_outlet"]
    texts = [next(c.text for c in claims if c.id == g.claims[0]) for g in one_outlet]
    assert texts.index("Officials said 15 people were killed in the collapse of the bridge.") < \
        texts.index("Local football club wins the regional cup final.")
    assert all(g.details == 0 for g, t in zip(one_outlet, texts) if not any(ch.isdigit() for ch in t))


@pytest.mark.slow
def test_support_check_prefers_supported_sentences():
    source = ["Police said three armed men took a five-figure sum from the van in Glasgow on Monday.",
              "Two security guards aged 47 and 49 were left badly shaken but no one was injured."]
    supported = "Three armed men robbed a van in Glasgow on Monday, police said."
    invented = "Four armed men robbed a van in Edinburgh on Friday and shot 12 guards."
    assert support_score(supported, source) > support_score(invented, source)
    assert is_supported(supported, source) and not is_supported(invented, source)
    assert 0.0 <= support_score("Nothing here.", []) <= 1.0


@pytest.mark.parametrize("text, statement", [
    ('Russia was not involved in the talks," the ministry stated in a post.', "Russia was not involved in the talks."),
    ("The ministry further said that troops in the region have been put on high alert.",
     "troops in the region have been put on high alert."),
    ("Meanwhile, a statement from the ministry said, “We follow the events with extreme concern.",
     "We follow the events with extreme concern."),
    ("The company offered $55 million to settle the lawsuits, according to a court filing.",
     "The company offered $55 million to settle the lawsuits."),
])
def test_reported_content_drops_the_reporting_frame(text, statement):
    assert reported_content(text) == statement


@pytest.mark.parametrize("text", [
    "In the United States, heart attacks kill about 460,000 a year.",  # "States" is no reporting verb
    "Officials did not say where he is, and expressed extreme worry about the situation.",  # a negated frame
    "The minister said so.",  # too little would be left
    "Nobody expected the vote to pass, but many observers said it was likely soon.",  # a clause, not a frame
])
def test_reported_content_keeps_what_is_not_a_frame(text):
    assert reported_content(text).rstrip(".") == text.rstrip(".")


def test_ngram_precision_and_lcs():
    a, b = ["the", "cat", "sat", "on", "the", "mat"], ["the", "cat", "lay", "on", "the", "mat"]
    assert ngram_precision(a, b, 1) == pytest.approx(5 / 6)
    assert ngram_precision(a, b, 2) == pytest.approx(3 / 5)
    assert ngram_precision([], b, 1) == 0.0
    assert lcs_length(a, b) == 5 and lcs_length(a, []) == 0


@pytest.mark.slow
def test_token_weights_favour_rare_words_and_ignore_punctuation():
    weights = token_weights()
    [(ids, vectors)] = encode_tokens(["The parliament adjourned."])
    assert len(ids) == len(vectors) and np.allclose(np.linalg.norm(vectors.astype(float), axis=1), 1, atol=1e-2)
    the, parliament, period = weights[ids[0]], weights[ids[1]], weights[ids[-1]]
    assert parliament > the > 0 and period == 0


@pytest.mark.slow
def test_extra_material_counts_as_unaligned_weight():
    texts = ["The plant closed on Monday.", "The plant closed on Monday.",
             "The plant closed on Monday after a fire destroyed its main warehouse."]
    rows = PairFeaturizer(texts).features(texts, [(0, 1), (0, 2)])
    unaligned = MATCH_FEATURES.index("unaligned60_max")
    align_min = MATCH_FEATURES.index("align_min")
    assert rows[0, unaligned] == 0 and rows[1, unaligned] > 0
    assert rows[0, align_min] > rows[1, align_min]


@pytest.mark.slow
def test_reporting_frames_do_not_keep_one_statement_apart():
    """Issue #6: the same statement, framed by different reporting clauses, is matched."""
    texts = ["Russia did not take part in these negotiations, the ministry said.",
             "The agency reported that Russia was not involved in these negotiations.",
             "The ministry said that the embassy will reopen next week."]
    scores = match_matrix(texts, ["a", "b", "c"], SETTINGS)
    assert scores[0, 1] >= SETTINGS.match_threshold > max(scores[0, 2], scores[1, 2])


def test_first_person_in_reported_speech_is_the_speaker():
    said = "Meanwhile, a statement from the Foreign Ministry said, “We are following the events with concern."
    assert reported_content(said) == "Foreign Ministry are following the events with concern."
    assert reported_content("We will appeal the ruling, he said.") == "We will appeal the ruling."
    assert reported_content("We will appeal the ruling.", "Acme Corp") == "Acme Corp will appeal the ruling."
    assert frame_speaker("the Russian statement added") is None


@pytest.mark.slow
def test_a_quoted_we_matches_the_speakers_own_statement():
    quoted = "In a statement the Foreign Ministry said, “We are following the events in the region with great concern."
    texts = [quoted, "The Foreign Ministry is deeply concerned about the events in the region."]
    assert match_matrix(texts, ["a", "b"], SETTINGS)[0, 1] >= SETTINGS.match_threshold


def test_only_candidate_pairs_get_the_full_features_and_unrelated_ones_score_zero():
    texts = ["The storm closed the northern pier on Monday.", "On Monday the storm shut the northern pier.",
             "Ticket prices for the concert rose by ten euros."]
    scores = match_matrix(texts, ["a", "b", "b"], SETTINGS)
    assert scores[0, 1] > SETTINGS.match_threshold
    assert scores[0, 2] == 0.0 and scores[2, 0] == 0.0


def test_claims_attributed_to_one_named_speaker_are_one_origin():
    from crosswire.align import claim_origins

    said = lambda aid, who: Claim(f"c_{aid}", Span(aid, 0, 10), "The port will reopen.", attributed_to=who)
    # three outlets word one ministry's statement their own way: one origin, not three
    assert claim_origins([said("a", "Patrian Ministry"), said("b", "the Patrian Ministry"),
                          said("c", "Patrian Ministry's")], []) == 1
    # unattributed reports and unnamed speakers stay their own origins
    assert claim_origins([said("a", None), said("b", None), said("c", "officials")], []) == 3
    # a speaker links the families its claims fall in: the relay of b (family with c) and a's quote
    relay = Family("f", (Span("b", 0, 10), Span("c", 0, 10)), None)
    assert claim_origins([said("a", "Patrian Ministry"), said("b", "Patrian Ministry"), said("c", None)],
                         [relay]) == 1
    assert claim_origins([said("a", "Patrian Ministry"), said("b", "Eastland Ministry")], []) == 2
    # one article is one origin: its own sentence about the statement joins the speaker's origin
    own = Claim("c_own", Span("a", 20, 30), "The Patrian Ministry voiced concern.")
    assert claim_origins([own, said("a", "Patrian Ministry"), said("b", "Patrian Ministry")], []) == 1


def test_a_source_that_names_no_one_beside_one_named_speaker_relays_it():
    from crosswire.align import claim_origins, unnamed_source

    said = lambda aid, who: Claim(f"c_{aid}", Span(aid, 0, 10), "The port will reopen.", attributed_to=who)
    assert [unnamed_source(w) for w in ("Patrian officials", "The agency", "the ministry", "officials", "It",
                                        "he", None, "The Patrian Foreign Ministry", "Ana Marn")] == [
        True, True, True, True, False, False, False, False, False]
    # "Patrian officials" and "the agency" state what only the ministry is named as saying: one origin
    assert claim_origins([said("a", "the Patrian Foreign Ministry"), said("b", "Patrian officials"),
                          said("c", "The agency")], []) == 1
    # beside two named speakers, which one they relay is unknown: they stay origins of their own
    assert claim_origins([said("a", "the Patrian Foreign Ministry"), said("b", "Ana Marn"),
                          said("c", "Patrian officials")], []) == 3
    # a sentence-opening capital names no one: "The agency" or "He" in two outlets is no shared origin
    assert claim_origins([said("a", "The agency"), said("b", "The agency")], []) == 2
    assert claim_origins([said("a", "He"), said("b", "He")], []) == 2
    # nor do a pronoun and the outlet's own voice relay the named speaker
    assert claim_origins([said("a", "the Patrian Foreign Ministry"), said("b", "he"), said("c", None)], []) == 3


def test_one_outlets_reports_are_one_origin_and_unknown_outlets_stay_apart():
    from crosswire.align import claim_origins

    told = lambda aid: Claim(f"c_{aid}", Span(aid, 0, 10), "The port will reopen.")
    outlets = {"a": "AP", "b": "AP", "c": "Xinhua", "d": None, "e": None}
    assert claim_origins([told("a"), told("b")], [], outlets) == 1  # an outlet's second report
    assert claim_origins([told("a"), told("c")], [], outlets) == 2
    assert claim_origins([told("d"), told("e")], [], outlets) == 2  # nothing says they share a desk


def test_encoders_answer_calls_larger_than_their_caches(monkeypatch):
    from crosswire.align import embed

    texts = [f"The port reopened on day {n} of the strike." for n in range(5)]
    expected = embed.encode(texts)
    monkeypatch.setattr(embed, "_TOKENS_SIZE", 2)
    monkeypatch.setattr(embed, "_CACHE_SIZE", 2)
    tokens = embed.encode_tokens(texts + texts[:1])  # more texts than the cache holds, one repeated
    assert len(tokens) == 6 and all(len(ids) == len(vectors) > 0 for ids, vectors in tokens)
    again = embed.encode(texts + texts[:1])
    assert np.allclose(again[:5], expected, atol=1e-3) and np.allclose(again[5], expected[0], atol=1e-3)
    assert len(embed._TOKENS) <= 2 and len(embed._CACHE) <= 2


def _edit_distance_table(a: list[str], b: list[str]) -> int:
    """The textbook dynamic programme, the reference for the bit-parallel edit distance."""
    previous = list(range(len(b) + 1))
    for i, token in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (token != other)))
        previous = current
    return previous[-1]


_TOKEN_LISTS = st.lists(st.sampled_from(["the", "bridge", "fell", "a", "river", "on", "Monday"]), max_size=70)


@given(_TOKEN_LISTS, _TOKEN_LISTS)
@settings(max_examples=300, deadline=None)
def test_bit_parallel_edit_distance_equals_the_dynamic_programme(a, b):
    """Issue #6 (align speed): lists longer than a machine word included."""
    assert edit_distance(a, b) == _edit_distance_table(a, b)


@given(_TOKEN_LISTS, _TOKEN_LISTS)
@settings(max_examples=200, deadline=None)
def test_clipped_overlap_is_the_size_of_the_multiset_intersection(a, b):
    for n in (1, 2):
        ga, gb = ngram_counts(a, n), ngram_counts(b, n)
        assert clipped_overlap(ga, gb) == clipped_overlap(gb, ga) == sum((ga & gb).values())


def test_char_ratio_is_difflibs_ratio():
    texts = ["The bridge over the river collapsed on Monday.", "A bridge across the river fell on Monday evening.",
             "Ticket prices rose.", "", "the BRIDGE over the river collapsed on monday."]
    for a in texts:
        for b in texts:
            expected = difflib.SequenceMatcher(None, a.lower(), b.lower(), autojunk=False).ratio()
            assert char_ratio(a, b) == expected


@pytest.mark.slow
def test_fast_pair_features_give_the_reference_probabilities(monkeypatch):
    """Issue #6 (align speed): the match matrix of the fast path (bit-parallel edit distance,
    compiled difflib, clipped n-gram overlap counted once, texts parsed only when in a candidate
    pair) equals the one computed with the textbook implementations."""
    from crosswire.align import lexical

    texts = [line for text, _, _ in STORY.values() for line in text.split("\n")]
    texts += ["Twelve people were killed when the old bridge over the river collapsed on Monday, police said.",
              "Ticket prices for the concert rose by ten euros."]
    articles = [aid for aid, (text, _, _) in STORY.items() for _ in text.split("\n")] + ["d", "d"]
    fast = match_matrix(texts, articles, SETTINGS)
    monkeypatch.setattr(lexical, "edit_distance", _edit_distance_table)
    monkeypatch.setattr(lexical, "char_ratio", lambda a, b: difflib.SequenceMatcher(
        None, a.lower(), b.lower(), autojunk=False).ratio())
    monkeypatch.setattr(lexical, "clipped_overlap", lambda a, b: sum((a & b).values()))
    assert (fast >= SETTINGS.match_threshold).any() and np.array_equal(fast, match_matrix(texts, articles, SETTINGS))
    every = [(i, j) for i in range(len(texts)) for j in range(i + 1, len(texts))]
    featurizer = PairFeaturizer(texts)
    rows = featurizer.features(texts, every)
    assert np.array_equal(rows[[0, 5]], featurizer.features(texts, [every[0], every[5]]))


@pytest.mark.slow
def test_relative_dates_against_an_inferred_publication_date_are_not_compared():
    import dataclasses

    def dated_claim(article: Article, expression: str, resolved: str) -> Claim:
        start = article.text.index(expression)
        value = Value("date", Span(article.id, start, start + len(expression)), expression, resolved, "day")
        return Claim(f"c_{article.id}", Span(article.id, 0, len(article.text)), article.text, values=(value,))

    a = make_article("a", "The gunman opened fire at the depot yesterday.", 5, "Daily A")
    b = make_article("b", "The gunman opened fire at the depot on Friday.", 5, "Herald B")
    claims = [dated_claim(a, "yesterday", "2024-03-04"), dated_claim(b, "Friday", "2024-03-01")]
    given = align_story("s", claims, {"a": a, "b": b}, [], SETTINGS)
    assert [c.kind for c in given.conflicts] == ["date"]
    guessed = dataclasses.replace(b, published_source="inferred")
    inferred = align_story("s", claims, {"a": a, "b": guessed}, [], SETTINGS)
    assert inferred.conflicts == ()



def test_a_short_claim_matches_only_a_claim_that_holds_all_it_says():
    import dataclasses

    from crosswire.align.matching import match_matrix

    settings = AlignSettings()
    unchecked = dataclasses.replace(settings, match_short_words=0)
    different = ("Only 12 were sold.", "Only 30 of the paintings were ever sold.")
    assert match_matrix(list(different), ["x", "y"], unchecked)[0, 1] >= settings.match_threshold  # the combiner alone
    assert match_matrix(list(different), ["x", "y"], settings)[0, 1] == 0.0
    held = ("The bridge collapsed on Monday.", "The old bridge collapsed on Monday, police said.")
    assert match_matrix(list(held), ["x", "y"], settings)[0, 1] >= settings.match_threshold
    synonyms = ("The mayor resigned on Friday.", "The mayor quit on Friday.")  # a word MiniLM reads alike
    assert match_matrix(list(synonyms), ["x", "y"], settings)[0, 1] >= settings.match_threshold


def test_opposite_verbs_of_one_subject_are_no_one_statement():
    from crosswire.align.matching import match_matrix

    suspended = "The national airline suspended all its flights to the island on Monday, officials said."
    resumed = "The national airline resumed all its flights to the island on Monday, officials said."
    halted = "The national airline halted all of its flights to the island on Monday, a spokesman said."
    scores = match_matrix([suspended, resumed, halted], ["x", "y", "z"], SETTINGS)
    assert scores[0, 1] == 0.0 and scores[1, 2] == 0.0
    assert scores[0, 2] >= SETTINGS.match_threshold
    from crosswire.align.lexical import opposed

    assert not opposed("Jones won the seat by 300 votes.", "Smith lost the seat to Jones by 300 votes.")
    assert not opposed("Rising prices hurt the farmers.", "Prices fell in May.")  # "rising" has no subject before it


def test_two_named_actors_doing_alike_things_are_no_one_statement():
    import dataclasses

    from crosswire.align.matching import different_actors, match_matrix, named_actors

    texts = ["Senator Dana Whitfield urged black voters in Ohio to turn out for the party in the autumn election.",
             "Governor Carl Ostby urged black voters in Ohio to turn out for the party in the autumn election.",
             "Black voters in Ohio were urged by Senator Whitfield to turn out for the party in the autumn election."]
    actors = named_actors([0, 1, 2], texts)
    assert actors[0].endswith("Whitfield") and actors[1].endswith("Ostby")
    assert different_actors(texts[0], texts[1], actors[0], actors[1])
    assert not different_actors(texts[0], texts[2], actors[0], actors.get(2))  # one actor, told in the passive
    assert not different_actors("The AP reported the fire.", "The Associated Press reported the fire.",
                                "AP", "Associated Press")  # an acronym
    unchecked = dataclasses.replace(SETTINGS, match_actor_veto=False)
    assert match_matrix(texts[:2], ["x", "y"], unchecked)[0, 1] >= SETTINGS.match_threshold  # the combiner alone
    assert match_matrix(texts[:2], ["x", "y"], SETTINGS)[0, 1] == 0.0
    places = ["Moscow rejected the new gas pipeline plan on Monday.", "Russia rejected the new gas pipeline plan on Monday."]
    assert named_actors([0, 1], places) == {}  # a place or a body may stand for another: no persons


def test_a_lone_surname_the_story_knows_as_a_person_is_an_actor_whatever_the_tagger_says():
    from crosswire.align.matching import _readings, match_matrix, ruled_out

    texts = ["Halden was in Osten at the time of the murder.", "Vey was 17 at the time of the murder.",
             "Tomas Lind Halden was in Osten at the time of the murder."]
    persons = {"Tomas Lind Halden", "Halden", "Eric Vey", "Vey"}
    subjects = {i: r.subject for i, r in _readings([0, 1, 2], texts).items()}
    assert subjects == {0: "Halden", 1: "Vey", 2: "Tomas Lind Halden"}  # as written, whatever the tagger took them for
    assert ruled_out(texts, [(0, 1)], SETTINGS, persons)[0]  # two people: no one statement
    assert not ruled_out(texts, [(0, 2)], SETTINGS, persons)[0]  # one person, named in full and by surname
    assert match_matrix(texts[:2], ["x", "y"], SETTINGS, persons=persons)[0, 1] == 0.0


def test_places_resolve_with_their_country_and_region():
    from crosswire.extract.places import may_be_one_place, resolve_place

    assert ("NA", "US", "MD") in resolve_place("Maryland") and resolve_place("the Maryland") == resolve_place("Maryland")
    assert {p[:3] for p in resolve_place("Baltimore")} == {("NA", "US", "MD")}
    assert ("AS", "GE") in resolve_place("Georgia") and ("NA", "US", "GA") in resolve_place("Georgia")  # both readings
    assert resolve_place("Nowhereville Upon Tyne") == frozenset()
    assert may_be_one_place(resolve_place("Baltimore"), resolve_place("Maryland"))  # one within the other
    assert may_be_one_place(resolve_place("Moscow"), resolve_place("Russia"))
    assert may_be_one_place(resolve_place("China"), resolve_place("Asia"))
    assert may_be_one_place(resolve_place("Queens"), resolve_place("New York City"))  # one region: not told apart
    assert not may_be_one_place(resolve_place("Maryland"), resolve_place("Syracuse"))
    assert not may_be_one_place(resolve_place("Baghdad"), resolve_place("Utah"))
    assert may_be_one_place(frozenset(), resolve_place("Utah"))  # an unknown name may be anything


def test_two_findings_in_places_that_cannot_be_one_are_no_one_statement():
    import dataclasses

    from crosswire.align.matching import different_places, match_matrix

    texts = ["A dead crow found in a park tested positive for the virus in Maryland, health officials said.",
             "A dead crow found in a park tested positive for the virus in Syracuse, health officials said.",
             "A dead crow found in a park tested positive for the virus in Baltimore, health officials said.",
             "A dead crow found in a park tested positive for the virus, health officials said."]
    unchecked = dataclasses.replace(SETTINGS, match_place_veto=False)
    alone = match_matrix(texts, ["a", "b", "c", "d"], unchecked)
    assert alone[0, 1] >= SETTINGS.match_threshold  # the combiner alone takes them for one statement
    scores = match_matrix(texts, ["a", "b", "c", "d"], SETTINGS)
    assert scores[0, 1] == 0.0 and scores[1, 2] == 0.0
    assert scores[0, 2] == alone[0, 2] >= SETTINGS.match_threshold  # Baltimore lies in Maryland
    assert scores[0, 3] == alone[0, 3]  # a claim that says no place may be either
    # a place that stands for its government, or only passes by, is no place of the event
    assert not different_places("Moscow rejected the plan.", "Washington rejected the plan.", [], [])
    from crosswire.align.matching import _readings

    read = _readings([0, 1, 2, 3], ["Moscow rejected the pipeline plan on Monday.",
                                    "Kansas health officials said the woman was hospitalized.",
                                    "Officers from a unit that served in Iraq attended the party.",
                                    ("Within Ohio state, the disease has also spread in the last month, with a report for "
                                     "the first time this year that sick deer had been found far from Columbus, in Lake County.")])
    assert 0 not in read or read[0].places == ()
    assert read[1].places == ("Kansas",)
    assert 2 not in read or read[2].places == ()
    assert read[3].places == ("Ohio", "Columbus", "Lake County")  # a clause of content is no relative clause
    # either text naming the other's place makes it one telling
    assert not different_places("Spraying began in Maryland after a crow was found in Syracuse.",
                                "Spraying began in Syracuse.", ["Maryland"], ["Syracuse"])
    assert different_places("Spraying began in Maryland.", "Spraying began in Syracuse.", ["Maryland"], ["Syracuse"])


def test_claims_that_share_only_the_storys_own_words_do_not_corroborate_each_other():
    from crosswire.align.matching import story_theme, theme_only

    settings = AlignSettings()
    articles = [f"The ferry Orla sank off Skerry harbour; report {n} on the rescue and the inquiry." for n in range(7)]
    theme = story_theme(articles, settings)
    from crosswire.align.lexical import stem

    assert {stem(w) for w in ("ferry", "orla", "sank", "harbour")} <= theme
    assert stem("dawn") not in theme and stem("divers") not in theme
    assert story_theme(articles[:5], settings) == frozenset()  # too few articles to tell a theme
    texts = ["The ferry Orla sank at dawn, the coast guard said.",       # 0
             "Divers reached the ferry Orla that sank last week.",       # 1: shares only the story's words with 0
             "The coast guard said the ferry sank at dawn.",             # 2: shares "dawn", "coast", "guard" with 0
             "Relatives gathered where the Orla sank."]                  # 3
    scores = np.zeros((4, 4))
    for (i, j), p in {(0, 1): 0.62, (0, 2): 0.62, (1, 3): 0.85, (0, 3): 0.3}.items():
        scores[i, j] = scores[j, i] = p
    kept = theme_only(scores, texts, theme, settings)
    assert kept[0, 1] == kept[1, 0] == 0.0
    assert kept[0, 2] == 0.62  # a word beyond the story's own
    assert kept[1, 3] == 0.85  # sure enough on its own
    assert kept[0, 3] == 0.3 and scores[0, 1] == 0.62  # below the threshold untouched; the input is not changed
    assert (theme_only(scores, texts, frozenset(), settings) == scores).all()
