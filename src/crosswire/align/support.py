"""The support check: is a sentence supported by a set of source spans?

No entailment model ships offline, so the check is built from cues computed without NLI, for
each sentence of the text to check (hallucinations are local, so a text is as supported as its
least supported sentence, and each cue takes the sentence's *worst* part where it can):

* what the sentence says that the sources do not: the rarest content word absent from every
  source (a novel name or term weighs more than a novel common word), numbers absent from every
  source;
* how much of its wording the sources hold: content-word stems, trigrams, and the best window of
  two adjacent source sentences (a sentence made of words scattered over the article is suspect);
* how extractive it is (coverage and density of verbatim fragments, after Grusky et al. 2018:
  copied text is rarely wrong);
* token alignment (BERTScore-style, Zhang et al. 2020): each WordPiece's best contextual MiniLM
  cosine to any source token, as a rarity-weighted precision and as the worst rare token;
* dependency arcs (after DAE, Goyal and Durrett 2020, without its trained classifier): how many of
  the sentence's content arcs (head, dependent; a preposition's object lifted onto the
  preposition's head) no source sentence's parse holds, in either direction; words that each
  occur in the sources but were never related there mark a wrong link;
* degeneration: content-word stems the sentence repeats ("the assembly's assembly has approved",
  "a wall of a wall"), the mark of a generator looping (Holtzman et al. 2020), which FRANK's
  annotators seldom find error-free.

A logistic combiner (weights in :class:`~crosswire.settings.AlignSettings`, fitted on FRANK by
:mod:`crosswire.eval.factual`, cross-validated by article) turns these into a probability.

Checking costs a MiniLM pass and a spaCy parse of every text involved, so each is done once: MiniLM
vectors are cached by :mod:`.embed`, the content arcs of each parsed sentence by
:func:`sentence_arcs`, and recent source indexes by :meth:`SourceIndex.cached`; :func:`prepare`
encodes and parses the texts of many checks in one batch (the summary prepares a story's chosen
sentences and their spans before citing them). Caching changes no score.

Candidate cues tried and left out because they did not raise FRANK's cross-validated within-source
ROC-AUC: sentence and clause cosines, word co-occurrence in one source window, negation flips,
summary-level means, trigram repetition; and in #6 item 5: the share (not the count) of unseen
arcs, arcs whose two words merely share a source sentence or window, subject/object role swaps, a
finite root verb, novel-word counts and rarity sums, novel proper nouns, pronouns whose nearest
name differs from the copied source passage's, local BERTScore against the best one to three
adjacent source sentences, splices of extractive fragments from different source sentences,
trigrams repeated across sentences, unknown-word placeholders, re-splitting the glued sentence
ends of FRANK's BBC articles, per-source combiners, means over sentences, a noisy-OR
(multiple-instance) aggregation over sentences, and tree ensembles. None moved both FRANK sources
beyond the noise of its 26 supported BBC summaries; splices and local BERTScore raised CNN/DM (to
0.77–0.78) but lowered QAGS-XSum below the lexical baseline. Also tried in #6 item 5 and left out
(same cross-validation; CNN/DM, BBC within-source AUC against 0.780, 0.771): predicate–argument
agreement (for each clause's subject and object, the best MiniLM similarity of a predicate in a
source sentence holding both: 0.778, 0.768; four variants together 0.777, 0.760); entity-type-aware
novelty (names, dates and figures absent from the sources, or tagged with another type there:
0.775–0.780, 0.758–0.765); training on every sentence of FRANK's summaries rated 0 or 1 (as extra
rows 0.777, 0.768; a sentence model scored by the worst sentence 0.759, 0.774); summary length;
the claim matcher's MSRP paraphrase probability against the best source sentences or two-sentence
windows (0.780, 0.772; 0.774, 0.771); squared or log-odds transforms of the features (0.763–0.776,
0.750–0.777); and FactCC-style synthetic examples made from the training folds' own source sentences (entity,
number and pronoun swaps, negation), which lowered both sources (0.54–0.76, 0.64–0.77). Later: the sentence's names (words the
article capitalises) and figures found in the article but outside the best window, and that
window's position in the article (0.772–0.779, 0.770–0.776).

>>> support_score("Ten people died.", ["Ten people died in the fire on Monday."]) > 0.5  # doctest: +SKIP
True
"""

from __future__ import annotations

import functools
import math
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..settings import AlignSettings
from ..textutil import STOPWORDS, words
from . import lexical as lx
from .embed import DIM, FIRST_WORD_ID, encode, encode_tokens, load_encoder, token_weights

__all__ = [
    "SUPPORT_FEATURES", "SourceIndex", "clear_caches", "is_supported", "prepare", "sentence_arcs",
    "support_features", "support_score",
]

