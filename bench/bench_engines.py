"""The Spark engine against the local engine on the same corpus, in the same run.

    python bench/bench_engines.py [--eval ../shared/eval] [--n 150] [--master local[2]] [--repeat 2]

Builds a JSONL corpus of ``n`` distinct real articles (ECB+ articles, then DUC documents, as
``bench_stages.py`` does) and analyses it into a fresh store with each engine, each run in its own
Python process so that both start cold (models loaded, and for Spark its JVM and worker processes
started); the engines take turns going first. Prints per engine the median seconds of the whole
run and of each stage, the peak memory of the run's process tree (the JVM and Spark's Python
workers included), the local / Spark ratio, and whether the two engines wrote identical dossiers.
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


def one_run(engine: str, corpus: str, db: str, master: str, report: str) -> None:
    """Analyse ``corpus`` with ``engine`` (in this process) and write times and dossiers to ``report``."""
    import crosswire
    from crosswire.engines import spark

    reporter = TimingReporter()
    start = time.perf_counter()
    if engine == "spark":
        result = spark.analyze([corpus], db=db, reporter=reporter, master=master)
    else:
        result = crosswire.analyze([corpus], db=db, reporter=reporter)
    seconds = time.perf_counter() - start
    Path(report).write_text(json.dumps({
        "seconds": seconds, "stages": reporter.seconds, "read": result.read, "accepted": result.accepted,
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


def timed(engine: str, corpus: Path, tmp: Path, master: str, k: int) -> dict:
    report = tmp / f"{engine}-{k}.json"
    command = [sys.executable, __file__, "--one", engine, "--corpus", str(corpus), "--db",
               str(tmp / f"{engine}-{k}.duckdb"), "--master", master, "--report", str(report)]
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
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--one", choices=["local", "spark"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--report", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one_run(args.one, args.corpus, args.db, args.master, args.report)
        return
    if not (args.eval / "ecbplus").exists():
        sys.exit(f"evaluation data not found at {args.eval}")
    runs: dict[str, list[dict]] = {"local": [], "spark": []}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        count = build_corpus(args.eval, args.n, corpus)
        for k in range(args.repeat):
            for engine in (("local", "spark") if k % 2 == 0 else ("spark", "local")):
                print(f"run {k + 1}/{args.repeat}: {engine}", file=sys.stderr, flush=True)
                runs[engine].append(timed(engine, corpus, Path(tmp), args.master, k))
    same = sum(a["dossiers"] == b["dossiers"] for a, b in zip(runs["local"], runs["spark"]))
    stories = len(runs["local"][0]["dossiers"])
    print(f"corpus: {count} articles, {stories} stories; Spark master {args.master}; {os.cpu_count()} cores; "
          f"{args.repeat} runs per engine, each in a fresh process, medians")
    print(f"{'':<34}{'local':>10}{'spark':>10}{'local/spark':>13}")
    stages = list(dict.fromkeys(name for engine in runs.values() for r in engine for name in r["stages"]))
    for name in ["total"] + stages:
        cells = []
        for engine in ("local", "spark"):
            values = [r["seconds"] if name == "total" else r["stages"].get(name) for r in runs[engine]]
            cells.append(statistics.median(values) if None not in values else None)
        ratio = f"{cells[0] / cells[1]:.2f}×" if None not in cells and cells[1] else ""
        shown = [f"{c:.1f}" if c is not None else "—" for c in cells]
        print(f"{name + ' (s)':<34}{shown[0]:>10}{shown[1]:>10}{ratio:>13}")
    peaks = [statistics.median(r["peak"] for r in runs[e]) / 2**30 for e in ("local", "spark")]
    print(f"{'peak memory, process tree (GiB)':<34}{peaks[0]:>10.2f}{peaks[1]:>10.2f}{peaks[0] / peaks[1]:>12.2f}×")
    print(f"identical dossiers: {same} of {args.repeat} run pairs "
          f"({stories} stories, {sum(len(d) for d in runs['local'][0]['dossiers'].values()):,} JSON characters)")


if __name__ == "__main__":
    main()
