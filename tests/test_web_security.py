"""Hostile inputs against the web app (issue #8): article text, titles, outlets and URLs are
untrusted. Everything is escaped, unsafe URLs never reach an ``href``, static routes cannot
leave their folder, parameters are bounded, and only local ``Host`` names are answered."""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

import crosswire
from crosswire.settings import Settings
from crosswire.store import Store
from crosswire.web import create_app

starlette_testclient = pytest.importorskip("starlette.testclient")

PAYLOADS = [
    "<script>alert('t')</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(2)>",
    "</textarea></title><iframe src=javascript:alert(3)>",
    "{{ 7*7 }}{% raw %}",
]
UNSAFE_URLS = [
    "javascript:alert(document.domain)",
    " JaVaScRiPt:alert(1)",
    "java\tscript:alert(2)",
    "data:text/html,<script>alert(3)</script>",
    "vbscript:msgbox(4)",
    "//evil.example/x",
]
BODY = ("A fire destroyed a warehouse near the harbour on Tuesday night, the fire brigade said. "
        "{p} Firefighters fought the blaze for six hours before it was under control. "
        '"{p} We have never seen a fire like this," the fire chief said on Wednesday. '
        "The cause of the fire is not yet known, police said.")


def hostile_records() -> list[dict]:
    records = []
    for i, (payload, url) in enumerate(zip(PAYLOADS + PAYLOADS[:1], UNSAFE_URLS)):
        records.append({
            "title": f"Warehouse fire {payload} {i}", "url": url, "outlet": f"outlet{i}{payload}",
            "author": payload, "published": f"2024-03-0{i + 1}", "text": BODY.format(p=payload),
        })
    records.append({"title": "Warehouse fire", "url": 'https://ok.example/a?b="><script>alert(5)</script>',
                    "outlet": "ok.example", "published": "2024-03-09", "text": BODY.format(p="")})
    return records


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "hostile.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in hostile_records()) + "\n", encoding="utf-8")
    db = folder / "hostile.duckdb"
    result = crosswire.analyze([str(path)], db=db)
    assert result.accepted == len(hostile_records()), result.rejections
    return db


@pytest.fixture(scope="module")
def store(hostile_db):
    with Store(hostile_db, read_only=True) as store:
        yield store


@pytest.fixture(scope="module")
def client(store):
    with starlette_testclient.TestClient(create_app(store), base_url="http://127.0.0.1") as client:
        yield client


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def live(store):
    """The app under uvicorn on 127.0.0.1, for requests no HTTP client library would send."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield port
    server.should_exit = True
    thread.join(timeout=10)


def raw_get(port: int, path: str, host: str = "127.0.0.1") -> tuple[int, str]:
    """GET exactly ``path`` (no normalisation of ``..`` or escapes) with the given Host header."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    conn.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
    conn.putheader("Host", host)
    conn.endheaders()
    response = conn.getresponse()
    body = response.read().decode("utf-8", "replace")
    conn.close()
    return response.status, body