SUPPORT_FEATURES = (
    "stem_precision", "novel_rarity", "window_precision", "token_precision", "token_worst",
    "fragment_coverage", "fragment_density", "trigram_precision", "novel_numbers", "unseen_arcs",
    "repeated_stems",
)
"""The features of the support check, in the order of ``AlignSettings.support_weights``: each the
worst over the text's sentences (the minimum of shares, the maximum of novelties)."""

_HIGHER_IS_WORSE = np.array([name in ("novel_rarity", "novel_numbers", "unseen_arcs", "repeated_stems")
                             for name in SUPPORT_FEATURES])

_WINDOW = 2
"""Source sentences read together: a fact is often spread over a sentence and the next."""

_RARE = math.log1p(500.0)
"""Token weight (``embed.token_weights``) from which a WordPiece counts for the worst-token cue:
past the 500 commonest, so that function words do not decide it."""


_CONTENT_POS = frozenset(["NOUN", "PROPN", "VERB", "ADJ", "NUM", "ADV"])
"""Parts of speech whose words make a content arc."""


_ARCS: OrderedDict[str, tuple[tuple[str, str], ...]] = OrderedDict()
_ARCS_SIZE = 20_000
"""Recently parsed sentences' content arcs (:func:`sentence_arcs`), least recently used evicted."""

_INDEXES: OrderedDict[tuple[str, ...], SourceIndex] = OrderedDict()
_INDEXES_SIZE = 32
"""Recently built source indexes (:meth:`SourceIndex.cached`), least recently used evicted."""


def parse_sentences(sentences: Sequence[str]) -> list:
    """spaCy docs of ``sentences``, each parsed on its own (the extraction stage's pipeline)."""
    from ..extract.nlp import load_nlp
    from ..settings import ExtractSettings

    return list(load_nlp(ExtractSettings.spacy_model).pipe(sentences, batch_size=64))


def sentence_arcs(sentences: Sequence[str]) -> list[tuple[tuple[str, str], ...]]:
    """The content arcs of each sentence (:func:`content_arcs` of its parse on its own), parsed
    once per text: recent results are kept by text, and the missing sentences are parsed in one
    ``nlp.pipe`` batch. A sentence's parse does not depend on its batch, so a cached answer is
    the one a fresh parse gives."""
    found = {s: _ARCS[s] for s in sentences if s in _ARCS}
    for text in found:
        _ARCS.move_to_end(text)
    missing = [s for s in dict.fromkeys(sentences) if s not in found]
    for text, doc in zip(missing, parse_sentences(missing)):
        found[text] = _ARCS[text] = tuple(content_arcs(doc))
    while len(_ARCS) > _ARCS_SIZE:
        _ARCS.popitem(last=False)
    return [found[s] for s in sentences]


def prepare(sentences: Sequence[str], sources: Sequence[str]) -> None:
    """Prepare checks of ``sentences`` against ``sources`` (texts of source spans) in one batch: one
    MiniLM pass and one ``nlp.pipe`` over all their sentences fill the caches that
    :func:`support_score` then reads, instead of a pass per check. Scores are those of unprepared
    checks (each text's vectors and parse do not depend on its batch, up to float rounding)."""
    split = [s for text in sources for s in _split(text)] + [s for t in sentences for s in (_split(t) or [t])]
    split = list(dict.fromkeys(split))
    encode_tokens(split)
    sentence_arcs(split)


def clear_caches() -> None:
    """Forget cached parses and source indexes (MiniLM vectors are cached by :mod:`.embed`)."""
    _ARCS.clear()
    _INDEXES.clear()


def _arc_key(token) -> str:
    """A word's key in an arc: the stem of its lemma (of its form, for a proper noun)."""
    return lx.stem(token.lower_ if token.pos_ == "PROPN" else token.lemma_.lower())


def _is_content(token) -> bool:
    return token.pos_ in _CONTENT_POS and not token.is_stop


def content_arcs(doc) -> list[tuple[str, str]]:
    """The content arcs ``(head key, dependent key)`` of a parsed sentence: both words content
    words; a preposition's object hangs on the preposition's head ("fire in the mill" gives
    (fire, mill))."""
    out = []
    for token in doc:
        head = token.head
        if head.i == token.i or not _is_content(token):
            continue
        if head.pos_ == "ADP" and head.head.i != head.i:
            head = head.head
        if _is_content(head):
            out.append((_arc_key(head), _arc_key(token)))
    return out


def _split(text: str) -> list[str]:
    from ..clean.sentences import split_sentences

    parts = [text[s.start : s.end] for s in split_sentences(text, "_")]
    return parts or ([text.strip()] if text.strip() else [])


