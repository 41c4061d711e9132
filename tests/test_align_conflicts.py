"""Conflicts, updates and the claim × source matrix, on hand-built claims (no model needed)."""

from __future__ import annotations

import datetime as dt

import pytest

from crosswire.align.conflicts import (
    clock_minutes,
    compare_claims,
    counted_as_of,
    dates_agree,
    find_conflicts,
    measured_head,
    normalised,
    on_side_matter,
    quantity_conflict,
    side_names,
    values_conflict,
    within_tolerance,
)
from crosswire.align.matrix import claim_matrix, source_order
from crosswire.align.updates import find_updates, split_updates
from crosswire.extract.values import duration, quantity
from crosswire.model import Article, Claim, ClaimGroup, Conflict, Entity, Span, Support, Value
from crosswire.settings import AlignSettings

SETTINGS = AlignSettings()


@pytest.fixture(scope="module")
def nlp():
    from crosswire.extract.nlp import load_nlp
    from crosswire.settings import ExtractSettings

    return load_nlp(ExtractSettings().spacy_model)


def claim(article: str, text: str, values: tuple[tuple, ...] = (), **flags) -> Claim:
    """A claim whose span is its whole article text; ``values`` are (kind, expression, value, approx, unit)."""
    built = []
    for kind, expression, value, *rest in values:
        start = text.index(expression)
        built.append(Value(kind, Span(article, start, start + len(expression)), expression, value,
                           unit=rest[1] if len(rest) > 1 else None, approximate=bool(rest and rest[0])))
    return Claim(f"c_{article}", Span(article, 0, len(text)), text, values=tuple(built), **flags)


def article(aid: str, text: str, day: int | None) -> Article:
    return Article(aid, aid, text, text, None, None, f"outlet-{aid}", None,
                   dt.date(2024, 1, day) if day else None, "given" if day else "unknown", "en")


def test_number_mismatch_is_a_conflict_with_both_value_spans():
    a = claim("a", "Twelve soldiers were killed in the attack.", (("number", "Twelve", 12.0),))
    b = claim("b", "15 soldiers were killed in the attack.", (("number", "15", 15.0),))
    conflict = compare_claims(a, b, SETTINGS)
    assert conflict is not None and conflict.kind == "number"
    assert [p.article_id for p in conflict.parts] == ["a", "b"]
    assert a.text[conflict.parts[0].start:conflict.parts[0].end] == "Twelve"
    assert conflict.claims == ("c_a", "c_b")


def test_approximate_figures_within_tolerance_agree():
    a = claim("a", "Nearly 60 people died in the fire.", (("number", "Nearly 60", 60.0, True),))
    b = claim("b", "57 people died in the fire.", (("number", "57", 57.0),))
    assert values_conflict(a, b, SETTINGS) is None
    far = claim("c", "40 people died in the fire.", (("number", "40", 40.0),))
    assert values_conflict(a, far, SETTINGS) is not None


def test_a_bound_agrees_only_with_figures_on_its_side_and_close_to_it():
    def number(aid, expression, value):
        return claim(aid, f"{expression} people were hurt.", (("number", expression, value, True),))

    more = number("a", "More than 20", 20.0)
    assert values_conflict(more, number("b", "21", 21.0), SETTINGS) is None
    assert values_conflict(more, number("c", "18", 18.0), SETTINGS) is not None  # within tolerance, wrong side
    assert values_conflict(number("d", "At least 12", 12.0), number("e", "At least 1,200", 1200.0), SETTINGS)
    assert values_conflict(number("f", "At least 12", 12.0), number("g", "1,200", 1200.0), SETTINGS)  # a rise
    assert values_conflict(number("h", "No more than 10", 10.0), number("i", "25", 25.0), SETTINGS)
    assert values_conflict(number("j", "No more than 10", 10.0), number("k", "10", 10.0), SETTINGS) is None
    upper = number("l", "Up to 350", 350.0)
    assert values_conflict(upper, number("m", "About 340", 340.0), SETTINGS) is None
    assert values_conflict(upper, number("n", "At least 900", 900.0), SETTINGS) is not None
    hundred = number("o", "More than 100", 100.0)  # a round bound covers its rounding unit
    assert values_conflict(hundred, number("p", "116", 116.0), SETTINGS) is None
    assert values_conflict(hundred, number("q", "250", 250.0), SETTINGS) is not None
    assert values_conflict(more, number("r", "29", 29.0), SETTINGS) is None
    assert values_conflict(number("s", "At least 10", 10.0), number("t", "At least three", 3.0), SETTINGS)
    assert values_conflict(number("u", "Up to 100", 100.0), number("v", "5", 5.0), SETTINGS)  # no rounding up


def test_a_figure_inside_a_range_agrees_with_it():
    a = claim("a", "The Orioles bid $150 million for him.", (("money", "$150 million", 150.0),))
    b = claim("b", "The Orioles bid between $140 and $150 million for him.",
              (("money", "between $140 and $150 million", 140.0),))
    assert values_conflict(a, b, SETTINGS) is None


def test_exact_figures_have_no_tolerance():
    assert within_tolerance(5, 5, False, SETTINGS)
    assert not within_tolerance(57, 60, False, SETTINGS)
    assert within_tolerance(57, 60, True, SETTINGS)


def test_numbers_counting_different_things_do_not_conflict():
    a = claim("a", "Three people were killed and 20 injured.", (("number", "Three", 3.0), ("number", "20", 20.0)))
    b = claim("b", "Three people were killed, officials said.", (("number", "Three", 3.0),))
    assert values_conflict(a, b, SETTINGS) is None


def test_date_mismatch():
    a = claim("a", "The rebels entered the city on Sunday.", (("date", "Sunday", "2024-01-07"),))
    b = claim("b", "The rebels entered the city on Saturday.", (("date", "Saturday", "2024-01-06"),))
    conflict = compare_claims(a, b, SETTINGS)
    assert conflict.kind == "date" and "Sunday" in conflict.note


def test_dates_of_different_precision_agree_when_the_days_they_stand_for_overlap():
    month = claim("a", "The trial began in March 2005.", (("date", "March 2005", "2005-03"),))
    day = claim("b", "The trial began on March 11, 2005.", (("date", "March 11, 2005", "2005-03-11"),))
    year = claim("c", "The trial began in 2005.", (("date", "2005", "2005"),))
    other = claim("d", "The trial began in April 2005.", (("date", "April 2005", "2005-04"),))
    assert compare_claims(month, day, SETTINGS) is None and compare_claims(year, day, SETTINGS) is None
    assert compare_claims(other, day, SETTINGS).kind == "date"
    assert dates_agree("2009-W49", "2009-12-03") and not dates_agree("2009-W49", "2009-12-10")
    # a week inside a month or a year, or running into it, agrees with it; a week of another month not
    assert dates_agree("2009-W51", "2009-12") and dates_agree("2009-W49", "2009-11") and dates_agree("2009-W53", "2010")
    assert not dates_agree("2009-W51", "2009-11") and not dates_agree("2009-W49", "2008")


def test_dates_worded_alike_are_no_conflict():
    # two reports written on different days, each "Thursday" resolved against its own date
    a = claim("a", "The vote on the measures will be held on Thursday.", (("date", "Thursday", "2010-05-06"),))
    b = claim("b", "Parliament will vote on the measures on Thursday.", (("date", "Thursday", "2010-05-13"),))
    assert compare_claims(a, b, SETTINGS) is None
    today = claim("c", "The academy announced the new host this morning.", (("date", "this morning", "2013-08-02"),))
    later = claim("d", "The academy announced the new host today.", (("date", "today", "2013-08-03"),))
    assert compare_claims(today, later, SETTINGS) is None
    both = claim("e", "He hosted both the 2004 and 2005 award shows.", (("date", "2004", "2004"),))
    one = claim("f", "He hosted the award show in 2005.", (("date", "2005", "2005"),))
    assert compare_claims(both, one, SETTINGS) is None
    friday = claim("g", "The vote on the measures will be held on Friday.", (("date", "Friday", "2010-05-07"),))
    assert compare_claims(a, friday, SETTINGS).kind == "date"
    # the modal "may" names no month
    may = claim("h", "The election will be held in May.", (("date", "May", "2010-05"),))
    june = claim("i", "The election may be held in June.", (("date", "June", "2010-06"),))
    assert compare_claims(may, june, SETTINGS).kind == "date"
    # nor does a surname
    theresa = claim("j", "The election will be held in June, Theresa May said.", (("date", "June", "2010-06"),))
    assert compare_claims(may, theresa, SETTINGS).kind == "date"
    # a capitalised function word before the month is no name: the claim does name the other's date
    both = claim("k", "Since May the election has been set for June.", (("date", "June", "2010-06"),))
    assert compare_claims(may, both, SETTINGS) is None


