"""Read-only access to a store for the web app: a story index, dossiers and articles.

The app holds one read-only DuckDB connection for its lifetime. DuckDB lets any number of
read-only connections (in this and other processes) share a file, but a writer needs it alone,
so ``crosswire analyze`` on the same file waits until ``serve`` stops. Nothing changes under a
read-only connection, so the story index is built once and parsed dossiers are cached.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass

from ..errors import StoreError
from ..report.render import condensed_conflicts
from ..store import Store

_TABLES = ("articles", "stories", "dossiers")


@dataclass(frozen=True)
class StoryRow:
    """One line of the story list: what sorting, filtering and the list page need."""

    id: str
    title: str
    article_count: int
    outlets: tuple[str, ...]
    first_published: str | None
    last_published: str | None
    origins: int
    claims: int
    conflicts: int
    search_text: str

    def public(self) -> dict:
        """The row as the API returns it (without the search text)."""
        return {
            "id": self.id, "title": self.title, "article_count": self.article_count,
            "outlets": list(self.outlets), "first_published": self.first_published,
            "last_published": self.last_published, "origins": self.origins, "claims": self.claims,
            "conflicts": self.conflicts,
        }


def document_origins(dossier: dict) -> int:
    """Articles of a story, counting near-duplicate copies (a ``document`` family) once.

    >>> document_origins({"articles": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
    ...     "provenance": {"families": [{"kind": "document", "members": [{"article": "a"}, {"article": "b"}]}]}})
    2
    """
    parent = {a["id"]: a["id"] for a in dossier["articles"]}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for family in dossier["provenance"]["families"]:
        if family["kind"] != "document":
            continue
        ids = [m["article"] for m in family["members"] if m["article"] in parent]
        for other in ids[1:]:
            parent[find(other)] = find(ids[0])
    return len({find(x) for x in parent})


def story_row(dossier: dict) -> StoryRow:
    """The list entry of one dossier."""
    story = dossier["story"]
    words = [story["title"], *story["outlets"], *(a.get("title") or "" for a in dossier["articles"]),
             *(s["text"] for s in dossier["summary"])]
    return StoryRow(
        id=story["id"], title=story["title"], article_count=story["article_count"],
        outlets=tuple(story["outlets"]), first_published=story["first_published"],
        last_published=story["last_published"], origins=document_origins(dossier),
        claims=len(dossier["claims"]), conflicts=len(condensed_conflicts(dossier["conflicts"])),
        search_text=" ".join(" ".join(words).lower().split()),
    )


class StoreReader:
    """A read-only store shared by the app's worker threads (one query at a time).

    Args:
        store: a :class:`~crosswire.store.Store`, preferably opened with ``read_only=True``.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._index: list[StoryRow] | None = None
        self.dossier = functools.lru_cache(maxsize=64)(self._load_dossier)

    def check(self) -> None:
        """Raise :class:`StoreError` unless the store has the tables the app reads."""
        with self._lock:
            names = {r[0] for r in self.store.db.execute("SELECT table_name FROM information_schema.tables")
                     .fetchall()}
        missing = [t for t in _TABLES if t not in names]
        if missing:
            raise StoreError(f"{self.store.path} is not a crosswire store (no {', '.join(missing)} table); "
                             "run `crosswire analyze` first")

    def index(self) -> list[StoryRow]:
        """Every story, built once from the stored dossiers."""
        if self._index is None:
            with self._lock:
                dossiers = self.store.dossiers()
            self._index = [story_row(d) for d in dossiers]
        return self._index

    def _load_dossier(self, story_id: str) -> dict | None:
        with self._lock:
            return self.store.dossier(story_id)

    def stories_of(self, article_id: str) -> list[str]:
        """Ids of the stories an article belongs to."""
        with self._lock:
            rows = self.store.db.execute(
                "SELECT id FROM stories WHERE list_contains(article_ids, ?) ORDER BY id", [article_id]
            ).fetchall()
        return [r[0] for r in rows]

    def article(self, article_id: str) -> dict | None:
        """The article in the dossier's article shape (with ``label``), or ``None``."""
        for story_id in self.stories_of(article_id):
            dossier = self.dossier(story_id)
            for a in (dossier or {}).get("articles", ()):
                if a["id"] == article_id:
                    return a
        with self._lock:
            found = self.store.articles([article_id])
        if not found:
            return None
        from ..report.build import article_json

        return article_json(found[0])
