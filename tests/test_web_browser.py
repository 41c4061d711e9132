"""The web app in a real browser (issue #8): headless Chromium from Debian's ``chromium`` package,
driven by Playwright, against ``crosswire serve`` started as a user would start it.

Screenshots of the main pages go to ``test-artifacts/`` at the repository root.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import crosswire

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path(os.environ.get("CROSSWIRE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]

HOSTILE = [
    {"title": '<script>window.__xss=1</script>Storm "><img src=x onerror="window.__xss=2"> hits coast',
     "url": "javascript:window.__xss=3", "outlet": '"><svg onload="window.__xss=4">', "published": "2024-05-01",
     "text": ('A storm hit the coast on Monday, officials said. <script>window.__xss=5</script> '
              'Residents were told to stay indoors "><img src=x onerror="window.__xss=6">. '
              '"<b onmouseover=window.__xss=7>We ask everyone to stay calm</b>," the mayor said on Monday. '
              'Power was cut to 4,000 homes across the region, the utility said.')},
    {"title": "Storm hits coast", "url": "https://example.org/storm?a=1&b=\"><script>window.__xss=8</script>",
     "outlet": "example.org", "published": "2024-05-02",
     "text": ('A storm hit the coast on Monday, officials said, and residents were told to stay indoors. '
              '"<b onmouseover=window.__xss=7>We ask everyone to stay calm</b>," the mayor said. '
              'Power was cut to 4,000 homes across the region, the utility said on Tuesday.')},
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``crosswire serve`` in a subprocess on a free port; stopped by its own pid."""

    def __init__(self, db: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        code = "from crosswire.cli import main; main()"
        self.proc = subprocess.Popen(
            [sys.executable, "-c", code, "serve", "--db", str(db), "--port", str(self.port)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/api/stories", timeout=1).read()
                return
            except OSError:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"crosswire serve did not start: {self.proc.stdout.read()}")

    def api(self, path: str) -> dict:
        return json.loads(urllib.request.urlopen(self.url + path, timeout=5).read())

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture(scope="module")
def chromium():
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def seeds_server(tmp_path_factory, chromium, example_run):
    """``crosswire serve`` over a copy of the example's store (analysed once in conftest.py)."""
    db = tmp_path_factory.mktemp("browser") / "seeds.duckdb"
    shutil.copyfile(example_run[1], db)
    server = Server(db)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory, chromium):
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile.jsonl").write_text("\n".join(json.dumps(r) for r in HOSTILE) + "\n", encoding="utf-8")
    db = folder / "hostile.duckdb"
    crosswire.analyze([str(folder / "hostile.jsonl")], db=db)
    server = Server(db)
    yield server
    server.stop()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(120_000)  # CI machines are small and shared; a slow answer is not a failure here
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    yield page
    context.close()


def _shot(page, name: str, full_page: bool = True) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def _largest_story(server: Server) -> dict:
    row = server.api("/api/stories?sort=size&limit=1")["stories"][0]
    return server.api(f"/api/stories/{row['id']}")


def test_story_list_opens_a_dossier(seeds_server, page):
    page.goto(seeds_server.url + "/")
    rows = page.locator("tr.story-row")
    assert rows.count() == seeds_server.api("/api/stories")["total"]
    _shot(page, "stories")
    dossier = _largest_story(seeds_server)
    page.locator(f'a.story-link[href="/stories/{dossier["story"]["id"]}"]').click()
    page.wait_for_url(f"**/stories/{dossier['story']['id']}")
    assert page.locator("h1").inner_text() == dossier["story"]["title"]
    assert page.locator("#summary p.summary-sentence").count() == len(dossier["summary"])
    _shot(page, "dossier")
    assert page.errors == []


def test_clicking_a_citation_highlights_its_exact_span(seeds_server, page):
    dossier = _largest_story(seeds_server)
    page.goto(f"{seeds_server.url}/stories/{dossier['story']['id']}")
    cite = dossier["summary"][0]["cite"]
    article = seeds_server.api(f"/api/articles/{cite['article']}")
    expected = article["text"][cite["start"]:cite["end"]]
    assert expected == cite["text"]

    page.locator("#summary a.cite").first.click()
    mark = page.locator("#reader #reader-hl")
    mark.wait_for(state="visible")
    assert mark.text_content() == expected
    assert mark.is_visible() and page.locator("#reader").is_visible()
    _shot(page, "dossier-citation", full_page=False)

    page.locator("#reader a.reader-open").click()
    page.wait_for_url("**/articles/**#hl")
    marks = page.locator("mark.hl").all_text_contents()
    assert "".join(marks) == expected
    assert page.locator("#hl").is_visible()
    _shot(page, "article")
    assert page.errors == []


def test_charts_draw_every_article_and_dated_statement(seeds_server, page):
    dossier = _largest_story(seeds_server)
    page.goto(f"{seeds_server.url}/stories/{dossier['story']['id']}")
    assert page.locator("svg.graph a.node").count() == len(dossier["articles"])
    drawn_dates = set(page.locator("svg.timeline g.tick text").all_text_contents()) - {"⋯"}
    expected_dates = {e["date"] for e in dossier["timeline"]} | {a["published"] for a in dossier["articles"]
                                                                   if a["published"]}
    assert drawn_dates == expected_dates
    if dossier["timeline"]:
        page.locator("svg.timeline a.event").first.click()
        page.locator("#reader #reader-hl").wait_for(state="visible")
        assert page.locator("#reader-hl").text_content() == dossier["timeline"][0]["span"]["text"]
        page.keyboard.press("Escape")
        assert page.locator("#reader").is_hidden()
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#provenance").screenshot(path=str(ARTIFACTS / "provenance.png"))
    page.locator("#timeline").screenshot(path=str(ARTIFACTS / "timeline.png"))
    page.locator("#matrix").screenshot(path=str(ARTIFACTS / "matrix.png"))


def _listening_addresses(port: int) -> set[str]:
    """Local addresses with a socket listening on ``port`` (Linux ``/proc/net/tcp*``)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not Path(table).exists():
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


def test_serve_listens_on_loopback_only_by_default(seeds_server):
    if not Path("/proc/net/tcp").exists():
        pytest.skip("needs Linux /proc/net/tcp")
    assert _listening_addresses(seeds_server.port) == {"0100007F"}  # 127.0.0.1, little-endian hex


def test_hostile_articles_run_no_script_in_the_browser(hostile_server, page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    stories = hostile_server.api("/api/stories")["stories"]
    assert stories, "the hostile articles made no story"
    urls = ["/", "/?q=%3Cscript%3Ewindow.__xss%3D9%3C%2Fscript%3E"]
    for row in stories:
        dossier = hostile_server.api(f"/api/stories/{row['id']}")
        urls.append(f"/stories/{row['id']}")
        urls += [f"/articles/{a['id']}?start=0&end=10" for a in dossier["articles"]]
    for url in urls:
        page.goto(hostile_server.url + url)
        page.mouse.move(200, 300)
        for link in page.locator("a.cite").all()[:5]:
            link.click()
            page.keyboard.press("Escape")
        assert page.evaluate("window.__xss") is None, url
        assert page.locator("img, iframe, object, embed, [onerror], [onload], [onmouseover]").count() == 0, url
        assert page.evaluate(
            "[...document.querySelectorAll('[href]')].filter(e => !/^(https?:|\\/|#|\\?)/i.test("
            "e.getAttribute('href'))).length") == 0, url
    assert dialogs == []
    page.goto(f"{hostile_server.url}/stories/{stories[0]['id']}")
    _shot(page, "hostile-dossier")
