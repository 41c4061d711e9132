"""DUC summary evaluation: ROUGE-1/2 recall of crosswire's selector and of four baselines.

Reads the JSONL of ``../shared/eval/duc`` (``{id, query, docs, refs}``). Every system sees the
same sentences: each document is unwrapped (DUC wire copy is hard-wrapped at ~70 columns, a
paragraph starts with an indented line or follows a blank one), cleaned with
:func:`crosswire.clean.clean_text` and split with :func:`crosswire.clean.split_sentences`.
Outputs are truncated to the word limit and scored with ``rouge-score`` (Porter stemming),
recall averaged over the reference summaries. Every system adds sentences until it reaches the
limit and is cut there (the DUC convention); the report says how many words each chose before
the cut, so a system that stopped short would show.

crosswire runs here as in the pipeline, with what DUC lacks left neutral: the same selector,
settings and compression, every chosen sentence checked against its own source sentence by the
support check (a failure is dropped and counted in the row's ``dropped``; deletion-only compression
never fails); but DUC has no claims and no alignment, so every candidate is one cleaned sentence
with the neutral prior 1 (no independent-support weight) and no claim group.

* ``duc2006.jsonl``: 250 words, generic (the query ignored) or, with ``query=True``, query-focused.
* ``duc2007_update.jsonl``: set A at 100 words; sets B and C as update summaries (what is new
  since the earlier sets), against their own references.

Concept importance (:mod:`crosswire.summarize.importance`) is learned from references, so it is
cross-fitted: with both files, DUC 2006 is scored with a model fitted on DUC 2007 (all 30 sets) and
DUC 2007 with a model fitted on DUC 2006 (all 50 sets; that fit is the shipped default); each run
names its model. One file alone is scored with the given settings.

Tuning split: the selector's settings (the query weights included) were tuned on DUC 2006 topics
D0601–D0625 and the update discount on DUC 2007 set B of topics D0703–D0721; the report gives
those and the held-out rest. DUC 2007 set A and set C tuned nothing.
"""

from __future__ import annotations

import dataclasses
import json
import re
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import ConfigError
from ..settings import SummarizeSettings
from ..summarize.baselines import BASELINES
from ..summarize.extractive import Candidate, compress, select

__all__ = [
    "DucSet", "candidates_of", "concept_labels", "evaluate_summaries", "fit_concept_model", "load_duc",
    "markdown_report", "supported", "unwrap",
]

TUNE_2006 = tuple(f"D06{n:02d}" for n in range(1, 26))
TUNE_2007_UPDATE = ("D0703", "D0706", "D0711", "D0716", "D0721")


@dataclass(frozen=True)
class DucSet:
    id: str
    query: str
    docs: tuple[str, ...]
    refs: tuple[str, ...]

    @property
    def topic(self) -> str:
        """``D0601`` of ``duc2006-D0601A``."""
        return re.search(r"D\d{4}", self.id).group(0)  # type: ignore[union-attr]

    @property
    def part(self) -> str:
        """The update set (``A``, ``B``, ``C``) of a DUC 2007 update id, else ``""``."""
        m = re.search(r"-([ABC])$", self.id)
        return m.group(1) if m else ""


def load_duc(path: str | Path) -> list[DucSet]:
    """The document sets of one DUC JSONL file."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"no DUC file at {path}")
    sets = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                sets.append(DucSet(r["id"], r.get("query") or "", tuple(r["docs"]), tuple(r["refs"])))
    return sets


def unwrap(doc: str) -> str:
    """Join hard-wrapped lines into paragraphs; TeX-style quotes become straight quotes.

    >>> unwrap("First line\\nwraps here.\\n\\tNew paragraph.")
    'First line wraps here.\\nNew paragraph.'
    """
    doc = doc.replace("``", '"').replace("''", '"')
    paragraphs: list[list[str]] = [[]]
    for line in doc.split("\n"):
        if not line.strip() or line[:1] in "\t " and paragraphs[-1]:
            paragraphs.append([])
        if line.strip():
            paragraphs[-1].append(line.strip())
    return "\n".join(" ".join(p) for p in paragraphs if p)


def candidates_of(docs: Sequence[str], compressed: bool = False) -> list[Candidate]:
    """One candidate per sentence of every document, split by crosswire's cleaner."""
    from ..clean import clean_text, split_sentences

    out = []
    for d, doc in enumerate(docs):
        text, _ = clean_text(unwrap(doc))
        for s in split_sentences(text, str(d)):
            sentence = text[s.start : s.end]
            out.append(Candidate(compress(sentence) if compressed else sentence, d, s.index))
    return out


