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
