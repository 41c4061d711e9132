"""Quotes with their speakers: direct quotes in quote marks and reported speech ("X said that …").

Direct quotes come from :func:`~crosswire.extract.quotemarks.quoted_spans`. The speaker is found in
the *frame* of the quote: first the words after the closing mark up to the end of that sentence
(``“…,” the ministry said``), then the words before the opening mark from the start of its sentence
(``He said: “…”``); a quote that ends its sentence (``….” The next one``) has no frame after it, nor
has one that another quote follows at once. A quote with no frame inherits the speaker of the quote it continues
(split quotes, paragraph continuations) or of the quote before it when nothing but that quote's
frame sentence lies between (``“…,” said Jane Roe, who chairs the panel. “…”``). Quoted strings
that are not statements are left out: fragments woven into the reporter's sentence (a lower-case
quote after a comma with no cue verb before it), titles, and unattributed short quotes or quotes
that open a sentence inside a paragraph. Reported speech is the clausal complement of a cue verb
outside quote marks, or a clause with "according to X" (X the speaker). Speakers are named and resolved with
:mod:`crosswire.extract.speakers`. The rules were checked against PolNeAR train (#5).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from ..clean.dateline import dateline_end
from ..model import Quote, Span
from .quotemarks import Quoted, quoted_spans
from .speakers import (
    CUE_LEMMAS,
    PERSON_PRONOUNS,
    QUOTE_CUE_LEMMAS,
    RELAY_LEMMAS,
    TRANSCRIPT_LABEL,
    Speaker,
    SpeakerMemory,
    after_dateline,
    antecedent,
    channel_of,
    in_set_phrase,
    misread_subject,
    name_speaker,
    phrase_span,
    text_of,
)

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
    frame_end: int | None = None
    """End of the words that attribute this quote ("…,” *he said*), to link the next part to it."""


_CLOSING = frozenset({")", "]", "”", "’", '"', "'"})
"""Punctuation that closes what the reported words opened, kept at their end."""


def _is_cue(token, quoted: bool = False) -> bool:
    """Is ``token`` a verb of speech (with ``quoted``, also one that only introduces words in marks)?"""
    lemmas = QUOTE_CUE_LEMMAS if quoted else CUE_LEMMAS
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in lemmas and not in_set_phrase(token)


def _subject(cue):
    """The speaking subject of a cue verb (the cited source for cite/quote), following conjuncts;
    never the place of the wire dateline that opens the report ("LONDON (AP) -- Declaring that …")."""
    subject = _cue_subject(cue)
    dateline = dateline_end(cue.doc.text[:200])
    if subject is not None and subject.idx < dateline:
        other = _last_subject(cue, dateline)
        return other if other is not None else _participle_subject(cue, dateline)
    return subject


def _last_subject(verb, dateline: int, before: int | None = None):
    """The last subject of ``verb`` after the wire dateline (character ``dateline``) and, given
    ``before``, before that token; None if there is none."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.idx >= dateline
                and (before is None or c.i < before)]
    return max(subjects, key=lambda c: c.i) if subjects else None


def _relayed_participle(cue):
    """The verb of relaying a participle cue hangs from ("X was quoted in the daily M *saying* …"),
    or None: there the relayed person speaks, whatever the parser read as the participle's own
    subject (often the medium: "daily *M* saying")."""
    relay = cue.head if cue.tag_ == "VBG" and cue.dep_ in ("advcl", "xcomp") else None
    return relay if relay is not None and relay.lemma_.lower() in RELAY_LEMMAS else None


def _cue_subject(cue):
    if (relay := _relayed_participle(cue)) is not None and any(c.dep_ == "nsubjpass" for c in relay.children):
        cue = relay  # "X was quoted … saying": X, as for "X was quoted"
    if cue.lemma_.lower() in RELAY_LEMMAS:
        obj = next((c for c in cue.children if c.dep_ in ("dobj", "obj", "nsubjpass")), None)
        if obj is not None:  # "NTV quoted the manager", "the manager was quoted (by NTV)": the manager
            return antecedent(obj, cue) if obj.dep_ == "nsubjpass" else obj
    for verb in (cue, _coordinated_verb(cue) if cue.dep_ == "conj" else None):
        if verb is None:
            continue
        subject = _nearest_subject(verb, passive=verb is not cue)
        if subject is not None and not (verb is not cue and subject.i > cue.i):
            return subject
    agent = next((c for c in cue.children if c.dep_ == "agent"), None)
    if agent is not None:
        return next((c for c in agent.children if c.dep_ == "pobj"), None)
    return _participle_subject(cue) or _appositive_subject(cue)


def _appositive_subject(verb):
    """The subject the parser hung as an apposition on an earlier noun: a sentence's finite main
    verb with no subject of its own right after a noun phrase in apposition ("On a fan site,
    vela.net, *a writer* using the nickname BetterVela wrote: …": "a writer", read as a second name
    of "site"). The widest such phrase that ends just before the verb. (A verb the parser hung on
    another, "…, GPC chief Leo Vell said, …", is a trailing attribution: :func:`_trailing_attribution`.)"""
    if verb.i == 0 or verb.dep_ != "ROOT" or verb.tag_ not in ("VBD", "VBZ", "VBP") or any(
            c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return None
    found, token = None, verb.doc[verb.i - 1]
    while token.i < verb.i and token.right_edge.i == verb.i - 1:
        if token.dep_ == "appos" and token.pos_ in ("NOUN", "PROPN"):
            found = token
        if token.head.i == token.i:
            break
        token = token.head
    return found


def _coordinated_verb(cue):
    """The verb a conjunct cue shares its subject with: its head, or, when the head is passive, the
    clause on it that ends right before the conjunction ("X was criticized after *Mayor Tran
    called* a reporter and said …": the parser hangs "said" on "criticized", but one is not
    criticized and says; after an active head the head's subject goes on: "Yeltsin left the
    hospital after doctors examined him and told reporters …")."""
    head = cue.head
    if not any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children):
        return head  # "Yeltsin left the hospital after doctors examined him and told reporters …": Yeltsin
    cc = next((c for c in cue.doc[head.i + 1 : cue.i] if c.dep_ == "cc" and c.i == cue.left_edge.i - 1), None)
    for clause in head.children:
        if clause.dep_ == "advcl" and head.i < clause.i < cue.i and cc is not None \
                and clause.right_edge.i + 1 == cc.i and any(c.dep_ == "nsubj" for c in clause.children):
            return clause
    return head


def _nearest_subject(verb, passive: bool = True):
    """The verb's subject; of two, the one nearer it before it (a kicker label "Flood crisis: The
    ministry said"), unless the verb follows a comma and has a subject after it: wire copy's
    inverted attribution ("…, Brian Jones of Britain, *said* spokeswoman Monika Schmutz") names the
    speaker after the verb. A relative pronoun stands for the noun its clause modifies ("an official
    report *that* said …" → report). Without ``passive`` a passive subject does not count: whoever
    "was told" is the listener, not the speaker."""
    deps = ("nsubj", "nsubjpass") if passive else ("nsubj",)
    subjects = [c for c in verb.children if c.dep_ in deps]
    if (inside := _subject_inside_time_phrase(verb)) is not None:
        return inside
    before = [c for c in subjects if c.i < verb.i]
    after = [c for c in subjects if c.i > verb.i]
    if before and after and verb.i > 0 and verb.doc[verb.i - 1].text == ",":
        return antecedent(_whole_word(after[0]), verb)
    if not before and after and misread_subject(after[0]):
        return None  # "…, first said Napoleon": the parser's subject is what was said
    return antecedent(_whole_word(max(before, key=lambda c: c.i) if before else (subjects[0] if subjects else None)),
                      verb)


def _whole_word(subject):
    """The last part of a hyphenated subject the parser split into subjects of their own ("said the
    report's *co* - *author*, Adam Markham": "co", "-" and "author" each a subject): the head, on which
    the name in apposition hangs."""
    if subject is None:
        return None
    token = subject
    while token.i + 2 < len(token.doc) and token.whitespace_ == "" and token.nbor(1).text == "-" \
            and token.nbor(1).whitespace_ == "" and token.nbor(2).dep_ == subject.dep_ \
            and token.nbor(2).head.i == subject.head.i:
        token = token.nbor(2)
    return token


def _subject_inside_time_phrase(verb):
    """The subject the parser hung inside an opening time phrase that no comma closes: "Twelve
    hours into the investigation *authorities* said …" (read as "hours … said"), "A week into the
    search *rescuers* said …" (read with no subject): the object of the phrase's preposition, right
    before the verb, speaks. None otherwise."""
    if verb.i == 0:
        return None
    last = verb.doc[verb.i - 1]
    if last.dep_ != "pobj" or last.pos_ not in ("NOUN", "PROPN") or last.ent_type_ in ("DATE", "TIME"):
        return None
    for phrase in (c for c in verb.children if c.i < verb.i and c.dep_ in ("nsubj", "npadvmod")):
        if phrase.ent_type_ in ("DATE", "TIME") and last in phrase.subtree:
            return last
    return None


def _participle_subject(cue, dateline: int = 0):
    """The subject of the clause that a participle cue hangs from ("She followed by *saying*, …",
    "he wrote, *adding*: …"): the speaker of "saying"/"adding" is the subject of the verb it modifies
    (of the verb of saying when it hangs from what was said: "Mandela said the ceremony ranked among
    …, *adding*": Mandela, however the parser attached it),
    or the object of a verb of relaying ("NTV quoted the manager *as saying*": the manager speaks,
    NTV relays; :func:`_relay_channel`). Of two subjects the one nearer the participle counts, and
    none that stands in the wire dateline (before character ``dateline``), which the parser may
    read as a second subject ("CANBERRA, Nov. 29 (Xinhua) -- The Greens accused … by *saying*")."""
    if cue.tag_ != "VBG" or cue.dep_ not in ("advcl", "xcomp", "pcomp", "conj"):
        return None
    verb = cue.head.head if cue.dep_ == "pcomp" else cue.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    while verb.dep_ == "ccomp" and verb.head.lemma_.lower() in CUE_LEMMAS:  # "X said the Y ranked …, adding"
        verb = verb.head
    if verb.lemma_.lower() in RELAY_LEMMAS:  # "NTV quoted the manager as saying": the manager speaks
        quoted = next((c for c in verb.children if c.dep_ in ("dobj", "obj") and c.i < cue.i), None)
        if quoted is not None:
            return quoted
    return antecedent(_last_subject(verb, dateline, cue.i), verb)  # "…, who was discharged after saying": its noun


def _relay_channel(cue) -> tuple[int, int] | None:
    """For cite/quote, the citer is the channel ("ANI cited the agency's source", "NTV quoted the
    manager as saying", "the manager was quoted by NTV as saying"; "he was quoted as saying" names none)."""
    relay = cue.head.head if cue.tag_ == "VBG" and cue.dep_ == "pcomp" else _relayed_participle(cue) or cue
    if relay.lemma_.lower() not in RELAY_LEMMAS:
        return None
    agent = next((c for c in relay.children if c.dep_ == "agent"), None)  # "X was quoted by Reuters"
    citer = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else next(
        (c for c in relay.children if c.dep_ == "nsubj"), None)  # not "X was quoted"
    if citer is None and relay is not cue and any(c.dep_ == "nsubjpass" for c in relay.children):
        # "X was quoted in the daily *M* saying": the participle's parsed subject is the medium
        citer = next((c for c in cue.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"), None)
    return phrase_span(citer) if citer is not None else None


def _inner_cue(cue):
    """An inner cue with its own subject under an outer one ("…, the source added, TASS reported")."""
    for child in cue.children:
        if child.dep_ in ("ccomp", "parataxis") and _is_cue(child) and _subject(child) is not None:
            return child
    return None


def _frame_cue(doc, tokens):
    """The cue verb with a subject among ``tokens`` (outside the quote), innermost first."""
    for token in tokens:
        if _is_cue(token, quoted=True) and _subject(token) is not None and not token.is_punct:
            return _inner_cue(token) if _inner_cue(token) is not None and _in(tokens, _inner_cue(token)) else token
    return None


def _in(tokens, token) -> bool:
    return any(t.i == token.i for t in tokens)


def sentence_of(token):
    """The sentence of a token, from a per-doc index (``Token.sent`` rescans the whole doc each call)."""
    doc = token.doc
    index = doc.user_data.get("crosswire.sentences")
    if index is None:
        sents = list(doc.sents)
        index = (sents, [s.start for s in sents])
        doc.user_data["crosswire.sentences"] = index
    sents, starts = index
    return sents[bisect_right(starts, token.i) - 1]


def _token_at(doc, pos: int):
    span = doc.char_span(pos, min(pos + 1, len(text_of(doc))), alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _after_frame(doc, end: int, max_tokens: int) -> list:
    """Tokens after the closing mark, to the end of their sentence and never past a line break."""
    close_at = _mark_after(text_of(doc), end)
    pos = close_at
    while pos < len(text_of(doc)) and text_of(doc)[pos] in " \t\xa0":
        pos += 1
    if pos >= len(text_of(doc)) or text_of(doc)[pos] == "\n":
        return []
    first = _token_at(doc, pos)
    while first is not None and first.i + 1 < len(doc) and (first.is_space or first.idx < close_at):
        first = doc[first.i + 1]
    if first is None or first.idx < close_at or "\n" in text_of(doc)[end : first.idx]:
        return []
    if first.is_quote and first.text[:1] in _MARKS:
        return []  # another quote opens right away; its frame is not this one's
    if text_of(doc)[end - 1 : end] == "." and first.text[:1].isupper() and not _is_cue(first, quoted=True):
        return []  # the quote ended its sentence; what follows is the next one, not its frame
    out = []
    for token in doc[first.i : sentence_of(first).end]:
        if "\n" in token.text or len(out) >= max_tokens:
            break  # a line break, or the next quote: its frame is not this one's
        out.append(token)
    return out


def _before_frame(doc, start: int, max_tokens: int) -> list:
    """Tokens before the opening mark in its sentence, nearest first; the previous paragraph's last
    sentence when the quote opens a paragraph after one that ends with a colon."""
    open_at = _mark_before(text_of(doc), start)
    token = _token_at(doc, open_at)
    if token is None:
        return []
    before = [t for t in doc[sentence_of(token).start : token.i] if "\n" not in text_of(doc)[t.idx : open_at]]
    stops = [k for k, t in enumerate(before) if t.text in (".", "!", "?")]
    if stops:  # the parser left the opening mark in the sentence before
        before = before[stops[-1] + 1 :]
    head = text_of(doc)[:open_at].rstrip()
    if not before and head.endswith(":"):
        colon = _token_at(doc, len(head) - 1)
        if colon is not None:
            before = list(doc[sentence_of(colon).start : colon.i + 1])
    return [t for t in reversed(before) if not t.is_space][:max_tokens]


def _according_to(frame):
    """The source named by "according to X" in a frame, as a subject-like token."""
    for token in frame:
        if token.lower_ == "according":
            pobj = next((t for t in token.subtree if t.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def _pattern_speaker(after: list):
    """``NAME cue`` or ``cue NAME`` right after a closing mark, when the parse found no subject."""
    words = [t for t in after if not (t.is_punct and t.i == after[0].i)]
    for k, token in enumerate(words[:16]):
        if token.lemma_.lower() not in QUOTE_CUE_LEMMAS and token.lower_.rstrip("s") not in QUOTE_CUE_LEMMAS:
            continue
        if k == 0 and len(words) > 1 and words[1].pos_ in ("PROPN", "DET", "PRON", "NOUN"):
            return _np_head(words[1:]), token
        if k > 0 and words[0].pos_ in ("PROPN", "PRON", "DET", "NOUN", "ADJ", "NUM"):
            name = words[:k]
            comma = next((i for i, t in enumerate(name) if t.text == ","), None)
            if comma is not None and comma > 0:
                name = name[:comma]  # "Trump, the front-runner, said": the name before the apposition
            elif k > 8:
                return None, None
            return _np_head(name), token
        return None, None
    return None, None


def _colon_subject(before: list):
    """The subject of the clause that introduces a quote with a colon ("She then told them: …").
    A passive subject speaks only where it "was quoted" or "cited"; otherwise it is the one spoken
    to ("Clinton *was asked*: …") or what was said ("this definition *was agreed on*: …"), and the
    speaker is the agent ("by …"), if named."""
    colon = before[0]
    root = sentence_of(colon).root
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < colon.i), None)
    if subject is not None and subject.dep_ == "nsubjpass" and root.lemma_.lower() not in RELAY_LEMMAS:
        agent = next((c for c in root.children if c.dep_ == "agent" and c.i < colon.i), None)
        return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if subject is not None:
        return subject
    if root.i < colon.i and _is_cue(root, quoted=True) and (subject := _appositive_subject(root)) is not None:
        return subject
    nominal = all(t.pos_ in ("PROPN", "NOUN", "ADJ", "PUNCT", "DET") for t in before[1:])
    named = [t for t in before[1:] if t.ent_type_ == "PERSON"] or \
        [t for t in before[1:] if t.pos_ == "PROPN" and t.ent_type_ in ("", "ORG", "GPE", "NORP")]
    if named and nominal:
        return named[0]
    words = [t for t in before[1:] if not t.is_punct]
    headline = 0 < len(words) <= 4 and all(t.text[:1].isupper() for t in words)
    return words[0] if headline and words[-1].i == colon.i - 1 else None  # "Reid: ‘Never underestimate him.’"


def _colon_speaker(subject, colon) -> Speaker:
    """The speaker before a colon; in a headline ("Reid: ‘…’") only the words before the colon, even
    when the parser hung the quote under the name."""
    speaker = name_speaker(subject)
    if speaker.mention[1] <= colon.idx:
        return speaker
    span = (subject.idx, colon.idx)
    return Speaker(span, text_of(subject.doc)[span[0] : span[1]], span, "")


def _np_head(tokens):
    """The head of a run of tokens (the token whose head lies outside the run, else the last)."""
    run = [t for t in tokens if not t.is_punct] or tokens
    ids = {t.i for t in run}
    inside = [t for t in run if t.head.i not in ids]
    return inside[0] if inside else run[-1]


def _attribute(doc, start: int, end: int, max_tokens: int) -> tuple[Speaker | None, object, list | None, str]:
    """(speaker, cue token, frame, subject lemma) for the quote ``[start, end)``; Nones if no frame names one."""
    after, before = _after_frame(doc, end, max_tokens), _before_frame(doc, start, max_tokens)
    for frame in (after, before):
        cue = _frame_cue(doc, frame)
        if cue is not None:
            subject = _subject(cue)
            if not (start <= subject.idx < end):
                return name_speaker(subject), cue, frame, subject.lemma_.lower()
    if after:
        subject, cue = _pattern_speaker(after)
        if subject is not None:
            return name_speaker(subject), cue, after, subject.lemma_.lower()
    if before and before[0].text == ":" and (subject := _colon_subject(before)) is not None:
        return _colon_speaker(subject, before[0]), subject.head if subject.head.pos_ == "VERB" else None, \
            before, subject.lemma_.lower()
    source = _according_to(before) or _according_to(after)
    if source is not None:
        return name_speaker(source), None, before if _according_to(before) else after, source.lemma_.lower()
    return None, None, None, ""


def _quote_id(article_id: str, start: int, end: int, kind: str) -> str:
    key = f"{article_id}:{kind}:{start}:{end}".encode()
    return "q_" + hashlib.blake2b(key, digest_size=5).hexdigest()


_MARKS = "\"'“”‘’„«»"
_CLAUSE_OPENERS = ":,;—–-("
_CLAUSE_CLOSERS = ".,!?…;:—–-"


def _sentence_bounds(doc, pos: int) -> tuple[int, int]:
    span = doc.char_span(pos, min(pos + 1, len(text_of(doc))), alignment_mode="expand")
    if span is None or not len(span):
        return 0, len(text_of(doc))
    sent = sentence_of(span[0])
    return sent.start_char, sent.end_char


def _mark_before(text: str, start: int) -> int:
    """Offset of the (first character of the) opening mark of a quote whose words start at ``start``."""
    i = start - 1
    while i > 0 and text[i] not in _MARKS:
        i -= 1
    while i > 0 and text[i - 1] in _MARKS:  # ''…'' and a quote opening right inside another
        i -= 1
    return i


def _mark_after(text: str, end: int) -> int:
    """Offset just past the closing mark(s) of a quote whose words end at ``end``."""
    i = end
    while i < len(text) and text[i] not in _MARKS and text[i] != "\n":
        i += 1
    while i + 1 < len(text) and text[i + 1] in _MARKS:
        i += 1
    return i + 1


def is_statement(doc, q: Quoted) -> bool:
    """Is the quoted passage a statement of its own, not a fragment woven into the reporter's clause?

    It must open a clause (start of its sentence, or after ``:``, ``,`` or a cue verb; after a comma,
    a quote in lower case needs a cue verb right before the comma) and close one
    (final punctuation inside the marks, or the end of its sentence, or a comma or semicolon after).
    """
    text = text_of(doc)
    open_at = _mark_before(text, q.start)
    s0, _ = _sentence_bounds(doc, open_at)
    before = text[min(s0, open_at) : open_at].strip()
    opens = not before or before[-1] in _CLAUSE_OPENERS + ".!?" or before[-1] in _MARKS
    if not opens:
        last = doc.char_span(len(before.rstrip()) + min(s0, open_at) - 1, open_at, alignment_mode="expand")
        opens = last is not None and len(last) > 0 and _is_cue(last[0])
    if opens and before[-1:] == "," and text[q.start : q.start + 1].islower():
        opens = _cue_before(doc, min(s0, open_at) + len(before) - 1)
    if not q.closed:
        return opens
    close_at = _mark_after(text, q.end)
    _, s1 = _sentence_bounds(doc, max(q.end - 1, q.start))
    after = text[close_at : max(s1, close_at)].split("\n")[0].strip()
    inner_end = text[q.end : close_at].strip(_MARKS + " ")
    last = text[q.start : q.end].rstrip(_MARKS + " ")[-1:]  # before a nested quote's closing mark
    closes = bool(inner_end) or last in _CLAUSE_CLOSERS or not after.strip(".!?")
    closes = closes or after[:1] in ",;—–-"
    return opens and closes


def _cue_before(doc, comma: int) -> bool:
    """Is there a cue verb among the three words before the comma at ``comma`` ("he added, “…")?

    A quote that opens in lower case after a comma is otherwise the tail of the reporter's own
    sentence ("…, “not by a long shot.”"), not a statement of its own.
    """
    token = _token_at(doc, comma)
    if token is None:
        return False
    for k in range(token.i - 1, max(token.i - 4, sentence_of(token).start - 1), -1):
        if doc[k].is_punct:
            return False
        if _is_cue(doc[k]):
            return True
    return False


_BYLINE = re.compile(r"^[,.]?\s*(?:by|in|from)\s+\S", re.IGNORECASE)


def _is_title(doc, q: Quoted) -> bool:
    """A quoted headline or title followed by its byline or source ("…," by Jane Doe: / "…" in The Times)."""
    text = text_of(doc)
    if not q.closed or text[q.end - 1 : q.end] in ".?!":
        return False
    return bool(_BYLINE.match(text[_mark_after(text, q.end) : q.end + 40]))


def _unattributed_aside(doc, q: Quoted, min_words: int) -> bool:
    """Is a quote with no speaker (and not continuing one) a title, slogan or cited text, not a statement?

    It is when it is short, in Title Case, or opens a new sentence inside a paragraph (after the
    reporter's full stop): PolNeAR train (#5), such speakerless quotes were 74 false to 26 true, while
    those that open a paragraph or follow a colon or comma were 83 to 97.
    """
    text = text_of(doc)
    words = text[q.start : q.end]
    if len(words.split()) < min_words or _title_case(words):
        return True
    head = text[: _mark_before(text, q.start)].rstrip(" \t\xa0")
    return bool(head) and head[-1] in ".!?"


def _title_case(text: str) -> bool:
    """Words In Title Case without final punctuation: the name of a book, show or ad, not a statement."""
    words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", text) if len(w) > 3]
    if not words or text.rstrip(_MARKS + " ")[-1:] in ".?!":
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _follows_frame(text: str, prev: _Found, start: int) -> bool:
    """Does this quote come right after the previous one and the rest of its frame's sentence?"""
    between = text[prev.span[1] : start]
    if prev.frame_end is None:
        return between.strip(_MARKS + " .,") == "" and "\n" not in between
    return text[prev.frame_end : start].strip(_MARKS + " .,:;\n") == "" and len(between) < 400


def _frame_end(doc, q: Quoted, frame: list | None) -> int:
    """Where the words that belong to a quote end: its closing mark, or the end of the sentence of
    a frame that follows it ("…,” said Jane Roe, who chairs the panel.), never past a line break."""
    text = text_of(doc)
    end = _mark_after(text, q.end) if q.closed else q.end
    if not frame or frame[0].idx < q.end:
        return end
    last = max(frame, key=lambda t: t.i)
    stop = sentence_of(last).end_char
    newline = text.find("\n", last.idx, stop)
    return max(end, newline if newline >= 0 else stop)


_TURN_LABEL = re.compile(r"^\W{0,2}([QA])[.:]\s")
"""A quote that opens with a transcript's turn label ("“Q. At any time were you …?”", "“A. I
don't recall …”"): the question and the answer are two people's words, never one quote in parts.
The question is the examiner's, not the words of whoever the sentence before names ("Clinton gave
a different account under oath: “Q. …” “A. …”": the answer is his)."""


def _direct(doc, quoted: list[Quoted], min_chars: int, max_tokens: int, min_unattributed: int = 6) -> list[_Found]:
    found: list[_Found] = []
    by_start: dict[int, _Found] = {}
    answerer = None  # (end of a question, who its introduction names, cue, frame, lemma)
    for q in quoted:
        first = by_start.get(q.continues_from) if q.continues_from is not None else None
        text = text_of(doc)[q.start : q.end]
        if not text.strip(_MARKS + " ") or (q.mark == '"' and '"' in text):
            continue  # empty, or straight marks paired across a list ("a," "b," "c")
        if first is None and (not is_statement(doc, q) or _is_title(doc, q)):
            continue
        speaker, cue, frame, head = _attribute(doc, q.start, q.end, max_tokens)
        turn = _TURN_LABEL.match(text)
        if turn is not None and turn.group(1) == "Q":
            answerer = (q.end, speaker, cue, frame, head) if speaker is not None else None
            speaker, cue, frame, head = None, None, None, ""
        elif turn is not None and speaker is None and answerer is not None \
                and not text_of(doc)[answerer[0] : q.start].strip(_MARKS + " \n"):
            speaker, cue, frame, head = answerer[1:]  # the answer right after the question
        short = q.end - q.start < min_chars or len(text.split()) < 3
        if first is None and short and (speaker is None or frame is None or frame[0].idx < q.end):
            continue
        prev = first or (found[-1] if found else None)
        same_cue = cue is not None and prev is not None and prev.cue == (cue.idx, cue.idx + len(cue.text))
        linked = prev is not None and (first is not None or _follows_frame(text_of(doc), prev, q.start)) \
            and not (first is None and turn is not None)
        if speaker is None and not linked and first is None and _unattributed_aside(doc, q, min_unattributed):
            continue
        if same_cue or (linked and speaker is None):
            part_of = prev.part_of or prev.span
            item = _Found((q.start, q.end), "direct", prev.speaker, prev.cue, prev.channel, prev.head_lemma,
                          part_of, _frame_end(doc, q, frame if same_cue else None))
        else:
            frame_end = _frame_end(doc, q, frame)
            cue_span = (cue.idx, cue.idx + len(cue.text)) if cue is not None else None
            channel = (_relay_channel(cue) or channel_of(cue)) if cue is not None else None
            item = _Found((q.start, q.end), "direct", speaker, cue_span, channel, head, None, frame_end)
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
        subject = _subject(token)
        comp = _complement(token, subject)
        if comp is None and subject is None and (trailing := _trailing_attribution(token)):
            comp, subject = trailing
        woven = _woven_complement(token) if subject is not None and (comp is None or _nominal_clause(comp)) else None
        if (comp is None and woven is None) or subject is None or any(c.dep_ == "neg" for c in token.children) \
                or _unasserted(token) or _said_to_be(token) or _impersonal_passive(token, subject):
            continue  # "did not say where …", "if officials had concluded that …" report nothing
        tokens = woven or _complement_tokens(doc, comp, token, subject)
        while tokens and tokens[0].dep_ == "mark" and tokens[0].lower_ == "that":
            tokens = tokens[1:]
        tokens = _with_object_aside(doc, _with_misread_object(doc, tokens, token), token)
        tokens = _with_continuation(doc, _with_split_word(doc, tokens, token))
        tokens = _with_closing_quote(doc, tokens, token)
        while tokens and tokens[0].is_punct and tokens[0].text not in _OPENING_MARKS:
            tokens = tokens[1:]  # "He said in Vela, [the port] …": the comma after the cue's own phrase
        while tokens and (tokens[-1].dep_ == "cc" or (tokens[-1].is_punct and tokens[-1].text not in _CLOSING)):
            tokens = tokens[:-1]  # "it was in radio contact with the submarine, but [later admitted …]"
        if len(tokens) < 3:
            continue
        end = tokens[-1].idx + len(tokens[-1].text)
        span = (after_dateline(text_of(doc), tokens[0].idx, end), end)
        if any(s < span[1] and span[0] < e for s, e in taken) or span[0] <= subject.idx < span[1]:
            continue
        channel = _relay_channel(token) or channel_of(token)
        cue = (token.idx, token.idx + len(token.text))
        out.append(_Found(span, "reported", name_speaker(subject), cue, channel, subject.lemma_.lower()))
    return out + _according_clauses(doc, taken + [f.span for f in out])


def _complement(cue, subject):
    """The clausal complement that a cue verb reports: its first, or, where its subject stands
    before it and a complement follows, the one after it. In "While the show drew high ratings – 40
    million people watched – he said he would not host again" the parser also hangs the aside
    before the subject on the verb of saying; what he said is what follows "said"."""
    comps = [c for c in cue.children if c.dep_ == "ccomp"]
    after = [c for c in comps if c.i > cue.i]
    if len(comps) > 1 and after and subject is not None and subject.i < cue.i:
        return after[0]
    return comps[0] if comps else None


def _complement_tokens(doc, comp, cue, subject) -> list:
    """The words of a cue's clausal complement ``comp``, its final mark left out unless it closes
    quote marks the complement opened ("officials said the plan was “a disaster”")."""
    last = comp.right_edge
    closes = last.text in _CLOSING_MARKS and any(t.text in _OPENING_MARKS for t in doc[comp.left_edge.i : last.i])
    tokens = [t for t in comp.subtree if not (t.is_punct and t.i == last.i and not closes)]
    if (run_on := _run_on_complement(comp, cue)) is not None:
        last = run_on.right_edge
        tokens = [t for t in doc[comp.left_edge.i : last.i + 1] if not (t.is_punct and t.i == last.i)]
    if comp.i < cue.i < subject.i:  # "…, Brian Jones of Britain, said spokeswoman X": all up to the comma
        tokens = [t for t in doc[comp.left_edge.i : cue.i] if not (t.is_punct and t.i == cue.i - 1)]
    elif comp.i < subject.i < cue.i:  # "…, ERA chief executive X said": all up to the comma before X
        tokens = list(doc[comp.left_edge.i : subject.left_edge.i - 1])
    return tokens


def _run_on_complement(comp, cue):
    """A second complement the parser split from the first mid-phrase, or ``None``: in "they say
    the cutbacks reflect five years of budget *freezes* that have reduced the staff" it reads the
    noun "freezes" as a verb of its own, a second complement of "say" that begins right after the
    first ends, with no mark or conjunction between. What was said runs through it."""
    after = [c for c in cue.children if c.dep_ == "ccomp" and c.i > comp.i]
    if not after or comp.i < cue.i:
        return None
    nxt = after[0]
    end = comp.right_edge
    if nxt.left_edge.i != end.i + 1 or end.is_punct or end.pos_ not in ("NOUN", "PROPN") or nxt.tag_ != "VBZ":
        return None
    return nxt


_CONDITIONS = frozenset({"if", "unless", "whether"})
_PURPOSE = frozenset({"for"})


def _unasserted(cue) -> bool:
    """Whether a cue verb tells of no act of saying: one in a condition ("*If* officials had
    concluded that the offer was serious, they would have met") or a gerund of purpose ("the
    blueprint he needs *for* concluding that the firm broke the law")."""
    if any(c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in cue.children):
        return True
    return cue.dep_ == "pcomp" and cue.head.lower_ in _PURPOSE


def _impersonal_passive(cue, subject) -> bool:
    """Whether a cue is an impersonal passive ("*It was* only decades later *revealed* that she
    had moved to Florida"): "it" says nothing, and no one is named to have said it."""
    return subject is not None and subject.lower_ == "it" and any(c.dep_ == "auxpass" for c in cue.children) \
        and not any(c.dep_ == "agent" for c in cue.children)


def _said_to_be(cue) -> bool:
    """Whether "said" before an infinitive describes its subject as others tell of it ("A man *said
    to have been* released against his wishes was questioned …"): the man says nothing, and what
    the parser hangs on "said" as its content is the sentence's own predicate."""
    doc = cue.doc
    return cue.lower_ == "said" and cue.i + 2 < len(doc) and doc[cue.i + 1].lower_ == "to" \
        and doc[cue.i + 2].tag_ == "VB"


def _trailing_attribution(cue):
    """(reported clause's verb, speaker) of a trailing attribution the parser misread, or None: in
    "Studies have found no impact at Ranger, ERA chief executive Philip Shirvington *said*, …" it
    hangs the verb of saying on the reported verb (``parataxis``) with no subject, and the name
    before it on the last noun of the clause (an apposition to "Ranger"). The name counts when it
    stands right before the cue and a comma right before the name's phrase."""
    if cue.dep_ != "parataxis" or cue.i < 2 or cue.head.pos_ not in ("VERB", "AUX"):
        return None
    name = cue.doc[cue.i - 1]
    if name.pos_ != "PROPN" or name.dep_ not in ("appos", "npadvmod", "conj") or name.head.i >= name.i:
        return None
    start = name.left_edge.i
    if start == 0 or cue.doc[start - 1].text != "," or start <= cue.head.left_edge.i:
        return None
    return cue.head, name


def _with_misread_object(doc, tokens: list, cue) -> list:
    """Reported words that the parser began at a comma, having read their subject's first part as
    the cue's object ("officials said [a dead crow found in River Edge], Bergen County tested
    positive …"): the object right after the cue is the start of what was said. Likewise reported
    words whose verb has no subject because the parser took it for the cue's object ("told
    reporters [poverty] is one of the issues", "said [his answers in May], when he denied it, were
    accurate": an aside between commas may part them): the object starts them, less the one a verb
    of telling tells ("reporters", read as part of the object's name)."""
    if tokens and not tokens[0].is_punct and tokens[0].pos_ in ("VERB", "AUX") \
            and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in tokens[0].children):
        obj = next((c for c in cue.children if c.dep_ == "dobj" and c.left_edge.i > cue.i
                    and (c.right_edge.i == tokens[0].i - 1 or _aside_between(doc, c.right_edge.i, tokens[0].i))), None)
        if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
            start = obj.left_edge.i
            if cue.lemma_.lower() == "tell" and doc[start].dep_ == "compound" and start < obj.i:
                start += 1  # "told reporters poverty is …": the first noun is who was told
            return list(doc[start:tokens[0].i]) + tokens
        return tokens
    if not tokens or not tokens[0].is_punct or tokens[0].i <= cue.i + 1:
        return tokens
    objects = [c for c in cue.children if c.dep_ == "dobj" and c.left_edge.i == cue.i + 1
               and c.right_edge.i == tokens[0].i - 1]
    return list(doc[cue.i + 1 : tokens[0].i]) + tokens if objects else tokens


def _aside_between(doc, last: int, first: int, max_tokens: int = 30) -> bool:
    """Whether the tokens strictly between ``last`` and ``first`` are the rest of a subject that
    the parser hung elsewhere and an aside closed by a comma ("his answers *in the Jones case,
    when he denied it,* were accurate", "his 65,000-member families *-- up from 29,000 in 1993 --*
    have"): a comma or a dash right before ``first``, no stop, colon or semicolon in between."""
    if not 1 < first - last <= max_tokens or doc[first - 1].text not in (",", "--", "—", "–"):
        return False
    return not any(t.text in (".", ";", ":", "!", "?") for t in doc[last + 1 : first])


def _with_object_aside(doc, tokens: list, cue) -> list:
    """Reported words that the parser cut down at an aside between commas, having hung the verb
    after the aside on the cue's own sentence ("said [her project], *to be called Roll Back
    Malaria*, [was prompted by calls for help]", "said [the port, to be named after her father],
    [was paid for by the council]", "said [her answers in May, when she denied it], were
    accurate"): an aside set off by a comma (an infinitive or participle, where it opens the
    words), then a comma and a verb with no subject of its own that hangs on the cue or on what
    comes before it. What was said runs from the subject (the cue's object, where the parser took
    it for one) through the aside to the end of that verb's phrase."""
    if not tokens or tokens[0].is_punct or tokens[-1].i + 2 >= tokens[-1].sent.end or doc[tokens[-1].i + 1].text != ",":
        return tokens
    verb = doc[tokens[-1].i + 2]
    if verb.pos_ == "AUX" and verb.head.i > verb.i:
        verb = verb.head
    if verb.tag_ not in ("VBD", "VBZ", "VBP", "VBN") or not (verb.head == cue or verb.head.i < cue.i) \
            or any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in verb.children):
        return tokens
    first = tokens[0].i
    aside = next((t for t in tokens if doc[t.i - 1].text == "," and (t.i != first or t.tag_ in ("TO", "VBN", "VBG"))),
                 None)
    if aside is None:
        return tokens
    start = first
    if aside.i == first:
        obj = next((c for c in cue.children if c.dep_ == "dobj" and cue.i < c.left_edge.i and c.right_edge.i + 2 == aside.i), None)
        if obj is None:
            return tokens
        start = obj.left_edge.i
    return list(doc[start : verb.right_edge.i + 1])


def _with_split_word(doc, tokens: list, cue) -> list:
    """Reported words that end inside a hyphenated word the parser cut in two ("the city would
    *re* | - | *spray* all of Staten Island", each part hung on the cue): they go on to the end of
    the word's second part and what hangs on it."""
    while tokens and not tokens[-1].whitespace_ and tokens[-1].i + 2 < len(doc):
        hyphen, rest = doc[tokens[-1].i + 1], doc[tokens[-1].i + 2]
        if hyphen.text != "-" or hyphen.whitespace_ or not rest.is_alpha or rest.i <= cue.i < rest.right_edge.i:
            break
        tokens = tokens + list(doc[tokens[-1].i + 1 : rest.right_edge.i + 1])
    return tokens


_OPENING_MARKS = frozenset('“‘"\'')
_CLOSING_MARKS = frozenset('”’"\'')


def _nominal_clause(token) -> bool:
    """A "clausal complement" that is a bare noun phrase: the parser's misreading of an object."""
    return token.dep_ == "ccomp" and token.pos_ in ("NOUN", "PROPN", "PRON") and not any(
        t.pos_ in ("VERB", "AUX") for t in token.subtree)


def _woven_complement(cue) -> list | None:
    """What a speaker is reported to have called something, when the words are woven into the
    sentence: the cue's object and, after it, a few words in quote marks that hang on the cue
    ("Marn *declared* the capital ‘without the old guard,’ …", "she *described* the talks as
    “productive”"). Too short to count as a direct quote of their own, they are the speaker's
    own words inside a reported statement, which runs from the object to the closing mark. None
    when the cue has no object right after it or no quote marks follow it in its sentence."""
    doc, sentence = cue.doc, cue.sent
    obj = next((c for c in cue.children if c.i > cue.i and (c.dep_ == "dobj" or _nominal_clause(c))), None)
    if obj is None or obj.left_edge.i != cue.i + 1:
        return None
    opening = next((t for t in doc[obj.i + 1 : min(sentence.end, obj.right_edge.i + 3)] if t.text in _OPENING_MARKS
                    and (t.i == obj.right_edge.i + 1 or t.head.i > obj.i or t.head == cue)), None)
    if opening is None or any(t.is_punct and t.text not in _OPENING_MARKS for t in doc[obj.right_edge.i + 1 : opening.i]):
        return None
    closing = next((t for t in doc[opening.i + 1 : sentence.end] if t.text in _CLOSING_MARKS), None)
    if closing is None or closing.i == opening.i + 1:
        return None
    if any(not cue.i <= t.head.i <= closing.i for t in doc[opening.i + 1 : closing.i] if not t.is_punct):
        return None  # the marks hold words of another clause
    return list(doc[cue.i + 1 : closing.i + 1])


def _with_closing_quote(doc, tokens: list, cue) -> list:
    """Reported words that stop before a few words in quote marks that end the sentence ("… its
    fighters took the city and the governor | “fled”.", the quoted verb hung on the cue as a
    second act): the quoted words are the speaker's own, the end of what was reported, so the
    report runs to the closing mark. Likewise reported words that open a mark which closes only
    after the sentence's stop ("… were “legally accurate.”")."""
    if not tokens or cue.i > tokens[-1].i or tokens[-1].i + 2 >= len(doc):
        return tokens
    if _unclosed(tokens):  # "were “legally accurate.”": the mark closes after the stop
        closing = next((t for t in doc[tokens[-1].i + 1 : tokens[-1].i + 3] if t.text in _CLOSING_MARKS), None)
        if closing is not None and all(t.is_punct for t in doc[tokens[-1].i + 1 : closing.i]):
            return tokens + list(doc[tokens[-1].i + 1 : closing.i + 1])
    opening = doc[tokens[-1].i + 1]
    if opening.text not in _OPENING_MARKS or not tokens[-1].whitespace_ or opening.whitespace_:
        return tokens
    sentence = opening.sent
    closing = next((t for t in doc[opening.i + 1 : sentence.end] if t.text in _CLOSING_MARKS), None)
    if closing is None or closing.i == opening.i + 1 or not all(t.is_punct for t in doc[closing.i + 1 : sentence.end]):
        return tokens
    return tokens + list(doc[opening.i : closing.i + 1])


def _unclosed(tokens: list) -> bool:
    """Whether reported words open more curly quote marks than they close."""
    opened = sum(t.text in ("“", "‘") for t in tokens)
    return opened > sum(t.text in ("”", "’") for t in tokens)


def _with_continuation(doc, tokens: list) -> list:
    """Reported words that end on a conjunction ("…, but") go on with the clause after it when the
    parser hung that clause elsewhere and it is more of what was said ("Klebanov said that there is
    still a chance …, but that this chance is more of a theoretical nature, Interfax reported"), not
    a new act of the speaker ("…, but later admitted that …")."""
    if not tokens or tokens[-1].dep_ != "cc" or tokens[-1].i + 1 >= len(doc):
        return tokens
    verb = doc[tokens[-1].i + 1]
    while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or verb.i <= tokens[-1].i or verb.lemma_.lower() in CUE_LEMMAS:
        return tokens
    end = verb.right_edge.i
    return tokens + list(doc[tokens[-1].i + 1 : end + 1])


def _shared_subject_clause(verb):
    """The clause an "according to" on ``verb`` attributes: the verb's own, or, for a conjoined
    verb that shares its subject with the one before, both ("Vell went through hard times and was
    eventually diagnosed as ill, according to her biography": not "was eventually diagnosed …")."""
    while verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") \
            and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        verb = verb.head
    return verb


_MEASURE_SOURCES = frozenset({"number", "size", "amount", "level", "rate", "share", "formula", "schedule", "plan",
                              "need", "weight", "income", "population", "enrollment", "set", "guideline", "rule",
                              "criterion", "criteria", "standard", "protocol", "procedure"})
"""Heads after "according to" that say by what measure or rule something is done ("financed
according to the *number* of pupils", "built according to *plan*", "diagnosed according to a *set*
of guidelines"), not who tells it (:func:`_by_measure`)."""


def _by_measure(source) -> bool:
    """Whether an "according to" source is a measure (:data:`_MEASURE_SOURCES`) of something ("the
    number *of* pupils") or a bare one ("according to plan"); "according to the numbers" or "the
    plan" tells what they say."""
    if source.lemma_.lower() not in _MEASURE_SOURCES:
        return False
    return any(c.dep_ == "prep" and c.lower_ == "of" for c in source.children) or \
        not any(c.dep_ in ("det", "poss") for c in source.children)


def _misread_subject(source, verb) -> set[int]:
    """Token indices of the clause's subject that the parser hung on an "according to" source as a
    second apposition ("According to Ana Vell, a teacher at the Marn school, *one group of pupils*
    is …"): the source's last apposition, when it runs right up to a verb that has no subject."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children):
        return set()
    appositions = [c for c in source.children if c.dep_ == "appos" and c.i < verb.i]
    if len(appositions) < 2 or appositions[-1].right_edge.i + 1 != verb.i:
        return set()
    return {t.i for t in appositions[-1].subtree}


def _according_clauses(doc, taken: list[tuple[int, int]]) -> list[_Found]:
    """Clauses attributed with "according to X" ("The talks failed, according to two officials")."""
    out = []
    for token in doc:
        if token.lower_ != "according" or token.dep_ != "prep" or token.head.pos_ not in ("VERB", "AUX"):
            continue
        if _is_cue(token.head, quoted=True) and _subject(token.head) is not None:
            continue  # "X declared …, according to Reuters": X speaks, Reuters relays (a channel)
        source = next((t for t in token.subtree if t.dep_ == "pobj"), None)
        if source is None:
            continue
        if _by_measure(source):
            continue  # "schools are financed according to the number of pupils": by it, not told by it
        phrase = {t.i for t in token.subtree} - _misread_subject(source, token.head)
        clause = [t for t in _shared_subject_clause(token.head).subtree if t.i not in phrase and not t.is_space]
        while clause and clause[0].is_punct:
            clause.pop(0)
        while clause and clause[-1].is_punct:
            clause.pop()
        if len(clause) < 4:
            continue
        end = clause[-1].idx + len(clause[-1].text)
        span = (after_dateline(text_of(doc), clause[0].idx, end), end)
        if any(s < span[1] and span[0] < e for s, e in taken):
            continue
        cue = (token.idx, token.nbor().idx + len(token.nbor().text)) if token.i + 1 < len(doc) else None
        out.append(_Found(span, "reported", name_speaker(source), cue, None, source.lemma_.lower()))
    return out


def find_quotes(doc, article_id: str, min_chars: int, max_frame_tokens: int = 16,
                reported: bool = True, min_unattributed_words: int = 6) -> list[Quote]:
    """Direct quotes (and, with ``reported``, reported speech) of one parsed article, with speakers.

    Args:
        doc: the spaCy ``Doc`` of the article's cleaned text.
        article_id: the article the spans point into.
        min_chars: quoted strings shorter than this are scare quotes, not statements.
        max_frame_tokens: how far from a quote mark a cue verb may stand.
        reported: also extract reported speech ("X said that …").
        min_unattributed_words: a quote with no speaker (and not continuing one) needs this many words.
    """
    items = _direct(doc, quoted_spans(text_of(doc)), min_chars, max_frame_tokens, min_unattributed_words)
    if reported:
        items += _reported(doc, items)
    if answers := interview_answers(doc):  # an interview's answers are the interviewee's words, all of them
        items = [f for f in items if not any(a <= f.span[0] and f.span[1] <= b for a, b in (x.span for x in answers))]
        items += answers
    items.sort(key=lambda f: f.span)
    memory = SpeakerMemory.of(doc, [f.span for f in items if f.kind == "direct"])
    quotes = [_to_quote(item, text_of(doc), article_id, memory, not _told_within(item, items)) for item in items]
    return _pronoun_channels_named(quotes)


def _pronoun_channels_named(quotes: list[Quote]) -> list[Quote]:
    """A channel that is the pronoun subject of an outer report names whom that report's speaker
    resolved to ("A relative said … She said he had told nurses that he feared …": the son's words
    come via the relative, not via "She")."""
    out = []
    for q in quotes:
        if q.channel_span is not None and q.channel is not None and q.channel.lower() in PERSON_PRONOUNS \
                and q.cue_span is not None:
            outer = next((o for o in quotes if o is not q and o.speaker_mention == q.channel_span
                          and o.span.start <= q.cue_span.start and q.cue_span.end <= o.span.end
                          and o.speaker_span is not None), None)
            if outer is not None and outer.speaker and outer.speaker.lower() not in PERSON_PRONOUNS:
                q = dataclasses.replace(q, channel=outer.speaker, channel_span=outer.speaker_span)
        out.append(q)
    return out


def interview_answers(doc) -> list[_Found]:
    """The answers of an interview printed as a transcript (at least two "Q:" paragraphs): each
    paragraph opened by the label of a person the article names elsewhere ("SUU KYI:" of "Aung San
    Suu Kyi"), with the unlabelled paragraphs after it up to the next label, is that person's words
    (the last answer: its own paragraph, as what follows it may be the article's). Labels that name
    no one ("NOTE:", "UPDATE:") and a bare "A:" are left to the other rules, as is an article with
    one "Q:" (a label inside a story)."""
    text = text_of(doc)
    labels = list(TRANSCRIPT_LABEL.finditer(text))
    if sum(m.group(1) == "Q" for m in labels) < 2:
        return []
    in_label = [m.span(1) for m in labels]
    persons = [e for e in doc.ents if e.label_ == "PERSON"
               and not any(a <= e.start_char < b for a, b in in_label)]
    found = []
    for k, m in enumerate(labels):
        label = m.group(1)
        if label in ("Q", "A"):
            continue
        person = next((e for e in persons if e.text.upper() == label), None) or next(
            (e for e in persons if e.text.upper().endswith(" " + label)), None)
        if person is None:
            continue
        if k + 1 < len(labels):
            end = labels[k + 1].start()
        else:
            end = text.find("\n\n", m.end())
            end = len(text) if end < 0 else end
        end = len(text[:end].rstrip())
        if end <= m.end():
            continue
        speaker = Speaker(m.span(1), person.text, (person.start_char, person.end_char), "PERSON")
        found.append(_Found((m.end(), end), "direct", speaker, None, None, person.text.split()[-1].lower()))
    return found


def _told_within(item: _Found, items: Sequence[_Found]) -> bool:
    """Whether a statement's attribution lies inside another statement's words ("… he was arrested
    after *the officer said* his identification had expired, he said"): its speaker speaks in
    someone else's account, and a later "he" is not likely to be them."""
    at = item.cue or item.span
    return any(f is not item and f.span[0] <= at[0] and at[1] <= f.span[1] for f in items)


def _to_quote(item: _Found, text: str, article_id: str, memory: SpeakerMemory, remember: bool = True) -> Quote:
    def span(pair):
        return Span(article_id, pair[0], pair[1]) if pair else None

    def words(pair):
        return text[pair[0] : pair[1]] if pair else None

    speaker = item.speaker
    if speaker is not None:
        speaker = memory.resolve(item.span[0], speaker, item.head_lemma)
        if remember:
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

