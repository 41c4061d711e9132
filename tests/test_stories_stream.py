"""Streaming stories (issue #4): online assignment, stable ids, merge/split history, DuckDB state."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from crosswire.clean import clean_document
from crosswire.model import Document
from crosswire.settings import Settings
from crosswire.store import Store
from crosswire.store.stories_state import history, inherit_ids, recluster_stories, update_stories
from crosswire.stories.features import build_features, pair_probabilities
from crosswire.stories.online import OnlineClusterer

CHEAP = dataclasses.replace(Settings().stories, dense_model=None)


def article(aid: str, text: str):
    return clean_document(Document(id=aid, source=aid, raw_text=text, format="text", body=text))


def report(aid: str, who: str, town: str, count: str, variant: int, body: str):
    openings = [
        f"Police in {town} arrested {who} on Tuesday after a raid that seized {count} kilograms of cocaine.",
        f"{who} was detained by {town} police, who said they found {count} kilograms of cocaine.",
        f"A raid in {town} ended with the arrest of {who} and the seizure of {count} kilograms of cocaine.",
    ]
    return article(aid, openings[variant % 3] + " " + body)


@pytest.fixture(scope="module")
def arrests():
    """Two arrests of two people: same kind of event, told in each event's own words."""
    port = ("The Livorno port authority said Marco Bellini ran a fruit import firm. Customs officers found "
            "the 420 kilograms hidden in crates of bananas from Ecuador. Bellini's lawyer declined to comment.")
    club = ("Tomas Herrera, a former footballer, owned two nightclubs in Valencia. The 75 kilograms were in a "
            "van outside one of the clubs, a Guardia Civil spokesman said. Herrera appears in court on Friday.")
    first = [report(f"m{k}", "Marco Bellini", "Livorno", "420", k, port) for k in range(4)]
    second = [report(f"t{k}", "Tomas Herrera", "Valencia", "75", k, club) for k in range(4)]
    return first, second


def test_online_keeps_look_alikes_apart_in_any_order(arrests):
    first, second = arrests
    for order in (first + second, [a for pair in zip(first, second) for a in pair]):
        clusterer = OnlineClusterer(CHEAP)
        clusterer.add(order)
        groups = sorted(sorted(m) for m in clusterer.members.values())
        assert groups == [["m0", "m1", "m2", "m3"], ["t0", "t1", "t2", "t3"]]


def test_online_ids_never_change_as_articles_arrive(arrests):
    first, second = arrests
    clusterer = OnlineClusterer(CHEAP)
    clusterer.add(first[:2])
    sid = clusterer.assignments["m0"]
    clusterer.add(second[:2])
    clusterer.add(first[2:] + second[2:])
    assert clusterer.assignments["m0"] == sid == clusterer.assignments["m3"]
    assert [e.kind for e in clusterer.history].count("create") == 2


def test_online_records_merge_when_a_bridge_arrives():
    a = article("a", "Storm Alma flooded Porto on Monday; 3 people died in Porto, the mayor said.")
    b = article("b", "Rescue teams in Braga pumped water from homes after Storm Alma, firefighters said.")
    c = article("c", "Storm Alma flooded Porto on Monday; 3 people died in Porto, the mayor said. "
                     "Rescue teams in Braga pumped water from homes after Storm Alma, firefighters said.")
    two, three = build_features([a, b], CHEAP), build_features([a, b, c], CHEAP)
    p_ab = pair_probabilities(two, two, np.array([0]), np.array([1]), CHEAP)[0]
    p3 = pair_probabilities(three, three, np.array([0, 0, 1]), np.array([1, 2, 2]), CHEAP)
    threshold = float(p_ab) + 0.01  # a and b alone stay apart; the bridge c links to both
    assert p3[1] >= threshold and p3[2] >= threshold and (p3[0] + min(p3[1:])) / 2 >= threshold, p3
    clusterer = OnlineClusterer(dataclasses.replace(CHEAP, cheap_link_threshold=threshold))
    clusterer.add([a])
    clusterer.add([b])
    assert clusterer.assignments["a"] != clusterer.assignments["b"]
    first = clusterer.assignments["a"]
    clusterer.add([c])
    merges = [e for e in clusterer.history if e.kind == "merge"]
    assert len(merges) == 1 and merges[0].story_id == first and merges[0].article_ids == ("b",)
    assert clusterer.assignments["b"] == clusterer.assignments["c"] == first  # the older story keeps its id


