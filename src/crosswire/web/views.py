"""View models of a dossier for the web pages: plain dicts the templates draw.

Nothing here decides what is true: these functions only arrange what the dossier says (a
matrix of claims by source, variants of one quote side by side, highlighted spans of an article).
"""

from __future__ import annotations

import difflib
import itertools
import re

PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#76b7b2", "#b8860b", "#9c755f")
"""Colours of origin families, shared by the provenance graph and the claim matrix."""

MIN_QUOTE_WORDS = 3
"""A quote of fewer distinct words is a variant of another only when both have the same words
(otherwise one shared word would join unrelated quotes)."""

_WORD = re.compile(r"\w+|[^\w\s]+|\s+")


def family_tags(dossier: dict) -> list[dict]:
    """Every origin family with a short tag (``F1`` …) and a colour."""
    return [
        {"id": f["id"], "tag": f"F{i + 1}", "colour": PALETTE[i % len(PALETTE)], "cls": f"fam-{i % len(PALETTE)}",
         "family": f}
        for i, f in enumerate(dossier["provenance"]["families"])
    ]


def family_of(span: dict, tags: list[dict]) -> dict | None:
    """The tagged family one of whose members overlaps ``span``, if any."""
    for tag in tags:
        for m in tag["family"]["members"]:
            if _overlaps(m, span):
                return tag
    return None


def _overlaps(a: dict, b: dict) -> bool:
    return a["article"] == b["article"] and a["start"] < b["end"] and b["start"] < a["end"]


def _contradictions(claim: dict, conflicts: list[dict]) -> dict[str, list[dict]]:
    """Spans of other articles that a conflict sets against this claim, by article."""
    against: dict[str, list[dict]] = {}
    for c in conflicts:
        for mine, theirs in ((c["a"], c["b"]), (c["b"], c["a"])):
            if any(_overlaps(mine, s) for s in claim["spans"]):
                against.setdefault(theirs["article"], []).append(theirs)
    return against


def claim_matrix(dossier: dict) -> dict:
    """Claims (rows, best supported first) by articles (columns).

    Returns:
        ``{"articles": [...], "rows": [{"claim", "cells": [cell | None]}]}``; a cell holds the
        claim's ``spans`` in that article, the origin ``family`` they belong to (if any), and the
        spans of that article that a conflict of the dossier sets against the claim (``against``).
    """
    tags = family_tags(dossier)
    articles = dossier["articles"]
    claims = sorted(dossier["claims"], key=lambda g: (-g["support"]["origins"], -g["support"]["outlets"], g["id"]))
    rows = []
    for claim in claims:
        by_article: dict[str, list[dict]] = {}
        for s in claim["spans"]:
            by_article.setdefault(s["article"], []).append(s)
        against = _contradictions(claim, dossier["conflicts"])
        cells = []
        for a in articles:
            spans, contra = by_article.get(a["id"], []), against.get(a["id"], [])
            family = family_of(spans[0], tags) if spans else None
            cells.append({"spans": spans, "family": family, "against": contra} if spans or contra else None)
        rows.append({"claim": claim, "cells": cells})
    return {"articles": articles, "rows": rows}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower())}


