"""Re-running over a growing store: only the stories whose inputs changed, against analysing all.

    python bench/bench_rerun.py [--eval ../shared/eval] [--n 200] [--new 10]

Builds the corpus of ``bench/bench_stages.py`` (``n`` real articles: ECB+, then DUC), analyses the
first ``n - new`` into a store, then adds the last ``new`` articles to two copies of that store:

* **incremental**: ``crosswire.analyze`` as shipped — stories whose inputs (articles, provenance,
  settings, code) are those of their stored dossier keep it;
* **fresh**: the same call with ``fresh=True``, every story analysed again (the peer: what every
  re-run cost before).

Both copies see the same machine load, one after the other. Prints seconds, the ratio, how many
stories each analysed, and whether the two runs wrote the same dossiers (they must).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_stages import build_corpus

import crosswire
from crosswire.eval import default_eval_root


def _split(corpus: Path, new: int, folder: Path) -> tuple[Path, Path]:
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    old, added = folder / "old.jsonl", folder / "new.jsonl"
    old.write_text("".join(lines[:-new]), encoding="utf-8")
    added.write_text("".join(lines[-new:]), encoding="utf-8")
    return old, added


def _timed(paths: list[Path], db: Path, fresh: bool) -> tuple[float, crosswire.AnalyzeResult]:
    start = time.perf_counter()
    result = crosswire.analyze([str(p) for p in paths], db=db, fresh=fresh)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval", type=Path, default=default_eval_root())
    parser.add_argument("--n", type=int, default=200, help="articles in all")
    parser.add_argument("--new", type=int, default=10, help="articles added by the re-run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        written = build_corpus(args.eval, args.n, folder / "corpus.jsonl")
        old, added = _split(folder / "corpus.jsonl", args.new, folder)
        base = folder / "base.duckdb"
        first, result = _timed([old], base, fresh=False)
        print(f"first run: {written - args.new} articles, {len(result.dossiers)} stories, {first:.1f} s", flush=True)
        runs = {}
        for name, fresh in (("incremental", False), ("fresh", True)):
            db = folder / f"{name}.duckdb"
            shutil.copy(base, db)
            runs[name] = _timed([added], db, fresh)
            seconds, result = runs[name]
            print(f"{name}: +{result.added} articles, {len(result.dossiers)} stories, "
                  f"{len(result.dossiers) - len(result.reused)} analysed, {seconds:.1f} s", flush=True)
        same = runs["incremental"][1].dossiers == runs["fresh"][1].dossiers
        ratio = runs["fresh"][0] / runs["incremental"][0]
        print(json.dumps({"fresh_over_incremental": round(ratio, 2), "same_dossiers": same}))


if __name__ == "__main__":
    main()
