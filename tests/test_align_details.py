"""Details of a corroborated claim that only one origin gives (crosswire.align.details)."""

from __future__ import annotations

import datetime as dt

from crosswire.align import align_story, with_unshared_details
from crosswire.align.details import unshared_details
from crosswire.model import Article, Claim, ClaimGroup, Entity, Family, Span, Support, Value
from crosswire.settings import AlignSettings

SETTINGS = AlignSettings()


def claim(aid: str, text: str, values=(), start: int = 0) -> Claim:
    """A claim over ``text`` at ``start``; ``values`` as (kind, expression, value, unit)."""
    found = tuple(Value(kind, Span(aid, start + text.index(expr), start + text.index(expr) + len(expr)),
                        expr, value, unit) for kind, expr, value, unit in values)
    return Claim(f"c_{aid}_{start}", Span(aid, start, start + len(text)), text, values=found)


def words(span: Span, *claims: Claim) -> tuple[str, str]:
    """(article, text) of a span inside one of ``claims``."""
    c = next(c for c in claims if c.span.article_id == span.article_id)
    return span.article_id, c.text[span.start - c.span.start : span.end - c.span.start]


def mention(c: Claim, words: str) -> Span:
    at = c.text.index(words)
    return Span(c.span.article_id, c.span.start + at, c.span.start + at + len(words))


def test_a_finer_date_and_a_name_given_by_one_origin_are_unshared_the_shared_year_is_not():
    a = claim("a", "The dam was opened by Governor Ruth Alder on May 4, 1971.",
              [("date", "May 4, 1971", "1971-05-04", "day")])
    b = claim("b", "The dam opened in 1971 and holds 900 million cubic metres.",
              [("date", "1971", "1971", "year"), ("quantity", "900 million cubic metres", 9e8, "m3")])
    entities = [Entity("e1", "Ruth Alder", "PERSON", (), (mention(a, "Ruth Alder"),))]
    details = unshared_details([a, b], ["x", "y"], entities, SETTINGS)
    assert {words(s, a, b) for s in details} == {("a", "May 4, 1971"), ("a", "Ruth Alder"),
                                                  ("b", "900 million cubic metres")}


def test_a_name_or_figure_another_origin_also_gives_is_shared():
    a = claim("a", "Rescuers from Norway pulled 14 miners out of the shaft.", [("number", "14", 14.0, None)])
    b = claim("b", "Norwegian and Swedish teams rescued 14 miners, Norway said.", [("number", "14", 14.0, None)])
    c = claim("c", "The rescue team from Norway saved about 14 men.", [("number", "about 14", 14.0, None)])
    norway = Entity("e1", "Norway", "GPE", (), (mention(a, "Norway"), mention(c, "Norway")))
    assert unshared_details([a, b, c], ["x", "y", "z"], [norway], SETTINGS) == ()


def test_one_origin_told_twice_has_nothing_unshared_and_its_detail_is_listed_once():
    a = claim("a", "The ferry sank with 230 people aboard on Friday.", [("number", "230", 230.0, None)])
    b = claim("b", "The ferry sank with 230 people aboard on Friday.", [("number", "230", 230.0, None)])
    c = claim("c", "A ferry went down on Friday.")
    assert unshared_details([a, b], ["x", "x"], [], SETTINGS) == ()
    details = unshared_details([a, b, c], ["x", "x", "y"], [], SETTINGS)
    assert len(details) == 1 and details[0].article_id == "a"


def test_another_figure_of_the_same_kind_does_not_back_a_figure():
    a = claim("a", "The storm cut power to 40,000 homes.", [("number", "40,000", 40000.0, None)])
    b = claim("b", "The storm cut power to 52,000 homes.", [("number", "52,000", 52000.0, None)])
    assert len(unshared_details([a, b], ["x", "y"], [], SETTINGS)) == 2


def test_align_story_lists_unshared_details_only_on_corroborated_groups():
    texts = {"a": "The museum reopened on Tuesday after a fire in 2019 destroyed its roof.",
             "b": "The museum reopened on Tuesday after the 2019 fire, with 300 paintings restored."}
    articles = {aid: Article(aid, aid, t, t, None, None, f"Outlet {aid}", None, dt.date(2024, 5, 7), "given", "en")
                for aid, t in texts.items()}
    claims = [claim("a", texts["a"], [("date", "Tuesday", "2024-05-07", "day"), ("date", "2019", "2019", "year")]),
              claim("b", texts["b"], [("date", "Tuesday", "2024-05-07", "day"), ("date", "2019", "2019", "year"),
                                      ("number", "300", 300.0, None)])]
    group = ClaimGroup("g", tuple(c.id for c in claims), tuple(c.span for c in claims), ("Outlet a", "Outlet b"),
                       Support(2, 2))
    by_id = {c.id: c for c in claims}
    found = with_unshared_details(group, by_id, articles, [], [], SETTINGS)
    assert [texts[s.article_id][s.start:s.end] for s in found.unshared] == ["300"]
    relayed = with_unshared_details(group, by_id, articles, [Family("f", tuple(c.span for c in claims), "a")], [],
                                    SETTINGS)
    assert relayed.unshared == ()  # one origin relayed: nothing is corroborated, nothing to set apart
    alignment = align_story("s", claims, articles, [])
    corroborated = [g for g in alignment.groups if g.support.origins > 1]
    assert corroborated and all(g.unshared for g in corroborated)
    assert all(not g.unshared for g in alignment.groups if g.support.origins < 2)


def test_what_most_of_the_story_names_is_its_subject_not_a_detail():
    from crosswire.align import story_subject

    probe = Entity("e1", "Jupiter", "LOC", (), tuple(Span(a, 0, 7) for a in "abc"))
    moon = Entity("e2", "Io", "LOC", (), (Span("a", 0, 2),))
    assert story_subject(probe, ["a", "b", "c", "d"]) and not story_subject(moon, ["a", "b", "c", "d"])
    assert not story_subject(probe, ["a", "b"])  # two reports: nothing is the subject by count
