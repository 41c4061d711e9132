"""Claims (#5): atomic parts of coordinated sentences, attribution, hedging, negation and values."""

from __future__ import annotations

import dataclasses
import datetime as dt
import types

import pytest

from crosswire.extract.claims import clause_bounds, find_claims
from crosswire.extract.quotes import find_quotes
from crosswire.settings import Settings

pytestmark = pytest.mark.issue(5)
MONDAY = dt.date(2023, 3, 6)


@pytest.fixture(scope="module")
def nlp():
    from crosswire.extract.nlp import load_nlp

    return load_nlp(Settings().extract.spacy_model)


def test_clauses_with_their_own_subjects_are_split(nlp):
    claims = find_claims(nlp("Protesters blocked the main bridge, and the police closed the harbour on Sunday."),
                         "a", MONDAY)
    assert [c.text for c in claims] == ["Protesters blocked the main bridge", "the police closed the harbour on Sunday."]
    assert [v.value for v in claims[1].values] == ["2023-03-05"]


def test_a_trailing_reporting_frame_is_no_claim_of_its_own(nlp):
    from spacy.tokens import Doc

    # the parser's reading of a wire sentence: the relaying verb as a second, conjoined clause
    words = ["Rescuers", "aborted", "the", "attempt", ",", "the", "agency", "quoted", "officials", "as", "saying", "."]
    heads = [1, 1, 3, 1, 7, 6, 7, 1, 7, 7, 9, 1]
    deps = ["nsubj", "ROOT", "det", "dobj", "punct", "det", "nsubj", "conj", "dobj", "prep", "pcomp", "punct"]
    pos = ["NOUN", "VERB", "DET", "NOUN", "PUNCT", "DET", "NOUN", "VERB", "NOUN", "ADP", "VERB", "PUNCT"]
    lemmas = ["rescuer", "abort", "the", "attempt", ",", "the", "agency", "quote", "official", "as", "say", "."]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas,
              sent_starts=[True] + [False] * (len(words) - 1))
    assert clause_bounds(doc[:]) == [(0, len(doc))]
    # a conjoined cue verb with its own content is a claim of its own
    claims = find_claims(nlp("Rebels shelled the airport on Sunday, and police said two people were hurt."), "a", MONDAY)
    assert [c.text for c in claims] == ["Rebels shelled the airport on Sunday", "police said two people were hurt."]
    # … and so is one whose object states something, or that is no verb of saying
    for text in ("Sales fell 5 percent in March, and the company reported a loss of $3 million.",
                 "GM shares fell on Tuesday, and Ford recalled 500,000 vehicles.",
                 "Fighting eased in the north on Monday, but shelling continued in the south."):
        assert len(find_claims(nlp(text), "a", MONDAY)) == 2, text


def test_a_clause_after_a_bare_comma_is_a_misparsed_apposition_not_a_claim_of_its_own(nlp):
    from spacy.tokens import Doc

    # the parser's reading of an apposition: "the party … denied" as a second clause of "include"
    words = ["Talks", "must", "include", "the", "Front", ",", "the", "party", "elected", "in", "1990",
             "but", "denied", "power", "by", "the", "army", "."]
    heads = [2, 2, 2, 4, 2, 12, 7, 12, 7, 8, 9, 8, 2, 12, 12, 16, 14, 2]
    deps = ["nsubj", "aux", "ROOT", "det", "dobj", "punct", "det", "nsubj", "acl", "prep", "pobj", "cc",
            "conj", "dobj", "prep", "det", "pobj", "punct"]
    pos = ["NOUN", "AUX", "VERB", "DET", "PROPN", "PUNCT", "DET", "NOUN", "VERB", "ADP", "NUM", "CCONJ",
           "VERB", "NOUN", "ADP", "DET", "NOUN", "PUNCT"]

    def bounds(joiner):
        spelled = [joiner if w == "," else w for w in words]
        dep = ["cc" if w == "and" else d for w, d in zip(spelled, deps)]
        head = [2 if w == "and" else h for w, h in zip(spelled, heads)]  # a conjunction joins the first conjunct
        doc = Doc(nlp.vocab, words=spelled, heads=head, deps=dep, pos=pos,
                  sent_starts=[True] + [False] * (len(words) - 1))
        return clause_bounds(doc[:])

    assert bounds(",") == [(0, len(words))]  # one claim: the sentence
    assert bounds("and") == [(0, 5), (5, len(words))]  # "…, and the party … denied …": two
    assert bounds(";") == [(0, 5), (5, len(words))]


def test_a_sentence_that_leans_on_the_one_before_is_no_claim(nlp):
    text = "The tower told the crew to return to the runway. But it could not. The jet crashed minutes later."
    assert [c.text for c in find_claims(nlp(text), "a", MONDAY)] == [
        "The tower told the crew to return to the runway.", "The jet crashed minutes later."]


def test_a_shared_subject_keeps_the_sentence_whole(nlp):
    claims = find_claims(nlp("The governor resigned and left the country after the vote."), "a", MONDAY)
    assert len(claims) == 1


