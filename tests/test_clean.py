"""Cleaning: encoding repair, boilerplate, run-together sentences, sentence offsets, language."""

from __future__ import annotations

import datetime as dt

from hypothesis import example, given, settings
from hypothesis import strategies as st

from crosswire.clean import clean_document, clean_text, crossheads, detect_language, split_sentences
from crosswire.clean.boilerplate import is_news_budget
from crosswire.clean.encoding import repair_encoding
from crosswire.model import Document


def test_mojibake_is_repaired():
    broken = "The minister’s statement".encode().decode("latin-1")
    fixed, repairs = repair_encoding(broken)
    assert fixed == "The minister’s statement"
    assert any("ftfy" in r for r in repairs)


def test_lone_trailing_a_circumflex_that_ftfy_leaves_is_removed():
    fixed, repairs = repair_encoding("The whereabouts are unknown.Â")
    assert fixed == "The whereabouts are unknown."
    assert any("Â" in r for r in repairs)


def test_real_a_circumflex_inside_words_is_kept():
    assert repair_encoding("Âge and Râmnicu Vâlcea")[0] == "Âge and Râmnicu Vâlcea"


def test_nbsp_and_invisible_characters_become_plain_spaces():
    assert repair_encoding("there was\u00a0currently no\u200b threat")[0] == "there was currently no threat"


def test_publication_stamps_and_bare_links_are_dropped_but_sentences_starting_alike_are_kept():
    lines = ["Updated 5:40 p.m. ET", "Posted on Thu Jun 13, 2013 08:45 AM PDT", "http://www.example.com/a/b",
             "on April 30, 2008 at 4:31 AM — updated April 30, 2008 at 8:33 AM",
             "Updated figures show 40 people died in the blast.", "Published reports said 3 people were hurt.",
             "On April 30, 2008 at 4:31 AM the last train left."]
    text, repairs = clean_text("\n".join(lines))
    assert text.split("\n\n") == lines[4:]
    assert sum("timestamp" in r for r in repairs) == 3 and sum("(link)" in r for r in repairs) == 1


def test_curly_quotes_are_kept():
    assert "“We" in clean_text("He said, “We are here.”")[0]


def test_boilerplate_lines_are_dropped_but_paragraphs_that_mention_them_are_kept():
    lines = [
        "Follow us on Twitter",
        "Image Source : AP President at the podium",
        "Share this article",
        "Read more: other news",
        "Advertisement",
        "The ministry said it would follow the situation closely and share updates with all parties involved.",
    ]
    body = "\n".join(lines)
    text, repairs = clean_text(body)
    assert text == "The ministry said it would follow the situation closely and share updates with all parties involved."
    assert sum(r.startswith("boilerplate") for r in repairs) == 5


def test_wire_desk_notes_and_contributor_credits_are_dropped():
    kept = ["The plane crashed into the sea, officials said.", "Investigators recovered the recorder on Tuesday."]
    notes = ["(STORY CAN END HERE. OPTIONAL MATERIAL FOLLOWS)", "(Reporting by Ann Lee; Editing by Tom Brown)",
             "(Ann Scales and Thomas Farragher of the Globe staff contributed to this report.)",
             "Associated Press writer John J. Doe contributed reporting from St. Louis."]
    text, repairs = clean_text("\n".join([kept[0], notes[0], kept[1], *notes[1:]]))
    assert " ".join(text.split()) == " ".join(kept)
    assert sum(r.startswith("boilerplate (wire note)") for r in repairs) == 2
    assert sum(r.startswith("boilerplate (contributors)") for r in repairs) == 2
    # reporting that mentions a contribution or an option stays
    for line in ("Donors contributed to this report's funding, the charity said, and more gave later.",
                 "(More than 200 people attended.)", "Reporting by the paper contributed to his resignation.",
                 "(Reporting by Ann Lee) The plane crashed into the sea.", "(Optional) The minister said talks resume."):
        assert clean_text(line)[0] == line


def test_a_paragraph_of_credits_run_together_is_boilerplate():
    body = "The council voted on Tuesday to close the old ferry pier after engineers found cracks."
    credits = ("Mike Roe writes for the Vela Daily News, Vela, Ohio. Daily News staff writers Ana Vell and "
               "Bo Lin contributed to this report. Vela Wire also contributed to this report.")
    text, repairs = clean_text(f"{body}\n\n{credits}")
    assert text == body
    assert any(r.startswith("boilerplate (credits)") for r in repairs)
    # one sentence that is no credit keeps the paragraph
    for kept in ("Staff writer Ana Vell contributed to this report. The pier closes on Monday.",
                 "Mr. Roe writes for the Vela Daily News. Ana Vell contributed to this report."):
        assert clean_text(f"{body}\n\n{kept}")[0] == f"{body}\n\n{kept}"


def test_title_repeated_as_first_body_line_is_dropped():
    text, repairs = clean_text("Budget Passes\n\nBudget  passes\n\nThe council approved it.", title="Budget Passes")
    assert text == "The council approved it."
    assert "boilerplate (repeated title)" in repairs


def test_glued_sentences_are_split_without_touching_abbreviations_or_domains():
    text, _ = clean_text('It was a post.The ministry said so."We agree," he said.Later the U.S.A. and example.com replied.')
    assert "post. The" in text
    assert 'so. "We agree," he said. Later' in text
    assert "U.S.A." in text and "example.com" in text


def test_closing_quote_glued_to_next_sentence():
    text, _ = clean_text('He said "it is over."Then he left.')
    assert text == 'He said "it is over." Then he left.'


def test_sentences_break_at_paragraphs_and_keep_abbreviations():
    text = "Headline without stop\n\nMr. Smith arrived at 5 p.m. on Monday. He left.\n\n“We stay,” she said. “We go.”"
    sents = [text[s.start : s.end] for s in split_sentences(text, "a")]
    assert sents[0] == "Headline without stop"
    assert "Mr. Smith arrived" in sents[1]
    assert sents[-2:] == ["“We stay,” she said.", "“We go.”"]


