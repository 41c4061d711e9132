"""Quotes (#5): quote marks in every style, speakers, channels, references, split and reported quotes."""

from __future__ import annotations

import pytest

from crosswire.extract.quotemarks import quoted_spans
from crosswire.extract.quotes import find_quotes
from crosswire.settings import Settings

pytestmark = pytest.mark.issue(5)


@pytest.fixture(scope="module")
def nlp():
    from crosswire.extract.nlp import load_nlp

    return load_nlp(Settings().extract.spacy_model)


def inner(text: str) -> list[str]:
    return [text[q.start : q.end] for q in quoted_spans(text)]


@pytest.mark.parametrize("text, expected", [
    ('He said "we will stay here".', ["we will stay here"]),
    ("He said “we will stay here”.", ["we will stay here"]),
    ("Il a dit «nous restons ici».", ["nous restons ici"]),
    ("Er sagte „wir bleiben hier“.", ["wir bleiben hier"]),
    ("He said ‘we will stay here’.", ["we will stay here"]),
    ("He said 'we will stay here'.", ["we will stay here"]),
])
def test_every_quote_mark_style(text, expected):
    assert inner(text) == expected


def test_apostrophes_are_not_quote_marks():
    text = "The Assads’ rule didn’t end in the ’90s, and rock 'n' roll isn't over."
    assert all(len(q.split()) < 2 for q in inner(text))


def test_single_quotes_inside_double_quotes_stay_inside():
    assert inner('She said: "They called it a \'liberation\' today."') == ["They called it a 'liberation' today."]


def test_open_quote_continues_into_the_next_paragraph():
    text = "“The first part goes on\n“and the second part ends here,” he said."
    spans = quoted_spans(text)
    assert [text[q.start : q.end] for q in spans] == ["The first part goes on", "and the second part ends here"]
    assert spans[1].continues_from == spans[0].start and not spans[0].closed


def quotes_of(nlp, text, **kw):
    return [q for q in find_quotes(nlp(text), "a", 15, **kw)]


def test_speaker_after_the_quote_and_before_it(nlp):
    text = ("“We will not negotiate with anyone today,” the prime minister said.\n"
            "The mayor said: “Every school will reopen on Monday morning.”")
    direct = [q for q in quotes_of(nlp, text) if q.kind == "direct"]
    assert [text[q.speaker_mention.start : q.speaker_mention.end] for q in direct] == ["the prime minister", "The mayor"]
    assert [q.cue for q in direct] == ["said", "said"]


def test_split_quote_is_one_statement_with_one_speaker(nlp):
    text = "“We have done everything we could,” Jane Smith said, “and we will keep trying tomorrow.”"
    direct = [q for q in quotes_of(nlp, text) if q.kind == "direct"]
    assert len(direct) == 2
    assert {q.speaker for q in direct} == {"Jane Smith"}
    assert direct[1].part_of == direct[0].id


def test_pronoun_and_generic_references_resolve_to_the_named_speaker(nlp):
    text = ("The Norwegian Interior Ministry said the border would stay open.\n"
            "“The border will stay open for all trucks,” the ministry said.\n"
            "John Carver, the mayor, said the town was calm.\n"
            "“We have seen no violence at all in the town,” he said.")
    direct = [q for q in quotes_of(nlp, text) if q.kind == "direct"]
    assert direct[0].speaker == "The Norwegian Interior Ministry"
    assert text[direct[0].speaker_mention.start : direct[0].speaker_mention.end] == "the ministry"
    assert direct[1].speaker == "John Carver"


def test_channel_is_kept_apart_from_the_speaker(nlp):
    text = ("“The ceasefire will hold for all parties,” the Interior Ministry said in a Telegram post.\n"
            "“Our troops remain at their bases in the north,” the source added, Reuters reported.\n"
            "“Talks must resume under the UN,” AFP cited a government source.")
    direct = [q for q in quotes_of(nlp, text) if q.kind == "direct"]
    assert [q.channel for q in direct] == ["Telegram", "Reuters", "AFP"]
    assert "Ministry" in direct[0].speaker
    assert text[direct[1].speaker_mention.start : direct[1].speaker_mention.end] == "the source"
    assert text[direct[2].speaker_mention.start : direct[2].speaker_mention.end] == "a government source"


def test_who_is_quoted_as_saying_speaks_and_who_quotes_relays(nlp):
    text = ("The Anatolia news agency quoted the governor as saying: “The fire is out now.”\n"
            "NTV television quoted Ismail Alakoc, the plant manager, as saying that the tanks were safe.\n"
            "The builder was quoted as saying: “There is no reason for me to feel guilty.”")
    quotes = quotes_of(nlp, text)
    assert [q.speaker for q in quotes] == ["the governor", "Ismail Alakoc", "The builder"]
    assert [q.channel for q in quotes] == ["The Anatolia news agency", "NTV television", None]


def test_a_pronoun_speaker_is_the_person_who_acted_since_the_last_quote(nlp):
    text = ("“The search will go on,” a police spokesman said on Monday.\n"
            "Home Affairs Minister Ali Ameir Mohamed likened the suspect to a chameleon. "
            "“He shows you a certain colour,” he said.\n"
            "Survivors gathered outside the town hall. “We have nowhere to sleep,” they said.")
    quotes = [q for q in quotes_of(nlp, text) if q.kind == "direct"]
    assert quotes[1].speaker == "Ali Ameir Mohamed"
    assert quotes[2].speaker == "they"  # a plural pronoun is no single named person


def test_a_list_of_people_acting_together_is_no_she(nlp):
    text = ("Ana Vell, the singer whose songs shaped a generation, has died at the age of 85.\n\n"
            "To her astonishment, Ms Vell had recently attained cult status.\n\n"
            "Lena Marn, Uma Rait and Demi Sorel are among younger stars who have copied her style.\n\n"
            "“I don't want to be photographed in my old age,” she said in 1998.")
    [quote] = [q for q in quotes_of(nlp, text) if q.kind == "direct"]
    assert quote.speaker == "Ms Vell"


def test_a_relative_or_a_friend_is_one_person_a_pronoun_refers_back_to(nlp):
    text = ("John Marn, 23, was charged after his mother Lena Marn, 58, and his sister Katie Marn, 20, were found "
            "dead at their home on Saturday.\n\n"
            "A relative said he had been sent home from hospital in the days before the killings.\n\n"
            "She said he had told nurses that he feared he would harm someone if he did not stay.")
    quotes = [q for q in quotes_of(nlp, text) if q.kind == "reported"]
    assert [q.speaker for q in quotes] == ["A relative", "A relative", "John Marn"]  # "she" made the relative a woman
    assert quotes[2].channel == "A relative"  # his words come via the relative, not via "She"
    friend = ("Lena Marn was looking forward to her daughter's visit.\n\n"
              "The friend said she was cheerful when she saw her on Friday.\n\n"
              "She added: “We were chatting for about half an hour.”")
    [quote] = [q for q in quotes_of(nlp, friend) if q.kind == "direct"]
    assert quote.speaker == "The friend"


def test_scare_quotes_and_woven_fragments_are_not_direct_quotes(nlp):
    text = "The rebels ‘liberated’ the city and the leader called it “a victory for every single citizen” today."
    assert not [q for q in quotes_of(nlp, text) if q.kind == "direct"]


def test_reported_speech_has_speaker_cue_and_content(nlp):
    text = "The ministry said that the bases were on high alert."
    reported = [q for q in quotes_of(nlp, text) if q.kind == "reported"]
    assert len(reported) == 1
    q = reported[0]
    assert text[q.span.start : q.span.end] == "the bases were on high alert"
    assert q.cue == "said"
    assert q.speaker.lower() == "the ministry"


def test_reported_words_start_after_the_comma_that_closes_the_cues_own_phrase(nlp):
    text = "She said in Vela, the ferry is the main link to the mainland for most islanders."
    [q] = [q for q in quotes_of(nlp, text) if q.kind == "reported"]
    assert text[q.span.start : q.span.end] == "the ferry is the main link to the mainland for most islanders"


def test_told_reporters_then_a_bare_subject_starts_the_reported_words_at_that_subject(nlp):
    """The parser reads "reporters poverty" as one object of "told" and leaves "is" without a subject."""
    text = "An ADB representative told reporters poverty is one of the issues obstructing reforms in Vela."
    [q] = [q for q in quotes_of(nlp, text) if q.kind == "reported"]
    assert text[q.span.start : q.span.end] == "poverty is one of the issues obstructing reforms in Vela"


