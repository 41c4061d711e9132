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

from crosswire.eval.quotes import evaluate_quotes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("polnear", help="path to eval/polnear")
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = parser.parse_args()
    report = evaluate_quotes(args.polnear, args.split, args.limit, peers=("textacy",))
    if args.json:
        print(json.dumps(report, indent=1))
        return
    _table(report, args.split)


def _table(report: dict, split: str) -> None:
    print(f"PolNeAR {split}: {report['articles']} articles")
    print("direct = gold content only inside quote marks ('' counts as one mark, an apostrophe is no mark: #5);"
          " overlap pairs one-to-one by shared characters, exact compares spans trimmed of marks and punctuation")
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