def test_opening_quote_goes_with_the_sentence_it_opens():
    text = 'Moscow urged calm, it said. "We urge all parties to refrain," the statement said.'
    sents = [text[s.start : s.end] for s in split_sentences(text, "a")]
    assert sents == ["Moscow urged calm, it said.", '"We urge all parties to refrain," the statement said.']


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abc ABC.!?\n\"“”'")), max_size=300))
def test_sentence_offsets_are_ordered_stripped_and_cover_every_visible_character(text):
    sentences = split_sentences(text, "a")
    previous_end = 0
    covered = 0
    for i, s in enumerate(sentences):
        assert s.index == i and previous_end <= s.start < s.end <= len(text)
        piece = text[s.start : s.end]
        assert piece == piece.strip()
        covered += sum(not ch.isspace() for ch in piece)
        previous_end = s.end
    assert covered == sum(not ch.isspace() for ch in text)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
@example("á\x86\t0")  # the tab made a space that a second ftfy pass read as mojibake
def test_cleaning_is_idempotent(text):
    once, _ = clean_text(text)
    twice, _ = clean_text(once)
    assert twice == once


def test_clean_document_keeps_raw_text_and_offsets_point_into_clean_text():
    raw = "Share on Facebook\nThe vote passed.The mayor left.Â"
    doc = Document(id="d1", source="x", raw_text=raw, format="text", body=raw)
    article = clean_document(doc)
    assert article.raw_text == raw
    assert article.text == "The vote passed. The mayor left."
    assert [article.text[s.start : s.end] for s in article.sentences] == ["The vote passed.", "The mayor left."]


def test_a_syndicate_trailer_names_the_outlet_that_filed_the_story():
    raw = ("ATLANTA _ The judge set a hearing for next week.\n \n \n"
           "   Story Filed By Ledger Newspapers\n \n \n   For Use By Clients of the Metro News Service\n")
    article = clean_document(Document(id="d1", source="x", raw_text=raw, format="text", body=raw))
    assert article.outlet == "Ledger Newspapers"
    assert article.text == "ATLANTA _ The judge set a hearing for next week."
    assert "outlet: Ledger Newspapers, read from the syndicate's trailer" in article.repairs
    given = clean_document(Document(id="d2", source="x", raw_text=raw, format="text", body=raw, outlet="Daily Sun"))
    assert given.outlet == "Daily Sun"
    wire = "MOSCOW (AP) -- The navy said the crew was safe.\n\nStory Filed By Ledger Newspapers"
    assert clean_document(Document(id="d3", source="x", raw_text=wire, format="text", body=wire)).outlet == "AP"
    told = "The story filed by the reporter was wrong, the editor said."
    assert clean_document(Document(id="d4", source="x", raw_text=told, format="text", body=told)).outlet is None


def test_an_agency_dateline_names_the_outlet_when_nothing_else_does():
    raw = "ANKARA, August 20 (Xinhua) -- Rescuers pulled two survivors from the rubble on Friday."
    article = clean_document(Document(id="d1", source="x", raw_text=raw, format="text", body=raw))
    assert article.outlet == "Xinhua"
    assert "outlet: Xinhua, read from the wire dateline" in article.repairs
    given = clean_document(Document(id="d2", source="x", raw_text=raw, format="text", body=raw, outlet="Daily Sun"))
    assert given.outlet == "Daily Sun"
    plain = "WASHINGTON _ Officials said the talks would resume on Monday in the capital."
    assert clean_document(Document(id="d3", source="x", raw_text=plain, format="text", body=plain)).outlet is None


def test_a_dateline_with_a_full_date_dates_an_undated_report_and_a_month_and_day_alone_does_not():
    from crosswire.clean.dateline import dateline_day

    raw = "LIMA, Oct. 2, 2001 (Xinhua) -- Rescuers pulled two survivors from the rubble on Friday."
    article = clean_document(Document(id="d1", source="x", raw_text=raw, format="text", body=raw))
    assert (article.published, article.published_source) == (dt.date(2001, 10, 2), "header")
    assert "published: 2001-10-02, read from the wire dateline" in article.repairs
    given = Document(id="d2", source="x", raw_text=raw, format="text", body=raw, published=dt.date(2001, 10, 3),
                     published_source="given")
    assert clean_document(given).published == dt.date(2001, 10, 3)  # a given date stands
    bare = "LIMA, Oct. 2 (Xinhua) -- Rescuers pulled two survivors from the rubble on Friday."
    assert clean_document(Document(id="d3", source="x", raw_text=bare, format="text", body=bare)).published is None
    assert dateline_day(bare) == (None, 10, 2)
    assert dateline_day("LIMA, Feb. 30 (Xinhua) -- No such day.") is None
    assert dateline_day("Rescuers said on Oct. 2 -- in a statement -- that two survived.") is None


def test_language_detection():
    assert detect_language("The government announced new measures to support the economy on Monday.") == "en"
    assert detect_language("Le gouvernement a annoncé de nouvelles mesures pour soutenir l'économie lundi.") == "fr"
    assert detect_language("Hi") is None


WIRE_PARAGRAPHS = [
    ("VELA (XN) -- The harbour authority of Vela said on Monday that the northern pier would stay "
    "closed for at least three weeks while divers inspect the damage left by the storm."),
    ("Officials said repairs could cost more than 40 million crowns, and that ferries would use "
    "the southern terminal until the inspection is finished and the pier is declared safe."),
    ("``We will not reopen it before every pile has been checked,'' the harbour master told "
    "reporters, adding that the storm was the strongest the town had seen in two decades."),
]


def wire_copy(width: int = 68) -> str:
    """Paragraphs hard-wrapped at ``width`` columns, each opened by a tab, as news-service files are."""
    import textwrap

    return "\n".join("\t" + "  \n".join(textwrap.wrap(p, width)) + "  \n" for p in WIRE_PARAGRAPHS)


def test_hard_wrapped_wire_copy_is_joined_into_its_paragraphs():
    text, repairs = clean_text(wire_copy())
    paragraphs = text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[1] == WIRE_PARAGRAPHS[1]
    assert any("hard-wrapped" in r for r in repairs)
    sentences = split_sentences(text, "a")
    assert all(text[s.end - 1] in ".”" for s in sentences)  # no sentence cut at a line break


