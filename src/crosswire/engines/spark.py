"""The Spark engine: the local engine's run with its independent chunks of work spread over a
Spark cluster, for corpora too large for one process.

Three kinds of work split into independent chunks, and they are most of a run's time: cleaning
documents, aligning the passages of candidate article pairs (provenance), and extract → align →
summarize → report, which read one story at a time. Those run as Spark tasks, largest story
first. What needs every article at once stays on the driver, as in the local engine: reading the
inputs (and their accounting), the store (DuckDB), the LSH index, origin families and story
clustering. So the dossiers are the local engine's, and re-running changes nothing.

``master`` is any Spark master URL; the default ``local[*]`` runs one worker process per core of
this machine. On a cluster, every worker needs the same Python environment (crosswire and its
model packages installed) and Java 17 or newer, as the driver does.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from ..errors import ConfigError
from ..pipeline import Advance, InProcess, Reporter
from ..settings import Settings
from . import local

T = TypeVar("T")
R = TypeVar("R")

DEFAULT_MASTER = "local[*]"
CHUNKS_PER_WORKER = 4
"""Cleaning and pair alignment are cut into this many chunks per worker slot, so that a slow
chunk does not hold the others back and few articles are read twice (pairs of one chunk share them)."""
_POLL_SECONDS = 0.5


class SparkExecutor(InProcess):
    """Runs a function over chunks of work as Spark tasks (one task per chunk), results in order."""

    parallel = True

    def __init__(self, context: Any, threads_per_task: int | None = None) -> None:
        self.context = context
        self.slots = max(1, int(context.defaultParallelism))
        self.threads_per_task = threads_per_task or _threads_per_task(context)
        self.task_seconds: list[list[float]] = []
        """Per :meth:`map` call, how long each task's function ran on its worker (in chunk order)."""

    def split(self, items: Sequence[T]) -> list[Sequence[T]]:
        """``items`` cut into at most :data:`CHUNKS_PER_WORKER` × slots contiguous chunks of near-equal size."""
        n = min(len(items), CHUNKS_PER_WORKER * self.slots)
        if n == 0:
            return []
        size, extra = divmod(len(items), n)
        cuts = [k * size + min(k, extra) for k in range(n + 1)]
        return [items[cuts[k]: cuts[k + 1]] for k in range(n)]

    def map(self, fn: Callable[[T], R], chunks: Sequence[T], advance: Advance | None = None,
            sizes: Sequence[int] | None = None) -> list[R]:
        """``[fn(chunk) for chunk in chunks]``, one Spark task per chunk; ``advance`` follows the tasks
        as they finish (their mean size each, the rest at the end)."""
        chunks = list(chunks)
        if not chunks:
            return []
        sizes = list(sizes) if sizes else [1] * len(chunks)
        rdd = self.context.parallelize(chunks, len(chunks)).map(_OnWorker(fn, self.threads_per_task))
        group = f"crosswire-{uuid.uuid4().hex[:12]}"
        outcome: dict[str, Any] = {}

        def collect() -> None:
            try:
                self.context.setJobGroup(group, "crosswire", interruptOnCancel=True)
                outcome["results"] = rdd.collect()
            except Exception as error:  # noqa: BLE001 - re-raised on the caller's thread below
                outcome["error"] = error

        from pyspark import InheritableThread

        worker = InheritableThread(target=collect, name=group, daemon=True)
        worker.start()
        reported = 0.0
        mean = sum(sizes) / len(chunks)
        try:
            while worker.is_alive():
                worker.join(_POLL_SECONDS)
                done = self._finished_tasks(group)
                if advance and done * mean - reported >= 1:
                    step = int(done * mean - reported)
                    advance(step)
                    reported += step
        except KeyboardInterrupt:
            self.context.cancelJobGroup(group)
            raise
        if "error" in outcome:
            raise ConfigError(f"a Spark task failed: {_spark_message(outcome['error'])}") from outcome["error"]
        if advance and sum(sizes) > reported:
            advance(int(sum(sizes) - reported))
        self.task_seconds.append([seconds for seconds, _ in outcome["results"]])
        return [result for _, result in outcome["results"]]

    def _finished_tasks(self, group: str) -> int:
        tracker = self.context.statusTracker()
        done = 0
        for job in tracker.getJobIdsForGroup(group):
            info = tracker.getJobInfo(job)
            for stage in info.stageIds if info else ():
                stage_info = tracker.getStageInfo(stage)
                done += stage_info.numCompletedTasks if stage_info else 0
        return done


