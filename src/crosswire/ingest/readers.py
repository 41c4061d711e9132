"""Readers, one per input format. Each turns decoded text into documents (or rejections).

A reader returns a list of ``Document | Rejection``: text and HTML files give one, JSONL, CSV
and feeds give one per record. Readers never clean: they separate metadata from the body.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Callable

from ..model import Document, Rejection
from ..settings import IngestSettings
from .meta import header_date, header_lines, is_header_date_line, outlet_from_url, parse_date

Reader = Callable[[str, str, IngestSettings], list[Document | Rejection]]

# A header line in the plain-text format: " date 2024-12-08", optionally followed on the same
# line by a URL and/or other header text.
_DATE_HEADER = re.compile(r"^\s*date\s*[:=]?\s*(\d{4}-\d{2}-\d{2})\b[ \t]*(.*)$", re.IGNORECASE)
_URL = re.compile(r"https?://\S+")
_FINAL_PUNCT = tuple(".!?…:;\"'”’»)")
_CONTINUES = tuple(",-–—&(/")
"""A line ending in one of these runs on into the next (a hard-wrapped paragraph's first line, "The
mayor opened the new ferry pier on Monday,"); no headline ends so."""


def content_id(text: str) -> str:
    """A stable id for a piece of content: the same text always gets the same id."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


TITLE_MAX_CHARS = 200
"""A header line no longer than this, without final punctuation and of three words or more, is a title."""


def looks_like_title(line: str, max_chars: int) -> bool:
    """A short line without final punctuation, as titles and headlines are, that does not run on
    into the next line (a comma or a dash at its end)."""
    line = line.strip()
    return (0 < len(line) <= max_chars and not line.endswith(_FINAL_PUNCT) and not line.endswith(_CONTINUES)
            and len(line.split()) >= 3)


def read_text(text: str, source: str, settings: IngestSettings) -> list[Document | Rejection]:
    """Plain text, optionally led by header lines: `` date YYYY-MM-DD [URL] [text]`` and a bare URL.

    Header text after the date and URL is kept as the body's first line, for cleaning to judge
    (it is often a share bar or an image credit). A short unpunctuated first line is the title.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    published, url, residue = None, None, ""
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines and (m := _DATE_HEADER.match(lines[0])):
        published = parse_date(m.group(1))
        rest = m.group(2)
        if u := _URL.match(rest):
            url, rest = u.group(0), rest[u.end():]
        residue = rest.strip()
        lines.pop(0)
    while lines and not lines[0].strip():
        lines.pop(0)
    if url is None and lines and _URL.fullmatch(lines[0].strip()):
        url = lines.pop(0).strip()
    body_lines = ([residue] if residue else []) + lines
    if published is None:  # a date line in a URL / title / date block, or a date in the URL
        published = header_date("\n".join([url or "", *body_lines]))
    body_lines = without_header_dates(body_lines)
    title = None
    first = next((i for i, line in enumerate(body_lines) if line.strip() and line.strip() != residue), None)
    if first is not None and looks_like_title(body_lines[first], TITLE_MAX_CHARS) and _has_body_after(body_lines, first):
        title = body_lines[first].strip()
        del body_lines[first]
    body = "\n".join(body_lines).strip("\n")
    return [
        Document(
            id=content_id(text),
            source=source,
            raw_text=text,
            format="text",
            title=title,
            url=url,
            outlet=outlet_from_url(url),
            published=published,
            published_source="header" if published else "unknown",
            body=body,
        )
    ]


def without_header_dates(lines: list[str]) -> list[str]:
    """The lines without the header block's date lines: metadata (read by
    :func:`~crosswire.ingest.meta.header_date`), not reporting."""
    dates = {i for i in header_lines(lines) if is_header_date_line(lines[i])}
    return [line for i, line in enumerate(lines) if i not in dates]


def record_header(body: str, url: str | None, title: str | None, title_max_chars: int) -> tuple[str | None, str | None, str]:
    """URL, title and body of a record whose text opens with a header block its fields lack:
    a bare URL line, a short unpunctuated title line, date lines (all leave the body)."""
    lines = body.split("\n")
    head = header_lines(lines)
    if head and _URL.fullmatch(lines[head[0]].strip()):
        url = url or lines[head[0]].strip()
        lines[head[0]] = ""
    lines = without_header_dates(lines)
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if title is None and first is not None and first in header_lines(lines) and \
            looks_like_title(lines[first], title_max_chars) and _has_body_after(lines, first):
        title = lines[first].strip()
        lines[first] = ""
    return url, title, "\n".join(lines).strip("\n")


def _has_body_after(lines: list[str], index: int) -> bool:
    return any(len(line.strip()) > 80 for line in lines[index + 1 :])


def read_html(text: str, source: str, settings: IngestSettings) -> list[Document | Rejection]:
    """An HTML page: body and metadata (title, date, author, site, URL) by trafilatura."""
    import trafilatura

    extracted = trafilatura.extract(
        text, output_format="json", with_metadata=True, include_comments=False, favor_precision=True
    )
    if not extracted:
        return [Rejection(source, "no_text", "trafilatura found no article text", content_id(text))]
    meta = json.loads(extracted)
    body = meta.get("text") or meta.get("raw_text") or ""
    url = meta.get("url") or None
    published = parse_date(meta.get("date"))
    return [
        Document(
            id=content_id(text),
            source=source,
            raw_text=text,
            format="html",
            title=meta.get("title") or None,
            url=url,
            outlet=outlet_from_url(url) or (meta.get("sitename") or meta.get("hostname") or None),
            author=meta.get("author") or None,
            published=published,
            published_source="metadata" if published else "unknown",
            language=meta.get("language") or None,
            body=body,
        )
    ]


def _first_field(record: dict, names: tuple[str, ...]) -> str | None:
    lowered = {str(k).lower(): v for k, v in record.items()}
    for name in names:
        value = lowered.get(name)
        if value not in (None, ""):
            return str(value)
    return None


def document_from_record(record: dict, source: str, fmt: str, settings: IngestSettings) -> Document | Rejection:
    """A JSONL/CSV/feed record with a text field and optional metadata fields."""
    body = _first_field(record, settings.text_fields)
    raw = json.dumps(record, ensure_ascii=False, sort_keys=True, default=str)
    if body is None or not body.strip():
        fields = ", ".join(settings.text_fields)
        return Rejection(source, "no_text", f"no text in any of the fields: {fields}", content_id(raw))
    url = _first_field(record, ("url", "link", "href", "uri"))
    published = parse_date(_first_field(record, ("published", "date", "publish_date", "published_at", "pubdate")))
    published_source = "given" if published else "unknown"
    if published is None and (published := header_date(body)):
        published_source = "header"  # the text opens with a URL / title / date block
    url, title, body = record_header(body, url, _first_field(record, ("title", "headline")), TITLE_MAX_CHARS)
    outlet = _first_field(record, ("outlet", "site", "sitename", "publisher", "source_domain")) or outlet_from_url(url)
    return Document(
        id=content_id(raw),
        source=source,
        raw_text=raw,
        format=fmt,  # type: ignore[arg-type]
        title=title,
        url=url,
        outlet=outlet,
        author=_first_field(record, ("author", "byline", "authors")),
        published=published,
        published_source=published_source,
        language=_first_field(record, ("language", "lang")),
        body=body,
    )


def read_jsonl(text: str, source: str, settings: IngestSettings) -> list[Document | Rejection]:
    """JSON Lines (one object per line) or a JSON array of objects."""
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            rows = json.loads(stripped)
        except json.JSONDecodeError as exc:
            return [Rejection(source, "malformed", f"invalid JSON: {exc}", content_id(text))]
        return [_record(row, f"{source}#{i}", "jsonl", settings) for i, row in enumerate(rows, 1)]
    out: list[Document | Rejection] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}#L{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(Rejection(where, "malformed", f"invalid JSON: {exc.msg}", content_id(line)))
            continue
        out.append(_record(row, where, "jsonl", settings))
    return out