def test_a_date_told_from_the_day_of_publication_may_be_a_day_off():
    # one wire sentence, one copy dated the day after the shooting: "today" resolves a day late
    monday = claim("a", "The shooter walked into the office around 10 a.m. Monday, police said.",
                   (("date", "Monday", "2007-04-09"),))
    today = claim("b", "The shooter walked into the office at about 10am today, police said.",
                  (("date", "today", "2007-04-10"),))
    assert compare_claims(monday, today, SETTINGS) is None
    afternoon = claim("c", "Calls to the firm were not answered this afternoon.", (("date", "this afternoon", "2007-04-10"),))
    monday_pm = claim("d", "Calls to the firm were not answered Monday afternoon.", (("date", "Monday", "2007-04-09"),))
    assert compare_claims(afternoon, monday_pm, SETTINGS) is None
    # more than the slack apart, or no deictic word on either side: a conflict as before
    friday = claim("e", "The shooter walked into the office around 10 a.m. Friday, police said.",
                   (("date", "Friday", "2007-04-06"),))
    assert compare_claims(friday, today, SETTINGS).kind == "date"
    tuesday = claim("f", "The shooter walked into the office around 10 a.m. Tuesday, police said.",
                    (("date", "Tuesday", "2007-04-10"),))
    assert compare_claims(monday, tuesday, SETTINGS).kind == "date"
    strict = AlignSettings(deictic_date_slack_days=0)
    assert compare_claims(monday, today, strict).kind == "date"


def test_a_figure_of_a_side_entity_is_no_conflict_with_the_storys_own(nlp):
    from crosswire.align.frames import ValueEvents

    texts = dict(enumerate(["EgyptAir Flight 990 crashed off Nantucket.", "The EgyptAir jet crashed, the coast guard said.",
                            "EgyptAir said on Monday.", "The EgyptAir crash recalls Lauda Air's in 1991."]))
    texts = {str(k): v for k, v in texts.items()}
    entities = [Entity("1", "Lauda Air", "ORG", (), (Span("3", 32, 41),)), Entity("2", "EgyptAir Flight 990", "ORG", (), ()),
                Entity("3", "EgyptAir", "ORG", (), ()), Entity("4", "Coast Guard", "ORG", (), (Span("0", 0, 5),))]
    side = side_names(entities, texts, SETTINGS.side_entity_max_share)
    assert side == {"lauda"}  # the Coast Guard: one mention, but "coast guard" is written in another report too
    two = {k: texts[k] for k in ("0", "1")}
    assert side_names(entities, two, SETTINGS.side_entity_max_share) == frozenset()  # too few reports to tell
    lauda = claim("a", "The Lauda Air crash killed all 223 people on board.", (("number", "223", 223.0),))
    ours = claim("b", "All 217 people aboard the plane were killed.", (("number", "217", 217.0),))
    named = claim("c", "Unlike Lauda Air, all 217 people aboard the plane were killed.", (("number", "217", 217.0),))
    subjects = ValueEvents(nlp, SETTINGS).subject_words
    conflict = lambda a, b: Conflict("number", a.span, b.span, "", (a.values[0].span, b.values[0].span), (a.id, b.id))
    assert on_side_matter(conflict(lauda, ours), lauda, ours, subjects, side)
    assert on_side_matter(conflict(ours, lauda), ours, lauda, subjects, side)
    assert not on_side_matter(conflict(lauda, named), lauda, named, subjects, side)  # both name it
    assert not on_side_matter(conflict(lauda, ours), lauda, ours, subjects, frozenset())
    # the side entity named outside the value's subject says nothing of whose figure it is
    aboard = claim("d", "All 223 people aboard were killed, as in the Lauda Air crash.", (("number", "223", 223.0),))
    assert not on_side_matter(conflict(aboard, ours), aboard, ours, subjects, side)


def test_dates_of_merely_related_claims_conflict_only_when_they_say_the_same_apart_from_the_date():
    shot = claim("a", "Police shot the teenager in Flatbush on Saturday night.", (("date", "Saturday", "2013-03-09"),))
    statement = claim("b", "Yesterday, the police commissioner explained the rules on firearms to reporters.",
                      (("date", "Yesterday", "2013-03-11"),))
    assert compare_claims(shot, statement, SETTINGS, same_statement=False) is None
    other_day = claim("c", "Police shot the teenager in Flatbush on Sunday night.", (("date", "Sunday", "2013-03-10"),))
    assert compare_claims(shot, other_day, SETTINGS, same_statement=False).kind == "date"


def test_relative_dates_of_undated_articles_are_not_compared():
    a = claim("a", "The gunman opened fire yesterday.", (("date", "yesterday", "2026-01-01"),))
    b = claim("b", "The gunman opened fire on Friday.", (("date", "Friday", "2025-12-26"),))
    assert compare_claims(a, b, SETTINGS, dated=lambda c: False) is None
    assert compare_claims(a, b, SETTINGS, dated=lambda c: True).kind == "date"
    c = claim("c", "The gunman opened fire on 3 March 2023.", (("date", "3 March 2023", "2023-03-03"),))
    d = claim("d", "The gunman opened fire on 4 March 2023.", (("date", "4 March 2023", "2023-03-04"),))
    assert compare_claims(c, d, SETTINGS, dated=lambda c: False).kind == "date"


def test_a_part_of_the_day_beside_a_clock_time_does_not_hide_a_time_conflict():
    a = claim("a", "He was arrested Monday afternoon at 3 p.m.", (("time", "afternoon", "afternoon"), ("time", "3 p.m.", "3 p.m.")))
    b = claim("b", "He was arrested Monday afternoon at 5 p.m.", (("time", "afternoon", "afternoon"), ("time", "5 p.m.", "5 p.m.")))
    conflict = compare_claims(a, b, SETTINGS)
    assert conflict.kind == "time" and "3 p.m." in conflict.note


@pytest.mark.parametrize(("expression", "minutes"), [
    ("6 p.m.", 18 * 60), ("6:00 p.m.", 18 * 60), ("18:30", 18 * 60 + 30), ("12 a.m.", 0), ("about 4pm", 16 * 60),
    ("the 6", None), ("25:00", None),
])
def test_clock_minutes(expression, minutes):
    assert clock_minutes(expression) == minutes


def test_times_are_compared_after_normalisation_with_slack_for_approximations():
    def timed(aid, text, expression):
        return claim(aid, text, (("time", expression, expression),))
    a = timed("a", "He gave himself up just after 6 p.m. on the day.", "just after 6 p.m.")
    assert compare_claims(a, timed("b", "He gave himself up at 6:00 p.m. on the day.", "6:00 p.m."), SETTINGS) is None
    assert compare_claims(a, timed("c", "He gave himself up around 6:20 p.m.", "around 6:20 p.m."), SETTINGS) is None
    late = compare_claims(a, timed("d", "He gave himself up at 9 p.m. on the day.", "9 p.m."), SETTINGS)
    assert late.kind == "time"
    # rough words the tagger left out of the time count too
    call = timed("e", "A call came in from the Vela Hotel at 3:33 a.m. on Tuesday.", "3:33 a.m.")
    after = timed("f", "Dispatchers got a call from the Vela Hotel shortly after 3:30 a.m. on Tuesday.", "3:30 a.m.")
    assert compare_claims(call, after, SETTINGS) is None and compare_claims(after, call, SETTINGS) is None
    exact = timed("g", "Dispatchers got a call from the Vela Hotel at 3:30 a.m. on Tuesday.", "3:30 a.m.")
    assert compare_claims(call, exact, SETTINGS).kind == "time"


