"""Recall and precision of near-duplicate pairs when real articles get generated noisy copies.

    python bench/bench_neardup_noise.py [--eval ../shared/eval] [--base 3000] [--originals 200]
                                        [--part heldout|calibration] [--shingle-size K] [--threshold T]

Real articles (``bench/corpus.py``) are split in two parts by a hash of their id: *calibration*
(used to choose ``shingle_size``) and *heldout* (reported). From the chosen part, ``--base``
articles are indexed first (incremental path: :func:`crosswire.provenance.update` with an
in-memory index); base articles that are near-duplicates of one another already are counted and
set aside. Then ``--originals`` of them get one generated copy per transformation and level:

* truncation (keep 90 / 75 / 60 % of the words), insertion of another article's text
  (+10 / 25 / 50 %), re-punctuation (10 / 30 / 60 % of marks changed), word swaps (2 / 5 / 10 % of
  adjacent pairs), sentence reorder (10 / 30 / 60 % of sentences moved), character noise
  (1 / 2 / 4 % of characters), and all of them together at each level;

and the copies are added as a second batch. A pair (original, copy) or (copy, copy of the same
original) is a true near-duplicate; any other pair found is a false positive. Recall is reported
per transformation and level, against the generated truth and against exact Jaccard ≥ threshold
(which isolates what LSH banding loses), with precision over all pairs found.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import real_articles

from crosswire.eval import default_eval_root
from crosswire.model import Article
from crosswire.provenance import MemoryIndex, update
from crosswire.provenance.minhash import exact_jaccard, shingle_hashes
from crosswire.settings import ProvenanceSettings

LEVELS = ("light", "medium", "heavy")
PARAMS = {
    "truncation": (0.10, 0.25, 0.40),
    "insertion": (0.10, 0.25, 0.50),
    "repunctuation": (0.10, 0.30, 0.60),
    "word_swaps": (0.02, 0.05, 0.10),
    "sentence_reorder": (0.10, 0.30, 0.60),
    "char_noise": (0.01, 0.02, 0.04),
}
_SENT = re.compile(r"(?<=[.!?])\s+")
_PUNCT = re.compile(r"[,.;:!?\"'“”‘’()-]")


def truncation(text, p, rng, other):
    w = text.split(" ")
    return " ".join(w[: max(1, round(len(w) * (1 - p)))])


def insertion(text, p, rng, other):
    w, o = text.split(" "), other.split(" ")
    k = rng.randrange(len(w) + 1)
    return " ".join(w[:k] + o[: max(1, round(len(w) * p))] + w[k:])


def repunctuation(text, p, rng, other):
    marks = [",", ";", ".", " -", ":", ""]
    return _PUNCT.sub(lambda m: rng.choice(marks) if rng.random() < p else m.group(0), text)


def word_swaps(text, p, rng, other):
    w = text.split(" ")
    for i in range(len(w) - 1):
        if rng.random() < p:
            w[i], w[i + 1] = w[i + 1], w[i]
    return " ".join(w)


def sentence_reorder(text, p, rng, other):
    s = _SENT.split(text)
    for _ in range(round(len(s) * p)):
        i, j = rng.randrange(len(s)), rng.randrange(len(s))
        s.insert(j, s.pop(i))
    return " ".join(s)


def char_noise(text, p, rng, other):
    out = []
    for ch in text:
        r = rng.random()
        if r < p / 3:
            continue  # deletion
        if r < 2 * p / 3:
            out.append(rng.choice("abcdefghijklmnopqrstuvwxyz"))  # substitution
        elif r < p:
            out.extend((ch, rng.choice("abcdefghijklmnopqrstuvwxyz")))  # insertion
        else:
            out.append(ch)
    return "".join(out)


TRANSFORMS = {f.__name__: f for f in (truncation, insertion, repunctuation, word_swaps, sentence_reorder,
                                      char_noise)}


def noisy_copy(kind: str, level: int, text: str, rng: random.Random, other: str) -> str:
    if kind == "all":
        for name, fn in TRANSFORMS.items():
            text = fn(text, PARAMS[name][level], rng, other)
        return text
    return TRANSFORMS[kind](text, PARAMS[kind][level], rng, other)


def article(aid: str, text: str) -> Article:
    return Article(aid, aid, text, text, None, None, None, None, None, "unknown", None)


def in_part(doc_id: str, part: str) -> bool:
    bit = hashlib.blake2b(doc_id.encode(), digest_size=1).digest()[0] & 1
    return bit == (0 if part == "calibration" else 1)


def build(args, rng: random.Random):
    docs = [(i, " ".join(t.split())) for i, t in real_articles(args.eval) if in_part(i, args.part)]
    rng.shuffle(docs)
    base = [article(i, t) for i, t in docs[: args.base]]
    originals = base[: args.originals]
    copies, truth = [], {}
    for o_i, orig in enumerate(originals):
        other = base[(o_i + args.originals) % len(base)].text
        for kind in [*TRANSFORMS, "all"]:
            for level in range(3):
                cid = f"copy:{kind}:{LEVELS[level]}:{orig.id}"
                copies.append(article(cid, noisy_copy(kind, level, orig.text, rng, other)))
                truth[cid] = (orig.id, kind, LEVELS[level])
    return base, copies, truth


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval", type=Path, default=default_eval_root())
    parser.add_argument("--base", type=int, default=3000)
    parser.add_argument("--originals", type=int, default=200)
    parser.add_argument("--part", choices=("heldout", "calibration"), default="heldout")
    parser.add_argument("--shingle-size", type=int, default=None)
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    s = ProvenanceSettings()
    changes = {k: v for k, v in (("shingle_size", args.shingle_size), ("threshold", args.threshold)) if v}
    s = ProvenanceSettings(**{**s.__dict__, **changes, "semantic": False, "seed_min_shared": 10**9})
    base, copies, truth = build(args, random.Random(args.seed))
    index = MemoryIndex()
    first = update(base, index, s)
    base_dups = {(l.a.article_id, l.b.article_id) for l in first.reuse if l.kind == "near_duplicate"}
    second = update(copies, index, s)
    found = {tuple(sorted((l.a.article_id, l.b.article_id))) for l in second.reuse if l.kind == "near_duplicate"}
    report(args, s, base, copies, truth, base_dups, found)
    return 0


def origin(doc_id: str, truth: dict) -> str:
    return truth[doc_id][0] if doc_id in truth else doc_id


def report(args, s, base, copies, truth, base_dups, found) -> None:
    text = {a.id: a.text for a in base + copies}
    dup_members = {x for pair in base_dups for x in pair}
    counted = {p for p in found if not (set(p) & dup_members)}
    tp = {p for p in counted if origin(p[0], truth) == origin(p[1], truth)}
    print(f"part={args.part} base={len(base)} originals={args.originals} copies={len(copies)} "
          f"shingle_size={s.shingle_size} threshold={s.threshold} bands×rows={s.bands}×{s.rows}")
    print(f"base articles already near-duplicates of each other: {len(base_dups)} pairs "
          f"({len(dup_members)} articles set aside)")
    print(f"pairs found: {len(counted)}, true: {len(tp)}, precision {len(tp) / max(1, len(counted)):.4f}")
    hit, total, above, hit_above = defaultdict(int), defaultdict(int), defaultdict(int), defaultdict(int)
    for cid, (oid, kind, level) in truth.items():
        if oid in dup_members:
            continue
        key = (kind, level)
        total[key] += 1
        ok = tuple(sorted((cid, oid))) in found
        hit[key] += ok
        j = exact_jaccard(shingle_hashes(text[cid], s.shingle_size), shingle_hashes(text[oid], s.shingle_size))
        if j >= s.threshold:
            above[key] += 1
            hit_above[key] += ok
    print(f"{'transformation':<17}" + "".join(f"{lv:>24}" for lv in LEVELS))
    print(f"{'':<17}" + "".join(f"{'recall | LSH recall':>24}" for _ in LEVELS))
    for kind in [*TRANSFORMS, "all"]:
        cells = []
        for level in LEVELS:
            k = (kind, level)
            lsh = f"{hit_above[k] / above[k]:.3f}" if above[k] else "  —  "
            cells.append(f"{hit[k] / total[k]:.3f} | {lsh} ({above[k]}/{total[k]})")
        print(f"{kind:<17}" + "".join(f"{c:>24}" for c in cells))
    all_hit, all_total = sum(hit.values()), sum(total.values())
    print(f"overall recall {all_hit / all_total:.4f} ({all_hit}/{all_total}); LSH recall of pairs at or above "
          f"the threshold {sum(hit_above.values()) / max(1, sum(above.values())):.4f}")


if __name__ == "__main__":
    sys.exit(main())