def test_spans_cite_the_text_exactly(nlp):
    text = "The rain stopped at noon, but the river kept rising for nearly three days."
    for claim in find_claims(nlp(text), "a", MONDAY):
        assert text[claim.span.start : claim.span.end] == claim.text


def test_a_claim_starts_after_the_wire_dateline_that_opens_its_sentence(nlp):
    from crosswire.extract import _with_sentences

    text = "CHICAGO, March 3 (AP) -- Two popular supplements won't cure arthritis, an analysis of 15 studies concludes."
    one_sentence = types.SimpleNamespace(sentences=[types.SimpleNamespace(start=0)])  # as the cleaning stage split it
    claim = find_claims(nlp(_with_sentences(nlp.make_doc(text), one_sentence)), "a", MONDAY)[0]
    assert claim.text.startswith("Two popular supplements") and text[claim.span.start : claim.span.end] == claim.text
    assert not [v for v in claim.values if v.kind == "date"]  # the filing date is no value of the claim
    inside = find_claims(nlp("UN inspectors -- who arrived on Monday -- left the site quickly."), "a", MONDAY)[0]
    assert inside.text.startswith("UN inspectors")


@pytest.mark.parametrize("bullet", ["--", "-", "•", "—"])
def test_a_claim_starts_after_a_list_bullet(nlp, bullet):
    text = f"{bullet} The five men suspected of the killing were pelted with bottles on Tuesday."
    (claim,) = find_claims(nlp(text), "a", MONDAY)
    assert claim.text.startswith("The five men") and text[claim.span.start : claim.span.end] == claim.text


def test_hedging_and_negation_are_flagged(nlp):
    hedged, negated = find_claims(nlp("The dam may have been damaged, but there is no threat to the town."),
                                  "a", MONDAY)
    assert hedged.hedged and not hedged.negated
    assert negated.negated and not negated.hedged


@pytest.mark.parametrize("text, flag, expected", [
    ("The court sentenced the man to life without parole on Friday.", "negated", False),
    ("Officials said the driver, who had no licence, fled the scene.", "negated", False),
    ("The driver left the scene without paying the toll.", "negated", False),
    ("The ministry said there was currently no threat to the town.", "negated", True),
    ("The company does not take part in the talks, its spokesman said.", "negated", True),
    ("There are few studies of the pill's effects on children, and none on its long-term effects.", "negated", True),
    ("Inspectors found cracks in the east wall of the dam, but nothing in the west wing.", "negated", True),
    ("Inspectors found cracks in the east wall of the dam and nothing else.", "negated", False),
    ("Nobody was hurt in the fire at the depot.", "negated", True),
    ("The police found no weapons in the car of the suspect.", "negated", True),
    ("The mayor never returned to the village after the flood.", "negated", True),
    ("Nothing less than the future of the union is at stake in the vote.", "negated", False),
    ("The donors gave no more than ten dollars each to the fund.", "negated", False),
    ("Neither the army nor the police commented on the attack.", "negated", True),
    ("Nor has the case appeared to stir much interest in the town.", "negated", True),
    ("Not a single shot was fired during the protest.", "negated", True),
    ("There is no more food in the besieged town.", "negated", True),
    ("Not only the army but also the police joined the search.", "negated", False),
    ("But not all of the rowers gave the race a good review.", "negated", False),
    ("Not every rower in the club cheered at the end of the race.", "negated", False),
    ("Not many of the residents returned to the village after the flood.", "negated", False),
    ("All of the rowers in the club did not cheer at the end.", "negated", True),
    ("The bridge may have been damaged by the flood.", "hedged", True),
    ("The suspect reportedly fled to the coast on Friday.", "hedged", True),
    ("The fire is believed to have started in the kitchen.", "hedged", True),
    ("It was not immediately clear how many people were hurt.", "hedged", True),
    ("Police shot the man after he allegedly pointed a rifle at them.", "hedged", False),
    ("Agencies must consult experts before actions that might harm the river.", "hedged", False),
    ("The rebels claimed victory in the northern town.", "hedged", False),
    ("Police could not confirm the number of dead.", "hedged", False),
    ("The bridge might not survive another flood.", "hedged", True),
    ("Any federal agency may ask the court for a review of the rule.", "hedged", False),
    ("No company may sell the drug without a licence from the ministry.", "hedged", False),
    ("Anyone may apply for the permit at the town hall.", "hedged", False),
    ("The federal agency may ask the court for a review of the rule.", "hedged", True),
    ("Any of the wells may have been poisoned by the spill.", "hedged", True),
    ("Any further delay may cost the company millions of dollars.", "hedged", True),
    ("Every storm may bring more flooding to the valley this winter.", "hedged", True),
    ("Engineers believe the crack weakened the main beam of the bridge.", "hedged", True),
    ("The inspectors said it was probable that the crack caused the collapse.", "hedged", True),
    ("The ministry said that a second truck was reported missing by its owner.", "hedged", False),
    ("A second truck was reported stolen by its owner on Friday.", "hedged", False),
    ("The crew is reported to have left the ship on Friday.", "hedged", True),
    ("Smokers are twice as likely to develop the disease, the study found.", "hedged", False),
    ("Women are more likely than men to be victims of the scam.", "hedged", False),
    ("The minister is likely to resign on Friday.", "hedged", True),
    ("Vela executives expect their exports to grow this year.", "hedged", True),
    ("The dockers' union expects that the port will reopen on Monday.", "hedged", True),
    ("Vela expects a profit of ten million euros this year.", "hedged", False),
    ("Perhaps most significantly, the port authority would have to license every ferry in Marn.", "hedged", False),
    ("Probably more importantly, the port of Marn will reopen in May.", "hedged", False),
    ("The port of Marn perhaps reopened in May.", "hedged", True),
    ("Ana Vell is perhaps the best known doctor in Marn.", "hedged", True),
    ("It appears as if the crew were poorly equipped for the climb.", "hedged", True),
    ("It looks as though the ferry sank in the storm.", "hedged", True),
    ("The crew acted as if nothing had happened on the ferry.", "hedged", False),
])
def test_negation_and_hedging_are_read_only_from_what_a_claim_asserts(nlp, text, flag, expected):
    [claim] = find_claims(nlp(text), "a", MONDAY)
    assert getattr(claim, flag) is expected


