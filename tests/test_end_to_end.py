"""The bundled example, end to end: properties a careful reader checks, not frozen output."""

from __future__ import annotations

import json

import jsonschema
from conftest import EXAMPLE

import crosswire
from crosswire.report import dossier_schema, iter_spans
from crosswire.store import Store


def the_dossier(example_run) -> dict:
    result, _, _ = example_run
    assert len(result.dossiers) == 1, [d["story"]["article_count"] for d in result.dossiers.values()]
    return next(iter(result.dossiers.values()))


def test_five_reports_are_read_and_accepted(example_run):
    result, _, _ = example_run
    assert (result.read, result.accepted, result.rejected) == (5, 5, 0)


def test_one_story_of_five_articles(example_run):
    dossier = the_dossier(example_run)
    assert dossier["story"]["article_count"] == 5
    assert len(dossier["articles"]) == 5


def test_header_dates_are_dates_and_not_body_text(example_run):
    articles = the_dossier(example_run)["articles"]
    headed = [a for a in articles if a["published_source"] == "header"]
    assert len(headed) == 2
    assert all(a["published"] == "2024-12-08" for a in headed)
    assert all(not a["text"].lstrip().startswith("date") and "2024-12-08" not in a["text"][:40] for a in articles)


def test_undated_articles_get_the_story_date_flagged_as_inferred(example_run):
    articles = the_dossier(example_run)["articles"]
    inferred = [a for a in articles if a["published_source"] == "inferred"]
    assert len(inferred) == 3 and all(a["published"] == "2024-12-08" for a in inferred)


def test_mojibake_and_boilerplate_are_gone(example_run):
    for article in the_dossier(example_run)["articles"]:
        text = article["text"]
        assert "Â" not in text and "â€" not in text and "\u00a0" not in text
        assert "Follow us on" not in text and "Image Source" not in text
        assert ".The " not in text and '."In ' not in text
        assert "".join(text.split("\n\n")).strip() == text.replace("\n\n", "").strip()


def test_repeated_title_is_not_body_text(example_run):
    for article in the_dossier(example_run)["articles"]:
        if article["title"]:
            assert not article["text"].startswith(article["title"])


def test_every_citation_round_trips_to_the_cleaned_text(example_run):
    dossier = the_dossier(example_run)
    texts = {a["id"]: a["text"] for a in dossier["articles"]}
    spans = list(iter_spans({k: v for k, v in dossier.items() if k != "articles"}))
    assert len(spans) > 20
    for span in spans:
        assert texts[span["article"]][span["start"] : span["end"]] == span["text"]


def test_summary_is_cited_and_short(example_run):
    dossier = the_dossier(example_run)
    assert dossier["summary"]
    assert sum(len(s["text"].split()) for s in dossier["summary"]) <= 100
    for s in dossier["summary"]:
        # compression only deletes words: the summary's words appear, in order, in the cited span
        cited = iter(s["cite"]["text"].split())
        assert all(any(word.strip(",.;:") == c.strip(",.;:") for c in cited) for word in s["text"].split()), s


def test_quotes_have_speakers_named_in_their_sentences(example_run):
    quotes = the_dossier(example_run)["quotes"]
    assert len(quotes) >= 5
    attributed = [q for q in quotes if q["speaker"]]
    assert len(attributed) >= len(quotes) // 2
    assert any("Ministry" in q["speaker"] or "ministry" in q["speaker"] for q in attributed)


def test_written_files_validate_and_html_is_self_contained(example_run):
    result, _, _ = example_run
    [paths] = result.files.values()
    data = json.loads(paths["json"].read_text())
    jsonschema.validate(data, dossier_schema())
    html = paths["html"].read_text()
    assert "<script" not in html and "http-equiv=\"Content-Security-Policy\"" in html
    assert paths["md"].read_text().startswith("# ")


def test_rerunning_on_the_same_input_changes_nothing(example_run):
    _, db, _ = example_run
    with Store(db) as store:
        before = (store.counts(), store.dossiers())
    again = crosswire.analyze([str(EXAMPLE)], db=db)
    assert (again.added, again.already_stored) == (0, 5)
    with Store(db) as store:
        assert (store.counts(), store.dossiers()) == before


def test_reported_speech_and_paraphrases_are_never_inside_quote_marks(example_run):
    import html as html_lib
    import re

    result, _, _ = example_run
    [paths] = result.files.values()
    page = paths["html"].read_text()
    quoted = [" ".join(html_lib.unescape(q).split()) for q in re.findall(r"<q>(.*?)</q>", page, re.DOTALL)]
    dossier = the_dossier(example_run)
    reported = [q["span"]["text"] for q in dossier["quotes"] if q["kind"] == "reported"]
    reported += [v["span"]["text"] for g in dossier["quote_groups"] for v in g["variants"] if v["relation"] == "paraphrase"]
    assert quoted
    for text in reported:
        assert " ".join(text.split()) not in quoted, text


def test_a_state_a_later_report_supersedes_is_an_update_and_not_summarised(example_run):
    """Where someone is, unknown in some reports and given in another, is an update; the summary
    does not state the superseded state, and the pair is no conflict."""
    dossier = the_dossier(example_run)
    updates = dossier["updates"]
    assert updates and all(u["kind"] == "update" and len(u["parts"]) == 2 for u in updates)
    earlier = {(u["a"]["article"], u["a"]["start"]) for u in updates}
    assert not any((s["cite"]["article"], s["cite"]["start"]) in earlier for s in dossier["summary"])
    paired = {frozenset(u["claims"]) for u in updates}
    assert not any(frozenset(c["claims"]) in paired for c in dossier["conflicts"])


def test_sentences_that_join_relayed_statements_are_told_in_parts_not_single_outlet(example_run):
    """A report that joins two of the ministry's statements in one sentence ("was worried … and
    urged …") states nothing only one outlet says: other reports tell each part. Such a claim
    cites them, counts their outlets, and is not summarised (its facts are its tellers')."""
    dossier = the_dossier(example_run)
    told = [g for g in dossier["claims"] if g["told_in_parts"]]
    assert len(told) >= 2
    for group in told:
        own = {s["article"] for s in group["spans"]}
        assert {s["article"] for s in group["told_in_parts"]} - own
        assert group["sourcing"] != "one_outlet" and group["support"]["outlets"] >= 2
        assert "supports" in [cell for cell, article in zip(group["cells"], dossier["matrix"]["sources"])
                              if article not in own]
    cited = {(s["cite"]["article"], s["cite"]["start"]) for s in dossier["summary"]}
    assert not cited & {(s["article"], s["start"]) for g in told for s in g["spans"]}
