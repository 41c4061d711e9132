"""Stories (issue #4): batch clustering, look-alikes apart, LSH, metrics, stable ids."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path

import numpy as np
import pytest

from crosswire.clean import clean_document
from crosswire.eval.stories import b_cubed, clustering_scores, topic_halves
from crosswire.model import Document, Family, Span
from crosswire.settings import Settings
from crosswire.stories import ann, cluster_articles, labels_of, run_stage, story_id
from crosswire.stories.features import build_features, entity_proxy, pair_probabilities, pair_similarities

CHEAP = dataclasses.replace(Settings().stories, dense_model=None)


def article(aid: str, text: str, published: dt.date | None = None):
    doc = Document(id=aid, source=aid, raw_text=text, format="text", body=text, published=published,
                   published_source="given" if published else "unknown")
    return clean_document(doc)


def quake(aid: str, place: str, region: str, dead: str, magnitude: str, day: str, variant: int):
    openings = [
        f"A magnitude {magnitude} earthquake struck {place} in {region} on {day}, killing {dead} people.",
        f"At least {dead} people died when a {magnitude} magnitude quake hit {place}, {region}, on {day}.",
        f"Rescuers in {place} searched rubble after the {magnitude} quake that killed {dead} in {region}.",
    ]
    body = (f" Officials in {place} said the death toll of {dead} could rise. The {region} governor said "
            f"hospitals in {place} were overwhelmed. The quake of magnitude {magnitude} was felt across {region}. "
            "Aftershocks continued through the night and residents slept outdoors.")
    return article(aid, openings[variant % 3] + body)


@pytest.fixture(scope="module")
def two_quakes():
    a = [quake(f"a{k}", "Padang", "West Sumatra", "1,100", "7.6", "Wednesday", k) for k in range(4)]
    b = [quake(f"b{k}", "Quetta", "Baluchistan", "215", "6.4", "Friday", k) for k in range(4)]
    return a + b


def test_b_cubed_by_hand():
    # predicted {1,2} {3}; gold {1,2,3}: precision 1; recall (2/3+2/3+1/3)/3 = 5/9
    p, r, f = b_cubed(["x", "x", "y"], ["g", "g", "g"])
    assert p == 1.0 and r == pytest.approx(5 / 9) and f == pytest.approx(2 * (5 / 9) / (1 + 5 / 9))
    assert b_cubed(["a", "b"], ["a", "b"]) == (1.0, 1.0, 1.0)
    p, r, _ = b_cubed(["a", "a", "a", "a"], ["x", "x", "y", "y"])
    assert (p, r) == (0.5, 1.0)
    with pytest.raises(ValueError):
        b_cubed(["a"], ["a", "b"])


def test_clustering_scores_counts_and_ari():
    scores = clustering_scores([1, 1, 2, 2], ["a", "a", "b", "b"])
    assert scores["ari"] == pytest.approx(1.0) and scores["v_measure"] == pytest.approx(1.0)
    assert (scores["predicted_stories"], scores["gold_stories"]) == (2, 2)
    assert clustering_scores([1, 1, 1, 1], ["a", "a", "b", "b"])["ari"] == pytest.approx(0.0)


def test_topic_halves_are_disjoint_and_cover():
    halves = topic_halves([1, 2, 3, 4, 4])
    assert list(halves["calibration"]) == [True, False, True, False, False]
    assert not (halves["calibration"] & halves["held_out"]).any() and halves["all"].all()


def test_entity_proxy_skips_sentence_starts_and_keeps_numbers():
    assert entity_proxy("Rescuers reached Padang. The toll hit 1,100 on Monday.") == ["padang", "1,100", "monday"]


def test_look_alike_events_stay_apart(two_quakes):
    stories = cluster_articles(two_quakes, [], CHEAP)
    groups = sorted(sorted(s.article_ids) for s in stories)
    assert groups == [["a0", "a1", "a2", "a3"], ["b0", "b1", "b2", "b3"]]


def test_same_event_pairs_score_above_look_alike_pairs(two_quakes):
    features = build_features(two_quakes, CHEAP)
    same = pair_probabilities(features, features, np.array([0, 4]), np.array([1, 5]), CHEAP)
    other = pair_probabilities(features, features, np.array([0, 1]), np.array([4, 5]), CHEAP)
    assert same.min() > other.max()


def test_lead_entities_tell_apart_articles_whose_bodies_share_names():
    """The lead names this event's who and where; a body that recalls an earlier, similar event
    shares that event's names, which the lead feature does not count."""
    recap = (" Last year a quake in Padang, West Sumatra killed 1,100 people and Rescuers from Jakarta "
             "searched for days. The Padang quake of magnitude 7.6 was felt across West Sumatra.")
    filler = " Aftershocks went on through the night and families slept outdoors in the cold." * 5
    a = article("a", "A magnitude 6.4 quake struck Quetta in Baluchistan on Friday, killing 215 people."
                + filler + recap)
    b = article("b", "Officials in Padang said the toll of 1,100 could rise after the 7.6 quake in West Sumatra."
                + filler)
    c = article("c", "Rescuers in Quetta searched rubble after the 6.4 quake that killed 215 in Baluchistan."
                + filler + recap)
    full = Settings().stories  # the default path weighs the lead (embeddings are not needed here)
    assert len(a.text) - len(recap) > full.lead_entity_chars  # the recap lies beyond the lead
    features = build_features([a, b, c], full, embed_missing=False)
    x = pair_similarities(features, features, np.array([0, 0]), np.array([1, 2]))
    assert x[1, 3] > 0.5 and x[0, 3] < 0.1  # lead: a is close to c, far from b
    assert x[0, 2] > 2 * x[0, 3]  # the whole text shares the recalled event's names with b


