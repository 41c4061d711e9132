"""Claim matching: which claims of different articles state the same thing, with a score.

A pair of sentences is described by paraphrase features (:data:`MATCH_FEATURES`):

* **embeddings**: MiniLM sentence cosine, and a BERTScore-like token alignment with MiniLM's
  contextual WordPiece vectors (each token's best match on the other side, weighted by an
  IDF-like weight read off the vocabulary order, :func:`~.embed.token_weights`), with the weight
  of the tokens that find no match above 0.4, 0.6 or 0.7 — how much each side says that the
  other does not — and the weighted recall and precision of the best one-to-one token alignment
  (as a monolingual word aligner does, Sultan et al. 2014: each token aligned at most once);
* **lexical**: word and character TF-IDF cosine, word, bigram and trigram overlap, content-word
  bigram overlap, containment of content stems, BLEU-like n-gram precision both ways, longest
  common subsequence, word edit distance, word-order agreement of the shared content words,
  character sequence ratio, lengths;
* **agreement**: numbers, names (capitalised words) and negation present on one side only;
* **cross-encoder**: the paraphrase logit of MiniLM reading both sentences as one input, with a
  small adapter fitted on MSRP (:mod:`.paraphrase`).

A logistic combiner fitted on the calibration part of MSRP (:mod:`crosswire.eval.msrp`; weights
in :class:`~crosswire.settings.AlignSettings`) turns them into the probability that the two
state the same thing. In a story, each claim is scored by its reported content
(:func:`~.lexical.reported_content`): the reporting frame ("…, the ministry said") is left out,
since the claim keeps its speaker apart and different outlets frame one statement differently.
Claims are grouped by average linkage over that probability: two groups
merge while the mean score of their cross-article pairs stays at or above ``match_threshold``,
so one loose pair cannot chain unrelated statements together.
"""

from __future__ import annotations

import math
from collections import Counter, OrderedDict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..settings import AlignSettings
from ..textutil import STOPWORDS, words
from . import lexical as lx
from .embed import encode, encode_tokens, token_weights
from .paraphrase import cross_encoder

if TYPE_CHECKING:
    from .paraphrase import CrossEncoder

__all__ = ["MATCH_FEATURES", "PairFeaturizer", "average_linkage", "cross_encoder_asked", "match_matrix",
           "match_probability", "ruled_out", "story_theme", "theme_only", "unasked_as_unrelated"]

_LEXICAL = (
    "word_dice", "containment_min", "containment_max", "bigram_dice", "trigram_dice", "length_ratio",
    "number_mismatch", "any_number_mismatch", "name_mismatch", "negation_mismatch", "numbers_alone_min",
    "numbers_alone_max", "names_alone_min", "names_alone_max", "lcs_min", "lcs_max", "bleu1_min", "bleu2_min",
    "bleu3_min", "bleu4_min", "bleu1_max", "bleu2_max", "bleu3_max", "bleu4_max", "length_diff", "log_length",
    "edit_distance", "order_min", "order_max", "content_bigram_dice", "char_ratio",
)
_ALIGNED_AT = (0.4, 0.6, 0.7)
"""Token similarities below which a token counts as unaligned (one feature pair each)."""
_ALIGNMENT = (
    "align_min", "align_max", "align_f", *(f"unaligned{int(t * 100)}_{side}" for t in _ALIGNED_AT
                                           for side in ("min", "max")),
    "unmatched_min", "unmatched_max", "one_to_one_min", "one_to_one_max", "one_to_one_f",
)
_LENGTH_TERMS = ("length_diff", "log_length")
_COVERAGE_TERMS = ("align_f", "one_to_one_f", "containment_min", "containment_max")
_INTERACTIONS = tuple(f"{length}_x_{coverage}" for length in _LENGTH_TERMS for coverage in _COVERAGE_TERMS)
"""Products of the two length features with the coverage features: how much a given overlap
says depends on how long the two sentences are (a shared half of two short sentences is not a
shared half of two long ones). Out-of-fold on the MSRP calibration part (10 × 5 shuffled folds,
paired with the model without them) accuracy rose by 0.0021 ± 0.0006 (9 of 10 repeats) and F1 by
0.0012 ± 0.0004; products of the one-sided name/number features with the alignment scores,
hinge (binned) versions of the strongest features and bagging did not help."""
MATCH_FEATURES = ("cosine", "tfidf", "char_tfidf", *_LEXICAL, *_ALIGNMENT, "cosine_x_containment", *_INTERACTIONS,
                  "cross_encoder")
"""The pair features, in the order of ``AlignSettings.match_weights``."""