class _OnWorker:
    """``fn`` wrapped for a worker: each call first caps the threads torch may use in that worker
    process, so that the worker processes of one machine do not oversubscribe its cores."""

    def __init__(self, fn: Callable, threads: int) -> None:
        self.fn = fn
        self.threads = threads

    def __call__(self, chunk) -> tuple[float, Any]:
        """How long ``fn`` ran, and what it returned."""
        import torch  # ships with the embedding model

        if torch.get_num_threads() != self.threads:
            torch.set_num_threads(self.threads)
        start = time.perf_counter()
        result = self.fn(chunk)
        return time.perf_counter() - start, result


def _threads_per_task(context: Any) -> int:
    """In local mode the workers share this machine's cores; on a cluster each task gets one core
    per ``spark.task.cpus``."""
    if str(context.master).startswith("local"):
        return max(1, (os.cpu_count() or 1) // max(1, int(context.defaultParallelism)))
    return max(1, int(context.getConf().get("spark.task.cpus", "1")))


def _spark_message(error: BaseException) -> str:
    """The last line of a worker's Python traceback (what went wrong), not the JVM's stack."""
    text = str(error).strip()
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith(("\tat ", "  at "))]
    python = [line for line in lines if "Error" in line or "Exception" in line]
    return (python[-1] if python else lines[-1] if lines else type(error).__name__).strip()[:500]


@contextmanager
def spark_context(master: str | None = None, app_name: str = "crosswire") -> Iterator[Any]:
    """A SparkContext on ``master`` (default :data:`DEFAULT_MASTER`, or ``CROSSWIRE_SPARK_MASTER``),
    quiet and offline: no web UI, logs at ERROR. A context that is already running is used as it
    is and left running; one started here is stopped on exit.

    Raises:
        ConfigError: pyspark is not installed, or Java is missing or too old to start it.
    """
    try:
        from pyspark import SparkConf, SparkContext
    except ImportError as error:
        raise ConfigError("the Spark engine needs pyspark: pip install 'crosswire[spark]'") from error
    running = SparkContext._active_spark_context
    if running is not None:
        yield running
        return
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        raise ConfigError("the Spark engine needs Java 17 or newer (e.g. apt-get install openjdk-17-jre-headless)")
    master = master or os.environ.get("CROSSWIRE_SPARK_MASTER") or DEFAULT_MASTER
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    log_config = Path(__file__).with_name("spark-log4j2.properties")
    conf = (SparkConf().setMaster(master).setAppName(app_name)
            .set("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile=file:{log_config}")
            .set("spark.ui.enabled", "false")
            .set("spark.ui.showConsoleProgress", "false")
            .set("spark.python.worker.reuse", "true"))
    if master.startswith("local"):
        conf = conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
    try:
        context = SparkContext(conf=conf)
    except Exception as error:  # the JVM did not start: Java missing, too old, or no memory
        raise ConfigError(f"Spark did not start on {master!r}: {_spark_message(error)}") from error
    try:
        yield context
    finally:
        context.stop()


def analyze(
    inputs: Iterable[str],
    db: str | Path = ":memory:",
    out: str | Path | None = None,
    settings: Settings | None = None,
    reporter: Reporter | None = None,
    fresh: bool = False,
    master: str | None = None,
    context: Any | None = None,
) -> local.AnalyzeResult:
    """:func:`crosswire.engines.local.analyze` with its chunks of work run on Spark.

    Args:
        master: the Spark master URL (default ``local[*]``); ignored when ``context`` is given.
        context: a running SparkContext to use (it is left running).

    Returns:
        The same accounting and dossiers as the local engine.

    Raises:
        ConfigError: pyspark or Java is missing, Spark did not start, or a task failed.
        InputError: an input path that does not exist, or a glob that matches nothing.
    """
    if context is not None:
        return local.analyze(inputs, db, out, settings, reporter, fresh, SparkExecutor(context))
    with spark_context(master) as started:
        return local.analyze(inputs, db, out, settings, reporter, fresh, SparkExecutor(started))
