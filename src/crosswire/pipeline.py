"""The stages in order, each declaring what it needs and what it provides.

A :class:`Pipeline` is checked before it runs: every need of a stage must be provided by the
input or by an earlier stage, otherwise :class:`~crosswire.errors.PipelineError`. A stage is a
function ``run(batch, settings, advance) -> dict`` over a *batch*, a dict of named artefacts:

=============  =======================================================================
artefact       what it holds
=============  =======================================================================
inputs         paths, globs and URLs to read
documents      :class:`~crosswire.model.Document` records as read
rejections     :class:`~crosswire.model.Rejection` records, from every stage
articles       cleaned :class:`~crosswire.model.Article` records
reuse          :class:`~crosswire.model.ReuseLink` records
families       :class:`~crosswire.model.Family` records
stories        :class:`~crosswire.model.Story` records
evidence       ``{story_id: Evidence}``: entities, quotes and claims per story
alignment      ``{story_id: Alignment}``: claim groups with support, conflicts
summaries      ``{story_id: Summary}``: cited summary sentences and timeline
dossiers       ``{story_id: dict}``: dossiers as JSON-ready dicts (validated)
seen_articles  (optional) ids of articles an earlier dossier covered: turns on update summaries
llm_chat       (optional) an OpenAI-compatible chat client: turns on the verified LLM summary
=============  =======================================================================

The ingest stage is the only one that reads files or the network; it lives in
:mod:`crosswire.ingest` and the engines put it in front of the pure stages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from .errors import PipelineError
from .settings import Settings

Batch = dict[str, Any]
Advance = Callable[[int], None]
T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Stage:
    """One step: a name, the artefacts it needs and provides, and the function that runs it."""

    name: str
    needs: tuple[str, ...]
    provides: tuple[str, ...]
    run: Callable[[Batch, Settings, Advance], Batch]
    size: Callable[[Batch], int] = lambda batch: 1
    """How many units the progress bar of this stage counts (articles, stories …)."""
    optional: tuple[str, ...] = ()
    """Artefacts the stage uses when present but does not need (never checked)."""


class Reporter:
    """Receives progress; the default one is silent. The CLI passes a rich progress bar."""

    @contextmanager
    def stage(self, name: str, total: int) -> Iterator[Advance]:
        yield lambda n: None


class InProcess:
    """Runs a function over independent chunks of work, here and in order. An engine that spreads
    the chunks over workers (:class:`crosswire.engines.spark.SparkExecutor`) gives the same results."""

    parallel = False

    def split(self, items: Sequence[T]) -> list[Sequence[T]]:
        """``items`` cut into the chunks this executor runs: here, one."""
        return [items] if items else []

    def map(self, fn: Callable[[T], R], chunks: Sequence[T], advance: Advance | None = None,
            sizes: Sequence[int] | None = None) -> list[R]:
        """``[fn(chunk) for chunk in chunks]``; ``advance(sizes[k])`` as chunk ``k`` is done."""
        results = []
        for k, chunk in enumerate(chunks):
            results.append(fn(chunk))
            if advance:
                advance(sizes[k] if sizes else 1)
        return results


class Pipeline:
    """Stages in order, checked to fit together."""

    def __init__(self, stages: list[Stage]) -> None:
        self.stages = list(stages)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def check(self, given: tuple[str, ...]) -> None:
        """Raise :class:`PipelineError` if a stage needs an artefact nothing before it provides."""
        available = set(given)
        for stage in self.stages:
            missing = [need for need in stage.needs if need not in available]
            if missing:
                raise PipelineError(
                    f"stage {stage.name!r} needs {', '.join(missing)}, which no earlier stage provides "
                    f"(available: {', '.join(sorted(available))})"
                )
            available.update(stage.provides)

    def run(
        self,
        batch: Batch,
        settings: Settings,
        reporter: Reporter | None = None,
        after: Callable[[Stage, Batch], None] | None = None,
    ) -> Batch:
        """Run the stages in order over ``batch``; ``after(stage, batch)`` runs after each stage."""
        self.check(tuple(batch))
        reporter = reporter or Reporter()
        for stage in self.stages:
            with reporter.stage(stage.name, stage.size(batch)) as advance:
                output = stage.run(batch, settings, advance)
            unexpected = set(output) - set(stage.provides)
            if unexpected:
                raise PipelineError(f"stage {stage.name!r} returned undeclared {', '.join(sorted(unexpected))}")
            batch.update(output)
            if after:
                after(stage, batch)
        return batch


def pure_stages() -> list[Stage]:
    """The stages after ingestion, all pure, in order:

    1. clean: documents → articles (and rejections for bodies that cleaning empties)
    2. provenance: articles → reuse links and origin families
    3. stories: articles, families → stories (and inferred dates for undated articles)
    4. extract: articles, stories → entities, quotes and claims per story
    5. align: evidence, families → claim groups with support, single-source claims, conflicts
    6. summarize: alignment → cited summary and timeline per story
    7. report: everything → one validated dossier per story
    """
    from . import align, clean, extract, provenance, report, stories, summarize

    def count(name: str) -> Callable[[Batch], int]:
        return lambda batch: len(batch.get(name) or ())

    return [
        Stage("clean", ("documents", "rejections"), ("articles", "rejections"), clean.run_stage, count("documents")),
        Stage("provenance", ("articles",), ("reuse", "families"), provenance.run_stage, count("articles")),
        Stage("stories", ("articles", "families"), ("stories", "articles"), stories.run_stage, count("articles")),
        Stage("extract", ("articles", "stories"), ("evidence",), extract.run_stage, count("articles")),
        Stage("align", ("articles", "stories", "evidence", "families"), ("alignment",), align.run_stage,
              count("stories")),
        Stage("summarize", ("articles", "stories", "evidence", "alignment", "families"), ("summaries",),
              summarize.run_stage, count("stories"), optional=("seen_articles", "llm_chat")),
        Stage("report", ("articles", "stories", "reuse", "families", "evidence", "alignment", "summaries"),
              ("dossiers",), report.run_stage, count("stories")),
    ]
