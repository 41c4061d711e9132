"""Sentence segmentation with character offsets into the cleaned text.

Each paragraph (line) is segmented on its own, so a headline or subhead without a full stop
is its own sentence. spaCy's rule-based ``sentencizer`` over spaCy's English tokenizer keeps
abbreviations ("Mr.", "U.S.") whole and closing quotes with their sentence.
"""

from __future__ import annotations

import calendar
import functools
import re

from ..model import Sentence
from .whitespace import in_dotted_name

_PARAGRAPH = re.compile(r"[^\n]+")
_CLOSED = re.compile(r"[.!?…:;](?:\s?[\"'”’»)\]])*\s*$")
"""A line that ends a sentence (or leads into what follows, with a colon)."""
_ATTRIBUTED = re.compile(r"[,.!?]\s?[\"”’']\s+\w")
"""Words after a closing quote ("'It was lost,' he said"): a quote's attribution missing its full stop."""
# The sentencizer leaves an opening quote mark or bracket at the end of the sentence before it
# ('it said. "We urge…', "rarely seen. (They are…"): one after a space opens the next sentence.
_TRAILING_OPENER = re.compile(r"\s([\"“‘«(\[])$")


TITLES = ("Lt.", "Sgt.", "Capt.", "Cpl.", "Pvt.", "Cmdr.", "Det.", "Insp.", "Supt.", "Const.", "Ofc.",
          "Amb.", "Atty.", "Rev.", "Hon.", "Prof.", "Asst.", "Sgt.-Maj.", "Lt.-Col.", "Lt.-Gen.", "Maj.-Gen.",
          "Col.", "Maj.", "Brig.", "Msgr.", "Fr.", "Ft.", "Ste.")
"""Titles before a name that spaCy's English tokenizer splits off their full stop ("Lt." →
"Lt", "."), so that the sentencizer ended a sentence inside "Troy police Lt. Gerry Scherlinck
said" and "Col. Gen. Ivan Petrov said" at "Col."; its own exceptions already cover "Mr.", "Dr.", "Gov.",
"Gen.", "Sen." …; and "Ste.", Sainte in a place name ("a plant in Ste. Therese, Quebec"), as
its own "St." is."""


@functools.lru_cache(maxsize=1)
def _sentencizer():
    import spacy
    from spacy.symbols import ORTH

    nlp = spacy.blank("en")
    for title in TITLES:
        nlp.tokenizer.add_special_case(title, [{ORTH: title}])
    nlp.add_pipe("sentencizer")
    return nlp


def _move_openers(bounds: list[list[int]], text: str) -> None:
    for i in range(len(bounds) - 1):
        start, end = bounds[i]
        m = _TRAILING_OPENER.search(text, start, end)
        if m and m.start() > start:
            bounds[i][1] = m.start()
            bounds[i + 1][0] = m.start(1)


_NUMBER_SIGN = re.compile(r"\b(?:No|Nos|Art|Vol)\.$")
"""Abbreviations that a number follows ("No. 10 Downing Street", "Art. 5"): no sentence ends there."""
_NUMBERED = re.compile(r"[A-Z]{0,4}-?\d")
"""What a number sign numbers: a number, or a code of capitals and digits ("specimen No. ZL00036")."""


_QUOTED_CRY = re.compile(r"[!?][\"”’'»]$")
"""An exclamation or question closed by a quote mark: a gloss in brackets may follow it ("shouted
“Vive la paix!” (Long live peace!) at the crowd")."""
_OPEN_END = re.compile(r"(?:\b(?:[A-Za-z]\.){2,}|\b[Ss]q\.|[!?][\"”’'»)])$")
"""An end that need not end a sentence: dotted initials ("u.s.", "a.m."), "sq." of a unit ("31,000
sq. km") or an exclamation or question closed by a quote mark, whose frame may follow ("“Make a
sound!” shouted the translator"), or by a bracket ("a banner (Long live the Cup!) on the screen")."""


