"""The extractive selector: sentences that cover the concepts many documents share.

Works on plain candidates (a sentence's text, which document it comes from, its position), so
the same code summarises a crosswire story and a DUC document set.

1. Concepts (:func:`~crosswire.summarize.terms.concepts`) are weighted by their modelled
   probability of appearing in a human summary (:mod:`.importance`, Hong & Nenkova 2014), or,
   without a model, by how many documents contain them (document frequency; Gillick & Favre's
   ICSI concepts); they are kept from ``min_df`` documents up, and unigram concepts count
   ``unigram_weight`` as much.
   A query, when given, raises the weight of concepts whose words it uses; concepts already
   told in an earlier summary (update mode) are discounted.
2. Each candidate's value is the weight of the concepts it adds that the summary does not
   cover yet, times its prior (support, position), over its length to the power ``length_power``
   (the cost-scaled greedy of Lin & Bilmes 2010). The prior multiplies independent support
   (dossiers), centrality, position and, with a query, the sentence's TF-IDF similarity to it.
   Beside the concepts, clipped word coverage (``word_coverage_weight``) values the words a
   candidate adds up to each word's share of the cluster: a summary that repeats its words says
   less in its budget.
3. Greedy under the word budget; the coverage gain already penalises redundancy, and a candidate
   too close to a chosen one (concept Jaccard; a lower bar within one claim group) is skipped.
   Evaluations that cut summaries at the word limit may ``fill`` the rest with one overflowing
   sentence, valued by the words that survive the cut.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..clean.dateline import strip_dateline
from ..extract.values import TIME_WORDS
from ..settings import SummarizeSettings
from ..textutil import LEADING_CONNECTIVE, STOPWORDS
from .importance import concept_features, importance
from .terms import concepts, stems, tfidf

__all__ = ["Candidate", "as_sentence", "compress", "concept_weights", "eligible", "relevance", "select"]


@dataclass(frozen=True)
class Candidate:
    """One sentence that may go into a summary.

    Attributes:
        text: the sentence (possibly compressed) as it would appear in the summary.
        doc: index of the document (article) it comes from.
        position: its index among the document's sentences (0 = lead).
        prior: an outside weight, e.g. from independent support (1 = neutral).
        group: a key shared by candidates that state the same thing (a claim group); a
            candidate close to a chosen one of its group (``group_redundancy``) is skipped.
    """

    text: str
    doc: int
    position: int
    prior: float = 1.0
    group: str | None = None

    @property
    def length(self) -> int:
        return len(self.text.split())


_OPENERS = LEADING_CONNECTIVE
"""Leading connectives, which compression drops (:data:`crosswire.textutil.LEADING_CONNECTIVE`)."""
_STRAY = re.compile(r"^(?:(?:[-_—*]+|&[A-Z]+;)\s+)+")
_PARENTHESES = re.compile(r"(?:^|\s+)\([^()]{0,80}\)(?=\s|[.,;:!?”\"]|$)")
"""A short parenthesis standing apart from the words around it, so deleting it joins no words:
"costs (PS)2" and "treatise (beginitalic)On" keep theirs."""
_SPEECH = frozenset({
    "said", "says", "say", "told", "tells", "added", "adds", "wrote", "writes", "stated", "states", "announced",
    "declared", "warned", "asked", "insisted", "he", "she", "they", "we", "i", "it",
})
"""Words that make a leading "X said:" an attribution, which compression must keep."""
_LABEL = re.compile(r"^[A-Z][\w'’-]*(?: [\w'’-]+){0,2}:\s+(?=[A-Z])")
_TIME_LABEL = re.compile(
    r"^(?:(?:\w+ )?(?:years?|months?|weeks?|days?|decades?) (?:ago|later|earlier)|\d{4}(?:s)?|today|yesterday|tomorrow|"
    r"tonight|(?:this|last|next) (?:week|month|year|night)|(?:jan(?:uary)?|feb(?:ruary)?|march|april|may|june|july|"
    r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?: \d{1,2})?(?:,? \d{4})?|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\s*:", re.IGNORECASE)
"""A label that says when ("Ten years ago:", "1989:", "Monday:"): the sentence after it is dated
by it, so it stays."""


def compress(text: str) -> str:
    """A light compression that only deletes words: a leading dateline ("PARIS (AP) --"), a
    leading label of up to three words ("Flood crisis:"), a leading connective ("But",
    "However,") and short parentheses.

    >>> compress("BEIRUT (AP) -- But the rebels (mostly local) took the city.")
    'The rebels took the city.'
    """
    out = _dateline(text.strip())
    label = _LABEL.match(out)
    if label and not set(label.group(0).lower().rstrip(": ").split()) & _SPEECH and not _TIME_LABEL.search(label.group(0)):
        out = out[label.end() :]
    out = _PARENTHESES.sub("", out).strip()
    stripped = _OPENERS.sub("", out)
    if stripped != out and stripped:
        out = stripped[0].upper() + stripped[1:]
    return out.strip()


_OPENING_MARKS = "\"“‘'(["
_CLOSING_MARKS = "\"”’')]"


def as_sentence(text: str) -> str:
    """``text`` written as a sentence of its own: a claim cut from a longer sentence ("in this
    regard, Moscow is in contact …", "… through political means") gets a capital first letter, past
    any opening quote or bracket (unless its first word is mixed-case, as in "iPhone"), and a full
    stop when it ends without one, after any closing quote or bracket.

    >>> as_sentence("rebels took the city"), as_sentence('“rebels took the city,” he said that they "won"')
    ('Rebels took the city.', '“Rebels took the city,” he said that they "won".')
    """
    text = text.strip()
    lead = len(text) - len(text.lstrip(_OPENING_MARKS))
    first = re.sub(r"\W+$", "", text[lead:].split(maxsplit=1)[0]) if text[lead:] else ""
    if first.isalpha() and first.islower():
        text = text[:lead] + text[lead].upper() + text[lead + 1 :]
    body = text.rstrip(_CLOSING_MARKS)
    if body and body[-1].isalnum():
        text += "."
    return text


def _dateline(text: str) -> str:
    """``text`` without its wire dateline (:func:`crosswire.clean.dateline.dateline_end`) and
    without leading stray dashes."""
    return _STRAY.sub("", strip_dateline(text))


_MARKUP = re.compile(r"&[A-Z]{2};|https?://|www\.|@\w+\.\w|\(at\)")
"""Wire-copy markup (``&QL;``), addresses and e-mail: editors' notes, not news."""


def _junk(text: str) -> bool:
    """A heading, an introduction to a list ("They are:"), or an editors' note."""
    letters = [ch for ch in text if ch.isalpha()]
    shouting = sum(ch.isupper() for ch in letters) > 0.6 * max(len(letters), 1)
    return shouting or text.rstrip().endswith(":") or bool(_MARKUP.search(text)) or in_title_case(text)


_TITLE_SMALL_WORDS = frozenset({
    "a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "at", "to", "for", "by", "with", "from", "as",
    "into", "onto", "over", "under", "after", "before", "about", "vs", "via", "per", "than", "up", "off", "out",
})
"""Words a headline in title case may leave in lower case ("5 Thoughts *on* Why *the* Academy …")."""


def in_title_case(text: str) -> bool:
    """Whether a line is a headline, credit, caption or list in title case ("5 Thoughts on Why the
    Academy Picked Ellen DeGeneres As Oscar Host"): five or more words besides
    :data:`_TITLE_SMALL_WORDS`, every one capitalised. Not narrative: a sentence that names many
    people ("Ana Vell, Lena Marn and Uma Rait won the Marn Prize") writes its verb in lower case.
    Of the 26,044 eligible sentences of DUC 2006 and 2007 it marks 63: headlines, syndication
    credits ("Story Filed By Cox Newspapers For Use By Clients of …"), photo captions and lists of
    names and titles."""
    words = [w.strip("\"'“”‘’()[],.:;!?-–—") for w in text.split()]
    words = [w for w in words if any(ch.isalpha() for ch in w) and w.lower() not in _TITLE_SMALL_WORDS]
    return len(words) >= 5 and all(w[0].isupper() for w in words)


_EXPLETIVE_VERBS = (r"is|was|isn't|wasn't|seems?|seemed|appears?|appeared|remains?|remained|becomes?|became"
                    r"|takes?|took|happens?|happened|turns?|turned|looks?|looked|means?|meant|matters?|mattered"
                    r"|rains?|rained|snows?|snowed|costs?|emerged|follows?|followed|feels?|felt|sounds?|sounded")
"""Verbs an expletive or weather "it" takes ("It seems …", "It rained …", "It has emerged that …",
"It would cost $3 billion to …"): after them "It" need not point back."""
_GROUP_VERBS = (r"(?:is|was|isn't|wasn't|are|were|has|have|had|would|will|could|might|may|can|do|does|did"
                r"|means?|meant|makes?|made|leaves?|left|say|says|said|want|wants|wanted|agree|agreed|believe"
                r"|believed|think|thought)")
"""Verbs right after "Most", "Both", "Others" or "as many" that make it a subject standing for a
group named before ("Most want to give their children a better education"; not "As many analysts
had predicted, …")."""
_ANAPHORIC_OPENER = re.compile(
    r"^(?:he|she|they|them|his|her|its|their|such|i(?![-.])|we|you|my|our|your|(?:these|those)(?!\s+who\b)|this(?!\s+(?:week|weekend|month|"
    r"year|morning|afternoon|evening|spring|summer|autumn|fall|winter|season|time|past|coming)\b)"
    r"|(?:if|even)\s+so|if\s+not|in\s+that\s+case|otherwise|(?:yes|no|well|oh|okay|ok)(?=\s*,)"
    r"|as\s+a\s+(?:result|consequence)(?!\s+of\b)|therefore|thus|hence|consequently|nevertheless|nonetheless"
    r"|(?:instead|in\s+(?:response|return|contrast|turn)|by\s+contrast)(?!\s+(?:to|for|of)\b)"
    r"|for\s+(?:that|this)\s+reason"
    r"|that(?=['’]s\b|\s+(?:is|was|isn't|wasn't|has|had|would|will|could|might|may|means?|meant|makes?|made"
    r"|leaves?|left)\b)"
    r"|(?:(?:almost|nearly|about|just)\s+)?as\s+many(?=\s+" + _GROUP_VERBS + r"\b)"
    r"|(?:most|both|others)(?=\s+" + _GROUP_VERBS + r"\b)"
    r"|(?:because\s+of|despite)\s+(?:this|that|it)"
    r"|it(?=\s+(?!(?:" + _EXPLETIVE_VERBS + r"|(?:has|had|will|would|could|may|might|must|should|can|does|did)"
    r"\s+(?:not\s+|never\s+|also\s+)?(?:have\s+)?(?:" + _EXPLETIVE_VERBS + r"|be|been|take|cost|have|never|not))\b)"
    r"[a-z]))\b",
    re.IGNORECASE)
"""A first word that points back to a sentence the summary may not show ("They do all this with no
side effects.", "If so, it will be a long time before …", "Yes, it placed the victor under house
arrest": an answer to what the summary does not ask, "As a result, the officials said, they
were considering …": a consequence of what the summary may not say); "It" only before a verb that
is not a copula or one of the verbs an expletive "it" takes ("It requires persuading others …", "It
said on Monday …" point back; "It was the worst storm …", "It seems …", "It's …", "It will take
years …" are left alone), as is "This week …"; "That" before a verb ("That is still less than 2
percent of all children", not "That night …"), and "Most", "Both" or "Others" before one, or "as
many" ("Almost as many were using them"), standing for what an earlier sentence named (109 of
DUC's 26,359 eligible sentences, each read as pointing back in a sample of 40). Outside quote marks a first or second person ("I
told them I wasn't trying to convert them.", "We must design our policies …") is a columnist, or a
speaker whose quotation ran on from an earlier paragraph: 182 of DUC's 26,044 eligible sentences
open so, none a summary sentence."""


_PRONOUN_INTRO = re.compile(r"^[^,]{0,80}?\b(?:its|his|her|their|him|them)\b[^,]{0,80},\s+")
"""An opening phrase up to its comma that holds a possessive or object pronoun ("Despite its size,",
"After his arrest,"): when the clause after it opens with a pronoun too (:data:`_PRONOUN_SUBJECT`;
"it" included, as no expletive "it" follows such a phrase), both point back."""
_PRONOUN_SUBJECT = re.compile(r"^(?:he|she|it|they|his|her|its|their)\b", re.IGNORECASE)


_PHRASE_OPENERS = frozenset({
    "despite", "while", "although", "though", "because", "since", "unless", "until", "as", "once", "upon", "amid",
    "among", "like", "unlike", "without", "within", "throughout", "toward", "towards", "whether", "even",
})
"""Words that open an introductory phrase or clause and are not in :data:`STOPWORDS`."""


def _may_name(word: str, first: bool) -> bool:
    """Whether a capitalised word of an opening phrase may be a name: not a calendar word, and,
    first in the sentence, not a function word, a phrase opener or a participle ("Knowing", "Asked")."""
    bare = word.strip(".,;:").lower()
    if not word[:1].isupper() or bare in TIME_WORDS:
        return False
    return not first or not (bare in STOPWORDS or bare in _PHRASE_OPENERS or bare.endswith(("ing", "ed")))


def opens_with_anaphor(text: str) -> bool:
    """Whether ``text`` opens with a pronoun or demonstrative that needs an earlier sentence, or
    with a phrase whose pronoun no name in it explains, before a clause that opens with a pronoun
    ("Despite its size, it …"; not "Despite his injuries, Ana Vell …", "After Vell lost his job,
    he …" nor "Vell sold the boat for her shop, she said").

    >>> opens_with_anaphor("They do all this with no side effects."), opens_with_anaphor("This week the FDA ruled.")
    (True, False)
    """
    text = text.strip().lstrip(_OPENING_MARKS)
    if _ANAPHORIC_OPENER.match(text):
        return True
    intro = _PRONOUN_INTRO.match(text)
    if not intro or any(_may_name(word, first=i == 0) for i, word in enumerate(intro.group(0).split())):
        return False  # a name in the phrase may be what its pronouns refer to
    return bool(_PRONOUN_SUBJECT.match(text[intro.end():]))


def eligible(candidate: Candidate, settings: SummarizeSettings) -> bool:
    """Whether a sentence may be a summary sentence: long enough to say something, not a run-on,
    not a question, not a heading or an editors' note, not opening with a pronoun that points back
    (:func:`opens_with_anaphor`), and not mostly a quotation (quotes are attributed evidence, not
    narrative)."""
    text = candidate.text
    n = candidate.length
    if n < settings.min_sentence_words or n > settings.max_sentence_words:
        return False
    if text.rstrip().endswith("?") or text[:1] in "\"“‘'`" or _junk(text) or opens_with_anaphor(text):
        return False
    if text.count("”") != text.count("“") or text.count('"') % 2:
        return False  # a quotation begun in an earlier sentence, or running on into the next one
    if text.rstrip().endswith(")") and text.count(")") > text.count("("):
        return False  # the end of an aside in brackets that began in an earlier sentence
    quoted = sum(len(m.group(0).split()) for m in re.finditer(r"[\"“][^\"”]*[\"”]|``.*?''", text))
    return quoted <= settings.max_quoted_share * n


def concept_weights(
    candidates: Sequence[Candidate], settings: SummarizeSettings, query: str | None = None,
    known: Sequence[str] = (),
) -> dict[str, float]:
    """Concept → weight: modelled importance or document frequency (from ``min_df`` documents),
    query boost, update discount."""
    per_doc: dict[int, set[str]] = {}
    for c in candidates:
        per_doc.setdefault(c.doc, set()).update(concepts(c.text))
    df = Counter(k for found in per_doc.values() for k in found)
    min_df = max(settings.min_df, math.ceil(settings.min_df_share * len(per_doc)))
    base = _importance(candidates, settings) if settings.importance_weights else {
        k: n ** settings.df_power for k, n in df.items()}
    weights = {
        k: base[k] * (settings.unigram_weight if k.startswith("1:") else 1.0)
        for k, n in df.items() if n >= min(min_df, max(len(per_doc), 1))
    }
    if query:
        asked = {s for s, content in stems(query) if content}
        for k in weights:
            if asked & set(k.removeprefix("1:").split()):
                weights[k] *= 1.0 + settings.query_weight
    if known:
        told = set().union(*(concepts(t) for t in known))
        for k in told & weights.keys():
            weights[k] *= settings.update_discount
    return weights


def _importance(candidates: Sequence[Candidate], settings: SummarizeSettings) -> dict[str, float]:
    """Concept → modelled probability of appearing in a human summary (:mod:`.importance`)."""
    keys, X = concept_features([c.text for c in candidates], [c.doc for c in candidates],
                               [c.position for c in candidates])
    p = importance(X, settings.importance_weights, settings.importance_bias)
    return dict(zip(keys, (p ** settings.importance_power).tolist()))


def centrality(candidates: Sequence[Candidate]) -> list[float]:
    """Mean TF-IDF cosine of each candidate to all the others, scaled so the most central is 1."""
    if len(candidates) < 2:
        return [1.0] * len(candidates)
    vectors = tfidf([c.text for c in candidates])
    sums = np.asarray(vectors @ vectors.sum(axis=0).T).ravel() - 1.0
    top = sums.max()
    return list(sums / top) if top > 0 else [1.0] * len(candidates)


def relevance(candidates: Sequence[Candidate], query: str) -> list[float]:
    """TF-IDF cosine of each candidate to the query (IDF fitted on both), scaled so the most
    relevant is 1; all 0 when no candidate shares a word with the query."""
    vectors = tfidf([c.text for c in candidates] + [query])
    scores = np.asarray((vectors[: len(candidates)] @ vectors[len(candidates)].T).todense()).ravel()
    top = scores.max() if len(scores) else 0.0
    return list(scores / top) if top > 0 else [0.0] * len(candidates)


def _priors(candidates: Sequence[Candidate], settings: SummarizeSettings, query: str | None = None) -> list[float]:
    central = centrality(candidates) if settings.centrality_weight else [0.0] * len(candidates)
    asked = (relevance(candidates, query) if query and settings.query_similarity_weight and candidates
             else [0.0] * len(candidates))
    return [
        c.prior * (1.0 + settings.position_weight / (1.0 + c.position)) * (1.0 + settings.centrality_weight * k)
        * (1.0 + settings.query_similarity_weight * q)
        for c, k, q in zip(candidates, central, asked)
    ]


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def select(
    candidates: Sequence[Candidate], words: int, settings: SummarizeSettings | None = None,
    query: str | None = None, known: Sequence[str] = (), fill: bool = False, first: Sequence[int] = (),
    vectors: np.ndarray | None = None,
) -> list[int]:
    """Indices of the chosen candidates, most valuable first, within ``words`` words.

    Args:
        candidates: the sentences to choose from.
        words: the word budget.
        settings: weights and filters (``SummarizeSettings()`` by default).
        query: an optional topic statement; concepts it mentions weigh more.
        known: texts of an earlier summary; what they told weighs less (update summaries).
        fill: when nothing fits any more, add the overflowing sentence whose first words, those
            that survive the cut at the word limit, add the most (for evaluations that truncate
            at the word limit); never used for dossiers.
        first: candidates to take before the greedy choice, in this order, each when it is
            eligible, not redundant with one taken already, and fits in the budget (dossiers: the
            best-corroborated facts).
        vectors: unit sentence vectors of the candidates (dossiers); a candidate whose cosine
            with a chosen one reaches ``dense_redundancy`` is redundant too.
    """
    settings = settings or SummarizeSettings()
    weights = concept_weights(candidates, settings, query, known)
    told = [concepts(t) for t in known]
    bags = [concepts(c.text) & weights.keys() for c in candidates]
    pool = [i for i, c in enumerate(candidates) if eligible(c, settings) and bags[i]
            and not any(_jaccard(bags[i], t) > settings.redundancy for t in told)]
    priors = _priors(candidates, settings, query)
    terms = _coverage_terms(candidates, settings, words)
    total = sum(weights.values()) or 1.0
    state = _Chosen(candidates, bags, pool, [t for _, t in terms], settings, vectors)
    for best in first:
        if best in state.pool and candidates[best].length <= words - state.used:
            state.take(best)
    while state.pool:
        pool = state.pool
        gains = [sum(weights[k] for k in bags[i] - state.covered) / total for i in pool]
        for weight, term in terms:
            gains = [g + weight * h for g, h in zip(gains, term.gains(pool))]
        values = [g * priors[i] / candidates[i].length ** settings.length_power for g, i in zip(gains, pool)]
        best, overflow = _best(candidates, pool, values, words - state.used)
        if best is None or (overflow and not fill):
            break
        if overflow:
            worth = [i for v, i in zip(values, pool) if v > 0]
            best = _best_cut(state, worth, weights, total, terms, priors, words - state.used)
        state.take(best)
        if overflow or state.used >= words:
            break
    return state.chosen


def _coverage_terms(candidates: Sequence[Candidate], settings: SummarizeSettings,
                    words: int) -> list[tuple[float, _SimilarityCoverage | _WordCoverage]]:
    """The optional coverage terms added to the concept gain, with their weights."""
    terms: list[tuple[float, _SimilarityCoverage | _WordCoverage]] = []
    if settings.similarity_weight:
        terms.append((settings.similarity_weight, _SimilarityCoverage(candidates, settings.similarity_alpha)))
    if settings.word_coverage_weight and candidates:
        terms.append((settings.word_coverage_weight, _WordCoverage(candidates, words * settings.word_share_scale)))
    return terms


class _Chosen:
    """The sentences chosen so far, the concepts they cover and the candidates still open."""

    def __init__(self, candidates: Sequence[Candidate], bags: list[set[str]], pool: list[int],
                 terms: list[_SimilarityCoverage | _WordCoverage], settings: SummarizeSettings,
                 vectors: np.ndarray | None = None) -> None:
        self.candidates, self.bags, self.pool, self.terms, self.settings = candidates, bags, pool, terms, settings
        self.vectors = vectors
        self.chosen: list[int] = []
        self.covered: set[str] = set()
        self.used = 0

    def take(self, best: int) -> None:
        """Choose ``best``: its concepts are covered and candidates redundant with it close."""
        self.chosen.append(best)
        self.covered |= self.bags[best]
        for term in self.terms:
            term.add(best)
        self.used += self.candidates[best].length
        close = (self.vectors @ self.vectors[best] >= self.settings.dense_redundancy if self.vectors is not None
                 else np.zeros(len(self.candidates), dtype=bool))
        self.pool = [i for i in self.pool if i != best and not close[i]
                     and not _redundant(self.candidates, self.bags, i, best, self.settings)]


def _redundant(candidates: Sequence[Candidate], bags: list[set[str]], i: int, j: int,
               settings: SummarizeSettings) -> bool:
    """Too close to a chosen sentence; closer still is enough when both are in one claim group."""
    same_group = candidates[i].group is not None and candidates[i].group == candidates[j].group
    limit = settings.group_redundancy if same_group else settings.redundancy
    return _jaccard(bags[i], bags[j]) > limit


def _best(candidates: Sequence[Candidate], pool: list[int], values: list[float], room: int) -> tuple[int | None, bool]:
    """The candidate of highest value that fits in ``room`` words, else (overflow) of highest value."""
    fits = [(v, i) for v, i in zip(values, pool) if v > 0 and candidates[i].length <= room]
    if fits:
        return max(fits, key=lambda x: x[0])[1], False
    over = [(v, i) for v, i in zip(values, pool) if v > 0]
    return (max(over, key=lambda x: x[0])[1], True) if over else (None, False)


def _best_cut(state: _Chosen, pool: list[int], weights: dict[str, float], total: float,
              terms: list[tuple[float, _SimilarityCoverage | _WordCoverage]], priors: list[float], room: int) -> int:
    """The overflowing candidate whose first ``room`` words (what survives the cut at the word
    limit) add the most: its value is what those words cover, not what the whole sentence would."""
    def value(i: int) -> float:
        cut = " ".join(state.candidates[i].text.split()[:room])
        gain = sum(weights[k] for k in (concepts(cut) & weights.keys()) - state.covered) / total
        gain += sum(weight * term.gain_of(i, cut) for weight, term in terms)
        return gain * priors[i]

    return max(pool, key=value)


class _SimilarityCoverage:
    """Lin & Bilmes' saturated coverage ``Σ_i min(C_i(S), α C_i(V))`` over TF-IDF cosines, as a
    share of its maximum: how much of the whole cluster the summary resembles."""

    def __init__(self, candidates: Sequence[Candidate], alpha: float) -> None:
        self.words = [c.text for c in candidates]
        vectors = tfidf(self.words)
        self.sims = (vectors @ vectors.T).toarray()
        self.cap = alpha / len(candidates) * self.sims.sum(axis=1)
        self.cover = np.zeros(len(candidates))
        self.total = self.cap.sum() or 1.0

    def gains(self, pool: list[int]) -> list[float]:
        base = np.minimum(self.cover, self.cap).sum()
        after = np.minimum(self.cover[:, None] + self.sims[:, pool], self.cap[:, None]).sum(axis=0)
        return list((after - base) / self.total)

    def gain_of(self, i: int, cut: str) -> float:
        """The gain of the first words ``cut`` of candidate ``i``: its whole gain pro rata."""
        return self.gains([i])[0] * len(cut.split()) / max(len(self.words[i].split()), 1)

    def add(self, i: int) -> None:
        self.cover += self.sims[:, i]


class _WordCoverage:
    """Clipped word coverage ``Σ_w min(count_S(w), L · p(w))`` as a share of ``L``, ``p(w)`` being
    the share of the cluster's words that are ``w`` (stemmed, stopwords included) and ``L`` the
    word budget: a summary earns each word up to the count the cluster's own word distribution
    gives it at that length, and no more. Repeating a word past its share earns nothing, as in
    ROUGE-1's clipped counts (the idea of KL-Sum, Haghighi & Vanderwende 2009, in the saturated
    form of Lin & Bilmes 2011)."""

    def __init__(self, candidates: Sequence[Candidate], length: float) -> None:
        from scipy.sparse import csr_matrix

        vocabulary: dict[str, int] = {}
        rows, cols = [], []
        for i, c in enumerate(candidates):
            for s, _ in stems(c.text):
                rows.append(i)
                cols.append(vocabulary.setdefault(s, len(vocabulary)))
        counts = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(candidates), max(len(vocabulary), 1)))
        counts.sum_duplicates()
        self.counts = counts
        self.owner = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
        totals = np.asarray(counts.sum(axis=0)).ravel()
        self.cap = length * totals / max(totals.sum(), 1.0)
        self.cover = np.zeros(counts.shape[1])
        self.length = max(length, 1.0)
        self.vocabulary = vocabulary

    def gains(self, pool: list[int]) -> list[float]:
        cols, cover, cap = self.counts.indices, self.cover, self.cap
        gained = np.minimum(cover[cols] + self.counts.data, cap[cols]) - np.minimum(cover[cols], cap[cols])
        per_row = np.bincount(self.owner, weights=gained, minlength=self.counts.shape[0])
        return list(per_row[pool] / self.length)

    def gain_of(self, i: int, cut: str) -> float:
        """The gain of ``cut``, the first words of candidate ``i``."""
        found = Counter(self.vocabulary[s] for s, _ in stems(cut) if s in self.vocabulary)
        cols = np.fromiter(found.keys(), dtype=int, count=len(found))
        counts = np.fromiter(found.values(), dtype=float, count=len(found))
        cover, cap = self.cover[cols], self.cap[cols]
        return float((np.minimum(cover + counts, cap) - np.minimum(cover, cap)).sum() / self.length)

    def add(self, i: int) -> None:
        row = self.counts[i]
        self.cover[row.indices] += row.data