def _chosen_words(candidates: Sequence[Candidate], chosen: Sequence[int]) -> int:
    """Words of the chosen sentences before the cut at the word limit (a system that stops short
    of the limit would be scored on fewer words than the others)."""
    return sum(candidates[i].length for i in chosen)


def _summary(candidates: Sequence[Candidate], chosen: Sequence[int], words: int) -> str:
    return " ".join(" ".join(candidates[i].text for i in chosen).split()[:words])


def supported(chosen: Sequence[int], cands: Sequence[Candidate], sources: Sequence[Candidate]) -> tuple[list[int], int]:
    """The chosen sentences that pass the support check against their own source sentence (as in
    the pipeline, where a sentence is checked against its cited span with the same layered check:
    lexical, then the learned scorer for what that rejects), and how many failed."""
    from ..summarize.support import layered_support

    check = layered_support()
    kept = [i for i in chosen if check(cands[i].text, [sources[i].text])]
    return kept, len(chosen) - len(kept)


@dataclass
class _Scorer:
    scorer: object = field(default=None)

    def __call__(self, summary: str, refs: Sequence[str]) -> tuple[float, float]:
        if self.scorer is None:
            from rouge_score import rouge_scorer

            self.scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
        scores = [self.scorer.score(ref, summary) for ref in refs]  # type: ignore[attr-defined]
        return (statistics.mean(s["rouge1"].recall for s in scores) * 100,
                statistics.mean(s["rouge2"].recall for s in scores) * 100)


System = Callable[[Sequence[Candidate], int, str | None], list[int]]


def _bind(baseline: Callable, settings: SummarizeSettings) -> System:
    return lambda c, w, q: baseline(c, w, settings, q)


def systems(settings: SummarizeSettings) -> dict[str, tuple[System, bool]]:
    """Name → (system, uses compressed sentences): the baselines and crosswire's selector."""
    out: dict[str, tuple[System, bool]] = {name: (_bind(f, settings), False) for name, f in BASELINES.items()}
    out["crosswire"] = (lambda c, w, q: select(c, w, settings, query=q, fill=True), settings.compress)
    return out


def _mean(rows: list[dict], system: str, ids: set[str] | None = None) -> tuple[float, float, int]:
    picked = [r for r in rows if r["system"] == system and (ids is None or r["id"] in ids)]
    if not picked:
        return 0.0, 0.0, 0
    return (statistics.mean(r["rouge_1"] for r in picked), statistics.mean(r["rouge_2"] for r in picked),
            len(picked))


def _run_sets(sets: Sequence[DucSet], words: int, settings: SummarizeSettings, use_query: bool,
              progress: Callable[[str], None]) -> list[dict]:
    score = _Scorer()
    rows = []
    for s in sets:
        plain, short = candidates_of(s.docs), candidates_of(s.docs, compressed=True)
        for name, (system, compressed) in systems(settings).items():
            cands = short if compressed else plain
            chosen = system(cands, words, s.query if use_query else None)
            chosen, dropped = supported(chosen, cands, plain) if name == "crosswire" else (chosen, 0)
            r1, r2 = score(_summary(cands, chosen, words), s.refs)
            rows.append({"id": s.id, "topic": s.topic, "system": name, "rouge_1": r1, "rouge_2": r2,
                         "dropped": dropped, "chosen_words": _chosen_words(cands, chosen)})
        progress(s.id)
    return rows


