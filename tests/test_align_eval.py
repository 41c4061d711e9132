"""Evaluation loaders and helpers for claim matching (MSRP) and the support check (FRANK, QAGS)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from crosswire.align.lexical import char_ratio, edit_distance, order_agreement
from crosswire.cli import main
from crosswire.errors import InputError
from crosswire.eval.factual import (
    best_balanced_threshold,
    lexical_overlap,
    load_frank,
    load_qags,
    ranking_scores,
)
from crosswire.eval.msrp import (
    ParaphrasePair,
    best_threshold,
    binary_scores,
    fit_logistic,
    load_msrp,
    out_of_fold,
    threshold_sweep,
    unrelated_pairs,
)
from crosswire.textutil import words


def test_msrp_loader_and_split(tmp_path):
    rows = ["\ufeffQuality\t#1 ID\t#2 ID\t#1 String\t#2 String"]
    rows += [f"{i % 2}\t{i}\t{i + 1000}\tSentence {i} one.\tSentence {i} two." for i in range(200)]
    rows.append("broken line")
    (tmp_path / "train.tsv").write_text("\n".join(rows), encoding="utf-8")
    pairs = load_msrp(tmp_path)
    assert len(pairs) == 200 and pairs[1].label == 1 and pairs[1].a == "Sentence 1 one."
    held = [p.held_out for p in pairs]
    assert 40 <= sum(held) <= 80
    assert held == [p.held_out for p in load_msrp(tmp_path / "train.tsv")]
    with pytest.raises(InputError):
        load_msrp(tmp_path / "missing.tsv")


def test_unrelated_pairs_cross_two_different_pairs_deterministically():
    pairs = [ParaphrasePair(1, str(i), str(i + 100), f"first {i}", f"second {i}") for i in range(50)]
    drawn = unrelated_pairs(pairs)
    assert drawn == unrelated_pairs(pairs) and 45 <= len(drawn) <= 50
    assert all(a.split()[1] != b.split()[1] for a, b in drawn)
    assert {a for a, _ in drawn} <= {p.a for p in pairs} and {b for _, b in drawn} <= {p.b for p in pairs}


def test_factual_loaders_keep_all_summaries_of_an_article_on_one_side(tmp_path):
    frank = [{"hash": f"h{i // 3}", "dataset": "cnndm" if i % 2 else "bbc", "model": "m", "article": f"A{i // 3}",
              "summary": "S.", "factuality": 1.0 if i % 3 else 0.5, "split": "valid"} for i in range(60)]
    (tmp_path / "frank_valid.jsonl").write_text("\n".join(map(json.dumps, frank)), encoding="utf-8")
    (tmp_path / "qags_xsum.jsonl").write_text(json.dumps({"article": "A", "sentence": "S", "consistent": True}),
                                             encoding="utf-8")
    judged = load_frank(tmp_path)
    assert [j.supported for j in judged[:3]] == [False, True, True]
    by_article: dict[str, set[bool]] = {}
    for j in judged:
        by_article.setdefault(j.key, set()).add(j.held_out)
    assert all(len(sides) == 1 for sides in by_article.values())
    assert {True, False} <= {j.held_out for j in judged}
    [q] = load_qags(tmp_path)
    assert q.supported and q.source == "qags_xsum"


def test_thresholds_and_scores():
    y = np.array([0, 0, 1, 1, 1])
    score = np.array([0.1, 0.2, 0.6, 0.7, 0.9])
    assert 0.2 < best_threshold(score, y) < 0.6
    assert 0.2 < best_balanced_threshold(score, y) < 0.6
    assert binary_scores(y, score > 0.5)["f1"] == 1.0
    result = ranking_scores(y, score, 0.5)
    assert result["roc_auc"] == 1.0 and result["balanced_accuracy"] == 1.0 and result["supported"] == 3
    assert np.isnan(ranking_scores(np.array([1, 1]), np.array([0.2, 0.3]), 0.5)["roc_auc"])


def test_fit_logistic_folds_standardisation_into_raw_weights():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 2)) * [1.0, 100.0] + [0.0, 500.0]
    y = (x[:, 0] + (x[:, 1] - 500) / 100 > 0).astype(int)
    weights, bias = fit_logistic(x, y)
    predicted = (x @ weights + bias) > 0
    assert (predicted == y).mean() > 0.95


def test_lexical_overlap_baseline():
    assert lexical_overlap("The cat sat.", frozenset({"the", "cat"})) == pytest.approx(2 / 3)
    assert lexical_overlap("", frozenset()) == 0.0


@pytest.mark.parametrize("command", ["claims", "support"])
def test_eval_commands_have_help_and_fail_cleanly(command, tmp_path):
    runner = CliRunner()
    assert "held-out" in runner.invoke(main, ["eval", command, "--help"]).output
    result = runner.invoke(main, ["eval", command, str(tmp_path / "nowhere")])
    assert result.exit_code == 2 and "Error" in result.output


def test_edit_distance_order_agreement_and_char_ratio():
    assert edit_distance(words("the cat sat"), words("the cat sat")) == 0
    assert edit_distance(words("the cat sat"), words("a cat sat down")) == 2
    assert edit_distance([], ["x", "y"]) == 2
    assert order_agreement(["police", "arrested", "man"], words("the police arrested a man")) == 1.0
    assert order_agreement(["man", "arrested", "police"], words("police arrested man")) == -1.0
    assert order_agreement(["only"], words("nothing shared here")) == 1.0
    assert char_ratio("Shares Fell", "shares fell") == 1.0
    assert 0.0 < char_ratio("shares fell sharply", "shares rose sharply") < 1.0
    assert char_ratio("abc", "xyz") == 0.0


def test_one_to_one_alignment_aligns_each_token_once():
    from crosswire.align.matching import _one_to_one, _Tokens

    unit = np.eye(3, dtype=np.float32)
    twice = _Tokens(unit[[0, 0]], np.array([1.0, 1.0]), [5, 5], frozenset({5}))
    once = _Tokens(unit[[0, 1]], np.array([1.0, 1.0]), [5, 6], frozenset({5, 6}))
    sim = twice.vectors @ once.vectors.T
    low, high, f = _one_to_one(sim, twice, once)
    assert (low, high) == pytest.approx((0.5, 0.5))  # best match alone would give the twice side 1.0
    assert f == pytest.approx(0.5)
    same = _one_to_one(once.vectors @ once.vectors.T, once, once)
    assert same == pytest.approx([1.0, 1.0, 1.0])


def test_threshold_sweep_scores_each_threshold():
    probability = np.array([0.9, 0.48, 0.3, 0.52])
    y = np.array([1, 1, 0, 0])
    sweep = threshold_sweep(probability, y, thresholds=(0.45, 0.5))
    assert sweep["0.45"] == {"accuracy": 0.75, "f1": pytest.approx(0.8)}  # 0.9, 0.48, 0.52 chosen
    assert sweep["0.50"] == {"accuracy": 0.5, "f1": 0.5}  # 0.9 and 0.52 chosen


def test_out_of_fold_scores_each_row_by_a_model_that_did_not_see_it():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(300, 2))
    y = (x[:, 0] > 0).astype(int)
    negatives = np.column_stack([rng.normal(-3, 0.5, 60), rng.normal(size=60)])
    probability = out_of_fold(x, y, negatives)
    assert probability.shape == (300,) and ((probability >= 0.5) == y).mean() > 0.9
    flipped = out_of_fold(x, 1 - y, negatives[:0])  # labels carry through the folds
    assert ((flipped >= 0.5) == (1 - y)).mean() > 0.9


def test_length_interactions_are_products_of_their_named_columns():
    from crosswire.align.matching import MATCH_FEATURES, _with_interactions

    base_width = MATCH_FEATURES.index("cosine_x_containment") + 1
    base = np.random.default_rng(0).random((4, base_width))
    full = _with_interactions(base)
    assert full.shape == (4, MATCH_FEATURES.index("cross_encoder"))
    assert np.array_equal(full[:, :base_width], base)
    named = {name: full[:, i] for i, name in enumerate(MATCH_FEATURES[: full.shape[1]])}
    for length in ("length_diff", "log_length"):
        for coverage in ("align_f", "one_to_one_f", "containment_min", "containment_max"):
            assert np.allclose(named[f"{length}_x_{coverage}"], named[length] * named[coverage])
