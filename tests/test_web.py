"""The web app in-process (issue #8): pages, the JSON API and its OpenAPI description, the view
models behind the dossier page, and the ``crosswire serve`` command."""

from __future__ import annotations

import html
import inspect
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import crosswire
from crosswire.cli import main
from crosswire.report import validate_dossier
from crosswire.report.build import iter_spans
from crosswire.settings import Settings
from crosswire.store import Store
from crosswire.web import create_app, serve
from crosswire.web.params import select_stories, story_query
from crosswire.web.reader import StoryRow, document_origins
from crosswire.web.svg import provenance_graph, timeline_chart
from crosswire.web.views import claim_matrix, highlighted_segments, quote_groups, word_diff

starlette_testclient = pytest.importorskip("starlette.testclient")


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory, example_run) -> Path:
    """A copy of the example's store (conftest.py), so that no other test writes to it meanwhile."""
    db = tmp_path_factory.mktemp("web") / "seeds.duckdb"
    shutil.copyfile(example_run[1], db)
    return db


@pytest.fixture(scope="module")
def store(seeds_db):
    with Store(seeds_db, read_only=True) as store:
        yield store


@pytest.fixture(scope="module")
def client(store):
    with starlette_testclient.TestClient(create_app(store), base_url="http://127.0.0.1") as client:
        yield client


@pytest.fixture(scope="module")
def dossier(store) -> dict:
    return max(store.dossiers(), key=lambda d: len(d["articles"]))


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside ``mark.hl`` elements."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.hl_text: list[str] = []
        self._in_hl = 0
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "mark" and "hl" in (attrs.get("class") or "").split():
            self._in_hl += 1

    def handle_endtag(self, tag):
        if tag == "mark" and self._in_hl:
            self._in_hl -= 1

    def handle_data(self, data):
        if self._in_hl:
            self.hl_text.append(data)

    def links(self, css_class: str) -> list[dict]:
        return [a for t, a in self.tags if t == "a" and css_class in (a.get("class") or "").split()]


# -- pages --------------------------------------------------------------------------------------
def test_story_list_links_every_stored_story(client, store):
    page = client.get("/")
    assert page.status_code == 200
    links = {a["href"] for a in Elements(page.text).links("story-link")}
    assert links == {f"/stories/{d['story']['id']}" for d in store.dossiers()}


def test_story_list_sorts_by_size_recency_and_origins(client):
    by_size = client.get("/api/stories", params={"sort": "size"}).json()["stories"]
    assert [r["article_count"] for r in by_size] == sorted((r["article_count"] for r in by_size), reverse=True)
    by_origins = client.get("/api/stories", params={"sort": "origins"}).json()["stories"]
    assert [r["origins"] for r in by_origins] == sorted((r["origins"] for r in by_origins), reverse=True)
    recent = client.get("/api/stories", params={"sort": "recent"}).json()["stories"]
    dated = [r["last_published"] for r in recent if r["last_published"]]
    assert dated == sorted(dated, reverse=True)
    assert [r["last_published"] for r in recent][: len(dated)] == dated, "undated stories come last"


def test_search_and_filters_narrow_the_list(client, dossier):
    story = dossier["story"]
    word = max(story["title"].split(), key=len)
    found = client.get("/api/stories", params={"q": word.upper()}).json()
    assert story["id"] in {r["id"] for r in found["stories"]}
    assert client.get("/api/stories", params={"q": "qqzzxxnotaword"}).json()["total"] == 0
    assert "No story matches" in client.get("/", params={"q": "qqzzxxnotaword"}).text

    outlet = story["outlets"][0]
    rows = client.get("/api/stories", params={"outlet": outlet}).json()["stories"]
    assert rows and all(outlet in r["outlets"] for r in rows)

    day = story["first_published"]
    within = client.get("/api/stories", params={"from": day, "to": day}).json()["stories"]
    assert story["id"] in {r["id"] for r in within} and all(r["first_published"] for r in within)
    assert client.get("/api/stories", params={"from": "2999-01-01"}).json()["total"] == 0