@pytest.mark.parametrize("text, content", [
    (("At a news conference Friday she called the flood a cause of rising hardship that hits the old and the poor, "
      "and said her fund, to be called Vela Rising, was prompted in large part by calls for help from river towns."),
     "her fund, to be called Vela Rising, was prompted in large part by calls for help from river towns"),
    ("Ana Vell said the port, to be named after her father, was paid for by the Vela council.",
     "the port, to be named after her father, was paid for by the Vela council"),
    ("The mayor said the bridge, built in 1990, was unsafe.", "the bridge, built in 1990, was unsafe"),
    ("Ana Vell said the report, citing the port data, is wrong.", "the report, citing the port data, is wrong"),
    (("The mayor also said her answers to the council in Marn last May, when she denied taking the money, "
      "were “legally accurate.”"),
     "her answers to the council in Marn last May, when she denied taking the money, were “legally accurate.”"),
])
def test_an_aside_between_commas_does_not_cut_the_reported_words_short(nlp, text, content):
    """The parser takes the aside for the reported clause and hangs the verb after it elsewhere."""
    [q] = [q for q in quotes_of(nlp, text) if q.kind == "reported"]
    assert text[q.span.start : q.span.end] == content


def test_whoever_was_asked_is_not_the_speaker_of_the_question(nlp):
    text = "Ana Vell was asked: “Have you ever met the harbour master of Marn alone, as that term is defined?”"
    [q] = quotes_of(nlp, text)
    assert q.speaker is None
    told = "The mayor was told by Ana Vell: “The port will never reopen under this council.”"
    [q] = quotes_of(nlp, told)
    assert q.speaker == "Ana Vell"
    quoted = "The mayor was quoted: “The port will never reopen under this council.”"
    [q] = quotes_of(nlp, quoted)
    assert q.speaker == "The mayor"  # the quoted one speaks
    agreed = ("When the mayor gave her deposition in the Marn case on Jan. 17, this definition of “harbour fees” "
              "was agreed on: “A fee is any payment made to the port authority for the use of its berths.”")
    assert [q.speaker for q in quotes_of(nlp, agreed) if q.kind == "direct"] == [None]  # what was said speaks not


def test_a_transcripts_question_is_the_examiners_and_its_answer_is_no_part_of_it(nlp):
    """Introduced by a colon naming the one who testified, a transcript's question is not theirs;
    the answer is. Each paragraph is a sentence of its own, as the pipeline splits them."""
    text = ("Yet Ana Vell gave a very different account under oath in the Marn case:\n\n"
            "\u201cQ. At any time were you and the mayor alone together in the harbour office?\u201d\n\n"
            "\u201cA. I don't recall, but as I said, when she worked at the port office, they always had somebody there.\u201d")
    doc = nlp.make_doc(text)
    starts = {0, text.index("\u201cQ"), text.index("\u201cA")}
    for token in doc:
        token.is_sent_start = token.i == 0 or token.idx in starts or token.is_space
    question, answer = [q for q in find_quotes(nlp(doc), "a", 15) if q.kind == "direct"]
    assert text[question.span.start:question.span.end].startswith("Q.") and question.speaker is None
    assert answer.speaker == "Ana Vell" and answer.part_of is None


def test_a_day_in_the_cues_phrase_is_no_channel(nlp):
    for text, channel in (("The mayor said in an interview Friday that the bridge would reopen.", None),
                          ("The mayor said in an interview with Vela Radio that the bridge would reopen.", "Vela Radio")):
        [q] = [q for q in quotes_of(nlp, text) if q.kind == "reported"]
        assert q.channel == channel, text


def test_reported_words_end_before_a_conjunction_that_joins_what_the_speaker_did_next(nlp):
    text = ("The navy said at first that it was in radio contact with the submarine, but later admitted that "
            "there was only acoustic contact with the crew.")
    contents = [text[q.span.start : q.span.end] for q in quotes_of(nlp, text) if q.kind == "reported"]
    assert "it was in radio contact with the submarine" in contents
    assert not any(c.rstrip().endswith((",", "but")) for c in contents)


def test_reported_words_go_on_past_a_conjunction_when_the_next_clause_is_more_of_them(nlp):
    text = ("However, Petrov said that there is still a chance that some miners may still be alive in the lower "
            "tunnels, but that this chance is more of a theoretical nature, Interfax reported.")
    said = [text[q.span.start : q.span.end] for q in quotes_of(nlp, text) if q.speaker == "Petrov"]
    assert said == [("there is still a chance that some miners may still be alive in the lower tunnels, but that "
                     "this chance is more of a theoretical nature")]


def test_an_interview_transcript_gives_each_answer_to_the_labelled_speaker(nlp):
    text = ("The interview with Jane Roe was held by telephone in January.\n\n"
            "Q: What did you think when the car was attacked?\n\n"
            "ROE: I was fairly detached. I saw it all as an observer.\n\n"
            "I told the driver to keep moving.\n\n"
            "Q: Do you support the boycott of the country by tourists?\n\n"
            "ROE: Very much so. We would like to see more of this.")
    answers = [q for q in quotes_of(nlp, text) if q.speaker_mention and text[q.speaker_mention.start:].startswith("ROE")]
    assert [text[q.span.start : q.span.end] for q in answers] == [
        "I was fairly detached. I saw it all as an observer.\n\nI told the driver to keep moving.",
        "Very much so. We would like to see more of this."]
    assert {q.speaker for q in answers} == {"Jane Roe"}
    one_label = "ROE: The vote will be held on Friday.\n\nQ: Will it pass? The council said it would."
    assert not any(q.speaker == "Roe" for q in quotes_of(nlp, one_label))
    noted = ("NOTE: This interview with Jane Roe has been edited for length.\n\n"
             "The talk was held in January.\n\n" + text[text.index("Q:"):] +
             "\n\nThe interview was held in English, and the government declined to comment on it.")
    spoken = [q for q in quotes_of(nlp, noted) if q.speaker == "Jane Roe" and q.kind == "direct"]
    assert not any(q.speaker in ("Note", "NOTE") for q in quotes_of(nlp, noted))
    assert noted[spoken[-1].span.start : spoken[-1].span.end] == "Very much so. We would like to see more of this."


def test_reported_speech_can_be_switched_off(nlp):
    assert not quotes_of(nlp, "The ministry said that the bases were on high alert.", reported=False)


def test_two_straight_single_marks_are_one_double_mark():
    text = "''We finally may be seeing some growth,'' the economist said. He called it ''a big story.''"
    assert inner(text) == ["We finally may be seeing some growth", "a big story."]


def test_a_closing_mark_glued_to_the_next_word_does_not_open_a_quote():
    text = "“We have seen real paranoia,”Clinton said. “Some of his comments do not fit.”"
    assert inner(text) == ["We have seen real paranoia", "Some of his comments do not fit."]


def test_quote_after_the_frame_sentence_continues_the_same_statement(nlp):
    text = ("“People are afraid of wasting their votes,” said Jane Roe, a voter from Ohio who ran for the "
            "state senate in 2012 and lost. “But the votes are still counting.”")
    direct = [q for q in quotes_of(nlp, text) if q.kind == "direct"]
    assert len(direct) == 2
    assert direct[1].part_of == direct[0].id
    assert direct[1].speaker == direct[0].speaker == "Jane Roe"


def test_lower_case_tail_of_the_reporters_sentence_is_not_a_statement(nlp):
    woven = "She also said the turmoil was not mainly the fault of the banks, “not by a long shot.”"
    assert not [q for q in quotes_of(nlp, woven) if q.kind == "direct"]
    spoken = "He added, “actually, what I do not understand is the vote in Iowa.”"
    assert [q.speaker for q in quotes_of(nlp, spoken) if q.kind == "direct"] == ["He"]


def test_participle_cue_takes_the_subject_of_its_verb(nlp):
    text = "The senator ended the speech by saying, “I am not a natural politician, in case you missed it.”"
    direct = [q for q in quotes_of(nlp, text) if q.kind == "direct"]
    assert len(direct) == 1
    assert text[direct[0].speaker_mention.start : direct[0].speaker_mention.end] == "The senator"


def test_the_sentence_after_a_closed_quote_is_not_its_frame(nlp):
    text = ("Mr. Rubio spoke first.\n“We will win this state and the next one.” On the trail, Cruz describes "
            "himself as a consistent conservative.")
    direct = [q for q in quotes_of(nlp, text) if q.kind == "direct"]
    assert direct and direct[0].speaker != "Cruz"


def test_a_nested_quote_at_the_end_still_closes_the_statement(nlp):
    text = "“He always whispered in my ear, ‘Billie, you are the queen,’” she said."
    direct = [q for q in quotes_of(nlp, text) if q.kind == "direct"]
    assert len(direct) == 1 and direct[0].speaker == "she"


def test_headline_name_before_a_colon_is_the_speaker(nlp):
    text = "Reid: ‘Never, ever, ever underestimate Trump.’\n\nHarry Reid has some advice for Democrats."
    direct = [q for q in quotes_of(nlp, text) if q.kind == "direct"]
    assert [text[q.speaker_mention.start : q.speaker_mention.end] for q in direct] == ["Reid"]