def test_claims_take_the_resolved_speaker_of_their_quote(nlp):
    text = ("The Water Agency issued a warning.\n"
            "“The river will crest on Tuesday near the old mill,” the agency said.")
    doc = nlp(text)
    quotes = find_quotes(doc, "a", 15)
    claims = find_claims(doc, "a", MONDAY, quotes)
    assert claims[-1].attributed_to == "The Water Agency"
    tuesday = [v for v in claims[-1].values if v.kind == "date"]
    assert [v.value for v in tuesday] == ["2023-03-07"]


def test_telephone_numbers_are_no_values_and_their_neighbours_still_are(nlp):
    [claim] = find_claims(nlp("Twelve people called police on 0800 555 111 or on (555) 123-4567 last night."),
                          "a", MONDAY)
    assert [v.value for v in claim.values if v.kind == "number"] == [12.0]


def test_a_models_year_is_no_date_and_an_events_year_is(nlp):
    dates = lambda text: [v.value for c in find_claims(nlp(text), "a", MONDAY) for v in c.values if v.kind == "date"]
    assert dates("The bomb was carried in a 1987 Nissan Atlas refrigeration truck, police said.") == []
    assert dates("Two people were killed in the 2005 bombing of the embassy.") == ["2005"]
    assert dates("Thousands of people died in the 1999 Izmit earthquake, officials said.") == ["1999"]
    assert dates("She won two gold medals at the 2004 Athens Olympics in August.")[:1] == ["2004"]


def test_a_year_in_a_products_name_is_no_date_and_a_year_after_in_or_a_month_is(nlp):
    dates = lambda text: [v.value for c in find_claims(nlp(text), "a", MONDAY) for v in c.values if v.kind == "date"]
    assert dates("The worm can infect Vela Writer 2000 files on any office computer, the firm said.") == []
    assert dates("The firm said the worm first struck in 2000 and again in March 2001.") == ["2000", "2001-03"]
    assert dates("The firm said users of Vela Writer lost files in 1998.") == ["1998"]


def test_vague_counts_span_a_range():
    from crosswire.extract.values import vague_range

    assert vague_range("dozens of people") == (24, 99) and vague_range("tens of thousands") == (20_000, 99_999)
    assert vague_range("a dozen") is None and vague_range("200 people") is None
    assert vague_range("tens of millions of dollars") == (20e6, 99.9e6)
    from crosswire.extract.values import parse_number, phone_like

    assert parse_number("tens of thousands") == 20_000  # one table for the value and the range
    assert phone_like("during the 2008-2009 recession, on 2013-03-09, in 2012 145 people") == []
    assert phone_like("In 2012 12.5 million people voted between 10.30-11.45 on 03-09-2013.") == []
    assert phone_like("An estimated 500-1000 protesters gathered.") == []  # a range
    assert phone_like("Call +1 555-123-4567 or 555 123-4567.") == [(5, 20), (24, 36)]


@pytest.mark.parametrize("text, speaker", [
    ("Subryan was charged with manslaughter and drunk driving, the NYPD said.", "the NYPD"),
    ("People are asked to avoid the High Street area tonight.", None),
    ("Another news agency quoted the governor as saying five people were treated.", "the governor"),
    ("Reuters quoted the governor saying five people were treated.", "the governor"),
    ("Officials cited security concerns, saying the road was unsafe.", "Officials"),
    ("The mayor was told by police that the bridge was unsafe.", "police"),
    ("Police said they found a long box in a dumpster.", "Police"),
    ("Officials cited security concerns in closing the road.", "Officials"),
    ("Officials cited security concerns as the reason for the closure.", "Officials"),
])
def test_the_speaker_of_a_cue_verb_is_who_speaks_not_what_is_spoken_of(nlp, text, speaker):
    from crosswire.extract.claims import attribution

    assert attribution(nlp(text)[:]) == speaker


