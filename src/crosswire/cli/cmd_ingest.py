"""``crosswire ingest``: read, clean and store articles without analysing them."""

from __future__ import annotations

import click

from ..engines.local import ingest_into_store
from ..store import Store
from .base import RichReporter, db_option, friendly_errors, main
from .output import print_accounting


@main.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@db_option()
@click.option("-q", "--quiet", is_flag=True, help="No progress bars.")
@friendly_errors
def ingest_command(inputs: tuple[str, ...], db: str, quiet: bool) -> None:
    """Read INPUTS (files, directories, globs, URLs) into the store, cleaned, without analysis.

    Every input ends as an article or as a rejection with a reason; the accounting is printed.
    Ingesting the same input again adds nothing. Follow with `crosswire stories --update` or
    `crosswire analyze`.
    """
    with Store(db) as store, RichReporter(quiet) as reporter:
        result = ingest_into_store(inputs, store, reporter=reporter)
    print_accounting(result.read, result.accepted, result.rejections, result.added, result.already_stored)