def _run_update(sets: Sequence[DucSet], words: int, settings: SummarizeSettings,
                progress: Callable[[str], None]) -> list[dict]:
    """Sets B and C: the generic systems on the new documents, and crosswire's update mode, which
    discounts what the earlier sets' documents already told."""
    from ..summarize.update import select_update

    score = _Scorer()
    by_topic: dict[str, dict[str, DucSet]] = {}
    for s in sets:
        by_topic.setdefault(s.topic, {})[s.part] = s
    rows = []
    for topic, parts in sorted(by_topic.items()):
        earlier: list[str] = []
        for part in ("A", "B", "C"):
            s = parts.get(part)
            if s is None:
                continue
            if part != "A":
                rows.extend(_run_sets([s], words, settings, False, lambda _: None))
                cands = candidates_of(s.docs, compressed=settings.compress)
                chosen = select_update(cands, earlier, words, settings, fill=True)
                chosen, dropped = supported(chosen, cands, candidates_of(s.docs))
                r1, r2 = score(_summary(cands, chosen, words), s.refs)
                rows.append({"id": s.id, "topic": topic, "system": "crosswire-update", "rouge_1": r1, "rouge_2": r2,
                             "dropped": dropped, "chosen_words": _chosen_words(cands, chosen)})
            earlier.extend(c.text for c in candidates_of(s.docs))
            progress(s.id)
    return rows


