"""Alignment on real multi-outlet text: one ECB+ event's alignment structure kept as a fixture.

The fixture (``fixtures/align_ecb_structure.json``) holds structure only — article ids, claim
span offsets, group support and sourcing, conflict kinds and the matrix — never the text, since
the evaluation data stays out of the repository. The first test checks the fixture's own
structure; the second regenerates the alignment from ``../shared/eval/ecbplus`` (skipped when
absent) and checks that it still holds the fixture's corroborated groups and conflicts.

Regenerate after a deliberate change with ``python tests/test_align_ecb.py``.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EVAL = Path(os.environ.get("CROSSWIRE_EVAL") or ROOT.parent / "shared" / "eval")
FIXTURE = Path(__file__).parent / "fixtures" / "align_ecb_structure.json"
EVENT = "32_ecb"
"""An ECB+ event (a double killing, eight outlets) with relayed passages, spelling conflicts (the
victims' and a spokesman's names spelt two ways) and hedging conflicts ("allegedly"); any
multi-outlet event would do."""


def align_event(event: str):
    """``(alignment, articles by id, claims by id)`` for the articles of one gold ECB+ event."""
    from crosswire import align, extract, provenance
    from crosswire.eval.stories import load_ecbplus
    from crosswire.model import Story
    from crosswire.settings import Settings

    articles, gold, _ = load_ecbplus(EVAL / "ecbplus")
    batch = {"articles": [a for a, g in zip(articles, gold) if g == event]}
    settings, advance = Settings(), lambda n: None
    batch.update(provenance.run_stage(batch, settings, advance))
    batch["stories"] = [Story(f"s_{event}", tuple(a.id for a in batch["articles"]), event)]
    batch.update(extract.run_stage(batch, settings, advance))
    batch.update(align.run_stage(batch, settings, advance))
    claims = {c.id: c for c in batch["evidence"][f"s_{event}"].claims}
    return batch["alignment"][f"s_{event}"], {a.id: a for a in batch["articles"]}, claims


def structure(alignment) -> dict:
    """The alignment without text: spans as ``[article, start, end]``."""
    span = lambda s: [s.article_id, s.start, s.end]
    return {
        "event": EVENT,
        "sources": list(alignment.sources),
        "groups": [{"spans": [span(s) for s in g.spans], "outlets": g.support.outlets,
                    "origins": g.support.origins, "sourcing": g.sourcing} for g in alignment.groups],
        "conflicts": [{"kind": c.kind, "a": span(c.a), "b": span(c.b), "parts": [span(p) for p in c.parts]}
                      for c in alignment.conflicts],
        "updates": [{"kind": u.kind, "a": span(u.a), "b": span(u.b)} for u in alignment.updates],
        "matrix": [list(row) for row in alignment.matrix],
    }


@pytest.fixture(scope="module")
def fixture() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def test_fixture_shows_non_trivial_groups_and_findings(fixture):
    groups = fixture["groups"]
    multi = [g for g in groups if len({s[0] for s in g["spans"]}) >= 2]
    assert multi, "no claim group spans two articles"
    assert any(g["sourcing"] == "corroborated" for g in groups)
    assert any(g["sourcing"] == "one_origin" for g in groups), "no relayed single-origin claim"
    assert fixture["conflicts"] or any(g["sourcing"] == "one_outlet" for g in groups)
    for g in groups:
        assert g["outlets"] >= g["origins"] >= 1
        expected = "corroborated" if g["origins"] >= 2 else "one_outlet" if g["outlets"] == 1 else "one_origin"
        assert g["sourcing"] == expected
    assert len(fixture["matrix"]) == len(groups)
    assert all(len(row) == len(fixture["sources"]) for row in fixture["matrix"])
    for g, row in zip(groups, fixture["matrix"]):
        stated = {s[0] for s in g["spans"]}
        for source, cell in zip(fixture["sources"], row):
            assert cell in ("supports", "silent", "conflicts")
            assert (cell == "silent") <= (source not in stated)


@pytest.mark.eval
@pytest.mark.slow
def test_regenerated_alignment_keeps_the_fixture_structure(fixture):
    if not (EVAL / "ecbplus" / "articles.jsonl").is_file():
        pytest.skip(f"ECB+ not found under {EVAL} (set CROSSWIRE_EVAL)")
    alignment, articles, claims = align_event(EVENT)
    now = structure(alignment)
    assert now["sources"] == fixture["sources"]
    for g in alignment.groups:  # every cited span is a claim's exact text
        for claim_id, span in zip(g.claims, g.spans):
            assert articles[span.article_id].span_text(span) == claims[claim_id].text
    def group_of(span: list) -> int | None:
        """The current group holding a claim that overlaps ``span`` (claim boundaries may move
        when extraction changes; the grouping is what is checked)."""
        article, start, end = span
        return next((i for i, g in enumerate(now["groups"]) for a, s, e in g["spans"]
                     if a == article and s < end and start < e), None)

    kept = [g for g in fixture["groups"] if len(g["spans"]) >= 2]
    together = [g for g in kept if len({group_of(s) for s in g["spans"]} - {None}) == 1]
    assert len(together) >= 0.8 * len(kept), "multi-article groups fell apart"
    assert Counter(c["kind"] for c in now["conflicts"]) >= Counter(c["kind"] for c in fixture["conflicts"])


if __name__ == "__main__":  # regenerate the fixture
    FIXTURE.write_text(json.dumps(structure(align_event(EVENT)[0]), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {FIXTURE}", file=sys.stderr)
