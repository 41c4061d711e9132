"""PolNeAR (Newell et al. 2018) attributions: loader and quote-extraction metrics.

Layout read (``polnear/{train,dev}``): ``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann`` in
brat standoff (``T`` lines ``Source|Cue|Content start end[;start end]``, ``E`` lines linking them).
When several annotators labelled one article, the first annotation file in name order is used.

An attribution is *direct* when its content, stripped of edge punctuation, opens with a quote mark
and closes with one, and no word stands outside the marks (fragments read together). Two straight
single marks count as one double mark (``''…''``, the style of the New York Times texts), and a single
mark between two letters is an apostrophe, not a mark (before #5 was closed, both were read as
marks, which left every ``''…''`` quote and every single-quoted one with an apostrophe out of the
direct set). Metrics (precision, recall, F1):

* **content**: predicted quote spans against gold content spans, one-to-one. *Exact* compares the
  spans after trimming quote marks, spaces and punctuation at both edges; *overlap* counts any shared
  character (pairs chosen greedily by the size of the overlap).
* **speaker**: a predicted quote scores when its content matches a gold one (overlap) *and* its
  speaker phrase matches the gold source (exact after trimming, or overlap). Precision is over
  predicted quotes with a speaker, recall over gold attributions with a source.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CrosswireError

QUOTE_MARKS = "\"'“”‘’„«»‚‹›"
_EDGE = QUOTE_MARKS + " \t\n.,;:!?—–-…()[]"
Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class GoldAttribution:
    id: str
    content: Spans
    source: Spans = ()
    cue: Spans = ()
    direct: bool = False


@dataclass(frozen=True)
class PolnearArticle:
    name: str
    split: str
    text: str
    published: dt.date | None
    attributions: tuple[GoldAttribution, ...]


@dataclass(frozen=True)
class Predicted:
    """One extracted quote for scoring: content span, speaker phrase span, kind."""

    content: tuple[int, int]
    speaker: tuple[int, int] | None
    kind: str = "direct"


def _spans(field_: str) -> Spans:
    out = []
    for part in field_.split(";"):
        start, end = part.split()[-2:]
        out.append((int(start), int(end)))
    return tuple(out)


def _read_ann(path: Path) -> dict[str, tuple[str, Spans]]:
    """``{T id: (type, spans)}`` and, under ``"E…"`` keys, the links as ``(role:Tid …)`` strings."""
    records: dict[str, tuple[str, Spans]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].startswith("T"):
            kind, _, rest = parts[1].partition(" ")
            records[parts[0]] = (kind, _spans(rest))
        elif len(parts) >= 2 and parts[0].startswith("E"):
            records[parts[0]] = (parts[1], ())
    return records


def is_direct(text: str, content: Spans) -> bool:
    """Does the gold content consist only of words in quote marks (fragments read together)?"""
    joined = " ".join(text[s:e] for s, e in content).strip().replace("''", '"').rstrip(".,;:!?— ")
    if len(joined) < 2 or joined[0] not in "\"“„«‘'" or joined[-1] not in "\"”“»’'":
        return False
    single = joined[0] in "‘'"
    marks = "‘’'" if single else "\"“”„«»"
    inside, outside_words = False, 0
    for k, ch in enumerate(joined):
        if single and 0 < k < len(joined) - 1 and joined[k - 1].isalnum() and joined[k + 1].isalnum():
            continue  # an apostrophe (don't), not a mark
        if ch in marks:
            inside = not inside
        elif not inside and ch.isalnum():
            outside_words += 1
    return outside_words == 0


def _attributions(text: str, records: dict[str, tuple[str, Spans]]) -> tuple[GoldAttribution, ...]:
    out = []
    for key, (links, _) in records.items():
        if not key.startswith("E"):
            continue
        roles: dict[str, Spans] = {}
        for link in links.split():
            role, _, target = link.partition(":")
            if target in records:
                roles[role] = roles.get(role, ()) + records[target][1]
        if "Content" not in roles:
            continue
        content = roles["Content"]
        out.append(GoldAttribution(key, content, roles.get("Source", ()), roles.get("Cue", ()),
                                   is_direct(text, content)))
    return tuple(sorted(out, key=lambda a: a.content))


def _published(name: str) -> dt.date | None:
    match = re.search(r"_(\d{4}-\d{2}-\d{2})_", name)
    return dt.date.fromisoformat(match.group(1)) if match else None


def load_polnear(root: Path | str, split: str = "dev", limit: int | None = None) -> list[PolnearArticle]:
    """Articles of one PolNeAR split with their gold attributions (``root`` is ``…/eval/polnear``).

    Raises:
        CrosswireError: when the split's folders are missing.
    """
    base = Path(root) / split
    if not (base / "text").is_dir() or not (base / "attributions").is_dir():
        raise CrosswireError(f"no PolNeAR split {split!r} under {root} (expected text/ and attributions/)")
    annotations: dict[str, Path] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        annotations.setdefault(re.sub(r"_[0-9a-f]+$", "", ann.stem), ann)
    articles = []
    for name in sorted(annotations)[:limit]:
        text_path = base / "text" / f"{name}.txt"
        if not text_path.exists():
            continue
        text = text_path.read_text(encoding="utf-8")
        gold = _attributions(text, _read_ann(annotations[name]))
        articles.append(PolnearArticle(name, split, text, _published(name), gold))
    return articles


def core(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A span without quote marks, spaces and punctuation at its edges."""
    start, end = span
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _hull(spans: Spans) -> tuple[int, int]:
    return min(s for s, _ in spans), max(e for _, e in spans)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