def concept_labels(sets: Sequence[DucSet], compressed: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows (:data:`crosswire.summarize.importance.FEATURES`) of every concept of every set,
    and its label: 1 when any reference summary of the set uses it. Each set is its own cluster
    (a DUC 2007 update set: its own documents only)."""
    from ..summarize.importance import concept_features
    from ..summarize.terms import concepts

    rows, labels = [], []
    for s in sets:
        cands = candidates_of(s.docs, compressed=compressed)
        keys, X = concept_features([c.text for c in cands], [c.doc for c in cands], [c.position for c in cands])
        told = set().union(*(concepts(r) for r in s.refs))
        rows.append(X)
        labels.append(np.array([k in told for k in keys], dtype=float))
    return np.vstack(rows), np.concatenate(labels)


def fit_concept_model(path: str | Path, settings: SummarizeSettings | None = None) -> SummarizeSettings:
    """``settings`` with concept-importance weights fitted on every set of one DUC file (the shipped
    defaults are this fit on ``duc2006.jsonl``)."""
    from ..summarize.importance import fit_importance

    settings = settings or SummarizeSettings()
    weights, bias = fit_importance(*concept_labels(load_duc(path), settings.compress))
    return dataclasses.replace(settings, importance_weights=weights, importance_bias=bias)


def _cross_fitted(files: list[Path], settings: SummarizeSettings) -> dict[Path, tuple[SummarizeSettings, str]]:
    """Per file, the settings it is scored with and where their concept model comes from: with both
    DUC files, each is scored with a model fitted on the other one (never on itself); alone, with
    the given settings."""
    if len(files) < 2 or not settings.importance_weights:
        return {f: (settings, "shipped settings (fitted on duc2006)") for f in files}
    return {f: (fit_concept_model(other, settings), f"fitted on {other.stem}")
            for f, other in zip(files, files[::-1])}


def evaluate_summaries(
    path: str | Path, words: int | None = None, query: bool = False, settings: SummarizeSettings | None = None,
    progress: Callable[[str], None] = lambda _: None, topics: int | None = None,
) -> dict:
    """ROUGE of every system on the DUC files under ``path`` (a ``duc`` folder or one of its files).

    ``topics`` keeps only the first that many topics of each file (for quick checks).

    Returns ``{"runs": [{"name", "words", "tuned_on", "rows": [...]}, ...]}``, one run per setting:
    DUC 2006 generic (and with the query when ``query``), DUC 2007 set A, update sets B and C.
    """
    settings = settings or SummarizeSettings()
    path = Path(path)
    files = [path] if path.is_file() else [path / "duc2006.jsonl", path / "duc2007_update.jsonl"]
    files = [f for f in files if f.is_file()]
    if not files:
        raise ConfigError(f"no DUC JSONL files at {path}")
    fitted = _cross_fitted(files, settings)
    runs = []
    for f in files:
        settings, model = fitted[f]
        progress(f"concept model {model}")
        sets = load_duc(f)
        if topics is not None:
            keep = sorted({s.topic for s in sets})[:topics]
            sets = [s for s in sets if s.topic in keep]
        if "update" not in f.name:
            n = words or 250
            runs.append({"name": f"{f.stem} generic", "words": n, "tuned_on": TUNE_2006, "concept_model": model,
                         "rows": _run_sets(sets, n, settings, False, progress)})
            if query:
                runs.append({"name": f"{f.stem} with query", "words": n, "tuned_on": TUNE_2006, "concept_model": model,
                             "rows": _run_sets(sets, n, settings, True, progress)})
            continue
        n = words or 100
        runs.append({"name": f"{f.stem} set A", "words": n, "tuned_on": (), "concept_model": model,
                     "rows": _run_sets([s for s in sets if s.part == "A"], n, settings, False, progress)})
        update = _run_update(sets, n, settings, progress)
        for part, tuned in (("B", TUNE_2007_UPDATE), ("C", ())):
            ids = {s.id for s in sets if s.part == part}
            runs.append({"name": f"{f.stem} set {part} (update)", "words": n, "tuned_on": tuned, "concept_model": model,
                         "rows": [r for r in update if r["id"] in ids]})
    return {"runs": runs}


def markdown_report(result: dict) -> str:
    """One table per run: ROUGE-1 / ROUGE-2 recall per system, on all sets, the tuning topics
    and the held-out ones, with the margin of crosswire over the best baseline."""
    lines = []
    for run in result["runs"]:
        rows = run["rows"]
        names = list(dict.fromkeys(r["system"] for r in rows))
        ids = {r["id"] for r in rows}
        tuned = {i for i in ids if any(t in i for t in run["tuned_on"])}
        subsets = [("all", ids)] + ([("tuning", tuned), ("held-out", ids - tuned)] if tuned else [])
        lines += [f"### {run['name']}, {run['words']} words", "",
                  *([f"Concept importance: {run['concept_model']}.", ""] if run.get("concept_model") else []),
                  "| system | " + " | ".join(f"{s} R-1 | {s} R-2" for s, _ in subsets) + " |",
                  "|---|" + "---:|---:|" * len(subsets)]
        for name in names:
            cells = []
            for _, subset in subsets:
                r1, r2, _ = _mean(rows, name, subset)
                cells += [f"{r1:.2f}", f"{r2:.2f}"]
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        dropped = sum(r.get("dropped", 0) for r in rows)
        lines += ["", _margin(rows, names, ids) + f" Sentences dropped by the support check: {dropped}.", "",
                  _budget(rows, names, run["words"]), ""]
    return "\n".join(lines)


def _budget(rows: list[dict], names: list[str], words: int) -> str:
    """How many words each system chose before the cut at ``words``: the least over the sets (all
    at or above ``words``: every system fills its budget) and the median."""
    cells = []
    for name in names:
        used = [r["chosen_words"] for r in rows if r["system"] == name and "chosen_words" in r]
        if used:
            cells.append(f"{name} {min(used)} / {statistics.median(used):g}")
    return f"Words chosen before the cut at {words} (least / median over the sets): " + ", ".join(cells) + "."


def _margin(rows: list[dict], names: list[str], ids: set[str]) -> str:
    baselines = [n for n in names if n in BASELINES]
    if not baselines:
        return ""
    best1 = max(_mean(rows, n, ids)[0] for n in baselines)
    best2 = max(_mean(rows, n, ids)[1] for n in baselines)
    ours = [n for n in names if n not in BASELINES]
    return "; ".join(
        f"{n} − best baseline: R-1 {_mean(rows, n, ids)[0] - best1:+.2f}, R-2 {_mean(rows, n, ids)[1] - best2:+.2f}"
        for n in ours
    ) + f" ({len(ids)} sets)."
