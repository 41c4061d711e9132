"""``crosswire ingest``: read, clean and store articles without analysing them."""

from __future__ import annotations

import click

from ..engines.local import ingest_into_store
from ..store import Store
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


@main.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@db_option()
@config_option()
@engine_options("clean the documents")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars.")
@friendly_errors
def ingest_command(inputs: tuple[str, ...], db: str, config: str | None, engine: str, spark_master: str | None,
                   quiet: bool) -> None:
    """Read INPUTS (files, directories, globs, URLs) into the store, cleaned, without analysis.

    Every input ends as an article or as a rejection with a reason; the accounting is printed.
    Ingesting the same input again adds nothing. Follow with `crosswire stories --update` or
    `crosswire analyze`; use the same --config for all of them.
    """
    settings = load_settings(config)
    with engine_executor(engine, spark_master) as executor, Store(db) as store, RichReporter(quiet) as reporter:
        result = ingest_into_store(inputs, store, settings, reporter=reporter, executor=executor)
    print_accounting(result.read, result.accepted, result.rejections, result.added, result.already_stored)