_NAMED_FRAME = re.compile(
    r"(?!(?:The|A|An|He|She|It|They|We|I|You|This|That|There)\b)(?:[A-Z][\w.'’-]*\s+){1,3}(?:said|says|asked|asks|thought|thinks|wondered|wonders|shouted|shouts|yelled"
    r"|cried|exclaimed|replied|replies|recalled|recalls|added|adds|told|tells|wrote|writes)\b")
"""A named speaker and a verb of saying or thinking, the frame of a quoted question or
exclamation that is the whole sentence before it ("“What could it be this time?” | Kevin Mallot
thought when …"; not "We all said, 'Look, he's flying!' | Lawrence said his goal is …"); not a
capitalised pronoun or article, which opens a sentence of its own ("“Why?” The Port Authority said
it did not know.")."""


def _join_false_breaks(bounds: list[list[int]], text: str) -> list[list[int]]:
    """Join a break the sentencizer made inside a sentence: after dotted initials or a quoted
    exclamation or "sq." before an all-lower-case word ("the u.s. | embassy in Nairobi", "“Make a
    sound!” | shouted …"), after a quoted question or exclamation before a named speaker's verb of
    saying (:data:`_NAMED_FRAME`), after a quoted exclamation before its gloss in brackets ("“Vive la
    paix!” | (Long live peace!) at the crowd"), after "No." before a number or a code ("specimen
    No. ZL00036"), or after a comma (an
    abbreviation's full stop before a comma ends nothing: "a hearing in Laramie, Wyo., | for one of
    two men"), or inside a dotted name ("the Worm.Bolt.Fox virus"; two sentences run together, "the
    pier.A ferry sank", stay two). A full stop before a lower-case word stays a break: lower-cased text
    (model summaries, chat) starts its sentences so."""
    out: list[list[int]] = []
    for start, end in bounds:
        head = text[start:end].lstrip()
        before = text[out[-1][0]:out[-1][1]].rstrip() if out else ""
        left = _TRAILING_OPENER.search(before)  # the sentencizer may leave the gloss's bracket behind
        cry, opener = (before[: left.start()], left.group(1)) if left else (before, head[:1])
        gloss = opener in ("(", "[") and _QUOTED_CRY.search(cry)
        if out and head and ((head.split()[0].islower() and _OPEN_END.search(before)) or gloss
                             or (_QUOTED_CRY.search(before) and before[:1] in "\"“‘'«" and _NAMED_FRAME.match(head))
                             or (_NUMBERED.match(head) and _NUMBER_SIGN.search(before)) or before.endswith(",")
                             or (start == out[-1][1] and text[start - 1] == "." and in_dotted_name(text, start))):
            out[-1][1] = end
        else:
            out.append([start, end])
    return out


_INITIALS_THEN_CAPITAL = re.compile(r"\b(?:[A-Za-z]\.){2,}(?=\s+([A-Z][\w'’-]*)(\s+\w+)?)")
SENTENCE_OPENERS = frozenset({
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our", "my",
    "this", "that", "these", "those", "there", "but", "and", "if", "in", "on", "at", "when", "while", "after",
    "before", "with", "so", "all", "as", "although", "though", "because", "since", "however", "meanwhile",
    "what", "who", "then", "some", "many", "most",
})
"""Capitalised words that open a sentence and continue no name: after dotted initials ("in the
U.S. | But …") they begin the next sentence, while "U.S. Embassy" and "J.K. Rowling" go on (the
sentencizer ends nothing after a dotted abbreviation)."""
_CLOCK = re.compile(r"(?:^|\s)(?:(?:the|a|an)\s+)?\d{1,2}(?:[:.]\d\d)?\s*$", re.IGNORECASE)
_TIME_OF_DAY_GOES_ON = frozenset(
    {w.lower() for w in (*calendar.day_name, *calendar.day_abbr, *calendar.month_name[1:], *calendar.month_abbr[1:])}
    | {"eastern", "central", "mountain", "pacific", "atlantic", "greenwich", "local", "noon", "midnight"})