def test_unattributed_titles_and_asides_are_not_statements(nlp):
    titles = "In his new book, “Doomed to Succeed,” and in an interview, the author spoke of his time there."
    assert not [q for q in quotes_of(nlp, titles) if q.kind == "direct"]
    aside = "The fund was set up in May. “The rules apply to every member of the board without exception.”"
    assert not [q for q in quotes_of(nlp, aside) if q.kind == "direct"]
    opening = "“The rules apply to every member of the board without exception.”"
    assert len([q for q in quotes_of(nlp, opening) if q.kind == "direct"]) == 1


def test_according_to_names_the_speaker_of_a_clause(nlp):
    text = "The talks in Vienna failed on Sunday, according to two senior officials."
    reported = [q for q in quotes_of(nlp, text) if q.kind == "reported"]
    assert len(reported) == 1
    assert text[reported[0].span.start : reported[0].span.end].startswith("The talks in Vienna failed")
    assert "officials" in reported[0].speaker
    relayed = "The minister declared that the talks had failed, according to Reuters."
    assert all("Reuters" not in (q.speaker or "") for q in quotes_of(nlp, relayed))


def reported(nlp, text):
    return [(text[q.speaker_span.start:q.speaker_span.end], text[q.span.start:q.span.end])
            for q in find_quotes(nlp(text), "a", 10) if q.kind == "reported"]


def test_a_kicker_label_before_the_subject_is_not_the_speaker(nlp):
    text = "Flood crisis: The Harbour Ministry on Sunday said that the pier had been closed after the storm."
    assert reported(nlp, text) == [("The Harbour Ministry", "the pier had been closed after the storm")]


def test_a_speaker_with_a_bracketed_acronym_keeps_its_closing_bracket(nlp):
    text = "The armed group Liberation Front of Vela (LFV) announced on Monday that rebels had occupied the port."
    ((speaker, _),) = reported(nlp, text)
    assert speaker.endswith("(LFV)")


def test_a_negated_cue_reports_nothing(nlp):
    text = "In a post on Sunday, the ministry did not say where the minister was now and said the army had left."
    assert [content for _, content in reported(nlp, text)] == ["the army had left"]


_TIED_SPEAKERS = """
from crosswire.extract.quote_groups import group_quotes
from crosswire.model import Quote, Span
said = "We will rebuild the bridge over the river before the winter comes"
texts = {f"a{i}": said for i in range(6)}
quotes = [Quote(f"q{i}", Span(f"a{i}", 0, len(said)), "direct", speaker)
          for i, speaker in enumerate(["the ministry", "The Ministry of Works", "a spokesman", "the minister",
                                        "Works Ministry", "the department"])]
[group] = group_quotes(quotes, texts)
print(group.speaker)
"""


