"""Timeline: dated events from claims, cited, with support, disagreements and inferred dates."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from crosswire.model import (
    Alignment,
    Article,
    Claim,
    ClaimGroup,
    Conflict,
    Evidence,
    Family,
    Span,
    Support,
    TimelineEvent,
    Value,
)
from crosswire.summarize.timeline import dated_context, forecast, is_relative, precision, timeline


def article(aid: str, text: str, published: dt.date, source: str = "given") -> Article:
    return Article(aid, aid, text, text, None, None, f"Outlet {aid}", None, published, source, "en")  # type: ignore[arg-type]


def dated_claim(cid: str, art: Article, expression: str, date: str) -> Claim:
    at = art.text.index(expression)
    value = Value("date", Span(art.id, at, at + len(expression)), expression, date)
    return Claim(cid, Span(art.id, 0, len(art.text)), art.text, values=(value,))


@pytest.fixture()
def story():
    a = article("a", "The dam burst on Sunday, officials said.", dt.date(2024, 5, 7))
    b = article("b", "The dam burst on May 4, 2024, officials said.", dt.date(2024, 5, 8))
    c = article("c", "The dam burst on Saturday, a witness said.", dt.date(2024, 5, 6), source="inferred")
    e = article("e", "The evacuation began on Friday, the police said.", dt.date(2024, 5, 6), source="inferred")
    d = article("d", "Repairs will start in June 2024, the ministry said.", dt.date(2024, 5, 9))
    claims = [
        dated_claim("ca", a, "Sunday", "2024-05-05"),
        dated_claim("cb", b, "May 4, 2024", "2024-05-04"),
        dated_claim("cc", c, "Saturday", "2024-05-04"),
        dated_claim("ce", e, "Friday", "2024-05-03"),
        dated_claim("cd", d, "June 2024", "2024-06-20"),
    ]
    spans = {x.id: x.span for x in claims}
    values = {x.id: x.values[0].span for x in claims}
    groups = (
        ClaimGroup("g1", ("ca", "cb", "cc"), (spans["ca"], spans["cb"], spans["cc"]), ("a", "b", "c"), Support(3, 3)),
        ClaimGroup("g2", ("cd",), (spans["cd"],), ("d",), Support(1, 1)),
        ClaimGroup("g3", ("ce",), (spans["ce"],), ("e",), Support(1, 1)),
    )
    conflicts = tuple(
        Conflict("date", spans[x], spans[y], "", (values[x], values[y])) for x, y in (("ca", "cb"), ("ca", "cd"))
    )
    articles = {x.id: x for x in (a, b, c, d, e)}
    return Evidence("s", claims=tuple(claims)), Alignment("s", groups, conflicts), articles


def events_by_date(story) -> dict[str, TimelineEvent]:
    return {e.date.isoformat(): e for e in timeline(*story)}


def test_events_are_dated_cited_and_in_order(story):
    evidence, alignment, articles = story
    events = timeline(evidence, alignment, articles)
    assert [e.date for e in events] == sorted(e.date for e in events)
    assert [e.date.isoformat() for e in events] == ["2024-05-03", "2024-05-04", "2024-05-05", "2024-06-01"]
    for e in events:
        assert e.date_span is not None and e.span.contains(e.date_span)
        assert articles[e.span.article_id].span_text(e.date_span) == e.expression
        assert e.text == articles[e.span.article_id].span_text(e.span)


def test_disagreement_on_a_date_is_shown_on_both_sides(story):
    events = events_by_date(story)
    assert events["2024-05-04"].disputed == ("2024-05-05",)
    assert events["2024-05-05"].disputed == ("2024-05-04",)


def test_background_date_of_another_precision_is_no_disagreement(story):
    june = events_by_date(story)["2024-06-01"]
    assert june.precision == "month" and june.expression == "June 2024"
    assert june.disputed == ()
    assert "2024-06-01" not in events_by_date(story)["2024-05-05"].disputed


def test_same_date_from_two_articles_is_one_event_citing_the_known_date_first(story):
    may4 = events_by_date(story)["2024-05-04"]
    assert may4.span.article_id == "b"  # c was published earlier, but its date is only inferred
    assert [s.article_id for s in may4.support] == ["c"]
    assert not may4.relative and not may4.inferred


def test_relative_date_from_an_undated_article_is_flagged_inferred(story):
    events = events_by_date(story)
    assert events["2024-05-03"].relative and events["2024-05-03"].inferred
    assert events["2024-05-05"].relative and not events["2024-05-05"].inferred


@pytest.mark.parametrize("expression, grain", [
    ("since 2016", "year"), ("in February 2022", "month"), ("on Sunday", "day"), ("December 8, 2024", "day"),
])
def test_precision(expression, grain):
    assert precision(expression) == grain


@pytest.mark.parametrize("expression, relative", [
    ("on Sunday", True), ("yesterday", True), ("last week", True),
    ("December 8, 2024", False), ("8 December", False), ("in 2011", False), ("Dec. 8", False),
])
def test_is_relative(expression, relative):
    assert is_relative(expression) is relative


@pytest.mark.parametrize(("expression", "value", "date", "grain"), [
    ("since September 2015", "2015-09", dt.date(2015, 9, 1), "month"),
    ("in 2015", "2015", dt.date(2015, 1, 1), "year"),
    ("on Sunday", "2024-05-05", dt.date(2024, 5, 5), "day"),
])
def test_background_dates_of_month_or_year_precision_are_on_the_timeline(expression, value, date, grain):
    art = article("a", f"The campaign began {expression}, officials said.", dt.date(2024, 5, 7))
    claim = dated_claim("c", art, expression, value)
    (event,) = timeline(Evidence("s", claims=(claim,)), Alignment("s"), {"a": art})
    assert (event.date, event.precision, event.expression) == (date, grain, expression)
    # an earlier event the report recalls is marked as such; the days that led up to the story are not
    assert event.background is (grain != "day")


def test_earlier_events_are_marked_background_against_the_story_start():
    a = article("a", "The jet crashed on Oct. 31, 1999, after a crash in 1991 and a fire on Oct. 10, 1999.",
                dt.date(1999, 11, 2))
    claims = [dated_claim("c1", a, "Oct. 31, 1999", "1999-10-31"), dated_claim("c2", a, "1991", "1991"),
              dated_claim("c3", a, "Oct. 10, 1999", "1999-10-10")]
    events = {e.expression: e for e in timeline(Evidence("s", claims=tuple(claims)), Alignment("s"), {"a": a})}
    assert not events["Oct. 31, 1999"].background and not events["Oct. 10, 1999"].background
    assert events["1991"].background
    tight = {e.expression: e for e in timeline(Evidence("s", claims=tuple(claims)), Alignment("s"), {"a": a}, 7)}
    assert tight["Oct. 10, 1999"].background and not tight["Oct. 31, 1999"].background
    # undated reports: the story starts at the latest date that two reports give; one report's
    # date alone (a plan, a slip) does not make the rest background
    undated = {}
    for aid in ("u", "v"):
        undated[aid] = Article(aid, aid, a.text, a.text, None, None, f"Outlet {aid}", None, None, "unknown", "en")  # type: ignore[arg-type]
    moved = lambda c, aid: dataclasses.replace(c, id=f"{c.id}{aid}", span=Span(aid, c.span.start, c.span.end), values=tuple(
        dataclasses.replace(v, span=Span(aid, v.span.start, v.span.end)) for v in c.values))
    both = [moved(c, "u") for c in claims] + [moved(claims[0], "v")]
    groups = (ClaimGroup("g", ("c1u", "c1v"), (both[0].span, both[-1].span), ("u", "v"), Support(2, 2)),)
    events = {e.expression: e for e in timeline(Evidence("s", claims=tuple(both)), Alignment("s", groups), undated)}
    assert events["1991"].background and not events["Oct. 31, 1999"].background
    alone = {e.expression: e for e in timeline(Evidence("s", claims=tuple(both[:3])), Alignment("s"), undated)}
    assert not any(e.background for e in alone.values())
    # a copy is no second report: with "v" a near-duplicate of "u", its date stands alone again
    copy = Family("f", (Span("u", 0, len(a.text)), Span("v", 0, len(a.text))), None, "document")
    copied = timeline(Evidence("s", claims=tuple(both)), Alignment("s", groups), undated, families=[copy])
    assert not any(e.background for e in copied)


def _undated_story(texts: dict[str, str], grouped: dict[str, tuple[str, ...]]):
    """Undated reports, one claim per sentence with its years as date values, and claim groups."""
    arts = {k: Article(k, k, t, t, None, None, f"Outlet {k}", None, None, "unknown", "en")  # type: ignore[arg-type]
            for k, t in texts.items()}
    claims = {}
    for k, text in texts.items():
        for i, sentence in enumerate(re.split(r"(?<=\.) ", text)):
            start = text.index(sentence)
            values = tuple(Value("date", Span(k, start + m.start(), start + m.end()), m.group(), m.group())
                           for m in re.finditer(r"20\d\d", sentence))
            claims[f"{k}{i}"] = Claim(f"{k}{i}", Span(k, start, start + len(sentence)), sentence, values=values)
    groups = tuple(ClaimGroup(g, ids, tuple(claims[i].span for i in ids), tuple(i[0] for i in ids), Support(len(ids), len(ids)))
                   for g, ids in grouped.items())
    events = timeline(Evidence("s", claims=tuple(claims.values())), Alignment("s", groups), arts)
    by_year: dict[int, list[TimelineEvent]] = {}
    for e in events:
        by_year.setdefault(e.date.year, []).append(e)
    return claims, by_year


def test_a_shared_forecast_year_neither_starts_an_undated_story_nor_reads_as_having_happened():
    texts = {
        "u": "The port reopened in 2031 after the flood. The council said its plan would repay the bonds by 2040.",
        "v": "Traders returned when the port reopened in 2031. Analysts forecast the bonds repaid by 2040.",
        "w": "The port's revenue of 2031 will be published later this month, and the board plans to expand by 2040.",
    }
    grouped = {"g2040": ("u1", "v1"), "g2031": ("u0", "v0")}
    claims, by_year = _undated_story(texts, grouped)
    # two reports repaying the bonds "by 2040" share a plan, not an event: the story began with
    # what they tell as done, so the reopening of 2031 is no earlier event recalled
    assert all(e.forecast and not e.background for e in by_year[2040])
    assert not any(e.background or e.forecast for e in by_year[2031])
    # a modal after the date speaks of publishing the figure, not of the year it measures;
    # a clause after ", and" has its own tense
    assert [forecast(v, claims["w0"], texts["w"]) for v in claims["w0"].values] == [False, True]
    # a prediction word that names a forecast makes none of the date's event
    named = {"x": "A forecast that port economists issued in 2029 was wrong. Its plans to dredge in 2033 stand."}
    told, _ = _undated_story(named, {})
    assert [forecast(v, c, named["x"]) for c in told.values() for v in c.values] == [False, True]
    # told as done, the later year starts the story and the reopening is recalled
    done = {"u": texts["u"].replace("would repay", "repaid"), "v": texts["v"].replace("Analysts forecast", "Analysts saw"),
            "w": texts["w"]}
    _, by_year = _undated_story(done, grouped)
    assert [e.forecast for e in by_year[2040]] == [False, True]  # the repaid bonds; the board's plan
    assert all(e.background for e in by_year[2031])


def test_a_date_of_a_phrase_or_after_a_closed_quotation_is_no_forecast_for_a_modal_before_it():
    text = ("The cabinet plans to cut a deficit that totalled 13.6 percent of output in 2029. "
            "The riot was a blow to Vell's plans to pass cuts in exchange for a package unveiled in 2030. "
            "“It would have hurt workers,” he told the council in 2031. The cabinet plans to cut it in 2032.")
    claims = _claims_dated_by_year(text, {"2029": "a deficit that", "2030": "a package unveiled"})
    assert [forecast(c.values[0], c, text) for c in claims] == [False, False, False, True]


def _claims_dated_by_year(text: str, phrases: dict[str, str] | None = None) -> list[Claim]:
    """One claim per sentence of ``text``, dated by the year it names; ``phrases``: year → the words
    that open the phrase the year dates (``Value.phrase``)."""
    claims = []
    for sentence in re.split(r"(?<=\.) ", text):
        start = text.index(sentence)
        m = re.search(r"20\d\d", sentence)
        phrase_words = (phrases or {}).get(m.group())
        phrase = Span("a", start + sentence.index(phrase_words), start + m.end()) if phrase_words else None
        value = Value("date", Span("a", start + m.start(), start + m.end()), m.group(), m.group(), phrase=phrase)
        claims.append(Claim(f"c{m.group()}", Span("a", start, start + len(sentence)), sentence, values=(value,)))
    return claims


def test_a_week_is_dated_by_its_monday_at_week_precision():
    art = article("a", "The accountant was fired last week, police said.", dt.date(2007, 4, 10))
    (event,) = timeline(Evidence("s", claims=(dated_claim("c", art, "last week", "2007-W14"),)), Alignment("s"), {"a": art})
    assert (event.date, event.precision) == (dt.date(2007, 4, 2), "week")
    assert not event.background  # a week before the story, not an earlier event


def test_one_year_recalled_in_other_words_is_one_event_and_other_events_of_that_year_stay_apart():
    texts = {
        "a": "The inquiry followed the unsolved 1993 murder of black teenager Stephen Lawrence at a bus stop.",
        "b": "Stephen Lawrence was stabbed to death by white youths at a bus stop in 1993, police said.",
        "c": "Police raided homes linked to the 1993 murder of Stephen Lawrence, the report said.",
        "d": "Copeland was jailed for the 1999 bombing campaign against minorities in London.",
        "e": "Nothing in 1999 has kept British reporters and pundits busier than the report.",
        "f": "London hosted the 1999 summit of Commonwealth leaders in the spring.",
    }
    arts = {k: article(k, t, dt.date(2000, 2, 1)) for k, t in texts.items()}
    year = {k: "1993" if k in "abc" else "1999" for k in texts}
    claims = tuple(dated_claim(f"c{k}", arts[k], year[k], year[k]) for k in texts)
    events = timeline(Evidence("s", claims=claims), Alignment("s"), arts)
    by_year = {}
    for e in events:
        by_year.setdefault(e.date.year, []).append(e)
    (murder,) = by_year[1993]  # three wordings, one line citing all three
    assert {murder.span.article_id, *(s.article_id for s in murder.support)} == {"a", "b", "c"}
    assert murder.span.article_id in "ac"  # the wording that shares most with the others leads
    assert len(by_year[1999]) == 3  # a bombing campaign, a busy year, a summit: one shared word ("London") at most
    separate = timeline(Evidence("s", claims=claims), Alignment("s"), arts, shared_words=0)
    assert len(separate) == 6
    # the reporting frame joins nothing, and two figures apart tell two facts
    told = {k: article(k, t, dt.date(2000, 2, 1)) for k, t in {
        "p": "The company's profit rose 5 percent in 1999, officials told reporters.",
        "q": "The company's sales fell 3 percent in 1999, officials told reporters.",
        "r": "Shares of the company fell 20 percent in 1999 after the merger collapsed."}.items()}
    moves = tuple(dated_claim(f"c{k}", told[k], "1999", "1999") for k in told)
    assert len(timeline(Evidence("s", claims=moves), Alignment("s"), told)) == 3
    framed = dated_context(moves[0], moves[0].values[0])
    assert "#5" in framed and not {"told", "official", "report"} & framed
    # a day is never joined this way: claims of one day are joined only by claim alignment
    days = {k: article(k, f"{w} on Sunday in the capital of the country.", dt.date(2024, 12, 9))
            for k, w in (("x", "Rebels seized the palace"), ("y", "Rebels seized the palace gates"))}
    sunday = tuple(dated_claim(f"c{k}", days[k], "Sunday", "2024-12-08") for k in days)
    assert len(timeline(Evidence("s", claims=sunday), Alignment("s"), days)) == 2


def test_a_day_that_names_an_event_joins_the_claims_of_that_day_that_tell_it():
    texts = {
        "a": "The earthquake struck the industrial city of Izmit on Aug. 17, before dawn.",
        "b": "Aid agencies said the Aug. 17 earthquake in the industrial city of Izmit left thousands homeless.",
        "c": "Stocks fell after the Aug. 17 announcement of new taxes by the finance ministry.",
        "d": "The earthquake destroyed the industrial city of Izmit on Aug. 17, officials said.",
        "e": "The next day the industrial city of Izmit buried its earthquake dead.",
    }
    arts = {k: article(k, t, dt.date(1999, 9, 1)) for k, t in texts.items()}
    claims = [dated_claim(f"c{k}", arts[k], "the Aug. 17" if k in "bc" else "Aug. 17", "1999-08-17")
              for k in "abcd"]
    events = timeline(Evidence("s", claims=tuple(claims)), Alignment("s"), arts)
    told = sorted(sorted({e.span.article_id, *(s.article_id for s in e.support)}) for e in events)
    # "the Aug. 17 earthquake" names the quake and joins the reports of it; the announcement of
    # that day shares no words with the quake
    assert told == [["a", "b", "d"], ["c"]]
    # claims that date what they say themselves ("struck … on Aug. 17", "the next day") are joined
    # only by the claim alignment
    unnamed = [dated_claim("ca", arts["a"], "Aug. 17", "1999-08-17"), dated_claim("cd", arts["d"], "Aug. 17", "1999-08-17"),
               dated_claim("ce", arts["e"], "The next day", "1999-08-17")]
    assert len(timeline(Evidence("s", claims=tuple(unnamed)), Alignment("s"), arts)) == 3


def test_a_date_that_dates_a_phrase_of_a_claim_makes_an_event_of_that_phrase():
    from crosswire.extract.claims import find_claims
    from crosswire.extract.nlp import load_nlp
    from crosswire.settings import Settings

    nlp = load_nlp(Settings().extract.spacy_model)
    text = ("The council gave its medal to Peter Vance, whose daughter drowned in the harbour in 2004. "
            "Divers searched a wreck linked to the 2004 sinking of the ferry. "
            "Two officers were cleared in 2007 after a long inquiry. "
            "When the new mayor took office in 2009, the council reopened the case.")
    art = article("a", text, dt.date(2012, 3, 1))
    claims = find_claims(nlp(text), "a", art.published)
    events = timeline(Evidence("s", claims=tuple(claims)), Alignment("s"), {"a": art}, shared_words=0)
    lines = sorted((e.date.year, e.text) for e in events)
    assert lines == [(2004, "Peter Vance, whose daughter drowned in the harbour in 2004"),
                     (2004, "the 2004 sinking of the ferry"),
                     (2007, "Two officers were cleared in 2007 after a long inquiry."),
                     (2009, "When the new mayor took office in 2009, the council reopened the case.")]
    assert all(text[e.span.start : e.span.end] == e.text for e in events)  # cited to the phrase itself


def test_a_dated_phrase_at_the_end_of_an_aside_leaves_the_bracket_out():
    from crosswire.extract.claims import find_claims
    from crosswire.extract.nlp import load_nlp
    from crosswire.settings import Settings

    nlp = load_nlp(Settings().extract.spacy_model)
    text = ("The fair opened on Friday. (“Vela's” Ana Roe, for one, admits she kept a model boat on her desk for "
            "six years after sailing on the first ship, which launched in 1987).\n\nThe crowd cheered.")
    art = article("a", text, dt.date(2012, 3, 1))
    events = timeline(Evidence("s", claims=tuple(find_claims(nlp(text), "a", art.published))), Alignment("s"),
                      {"a": art}, shared_words=0)
    (ship,) = [e for e in events if e.date.year == 1987]
    assert ship.text == "the first ship, which launched in 1987"
    assert text[ship.span.start : ship.span.end] == ship.text


def test_a_date_the_parser_hangs_on_a_name_dates_the_claim_not_the_name():
    from spacy.tokens import Doc

    from crosswire.extract.nlp import load_nlp
    from crosswire.extract.values import dated_phrase
    from crosswire.settings import Settings

    words = ["Rebels", "held", "the", "city", ",", "before", "Patria", "in", "2015", "sent", "troops", "."]
    heads = [1, 1, 3, 1, 1, 1, 5, 6, 7, 1, 9, 1]
    deps = ["nsubj", "ROOT", "det", "dobj", "punct", "prep", "pobj", "prep", "pobj", "conj", "dobj", "punct"]
    pos = ["NOUN", "VERB", "DET", "NOUN", "PUNCT", "ADP", "PROPN", "ADP", "NUM", "VERB", "NOUN", "PUNCT"]
    doc = Doc(load_nlp(Settings().extract.spacy_model).vocab, words=words, heads=heads, deps=deps, pos=pos)
    doc.ents = [doc.char_span(doc.text.index("2015"), doc.text.index("2015") + 4, label="DATE")]
    assert dated_phrase(doc.ents[0], doc[:]) is None  # not "Patria in 2015"


def test_a_range_of_dates_is_one_event_dated_by_its_start():
    text = "Ada Morel ran the port authority from 1991 until 1996, and later sat on its board."
    art = article("a", text, dt.date(2012, 3, 1))
    start, end = text.index("1991"), text.index("1996")
    values = (Value("date", Span("a", start, start + 4), "1991", "1991"), Value("date", Span("a", end, end + 4), "1996", "1996"))
    claim = Claim("c", Span("a", 0, len(text)), text, values=values)
    events = timeline(Evidence("s", claims=(claim,)), Alignment("s"), {"a": art}, shared_words=0)
    assert [e.date.year for e in events] == [1991]
    apart = "Ada Morel ran the port in 1991 and in 1996 sat on its board."
    s1, s2 = apart.index("1991"), apart.index("1996")
    two = Claim("c", Span("b", 0, len(apart)), apart, values=(
        Value("date", Span("b", s1, s1 + 4), "1991", "1991"), Value("date", Span("b", s2, s2 + 4), "1996", "1996")))
    events = timeline(Evidence("s", claims=(two,)), Alignment("s"), {"b": article("b", apart, dt.date(2012, 3, 1))},
                      shared_words=0)
    assert [e.date.year for e in events] == [1991, 1996]  # two dates, no range


def years(text: str) -> list[int]:
    """The years on the timeline of a one-claim story whose every four-digit year is a date value."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"\b(?:19|20)\d\d\b", text)]
    values = tuple(Value("date", Span("a", a, b), text[a:b], text[a:b]) for a, b in spans)
    claim = Claim("c", Span("a", 0, len(text)), text, values=values)
    events = timeline(Evidence("s", claims=(claim,)), Alignment("s"),
                      {"a": article("a", text, dt.date(2012, 3, 1))}, shared_words=0)
    return [e.date.year for e in events]