def test_paging_splits_the_list_without_loss(client):
    total = client.get("/api/stories").json()["total"]
    ids = [client.get("/api/stories", params={"limit": 1, "page": p}).json()["stories"][0]["id"]
           for p in range(1, total + 1)]
    assert len(set(ids)) == total
    assert client.get("/api/stories", params={"limit": 1, "page": total + 1}).json()["stories"] == []
    by_title = [r["id"] for r in client.get("/api/stories", params={"sort": "title"}).json()["stories"]]
    first = Elements(client.get("/", params={"limit": 1, "sort": "title"}).text)
    next_links = [a for t, a in first.tags if t == "a" and a.get("rel") == "next"]
    assert len(next_links) == (1 if total > 1 else 0)
    if next_links:
        second = Elements(client.get("/" + next_links[0]["href"]).text)
        assert [a["href"] for a in second.links("story-link")] == [f"/stories/{by_title[1]}"]


def test_dossier_page_shows_every_section(client, dossier):
    page = client.get(f"/stories/{dossier['story']['id']}")
    assert page.status_code == 200
    for section in ("summary", "matrix", "corroborated", "single-source", "conflicts", "updates", "quotes",
                    "provenance", "timeline", "entities", "sources"):
        assert f'id="{section}"' in page.text
    text = html.unescape(page.text)
    for sentence in dossier["summary"]:
        assert sentence["text"] in text
    elements = Elements(page.text)
    matrix_rows = re.findall(r'<tr class="(?:single|multi)">', page.text)
    assert len(matrix_rows) == len(dossier["claims"])
    for entity in dossier["entities"]:
        assert entity["name"] in text
    assert len([t for t, a in elements.tags if t == "svg" and a.get("class") == "graph"]) == (
        1 if dossier["provenance"]["reuse"] or dossier["provenance"]["families"] else 0)


def test_every_citation_link_opens_its_exact_span(client, dossier):
    links = Elements(client.get(f"/stories/{dossier['story']['id']}").text).links("cite")
    spans = {(s["article"], s["start"], s["end"]): s["text"] for s in iter_spans(
        {k: v for k, v in dossier.items() if k != "articles"})}
    assert len(links) >= len(dossier["summary"])
    checked = set()
    for link in links:
        key = (link["data-article"], int(link["data-start"]), int(link["data-end"]))
        assert key in spans
        if key in checked or len(checked) >= 25:
            continue
        checked.add(key)
        page = client.get(link["href"])
        assert page.status_code == 200
        elements = Elements(page.text)
        assert "".join(elements.hl_text) == spans[key]
        highlights = [a for t, a in elements.tags if t == "mark" and "hl" in a.get("class", "").split()]
        assert len(highlights) == 1 and highlights[0]["id"] == "hl"


def test_article_page_without_a_span_marks_the_cited_passages(client, dossier):
    article = dossier["articles"][0]
    page = client.get(f"/articles/{article['id']}")
    assert page.status_code == 200
    assert 'class="hl' not in page.text
    assert article["text"] == html.unescape(re.sub(r"<[^>]+>", "", page.text.split('<div class="text">')[1]
                                                   .split("</div>")[0]))
    assert '<mark class="cited">' in page.text


def test_unknown_story_and_article_are_404(client):
    assert client.get("/stories/s_nope").status_code == 404
    assert client.get("/articles/nope").status_code == 404
    answer = client.get("/api/stories/s_nope")
    assert answer.status_code == 404 and answer.json()["status"] == 404


# -- API ----------------------------------------------------------------------------------------
def test_api_dossier_is_the_stored_dossier_and_validates(client, store, dossier):
    answer = client.get(f"/api/stories/{dossier['story']['id']}").json()
    assert answer == store.dossier(dossier["story"]["id"])
    validate_dossier(answer)


def test_api_article_text_holds_every_cited_span(client, dossier):
    for article in dossier["articles"]:
        answer = client.get(f"/api/articles/{article['id']}").json()
        assert answer["text"] == article["text"] and dossier["story"]["id"] in answer["stories"]
    for span in iter_spans(dossier["summary"]):
        text = client.get(f"/api/articles/{span['article']}").json()["text"]
        assert text[span["start"] : span["end"]] == span["text"]


def test_openapi_describes_every_api_route_and_references_the_dossier_schema(client):
    doc = client.get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.1")
    from crosswire.web import api

    routes = {r.path for r in api.routes()}
    assert routes == set(doc["paths"])
    ref = doc["components"]["schemas"]["Dossier"]["$ref"]
    schema = client.get(ref).json()
    assert schema == crosswire.report.dossier_schema()
    for path, item in doc["paths"].items():
        assert "200" in item["get"]["responses"], path