@dataclass
class SourceIndex:
    """The source spans of one check, prepared once: sentences, vectors and word sets.

    Build one with :meth:`build` and score many sentences against it (a summary's sentences,
    several candidate summaries of one article).
    """

    sentences: list[str]
    vectors: np.ndarray
    """MiniLM sentence vectors (rows, unit length)."""
    token_vectors: np.ndarray
    """Contextual MiniLM vectors of every source WordPiece token (rows, unit length)."""
    words: frozenset[str]
    stems: frozenset[str]
    trigrams: frozenset[tuple[str, ...]]
    numbers: frozenset[float]
    tokens: list[str]
    positions: dict[str, list[int]]
    """Where each word occurs in :attr:`tokens` (all source words in order), for extractive fragments."""
    masks: dict[str, int]
    """For each content-word stem, the source sentences holding it, as a bit mask (bit ``i``: sentence ``i``)."""
    arcs: frozenset[tuple[str, str]] = frozenset()
    """The content arcs of the source sentences' parses (:func:`content_arcs`), in both directions."""

    @classmethod
    def build(cls, sources: Sequence[str]) -> SourceIndex:
        sentences = [s for text in sources for s in _split(text)]
        tokens = [words(s) for s in sentences]
        pieces = encode_tokens(sentences)  # one MiniLM pass gives token and sentence vectors
        return cls(
            sentences=sentences,
            vectors=encode(sentences),
            token_vectors=np.concatenate([v for _, v in pieces]).astype(np.float32) if pieces
            else np.zeros((0, DIM), dtype=np.float32),
            words=frozenset(w for t in tokens for w in t),
            stems=frozenset(lx.stem(w) for t in tokens for w in t),
            trigrams=frozenset(g for t in tokens for g in lx.ngrams(t, 3)),
            numbers=frozenset(n for s in sentences for n in lx.numbers(s)),
            tokens=(flat := [w for t in tokens for w in t]),
            positions=_positions(flat),
            masks=_stem_masks(tokens),
            arcs=_source_arcs(sentences),
        )

    @classmethod
    def cached(cls, sources: Sequence[str]) -> SourceIndex:
        """The index of ``sources``, built once for recent calls with the same source texts (a
        summary checks several sentences against one span; a claim is checked against several
        outlets' spans). An index is never modified after it is built, so sharing it is safe."""
        key = tuple(sources)
        if key in _INDEXES:
            _INDEXES.move_to_end(key)
            return _INDEXES[key]
        index = _INDEXES[key] = cls.build(sources)
        while len(_INDEXES) > _INDEXES_SIZE:
            _INDEXES.popitem(last=False)
        return index


def _source_arcs(sentences: list[str]) -> frozenset[tuple[str, str]]:
    arcs = (arc for sentence in sentence_arcs(sentences) for arc in sentence)
    return frozenset(pair for head, child in arcs for pair in ((head, child), (child, head)))