def test_times_whole_hours_apart_in_different_zones_may_be_one_time():
    def timed(aid, text, expression):
        return claim(aid, text, (("time", expression, expression),))
    eastern = timed("a", "Vela begins its season Saturday at 4:30 p.m. ET against Marn.", "4:30 p.m.")
    local = timed("b", "Vela plays Marn on Saturday at 3:30 p.m. in the first round.", "3:30 p.m.")
    assert compare_claims(eastern, local, SETTINGS) is None and compare_claims(local, eastern, SETTINGS) is None
    moscow = timed("c", "Vela begins its season Saturday at 11:30 p.m. Moscow time against Marn.", "11:30 p.m.")
    assert compare_claims(eastern, moscow, SETTINGS) is None
    # in one zone, or minutes apart, the times still disagree
    also_eastern = timed("d", "Vela plays Marn on Saturday at 3:30 p.m. ET in the first round.", "3:30 p.m.")
    assert compare_claims(eastern, also_eastern, SETTINGS).kind == "time"
    assert compare_claims(eastern, timed("e", "Vela plays Marn on Saturday at 4:10 p.m. in the first round.",
                                         "4:10 p.m."), SETTINGS).kind == "time"
    assert compare_claims(local, timed("f", "Vela plays Marn on Saturday at 5:30 p.m. in the first round.",
                                       "5:30 p.m."), SETTINGS).kind == "time"


@pytest.mark.parametrize(
    ("text_a", "text_b", "flags_a", "flags_b", "kind"),
    [
        ("The minister was injured in the blast.", "The minister was not injured in the blast.",
         {}, {"negated": True}, "polarity"),
        ("There is no threat to the region.", "There is no serious threat to the region.",
         {"negated": True}, {"negated": True}, "intensity"),
        ("The president fled the country.", "The president may have fled the country.",
         {}, {"hedged": True}, "hedging"),
        ("Officials said Sheikh Hamad arrived.", "Officials said Shaikh Hamad arrived.", {}, {}, "spelling"),
    ],
)
def test_typed_conflicts(text_a, text_b, flags_a, flags_b, kind):
    conflict = compare_claims(claim("a", text_a, **flags_a), claim("b", text_b, **flags_b), SETTINGS)
    assert conflict is not None and conflict.kind == kind


def test_a_negation_flag_differing_between_two_negating_sentences_is_no_polarity_conflict():
    # the same words parsed two ways: "never" in both, one claim flagged negated, the other not
    a = claim("a", "TMZ reported Lohan never entered the clinic.", negated=True)
    b = claim("b", "TMZ reported that Lohan was shopping and never entered the clinic.")
    assert compare_claims(a, b, SETTINGS) is None
    c = claim("c", "TMZ reported Lohan entered the clinic.")
    assert compare_claims(a, c, SETTINGS).kind == "polarity"
    # … however the negation is written
    released = claim("f", "The hospital said details will not be released.", negated=True)
    releasing = claim("g", "The hospital said it was not releasing details.")
    assert compare_claims(released, releasing, SETTINGS) is None
    # a negation elsewhere in the sentence does not cancel the difference
    armed = claim("d", "Police, who gave no further details, said the suspect was armed.")
    unarmed = claim("e", "Police said the suspect was not armed.", negated=True)
    assert compare_claims(unarmed, armed, SETTINGS).kind == "polarity"


@pytest.mark.parametrize(
    ("negated", "other"),
    [  # the negated word is not in the other claim: a paraphrase, or another statement
        ("The facility has not been officially sanctioned by the court.", "The rehab facility is unlicensed."),
        ("Authorities did not know whether the fire was connected to the church.",
         "Authorities are unsure if the fire is connected to the church."),
        ("Attacking the ports probably would not be effective against piracy.",
         "A proposal would allow forces to enter the ports in pursuit of piracy."),
        ("Fishermen who harm the salmon are not exempt from penalties unless they hold a permit.",
         "New rules will prohibit harming the salmon or its rivers unless specifically exempted."),
    ],
)
def test_no_polarity_conflict_when_the_other_claim_does_not_state_the_negated_word(negated, other):
    assert compare_claims(claim("a", negated, negated=True), claim("b", other), SETTINGS) is None


def test_a_polarity_conflict_names_what_one_claim_negates_and_the_other_states():
    for negated, other in (("No one was killed in the blast.", "Two people were killed in the blast."),
                           ("The suspect was not immediately charged.", "The suspect was charged on Monday."),
                           ("The minister denied leaving the country.", "The minister left the country."),
                           ("The company did not reply to questions.", "The company replied on Monday."),
                           ("The ferry was not exempt from the ban.", "The ferry was exempt from the ban, unlike the trucks."),
                           ("No one survived the crash of the ferry.", "All passengers except two survived the crash."),
                           ("He did not.", "He did.")):
        conflict = compare_claims(claim("a", negated, negated=True), claim("b", other), SETTINGS)
        assert conflict is not None and conflict.kind == "polarity", (negated, other)


def test_intensity_and_hedging_cues_name_the_differing_words():
    a, b = claim("a", "There is no threat.", negated=True), claim("b", "There is no serious threat.", negated=True)
    conflict = compare_claims(a, b, SETTINGS)
    assert [b.text[p.start:p.end] for p in conflict.parts] == ["serious"]


def test_a_modal_beside_a_conditional_claim_is_no_hedging_conflict():
    could = claim("a", "McKinney could receive the death penalty if convicted.", hedged=True)
    faces = claim("b", "If convicted, McKinney faces the death penalty.")
    assert compare_claims(could, faces, SETTINGS, same_statement=True) is None
    might = claim("e", "McKinney could face the death penalty.", hedged=True)
    assert compare_claims(might, faces, SETTINGS, same_statement=True) is None
    reportedly = claim("f", "The governor reportedly apologized for the fire.", hedged=True)
    sourced = claim("g", "The governor apologized if the fire was connected to her campaign, her office said.")
    assert compare_claims(reportedly, sourced, SETTINGS, same_statement=True).kind == "hedging"
    plain = claim("c", "McKinney faces the death penalty.")
    hedged = claim("d", "McKinney could face the death penalty.", hedged=True)
    assert compare_claims(hedged, plain, SETTINGS, same_statement=True).kind == "hedging"


def test_a_hedge_on_what_the_other_claim_does_not_say_is_no_hedging_conflict():
    exposed = claim("a", "Vela experts estimated that 0.2 percent of Marn users may have been exposed to sites "
                         "carrying the exploit.", hedged=True)
    infected = claim("b", "Rait Labs has found about 10,000 sites that have been infected with the exploit.")
    assert compare_claims(exposed, infected, SETTINGS, same_statement=True) is None
    told = claim("c", "Vela experts estimated that 0.2 percent of Marn users were exposed to sites carrying the exploit.")
    assert compare_claims(exposed, told, SETTINGS, same_statement=True).kind == "hedging"


def test_what_a_named_thing_has_is_not_compared_with_what_was_done():
    def counted(aid, text, n):
        return claim(aid, text, (("number", n, {"four": 4, "two": 2}[n]),))
    has = counted("a", "Investigators gathered remains from the Concorde's four engines.", "four")
    done = counted("b", "Investigators removed two engines from the crash site.", "two")
    assert compare_claims(has, done, SETTINGS) is None
    other = counted("c", "Investigators gathered remains from the Concorde's two engines.", "two")
    assert compare_claims(has, other, SETTINGS).kind == "number"  # both inventories: compared


def test_an_intensity_conflict_needs_the_graded_word_in_both_claims():
    from crosswire.align.conflicts import graded_words
    from crosswire.align.lexical import INTENSIFIERS

    mine = claim("a", "Russian officials have not ruled out that a mine hit the Kursk.", negated=True)
    blast = claim("b", "The Russians do not deny that a major explosion hit the Kursk.", negated=True)
    assert compare_claims(mine, blast, SETTINGS) is None  # "major" grades an explosion the first never names
    threat = claim("c", "Officials said there were no threats to the city.", negated=True)
    serious = claim("d", "Officials said there was no serious threat to the city.", negated=True)
    assert compare_claims(threat, serious, SETTINGS).kind == "intensity"
    after = claim("e", "Officials said the threat was not serious.", negated=True)
    assert compare_claims(threat, after, SETTINGS).kind == "intensity"  # nothing graded after it: compared
    framed = claim("f", "The damage to the dam was not severe, officials said.", negated=True)
    assert graded_words(framed.text, INTENSIFIERS) == frozenset()  # the frame is not what it grades