def test_a_year_a_comparison_refers_to_dates_no_event():
    assert years("The Osten party won 75 seats, two fewer than in 2007.") == []
    assert years("It took the same share of the vote as in 2007, and fewer seats than 2003.") == []
    assert years("Turnout rose sharply compared with 2007.") == []
    assert years("The Osten party won 77 seats in 2007.") == [2007]
    assert years("As early as 2007, the party had more seats than ever.") == [2007]


def test_a_year_that_only_bounds_the_event_dates_no_event():
    assert years("The build-up of the Vey coast guard accelerated after 1989.") == []
    assert years("Before 2001 no one in Vey had heard of the canal tax.") == []
    assert years("The fleet grew sharply after the end of 1998, officials said.") == []
    assert years("Before the 2003 referendum the canal tax was unknown in Vey.") == [2003]  # names the vote
    assert years("The Vey coast guard has grown since 1989.") == [1989]
    assert years("Ada Morel ran the port until 1996.") == [1996]


def test_a_year_in_an_unreal_condition_dates_no_event():
    assert years("If the Vey channel had been on the air in 1939, it would have filmed the launch.") == []
    assert years("If the cable outlet Vey!, which serves up fresh news, had been around in 1939, it'd know.") == []
    assert years("Had the ferry sailed in 1998, it would have sunk with all hands.") == []
    assert years("The ferry had sailed in 1998 and would sail again in the spring.") == [1998]
    assert years("If the ferry sailed in 1998, the crew would know the route.") == [1998]  # open, not unreal
    assert years("If the council had approved it, the ferry sailed in 1998 and reached Vey.") == [1998]


