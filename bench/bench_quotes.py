"""Quote extraction on PolNeAR: crosswire against textacy's ``direct_quotations``, same texts, same parse.

Usage::

    python bench/bench_quotes.py ../shared/eval/polnear --split dev

Both extractors read the same spaCy ``Doc`` of each article (the model in ``ExtractSettings``), so the
comparison is of the quote logic alone. Prints precision/recall/F1 for content and speaker (exact
and overlap), for direct quotes and for all attributions, the F1 differences, and median
milliseconds per article for each extractor (quote logic only, parse excluded).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from crosswire.eval.quotes import Predicted, evaluate, load_polnear
from crosswire.extract.nlp import load_nlp
from crosswire.extract.quotes import find_quotes
from crosswire.settings import Settings


def crosswire_predict(doc, settings) -> list[Predicted]:
    """Quotes as scored: the parts of one split or continued quote count as one (PolNeAR does the same)."""
    hulls: dict[str, list] = {}
    for q in find_quotes(doc, "a", settings.extract.min_quote_chars):
        key = q.part_of or q.id
        speaker = q.speaker_mention or q.speaker_span
        if key in hulls:
            hulls[key][0] = (hulls[key][0][0], max(hulls[key][0][1], q.span.end))
            hulls[key][1] = hulls[key][1] or ((speaker.start, speaker.end) if speaker else None)
            continue
        hulls[key] = [(q.span.start, q.span.end), (speaker.start, speaker.end) if speaker else None, q.kind]
    return [Predicted(*h) for h in hulls.values()]


def textacy_predict(doc) -> list[Predicted]:
    from textacy.extract.triples import direct_quotations

    out = []
    try:
        triples = list(direct_quotations(doc))
    except Exception:  # textacy raises on some unbalanced quote layouts; count as no output
        return out
    for t in triples:
        speaker = (t.speaker[0].idx, t.speaker[-1].idx + len(t.speaker[-1].text)) if t.speaker else None
        content = (t.content.start_char, t.content.end_char)
        out.append(Predicted(content, speaker, "direct"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("polnear", help="path to eval/polnear")
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = parser.parse_args()
    settings = Settings()
    articles = load_polnear(args.polnear, args.split, args.limit)
    nlp = load_nlp(settings.extract.spacy_model)
    docs = {a.name: d for a, d in zip(articles, nlp.pipe([a.text for a in articles], batch_size=16))}
    timings: dict[str, list[float]] = {"crosswire": [], "textacy": []}
    cache: dict[str, dict[str, list[Predicted]]] = {"crosswire": {}, "textacy": {}}
    for a in articles:
        for name, fn in (("crosswire", lambda d: crosswire_predict(d, settings)), ("textacy", textacy_predict)):
            t0 = time.perf_counter()
            cache[name][a.name] = fn(docs[a.name])
            timings[name].append((time.perf_counter() - t0) * 1000)
    results = {name: evaluate(articles, lambda a, n=name: cache[n][a.name]) for name in cache}
    report = {name: {subset: s.as_dict() for subset, s in r.items()} for name, r in results.items()}
    report["median_ms_per_article"] = {n: round(statistics.median(t), 2) for n, t in timings.items()}
    report["articles"] = len(articles)
    if args.json:
        print(json.dumps(report, indent=1))
        return
    _table(report, args.split)


def _table(report: dict, split: str) -> None:
    print(f"PolNeAR {split}: {report['articles']} articles")
    for subset in ("direct", "all"):
        print(f"\n[{subset}]  {'metric':<16} {'crosswire P/R/F1':>22} {'textacy P/R/F1':>22} {'ΔF1':>7}")
        for metric in ("content_exact", "content_overlap", "speaker_exact", "speaker_overlap"):
            ours, peer = report["crosswire"][subset][metric], report["textacy"][subset][metric]
            fmt = "{precision:.3f}/{recall:.3f}/{f1:.3f}"
            print(f"{'':10}{metric:<16} {fmt.format(**ours):>22} {fmt.format(**peer):>22} "
                  f"{ours['f1'] - peer['f1']:>+7.3f}")
    ms = report["median_ms_per_article"]
    ratio = ms["crosswire"] / ms["textacy"] if ms["textacy"] else float("nan")
    print(f"\nmedian ms/article (quote logic, parse excluded): crosswire {ms['crosswire']}, "
          f"textacy {ms['textacy']}, ratio {ratio:.2f}")


if __name__ == "__main__":
    main()