def test_cue_conflicts_only_between_claims_stating_the_same_thing():
    a = claim("a", "The minister was injured in the blast.")
    b = claim("b", "The minister was not injured in the blast.", negated=True)
    assert compare_claims(a, b, SETTINGS, same_statement=False) is None


def test_a_dropped_middle_name_is_not_a_spelling_conflict():
    a = claim("a", "Police named the victim as Benjamin David Banky, 40.")
    b = claim("b", "Police named the victim as Benjamin Banky, 40.")
    assert compare_claims(a, b, SETTINGS) is None


def test_a_place_and_its_adjective_are_not_a_spelling_conflict():
    a = claim("a", "He said Vela is a force for stability in the Patria-Pacific region and beyond.")
    b = claim("b", "He said Vela is a force for stability in the Patrian-Pacific region and beyond.")
    assert compare_claims(a, b, SETTINGS) is None
    c = claim("c", "He said Vela is a force for stability in the Patira-Pacific region and beyond.")
    assert compare_claims(a, c, SETTINGS).kind == "spelling"
    born = claim("d", "The New Marnland-born climber was planning to ski in the hills.")
    lander = claim("e", "The climber, a New Marnlander living in Vela, was planning to ski in the hills.")
    assert compare_claims(born, lander, SETTINGS) is None  # a place and its people


@pytest.mark.parametrize(("a", "b", "kind"), [
    # a possessive is the name
    ("Governor Sarah Pallin said the state will appeal.", "Governor Sarah Pallin's office said the state will appeal.", None),
    ("Governor Sarah Pallin said the state will appeal.", "Governor Sara Pallin's office said the state will appeal.",
     "spelling"),
    # accents are no spelling
    ("The heist near Place Vendôme is the latest in Marnès this year.",
     "The heist near Place Vendome is the latest in Marnes this year.", None),
    ("The heist near Place Vendôme is the latest in Marnès this year.",
     "The heist near Place Vendume is the latest in Marnès this year.", "spelling"),
    # a nickname or short form of a given name, and a name's plural, are no spelling; one letter apart is one
    ("Prosecutor Dave Marnell opened the case against Jon Vell on Monday.",
     "Prosecutor David Marnell opened the case against Jon Vell on Monday.", None),
    ("The aide Fred LaVell, a player in the Vela scandal, was found dead in a motel.",
     "The aide Frederick LaVell, a player in the Vela scandal, was found dead in a motel.", None),
    ("Ana Vell was once rumoured to be Deep Throat, the press said.",
     "Ana Vell was once rumoured to be one of the Deep Throats, the press said.", None),
    ("On Friday Duncan Rait died after slipping from a ridge in the park.",
     "On Friday Duncan Raite died after slipping from a ridge in the park.", "spelling"),
    ("The aide Fred LaVell, a player in the Vela scandal, was found dead in a motel.",
     "The aide Freda LaVell, a player in the Vela scandal, was found dead in a motel.", "spelling"),
    # British and American spellings of one name are no misspelling
    ("The concert at the Vela Centre for Arts was cancelled on Monday.",
     "The concert at the Vela Center for Arts was cancelled on Monday.", None),
    ("The Vela Harbour Board said the ferry would sail on Monday.",
     "The Vela Harbor Board said the ferry would sail on Monday.", None),
    ("The Vela Centre for Arts was cancelled on Monday.", "The Vela Cantre for Arts was cancelled on Monday.", "spelling"),
    ("An autopsy shows Ana Gray was hit by three bullets.", "An autopsy shows Ana Grey was hit by three bullets.", "spelling"),
])
def test_a_spelling_conflict_is_a_name_spelt_apart_not_a_written_variant_of_it(a, b, kind):
    conflict = compare_claims(claim("a", a), claim("b", b), SETTINGS)
    assert (conflict.kind if conflict else None) == kind


def test_an_acronym_and_the_name_it_spells_are_one_speaker():
    said = "He was on probation for a previous arrest, {} said."
    full = claim("a", said.format("the Vela Highway Patrol"), attributed_to="the Vela Highway Patrol")
    short = claim("b", said.format("the VHP"), attributed_to="the VHP")
    other = claim("c", said.format("the Marn Port Board"), attributed_to="the Marn Port Board")
    assert compare_claims(full, short, SETTINGS) is None and compare_claims(short, full, SETTINGS) is None
    assert compare_claims(short, other, SETTINGS).kind == "attribution"


def test_attribution_same_words_different_speaker():
    a = claim("a", "The talks will resume next week, the foreign ministry said.", attributed_to="the foreign ministry")
    b = claim("b", "The talks will resume next week, the rebel spokesman said.", attributed_to="the rebel spokesman")
    assert compare_claims(a, b, SETTINGS).kind == "attribution"
    same = claim("c", "The talks will resume next week, the ministry said.", attributed_to="the ministry")
    assert compare_claims(a, same, SETTINGS) is None
    named = claim("d", "The talks will resume next week, Anna Berg said.", attributed_to="Anna Berg")
    other = claim("e", "The talks will resume next week, Omar Said said.", attributed_to="Omar Said")
    assert compare_claims(named, other, SETTINGS).kind == "attribution"
    assert compare_claims(a, named, SETTINGS) is None  # "the foreign ministry" may speak through Anna Berg
    # a possessive is a description ("Reid's rep" may be Jack Ketsoyan); a claim's first word is
    # capitalised whatever it is ("Authorities said …" describes)
    rep = claim("f", "The talks will resume next week, Reid's rep said.", attributed_to="Reid's rep")
    assert compare_claims(named, rep, SETTINGS) is None
    authorities = claim("g", "Authorities said the talks will resume next week.", attributed_to="Authorities")
    waldie = claim("h", "The talks will resume next week, Waldie said.", attributed_to="Waldie")
    assert compare_claims(authorities, waldie, SETTINGS) is None
    assert compare_claims(named, waldie, SETTINGS).kind == "attribution"
    # a story's entity name opening a claim is a name
    obama = claim("i", "Obama said the talks will resume next week.", attributed_to="Obama")
    officials = claim("j", "The talks will resume next week, officials said.", attributed_to="officials")
    assert compare_claims(obama, officials, SETTINGS) is not None  # read as described: two descriptions
    assert compare_claims(obama, officials, SETTINGS, names={"barack", "obama"}) is None  # a name and a description


def test_a_speaker_relaying_the_others_source_is_no_attribution_conflict():
    records = claim("a", "In 2005 Vell was charged with assault, according to court records, which say he threatened Marn.",
                    attributed_to="court records")
    paper = claim("b", "In 2005 Vell was charged with assault, according to court records, which say he threatened Marn, "
                       "the newspaper reported.", attributed_to="the newspaper")
    assert compare_claims(records, paper, SETTINGS) is None and compare_claims(paper, records, SETTINGS) is None
    police = claim("c", "In 2005 Vell was charged with assault, according to police, who say he threatened Marn.",
                   attributed_to="police")
    assert compare_claims(police, paper, SETTINGS).kind == "attribution"


def test_officials_and_the_statistics_they_may_cite_are_no_attribution_conflict():
    officials = claim("a", "Port officials say life jackets cut the risk of drowning in half.", attributed_to="Port officials")
    statistics = claim("b", "Life jackets cut the risk of drowning in half, according to government statistics.",
                       attributed_to="government statistics")
    assert compare_claims(officials, statistics, SETTINGS) is None
    assert compare_claims(statistics, officials, SETTINGS) is None
    coast_guard = claim("c", "Life jackets cut the risk of drowning in half, the coast guard said.",
                        attributed_to="the coast guard")
    assert compare_claims(officials, coast_guard, SETTINGS).kind == "attribution"  # two speakers described