def test_an_article_in_a_language_the_model_does_not_read_gives_no_evidence_and_is_marked():
    from crosswire.clean import split_sentences
    from crosswire.extract import readable, run_stage
    from crosswire.model import Alignment, Article, Dossier, Story, Summary
    from crosswire.report import dossier_json, render_markdown

    texts = {"en": "The Italian government raised taxes by 5 percent on Monday, Anna Berg said. " * 3,
             "fr": "Le gouvernement a annoncé lundi une hausse des impôts de 5 % pour 2025, selon le ministre. " * 3}
    articles = [Article(lang, lang, t, t, None, None, None, None, MONDAY, "given", lang, split_sentences(t, lang))
                for lang, t in texts.items()]
    story = Story("s", ("en", "fr"), None, MONDAY, MONDAY)
    calls = []
    evidence = run_stage({"articles": articles, "stories": [story]}, Settings(), calls.append)["evidence"]["s"]
    assert sum(calls) == 2  # every article accounted for in the progress
    assert {c.span.article_id for c in evidence.claims} == {"en"}
    assert {m.article_id for e in evidence.entities for m in e.mentions} == {"en"}
    data = dossier_json(Dossier(story, tuple(articles), evidence, Alignment("s"), Summary("s")),
                        Settings().extract.languages)
    assert [a["analysed"] for a in data["articles"]] == [True, False]
    assert "in fr, a language the model does not read" in render_markdown(data)
    # a text too short for the detection to be sure is read whatever it was called
    short = dataclasses.replace(articles[0], language="pcm", text=texts["en"][:120])
    assert readable(short, ("en",), 200) and not readable(short, ("en",), 100)
    # a language given with the input is read as a code: a region or a name does not hide English
    long = articles[1]
    for given, read in (("en-US", True), ("EN_gb", True), ("english", True), ("fr-FR", False), (None, True)):
        assert readable(dataclasses.replace(long, language=given), ("en",), 200) is read, given


def test_questions_and_frames_that_announce_words_are_no_claims(nlp):
    text = ("“Why should the hearing be delayed again?” the lawyer asked the court. "
            "The statement said, in part: \n"
            "The court set oral arguments for May 11 in Atlanta.")
    claims = [c.text for c in find_claims(nlp(text), "a", MONDAY)]
    assert not any(c.rstrip("”").endswith("?") for c in claims)
    assert not any(c.rstrip().endswith(":") for c in claims)
    assert "The court set oral arguments for May 11 in Atlanta." in claims


def test_a_clause_opened_by_nor_keeps_the_word_that_negates_it(nlp):
    (claim,) = find_claims(nlp("Nor has the case stirred much interest in the town."), "a", None)
    assert claim.text.startswith("Nor has") and claim.negated
    made, named = find_claims(nlp("Police have made arrests, nor have they named any suspects in the case."), "a", None)
    assert not made.negated and named.negated and named.text.startswith("nor have")


def test_pleading_guilty_is_an_act_reported_not_a_source_of_the_claim(nlp):
    (plea,) = find_claims(nlp("The other defendant, Russell Henderson, pleaded guilty to murder on Monday."), "a", MONDAY)
    assert plea.attributed_to is None
    charged = find_claims(nlp("Critics charged that the police had ignored the warnings for weeks."), "a", MONDAY)
    assert charged[-1].attributed_to == "Critics"


def test_a_wire_datelines_place_is_never_whom_a_claim_is_attributed_to(nlp):
    text = ("WASHINGTON _ Flanked by Republican lawmakers, the father of a college student whose beating death "
            "shocked the nation urged Congress on Monday to adopt legislation that would extend hate-crime protection.")
    doc = nlp(text)
    attributed = [c.attributed_to for c in find_claims(doc, "a", MONDAY)]
    assert attributed and all(a is None or "WASHINGTON" not in a for a in attributed)


def test_every_part_of_a_question_that_opens_as_one_is_no_claim(nlp):
    asked = "Have you heard about the shortage of needles, and do you have plans for dealing with it?"
    assert find_claims(nlp(asked), "a", MONDAY) == []
    for asked in ("Will the plan work, and can the city afford it?",
                  "“Have you heard about the shortage, and do you have plans for dealing with it?”",
                  "So have you heard about the shortage, and do you have plans for it?"):
        assert find_claims(nlp(asked), "a", MONDAY) == [], asked
    mixed = "When the levee broke, thousands of residents fled the city, and who will pay for the damage?"
    assert [c.text for c in find_claims(nlp(mixed), "a", MONDAY)] == [
        "When the levee broke, thousands of residents fled the city"]
    told = "Have you heard about the shortage of needles, and do you have plans for dealing with it."
    assert find_claims(nlp(told), "a", MONDAY)  # no question mark: the parts are read as told