def _positions(tokens: list[str]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for i, token in enumerate(tokens):
        out.setdefault(token, []).append(i)
    return out


def _stem_masks(tokens: list[list[str]]) -> dict[str, int]:
    masks: dict[str, int] = {}
    for i, sentence in enumerate(tokens):
        for word in sentence:
            if word not in STOPWORDS:
                key = lx.stem(word)
                masks[key] = masks.get(key, 0) | (1 << i)
    return masks


def window_precision(stems: list[str], index: SourceIndex) -> float:
    """The largest share of the sentence's content stems that one window of ``_WINDOW`` adjacent
    source sentences holds (1 for a sentence without content words)."""
    unique = set(stems)
    if not unique:
        return 1.0
    windows: dict[int, int] = {}
    for stem in unique & index.masks.keys():
        mask = index.masks[stem]
        starts = {i - k for i in range(mask.bit_length()) if mask >> i & 1 for k in range(_WINDOW)}
        for start in starts:
            windows[start] = windows.get(start, 0) + 1
    return max(windows.values(), default=0) / len(unique)


def token_alignment(ids: np.ndarray, vectors: np.ndarray, index: SourceIndex) -> tuple[float, float]:
    """BERTScore-style precision of a sentence's WordPiece tokens against all source tokens (each
    token's best cosine, weighted by rarity) and the worst rare token's best cosine (a hallucinated
    name or figure is one token that nothing in the sources is like)."""
    if not len(ids) or not len(index.token_vectors):
        return 0.0, 0.0
    best = (vectors.astype(np.float32) @ index.token_vectors.T).max(axis=1)
    weights = token_weights()[ids]
    precision = float(best @ weights / weights.sum()) if weights.sum() > 0 else float(best.mean())
    rare = best[weights >= _RARE]
    return precision, float((rare if len(rare) else best).min())


@functools.lru_cache(maxsize=1)
def _vocabulary() -> dict[str, int]:
    return dict(load_encoder().tokenizer.vocab)


def rarity(word: str) -> float:
    """How rare a word is: the log of its rank in MiniLM's WordPiece vocabulary (which lists whole
    words roughly by corpus frequency); a word the vocabulary lacks is as rare as its last entry."""
    vocabulary = _vocabulary()
    return math.log1p(max(vocabulary.get(word, len(vocabulary)) - FIRST_WORD_ID, 0))


def extractive_fragments(tokens: list[str], index: SourceIndex) -> list[int]:
    """Lengths of the greedy extractive fragments of ``tokens`` in the sources (Grusky et al. 2018):
    at each position, the longest run of words copied verbatim from anywhere in the sources."""
    fragments, i = [], 0
    while i < len(tokens):
        best = 0
        for j in index.positions.get(tokens[i], ()):
            k = 0
            while i + k < len(tokens) and j + k < len(index.tokens) and tokens[i + k] == index.tokens[j + k]:
                k += 1
            best = max(best, k)
        fragments.append(best)
        i += max(best, 1)
    return [f for f in fragments if f]


def repeated_stems(content: list[str]) -> int:
    """How many of the content words (alphabetic ones) repeat a stem already used in the sentence."""
    stems = [lx.stem(w) for w in content if w.isalpha()]
    return len(stems) - len(set(stems))


def _share(items: set, known: frozenset) -> float:
    return sum(1 for i in items if i in known) / len(items) if items else 1.0


def sentence_features(sentence: str, pieces: tuple[np.ndarray, np.ndarray], index: SourceIndex,
                      doc=None, arcs: Sequence[tuple[str, str]] | None = None) -> list[float]:
    """The support features of one sentence (``SUPPORT_FEATURES``, in order); ``pieces`` are its
    WordPiece ids and contextual vectors, ``arcs`` its content arcs, or ``doc`` its spaCy parse
    (parsed here, or read from the cache of :func:`sentence_arcs`, when neither is given)."""
    if arcs is None:
        arcs = content_arcs(doc) if doc is not None else sentence_arcs([sentence])[0]
    tokens = words(sentence)
    content = [w for w in tokens if w not in STOPWORDS]
    stems = [lx.stem(w) for w in content]
    novel = {w for w in content if lx.stem(w) not in index.stems}
    fragments = extractive_fragments(tokens, index)
    return [
        _share(set(stems), index.stems),
        max((rarity(w) for w in novel), default=0.0),
        window_precision(stems, index),
        *token_alignment(*pieces, index),
        sum(fragments) / max(len(tokens), 1),
        math.log1p(sum(f * f for f in fragments) / max(len(tokens), 1)),
        _share(lx.ngrams(tokens, 3), index.trigrams),
        float(len(lx.numbers(sentence) - index.numbers)),
        float(sum(arc not in index.arcs for arc in arcs)),
        float(repeated_stems(content)),
    ]


def support_features(text: str, index: SourceIndex) -> np.ndarray:
    """Features of ``text`` (one or more sentences) against ``index``: the least supported
    sentence's value of each (the minimum of shares, the maximum of novelties)."""
    sentences = _split(text) or [text]
    parts = zip(sentences, encode_tokens(sentences), sentence_arcs(sentences))
    rows = np.array([sentence_features(s, p, index, arcs=a) for s, p, a in parts], dtype=float)
    return np.where(_HIGHER_IS_WORSE, rows.max(axis=0), rows.min(axis=0))


def score_features(features: np.ndarray, settings: AlignSettings) -> np.ndarray:
    """Logistic combination of support features (rows) with the calibrated weights."""
    weights = np.asarray(settings.support_weights, dtype=float)
    z = np.atleast_2d(features) @ weights + settings.support_bias
    return 1.0 / (1.0 + np.exp(-z))


def support_score(sentence: str, sources: Sequence[str], settings: AlignSettings | None = None) -> float:
    """The probability that ``sentence`` is supported by ``sources`` (texts of source spans)."""
    settings = settings or AlignSettings()
    return float(score_features(support_features(sentence, SourceIndex.cached(sources)), settings)[0])


def is_supported(sentence: str, sources: Sequence[str], settings: AlignSettings | None = None) -> bool:
    """Whether ``sentence`` is supported by ``sources``: its score reaches ``support_threshold``."""
    settings = settings or AlignSettings()
    return support_score(sentence, sources, settings) >= settings.support_threshold
