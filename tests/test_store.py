"""The DuckDB store: migrations, idempotent writes, read-only access."""

from __future__ import annotations

import datetime as dt

import pytest

from crosswire.errors import StoreError
from crosswire.model import Article, Rejection, Sentence
from crosswire.store import Store, migrations


def article(aid: str, text: str = "One. Two.") -> Article:
    return Article(
        id=aid, source=f"{aid}.txt", raw_text="raw " + text, text=text, title=None, url=None, outlet="ex.com",
        author=None, published=dt.date(2024, 1, 2), published_source="header", language="en",
        sentences=(Sentence(aid, 0, 0, 4), Sentence(aid, 1, 5, 9)), repairs=("encoding: ftfy",),
    )


def test_migrations_are_recorded_and_not_reapplied(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        assert store.migrations() == [name for name, _ in migrations.MIGRATIONS]
    with Store(path) as store:
        assert store.migrate() == []


def test_a_failing_migration_leaves_the_store_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "s.duckdb"
    Store(path).close()
    bad = [*migrations.MIGRATIONS, ("9999_broken", "CREATE TABLE ok_table (x INT); SELECT * FROM no_such_table;")]
    monkeypatch.setattr(migrations, "MIGRATIONS", bad)
    monkeypatch.setattr("crosswire.store.duck.MIGRATIONS", bad)
    with pytest.raises(StoreError, match="9999_broken"):
        Store(path)
    monkeypatch.undo()
    with Store(path) as store:
        tables = {r[0] for r in store.db.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        assert "ok_table" not in tables
        assert "9999_broken" not in store.migrations()


def test_articles_round_trip_and_adding_again_changes_nothing(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        assert store.add_articles([article("a"), article("b")]) == (2, 0)
        assert store.add_articles([article("a")]) == (0, 1)
        stored = {a.id: a for a in store.articles()}
        assert stored["a"] == article("a")
        assert store.counts()["articles"] == 2


def test_rejections_are_recorded_once_per_input_and_reason(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        r = Rejection("x.txt", "empty", "no content")
        assert store.add_rejections([r, r]) == 1
        assert store.add_rejections([r]) == 0
        assert store.rejections() == [r]


def test_read_only_store_refuses_writes(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.add_articles([article("a")])
    with Store(path, read_only=True) as store:
        assert [a.id for a in store.articles()] == ["a"]
        with pytest.raises(Exception):  # noqa: B017 - duckdb raises its own InvalidInputException
            store.add_articles([article("b")])


def test_unopenable_store_is_a_store_error(tmp_path):
    (tmp_path / "dir.duckdb").mkdir()
    with pytest.raises(StoreError):
        Store(tmp_path / "dir.duckdb")


def test_a_stage_with_no_output_replaces_the_old_rows_with_none(tmp_path):
    from crosswire.model import Family, ReuseLink, Span

    with Store(tmp_path / "s.duckdb") as store:
        link = ReuseLink("passage", Span("a", 0, 5), Span("b", 0, 5), 0.9, "unknown")
        store.replace_provenance([link], [Family("f1", (Span("a", 0, 5), Span("b", 0, 5)), None, "passage")])
        store.replace_provenance([], [])  # a batch without reuse: DuckDB refuses an empty executemany
        assert store.reuse_links() == [] and store.families() == []
        store.replace_stories([])
        assert store.stories() == []


def test_a_failing_write_rolls_back_and_the_store_stays_usable(tmp_path):
    from crosswire.model import Family, Span

    with Store(tmp_path / "s.duckdb") as store:
        store.replace_provenance([], [Family("f1", (Span("a", 0, 5),), None, "passage")])
        with pytest.raises(ValueError), store.transaction():
            store.db.execute("DELETE FROM families")
            raise ValueError("boom")
        assert [f.id for f in store.families()] == ["f1"]
        store.replace_provenance([], [])
        assert store.families() == []
