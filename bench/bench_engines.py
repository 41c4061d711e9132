"""The Spark engine against the local engine on the same corpus, in the same run.

    python bench/bench_engines.py [--eval ../shared/eval] [--n 150] [--masters local[2]] [--repeat 2]

Builds a JSONL corpus of ``n`` distinct real articles (ECB+ articles, then DUC documents, as
``bench_stages.py`` does) and analyses it into a fresh store with each engine, each run in its own
Python process so that both start cold (models loaded, and for Spark its JVM and worker processes
started); the engines take turns going first. ``--masters local[1],local[2]`` runs Spark once per
master, which shows how the Spark run scales with its worker slots. Prints per run the median
seconds of the whole run and of each stage, the peak memory of the run's process tree (the JVM
and Spark's Python workers included), the local / Spark ratios, for each Spark run the work of
its per-story tasks (the sum of their times, the longest one), and whether every run wrote the
local engine's dossiers.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_stages import TimingReporter, build_corpus

from crosswire.eval import default_eval_root


def one_run(engine: str, corpus: str, db: str, master: str, report: str, threads: int | None = None) -> None:
    """Analyse ``corpus`` with ``engine`` (in this process) and write times and dossiers to ``report``."""
    from crosswire.engines import local, spark

    reporter = TimingReporter()
    tasks: list[list[float]] = []
    start = time.perf_counter()
    if engine == "spark":
        with spark.spark_context(master) as context:
            executor = spark.SparkExecutor(context, threads)
            result = local.analyze([corpus], db=db, reporter=reporter, executor=executor)
            tasks = executor.task_seconds
    else:
        result = local.analyze([corpus], db=db, reporter=reporter)
    seconds = time.perf_counter() - start
    Path(report).write_text(json.dumps({
        "seconds": seconds, "stages": reporter.seconds, "read": result.read, "accepted": result.accepted,
        "story_tasks": tasks[-1] if tasks else [],
        "dossiers": {sid: json.dumps(d, sort_keys=True) for sid, d in result.dossiers.items()},
    }))


def _tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            parents[int(entry)] = int(fields[1])
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [p for p, parent in parents.items() if parent == pid and p not in tree]
        tree.update(children)
        frontier.extend(children)
    return sum(rss.get(p, 0) for p in tree)


def timed(engine: str, corpus: Path, tmp: Path, master: str, k: int, threads: int | None = None) -> dict:
    name = f"{engine}-{master.replace('[', '').replace(']', '').replace('*', 'all')}-{k}"
    report = tmp / f"{name}.json"
    command = [sys.executable, __file__, "--one", engine, "--corpus", str(corpus), "--db",
               str(tmp / f"{name}.duckdb"), "--master", master, "--report", str(report)]
    if threads:
        command += ["--threads-per-task", str(threads)]
    process = subprocess.Popen(command, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss(process.pid))
        time.sleep(0.2)
    if process.returncode:
        sys.exit(f"the {engine} run failed (exit {process.returncode})")
    return {**json.loads(report.read_text()), "peak": peak}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=default_eval_root())
    parser.add_argument("--n", type=int, default=150)
    parser.add_argument("--masters", default="local[2]", help="Spark master URLs, comma-separated")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--threads-per-task", type=int, default=None,
                        help="torch threads in each Spark worker (default: the cores over the worker slots); "
                             "1 with local[1],local[2] measures how the task split alone scales")
    parser.add_argument("--one", choices=["local", "spark"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--report", help=argparse.SUPPRESS)
    parser.add_argument("--master", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one_run(args.one, args.corpus, args.db, args.master, args.report, args.threads_per_task)
        return
    if not (args.eval / "ecbplus").exists():
        sys.exit(f"evaluation data not found at {args.eval}")
    masters = [m.strip() for m in args.masters.split(",") if m.strip()]
    names = ["local"] + [f"spark {m}" for m in masters]
    runs: dict[str, list[dict]] = {name: [] for name in names}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        count = build_corpus(args.eval, args.n, corpus)
        for k in range(args.repeat):
            for name in (names if k % 2 == 0 else names[::-1]):
                print(f"run {k + 1}/{args.repeat}: {name}", file=sys.stderr, flush=True)
                engine, _, master = name.partition(" ")
                runs[name].append(timed(engine, corpus, Path(tmp), master or "local", k, args.threads_per_task))
    base = runs["local"][0]["dossiers"]
    stories = len(base)
    print(f"corpus: {count} articles, {stories} stories; {os.cpu_count()} cores; "
          f"{args.repeat} run(s) per engine, each in a fresh process, medians")
    print(f"{'':<38}" + "".join(f"{n:>16}" for n in names))
    stages = list(dict.fromkeys(stage for rs in runs.values() for r in rs for stage in r["stages"]))
    for stage in ["total"] + stages:
        cells = []
        for name in names:
            values = [r["seconds"] if stage == "total" else r["stages"].get(stage) for r in runs[name]]
            cells.append(statistics.median(values) if None not in values else None)
        print(f"{stage + ' (s)':<38}" + "".join(f"{c:>16.1f}" if c is not None else f"{'—':>16}" for c in cells))
    totals = [statistics.median(r["seconds"] for r in runs[name]) for name in names]
    print(f"{'local / this run, total':<38}" + "".join(f"{totals[0] / t:>15.2f}×" for t in totals))
    peaks = [statistics.median(r["peak"] for r in runs[name]) / 2**30 for name in names]
    print(f"{'peak memory, process tree (GiB)':<38}" + "".join(f"{p:>16.2f}" for p in peaks))
    for name in names[1:]:
        work = statistics.median(sum(r["story_tasks"]) for r in runs[name])
        longest = statistics.median(max(r["story_tasks"], default=0) for r in runs[name])
        print(f"{name}: per-story tasks {work:.1f} s of work in all, the longest {longest:.1f} s")
    same = {name: sum(r["dossiers"] == base for r in runs[name]) for name in names}
    print("runs that wrote the local engine's dossiers: "
          + ", ".join(f"{name} {same[name]} of {args.repeat}" for name in names)
          + f" ({stories} stories, {sum(len(d) for d in base.values()):,} JSON characters)")


if __name__ == "__main__":
    main()
