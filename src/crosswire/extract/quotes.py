"""Quotes with their speakers: direct quotes in quote marks and reported speech ("X said that …").

Direct quotes come from :func:`~crosswire.extract.quotemarks.quoted_spans`. The speaker is found in
the *frame* of the quote: first the words after the closing mark up to the end of that sentence
(``“…,” the ministry said``), then the words before the opening mark from the start of its sentence
(``He said: “…”``). A quote with no frame inherits the speaker of the quote it continues (split
quotes, paragraph continuations) or of the quote right before it when only whitespace lies between.
Reported speech is the clausal complement of a cue verb outside quote marks, or a clause with
"according to X". Speakers are named and resolved with :mod:`crosswire.extract.speakers`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..model import Quote, Span
from .quotemarks import Quoted, quoted_spans
from .speakers import CUE_LEMMAS, RELAY_LEMMAS, Speaker, SpeakerMemory, channel_of, name_speaker, phrase_span

__all__ = ["CUE_LEMMAS", "find_quotes", "quoted_spans"]
_WEAK_CUES = frozenset({"continue", "ask", "add", "write", "post", "report", "note", "answer"})


@dataclass(frozen=True)
class _Found:
    span: tuple[int, int]
    kind: str
    speaker: Speaker | None
    cue: tuple[int, int] | None
    channel: tuple[int, int] | None
    head_lemma: str = ""
    part_of: tuple[int, int] | None = None
    """Span of the first part when this quote continues an earlier one."""


def _is_cue(token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in CUE_LEMMAS


def _subject(cue):
    """The speaking subject of a cue verb (the cited source for cite/quote), following conjuncts."""
    if cue.lemma_.lower() in RELAY_LEMMAS:
        obj = next((c for c in cue.children if c.dep_ in ("dobj", "obj")), None)
        if obj is not None:
            return obj
    for verb in (cue, cue.head if cue.dep_ == "conj" else None):
        if verb is None:
            continue
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and not (verb is not cue and subject.i > cue.i):
            return subject
    agent = next((c for c in cue.children if c.dep_ == "agent"), None)
    if agent is not None:
        return next((c for c in agent.children if c.dep_ == "pobj"), None)
    return None


def _relay_channel(cue) -> tuple[int, int] | None:
    """For cite/quote, the citer is the channel ("ANI cited the agency's source")."""
    if cue.lemma_.lower() in RELAY_LEMMAS:
        subject = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return phrase_span(subject)
    return None


def _inner_cue(cue):
    """An inner cue with its own subject under an outer one ("…, the source added, TASS reported")."""
    for child in cue.children:
        if child.dep_ in ("ccomp", "parataxis") and _is_cue(child) and _subject(child) is not None:
            return child
    return None


def _frame_cue(doc, tokens):
    """The cue verb with a subject among ``tokens`` (outside the quote), innermost first."""
    for token in tokens:
        if _is_cue(token) and _subject(token) is not None and not token.is_punct:
            return _inner_cue(token) if _inner_cue(token) is not None and _in(tokens, _inner_cue(token)) else token
    return None


def _in(tokens, token) -> bool:
    return any(t.i == token.i for t in tokens)


def _frame_tokens(doc, start: int, end: int, max_tokens: int) -> tuple[list, list]:
    """Tokens after the closing mark (same sentence) and before the opening mark (same sentence)."""
    close_sent = doc.char_span(max(end - 1, start), end, alignment_mode="expand")
    open_sent = doc.char_span(start, min(start + 1, end), alignment_mode="expand")
    after, before = [], []
    if close_sent is not None:
        sent = close_sent[0].sent
        after = [t for t in sent if t.idx > end and "\n" not in doc.text[end : t.idx]][:max_tokens]
    if open_sent is not None:
        sent = open_sent[0].sent
        before = [t for t in sent if t.idx + len(t.text) < start and "\n" not in doc.text[t.idx : start]]
        before = list(reversed(before))[:max_tokens]
    return after, before


def _attribute(doc, start: int, end: int, max_tokens: int) -> tuple[Speaker | None, object, object]:
    """(speaker, cue token, frame) for the quote ``[start, end)``; (None, None, None) if its frame names none."""
    after, before = _frame_tokens(doc, start, end, max_tokens)
    for frame in (after, before):
        cue = _frame_cue(doc, frame)
        if cue is not None:
            subject = _subject(cue)
            if not (start <= subject.idx < end):
                return name_speaker(subject), cue, frame
    return None, None, None


def _quote_id(article_id: str, start: int, end: int, kind: str) -> str:
    key = f"{article_id}:{kind}:{start}:{end}".encode()
    return "q_" + hashlib.blake2b(key, digest_size=5).hexdigest()


def _direct(doc, quoted: list[Quoted], min_chars: int, max_tokens: int) -> list[_Found]:
    found: list[_Found] = []
    by_start: dict[int, _Found] = {}
    for q in quoted:
        text = doc.text[q.start : q.end]
        if q.continues_from is None and (q.end - q.start < min_chars or len(text.split()) < 3):
            continue
        speaker, cue, _frame = _attribute(doc, q.start, q.end, max_tokens)
        first = by_start.get(q.continues_from) if q.continues_from is not None else None
        part_of = first.span if first is not None else None
        if speaker is None:
            prev = found[-1] if found else None
            if first is not None:
                prev = first
            elif prev is not None and doc.text[prev.span[1] : q.start].strip(" \n\"“”„«»‘’',.") == "":
                part_of = prev.part_of or prev.span
            else:
                prev = None
            if prev is not None:
                item = _Found((q.start, q.end), "direct", prev.speaker, prev.cue, prev.channel, prev.head_lemma, part_of)
                found.append(item)
                by_start[q.start] = item
                continue
        cue_span = (cue.idx, cue.idx + len(cue.text)) if cue is not None else None
        channel = (_relay_channel(cue) or channel_of(cue)) if cue is not None else None
        head = _subject(cue).lemma_.lower() if cue is not None else ""
        item = _Found((q.start, q.end), "direct", speaker, cue_span, channel, head, part_of)
        found.append(item)
        by_start[q.start] = item
    return found


def _reported(doc, direct: list[_Found]) -> list[_Found]:
    """Clausal complements of cue verbs, outside every direct quote."""
    taken = [f.span for f in direct]
    out = []
    for token in doc:
        if not _is_cue(token) or token.lemma_.lower() in _WEAK_CUES - {"add", "report", "note", "write"}:
            continue
        comp = next((c for c in token.children if c.dep_ == "ccomp"), None)
        subject = _subject(token)
        if comp is None or subject is None:
            continue
        tokens = [t for t in comp.subtree if not (t.is_punct and t.i == comp.right_edge.i)]
        while tokens and tokens[0].dep_ == "mark" and tokens[0].lower_ == "that":
            tokens = tokens[1:]
        if len(tokens) < 3:
            continue
        span = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
        if any(s < span[1] and span[0] < e for s, e in taken) or span[0] <= subject.idx < span[1]:
            continue
        channel = _relay_channel(token) or channel_of(token)
        cue = (token.idx, token.idx + len(token.text))
        out.append(_Found(span, "reported", name_speaker(subject), cue, channel, subject.lemma_.lower()))
    return out


def find_quotes(doc, article_id: str, min_chars: int, max_frame_tokens: int = 12,
                reported: bool = True) -> list[Quote]:
    """Direct quotes (and, with ``reported``, reported speech) of one parsed article, with speakers.

    Args:
        doc: the spaCy ``Doc`` of the article's cleaned text.
        article_id: the article the spans point into.
        min_chars: quoted strings shorter than this are scare quotes, not statements.
        max_frame_tokens: how far from a quote mark a cue verb may stand.
        reported: also extract reported speech ("X said that …").
    """
    items = _direct(doc, quoted_spans(doc.text), min_chars, max_frame_tokens)
    if reported:
        items += _reported(doc, items)
    items.sort(key=lambda f: f.span)
    memory = SpeakerMemory.of(doc)
    return [_to_quote(item, doc.text, article_id, memory) for item in items]


def _to_quote(item: _Found, text: str, article_id: str, memory: SpeakerMemory) -> Quote:
    def span(pair):
        return Span(article_id, pair[0], pair[1]) if pair else None

    def words(pair):
        return text[pair[0] : pair[1]] if pair else None

    speaker = item.speaker
    if speaker is not None:
        speaker = memory.resolve(item.span[0], speaker, item.head_lemma)
        memory.remember(item.span[0], speaker)
    part_of = _quote_id(article_id, *item.part_of, "direct") if item.part_of else None
    return Quote(
        id=_quote_id(article_id, item.span[0], item.span[1], item.kind),
        span=span(item.span),
        kind=item.kind,  # type: ignore[arg-type]
        speaker=speaker.name if speaker else None,
        speaker_span=span(speaker.name_span) if speaker else None,
        cue=words(item.cue),
        channel=words(item.channel),
        speaker_mention=span(speaker.mention) if speaker else None,
        cue_span=span(item.cue),
        channel_span=span(item.channel),
        part_of=part_of,
    )