def test_agreeing_claims_and_same_article_pairs_give_no_conflict():
    a = claim("a", "The bridge collapsed on Monday.")
    b = claim("b", "The bridge collapsed on Monday morning.")
    assert compare_claims(a, b, SETTINGS) is None
    twin = Claim("c_a2", Span("a", 0, 5), "Fifteen soldiers were killed.", values=(
        Value("number", Span("a", 0, 7), "Fifteen", 15.0),))
    twelve = claim("a", "Twelve soldiers were killed.", (("number", "Twelve", 12.0),))
    assert find_conflicts([twelve, twin], [(0, 1, True)], SETTINGS) == []


def test_unknown_then_known_is_an_update_in_publication_order():
    later = claim("b", "The former leader is in Moscow, state media reported.")
    earlier = claim("a", "The whereabouts of the former leader were unknown.")
    dates = {"a": dt.date(2024, 1, 1), "b": dt.date(2024, 1, 2)}
    updates = find_updates([later, earlier], [(0, 1)], lambda c: dates[c.span.article_id])
    assert len(updates) == 1 and updates[0].kind == "update"
    assert updates[0].a.article_id == "a" and updates[0].claims == ("c_a", "c_b")
    assert find_updates([later, earlier], [(0, 1)], lambda c: None) == []


def test_a_thing_described_as_previously_unknown_is_no_unknown_state_to_update():
    earlier = claim("a", "Vela said attackers are exploiting a previously unknown flaw in its browser.")
    later = claim("b", "The flaw could affect every version of the Vela browser, the company said.")
    dates = {"a": dt.date(2024, 1, 1), "b": dt.date(2024, 1, 2)}
    assert find_updates([earlier, later], [(0, 1)], lambda c: dates[c.span.article_id]) == []
    unclear = claim("a", "Which versions of the Vela browser the flaw affects is unknown.")
    assert len(find_updates([unclear, later], [(0, 1)], lambda c: dates[c.span.article_id])) == 1


def test_revised_figure_becomes_an_update_not_a_conflict():
    a = claim("a", "Twelve people were killed.", (("number", "Twelve", 12.0),))
    b = claim("b", "The toll rose to 20 people killed.", (("number", "20", 20.0),))
    dates = {"a": dt.date(2024, 1, 1), "b": dt.date(2024, 1, 2)}
    found = find_conflicts([b, a], [(0, 1, True)], SETTINGS)
    kept, updates = split_updates(found, {"c_a": a, "c_b": b}, lambda c: dates[c.span.article_id])
    assert kept == [] and [u.kind for u in updates] == ["update"] and updates[0].a.article_id == "a"
    same_day = {"a": dt.date(2024, 1, 1), "b": dt.date(2024, 1, 1)}
    kept, updates = split_updates(found, {"c_a": a, "c_b": b}, lambda c: same_day[c.span.article_id])
    assert [c.kind for c in kept] == ["number"] and updates == []
    brought = claim("b", "A woman died in hospital, bringing the toll to 20 people killed.", (("number", "20", 20.0),))
    found = find_conflicts([brought, a], [(0, 1, True)], SETTINGS)
    kept, updates = split_updates(found, {"c_a": a, "c_b": brought}, lambda c: dates[c.span.article_id])
    assert kept == [] and [u.kind for u in updates] == ["update"]


def test_claim_matrix_cells():
    spans = {x: Span(x, 0, 5) for x in "abc"}
    g1 = ClaimGroup("g1", ("c_a", "c_b"), (spans["a"], spans["b"]), ("A", "B"), Support(2, 2))
    g2 = ClaimGroup("g2", ("c_c",), (spans["c"],), ("C",), Support(1, 1))
    conflict = Conflict("number", spans["a"], spans["c"], claims=("c_a", "c_c"))
    rows = claim_matrix([g1, g2], ["a", "b", "c"], [conflict])
    assert rows == (("supports", "supports", "conflicts"), ("conflicts", "silent", "supports"))


def test_sources_in_publication_order_undated_last():
    articles = {x.id: x for x in (article("z", "t", 1), article("y", "t", None), article("x", "t", 3))}
    assert source_order(["x", "y", "z"], articles) == ("z", "x", "y")


def years(article: str, text: str, expression: str) -> Claim:
    """A claim with one duration, normalised as extraction does ("nearly six decades" → about 60 years)."""
    value, unit = duration(expression)
    return claim(article, text, (("duration", expression, value, "nearly" in expression, unit),))


def test_durations_and_quantities_normalise():
    assert duration("50-year") == (50.0, "year") and duration("nearly six decades") == (60.0, "year")
    assert duration("the 37-year-old") is None and duration("five years old") is None  # ages
    assert quantity("64 kilometres") == (64.0, "km") and quantity("40 miles")[1] == "km"
    assert quantity("40 miles")[0] == pytest.approx(64.37, abs=0.01)
    assert quantity("12 degrees") == (12.0, "degrees")


@pytest.mark.issue(6)
def test_one_quantity_in_loosely_similar_claims_is_a_conflict():
    """Claims in no group and never paired still conflict on the length of one named thing."""
    a = years("a", "The vote ended the 12-year tenure of Mayor Brandt and the 40-year rule of his party in Velden.",
              "40-year")
    b = years("b", "Velden voters on Sunday ended nearly six decades of Brandt party rule.", "nearly six decades")
    assert measured_head(a.values[0], a) == "rule" and measured_head(b.values[0], b) == "rule"
    [conflict] = find_conflicts([a, b], [], SETTINGS)
    assert conflict.kind == "number" and conflict.claims == ("c_a", "c_b")
    assert "40 years" in conflict.note and "about 60 years" in conflict.note
    assert [a.text[p.start:p.end] if p.article_id == "a" else b.text[p.start:p.end] for p in conflict.parts] == [
        "40-year", "nearly six decades"]


@pytest.mark.issue(6)
def test_quantities_of_different_things_or_subjects_or_within_tolerance_do_not_conflict():
    rule = years("b", "Velden voters on Sunday ended nearly six decades of Brandt party rule.", "nearly six decades")
    tenure = years("a", "The vote ended the 12-year tenure of Mayor Brandt in Velden.", "12-year")
    close = years("c", "The vote ended the 58-year rule of the Brandt party in Velden.", "58-year")
    elsewhere = years("d", "The vote ended the 40-year rule of the Kessler party in Ostmark.", "40-year")
    same_article = years("b", "It was the 40-year rule of the Brandt party, she said.", "40-year")
    for other in (tenure, close, elsewhere, same_article):
        assert find_conflicts([rule, other], [], SETTINGS) == [], other.text
    assert quantity_conflict(rule, close, SETTINGS) is None
    text = "The vote ended the 40-year rule of the Brandt party, or by other counts the 58-year rule of the party."
    both = claim("e", text, (("duration", "40-year", 40.0, False, "year"), ("duration", "58-year", 58.0, False, "year")))
    assert quantity_conflict(rule, both, SETTINGS) is None  # one of its figures agrees


def test_a_figure_the_other_claim_gives_as_a_bare_number_is_no_conflict():
    from crosswire.extract.values import quantity

    yards = lambda expression: ("quantity", expression, quantity(expression)[0], False, "m")
    one = claim("a", "Back Oren Marn rushed for 101 yards.", (yards("101 yards"),))
    both = claim("b", "Ana Vell rushed for 226 yards while Oren Marn added 101.", (yards("226 yards"), ("number", "101", 101.0)))
    assert compare_claims(one, both, SETTINGS) is None and compare_claims(both, one, SETTINGS) is None
    other = claim("c", "Ana Vell rushed for 226 yards while Oren Marn added 88.", (yards("226 yards"), ("number", "88", 88.0)))
    assert compare_claims(one, other, SETTINGS).kind == "number"


def test_quantities_in_different_units_compare_after_conversion():
    a = claim("a", "The town of Brelle is 64 kilometres north of Osten, the capital.",
              (("quantity", "64 kilometres", *quantity("64 kilometres")[:1], False, "km"),))
    b = claim("b", "Brelle lies about 40 miles north of Osten.",
              (("quantity", "about 40 miles", quantity("40 miles")[0], True, "km"),))
    far = claim("c", "Brelle lies 90 miles north of Osten.",
                (("quantity", "90 miles", quantity("90 miles")[0], False, "km"),))
    assert find_conflicts([a, b], [], SETTINGS) == []
    [conflict] = find_conflicts([a, far], [], SETTINGS)
    assert "64 km" in conflict.note and normalised(far.values[0]) == "144.8 km"


