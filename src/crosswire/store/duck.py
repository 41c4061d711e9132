"""A narrow interface over one DuckDB file (or ``:memory:``)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Self

from ..errors import StoreError
from ..model import Article, Family, Rejection, ReuseLink, Sentence, Span, Story
from .migrations import MIGRATIONS

DEFAULT_PATH = "crosswire.duckdb"

_ARTICLE_COLUMNS = (
    "id, source, raw_text, text, title, url, outlet, author, published, published_source, language, repairs"
)


class Store:
    """Articles, rejections and stage outputs in DuckDB. Opening applies pending migrations.

    >>> with Store(":memory:") as store:
    ...     store.counts()["articles"]
    0
    """

    def __init__(self, path: str | Path = DEFAULT_PATH, read_only: bool = False) -> None:
        import duckdb

        self.path = str(path)
        try:
            self.db = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc
        if not read_only:
            self.migrate()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def files(self) -> set[str]:
        """The files this store writes (none for ``:memory:``), so that ingestion can skip them."""
        return set() if self.path == ":memory:" else {self.path, self.path + ".wal"}

    # -- schema -------------------------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply pending migrations, each in its own transaction; return the names applied."""
        self.db.execute("CREATE TABLE IF NOT EXISTS _migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)")
        done = {row[0] for row in self.db.execute("SELECT name FROM _migrations").fetchall()}
        applied = []
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            self.db.execute("BEGIN TRANSACTION")
            try:
                self.db.execute(sql)
                self.db.execute("INSERT INTO _migrations VALUES (?, current_timestamp)", [name])
                self.db.execute("COMMIT")
            except Exception as exc:
                self.db.execute("ROLLBACK")
                raise StoreError(f"migration {name} failed: {exc}") from exc
            applied.append(name)
        return applied

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction: committed when the block ends, rolled back when it raises."""
        self.db.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def _insert_many(self, sql: str, rows: list) -> None:
        """``executemany`` that accepts no rows (DuckDB refuses an empty parameter list)."""
        if rows:
            self.db.executemany(sql, rows)

    def migrations(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT name FROM _migrations ORDER BY name").fetchall()]

    # -- articles -----------------------------------------------------------------------------
    def add_articles(self, articles: Iterable[Article]) -> tuple[int, int]:
        """Insert articles not yet stored; return ``(added, already_stored)``."""
        articles = list(articles)
        known = self.article_ids()
        new = [a for a in articles if a.id not in known]
        with self.transaction():
            for a in new:
                self.db.execute(
                    f"INSERT INTO articles ({_ARTICLE_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    [a.id, a.source, a.raw_text, a.text, a.title, a.url, a.outlet, a.author, a.published,
                     a.published_source, a.language, list(a.repairs)],
                )
                self._insert_many(
                    "INSERT INTO sentences VALUES (?,?,?,?)", [[s.article_id, s.index, s.start, s.end] for s in a.sentences]
                )
        return len(new), len(articles) - len(new)

    def article_ids(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT id FROM articles").fetchall()}

    def articles(self, ids: Iterable[str] | None = None) -> list[Article]:
        """Stored articles with their sentences, ordered by publication date then id."""
        where, params = "", []
        if ids is not None:
            params = [list(ids)]
            where = "WHERE list_contains(?, id)"
        rows = self.db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles {where} ORDER BY published NULLS LAST, id", params
        ).fetchall()
        sentences: dict[str, list[Sentence]] = {}
        for aid, idx, start, end in self.db.execute(
            "SELECT article_id, idx, start_char, end_char FROM sentences ORDER BY article_id, idx"
        ).fetchall():
            sentences.setdefault(aid, []).append(Sentence(aid, idx, start, end))
        return [
            Article(*row[:11], sentences=tuple(sentences.get(row[0], ())), repairs=tuple(row[11] or ()))
            for row in rows
        ]

    # -- rejections ---------------------------------------------------------------------------
    def add_rejections(self, rejections: Iterable[Rejection]) -> int:
        """Record rejections; one already recorded for the same input and reason is kept as is."""
        before = self.count("rejections")
        for r in rejections:
            self.db.execute(
                "INSERT INTO rejections (input, reason, detail, content_id) VALUES (?,?,?,?) ON CONFLICT DO NOTHING",
                [r.input, r.reason, r.detail, r.content_id],
            )
        return self.count("rejections") - before

    def rejections(self) -> list[Rejection]:
        rows = self.db.execute("SELECT input, reason, detail, content_id FROM rejections ORDER BY input").fetchall()
        return [Rejection(*row) for row in rows]

    # -- stage outputs ------------------------------------------------------------------------
    def replace_provenance(self, links: Iterable[ReuseLink], families: Iterable[Family]) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM reuse_links")
            self.db.execute("DELETE FROM families")
            self._insert_many(
                "INSERT INTO reuse_links VALUES (?,?,?,?,?,?,?,?,?)",
                [[l.kind, l.a.article_id, l.a.start, l.a.end, l.b.article_id, l.b.start, l.b.end, l.score, l.direction]
                 for l in links],
            )
            self._insert_many(
                "INSERT INTO families VALUES (?,?,?,?)",
                [[f.id, f.kind, f.origin, json.dumps([[m.article_id, m.start, m.end] for m in f.members])]
                 for f in families],
            )

    def reuse_links(self) -> list[ReuseLink]:
        rows = self.db.execute("SELECT * FROM reuse_links").fetchall()
        return [ReuseLink(r[0], Span(r[1], r[2], r[3]), Span(r[4], r[5], r[6]), r[7], r[8]) for r in rows]

    def families(self) -> list[Family]:
        rows = self.db.execute("SELECT id, kind, origin, members FROM families ORDER BY id").fetchall()
        return [Family(r[0], tuple(Span(*m) for m in json.loads(r[3])), r[2], r[1]) for r in rows]

    def replace_stories(self, stories: Iterable[Story]) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM stories")
            self._insert_many(
                "INSERT INTO stories VALUES (?,?,?,?,?)",
                [[s.id, s.title, list(s.article_ids), s.first_published, s.last_published] for s in stories],
            )

    def stories(self) -> list[Story]:
        rows = self.db.execute("SELECT id, article_ids, title, first_published, last_published FROM stories").fetchall()
        return [Story(r[0], tuple(r[1]), r[2], r[3], r[4]) for r in rows]

    def replace_evidence(self, records: Iterable[tuple[str, str, str, dict]], keep: Iterable[str] = ()) -> None:
        """Replace the evidence rows with ``(story_id, kind, id, record)`` tuples, keeping the stored
        rows of the stories in ``keep`` (unchanged stories whose evidence was not recomputed)."""
        with self.transaction():
            self._delete_except("evidence", keep)
            self._insert_many(
                "INSERT INTO evidence VALUES (?,?,?,?)", [[s, k, i, json.dumps(r)] for s, k, i, r in records]
            )

    def replace_dossiers(self, dossiers: Iterable[dict], inputs: Mapping[str, str] | None = None,
                         keep: Iterable[str] = ()) -> None:
        """Replace the stored dossiers with ``dossiers``, each with the fingerprint of the inputs it
        was made from (``inputs`` by story id), keeping the stored dossiers of the stories in ``keep``."""
        inputs = inputs or {}
        with self.transaction():
            self._delete_except("dossiers", keep)
            self._insert_many(
                "INSERT INTO dossiers (story_id, schema_version, dossier, inputs) VALUES (?,?,?,?)",
                [[d["story"]["id"], d["schema_version"], json.dumps(d, ensure_ascii=False), inputs.get(d["story"]["id"])]
                 for d in dossiers],
            )

    def _delete_except(self, table: str, keep: Iterable[str]) -> None:
        keep = sorted(set(keep))
        if keep:
            self.db.execute(f"DELETE FROM {table} WHERE story_id NOT IN (SELECT unnest(?::VARCHAR[]))", [keep])
        else:
            self.db.execute(f"DELETE FROM {table}")

    def dossier_inputs(self) -> dict[str, str]:
        """Story id → fingerprint of the inputs its stored dossier was made from (stories whose
        dossier was stored before fingerprints were kept have none)."""
        rows = self.db.execute("SELECT story_id, inputs FROM dossiers WHERE inputs IS NOT NULL").fetchall()
        return dict(rows)

    def dossiers(self) -> list[dict]:
        return [json.loads(r[0]) for r in self.db.execute("SELECT dossier FROM dossiers ORDER BY story_id").fetchall()]

    def dossier(self, story_id: str) -> dict | None:
        row = self.db.execute("SELECT dossier FROM dossiers WHERE story_id = ?", [story_id]).fetchone()
        return json.loads(row[0]) if row else None

    # -- accounting ---------------------------------------------------------------------------
    def count(self, table: str) -> int:
        if table not in {"articles", "sentences", "rejections", "stories", "reuse_links", "families", "evidence",
                         "dossiers"}:
            raise StoreError(f"no table {table!r}")
        return self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def counts(self) -> dict[str, int]:
        return {t: self.count(t) for t in ("articles", "rejections", "stories", "reuse_links", "families", "dossiers")}