def test_every_reference_in_the_openapi_document_resolves(client):
    doc = client.get("/api/openapi.json").json()

    def refs(node):
        if isinstance(node, dict):
            if "$ref" in node:
                yield node["$ref"]
            for value in node.values():
                yield from refs(value)
        elif isinstance(node, list):
            for item in node:
                yield from refs(item)

    found = list(refs(doc))
    assert any(r.startswith("/api/schema/") for r in found)
    for ref in found:
        where, _, pointer = ref.partition("#")
        target = client.get(where).json() if where else doc
        for part in filter(None, pointer.split("/")):
            target = target[part]
        assert isinstance(target, dict), ref


# -- read-only and concurrent -------------------------------------------------------------------
def test_app_reads_a_store_another_reader_holds_open(seeds_db):
    before = seeds_db.stat().st_mtime_ns
    with Store(seeds_db, read_only=True) as first, Store(seeds_db, read_only=True) as second:
        with starlette_testclient.TestClient(create_app(first), base_url="http://127.0.0.1") as client:
            assert client.get("/").status_code == 200
        assert second.count("dossiers") == len(first.dossiers())
    assert seeds_db.stat().st_mtime_ns == before


def test_app_refuses_a_file_that_is_not_a_store(tmp_path):
    import duckdb

    path = tmp_path / "other.duckdb"
    duckdb.connect(str(path)).close()
    with Store(path, read_only=True) as store, pytest.raises(crosswire.StoreError, match="not a crosswire store"):
        create_app(store)


def _row(sid: str, n: int, origins: int, first: str | None, last: str | None, outlets=("a.example",),
         title: str = "") -> StoryRow:
    return StoryRow(sid, title or sid, n, tuple(outlets), first, last, origins, 0, 0,
                    f"{title or sid} {' '.join(outlets)}".lower())


ROWS = [
    _row("s1", 5, 1, "2024-01-01", "2024-01-03", ("Wire.example", "b.example"), "Flood in the north"),
    _row("s2", 2, 2, "2024-02-10", "2024-02-10", ("b.example",), "Election results"),
    _row("s3", 9, 4, "2023-12-30", "2024-01-01", title="Flood warnings lifted"),
    _row("s4", 1, 1, None, None, title="Undated note"),
    _row("s5", 3, 3, "2024-03-01", "2024-03-05", title="Budget vote"),
]


def _select(**params) -> tuple[list[str], int]:
    rows, total = select_stories(ROWS, story_query({k: str(v) for k, v in params.items()}, Settings().web))
    return [r.id for r in rows], total


def test_select_stories_sorts_by_size_recency_origins_and_title():
    assert _select(sort="size")[0] == ["s3", "s1", "s5", "s2", "s4"]
    assert _select(sort="recent")[0] == ["s5", "s2", "s1", "s3", "s4"], "undated last"
    assert _select(sort="origins")[0] == ["s3", "s5", "s2", "s1", "s4"]
    assert _select(sort="title")[0] == ["s5", "s2", "s1", "s3", "s4"]


def test_select_stories_searches_and_filters():
    assert _select(q="FLOOD")[0] == ["s3", "s1"]
    assert _select(q="flood north")[0] == ["s1"], "every word must match"
    assert _select(outlet="wire.EXAMPLE")[0] == ["s1"]
    assert _select(**{"from": "2024-01-02", "to": "2024-02-10"})[0] == ["s1", "s2"], "overlap counts"
    assert _select(**{"from": "2024-01-01"})[1] == 4 and "s4" not in _select(**{"from": "2024-01-01"})[0]
    assert _select(to="2023-12-31")[0] == ["s3"]


def test_select_stories_pages_without_loss():
    pages = [_select(sort="size", limit=2, page=p) for p in (1, 2, 3, 4)]
    assert [ids for ids, _ in pages] == [["s3", "s1"], ["s5", "s2"], ["s4"], []]
    assert {total for _, total in pages} == {5}


# -- view models --------------------------------------------------------------------------------
words = st.lists(st.sampled_from(["a", "b", "c", "Said", ",", "d"]), max_size=12).map(" ".join)


