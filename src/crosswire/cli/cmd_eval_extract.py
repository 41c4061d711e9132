"""``crosswire eval quotes|entities|dates``: evidence extraction on the evaluation sets."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .base import eval_group, friendly_errors


def _root(path: str | None, sub: str) -> Path:
    from ..eval import default_eval_root

    return Path(path) if path else default_eval_root() / sub


@eval_group.command("quotes")
@click.argument("path", required=False, type=click.Path())
@click.option("--split", default="dev", show_default=True, help="PolNeAR split: dev (report) or train (calibrate).")
@click.option("--limit", type=int, default=None, help="Only the first N articles (name order).")
@click.option("--textacy", "with_textacy", is_flag=True, help="Score textacy's direct_quotations in the same run.")
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
@friendly_errors
def eval_quotes_command(path: str | None, split: str, limit: int | None, with_textacy: bool, as_json: bool) -> None:
    """Score quote extraction on PolNeAR (PATH: the polnear folder; default ../shared/eval/polnear):
    precision, recall and F1 of content and speaker, exact and overlap, for direct quotes and for all
    attributions."""
    from ..eval.quotes import evaluate_quotes

    report = evaluate_quotes(_root(path, "polnear"), split, limit, peers=("textacy",) if with_textacy else ())
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    click.echo(f"PolNeAR {split}: {report['articles']} articles")
    for name in [n for n in ("crosswire", "textacy") if n in report]:
        for subset in ("direct", "all"):
            for metric, s in report[name][subset].items():
                click.echo(f"{name:10} {subset:7} {metric:16} P {s['precision']:.3f}  R {s['recall']:.3f}  "
                           f"F1 {s['f1']:.3f}")


@eval_group.command("entities")
@click.argument("path", required=False, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
@friendly_errors
def eval_entities_command(path: str | None, as_json: bool) -> None:
    """Score cross-document entity canonicalisation on ECB+ (PATH: ecbplus/articles.jsonl): B³ of
    canonical entities within each topic, against exact string match."""
    from ..eval.entities import evaluate_entities

    report = evaluate_entities(_root(path, "ecbplus/articles.jsonl"))
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    click.echo(f"ECB+: {report['articles']} articles, {report['topics']} topics, {report['named']} named mentions")
    for subset, systems in report["scores"].items():
        for name, s in systems.items():
            click.echo(f"{subset:16} {name:14} B3 P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}")


@eval_group.command("dates")
@click.argument("path", required=False, type=click.Path())
@click.option("--cases", default=None, type=click.Path(dir_okay=False),
              help="Case file (default: tests/data/dates_cases.jsonl of the checkout).")
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
@friendly_errors
def eval_dates_command(path: str | None, cases: str | None, as_json: bool) -> None:
    """Score date resolution on hand-resolved expressions from real sentences (PATH: the eval root,
    default ../shared/eval), against dateparser."""
    from ..eval.dates import evaluate_dates

    case_file = cases or Path(__file__).resolve().parents[3] / "tests" / "data" / "dates_cases.jsonl"
    report = evaluate_dates(case_file, _root(path, ""))
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    click.echo(f"{report['cases']} cases: crosswire {report['crosswire']:.3f}, dateparser {report['dateparser']:.3f}")
    for miss in report["misses"]:
        click.echo(f"  miss: {miss['expression']!r} ({miss['published']}): expected {miss['expected']}, "
                   f"got {miss['got']}")