def test_lead_matrix_is_built_only_for_a_path_that_weighs_it(two_quakes):
    assert build_features(two_quakes, CHEAP).lead is None  # cheap path: lead weight 0
    full = build_features(two_quakes, Settings().stories, embed_missing=False)
    assert full.lead is not None and full.lead.shape[0] == len(two_quakes)


def test_shared_neighbours_count_common_most_probable_links(two_quakes):
    from crosswire.stories.features import with_shared_neighbours

    features = build_features(two_quakes[:5], CHEAP)
    i, j = np.triu_indices(5, 1)
    # articles 0-2 link strongly to each other, 3-4 to each other, everything else weakly
    p = np.where((i < 3) & (j < 3) | (i >= 3) & (j >= 3), 0.9, 0.1).astype(np.float32)
    shared = with_shared_neighbours(features, i, j, p, k=2)
    neighbours = shared.neighbours.toarray() > 0
    assert neighbours[0].tolist() == [True, True, True, False, False]  # itself and its two best links
    x = pair_similarities(shared, shared, np.array([0, 0, 3]), np.array([1, 3, 4]))[:, 4]
    assert x[0] == pytest.approx(1.0) and x[1] < 0.5 < x[2]
    assert not pair_similarities(shared, features, np.array([0]), np.array([1]))[:, 4].any()  # same set only


def test_links_below_the_floor_make_no_neighbours(two_quakes):
    from crosswire.stories.features import with_shared_neighbours

    features = build_features(two_quakes[:5], CHEAP)
    i, j = np.triu_indices(5, 1)
    # article 4 is unrelated to everything (first-pass probability 0.001); 0-3 link strongly
    p = np.where(j == 4, 0.001, 0.9).astype(np.float32)
    without = with_shared_neighbours(features, i, j, p, k=3).neighbours.toarray() > 0
    floored = with_shared_neighbours(features, i, j, p, k=3, floor=0.05).neighbours.toarray() > 0
    assert without[4].sum() == 4  # itself and three forced "neighbours"
    assert floored[4].tolist() == [False, False, False, False, True]
    assert floored[0].tolist() == without[0].tolist() == [True, True, True, True, False]


def test_an_unrelated_report_beside_one_story_stays_on_its_own(two_quakes):
    stray = article("z", "A wooden footbridge over the Lindau canal collapsed on Tuesday morning under the weight of "
                         "a delivery van, the fire brigade said. Nobody was hurt. The driver climbed out through the "
                         "window before the van sank, and divers recovered it in the afternoon.")
    stories = cluster_articles([*two_quakes[:4], stray], [], Settings().stories)  # the dense path, both passes
    assert sorted(sorted(s.article_ids) for s in stories) == [["a0", "a1", "a2", "a3"], ["z"]]