@given(words, words)
def test_word_diff_rebuilds_both_texts(old, new):
    diff = word_diff(old, new)
    assert "".join(s["text"] for s in diff if s["op"] != "insert").lower() == old.lower()
    assert "".join(s["text"] for s in diff if s["op"] != "delete") == new


@given(st.text(max_size=40), st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=4),
       st.tuples(st.integers(0, 40), st.integers(0, 40)))
def test_highlighted_segments_cover_the_text_and_the_highlight_exactly(text, raw_spans, raw_hl):
    spans = [{"start": min(a, b, len(text)), "end": min(max(a, b), len(text))} for a, b in raw_spans]
    hl = (min(*raw_hl, len(text)), min(max(raw_hl), len(text)))
    segments = highlighted_segments(text, spans, hl)
    assert "".join(s["text"] for s in segments) == text
    assert "".join(s["text"] for s in segments if s["hl"]) == text[hl[0] : hl[1]]


def _quote(qid: str, article: str, text: str) -> dict:
    return {"id": qid, "kind": "direct", "speaker": "the minister", "cue": "said", "channel": None,
            "speaker_span": None, "speaker_entity": None,
            "span": {"article": article, "start": 0, "end": len(text), "text": text}}


def test_quote_groups_join_variants_and_mark_their_differences():
    d = {"quotes": [
        _quote("q1", "a", "We will rebuild every school that was damaged"),
        _quote("q2", "b", "We will rebuild every single school that was damaged"),
        _quote("q3", "c", "Prices of bread have doubled since spring"),
    ]}
    groups = quote_groups(d, 0.6)
    assert [len(g["variants"]) for g in groups] == [1, 0]
    diff = groups[0]["variants"][0]["diff"]
    assert [s["text"].strip() for s in diff if s["op"] == "insert"] == ["single"]
    assert groups[0]["articles"] == 2


def test_a_short_quote_does_not_join_a_longer_one_by_one_word():
    d = {"quotes": [_quote("q1", "a", "terrorists"), _quote("q2", "b", "they are not terrorists, he said")]}
    assert [len(g["variants"]) for g in quote_groups(d, 0.6)] == [0, 0]


def _span(article: str, start: int = 0, end: int = 5) -> dict:
    return {"article": article, "start": start, "end": end, "text": "x" * (end - start)}


@pytest.mark.parametrize(("host", "allowed"), [
    ("127.0.0.1:8000", True), ("localhost", True), ("[::1]:8000", True), ("LocalHost:1", True),
    ("evil.example", False), ("127.0.0.1.evil.example:80", False), ("", False), ("[::1", False),
])
def test_host_check(host, allowed):
    from crosswire.web.app import host_allowed

    assert host_allowed(host, Settings().web.allowed_hosts) is allowed


def test_document_families_count_once_as_origins():
    d = {"articles": [{"id": i} for i in "abcd"], "provenance": {"families": [
        {"kind": "document", "members": [_span("a"), _span("b")]},
        {"kind": "passage", "members": [_span("c"), _span("d")]},
    ]}}
    assert document_origins(d) == 3


def _mini_dossier() -> dict:
    articles = [{"id": i, "label": f"outlet {i}", "title": None, "published": p}
                for i, p in (("a", "2024-01-01"), ("b", "2024-01-02"), ("c", None))]
    return {
        "articles": articles,
        "provenance": {
            "reuse": [{"kind": "passage", "a": _span("a"), "b": _span("b"), "score": 0.8, "direction": "a_to_b"},
                      {"kind": "passage", "a": _span("b", 6, 9), "b": _span("a", 6, 9), "score": 0.6,
                       "direction": "b_to_a"}],
            "families": [{"id": "f1", "kind": "passage", "origin": "a", "members": [_span("a"), _span("b")],
                          "outlets": 2, "origins": 1}],
        },
        "timeline": [{"date": "2023-12-31", "expression": "Sunday", "span": _span("a"), "inferred": False}],
    }