def test_text_with_one_paragraph_or_header_line_per_line_is_not_unwrapped():
    lines = ["Pier closed after storm", "By Jane Roe", "May 03, 2013",
             "The pier will stay closed.", "Divers are inspecting it."]
    text, repairs = clean_text("\n".join(lines))
    assert text.split("\n\n") == [line for line in lines if line != "By Jane Roe"]  # a byline is boilerplate
    assert not any("hard-wrapped" in r for r in repairs)
    assert clean_text(clean_text(wire_copy())[0])[0] == clean_text(wire_copy())[0]  # idempotent


def test_a_wire_brief_of_a_few_wrapped_lines_is_one_paragraph():
    brief = ("OSLO, March 4 (NTB) -- The Norwegian Prime Minister Erna Lund on\n"
             "Tuesday named former finance minister Petter Aas to head the new\n"
             "sovereign fund board that oversees the country's oil savings from\n"
             "April.")
    text, repairs = clean_text(brief)
    assert "\n" not in text and "Lund on Tuesday named" in text and text.endswith("savings from April.")
    assert any("hard-wrapped" in r for r in repairs)
    headers = ["http://www.example.com/news/2013/05/03/pier-closed-after-the-storm-on-friday",
               "Pier closed after the storm on Friday evening in the bay area",
               "The pier will stay closed."]
    assert "bay area\n\nThe pier" in clean_text("\n".join(headers))[0]  # a URL and a title are no wrapped prose
    headed = ["Council backs the new harbour plan in a late vote", "By ANNA ROE, Associated Press Writer",
              "OSLO (AP) _ The city council approved the harbour plan on Tuesday after a nine-hour debate."]
    assert clean_text("\n".join(headed))[0].startswith("Council backs the new harbour plan in a late vote\n\n")
    two = ("OSLO, March 4 (ntb) -- The Norwegian parliament on Tuesday\n"
           "rejected a tough harbour bill which tried to make the ports and\n"
           "ferries of the whole country free of diesel engines by 2030.\n \n \n"
           "Of the 169 members who cast ballots, 96 voted against the\n"
           "bill and 73 voted for it.")
    assert clean_text(two)[0].split("\n\n") == [
        ("OSLO, March 4 (ntb) -- The Norwegian parliament on Tuesday rejected a tough harbour bill which tried to "
         "make the ports and ferries of the whole country free of diesel engines by 2030."),
        "Of the 169 members who cast ballots, 96 voted against the bill and 73 voted for it."]


def test_tex_quotes_become_typographic_and_feed_codes_go():
    text, repairs = repair_encoding("&UR; ``We will not reopen it,'' he said. &QL; Tom &AMP; Co.")
    assert "“We will not reopen it,” he said." in text
    assert "&UR;" not in text and "&QL;" not in text
    assert "Tom & Co." in text  # a real HTML entity, upper case too, is read, never dropped
    assert any("TeX" in r for r in repairs) and any("typesetting" in r for r in repairs)
    assert repair_encoding("He is 6'2'' tall.")[0] == "He is 6'2'' tall."  # inches, not a quote
    doubled = repair_encoding("''We will not reopen it,'' he said. The pile is 6'2'' wide.")[0]
    assert doubled == '"We will not reopen it," he said. The pile is 6\'2\'\' wide.'


def test_a_dateline_ends_at_one_hyphen_after_the_credit_and_a_credit_may_hold_spaces():
    from crosswire.clean.dateline import dateline_agency, strip_dateline

    assert strip_dateline("TOLEDO (AP) - The levee held.") == "The levee held."
    assert dateline_agency("TOLEDO (AP) - The levee held.") == "AP"
    assert dateline_agency("LIMA, May 2 (Xinhua ) -- The levee held.") == "Xinhua"
    assert strip_dateline("The vote (held Monday) - a surprise - failed.").startswith("The vote")
    assert strip_dateline("UN monitors (six of them) - who left - spoke.").startswith("UN monitors")
    assert strip_dateline("GM (General Motors) - the largest carmaker - cut jobs.").startswith("GM")  # no agency


def test_a_dateline_ends_at_an_underscore_set_against_the_first_word_after_the_credit():
    from crosswire.clean.dateline import dateline_agency, strip_dateline

    assert strip_dateline("TOLEDO, Ohio (AP) _Ohio farmers met on Monday.") == "Ohio farmers met on Monday."
    assert dateline_agency("TOLEDO, Ohio (AP) _Ohio farmers met on Monday.") == "AP"
    assert strip_dateline("GM (General Motors) _The carmaker cut jobs.").startswith("GM")  # no agency's credit
    assert strip_dateline("TOLEDO (AP) _x_y is a file name.").startswith("TOLEDO")  # no word starts the report


def test_wire_datelines_end_where_the_report_starts():
    from crosswire.clean.dateline import strip_dateline

    assert strip_dateline("WASHINGTON (AP) -- A top official urged action.") == "A top official urged action."
    assert strip_dateline("SYDNEY, Australia _ Rain fell.") == "Rain fell."
    assert strip_dateline("UN inspectors -- who arrived on Monday -- left.") == "UN inspectors -- who arrived on Monday -- left."


def test_a_title_before_a_name_does_not_end_the_sentence():
    from crosswire.clean.sentences import split_sentences

    text = "The gunman used a shotgun, Troy police Lt. Gerry Scherlinck said. Sgt. Ann Earley gave first aid."
    sentences = [text[s.start:s.end] for s in split_sentences(text, "a")]
    assert sentences == ["The gunman used a shotgun, Troy police Lt. Gerry Scherlinck said.",
                         "Sgt. Ann Earley gave first aid."]