def test_a_tie_between_speakers_is_broken_the_same_way_in_every_process():
    import os
    import subprocess
    import sys

    chosen = {
        subprocess.run([sys.executable, "-c", _TIED_SPEAKERS], capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout.strip()
        for seed in range(6)
    }
    assert len(chosen) == 1 and chosen <= {"the ministry", "The Ministry of Works", "a spokesman", "the minister",
                                           "Works Ministry", "the department"}


def test_a_relative_clause_speaks_for_the_noun_it_modifies_not_a_name_inside_it(nlp):
    doc = nlp("The government released an official report that said London's police force is riddled with prejudice.")
    (quote,) = [q for q in find_quotes(doc, "a", 10) if q.kind == "reported"]
    assert quote.speaker == "an official report"


def test_an_utterance_noun_keeps_its_issuer_from_an_issued_by_phrase(nlp):
    doc = nlp("A statement issued by the Foreign Ministry said the talks would resume on Monday.")
    (quote,) = find_quotes(doc, "a", 10)
    assert quote.speaker == "the Foreign Ministry"


def test_the_place_of_a_wire_dateline_is_no_speaker(nlp):
    doc = nlp("LONDON (AP) -- Declaring that the killing shamed the nation, the government ordered an overhaul. "
              "The report said the force was racist. It said that the inquiry had failed.")
    speakers = [q.speaker for q in find_quotes(doc, "a", 10)]
    assert speakers and "LONDON" not in speakers


def test_two_people_never_make_one_statement_however_alike_their_words():
    from crosswire.extract.quote_groups import group_quotes
    from crosswire.model import Quote, Span

    texts = {"a": "We have learned our lesson about building codes in this country.",
             "b": "We have learned our lesson about building codes, believe me.",
             "c": "We have learned a lesson about building codes in this country."}
    quotes = [Quote("qa", Span("a", 0, len(texts["a"])), "direct", "Makovsky", speaker_entity="e_mak"),
              Quote("qb", Span("b", 0, len(texts["b"])), "direct", "Makovsky", speaker_entity="e_mak"),
              Quote("qc", Span("c", 0, len(texts["c"])), "direct", "Murat Celik", speaker_entity="e_cel")]
    [group] = group_quotes(quotes, texts, people={"e_mak", "e_cel"})
    assert {v.quote_id for v in group.variants} == {"qa", "qb"}
    # without knowing they are people, alike words still make one group
    [group] = group_quotes(quotes, texts)
    assert len(group.variants) == 3


def test_two_short_statements_sharing_a_name_and_a_contraction_are_not_one_quote():
    from crosswire.extract.quote_groups import content_words, group_quotes
    from crosswire.model import Quote, Span

    texts = {"a": "I'm the man they used to call the Vela Ghost.", "b": "I'm the man they used to call the Vela Ghost.",
             "c": "I'm proud of everything that the Vela Ghost did."}
    quotes = [Quote(f"q{k}", Span(k, 0, len(t)), "direct", "Marn", speaker_entity="e_marn") for k, t in texts.items()]
    [group] = group_quotes(quotes, texts, min_shared=2)
    assert {v.quote_id for v in group.variants} == {"qa", "qb"}
    assert content_words("I'm sure there's a way, don't you think? Marn's boat can't sail.") == {
        "sure", "way", "think", "marn", "boat", "sail"}


@pytest.mark.parametrize(("text", "speaker"), [
    ("Twelve hours into the investigation authorities said it remained unclear whether the two devices were related.",
     "authorities"),
    ("A week into the search rescuers said hope of finding the crew was fading.", "rescuers"),
    ("Two days into the strike, union leaders said the talks had failed.", "union leaders"),
])
def test_a_speaker_after_an_opening_time_phrase_without_a_comma_is_named_alone(nlp, text, speaker):
    (quote,) = [q for q in find_quotes(nlp(text), "a", 10) if q.kind == "reported"]
    assert quote.speaker == speaker


def test_a_wire_dateline_is_neither_words_nor_speaker(nlp):
    text = ("WASHINGTON _ Federal law enforcement officials said Saturday that they had linked a suspect to the attack.\n"
            "DAR ES SALAAM, Tanzania (AP) _ Two suspects were charged with murder on Friday, a newspaper said.")
    doc = nlp(text)
    reported = [q for q in find_quotes(doc, "a", 10) if q.kind == "reported"]
    speaker = reported[0].speaker_mention
    assert text[speaker.start:speaker.end] == "Federal law enforcement officials"
    content = [text[q.span.start:q.span.end] for q in reported]
    assert "Two suspects were charged with murder on Friday" in content


def test_two_short_quotes_sharing_two_words_are_not_one_statement():
    from crosswire.extract.quote_groups import group_quotes
    from crosswire.model import Quote, Span

    texts = {"a": "We believe the decision is in keeping with the law.",
             "b": "I believe the law must be followed to the letter here."}
    quotes = [Quote("qa", Span("a", 0, len(texts["a"])), "direct", "Craig"),
              Quote("qb", Span("b", 0, len(texts["b"])), "direct", "Jacobsen")]
    assert group_quotes(quotes, texts, threshold=0.4) == ()
    assert len(group_quotes(quotes, texts, threshold=0.4, min_shared=2)) == 1  # what the overlap alone allowed


def test_quotes_sharing_only_the_story_theme_are_not_one_statement_unless_verbatim():
    from crosswire.extract.quote_groups import group_quotes, story_theme
    from crosswire.model import Quote, Span

    said = {"a0": ("Ana Marn", "The Osten valley flood is so new"),
            "a1": ("officials", "The Osten valley flood will reach the coast by Friday"),
            "a2": ("the agency", "The Osten valley flood came after the dam gave way upstream"),
            "a3": ("the ministry", "We will rebuild every bridge the Osten valley flood destroyed"),
            "a4": ("the Works Ministry", "We will rebuild every bridge that the flood destroyed in the valley"),
            "a5": ("a resident", "The Osten valley flood is so new")}
    texts, quotes = {}, []
    for aid, (speaker, words) in said.items():
        lead = "Flood water covered the Osten valley on Monday. "
        texts[aid] = f"{lead}“{words},” said {speaker}."
        start = len(lead) + 1
        quotes.append(Quote("q" + aid, Span(aid, start, start + len(words)), "direct", speaker))
    theme = story_theme(texts, quotes, 0.8, 6)
    assert {"osten", "valley", "flood"} <= theme and not {"rebuild", "bridge", "new"} & theme
    assert story_theme(dict(list(texts.items())[:5]), quotes, 0.8, 6) == frozenset()  # too few articles
    grouped = {tuple(sorted(v.quote_id for v in g.variants)) for g in group_quotes(quotes, texts, theme=theme)}
    assert grouped == {("qa0", "qa5"), ("qa3", "qa4")}  # the same words verbatim; one statement reworded
    # without the theme, "so new" shares three of its four content words with every quote of the flood
    chained = [{v.quote_id for v in g.variants} for g in group_quotes(quotes, texts)]
    assert any({"qa0", "qa1", "qa2"} <= g for g in chained)


def test_a_paraphrase_joins_one_statement_and_never_bridges_two():
    from crosswire.extract.quote_groups import group_quotes
    from crosswire.model import Quote, Span

    texts = {"a": "The council will rebuild the old stone bridge by winter",
             "b": "The council members voted against paying to rebuild the bridge again",
             "c": "the council would rebuild the bridge"}
    quotes = [Quote("qa", Span("a", 0, len(texts["a"])), "direct", "Ana Marn"),
              Quote("qb", Span("b", 0, len(texts["b"])), "direct", "Tomas Halden"),
              Quote("qc", Span("c", 0, len(texts["c"])), "reported", "officials")]
    groups = [{v.quote_id for v in g.variants} for g in group_quotes(quotes, texts)]
    assert len(groups) == 1 and "qc" in groups[0] and not {"qa", "qb"} <= groups[0]
    # the two direct quotes are apart on their own words: only the paraphrase had joined them
    assert group_quotes(quotes[:2], texts) == ()


def test_a_speaker_the_tagger_misnamed_still_stands_for_he_when_a_person_bears_the_name(nlp):
    text = ("Captain Manohar Nambiar said the pirates fled.\n"
            "Warship Sukanya was escorting five ships when the attack happened.\n"
            "The operation foiled the attack, Nambiar said.\n"
            "The crew has seized 14 rifles so far, he said.")
    doc = nlp(text)
    spans = {"Manohar Nambiar": "PERSON", "Warship Sukanya": "PERSON", "Nambiar": "ORG"}
    ents, start = [], 0
    for name, label in spans.items():
        at = text.index(name, start)
        ents.append(doc.char_span(at, at + len(name), label=label))
        start = at + len(name)
    doc.ents = [e for e in ents if e is not None]
    reported = [q for q in find_quotes(doc, "a", 10) if q.kind == "reported"]
    assert reported[-1].speaker == "Nambiar"


def test_inverted_attribution_after_a_comma_names_the_speaker_after_the_verb(nlp):
    text = ("The ministry is in contact with the pilot and his new partner, Brian Jones of Britain, "
            "said ministry spokeswoman Monika Schmutz.")
    assert reported(nlp, text) == [("Monika Schmutz",
                                    "The ministry is in contact with the pilot and his new partner, Brian Jones of Britain")]
    kicker = "Flood crisis: The Harbour Ministry on Sunday said that the pier had been closed after the storm."
    assert reported(nlp, kicker)[0][0] == "The Harbour Ministry"


def test_whoever_was_told_is_the_listener_not_the_speaker(nlp):
    text = "Later the pilot was told by controllers that the runway had been closed for repairs."
    assert reported(nlp, text) == [("controllers", "the runway had been closed for repairs")]
    assert all(speaker.lower() != "he" for speaker, _ in reported(nlp, "He was told that the runway had been closed."))


def test_reports_from_a_place_and_an_owner_of_the_issuer_are_not_speakers(nlp):
    text = ("GENEVA, January 12 (Xinhua) -- A team took off from a mountain in the Alps on Sunday, "
            "according to reports from Geneva, Switzerland.")
    ((speaker, content),) = reported(nlp, text)
    assert speaker.startswith("reports") and content.startswith("A team took off")
    owned = "A statement from Piccard's organization said Jones had been training for months in the Alps."
    assert [q.speaker for q in quotes_of(nlp, owned) if q.kind == "reported"] != ["Piccard"]
    spokesman = "A statement from Clinton's spokesman, Joe Lockhart, said the president would veto the bill."
    assert [q.speaker for q in quotes_of(nlp, spokesman) if q.kind == "reported"] == ["Joe Lockhart"]
    issued = "A statement from the Harbour Ministry said the talks had failed on Sunday night."
    assert [q.speaker for q in quotes_of(nlp, issued) if q.kind == "reported"] == ["the Harbour Ministry"]


def test_he_after_a_described_speaker_is_that_person_not_one_named_before(nlp):
    text = ("Prosecutor Cal Rerucha said the evidence was strong. The defense wanted to show that the killer "
            "panicked, the judge said today. “Even if relevant, the evidence will confuse the jury,” he stated.")
    direct = [q for q in quotes_of(nlp, text) if q.kind == "direct"]
    assert [q.speaker for q in direct] == ["the judge"]


def test_it_never_resolves_to_a_person_the_tagger_called_an_organisation():
    from crosswire.extract.speakers import Speaker, SpeakerMemory

    piccard = Speaker((0, 7), "Piccard", (0, 7), "ORG")
    centre = Speaker((20, 30), "Swiss Centre", (20, 30), "ORG")
    it = Speaker((60, 62), "it", (60, 62), "", reference=True)
    memory = SpeakerMemory([(20, centre), (40, piccard)], [], surnames=frozenset({"Piccard"}))
    assert memory.resolve(60, it, "it").name == "Swiss Centre"
    assert SpeakerMemory([(40, piccard)], [], surnames=frozenset({"Piccard"})).resolve(60, it, "it").name == "it"
    assert SpeakerMemory([(40, piccard)], []).resolve(60, it, "it").name == "Piccard"  # no person of that name


def test_a_described_speaker_is_the_named_person_whose_title_it_repeats(nlp):
    text = ("Judge Barton Voigt said the trial would go ahead. The evidence is strong, the judge said. "
            "“The jury will hear it all,” he said.")
    assert [q.speaker for q in quotes_of(nlp, text)] == ["Barton Voigt"] * 3


def test_he_does_not_refer_back_to_a_speaker_described_as_a_woman():
    from crosswire.extract.speakers import Speaker, SpeakerMemory

    mother = Speaker((0, 10), "the mother", (0, 10), "", reference=True)
    he = Speaker((60, 62), "he", (60, 62), "", reference=True)
    assert SpeakerMemory([(0, mother)], []).resolve(60, he, "he").name == "he"
    she = Speaker((60, 63), "she", (60, 63), "", reference=True)
    assert SpeakerMemory([(0, mother)], []).resolve(60, she, "she").name == "the mother"


def test_an_unnamed_subject_speaks_by_the_name_set_beside_it_and_a_clause_gives_no_title(nlp):
    text = "Another speaker at the news conference, Robert DeBree, a sheriff's detective, said the men were sober."
    assert [q.speaker for q in quotes_of(nlp, text)] == ["Robert DeBree"]
    father = "“We call upon the president,” said Shepard's father Dennis at a news conference."
    assert [q.speaker for q in quotes_of(nlp, father)] == ["Shepard's father Dennis"]  # a first name keeps the role
    told = ("The detective quoted McKinney as saying he was angry. "
            "The detective said McKinney had admitted hitting the man three times.")
    assert [q.speaker for q in quotes_of(nlp, told)] == ["McKinney", "The detective"]


def test_he_never_refers_back_to_a_document():
    from crosswire.extract.speakers import Speaker, SpeakerMemory

    document = Speaker((0, 27), "a council draft document", (0, 27), "")
    he = Speaker((60, 62), "he", (60, 62), "", reference=True)
    assert SpeakerMemory([(0, document)], []).resolve(60, he, "he").name == "he"


def test_a_described_speaker_is_out_of_reach_of_a_pronoun_paragraphs_later():
    from crosswire.extract.speakers import DESCRIBED_REACH, Speaker, SpeakerMemory

    deputy = Speaker((0, 20), "a sheriff's deputy", (0, 20), "")
    she = Speaker((0, 3), "she", (0, 3), "", reference=True)
    memory = SpeakerMemory([(0, deputy)], [])
    assert memory.resolve(DESCRIBED_REACH - 10, she, "she").name == "a sheriff's deputy"
    assert memory.resolve(DESCRIBED_REACH * 5, she, "she").name == "she"


def test_a_speaker_inside_another_speakers_account_is_not_whom_a_later_he_means(nlp):
    text = ("His barber, Julian Clark, concurred. Two years before, he said, an officer arrested him after "
            "the officer said his identification had expired, he said. “They have a hard time,” he said of the police.")
    assert [q.speaker for q in quotes_of(nlp, text) if q.kind == "direct"] != ["the officer"]


def test_a_document_that_speaks_is_no_person_named_before(nlp):
    text = ("“Engine fire,” said John Roe, the pilot of the jet.\n\n"
            "“The crew had no means to fight the fire,” the report said.\n\n"
            "“The findings are final,” said the Federal Aviation Administration. "
            "“No one could have landed the jet,” the statement said.")
    speakers = {text[q.span.start : q.span.end]: q.speaker for q in quotes_of(nlp, text) if q.kind == "direct"}
    assert speakers["Engine fire"] == "John Roe"
    assert speakers["The crew had no means to fight the fire"] not in ("John Roe", "Roe")
    assert speakers["No one could have landed the jet"] == "the Federal Aviation Administration"


def test_a_document_that_spoke_on_its_own_stays_itself_after_a_body_speaks_of_it(nlp):
    text = ("The report, which ends a year-long inquiry by a Senate panel, said the flood exposed weak levees.\n\n"
            "In a statement on Monday, the Army Corps of Engineers said the report raises fair questions.\n\n"
            "“The Corps ignored its own engineers,” the report states.")
    speakers = {text[q.span.start : q.span.end]: q.speaker for q in quotes_of(nlp, text)}
    assert speakers["the report raises fair questions"] == "the Army Corps of Engineers"
    # the report is the Senate panel's, not the Corps' whose statement came in between
    assert speakers["The Corps ignored its own engineers"] == "the report"


def test_a_name_tagged_as_a_group_that_acts_as_one_person_is_whom_a_later_he_means(nlp):
    text = ("“The road is closed,” said the regional police chief, Col. Ivan Petrov.\n\n"
            "A shepherd, who gave his name only as Kazbek, said Tuesday the herds were lost.\n\n"
            "Kazbek walked to Gudermes with six wounded men for treatment. He said the soldiers had burned the village.")
    doc = pipeline_doc(nlp, text)
    assert next(e.label_ for e in doc.ents if e.text == "Kazbek") == "NORP"  # the tagger's reading
    speakers = {text[q.span.start : q.span.end]: q.speaker for q in find_quotes(doc, "a", 10)}
    assert speakers["the soldiers had burned the village"] == "Kazbek"
    # a nationality as a group is no person: "Chechens" acting leaves "he" to the person named before
    text = ("“The road is closed,” said the regional police chief, Col. Ivan Petrov.\n\n"
            "Chechens walked to Gudermes with six wounded men for treatment. He said the soldiers had burned the village.")
    speakers = {text[q.span.start : q.span.end]: q.speaker for q in find_quotes(pipeline_doc(nlp, text), "a", 10)}
    assert speakers["the soldiers had burned the village"] != "Chechens"


def test_reported_words_run_through_a_hyphenated_word_and_start_at_a_misread_object(nlp):
    text = ("DENVER _ Governor Alan Marsh announced Tuesday that the state would re-seed all of Boulder County "
            "in April and May with native grasses.")
    (found,) = find_quotes(pipeline_doc(nlp, text), "a", 10)
    assert text[found.span.start : found.span.end].startswith("the state would re-seed")  # not cut at "re"
    # the parser's reading of a sentence from a wire report: "elk" the object of "said", and the
    # reported clause starting at the comma inside the place ("Bear Creek, Jefferson County")
    rows = [("Park", "PROPN", "compound", 1), ("officials", "NOUN", "nsubj", 3), ("Friday", "PROPN", "npadvmod", 3),
            ("said", "VERB", "ROOT", 3), ("a", "DET", "det", 6), ("dead", "ADJ", "amod", 6), ("elk", "NOUN", "dobj", 3),
            ("found", "VERB", "acl", 6), ("in", "ADP", "prep", 7), ("Bear", "PROPN", "compound", 10),
            ("Creek", "PROPN", "pobj", 8), (",", "PUNCT", "punct", 14), ("Jefferson", "PROPN", "compound", 13),
            ("County", "PROPN", "nsubj", 14), ("tested", "VERB", "ccomp", 3), ("positive", "ADJ", "oprd", 14),
            ("for", "ADP", "prep", 14), ("rabies", "NOUN", "pobj", 16), (".", "PUNCT", "punct", 3)]
    from spacy.tokens import Doc

    words = [r[0] for r in rows]
    doc = Doc(nlp.vocab, words=words, spaces=[i + 1 < len(words) and words[i + 1] not in ",." for i in range(len(words))],
              pos=[r[1] for r in rows], deps=[r[2] for r in rows], heads=[r[3] for r in rows],
              tags=["VBD" if r[1] == "VERB" else "NNP" if r[1] == "PROPN" else "NN" for r in rows],
              lemmas=["say" if w == "said" else w.lower() for w in words],
              ents=["O"] * 9 + ["B-GPE", "I-GPE", "O", "B-GPE", "I-GPE"] + ["O"] * 5,
              sent_starts=[True] + [False] * (len(words) - 1))
    (found,) = find_quotes(doc, "a", 10)
    assert doc.text[found.span.start : found.span.end] == "a dead elk found in Bear Creek, Jefferson County tested positive for rabies"


def test_reported_words_run_to_the_close_of_a_quoted_ending(nlp):
    from spacy.tokens import Doc

    # the parser's reading of a sentence from a report: the quoted verb hung on the cue as its
    # second act, so the reported clause stopped before the opening mark
    rows = [("The", "DET", "det", 2), ("rebel", "NOUN", "compound", 2), ("group", "NOUN", "nsubj", 3),
            ("announced", "VERB", "ROOT", 3), ("that", "SCONJ", "mark", 7), ("its", "PRON", "poss", 6),
            ("fighters", "NOUN", "nsubj", 7), ("took", "VERB", "ccomp", 3), ("the", "DET", "det", 9),
            ("city", "NOUN", "dobj", 7), ("and", "CCONJ", "cc", 9), ("the", "DET", "det", 12),
            ("governor", "NOUN", "conj", 9), ("“", "PUNCT", "punct", 14), ("fled", "VERB", "conj", 3),
            ("”", "PUNCT", "punct", 14), (".", "PUNCT", "punct", 3)]
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(words) and words[i + 1] not in ".”" and words[i] != "“" for i in range(len(words))]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, pos=[r[1] for r in rows], deps=[r[2] for r in rows],
              heads=[r[3] for r in rows], tags=["VBD" if r[1] == "VERB" else "NN" for r in rows],
              lemmas=["announce" if w == "announced" else w.lower() for w in words],
              sent_starts=[True] + [False] * (len(words) - 1))
    (found,) = find_quotes(doc, "a", 10)
    assert doc.text[found.span.start : found.span.end] == "its fighters took the city and the governor “fled”"
    # quoted words that the sentence goes on after are not its ending: the report stays as parsed
    text = "Officials said the suspect was “not cooperating” with the police on Monday."
    (found,) = find_quotes(pipeline_doc(nlp, text), "a", 10)
    assert text[found.span.start : found.span.end] == "the suspect was “not cooperating” with the police on Monday"