def test_a_denial_or_a_judgement_of_unlikeliness_negates_its_content(nlp):
    for text in ("He said it seemed “incredibly unlikely” that the submarine had suffered a collision.",
                 "The navy denied that its submarine collided with the Kursk.",
                 "The claim that the dam burst is false, the ministry said."):
        (claim,) = find_claims(nlp(text), "a", MONDAY)
        assert claim.negated, text
    (likely,) = find_claims(nlp("He said it seemed likely that the submarine had suffered a collision."), "a", MONDAY)
    assert not likely.negated
    for text in ("The party won the vote in 1990, but the military denied its right to govern.",
                 "A general claimed that rescuers had found an object, but a navy spokesman denied any such discovery.",
                 "Evidence suggests the crewmen were already dead and almost every statement would turn out to be untrue."):
        claims = find_claims(nlp(text), "a", MONDAY)
        assert not claims[0].negated, text  # a right withheld, a denial beside the claim, a judgement of another clause
    withheld = find_claims(nlp("The military denied the elected party its right to govern the country."), "a", MONDAY)
    assert withheld[0].attributed_to is None
    (arson,) = find_claims(nlp("A man has denied arson after a fire at a supermarket on Sunday."), "a", MONDAY)
    assert arson.negated and arson.attributed_to == "A man"
    (role,) = find_claims(nlp("The group denied any role in the attack on the embassy."), "a", MONDAY)
    assert role.negated
    for text in ("Police denied him bail after the hearing on Friday.",
                 "The refugees were denied food and water at the border on Friday."):
        assert not find_claims(nlp(text), "a", MONDAY)[0].negated, text
    (passive,) = find_claims(nlp("The claim was denied by the ministry on Friday."), "a", MONDAY)
    assert passive.negated and passive.attributed_to == "the ministry"


def test_a_relative_pronoun_is_no_source_but_a_speaker_inside_a_clause_is(nlp):
    (freed,) = find_claims(nlp("The man who denied the charges was freed on Friday."), "a", MONDAY)
    assert freed.attributed_to is None and not freed.negated
    (resigned,) = find_claims(nlp("The minister, whose office denied the report, resigned on Friday."), "a", MONDAY)
    assert resigned.attributed_to is None
    (unnamed,) = find_claims(nlp("A spokesman who asked not to be named said the plan would fail."), "a", MONDAY)
    assert unnamed.attributed_to.startswith("A spokesman")
    text = ("Lee met with Police Chief Mark Ray and other officials Monday to discuss whether there was enough "
            "evidence to open a criminal investigation, an Associated Press report quoted a law enforcement official "
            "as saying.")  # the parser hangs "quoted" on "investigation" as a relative clause
    assert find_claims(nlp(text), "a", MONDAY)[0].attributed_to == "a law enforcement official"
    shown = "Since the flood, Vey officials have shown the council the maps they say prove the leak in the dam."
    assert find_claims(nlp(shown), "a", MONDAY)[0].attributed_to is None  # "they say" tells which maps
    from crosswire.extract.quotes import find_quotes

    text = ("The Vey council and the harbour board met on Monday. Since the flood, Vey officials have been showing "
            "council members the reports they say they wrote to justify the closure of the dam.")
    doc = nlp(text)
    quotes = find_quotes(doc, "a", 15)
    assert [q.speaker for q in quotes] == ["they"]  # reported words, found as such
    assert find_claims(doc, "a", MONDAY, quotes)[-1].attributed_to is None  # they tell which reports, not the news
    costly = "The plan, which officials say will cost $3 million, was approved by the council."
    assert find_claims(nlp(costly), "a", MONDAY)[0].attributed_to == "officials"
    text = "Hundreds of police tried to stop the strikers, the Vey-based Harbour Rights Centre said on Monday."
    assert find_claims(nlp(text), "a", MONDAY)[0].attributed_to == "the Vey-based Harbour Rights Centre"  # as written


def test_a_transcript_label_is_not_part_of_the_claim(nlp):
    text = ("The interview with Jane Roe was held by telephone in January.\n\n"
            "Q: The attack on your car was a serious threat to your security.\n\n"
            "ROE: The police stopped the car near the bridge on Tuesday.\n\n"
            "Q: Do you support the boycott of the country by tourists?\n\n"
            "ROE: Very much so. We would like to see more of this.\n\n"
            "The report on the attack: The car was stopped near the bridge.")
    from crosswire.clean import split_sentences
    from crosswire.extract import _with_sentences

    split = types.SimpleNamespace(sentences=split_sentences(text, "a"))  # as the cleaning stage splits it
    doc = nlp(_with_sentences(nlp.make_doc(text), split))
    claims = find_claims(doc, "a", MONDAY, find_quotes(doc, "a", 15))
    texts = [c.text for c in claims]
    assert "The attack on your car was a serious threat to your security." in texts
    assert "The police stopped the car near the bridge on Tuesday." in texts
    assert not [t for t in texts if t.startswith(("Q:", "ROE:"))]
    assert [c.attributed_to for c in claims if c.text.startswith("The police")] == ["Jane Roe"]
    assert any(t.startswith("The report on the attack") for t in texts)  # a colon inside a line is no label


