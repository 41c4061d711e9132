"""The local engine over a persistent store: a corpus ingested in two runs gives the same
provenance as one run, the second dossier carries an update summary of what is new, and a
re-run changes nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil

from conftest import EXAMPLE

import crosswire
import crosswire.engines.local
from crosswire.pipeline import InProcess
from crosswire.settings import Settings
from crosswire.store import Store


def stored_links(db):
    with Store(db) as store:
        return sorted((l.kind, l.a, l.b) for l in store.reuse_links()), len(store.families())


def test_two_batches_give_the_same_reuse_links_as_one(tmp_path, example_run):
    _, whole_db, _ = example_run
    files = sorted(EXAMPLE.iterdir())
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, part in ((first, files[:3]), (second, files[3:])):
        folder.mkdir()
        for f in part:
            shutil.copy(f, folder / f.name)
    db = tmp_path / "split.duckdb"
    one = crosswire.analyze([str(first)], db=db)
    links_after_first, _ = stored_links(db)
    two = crosswire.analyze([str(second)], db=db)
    assert (one.added, two.added) == (3, 2)
    links, families = stored_links(db)
    assert set(links_after_first) <= set(links)
    assert (links, families) == stored_links(whole_db)
    [dossier] = two.dossiers.values()
    assert dossier["story"]["article_count"] == 5
    [first_dossier] = one.dossiers.values()
    assert set(dossier["summary_update"]["since"]) == {a["id"] for a in first_dossier["articles"]}
    for s in dossier["summary_update"]["sentences"]:
        assert s["cite"]["article"] not in dossier["summary_update"]["since"]
    with Store(db) as store:
        before = store.dossiers()
    crosswire.analyze([str(second)], db=db)
    with Store(db) as store:
        assert store.dossiers() == before


UNRELATED = """A wooden footbridge over the Lindau canal collapsed on Tuesday morning under the weight of a
delivery van, the town's fire brigade said. Nobody was hurt. The driver climbed out through the window
before the van sank, and divers recovered it in the afternoon. The town council said the footbridge had
been due for repairs next spring and would stay closed until engineers have inspected both banks.
"""


def test_a_rerun_analyses_only_the_stories_whose_inputs_changed(tmp_path, example_run):
    first, example_db, _ = example_run
    db = tmp_path / "copy.duckdb"
    shutil.copy(example_db, db)
    [story_id] = first.dossiers
    with Store(db) as store:
        evidence, dossier = store.count("evidence"), store.dossier(story_id)
    from crosswire.extract.nlp import load_nlp

    load_nlp.cache_clear()
    again = crosswire.analyze([str(EXAMPLE)], db=db)
    assert again.reused == {story_id} and again.dossiers[story_id] == dossier
    assert load_nlp.cache_info().currsize == 0  # nothing to analyse: the spaCy model is not loaded
    with Store(db) as store:
        assert store.count("evidence") == evidence  # the kept story's evidence stays in the store

    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "footbridge.txt").write_text(UNRELATED, encoding="utf-8")
    grown = crosswire.analyze([str(extra)], db=db)
    assert grown.added == 1 and len(grown.dossiers) == 2
    assert grown.reused == {story_id} and grown.dossiers[story_id] == dossier
    [new_id] = set(grown.dossiers) - {story_id}
    with Store(db) as store:
        assert store.count("evidence") > evidence and store.dossier(new_id) == grown.dossiers[new_id]
    # what was kept is what analysing everything again writes
    assert crosswire.analyze([], db=db, fresh=True).dossiers == grown.dossiers


def test_a_store_without_input_fingerprints_analyses_every_story_again(tmp_path, example_run):
    first, example_db, _ = example_run
    db = tmp_path / "old.duckdb"
    shutil.copy(example_db, db)
    with Store(db) as store:  # as a store written before fingerprints were kept (migration 0004)
        store.db.execute("UPDATE dossiers SET inputs = NULL")
    again = crosswire.analyze([str(EXAMPLE)], db=db)
    assert again.reused == set() and again.dossiers == first.dossiers
    assert crosswire.analyze([str(EXAMPLE)], db=db).reused == set(first.dossiers)  # fingerprints now kept


def test_fresh_or_other_settings_analyse_every_story_again(tmp_path, example_run):
    first, example_db, _ = example_run
    db = tmp_path / "copy.duckdb"
    shutil.copy(example_db, db)
    [story_id] = first.dossiers
    fresh = crosswire.analyze([str(EXAMPLE)], db=db, fresh=True)
    assert fresh.reused == set()
    assert fresh.dossiers == first.dossiers  # analysing again gives the dossier that was kept
    shorter = dataclasses.replace(Settings(), summarize=dataclasses.replace(Settings().summarize, words=40))
    short = crosswire.analyze([str(EXAMPLE)], db=db, settings=shorter)
    assert short.reused == set()
    words = sum(len(s["text"].split()) for s in short.dossiers[story_id]["summary"])
    assert words <= 40 < sum(len(s["text"].split()) for s in first.dossiers[story_id]["summary"])


def test_the_inputs_fingerprint_follows_what_touches_the_story():
    from crosswire.engines.reuse import dossier_inputs
    from crosswire.model import Article, Family, Span, Story

    a, b, c = (Article(i, f"{i}.txt", "Some text.", "Some text.", None, None, None, None, None, "none", "en")
               for i in "abc")
    articles = {x.id: x for x in (a, b, c)}
    story = Story("s1", ("a", "b"), "t")
    here = Family("f1", (Span("a", 0, 4), Span("b", 0, 4)), "a", "passage")
    elsewhere = Family("f2", (Span("c", 0, 4), Span("z", 0, 4)), "c", "passage")
    base = dossier_inputs(story, articles, [here], [], set(), Settings())
    assert dossier_inputs(story, articles, [here, elsewhere], [], set(), Settings()) == base
    assert dossier_inputs(story, articles, [], [], set(), Settings()) != base
    assert dossier_inputs(story, articles, [here], [], {"a"}, Settings()) != base  # an update summary since "a"
    assert dossier_inputs(story, articles, [here], [], {"a", "b", "c"}, Settings()) == base  # nothing new: none
    assert dossier_inputs(story, {**articles, "a": dataclasses.replace(a, published=dt.date(2024, 1, 2))},
                          [here], [], set(), Settings()) != base


class OneItemAChunk(InProcess):
    """Cuts every piece of work into chunks of one, as an engine with many workers would, and runs
    them here: documents cleaned one by one, provenance pairs aligned one by one, stories analysed
    one by one from their own slice of the batch."""

    parallel = True

    def split(self, items):
        return [items[k : k + 1] for k in range(len(items))]


def test_work_cut_into_chunks_gives_the_same_dossiers_and_store(tmp_path, example_run):
    whole, whole_db, _ = example_run
    db = tmp_path / "chunked.duckdb"
    chunked = crosswire.engines.local.analyze([str(EXAMPLE)], db=db, executor=OneItemAChunk())
    assert (chunked.read, chunked.accepted, chunked.rejected) == (whole.read, whole.accepted, whole.rejected)
    assert chunked.dossiers == whole.dossiers
    with Store(db) as store, Store(whole_db) as reference:
        assert store.reuse_links() == reference.reuse_links()
        assert store.dossier_inputs() == reference.dossier_inputs()
        assert store.count("evidence") == reference.count("evidence") > 0
