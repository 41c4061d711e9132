"""Casualty tolls compared across every claim of a story (``align.tolls``), on fresh sentences
parsed by the shipped spaCy model, and through ``align_story``."""

from __future__ import annotations

import datetime as dt

import pytest

from crosswire.align import align_story
from crosswire.align.tolls import TollMention, toll_conflicts, toll_mentions, tolls_agree, tolls_compatible
from crosswire.extract.values import parse_number
from crosswire.model import Article, Claim, Entity, Span, Value
from crosswire.settings import AlignSettings, ExtractSettings

SETTINGS = AlignSettings()


@pytest.fixture(scope="module")
def nlp():
    from crosswire.extract.nlp import load_nlp

    return load_nlp(ExtractSettings().spacy_model)


def claim(aid: str, text: str, *figures: str) -> Claim:
    """A claim that is the whole of article ``aid``, with a number value for each figure."""
    values = []
    for expression in figures:
        start = text.index(expression)
        number = parse_number(expression.split()[-1])
        bound = expression.split()[0].lower() in ("at", "more", "over")
        values.append(Value("number", Span(aid, start, start + len(expression)), expression, number, approximate=bound))
    return Claim(f"c_{aid}", Span(aid, 0, len(text)), text, values=tuple(values))


def mentions(nlp, text: str, *figures: str, places=frozenset()) -> list[TollMention]:
    c = claim("a", text, *figures)
    return toll_mentions(c, nlp(c.text), frozenset(places))


def test_a_toll_is_read_from_the_verb_the_dead_or_a_toll_noun_with_its_place(nlp):
    killed = mentions(nlp, "The landslide in Chiapas killed 31 people and injured 12 others.", "31", "12")
    assert [(m.value.expression, m.casualty, m.counted, set(m.places)) for m in killed] == [
        ("31", "killed", "people", {"chiapas"}), ("12", "injured", "people", {"chiapas"})]
    dead = mentions(nlp, "Rescuers said the mudslide that buried a village in Chiapas left 34 dead.", "34")
    assert [(m.casualty, set(m.places)) for m in dead] == [("killed", {"chiapas"})]
    risen = mentions(nlp, "The death toll in Chiapas, initially 20, has risen to 29, officials said.", "20", "29")
    assert [m.value.expression for m in risen] == ["29"]  # "initially 20" is superseded
    died = mentions(nlp, "Nine miners died in Sonora on Friday.", "Nine", places={"sonora"})  # a story place
    assert [(m.casualty, m.counted, set(m.places)) for m in died] == [("killed", "miner", {"sonora"})]


def test_counts_of_other_things_or_without_a_place_are_no_toll(nlp):
    assert mentions(nlp, "Police in Chiapas arrested 14 people after the landslide.", "14") == []
    assert mentions(nlp, "No one was killed, but 40 homes in Chiapas were destroyed.", "40") == []
    assert mentions(nlp, "The landslide killed 31 people.", "31") == []  # where? another incident, maybe


def test_a_place_that_owns_the_thing_is_not_where_it_happened_and_a_peoples_adjective_is_no_place(nlp):
    owned = mentions(nlp, "A blast at the Peruvian consulate in Quito killed 6 people.", "6")
    assert [set(m.places) for m in owned] == [{"quito"}]
    assert mentions(nlp, "Peruvian air strikes killed 6 people.", "6", places={"peru"}) == []
    (policemen,) = mentions(nlp, "The blast killed 12 Kenyan policemen in Mombasa.", "12", places={"kenya"})
    assert set(policemen.places) == {"mombasa"}  # "Kenyan" says who was counted


def test_a_shared_place_must_be_told_as_where_in_one_of_the_two(nlp):
    (modifier,) = mentions(nlp, "The death toll in the Quito blast has risen to 12.", "12")
    (located,) = mentions(nlp, "A blast in Quito killed 11 people.", "11")
    (owner,) = mentions(nlp, "The Quito government said the blast killed 14 people.", "14")
    assert modifier.located == frozenset() and located.located == {"quito"}
    assert tolls_compatible(modifier, located) and not tolls_compatible(modifier, owner)


def test_places_joined_by_and_make_a_sum_compared_only_with_the_same_sum(nlp):
    (total,) = mentions(nlp, "Storms in Chiapas and Oaxaca have killed 45 people this week.", "45")
    (one,) = mentions(nlp, "The storm killed 31 people in Chiapas.", "31")
    (same,) = mentions(nlp, "Floods in Chiapas and Oaxaca killed 47 people.", "47")
    (town,) = mentions(nlp, "The flood killed 30 people in Tuxtla, Chiapas.", "30")
    assert total.joint and not one.joint
    assert not tolls_compatible(total, one) and tolls_compatible(total, same)
    assert tolls_compatible(one, town)  # one place set holds the other


def test_named_groups_are_compared_only_with_the_same_group(nlp):
    (people,) = mentions(nlp, "The bombing in Lahore killed 40 people.", "40")
    (police,) = mentions(nlp, "Eight policemen were killed in Lahore.", "Eight")
    assert police.counted == "policeman" and not tolls_compatible(people, police)