def test_online_attaches_a_lone_article_to_the_story_it_is_weakly_linked_to(arrests):
    """Streaming mirrors the batch attach step: a story of one article joins the larger candidate
    story it links to on average at ``attach_threshold`` or more, never below it."""
    first, _ = arrests
    side = article("w", "Livorno port traffic grew last year, the port authority said; banana imports "
                        "from Ecuador rose by a tenth and customs checks were stepped up.")
    probe = build_features([*first, side], CHEAP)
    p = pair_probabilities(probe, probe, np.arange(4), np.full(4, 4), CHEAP)
    assert p.mean() < CHEAP.cheap_link_threshold  # too weak to join by the link rule
    outcomes = {}
    for attach in (float(p.mean()) / 2, min(1.0, float(p.mean()) * 2 + 0.01)):
        clusterer = OnlineClusterer(dataclasses.replace(CHEAP, cheap_attach_threshold=attach))
        clusterer.add(first)
        clusterer.add([side])
        outcomes[attach] = clusterer.assignments["w"] == clusterer.assignments["m0"]
        opened = [e for e in clusterer.history if e.kind == "create" and e.article_ids == ("w",)]
        assert len(opened) == (0 if outcomes[attach] else 1)  # joined directly, or a story of its own
    assert list(outcomes.values()) == [True, False]


def test_inherit_ids_keeps_ids_and_records_merge_and_split():
    previous = {"a": "s1", "b": "s1", "c": "s1", "d": "s2", "e": "s3", "f": "s3", "g": "s3", "h": "s3"}
    groups = [["a", "b", "c", "d"], ["e", "f", "g"], ["h"]]
    ids, events = inherit_ids(groups, previous, used={"s1", "s2", "s3"})
    assert ids[0] == "s1" and ids[1] == "s3" and ids[2] not in {"s1", "s2", "s3"}
    kinds = {(kind, other, sid) for kind, other, sid, _ in events}
    assert ("merge", "s2", "s1") in kinds
    assert ("split", "s3", ids[2]) in kinds


def test_update_stories_in_duckdb_assigns_only_new_articles(arrests, tmp_path):
    first, second = arrests
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        assert "0003_story_state" in store.migrations()
        store.add_articles(first[:3] + second[:1])
        one = update_stories(store, CHEAP)
        ids = {s.id for s in one.stories}
        assert one.assigned == 4 and len(ids) == 2
    with Store(db) as store:
        store.add_articles(first[3:] + second[1:])
        two = update_stories(store, CHEAP)
        assert two.assigned == 4
        assert {s.id for s in two.stories} == ids
        assert [e.kind for e in history(store)].count("create") == 2
        assert store.count("stories") == 2
        again = update_stories(store, CHEAP)
        assert again.assigned == 0 and {s.id for s in again.stories} == ids


def test_recluster_keeps_ids_of_stored_stories(arrests, tmp_path):
    first, second = arrests
    with Store(tmp_path / "r.duckdb") as store:
        store.add_articles(first + second)
        ids = {s.id for s in update_stories(store, CHEAP).stories}
        batch = recluster_stories(store, CHEAP)
        assert {s.id for s in batch.stories} == ids and batch.events == []


def _replay(history):
    """Each article's story by the last history event that names it."""
    where = {}
    for event in history:
        for aid in event.article_ids:
            where[aid] = event.story_id
    return where


def test_reconciliation_splits_a_wrong_merge_keeping_the_older_id(arrests):
    first, second = arrests
    clusterer = OnlineClusterer(CHEAP)
    clusterer.restore(first + second, {a.id: "s_old" for a in first + second})  # a stored wrong merge
    extra = report("m4", "Marco Bellini", "Livorno", "420", 4, "Bellini's lawyer said he would appeal.")
    clusterer.add([extra])
    groups = {sid: sorted(m) for sid, m in clusterer.members.items()}
    assert sorted(groups.values()) == [["m0", "m1", "m2", "m3", "m4"], ["t0", "t1", "t2", "t3"]]
    assert groups["s_old"][0] == "m0"  # the founding article's group keeps the id
    splits = [e for e in clusterer.history if e.kind == "split"]
    assert len(splits) == 1 and splits[0].other_id == "s_old" and splits[0].article_ids == ("t0", "t1", "t2", "t3")
    assert _replay(clusterer.history)["t0"] == clusterer.assignments["t0"] != "s_old"


def test_reconciliation_merges_a_wrong_split_into_the_older_story(arrests):
    first, _ = arrests
    clusterer = OnlineClusterer(CHEAP)
    clusterer.restore(first, {"m0": "s_a", "m1": "s_a", "m2": "s_b", "m3": "s_b"})
    clusterer.add([report("m4", "Marco Bellini", "Livorno", "420", 4, "Bellini's lawyer said he would appeal.")])
    assert set(clusterer.members) == {"s_a"} and len(clusterer.members["s_a"]) == 5
    merges = [e for e in clusterer.history if e.kind == "merge"]
    assert [(e.story_id, e.other_id, e.article_ids) for e in merges] == [("s_a", "s_b", ("m2", "m3"))]