def test_a_month_and_day_of_undated_reports_take_the_year_the_story_gives_them():
    undated = [article(x, t, None, "unknown") for x, t in (  # type: ignore[arg-type]
        ("a", "The flood of July 2, 2011 swept the valley."),
        ("b", "The river broke its banks on July 2 at dawn."),
        ("c", "Aid convoys reached the valley on Aug. 30."),
        ("d", "Rebuilding was promised by Dec. 24, the governor said."),
        ("e", "The flood of July 2, 2011 left 40 dead, the report says."),
    )]
    a, b, c, d, e = undated
    claims = [dated_claim("ca", a, "July 2, 2011", "2011-07-02"), dated_claim("cb", b, "July 2", "--07-02"),
              dated_claim("cc", c, "Aug. 30", "--08-30"), dated_claim("cd", d, "Dec. 24", "--12-24"),
              dated_claim("ce", e, "July 2, 2011", "2011-07-02")]
    articles = {x.id: x for x in undated}
    events = timeline(Evidence("s", claims=tuple(claims)), Alignment("s"), articles)
    dated = {e.span.article_id: e for e in events}
    assert dated["b"].date == dt.date(2011, 7, 2) and dated["b"].inferred  # the day the story states with its year
    assert dated["c"].date == dt.date(2011, 8, 30) and dated["c"].inferred  # within the window of the anchor
    assert "d" not in dated  # 175 days from the anchor: its year is not the story's to give
    assert not dated["a"].inferred and dated["a"].date == dt.date(2011, 7, 2)
    off = timeline(Evidence("s", claims=tuple(claims)), Alignment("s"), articles, month_day_days=0)
    assert {e.span.article_id for e in off} == {"a", "e"}
    # each report recalls a full date of another year, none more than another: the story gives no year
    recalls = [article(x, t, None, "unknown") for x, t in (  # type: ignore[arg-type]
        ("f", "The dam failed on May 3, 2004, flooding the valley."),
        ("g", "The new dam opened on June 9, 2008, after years of work."),
        ("h", "Aid convoys reached the valley on Aug. 30."))]
    claims = [dated_claim("cf", recalls[0], "May 3, 2004", "2004-05-03"),
              dated_claim("cg", recalls[1], "June 9, 2008", "2008-06-09"), dated_claim("ch", recalls[2], "Aug. 30", "--08-30")]
    events = timeline(Evidence("s", claims=tuple(claims)), Alignment("s"), {x.id: x for x in recalls})
    assert {e.span.article_id for e in events} == {"f", "g"}  # "Aug. 30" is not placed in 2008


