"""The local engine over a persistent store: a corpus ingested in two runs gives the same
provenance as one run, the second dossier carries an update summary of what is new, and a
re-run changes nothing."""

from __future__ import annotations

import shutil

from conftest import EXAMPLE

import crosswire
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
