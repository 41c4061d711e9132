"""Lexical passage alignment: seed, chain, extend, score.

Text reuse detection in the manner of BLAST and of newspaper text-reuse work (passim):

1. **Seeds**: every run of ``seed_size`` word stems (first five letters of each lower-cased word,
   so inflection, re-punctuation and case do not matter) is hashed; two articles share a seed where
   the hashes agree.
2. **Chains**: shared seeds are chained along a diagonal, tolerating up to ``passage_gap`` tokens
   without a seed (an inserted word, a changed word, an OCR error breaks ``seed_size`` seeds).
3. **Extension**: a chain grows token by token at both ends while the tokens still agree, exactly
   or nearly (character similarity ≥ 0.8 for an OCR-like slip), so passages are aligned end to end.
4. **Score**: ``2 × matched / (tokens in A + tokens in B)`` by a token-level diff of the two spans.

A passage is kept when both sides have at least ``passage_min_tokens`` tokens and the score is at
least ``passage_min_score``. Works inside otherwise different articles: only the shared stretch
is reported, with character spans on both sides.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..model import Article, ReuseLink, Span
from ..settings import ProvenanceSettings
from ..textutil import STOPWORDS, content_words, word_spans
from .minhash import rolling_shingles, token_hashes

_MAX_SEED_REPEATS = 8
"""A seed repeated more often than this inside one article (a refrain, a table) seeds nothing."""


def stem(word: str) -> str:
    """A crude, language-agnostic stem: the first five characters ("negotiations" → "negot")."""
    return word[:5]


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """The overlap coefficient ``|A ∩ B| / min(|A|, |B|)`` (0 when either is empty)."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """The Dice coefficient ``2 |A ∩ B| / (|A| + |B|)`` (0 when either is empty): unlike the overlap
    coefficient, a short sentence does not match a long one by sharing its few words."""
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def stem_set(text: str) -> frozenset[str]:
    """The stems of the content words of ``text``."""
    return frozenset(stem(w) for w in content_words(text))


@dataclass(frozen=True)
class Tokens:
    """An article as word stems with character offsets, and the hashes of its seeds."""

    article_id: str
    stems: tuple[str, ...]
    starts: np.ndarray
    ends: np.ndarray
    seeds: np.ndarray
    """``seeds[i]`` hashes the stems ``i .. i + seed_size - 1``."""
    content: np.ndarray
    """``content[i]``: whether seed ``i`` holds at least two content words."""

    def span(self, i: int, j: int) -> Span:
        """The character span of tokens ``i .. j - 1``."""
        return Span(self.article_id, int(self.starts[i]), int(self.ends[j - 1]))


def tokenize(article: Article, seed_size: int) -> Tokens:
    """Stems, offsets and seed hashes of an article's cleaned text."""
    spans = word_spans(article.text)
    stems = tuple(stem(w) for w, _, _ in spans)
    is_content = np.fromiter((w not in STOPWORDS for w, _, _ in spans), dtype=np.int8, count=len(spans))
    seeds = rolling_shingles(token_hashes(stems), seed_size) if len(stems) >= seed_size else np.empty(0, np.uint64)
    content = np.convolve(is_content, np.ones(seed_size, dtype=np.int8), "valid") >= 2 if len(seeds) else \
        np.empty(0, bool)
    return Tokens(
        article.id, stems,
        np.fromiter((s for _, s, _ in spans), dtype=np.int64, count=len(spans)),
        np.fromiter((e for _, _, e in spans), dtype=np.int64, count=len(spans)),
        seeds, content,
    )


def content_seeds(tokens: Tokens) -> np.ndarray:
    """Sorted distinct hashes of the seeds with ≥ 2 content words: what the index keeps."""
    return np.unique(tokens.seeds[tokens.content])


def seed_matches(a: Tokens, b: Tokens) -> list[tuple[int, int]]:
    """``(i, j)`` for every seed at token ``i`` of ``a`` equal to the seed at token ``j`` of ``b``."""
    common = np.intersect1d(a.seeds, b.seeds)
    if not len(common):
        return []
    positions: dict[int, list[int]] = defaultdict(list)
    for j in np.flatnonzero(np.isin(b.seeds, common)).tolist():
        positions[int(b.seeds[j])].append(j)
    matches = []
    for i in np.flatnonzero(np.isin(a.seeds, common)).tolist():
        js = positions[int(a.seeds[i])]
        if len(js) <= _MAX_SEED_REPEATS:
            matches.extend((i, j) for j in js)
    return matches


def chain_seeds(matches: list[tuple[int, int]], seed_size: int, gap: int) -> list[list[int]]:
    """Chains ``[i0, j0, i1, j1]`` (token ranges, end exclusive) of seeds along near diagonals.

    A seed joins the chain whose last seed lies before it on both sides, at most
    ``seed_size + gap`` tokens back, with the smallest change of diagonal (at most ``gap``).
    """
    done: list[list[int]] = []
    active: list[list[int]] = []  # [i0, j0, last i, last j]
    reach = seed_size + gap
    for i, j in sorted(matches):
        done.extend(c for c in active if i - c[2] > reach)
        active = [c for c in active if i - c[2] <= reach]
        best, best_drift = None, gap + 1
        for c in active:
            di, dj = i - c[2], j - c[3]
            if 0 < di <= reach and 0 < dj <= reach and abs(di - dj) < best_drift:
                best, best_drift = c, abs(di - dj)
        if best is None:
            active.append([i, j, i, j])
        else:
            best[2], best[3] = i, j
    return [[c[0], c[1], c[2] + seed_size, c[3] + seed_size] for c in done + active]


