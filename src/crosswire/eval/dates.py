"""Date resolution cases: references into the evaluation texts, with publication dates and answers.

A case (one JSON line of ``tests/data/dates_cases.jsonl``) holds no text of its own, only where the
text is: ``file`` (relative to the eval root), ``start``/``end`` of the date expression,
``sentence_start``/``sentence_end`` of its sentence, the article's ``published`` date and the
``expected`` resolution (an ISO day, week, month or year, or ``null`` when the expression names no
point in time), read and decided by a person.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import CrosswireError


@dataclass(frozen=True)
class DateCase:
    file: str
    expression: str
    sentence: str
    offset: tuple[int, int]
    """Start and end of the expression inside ``sentence``."""
    published: dt.date
    expected: str | None


def load_cases(cases: Path | str, eval_root: Path | str) -> list[DateCase]:
    """The cases with their text read from ``eval_root``.

    Raises:
        CrosswireError: when a referenced file is missing.
    """
    out, texts = [], {}
    for line in Path(cases).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        path = Path(eval_root) / record["file"]
        if record["file"] not in texts:
            if not path.exists():
                raise CrosswireError(f"date case refers to a missing file: {path}")
            texts[record["file"]] = path.read_text(encoding="utf-8")
        text = texts[record["file"]]
        s0, s1 = record["sentence_start"], record["sentence_end"]
        out.append(DateCase(record["file"], text[record["start"] : record["end"]], text[s0:s1],
                            (record["start"] - s0, record["end"] - s0),
                            dt.date.fromisoformat(record["published"]), record["expected"]))
    return out


def accuracy(cases: list[DateCase], resolve: Callable[[DateCase], str | None]) -> tuple[float, list]:
    """Share of cases resolved exactly as expected, and the misses as ``(case, got)``."""
    misses = [(case, got) for case in cases if (got := resolve(case)) != case.expected]
    return (1 - len(misses) / len(cases) if cases else 0.0), misses


def resolve_case(case: DateCase, nlp) -> str | None:
    """crosswire's resolution of one case: tense from the parsed sentence, then :func:`resolve_date`."""
    from ..extract.dates import resolve_date, tense_of

    doc = nlp(case.sentence)
    span = doc.char_span(*case.offset, alignment_mode="expand")
    tense = tense_of(span.root) if span is not None else None
    return resolve_date(case.expression, case.published, tense)


def dateparser_case(case: DateCase) -> str | None:
    """The peer: dateparser with the publication date as ``RELATIVE_BASE``, at day precision."""
    import dateparser

    base = dt.datetime.combine(case.published, dt.time(12))
    parsed = dateparser.parse(case.expression, languages=["en"],
                              settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "current_period"})
    return parsed.date().isoformat() if parsed else None


def evaluate_dates(cases: Path | str, eval_root: Path | str, settings=None) -> dict:
    """Accuracy of crosswire's date resolution and of dateparser (the peer) on the cases.

    dateparser resolves to a day; it is counted right when the expected day, month, year or week
    is a prefix of its answer (so it is not penalised for precision it cannot express).
    """
    from ..extract.nlp import load_nlp
    from ..settings import Settings

    settings = settings or Settings()
    loaded = load_cases(cases, eval_root)
    nlp = load_nlp(settings.extract.spacy_model)
    ours, misses = accuracy(loaded, lambda c: resolve_case(c, nlp))

    def lenient(case: DateCase) -> str | None:
        got = dateparser_case(case)
        if got and case.expected and "W" not in case.expected and got.startswith(case.expected):
            return case.expected
        if got and case.expected and "W" in case.expected:
            day = dt.date.fromisoformat(got)
            return f"{day.isocalendar()[0]}-W{day.isocalendar()[1]:02d}"
        return got

    peer, _ = accuracy(loaded, lenient)
    return {"cases": len(loaded), "crosswire": round(ours, 4), "dateparser": round(peer, 4),
            "misses": [{"expression": c.expression, "published": c.published.isoformat(), "expected": c.expected,
                        "got": got} for c, got in misses]}