def test_who_was_quoted_by_an_agency_speaks_and_the_agency_relays(nlp):
    for text in ("“We will keep fighting,” Grant was quoted by Reuters as saying.",
                 "The minister was quoted by Reuters as saying the ship was lost."):
        (quote,) = quotes_of(nlp, text)
        assert quote.speaker in ("Grant", "The minister"), text
        assert text[quote.channel_span.start : quote.channel_span.end] == "Reuters", text
    (quote,) = quotes_of(nlp, "Reuters quoted the minister as saying the ship was lost.")
    assert (quote.speaker, quote.channel) == ("the minister", "Reuters")


def test_an_inverted_said_that_opens_the_sentence_is_no_part_of_the_speakers_name(nlp):
    text = "The judge delayed the hearing again. Said Evans: “We want to get this case resolved or tried.”"
    (quote,) = [q for q in quotes_of(nlp, text) if q.kind == "direct"]
    assert quote.speaker == "Evans"
    assert [q.speaker for q in quotes_of(nlp, "Said Ahmed said the talks would resume.")] == ["Said Ahmed"]


def _parsed(nlp, words, heads, deps, pos, ents, starts):
    from spacy.tokens import Doc

    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos,
              tags=["NN" if p == "NOUN" else "NNP" if p == "PROPN" else "" for p in pos],
              sent_starts=[i in starts for i in range(len(words))])
    doc.ents = [doc.char_span(doc[a].idx, doc[b - 1].idx + len(doc[b - 1]), label=label) for a, b, label in ents]
    return doc


def test_a_surname_the_tagger_called_an_organisation_still_acts_as_the_person(nlp):
    from crosswire.extract.speakers import SpeakerMemory

    # the tagger's reading: "Condell" a person as an object, an organisation as the next subject
    words = ["Jane", "Tilby", "backed", "Condell", ".", "Condell", "accepted", "the", "findings", "."]
    doc = _parsed(nlp, words, [1, 2, 2, 2, 2, 6, 6, 8, 6, 6],
                  ["compound", "nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT", "det", "dobj", "punct"],
                  ["PROPN", "PROPN", "VERB", "PROPN", "PUNCT", "PROPN", "VERB", "DET", "NOUN", "PUNCT"],
                  [(0, 2, "PERSON"), (3, 4, "PERSON"), (5, 6, "ORG")], {0, 5})
    actors = SpeakerMemory.of(doc).actors
    assert [doc.text[a:b] for _o, (a, b) in actors] == ["Jane Tilby", "Condell"]
    assert actors[-1][0] == doc[5].idx  # the organisation-tagged subject acts