def test_a_total_and_its_parts_agree():
    from crosswire.align.conflicts import sum_of_parts

    parts = claim("a", "Last year the virus killed six people in New York City and one in Westchester.",
                  (("number", "six", 6.0), ("number", "one", 1.0)))
    total = claim("b", "Last year the virus killed seven people in the region.", (("number", "seven", 7.0),))
    wrong = claim("c", "Last year the virus killed nine people in the region.", (("number", "nine", 9.0),))
    assert sum_of_parts(parts.values[0], parts) == 7.0
    assert compare_claims(parts, total, SETTINGS) is None and compare_claims(total, parts, SETTINGS) is None
    assert compare_claims(parts, wrong, SETTINGS).kind == "number"
    # figures of different things are no parts of one total
    mixed = claim("d", "The virus killed six people and sickened 55 others last year.",
                  (("number", "six", 6.0), ("number", "55", 55.0)))
    assert sum_of_parts(mixed.values[0], mixed) is None
    split = claim("e", "The virus killed 61 people last year.", (("number", "61", 61.0),))
    assert compare_claims(mixed, split, SETTINGS).kind == "number"


def test_distances_of_different_things_from_one_place_do_not_conflict():
    def distance(aid, text, expression, km):
        return claim(aid, text, (("quantity", expression, km, expression.startswith("about"), "km"),))

    tower = distance("a", "Airstrikes knocked out a radio tower in the village of Goyskoye, 12 miles southwest of Grozny.",
                     "12 miles", 19.3)
    village = distance("b", "Fighting went on near the village of Bamut, about 70 kilometers southwest of Grozny.",
                       "about 70 kilometers", 70.0)
    plant = distance("c", "Troops bombed a cement plant 25 kilometers southwest of Grozny, Interfax said.",
                     "25 kilometers", 25.0)
    again = distance("d", "Shelling hit the village of Goyskoye, 40 kilometers southwest of Grozny.",
                     "40 kilometers", 40.0)
    for x, y in ((tower, village), (tower, plant), (village, plant)):
        assert find_conflicts([x, y], [], SETTINGS) == [], (x.text, y.text)
        assert compare_claims(x, y, SETTINGS) is None
    [conflict] = find_conflicts([tower, again], [], SETTINGS)  # one village, two distances
    assert "12 miles" in conflict.note and "40 kilometers" in conflict.note
    assert compare_claims(tower, again, SETTINGS).kind == "number"


def test_a_converted_and_rounded_figure_and_a_figure_given_twice_agree():
    km = claim("a", "Deputies chased the van for 48km before it stopped.", (("quantity", "48km", 48.0, False, "km"),))
    miles = claim("b", "Deputies chased the van for 30 miles before it stopped.",
                  (("quantity", "30 miles", quantity("30 miles")[0], False, "km"),))
    assert compare_claims(km, miles, SETTINGS) is None
    far = claim("c", "Deputies chased the van for 50 miles before it stopped.",
                (("quantity", "50 miles", quantity("50 miles")[0], False, "km"),))
    assert compare_claims(km, far, SETTINGS).kind == "number"
    # rounding excuses a conversion only: 1.4 km written as such is not "1 km", nor is 0.87 miles
    one = claim("f", "The van stopped 1 km from the border.", (("quantity", "1 km", 1.0, False, "km"),))
    written = claim("g", "The van stopped 1.4 km from the border.", (("quantity", "1.4 km", 1.4, False, "km"),))
    converted = claim("h", "The van stopped 0.87 miles from the border.",
                      (("quantity", "0.87 miles", quantity("0.87 miles")[0], False, "km"),))
    assert compare_claims(one, written, SETTINGS).kind == "number"
    assert compare_claims(one, converted, SETTINGS).kind == "number"
    hundred = claim("i", "The van was chased for 160 km before it stopped.", (("quantity", "160 km", 160.0, False, "km"),))
    miles = claim("j", "The van was chased for 100 miles before it stopped.",
                  (("quantity", "100 miles", quantity("100 miles")[0], False, "km"),))
    assert compare_claims(hundred, miles, SETTINGS) is None  # 160.9 km, written to the ten
    twice = claim("d", "Damage to the hall was put at $US1 million ($1.52 million), police said.",
                  (("money", "$US1 million", 1e6, False, "USD"), ("money", "$1.52 million", 1.52e6, False, "USD")))
    once = claim("e", "Damage to the hall was put at $1 million, police said.", (("money", "$1 million", 1e6, False, "USD"),))
    assert compare_claims(twice, once, SETTINGS) is None and compare_claims(once, twice, SETTINGS) is None


def test_names_merged_as_spelling_variants_are_set_side_by_side():
    from dataclasses import replace

    from crosswire.align.conflicts import entity_spelling_conflicts
    from crosswire.model import Entity, Sentence

    a = article("a", "The envoy Georg Lund called for talks. Lund said little.", 2)
    a = replace(a, sentences=(Sentence("a", 0, 0, 38), Sentence("a", 1, 39, len(a.text))))
    b = article("b", "Envoy Geir Lund proposed talks in Geneva.", 3)
    spans = [Span("a", 10, 20), Span("a", 39, 43), Span("b", 6, 15)]
    lund = Entity("e1", "Georg Lund", "PERSON", ("Georg Lund", "Geir Lund", "Lund"), tuple(spans),
                  spellings=("Geir Lund",))
    claim_b = claim("b", b.text)
    (conflict,) = entity_spelling_conflicts([lund], [claim_b], {"a": a, "b": b})
    assert conflict.kind == "spelling" and conflict.note == "Georg Lund vs Geir Lund"
    assert conflict.parts == (spans[0], spans[2])
    assert conflict.b == claim_b.span and a.span_text(conflict.a).startswith("The envoy Georg Lund")
    plain = Entity("e2", "Lund", "PERSON", ("Lund",), (spans[1],))
    assert entity_spelling_conflicts([plain], [claim_b], {"a": a, "b": b}) == []


def test_only_claims_that_match_each_other_are_one_statement_for_cue_conflicts():
    import numpy as np

    from crosswire.align import comparable_pairs

    spans = {k: Span(k, 0, 10) for k in "abc"}
    group = ClaimGroup("g1", ("c_a", "c_b", "c_c"), tuple(spans.values()), ("A", "B", "C"), Support(3, 3))
    index = {"c_a": 0, "c_b": 1, "c_c": 2}
    scores = np.array([[1.0, 0.9, 0.1], [0.9, 1.0, 0.6], [0.1, 0.6, 1.0]])
    pairs = comparable_pairs([group], index, scores, SETTINGS)
    assert pairs == [(0, 1, True), (0, 2, False), (1, 2, True)]  # a and c meet only through b
    a = claim("a", "Nobody was hurt in the fire at the depot.", negated=True)
    c = claim("c", "Two workers at the depot were hurt in the fire.")
    assert compare_claims(a, c, SETTINGS, same_statement=False) is None
    assert compare_claims(a, c, SETTINGS, same_statement=True).kind == "polarity"


def with_sentences(aid: str, *sentences: str) -> Article:
    """An article of ``sentences``, one space apart, with their offsets."""
    from dataclasses import replace

    from crosswire.model import Sentence

    text, spans = "", []
    for i, sentence in enumerate(sentences):
        start = len(text) + (1 if text else 0)
        text = (text + " " if text else "") + sentence
        spans.append(Sentence(aid, i, start, len(text)))
    return replace(article(aid, text, 2), sentences=tuple(spans))


def sentence_span(art: Article, i: int) -> Span:
    return Span(art.id, art.sentences[i].start, art.sentences[i].end)


def name_span(art: Article, name: str) -> Span:
    start = art.text.index(name)
    return Span(art.id, start, start + len(name))


