"""``crosswire stories``: group stored articles into stories (batch, or ``--update`` online)."""

from __future__ import annotations

import dataclasses

import click

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


@main.command("stories")
@db_option()
@config_option()
@engine_options("align the passages of candidate article pairs (provenance)")
@click.option("--update", is_flag=True,
              help="Only assign articles that have no story yet (online clustering); ids never change.")
@click.option("--window-days", type=click.IntRange(min=0), default=None,
              help="Time window in days (default: the stories.window_days setting, 90, or "
                   "cheap_window_days, 7, without the sentence encoder).")
@click.option("--history", "show_history", is_flag=True, help="Print the story history recorded by this run.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars.")
@friendly_errors
def stories_command(db: str, config: str | None, engine: str, spark_master: str | None, update: bool,
                    window_days: int | None, show_history: bool, quiet: bool) -> None:
    """Group the articles in the store into stories, one per real-world event.

    Without --update every stored article is clustered again and the new clusters inherit the
    ids of the stories they overlap most; merges and splits are recorded as history. With
    --update, articles added since the last run (e.g. by `crosswire ingest`) are assigned to
    the best story in their time window, or open a new one.

    Either way, articles not compared yet are first checked for text reuse against the store
    (provenance), so that near-duplicates always share a story, as `crosswire analyze` ensures.
    """
    from ..engines.local import refresh_provenance
    from ..store import Store
    from ..store.stories_state import recluster_stories, update_stories

    settings = load_settings(config)
    if window_days is not None:
        stories = dataclasses.replace(settings.stories, window_days=window_days, cheap_window_days=window_days)
        settings = dataclasses.replace(settings, stories=stories)
    with engine_executor(engine, spark_master) as executor, Store(db) as store, RichReporter(quiet) as reporter:
        refresh_provenance(store, settings, reporter, executor)
        count = store.count("articles")
        with reporter.stage("stories", count) as advance:
            run = update_stories if update else recluster_stories
            result = run(store, settings.stories)
            advance(count)
    kinds: dict[str, int] = {}
    for event in result.events:
        kinds[event.kind] = kinds.get(event.kind, 0) + 1
    click.echo(f"{'assigned' if update else 'clustered'} {result.assigned} articles; "
               f"{len(result.stories)} stories; history: "
               + (", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "no change"))
    for story in result.stories[:20]:
        click.echo(f"  {story.id}  {len(story.article_ids):>4}  {story.title[:80]}")
    if show_history:
        for event in result.events:
            other = f" ← {event.other_id}" if event.other_id else ""
            click.echo(f"  #{event.seq} {event.kind} {event.story_id}{other} ({len(event.article_ids)} articles)")
