"""Whitespace: hard-wrapped lines, odd spacing and run-together sentences."""

from __future__ import annotations

import itertools
import re

from .dateline import dateline_end

_SPACES = re.compile(r"[ \t\f\v]+")
_SENTENCE_END = re.compile(r"[.!?:;\"”’')\]]$")
# "post.The", "Vela.Furthermore", 'factions."In', 'alert."Police': a sentence end glued to the
# next sentence. Only after a lower-case word of two or more letters, so "U.S.A", "e.g.X",
# decimals and domain names ("www.AirSafe.com") are left alone.
_RUN_ON = re.compile(r"(?<=[a-z]{2}[.!?])(?<!\bwww\.)([\"”’“]?)(?=[\"“]?[A-Z][a-z])(?![A-Z][\w-]*\.[a-z]{2,}\b)")


_DOTTED_NAME = re.compile(r"[\"“(]?[A-Z0-9][\w-]*(?:\.[A-Za-z0-9][\w-]*){2,}")
"""Three or more parts joined by full stops without a space, the first capitalised ("Worm.Bolt.Fox",
"W32.Lira.B"): a name (a virus, a product), not sentences run together, which would need one-word
sentences. "post.The end" and "the pier.A ferry sank" are run together."""


def in_dotted_name(line: str, index: int) -> bool:
    """Is ``index`` inside a dotted name (:data:`_DOTTED_NAME`) of the whitespace-delimited token
    holding it?"""
    start = max(line.rfind(" ", 0, index), line.rfind("\t", 0, index), line.rfind("\n", 0, index)) + 1
    m = _DOTTED_NAME.match(line, start)
    return bool(m and m.end() >= index)


def normalise_line(line: str) -> str:
    return _SPACES.sub(" ", line).strip()


_WIRE_DASH = re.compile(r"(?<=\S) _ (?=\S)")
"""Wire copy typed its dashes as an underscore between spaces ("Jones _ who wore a blue suit _ said")."""


def wire_dashes(line: str) -> tuple[str, int]:
    """The line with the wire's " _ " written as the dash it stands for, and how many; the " _ "
    that ends a wire dateline stays, as the parser reads what follows it best so ("GENEVA (AP) _
    Swiss balloon pilot Bertrand Piccard … said": with a dash there, "GENEVA" parsed as the
    subject).

    >>> wire_dashes("GENEVA (AP) _ Jones _ who, like Piccard, wore blue _ said: hello_world")
    ('GENEVA (AP) _ Jones — who, like Piccard, wore blue — said: hello_world', 2)
    """
    head = dateline_end(line[:200])
    body, count = _WIRE_DASH.subn(" — ", line[head:])
    return line[:head] + body, count


def split_run_ons(line: str) -> tuple[str, int]:
    """Insert the missing space between glued sentences; return the line and how many.

    A straight double quote between the two sentences closes the first when an odd number of
    straight quotes precede it, and opens the second otherwise.

    >>> split_run_ons('He said "no."Then she left.Later "Yes," she said.')[0]
    'He said "no." Then she left. Later "Yes," she said.'

    Three or more parts joined by full stops are a name and stay whole:

    >>> split_run_ons("the Worm.Bolt.Fox virus spread.Then it stopped.")[0]
    'the Worm.Bolt.Fox virus spread. Then it stopped.'
    """

    names = 0

    def space(m: re.Match[str]) -> str:
        nonlocal names
        quote = m.group(1)
        if in_dotted_name(line, m.start()):
            names += 1
            return quote
        if quote in ("”", "’") or (quote == '"' and line.count('"', 0, m.start()) % 2 == 1):
            return quote + " "
        return " " + quote

    spaced, found = _RUN_ON.subn(space, line)
    return spaced, found - names


_GLUED_DASH = re.compile(r"(?<=\s)--(?=[^\s-])|(?<=[^\s-])--(?=\s)")
"""A double hyphen set against a word on one side and spaced on the other ("the vote --won't",
"rowers-- came"): the tokenizer reads "--won't" as one word, and the parse of the sentence fails
around it. A hyphen pair between two words ("media--from") or opening a line (a list's bullet) is
read well and left alone."""