def test_no_sentence_ends_inside_a_title_a_number_sign_or_before_a_lower_case_word():
    text = ("The truck was released into the custody of Asst. Police Chief John Doe. "
            "Protesters gathered outside No. 10 on Friday. A blast at the u.s. embassy killed 253 people. "
            "Specimen No. ZL00036 reached the lab on Monday. "
            "He said no. Then he left. eBay shares fell 5 percent. "
            "“Make a sound, any sound!” shouted the translator over the rubble. "
            "A hearing opened in Laramie, Wyo., for one of the two men.")
    assert [text[s.start : s.end] for s in split_sentences(text, "a")] == [
        "The truck was released into the custody of Asst. Police Chief John Doe.",
        "Protesters gathered outside No. 10 on Friday.",
        "A blast at the u.s. embassy killed 253 people.",
        "Specimen No. ZL00036 reached the lab on Monday.",
        "He said no.",
        "Then he left.",
        "eBay shares fell 5 percent.",
        "“Make a sound, any sound!” shouted the translator over the rubble.",
        "A hearing opened in Laramie, Wyo., for one of the two men.",
    ]
    lower = "the man was arrested on monday. he was charged with murder. police said he fled."
    assert len(split_sentences(lower, "a")) == 3  # lower-cased text keeps its breaks
    framed = ("“What could it be this time?” Ana Vell thought when the port sent her a letter. "
              "He asked: “Where is the ferry?” The Port Authority said it did not know.")
    assert [framed[s.start : s.end] for s in split_sentences(framed, "a")] == [
        "“What could it be this time?” Ana Vell thought when the port sent her a letter.",
        "He asked: “Where is the ferry?”", "The Port Authority said it did not know."]
    told = "We all said, “Look, it's sailing!” Ana Vell said her goal was to reopen the port."
    assert len(split_sentences(told, "a")) == 2  # the exclamation ends a sentence that began before it


def test_wire_trailers_contacts_pickup_notes_and_desk_marks_are_dropped():
    body = ("The mayor, Ana Prado(cq), said the bridge would reopen on Monday.\n"
            "The hunt, 3rd graf pvs\n"
            "The village can be reached by boat from the harbour in two hours.\n"
            "Jena Heath can be reached at jenah@example.com\n"
            "Paris Hilton can be reached at her hotel, police said on Friday.\n"
            "ENDIT\n"
            "Spot news budgets move daily at 2 p.m. with photo information.")
    text, repairs = clean_text(body)
    assert text == ("The mayor, Ana Prado, said the bridge would reopen on Monday.\n\n"
                    "The village can be reached by boat from the harbour in two hours.\n\n"
                    "Paris Hilton can be reached at her hotel, police said on Friday.")
    assert any("end marker" in r for r in repairs) and any("(cq)" in r for r in repairs)


def test_wire_underscore_dashes_become_dashes_and_are_recorded():
    text, repairs = clean_text("CAIRO (AP) _ Brian Jones _ who wore a blue flight suit _ said the file_name was lost.")
    assert text == "CAIRO (AP) _ Brian Jones — who wore a blue flight suit — said the file_name was lost."
    assert any("wire dashes" in r and "2" in r for r in repairs)
    assert clean_text(text)[0] == text


def test_a_byline_and_its_desk_are_boilerplate_so_the_dateline_opens_the_text():
    from crosswire.clean.dateline import dateline_agency

    raw = ("*By ROBERT W. BLACK\n*Associated Press Writer\n"
           "LARAMIE, Wyo. (AP) -- A judge ruled today that the trial will go on as planned.\n"
           "By Monday the flood had receded from every street of the town.")
    text, repairs = clean_text(raw)
    assert text.startswith("LARAMIE, Wyo. (AP) --") and dateline_agency(text) == "AP"
    assert "By Monday the flood had receded" in text
    assert sum("byline" in r or "staff credit" in r for r in repairs) == 2


def test_a_title_case_headline_is_no_byline_or_staff_credit():
    for line in ("By Land And By Sea", "Iran Frees Jailed Reporter", "Paper Fires Reporter", "By Monday"):
        text, _ = clean_text(f"{line}\nThe pier will stay closed for a week after the storm, officials said.")
        assert text.startswith(line), line
    text, _ = clean_text("BY JANE DOE, Associated Press Writer\nThe pier will stay closed for a week, officials said.")
    assert text.startswith("The pier")


def test_a_syndication_credit_and_a_series_teaser_are_boilerplate():
    raw = ("&UR; (Distributed by New York Times Special Features) &LR;  &QC;\n \n"
           "   Much of our energy is spent on talks with foreign governments.\n \n"
           "   &UR; NEXT: Part III: Five Major Tests of American Leadership &LR;  &QL;\n")
    text, repairs = clean_text(raw)
    assert text == "Much of our energy is spent on talks with foreign governments."
    assert any("syndication" in r for r in repairs) and any("series teaser" in r for r in repairs)
    kept = "Next: the mayor spoke.\n\nThe bridge was distributed by the state to three towns, officials said."
    assert clean_text(kept)[0] == kept


def test_a_syndicates_sales_note_and_its_representatives_numbers_are_boilerplate():
    body = "The reef survey ends in June. Divers counted 40 species, and the fax machine at the station broke."
    lines = [body,
             ("(To buy this weekly science column from the Harbor Press — reprints are cheap — please contact one "
             "of the Harbor Press Syndicate sales offices listed below for prices and terms:"),
             "(_ North America: LENA PARK in Denver at 1-800-555-0142 or 303-555-0199, or fax her at 303-555-0111.",
             "(_ Europe: TOM WEIR in Lyon at 44-21-55-10; fax, 44-21-55-11; telex, 223-441."]
    text, repairs = clean_text("\n\n".join(lines))
    assert text == body
    assert sum("sales" in r for r in repairs) == 3
    for kept in ["Call 555-0142 or fax 555-0111 to reach the station, officials said.",
                 "Police said the suspect sent a fax on 12-05-99 and another on 12-06-99.",
                 "To buy a ticket, fans must call the box office at 555-1234, organisers said."]:
        assert clean_text(kept)[0] == kept