def test_an_event_recalled_at_a_year_and_at_a_month_of_it_is_one_event_dated_by_the_month():
    texts = {
        "a": "Rebels once held the north, before Osten in 2015 sent forces to help the Patrian army.",
        "b": "Osten has waged a military campaign in Patria since September 2015, sending forces to help the army.",
        "c": "Patria held a referendum on its constitution in 2015, officials said.",
    }
    arts = {k: article(k, t, dt.date(2024, 12, 8)) for k, t in texts.items()}
    claims = (dated_claim("ca", arts["a"], "2015", "2015"), dated_claim("cb", arts["b"], "September 2015", "2015-09"),
              dated_claim("cc", arts["c"], "2015", "2015"))
    events = timeline(Evidence("s", claims=claims), Alignment("s"), arts)
    campaign = [e for e in events if e.span.article_id in "ab"]
    assert len(campaign) == 1 and len(events) == 2  # the referendum shares no words with either
    (one,) = campaign
    assert (one.date, one.precision, one.span.article_id) == (dt.date(2015, 9, 1), "month", "b")
    assert [s.article_id for s in one.support] == ["a"] and not one.disputed
    # a year whose words fit two months of it is left apart from both
    arts["d"] = article("d", "Osten has sent forces to help the Patrian army since March 2015, officials said.",
                        dt.date(2024, 12, 8))
    claims += (dated_claim("cd", arts["d"], "March 2015", "2015-03"),)
    assert len(timeline(Evidence("s", claims=claims), Alignment("s"), arts)) == 4