@dataclass
class _Text:
    text: str
    tokens: list[str]
    content: list[str]
    token_set: frozenset[str]
    stems: frozenset[str]
    bigrams: set
    trigrams: set
    numbers: frozenset[float]
    names: frozenset[str]
    negated: bool
    grams: tuple[Counter, ...]
    gram_totals: tuple[int, ...]
    content_bigrams: set

    @classmethod
    def of(cls, text: str) -> _Text:
        tokens = words(text)
        content = [t for t in tokens if t not in STOPWORDS]
        grams = tuple(lx.ngram_counts(tokens, n) for n in (1, 2, 3, 4))
        return cls(text, tokens, content, frozenset(tokens), lx.content_stems(text), lx.ngrams(tokens, 2),
                   lx.ngrams(tokens, 3), lx.numbers(text), lx.names(text), lx.negated(text), grams,
                   tuple(sum(g.values()) for g in grams), lx.ngrams(content, 2))


def _both(x: float, y: float) -> tuple[float, float]:
    return min(x, y), max(x, y)


def _precisions(shared: int, total_a: int, total_b: int) -> tuple[float, float]:
    """BLEU-like clipped precision of each side, given the clipped overlap (the same both ways)."""
    return shared / total_a if total_a else 0.0, shared / total_b if total_b else 0.0


def _lexical(a: _Text, b: _Text) -> list[float]:
    """The :data:`_LEXICAL` features of one pair."""
    inter = len(a.stems & b.stems)
    contain = _both(inter / len(a.stems) if a.stems else 0.0, inter / len(b.stems) if b.stems else 0.0)
    numbers = a.numbers ^ b.numbers
    lcs = lx.lcs_length(a.tokens, b.tokens)
    bleu = [_both(*_precisions(lx.clipped_overlap(ga, gb), na, nb))
            for ga, gb, na, nb in zip(a.grams, b.grams, a.gram_totals, b.gram_totals)]
    return [
        lx.dice(set(a.token_set), set(b.token_set)), *contain,
        lx.dice(a.bigrams, b.bigrams), lx.dice(a.trigrams, b.trigrams),
        min(len(a.tokens), len(b.tokens)) / max(len(a.tokens), len(b.tokens), 1),
        len(numbers) / max(1, len(a.numbers | b.numbers)), float(bool(numbers)),
        len(a.names ^ b.names) / max(1, len(a.names | b.names)), float(a.negated != b.negated),
        *_both(len(a.numbers - b.numbers), len(b.numbers - a.numbers)),
        *_both(len(a.names - b.token_set), len(b.names - a.token_set)),
        *_both(lcs / max(1, len(a.tokens)), lcs / max(1, len(b.tokens))),
        *(m for m, _ in bleu), *(m for _, m in bleu),
        abs(len(a.tokens) - len(b.tokens)), math.log1p(len(a.tokens) + len(b.tokens)),
        lx.edit_distance(a.tokens, b.tokens) / max(len(a.tokens), len(b.tokens), 1),
        *_both(lx.order_agreement(a.content, b.tokens), lx.order_agreement(b.content, a.tokens)),
        lx.dice(a.content_bigrams, b.content_bigrams), lx.char_ratio(a.text, b.text),
    ]


@dataclass
class _Tokens:
    """One text's WordPiece tokens for alignment: float32 unit vectors, weights, the set of ids."""

    vectors: np.ndarray
    weights: np.ndarray
    ids: list[int]
    id_set: frozenset[int]

    @classmethod
    def of(cls, ids: np.ndarray, vectors: np.ndarray, weights: np.ndarray) -> _Tokens:
        return cls(vectors.astype(np.float32), weights[ids], ids.tolist(), frozenset(ids.tolist()))

    def unmatched(self, other: _Tokens) -> float:
        """Weight of the tokens whose id does not occur in ``other``."""
        return float(sum(w for i, w in zip(self.ids, self.weights) if i not in other.id_set))


def _one_way(best: np.ndarray, side: _Tokens, other: _Tokens) -> list[float]:
    """Weighted alignment of one side: recall, unaligned weight per level, weight of exact misses."""
    total = float(side.weights.sum())
    recall = float(best @ side.weights) / total if total else 0.0
    return [recall, *(float(side.weights[best < t].sum()) for t in _ALIGNED_AT), side.unmatched(other)]


def _f(recall: float, precision: float) -> float:
    return 2 * recall * precision / (recall + precision) if recall + precision else 0.0


