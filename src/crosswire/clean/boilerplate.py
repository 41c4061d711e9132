"""Boilerplate lines: share and follow bars, image credits, newsletter calls, wire-desk notes,
contributor credits, syndication credits and trailers, writers' e-mail addresses, copy editors'
initials, pointers to the publisher's site, columnists' taglines, rules, a repeated title; and the
ends of a wire story (an end marker, an "On the Net:" link list)."""

from __future__ import annotations

import re

from ..settings import CleanSettings

# Each pattern names a kind of line that carries no reporting. A line is dropped only when it is
# short (``clean.boilerplate_max_chars``) *and* one of these matches, so a paragraph that merely
# mentions a photo or a follow-up survives.
_NAME_RUN = r"(?:[^.!?]|\b(?:[A-Z]|Mr|Mrs|Ms|Dr|St|Mt|Ft|Jr|Sr)\.)"
"""Words of names and places, their initials and abbreviations included ("John J. Doe", "St. Louis")."""

_BYLINE_NAME = r"(?:(?!(?:And|By|The|Of|In|On|For|To|At|An?)\b)[A-Z][A-Za-z'’-]*\.?\s*){2,4}"
"""The writer's name in a byline: two to four capitalised words or initials ("ROBERT W. BLACK")."""

_PHONE = r"(?:\(?\b\d{3}\)?[-.\s]\d{3}[-.]\d{4}\b|\b\d{2}-\d{2}-\d{2}-\d{2}\b)"
"""A whole telephone number: an area code and seven digits ("816-822-8448", "(310) 996-0075"), or
four pairs ("47-42-17-11")."""