def test_a_four_digit_clock_time_with_its_zone_is_a_time_not_a_year_or_a_count(nlp):
    from crosswire.extract.values import values_in

    published = dt.date(2003, 5, 6)
    found = []
    for text in ("The truce begins at midnight (2000 GMT) on Sunday, the army said.",
                 "The convoy left at 0630 local time.", "Shelling resumed at 1400 GMT, the ministry said."):
        found += [(v.kind, v.expression) for v in values_in(nlp(text)[:], "a", published)]
    assert {("time", "2000 GMT"), ("time", "0630 local time"), ("time", "1400 GMT")} <= set(found)
    assert not [kind for kind, _ in found if kind in ("number", "quantity")]
    assert ("date", "2000 GMT") not in found and not any(e == "2000" for _, e in found)
    year = find_claims(nlp("The mill closed in 1998 and 2100 workers lost their jobs."), "a", published)
    assert ("number", 2100.0) in [(v.kind, v.value) for c in year for v in c.values]


def test_a_thousands_separator_followed_by_a_space_still_makes_one_figure(nlp):
    from crosswire.extract.values import values_in

    found = []
    for text in ("The ministry said 3, 180 people were killed and 9, 415 injured.", "On June 4, 312 pupils sat the exam.",
                 "Of the 12, 500 were women."):
        found.append([(v.kind, v.value) for v in values_in(nlp(text)[:], "a", dt.date(2003, 6, 10))])
    assert found[0] == [("number", 3180.0), ("number", 9415.0)]
    assert ("number", 312.0) in found[1] and ("number", 4312.0) not in found[1]
    assert ("number", 12500.0) not in found[2]


def test_a_count_the_tagger_left_untagged_is_still_a_figure(nlp):
    from crosswire.extract.values import untagged_counts, values_in

    published = dt.date(2003, 6, 10)
    found = [(v.kind, v.value, v.expression) for v in values_in(nlp("Eleven people drowned near Lamu.")[:], "a", published)]
    assert ("number", 11.0, "Eleven") in found
    doc = nlp("Fourteen miners and 3,180 pupils were counted in 1998 by 12 inspectors.")
    counted = {(v.kind, v.value) for v in values_in(doc[:], "a", published)}
    assert {("number", 14.0), ("number", 3180.0), ("number", 12.0)} <= counted
    assert len([v for v in values_in(doc[:], "a", published) if v.value == 3180.0]) == 1  # tagged once, read once
    assert [t.text for t in untagged_counts(nlp("He won Game 7 on Friday with two hundred fans watching.")[:])] == []


def test_a_unit_the_tagger_left_out_of_a_count_still_makes_a_quantity(nlp):
    from crosswire.extract.values import values_in

    published = dt.date(2003, 6, 10)
    for text, expected in (("In May the Vela port authority cut the fishing quota to three tonnes.", ("three tonnes", "t")),
                           ("Rescuers found the boat about 200ft from a Vela pier.", ("about 200ft", "m"))):
        doc = nlp(text)
        assert "CARDINAL" in [e.label_ for e in doc.ents], text  # the tagger's split: the count alone
        quantities = [(v.expression, v.unit) for v in values_in(doc[:], "a", published) if v.kind == "quantity"]
        assert quantities == [expected], text
        assert not [v for v in values_in(doc[:], "a", published) if v.kind == "number"]
    told = values_in(nlp("The Vela mine hired 3 m workers and three engineers.")[:], "a", published)
    assert not [v for v in told if v.kind == "quantity"]  # a bare "m" is no unit, a noun no unit at all


def test_one_of_picks_a_member_and_counts_nothing(nlp):
    from spacy.tokens import Span as DocSpan

    from crosswire.extract.values import values_in

    def numbers(text):
        doc = nlp(text)
        doc.ents = [DocSpan(doc, t.i, t.i + 1, label="CARDINAL") for t in doc if t.lower_ in ("one", "two")]
        return [(v.kind, v.value) for v in values_in(doc[:], "a", dt.date(2003, 6, 10)) if v.kind == "number"]

    assert numbers("Vela Net and Marn Link are one of Patria's largest providers.") == []
    assert numbers("The cut hit Vela Net and Marn Link, two of Patria's largest providers, "
                   "and one provider in Marn.") == [("number", 2.0), ("number", 1.0)]
    assert numbers("Not one of the two ports has a fire boat, and not one ferry runs.") == [("number", 2.0)]
    assert numbers("Only one ferry runs, and one of the ports is shut.") == [("number", 1.0)]


def test_a_subhead_gives_no_claim_and_no_unattributed_quote():
    import datetime as dt

    from crosswire.clean import split_sentences
    from crosswire.extract import _with_sentences, story_evidence
    from crosswire.extract.nlp import load_nlp
    from crosswire.model import Article, Story
    from crosswire.settings import Settings

    text = ("The council of Marn voted on Monday to close the old harbour.\n\n"
            "'The harbour will close for good by the end of the year'\n\n"
            "\"The harbour will close by the end of the year,\" the mayor of Marn said.\n\n"
            "Fishing crews were moved to a new quay up north\n\n"
            "Fishing crews were moved to a new quay last week, officials said.")
    article = Article("a", "a.txt", text, text, None, None, None, None, dt.date(2024, 5, 1), "given", "en",
                      sentences=tuple(split_sentences(text, "a")))
    settings = Settings()
    nlp = load_nlp(settings.extract.spacy_model)
    doc = nlp(_with_sentences(nlp.make_doc(text), article))
    evidence = story_evidence(Story("s", ("a",), "harbour"), {"a": doc}, {"a": article}, settings)
    heads = [(text.index("'The harbour"), text.index("year'") + 5),
             (text.index("Fishing crews"), text.index("north") + 5)]
    inside = lambda span: any(a <= span.start and span.end <= b for a, b in heads)
    assert evidence.claims and not any(inside(c.span) for c in evidence.claims)
    assert any(text[c.span.start:c.span.end].startswith("Fishing crews were moved to a new quay last")
               for c in evidence.claims)
    assert not any(inside(q.span) for q in evidence.quotes)
    assert any(q.speaker and "mayor" in q.speaker for q in evidence.quotes)


