"""Stories (issue #4): the publication date of a text that opens with a URL / title / date block.

Publication-time proximity can only help clustering if dates are read; copies of web articles
often carry theirs in a header block rather than in metadata (``ingest.meta.header_date``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from crosswire.ingest import ingest
from crosswire.ingest.meta import header_date

BODY = "Rescuers searched the rubble through the night after the quake, officials said on Monday. " * 3


@pytest.mark.parametrize(("line", "expected"), [
    ("May 03, 2013", dt.date(2013, 5, 3)),
    ("Published: April 23, 2013 9:39 AM", dt.date(2013, 4, 23)),
    ("Posted: Apr 02, 2009 11:06 PM CEST", dt.date(2009, 4, 2)),
    ("10:24 AM, MON 22 JUL 2013", dt.date(2013, 7, 22)),
    ("WASHINGTON, DC, April 28, 2009", dt.date(2009, 4, 28)),
    ("September 18th, 2013, 05:31 GMT", dt.date(2013, 9, 18)),
])
def test_date_line_of_a_header_block_is_read(line, expected):
    text = f"http://news.example.org/story/quake-hits-coast\nQuake hits the coast\n{line}\n{BODY}"
    assert header_date(text) == expected


def test_date_line_may_come_before_the_title():
    assert header_date(f"http://x.example.com/a\n27 NOVEMBER, 2005\nDid the earth move?\n{BODY}") == dt.date(2005, 11, 27)


@pytest.mark.parametrize(("url", "expected"), [
    ("http://www.example.com/2013/05/02/lohan-rehab/", dt.date(2013, 5, 2)),
    ("http://articles.example.com/2005/nov/28/world/fg-quake28", dt.date(2005, 11, 28)),
    ("http://www.example.com/new-york/20130914/queens/crash", dt.date(2013, 9, 14)),
    ("http://www.example.com/story/2013-07-21/supermarket-fire/", dt.date(2013, 7, 21)),
])
def test_full_date_in_a_leading_url_is_read_when_no_date_line(url, expected):
    assert header_date(f"{url}\nA title without a date line\n{BODY}") == expected


def test_dates_that_are_not_in_a_header_are_not_read():
    assert header_date("The council met on May 3, 2013 to approve the budget.") is None
    assert header_date(f"http://www.example.com/2008/12/teixeira-offer\nTitle here\n{BODY}") is None  # no day
    late = f"http://x.example.com/a\nTitle\nSubtitle\nByline\nMore\nMay 03, 2013\n{BODY}"
    assert header_date(late) is None  # beyond the header block
    assert header_date(f"{BODY}\nMay 03, 2013") is None


def test_jsonl_record_gets_its_header_date_and_a_given_date_wins(tmp_path):
    header = "http://news.example.org/a\nQuake hits the coast\nMay 03, 2013\n"
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in (
        {"text": header + BODY},
        {"text": header + BODY + " Later.", "published": "2013-05-05"},
        {"text": BODY + " Undated."},
    )), encoding="utf-8")
    docs = ingest([str(path)]).documents
    assert [(d.published, d.published_source) for d in docs] == [
        (dt.date(2013, 5, 3), "header"), (dt.date(2013, 5, 5), "given"), (None, "unknown")]


def test_plain_text_file_gets_its_header_date(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"http://news.example.org/a\nQuake Hits The Coast Of The Island\nPosted: Apr 02, 2009\n\n{BODY}",
                    encoding="utf-8")
    [doc] = ingest([str(path)]).documents
    assert doc.published == dt.date(2009, 4, 2) and doc.published_source == "header"
    assert doc.url == "http://news.example.org/a"


def test_a_numeric_date_line_is_read_where_the_day_cannot_be_a_month_and_is_no_title(tmp_path):
    path = tmp_path / "a.jsonl"
    lines = ("Posted 12 / 19 / 2005 3:36 PM", "Posted 19/12/2005", "Posted 05/06/2005 3:36 PM")
    path.write_text("\n".join(json.dumps({"text": f"http://news.example.org/a\n{line}\nMob boss dies in prison\n{BODY}"})
                              for line in lines), encoding="utf-8")
    docs = ingest([str(path)]).documents
    assert [d.published for d in docs] == [dt.date(2005, 12, 19), dt.date(2005, 12, 19), None]
    assert [d.title for d in docs] == ["Mob boss dies in prison"] * 3  # the date line is no title
    assert not any(line in d.body for d, line in zip(docs, lines))


@pytest.mark.eval
def test_ecbplus_loader_reads_header_dates_through_the_jsonl_reader():
    from crosswire.eval.stories import load_ecbplus

    root = Path(os.environ.get("CROSSWIRE_EVAL") or Path(__file__).resolve().parents[1].parent / "shared" / "eval")
    if not (root / "ecbplus" / "articles.jsonl").is_file():
        pytest.skip(f"ECB+ not found at {root / 'ecbplus'} (set CROSSWIRE_EVAL)")
    articles, gold, _ = load_ecbplus(root / "ecbplus", topics={1, 2, 3, 4})
    dated = [a for a, g in zip(articles, gold) if a.published]
    assert len(dated) > len(articles) / 4 and all(a.published_source == "header" for a in dated)
    assert all(dt.date(1990, 1, 1) < a.published < dt.date(2020, 1, 1) for a in dated)


def test_an_ambiguous_numeric_date_line_is_read_by_the_month_of_its_url(tmp_path):
    path = tmp_path / "a.jsonl"
    rows = (("http://news.example.org/2013/08/5-takeaways-from-the-vote.html", "8 / 2 / 13 at 1:30 PM"),
            ("http://news.example.org/2013/02/5-takeaways-from-the-vote.html", "8 / 2 / 13 at 1:30 PM"),
            ("http://news.example.org/takeaways", "8 / 2 / 13 at 1:30 PM"))
    path.write_text("\n".join(json.dumps({"text": f"{url}\n{line}\nFive takeaways from the vote\n{BODY}"})
                              for url, line in rows), encoding="utf-8")
    docs = ingest([str(path)]).documents
    # August 2 under /2013/08/, February 8 under /2013/02/; no URL month: no date, yet no title either
    assert [d.published for d in docs] == [dt.date(2013, 8, 2), dt.date(2013, 2, 8), None]
    assert [d.title for d in docs] == ["Five takeaways from the vote"] * 3


def test_a_number_opening_a_url_slug_is_no_day():
    assert header_date(f"http://news.example.org/2013/08/5-takeaways-from-the-vote.html\nTitle here\n{BODY}") is None
    assert header_date(f"http://news.example.org/2013/08/05-vote.html\nTitle here\n{BODY}") == dt.date(2013, 8, 5)
