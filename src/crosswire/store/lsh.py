"""The reuse index persisted in DuckDB: :class:`~crosswire.provenance.index.ReuseIndex` on disk.

Tables (migration ``0002_lsh_index``): ``lsh_docs`` (one row per article: signature and distinct
shingle hashes as little-endian blobs, publication date, text length), ``lsh_bands`` (one row per
article and band: the band key) and ``passage_seeds`` (one row per article and distinct content
seed), and ``lsh_meta`` (the settings the signatures were made with). Queries send the new batch's
keys as numpy columns and join in DuckDB, so memory holds only the new batch and its matches.

>>> from crosswire.store import Store
>>> with Store(":memory:") as store:
...     DuckIndex(store.db).known(["a"])
set()
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Sequence

import numpy as np

from ..errors import ConfigError
from ..provenance.index import IndexEntries, IndexParams


class DuckIndex:
    """:class:`~crosswire.provenance.index.ReuseIndex` over the ``lsh_*`` tables of a store's connection."""

    def __init__(self, db) -> None:
        self.db = db

    # -- helpers ------------------------------------------------------------------------------
    def _query(self, sql: str, **frames: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """Run ``sql`` with ``frames`` registered as tables (numpy columns), return numpy columns."""
        for name, frame in frames.items():
            self.db.register(name, frame)
        try:
            return self.db.execute(sql).fetchnumpy()
        finally:
            for name in frames:
                self.db.unregister(name)

    def _docs(self, article_ids: Iterable[str], columns: str) -> list[tuple]:
        ids = list(article_ids)
        if not ids:
            return []
        return self.db.execute(
            f"SELECT article_id, {columns} FROM lsh_docs WHERE list_contains(?, article_id)", [ids]
        ).fetchall()

    # -- protocol -----------------------------------------------------------------------------
    def check_params(self, params: IndexParams) -> None:
        wanted = json.dumps(dataclasses.asdict(params), sort_keys=True)
        row = self.db.execute("SELECT value FROM lsh_meta WHERE name = 'params'").fetchone()
        if row is None:
            self.db.execute("INSERT INTO lsh_meta VALUES ('params', ?)", [wanted])
        elif row[0] != wanted:
            raise ConfigError(
                f"the store's reuse index was built with {row[0]}, not {wanted}; "
                "rebuild it (DuckIndex.clear) or use the settings it was built with"
            )

    def known(self, article_ids: Iterable[str]) -> set[str]:
        return {r[0] for r in self._docs(article_ids, "doc")}

    def add(self, entries: IndexEntries) -> None:
        n = len(entries.article_ids)
        if not n:
            return
        first = self.db.execute("SELECT coalesce(max(doc) + 1, 0) FROM lsh_docs").fetchone()[0]
        docs = np.arange(first, first + n, dtype=np.int32)
        bands = entries.band_keys.shape[1]
        self.db.execute("BEGIN TRANSACTION")
        try:
            self.db.executemany(
                "INSERT INTO lsh_docs VALUES (?,?,?,?,?,?)",
                [[int(docs[i]), entries.article_ids[i], entries.published[i], entries.lengths[i],
                  entries.signatures[i].astype("<u4").tobytes(), entries.shingles[i].astype("<u8").tobytes()]
                 for i in range(n)],
            )
            band_frame = {"band": np.tile(np.arange(bands, dtype=np.int16), n),
                          "key": entries.band_keys.reshape(-1), "doc": np.repeat(docs, bands)}
            seed_frame = {"seed": np.concatenate(entries.seeds).astype(np.uint64),
                          "doc": np.repeat(docs, [len(s) for s in entries.seeds])}
            self._query("INSERT INTO lsh_bands SELECT band, key, doc FROM new_bands", new_bands=band_frame)
            self._query("INSERT INTO passage_seeds SELECT seed, doc FROM new_seeds", new_seeds=seed_frame)
            self.db.execute("COMMIT")
        except Exception:
            self.db.execute("ROLLBACK")
            raise

    def band_matches(self, band_keys: np.ndarray) -> list[tuple[int, str]]:
        n, bands = band_keys.shape
        if not n:
            return []
        frame = {"band": np.tile(np.arange(bands, dtype=np.int16), n), "key": band_keys.reshape(-1),
                 "qrow": np.repeat(np.arange(n, dtype=np.int32), bands)}
        out = self._query(
            "SELECT DISTINCT q.qrow, d.article_id FROM q JOIN lsh_bands b USING (band, key) "
            "JOIN lsh_docs d ON d.doc = b.doc ORDER BY 1, 2", q=frame)
        return list(zip(out["qrow"].tolist(), out["article_id"].tolist()))

    def seed_matches(self, seeds: Sequence[np.ndarray], min_shared: int) -> list[tuple[int, str, int]]:
        if not seeds or not sum(len(s) for s in seeds):
            return []
        frame = {"seed": np.concatenate(seeds).astype(np.uint64),
                 "qrow": np.repeat(np.arange(len(seeds), dtype=np.int32), [len(s) for s in seeds])}
        out = self._query(
            "SELECT q.qrow, d.article_id, count(*) AS shared FROM q JOIN passage_seeds s USING (seed) "
            "JOIN lsh_docs d ON d.doc = s.doc GROUP BY 1, 2 HAVING count(*) >= ? ORDER BY 1, 2"
            .replace("?", str(int(min_shared))), q=frame)
        return list(zip(out["qrow"].tolist(), out["article_id"].tolist(), out["shared"].tolist()))

    def shingles(self, article_ids: Iterable[str]) -> dict[str, np.ndarray]:
        return {r[0]: np.frombuffer(r[1], dtype="<u8").astype(np.uint64) for r in self._docs(article_ids, "shingles")}

    def signatures(self, article_ids: Iterable[str]) -> dict[str, np.ndarray]:
        """The stored MinHash signatures of ``article_ids``."""
        return {r[0]: np.frombuffer(r[1], dtype="<u4").astype(np.uint32) for r in self._docs(article_ids, "signature")}

    def describe(self, article_ids: Iterable[str]) -> dict[str, tuple[dt.date | None, int]]:
        return {r[0]: (r[1], r[2]) for r in self._docs(article_ids, "published, length")}

    # -- maintenance --------------------------------------------------------------------------
    def __len__(self) -> int:
        return self.db.execute("SELECT count(*) FROM lsh_docs").fetchone()[0]

    def clear(self) -> None:
        """Forget every indexed article and the settings (e.g. before re-indexing with new ones)."""
        for table in ("lsh_bands", "passage_seeds", "lsh_docs", "lsh_meta"):
            self.db.execute(f"DELETE FROM {table}")