def _one_to_one(sim: np.ndarray, a: _Tokens, b: _Tokens) -> list[float]:
    """Weighted recall and precision of the best one-to-one token alignment (each token aligned
    to at most one token of the other side, maximising the summed similarity), and their F: unlike
    each token's best match, a word said twice on one side cannot align with one word twice."""
    from scipy.optimize import linear_sum_assignment

    rows, cols = linear_sum_assignment(sim, maximize=True)
    left, right = np.zeros(len(a.ids)), np.zeros(len(b.ids))
    left[rows], right[cols] = sim[rows, cols], sim[rows, cols]
    recall = float(left @ a.weights) / max(float(a.weights.sum()), 1e-9)
    precision = float(right @ b.weights) / max(float(b.weights.sum()), 1e-9)
    return [*_both(recall, precision), _f(recall, precision)]


def _alignment(a: _Tokens, b: _Tokens) -> list[float]:
    """The :data:`_ALIGNMENT` features of one pair."""
    if not a.ids or not b.ids:
        return [0.0] * len(_ALIGNMENT)
    sim = a.vectors @ b.vectors.T
    left, right = _one_way(sim.max(axis=1), a, b), _one_way(sim.max(axis=0), b, a)
    recall, precision = left[0], right[0]
    return [*_both(recall, precision), _f(recall, precision),
            *(v for k in range(1, len(left)) for v in _both(left[k], right[k])), *_one_to_one(sim, a, b)]


class PairFeaturizer:
    """Pair features over a fixed set of texts: TF-IDF weights are fitted on ``corpus`` (the
    story's claims, or the calibration sentences), MiniLM vectors come from :func:`encode_tokens`."""

    def __init__(self, corpus: Sequence[str]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        corpus = [text for text in corpus if any(ch.isalnum() for ch in text)] or ["_"]
        self.word = TfidfVectorizer(sublinear_tf=True, token_pattern=r"(?u)\b\w+\b").fit(corpus)
        self.char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True).fit(corpus)

    def features(self, texts: Sequence[str], pairs: Sequence[tuple[int, int]], cross: CrossEncoder | None = None,
                 settings: AlignSettings | None = None) -> np.ndarray:
        """One row of :data:`MATCH_FEATURES` per pair of indices into ``texts``; ``cross`` is the
        :class:`~.paraphrase.CrossEncoder` (default: the shipped one). With ``settings``, only the
        pairs :func:`cross_encoder_asked` selects are read by the cross-encoder; the others carry
        ``match_cross_unasked_logit``."""
        if not pairs:
            return np.zeros((0, len(MATCH_FEATURES)))
        left, right = np.array([p[0] for p in pairs]), np.array([p[1] for p in pairs])
        tokens = encode_tokens(list(texts))
        vectors = encode(list(texts))
        cosine = np.einsum("ij,ij->i", vectors[left], vectors[right])
        word, char = self.word.transform(texts), self.char.transform(texts)
        tfidf = np.asarray(word[left].multiply(word[right]).sum(axis=1)).ravel()
        char_cos = np.asarray(char[left].multiply(char[right]).sum(axis=1)).ravel()
        used = sorted({i for pair in pairs for i in pair})  # a story's texts are mostly in no candidate pair
        parsed = {i: _Text.of(texts[i]) for i in used}
        lexical = np.array([_lexical(parsed[i], parsed[j]) for i, j in pairs], dtype=float)
        weights = token_weights()
        tokens = {i: _Tokens.of(*tokens[i], weights) for i in used}
        aligned = np.array([_alignment(tokens[i], tokens[j]) for i, j in pairs], dtype=float)
        containment = lexical[:, _LEXICAL.index("containment_min")]
        base = _with_interactions(
            np.column_stack([cosine, tfidf, char_cos, lexical, aligned, cosine * containment]))
        asked = cross_encoder_asked(base, settings) if settings else np.ones(len(pairs), dtype=bool)
        crossed = np.full(len(pairs), settings.match_cross_unasked_logit if settings else 0.0)
        if asked.any():
            read = [(texts[i], texts[j]) for (i, j), ask in zip(pairs, asked) if ask]
            skip_below = settings.match_cross_one_order_below if settings else None
            crossed[asked] = (cross or cross_encoder()).logits(read, skip_below)
        return np.column_stack([base, crossed])