def test_round_figures_and_bounds_agree_within_the_tolerance_for_approximations():
    value = lambda expression, x, approximate=False: Value("number", Span("a", 0, 1), expression, x,
                                                          approximate=approximate)
    assert tolls_agree(value("5,000", 5000.0), value("more than 5,400", 5400.0, True), SETTINGS)
    assert tolls_agree(value("at least 224", 224.0, True), value("247", 247.0), SETTINGS)
    assert not tolls_agree(value("247", 247.0), value("248", 248.0), SETTINGS)
    assert not tolls_agree(value("213", 213.0), value("247", 247.0), SETTINGS)


STORY = {
    "a": "The landslide in Chiapas killed 31 people and injured 12 others.",
    "b": "Rescuers said the mudslide that buried a village in Chiapas left 34 dead.",
    "c": "At least 30 people died when the hillside gave way in Chiapas on Tuesday.",
    "d": "The death toll in Chiapas, initially 20, has risen to 31, state officials said.",
    "e": "A separate mudslide in Guatemala killed 9 people.",
    "f": "Storms in Chiapas and Guatemala have killed 45 people this week.",
}
FIGURES = {"a": ("31", "12"), "b": ("34",), "c": ("At least 30",), "d": ("20", "31"), "e": ("9",), "f": ("45",)}


def test_one_conflict_per_differing_figure_against_the_figure_most_reports_give(nlp):
    claims = [claim(aid, text, *FIGURES[aid]) for aid, text in STORY.items()]
    found = toll_conflicts(claims, lambda c: nlp(c.text), SETTINGS)
    assert [(c.note, c.claims) for c in found] == [("killed in Chiapas: 31 vs 34", ("c_a", "c_b"))]
    (conflict,) = found
    assert [STORY[p.article_id][p.start:p.end] for p in conflict.parts] == ["31", "34"]


def test_align_story_lists_a_toll_told_in_unrelated_sentences_as_a_number_conflict(nlp):
    articles = {aid: Article(aid, aid, text, text, None, None, f"Outlet {aid}", None, None, "unknown", "en")
                for aid, text in STORY.items()}
    claims = [claim(aid, text, *FIGURES[aid]) for aid, text in STORY.items()]
    chiapas = Entity("e_chiapas", "Chiapas", "GPE", (), (Span("a", 17, 24),))
    shown = align_story("s", claims, articles, [], SETTINGS, list(articles), nlp, [chiapas])
    tolls = [c for c in shown.conflicts if c.note.startswith("killed in")]
    assert [(c.kind, c.note) for c in tolls] == [("number", "killed in Chiapas: 31 vs 34")]
    off = align_story("s", claims, articles, [], AlignSettings(toll_conflicts=False), list(articles), nlp, [chiapas])
    assert not [c for c in off.conflicts if c.note.startswith("killed in")]


def test_a_later_toll_with_a_revision_cue_is_an_update(nlp):
    texts = {"a": "The quake in Van killed 217 people, officials said on Monday.",
             "b": "Rescuers pulled more bodies from the rubble, and the toll in Van rose to 264."}
    articles = {aid: Article(aid, aid, t, t, None, None, f"Outlet {aid}", None, dt.date(2024, 5, 1 + n), "given",
                             "en") for n, (aid, t) in enumerate(texts.items())}
    claims = [claim("a", texts["a"], "217"), claim("b", texts["b"], "264")]
    van = Entity("e_van", "Van", "GPE", (), (Span("a", 13, 16),))
    shown = align_story("s", claims, articles, [], SETTINGS, list(articles), nlp, [van])
    assert not [c for c in shown.conflicts if c.kind == "number"]
    assert [(u.kind, u.claims) for u in shown.updates] == [("update", ("c_a", "c_b"))]


def test_a_part_of_a_toll_a_group_aboard_or_another_year_is_another_count(nlp):
    assert mentions(nlp, "The jet crashed near Lyon, killing all 80 people on the airplane and two people on the "
                         "ground.", "80") == []  # a part of the toll
    (aboard,) = mentions(nlp, "The crash near Lyon killed all 80 people on board.", "80", places={"lyon"})
    (everyone,) = mentions(nlp, "The crash near Lyon killed 82 people.", "82", places={"lyon"})
    assert aboard.counted == "people aboard" and not tolls_compatible(aboard, everyone)
    (last_year,) = mentions(nlp, "Last year, the virus killed six people in Boston.", "six")
    (now,) = mentions(nlp, "The virus has killed four people in Boston.", "four")
    assert last_year.period == "last year" and now.period == "" and not tolls_compatible(last_year, now)


def test_only_claims_with_a_figure_and_a_casualty_word_are_parsed(nlp):
    claims = [claim("a", "The landslide in Chiapas killed 31 people.", "31"),
              claim("b", "Police in Chiapas arrested 14 people.", "14"),
              claim("c", "The landslide in Chiapas killed many people.")]
    parsed = []
    toll_conflicts(claims, lambda c: parsed.append(c.id) or nlp(c.text), SETTINGS)
    assert parsed == ["c_a"]
