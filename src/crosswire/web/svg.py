"""Layouts for the server-drawn charts (inline SVG, no JavaScript library): the provenance graph
and the timeline. Each function returns coordinates; the templates draw them."""

from __future__ import annotations

import math

from .views import family_tags

LABEL_CHARS = 20
LABEL_ROOM = 200
"""Pixels left and right of the circle for node labels (``LABEL_CHARS`` characters at 12 px)."""


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _ordered_articles(dossier: dict, tags: list[dict]) -> list[dict]:
    """Articles ordered so that members of one family sit next to each other on the circle."""
    first_family = {}
    for i, tag in enumerate(tags):
        for m in tag["family"]["members"]:
            first_family.setdefault(m["article"], i)
    return sorted(dossier["articles"],
                  key=lambda a: (first_family.get(a["id"], len(tags)), a["published"] or "9999", a["id"]))


def _edges(reuse: list[dict], pos: dict[str, dict]) -> list[dict]:
    """Reuse links merged per pair of drawn articles: count, best score, agreed direction."""
    pairs: dict[tuple[str, str], dict] = {}
    for link in reuse:
        a, b = link["a"]["article"], link["b"]["article"]
        if a == b or a not in pos or b not in pos:
            continue
        direction = link["direction"]
        if a > b:
            a, b = b, a
            direction = {"a_to_b": "b_to_a", "b_to_a": "a_to_b"}.get(direction, direction)
        edge = pairs.setdefault((a, b), {"a": a, "b": b, "count": 0, "score": 0.0, "directions": set()})
        edge["count"] += 1
        edge["score"] = max(edge["score"], link["score"])
        edge["directions"].add(direction)
    edges = []
    for (a, b), e in sorted(pairs.items()):
        direction = next(iter(e["directions"])) if len(e["directions"]) == 1 else "unknown"
        src, dst = (b, a) if direction == "b_to_a" else (a, b)
        edges.append({
            "source": pos[src], "target": pos[dst], "count": e["count"], "score": round(e["score"], 2),
            "directed": direction != "unknown", "width": round(min(1 + math.log2(e["count"]) * 1.5, 6), 1),
        })
    return edges


def _trimmed(edge: dict, radius: float) -> dict:
    """End the line at the node's rim so an arrowhead stays visible."""
    x1, y1, x2, y2 = edge["source"]["x"], edge["source"]["y"], edge["target"]["x"], edge["target"]["y"]
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    dx, dy = (x2 - x1) / length * radius, (y2 - y1) / length * radius
    return {**edge, "x1": round(x1 + dx, 1), "y1": round(y1 + dy, 1), "x2": round(x2 - dx, 1),
            "y2": round(y2 - dy, 1)}


def provenance_graph(dossier: dict, max_nodes: int) -> dict:
    """Articles on a circle, reuse links as edges, origin families as coloured hulls.

    Returns:
        ``{"width", "height", "radius", "nodes", "edges", "families", "omitted"}``; a node has
        ``x, y, label, article``; a family has its ``tag``, ``colour`` and hull ``points``.
    """
    tags = family_tags(dossier)
    articles = _ordered_articles(dossier, tags)
    drawn, omitted = articles[:max_nodes], max(len(articles) - max_nodes, 0)
    n = len(drawn)
    ring = 0 if n == 1 else max(90.0, n * 16 / math.pi)
    width = int(2 * ring + 2 * LABEL_ROOM)
    height = int(2 * ring + 80)
    cx, cy, node_r = width / 2, height / 2, 9
    nodes, pos = [], {}
    for i, a in enumerate(drawn):
        angle = -math.pi / 2 + 2 * math.pi * i / max(n, 1)
        x, y = cx + ring * math.cos(angle), cy + ring * math.sin(angle)
        lx, ly = cx + (ring + 16) * math.cos(angle), cy + (ring + 16) * math.sin(angle)
        anchor = "middle" if abs(math.cos(angle)) < 0.2 else ("start" if math.cos(angle) > 0 else "end")
        node = {"x": round(x, 1), "y": round(y, 1), "lx": round(lx, 1), "ly": round(ly + 4, 1),
                "anchor": anchor, "label": _short(a["label"]), "article": a, "angle": angle}
        nodes.append(node)
        pos[a["id"]] = node
    edges = [_trimmed(e, node_r + 2) for e in _edges(dossier["provenance"]["reuse"], pos)]
    families = []
    for i, tag in enumerate(tags):
        members = sorted({m["article"] for m in tag["family"]["members"] if m["article"] in pos},
                         key=lambda aid: pos[aid]["angle"])
        points = " ".join(f"{pos[aid]['x']},{pos[aid]['y']}" for aid in members)
        # Bands of decreasing width, so that the outlines of overlapping families stay apart.
        families.append({**tag, "points": points, "drawn": len(members), "band": max(6, 30 - 6 * i)})
    return {"width": width, "height": height, "radius": node_r, "nodes": nodes, "edges": edges,
            "families": families, "omitted": omitted}


def timeline_chart(dossier: dict, max_stack: int = 8) -> dict:
    """Dated events (upper lane) and article publications (lower lane), one column per date.

    Dates are spaced evenly in order rather than to scale, so a story with a decade of background
    and one busy day stays readable; a ``gap`` flag marks columns more than a year after the last.
    A column shows at most ``max_stack`` marks per lane and says how many more there are.

    Returns:
        ``{"width", "height", "axis_y", "columns", "events", "publications", "more"}``.
    """
    events, pubs = dossier["timeline"], [a for a in dossier["articles"] if a["published"]]
    dates = sorted({e["date"] for e in events} | {a["published"] for a in pubs})
    step, left, top, row = 96, 96, 36, 16
    x_of = {day: left + i * step for i, day in enumerate(dates)}
    columns = [{"date": day, "x": x_of[day], "gap": i > 0 and _days_between(dates[i - 1], day) > 366}
               for i, day in enumerate(dates)]
    event_marks, event_more = _stacked([(e["date"], e) for e in events], max_stack)
    event_rows = max((k for _, k, _ in event_marks), default=-1) + 1 + bool(event_more)
    axis_y = top + event_rows * row + 8
    pub_marks, pub_more = _stacked([(a["published"], a) for a in pubs], max_stack)
    pub_top = axis_y + 34
    pub_rows = max((k for _, k, _ in pub_marks), default=-1) + 1 + bool(pub_more)
    return {
        "width": max(left + 60 + step * max(len(dates) - 1, 0), 320), "height": pub_top + pub_rows * row + 8,
        "axis_y": axis_y, "pub_y": pub_top, "columns": columns,
        "events": [{"x": x_of[d], "y": top + 6 + k * row, "event": e} for d, k, e in event_marks],
        "publications": [{"x": x_of[d], "y": pub_top + k * row, "article": a} for d, k, a in pub_marks],
        "more": [{"x": x_of[d], "y": top + 10 + max_stack * row, "count": c} for d, c in event_more.items()]
        + [{"x": x_of[d], "y": pub_top + 4 + max_stack * row, "count": c} for d, c in pub_more.items()],
    }


def _stacked(items: list[tuple[str, dict]], max_stack: int) -> tuple[list[tuple[str, int, dict]], dict[str, int]]:
    """Give each item its height in its date's column; count what does not fit."""
    heights: dict[str, int] = {}
    placed, more = [], {}
    for day, item in items:
        k = heights.get(day, 0)
        heights[day] = k + 1
        if k < max_stack:
            placed.append((day, k, item))
        else:
            more[day] = more.get(day, 0) + 1
    return placed, more


def _days_between(a: str, b: str) -> int:
    import datetime as dt

    return (dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days
