"""MinHash signatures and near-duplicate detection: crosswire against datasketch, in one run.

    python bench/bench_minhash.py [--eval ../shared/eval] [--n 0] [--repeat 3]

Both sides get the same word shingles of the same real articles (``bench/corpus.py``: 11,759
texts from ../shared/eval), the same ``num_perm``, the same threshold and the same banding
(datasketch ``MinHashLSH(threshold, num_perm, params=(bands, rows))``), and both confirm LSH
candidates by exact Jaccard. Tokenisation (shared) is timed apart and left out of both.

* signatures: crosswire ``shingle_batch + MinHasher.signatures_flat`` (numpy, many documents per call)
  vs datasketch ``MinHash.bulk`` over the shingle strings;
* end to end: signatures + LSH candidates + exact-Jaccard confirmation.

Prints median seconds, docs/s and the crosswire/datasketch ratio of each, and how far the Jaccard
estimates are from each other and from the exact Jaccard on the candidate pairs of either side.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import real_articles

from crosswire.eval import default_eval_root
from crosswire.provenance.minhash import (
    MinHasher,
    band_keys,
    estimate_jaccard,
    exact_jaccard,
    shingle_batch,
)
from crosswire.provenance.neardup import batch_band_pairs
from crosswire.settings import ProvenanceSettings
from crosswire.textutil import words


def crosswire_signatures(tokens: list[list[str]], s: ProvenanceSettings):
    values, lengths = shingle_batch(tokens, s.shingle_size)
    return (values, lengths), MinHasher(s.num_perm, s.minhash_seed).signatures_flat(values, lengths)


def crosswire_end_to_end(tokens: list[list[str]], s: ProvenanceSettings):
    (values, lengths), sig = crosswire_signatures(tokens, s)
    pairs = batch_band_pairs(band_keys(sig, s.bands, s.rows))
    ends = np.cumsum(lengths)
    sets: dict[int, np.ndarray] = {}

    def shingle_set(i: int) -> np.ndarray:  # distinct shingles, only for candidates
        if i not in sets:
            sets[i] = np.unique(values[ends[i] - lengths[i] : ends[i]])
        return sets[i]

    found = {(i, j) for i, j in pairs if exact_jaccard(shingle_set(i), shingle_set(j)) >= s.threshold}
    return sig, pairs, found


def shingle_strings(t: list[str], size: int) -> set[bytes]:
    if len(t) < size:
        return {" ".join(t).encode()} if t else set()
    return {" ".join(t[i : i + size]).encode() for i in range(len(t) - size + 1)}


def datasketch_signatures(tokens: list[list[str]], s: ProvenanceSettings):
    from datasketch import MinHash

    sets = [shingle_strings(t, s.shingle_size) for t in tokens]
    return sets, MinHash.bulk(sets, num_perm=s.num_perm)


def datasketch_end_to_end(tokens: list[list[str]], s: ProvenanceSettings):
    from datasketch import MinHashLSH

    sets, hashes = datasketch_signatures(tokens, s)
    lsh = MinHashLSH(threshold=s.threshold, num_perm=s.num_perm, params=(s.bands, s.rows))
    with lsh.insertion_session() as session:
        for i, m in enumerate(hashes):
            session.insert(i, m)
    pairs = {(min(i, j), max(i, j)) for i, m in enumerate(hashes) for j in lsh.query(m) if j != i}
    found = set()
    for i, j in pairs:
        inter = len(sets[i] & sets[j])
        if inter / (len(sets[i]) + len(sets[j]) - inter) >= s.threshold:
            found.add((i, j))
    return hashes, pairs, found


def timed(fn, repeat: int):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def agreement(tokens, s, ours, theirs, pairs) -> dict[str, float]:
    """Deviation of both estimates from exact Jaccard (on shingle strings) and from each other."""
    pairs = sorted(pairs)
    a = np.array([i for i, _ in pairs])
    b = np.array([j for _, j in pairs])
    est_ours = estimate_jaccard(ours[a], ours[b])
    ds = np.array([m.hashvalues for m in theirs])
    est_ds = estimate_jaccard(ds[a], ds[b])
    exact = []
    for i, j in pairs:
        x, y = shingle_strings(tokens[i], s.shingle_size), shingle_strings(tokens[j], s.shingle_size)
        exact.append(len(x & y) / len(x | y) if x | y else 0.0)
    exact = np.array(exact)
    return {
        "pairs": len(pairs),
        "max |crosswire - datasketch|": float(np.abs(est_ours - est_ds).max()),
        "mean |crosswire - datasketch|": float(np.abs(est_ours - est_ds).mean()),
        "max |crosswire - exact|": float(np.abs(est_ours - exact).max()),
        "mean |crosswire - exact|": float(np.abs(est_ours - exact).mean()),
        "max |datasketch - exact|": float(np.abs(est_ds - exact).max()),
        "mean |datasketch - exact|": float(np.abs(est_ds - exact).mean()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval", type=Path, default=default_eval_root())
    parser.add_argument("--n", type=int, default=0, help="use the first n articles (0: all)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    s = ProvenanceSettings()
    docs = real_articles(args.eval)
    docs = docs[: args.n] if args.n else docs
    t_tok, tokens = timed(lambda: [words(text) for _, text in docs], 1)
    n = len(tokens)
    print(f"{n} real articles, {sum(map(len, tokens))} tokens; shingle_size={s.shingle_size} "
          f"num_perm={s.num_perm} threshold={s.threshold} bands×rows={s.bands}×{s.rows}; "
          f"tokenisation (shared, not timed below) {t_tok:.2f} s; median of {args.repeat}")
    t_sig_cw, (_, sig_cw) = timed(lambda: crosswire_signatures(tokens, s), args.repeat)
    t_sig_ds, (_, sig_ds) = timed(lambda: datasketch_signatures(tokens, s), args.repeat)
    t_e2e_cw, (_, cand_cw, found_cw) = timed(lambda: crosswire_end_to_end(tokens, s), args.repeat)
    t_e2e_ds, (_, cand_ds, found_ds) = timed(lambda: datasketch_end_to_end(tokens, s), args.repeat)
    for name, cw, ds in (("signatures", t_sig_cw, t_sig_ds), ("end to end", t_e2e_cw, t_e2e_ds)):
        print(f"{name:>11}: crosswire {cw:7.2f} s = {n / cw:9.0f} docs/s | datasketch {ds:7.2f} s = "
              f"{n / ds:9.0f} docs/s | ratio {ds / cw:5.1f}×")
    print(f"candidates: crosswire {len(cand_cw)}, datasketch {len(cand_ds)}; near-duplicate pairs: "
          f"crosswire {len(found_cw)}, datasketch {len(found_ds)}, both {len(found_cw & found_ds)}")
    for key, value in agreement(tokens, s, sig_cw, sig_ds, cand_cw | cand_ds).items():
        print(f"  {key}: {value:.4f}" if isinstance(value, float) else f"  {key}: {value}")
    ratio = (n / t_e2e_cw) / (n / t_e2e_ds)
    print(f"end-to-end speed ratio {ratio:.1f}× ({'meets' if ratio >= 5 else 'misses'} the 5× target)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