def cross_encoder_asked(base: np.ndarray, settings: AlignSettings) -> np.ndarray:
    """Which pairs the cross-encoder is worth asking, from their other features (``base``: every
    column before ``cross_encoder``): those whose match probability, with the cross-encoder's logit
    set to ``match_cross_unasked_logit`` (what it says of unrelated sentences), reaches
    ``match_cross_min_probability``. In a story most candidate pairs are claims about different
    things, and a cross-encoder pass costs about six times the other features of a pair."""
    weights = _match_weights(settings)
    base = within_calibration(np.atleast_2d(base), settings)
    z = base @ weights[:-1] + settings.match_bias + weights[-1] * settings.match_cross_unasked_logit
    return 1.0 / (1.0 + np.exp(-z)) >= settings.match_cross_min_probability


def unasked_as_unrelated(features: np.ndarray, settings: AlignSettings) -> np.ndarray:
    """``features`` (every column, the cross-encoder's included) with the cross-encoder's logit of the
    pairs :func:`cross_encoder_asked` leaves out set as a story's matching sets it: how an
    evaluation that scored every pair sees what the pipeline sees."""
    out = np.array(features, dtype=float, copy=True)
    asked = cross_encoder_asked(out[:, :-1], settings)
    out[~asked, -1] = settings.match_cross_unasked_logit
    return out


def _with_interactions(base: np.ndarray) -> np.ndarray:
    """``base`` (every feature up to ``cosine_x_containment``) with the :data:`_INTERACTIONS` appended."""
    column = {name: base[:, i] for i, name in enumerate(MATCH_FEATURES[: base.shape[1]])}
    products = [column[length] * column[coverage] for length in _LENGTH_TERMS for coverage in _COVERAGE_TERMS]
    return np.column_stack([base, *products])


def within_calibration(features: np.ndarray, settings: AlignSettings) -> np.ndarray:
    """``features`` (rows of :data:`MATCH_FEATURES`, or of its first columns) capped at the greatest
    values the combiner was fitted on (``match_feature_ceiling``; unchanged when it is empty): two
    long claims of one theme must not match on how far their length and unaligned weight run past
    any calibration pair's."""
    if not settings.match_feature_ceiling:
        return features
    ceiling = np.asarray(settings.match_feature_ceiling)
    if ceiling.shape != (len(MATCH_FEATURES),):
        raise ValueError(f"align.match_feature_ceiling needs {len(MATCH_FEATURES)} values, got {ceiling.shape}")
    return np.minimum(features, ceiling[: features.shape[1]])


def _match_weights(settings: AlignSettings) -> np.ndarray:
    """``match_weights`` as an array, one per :data:`MATCH_FEATURES` (a clear error otherwise)."""
    weights = np.asarray(settings.match_weights, dtype=float)
    if weights.shape != (len(MATCH_FEATURES),):
        raise ValueError(f"align.match_weights needs {len(MATCH_FEATURES)} weights, got {weights.shape}")
    return weights


def ruled_out(texts: Sequence[str], pairs: Sequence[tuple[int, int]], settings: AlignSettings,
              persons: Collection[str] = frozenset()) -> np.ndarray:
    """For each pair, whether it never matches, whatever its score: its shorter text is shorter than
    the matcher was calibrated on (``match_short_words``) and not held by the other (:func:`_held`:
    a content word of it the other lacks, or fewer than ``match_short_min_content`` content words
    at all); or the two say opposite verbs of one another (:func:`~.lexical.opposed`: "suspended
    its flights" / "resumed its flights"); or (``match_actor_veto``) two different named persons
    do what each says (:func:`different_actors`; a subject counts as a person when the tagger says
    so or when it is one of ``persons``, the names the story's person entities go by: the small
    tagger reads many a lone surname as an organisation); or (``match_place_veto``) each tells of
    a place that cannot be the other's (:func:`different_places`)."""
    out = np.zeros(len(pairs), dtype=bool)
    read = (_readings(sorted({t for pair in pairs for t in pair}), texts)
            if settings.match_actor_veto or settings.match_place_veto else {})
    for k, (i, j) in enumerate(pairs):
        a, b = read.get(i, _NOTHING), read.get(j, _NOTHING)
        if (lx.opposed(texts[i], texts[j])
                or (settings.match_actor_veto
                    and different_actors(texts[i], texts[j], a.person(persons), b.person(persons)))
                or (settings.match_place_veto and different_places(texts[i], texts[j], a.places, b.places))):
            out[k] = True
            continue
        short, other = sorted((texts[i], texts[j]), key=lambda t: len(words(t)))
        if len(words(short)) >= settings.match_short_words:
            continue
        content = {w for w in words(short) if w not in STOPWORDS}
        out[k] = len(content) < settings.match_short_min_content or not _held(content, other, settings)
    return out


