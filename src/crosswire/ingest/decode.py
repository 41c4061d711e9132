"""Bytes to text, or a reason why not."""

from __future__ import annotations

from ..settings import IngestSettings

_TEXT_CONTROLS = {9, 10, 12, 13, 27}


def binary_share(data: bytes) -> float:
    """Share of control bytes (other than tab, newline, form feed, CR, ESC) in the first 8 kB."""
    head = data[:8192]
    if not head:
        return 0.0
    controls = sum(1 for b in head if b < 32 and b not in _TEXT_CONTROLS)
    return controls / len(head)


def check_bytes(data: bytes, settings: IngestSettings) -> tuple[str, str] | None:
    """``(reason, detail)`` when these bytes cannot be an article, else ``None``."""
    if not data.strip():
        return "empty", "no content"
    if len(data) > settings.max_bytes:
        return "too_large", f"{len(data):,} bytes > ingest.max_bytes={settings.max_bytes:,}"
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary", "contains NUL bytes"
    share = binary_share(data)
    if share > settings.binary_ratio:
        return "binary", f"{share:.0%} control bytes"
    return None


def decode_bytes(data: bytes) -> str | None:
    """Decode as UTF-8 (with or without BOM, or UTF-16 with BOM), else by detection; ``None`` if hopeless."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        return None
    text = str(best)
    # A guess that still needs many replacement characters is no decoding at all.
    if text.count("\ufffd") > max(3, len(text) // 200):
        return None
    return text