def test_an_it_that_speaks_is_the_body_the_sentence_before_names_but_never_a_person_or_officials(nlp):
    text = ("The Patrian Foreign Ministry voiced deep concern over the fighting on Sunday. "
            "It urged all parties to abandon violence and seek talks. "
            "Ana Marn told reporters the talks would go on. It said nothing more about the talks. "
            "The French government said the talks had failed. It added that a new round was planned. "
            "French officials said the talks had failed. It added that a new round was planned.")
    speakers = [c.attributed_to for c in find_claims(nlp(text), "a", None)]
    assert speakers == [None, "The Patrian Foreign Ministry", "Ana Marn", "It", "The French government",
                        "The French government", "French officials", "It"]


def _claim_texts(nlp, text: str) -> list[str]:
    """Claims of ``text`` read as the pipeline reads it: sentences split by the cleaning stage."""
    from crosswire.clean import split_sentences
    from crosswire.extract import _with_sentences

    split = types.SimpleNamespace(sentences=split_sentences(text, "a"))
    doc = nlp(_with_sentences(nlp.make_doc(text), split))
    return [c.text.strip() for c in find_claims(doc, "a", MONDAY, find_quotes(doc, "a", 15))]


def test_a_question_and_answer_boxs_labels_are_not_part_of_the_claim(nlp):
    text = ("Health officials in Osten confirmed a second case of the fever on Tuesday.\n\n"
            "Q. Can you catch the fever from another person?\n\n"
            "A. There is no evidence that the fever spreads from person to person.\n\n"
            "Q. How is the fever treated?\n\n"
            "A. There is no specific therapy for it.")
    texts = _claim_texts(nlp, text)
    assert "There is no evidence that the fever spreads from person to person." in texts
    assert "There is no specific therapy for it." in texts
    assert not [t for t in texts if t.startswith(("A.", "Q."))]
    # without a question box, an initial that opens a paragraph is part of the name
    texts = _claim_texts(nlp, "Officials met in Osten on Tuesday.\n\nA. Patel said the bridge would reopen on Monday.")
    assert "A. Patel said the bridge would reopen on Monday." in texts


def test_a_closing_bracket_stays_with_the_clause_it_closes(nlp):
    text = ("The rowers heard about it two days earlier on the Vela Club Web site (www.velaclub.org), and it "
            "quickly turned into a town event.")
    claims = find_claims(nlp(text), "a", MONDAY)
    assert [c.text for c in claims] == [
        "The rowers heard about it two days earlier on the Vela Club Web site (www.velaclub.org)",
        "it quickly turned into a town event."]


def test_the_parts_of_an_aside_in_brackets_lose_the_bracket_the_other_part_holds(nlp):
    text = ("The rowers gathered. (The official start of the race was Friday, but the club's Web site, "
            "www.velaclub.org, announced early heats on some rivers.) The crowd cheered.")
    claims = find_claims(nlp(text), "a", MONDAY)
    assert "The official start of the race was Friday" in [c.text for c in claims]
    assert "the club's Web site, www.velaclub.org, announced early heats on some rivers." in [c.text for c in claims]
    for claim in claims:  # every claim is its span's text
        assert text[claim.span.start:claim.span.end] == claim.text


def test_the_end_of_a_quotation_begun_sentences_before_drops_its_closing_mark(nlp):
    text = "“The harbour will reopen. The ferries will sail again on Monday.” The mayor spoke at noon."
    claims = find_claims(nlp(text), "a", MONDAY)
    assert "The ferries will sail again on Monday." in [c.text for c in claims]
    assert not any(c.text.endswith("”") or c.text.startswith("“") for c in claims)


def test_a_quotation_closed_within_the_part_keeps_its_opening_mark(nlp):
    """Marks are paired, not counted: in "“A,” said X of Y, Conn. “B" (one sentence after an
    abbreviation) the first mark is closed and stays; the second opens a quotation that goes on
    in the next sentence, and the part holds both."""
    text = ("“The strike could not come at a worse time for the yard,” said Ana Vell, an analyst in Westport, "
            "Conn. “In May, the yard won three big orders.")
    doc = nlp.make_doc(text)
    for token in doc:
        token.is_sent_start = token.i == 0
    doc = next(iter(nlp.pipe([doc])))
    texts = [c.text for c in find_claims(doc, "a", MONDAY)]
    assert texts and texts[0].startswith("“The strike could not come"), texts
    # a part whose only mark is left open still drops it
    texts = [c.text for c in find_claims(nlp("“The yard won three big orders in May, Ana Vell said."), "a", MONDAY)]
    assert texts == ["The yard won three big orders in May, Ana Vell said."]