def space_dashes(line: str) -> tuple[str, int]:
    """The line with a double hyphen set against one word spaced on both sides, and how many.

    >>> space_dashes("the vote --won't last, rowers-- and critics--agree")
    ("the vote -- won't last, rowers -- and critics--agree", 2)
    """
    return _GLUED_DASH.subn(lambda m: " --" if m.string[m.end():m.end() + 1].isspace() else "-- ", line)


_SPLIT_DECIMAL = re.compile(
    r"(?<=[$€£¥])(\d{1,3})\. (\d{1,3})(?!\d)"
    r"|(?<![\d.,$€£¥])(\d{1,3})\. (\d{1,3})(?=[- ]?[a-z%])")
"""A decimal point followed by a stray space: in an amount of money ("below $1. 29", "£1. 7m"), or
before a lower-case word ("will exceed 3. 5 billion dollars", "grew 2. 6 percent", "averaged 5. 2
yards a carry"): a sentence that ended in a number would not go on with a figure and a lower-case
word. A year ("in 1998. 5 percent …") has four digits and is left alone, and so is a number before
a capitalised word ("won 3. 5 Vela players …")."""
_SPLIT_THOUSANDS = re.compile(r"(?<=[$€£¥])(\d{1,3})((?:, \d{3})+)(?!\d)")
"""An amount of money whose thousands separators a tokenizer spaced ("Americans making $250, 000 a
year"): the parser reads "$250" and a new phrase "000 a year". Only after a currency sign: a bare
"June 4, 312 pupils" or "5-foot-8, 135 pounds" may be two figures."""


def join_split_thousands(line: str) -> tuple[str, int]:
    """The line with the spaced thousands separators of amounts of money closed, and how many.

    >>> join_split_thousands("making $250, 000 a year or $1, 200, 500 in all, on June 4, 312 pupils")
    ('making $250,000 a year or $1,200,500 in all, on June 4, 312 pupils', 2)
    """
    return _SPLIT_THOUSANDS.subn(lambda m: m.group(1) + m.group(2).replace(" ", ""), line)


_SPACED_CLOCK = re.compile(r"(?<=\d )[ap]\. m\.", re.IGNORECASE)
""""a. m." / "p. m." after a clock time, spaced by a tokenizer ("9. 25 a. m."): "a.m."."""


def join_split_decimals(line: str) -> tuple[str, int]:
    """The line with decimals split by a stray space joined again, and how many.

    >>> join_split_decimals("Costs will exceed 3. 5 billion dollars, up 2. 6 percent, as in 1998. 5 percent rose.")
    ('Costs will exceed 3.5 billion dollars, up 2.6 percent, as in 1998. 5 percent rose.', 2)
    >>> join_split_decimals("It fell below $1. 29 at 9. 25 and won 3. 5 Vela players.")
    ('It fell below $1.29 at 9.25 and won 3. 5 Vela players.', 2)
    """
    return _SPLIT_DECIMAL.subn(lambda m: ".".join(g for g in m.groups() if g is not None), line)


def join_spaced_clocks(line: str) -> tuple[str, int]:
    """The line with a clock time's "a. m." / "p. m." written "a.m." / "p.m.", and how many.

    >>> join_spaced_clocks("at 9.25 a. m. or 11 P. M. ET, a. m. radio")
    ('at 9.25 a.m. or 11 P.M. ET, a. m. radio', 2)
    """
    return _SPACED_CLOCK.subn(lambda m: m.group(0).replace(" ", ""), line)


_SPACED_APOSTROPHE = re.compile(r"(?<=[A-Za-z]) ([’']) (?=(?:s|t|re|ve|ll|d|m)\b(?!\s?[’']))")
"""An apostrophe spaced off both its word and its ending by a tokenizer ("Lohan ’ s lawyer", "the
case hadn ’ t been submitted"): the parser reads neither the possessive nor the negation."""


def join_spaced_apostrophes(line: str) -> tuple[str, int]:
    """The line with possessives and contractions spaced apart by a tokenizer joined, and how many.

    >>> join_spaced_apostrophes("Lohan ’ s lawyer said it hadn ’ t been filed; 'Marn ' said")
    ("Lohan’s lawyer said it hadn’t been filed; 'Marn ' said", 2)
    """
    return _SPACED_APOSTROPHE.subn(r"\1", line)


