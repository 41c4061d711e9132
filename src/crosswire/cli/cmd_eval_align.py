"""``crosswire eval claims`` (claim matching on MSRP) and ``crosswire eval support`` (the support
check on FRANK and QAGS-XSum), each beside its baselines in the same run."""

from __future__ import annotations

import json

import click

from .base import eval_group, eval_progress, friendly_errors


@eval_group.command("claims")
@click.argument("path", required=False, type=click.Path())
@click.option("--fit", is_flag=True,
              help="Fit the cross-encoder's adapter and the combiner on the calibration part first (about half "
                   "an hour on two cores), write the adapter and print the combiner's weights.")
@click.option("--adapter-out", type=click.Path(dir_okay=False), default="paraphrase_adapter.npz", show_default=True,
              help="With --fit: where the fitted adapter is written (ship it as "
                   "src/crosswire/align/paraphrase_adapter.npz).")
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
@friendly_errors
def eval_claims_command(path: str | None, fit: bool, adapter_out: str, as_json: bool) -> None:
    """Score claim matching on MSRP (PATH: the msrp folder or train.tsv; default ../shared/eval/msrp):
    accuracy and F1 on the held-out 30 %, beside TF-IDF-cosine and MiniLM-cosine baselines whose
    thresholds are tuned on the same calibration 70 %."""
    from ..eval import default_eval_root
    from ..eval.msrp import evaluate_claims

    with eval_progress("MSRP") as progress:
        report = evaluate_claims(path or default_eval_root() / "msrp", fit=fit, adapter_out=adapter_out,
                                 progress=progress)
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    split = report["split"]
    extra = f", fitted with {split['unrelated_negatives']} unrelated pairs as negatives" if fit else ""
    click.echo(f"MSRP held-out {split['held_out']} pairs (calibration {split['calibration']}{extra})")
    click.echo(f"{'run':16} {'accuracy':>9} {'F1':>7} {'precision':>10} {'recall':>7}")
    for run in ("crosswire", "tfidf_cosine", "minilm_cosine"):
        s = report[run]
        click.echo(f"{run:16} {s['accuracy']:9.4f} {s['f1']:7.4f} {s['precision']:10.4f} {s['recall']:7.4f}")
    if fit:
        click.echo(f"adapter written to {report['adapter']}")
        click.echo(f"fitted: {json.dumps(report['weights'])}")


@eval_group.command("support")
@click.argument("path", required=False, type=click.Path())
@click.option("--fit", is_flag=True, help="Fit the combiner on all of FRANK, score QAGS-XSum with it and print its weights.")
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
@friendly_errors
def eval_support_command(path: str | None, fit: bool, as_json: bool) -> None:
    """Score the support check (PATH: the factual folder; default ../shared/eval/factual): ROC-AUC and
    balanced accuracy on FRANK, cross-validated by article (each summary scored by a combiner fitted on
    the other folds' articles; pooled, CNN/DM, BBC), and on held-out QAGS-XSum, beside the
    lexical-overlap and MiniLM-cosine baselines."""
    from ..eval import default_eval_root
    from ..eval.factual import evaluate_support

    report = evaluate_support(path or default_eval_root() / "factual", fit=fit)
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    click.echo(f"split: {json.dumps(report['split'])}")
    click.echo(f"{'run':16} {'set':14} {'ROC-AUC':>8} {'bal.acc':>8} {'n':>5} {'supported':>10}")
    for run in ("crosswire", "lexical_overlap", "minilm_cosine"):
        sets = {f"frank/{k}": v for k, v in report[run]["frank"].items()} | {"qags_xsum": report[run]["qags"]}
        for name, s in sets.items():
            click.echo(f"{run:16} {name:14} {s['roc_auc']:8.4f} {s['balanced_accuracy']:8.4f} {s['n']:5d} "
                       f"{s['supported']:10d}")
    if fit:
        click.echo(f"fitted: {json.dumps(report['weights'])}")
