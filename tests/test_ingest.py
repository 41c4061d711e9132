"""Ingestion: every format, every kind of bad input, and the accounting read = accepted + rejected."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosswire.errors import InputError
from crosswire.ingest import ingest
from crosswire.ingest.meta import outlet_from_url
from crosswire.ingest.readers import read_text
from crosswire.settings import IngestSettings

BODY = "The council approved the budget on Tuesday after a long debate. " * 5


def write(path, content, mode="w"):
    if mode == "wb":
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_text_header_date_and_url_are_metadata_not_body(tmp_path):
    f = write(tmp_path / "a.txt", f" date 2024-12-08 https://www.example.co.uk/news/1\n\nA Headline Without A Stop\n\n{BODY}")
    [doc] = ingest([str(f)]).documents
    assert doc.published == dt.date(2024, 12, 8) and doc.published_source == "header"
    assert doc.url == "https://www.example.co.uk/news/1" and doc.outlet == "example.co.uk"
    assert doc.title == "A Headline Without A Stop"
    assert "2024-12-08" not in doc.body and "https://" not in doc.body and "Headline" not in doc.body


def test_text_header_residue_is_kept_for_cleaning(tmp_path):
    f = write(tmp_path / "a.txt", f" date 2024-01-02 Follow us on Image Source : AP\n\n{BODY}")
    [doc] = ingest([str(f)]).documents
    assert doc.published == dt.date(2024, 1, 2)
    assert doc.body.startswith("Follow us on")


def test_text_without_header_has_unknown_date(tmp_path):
    [doc] = ingest([str(write(tmp_path / "a.txt", BODY))]).documents
    assert doc.published is None and doc.published_source == "unknown" and doc.title is None


def test_html_metadata_by_trafilatura(tmp_path):
    html = f"""<html><head><title>Budget passes | Daily Planet</title>
    <meta property="og:title" content="Budget passes after long debate">
    <meta name="author" content="Jane Roe"><meta property="article:published_time" content="2023-05-17T10:00:00Z">
    <link rel="canonical" href="https://www.dailyplanet.com/politics/budget"></head>
    <body><nav>Home | World | Share on Facebook</nav><article><h1>Budget passes after long debate</h1>
    <p>{BODY}</p><p>{BODY}</p></article><footer>© Daily Planet</footer></body></html>"""
    [doc] = ingest([str(write(tmp_path / "page.html", html))]).documents
    assert doc.format == "html"
    assert doc.title == "Budget passes after long debate"
    assert doc.published == dt.date(2023, 5, 17) and doc.published_source == "metadata"
    assert doc.author == "Jane Roe"
    assert doc.outlet == "dailyplanet.com"
    assert "council approved the budget" in doc.body and "Share on Facebook" not in doc.body


def test_jsonl_rows_with_metadata_and_bad_rows(tmp_path):
    rows = [
        json.dumps({"text": BODY, "title": "One", "url": "https://news.example.org/1", "date": "2022-03-04"}),
        "{not json",
        json.dumps({"title": "no text field"}),
        json.dumps([1, 2]),
        json.dumps({"content": BODY + " second", "outlet": "Wire"}),
    ]
    result = ingest([str(write(tmp_path / "a.jsonl", "\n".join(rows)))])
    assert result.read == 5 and len(result.documents) == 2
    first, second = result.documents
    assert first.published == dt.date(2022, 3, 4) and first.published_source == "given"
    assert first.outlet == "example.org" and second.outlet == "Wire"
    assert sorted(r.reason for r in result.rejections) == ["malformed", "malformed", "no_text"]
    assert {r.input for r in result.rejections} == {f"{tmp_path}/a.jsonl#L{n}" for n in (2, 3, 4)}


def test_a_record_text_opening_with_a_header_block_gives_url_outlet_title_and_date(tmp_path):
    header = "http://www.dailyplanet.com/2013/05/03/budget\nBudget passes after long debate\nPUBLISHED: May 03, 2013\n"
    rows = [json.dumps({"text": header + BODY}), json.dumps({"text": header + BODY, "title": "Given", "url": "https://x.org/a"})]
    first, second = ingest([str(write(tmp_path / "a.jsonl", "\n".join(rows)))]).documents
    assert (first.url, first.outlet, first.title) == ("http://www.dailyplanet.com/2013/05/03/budget", "dailyplanet.com",
                                                      "Budget passes after long debate")
    assert first.published == dt.date(2013, 5, 3) and first.published_source == "header"
    assert first.body == BODY  # header lines are metadata, not reporting
    assert (second.url, second.title) == ("https://x.org/a", "Given")  # fields win over the header
    assert second.body.startswith("Budget passes") and "May 03" not in second.body


def test_a_record_without_a_header_block_keeps_its_text(tmp_path):
    text = "Short first line of text\n" + BODY
    (doc,) = ingest([str(write(tmp_path / "a.jsonl", json.dumps({"text": text})))]).documents
    assert doc.body.startswith("Short first line") or doc.title == "Short first line of text"
    assert doc.url is None and doc.published is None


def test_the_first_line_of_a_wrapped_paragraph_is_no_title_and_stays_in_the_body(tmp_path):
    wrapped = ("The harbour master of Vey is busy this spring: her ferry,\n"
               "the Lark, is about to sail, the new pier is open and the quay\n"
               "is full of boats waiting for the season to begin in earnest.\n")
    headed = "Vey ferry sails again\n" + BODY
    rows = [json.dumps({"text": wrapped}), json.dumps({"text": headed})]
    run_on, titled = ingest([str(write(tmp_path / "a.jsonl", "\n".join(rows)))]).documents
    assert run_on.title is None and run_on.body.startswith("The harbour master of Vey is busy this spring: her ferry,")
    assert titled.title == "Vey ferry sails again" and titled.body == BODY
    for ending in (",", " -", " —", " &"):
        (doc,) = ingest([str(write(tmp_path / "b.txt", "The ferry sails again" + ending + "\n" + BODY))]).documents
        assert doc.title is None and doc.body.startswith("The ferry sails again"), ending


def test_csv_rows(tmp_path):
    f = write(tmp_path / "a.csv", f'title,body,published\n"First","{BODY}",2021-01-01\n"Second","",2021-01-02\n')
    result = ingest([str(f)])
    assert [d.title for d in result.documents] == ["First"]
    assert [r.reason for r in result.rejections] == ["no_text"]


def test_rss_feed_entries(tmp_path):
    rss = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>
    <item><title>Entry one</title><link>https://feed.example.net/1</link><pubDate>Mon, 06 Sep 2021 16:45:00 GMT</pubDate>
    <description>&lt;p&gt;{BODY}&lt;/p&gt;</description></item>
    <item><title>Entry two</title><link>https://feed.example.net/2</link><description>too short</description></item>
    </channel></rss>"""
    result = ingest([str(write(tmp_path / "feed.rss", rss))])
    assert [d.title for d in result.documents] == ["Entry one"]
    assert result.documents[0].published == dt.date(2021, 9, 6)
    assert "<p>" not in result.documents[0].body
    assert [r.reason for r in result.rejections] == ["no_text"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary"),
        (bytes(range(128, 256)) * 10, "undecodable"),
        (b"Too short.", "no_text"),
    ],
)
def test_bad_inputs_become_rejections_with_reasons(tmp_path, content, reason):
    result = ingest([str(write(tmp_path / "bad.txt", content, "wb"))])
    assert result.documents == []
    assert [r.reason for r in result.rejections] == [reason]