@pytest.mark.slow
def test_a_report_that_also_tells_the_other_version_is_no_disagreement():
    from crosswire.align.conflicts import told_by_both
    from crosswire.align.support import is_supported

    supports = lambda claim, sentence: is_supported(claim, [sentence], SETTINGS)  # the learned support check
    total = with_sentences("a", "So far the navy has seized 14 rifles from pirates.", "The ship returned to port.")
    both = with_sentences("b", "During the operation six rifles were seized from the boats.",
                          "The navy has seized 14 rifles from pirates so far.")
    only = with_sentences("c", "During the operation six rifles were seized from the boats.",
                          "The ship returned to port on Friday.")
    for other, expected in ((both, True), (only, False)):
        conflict = Conflict("number", sentence_span(total, 0), sentence_span(other, 0), "14 vs six")
        assert told_by_both(conflict, {"a": total, other.id: other}, supports) is expected
    # the support check reads no negation: a report restating its own version is no reason to drop
    # a polarity (or date, or attribution) conflict
    never = with_sentences("d", "The fire was not started deliberately, police said.")
    arson = with_sentences("e", "The fire was started deliberately, police said.",
                           "Police believe the fire was started deliberately by an arsonist.")
    conflict = Conflict("polarity", sentence_span(never, 0), sentence_span(arson, 0), "one is negated")
    assert not told_by_both(conflict, {"d": never, "e": arson}, supports)
    # … but a report that copies the other's claim word for word tells both
    copy = with_sentences("f", "The fire was started deliberately, police said.",
                          "The fire was not started deliberately, police said.")
    conflict = Conflict("polarity", sentence_span(never, 0), sentence_span(copy, 0), "one is negated")
    assert told_by_both(conflict, {"d": never, "f": copy}, supports)


def test_two_names_one_report_writes_are_two_people_unless_one_typo_apart():
    from crosswire.align.conflicts import told_by_both

    never = lambda claim, sentence: False
    son = with_sentences("a", "The gang member shot Jerry Ortiz in 2005.", "Jeremy Ortiz, his son, spoke.")
    father = with_sentences("b", "Jeremy Ortiz said he was relieved.")
    gray = with_sentences("c", "Police shot Kimani Gray on Saturday.", "Grey was 16.")
    grey = with_sentences("d", "Kimani Grey was shot by police.")
    wetzler = with_sentences("e", "Andrew Wetzler of the council commented.")
    welzler = with_sentences("f", "Andrew Welzler of the council said they would sue.")
    arts = {x.id: x for x in (son, father, gray, grey, wetzler, welzler)}

    def spelling(x: Article, first: str, y: Article, second: str) -> Conflict:
        return Conflict("spelling", sentence_span(x, 0), sentence_span(y, 0), f"{first} vs {second}",
                        (name_span(x, first), name_span(y, second)))

    assert told_by_both(spelling(son, "Jerry", father, "Jeremy"), arts, never)  # "a" names both: two people
    assert not told_by_both(spelling(gray, "Gray", grey, "Grey"), arts, never)  # one typo apart: a spelling
    assert not told_by_both(spelling(wetzler, "Wetzler", welzler, "Welzler"), arts, never)
    smith = with_sentences("g", "Officer Smith fired twice.", "Smtih was suspended.")
    assert not told_by_both(spelling(smith, "Smith", smith, "Smtih"), {"g": smith}, never)  # swapped letters


def test_the_verb_a_value_hangs_on(nlp):
    from crosswire.align.frames import governing_predicate

    assert governing_predicate(nlp("On Saturday, the governor said she was sorry."), 3) == "say"
    assert governing_predicate(nlp("The quake hit the town, killing at least 10 people."), 42) == "kill"


@pytest.mark.slow
@pytest.mark.parametrize("a, b, matched, expected", [
    # merely related claims: the two values must hang on one event
    (("On Dec. 16, the administration allowed agencies to skip the species reviews.", "date", "Dec. 16", "2008-12-16"),
     ("On March 3, the administration directed agencies to do the species reviews.", "date", "March 3", "2009-03-03"),
     False, None),
    (("Voters in 2009 approved a bond to buy the land.", "date", "2009", "2009"),
     ("Palmer voters in 2010 approved a bond to buy the land.", "date", "2010", "2010"), False, "date"),
    (("More than 200 people have been arrested in the city.", "number", "200", 200.0),
     ("About 100 people have been injured in the city.", "number", "100", 100.0), False, None),
    # matched claims: figures are not asked (synonyms MiniLM rates low, a cue verb carrying the figure)
    (("12 people were wounded in the blast.", "number", "12", 12.0),
     ("The blast injured 15 people.", "number", "15", 15.0), True, "number"),
    (("Police reported 12 people injured in the blast.", "number", "12", 12.0),
     ("15 people were injured in the blast.", "number", "15", 15.0), True, "number"),
    # … and only the date of the telling is set apart from the date of the told
    (("Yesterday, the police explained that officers shot the boy in Flatbush.", "date", "Yesterday", "2013-03-11"),
     ("Officers shot the boy in Flatbush on Saturday night.", "date", "Saturday", "2013-03-09"), True, None),
    (("Apple announced the new phone on Tuesday.", "date", "Tuesday", "2013-03-12"),
     ("Apple unveiled the new phone on Monday.", "date", "Monday", "2013-03-11"), True, "date"),
])
def test_dates_and_figures_of_two_events_are_no_conflict(nlp, a, b, matched, expected):
    from crosswire.align.frames import ValueEvents

    (text_a, kind_a, expr_a, value_a), (text_b, kind_b, expr_b, value_b) = a, b
    first, second = claim("a", text_a, ((kind_a, expr_a, value_a),)), claim("b", text_b, ((kind_b, expr_b, value_b),))
    assert compare_claims(first, second, SETTINGS, same_statement=matched).kind == kind_a  # without the check
    found = compare_claims(first, second, SETTINGS, same_statement=matched, same_event=ValueEvents(nlp, SETTINGS))
    assert (found.kind if found else None) == expected


def test_a_figure_inside_a_vague_count_agrees_with_it():
    dozens = claim("a", "Dozens of people were evacuated from their homes.", (("number", "Dozens", 24.0),))
    sixty = claim("b", "60 people were evacuated from their homes.", (("number", "60", 60.0),))
    many = claim("c", "150 people were evacuated from their homes.", (("number", "150", 150.0),))
    assert compare_claims(dozens, sixty, SETTINGS) is None
    assert compare_claims(dozens, many, SETTINGS).kind == "number"


def _person(name: str, texts: dict[str, str], aid_words: dict[str, list[str]]) -> Entity:
    mentions = tuple(Span(aid, texts[aid].index(w), texts[aid].index(w) + len(w)) for aid, ws in aid_words.items()
                     for w in ws)
    return Entity("p", name, "PERSON", (name,), mentions)


def test_two_reports_giving_one_person_ages_no_birthday_explains_conflict():
    from crosswire.align.conflicts import age_conflicts, person_ages

    texts = {"a": "Brian Jones, a 51-year-old balloon instructor, landed.",
             "b": "The pilot Brian Jones, 54, landed in Egypt.",
             "c": "The 51-year-old pilot Brian Jones landed.",
             "d": "The 21-year-old son of Brian Jones was there.",
             "e": "A 15-year-old boy hit Brian Jones, 4,328 points ahead.",
             "f": "The race was won by Brian Jones, 2, ahead of the rest."}
    articles = {aid: article(aid, t, None) for aid, t in texts.items()}
    jones = _person("Brian Jones", texts, {aid: ["Brian Jones"] for aid in texts})
    ages = person_ages(jones, articles)
    assert {aid: age for aid, (age, _) in ages.items()} == {"a": 51, "b": 54, "c": 51}  # no son's, rank or score
    (conflict,) = age_conflicts([jones], [], articles)
    assert conflict.kind == "number" and "51 vs 54" in conflict.note
    assert [texts[p.article_id][p.start:p.end] for p in conflict.parts] == ["51", "54"]
    one_year = {"a": texts["a"], "b": texts["b"].replace("54", "52")}
    undated = {aid: article(aid, t, None) for aid, t in one_year.items()}
    person = _person("Brian Jones", one_year, {"a": ["Brian Jones"], "b": ["Brian Jones"]})
    assert age_conflicts([person], [], undated) == []  # a birthday may lie between them
    older_first = {"a": article("a", one_year["a"], 9), "b": article("b", one_year["b"], 2)}
    assert len(age_conflicts([person], [], older_first)) == 1  # 52 on the 2nd, 51 on the 9th