def test_claim_matrix_puts_support_families_and_conflicts_in_their_columns():
    d = _mini_dossier()
    claim = {"id": "g1", "text": "x", "spans": [_span("a"), _span("b")], "support": {"outlets": 2, "origins": 1}}
    other = {"id": "g2", "text": "y", "spans": [_span("c", 10, 20)], "support": {"outlets": 1, "origins": 1}}
    d.update(claims=[other, claim], conflicts=[
        {"kind": "number", "a": _span("c", 30, 40), "b": _span("a", 2, 4), "note": "3 vs 4"}])
    matrix = claim_matrix(d)
    assert [r["claim"]["id"] for r in matrix["rows"]] == ["g1", "g2"], "more origins/outlets first"
    a, b, c = matrix["rows"][0]["cells"]
    assert a["family"]["tag"] == b["family"]["tag"] == "F1"
    assert c["spans"] == [] and c["against"] == [_span("c", 30, 40)]
    assert matrix["rows"][1]["cells"][:2] == [None, None]


def test_provenance_graph_draws_articles_merged_links_and_families():
    graph = provenance_graph(_mini_dossier(), max_nodes=10)
    assert [n["article"]["id"] for n in graph["nodes"]] == ["a", "b", "c"]
    (edge,) = graph["edges"]
    assert edge["count"] == 2 and edge["directed"] and edge["source"]["article"]["id"] == "a"
    assert graph["families"][0]["drawn"] == 2 and len(graph["families"][0]["points"].split()) == 2
    assert provenance_graph(_mini_dossier(), max_nodes=2)["omitted"] == 1


def test_timeline_chart_puts_each_mark_in_its_dates_column():
    chart = timeline_chart(_mini_dossier())
    x_of = {c["date"]: c["x"] for c in chart["columns"]}
    assert list(x_of) == ["2023-12-31", "2024-01-01", "2024-01-02"]
    assert [e["x"] for e in chart["events"]] == [x_of["2023-12-31"]]
    assert sorted(p["x"] for p in chart["publications"]) == [x_of["2024-01-01"], x_of["2024-01-02"]]


# -- command ------------------------------------------------------------------------------------
def test_serve_command_is_documented_and_local_by_default():
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port"):
        assert option in result.output
    params = {p.name: p.default for p in main.commands["serve"].params}
    assert params["host"] == "127.0.0.1" and params["port"] == 8000
    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"


def test_serve_command_without_a_store_says_what_to_do(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2
    assert "crosswire analyze" in result.output


def test_dossier_quote_groups_are_used_and_paraphrases_are_never_in_quote_marks():
    from crosswire.web.views import quote_groups

    def span(article, text):
        return {"article": article, "start": 0, "end": len(text), "text": text}

    quotes = [
        {"id": "q1", "span": span("a", "We will stay until the end"), "speaker": "The mayor", "cue": "said"},
        {"id": "q2", "span": span("b", "We will stay until the very end"), "speaker": "The mayor", "cue": "said"},
        {"id": "q3", "span": span("c", "the council plans to remain"), "speaker": "The mayor", "cue": "said"},
        {"id": "q4", "span": span("a", "Nothing else"), "speaker": None, "cue": None},
    ]
    groups = [{"id": "g", "reference": "q1", "speaker": "The mayor", "variants": [
        {"quote": "q1", "span": quotes[0]["span"], "relation": "reference", "similarity": 1.0, "edits": []},
        {"quote": "q2", "span": quotes[1]["span"], "relation": "reworded", "similarity": 0.9, "edits": []},
        {"quote": "q3", "span": quotes[2]["span"], "relation": "paraphrase", "similarity": 0.4, "edits": []},
    ]}]
    view = quote_groups({"quotes": quotes, "quote_groups": groups}, 0.6)
    assert [g["base"]["id"] for g in view] == ["q1", "q4"]
    assert [v["relation"] for v in view[0]["variants"]] == ["reworded", "paraphrase"]
    assert {"op": "insert", "text": "very "} in view[0]["variants"][0]["diff"]


def test_dossier_page_never_shows_a_paraphrase_in_quote_marks(client, dossier):
    import html as html_lib

    page = client.get(f"/stories/{dossier['story']['id']}").text
    quoted = [html_lib.unescape(re.sub(r"<[^>]+>", "", q)) for q in re.findall(r"<q[^>]*>(.*?)</q>", page, re.DOTALL)]
    paraphrases = [v["span"]["text"] for g in dossier["quote_groups"] for v in g["variants"] if v["relation"] == "paraphrase"]
    for text in paraphrases:
        assert all(" ".join(text.split()) not in " ".join(q.split()) for q in quoted), text