@dataclass
class PRF:
    """Counts for precision, recall and F1."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "predicted": self.predicted, "gold": self.gold}


@dataclass
class QuoteScores:
    """The six figures of one extractor on one subset (direct quotes, or all attributions)."""

    content_exact: PRF = field(default_factory=PRF)
    content_overlap: PRF = field(default_factory=PRF)
    speaker_exact: PRF = field(default_factory=PRF)
    speaker_overlap: PRF = field(default_factory=PRF)

    def add(self, other: QuoteScores) -> None:
        for name in ("content_exact", "content_overlap", "speaker_exact", "speaker_overlap"):
            getattr(self, name).add(getattr(other, name))

    def as_dict(self) -> dict[str, dict[str, float | int]]:
        return {name: getattr(self, name).as_dict()
                for name in ("content_exact", "content_overlap", "speaker_exact", "speaker_overlap")}


def _pairs(text: str, predicted: list[Predicted], gold: list[GoldAttribution]) -> list[tuple[int, int]]:
    """One-to-one (predicted index, gold index) pairs by content overlap, largest first."""
    candidates = []
    for i, p in enumerate(predicted):
        pc = core(text, p.content)
        for j, g in enumerate(gold):
            size = sum(_overlap(pc, core(text, frag)) for frag in g.content)
            if size > 0:
                candidates.append((size, i, j))
    used_p, used_g, pairs = set(), set(), []
    for _size, i, j in sorted(candidates, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def score_article(text: str, predicted: Iterable[Predicted], gold: Iterable[GoldAttribution]) -> QuoteScores:
    """Scores of one article's predictions against its gold attributions (already filtered by kind)."""
    predicted, gold = list(predicted), list(gold)
    scores = QuoteScores()
    n_speakers = sum(1 for p in predicted if p.speaker)
    n_sources = sum(1 for g in gold if g.source)
    for prf, n_pred, n_gold in ((scores.content_exact, len(predicted), len(gold)),
                                (scores.content_overlap, len(predicted), len(gold)),
                                (scores.speaker_exact, n_speakers, n_sources),
                                (scores.speaker_overlap, n_speakers, n_sources)):
        prf.predicted, prf.gold = n_pred, n_gold
    exact_gold = {core(text, _hull(g.content)) for g in gold}
    scores.content_exact.tp = len({core(text, p.content) for p in predicted} & exact_gold)
    for i, j in _pairs(text, predicted, gold):
        scores.content_overlap.tp += 1
        p, g = predicted[i], gold[j]
        if not (p.speaker and g.source):
            continue
        ps, gs = core(text, p.speaker), core(text, _hull(g.source))
        scores.speaker_exact.tp += ps == gs
        scores.speaker_overlap.tp += _overlap(ps, gs) > 0
    return scores


