"""``crosswire eval summary``: ROUGE of the cited-summary selector and four baselines on DUC."""

from __future__ import annotations

import json

import click

from .base import eval_group, eval_progress, friendly_errors


@eval_group.command("summary")
@click.argument("path", required=False, type=click.Path())
@click.option("--words", type=int, default=None,
              help="Word limit for every set (default: the official one, 250 for DUC 2006, 100 for DUC 2007).")
@click.option("--query", is_flag=True, help="Also run DUC 2006 query-focused (the topic statement as query).")
@click.option("--topics", type=int, default=None, help="Only the first N topics of each file (a quick check).")
@click.option("--json", "as_json", is_flag=True, help="Print every set's scores as JSON.")
@click.option("--fit", "fit_file", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Only fit the concept-importance model on this DUC JSONL file and print its weights "
                   "(the shipped defaults are the fit on duc2006.jsonl).")
@friendly_errors
def eval_summary_command(path: str | None, words: int | None, query: bool, topics: int | None,
                         as_json: bool, fit_file: str | None) -> None:
    """Score summaries on DUC (PATH: the duc folder or one of its JSONL files; default
    ../shared/eval/duc): ROUGE-1/2 recall with stemming, averaged over the references, for
    crosswire's selector and the lead, centroid, continuous LexRank and greedy coverage baselines,
    all on crosswire's sentence split. DUC 2006 generic (and with --query), DUC 2007 update set A,
    and update sets B and C (what is new). Tables in Markdown, with tuning and held-out topics."""
    from ..eval import default_eval_root
    from ..eval.duc import evaluate_summaries, fit_concept_model, markdown_report

    if fit_file:
        fitted = fit_concept_model(fit_file)
        click.echo(json.dumps({"importance_weights": fitted.importance_weights,
                               "importance_bias": fitted.importance_bias}, indent=2))
        return
    with eval_progress("DUC") as progress:
        result = evaluate_summaries(path or default_eval_root() / "duc", words=words, query=query, topics=topics,
                                    progress=progress)
    click.echo(json.dumps(result, indent=2) if as_json else markdown_report(result))
