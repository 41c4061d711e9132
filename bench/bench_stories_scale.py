"""Stories at scale: batch clustering of 10k, 30k and 100k articles on this machine.

Usage::

    python bench/bench_stories_scale.py ../shared/eval --sizes 10000 30000 100000

Articles are real news texts (ECB+, DUC 2006, PolNeAR) re-mixed into synthetic events: an event
takes a real text, replaces its names and numbers with the event's own (so two events built on
one text are look-alikes that differ in who, where and how many), and gets a date; each of its
articles keeps the lead, drops and shuffles some later sentences, drops words, and is dated
within three days of the event. Gold events are known, so quality is scored too.

Each size runs in its own process (peak RSS per size). Features use the cheap path
(``dense_model=None``: TF-IDF + entity proxy, no MiniLM: the encoder runs at a few dozen
articles a second on these 2 cores, see the printed ``minilm_docs_per_s``). The peer in the same
run is the same clustering with exact brute-force neighbours instead of the LSH index.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import math
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

_NAME = re.compile(r"\b[A-Z][a-z]{2,}\b")
_NUMBER = re.compile(r"\b\d[\d,.]*\b")
_SYLLABLES = ["ka", "lo", "mi", "ra", "ten", "vo", "shi", "dan", "pe", "ru", "zel", "na", "bor", "qui", "ma"]


def pool_texts(root: Path) -> list[str]:
    """Real article texts from the evaluation folder (never copied into the project)."""
    texts = [json.loads(line)["text"] for line in (root / "ecbplus" / "articles.jsonl").open()]
    duc = root / "duc" / "duc2006.jsonl"
    if duc.is_file():
        texts += [d for line in duc.open() for d in json.loads(line)["docs"]]
    texts += [p.read_text(errors="replace") for p in sorted((root / "polnear").glob("*/text/*.txt"))]
    return [t for t in texts if len(t) > 400]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def event_text(base: str, rng: random.Random) -> str:
    """``base`` with its names and numbers replaced, consistently, by the event's own."""
    names: dict[str, str] = {}
    numbers: dict[str, str] = {}

    def name(m: re.Match) -> str:
        word = m.group()
        if m.start() == 0 or base[max(0, m.start() - 2):m.start()].strip() in {".", "!", "?"}:
            return word
        return names.setdefault(word, _name(rng))

    text = _NAME.sub(name, base)
    return _NUMBER.sub(lambda m: numbers.setdefault(m.group(), str(rng.randint(2, 9999))), text)


def perturb(text: str, rng: random.Random) -> str:
    """One report of an event: the lead kept, later sentences dropped or shuffled, words dropped."""
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    lead, rest = sentences[:2], [s for s in sentences[2:] if rng.random() > 0.3]
    rng.shuffle(rest)
    words = " ".join(lead + rest[:25]).split()
    return " ".join(w for w in words if rng.random() > 0.05)


def synthetic_corpus(root: Path, n: int, seed: int = 0):
    """``n`` articles in events of 1–19 reports; returns articles and gold event ids."""
    from crosswire.model import Article

    rng = random.Random(seed)
    pool = pool_texts(root)
    start = dt.date(2023, 1, 1)
    articles, gold, event = [], [], 0
    while len(articles) < n:
        text = event_text(pool[rng.randrange(len(pool))], rng)
        day = start + dt.timedelta(days=rng.randrange(730))
        for _ in range(min(rng.randint(1, 19), n - len(articles))):
            body = perturb(text, rng)
            aid = f"e{event}_{len(articles)}"
            published = day + dt.timedelta(days=rng.randrange(4))
            # built directly: the texts are clean already, and cleaning 100k texts would be timed too
            articles.append(Article(aid, aid, body, body, None, None, None, None, published, "given", "en"))
            gold.append(event)
        event += 1
    return articles, gold


def run_one(root: Path, n: int, exact_neighbours: bool) -> dict:
    """Build ``n`` articles, cluster them, report time, docs/s, peak RSS and quality."""
    from crosswire.eval.stories import clustering_scores
    from crosswire.settings import Settings
    from crosswire.stories import cluster_articles, labels_of
    from crosswire.stories.features import build_features

    articles, gold = synthetic_corpus(root, n)
    settings = dataclasses.replace(Settings().stories, dense_model=None)
    if exact_neighbours:
        settings = dataclasses.replace(settings, ann_min_articles=10**9)
    started = time.perf_counter()
    features = build_features(articles, settings)
    featured = time.perf_counter()
    stories = cluster_articles(articles, [], settings, features)
    done = time.perf_counter()
    scores = clustering_scores(list(labels_of(stories, articles)), gold)
    return {
        "n": n, "neighbours": "exact" if exact_neighbours else "lsh",
        "features_s": featured - started, "cluster_s": done - featured, "total_s": done - started,
        "docs_per_s": n / (done - started), "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "ari": scores["ari"], "b3_f1": scores["b3_f1"],
        "predicted_stories": scores["predicted_stories"], "gold_stories": scores["gold_stories"],
    }


def minilm_rate(root: Path, n: int = 128) -> float:
    """Articles per second of the MiniLM encoder on title + lead (the full feature path)."""
    from crosswire.settings import Settings
    from crosswire.stories.features import embed, load_encoder

    articles, _ = synthetic_corpus(root, n)
    settings = Settings().stories
    load_encoder(settings.dense_model)
    started = time.perf_counter()
    embed(articles, settings)
    return n / (time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eval_root", help="the evaluation folder (e.g. ../shared/eval)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 30000, 100000])
    parser.add_argument("--peer-sizes", type=int, nargs="*", default=[10000, 30000],
                        help="sizes at which the exact-neighbour peer also runs")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--exact", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--minilm", action="store_true", help="also measure the MiniLM encoder rate")
    args = parser.parse_args(argv)
    root = Path(args.eval_root)
    if args.one:
        print(json.dumps(run_one(root, args.one, args.exact)))
        return 0
    rows = []
    for n in args.sizes:
        for exact in ([False, True] if n in args.peer_sizes else [False]):
            cmd = [sys.executable, __file__, str(root), "--one", str(n)] + (["--exact"] if exact else [])
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            rows.append(json.loads(out.strip().splitlines()[-1]))
            r = rows[-1]
            print(f"{r['n']:>7} {r['neighbours']:5} total {r['total_s']:7.1f}s (features {r['features_s']:.1f}s) "
                  f"{r['docs_per_s']:7.0f} docs/s  peak RSS {r['peak_rss_mb']:6.0f} MB  ARI {r['ari']:.3f} "
                  f"B3 F1 {r['b3_f1']:.3f}  stories {r['predicted_stories']}/{r['gold_stories']}", flush=True)
    lsh = {r["n"]: r for r in rows if r["neighbours"] == "lsh"}
    if len(lsh) >= 2:
        lo, hi = min(lsh), max(lsh)
        exponent = math.log(lsh[hi]["total_s"] / lsh[lo]["total_s"]) / math.log(hi / lo)
        print(f"growth exponent {lo}→{hi}: {exponent:.2f} (1.0 = linear)")
    for r in rows:
        if r["neighbours"] == "exact" and r["n"] in lsh:
            print(f"n={r['n']}: LSH / exact-neighbour peer time x{lsh[r['n']]['total_s'] / r['total_s']:.2f}, "
                  f"ARI {lsh[r['n']]['ari']:.3f} vs {r['ari']:.3f}")
    if args.minilm:
        print(f"minilm_docs_per_s: {minilm_rate(root):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
