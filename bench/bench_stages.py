"""Time every pipeline stage on a corpus of real articles built from ../shared/eval.

    python bench/bench_stages.py [--eval ../shared/eval] [--n 1000] [--repeat 3]

Builds a JSONL corpus of ``n`` distinct articles (ECB+ articles, then DUC documents), runs
``crosswire.analyze`` on it ``repeat`` times into a fresh store, and prints the median seconds
and docs/s of each stage. Figures go into BENCHMARKS.md with this command.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from crosswire import analyze
from crosswire.eval import default_eval_root
from crosswire.pipeline import Reporter


def build_corpus(eval_root: Path, n: int, path: Path) -> int:
    """Write up to ``n`` distinct real articles as JSONL; return how many were written."""
    texts: list[dict] = []
    seen: set[str] = set()
    for line in (eval_root / "ecbplus" / "articles.jsonl").open(encoding="utf-8"):
        record = json.loads(line)
        if record["text"] not in seen:
            seen.add(record["text"])
            texts.append({"text": record["text"], "title": None, "url": f"https://ecb.example/{record['id']}"})
    for name in ("duc2006.jsonl", "duc2007_update.jsonl"):
        for line in (eval_root / "duc" / name).open(encoding="utf-8"):
            for i, doc in enumerate(json.loads(line)["docs"]):
                if doc not in seen:
                    seen.add(doc)
                    texts.append({"text": doc, "url": f"https://duc.example/{name}/{len(texts)}/{i}"})
    with path.open("w", encoding="utf-8") as out:
        for record in texts[:n]:
            out.write(json.dumps(record) + "\n")
    return min(n, len(texts))


class TimingReporter(Reporter):
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.units: dict[str, int] = {}

    @contextmanager
    def stage(self, name, total):
        start = time.perf_counter()
        yield lambda k: None
        self.seconds[name] = time.perf_counter() - start
        self.units[name] = total
        print(f"  {name}: {self.seconds[name]:.1f} s", file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=default_eval_root())
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not (args.eval / "ecbplus").exists():
        sys.exit(f"evaluation data not found at {args.eval}")
    runs: list[TimingReporter] = []
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        count = build_corpus(args.eval, args.n, corpus)
        for i in range(args.repeat):
            reporter = TimingReporter()
            result = analyze([str(corpus)], db=Path(tmp) / f"run{i}.duckdb", reporter=reporter)
            runs.append(reporter)
    print(f"corpus: {count} articles; accepted {result.accepted}, rejected {result.rejected}, "
          f"stories {len(result.dossiers)}; {args.repeat} runs, medians")
    print(f"{'stage':<12}{'seconds':>10}{'docs/s':>12}")
    total = 0.0
    for name in runs[0].seconds:
        seconds = statistics.median(r.seconds[name] for r in runs)
        total += seconds
        print(f"{name:<12}{seconds:>10.2f}{count / seconds if seconds else float('inf'):>12.1f}")
    print(f"{'total':<12}{total:>10.2f}{count / total:>12.1f}")


if __name__ == "__main__":
    main()