def similar(x: str, y: str) -> bool:
    """Equal stems, or nearly equal ones (an OCR-like slip in a word of ≥ 4 letters)."""
    if x == y:
        return True
    if min(len(x), len(y)) < 4:
        return False
    return difflib.SequenceMatcher(None, x, y).ratio() >= 0.8


def extend(a: Tokens, b: Tokens, chain: list[int]) -> list[int]:
    """Grow a chain at both ends while the next tokens on both sides agree."""
    i0, j0, i1, j1 = chain
    while i0 > 0 and j0 > 0 and similar(a.stems[i0 - 1], b.stems[j0 - 1]):
        i0, j0 = i0 - 1, j0 - 1
    while i1 < len(a.stems) and j1 < len(b.stems) and similar(a.stems[i1], b.stems[j1]):
        i1, j1 = i1 + 1, j1 + 1
    return [i0, j0, i1, j1]


def score(a: Tokens, b: Tokens, chain: list[int]) -> float:
    """``2 × matched / (len A + len B)`` over the tokens of the two sides of a chain."""
    i0, j0, i1, j1 = chain
    sm = difflib.SequenceMatcher(None, a.stems[i0:i1], b.stems[j0:j1], autojunk=False)
    matched = sum(block.size for block in sm.get_matching_blocks())
    return 2.0 * matched / ((i1 - i0) + (j1 - j0))


def _drop_overlapping(chains: list[list[int]]) -> list[list[int]]:
    """Keep the longest of chains that overlap on either side (a repeated phrase seeds twice)."""
    kept: list[list[int]] = []
    for c in sorted(chains, key=lambda c: -(c[2] - c[0] + c[3] - c[1])):
        if all(c[2] <= k[0] or k[2] <= c[0] for k in kept) and all(c[3] <= k[1] or k[3] <= c[1] for k in kept):
            kept.append(c)
    return sorted(kept)


def _merge_neighbours(a: Tokens, b: Tokens, chains: list[list[int]], settings: ProvenanceSettings) -> list[list[int]]:
    """Join consecutive chains separated by at most ``2 × passage_gap`` tokens on both sides (a
    rewritten clause inside one relayed passage) when the joined passage still scores enough."""
    merged: list[list[int]] = []
    limit = 2 * settings.passage_gap
    for c in chains:
        if merged:
            last = merged[-1]
            if 0 <= c[0] - last[2] <= limit and 0 <= c[1] - last[3] <= limit:
                joined = [last[0], last[1], c[2], c[3]]
                if score(a, b, joined) >= settings.passage_min_score:
                    merged[-1] = joined
                    continue
        merged.append(c)
    return merged


def align_pair(a: Tokens, b: Tokens, settings: ProvenanceSettings) -> list[tuple[Span, Span, float]]:
    """Passages shared by two articles: ``(span in a, span in b, score)``, in the order of ``a``."""
    matches = seed_matches(a, b)
    if not matches:
        return []
    chains = [extend(a, b, c) for c in chain_seeds(matches, settings.seed_size, settings.passage_gap)]
    out = []
    for c in _merge_neighbours(a, b, _drop_overlapping(chains), settings):
        if min(c[2] - c[0], c[3] - c[1]) < settings.passage_min_tokens:
            continue
        s = score(a, b, c)
        if s >= settings.passage_min_score:
            out.append((a.span(c[0], c[2]), b.span(c[1], c[3]), round(s, 4)))
    return out


def direction(a_published, b_published) -> str:
    """``a_to_b`` when ``a`` was published first, ``b_to_a`` when ``b`` was, else ``unknown``."""
    if a_published and b_published and a_published != b_published:
        return "a_to_b" if a_published < b_published else "b_to_a"
    return "unknown"


def cached_tokens(article: Article, cache: dict[str, Tokens], settings: ProvenanceSettings) -> Tokens:
    """:func:`tokenize`, once per article id."""
    if article.id not in cache:
        cache[article.id] = tokenize(article, settings.seed_size)
    return cache[article.id]


def lexical_links(
    pairs: Sequence[tuple[Article, Article]], settings: ProvenanceSettings, tokens: dict[str, Tokens]
) -> list[ReuseLink]:
    """Aligned passages of every article pair; ``tokens`` caches :func:`tokenize` by article id."""
    links = []
    for a, b in pairs:
        ta, tb = cached_tokens(a, tokens, settings), cached_tokens(b, tokens, settings)
        for sa, sb, s in align_pair(ta, tb, settings):
            links.append(ReuseLink("passage", sa, sb, s, direction(a.published, b.published)))
    return links


def find_passage_links(articles: Sequence[Article], settings: ProvenanceSettings) -> list[ReuseLink]:
    """Lexical passage links between every pair of ``articles`` (all pairs; small batches)."""
    arts = list(articles)
    pairs = [(arts[i], arts[j]) for i in range(len(arts)) for j in range(i + 1, len(arts))]
    return lexical_links(pairs, settings, {})