BOILERPLATE_PATTERNS: dict[str, re.Pattern[str]] = {
    "follow/share": re.compile(r"^\s*(follow us( on)?|share (this|on)|share\b|tweet\b|whatsapp\b)", re.IGNORECASE),
    "image credit": re.compile(
        r"^\s*(image|photo|picture|video)\s*(source|credit|courtesy)?\s*[:|©]|\b(image|photo) (source|credit)\s*:",
        re.IGNORECASE,
    ),
    "credit": re.compile(r"^\s*(©|\(c\)\s|copyright\b|all rights reserved)", re.IGNORECASE),
    # a copyright notice with its terms, wherever the paragraph starts (a wrapped address line may
    # open it): "WASHINGTON, D.C. 20003 Tel: … COPYRIGHT 1998 BY WORLDSOURCES, INC. … NO PORTION OF THE
    # MATERIALS CONTAINED HEREIN MAY BE USED IN ANY MEDIA WITHOUT ATTRIBUTION TO WORLDSOURCES, INC."
    "copyright notice": re.compile(
        r"(?:\bcopyright|©)\s+(?:\(c\)\s+)?(?:19|20)\d\d\b.*\b(?:all rights reserved|no (?:portion|part) of"
        r"|may not be (?:reproduced|republished|redistributed))",
        re.IGNORECASE | re.DOTALL),
    "read more": re.compile(r"^\s*(read (more|also)|also read|related( stories| articles)?\s*:|see also\s*:)", re.IGNORECASE),
    "newsletter": re.compile(r"^\s*(subscribe|sign up|get (our|the) newsletter|download (our|the) app)", re.IGNORECASE),
    "advert": re.compile(r"^\s*(advertisement|sponsored( content)?|story continues below)\s*$", re.IGNORECASE),
    "link": re.compile(r"^\s*(https?://|www\.)\S+\s*$", re.IGNORECASE),
    "navigation": re.compile(r"^\s*(skip to (main )?content|click here|comments?\s*\(\d+\))", re.IGNORECASE),
    # notes from the wire desk to editors, in parentheses: "(STORY CAN END HERE. OPTIONAL MATERIAL
    # FOLLOWS)", "(BEGIN OPTIONAL TRIM)", "(END OPTIONAL TRIM)", "(Reporting by …; Editing by …)", "(MORE)"
    "wire note": re.compile(
        r"^\s*\(\s*(?:(?:more|ends?)\s*|(?:story can end here|optional\b|(?:begin|end) (of )?optional|(additional )?reporting by"
        r"|editing by|writing by|compiled by|corrects\b|updates with)[^()]*)\)\s*$", re.IGNORECASE),
    # a page pick-up note from the wire desk: "&UR; The hunt, 3rd graf pvs", "In comparison, 5th graf"
    "pick-up note": re.compile(r"^.{0,40}\b\d+(?:st|nd|rd|th) graf\b(?:\s+pvs)?\s*$", re.IGNORECASE),
    # how to reach the writer: "(Jena Heath can be reached at jenah(at)coxnews.com)"
    "contact": re.compile(r"^\(?(?:[A-Z][\w.'’-]*\s){1,4}(?:can|may) be reached (?:at|via|by (?:e-?mail|phone|telephone))"
                          r"\b.*(?:@|\(at\)|\d{3}|e-?mail)"),
    # how to write to the writer: "(Bert Roughton Jr.'s E-mail address is: BertR(at)coxnews.com)"
    "e-mail": re.compile(r"^\(?(?:[A-Z][\w.'’-]*\s){1,4}?[A-Z][\w.-]*['’]s\s+[Ee]-?mail(?: address)?\s*(?:is\b|:)\s*:?"
                         r"\s*\S*(?:@|\(at\))\S*?\)?\s*$"),
    # a syndicate's trailer: "Story Filed By Cox Newspapers", "For Use By Clients of the New York
    # Times News Service"
    "wire trailer": re.compile(r"^\s*(?:(?P<filed>[Ss]tory [Ff]iled [Bb]y)|[Ff]or [Uu]se [Bb]y [Cc]lients [Oo]f)\s+"
                               r"(?:the\s+)?(?P<outlet>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*)*)\.?\s*$"),
    # a copy editor's initials closing a wire story: "(rs)", "(mj-rs)", "(mb/kg)"
    "desk initials": re.compile(r"^\((?!\s*sic\s*\))\s*[a-z]{2,4}(?:\s*[-/]\s*[a-z]{1,4}){0,3}\s*\)\s*$"),
    # a pointer to the publisher's site: "For in-depth reporting, opinion and cartoonists, visit the
    # Cox News Campaign 2000 Web site: http://www.coxnews.com/2000.", "Visit Slate on the Web at: …"
    "promotion": re.compile(r"^\s*(?:for\b[^.!?]{0,100}\b)?visit\b[^.!?]{0,100}(?:https?://|www\.)\S+\s*$", re.IGNORECASE),
    # a note in parentheses whose last sentence points to the publisher's site ("Visit …"), the
    # writer's tagline and contact before it, a desk code after it: "(Ann Roe covers health for the Vela Star. You can
    # call her at (555) 390-7614. Visit the Star's online services on the World Wide Web:
    # www.velastar.com) nn"
    "publisher's note": re.compile(r"^\((?:(?:[^()]|\([^()]*\))*?[.!?]\s+\(?)?Visit\b[^.!?()]{0,100}"
                                   r"(?:https?://|www\.)[^\s()]+\)(?:\s+(?:\.[A-Z]{2,6}/\s*)?[a-z]{2,4})?\s*$"),
    # how to buy a syndicated piece: "(To purchase this special feature from DISCOVER magazine …
    # contact one of these New York Times Syndicate sales representatives:", "(To publish this
    # article, it must be purchased from …"
    "sales note": re.compile(r"^\(?\s*to (?:purchase|buy|order|license|publish|reprint) this\b[^.!?]{0,200}"
                             r"\b(?:syndicate|sales representatives?)\b", re.IGNORECASE),
    # a note addressed to the client papers' editors, not to readers: "(EDITORS: Hold this column
    # until the vote is counted.)", "EDITOR: This series runs in three parts.", "Eds: Moves with the
    # harbour package." ("EDITOR'S NOTE" introduces the story to readers and stays)
    "editors' note": re.compile(r"^\(?\s*(?:EDITORS?|EDS|Eds)\s*:"),
    # where to subscribe to the syndicated package, in parentheses: "(Ask the sales desk how to
    # subscribe to ReefWeek, the package of sea stories for weekend editions.)"
    "subscription note": re.compile(r"^\([^()]*\b(?:how|where) to subscribe to\b[^()]*\)\s*$", re.IGNORECASE),
    # a sales representative's numbers: "(_ Europe and Asia: KARL HORWITZ in Paris at 47-42-17-11;
    # fax, 47-42-80-44 …" (a fax or telex and two telephone numbers or more: 555-0142 alone or a
    # date, 12-05-99, is none)
    "sales contact": re.compile(rf"^(?=.*\b(?:fax|telex)\b)(?:.*?{_PHONE}){{2}}", re.IGNORECASE),
    # a byline alone on its line: "By ROBERT W. BLACK", "*By Jane Doe and John Roe", "By Jane Doe,
    # Associated Press Writer" (two to four name words each; "By Land And By Sea" is a headline)
    "byline": re.compile(rf"^\*?\s*(?:By|BY)\s+{_BYLINE_NAME}(?:\s*(?:and|AND|&)\s+{_BYLINE_NAME})?"
                         r"(?:\s*,\s*[^,]{2,60})?\s*$"),
    # the writer's desk under a byline: "Associated Press Writer", "AP Science Writer", "Times Staff
    # Writer" (a news organisation or a desk before "Writer" or "Correspondent")
    "staff credit": re.compile(
        r"^\*?\s*(?=\S+\s+\S)(?:(?:The\s+)?(?:Associated\s+Press|AP|Reuters|AFP|Bloomberg|Xinhua|(?:[A-Z][\w.&'’-]*\s+)?"
        r"(?:Times|Post|Journal|News|Tribune|Globe|Herald|Chronicle|Press|Star|Sun))\s+)?(?:(?:Staff|Special|Senior|Chief|"
        r"Contributing|Science|Medical|Sports|Business|Political|Foreign|Diplomatic|Legal|Economics|Financial|"
        r"Religion|Environment|Regional)\s+)?(?:Writer|Correspondent)s?\s*$"),
    # a syndication credit in parentheses: "(Distributed by New York Times Special Features)"
    "syndication": re.compile(r"^\(\s*(?:distributed|syndicated) by\b[^()]*\)\s*$", re.IGNORECASE),
    # a series teaser for the next instalment: "NEXT: Part III: Five Major Tests of American Leadership"
    "series teaser": re.compile(r"^\(?\s*(?:NEXT|TOMORROW|COMING (?:UP|NEXT|TOMORROW)|NEXT WEEK)\s*:"),
    # the writer's tagline under a column, in parentheses and the present tense: "(Jeff Jacoby is a
    # Globe columnist.)", "(Ann Roe and Bo Lee are Moscow News correspondents …)", "(Tim Teconi
    # writes for The Press Democrat …)", "(Diane E. Lewis is a
    # Boston Globe staff member.)"; not "(Johnson is running for the Senate.)"
    "tagline": re.compile(
        r"^\((?:[A-Z][\w.'’-]*\s?){1,4}(?:,[^()]{0,80},\s)?\s*(?:is\b[^()]{0,80}?\b(?:columnist|writer|critic|"
        r"correspondent|editor|reporter|contributor|(?:co-?)?author|staff member)\b|writes (?:for|regularly|a column)\b"
        r"|and\s(?:[A-Z][\w.'’-]*\s?){1,4}are\b[^()]{0,80}?\b(?:columnists|writers|critics|correspondents|editors"
        r"|reporters|contributors|(?:co-?)?authors|staff members)\b)"
        r".*\)\s*$"),
    # the same tagline on a line of its own, without parentheses: "Duane D. Stanford writes for the
    # Atlanta Journal-Constitution, Atlanta, Ga." (a line that is the whole paragraph)
    "tagline line": re.compile(r"^(?:[A-Z][\w.'’-]*\s){2,4}writes for (?:the |The )?[A-Z][\w.&'’-]*(?:[\s-]+[A-Z][\w.&'’-]*)*"
                               r"(?:,\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*){0,2}\.?\s*$"),
    # a rule that sets off the end of a story: "------", "* * *"
    "rule": re.compile(r"^\s*(?:[-_=*~]\s*){3,}$"),
    # a line that credits the reporters: "(Ann Scales of the Globe staff contributed to this report.)"
    "contributors": re.compile(
        rf"^{_NAME_RUN}*\b(contributed|contributing) (reporting|to this (report|story|article))"
        rf"(\s+(from|in)\s+{_NAME_RUN}+)?[.!?]?\)?\s*$",
        re.IGNORECASE),
}