def test_time_window_keeps_dated_articles_apart():
    text = ("Officials in Padang said the toll of 1,100 could rise after the magnitude 7.6 quake. "
            "Rescuers in Padang searched the rubble of West Sumatra towns through the night.")
    close = [article("x1", text, dt.date(2024, 1, 1)), article("x2", text + " More later.", dt.date(2024, 1, 3))]
    beyond = dt.date(2024, 1, 1) + dt.timedelta(days=CHEAP.cheap_window_days + 1)  # the cheap path's window
    far = [close[0], article("x3", text + " More later.", beyond)]
    assert len(cluster_articles(close, [], CHEAP)) == 1
    assert len(cluster_articles(far, [], CHEAP)) == 2


def test_date_markers_weigh_reports_of_one_date_together():
    from crosswire.stories.features import date_markers

    text = ("Officials in Padang said the toll of 1,100 could rise after the magnitude 7.6 quake. "
            "Rescuers in Padang searched the rubble of West Sumatra towns through the night.")
    same = [article("d1", text, dt.date(2024, 1, 1)), article("d2", text + " More later.", dt.date(2024, 1, 2))]
    other = article("d3", text + " More later.", dt.date(2019, 6, 1))
    undated = article("d4", text + " More later.")
    assert date_markers(undated) == "" and "Y2024" in date_markers(same[0])
    full = Settings().stories
    features = build_features([*same, other, undated], full, embed_missing=False)
    x = pair_similarities(features, features, np.array([0, 0, 0]), np.array([1, 2, 3]))
    assert x[0, 2] > x[1, 2] and x[0, 3] > x[1, 3]  # entity and lead overlap: same days beat years apart
    plain = build_features([*same, other], dataclasses.replace(full, date_markers=False), embed_missing=False)
    y = pair_similarities(plain, plain, np.array([0]), np.array([2]))
    assert x[1, 2] < y[0, 2]  # without markers the two dates are not told apart


def test_time_closeness_raises_the_link_of_reports_days_apart():
    from crosswire.stories.features import time_closeness

    text = "Police in Livorno arrested Marco Bellini after a raid that seized 420 kilograms of cocaine."
    days = [dt.date(2024, 3, 1), dt.date(2024, 3, 2), dt.date(2024, 3, 25), None]
    arts = [article(f"t{k}", text + f" Update {k}.", d) for k, d in enumerate(days)]
    full = Settings().stories
    dense = np.tile(np.eye(1, 8, dtype=np.float32), (4, 1))  # one embedding for all: only time differs
    features = build_features(arts, full, dense=dense)
    x = pair_similarities(features, features, np.array([0, 0, 0]), np.array([1, 2, 3]),
                          time_scale_days=full.time_scale_days)[:, 5]
    assert x[0] == pytest.approx(np.exp(-1 / full.time_scale_days)) and x[1] < 0.001 and x[2] == 0.0
    assert time_closeness(np.array([5.0]), np.array([5.0]), 3.0)[0] == 1.0
    p = pair_probabilities(features, features, np.array([0, 0]), np.array([1, 2]), full)
    assert full.time_weight > 0 and p[0] > p[1]


def test_near_duplicate_family_always_shares_a_story(two_quakes):
    a, b = two_quakes[0], two_quakes[4]
    family = Family("f1", (Span(a.id, 0, 10), Span(b.id, 0, 10)), None, "document")
    stories = cluster_articles(two_quakes, [family], CHEAP)
    assert any({a.id, b.id} <= set(s.article_ids) for s in stories)
    passage = dataclasses.replace(family, kind="passage")
    assert not any({a.id, b.id} <= set(s.article_ids) for s in cluster_articles(two_quakes, [passage], CHEAP))


def test_run_stage_infers_dates_and_keeps_contract(two_quakes):
    dated = [dataclasses.replace(two_quakes[0], published=dt.date(2024, 5, 1), published_source="given"),
             *two_quakes[1:]]
    settings = Settings().replace("stories", dense_model=None)
    out = run_stage({"articles": dated, "families": []}, settings, lambda n: None)
    assert set(out) == {"stories", "articles"}
    inferred = {a.id: a for a in out["articles"]}
    assert inferred["a1"].published == dt.date(2024, 5, 1) and inferred["a1"].published_source == "inferred"
    assert inferred["b1"].published is None


