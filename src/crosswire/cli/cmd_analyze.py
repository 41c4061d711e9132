"""``crosswire analyze``: the whole pipeline, from inputs to dossiers."""

from __future__ import annotations

import click

from ..engines.local import analyze as run_analyze
from .base import (
    RichReporter,
    config_option,
    db_option,
    engine_executor,
    engine_options,
    friendly_errors,
    load_settings,
    main,
)
from .output import print_accounting


@main.command("analyze")
@click.argument("inputs", nargs=-1, required=True)
@db_option()
@click.option("--out", default="dossiers", show_default=True, type=click.Path(file_okay=False),
              help="Directory for the dossiers (JSON, Markdown, HTML per story).")
@config_option()
@click.option("--fresh", is_flag=True,
              help="Analyse every story again, even those whose inputs did not change since their stored dossier.")
@engine_options("clean, align provenance pairs and analyse stories")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars.")
@friendly_errors
def analyze_command(inputs: tuple[str, ...], db: str, out: str, config: str | None, fresh: bool, engine: str,
                    spark_master: str | None, quiet: bool) -> None:
    """Ingest INPUTS (files, directories, globs, URLs) and write a dossier per story.

    Text, HTML, JSONL/CSV and RSS/Atom inputs are read; every input ends as an article or as a
    rejection with a reason, and the accounting is printed. Articles already in the store are
    not added again; all stored articles are grouped into stories, and each story whose inputs
    (articles, provenance, settings, code) changed since its stored dossier is analysed again;
    the others keep their dossier (--fresh analyses all).
    """
    settings = load_settings(config)
    with engine_executor(engine, spark_master) as executor, RichReporter(quiet) as reporter:
        result = run_analyze(inputs, db=db, out=out, settings=settings, reporter=reporter, fresh=fresh,
                             executor=executor)
    print_accounting(result.read, result.accepted, result.rejections, result.added, result.already_stored)
    if result.dossiers:
        click.echo(f"stories: {len(result.dossiers)} ({len(result.dossiers) - len(result.reused)} analysed, "
                   f"{len(result.reused)} unchanged since the last run, dossier kept)")
    for story_id, paths in result.files.items():
        dossier = result.dossiers[story_id]
        count = dossier["story"]["article_count"]
        click.echo(f"story {story_id}: {count} article{'s' if count != 1 else ''} — {dossier['story']['title']}")
        click.echo(f"  dossier: {paths['html']}  (also {paths['json'].name}, {paths['md'].name})")