def overlap(a: str, b: str) -> float:
    """Overlap coefficient of the lower-cased word sets of two texts.

    >>> overlap("We are concerned", "we are deeply concerned")
    1.0
    """
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    if min(len(wa), len(wb)) < MIN_QUOTE_WORDS:
        return 1.0 if wa == wb else 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def quote_groups(dossier: dict, min_overlap: float) -> list[dict]:
    """Quotes grouped as variants of one utterance: the dossier's ``quote_groups`` when it has them
    (extraction matched them across outlets), else by word overlap ≥ ``min_overlap``, transitively.

    Groups with the most variants come first; each variant after the first carries a word diff
    against the first (``diff``: segments with ``op`` equal / insert / delete).
    """
    if dossier.get("quote_groups"):
        return _dossier_quote_groups(dossier)
    quotes = dossier["quotes"]
    parent = list(range(len(quotes)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, qa in enumerate(quotes):
        for j in range(i + 1, len(quotes)):
            if overlap(qa["span"]["text"], quotes[j]["span"]["text"]) >= min_overlap:
                parent[find(j)] = find(i)
    members: dict[int, list[dict]] = {}
    for i, q in enumerate(quotes):
        members.setdefault(find(i), []).append(q)
    groups = []
    for variants in members.values():
        base = variants[0]["span"]["text"]
        diffs = [{"quote": q, "diff": word_diff(base, q["span"]["text"])} for q in variants[1:]]
        groups.append({
            "base": variants[0], "variants": diffs, "articles": len({q["span"]["article"] for q in variants}),
            "identical": all(s["op"] == "equal" for v in diffs for s in v["diff"]),
        })
    return sorted(groups, key=lambda g: -len(g["variants"]))


def _dossier_quote_groups(dossier: dict) -> list[dict]:
    """The dossier's quote groups in the view's shape, plus every ungrouped quote on its own.

    A variant whose ``relation`` is ``paraphrase`` is reported speech: the template never puts it
    inside quote marks.
    """
    by_id = {q["id"]: q for q in dossier["quotes"]}
    grouped: set[str] = set()
    groups = []
    for g in dossier["quote_groups"]:
        ref = next((v for v in g["variants"] if v["quote"] == g["reference"]), g["variants"][0])
        base = by_id.get(ref["quote"]) or {"span": ref["span"], "speaker": g["speaker"], "cue": None}
        variants = []
        for v in g["variants"]:
            grouped.add(v["quote"])
            if v is ref:
                continue
            quote = by_id.get(v["quote"]) or {"span": v["span"], "speaker": g["speaker"], "cue": None}
            variants.append({"quote": quote, "relation": v["relation"],
                             "diff": word_diff(base["span"]["text"], v["span"]["text"])})
        grouped.add(ref["quote"])
        groups.append({
            "base": base, "variants": variants, "articles": len({v["span"]["article"] for v in g["variants"]}),
            "identical": all(v["relation"] == "identical" for v in variants),
        })
    singles = [{"base": q, "variants": [], "articles": 1, "identical": True}
               for q in dossier["quotes"] if q["id"] not in grouped]
    return sorted(groups, key=lambda g: -len(g["variants"])) + singles


def word_diff(old: str, new: str) -> list[dict]:
    """Word-level differences turning ``old`` into ``new``: ``[{"op", "text"}]``.

    >>> [(s["op"], s["text"]) for s in word_diff("the big dog", "the dog")]
    [('equal', 'the '), ('delete', 'big '), ('equal', 'dog')]
    """
    a, b = _WORD.findall(old), _WORD.findall(new)
    matcher = difflib.SequenceMatcher(None, [w.lower() for w in a], [w.lower() for w in b], autojunk=False)
    segments: list[dict] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            segments.append({"op": "equal", "text": "".join(b[j1:j2])})
            continue
        if i2 > i1:
            segments.append({"op": "delete", "text": "".join(a[i1:i2])})
        if j2 > j1:
            segments.append({"op": "insert", "text": "".join(b[j1:j2])})
    return segments


def highlighted_segments(text: str, spans: list[dict], hl: tuple[int, int] | None) -> list[dict]:
    """Cut ``text`` at every span boundary and at the highlighted range.

    Returns:
        ``[{"text", "cited", "hl"}]``: ``cited`` when a span of the story covers the segment,
        ``hl`` when the highlighted range ``[start, end)`` does. Overlapping spans are fine.
    """
    cuts = {0, len(text)}
    for s in spans:
        cuts.update((s["start"], s["end"]))
    if hl:
        cuts.update(hl)
    bounds = sorted(c for c in cuts if 0 <= c <= len(text))
    segments = []
    for start, end in itertools.pairwise(bounds):
        segments.append({
            "text": text[start:end],
            "cited": any(s["start"] <= start and end <= s["end"] for s in spans),
            "hl": bool(hl) and hl[0] <= start and end <= hl[1],
        })
    return segments


def highlight_runs(segments: list[dict]) -> list[dict]:
    """Consecutive segments joined into runs inside or outside the highlight: ``[{"hl", "segments"}]``,
    so that the highlighted range renders as one element however many spans cut it."""
    runs: list[dict] = []
    for segment in segments:
        if not runs or runs[-1]["hl"] != segment["hl"]:
            runs.append({"hl": segment["hl"], "segments": []})
        runs[-1]["segments"].append(segment)
    return runs


def spans_in(dossier: dict, article_id: str) -> list[dict]:
    """Every cited span of the dossier that points into one article."""
    from ..report.build import iter_spans

    body = {k: v for k, v in dossier.items() if k != "articles"}
    unique = {(s["start"], s["end"]): s for s in iter_spans(body) if s["article"] == article_id}
    return [unique[k] for k in sorted(unique)]