_STAMP_KEYWORD = re.compile(r"^\s*(first |last )?(published|updated|posted|modified)\b\s*(on|at)?\s*:?\s*", re.IGNORECASE)
_DATE_WORDS = frozenset(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "am", "pm", "a", "p", "m", "on", "at", "of", "the", "by", "hours", "hour", "ago", "min", "mins", "minutes", "gmt", "utc", "bst", "cet", "cest", "est", "edt", "cst", "cdt", "pst", "pdt", "ist", "et", "pt", "ct"]
)


def is_timestamp(line: str) -> bool:
    """A publication stamp ("Updated 5:40 p.m. ET", "Posted on Thu Jun 13, 2013 08:45 AM PDT", "on
    April 30, 2008 at 4:31 AM, updated April 30, 2008 at 8:33 AM"): a stamp keyword and otherwise
    only date and time words and numbers, at least one number among them."""
    m = _STAMP_KEYWORD.match(line)
    rest = line[m.end():] if m else line
    words = [re.sub(r"[.,:;/()|\-–—•·]", "", w).lower() for w in rest.split()]
    words = [w for w in words if w]
    stamped = m is not None or any(w in _STAMPING for w in words)
    return stamped and any(any(c.isdigit() for c in w) for w in words) and all(
        any(c.isdigit() for c in w) or w in _DATE_WORDS or w in _STAMP_WORDS for w in words)