def test_a_cue_verb_in_one_of_two_clauses_attributes_that_clause_alone(nlp):
    text = "The race started on Friday on the old river, but the club's Web site, www.velaclub.org, announced more heats."
    claims = find_claims(nlp(text), "a", MONDAY)
    assert [(c.text, c.attributed_to) for c in claims] == [
        ("The race started on Friday on the old river", None),
        ("the club's Web site, www.velaclub.org, announced more heats.", "the club's Web site, www.velaclub.org"),
    ]


def test_a_time_the_parser_took_for_a_subject_opens_no_claim_of_its_own(nlp):
    # "last month" read as the subject of "was named": the claim would name no one
    text = ("Marn Vell, who also starred in three crime films and is a trained singer, has hosted the city's "
            "theatre awards three times and last month was named the year's best host by Vela magazine.")
    assert [c.text for c in find_claims(nlp(text), "a", MONDAY)] == [text]
    # a time that is the subject, with its article, stays a clause of its own
    two = "The storm closed the port on Monday, and the next day was spent clearing the docks."
    assert [c.text for c in find_claims(nlp(two), "a", MONDAY)] == [
        "The storm closed the port on Monday", "the next day was spent clearing the docks."]


def test_a_ratio_is_one_share_and_agrees_with_the_same_share_in_percent(nlp):
    from crosswire.align.conflicts import compare_claims
    from crosswire.extract.values import values_in

    published = dt.date(2003, 6, 10)
    ratio = "Vela researchers estimated that as many as 1 in 500 users of the browser could have been exposed."
    found = [(v.kind, v.value, v.approximate) for v in values_in(nlp(ratio)[:], "a", published)]
    assert found == [("percent", 0.2, True)]  # not a count of 1 and a count of 500
    words = "One out of every five voters in Marn stayed home."
    assert [(v.kind, v.value) for v in values_in(nlp(words)[:], "a", published)] == [("percent", 20.0)]
    share = ("Vela researchers estimated that roughly 0.2 percent of the browser's users may have been exposed, "
             "which means millions of users are at risk.")
    a, b = (find_claims(nlp(t), x, published)[0] for t, x in ((ratio, "a"), (share, "b")))
    assert compare_claims(a, b, Settings().align) is None



def test_a_ratio_of_every_and_one_whose_first_figure_went_untagged_are_shares(nlp):
    from crosswire.extract.values import values_in

    published = dt.date(2003, 6, 10)
    every = "The disorder affects about 5 of every 10,000 children in Marn."
    assert [(v.kind, v.value) for v in values_in(nlp(every)[:], "a", published)] == [("percent", 0.05)]
    ranged = "The disorder affects between 1 out of 500 and 1 out of 1,000 children in Marn."
    assert [(v.kind, v.value) for v in values_in(nlp(ranged)[:], "a", published)] == [
        ("percent", 0.2), ("percent", 0.1)]
    counts = "Five of the 10 ferries and 300 of 1,000 cars sank."
    assert all(v.kind == "number" for v in values_in(nlp(counts)[:], "a", published))


def test_a_subject_the_parser_hung_on_the_first_clause_stays_with_its_own(nlp):
    text = ('A local parking ban will go into effect tomorrow, and "No parking" signs and admonitory slogans will '
            'be seen on major streets in Marn.')
    claims = find_claims(nlp(text), "a", MONDAY)
    assert [c.text for c in claims] == [
        "A local parking ban will go into effect tomorrow",
        '"No parking" signs and admonitory slogans will be seen on major streets in Marn.']


def test_a_negative_word_inside_quote_marks_is_a_label_and_negates_nothing(nlp):
    [claim] = find_claims(nlp('"No diesel" signs will be put up on the quays of Marn on Friday.'), "a", MONDAY)
    assert not claim.negated
    [claim] = find_claims(nlp('No signs will be put up on the quays of Marn on Friday.'), "a", MONDAY)
    assert claim.negated
    split = find_claims(nlp('“Nothing,” the captain said, “was found on the quays of Marn.”'), "a", MONDAY)
    assert any(c.negated for c in split)  # a quotation split by its frame still negates


@pytest.mark.parametrize(("text", "parts"), [
    ("Vela won the race, but Marn did not.", ["Vela won the race, but Marn did not."]),
    ("The port of Marn reopened on Monday and the ferries did too.",
     ["The port of Marn reopened on Monday and the ferries did too."]),
    ("The port of Marn reopened on Monday and the ferries were back.",
     ["The port of Marn reopened on Monday", "the ferries were back."]),
    ("Vela won the race, and Marn did well.", ["Vela won the race", "Marn did well."]),
])
def test_a_clause_whose_verb_phrase_is_left_out_stays_with_the_clause_it_echoes(nlp, text, parts):
    claims = find_claims(nlp(text), "a", MONDAY)
    assert [c.text for c in claims] == parts
    assert not claims[0].negated  # "but Marn did not" denies Marn's win, not Vela's