@dataclass(frozen=True)
class _Reading:
    """What a claim's parse says about who acts in it and where (:func:`_readings`)."""

    actor: str | None = None
    places: tuple[str, ...] = ()
    subject: str | None = None
    """The name the main verb's subject is written as, whatever the tagger takes it for."""

    def person(self, persons: Collection[str] = frozenset()) -> str | None:
        """The acting person's name: the tagger's, or the subject's where ``persons`` knows it."""
        return self.actor or (self.subject if self.subject in persons else None)


_NOTHING = _Reading()
_READINGS: OrderedDict[str, _Reading] = OrderedDict()
_READINGS_SIZE = 20_000
"""Recently read texts' actors and places (:func:`_readings`), the oldest evicted."""

_LOCATIVE_PREPOSITIONS = frozenset(["in", "at", "near", "across", "throughout", "around", "outside", "inside",
                                    "within", "from"])
"""Prepositions whose object says where something happens ("sprayed *in Boston*")."""


def _readings(indexes: Sequence[int], texts: Sequence[str]) -> dict[int, _Reading]:
    """Text index → its :class:`_Reading` (actor and places), for the texts that name either.
    Each text is parsed once; recent answers are kept by text."""
    from .support import parse_sentences

    missing = list(dict.fromkeys(texts[i] for i in indexes if texts[i] not in _READINGS))
    for text, doc in zip(missing, parse_sentences(missing)):
        _READINGS[text] = _Reading(_actor(doc), tuple(_where(doc)), _named_subject(doc))
        if len(_READINGS) > _READINGS_SIZE:
            _READINGS.popitem(last=False)
    return {i: reading for i in indexes if (reading := _READINGS.get(texts[i], _NOTHING)) != _NOTHING}


_PLACE_NOUNS = frozenset(["state", "county", "province", "region", "city", "town", "village", "district", "area"])
"""Nouns a place's name qualifies as the place itself ("within *New York* state")."""


def _relative_clause(token) -> bool:
    """A relative clause proper ("a unit *that served* in Iraq"), not a clause of content the parser
    calls one ("a report *that* birds had been found", with its "that" a mark)."""
    return token.dep_ == "relcl" and not any(c.dep_ == "mark" for c in token.children)


def _event_heads(doc) -> tuple[object | None, set]:
    """The claim's main verb (of the clause a verb of saying reports: "officials said *Gore*
    appealed …") and the tokens that stand for its event: that verb, the verb of saying above
    it, and their subjects."""
    from ..extract.speakers import CUE_LEMMAS

    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return None, set()
    heads = {root}
    if root.lemma_.lower() in CUE_LEMMAS:
        root = next((c for c in root.children if c.dep_ == "ccomp"), root)
        heads.add(root)
    heads |= {c for h in list(heads) for c in h.children if c.dep_ in ("nsubj", "nsubjpass")}
    return root, heads


def _actor(doc) -> str | None:
    """The name of the person who acts in a parsed claim: the subject of its main verb when a
    person's name. Only persons: a place or a body stands for another by metonymy ("Moscow" /
    "Russia", "the Kremlin" / "Moscow")."""
    root, _ = _event_heads(doc)
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None) if root is not None else None
    if subject is None or subject.ent_type_ != "PERSON":
        return None
    return next(e.text for e in doc.ents if e.start <= subject.i < e.end)


