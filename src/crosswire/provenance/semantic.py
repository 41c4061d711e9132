"""Sentence-level reuse that lexical alignment misses: translations and close rewrites of one text.

Two outlets that translate one foreign-language statement independently share few word runs but
say the same thing sentence by sentence. For article pairs that share seeds, sentences are paired
when their MiniLM embeddings are close (``semantic_min_cosine``) *and* they share enough word
stems (``semantic_min_overlap``), which separates a translation of one text from an independent
report of the same fact. Consecutive sentence pairs are chained into one passage. With
``semantic=False`` no model is loaded and sentences are paired on stem overlap alone
(``lexical_min_overlap``).

The embedding model is loaded on first use and cached; :func:`set_embedder` replaces it (tests).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Sequence

import numpy as np

from ..model import Article, ReuseLink, Span
from ..settings import ProvenanceSettings
from ..textutil import words
from .passages import dice, direction, stem_set

Embedder = Callable[[list[str]], np.ndarray]

# Sentence ends the segmenter misses: "a Telegram post.The ministry" (no space after the stop).
_GLUED_END = re.compile(r"(?<=[a-z0-9][.!?])[\"”’]?(?=[A-Z“\"])|(?<=[.!?][\"”’])(?=[A-Z“\"])")

_embedder: Embedder | None = None


def set_embedder(embedder: Embedder | None) -> None:
    """Use ``embedder`` (texts → L2-normalised rows) instead of MiniLM; ``None`` restores MiniLM."""
    global _embedder
    _embedder = embedder


@functools.lru_cache(maxsize=1)
def _minilm():
    from ..embedding import load_encoder

    return load_encoder()


def embed(texts: list[str]) -> np.ndarray:
    """L2-normalised sentence embeddings (MiniLM unless :func:`set_embedder` was called)."""
    if _embedder is not None:
        return _embedder(texts)
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    return np.asarray(_minilm().encode(texts, batch_size=64, normalize_embeddings=True))


def units(article: Article, min_tokens: int) -> list[Span]:
    """The article's sentences, split again where a stop is glued to the next sentence, keeping
    those of at least ``min_tokens`` words."""
    spans = [s.span for s in article.sentences] or [Span(article.id, 0, len(article.text))]
    out = []
    for span in spans:
        text = article.text[span.start : span.end]
        cuts = [0] + [m.start() for m in _GLUED_END.finditer(text)] + [len(text)]
        for lo, hi in itertools.pairwise(cuts):
            piece = text[lo:hi]
            stripped = piece.strip()
            if len(words(stripped)) >= min_tokens:
                start = span.start + lo + (len(piece) - len(piece.lstrip()))
                out.append(Span(article.id, start, start + len(stripped)))
    return out


class SentenceTable:
    """Units, stem sets and (lazily) embeddings per article, computed once per run."""

    def __init__(self, settings: ProvenanceSettings) -> None:
        self.settings = settings
        self.units: dict[str, list[Span]] = {}
        self.stems: dict[str, list[frozenset[str]]] = {}
        self.numbers: dict[str, list[frozenset[str]]] = {}
        self.vectors: dict[str, np.ndarray] = {}

    def add(self, article: Article) -> None:
        if article.id not in self.units:
            spans = units(article, self.settings.passage_min_tokens)
            self.units[article.id] = spans
            self.stems[article.id] = [stem_set(article.text[s.start : s.end]) for s in spans]
            self.numbers[article.id] = [figures(article.text[s.start : s.end]) for s in spans]

    def embed_missing(self, articles: Sequence[Article]) -> None:
        """Embed, in one call, the units of those ``articles`` not embedded yet."""
        todo = [a for a in articles if a.id not in self.vectors]
        texts = [a.text[s.start : s.end] for a in todo for s in self.units[a.id]]
        vectors = embed(texts) if texts else np.zeros((0, 1), dtype=np.float32)
        row = 0
        for a in todo:
            n = len(self.units[a.id])
            self.vectors[a.id] = vectors[row : row + n]
            row += n


def _covered(span: Span, covered: Sequence[Span]) -> bool:
    """Whether half or more of ``span`` is inside spans already linked."""
    inside = sum(max(0, min(span.end, c.end) - max(span.start, c.start)) for c in covered)
    return inside * 2 >= len(span)


_FIGURE = re.compile(r"\d(?:[\d,.]*\d)?")


def figures(text: str) -> frozenset[str]:
    """The figures a sentence gives, thousands separators dropped ("1,100" → "1100")."""
    return frozenset(m.group().replace(",", "") for m in _FIGURE.finditer(text))


def figures_differ(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two sentences give different figures: each has one the other lacks ("killing 213
    people" / "killed 248 people"). A relay that adds a figure ("…, police said on June 5") does not."""
    return bool(a - b) and bool(b - a)


