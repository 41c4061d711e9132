"""The optional LLM summary against a real local server that speaks the chat-completions API:
every generated sentence cites source ids and passes the support check, or it is dropped and
the drop is reported."""

from __future__ import annotations

import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from crosswire.engines.llm import ChatCompletions, llm_config
from crosswire.model import Alignment, Article, Claim, ClaimGroup, Evidence, Span, Support
from crosswire.settings import Settings, SummarizeSettings
from crosswire.summarize import run_stage
from crosswire.summarize.llm import llm_summary, parse_sentences

TEXTS = {
    "a": "The bridge over the river collapsed on Monday evening.\nTwelve people were killed in the collapse.",
    "b": "Engineers had warned about cracks in the bridge for years.",
}

ANSWER = {"sentences": [
    {"text": "The bridge collapsed on Monday evening, and twelve people were killed.", "cites": ["S1", "S2"]},
    {"text": "Engineers had warned about cracks for years.", "cites": ["S3"]},
    {"text": "The bridge was destroyed by an earthquake.", "cites": ["S1"]},
    {"text": "Twelve people were killed.", "cites": ["S9"]},
    {"text": "The mayor resigned on Tuesday.", "cites": []},
]}


class ChatHandler(BaseHTTPRequestHandler):
    requests: ClassVar[list[dict]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append({"path": self.path, "auth": self.headers.get("Authorization"), "body": body})
        if self.path != "/v1/chat/completions":
            self.send_error(404)
            return
        reply = {"id": "x", "object": "chat.completion", "model": body["model"],
                 "choices": [{"index": 0, "finish_reason": "stop",
                              "message": {"role": "assistant", "content": json.dumps(ANSWER)}}]}
        data = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), ChatHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    httpd.shutdown()
    httpd.server_close()


def story():
    articles, claims = {}, []
    for day, (aid, text) in enumerate(TEXTS.items(), start=1):
        articles[aid] = Article(aid, aid, text, text, None, None, aid, None, dt.date(2024, 3, day), "given", "en")
        start = 0
        for n, line in enumerate(text.split("\n")):
            claims.append(Claim(f"c_{aid}{n}", Span(aid, start, start + len(line)), line))
            start += len(line) + 1
    groups = tuple(ClaimGroup(f"g{i}", (c.id,), (c.span,), (c.span.article_id,), Support(1, 1))
                   for i, c in enumerate(claims))
    return Evidence("s", claims=tuple(claims)), Alignment("s", groups), articles


def test_off_by_default_and_without_a_url(monkeypatch):
    monkeypatch.delenv("CROSSWIRE_LLM_URL", raising=False)
    assert llm_config(SummarizeSettings()) is None
    assert llm_config(SummarizeSettings(llm_enabled=True)) is None
    assert llm_summary(*story(), SummarizeSettings()) == ((), [])


def test_environment_fills_url_model_and_key(monkeypatch):
    monkeypatch.setenv("CROSSWIRE_LLM_URL", "http://127.0.0.1:9/v1/")
    monkeypatch.setenv("CROSSWIRE_LLM_MODEL", "tiny")
    monkeypatch.setenv("CROSSWIRE_LLM_KEY", "k")
    config = llm_config(SummarizeSettings(llm_enabled=True))
    assert (config.url, config.model, config.key) == ("http://127.0.0.1:9/v1", "tiny", "k")
    assert llm_config(SummarizeSettings(llm_enabled=True, llm_model="other")).model == "other"


def test_supported_sentences_are_kept_with_citations_and_the_rest_dropped_with_reasons(server):
    ChatHandler.requests.clear()
    settings = SummarizeSettings(llm_enabled=True, llm_url=server, llm_model="tiny", llm_key="secret")
    evidence, alignment, articles = story()
    kept, dropped = llm_summary(evidence, alignment, articles, settings, chat=ChatCompletions(llm_config(settings)))
    request = ChatHandler.requests[-1]
    assert request["auth"] == "Bearer secret" and request["body"]["model"] == "tiny"
    assert "S3: Engineers had warned" in request["body"]["messages"][-1]["content"]
    assert [k.text for k in kept] == [ANSWER["sentences"][0]["text"], ANSWER["sentences"][1]["text"]]
    first = kept[0]
    assert {first.span, *first.support} == {evidence.claims[0].span, evidence.claims[1].span}
    reasons = {d.text: d.reason for d in dropped}
    assert reasons["The bridge was destroyed by an earthquake."] == "not supported by the cited spans"
    assert reasons["Twelve people were killed."].startswith("cites unknown sentence ids: S9")
    assert reasons["The mayor resigned on Tuesday."] == "cites no source sentence"
    assert all(d.source == "llm" for d in dropped)


def test_stage_reports_llm_drops_in_the_summary(server):
    evidence, alignment, articles = story()
    from crosswire.model import Story

    batch = {"articles": list(articles.values()), "stories": [Story("s", ("a", "b"), "t")],
             "evidence": {"s": evidence}, "alignment": {"s": alignment}, "families": []}
    settings = Settings().replace("summarize", llm_enabled=True, llm_url=server)
    batch["llm_chat"] = ChatCompletions(llm_config(settings.summarize))
    summary = run_stage(batch, settings, lambda n: None)["summaries"]["s"]
    assert len(summary.llm) == 2
    assert {d.text for d in summary.dropped if d.source == "llm"} >= {"The bridge was destroyed by an earthquake."}


def test_an_unreachable_endpoint_is_reported_not_silent():
    settings = SummarizeSettings(llm_enabled=True, llm_url="http://127.0.0.1:9/v1", llm_timeout=2)
    kept, dropped = llm_summary(*story(), settings, chat=ChatCompletions(llm_config(settings)))
    assert kept == () and dropped and dropped[0].reason.startswith("endpoint failed")


def test_parse_accepts_fenced_json_and_cited_lines():
    fenced = "```json\n" + json.dumps(ANSWER) + "\n```"
    assert len(parse_sentences(fenced)) == 5
    assert parse_sentences("One. [S1]\nTwo has none.") == [("One.", ["S1"]), ("Two has none.", [])]