def test_notes_on_publishing_subscribing_and_to_editors_are_boilerplate_and_a_piece_of_only_notes_is_rejected():
    body = "The reef survey ends in June. Divers counted 40 species."
    notes = [("(To publish this column in your paper, buy it from the Harbor Press Syndicate: its sales "
              "representative LENA PARK, Denver, takes orders at 1-800-555-0142 or 303-555-0199, fax 303-555-0111.)"),
             ("(Ask the sales desk how to subscribe to ReefWeek, the syndicate's package of sea and coast stories "
              "for weekend editions, which ships with maps and photographs every Friday morning.)"),
             "(EDITORS: Hold this column until the harbour vote is counted.)",
             "EDITOR: ReefWeek runs in three parts; this is part two.",
             "Eds: Moves with the harbour package."]
    text, repairs = clean_text("\n\n".join([body, *notes]))
    assert text == body
    assert [r.split(":")[0] for r in repairs if r.startswith("boilerplate")] == [
        "boilerplate (sales note)", "boilerplate (subscription note)", *["boilerplate (editors' note)"] * 3]
    for kept in ["EDITOR'S NOTE: The writer spent a year on the reef with the divers.",
                 "Editors at the paper said they would publish the survey in full.",
                 "(Readers asked how to subscribe to the survey's reports, the institute said, and it agreed.)"[:-1]]:
        assert clean_text(kept)[0] == kept
    notes_only = Document(id="n1", source="notes.txt", raw_text="\n\n".join(notes), format="text", body="\n\n".join(notes))
    rejection = clean_document(notes_only)
    assert rejection.reason == "no_text" and "nothing left" in rejection.detail


def test_desk_notes_site_pointers_and_shared_taglines_are_boilerplate():
    body = "The council met on Monday. Two members stayed away."
    notes = ["(BEGIN OPTIONAL TRIM)", "Visit the Courier on the Web at: http://www.courier.example",
             "(Ana Roe and Bo Lee Tam are Courier correspondents based in Lyon.)"]
    text, repairs = clean_text("\n\n".join([body, *notes]))
    assert text == body and len([r for r in repairs if r.startswith("boilerplate")]) == 3
    kept = "Visit the museum before it closes, officials said.\n\n(Roe and Lee are running for the council.)"
    assert clean_text(kept)[0] == kept


def test_a_wire_link_list_a_rule_and_a_columnist_tagline_are_boilerplate():
    raw = ("WASHINGTON (AP) -- The safety board met on Friday to review the crash.\n\n"
           "It will meet again next week.\n\n------\n\nOn the Net:\n\nNTSB: http://www.ntsb.gov\n")
    text, repairs = clean_text(raw)
    assert text.endswith("It will meet again next week.")
    assert any("end marker" in r and "On the Net" in r for r in repairs)
    column = ("The mayor spoke on Friday about the budget for the city.\n\n"
              "(Jeff Jacoby is a Globe columnist. His e-mail address is jacoby(at)globe.com)")
    assert clean_text(column)[0] == "The mayor spoke on Friday about the budget for the city."
    author = ("The mayor spoke on Friday about the budget for the city.\n\n"
              "(Leslie Kean, who writes regularly on Burma, is co-author of a book on the country.)")
    assert clean_text(author)[0] == "The mayor spoke on Friday about the budget for the city."
    kept = ("The mayor spoke on Friday.\n\n(Smith is the director of the agency, which runs the port.)\n\n"
            "On the Network of roads, a lot was said on Friday.")
    assert clean_text(kept)[0] == kept
    for line in ("On the Internet: a new frontier for scams", "On the Web: where the scams begin",
                 "Distributed by the Red Cross, the food reached 3,000 families on Friday.",
                 "(Johnson is running for the Senate.)", "(Arafat was in Gaza for the talks, aides said.)",
                 "(Jones was the editor of the school newspaper, police said.)"):
        text = f"The mayor spoke on Friday.\n\n{line}\n\nThe council met later that day."
        assert clean_text(text)[0] == text, line


def test_a_syndicate_trailer_an_e_mail_line_desk_initials_and_a_site_pointer_are_boilerplate():
    raw = ("ATLANTA _ The judge set a hearing on the assets for next week.\n \n \n"
           "   Jane Q. Roe writes for the Daily Ledger, Springfield, Ill.\n \n \n"
           "   (Jane Roe's E-mail address is: jroe(at)ledger.com)\n \n \n"
           "   For in-depth reporting and opinion, visit the Ledger Campaign Web site: http://www.ledger.com/vote.\n \n \n"
           "   (mj-rs)\n \n \n"
           "   Story Filed By Ledger Newspapers\n \n \n"
           "   For Use By Clients of the Metro News Service\n")
    text, repairs = clean_text(raw)
    assert text == "ATLANTA _ The judge set a hearing on the assets for next week."
    kinds = " ".join(repairs)
    for kind in ("tagline line", "e-mail", "promotion", "desk initials", "wire trailer"):
        assert f"({kind})" in kinds, kind
    for line in ("For use by clients, the firm said, prices will rise in May.",
                 "The story filed by the reporter was wrong, the editor said.",
                 "He said the e-mail address was public.", "For years, visitors came to the site.",
                 "(a) The first rule applies to all members.", "(sic)",
                 "He writes for the Daily Ledger, Roe said.",
                 "Gov. Jane Roe writes for the Daily Ledger that the bridge is needed.",
                 "Prosecutors said the e-mail came from jroe@example.com.",
                 "Her e-mail address is listed as jroe@example.com in the court papers.",
                 "Story filed by the agency was later corrected."):
        text = f"The mayor spoke on Friday.\n\n{line}\n\nThe council met later that day."
        assert clean_text(text)[0] == text, line


def test_a_sentence_ends_after_dotted_initials_where_a_new_one_plainly_begins():
    text = ("A caller phoned the Vela bank around 10:30 a.m. Marn County deputies came at once. "
            "The depot shut at 5 p.m. Sunday and again at 6 p.m. Jan. 5 for the night. "
            "It opened at 9 a.m. Eastern time and at 9:35 a.m. Vela time (0535 GMT) abroad. "
            "Staff took the 7 p.m. Vela Express home at 9 a.m. EST Monday. "
            "Author J.R. Marn moved to the U.S. In 2001 he joined the U.S. Embassy staff in Washington, D.C. "
            "The post went to U.S. Attorney Ana Vell.")
    assert [text[s.start : s.end] for s in split_sentences(text, "a")] == [
        "A caller phoned the Vela bank around 10:30 a.m.",
        "Marn County deputies came at once.",
        "The depot shut at 5 p.m. Sunday and again at 6 p.m. Jan. 5 for the night.",
        "It opened at 9 a.m. Eastern time and at 9:35 a.m. Vela time (0535 GMT) abroad.",
        "Staff took the 7 p.m. Vela Express home at 9 a.m. EST Monday.",
        "Author J.R. Marn moved to the U.S.",
        "In 2001 he joined the U.S. Embassy staff in Washington, D.C.",
        "The post went to U.S. Attorney Ana Vell.",
    ]


