"""The vocabulary of crosswire: frozen records that every stage reads and writes.

Every piece of evidence points into the *cleaned* text of an article with a :class:`Span`
``(article_id, start, end)``; ``article.text[start:end]`` is the cited text, exactly.
No stage invents its own tuple: if a stage needs a new kind of record, it is added here.

Records are plain frozen dataclasses so that they hash, compare, pickle (for the process
engine) and serialise (see :func:`to_dict`) without ceremony.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

DateSource = Literal["given", "header", "metadata", "inferred", "unknown"]
"""Where a publication date came from: the input's metadata field (``given``), a header line
of a text file or a wire dateline's full date (``header``), HTML metadata read by trafilatura
(``metadata``), the story it belongs to, or its dateline's month and day with the story's year
(``inferred``), or nowhere (``unknown``)."""


@dataclass(frozen=True, order=True)
class Span:
    """A half-open character range ``[start, end)`` in the cleaned text of one article."""

    article_id: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}:{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def text_in(self, text: str) -> str:
        """The characters this span covers in ``text`` (the article's cleaned text)."""
        if self.end > len(text):
            raise ValueError(f"span {self.start}:{self.end} runs past a text of {len(text)} characters")
        return text[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        return self.article_id == other.article_id and self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.article_id == other.article_id and self.start <= other.start and other.end <= self.end

    def shifted(self, offset: int) -> Span:
        return Span(self.article_id, self.start + offset, self.end + offset)


@dataclass(frozen=True)
class Document:
    """One input as read, before cleaning: the raw text and whatever metadata came with it."""

    id: str
    """Stable content id: a hash of the raw text, so the same input always gets the same id."""
    source: str
    """Where it was read from: a path, ``path#line``, ``path#row`` or a URL."""
    raw_text: str
    format: Literal["text", "html", "jsonl", "csv", "feed"]
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: dt.date | None = None
    published_source: DateSource = "unknown"
    language: str | None = None
    body: str | None = None
    """The article body when the reader already separated it from headers or markup
    (HTML extraction, a feed's content); ``None`` means "clean the raw text"."""


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article's cleaned text, by character offsets."""

    article_id: str
    index: int
    start: int
    end: int

    @property
    def span(self) -> Span:
        return Span(self.article_id, self.start, self.end)


@dataclass(frozen=True)
class Article:
    """A cleaned article. ``raw_text`` is kept as read; all offsets are into ``text``."""

    id: str
    source: str
    raw_text: str
    text: str
    title: str | None
    url: str | None
    outlet: str | None
    author: str | None
    published: dt.date | None
    published_source: DateSource
    language: str | None
    sentences: tuple[Sentence, ...] = ()
    repairs: tuple[str, ...] = ()
    """What cleaning changed, in words (``"encoding: ftfy"``, ``"boilerplate: 2 lines"``)."""

    def span_text(self, span: Span) -> str:
        if span.article_id != self.id:
            raise ValueError(f"span of {span.article_id} asked of article {self.id}")
        return span.text_in(self.text)

    @property
    def label(self) -> str:
        """A short human name: outlet, else the source file name."""
        return self.outlet or self.source.rsplit("/", 1)[-1]


def outlet_labels(articles: Iterable[Article]) -> tuple[tuple[str, ...], int]:
    """The distinct labels of ``articles`` (:attr:`Article.label`: the outlet, else the source
    file), sorted, and how many of them are reports of unknown outlet."""
    labels = {a.label: a.outlet is None for a in articles}
    return tuple(sorted(labels)), sum(labels.values())


@dataclass(frozen=True)
class Rejection:
    """An input that did not become an article, and why. Nothing is dropped silently."""

    input: str
    reason: Literal[
        "empty", "binary", "undecodable", "too_large", "no_text", "unreadable", "malformed", "duplicate"
    ]
    detail: str = ""
    content_id: str | None = None


@dataclass(frozen=True)
class Entity:
    """A canonical entity of a story with the names it goes by and where it is mentioned."""

    id: str
    name: str
    type: str
    variants: tuple[str, ...]
    mentions: tuple[Span, ...]
    external_id: str | None = None
    """Room for a knowledge-base id (e.g. a Wikidata QID); crosswire itself never needs one."""
    spellings: tuple[str, ...] = ()
    """Names merged into this entity that are spelled differently, not merely shortened ("Jurg" beside
    "Jorg", "Basheer" beside "Bashir"): shown to the reader as variants to check, never silently equated."""
    acronyms: tuple[str, ...] = ()
    """Acronyms of this entity ("HTS"), defined in one of the articles or matching its initials."""


@dataclass(frozen=True)
class Quote:
    """Words attributed to a speaker. ``kind='direct'`` means the span is inside quote marks."""

    id: str
    span: Span
    """The quoted words, without the quote marks."""
    kind: Literal["direct", "reported"]
    speaker: str | None
    speaker_span: Span | None = None
    speaker_entity: str | None = None
    cue: str | None = None
    channel: str | None = None
    """Who relayed the words (an agency, an app, another outlet), kept apart from the speaker."""
    speaker_mention: Span | None = None
    """The words of this sentence that name the speaker as written ("he", "the ministry"); ``speaker``
    and ``speaker_span`` give the name they resolve to, which may stand earlier in the article."""
    cue_span: Span | None = None
    channel_span: Span | None = None
    part_of: str | None = None
    """Id of the first part when this quote continues one (a split quote, a paragraph continuation)."""


@dataclass(frozen=True)
class Value:
    """A normalised value in a claim: a number, quantity, duration or date, with its span."""

    kind: Literal["number", "quantity", "duration", "date", "time", "percent", "money"]
    span: Span
    expression: str
    value: float | str
    unit: str | None = None
    approximate: bool = False
    phrase: Span | None = None
    """For a date that dates something other than the claim's own statement, the phrase it dates: a
    clause hung on a noun or a verb ("…, whose son was stabbed to death in 1993") or a noun phrase
    ("the 1993 murder of Stephen Lawrence"); ``None`` when it dates the statement itself."""


@dataclass(frozen=True)
class Claim:
    """An atomic statement made in an article, with whom it is attributed to."""

    id: str
    span: Span
    text: str
    attributed_to: str | None = None
    hedged: bool = False
    negated: bool = False
    values: tuple[Value, ...] = ()


@dataclass(frozen=True)
class ReuseLink:
    """Text shared by two articles: a whole near-duplicate or an aligned passage."""

    kind: Literal["near_duplicate", "passage"]
    a: Span
    b: Span
    score: float
    direction: Literal["a_to_b", "b_to_a", "unknown"] = "unknown"


@dataclass(frozen=True)
class Family:
    """Passages (or whole articles) that derive from one origin: a statement, a wire story."""

    id: str
    members: tuple[Span, ...]
    origin: str | None
    """The article id believed to be first, or ``None`` when publication times cannot tell."""
    kind: Literal["document", "passage"] = "passage"

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(sorted({m.article_id for m in self.members}))


@dataclass(frozen=True)
class Story:
    """One real-world event: the articles that report it."""

    id: str
    article_ids: tuple[str, ...]
    title: str
    first_published: dt.date | None = None
    last_published: dt.date | None = None


@dataclass(frozen=True)
class Support:
    """How many say a thing: outlets, and independent origins (relays of one origin count once).
    A report of unknown outlet counts as an outlet of its own; ``unknown_outlets`` says how many of
    ``outlets`` are such reports, so that they are not called outlets (two files of no known
    outlet may come from one)."""

    outlets: int
    origins: int
    unknown_outlets: int = 0


@dataclass(frozen=True)
class Conflict:
    """Two spans that disagree, typed (``number``, ``date``, ``spelling``, ``polarity`` …)."""

    kind: str
    a: Span
    b: Span
    note: str = ""
    parts: tuple[Span, ...] = ()
    """The exact words that differ, inside ``a`` then inside ``b`` (the two values, the two spellings,
    the negation or hedge); empty when the difference is the whole statement."""
    claims: tuple[str, ...] = ()
    """The ids of the two claims, ``a``'s first; for updates, the earlier report first."""


@dataclass(frozen=True)
class SummarySentence:
    """A summary sentence: the span it was taken from and every span that supports it."""

    text: str
    span: Span
    support: tuple[Span, ...] = ()
    score: float = 0.0
    group: str | None = None
    according_to: str | None = None
    """Who the stated fact is attributed to, when the sentence's own words do not say it ("Bases
    are on high alert" of a group of claims a ministry made): the reader must not take a claim
    for an established fact."""
    """The claim group whose statement the sentence is (its fact may be corroborated beyond the
    spans that support the whole sentence)."""


@dataclass(frozen=True)
class TimelineEvent:
    date: dt.date
    span: Span
    expression: str
    inferred: bool = False
    text: str = ""
    """The claim that carries the date (the sentence of ``span``), or the phrase of it that the date
    dates (``Value.phrase``)."""
    relative: bool = False
    """The expression was relative ("on Sunday", "yesterday") and was resolved against the
    article's publication date."""
    support: tuple[Span, ...] = ()
    """Spans of other claims that give the same date for the same claim, or, for a year or a month,
    recall the same event in other words."""
    disputed: tuple[str, ...] = ()
    """Other dates (ISO) that other articles give for the same claim: a disagreement on dates."""
    date_span: Span | None = None
    """The span of the date expression itself, inside ``span``."""
    precision: Literal["day", "week", "month", "year"] = "day"
    """How much the expression says: "in 2015" is a year (``date`` is then 1 January), "in
    February 2022" a month (``date`` is the 1st), "last week" a week (``date`` is its Monday)."""
    background: bool = False
    """An earlier event the reports recall ("another 767 crashed in Thailand in 1991"): its period
    ended more than ``timeline_background_days`` before the story began."""
    forecast: bool = False
    """Every report dates the event as expected, planned or projected ("would eliminate the debt by
    2012"), none as something that happened."""


def to_dict(record: Any) -> Any:
    """Turn a record (or a tree of them) into JSON-ready builtins; dates become ISO strings."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, (list, tuple)):
        return [to_dict(r) for r in record]
    if isinstance(record, dict):
        return {k: to_dict(v) for k, v in record.items()}
    if isinstance(record, (dt.date, dt.datetime)):
        return record.isoformat()
    return record


@dataclass(frozen=True)
class Evidence:
    """What extraction found in the articles of one story."""

    story_id: str
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    quote_groups: tuple[QuoteGroup, ...] = ()
    """The same quote as carried by different articles, with word-level differences."""


@dataclass(frozen=True)
class ClaimGroup:
    """Claims from different articles that state the same thing, with their support."""

    id: str
    claims: tuple[str, ...]
    """Claim ids, earliest article first."""
    spans: tuple[Span, ...]
    outlets: tuple[str, ...]
    support: Support
    attributed_to: tuple[str, ...] = ()
    first_published: dt.date | None = None
    score: float = 1.0
    sourcing: str = ""
    """``corroborated`` (two or more independent origins), ``one_outlet`` (said by one outlet only) or
    ``one_origin`` (several outlets relaying one origin); empty when not computed."""
    unshared: tuple[Span, ...] = ()
    """Details of a corroborated group's claims (a figure, a date, a name) that only one of its
    origins gives (:mod:`crosswire.align.details`): the support covers what the claims share."""
    told_in_parts: tuple[Span, ...] = ()
    """Claims of other articles that state, part by part, what the group's one claim joins in one
    sentence (:mod:`crosswire.align.parts`); the support counts them."""
    details: int = 0
    """How many details its claims give that a reader can check: named entities mentioned inside
    their spans, the named speakers they are attributed to, and normalised values (figures, dates)
    (:func:`crosswire.align.details.detail_count`). A claim with none names no one and gives no
    figure or date ("Its doors were shut.", "That, too, may be so."): it leans on the sentences
    around it, and lists after those that do."""

    @property
    def single_source(self) -> bool:
        return self.support.origins == 1


@dataclass(frozen=True)
class Alignment:
    """Claims of one story side by side: groups with support, conflicts and updates."""

    story_id: str
    groups: tuple[ClaimGroup, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    updates: tuple[Conflict, ...] = ()
    sources: tuple[str, ...] = ()
    """Article ids, in publication order: the columns of :attr:`matrix`."""
    matrix: tuple[tuple[str, ...], ...] = ()
    """One row per group (in the order of :attr:`groups`), one cell per source: ``supports`` (the
    article states the claim), ``conflicts`` (it states something a conflict sets against it) or
    ``silent``."""


@dataclass(frozen=True)
class Summary:
    """The cited summary and the timeline of one story."""

    story_id: str
    sentences: tuple[SummarySentence, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    update: tuple[SummarySentence, ...] = ()
    """What is new since the last dossier of this story (empty for a story seen first)."""
    update_since: tuple[str, ...] = ()
    """Article ids the last dossier already covered (what ``update`` is new against)."""
    llm: tuple[SummarySentence, ...] = ()
    """The optional abstractive summary: generated sentences that passed the support check."""
    dropped: tuple[DroppedSentence, ...] = ()
    """Sentences that failed the support check and were not emitted, with why."""


@dataclass(frozen=True)
class Dossier:
    """Everything crosswire says about one story; every statement carries spans."""

    story: Story
    articles: tuple[Article, ...]
    evidence: Evidence
    alignment: Alignment
    summary: Summary
    reuse: tuple[ReuseLink, ...] = ()
    families: tuple[Family, ...] = ()
    rejections: tuple[Rejection, ...] = ()


@dataclass(frozen=True)
class DroppedSentence:
    """A summary sentence that was not emitted because its cited spans do not support it."""

    text: str
    source: Literal["extractive", "update", "llm"]
    reason: str
    cites: tuple[Span, ...] = ()


@dataclass(frozen=True)
class WordEdit:
    """One word-level difference of a quote variant from its group's reference wording."""

    op: Literal["replace", "delete", "insert"]
    reference: str
    """The reference's words at this place ("" for an insertion)."""
    variant: str
    """The variant's words at this place ("" for a deletion)."""


@dataclass(frozen=True)
class QuoteVariant:
    """One article's rendering of a grouped quote."""

    quote_id: str
    span: Span
    relation: Literal["reference", "identical", "truncated", "reworded", "paraphrase"]
    """``paraphrase`` marks reported speech (never to be shown inside quote marks)."""
    similarity: float
    edits: tuple[WordEdit, ...] = ()


@dataclass(frozen=True)
class QuoteGroup:
    """The same statement quoted by several articles: a reference wording and every variant of it."""

    id: str
    reference: str
    """Id of the quote whose wording the variants are compared with (the longest direct quote)."""
    speaker: str | None
    variants: tuple[QuoteVariant, ...]
    speaker_entity: str | None = None
