"""Query parameters, bounded: every value is length-checked before it is parsed.

Out-of-range numbers are clamped (``page=-3`` is page 1, ``limit=10**9`` is ``max_page_size``);
text that is too long, a malformed number or date, or an unknown sort order is refused with
:class:`BadParam` (HTTP 400).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..settings import WebSettings
from .reader import StoryRow

SORTS = ("size", "recent", "origins", "title")
"""Story list orders: most articles, latest publication, most independent origins, title."""
_INTEGER = re.compile(r"[+-]?[0-9]+")


class BadParam(ValueError):
    """A query parameter the app refuses (answered with 400)."""


@dataclass(frozen=True)
class StoryQuery:
    """A story-list request: search, filters, order and page."""

    q: str = ""
    outlet: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sort: str = "size"
    page: int = 1
    limit: int = 25

    def public(self) -> dict:
        return {"q": self.q, "outlet": self.outlet, "from": _iso(self.date_from), "to": _iso(self.date_to),
                "sort": self.sort, "page": self.page, "limit": self.limit}


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def text_param(params: Mapping[str, str], name: str, settings: WebSettings) -> str:
    """A free-text parameter, whitespace-normalised; too long → :class:`BadParam`."""
    value = params.get(name) or ""
    if len(value) > settings.max_query_chars:
        raise BadParam(f"{name} is longer than {settings.max_query_chars} characters")
    return " ".join(value.split())


def int_param(params: Mapping[str, str], name: str, default: int, low: int, high: int,
              settings: WebSettings) -> int:
    """An integer parameter clamped to ``[low, high]``; not an integer → :class:`BadParam`."""
    raw = (params.get(name) or "").strip()
    if not raw:
        return default
    if len(raw) > settings.max_param_chars or not _INTEGER.fullmatch(raw):
        raise BadParam(f"{name} must be an integer")
    return min(max(int(raw), low), high)


def date_param(params: Mapping[str, str], name: str, settings: WebSettings) -> dt.date | None:
    """An ISO date (``YYYY-MM-DD``) or nothing; anything else → :class:`BadParam`."""
    raw = (params.get(name) or "").strip()
    if not raw:
        return None
    if len(raw) > settings.max_param_chars:
        raise BadParam(f"{name} must be a date (YYYY-MM-DD)")
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise BadParam(f"{name} must be a date (YYYY-MM-DD)") from None


def story_query(params: Mapping[str, str], settings: WebSettings) -> StoryQuery:
    """Parse and bound the story-list parameters ``q, outlet, from, to, sort, page, limit``."""
    sort = (params.get("sort") or "size").strip()
    if sort not in SORTS:
        raise BadParam(f"sort must be one of {', '.join(SORTS)}")
    return StoryQuery(
        q=text_param(params, "q", settings), outlet=text_param(params, "outlet", settings),
        date_from=date_param(params, "from", settings), date_to=date_param(params, "to", settings),
        sort=sort, page=int_param(params, "page", 1, 1, settings.max_page, settings),
        limit=int_param(params, "limit", settings.page_size, 1, settings.max_page_size, settings),
    )


def _matches(row: StoryRow, query: StoryQuery) -> bool:
    if any(term not in row.search_text for term in query.q.lower().split()):
        return False
    if query.outlet and query.outlet.lower() not in {o.lower() for o in row.outlets}:
        return False
    if query.date_from or query.date_to:
        if not row.first_published:
            return False
        first = dt.date.fromisoformat(row.first_published)
        last = dt.date.fromisoformat(row.last_published or row.first_published)
        if (query.date_from and last < query.date_from) or (query.date_to and first > query.date_to):
            return False
    return True


def _sort_key(sort: str):
    if sort == "recent":
        return lambda r: (r.last_published is None, _neg_date(r.last_published), r.id)
    if sort == "origins":
        return lambda r: (-r.origins, -r.article_count, r.id)
    if sort == "title":
        return lambda r: (r.title.lower(), r.id)
    return lambda r: (-r.article_count, -r.origins, r.id)


def _neg_date(day: str | None) -> int:
    return -dt.date.fromisoformat(day).toordinal() if day else 0


def select_stories(rows: list[StoryRow], query: StoryQuery) -> tuple[list[StoryRow], int]:
    """The rows of the requested page and the number of matching stories."""
    matching = sorted((r for r in rows if _matches(r, query)), key=_sort_key(query.sort))
    start = (query.page - 1) * query.limit
    return matching[start : start + query.limit], len(matching)