_GLUED_COMMA = re.compile(r"(?<=[A-Za-z][a-z],)(?=[a-z]{2})")
"""A comma glued to the next word ("the oars,has", "rains,the"): a lost space. Only between
words of lower-case letters, so numbers ("1,200", "1,2-diol") are left alone."""


def space_after_commas(line: str) -> tuple[str, int]:
    """The line with a space after each comma glued to the next word, and how many.

    >>> space_after_commas("The flu spread,which closed 1,200 schools: see vela.org/a,b")
    ('The flu spread, which closed 1,200 schools: see vela.org/a,b', 1)
    """
    count = 0

    def space(m: re.Match[str]) -> str:
        nonlocal count
        start = line.rfind(" ", 0, m.start()) + 1
        end = line.find(" ", m.start())
        if _ADDRESS.search(line[start:end if end >= 0 else len(line)]):
            return ""
        count += 1
        return " "

    return _GLUED_COMMA.sub(space, line), count


_ADDRESS = re.compile(r"[/@=&?]|www\.|\.(?:com|org|net|gov|edu)\b")
"""A web or e-mail address in a token, whose commas stay as written."""


def is_hard_wrapped(lines: list[str], max_width: int = 100, min_share: float = 0.5, min_lines: int = 6) -> bool:
    """Does the text break its lines at a fixed width, mid-sentence (wire copy, e-mail, TREC/DUC files)?

    Hard-wrapped text has no line wider than ``max_width`` (90th percentile) and either at least
    ``min_lines`` non-blank lines, at least ``min_share`` of the lines that another line follows
    (and at least three) ending mid-sentence (no final punctuation) while filling most of the
    width, or fewer lines that are one wrapped paragraph (:func:`_short_wrapped`). A text with one
    paragraph or one sentence per line does not qualify: its lines end with punctuation, or vary in
    width.
    """
    widths = sorted(len(line.rstrip()) for line in lines if line.strip())
    width = widths[int(0.9 * (len(widths) - 1))] if widths else 0
    if width > max_width:
        return False
    if len(widths) < min_lines:
        return _short_wrapped(lines)
    followed = [a.rstrip() for a, b in itertools.pairwise(lines) if a.strip() and b.strip() and not _indented(b)]
    if not followed:
        return False
    mid_sentence = [a for a in followed if not _SENTENCE_END.search(a) and len(a) >= 0.6 * width]
    return len(mid_sentence) >= max(3, min_share * len(followed))


_SHORT_MIN_LINES = 3
_SHORT_FILL = 0.8
_SHORT_MIN_WORDS = 6
_SHORT_MIN_WIDTH = 50