def test_a_year_that_names_its_event_in_one_word_joins_the_claims_that_tell_that_event():
    from crosswire.extract.claims import find_claims
    from crosswire.extract.nlp import load_nlp
    from crosswire.settings import Settings

    nlp = load_nlp(Settings().extract.spacy_model)
    texts = {
        "a": "At the previous referendum, held in 2003, the islanders narrowly rejected the canal tax.",
        "b": "Leaders met on Monday to discuss the lessons of the 2003 referendum.",
        "c": "Posters from a 2003 independence referendum still hang in the port.",
        "d": "Party chiefs still argue about the 2003 budget of the port.",
        "e": "Vey, who was the port's governor in 2003, stepped down a year later.",
    }
    arts = {k: article(k, t, dt.date(2006, 2, 1)) for k, t in texts.items()}
    claims = tuple(c for k, t in texts.items() for c in find_claims(nlp(t), k, arts[k].published))
    lines = [e for e in timeline(Evidence("s", claims=claims), Alignment("s"), arts) if e.date.year == 2003]
    told = sorted(sorted({e.span.article_id, *(s.article_id for s in e.support)}) for e in lines)
    # "the 2003 referendum" has one word to share, and shares it with both other wordings (which
    # share only that word with each other); the budget and the governor, which share "port" with
    # the third wording, stay apart
    assert told == [["a", "b", "c"], ["d"], ["e"]]
    assert len(timeline(Evidence("s", claims=claims), Alignment("s"), arts, shared_words=0)) == 6