"""What may follow a clock time's "a.m." or "p.m." in its sentence: a day or month ("5 p.m.
Sunday"), a time zone ("9 a.m. Eastern"); capitals ("EST") and a place before "time" ("Moscow
time") go on too."""


def _ends_after_clock(text: str, start: int, m: re.Match) -> bool:
    """After "a.m."/"p.m." of a clock time any other capitalised word opens a new sentence ("a
    call around 10:30 a.m. | Oregon State Police responded"), but where the time qualifies a noun
    ("the 7 p.m. Concorde")."""
    if m.group(0).lower() not in ("a.m.", "p.m."):
        return False
    word, following = re.sub(r"['’]s$", "", m.group(1)), (m.group(2) or "").strip().lower()
    clock = _CLOCK.search(text, start, m.start())
    if clock is None or clock.group(0).split()[0].lower() in ("the", "a", "an"):
        return False
    return not (word.lower() in _TIME_OF_DAY_GOES_ON or word.isupper() or following == "time")


def _split_after_initials(bounds: list[list[int]], text: str) -> list[list[int]]:
    """Break a sentence after dotted initials that a sentence opener follows
    (:data:`SENTENCE_OPENERS`), or after a clock time's "a.m."/"p.m." that a capitalised word
    opening no time zone, day or noun phrase follows (:func:`_ends_after_clock`): "… a call to
    Wells Fargo around 10:30 a.m. | Oregon State Police responded …"."""
    out: list[list[int]] = []
    for start, end in bounds:
        for m in _INITIALS_THEN_CAPITAL.finditer(text, start, end):
            if text[start:m.start()].strip() and (
                    m.group(1).lower() in SENTENCE_OPENERS or _ends_after_clock(text, start, m)):
                out.append([start, m.end()])
                start = m.end()
        out.append([start, end])
    return out


def _strip(start: int, end: int, text: str) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str, article_id: str) -> tuple[Sentence, ...]:
    """Sentences of ``text`` as offsets; ``text[s.start:s.end]`` is the sentence, stripped.

    >>> [s.end for s in split_sentences('He left. "We stay," she said.', "a")]
    [8, 29]
    """
    nlp = _sentencizer()
    paragraphs = [(m.start(), m.group(0)) for m in _PARAGRAPH.finditer(text)]
    sentences: list[Sentence] = []
    for (offset, _), doc in zip(paragraphs, nlp.pipe(p[1] for p in paragraphs)):
        bounds = _split_after_initials(
            _join_false_breaks([[offset + s.start_char, offset + s.end_char] for s in doc.sents], text), text)
        _move_openers(bounds, text)
        for start, end in bounds:
            start, end = _strip(start, end, text)
            if end > start:
                sentences.append(Sentence(article_id, len(sentences), start, end))
    return tuple(sentences)


def crossheads(text: str, max_words: int) -> list[tuple[int, int]]:
    """``(start, end)`` of the subheads of ``text``: lines of at most ``max_words`` words that end
    without a full stop, set between two lines that end with one ("Troops put on high alert",
    "'We will not leave the city'"). The first line (a headline, a lead) is left alone, and so are a
    run of such lines (a list), a quote with its attribution ("'It was lost,' he said") and a
    sentence broken across lines (the next line opens in lower case)."""
    lines = [m for m in _PARAGRAPH.finditer(text) if m.group().strip()]
    closed = [bool(_CLOSED.search(m.group())) for m in lines]
    return [(m.start(), m.end()) for k, m in enumerate(lines[1:-1], 1)
            if not closed[k] and closed[k - 1] and closed[k + 1] and len(m.group().split()) <= max_words
            and not _ATTRIBUTED.search(m.group()) and not lines[k + 1].group().lstrip()[:1].islower()]
