"""The command group, shared options and error handling."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Self

import click

from .. import __version__
from ..errors import CrosswireError
from ..pipeline import Reporter


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="crosswire")
def main() -> None:
    """crosswire: cross-check the news.

    Ingest reports of an event, find who copied whom, group them into stories, extract
    entities, quotes and claims, align claims across sources and write a cited dossier per story.

    Start with:  crosswire analyze examples/seeds --out dossiers
    """


@main.group("eval")
def eval_group() -> None:
    """Measure crosswire on human-labelled evaluation data (e.g. ../shared/eval)."""


def db_option(default: str = "crosswire.duckdb") -> Callable:
    return click.option(
        "--db", default=default, show_default=True, type=click.Path(dir_okay=False),
        help="The DuckDB store file.",
    )


def config_option() -> Callable:
    return click.option(
        "--config", "config", type=click.Path(exists=True, dir_okay=False), default=None,
        help="A TOML file of settings, [section] name = value (see `crosswire settings`).",
    )


def engine_options(work: str) -> Callable:
    """``--engine`` and ``--spark-master``; ``work`` says what the Spark engine runs as tasks."""

    def decorate(func: Callable) -> Callable:
        func = click.option("--spark-master", metavar="URL", default=None,
                            help="Spark master for --engine spark (default: $CROSSWIRE_SPARK_MASTER, else "
                                 "local[*], one worker per core).")(func)
        return click.option("--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True,
                            help=f"local: this process. spark: {work} as Spark tasks (needs pyspark, from "
                                 "the 'spark' extra, and Java 17+); the results are the same.")(func)

    return decorate


@contextmanager
def engine_executor(engine: str, spark_master: str | None) -> Iterator[object | None]:
    """The executor ``--engine`` asks for: ``None`` (this process) or one over a Spark context,
    started here and stopped on exit."""
    if spark_master and engine != "spark":
        raise click.UsageError("--spark-master needs --engine spark")
    if engine != "spark":
        yield None
        return
    from ..engines.spark import SparkExecutor, spark_context

    with spark_context(spark_master) as context:
        yield SparkExecutor(context)


def load_settings(path: str | None):
    """Settings from a TOML file (unknown names are an error), or the defaults."""
    import tomllib

    from ..errors import ConfigError
    from ..settings import Settings

    if path is None:
        return Settings()
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    return Settings.from_mapping(data)


def friendly_errors(func: Callable) -> Callable:
    """Turn crosswire's own errors into ``Error: …`` and exit code 2 instead of a traceback."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except CrosswireError as exc:
            click.secho(f"Error: {exc}", fg="red", err=True)
            sys.exit(2)

    return wrapper


class RichReporter(Reporter):
    """One rich progress bar per stage, on stderr."""

    def __init__(self, quiet: bool = False) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(
            TextColumn("[bold]{task.description:<11}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=Console(stderr=True), disable=quiet, transient=False,
        )

    def __enter__(self) -> Self:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    @contextmanager
    def stage(self, name: str, total: int) -> Iterator[Callable[[int], None]]:
        task = self.progress.add_task(name, total=max(total, 1))
        yield lambda n: self.progress.advance(task, n)
        self.progress.update(task, completed=max(total, 1))


@contextmanager
def eval_progress(what: str) -> Iterator[Callable[[str], None]]:
    """A spinner on stderr naming the item an evaluation is working on, and how many are done."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), TextColumn("{task.completed} done"),
                  TimeElapsedColumn(), console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(what, total=None)
        yield lambda item: progress.update(task, advance=1, description=f"{what}: {item}")