def test_a_spelling_variant_of_a_name_gives_no_age_to_compare():
    from crosswire.align.conflicts import age_conflicts

    texts = {"a": "Deputy Jerry Ortiz, 35, was shot.", "b": "Said Jeremy Ortiz, 17, one of his sons."}
    articles = {aid: article(aid, t, None) for aid, t in texts.items()}
    ortiz = Entity("p", "Jerry Ortiz", "PERSON", ("Jerry Ortiz", "Jeremy Ortiz"),
                   (Span("a", 7, 18), Span("b", 5, 17)), spellings=("Jeremy Ortiz",))
    assert age_conflicts([ortiz], [], articles) == []


def test_a_denial_of_a_charge_is_no_contradiction_of_the_charge():
    denied = claim("a", "A man has denied arson after a fire at a supermarket.", (), negated=True)
    charged = claim("b", "A man has been charged with arson after a fire at a supermarket.", ())
    assert compare_claims(denied, charged, SETTINGS) is None


def test_a_day_without_its_year_in_an_undated_report_is_compared_by_month_and_day(nlp):
    from crosswire.extract.claims import find_claims

    undated = find_claims(nlp("The mayor filed for divorce on July 29, his lawyer said."), "a", None)[0]
    dated = find_claims(nlp("The mayor filed for divorce on July 19, 1998, his lawyer said."), "b", None)[0]
    same = find_claims(nlp("The mayor filed for divorce on July 29, 1998, his lawyer said."), "c", None)[0]
    assert [v.value for v in undated.values] == ["--07-29"]
    never = lambda c: False  # no article has a publication date
    conflict = compare_claims(undated, dated, SETTINGS, dated=never)
    assert conflict is not None and conflict.kind == "date" and "July 29" in conflict.note
    assert compare_claims(undated, same, SETTINGS, dated=never) is None


@pytest.mark.issue(6)
def test_a_quantity_of_the_current_or_an_earlier_thing_is_not_compared_with_the_one_in_the_news():
    new = claim("a", "The Vela dockers' union agreed to a four-year contract with the port.",
                (("duration", "four-year", 4.0, False, "year"),))
    for text, expression in (("The Vela dockers' current, three-year contract with the port expires in May.", "three-year"),
                             ("The Vela dockers' union struck during an earlier two-year contract with the port.", "two-year")):
        other = claim("b", text, ((("duration", expression, float(2 + ("three" in expression)), False, "year")),))
        assert quantity_conflict(new, other, SETTINGS) is None, text
    told = claim("c", "The Vela dockers' union agreed to a three-year contract with the port.",
                 (("duration", "three-year", 3.0, False, "year"),))
    assert quantity_conflict(new, told, SETTINGS) is not None  # the same contract, told two ways
    both = claim("d", "The Vela dockers' current, three-year contract with the port expires in May.",
                 (("duration", "three-year", 3.0, False, "year"),))
    also = claim("e", "The Vela dockers' current, two-year contract with the port expires in May, the union said.",
                 (("duration", "two-year", 2.0, False, "year"),))
    assert quantity_conflict(both, also, SETTINGS) is not None  # both the current one: compared


@pytest.mark.issue(6)
def test_where_a_change_started_and_where_it_ended_are_no_two_figures_of_one_thing(nlp):
    from crosswire.extract.claims import find_claims

    def told(text: str) -> Claim:
        return find_claims(nlp(text), text[:4], dt.date(2031, 6, 1))[0]

    cut_to = told("In May 2030 the Vela port authority cut the fishing quota to three tonnes.")
    cut_from = told("The Vela port authority's fishing quota was reduced from 10 tonnes in May 2030.")
    assert compare_claims(cut_to, cut_from, SETTINGS) is None
    assert compare_claims(cut_from, cut_to, SETTINGS) is None
    other_end = told("In May 2030 the Vela port authority cut the fishing quota to five tonnes.")
    found = compare_claims(cut_to, other_end, SETTINGS)  # two reports of where it ended: compared
    assert found is not None and found.kind == "number" and found.note == "three tonnes vs five tonnes"


@pytest.mark.issue(6)
def test_a_count_told_as_of_a_stated_time_is_not_compared_with_a_count_at_another_time():
    then = claim("a", "By the end of 2031, Vela had signed trade pacts with 25 countries, Ana Vell said.",
                 (("number", "25", 25.0),))
    now = claim("b", "Ana Vell said Vela has signed trade pacts with 28 countries.", (("number", "28", 28.0),))
    later = claim("c", "As of March 3, 2032, Vela had signed trade pacts with 28 countries.", (("number", "28", 28.0),))
    same = claim("d", "By the end of 2031, Vela had signed trade pacts with 27 countries, officials said.",
                 (("number", "27", 27.0),))
    assert counted_as_of(then) == "2031" and counted_as_of(later) == "march 3 2032" and counted_as_of(now) is None
    assert compare_claims(then, now, SETTINGS) is None  # a count that grew: no dispute
    assert compare_claims(then, later, SETTINGS) is None
    conflict = compare_claims(then, same, SETTINGS)  # the same time, two counts: a dispute
    assert conflict is not None and conflict.kind == "number" and "25" in conflict.note
    money = claim("e", "By 2031 the Vela port authority had a $12 million budget for the pier.",
                  (("money", "$12 million", 12e6, False, "USD"),))
    spent = claim("f", "The Vela port authority has a $19 million budget for the pier.", (("money", "$19 million", 19e6, False, "USD"),))
    assert quantity_conflict(money, spent, SETTINGS) is None
    told = claim("g", "The Vela port authority had a $12 million budget for the pier.", (("money", "$12 million", 12e6, False, "USD"),))
    assert quantity_conflict(told, spent, SETTINGS) is not None  # without the time, the same sum disputed


@pytest.mark.issue(6)
def test_sums_given_to_one_recipient_by_two_donors_are_not_one_quantity():
    grant = claim("a", "Denmark has decided to provide a grant of 27 million dollars to Vela between 1991 and 1997.",
                  (("money", "27 million dollars", 27e6, False, "USD"),))
    aid = claim("b", "The Asian Development Bank will provide aid worth 400,000 dollars to Vela to help its poor.",
                (("money", "400,000 dollars", 4e5, False, "USD"),))
    assert quantity_conflict(grant, aid, SETTINGS) is None
    # what the value measures, when it follows it, is still compared
    ten = claim("c", "The city of Vela signed a 10-year lease of the port with the bank on Friday.",
                (("duration", "10-year", 10.0, False, "year"),))
    twelve = claim("d", "The city of Vela signed a 12-year lease of the port with the bank, officials said.",
                   (("duration", "12-year", 12.0, False, "year"),))
    assert quantity_conflict(ten, twelve, SETTINGS) is not None


@pytest.mark.issue(6)
def test_figures_are_compared_at_their_scale():
    from crosswire.extract.values import parse_number

    assert parse_number("$4.8 million") == 4.8e6 and parse_number("1.2 bln yuan") == 1.2e9
    assert parse_number("$100- to $200 billion") == 1e11 and parse_number("between 2 and 3 million") == 2e6
    assert parse_number("in 1999 and 2 million") == 1999  # no range shares the scale

    def cost(article: str, expression: str) -> Claim:
        text = f"The new Vela bridge will cost {expression}, the city council said."
        return claim(article, text, (("money", expression, parse_number(expression)),))

    assert compare_claims(cost("a", "$1.2 billion"), cost("b", "$1,200 million"), SETTINGS) is None
    assert compare_claims(cost("a", "$12 million"), cost("b", "$12 billion"), SETTINGS).kind == "number"
    assert compare_claims(cost("a", "$100- to $200 billion"), cost("b", "$121 billion"), SETTINGS) is None
    assert compare_claims(cost("a", "$100- to $200 billion"), cost("b", "$250 billion"), SETTINGS).kind == "number"
    conflict = compare_claims(cost("a", "$12 million"), cost("b", "$12 billion"), SETTINGS)
    assert conflict.note == "$12 million vs $12 billion"