def test_stream_with_reconciliation_ends_where_batch_does(arrests):
    from crosswire.stories import cluster_articles
    from crosswire.stories.features import ann_vectors

    first, second = arrests
    arts = [a for pair in zip(first, second) for a in pair]
    dense = ann_vectors(build_features(arts, CHEAP))  # stand-in embeddings: the dense path, second pass on
    full = Settings().stories
    clusterer = OnlineClusterer(full)
    for k, a in enumerate(arts):
        clusterer.add([a], dense=dense[[k]])
    batch = cluster_articles(arts, [], full, build_features(arts, full, dense=dense))
    assert sorted(sorted(m) for m in clusterer.members.values()) == sorted(sorted(s.article_ids) for s in batch)
    replayed = _replay(clusterer.history)
    assert all(replayed[a] == sid for a, sid in clusterer.assignments.items() if a in replayed)


def test_big_neighbourhoods_are_reconciled_in_pieces_of_whole_stories(arrests):
    first, second = arrests
    where = {"m0": "a", "m1": "a", "m2": "b", "m3": "b", **{t.id: "c" for t in second}}
    for cap, expected in ((4, [["a", "b"], ["c"]]), (3, [["a"], ["b"], ["c"]]), (100, [["a", "b", "c"]])):
        clusterer = OnlineClusterer(dataclasses.replace(CHEAP, reconcile_max_articles=cap))
        clusterer.restore(first + second, where)
        assert clusterer._neighbourhoods({"a": {"b", "c"}}) == expected
        assert clusterer._neighbourhoods({"a": set(), "c": {"c"}}) == [["a"], ["c"]]  # not connected


def test_streaming_and_stored_id_inheritance_share_one_rule_with_their_own_ties(arrests):
    """Both callers of ``inherited_ids`` keep the ids they gave before it was shared: on equal
    overlaps streaming keeps the older story's id, a stored re-clustering the smaller id."""
    from crosswire.stories.online import inherited_ids

    first, _ = arrests
    previous = {"m0": "s_z", "m1": "s_a", "m2": "s_a", "m3": "s_z"}
    groups = [["m0", "m1"], ["m2", "m3"]]  # each group holds one article of each story: all ties
    ids, _ = inherit_ids(groups, previous, used={"s_a", "s_z"})
    assert ids == ["s_a", "s_z"]  # smaller id first, then group order
    clusterer = OnlineClusterer(CHEAP)
    clusterer.restore(first, previous)  # m0 arrives first: s_z is the older story
    assert clusterer._inherit(groups, previous) == ["s_z", "s_a"]
    assert inherited_ids(groups, previous) == {0: "s_a", 1: "s_z"}
    bigger = [["m0", "m3", "m1"], ["m2"]]  # a larger overlap wins whatever the tie rule
    assert inherited_ids(bigger, previous) == inherited_ids(bigger, previous, tie=lambda s: -ord(s[-1])) == {
        0: "s_z", 1: "s_a"}


def _family(*article_ids: str):
    """A near-duplicate family of whole articles, as provenance finds one."""
    from crosswire.model import Family, Span

    return Family("f_" + "_".join(article_ids), tuple(Span(a, 0, 40) for a in article_ids), None, "document")


@pytest.mark.parametrize("reconcile", [True, False])
def test_online_keeps_a_near_duplicate_family_in_one_story_as_batch_does(arrests, reconcile):
    """A family is a must-link in streaming too: ``m1`` and ``t1`` are told as different events,
    but provenance says one copies the other, so the stream puts them, and so both stories, together
    whatever the order of arrival, as the batch path does."""
    from crosswire.stories import cluster_articles

    first, second = arrests
    settings = dataclasses.replace(CHEAP, stream_reconcile=reconcile)
    family = _family("m1", "t1")
    batch = cluster_articles(first + second, [family], settings)
    for order in (first + second, second + first, [a for pair in zip(first, second) for a in pair]):
        clusterer = OnlineClusterer(settings)
        clusterer.know_families([family])
        for a in order:
            clusterer.add([a])
        assert clusterer.assignments["m1"] == clusterer.assignments["t1"]
        assert sorted(sorted(m) for m in clusterer.members.values()) == sorted(sorted(s.article_ids) for s in batch)
    apart = OnlineClusterer(settings)
    apart.add(first + second)
    assert apart.assignments["m1"] != apart.assignments["t1"]  # without the family they stay apart


def test_online_ignores_passage_families(arrests):
    """A shared passage (a quoted statement) is no near-duplicate: it does not join two stories."""
    first, second = arrests
    passage = dataclasses.replace(_family("m1", "t1"), kind="passage")
    clusterer = OnlineClusterer(CHEAP)
    clusterer.know_families([passage])
    clusterer.add(first + second)
    assert clusterer.assignments["m1"] != clusterer.assignments["t1"]


def test_update_stories_reads_the_stored_families(arrests, tmp_path):
    first, second = arrests
    with Store(tmp_path / "f.duckdb") as store:
        store.add_articles(first)
        update_stories(store, CHEAP)
        store.add_articles(second)
        store.replace_provenance([], [_family("m2", "t0")])
        result = update_stories(store, CHEAP)
        by_article = {a: s.id for s in result.stories for a in s.article_ids}
        assert by_article["t0"] == by_article["m2"]