_STAMPING = frozenset({"published", "updated", "posted", "modified"})
"""Words that make a line of dates a publication stamp."""
_STAMP_WORDS = _STAMPING | {"last"}
"""Words of a stamp besides dates ("last updated")."""


_LONG_KINDS = ("sales note", "subscription note", "editors' note", "publisher's note", "copyright notice")
"""Boilerplate that runs up to twice ``boilerplate_max_chars``: a syndicate's notes on buying a piece or
subscribing to its package, notes to editors, a writer's note ending in the publisher's site, and a
copyright notice with its terms."""


_CREDIT_KINDS = ("tagline line", "contributors")
"""Boilerplate that credits the writers; a paragraph may run several of them together."""

_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")


def is_credits(paragraph: str, settings: CleanSettings) -> bool:
    """A paragraph of two or more credits run together, each a whole sentence: "Mike Roe writes for
    the Vela Daily News, Vela, Ohio. Staff writer Ana Vell contributed to this report. Vela Wire also
    contributed to this report." (up to twice ``boilerplate_max_chars``). A sentence that is no
    credit, or an abbreviation that cuts one in two, keeps the paragraph."""
    if len(paragraph) > 2 * settings.boilerplate_max_chars:
        return False
    pieces = _SENTENCE_BREAK.split(paragraph)
    return len(pieces) > 1 and all(
        any(BOILERPLATE_PATTERNS[kind].search(piece) for kind in _CREDIT_KINDS) for piece in pieces)


def boilerplate_kind(line: str, settings: CleanSettings) -> str | None:
    """The kind of boilerplate a line is, or ``None`` for a line to keep."""
    stripped = line.strip()
    if stripped and is_credits(stripped, settings):
        return "credits"
    if not stripped or (len(stripped) > settings.boilerplate_max_chars
                        and not (len(stripped) <= 2 * settings.boilerplate_max_chars
                                 and any(BOILERPLATE_PATTERNS[kind].search(stripped) for kind in _LONG_KINDS))):
        return None  # a sales note runs long: "(To purchase this special feature from …, contact …"
    if is_timestamp(stripped):
        return "timestamp"
    for kind, pattern in BOILERPLATE_PATTERNS.items():
        if pattern.search(stripped):
            return kind
    return None