def test_an_undated_report_takes_its_dateline_day_in_the_year_its_story_gives():
    from crosswire.model import Story
    from crosswire.stories import infer_dates

    texts = {
        "x1": "ANKARA, August 20 (Xinhua) -- Rescuers pulled two survivors from the rubble on Friday.",
        "x2": "ANKARA, Dec. 30 (Xinhua) -- The government promised new homes for the survivors by spring.",
        "x3": "The August 17, 1999 earthquake left 200,000 people homeless, officials said.",
        "x4": "Survivors of the August 17, 1999 earthquake still live in tents, the Red Crescent said.",
        "x5": "Builders who ignored the 1998 code face trial, prosecutors said on Monday.",
    }
    undated = [article(aid, t) for aid, t in texts.items()]
    story = Story("s", tuple(texts), "Quake", None, None)
    out = {a.id: a for a in infer_dates(undated, [story], 120)}
    assert (out["x1"].published, out["x1"].published_source) == (dt.date(1999, 8, 20), "inferred")
    assert out["x2"].published is None  # 135 days from the dates the story writes: no year to give it
    assert out["x5"].published == dt.date(1999, 8, 20)  # no dateline: the story's earliest, its dateline's
    # known publication dates come first: a report dated 2 January 2000 puts Dec. 30 in 1999
    dated = [dataclasses.replace(undated[4], published=dt.date(2000, 1, 2), published_source="given"), *undated[:4]]
    story = Story("s", tuple(texts), "Quake", dt.date(2000, 1, 2), dt.date(2000, 1, 2))
    out = {a.id: a for a in infer_dates(dated, [story], 120)}
    assert out["x2"].published == dt.date(1999, 12, 30)
    assert out["x1"].published is None  # 20 August 1999 is 135 days away; the story's date, its dateline contradicts
    assert out["x3"].published == dt.date(2000, 1, 2)
    assert {a.id: a.published for a in infer_dates(undated, [story], 0)}["x2"] == dt.date(2000, 1, 2)


def test_story_id_follows_founding_article():
    assert story_id(["b", "a"]) == story_id(["a", "c"]) != story_id(["b", "c"])


def test_ann_path_matches_exact_path(two_quakes):
    many = dataclasses.replace(CHEAP, exact_max_articles=2, ann_min_articles=4, neighbours=5)
    exact = cluster_articles(two_quakes, [], CHEAP)
    approx = cluster_articles(two_quakes, [], many)
    assert sorted(s.article_ids for s in exact) == sorted(s.article_ids for s in approx)


def test_lsh_finds_near_vectors_and_not_opposite_ones():
    rng = np.random.default_rng(1)
    base = rng.standard_normal((50, 64)).astype(np.float32)
    near = base + 0.05 * rng.standard_normal((50, 64)).astype(np.float32)
    vectors = np.vstack([base, near])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    keys = ann.bucket_keys(vectors, ann.hyperplanes(64, 24, 10), 24, 10)
    i, j = ann.candidate_pairs(keys)
    found = set(zip(i.tolist(), j.tolist()))
    assert sum((k, k + 50) in found for k in range(50)) >= 45
    assert len(found) < 200  # far from the 4,950 pairs of brute force


def test_top_k_per_row_keeps_best_pairs():
    i, j = np.array([0, 0, 0, 1]), np.array([1, 2, 3, 2])
    keep = ann.top_k_per_row(i, j, np.array([0.9, 0.1, 0.5, 0.2]), 1)
    # 0 and 1 keep (0, 1); 2 keeps (1, 2), its better pair; 3 keeps its only pair (0, 3)
    assert keep.tolist() == [True, False, True, True]


def test_labels_of_maps_articles_to_story_index(two_quakes):
    stories = cluster_articles(two_quakes, [], CHEAP)
    labels = labels_of(stories, two_quakes)
    assert len(set(labels[:4])) == 1 and labels[0] != labels[4]


def _eval_root() -> Path:
    return Path(os.environ.get("CROSSWIRE_EVAL") or Path(__file__).resolve().parents[1].parent / "shared" / "eval")