def test_a_name_the_tagger_cut_before_its_head_and_a_later_name_word_left_untagged_still_act(nlp):
    from crosswire.extract.speakers import SpeakerMemory

    # the tagger's reading: "Rosa Kell" a person whose head "Varga" it left out; "Kell" alone untagged
    words = ["Rosa", "Kell", "Varga", "thanked", "Otto", ".", "Kell", "denied", "a", "report", "."]
    doc = _parsed(nlp, words, [2, 2, 3, 3, 3, 3, 7, 7, 9, 7, 7],
                  ["compound", "compound", "nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT", "det", "dobj", "punct"],
                  ["PROPN", "PROPN", "PROPN", "VERB", "PROPN", "PUNCT", "PROPN", "VERB", "DET", "NOUN", "PUNCT"],
                  [(0, 2, "PERSON"), (4, 5, "PERSON")], {0, 6})
    memory = SpeakerMemory.of(doc)
    assert [doc.text[a:b] for _o, (a, b) in memory.actors] == ["Rosa Kell", "Kell"]
    later = len(doc.text)
    assert memory._person(later, "he").name == "Kell"  # not Otto, named since Rosa Kell acted
    # a proper noun that is no later word of a person's name is no actor: "Otto" as a subject is tagged,
    # and an untagged "Rosa" (a first name) does not act for Rosa Kell
    words = ["Rosa", "Kell", "met", "Otto", ".", "Rosa", "left", "."]
    doc = _parsed(nlp, words, [1, 2, 2, 2, 2, 6, 6, 6],
                  ["compound", "nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT", "punct"],
                  ["PROPN", "PROPN", "VERB", "PROPN", "PUNCT", "PROPN", "VERB", "PUNCT"],
                  [(0, 2, "PERSON"), (3, 4, "PERSON")], {0, 5})
    assert [doc.text[a:b] for _o, (a, b) in SpeakerMemory.of(doc).actors] == ["Rosa Kell"]


def test_who_was_quoted_in_a_paper_saying_speaks_and_the_paper_relays(nlp):
    text = ("Fire chief Tomas Erdei was quoted Monday in the Hungarian language daily Nepszava saying that "
            "crews were searching for three missing workers.")
    (quote,) = [q for q in quotes_of(nlp, text) if q.kind == "reported"]
    assert quote.speaker == "Tomas Erdei"
    assert "Nepszava" in quote.channel


def test_the_medium_named_after_its_place_is_the_channel_not_the_place(nlp):
    text = "In an interview with the Lisbon daily Publico, she said the reforms had come too late."
    (quote,) = [q for q in quotes_of(nlp, text) if q.kind == "reported"]
    assert quote.channel == "Publico"


def test_words_in_quote_marks_bellowed_are_quoted_words(nlp):
    text = "The senator faced the hall. “This bill will not pass,” he bellowed."
    (quote,) = [q for q in quotes_of(nlp, text) if q.kind == "direct"]
    assert quote.cue == "bellowed"
    assert [q for q in quotes_of(nlp, "The crowd roared as the team arrived.")] == []


def test_adding_after_what_was_said_is_the_sayers(nlp):
    text = ("Maria Santos, the team's captain, said the final ranked among the hardest games she had played, "
            "adding, “We never stopped believing we could win it.”")
    from crosswire.extract.quotes import _participle_subject

    adding = next(t for t in nlp(text) if t.lower_ == "adding")
    assert _participle_subject(adding).text == "Santos"  # whatever the parser attached "adding" to
    (quote,) = [q for q in quotes_of(nlp, text) if q.kind == "direct"]
    assert quote.speaker == "Maria Santos"


def test_the_title_of_a_person_named_before_acts_as_that_person_but_a_collective_noun_does_not(nlp):
    from crosswire.extract.speakers import SpeakerMemory

    # "Senator Paul Ward spoke . The senator left ." / "Police chief Paul Ward spoke . The police left ."
    def actors(title_words, subject):
        words = [*title_words, "Paul", "Ward", "spoke", ".", "The", subject, "left", "."]
        k = len(title_words)
        heads = [k + 1] * k + [k + 1, k + 2, k + 2, k + 2, k + 5, k + 6, k + 6, k + 6]
        deps = ["compound"] * k + ["compound", "nsubj", "ROOT", "punct", "det", "nsubj", "ROOT", "punct"]
        pos = ["NOUN"] * k + ["PROPN", "PROPN", "VERB", "PUNCT", "DET", "NOUN", "VERB", "PUNCT"]
        doc = _parsed(nlp, words, heads, deps, pos, [(k, k + 2, "PERSON")], {0, k + 4})
        return [(doc.text[a:b], o == doc[k + 5].idx) for o, (a, b) in SpeakerMemory.of(doc).actors]

    assert actors(["Senator"], "senator") == [("Paul Ward", False), ("Paul Ward", True)]
    assert actors(["Police", "chief"], "police") == [("Paul Ward", False)]


@pytest.mark.parametrize("text, speaker", [
    # a man acts between the woman who spoke and the "she" who speaks again
    (("Rosa Delgado, the county's budget officer, presented the figures on Monday. Sheriff Tom Bradley "
     "announced two arrests later that day. “The money is simply gone,” she said."), "Rosa Delgado"),
    # a woman speaks between the man and the "he"
    (("Walter Prentiss filed the papers in March. Nadia Kovacs, his former partner, said the deal was off. "
     "“We have nothing more to discuss,” he said."), "Walter Prentiss"),
    # a boy named by his given name alone acts between the woman and the "she"
    (("Marta Kolb wrote the new play. Or maybe Daniel, with his simple faith, was always waiting for the "
      "village to change. “Like Daniel, we all lose things we love,” she says."), "Marta Kolb"),
])
def test_a_pronoun_refers_back_to_a_person_of_its_sex(nlp, text, speaker):
    assert [q.speaker for q in quotes_of(nlp, text)][-1] == speaker


def test_a_titled_surname_is_the_speakers_name(nlp):
    text = "Pavel Ostrow sued for custody in May. Mrs. Ostrow told reporters the case was groundless."
    (quote,) = quotes_of(nlp, text)
    assert quote.speaker == "Mrs. Ostrow"


def test_the_sex_of_a_name_comes_from_an_honorific_then_the_given_name_then_a_role(nlp):
    from crosswire.extract.gender import given_name_sex, name_sex

    doc = nlp("Mrs. Ostrow met Sir Kim Lowell, spokeswoman Jean Marr, Pavel Ostrow and Robin Tate.")
    sexes = {e.text: name_sex(e) for e in doc.ents if e.label_ == "PERSON"}
    assert sexes.get("Ostrow") == "female" and sexes.get("Pavel Ostrow") == "male"
    assert sexes.get("Kim Lowell") == "male" and sexes.get("Jean Marr") == "female"  # names that say nothing
    assert given_name_sex("Robin") == given_name_sex("Kim") == given_name_sex("Jean") == ""  # either sex
    doc = nlp("The panel heard Chairman Nancy Voss on Monday.")
    assert [name_sex(e) for e in doc.ents if e.label_ == "PERSON"] == ["female"]  # a name outweighs a role


def test_a_said_after_a_clause_ends_with_that_clauses_subject(nlp):
    text = ("Ron Kessel was criticized last year after Mayor Bill Tran called a reporter and said the city "
            "needed a new manager. Ron Kessel was criticized after the vote and said he would resign.")
    assert [q.speaker for q in quotes_of(nlp, text)] == ["Bill Tran", "Ron Kessel"]
    active = "Ivan Petrov left the hospital after doctors examined him and told reporters he felt fine."
    assert [q.speaker for q in quotes_of(nlp, active)] == ["Ivan Petrov"]  # after an active head, its subject


def test_the_subject_of_a_verb_coordinated_with_the_main_verb_acts_last(nlp):
    text = ("Tom Ashby has backed the plan for years, but Ray Dunn promises to push it further. "
            "“We will finish the job,” he told a crowd in Dover.")
    assert [q.speaker for q in quotes_of(nlp, text)] == ["Ray Dunn"]


def test_a_name_after_said_without_a_comma_before_it_is_what_was_said_not_who_said_it(nlp):
    text = ("Ivan Kovacs, asked to name painters he admires, first said Pablo Picasso. On Monday, he promised "
            "to open a museum, but warned that the city could not pay for it alone.")
    quotes = quotes_of(nlp, text)
    assert "Pablo Picasso" not in [q.speaker for q in quotes]
    assert [q.speaker for q in quotes if "pay for it" in text[q.span.start : q.span.end]] == ["Ivan Kovacs"]
    inverted = "“We will open in May,” said Ivan Kovacs, the director. “It will be free,” he added."
    assert [q.speaker for q in quotes_of(nlp, inverted)] == ["Ivan Kovacs", "Ivan Kovacs"]


