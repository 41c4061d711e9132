"""Quote extraction floors on PolNeAR train (#5): a small slice, so CI notices a regression quickly.

The reported figures come from the dev split (``python bench/bench_quotes.py ../shared/eval/polnear``);
this test only pins floors on the first train articles (the calibration split).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from crosswire.eval.quotes import Predicted, is_direct, score_article

pytestmark = [pytest.mark.issue(5)]
ROOT = Path(__file__).resolve().parents[1]


def polnear() -> Path:
    return Path(os.environ.get("CROSSWIRE_EVAL", ROOT.parent / "shared" / "eval")) / "polnear"


def test_direct_gold_is_content_inside_quote_marks_only():
    text = '“We will win,” she said. “And soon.” He said that “it is over” now.'
    assert is_direct(text, ((0, 14), (25, 36)))
    assert not is_direct(text, ((42, 66),))


def test_scores_count_exact_and_overlapping_content_and_speakers():
    from crosswire.eval.quotes import GoldAttribution

    text = '“We will win the vote,” the mayor said on Sunday.'
    gold = [GoldAttribution("E1", ((0, 23),), ((24, 33),), ((34, 38),), True)]
    exact = score_article(text, [Predicted((1, 21), (24, 33))], gold)
    assert exact.content_exact.tp == 1 and exact.speaker_exact.tp == 1
    partial = score_article(text, [Predicted((1, 8), (28, 33))], gold)
    assert partial.content_exact.tp == 0 and partial.content_overlap.tp == 1
    assert partial.speaker_exact.tp == 0 and partial.speaker_overlap.tp == 1


@pytest.mark.eval
def test_floors_on_a_train_slice():
    if not polnear().exists():
        pytest.skip(f"evaluation data not found at {polnear()}")
    from crosswire.eval.quotes import evaluate_quotes

    report = evaluate_quotes(polnear(), "train", limit=25)
    direct = report["crosswire"]["direct"]
    assert direct["content_overlap"]["f1"] >= 0.74  # 0.767 when pinned (#5)
    assert direct["speaker_overlap"]["f1"] >= 0.70  # 0.731 when pinned (#5)


def test_doubled_single_marks_and_apostrophes_do_not_hide_direct_quotes():
    text = "''We finally won,'' she said. 'You're being ridiculous.' He said we ''won.''"

    def span(part: str) -> tuple[tuple[int, int], ...]:
        return ((text.index(part), text.index(part) + len(part)),)

    assert is_direct(text, span("''We finally won,''"))
    assert is_direct(text, span("'You're being ridiculous.'"))
    assert not is_direct(text, span("we ''won.''"))