def _record(row: object, where: str, fmt: str, settings: IngestSettings) -> Document | Rejection:
    if not isinstance(row, dict):
        return Rejection(where, "malformed", f"expected an object, got {type(row).__name__}", content_id(str(row)))
    return document_from_record(row, where, fmt, settings)


def read_csv(text: str, source: str, settings: IngestSettings) -> list[Document | Rejection]:
    """CSV or TSV with a header row naming the fields."""
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel_tab if source.endswith(".tsv") else csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    out: list[Document | Rejection] = []
    try:
        for number, row in enumerate(reader, 2):
            out.append(document_from_record(row, f"{source}#R{number}", "csv", settings))
    except csv.Error as exc:
        out.append(Rejection(source, "malformed", f"CSV error: {exc}", content_id(text)))
    return out


def read_feed(text: str, source: str, settings: IngestSettings) -> list[Document | Rejection]:
    """An RSS or Atom feed: one document per entry, HTML content reduced to text."""
    import feedparser

    feed = feedparser.parse(text)
    if not feed.entries:
        return [Rejection(source, "no_text", "feed has no entries", content_id(text))]
    out: list[Document | Rejection] = []
    for i, entry in enumerate(feed.entries, 1):
        html = entry.get("content", [{}])[0].get("value") if entry.get("content") else entry.get("summary", "")
        record = {
            "text": html_to_text(html or ""),
            "title": entry.get("title"),
            "url": entry.get("link"),
            "published": entry.get("published") or entry.get("updated"),
            "author": entry.get("author"),
        }
        out.append(document_from_record(record, f"{source}#{i}", "feed", settings))
    return out


def html_to_text(html: str) -> str:
    """Paragraph-preserving text of an HTML fragment."""
    if "<" not in html:
        return html
    import lxml.html

    fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    for block in fragment.iter("p", "br", "li", "h1", "h2", "h3", "div"):
        block.tail = "\n" + (block.tail or "")
    return fragment.text_content().strip()


READERS: dict[str, Reader] = {
    "text": read_text,
    "html": read_html,
    "jsonl": read_jsonl,
    "csv": read_csv,
    "feed": read_feed,
}

_EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv", ".tsv": "csv",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}


def sniff_format(name: str, text: str) -> str:
    """The reader for an input: by extension, else by its first characters."""
    lowered = name.lower().split("?", 1)[0]
    for ext, fmt in _EXTENSIONS.items():
        if lowered.endswith(ext):
            return fmt
    head = text.lstrip()[:512].lower()
    if head.startswith(("<?xml", "<rss", "<feed")) or "<rss" in head or "<feed" in head:
        return "feed"
    if head.startswith("<"):
        return "html"
    if head.startswith(("{", "[")):
        return "jsonl"
    return "text"