def test_a_speaker_with_a_long_appositive_after_the_quote_is_found(nlp):
    text = ("“I think these results show that there is indeed a layer of liquid salt beneath the crater floor,” "
            "Dr. Helen R. Marsh, a geologist at the University of California at Los Angeles, said two weeks ago.")
    assert [q.speaker for q in find_quotes(nlp(text), "a", 15, Settings().extract.max_frame_tokens)] == ["Helen R. Marsh"]


def test_a_described_speaker_named_in_apposition_is_not_a_reference_back(nlp):
    text = ("“The plan will fail,” the magazine Der Spiegel wrote. The chancellor did not respond. "
            "“The coalition is finished,” the magazine Focus said of the talks.")
    direct = [q for q in quotes_of(nlp, text) if q.kind == "direct"]
    assert len(direct) == 2
    assert "Focus" in direct[1].speaker and "Spiegel" not in direct[1].speaker


def test_a_pronoun_finds_a_described_speaker_by_the_head_of_its_description(nlp):
    text = ("A council official said the road would reopen in May. Later, a spokeswoman for the Harbour Traders "
            "Association said members were relieved. She said that Councillor Dev Patel had pushed for the repairs.")
    reported = [q for q in quotes_of(nlp, text) if q.kind == "reported"]
    assert reported[-1].speaker.startswith("a spokeswoman for")
    other = text.replace("spokeswoman", "spokesman")
    assert not [q for q in quotes_of(nlp, other) if q.kind == "reported"][-1].speaker.startswith("a spokesman")


def pipeline_doc(nlp, text: str):
    """``text`` parsed as the extraction stage parses it: on the cleaning stage's sentences."""
    from crosswire.clean import split_sentences

    starts = {s.start for s in split_sentences(text, "a")}
    doc = nlp.make_doc(text)
    for token in doc:
        token.is_sent_start = token.i == 0 or token.idx in starts or token.is_space
    return nlp(doc)


@pytest.mark.parametrize("text, speaker", [
    (("OTTAWA, March 3 (Xinhua) -- The Liberals attacked the ruling party's record on Arctic drilling by saying "
     "it had become the country's worst polluter in a decade."), "The Liberals"),
    (("NAIROBI, June 14 (Xinhua) -- The opposition criticised the finance ministry's handling of the Lake Victoria "
     "project by saying it had wasted millions of dollars."), "The opposition"),
])
def test_the_dateline_is_never_the_speaker_of_a_participle_cue(nlp, text, speaker):
    # on these sentences the parser reads the dateline's city as a second subject of the main verb
    found = [q for q in find_quotes(pipeline_doc(nlp, text), "a", 10) if q.kind == "reported"]
    assert [q.speaker for q in found] == [speaker]


def misparsed_trailing_attribution(nlp):
    """ "Surveys have found no damage at Gladstone, GPC chief executive Leo Zussino said, welcoming a
    review." as the parser read such a sentence in wire copy: "said" hung on "found" (parataxis)
    with no subject, the name an apposition to "Gladstone" and tagged an organisation."""

    rows = [  # word, tag, pos, dep, head, lemma
        ("Surveys", "NNS", "NOUN", "nsubj", 2, "survey"), ("have", "VBP", "AUX", "aux", 2, "have"),
        ("found", "VBN", "VERB", "ROOT", 2, "find"), ("no", "DT", "DET", "det", 4, "no"),
        ("damage", "NN", "NOUN", "dobj", 2, "damage"), ("at", "IN", "ADP", "prep", 4, "at"),
        ("Gladstone", "NNP", "PROPN", "pobj", 5, "Gladstone"), (",", ",", "PUNCT", "punct", 6, ","),
        ("GPC", "NNP", "PROPN", "nmod", 10, "GPC"), ("chief", "JJ", "ADJ", "amod", 10, "chief"),
        ("executive", "NN", "NOUN", "compound", 12, "executive"), ("Leo", "NNP", "PROPN", "compound", 12, "Leo"),
        ("Zussino", "NNP", "PROPN", "appos", 6, "Zussino"), ("said", "VBD", "VERB", "parataxis", 2, "say"),
        (",", ",", "PUNCT", "punct", 13, ","), ("welcoming", "VBG", "VERB", "advcl", 2, "welcome"),
        ("a", "DT", "DET", "det", 17, "a"), ("review", "NN", "NOUN", "dobj", 15, "review"),
        (".", ".", "PUNCT", "punct", 2, "."),
    ]
    ents = {"Gladstone": "B-GPE", "GPC": "B-ORG", "Leo": "B-ORG", "Zussino": "I-ORG"}
    return parsed_as(nlp, rows, ents)


def parsed_as(nlp, rows, ents=None):
    """One sentence as the parser read it: ``rows`` of (word, tag, pos, dep, head, lemma), entity
    tags by word; no space before a comma, full stop, colon or closing quote, none after an opening one."""
    from spacy.tokens import Doc

    words = [r[0] for r in rows]
    spaces = [i + 1 < len(words) and words[i + 1] not in {",", ".", ":", "”"} and words[i] != "“"
              for i in range(len(words))]
    return Doc(nlp.vocab, words=words, spaces=spaces, tags=[r[1] for r in rows], pos=[r[2] for r in rows],
               deps=[r[3] for r in rows], heads=[r[4] for r in rows], lemmas=[r[5] for r in rows],
               ents=[(ents or {}).get(w, "O") for w in words], sent_starts=[True] + [False] * (len(words) - 1))


def test_a_trailing_attribution_the_parser_misread_still_names_its_speaker(nlp):
    from crosswire.extract.speakers import name_speaker

    doc = misparsed_trailing_attribution(nlp)
    found = [q for q in find_quotes(doc, "a", 10) if q.kind == "reported"]
    assert [(q.speaker, doc.text[q.span.start:q.span.end]) for q in found] == [
        ("Leo Zussino", "Surveys have found no damage at Gladstone")]
    # the title before the name says it is a person, though the tagger called it an organisation
    assert name_speaker(doc[12]).type == "PERSON"
    assert name_speaker(doc[8]).type == "ORG"


def test_a_cue_in_a_condition_or_a_gerund_of_purpose_reports_nothing(nlp):
    def reported(text):
        return [(q.speaker, text[q.span.start:q.span.end])
                for q in find_quotes(nlp(text), "a", 10) if q.kind == "reported"]

    assert reported("If the inspectors had concluded that the bridge was safe, they would have reopened it.") == []
    assert reported("The report gives the court the grounds it needs for concluding that the firm broke the law.") == []
    assert reported("The council rejected the plan after saying it would cost too much.") == [
        ("The council", "it would cost too much")]
    assert reported("Officials said that if the dam broke, the town would flood.") == [
        ("Officials", "if the dam broke, the town would flood")]


@pytest.mark.parametrize("text, speaker, content", [
    ("Opposition leader Ana Marn declared Osten ‘without the old guard,’ according to Reuters.",
     "Ana Marn", "Osten ‘without the old guard,’"),
    ("The senator described the talks as “productive” on Monday.", "The senator", "the talks as “productive”"),
])
def test_words_woven_after_what_a_speaker_described_are_a_reported_statement(nlp, text, speaker, content):
    # too short for a direct quote of their own, the quoted words are what the speaker called something
    quotes = find_quotes(pipeline_doc(nlp, text), "a", 10)
    assert [(q.kind, q.speaker, text[q.span.start : q.span.end]) for q in quotes] == [("reported", speaker, content)]


def test_a_reported_clause_keeps_the_closing_mark_of_the_words_it_quotes(nlp):
    text = "Officials said the plan was “a disaster”."
    (found,) = find_quotes(pipeline_doc(nlp, text), "a", 10)
    assert text[found.span.start : found.span.end] == "the plan was “a disaster”"


def test_all_told_is_a_set_phrase_that_reports_no_ones_words(nlp):
    from crosswire.extract.claims import find_claims

    text = ("Rob Vell collects model ships. All told, more than 900 6-inch and 10-inch “Vela” boats, including "
            "antique models, crowd his house. He told reporters that the collection is worth a fortune.")
    found = quotes_of(nlp, text)
    assert [text[q.span.start:q.span.end] for q in found] == ["the collection is worth a fortune"]
    claims = find_claims(nlp(text), "a", None, found)
    assert [c.attributed_to for c in claims if c.text.startswith("All told")] == [None]


def test_a_speaker_phrase_cuts_no_name_in_two(nlp):
    from crosswire.extract.claims import find_claims

    # the parser hangs "Now" on the verb; the tagger reads "Justice Now" as one name
    text = ("The Vela group Justice Now said the new homes are more than a mile away from the old village. "
            "The homes are the start of a new village, the group said.")
    found = quotes_of(nlp, text)
    assert [q.speaker for q in found] == ["The Vela group Justice Now"] * 2
    claims = find_claims(nlp(text), "a", None, found)
    assert {c.attributed_to for c in claims} == {"The Vela group Justice Now"}


