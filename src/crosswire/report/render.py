"""Markdown and self-contained HTML renderings of a dossier (jinja2; templates shared with web/)."""

from __future__ import annotations

import functools
import itertools
import re
from urllib.parse import quote, urlsplit

SAFE_URL_SCHEMES = ("http", "https")


def safe_url(url: str | None) -> str | None:
    """The URL if it is plain http(s), else ``None``: ``javascript:``, ``data:`` and the like never
    reach an ``href``."""
    if not url:
        return None
    cleaned = "".join(ch for ch in url.strip() if ch.isprintable() and not ch.isspace())
    parts = urlsplit(cleaned)
    if parts.scheme.lower() not in SAFE_URL_SCHEMES or not parts.netloc:
        return None
    # Quote marks and angle brackets are percent-encoded, so the URL cannot leave its attribute.
    return quote(cleaned, safe=":/?#[]@!$&()*+,;=%-._~")


def anchor(span: dict) -> str:
    """The HTML id of a cited span inside its article: ``a-<article>-<start>-<end>``."""
    return f"a-{span['article']}-{span['start']}-{span['end']}"


def marked_segments(text: str, spans: list[dict]) -> list[dict]:
    """Split ``text`` at every cited span boundary: ``[{"text", "anchors", "marked"}]``.

    Overlapping spans are fine: each segment lists the anchors that start there and is marked
    when any span covers it.
    """
    cuts = {0, len(text)}
    for s in spans:
        cuts.update((s["start"], s["end"]))
    bounds = sorted(c for c in cuts if 0 <= c <= len(text))
    segments = []
    for start, end in itertools.pairwise(bounds):
        covering = [s for s in spans if s["start"] <= start and end <= s["end"]]
        starting = sorted({anchor(s) for s in spans if s["start"] == start})
        segments.append({"text": text[start:end], "anchors": starting, "marked": bool(covering)})
    return segments


def cited_spans_by_article(dossier: dict) -> dict[str, list[dict]]:
    from .build import iter_spans

    spans: dict[str, list[dict]] = {}
    for s in iter_spans({k: v for k, v in dossier.items() if k != "articles"}):
        spans.setdefault(s["article"], []).append(s)
    return spans


def md_escape(text: object) -> str:
    """Escape what Markdown would read as markup (tables, emphasis, links, HTML)."""
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", " ".join(str(text or "").split()))


def distinct_spellings(conflicts: list[dict]) -> list[dict]:
    """Dossier conflicts (JSON) with each spelling difference listed once: "Gordon Advisers" /
    "Gordon Advisors" told in five pairs of claims is one thing for the reader to check (the first
    pair stands for it). The dossier keeps every pair; the claim × source matrix marks them all."""
    seen, out = set(), []
    for conflict in conflicts:
        if conflict["kind"] == "spelling" and len(conflict["parts"]) == 2:
            key = frozenset(part["text"] for part in conflict["parts"])
            if key in seen:
                continue
            seen.add(key)
        out.append(conflict)
    return out


VERSIONED_KINDS = ("number", "date")
"""Conflict kinds whose pairs, when they chain through shared figures, are one quantity told in
several versions (a toll given as 213, 247, 248 and 257 across eight reports)."""


def condensed_conflicts(conflicts: list[dict]) -> list[dict]:
    """Dossier conflicts (JSON) as a reader takes them in: each spelling difference once
    (:func:`distinct_spellings`), and number or date conflicts that chain through shared figures
    (one report's "247" against two others) as one entry listing each version with every report
    that gives it, ``{"kind", "versions": [{"value", "sides": [{"claim", "part"}]}]}``, in place
    of every pair (sixteen pairs for four tolls). Two figures alone stay a pair. The dossier keeps
    every pair; the claim × source matrix marks them all."""
    from ..provenance.families import UnionFind

    conflicts = distinct_spellings(conflicts)
    figures = UnionFind()

    def key(part: dict) -> tuple:
        return part["article"], part["start"], part["end"]

    versioned = [c for c in conflicts if c["kind"] in VERSIONED_KINDS and len(c.get("parts", ())) == 2]
    for c in versioned:
        figures.union(key(c["parts"][0]), key(c["parts"][1]))
    find = figures.find
    members: dict[tuple, list[dict]] = {}
    for c in versioned:
        members.setdefault(find(key(c["parts"][0])), []).append(c)
    out, done = [], set()
    for c in conflicts:
        if c not in versioned:
            out.append(c)
            continue
        root = find(key(c["parts"][0]))
        group = members[root]
        if len(group) == 1:
            out.append(c)
        elif root not in done:
            done.add(root)
            out.append({"kind": c["kind"], "about": _shared_subject(group), "versions": _versions(group)})
    return out


def _shared_subject(group: list[dict]) -> str:
    """What every conflict of a group says it is about (the note before its ": ", as in "killed in
    Kenya: 247 vs 248"), or ``""`` when they do not all say the same."""
    subjects = {c.get("note", "").split(": ", 1)[0] if ": " in c.get("note", "") else "" for c in group}
    return subjects.pop() if len(subjects) == 1 else ""


def _versions(group: list[dict]) -> list[dict]:
    """The figures of chained conflicts, each with the sides (claim span, figure span) giving it,
    most reported first."""
    sides: dict[tuple, dict] = {}
    for c in group:
        for claim, part in ((c["a"], c["parts"][0]), (c["b"], c["parts"][1])):
            sides[(part["article"], part["start"], part["end"])] = {"claim": claim, "part": part}
    by_value: dict[str, list[dict]] = {}
    for side in sorted(sides.values(), key=lambda x: (x["part"]["article"], x["part"]["start"])):
        by_value.setdefault(" ".join(side["part"]["text"].split()), []).append(side)
    return [{"value": value, "sides": found} for value, found in sorted(by_value.items(), key=lambda kv: -len(kv[1]))]


@functools.lru_cache(maxsize=2)
def environment(autoescape: bool):
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("crosswire.report", "templates"),
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(md=md_escape, safe_url=safe_url, anchor=anchor, condensed_conflicts=condensed_conflicts)
    return env


def render_markdown(dossier: dict) -> str:
    labels = {a["id"]: a["label"] for a in dossier["articles"]}
    return environment(False).get_template("dossier.md.j2").render(d=dossier, labels=labels)


def render_html(dossier: dict) -> str:
    """One self-contained HTML file: no external resources; every text escaped."""
    labels = {a["id"]: a["label"] for a in dossier["articles"]}
    spans = cited_spans_by_article(dossier)
    segments = {a["id"]: marked_segments(a["text"], spans.get(a["id"], [])) for a in dossier["articles"]}
    return environment(True).get_template("dossier.html.j2").render(d=dossier, labels=labels, segments=segments)