@pytest.mark.eval
def test_ecbplus_floor_cheap_path_on_held_out_topics():
    """Evaluation gate: the cheap path (no encoder, seconds) on the first ten held-out topics."""
    from crosswire.eval.stories import load_ecbplus

    path = _eval_root() / "ecbplus"
    if not (path / "articles.jsonl").is_file():
        pytest.skip(f"ECB+ not found at {path} (set CROSSWIRE_EVAL)")
    held_out = {t for t in range(2, 21, 2)}
    articles, gold, topics = load_ecbplus(path, topics=held_out)
    assert set(topics) <= held_out and len(articles) > 150
    labels = labels_of(cluster_articles(articles, [], CHEAP), articles)
    scores = clustering_scores(labels, gold)
    assert scores["ari"] >= 0.8 and scores["b3_f1"] >= 0.85, scores


@pytest.mark.slow
def test_cli_stories_update_and_eval_help(tmp_path):
    from click.testing import CliRunner

    from crosswire.cli import main
    from crosswire.store import Store

    db = tmp_path / "cli.duckdb"
    with Store(db) as store:
        store.add_articles([quake(f"c{k}", "Padang", "West Sumatra", "1,100", "7.6", "Wednesday", k)
                            for k in range(3)])
    runner = CliRunner()
    result = runner.invoke(main, ["stories", "--update", "--db", str(db), "--history", "--window-days", "3"])
    assert result.exit_code == 0, result.output
    assert "assigned 3 articles; 1 stories" in result.output and "create" in result.output
    again = runner.invoke(main, ["stories", "--db", str(db)])
    assert again.exit_code == 0 and "1 stories" in again.output and "no change" in again.output
    assert runner.invoke(main, ["eval", "stories", "--help"]).exit_code == 0


def test_lsh_rows_grow_with_corpus_so_buckets_stay_small():
    from crosswire.stories.batch import lsh_rows_for

    rows = [lsh_rows_for(n, CHEAP) for n in (5_000, 10_000, 20_000, 100_000)]
    assert rows[0] == rows[1] == CHEAP.lsh_rows and rows[2] == rows[1] + 1 and rows[3] == rows[1] + 3


def test_latest_year_reads_publication_year_else_latest_named_year():
    """Issue #4 item 2 ("when"): the year gap parts undated look-alikes whose texts name other years."""
    from crosswire.stories.features import latest_year, year_gap

    undated = article("y1", "Voters in Patria elected a parliament on Sunday, the first vote since 2004 and 2008.")
    dated = article("y2", "Patria will hold elections in 2019, the commission said.", dt.date(2013, 9, 26))
    bare = article("y3", "Voters elected a parliament on Sunday; 3,2008 ballots and 12.2013 were noted.")
    assert latest_year(undated) == 2008 and latest_year(dated) == 2013  # a date outranks the text
    assert np.isnan(latest_year(bare))  # numbers that only look like years are not read as years
    gap = year_gap(np.array([2008.0, 2008.0, 2008.0, np.nan]), np.array([2008.0, 2010.0, 2020.0, 2008.0]), 4.0)
    assert gap.tolist() == [0.0, 0.5, 1.0, 0.0]


def test_year_gap_lowers_the_link_of_look_alikes_years_apart():
    text = ("Voters in Patria cast ballots on Sunday in a parliamentary election, officials in Ostrava said. "
            "Turnout was high across Patria and the Ostrava commission counted through the night.")
    old = article("e1", text + " It was the first vote under the 2008 constitution.")
    same = article("e2", text + " Observers from 2008 missions watched.")
    new = article("e3", text + " Results come next week.", dt.date(2013, 12, 15))
    # the year gap is opt-in: turned on with the weight it was fitted at on the odd ECB+ topics
    full = dataclasses.replace(Settings().stories, year_gap_cap=4.0, year_weight=-1.812)
    dense = np.tile(np.eye(1, 8, dtype=np.float32), (3, 1))  # one embedding for all: only the years differ
    features = build_features([old, same, new], full, dense=dense)
    x = pair_similarities(features, features, np.array([0, 0]), np.array([1, 2]), year_gap_cap=full.year_gap_cap)
    assert x[0, 6] == 0.0 and x[1, 6] == 1.0
    p = pair_probabilities(features, features, np.array([0, 0]), np.array([1, 2]), full)
    assert full.year_weight < 0 and p[0] > p[1]
    off = build_features([old, same, new], dataclasses.replace(full, year_gap_cap=0.0), dense=dense)
    assert not pair_similarities(off, off, np.array([0]), np.array([2]), year_gap_cap=0.0)[:, 6].any()


