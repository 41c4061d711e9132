"""Metadata helpers shared by the readers: outlets from URLs, dates from strings."""

from __future__ import annotations

import datetime as dt
import functools
import re

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


@functools.lru_cache(maxsize=1)
def _extractor():
    import tldextract

    # suffix_list_urls=() uses the public-suffix snapshot shipped in the package: no network.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def outlet_from_url(url: str | None) -> str | None:
    """The registered domain of a URL (``https://www.bbc.co.uk/x`` → ``bbc.co.uk``), or ``None``."""
    if not url:
        return None
    parts = _extractor()(url)
    domain = getattr(parts, "top_domain_under_public_suffix", None) or parts.registered_domain
    return domain.lower() or None


def parse_date(value: object) -> dt.date | None:
    """A publication date from an ISO string, a datetime, or free text (dateparser); else ``None``."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if _ISO_DATE.match(text):
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            pass
    import dateparser

    parsed = dateparser.parse(text, settings={"RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first"})
    return parsed.date() if parsed else None


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_IN_LINE = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b"  # May 03, 2013 · Dec 23 2012
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?:19|20)\d\d\b"  # 22 JUL 2013 · 14 June 2013
    r"|\b(?:19|20)\d\d-\d\d-\d\d\b"  # 2013-07-21
    r"|\b\d{1,2} ?/ ?\d{1,2} ?/ ?(?:(?:19|20)\d\d|\d\d)\b",  # 12/19/2005 · 19/12/2005 · "8 / 2 / 13"
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"(\d{1,2}) ?/ ?(\d{1,2}) ?/ ?((?:19|20)\d\d|\d\d)")
_MONTH_IN_URL = re.compile(r"/((?:19|20)\d\d)[/-](\d\d)(?:/|$)")


def _numeric_date(text: str, url_month: tuple[int, int] | None = None) -> dt.date | None:
    """A date written in numbers, month and day in either order ("12/19/2005", "19/12/2005", "8 / 2
    / 13"): read when one of them cannot be a month, or when only one reading falls in the year and
    month of the article's URL (``url_month``, ``/2013/08/``). Otherwise "05/06/2013" is May 6 in
    one country and June 5 in another, and it gives no date. A two-digit year is of this century."""
    m = _NUMERIC_DATE.fullmatch(text.strip())
    if m is None:
        return None
    a, b, year = (int(g) for g in m.groups())
    year += 2000 if year < 100 else 0
    readings = {_date_or_none(year, month, day) for month, day in ((a, b), (b, a))} - {None}
    if len(readings) > 1 and url_month is not None:
        readings = {d for d in readings if (d.year, d.month) == url_month}
    return readings.pop() if len(readings) == 1 else None


def _date_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _url_month(url: str) -> tuple[int, int] | None:
    """(year, month) of a URL's ``/2013/08/`` path, else ``None``."""
    m = _MONTH_IN_URL.search(url)
    return (int(m.group(1)), int(m.group(2))) if m and 1 <= int(m.group(2)) <= 12 else None


_DATE_IN_URL = re.compile(
    rf"/((?:19|20)\d\d)[/-](\d\d|{_MONTH})[/-](\d\d(?=[/_.-]|$)|\d(?=[/.]|$))"  # /2013/05/02/ · /2005/nov/28/
    r"|/((?:19|20)\d\d)(\d\d)(\d\d)/",  # /20130914/
    re.IGNORECASE,
)
HEADER_LINES = 4
"""How many leading non-empty lines of a text may hold a header (URL, title, date line)."""
DATE_LINE_CHARS = 60
"""A header date line is short ("Published: April 23, 2013 9:39 AM"); a longer line is body text."""
DATE_LINE_WORDS = 5
"""Words besides the date on a header date line ("Last Updated: Monday, 02:24 GMT"); a sentence
that mentions a date has more."""


def header_date(text: str) -> dt.date | None:
    """The publication date of a text that opens with a header block, else ``None``.

    A header block is what copies of web articles often begin with: a URL line, a title line and
    a short date line ("May 03, 2013", "Posted: Apr 02, 2009 11:06 PM", "WASHINGTON, April 28,
    2009", "Posted 12/19/2005 3:36 PM" where the day cannot be a month, "8 / 2 / 13 at 1:30 PM" under
    a URL of ``/2013/08/``), in any order, within the first :data:`HEADER_LINES` non-empty lines and
    before the first paragraph (a long line ending a sentence). A short line holding a full date is
    read first; else a full year/month/day in a leading URL (``/2013/05/02/``, ``/2005/nov/28/``,
    ``/20130914/``; not ``/2013/08/5-thoughts-on…``, a slug). Dates inside body sentences are never
    read: they may be about anything.

    >>> header_date("http://x.com/a\\nQuake hits island\\nMay 03, 2013\\nA quake hit ...")
    datetime.date(2013, 5, 3)
    >>> header_date("The council met on May 3, 2013 to approve the budget.") is None
    True
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()][:HEADER_LINES]
    url = lines[0] if lines and lines[0].startswith(("http://", "https://", "www.")) else None
    url_month = _url_month(url) if url else None
    for line in lines:
        if len(line) > DATE_LINE_CHARS and line.endswith((".", "!", "?", '"', "”")):
            break  # a paragraph of the body: the header block is over
        m = _DATE_IN_LINE.search(line) if len(line) <= DATE_LINE_CHARS else None
        if m and _is_date_line(line, m) and (found := _numeric_date(m.group(0), url_month) if "/" in m.group(0)
                                             else parse_date(m.group(0))):
            return found
    if url and " " not in url:
        return _url_date(url)
    return None


def is_header_date_line(line: str) -> bool:
    """A short line that only gives a date ("May 03, 2013", "Posted: Apr 02, 2009 11:06 PM")."""
    line = line.strip()
    m = _DATE_IN_LINE.search(line) if len(line) <= DATE_LINE_CHARS else None
    return bool(m and _is_date_line(line, m))


def header_lines(lines: list[str]) -> list[int]:
    """Indices of the header block's lines: the first :data:`HEADER_LINES` non-empty lines, up to
    the first paragraph of the body (a long line ending a sentence)."""
    out = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if len(out) == HEADER_LINES or (len(stripped) > DATE_LINE_CHARS and stripped.endswith((".", "!", "?", '"', "”"))):
            break
        out.append(i)
    return out


def _is_date_line(line: str, match: re.Match) -> bool:
    rest = line[: match.start()] + " " + line[match.end() :]
    return sum(any(c.isalpha() for c in word) for word in rest.split()) <= DATE_LINE_WORDS


def _url_date(url: str) -> dt.date | None:
    m = _DATE_IN_URL.search(url)
    if not m:
        return None
    year, month, day = (g for g in m.groups() if g is not None)
    if not month.isdigit():
        return parse_date(f"{day} {month} {year}")
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:  # /2013/13/45/ is an id, not a date
        return None