def _named_subject(doc) -> str | None:
    """The name the subject of a parsed claim's main verb is written as, when a proper noun: the
    named entity it is part of, else the proper noun with its compounds ("Halden", "Tomas Lind Halden")."""
    root, _ = _event_heads(doc)
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None) if root is not None else None
    if subject is None or subject.pos_ != "PROPN":
        return None
    entity = next((e for e in doc.ents if e.start <= subject.i < e.end), None)
    if entity is not None:
        return entity.text
    name = [t for t in subject.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [subject]
    return " ".join(t.text for t in name)


def _where(doc) -> list[str]:
    """The places a parsed claim says its event happens at, or its actors come from: names of
    countries, cities or regions (GPE, LOC) that are the object of a locative preposition
    ("spraying began *in Boston*"; anywhere but in a relative clause, "a unit that served in
    Iraq": the small parser hangs many a main clause's phrase on a noun), or that qualify the
    main verb's subject ("*Kansas* health officials said", "*Utah*'s income fell"); items of a
    list count as its first ("in Ohio, Indiana and Michigan"). A place as subject or
    object is left out: it stands for its government ("Moscow protested")."""
    _, heads = _event_heads(doc)
    places = []
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC"):
            continue
        token = ent.root
        while token.dep_ in ("conj", "appos") and token.head is not token:
            token = token.head
        while token.dep_ == "compound" and (token.head.ent_type_ == ent.label_
                                            or token.head.lemma_.lower() in _PLACE_NOUNS):
            token = token.head
        if token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE_PREPOSITIONS:
            if not any(_relative_clause(t) for t in token.head.ancestors):
                places.append(ent.text)
        elif token.dep_ in ("compound", "poss", "amod", "nmod") and token.head.pos_ in ("NOUN", "PROPN"):
            governor = token.head
            while governor.dep_ == "compound" and governor.head is not governor:
                governor = governor.head
            if governor in heads:
                places.append(ent.text)
    return places


def named_actors(indexes: Sequence[int], texts: Sequence[str]) -> dict[int, str]:
    """Text index → the name of the person who acts in it (:func:`_actor`), for the texts that
    have one."""
    return {i: r.actor for i, r in _readings(indexes, texts).items() if r.actor}


def different_actors(a: str, b: str, actor_a: str | None, actor_b: str | None) -> bool:
    """Whether two texts tell what two different named persons do: each names its own subject
    ("*Gore* appealed to black voters …" / "*Gephardt* dropped his bid …"), the names share no
    content word and neither is the other's acronym, and neither text names the other's actor
    (so "police arrested Lee" / "Lee was arrested" is one fact). Two actors do not make one
    statement however alike the rest reads."""
    if not actor_a or not actor_b:
        return False
    wa = {w for w in words(actor_a) if w not in STOPWORDS}
    wb = {w for w in words(actor_b) if w not in STOPWORDS}
    if not wa or not wb or wa & wb or _acronym_of(actor_a, actor_b) or _acronym_of(actor_b, actor_a):
        return False
    return not (wb & set(words(a))) and not (wa & set(words(b)))


def different_places(a: str, b: str, places_a: Sequence[str], places_b: Sequence[str]) -> bool:
    """Whether two texts tell of events in places that cannot be one: each names where its event
    happens (:func:`_where`), the gazetteer knows both (:func:`~crosswire.extract.places.resolve_place`),
    no reading of one lies within, around or in the same region as a reading of the other
    (:func:`~crosswire.extract.places.may_be_one_place`: "Baltimore" / "Maryland" may be one,
    "Maryland" / "Boston" cannot), and neither text names the other's place. "A sick deer tested
    positive in Ohio" and "… in Denver" are two findings, however alike they read."""
    from ..extract.places import may_be_one_place, resolve_place

    known_a = [(name, where) for name in places_a if (where := resolve_place(name))]
    known_b = [(name, where) for name in places_b if (where := resolve_place(name))]
    if not known_a or not known_b:
        return False
    if any(may_be_one_place(x, y) for _, x in known_a for _, y in known_b):
        return False
    named = set(words(a)), set(words(b))
    return not any(set(words(name)) <= named[1] for name, _ in known_a) and \
        not any(set(words(name)) <= named[0] for name, _ in known_b)


def _acronym_of(short: str, name: str) -> bool:
    """Whether ``short`` is written as the initials of ``name`` ("AP" / "Associated Press")."""
    letters = short.replace(".", "").strip()
    initials = "".join(w[0] for w in name.split() if w[:1].isupper())
    return 2 <= len(letters) <= 8 and letters.isupper() and letters == initials


def _held(content: set[str], other: str, settings: AlignSettings) -> bool:
    """Whether ``other`` holds every word of ``content``: the word itself (by stem), or, for a word
    that is no figure, a word whose MiniLM vector is at least ``match_short_word_similarity``
    alike ("resigned" / "quit" 0.57, "fell" / "collapsed" 0.53; "bachelor" / "back" 0.21)."""
    stems = lx.content_stems(other)
    missing = [w for w in content if lx.stem(w) not in stems]
    if any(any(ch.isdigit() for ch in w) for w in missing):
        return False
    candidates = sorted({w for w in words(other) if w not in STOPWORDS and not any(ch.isdigit() for ch in w)})
    if not missing:
        return True
    if not candidates:
        return False
    vectors = encode(missing + candidates)
    similarity = vectors[: len(missing)] @ vectors[len(missing):].T
    return bool((similarity.max(axis=1) >= settings.match_short_word_similarity).all())


def story_theme(texts: Sequence[str], settings: AlignSettings) -> frozenset[str]:
    """The content stems that a story's articles (``texts``) mostly share: at least
    ``match_theme_share`` of them, in a story of ``match_theme_min_articles`` articles or more
    ("elian", "father", "cuba", "miami" in reports of one custody battle). Two claims sharing only
    these say no more than that both are about the story."""
    if len(texts) < settings.match_theme_min_articles:
        return frozenset()
    counts = Counter(stem for text in texts for stem in lx.content_stems(text))
    return frozenset(stem for stem, n in counts.items() if n >= settings.match_theme_share * len(texts))


def theme_only(scores: np.ndarray, texts: Sequence[str], theme: frozenset[str], settings: AlignSettings,
               speakers: Sequence[str | None] | None = None) -> np.ndarray:
    """``scores`` with the matches that rest on the story's theme alone set to 0: pairs below
    ``match_theme_max_probability`` whose shared content stems are all of ``theme``
    (:func:`story_theme`) and that share some. MSRP's pairs, on which the matcher was fitted, all
    read alike, so it takes words two claims share as evidence; in a story every claim shares the
    story's words ("Elian's father arrived in the United States to retrieve his son from the Miami
    relatives" / "they were considering revoking an earlier decision allowing Elian to live with the
    relatives in Miami": 0.68). A pair sharing no word at all is left as scored: a paraphrase may
    share none."""
    if not theme or not len(scores):
        return scores
    speakers = speakers if speakers is not None else [None] * len(texts)
    rows, cols = np.nonzero(np.triu((scores >= settings.match_threshold)
                                    & (scores < settings.match_theme_max_probability), 1))
    if not len(rows):
        return scores
    stems = {i: lx.content_stems(lx.reported_content(texts[i], speakers[i])) for i in set(rows) | set(cols)}
    out = scores.copy()
    for i, j in zip(rows.tolist(), cols.tolist()):
        shared = stems[i] & stems[j]
        if shared and shared <= theme:
            out[i, j] = out[j, i] = 0.0
    return out


def match_probability(features: np.ndarray, settings: AlignSettings) -> np.ndarray:
    """The logistic combiner: the probability that each pair (row) states the same thing; 0 where
    the cross-encoder's logit is below ``match_cross_min_logit`` (the combiner's other terms
    extrapolate on pairs unlike MSRP's; the cross-encoder reads the two texts together)."""
    features = np.atleast_2d(features)
    z = within_calibration(features, settings) @ _match_weights(settings) + settings.match_bias
    p = 1.0 / (1.0 + np.exp(-z))
    return np.where(features[:, MATCH_FEATURES.index("cross_encoder")] < settings.match_cross_min_logit, 0.0, p)


def match_matrix(texts: Sequence[str], article_ids: Sequence[str], settings: AlignSettings,
                 speakers: Sequence[str | None] | None = None, same_article: bool = False,
                 only: Collection[tuple[int, int]] | None = None, persons: Collection[str] = frozenset()
                 ) -> np.ndarray:
    """Symmetric matrix of match probabilities between texts of different articles (0 elsewhere);
    with ``same_article``, between texts of the same article instead (see
    :func:`same_article_matches`); with ``only``, only those pairs ``(i, j)``, ``i < j``, are scored;
    ``persons`` are the names of the story's persons (:func:`ruled_out`).

    Each text is scored by what it states (:func:`~.lexical.reported_content`: its reporting
    frame and quote marks left out, a leading "We"/"I" read as its speaker, from ``speakers``
    when given, e.g. the claims' ``attributed_to``), so that "X did not take part, the ministry
    said" and "X was not involved, the agency reported" are compared as the statements they report."""
    speakers = speakers if speakers is not None else [None] * len(texts)
    if len(speakers) != len(texts):
        raise ValueError(f"match_matrix needs one speaker (or None) per text: {len(speakers)} for {len(texts)}")
    texts = [lx.reported_content(t, speaker) for t, speaker in zip(texts, speakers)]
    n = len(texts)
    worded = [bool(words(t)) for t in texts]  # a text without words states nothing
    every = ((i, j) for i in range(n) for j in range(i + 1, n)) if only is None else sorted(only)
    pairs = [(i, j) for i, j in every if (article_ids[i] == article_ids[j]) == same_article and worded[i] and worded[j]]
    scores = np.zeros((n, n))
    featurizer = PairFeaturizer(texts)
    pairs = candidate_pairs(texts, pairs, featurizer, settings)
    if pairs:
        probability = match_probability(featurizer.features(texts, pairs, settings=settings), settings)
        probability[ruled_out(texts, pairs, settings, persons)] = 0.0
        rows, cols = np.array(pairs).T
        scores[rows, cols] = probability
        scores[cols, rows] = probability
    return scores


def candidate_partners(texts: Sequence[str], article_ids: Sequence[str], speakers: Sequence[str | None],
                       rows: Collection[int], settings: AlignSettings) -> dict[int, list[int]]:
    """For each of ``rows``, the texts of other articles it is a :func:`candidate_pairs` pair with,
    read as :func:`match_matrix` reads them (those its full pair features would be computed for),
    nearest by MiniLM cosine first."""
    texts = [lx.reported_content(t, speaker) for t, speaker in zip(texts, speakers)]
    worded = [bool(words(t)) for t in texts]
    pairs = [(i, j) for i in rows for j in range(len(texts))
             if article_ids[i] != article_ids[j] and worded[i] and worded[j]]
    partners: dict[int, list[int]] = {i: [] for i in rows}
    for i, j in candidate_pairs(texts, pairs, PairFeaturizer(texts), settings):
        partners[i].append(j)
    vectors = encode(list(texts))
    return {i: sorted(found, key=lambda j: -float(vectors[i] @ vectors[j])) for i, found in partners.items()}


def candidate_pairs(texts: Sequence[str], pairs: list[tuple[int, int]], featurizer: PairFeaturizer,
                    settings: AlignSettings) -> list[tuple[int, int]]:
    """The pairs worth the full pair features: MiniLM cosine ≥ ``match_candidate_min_cosine`` or
    word TF-IDF cosine ≥ ``match_candidate_min_tfidf``; the others (claims about different things)
    score 0. In a story of many long articles most claim pairs are unrelated, and the token-level
    features cost far more than these two matrix products."""
    if not pairs:
        return pairs
    encode_tokens(list(texts))  # one MiniLM pass fills the token and the sentence caches alike
    vectors = encode(list(texts))
    dense = vectors @ vectors.T
    word = featurizer.word.transform(texts)
    lexical = (word @ word.T).toarray()
    return [(i, j) for i, j in pairs
            if dense[i, j] >= settings.match_candidate_min_cosine or lexical[i, j] >= settings.match_candidate_min_tfidf]


def same_article_matches(texts: Sequence[str], article_ids: Sequence[str], settings: AlignSettings,
                         speakers: Sequence[str | None], among: Collection[int], persons: Collection[str] = frozenset()
                         ) -> dict[tuple[int, int], float]:
    """Match probabilities ``{(i, j): p}`` (``i < j``, zero pairs left out) between texts of one
    article, only among the texts ``among`` (those that match some text of another article: no
    others can share a group), scored on those texts alone: whether one article states one thing
    twice, for :func:`average_linkage`'s ``within``."""
    by_article: dict[str, list[int]] = {}
    for i in sorted(set(among)):
        by_article.setdefault(article_ids[i], []).append(i)
    keep = [i for ids in by_article.values() if len(ids) > 1 for i in ids]
    if not keep:
        return {}
    sub = match_matrix([texts[i] for i in keep], [article_ids[i] for i in keep], settings,
                       [speakers[i] for i in keep], same_article=True, persons=persons)
    rows, cols = np.nonzero(np.triu(sub, 1))
    return {(keep[x], keep[y]): float(sub[x, y]) for x, y in zip(rows.tolist(), cols.tolist())}


def average_linkage(scores: np.ndarray, article_ids: Sequence[str], threshold: float,
                    within: Mapping[tuple[int, int], float] | None = None) -> list[list[int]]:
    """Groups of indices: pairs are merged best first while the mean score over the cross-article
    pairs of the two groups stays at or above ``threshold``.

    With ``within`` (the match probabilities of texts of one article, :func:`same_article_matches`;
    a pair not in it scores 0), two texts of one article end in one group only when they match each other:
    a group is one statement, and an article that says two different things about one event
    ("the collision was the other craft's fault"; "U.S. officials said a torpedo misfired") has
    not said one thing twice because another outlet's sentence resembles both."""
    cluster = list(range(len(article_ids)))
    members: dict[int, list[int]] = {i: [i] for i in cluster}
    rows, cols = np.nonzero(np.triu(scores >= threshold, 1))
    for i, j in sorted(zip(rows.tolist(), cols.tolist()), key=lambda p: -scores[p]):
        ci, cj = cluster[i], cluster[j]
        if ci == cj:
            continue
        cross = [scores[x, y] for x in members[ci] for y in members[cj] if article_ids[x] != article_ids[y]]
        if within is not None and any(within.get((min(x, y), max(x, y)), 0.0) < threshold
                                      for x in members[ci] for y in members[cj] if article_ids[x] == article_ids[y]):
            continue
        if cross and float(np.mean(cross)) >= threshold:
            for x in members[cj]:
                cluster[x] = ci
            members[ci].extend(members.pop(cj))
    return [sorted(m) for m in members.values()]