def _rejoin_case(days):
    """Six reports of one event as two parts of three, and the first-pass probabilities of all pairs."""
    from crosswire.stories.features import pair_probabilities as probabilities

    text = ("Police in Livorno arrested Marco Bellini after a raid that seized 420 kilograms of cocaine. "
            "Customs officers in Livorno found the cocaine in crates of bananas, Bellini's lawyer said.")
    arts = [article(f"r{k}", text + f" Update {k}.", day) for k, day in enumerate(days)]
    full = dataclasses.replace(Settings().stories, attach_max_size=2, rejoin_days=7.0)  # opt-in
    features = build_features(arts, full, dense=np.tile(np.eye(1, 8, dtype=np.float32), (6, 1)))
    i, j = np.triu_indices(6, 1)
    first = dataclasses.replace(full, snn_neighbours=0)
    return features, i, j, probabilities(features, features, i, j, first), full


def test_rejoin_joins_parts_the_second_pass_cut_only_when_close_in_time():
    """Issue #4: the shared-neighbour pass cuts an event whose parts outnumber ``snn_neighbours``;
    parts the first-pass model links on average and dated within ``rejoin_days`` are joined again,
    parts far apart in time (look-alikes) or undated are not."""
    from crosswire.stories.batch import rejoin

    parts = [[0, 1, 2], [3, 4, 5]]
    week = [dt.date(2024, 3, 1)] * 3 + [dt.date(2024, 3, 3)] * 3
    features, i, j, p, settings = _rejoin_case(week)
    assert p.mean() >= settings.link_threshold
    assert rejoin(features, [list(g) for g in parts], i, j, p, settings) == [[0, 1, 2, 3, 4, 5]]
    apart = week[:3] + [dt.date(2024, 3, 1) + dt.timedelta(days=settings.rejoin_days + 2)] * 3
    features, i, j, p, settings = _rejoin_case(apart)
    assert rejoin(features, [list(g) for g in parts], i, j, p, settings) == parts
    features, i, j, p, settings = _rejoin_case([None] * 6)
    assert rejoin(features, [list(g) for g in parts], i, j, p, settings) == parts
    features, i, j, p, settings = _rejoin_case(week)
    assert rejoin(features, [list(g) for g in parts], i, j, np.zeros_like(p), settings) == parts  # no strong link


def test_an_untitled_story_is_named_by_the_first_lead_that_states_something():
    from crosswire.stories import build_story

    asks = article("a1", "LONDON (AP) -- Which new play has drawn the most attention this year? The inquiry one.")
    states = article("a2", "LONDON (AP) -- A play about the murder inquiry opened in London on Tuesday.")
    assert build_story([asks, states]).title == "A play about the murder inquiry opened in London on Tuesday."
    assert build_story([asks]).title.startswith("Which new play")  # nothing else to name it by
    heading = article("a0", "1999:\n\nNov. 22 -- The boy and twelve others leave the island by boat.")
    assert build_story([heading, states]).title == "Nov. 22 -- The boy and twelve others leave the island by boat."
    ruled = article("a3", "-----------------\n\nThe boy and twelve others left the island by boat on Monday.")
    assert build_story([ruled]).title == "The boy and twelve others left the island by boat on Monday."
    second_part = article("a0", "And Marn notes that the inquiry has drawn some benefits for the theatre.")
    assert build_story([second_part, states]).title == "A play about the murder inquiry opened in London on Tuesday."
    storm = article("a0", "Nor'easter batters the coast of Marn for a third day running.")
    assert build_story([storm, states]).title == "Nor'easter batters the coast of Marn for a third day running."


def test_an_undated_story_is_named_by_its_most_typical_report_not_by_its_ids():
    from crosswire.stories import build_story

    side = article("a0", "The committee said on Wednesday that it will award a medal to two pilots.")
    typical = [article(f"a{i}", f"GENEVA (AP) -- Two pilots landed their balloon in Egypt after flying around the "
                                f"world, report {i} said.") for i in (1, 2, 3)]
    assert build_story([side, *typical]).title.startswith("Two pilots landed their balloon in Egypt")
