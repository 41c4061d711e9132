"""The extractive selector: sentences that cover the concepts many documents share.

Works on plain candidates (a sentence's text, which document it comes from, its position), so
the same code summarises a crosswire story and a DUC document set.

1. Concepts (:func:`~crosswire.summarize.terms.concepts`) are weighted by how many documents
   contain them (document frequency across the cluster; Gillick & Favre's ICSI concepts),
   kept from ``min_df`` documents up; unigram concepts count ``unigram_weight`` as much.
   A query, when given, raises the weight of concepts whose words it uses; concepts already
   told in an earlier summary (update mode) are discounted.
2. Each candidate's value is the weight of the concepts it adds that the summary does not
   cover yet, times its prior (support, position), over its length to the power ``length_power``
   (the cost-scaled greedy of Lin & Bilmes 2010).
3. Greedy under the word budget; the coverage gain already penalises redundancy, and a candidate
   too close to a chosen one (concept Jaccard) or from a claim group already used is skipped.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..settings import SummarizeSettings
import numpy as np

from .terms import concepts, stems, tfidf

__all__ = ["Candidate", "compress", "concept_weights", "eligible", "select"]


@dataclass(frozen=True)
class Candidate:
    """One sentence that may go into a summary.

    Attributes:
        text: the sentence (possibly compressed) as it would appear in the summary.
        doc: index of the document (article) it comes from.
        position: its index among the document's sentences (0 = lead).
        prior: an outside weight, e.g. from independent support (1 = neutral).
        group: a key shared by candidates that state the same thing (a claim group); at most
            one candidate per group is chosen.
    """

    text: str
    doc: int
    position: int
    prior: float = 1.0
    group: str | None = None

    @property
    def length(self) -> int:
        return len(self.text.split())


_OPENERS = re.compile(r"^(?:and|but|so|also|however|meanwhile|still|yet|in addition|moreover|besides)\s*,?\s+",
                      re.I)
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,}(?:\([A-Za-z ]+\))?\s*(?:_|--|—|-)\s+")
_PARENTHESES = re.compile(r"\s*\([^()]{0,80}\)")


def compress(text: str) -> str:
    """A light compression that only deletes words: a leading dateline ("PARIS (AP) --"),
    a leading connective ("But", "However,") and short parentheses.

    >>> compress("BEIRUT (AP) -- But the rebels (mostly local) took the city.")
    'The rebels took the city.'
    """
    out = _DATELINE.sub("", text.strip())
    out = _PARENTHESES.sub("", out)
    stripped = _OPENERS.sub("", out)
    if stripped != out and stripped:
        out = stripped[0].upper() + stripped[1:]
    return out.strip()


def eligible(candidate: Candidate, settings: SummarizeSettings) -> bool:
    """Whether a sentence may be a summary sentence: long enough to say something, not a run-on,
    not a question, and not mostly a quotation (quotes are attributed evidence, not narrative)."""
    text = candidate.text
    n = candidate.length
    if n < settings.min_sentence_words or n > settings.max_sentence_words:
        return False
    if text.rstrip().endswith("?") or text[:1] in "\"“‘'`":
        return False
    quoted = sum(len(m.group(0).split()) for m in re.finditer(r"[\"“][^\"”]*[\"”]|``.*?''", text))
    return quoted <= settings.max_quoted_share * n


def concept_weights(
    candidates: Sequence[Candidate], settings: SummarizeSettings, query: str | None = None,
    known: Sequence[str] = (),
) -> dict[str, float]:
    """Concept → weight: document frequency (from ``min_df`` documents), query boost, update discount."""
    per_doc: dict[int, set[str]] = {}
    for c in candidates:
        per_doc.setdefault(c.doc, set()).update(concepts(c.text))
    df = Counter(k for found in per_doc.values() for k in found)
    min_df = max(settings.min_df, math.ceil(settings.min_df_share * len(per_doc)))
    weights = {
        k: n * (settings.unigram_weight if k.startswith("1:") else 1.0)
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


def centrality(candidates: Sequence[Candidate]) -> list[float]:
    """Mean TF-IDF cosine of each candidate to all the others, scaled so the most central is 1."""
    if len(candidates) < 2:
        return [1.0] * len(candidates)
    vectors = tfidf([c.text for c in candidates])
    sums = np.asarray((vectors @ vectors.sum(axis=0).T)).ravel() - 1.0
    top = sums.max()
    return list(sums / top) if top > 0 else [1.0] * len(candidates)


def _priors(candidates: Sequence[Candidate], settings: SummarizeSettings) -> list[float]:
    central = centrality(candidates) if settings.centrality_weight else [0.0] * len(candidates)
    return [
        c.prior * (1.0 + settings.position_weight / (1.0 + c.position)) * (1.0 + settings.centrality_weight * k)
        for c, k in zip(candidates, central)
    ]


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def select(
    candidates: Sequence[Candidate], words: int, settings: SummarizeSettings | None = None,
    query: str | None = None, known: Sequence[str] = (), fill: bool = False,
) -> list[int]:
    """Indices of the chosen candidates, most valuable first, within ``words`` words.

    Args:
        candidates: the sentences to choose from.
        words: the word budget.
        settings: weights and filters (``SummarizeSettings()`` by default).
        query: an optional topic statement; concepts it mentions weigh more.
        known: texts of an earlier summary; what they told weighs less (update summaries).
        fill: when nothing fits any more, add the best sentence that overflows the budget (for
            evaluations that truncate at the word limit); never used for dossiers.
    """
    settings = settings or SummarizeSettings()
    weights = concept_weights(candidates, settings, query, known)
    told = [concepts(t) for t in known]
    bags = [concepts(c.text) & weights.keys() for c in candidates]
    pool = [i for i, c in enumerate(candidates) if eligible(c, settings) and bags[i]
            and not any(_jaccard(bags[i], t) > settings.redundancy for t in told)]
    priors = _priors(candidates, settings)
    covered: set[str] = set()
    chosen: list[int] = []
    groups: set[str] = set()
    used = 0
    while pool:
        best, best_value, overflow = _best(candidates, bags, weights, priors, pool, covered, words - used, settings)
        if best is None or (overflow and not fill):
            break
        chosen.append(best)
        covered |= bags[best]
        used += candidates[best].length
        if candidates[best].group:
            groups.add(candidates[best].group)
        pool = [i for i in pool if i != best and (candidates[i].group is None or candidates[i].group not in groups)
                and _jaccard(bags[i], bags[best]) <= settings.redundancy]
        if overflow or used >= words:
            break
    return chosen


def _best(candidates, bags, weights, priors, pool, covered, room, settings):
    """The candidate of highest value that fits in ``room`` words, else (overflow) of highest value."""
    best = (None, 0.0)
    best_over = (None, 0.0)
    for i in pool:
        gain = sum(weights[k] for k in bags[i] - covered)
        if gain <= 0:
            continue
        n = candidates[i].length
        value = gain * priors[i] / n ** settings.length_power
        if n <= room:
            if value > best[1]:
                best = (i, value)
        elif value > best_over[1]:
            best_over = (i, value)
    if best[0] is not None:
        return best[0], best[1], False
    return best_over[0], best_over[1], best_over[0] is not None