def test_a_web_address_is_no_run_together_sentence_and_a_sentence_broken_across_paragraphs_is_rejoined():
    from crosswire.clean.whitespace import split_run_ons, unwrap_lines

    assert split_run_ons("The rate is 12.5, according to www.AirSafe.com, a site.")[1] == 0
    assert split_run_ons("See the data at Flight.Safety.gov and AirSafe.com today.")[1] == 0
    assert split_run_ons("The rate fell.Analysts were surprised.") == ("The rate fell. Analysts were surprised.", 1)
    wrapped = ("   The remaining five jets stayed\ngrounded as the investigation\n \n \n"
               "   progressed Thursday. The other airline resumed its flights on\nWednesday after a pause.\n \n \n"
               "   Officials met on Friday\n \n \n   Nobody was hurt in the blaze.")
    text, _ = unwrap_lines(wrapped)
    assert text.split("\n") == [
        ("The remaining five jets stayed grounded as the investigation progressed Thursday. "
         "The other airline resumed its flights on Wednesday after a pause."),
        "Officials met on Friday", "Nobody was hurt in the blaze."]
    heading = "   Key facts\n \n \n   van der Berg, who led the talks, said the deal was done on\nMonday after a week."
    assert unwrap_lines(heading)[0].split("\n")[0] == "Key facts"  # a heading is no broken sentence


def test_a_line_break_inside_brackets_is_joined_so_a_wrapped_tagline_is_dropped_whole():
    tagline = "(Ann Roe is a contributing writer for The Vela\nMorning Star.)"
    text, repairs = clean_text("The ferry to Marn ran late on Monday after a storm.\n" + tagline)
    assert text == "The ferry to Marn ran late on Monday after a storm."
    assert any("inside brackets" in r for r in repairs) and any("tagline" in r for r in repairs)
    assert clean_text(tagline)[0] == ""  # a feed item that is only the tagline keeps nothing
    # a bracket left open by a line that ends a sentence, or closed by nothing on the next, stays apart
    kept = "The port (near Marn was shut.\nVela reopened it (later) on Friday.\nThe ferry (run by Lins\nsailed again."
    assert clean_text(kept)[0].split("\n\n") == kept.split("\n")
    longer = "(Ann Roe is a contributing writer for the\nVela Morning Star and the Marn\nEvening Post.)"
    assert clean_text("The ferry to Marn ran late on Monday after a storm.\n" + longer)[0].endswith("storm.")
    for apart in ("The vote (a first for Marn\n\nwas held on Monday.)", "The vote (a first for Marn\n1) The council met."):
        assert clean_text(apart)[0].count("\n\n") == 1, apart  # a paragraph break, a list marker: no wrap


def test_a_dotted_name_stays_whole_while_sentences_run_together_are_split():
    from crosswire.clean.whitespace import split_run_ons

    assert split_run_ons("The Worm.Bolt.Fox virus spread.It stopped.") == (
        "The Worm.Bolt.Fox virus spread. It stopped.", 1)
    assert split_run_ons("A W32.Lira.B file came.Then the Lira.Two worm.")[0] == (
        "A W32.Lira.B file came. Then the Lira. Two worm.")  # two parts are still read as two sentences
    text = "The Worm.Bolt.Fox virus spread on Monday. It struck the pier.A ferry sank."
    assert [text[s.start:s.end] for s in split_sentences(text, "a")] == [
        "The Worm.Bolt.Fox virus spread on Monday.", "It struck the pier.", "A ferry sank."]


def test_an_opening_bracket_belongs_to_the_sentence_it_opens():
    text = "Ferries are rare and little understood. (Ferries are also a chore to run.) They sail. [The board met.] Then."
    assert [text[s.start:s.end] for s in split_sentences(text, "a")] == [
        "Ferries are rare and little understood.", "(Ferries are also a chore to run.)", "They sail.",
        "[The board met.]", "Then."]
    glossed = "The crowd chanted “Vive la paix!” (Long live peace!) at the gate. A window opened."
    assert [glossed[s.start:s.end] for s in split_sentences(glossed, "a")] == [
        "The crowd chanted “Vive la paix!” (Long live peace!) at the gate.", "A window opened."]


def test_a_feed_code_between_a_word_and_its_possessive_or_closing_mark_leaves_no_space():
    assert repair_encoding("&UR; Ana Roe &LR; 's ferry sails, said Sen &LR; . Bo Lee &LR; , then.")[0].strip() == (
        "Ana Roe's ferry sails, said Sen. Bo Lee, then.")
    assert clean_text("Ana Roe &LR;  met Bo Lee on Monday.")[0] == "Ana Roe met Bo Lee on Monday."


def test_military_and_clerical_titles_end_no_sentence():
    text = ("The border stays shut, Col. Gen. Pavel Orlov told reporters. Maj. Irina Vasko and Brig. Gen. Omar Haddad "
            "agreed. Fr. Luis Ortega and Msgr. Dean Walsh led the service at Ft. Hood.")
    sentences = [text[s.start:s.end] for s in split_sentences(text, "a")]
    assert sentences == ["The border stays shut, Col. Gen. Pavel Orlov told reporters.",
                         "Maj. Irina Vasko and Brig. Gen. Omar Haddad agreed.",
                         "Fr. Luis Ortega and Msgr. Dean Walsh led the service at Ft. Hood."]


