"""The DUC summary evaluation: loading, unwrapping, one sentence split for all systems, ROUGE
rows for every system, update runs, and the command."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from crosswire.cli import main
from crosswire.eval.duc import (
    _cross_fitted,
    candidates_of,
    concept_labels,
    evaluate_summaries,
    fit_concept_model,
    load_duc,
    markdown_report,
    supported,
    unwrap,
)
from crosswire.settings import SummarizeSettings
from crosswire.summarize.importance import FEATURES

EVAL = Path(os.environ.get("CROSSWIRE_EVAL") or Path(__file__).resolve().parents[1].parent / "shared" / "eval")
DUC = EVAL / "duc"
needs_duc = pytest.mark.skipif(not (DUC / "duc2007_update.jsonl").is_file(), reason=f"no DUC data at {DUC}")

WIRE = ("WASHINGTON (AP) _ The Senate passed the bill on\nTuesday after a long debate.\n"
        "\t   Critics said the bill would ``cost too much,'' and\nvowed to fight on.\n")


def test_unwrap_joins_hard_wrapped_lines_into_paragraphs():
    assert unwrap(WIRE) == ("WASHINGTON (AP) _ The Senate passed the bill on Tuesday after a long debate.\n"
                            'Critics said the bill would "cost too much," and vowed to fight on.')


def test_candidates_are_crosswire_sentences_and_compression_keeps_positions():
    plain = candidates_of([WIRE, WIRE])
    short = candidates_of([WIRE, WIRE], compressed=True)
    assert [c.text.split()[-1] for c in plain] == ["debate.", "on."] * 2
    assert [(c.doc, c.position) for c in plain] == [(c.doc, c.position) for c in short] == [
        (0, 0), (0, 1), (1, 0), (1, 1)]
    assert short[0].text.startswith("The Senate passed")


@needs_duc
def test_one_topic_gives_rows_for_every_system_and_the_update_sets():
    result = evaluate_summaries(DUC / "duc2007_update.jsonl", topics=1)
    names = [run["name"] for run in result["runs"]]
    assert names == ["duc2007_update set A", "duc2007_update set B (update)", "duc2007_update set C (update)"]
    systems = {"lead", "centroid", "lexrank", "coverage", "crosswire"}
    assert {r["system"] for r in result["runs"][0]["rows"]} == systems
    assert {r["system"] for r in result["runs"][1]["rows"]} == systems | {"crosswire-update"}
    for run in result["runs"]:
        for row in run["rows"]:
            assert 0 < row["rouge_2"] < row["rouge_1"] <= 100
    for run in result["runs"]:
        assert all(row["dropped"] == 0 for row in run["rows"])  # deletion-only compression always passes
        assert all(row["chosen_words"] >= run["words"] for row in run["rows"])  # every system fills its budget
    report = markdown_report(result)
    assert report.count("Words chosen before the cut at 100") == 3
    assert "| crosswire-update |" in report and "best baseline" in report
    assert "dropped by the support check: 0" in report
    assert all(run["concept_model"].startswith("shipped") for run in result["runs"])  # one file: no cross-fit


@pytest.mark.issue(7)
def test_eval_drops_a_sentence_its_source_does_not_support():
    plain = candidates_of([WIRE])
    rewritten = [dataclasses.replace(plain[0], text="The House rejected the bill on Tuesday."), plain[1]]
    kept, dropped = supported([0, 1], rewritten, plain)
    assert kept == [1] and dropped == 1
    short = candidates_of([WIRE], compressed=True)
    assert supported([0, 1], short, plain) == ([0, 1], 0)


@needs_duc
def test_command_prints_tables_and_json():
    runner = CliRunner()
    out = runner.invoke(main, ["eval", "summary", str(DUC / "duc2007_update.jsonl"), "--topics", "1",
                               "--words", "50", "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert all(run["words"] == 50 for run in data["runs"])


@needs_duc
@pytest.mark.slow
def test_fit_reproduces_the_shipped_concept_model_from_duc_2006():
    from crosswire.settings import SummarizeSettings

    out = CliRunner().invoke(main, ["eval", "summary", "--fit", str(DUC / "duc2006.jsonl")])
    assert out.exit_code == 0, out.output
    fitted = json.loads(out.stdout)
    assert tuple(fitted["importance_weights"]) == SummarizeSettings().importance_weights
    assert fitted["importance_bias"] == SummarizeSettings().importance_bias


def test_command_on_a_missing_path_is_a_clean_error(tmp_path):
    out = CliRunner().invoke(main, ["eval", "summary", str(tmp_path / "nothing")])
    assert out.exit_code == 2 and "no DUC" in out.output


@needs_duc
@pytest.mark.issue(7)
def test_concept_labels_mark_what_the_references_use():
    first = load_duc(DUC / "duc2007_update.jsonl")[0]
    X, y = concept_labels([first])
    assert X.shape == (len(y), len(FEATURES))
    assert 0.01 < y.mean() < 0.5
    df = X[:, FEATURES.index("df_share")]
    assert y[df >= 0.5].mean() > 2 * y[df < 0.2].mean()  # widely reported concepts reach the summaries


@needs_duc
@pytest.mark.issue(7)
def test_each_file_is_scored_with_a_concept_model_fitted_on_the_other(tmp_path):
    files = []
    for name in ("duc2006.jsonl", "duc2007_update.jsonl"):
        line = (DUC / name).read_text(encoding="utf-8").splitlines()[0]
        (tmp_path / name).write_text(line + "\n", encoding="utf-8")
        files.append(tmp_path / name)
    fitted = _cross_fitted(files, SummarizeSettings())
    for f, other in zip(files, files[::-1]):
        settings, note = fitted[f]
        assert note == f"fitted on {other.stem}"
        assert settings.importance_weights == fit_concept_model(other).importance_weights
        assert settings.importance_weights != SummarizeSettings().importance_weights