def _short_wrapped(lines: list[str]) -> bool:
    """Whether a text of few lines is hard-wrapped paragraphs (a wire brief of four lines, or of two
    short paragraphs): blocks parted by blank lines, at least :data:`_SHORT_MIN_LINES` lines in
    blocks of two lines or more, wrapped at :data:`_SHORT_MIN_WIDTH` columns or more, each line
    but a block's last filling :data:`_SHORT_FILL` of the width with :data:`_SHORT_MIN_WORDS` words
    or more and ending mid-sentence, each block's last no wider and ending a sentence. Header lines
    (a URL, a title, a byline, a date) are short, stand apart unpunctuated or end the text so."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]
    heads = [line for block in blocks for line in block[:-1]]
    if sum(len(b) for b in blocks if len(b) > 1) < _SHORT_MIN_LINES:
        return False
    width = max(len(line) for line in heads)
    return width >= _SHORT_MIN_WIDTH and all(
        _SENTENCE_END.search(block[-1]) and len(block[-1]) <= width for block in blocks) and all(
        len(line) >= _SHORT_FILL * width and len(line.split()) >= _SHORT_MIN_WORDS and not _SENTENCE_END.search(line)
        for line in heads)


def _indented(line: str) -> bool:
    return line[:1] == "\t" or line.startswith("  ")


def unwrap_lines(text: str) -> tuple[str, int]:
    """Join hard-wrapped lines into paragraphs; return the text and how many line breaks were removed.

    A paragraph ends at a blank line or before an indented line. A word hyphenated across a line
    break keeps its hyphen ("well-" + "known" → "well-known").

    >>> unwrap_lines("First line\\nwraps here.\\n\\tNew paragraph.")
    ('First line wraps here.\\nNew paragraph.', 1)
    """
    paragraphs: list[list[str]] = [[]]
    for line in text.split("\n"):
        if not line.strip() or (_indented(line) and paragraphs[-1]):
            paragraphs.append([])
        if line.strip():
            paragraphs[-1].append(line.strip())
    joined = sum(len(p) - 1 for p in paragraphs if p)
    kept = _rejoin_broken([_join_wrapped(p) for p in paragraphs if p])
    return "\n".join(kept), joined + len([p for p in paragraphs if p]) - len(kept)


_BROKEN_MIN_WORDS = 8
"""Words a paragraph needs before a break inside its last sentence is believed: fewer is a heading."""


def _rejoin_broken(paragraphs: list[str]) -> list[str]:
    """Paragraphs with a break inside a sentence joined again: one of at least
    :data:`_BROKEN_MIN_WORDS` words that ends with no closing mark, before one that goes on in lower
    case ("… stayed grounded as the investigation" / "progressed Thursday."); a short heading
    ("Key facts") before a paragraph that opens with a lower-case name ("de Klerk, who …") stays."""
    out: list[str] = []
    for paragraph in paragraphs:
        if out and not _SENTENCE_END.search(out[-1]) and paragraph[:1].islower() \
                and len(out[-1].split()) >= _BROKEN_MIN_WORDS:
            out[-1] += " " + paragraph
        else:
            out.append(paragraph)
    return out


def join_bracket_breaks(lines: list[str]) -> tuple[list[str], int]:
    """Lines joined where breaks fall inside parentheses: a line that opens one it leaves open and
    ends mid-sentence, followed (with at most :data:`_BRACKET_MAX_LINES` lines in all) by lines
    that go on without closing it and one that closes it first ("(Ann Roe writes for The New York"
    / "Times Magazine.)"), is one line; return the lines and how many breaks were joined. A blank
    line (an empty string) is a paragraph break, which no bracket spans, and a line that opens with
    a list marker ("1) The council met …") closes nothing.

    >>> join_bracket_breaks(["(Ann Roe writes for The New York", "Times Magazine.)", "(Next)"])
    (['(Ann Roe writes for The New York Times Magazine.)', '(Next)'], 1)
    """
    out: list[str] = []
    i = 0
    while i < len(lines):
        run = _bracketed_run(lines, i)
        out.append(" ".join(lines[i:i + run]))
        i += run
    return out, len(lines) - len(out)


_BRACKET_MAX_LINES = 4
"""Lines a wrapped aside in parentheses may take; a bracket left open longer is a typo."""


def _bracketed_run(lines: list[str], i: int) -> int:
    """How many lines from ``i`` make one line: 1, or up to the line that closes a parenthesis line
    ``i`` left open (:func:`join_bracket_breaks`)."""
    if not _open_brackets(lines[i]) or _SENTENCE_END.search(lines[i]):
        return 1
    for j in range(i + 1, min(len(lines), i + _BRACKET_MAX_LINES)):
        if not lines[j]:
            return 1
        if _closes_first(lines[j]):
            return j - i + 1
        if "(" in lines[j] or _SENTENCE_END.search(lines[j]):
            return 1
    return 1


def _open_brackets(line: str) -> int:
    depth = 0
    for char in line:
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
    return depth


_LIST_MARKER = re.compile(r"\w{1,2}\)")


def _closes_first(line: str) -> bool:
    close, open_ = line.find(")"), line.find("(")
    return close >= 0 and (open_ < 0 or close < open_) and not _LIST_MARKER.match(line)


def _join_wrapped(lines: list[str]) -> str:
    out = lines[0]
    for line in lines[1:]:
        out += line if out.endswith("-") and line[:1].isalpha() else " " + line
    return out