def test_a_decimal_split_by_a_space_is_joined_and_ends_no_sentence():
    text, repairs = clean_text("The cost will exceed 3. 5 billion dollars by 2000, up 2. 6 percent a year.")
    assert text == "The cost will exceed 3.5 billion dollars by 2000, up 2.6 percent a year."
    assert any("2 decimals split by a space joined" in r for r in repairs)
    assert len(split_sentences(text, "a")) == 1
    kept = "The port opened in 1998. 5 percent of its cargo is grain. The ferry docked at pier 3. 5 Vela crews met it."
    assert clean_text(kept)[0] == kept  # a year before the stop; a capitalised word after the figure


def test_a_split_decimal_before_a_word_or_in_an_amount_and_a_spaced_clock_time_are_joined():
    text, repairs = clean_text("The euro fell below $1. 29 and gems worth £1. 7m went at 9. 25 a. m. as Marn "
                               "averaged 5. 2 yards a carry; a magnitude-5. 9 quake hit at 11. 30 p. m. ET.")
    assert text == ("The euro fell below $1.29 and gems worth £1.7m went at 9.25 a.m. as Marn "
                    "averaged 5.2 yards a carry; a magnitude-5.9 quake hit at 11.30 p.m. ET.")
    assert any("6 decimals split by a space joined" in r for r in repairs)
    assert any("2 clock times' \"a. m.\" joined" in r for r in repairs)
    assert len(split_sentences(text, "a")) == 1


def test_a_sum_of_money_split_at_its_thousands_separator_is_joined():
    text, repairs = clean_text("I promised that Vela families making $250, 000 a year or less, and firms owing "
                               "€1, 200, 500, would not pay more. On June 4, 312 pupils sat the exam.")
    assert text == ("I promised that Vela families making $250,000 a year or less, and firms owing "
                    "€1,200,500, would not pay more. On June 4, 312 pupils sat the exam.")
    assert any("2 sums of money split at a thousands separator joined" in r for r in repairs)


def test_a_possessive_or_contraction_spaced_apart_by_a_tokenizer_is_joined():
    text, repairs = clean_text("The Vela Attorney ’ s office said the case hadn ’ t been filed, and Marn didn ' t call.")
    assert text == "The Vela Attorney’s office said the case hadn’t been filed, and Marn didn't call."
    assert any("3 possessives and contractions spaced apart joined" in r for r in repairs)
    kept = "He read the word ' s ' aloud and the 'Marn ' file."
    assert clean_text(kept)[0] == kept


def test_sainte_in_a_place_name_ends_no_sentence():
    text = "The carmaker closed 24 plants, including one in Ste. Agathe, Quebec, on Monday. Talks resume today."
    assert [text[s.start:s.end] for s in split_sentences(text, "a")] == [
        "The carmaker closed 24 plants, including one in Ste. Agathe, Quebec, on Monday.", "Talks resume today."]


def test_a_dateline_ends_at_dashes_set_against_the_first_word():
    from crosswire.clean.dateline import dateline_agency, strip_dateline

    assert strip_dateline("LIMA, May 2 (Xinhua) --The levee held.") == "The levee held."
    assert dateline_agency("LIMA, May 2 (Xinhua) --The levee held.") == "Xinhua"
    assert strip_dateline("Voters --Some of them-- stayed home.").startswith("Voters")  # no upper-case head
    assert strip_dateline("LIMA, May 2 (Xinhua) --the levee held.").startswith("LIMA")  # no word starts the report


def test_the_desks_bare_sign_off_closing_a_story_is_boilerplate_and_nowhere_else():
    text, repairs = clean_text("The levee held on Friday.\n\nWater fell overnight.\n\n   kl-at-rs\n")
    assert text == "The levee held on Friday.\n\nWater fell overnight."
    assert any("(sign-off)" in r for r in repairs)
    for kept in ("The levee held on Friday.\n\nyes\n\nWater fell overnight.",  # inside the story
                 "The levee held on Friday.\n\nWater fell by 2 feet.",
                 "The levee held on Friday.\n\nMore to come"):
        assert clean_text(kept)[0] == kept, kept
    assert clean_text(text)[0] == text  # cleaning a cleaned text changes nothing


def test_a_unit_abbreviation_ends_no_sentence():
    text = "The park covers 12,000 square miles (31,000 sq. km) of wetland. About 200,000 people visit."
    assert [text[s.start:s.end] for s in split_sentences(text, "a")] == [
        "The park covers 12,000 square miles (31,000 sq. km) of wetland.", "About 200,000 people visit."]


def test_a_subhead_between_two_paragraphs_is_a_crosshead():
    text = ("Officials of the port met on Monday.\n\nTroops put on high alert\n\n"
            "The ministry said the bases were safe.\n\n'We will not leave the city'\n\n"
            "\"We will stay,\" the mayor said.")
    assert [text[a:b] for a, b in crossheads(text, 12)] == ["Troops put on high alert", "'We will not leave the city'"]
    assert crossheads(text, 4) == []  # "Troops put on high alert" has five words


def test_lists_attributed_quotes_broken_sentences_and_the_first_line_are_no_crossheads():
    listed = "Prices rose.\n\nBread up 4 percent\n\nMilk up 6 percent\n\nEggs fell, the agency said."
    attributed = "It rained.\n\n\"It was lost,\" he said\n\nThe search went on."
    broken = "It rained.\n\nHigher temperatures will bring about\n\na drop in wheat output."
    headline = "Port closed after storm\n\nThe port closed on Monday.\n\nIt reopened on Friday."
    spaced = "He said: \"The plan is sound. \"\n\nIt passed."
    for text in (listed, attributed, broken, headline, spaced):
        assert crossheads(text, 12) == [], text


def test_a_comma_glued_to_the_next_word_gets_its_space_back():
    body = "The storm cut the power,which left the town dark.\n\nRepairs cost 1,200 crowns: see vela.org/news,all"
    text, repairs = clean_text(body)
    assert "the power, which left" in text
    assert "1,200 crowns" in text and "vela.org/news,all" in text  # numbers and addresses as written
    assert "whitespace: 1 missing space after a comma restored" in repairs
    assert clean_text(text) == (text, [])


