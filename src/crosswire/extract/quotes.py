"""Direct quotes: words inside quote marks, attributed to the speaker the sentence names.

The speaker is the subject of a cue verb ("said", "stated", "added" …) outside the quote in
the sentences the quote touches; a subject that contains a named entity ("a statement from the
Russian Foreign Ministry") is narrowed to that entity, and a pronoun or a generic noun ("he",
"the ministry", "the statement") is resolved to the last speaker named before it in the article.
"""

from __future__ import annotations

import hashlib
import re

from ..model import Quote, Span

CUE_LEMMAS = frozenset(
    "say state add tell note emphasize emphasise stress conclude declare announce write post report claim "
    "insist warn urge explain confirm deny reply respond cite quote argue told".split()
)
PRONOUNS = frozenset("he she it they we i this".split())
_PAIRS = [("“", "”"), ("«", "»"), ("„", "“")]
_STRAIGHT = re.compile(r'"([^"\n]+)"')


def quoted_spans(text: str, min_chars: int) -> list[tuple[int, int]]:
    """``(start, end)`` of the words inside quote marks (curly, guillemets or straight) in one text."""
    spans = []
    for opener, closer in _PAIRS:
        pattern = re.compile(re.escape(opener) + r"([^" + re.escape(opener + closer) + r"\n]+)" + re.escape(closer))
        spans.extend((m.start(1), m.end(1)) for m in pattern.finditer(text))
    spans.extend((m.start(1), m.end(1)) for m in _STRAIGHT.finditer(text))
    return sorted((s, e) for s, e in spans if e - s >= min_chars and len(text[s:e].split()) >= 3)


def _cue_subject(sent, quote_start: int, quote_end: int):
    """(speaker tokens, cue token) for a cue verb outside the quote, or (None, None)."""
    for token in sent:
        if quote_start <= token.idx < quote_end or token.lemma_.lower() not in CUE_LEMMAS:
            continue
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return subjects[0], token
    return None, None


def _speaker_text(subject, doc) -> tuple[str, int, int]:
    """The speaker's words: a named entity inside the subject phrase if there is one."""
    tokens = list(subject.subtree)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    for ent in doc.ents:
        if ent.label_ in ("PERSON", "ORG", "GPE", "NORP") and start <= ent.start_char and ent.end_char <= end:
            return ent.text, ent.start_char, ent.end_char
    return doc.text[start:end], start, end


def _is_reference(text: str) -> bool:
    """A pronoun or a generic "the ministry"-style noun phrase that refers to a speaker named before."""
    words = text.lower().split()
    return bool(words) and (words[0] in PRONOUNS or (words[0] in ("the", "a", "an") and len(words) <= 3))


def find_quotes(doc, article_id: str, min_chars: int) -> list[Quote]:
    """Direct quotes of one parsed article, with speakers where the text names them."""
    quotes, last_named = [], None
    for start, end in quoted_spans(doc.text, min_chars):
        sents = [s for s in doc.sents if s.start_char < end + 40 and s.end_char > start - 1]
        speaker = speaker_span = cue = None
        for sent in sents:
            subject, cue_token = _cue_subject(sent, start - 1, end + 1)
            if subject is not None:
                speaker, s0, s1 = _speaker_text(subject, doc)
                speaker_span, cue = Span(article_id, s0, s1), cue_token.text
                break
        if speaker and _is_reference(speaker) and last_named:
            speaker, speaker_span = last_named
        elif speaker:
            last_named = (speaker, speaker_span)
        qid = "q_" + hashlib.blake2b(f"{article_id}:{start}:{end}".encode(), digest_size=5).hexdigest()
        quotes.append(Quote(qid, Span(article_id, start, end), "direct", speaker, speaker_span, cue=cue))
    return quotes