def sentence_pairs(a: Article, b: Article, table: SentenceTable) -> list[tuple[int, int, float]]:
    """``(unit of a, unit of b, score)`` for the sentence pairs that are one text: alike in meaning
    and words, and not giving different figures (two tolls worded alike are two reports, and
    linking them would make their outlets one origin)."""
    s = table.settings
    sa, sb = table.stems[a.id], table.stems[b.id]
    na, nb = table.numbers[a.id], table.numbers[b.id]
    if not sa or not sb:
        return []
    if s.semantic:
        cos = table.vectors[a.id] @ table.vectors[b.id].T
        cand = np.argwhere(cos >= s.semantic_min_cosine)
        return [(int(i), int(j), float(cos[i, j])) for i, j in cand
                if dice(sa[i], sb[j]) >= s.semantic_min_overlap and not figures_differ(na[i], nb[j])]
    return [
        (i, j, o) for i in range(len(sa)) for j in range(len(sb))
        if (o := dice(sa[i], sb[j])) >= s.lexical_min_overlap and not figures_differ(na[i], nb[j])
    ]


def _chain(pairs: list[tuple[int, int, float]]) -> list[list[tuple[int, int, float]]]:
    """Runs of pairs ``(i, j), (i + 1, j + 1) …``: a passage of consecutive sentences."""
    runs: list[list[tuple[int, int, float]]] = []
    for p in sorted(pairs):
        run = next((r for r in runs if r[-1][0] == p[0] - 1 and r[-1][1] == p[1] - 1), None)
        if run is None:
            runs.append([p])
        else:
            run.append(p)
    return runs


def semantic_links(
    pairs: Sequence[tuple[Article, Article]],
    table: SentenceTable,
    lexical: Sequence[ReuseLink],
) -> list[ReuseLink]:
    """Sentence-level links for article pairs, leaving out sentences lexical links already cover."""
    for a, b in pairs:
        table.add(a)
        table.add(b)
    if table.settings.semantic:
        table.embed_missing(list({a.id: a for pair in pairs for a in pair}.values()))
    covered: dict[tuple[str, str], list[Span]] = {}
    for link in lexical:
        covered.setdefault((link.a.article_id, link.b.article_id), []).append(link.a)
        covered.setdefault((link.b.article_id, link.a.article_id), []).append(link.b)
    links = []
    for a, b in pairs:
        ua, ub = table.units[a.id], table.units[b.id]
        ca, cb = covered.get((a.id, b.id), []), covered.get((b.id, a.id), [])
        found = [(i, j, sc) for i, j, sc in sentence_pairs(a, b, table)
                 if not (_covered(ua[i], ca) and _covered(ub[j], cb))]
        for run in _chain(found):
            span_a = Span(a.id, ua[run[0][0]].start, ua[run[-1][0]].end)
            span_b = Span(b.id, ub[run[0][1]].start, ub[run[-1][1]].end)
            score = round(sum(p[2] for p in run) / len(run), 4)
            links.append(ReuseLink("passage", span_a, span_b, score, direction(a.published, b.published)))
    return links