def test_a_subject_the_parser_hung_as_an_apposition_still_speaks(nlp):
    # as the parser read such a sentence: "a writer …" a second name of "site", "wrote" without a subject
    rows = [  # word, tag, pos, dep, head, lemma
        ("On", "IN", "ADP", "prep", 15, "on"), ("a", "DT", "DET", "det", 5, "a"),
        ("leading", "JJ", "ADJ", "amod", 5, "leading"), ("fan", "NN", "NOUN", "compound", 5, "fan"),
        ("Web", "NNP", "PROPN", "compound", 5, "Web"), ("site", "NN", "NOUN", "pobj", 0, "site"),
        (",", ",", "PUNCT", "punct", 5, ","), ("www.velafans.net", "NNP", "PROPN", "appos", 5, "www.velafans.net"),
        (",", ",", "PUNCT", "punct", 5, ","), ("a", "DT", "DET", "det", 10, "a"),
        ("writer", "NN", "NOUN", "appos", 5, "writer"), ("using", "VBG", "VERB", "acl", 10, "use"),
        ("the", "DT", "DET", "det", 13, "the"), ("nickname", "NN", "NOUN", "dobj", 11, "nickname"),
        ("BetterVela", "NNP", "PROPN", "appos", 13, "BetterVela"), ("wrote", "VBD", "VERB", "ROOT", 15, "write"),
        (":", ":", "PUNCT", "punct", 15, ":"), ("“", "``", "PUNCT", "punct", 15, "“"),
        ("We", "PRP", "PRON", "nsubj", 19, "we"), ("loved", "VBD", "VERB", "ccomp", 15, "love"),
        ("every", "DT", "DET", "det", 21, "every"), ("minute", "NN", "NOUN", "dobj", 19, "minute"),
        ("of", "IN", "ADP", "prep", 21, "of"), ("it", "PRP", "PRON", "pobj", 22, "it"),
        (".", ".", "PUNCT", "punct", 15, "."), ("”", "''", "PUNCT", "punct", 15, "”"),
    ]
    doc = parsed_as(nlp, rows)
    [quote] = find_quotes(doc, "a", 15)
    assert quote.speaker == "a writer using the nickname BetterVela"
    assert doc.text[quote.span.start:quote.span.end] == "We loved every minute of it."


def test_what_follows_the_verb_of_saying_is_reported_not_an_aside_before_its_subject(nlp):
    # the parser hangs "12.5 million people watched" on "said" as a second clausal complement
    text = ("Anton Vela hosted the gala last year. While Vela's show drew strong ratings – 12.5 million people "
            "watched, 3% more than the year before – he said he would not host the gala again because of the reviews.")
    doc = nlp(text)
    assert sum(t.dep_ == "ccomp" and t.head.lower_ == "said" for t in doc) == 2  # the misreading this guards
    [quote] = [q for q in find_quotes(doc, "a", 15) if q.kind == "reported"]
    assert text[quote.span.start:quote.span.end] == "he would not host the gala again because of the reviews"
    assert quote.speaker == "Anton Vela"


def test_a_person_said_to_have_done_something_says_nothing(nlp):
    text = ("A man said to have been released from a secure hospital against his wishes was yesterday being "
            "questioned over the deaths of his mother and sister.")
    assert quotes_of(nlp, text) == []
    told = [q for q in quotes_of(nlp, "The minister said to reporters that the talks would resume on Monday.")]
    assert [q.speaker for q in told] == ["The minister"]


def test_an_impersonal_passive_names_no_speaker_and_according_to_takes_a_shared_subject(nlp):
    text = ("Vell suddenly disappeared from the scene in 1958.\n\nIt was only decades later revealed that she "
            "re-emerged to explain that she underwent a religious conversion and moved to Florida.\n\nVell went through years of hardship and trouble with the law and was eventually "
            "diagnosed as a schizophrenic, according to her biography.")
    quotes = quotes_of(nlp, text)
    assert [q.speaker for q in quotes] == ["her biography"]  # "It" said nothing
    assert text[quotes[0].span.start:quotes[0].span.end].startswith("Vell went through years of hardship")


def test_a_person_named_beside_the_subject_is_who_acted(nlp):
    text = ("Mr Sorel said only once in his career did he suspect the pills of harm.\n\n"
            "Only one, Dr. Pavel Marnic, has made a partial confession. He admitted in court last month "
            "that he gave the pills to athletes, but insisted the doses were too small to cause harm.")
    [quote] = [q for q in quotes_of(nlp, text) if q.cue and q.cue.startswith("admitted")]
    assert quote.speaker == "Pavel Marnic"


def test_a_relative_pronoun_before_a_participle_of_saying_is_the_noun_its_clause_modifies(nlp):
    text = ("The seat is one that retired Army Colonel Lena Marnic in Vela, who was discharged from the army in "
            "1992 after saying she was a pacifist, would like.")
    [quote] = quotes_of(nlp, text)
    assert quote.speaker == "Lena Marnic"


def test_a_name_the_tagger_ran_into_a_following_preposition_ends_before_it(nlp):
    from spacy.tokens import Span as DocSpan

    from crosswire.extract.speakers import without_trailing_title

    doc = nlp("“Some drivers abuse it,” says Pavlos Markis of the Transport Ministry.")
    start = next(t.i for t in doc if t.text == "Pavlos")
    tagged = DocSpan(doc, start, start + 3, label="ORG")  # "Pavlos Markis of", as the tagger may read it
    assert without_trailing_title(tagged).text == "Pavlos Markis"
    whole = DocSpan(doc, start + 3, start + 6, label="ORG")
    assert without_trailing_title(whole).text == "the Transport Ministry"


def test_a_name_the_tagger_cut_before_its_closing_bracket_is_whole(nlp):
    from spacy.tokens import Span as DocSpan

    from crosswire.extract.speakers import with_bracket_closed

    doc = nlp("The crime rate fell, the Vela Bureau of Statistics (VBS) reported Sunday.")
    start = next(t.i for t in doc if t.text == "the" and t.i > 0)
    opening = next(t.i for t in doc if t.text == "(")
    cut = DocSpan(doc, start, opening + 2, label="ORG")  # "the Vela Bureau of Statistics (VBS", as tagged
    assert with_bracket_closed(cut).text == "the Vela Bureau of Statistics (VBS)"
    whole = DocSpan(doc, start, opening, label="ORG")
    assert with_bracket_closed(whole).text == "the Vela Bureau of Statistics"


def test_a_hyphenated_speaker_the_parser_split_is_one_word(nlp):
    text = ("“The port will reopen,” said the vice-president of the dockers' union.\n"
            "“The ferries will wait,” said the report's co-author, Pavlos Markis, director of the Marn institute.")
    assert [q.speaker for q in quotes_of(nlp, text)] == ["the vice-president of the dockers' union", "Pavlos Markis"]


def test_a_noun_the_parser_read_as_a_second_verb_of_what_was_said_stays_in_it(nlp):
    text = ("In addition, they say the delays reflect five years of budget freezes that have reduced "
            "the Vela port staff from 150 to 105, forcing the port to be more efficient.")
    [quote] = quotes_of(nlp, text)
    assert text[quote.span.start:quote.span.end] == (
        "the delays reflect five years of budget freezes that have reduced the Vela port staff from 150 to 105, "
        "forcing the port to be more efficient")


def test_according_to_a_measure_tells_nothing_and_a_subject_read_as_a_second_apposition_is_the_clauses(nlp):
    text = ("Two years ago, dissatisfaction with the schools was a more common answer than faith.\n\n"
            "According to Lena Marnic, an educational anthropologist at the University of Vela, one fast-growing "
            "group of home schoolers is young doctors, worried by the lack of safe schools for their children.\n\n"
            "In most states, schools are financed according to the number of pupils attending. "
            "The fever is diagnosed according to a set of guidelines written by the Vela health board. "
            "According to the plan, the Vela port will reopen in May.")
    quotes = quotes_of(nlp, text)
    assert [(q.speaker, text[q.span.start:q.span.end]) for q in quotes] == [
        ("Lena Marnic", ("one fast-growing group of home schoolers is young doctors, worried by the lack of safe "
                        "schools for their children")),
        ("the plan", "the Vela port will reopen in May")]  # what the plan says


def test_a_subject_the_parser_read_as_the_cues_object_keeps_its_aside_between_dashes(nlp):
    text = ("Ana Vell, head of the Marn union, said her 9,000-member locals -- up from 5,000 in 2020 -- "
            "have just one demand for the port owners.")
    [quote] = quotes_of(nlp, text)
    assert text[quote.span.start:quote.span.end] == (
        "her 9,000-member locals -- up from 5,000 in 2020 -- have just one demand for the port owners")