def _same_line(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


END_MARKER = re.compile(r"^\s*(?:ENDIT|NNNN|-30-|END ALL)\s*$"
                        r"|^\s*-*\s*On the (?:Net|Web)\s*:?\s*(?:$|(?=.*(?:https?://|www\.)))")
"""A wire story's end marker on a line of its own: what follows is for editors, not readers; and the
head of a wire story's list of links ("On the Net: http://www.ntsb.gov"), which ends it."""


SIGN_OFF = re.compile(r"^\s*[a-z]{2,4}(?:-[a-z]{1,4}){0,3}\s*$")
"""The copy desk's sign-off closing a wire story on a line of its own, bare: "pjs", "mt-at-pjs"
(in parentheses it is "desk initials" anywhere). Lower case and at most four short parts; only the
story's last line is read as one, since a line "yes" inside a story is the story's."""


def drop_boilerplate(lines: list[str], title: str | None, settings: CleanSettings) -> tuple[list[str], list[str]]:
    """Remove boilerplate lines, the desk's bare sign-off (:data:`SIGN_OFF`) on the last line, and
    the title when it is repeated as the first body line.

    Returns:
        The kept lines and a list of what was dropped, in words.
    """
    kept, dropped = [], []
    for number, line in enumerate(lines):
        if kept and END_MARKER.match(line):  # the desk's trailer follows: contacts, budget lines
            dropped.append(f"boilerplate (end marker and {len(lines) - number - 1} lines after it): {line.strip()[:60]}")
            break
        kind = boilerplate_kind(line, settings)
        if kind:
            dropped.append(f"boilerplate ({kind}): {line.strip()[:60]}")
        else:
            kept.append(line)
    last = max((i for i, line in enumerate(kept) if line.strip()), default=None)
    if last is not None and last > 0 and SIGN_OFF.match(kept[last]):
        dropped.append(f"boilerplate (sign-off): {kept[last].strip()}")
        del kept[last]
    while title and kept and _same_line(kept[0], title):
        dropped.append("boilerplate (repeated title)")
        kept.pop(0)
    return kept, dropped


WIRE_SLUG = re.compile(
    r"^(?:[A-Z0-9][A-Z0-9&'.]*(?:[- ][A-Z0-9&'.]+)*-[A-Z0-9&'.]+(?:[- ][A-Z0-9&'.]+)*(?:\s+\([^)]{1,40}\))?"
    r"|[A-Z][A-Z0-9&'.]+(?:\s[A-Z0-9&'.]+)*\s+\([^)]{1,40}\))\s+[_—–]\s")
"""A wire slug opening a paragraph, as a news budget lists the stories to come: a hyphenated
name in capitals, with or without the place ("PORT-VOTE _ LYON — …", "TAX-PLAN (Undated) _ …"),
or a one-word one with its place ("CENSUS (Vela) _ …")."""


_LISTED = r"the\s+following\s+(?:stories|photos|photographs|pictures|graphics)"
DESK_LIST = re.compile(
    rf"\b(?:move|moving|transmit|send)\s+{_LISTED}\b"
    rf"|\b{_LISTED}\s+(?:are|is)\s+part\s+of\b[^.]{{0,60}}\b(?:package|budget)\b", re.IGNORECASE)
"""A desk's note that a list follows ("The Republic plans to *move the following stories* for use
by clients …", "ATTENTION EDITORS: *The following photos are part of* tonight's Photo *Package*";
not "The following stories are part of a six-month series"), counted where the note also names
whom it addresses (:data:`_DESK_READERS`)."""
_DESK_READERS = re.compile(r"\b(?:editors|clients|subscribers)\b", re.IGNORECASE)
_DESK_LIST_PARAGRAPHS = 3
"""Paragraphs at the top of a text where a desk's note announcing a list is looked for."""


def is_news_budget(text: str, min_slugs: int) -> bool:
    """Whether a text is a news budget: at least ``min_slugs`` paragraphs open with a wire slug
    (:data:`WIRE_SLUG`), or its first :data:`_DESK_LIST_PARAGRAPHS` paragraphs tell the desk's
    editors or clients that a list of stories or photos follows (:data:`DESK_LIST`). A budget
    announces other reports in a line or two each, a photo package their pictures; neither reports
    anything itself (``CleanSettings.budget_min_slugs``; 0: never).

    >>> is_news_budget("Editors\\n\\nFIRE-PORT _ A fire ….\\n\\nVOTE-TALLY (Undated) _ The count ….\\n\\n"
    ...                "CENSUS (Washington) _ Forms are back ….", 3)
    True
    """
    if min_slugs <= 0:
        return False
    paragraphs = text.split("\n\n")
    opening = "\n".join(paragraphs[:_DESK_LIST_PARAGRAPHS])
    announced = bool(DESK_LIST.search(opening) and _DESK_READERS.search(opening))
    return announced or sum(bool(WIRE_SLUG.match(p)) for p in paragraphs) >= min_slugs


CHECKED_MARK = re.compile(r"\s?\(cq\)", re.IGNORECASE)
"""A copy desk's "(cq)": the spelling before it was checked ("Prado(cq), one of the protesters")."""


def filed_by(lines: list[str]) -> str | None:
    """The outlet a wire trailer says filed the story, or None: the last "Story Filed By …" line
    (the "For Use By Clients of …" line beside it names the service that distributed it, not the
    writer's outlet).

    >>> filed_by(["The mayor spoke.", "Story Filed By Cox Newspapers", "For Use By Clients of the NYT"])
    'Cox Newspapers'
    >>> filed_by(["The story filed by the reporter was wrong, the editor said."]) is None
    True
    """
    trailer = BOILERPLATE_PATTERNS["wire trailer"]
    found = [m.group("outlet").rstrip(".") for line in lines if (m := trailer.match(line)) and m.group("filed")]
    return found[-1] if found else None


def strip_desk_marks(line: str) -> tuple[str, int]:
    """``line`` without copy-desk marks (:data:`CHECKED_MARK`), and how many were removed."""
    return CHECKED_MARK.subn("", line)