class Audit(HTMLParser):
    """Collect what would run or navigate: tags, event-handler attributes, URL attributes."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        if tag in {"img", "iframe", "object", "embed", "textarea", "base"}:
            self.problems.append(f"<{tag}>")
        if tag == "script" and dict(attrs).get("src") != "/static/app.js":
            self.problems.append("<script> not from the app")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}=")
            url_attr = name in {"href", "src", "action", "xlink:href", "formaction"}
            if url_attr and value is not None and not _safe_link(value):
                self.problems.append(f"{tag} {name}={value!r}")


def _safe_link(value: str) -> bool:
    compact = "".join(value.split()).lower()
    if compact.startswith(("/", "#", "?")):
        return not compact.startswith("//")
    parts = urlsplit(compact)
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def _pages(client, store) -> list[str]:
    urls = ["/", "/?q=" + quote(PAYLOADS[0]), "/?outlet=" + quote(PAYLOADS[1]), "/static/" + quote(PAYLOADS[1]),
            "/stories/" + quote(PAYLOADS[2], safe=""), "/articles/" + quote(PAYLOADS[0], safe="")]
    for d in store.dossiers():
        urls.append(f"/stories/{d['story']['id']}")
        urls += [f"/articles/{a['id']}?story={d['story']['id']}&start=0&end=20" for a in d["articles"]]
    return urls


def test_hostile_articles_made_a_dossier(store):
    dossiers = store.dossiers()
    assert dossiers and sum(len(d["articles"]) for d in dossiers) == len(hostile_records())
    assert any(d["quotes"] for d in dossiers), "the payload inside a quote should reach the quotes section"


def test_no_page_carries_live_markup_or_unsafe_links(client, store):
    for url in _pages(client, store):
        page = client.get(url)
        assert page.status_code in (200, 400, 404), url
        assert Audit(page.text).problems == [], url
        for payload in PAYLOADS[:4]:
            assert payload not in page.text, (url, payload)


def test_hostile_text_is_shown_escaped_not_dropped(client, store):
    d = max(store.dossiers(), key=lambda d: len(d["articles"]))
    page = client.get(f"/stories/{d['story']['id']}").text
    assert "&lt;script&gt;alert(" in page
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in page or "&quot;&gt;&lt;img" in page


def test_unsafe_urls_never_become_links(client, store):
    for d in store.dossiers():
        for a in d["articles"]:
            page = client.get(f"/articles/{a['id']}").text
            lowered = page.lower()
            for bad in ("javascript:", "vbscript:", "data:text", "href=\"//"):
                assert f'href="{bad}' not in lowered.replace(" ", "")
            if a["url"] and a["url"].startswith("https://ok.example"):
                assert 'href="https://ok.example/a?b=%22%3E%3Cscript%3E' in page


def test_search_text_is_echoed_escaped(client):
    page = client.get("/", params={"q": PAYLOADS[1]}).text
    assert PAYLOADS[1] not in page and "onerror=alert(1)&gt;" in page


def test_every_answer_has_a_strict_content_security_policy(client, store):
    for url in ["/", "/nope", "/api/stories", "/static/app.js", f"/stories/{store.dossiers()[0]['story']['id']}"]:
        answer = client.get(url)
        csp = answer.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
        assert answer.headers["x-content-type-options"] == "nosniff"


TRAVERSALS = [
    "/static/../../etc/passwd",
    "/static/..%2f..%2f..%2fetc%2fpasswd",
    "/static/%2e%2e/%2e%2e/etc/passwd",
    "/static/%2e%2e%2f%2e%2e%2fpyproject.toml",
    "/static/..%5c..%5cetc%5cpasswd",
    "/static/%252e%252e%252fetc%252fpasswd",
    "/static/....//....//etc/passwd",
    "/static/app.css%00.txt",
    "/static/./app.css/../../app.py",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/../app.py",
    "/static/../templates/base.html.j2",
    "/articles/..%2f..%2fetc%2fpasswd",
    "/stories/..%2f..%2fetc%2fpasswd",
    "/api/stories/..%2f..%2f..%2fetc%2fpasswd",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_path_traversal_is_404(live, path):
    status, body = raw_get(live, path)
    assert status in (400, 404), (path, status)
    assert "root:" not in body and "[project]" not in body and "import" not in body


def test_static_files_are_only_the_bundled_ones(live):
    assert raw_get(live, "/static/app.js")[0] == 200
    assert raw_get(live, "/static/dossier.css")[0] == 200
    assert raw_get(live, "/static/__init__.py")[0] == 404


@pytest.mark.parametrize("host", ["evil.example", "evil.example:80", "127.0.0.1.evil.example", "localhost.evil"])
def test_foreign_host_header_is_refused(live, host):
    status, body = raw_get(live, "/api/stories", host=host)
    assert status == 400 and "stories" not in body


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "LOCALHOST:8000"])
def test_local_host_header_is_answered(live, host):
    assert raw_get(live, "/api/stories", host=f"{host}")[0] == 200


def test_queries_past_their_bounds_are_refused(client):
    limits = Settings().web
    long = "x" * (limits.max_query_chars + 1)
    for params in ({"q": long}, {"outlet": long}, {"page": "abc"}, {"page": "1e9"}, {"page": "--1"},
                   {"limit": "٣"}, {"from": "yesterday"}, {"to": "2024-13-40"}, {"sort": "size; DROP TABLE x"},
                   {"page": "9" * (limits.max_param_chars + 1)}):
        assert client.get("/api/stories", params=params).status_code == 400, params
        assert client.get("/", params=params).status_code == 400, params
    assert client.get("/api/stories", params={"q": "x" * limits.max_query_chars}).status_code == 200


def test_repeated_and_oversized_query_strings_are_bounded(live):
    status, _ = raw_get(live, "/api/stories?" + "q=a&" * 2000)
    assert status == 200
    try:
        status, _ = raw_get(live, "/?" + "q=a&" * 50_000)
    except ConnectionError:
        status = None  # the HTTP parser drops a 200 kB request line outright
    assert status != 200


def test_numbers_out_of_range_are_clamped(client):
    limits = Settings().web
    cases = {("page", "-5"): ("page", 1), ("page", "0"): ("page", 1), ("page", str(10**20)): ("page", limits.max_page),
             ("limit", "0"): ("limit", 1), ("limit", "-3"): ("limit", 1),
             ("limit", str(10**9)): ("limit", limits.max_page_size)}
    for (name, value), (key, expected) in cases.items():
        answer = client.get("/api/stories", params={name: value})
        assert answer.status_code == 200 and answer.json()["query"][key] == expected, (name, value)


def test_highlight_bounds_on_the_article_page(client, store):
    article = store.dossiers()[0]["articles"][0]
    url = f"/articles/{article['id']}"
    n = len(article["text"])
    assert client.get(url, params={"start": 5, "end": 2}).status_code == 400
    assert client.get(url, params={"start": 5}).status_code == 400
    assert client.get(url, params={"start": "x", "end": 3}).status_code == 400
    assert client.get(url, params={"start": "9" * 40, "end": 3}).status_code == 400
    clamped = client.get(url, params={"start": -10, "end": 10**12})
    assert clamped.status_code == 200 and f"characters 0–{n}" in clamped.text
    assert client.get(url, params={"story": "s_" + "x" * 5000}).status_code == 404


@pytest.mark.parametrize("hostile_id", ["' OR '1'='1", "x'; DROP TABLE dossiers; --", "%", "_", "s_%"])
def test_ids_are_looked_up_as_data(client, store, hostile_id):
    for route in ("/stories/", "/articles/", "/api/stories/", "/api/articles/"):
        assert client.get(route + quote(hostile_id, safe="")).status_code == 404, route
    assert store.count("dossiers") == len(store.dossiers()) > 0


def test_app_is_read_only(client):
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)("/api/stories").status_code == 405
        assert getattr(client, method)("/").status_code == 405


def test_api_returns_hostile_text_as_json_data(client, store):
    d = store.dossiers()[0]
    answer = client.get(f"/api/stories/{d['story']['id']}")
    assert answer.headers["content-type"].startswith("application/json")
    assert answer.json() == d