def evaluate(articles: Iterable[PolnearArticle], predict) -> dict[str, QuoteScores]:
    """Scores of ``predict(article) -> list[Predicted]`` over ``articles``: ``{"direct": …, "all": …}``.

    ``direct`` compares predicted direct quotes with gold direct attributions; ``all`` compares every
    prediction with every gold attribution.
    """
    totals = {"direct": QuoteScores(), "all": QuoteScores()}
    for article in articles:
        predicted = list(predict(article))
        totals["direct"].add(score_article(article.text, [p for p in predicted if p.kind == "direct"],
                                           [g for g in article.attributions if g.direct]))
        totals["all"].add(score_article(article.text, predicted, article.attributions))
    return totals



def crosswire_predictions(doc, settings) -> list[Predicted]:
    """crosswire's quotes of one parsed text as scored: the parts of a split or continued quote count
    as one, as PolNeAR annotates them; the speaker is the phrase as written (``speaker_mention``)."""
    from ..extract.quotes import find_quotes

    xs = settings.extract
    hulls: dict[str, list] = {}
    for q in find_quotes(doc, "eval", xs.min_quote_chars, xs.max_frame_tokens, xs.reported_speech,
                         xs.min_unattributed_words):
        key = q.part_of or q.id
        speaker = q.speaker_mention or q.speaker_span
        pair = (speaker.start, speaker.end) if speaker else None
        if key in hulls:
            hulls[key][0] = (hulls[key][0][0], max(hulls[key][0][1], q.span.end))
            hulls[key][1] = hulls[key][1] or pair
            continue
        hulls[key] = [(q.span.start, q.span.end), pair, q.kind]
    return [Predicted(*h) for h in hulls.values()]


def textacy_predictions(doc) -> list[Predicted]:
    """textacy's ``direct_quotations`` on the same parse, as :class:`Predicted` (the peer)."""
    from textacy.extract.triples import direct_quotations

    try:
        triples = list(direct_quotations(doc))
    except (ValueError, IndexError, AttributeError):  # textacy gives up on some unbalanced quote layouts
        return []
    out = []
    for t in triples:
        speaker = (t.speaker[0].idx, t.speaker[-1].idx + len(t.speaker[-1].text)) if t.speaker else None
        out.append(Predicted((t.content.start_char, t.content.end_char), speaker, "direct"))
    return out


def evaluate_quotes(root: Path | str, split: str = "dev", limit: int | None = None, settings=None,
                    peers: tuple[str, ...] = ()) -> dict:
    """Scores of crosswire (and of ``peers``, e.g. ``("textacy",)``) on one PolNeAR split, one parse.

    Returns ``{"articles": n, "median_ms_per_article": {...}, name: {"direct": …, "all": …}}``.
    """
    import statistics
    import time

    from ..extract.nlp import load_nlp
    from ..settings import Settings

    settings = settings or Settings()
    articles = load_polnear(root, split, limit)
    nlp = load_nlp(settings.extract.spacy_model)
    extractors = {"crosswire": lambda d: crosswire_predictions(d, settings)}
    if "textacy" in peers:
        extractors["textacy"] = textacy_predictions
    found: dict[str, dict[str, list[Predicted]]] = {name: {} for name in extractors}
    timings: dict[str, list[float]] = {name: [] for name in extractors}
    for article, doc in zip(articles, nlp.pipe([a.text for a in articles], batch_size=16)):
        for name, extract in extractors.items():
            t0 = time.perf_counter()
            found[name][article.name] = extract(doc)
            timings[name].append((time.perf_counter() - t0) * 1000)
    report: dict = {"articles": len(articles), "split": split}
    for name in extractors:
        scores = evaluate(articles, lambda a, n=name: found[n][a.name])
        report[name] = {subset: s.as_dict() for subset, s in scores.items()}
    report["median_ms_per_article"] = {n: round(statistics.median(t), 2) if t else 0.0 for n, t in timings.items()}
    return report
