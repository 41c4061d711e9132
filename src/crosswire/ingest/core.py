"""Read inputs into documents, accounting for every one of them."""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..model import Document, Rejection
from ..settings import IngestSettings
from .decode import check_bytes, decode_bytes
from .readers import READERS, content_id, sniff_format
from .sources import expand_inputs, is_url

Progress = Callable[[int], None]


@dataclass
class IngestResult:
    """What an ingestion read: ``read == len(documents) + len(rejections)``, always."""

    documents: list[Document] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)

    @property
    def read(self) -> int:
        return len(self.documents) + len(self.rejections)

    def add(self, item: Document | Rejection, seen: dict[str, str]) -> None:
        if isinstance(item, Rejection):
            self.rejections.append(item)
        elif item.id in seen:
            detail = f"same content as {seen[item.id]}"
            self.rejections.append(Rejection(item.source, "duplicate", detail, item.id))
        else:
            seen[item.id] = item.source
            self.documents.append(item)

    def reasons(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for r in self.rejections:
            counts[r.reason] = counts.get(r.reason, 0) + 1
        return dict(sorted(counts.items()))


def ingest(
    inputs: Iterable[str],
    settings: IngestSettings | None = None,
    progress: Progress | None = None,
    exclude: set[str] | None = None,
) -> IngestResult:
    """Read every input (path, directory, glob or URL) into documents or rejections.

    Args:
        inputs: what the user named; directories are walked, globs expanded.
        settings: size limits and field names; defaults when ``None``.
        progress: called with 1 after each input file, for progress bars.
        exclude: paths never to read (the store's own files when they sit among the inputs).

    Raises:
        InputError: a path that does not exist or a glob that matches nothing.
    """
    settings = settings or IngestSettings()
    result, seen = IngestResult(), {}
    for source in expand_inputs(list(inputs), exclude):
        for item in read_input(source, settings):
            result.add(item, seen)
        if progress:
            progress(1)
    return result


def read_input(source: str, settings: IngestSettings) -> list[Document | Rejection]:
    """Read one file or URL; every failure becomes a rejection with a reason."""
    try:
        data = fetch_url(source, settings) if is_url(source) else _read_file(source, settings)
    except OSError as exc:
        return [Rejection(source, "unreadable", str(exc))]
    if isinstance(data, Rejection):
        return [data]
    if problem := check_bytes(data, settings):
        return [Rejection(source, problem[0], problem[1])]
    text = decode_bytes(data)
    if text is None:
        return [Rejection(source, "undecodable", "not UTF-8 and no other encoding fits")]
    fmt = sniff_format(source, text)
    items = READERS[fmt](text, source, settings)
    return [_check_length(item, settings) for item in items]


def _read_file(path: str, settings: IngestSettings) -> bytes | Rejection:
    """The file's bytes; a file over ``ingest.max_bytes`` is rejected without being read whole."""
    size = os.path.getsize(path)
    if size > settings.max_bytes:
        return Rejection(path, "too_large", f"{size:,} bytes > ingest.max_bytes={settings.max_bytes:,}")
    with open(path, "rb") as handle:
        return handle.read()


def fetch_url(url: str, settings: IngestSettings) -> bytes | Rejection:
    """GET a URL (HTML page or feed) with a size cap; HTTP errors become rejections."""
    request = urllib.request.Request(url, headers={"User-Agent": "crosswire (+offline news cross-checker)"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.read(settings.max_bytes + 1)
    except urllib.error.HTTPError as exc:
        return Rejection(url, "unreadable", f"HTTP {exc.code} {exc.reason}")
    except urllib.error.URLError as exc:
        return Rejection(url, "unreadable", f"cannot fetch: {exc.reason}")


def _check_length(item: Document | Rejection, settings: IngestSettings) -> Document | Rejection:
    if isinstance(item, Document):
        body = item.body if item.body is not None else item.raw_text
        if len(body.strip()) < settings.min_chars:
            detail = f"{len(body.strip())} characters of text < ingest.min_chars={settings.min_chars}"
            return Rejection(item.source, "no_text", detail, item.id or content_id(body))
    return item
