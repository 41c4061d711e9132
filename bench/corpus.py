"""Real news texts from ``../shared/eval`` for the provenance benchmarks, as ``(id, text)`` pairs.

Sources, each text once (exact duplicates dropped after whitespace normalisation): ECB+ articles,
DUC 2006 and DUC 2007 documents, the FRANK and QAGS source articles and the PolNeAR texts: 3,565
distinct documents. Since that is fewer than the 10,000 the benchmarks need, documents of at least
``2 × chunk_words`` words are cut at paragraph (else sentence) boundaries into pieces of about
``chunk_words`` words; pieces of one document do not overlap, so they are distinct texts too.
The corpus is deterministic: same data, same pieces, same order.
"""

from __future__ import annotations

import glob
import json
import re
from pathlib import Path

_SENTENCE_END = re.compile(r"(?<=[.!?\"”’])\s+(?=[A-Z“\"])")


def source_texts(eval_root: Path) -> list[tuple[str, str]]:
    """Every distinct source text, ``(id, text)``, in a fixed order."""
    out: list[tuple[str, str]] = []

    def jsonl(rel: str):
        with (eval_root / rel).open(encoding="utf-8") as fh:
            yield from (json.loads(line) for line in fh if line.strip())

    out += [(f"ecb:{r['id']}", r["text"]) for r in jsonl("ecbplus/articles.jsonl")]
    for name in ("duc2006", "duc2007_update"):
        out += [(f"{name}:{r['id']}:{i}", d) for r in jsonl(f"duc/{name}.jsonl") for i, d in enumerate(r["docs"])]
    out += [(f"frank:{r['hash']}", r["article"]) for r in jsonl("factual/frank_valid.jsonl")]
    out += [(f"qags:{i}", r["article"]) for i, r in enumerate(jsonl("factual/qags_xsum.jsonl"))]
    for path in sorted(glob.glob(str(eval_root / "polnear" / "*" / "text" / "*.txt"))):
        out.append((f"polnear:{Path(path).stem}", Path(path).read_text(encoding="utf-8")))
    seen: set[str] = set()
    distinct = []
    for sid, text in out:
        key = " ".join(text.split())
        if key and key not in seen:
            seen.add(key)
            distinct.append((sid, text.strip()))
    return distinct


def _pieces(text: str, chunk_words: int) -> list[str]:
    parts = [p for p in text.split("\n") if p.strip()]
    if len(parts) < 3:
        parts = _SENTENCE_END.split(text)
    pieces, current, count = [], [], 0
    for part in parts:
        current.append(part)
        count += len(part.split())
        if count >= chunk_words:
            pieces.append("\n".join(current))
            current, count = [], 0
    if current:
        if pieces and count < chunk_words // 2:
            pieces[-1] += "\n" + "\n".join(current)
        else:
            pieces.append("\n".join(current))
    return pieces


def real_articles(eval_root: Path, chunk_words: int = 150) -> list[tuple[str, str]]:
    """Distinct texts, long ones cut into pieces of about ``chunk_words`` words."""
    out = []
    for sid, text in source_texts(eval_root):
        if len(text.split()) >= 2 * chunk_words:
            out += [(f"{sid}#{k}", piece) for k, piece in enumerate(_pieces(text, chunk_words))]
        else:
            out.append((sid, text))
    return out


if __name__ == "__main__":
    import sys

    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "eval"
    docs = real_articles(root)
    print(f"{len(source_texts(root))} distinct source texts -> {len(docs)} articles")