def test_too_large_input(tmp_path):
    f = write(tmp_path / "big.txt", BODY * 10)
    result = ingest([str(f)], IngestSettings(max_bytes=100))
    assert [r.reason for r in result.rejections] == ["too_large"]
    assert result.rejections[0].detail.startswith(f"{f.stat().st_size:,} bytes")


def test_accounting_and_duplicates_over_a_directory(tmp_path):
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "copy.txt", BODY)
    write(tmp_path / "b.txt", BODY + " Another sentence here.")
    write(tmp_path / "empty.txt", "")
    write(tmp_path / ".hidden.txt", BODY + " hidden")
    result = ingest([str(tmp_path)])
    assert result.read == 4 == len(result.documents) + len(result.rejections)
    assert sorted(r.reason for r in result.rejections) == ["duplicate", "empty"]


def test_same_input_gets_the_same_id(tmp_path):
    f = write(tmp_path / "a.txt", BODY)
    assert ingest([str(f)]).documents[0].id == ingest([str(f)]).documents[0].id


def test_missing_path_and_empty_glob_are_clear_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        ingest([str(tmp_path / "missing.txt")])
    with pytest.raises(InputError, match="no file matches"):
        ingest([str(tmp_path / "*.nothing")])


def test_glob_input(tmp_path):
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "b.md", BODY + " b")
    assert len(ingest([str(tmp_path / "*.txt")]).documents) == 1


def test_outlet_from_url_uses_registered_domain():
    assert outlet_from_url("https://edition.cnn.com/2024/x") == "cnn.com"
    assert outlet_from_url("https://www.bbc.co.uk/news") == "bbc.co.uk"
    assert outlet_from_url(None) is None


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/article.html":
            body = f"<html><head><title>Fetched</title></head><body><article><p>{BODY}</p></article></body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body.encode())
        else:
            self.send_error(404)

    def log_message(self, *args):
        pass


@pytest.fixture
def http_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_urls_are_fetched_from_a_real_server(http_server):
    result = ingest([f"{http_server}/article.html", f"{http_server}/missing.html"])
    assert [d.title for d in result.documents] == ["Fetched"]
    assert result.rejections[0].reason == "unreadable" and "404" in result.rejections[0].detail


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_text_reader_never_crashes_and_keeps_raw(text):
    [doc] = read_text(text, "x.txt", IngestSettings())
    assert doc.raw_text == text
    assert len(doc.body) <= len(text)


@settings(max_examples=40, deadline=None)
@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 1, 1)), st.text(alphabet="abc def.\n", max_size=200))
def test_text_reader_parses_any_header_date(date, body):
    [doc] = read_text(f" date {date.isoformat()}\n{body}", "x.txt", IngestSettings())
    assert doc.published == date
    assert date.isoformat() not in doc.body
