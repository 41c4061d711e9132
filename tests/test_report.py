"""Dossier output: schema validation, citation round-trips, escaping in HTML and Markdown."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crosswire.errors import SchemaError
from crosswire.model import (
    Alignment,
    Article,
    Dossier,
    Evidence,
    Quote,
    Sentence,
    Span,
    Story,
    Summary,
    SummarySentence,
)
from crosswire.report import (
    check_citations,
    dossier_json,
    marked_segments,
    render_html,
    render_markdown,
    safe_url,
    validate_dossier,
)

HOSTILE_TEXT = 'Officials said <script>alert("x")</script> and <img src=x onerror=alert(1)> were found.'


def hostile_dossier() -> dict:
    text = HOSTILE_TEXT
    a = Article(
        id="a1", source="evil.txt", raw_text=text, text=text, title='<b onmouseover="x">Title</b>',
        url="javascript:alert(1)", outlet="<i>outlet</i>", author=None, published=dt.date(2024, 1, 1),
        published_source="given", language="en", sentences=(Sentence("a1", 0, 0, len(text)),),
    )
    span = Span("a1", 0, len(text))
    story = Story("s1", ("a1",), a.title, a.published, a.published)
    quote = Quote("q1", Span("a1", 15, 40), "direct", "<u>speaker</u>")
    record = Dossier(
        story, (a,), Evidence("s1", quotes=(quote,)), Alignment("s1"),
        Summary("s1", (SummarySentence(text, span),)),
    )
    return dossier_json(record)


def test_dossier_validates_and_every_span_round_trips():
    d = hostile_dossier()
    validate_dossier(d)
    assert check_citations(d) == []


def test_a_span_whose_text_does_not_match_is_caught():
    d = hostile_dossier()
    d["summary"][0]["cite"]["text"] = "something else"
    assert check_citations(d) == [f"a1:0:{len(HOSTILE_TEXT)}"]
    with pytest.raises(SchemaError, match="round-trip"):
        validate_dossier(d)


def test_schema_violations_are_named():
    d = copy.deepcopy(hostile_dossier())
    del d["story"]["title"]
    with pytest.raises(SchemaError, match="story"):
        validate_dossier(d)


def test_html_escapes_all_article_text_and_neutralises_unsafe_urls():
    html = render_html(hostile_dossier())
    assert "<script>" not in html and "<img src=x" not in html and "<b onmouseover" not in html
    assert "&lt;script&gt;" in html
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs and all(h.startswith(("#", "https://", "http://")) for h in hrefs)
    assert "<link" not in html and "<script src" not in html  # self-contained


def test_markdown_escapes_markup():
    md = render_markdown(hostile_dossier())
    assert "<script>" not in md and "\\<script\\>" in md


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/a?b=1", "https://example.com/a?b=1"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        (" java\nscript:alert(1)", None),
        ("data:text/html,<script>", None),
        ("//evil.com/x", None),
        ('https://ex.com/"><script>', "https://ex.com/%22%3E%3Cscript%3E"),
    ],
)
def test_safe_url(url, expected):
    assert safe_url(url) == expected


@given(st.text(max_size=80), st.lists(st.tuples(st.integers(0, 80), st.integers(0, 80)), max_size=6))
def test_marked_segments_rebuild_the_text_and_mark_exactly_the_cited_characters(text, pairs):
    spans = [{"article": "a", "start": min(s, e, len(text)), "end": min(max(s, e), len(text))} for s, e in pairs]
    segments = marked_segments(text, spans)
    assert "".join(s["text"] for s in segments) == text
    position = 0
    for seg in segments:
        covered = any(s["start"] <= position and position + len(seg["text"]) <= s["end"] for s in spans)
        assert seg["marked"] == (covered and len(seg["text"]) > 0) or not seg["text"]
        position += len(seg["text"])


def test_markdown_puts_each_timeline_event_on_its_own_line_at_its_precision():
    d = hostile_dossier()
    cite = d["summary"][0]["cite"]
    event = {"date": "2024-01-01", "precision": "day", "inferred": False, "disputed": [],
             "text": "First thing.", "expression": "today", "span": cite, "support": []}
    d["timeline"] = [{**event, "date": "2015-09-01", "precision": "month"}, event,
                     {**event, "date": "2024-01-02", "text": "Second thing."},
                     {**event, "date": "2024-01-08", "precision": "week", "text": "Third thing."}]
    md = render_markdown(d)
    timeline = md.split("## Timeline", 1)[1].split("## Sources", 1)[0]
    items = [line for line in timeline.splitlines() if line.startswith("- ")]
    assert [line[:12] for line in items] == ["- 2015-09: F", "- 2024-01-01", "- 2024-01-02", "- week of 20"]
    assert items[3].startswith("- week of 2024-01-08: Third thing.")
    d["timeline"][0]["background"] = True
    marked = render_markdown(d).split("## Timeline", 1)[1].split("## Sources", 1)[0]
    assert [line.startswith("- 2015-09 *(earlier event recalled)*") for line in marked.splitlines()
            if line.startswith("- ")] == [True, False, False, False]
    d["timeline"][3]["forecast"] = True
    flagged = render_markdown(d).split("## Timeline", 1)[1].split("## Sources", 1)[0]
    assert ["*(forecast)*" in line for line in flagged.splitlines() if line.startswith("- ")] == [False, False, False, True]
    html = render_html(d)
    assert html.count('class="forecast"') == 1 and html.count('class="background"') == 1


def test_a_statement_quoted_by_several_outlets_is_one_origin_and_an_unattributed_one_is_not():
    from crosswire.model import QuoteGroup, QuoteVariant

    text = "The ministry said the port will reopen."
    articles = tuple(
        Article(aid, f"{aid}.txt", text, text, None, None, f"Outlet {aid}", None, dt.date(2024, 1, 1), "given", "en",
                sentences=(Sentence(aid, 0, 0, len(text)),))
        for aid in ("a", "b", "c")
    )
    variants = tuple(QuoteVariant(f"q{a.id}", Span(a.id, 18, 38), "identical", 1.0) for a in articles)
    story = Story("s1", ("a", "b", "c"), "Port", dt.date(2024, 1, 1), dt.date(2024, 1, 1))
    counts = lambda speaker: dossier_json(Dossier(
        story, articles, Evidence("s1", quote_groups=(QuoteGroup("g1", "qa", speaker, variants),)), Alignment("s1"),
        Summary("s1"),
    ))["quote_groups"][0]["counts"]
    assert counts("Port Ministry") == {"outlets": 3, "unknown": 0, "origins": 1}
    assert counts(None) == {"outlets": 3, "unknown": 0, "origins": 3}



def test_a_summary_sentence_carries_its_claim_groups_counts_when_they_reach_further():
    from crosswire.model import Claim, ClaimGroup, Support

    text = "Rebels took the port on Monday and the governor fled."
    articles = tuple(
        Article(aid, f"{aid}.txt", text, text, None, None, f"Outlet {aid}", None, dt.date(2024, 1, 1), "given", "en",
                sentences=(Sentence(aid, 0, 0, len(text)),))
        for aid in ("a", "b")
    )
    group = ClaimGroup("g1", ("ca", "cb"), (Span("a", 0, len(text)), Span("b", 0, 30)), ("Outlet a", "Outlet b"),
                       Support(2, 2))
    story = Story("s1", ("a", "b"), "Port", dt.date(2024, 1, 1), dt.date(2024, 1, 1))
    claims = (Claim("ca", Span("a", 0, len(text)), text), Claim("cb", Span("b", 0, 30), text[:30]))
    record = Dossier(story, articles, Evidence("s1", claims=claims), Alignment("s1", (group,)),
                     Summary("s1", (SummarySentence(text, Span("a", 0, len(text)), group="g1"),)))
    data = dossier_json(record)
    validate_dossier(data)
    assert data["summary"][0]["counts"] == {"outlets": 1, "unknown": 0, "origins": 1}  # the sentence: one span
    assert data["summary"][0]["group"] == {"id": "g1", "outlets": 2, "unknown": 0, "origins": 2}
    assert "its claim group: 2 outlets, 2 independent origins" in render_markdown(data)
    # a group relayed by more outlets than the sentence's spans show says so, however few its origins
    data["summary"][0]["group"] = {"id": "g1", "outlets": 3, "origins": 1}
    assert "(1 outlet, 1 independent origin; its claim group: 3 outlets, 1 independent origin)" in render_markdown(data)
    assert "its claim group: 3 outlets, 1 independent origin" in render_html(data)
    data["summary"][0]["group"] = {"id": "g1", "outlets": 1, "origins": 1}
    assert "its claim group" not in render_markdown(data)


def test_a_summary_sentence_counts_claims_of_one_speaker_as_one_origin_as_its_group_does():
    from crosswire.model import Claim, ClaimGroup, Support

    text = "The coroner said Vell died on Saturday of natural causes."
    articles = one_text_articles(text, {"a": "Outlet a", "b": "Outlet b"})
    spans = (Span("a", 0, len(text)), Span("b", 0, len(text)))
    claims = tuple(Claim(f"c{s.article_id}", s, text, attributed_to="Coroner Ana Marn") for s in spans)
    group = ClaimGroup("g1", ("ca", "cb"), spans, ("Outlet a", "Outlet b"), Support(2, 1))
    story = Story("s1", ("a", "b"), "Vell", dt.date(2024, 1, 1), dt.date(2024, 1, 1))
    record = Dossier(story, articles, Evidence("s1", claims=claims), Alignment("s1", (group,)),
                     Summary("s1", (SummarySentence(text, spans[0], (spans[1],), group="g1"),)))
    data = dossier_json(record)
    assert data["summary"][0]["counts"] == {"outlets": 2, "unknown": 0, "origins": 1}  # one coroner's words
    unattributed = Dossier(story, articles, Evidence("s1", claims=tuple(Claim(c.id, c.span, c.text) for c in claims)),
                           Alignment("s1", (group,)), record.summary)
    assert dossier_json(unattributed)["summary"][0]["counts"]["origins"] == 2


def test_a_summary_sentence_names_whom_its_fact_is_attributed_to():
    text = "Bases in the north are on high alert."
    article = Article("a", "a.txt", text, text, None, None, "Outlet a", None, dt.date(2024, 1, 1), "given", "en",
                      sentences=(Sentence("a", 0, 0, len(text)),))
    story = Story("s1", ("a",), "Alert", dt.date(2024, 1, 1), dt.date(2024, 1, 1))
    said = SummarySentence(text, Span("a", 0, len(text)), according_to="the Patrian Defence Ministry")
    data = dossier_json(Dossier(story, (article,), Evidence("s1"), Alignment("s1"), Summary("s1", (said,))))
    validate_dossier(data)
    assert data["summary"][0]["according_to"] == "the Patrian Defence Ministry"
    assert "alert. *according to the Patrian Defence Ministry* [" in render_markdown(data)
    assert '<em class="according">according to the Patrian Defence Ministry</em>' in render_html(data)
    data["summary"][0]["according_to"] = None
    assert "according to" not in render_markdown(data) and "according to" not in render_html(data)


def test_a_spelling_difference_is_listed_once_however_many_claim_pairs_show_it():
    from crosswire.report.render import distinct_spellings, render_html

    d = hostile_dossier()
    cite = d["summary"][0]["cite"]
    part = lambda word: {**cite, "text": word}
    spelling = lambda x, y: {"kind": "spelling", "a": cite, "b": cite, "note": f"{x} vs {y}",
                             "parts": [part(x), part(y)], "claims": []}
    number = {"kind": "number", "a": cite, "b": cite, "note": "12 vs 15", "parts": [part("12"), part("15")], "claims": []}
    d["conflicts"] = [spelling("Advisers", "Advisors"), number, spelling("Advisors", "Advisers"),
                      spelling("Advisers", "Advisors")]
    assert distinct_spellings(d["conflicts"]) == d["conflicts"][:2]
    conflicts = render_markdown(d).split("## Conflicts", 1)[1].split("## Updates", 1)[0]
    assert conflicts.count("Advisers vs Advisors") == 1 and conflicts.count("Advisors vs Advisers") == 0
    assert render_html(d).count("Advisers vs Advisors") == 1


def test_figures_that_chain_through_shared_reports_are_one_entry_with_their_versions():
    from crosswire.report.render import condensed_conflicts, render_html

    d = hostile_dossier()
    text = d["articles"][0]["text"]
    claim = lambda start: {"article": "a1", "start": start, "end": start + 10, "text": text[start:start + 10]}
    figure = lambda start, value: {"article": "a1", "start": start, "end": start + 2, "text": value}
    toll = lambda x, fx, y, fy: {"kind": "number", "a": claim(x), "b": claim(y), "note": f"{fx} vs {fy}",
                                 "parts": [figure(x, fx), figure(y, fy)], "claims": []}
    # reports at 0 and 20 say 21, at 40 says 24, at 60 says 25: five pairs, one quantity in three versions
    d["conflicts"] = [toll(0, "21", 40, "24"), toll(20, "21", 40, "24"), toll(0, "21", 60, "25"),
                      toll(40, "24", 60, "25"), toll(20, "21", 60, "25"),
                      {**toll(80, "10", 90, "11"), "kind": "date"}]
    condensed = condensed_conflicts(d["conflicts"])
    assert len(condensed) == 2 and condensed[1] == d["conflicts"][5]  # a lone pair stays a pair
    versions = condensed[0]["versions"]
    assert [(v["value"], len(v["sides"])) for v in versions] == [("21", 2), ("24", 1), ("25", 1)]
    markdown = render_markdown(d).split("## Conflicts", 1)[1].split("## Updates", 1)[0]
    assert "**number**, 3 versions:" in markdown and "**21** (2 reports)" in markdown and "10 vs 11" in markdown
    assert "\n  - **24** (1 report)" in markdown and "\n  - **25** (1 report)" in markdown  # one version a line
    assert "3 versions" in render_html(d)
    for c in d["conflicts"][:5]:
        c["note"] = f"killed in Kenya: {c['note']}"
    assert condensed_conflicts(d["conflicts"])[0]["about"] == "killed in Kenya"
    assert "**number** (killed in Kenya), 3 versions:" in render_markdown(d)
    assert "killed in Kenya: 3 versions" in render_html(d)


def test_counts_in_the_story_line_agree_in_number():
    d = hostile_dossier()
    assert "1 article from 1 outlet ·" in render_markdown(d)
    assert "1 article · 1 outlet ·" in render_html(d)
    d["story"]["article_count"], d["story"]["outlets"] = 3, ["a", "b"]
    assert "3 articles from 2 outlets ·" in render_markdown(d)
    assert "3 articles · 2 outlets ·" in render_html(d)


def one_text_articles(text: str, outlets: dict[str, str | None]) -> tuple[Article, ...]:
    """One article per id of ``outlets`` (id → outlet, or ``None`` for none known), each of ``text``."""
    return tuple(
        Article(aid, f"{aid}.txt", text, text, None, None, outlet, None, dt.date(2024, 1, 1), "given", "en",
                sentences=(Sentence(aid, 0, 0, len(text)),))
        for aid, outlet in outlets.items()
    )


def test_articles_of_unknown_outlet_are_counted_but_not_called_outlets():
    text = "The port will reopen on Monday, the harbour master said."
    outlets = {"a": "Xinhua", "b": None, "c": None}
    articles = one_text_articles(text, outlets)
    story = Story("s1", tuple(outlets), "Port", dt.date(2024, 1, 1), dt.date(2024, 1, 1))
    data = dossier_json(Dossier(story, articles, Evidence("s1"), Alignment("s1"), Summary("s1")))
    assert data["story"]["outlets"] == ["Xinhua"] and data["story"]["without_outlet"] == 2
    assert "3 articles from 1 outlet (2 articles of unknown outlet) ·" in render_markdown(data)
    assert "3 articles · 1 outlet (2 articles of unknown outlet) ·" in render_html(data)
    data["story"]["outlets"], data["story"]["without_outlet"] = [], 3
    assert "3 articles, outlet unknown ·" in render_markdown(data)
    assert "3 articles · outlet unknown ·" in render_html(data)


def test_reports_of_unknown_outlet_that_relay_a_claim_are_not_called_outlets():
    from crosswire.align import align_story
    from crosswire.model import Claim

    text = "The port will reopen on Monday, harbour master Ana Vell said."
    outlets = {"a": "Wire One", "b": None, "c": None}
    articles = one_text_articles(text, outlets)
    claims = tuple(Claim(f"c{aid}", Span(aid, 0, len(text)), text, attributed_to="Ana Vell")
                   for aid in outlets)
    story = Story("s1", tuple(outlets), "Port", dt.date(2024, 1, 1), dt.date(2024, 1, 1))
    evidence = Evidence("s1", claims=claims)
    alignment = align_story("s1", claims, {a.id: a for a in articles}, ())
    [group] = alignment.groups
    assert (group.support.outlets, group.support.unknown_outlets, group.support.origins) == (3, 2, 1)
    data = dossier_json(Dossier(story, articles, evidence, alignment, Summary("s1")))
    validate_dossier(data)
    assert data["claims"][0]["support"] == {"outlets": 3, "unknown": 2, "origins": 1}
    single = render_markdown(data).split("## Single-source claims", 1)[1]
    assert "one origin relayed by 1 outlet and 2 reports of unknown outlet" in single
    assert "one origin relayed by 1 outlet and 2 reports of unknown outlet" in render_html(data)
    data["claims"][0]["support"] = {"outlets": 2, "unknown": 2, "origins": 1}
    assert "one origin relayed by 2 reports of unknown outlet" in render_markdown(data)
    del data["claims"][0]["support"]["unknown"]  # a dossier stored before the count was kept
    assert "one origin relayed by 2 outlets" in render_markdown(data)


def test_a_story_dated_only_by_inference_says_so_in_its_line():
    text = "The port will reopen on Monday, the harbour master said."
    days = {"a": dt.date(1999, 8, 17), "b": dt.date(1999, 8, 20), "c": None}
    articles = tuple(
        Article(aid, f"{aid}.txt", text, text, None, None, "AP", None, day, "inferred" if day else "unknown", "en",
                sentences=(Sentence(aid, 0, 0, len(text)),))
        for aid, day in days.items()
    )
    story = Story("s1", tuple(days), "Port", None, None)
    data = dossier_json(Dossier(story, articles, Evidence("s1"), Alignment("s1"), Summary("s1")))
    assert data["story"]["first_published"] is None  # no known date is made up
    assert (data["story"]["inferred_first"], data["story"]["inferred_last"]) == ("1999-08-17", "1999-08-20")
    validate_dossier(data)
    assert "· dates inferred: 1999-08-17 to 1999-08-20" in render_markdown(data)
    assert "· dates inferred: 1999-08-17 – 1999-08-20" in render_html(data)
    known = Story("s1", tuple(days), "Port", dt.date(1999, 8, 18), dt.date(1999, 8, 18))
    data = dossier_json(Dossier(known, articles, Evidence("s1"), Alignment("s1"), Summary("s1")))
    assert "inferred_first" not in data["story"] and "· 1999-08-18" in render_markdown(data)
    undated = tuple(dataclasses.replace(a, published=None, published_source="unknown") for a in articles)
    data = dossier_json(Dossier(story, undated, Evidence("s1"), Alignment("s1"), Summary("s1")))
    assert "· date unknown" in render_markdown(data) and "· date unknown" in render_html(data)


def test_reports_of_one_outlet_get_numbered_labels_and_count_as_one_outlet_and_one_origin():
    from crosswire.model import QuoteGroup, QuoteVariant

    text = "The port will reopen on Monday, the harbour master said."
    outlets = {"a": "Xinhua", "b": "Xinhua", "c": "AP"}
    articles = tuple(
        Article(aid, f"{aid}.txt", text, text, None, None, outlet, None, dt.date(2024, 1, 1), "given", "en",
                sentences=(Sentence(aid, 0, 0, len(text)),))
        for aid, outlet in outlets.items()
    )
    variants = tuple(QuoteVariant(f"q{a.id}", Span(a.id, 0, 30), "identical", 1.0) for a in articles)
    story = Story("s1", ("a", "b", "c"), "Port", dt.date(2024, 1, 1), dt.date(2024, 1, 1))
    data = dossier_json(Dossier(
        story, articles, Evidence("s1", quote_groups=(QuoteGroup("g1", "qa", None, variants),)), Alignment("s1"),
        Summary("s1"),
    ))
    assert [a["label"] for a in data["articles"]] == ["Xinhua (1)", "Xinhua (2)", "AP"]
    assert data["story"]["outlets"] == ["AP", "Xinhua"]
    assert data["quote_groups"][0]["counts"] == {"outlets": 2, "unknown": 0, "origins": 2}
    assert "[Xinhua (2) 0–30]" in render_markdown(data)


def test_an_empty_timeline_says_so_in_every_rendering():
    d = hostile_dossier()
    d["timeline"] = []
    markdown = render_markdown(d).split("## Timeline", 1)[1].split("## Sources", 1)[0]
    assert "No dated event found." in markdown
    assert "No dated event found." in render_html(d)


def one_sentence_articles(texts: dict[str, str], day: dt.date) -> tuple[Article, ...]:
    """One article per ``{id: text}``, each of one sentence, from outlet "Outlet <id>", dated ``day``."""
    return tuple(
        Article(aid, f"{aid}.txt", t, t, None, None, f"Outlet {aid}", None, day, "given", "en",
                sentences=(Sentence(aid, 0, 0, len(t)),))
        for aid, t in texts.items()
    )


def test_details_only_one_origin_gives_are_cited_beside_a_corroborated_claim():
    from crosswire.model import Claim, ClaimGroup, Support

    texts = {"a": "The plant closed on June 2 and 400 workers lost their jobs.", "b": "The plant closed on June 2."}
    articles = one_sentence_articles(texts, dt.date(2024, 6, 3))
    detail = Span("a", texts["a"].index("400"), texts["a"].index("400") + 3)
    group = ClaimGroup("g1", ("ca", "cb"), tuple(Span(a, 0, len(t)) for a, t in texts.items()),
                       ("Outlet a", "Outlet b"), Support(2, 2), unshared=(detail,))
    claims = tuple(Claim(f"c{a}", Span(a, 0, len(t)), t) for a, t in texts.items())
    story = Story("s1", ("a", "b"), "Plant", dt.date(2024, 6, 3), dt.date(2024, 6, 3))
    data = dossier_json(Dossier(story, articles, Evidence("s1", claims=claims), Alignment("s1", (group,)),
                                Summary("s1")))
    validate_dossier(data)
    assert check_citations(data) == []
    assert data["claims"][0]["unshared"] == [{"article": "a", "start": detail.start, "end": detail.end, "text": "400"}]
    markdown = render_markdown(data)
    row = next(line for line in markdown.splitlines() if line.startswith("| The plant closed on June 2 and"))
    assert "Only one origin gives:* 400 [" in row
    html = render_html(data)
    assert 'class="unshared">Only one origin gives: <span class="detail">400</span>' in html


def test_single_source_claims_that_name_nothing_are_listed_apart_after_the_others():
    from crosswire.model import Claim, ClaimGroup, Support

    texts = {"a": "Its doors were shut.", "b": "Ana Marn shut the bakery in Osten on May 3."}
    articles = one_sentence_articles(texts, dt.date(2024, 5, 4))
    groups = (ClaimGroup("g1", ("cb",), (Span("b", 0, len(texts["b"])),), ("Outlet b",), Support(1, 1), details=3),
              ClaimGroup("g2", ("ca",), (Span("a", 0, len(texts["a"])),), ("Outlet a",), Support(1, 1), details=0))
    claims = tuple(Claim(f"c{a}", Span(a, 0, len(t)), t) for a, t in texts.items())
    story = Story("s1", ("a", "b"), "Bakery", dt.date(2024, 5, 4), dt.date(2024, 5, 4))
    data = dossier_json(Dossier(story, articles, Evidence("s1", claims=claims), Alignment("s1", groups), Summary("s1")))
    validate_dossier(data)
    assert [g["details"] for g in data["claims"]] == [3, 0]
    singles = render_markdown(data).split("## Single-source claims", 1)[1].split("## Conflicts", 1)[0]
    named, vague = singles.split("### Naming no one and giving no figure or date (1)")
    assert "Ana Marn shut the bakery" in named and "Its doors were shut" not in named
    assert "Its doors were shut" in vague
    html = render_html(data).split('id="single-source"', 1)[1].split("</section>", 1)[0]
    listed, folded = html.split('<details class="vague">')
    assert "Ana Marn shut the bakery" in listed and "Its doors were shut" in folded
    # a dossier written before groups counted their details lists every claim as it did
    for g in data["claims"]:
        del g["details"]
    assert "Naming no one" not in render_markdown(data) and "Its doors were shut" in render_markdown(data)
    assert '<details class="vague">' not in render_html(data)
