"""Words inside quote marks, in every style news text uses, with apostrophes kept apart.

Styles: straight ``"…"`` and ``'…'``, curly ``“…”`` and ``‘…’``, low-high ``„…“``/``„…”`` and
guillemets ``«…»`` (and ``»…«``). A quote inside a quote (single marks within double ones) stays
part of the outer quote. News convention for long quotes is honoured: a paragraph that opens a
quote and ends without closing it continues in the next paragraph when that one opens with a quote
mark; each paragraph's part becomes one :class:`Quoted` and the later parts point to the first.

Single quote marks double as apostrophes (``don’t``, ``the Smiths’``, ``'90s``): a single mark opens a
quote only after a space or an opening bracket and before a letter, and closes one only after a
letter or punctuation and before a space, punctuation or the end of the line.
"""

from __future__ import annotations

from dataclasses import dataclass

DOUBLE_OPEN = {"“": "D", "„": "D", "«": "G", "»": "R"}
DOUBLE_CLOSE = {"”": "D", "“": "D", "»": "G", "«": "R"}
_OPEN_CONTEXT = set(" \t([{—–-/:;,") | {""}
_TRIM = " \t,;:"


@dataclass(frozen=True)
class Quoted:
    """Inner ``[start, end)`` of one quoted passage (marks excluded), with how it was marked."""

    start: int
    end: int
    mark: str
    """The opening mark."""
    continues_from: int | None = None
    """Start of the first part when this paragraph continues a quote opened in an earlier one."""
    closed: bool = True


def _prev(text: str, i: int) -> str:
    return text[i - 1] if i > 0 else ""


def _next(text: str, i: int) -> str:
    return text[i + 1] if i + 1 < len(text) else ""


def _single_opens(text: str, i: int) -> bool:
    return _prev(text, i) in _OPEN_CONTEXT | {'"', "“"} and _next(text, i).isalpha()


def _single_closes(text: str, i: int) -> bool:
    prev, nxt = _prev(text, i), _next(text, i)
    return bool(prev) and not prev.isspace() and not nxt.isalnum()


def _straight_double_opens(text: str, i: int, is_open: bool) -> bool:
    prev, nxt = _prev(text, i), _next(text, i)
    if is_open:
        return False
    return prev in _OPEN_CONTEXT or prev in "'‘" or (nxt and not nxt.isspace() and not prev.isalnum())


def _doubled_single(paragraph: str, i: int, is_open: bool) -> tuple[str, str] | None:
    """Two straight single marks used as one double mark (``''We will,'' he said``, as in some
    wire and newspaper archives): an opening mark before a word, a closing one after one."""
    prev, nxt = _prev(paragraph, i), _next(paragraph, i + 1)
    if is_open and prev and not prev.isspace():
        return ("close", "D")
    if not is_open and prev in _OPEN_CONTEXT | {'"'} and (nxt.isalnum() or nxt in "…$(["):
        return ("open", "D")
    return None


def _events(paragraph: str) -> list[tuple[int, str, str]]:
    """(offset, 'open'|'close', family) for every quote mark of one paragraph, read left to right.

    Families: ``D`` double (curly, straight, low-high), ``G``/``R`` guillemets, ``S`` single.
    Single marks are only read outside a double quote (inside, they are a nested quote).
    """
    events, open_family, skip = [], None, -1
    for i, ch in enumerate(paragraph):
        kind = None
        if i == skip:
            continue
        if ch == "'" and _next(paragraph, i) == "'" and open_family in (None, "D"):
            skip, kind = i + 1, _doubled_single(paragraph, i, open_family == "D")
            if kind is None:
                continue
            open_family = None if kind[0] == "close" else "D"
            events.append((i + 1 if kind[0] == "open" else i, kind[0], "D"))
            continue
        if ch == '"':
            kind = ("open", "D") if _straight_double_opens(paragraph, i, open_family == "D") else ("close", "D")
        elif open_family in ("D", "G", "R") and DOUBLE_CLOSE.get(ch) == open_family:
            kind = ("close", open_family)
        elif ch in DOUBLE_OPEN and open_family in (None, "S"):
            kind = ("open", DOUBLE_OPEN[ch])
        elif ch == "”" and open_family is None and _next(paragraph, i).isalpha() and _prev(paragraph, i) in _OPEN_CONTEXT:
            kind = ("open", "D")  # some sites use the closing mark on both sides
        elif ch in "‘'" and open_family is None and _single_opens(paragraph, i):
            kind = ("open", "S")
        elif ch in "’'" and open_family == "S" and _single_closes(paragraph, i):
            kind = ("close", "S")
        if kind is None:
            continue
        if kind[0] == "open":
            open_family = kind[1]
        elif kind[1] == open_family:
            open_family = None
        else:
            continue
        events.append((i, kind[0], kind[1]))
    return events


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for i, ch in enumerate(text):
        if ch == "\n":
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _paragraph_quotes(text: str, p0: int, p1: int) -> tuple[list[tuple[int, int, str]], tuple[int, str] | None]:
    """Closed quotes of one paragraph, and the quote left open at its end (offset of inner start, mark)."""
    found, opened = [], None
    for offset, kind, _family in _events(text[p0:p1]):
        pos = p0 + offset
        if kind == "open":
            opened = (pos + 1, text[pos])
        elif opened is not None:
            found.append((opened[0], pos, opened[1]))
            opened = None
    return found, opened


def quoted_spans(text: str) -> list[Quoted]:
    """Every quoted passage of ``text`` in order, with paragraph continuations linked.

    >>> [text[q.start:q.end] for text in ['He said: “We will go.” Then he left.'] for q in quoted_spans(text)]
    ['We will go.']
    """
    out: list[Quoted] = []
    chain_start: int | None = None
    paragraphs = _paragraphs(text)
    for index, (p0, p1) in enumerate(paragraphs):
        found, left_open = _paragraph_quotes(text, p0, p1)
        for n, (s, e, mark) in enumerate(found):
            s, e = _trimmed(text, s, e)
            continues = chain_start if n == 0 and chain_start is not None and s <= p0 + 2 else None
            out.append(Quoted(s, e, mark, continues))
        if chain_start is not None and not found and left_open is None:
            chain_start = None
        if left_open is None:
            chain_start = None
            continue
        nxt = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        if nxt and text[nxt[0] : nxt[0] + 1] in "\"“„«»‘'":
            s, e = _trimmed(text, left_open[0], p1)
            first = chain_start if chain_start is not None and left_open[0] <= p0 + 2 else s
            out.append(Quoted(s, e, left_open[1], None if first == s else first, closed=False))
            chain_start = first
        else:
            chain_start = None
    return out