def test_a_double_hyphen_set_against_one_word_is_spaced_so_the_word_parses():
    body = ("The harbour vote --or the council's verdict --won't matter, said Ana Vell of Vela Research.\n\n"
            "Fans-- and critics--agree.\n\n--Europe: call the desk.")
    text, repairs = clean_text(body)
    assert "vote -- or the council's verdict -- won't matter" in text
    assert "Fans -- and critics--agree." in text and "\n--Europe: call the desk." in text  # between words, a bullet
    assert "whitespace: 3 dashes set against a word spaced" in repairs
    assert clean_text(text) == (text, [])


def test_a_news_budget_is_rejected_as_no_report_and_a_report_with_one_slug_is_kept():
    import dataclasses

    from crosswire.settings import CleanSettings

    lines = ["The Harbor News Service will file the following for Thursday.",
             "POLITICAL NEWS (“p” category)",
             "PORT-VOTE (Lyon) _ The council votes on the new port. By ANA ROE.",
             "TAX-PLAN (Undated) _ Two candidates offer rival tax plans. By BO LEE.",
             "CENSUS (Washington) _ Seven in 10 households returned their forms. By KIM TAM."]
    budget = "\n\n".join(lines)
    document = Document(id="b1", source="budget.txt", raw_text=budget, format="text", body=budget)
    rejection = clean_document(document)
    assert rejection.reason == "no_text" and "news budget" in rejection.detail
    assert clean_document(document, dataclasses.replace(CleanSettings(), budget_min_slugs=0)).text.startswith("The")
    report = "PORT-VOTE _ LYON — The council voted on Friday to build the new port.\n\nWork starts in May."
    kept = clean_document(Document(id="r1", source="r.txt", raw_text=report, format="text", body=report))
    assert kept.text.endswith("Work starts in May.")
    for announced in (("ATTENTION EDITORS: The following photos are part of tonight's Vela Star Photo Package.\n\n"
                      "(VS12) MARN -- A crowd at the port on Friday. (Ana Roe/Vela Star Photo)"),
                      ("(For use by Vela Wire clients)\n\nThe Marn Courier plans to move the following stories for "
                      "clients.\n\nPORT (Marn) - The council votes on the new port. Story will move in the A category.")):
        listed = clean_document(Document(id="p1", source="p.txt", raw_text=announced, format="text", body=announced))
        assert listed.reason == "no_text" and "photos" in listed.detail, announced
        assert is_news_budget(clean_text(announced)[0], 99), announced  # by the desk's note, not by slugs
    series = ("The following stories are part of a six-month series on the Marn port.\n\n"
              "Reporters and editors at the Marn Courier spoke with 40 dockers.")
    assert not is_news_budget(series, 3)  # a report's own series note: no desk list
    exhibit = ("The following photos are part of an exhibit that opened at the Marn museum on Friday.\n\n"
               "The curator, Ana Roe, chose 40 prints.")  # no desk's readers named: a report
    assert clean_document(Document(id="e1", source="e.txt", raw_text=exhibit, format="text", body=exhibit)).text


def test_a_writers_note_that_ends_in_the_publishers_site_is_boilerplate():
    body = ("The port of Marn reopened on Monday after a week of repairs.\n\n"
            "(Ann Roe covers shipping for the Vela Star. You can call her at (555) 390-7614. Visit the Star's "
            "online services on the World Wide Web: www.velastar.com) nn\n\n"
            "(Visit the Star's online services on the World Wide Web: www.velastar.com)")
    text, dropped = clean_text(body)
    assert text == "The port of Marn reopened on Monday after a week of repairs."
    assert sum("publisher's note" in d for d in dropped) == 2
    for kept in ("(Officials urged residents to visit www.velastar.com) he said",
                 "(The exhibit runs through May. For tickets, visit www.velastar.com)"):
        assert clean_text(kept)[0] == kept


def test_the_feeds_font_and_bullet_codes_are_removed_and_their_words_kept():
    body = ("With the ruling came new concerns:\n\n(BBOX)That more ferries will sail without a licence.\n\n"
            "The captain doesn't (beginitalic)believe(enditalic) in the tide tables of (beginitalic)The Marn "
            "Pilot (enditalic) and says so.")
    text, _ = clean_text(body)
    assert "That more ferries will sail without a licence." in text.split("\n\n")
    assert text.endswith("The captain doesn't believe in the tide tables of The Marn Pilot and says so.")
    assert clean_text("The tide tables of (beginitalic)The Marn Pilot (enditalic), he said, are wrong.")[0] == \
        "The tide tables of The Marn Pilot, he said, are wrong."


def test_an_entity_name_in_braces_is_the_character_it_names():
    text, repairs = repair_encoding("MARN-PORT (Undated) {ndash} The ferry ran late {hellip} again. {foo} stays.")
    assert text == "MARN-PORT (Undated) – The ferry ran late … again. {foo} stays."
    assert "encoding: 2 entity names in braces written as characters" in repairs
    assert repair_encoding("Set {x} and {foo} as written.") == ("Set {x} and {foo} as written.", [])
    assert repair_encoding("Click {image} in {lang}, {eacute}")[0] == "Click {image} in {lang}, é"  # placeholders stay


def test_a_copyright_notice_with_its_terms_is_boilerplate_even_after_an_address_line():
    notice = ("VELA, M.A. 20003 Tel: 202-555-0112 Fax: 202-555-0113\nCOPYRIGHT 2031 BY VELASOURCES, INC., A JOINT\n"
              "VENTURE OF MARN, INC. NO PORTION OF THE MATERIALS CONTAINED HEREIN\nMAY BE USED IN ANY MEDIA "
              "WITHOUT ATTRIBUTION TO VELASOURCES, INC.\n\tThe ferry to Marn ran late on Monday after a storm.\n"
              "\tIt sailed again on Tuesday, the port said.")
    text, repairs = clean_text(notice)
    assert text.startswith("The ferry to Marn") and any("copyright notice" in r for r in repairs)
    report = "The photo, copyright 2031 by Vela Press, was used without permission, the lawsuit says."
    assert clean_text(report)[0] == report  # a report's sentence about a copyright stays