def test_a_date_on_a_participle_that_describes_a_noun_dates_that_noun_and_is_no_forecast():
    from crosswire.extract.claims import find_claims
    from crosswire.extract.nlp import load_nlp
    from crosswire.settings import ExtractSettings

    nlp = load_nlp(ExtractSettings().spacy_model)
    text = "The Vela cabinet plans to push through cuts in exchange for a rescue package unveiled on Sunday."
    [claim] = find_claims(nlp(text), "a", dt.date(2010, 5, 5))
    [day] = [v for v in claim.values if v.kind == "date"]
    assert text[day.phrase.start:day.phrase.end] == "a rescue package unveiled on Sunday"
    assert not forecast(day, claim, text)
    plan = "The Vela cabinet plans to push the cuts through parliament on Sunday."
    [claim] = find_claims(nlp(plan), "a", dt.date(2010, 5, 5))
    assert forecast(next(v for v in claim.values if v.kind == "date"), claim, plan)


def test_a_project_named_before_a_date_is_no_projection():
    text = ("Ana Vell, director of the Marn project, which has run surveys of pupils since 2019, spoke. "
            "Economists project a surplus of the port's budget in 2031. "
            "Analysts at the bank project a surplus of the port's budget in 2032.")
    claims = _claims_dated_by_year(text)
    assert [forecast(c.values[0], c, text) for c in claims] == [False, True, True]


def test_a_date_something_could_happen_by_or_is_aimed_at_by_is_a_forecast():
    text = ("The sea at Marn could rise by close to one meter by 2090, the report said. "
            "The council urged the ports to adopt rules to cut diesel emissions by 20 percent by 2035. "
            "The death toll of the fever had risen to 300 by 2005. "
            "Police could not say how many had died of the fever by 2006.")
    claims = _claims_dated_by_year(text)
    assert [forecast(c.values[0], c, text) for c in claims] == [True, True, False, False]


def test_an_expected_figure_by_a_year_is_a_forecast_and_a_second_that_clause_has_its_own_tense():
    text = ("The number of young drivers in Marn increases an expected 22 percent by 2035, the report said. "
            "Ferry sales in Marn grew faster than expected, reaching one million tickets by 2029. "
            "The drivers' club argued that the rule would be hard to enforce and that deaths on Marn roads "
            "reached a 20-year low in 2029. "
            "The council will close the Marn road and that bridge by 2030.")
    claims = _claims_dated_by_year(text)
    assert [forecast(c.values[0], c, text) for c in claims] == [True, False, False, True]
