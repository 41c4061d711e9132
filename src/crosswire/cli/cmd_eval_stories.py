"""``crosswire eval stories``: story clustering on ECB+ (batch, streaming, baselines)."""

from __future__ import annotations

import json

import click

from .base import eval_group, eval_progress, friendly_errors


@eval_group.command("stories")
@click.argument("path", required=False, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
@click.option("--seed", default=0, show_default=True, help="Seed of the random streaming order.")
@friendly_errors
def eval_stories_command(path: str | None, as_json: bool, seed: int) -> None:
    """Score story clustering on ECB+ (PATH: the ecbplus folder or its articles.jsonl;
    default ../shared/eval/ecbplus): B³, ARI, V-measure and story counts, for batch and
    streaming (date and random order) and two baselines, on odd topics (calibration), even
    topics (held out) and all."""
    from ..eval import default_eval_root
    from ..eval.stories import evaluate_stories

    with eval_progress("ECB+") as progress:
        report = evaluate_stories(path or default_eval_root() / "ecbplus", seed=seed,
                                  progress=progress)
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    click.echo(f"{'run':40} {'half':12} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'ARI':>6} {'V':>6} {'pred/gold':>10}")
    for run, halves in report["runs"].items():
        for half, s in halves.items():
            click.echo(f"{run:40} {half:12} {s['b3_precision']:6.3f} {s['b3_recall']:6.3f} {s['b3_f1']:6.3f} "
                       f"{s['ari']:6.3f} {s['v_measure']:6.3f} {s['predicted_stories']:>4}/{s['gold_stories']:<4}")
    click.echo(f"dated articles: {report['dated_articles']} of {report['articles']}; "
               f"stream history: {report['stream_history']}")
