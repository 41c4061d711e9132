"""The support check (issue #6): its cues, the worst-sentence rule, and the FRANK/QAGS evaluation."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from crosswire.align import embed, support
from crosswire.align.support import (
    SUPPORT_FEATURES,
    SourceIndex,
    clear_caches,
    content_arcs,
    parse_sentences,
    rarity,
    sentence_arcs,
    support_features,
    support_score,
    window_precision,
)
from crosswire.eval.factual import cross_validated_thresholds, evaluate_support
from crosswire.settings import AlignSettings

SOURCE = [(
    "Police said three armed men took a five-figure sum from a security van in Glasgow on Monday. "
    "The van had stopped outside a bank on Argyle Street shortly after 10:00. "
    "Two guards aged 47 and 49 were left badly shaken but no one was injured. "
    "Detectives appealed for witnesses who saw a grey car leave the area."
)]


@pytest.fixture(scope="module")
def index() -> SourceIndex:
    return SourceIndex.build(SOURCE)


def feature(text: str, index: SourceIndex, name: str) -> float:
    return float(support_features(text, index)[SUPPORT_FEATURES.index(name)])


def test_settings_weigh_every_feature():
    assert len(AlignSettings().support_weights) == len(SUPPORT_FEATURES)


def test_rarity_ranks_names_above_common_words():
    assert rarity("the") < rarity("bank") < rarity("argyle")
    assert rarity("zzqxv") >= rarity("argyle")


def test_window_precision_rewards_words_held_by_adjacent_sentences(index):
    stems = lambda text: [w[:5] for w in text.lower().split()]
    near = window_precision(stems("van stopped outside bank"), index)
    far = window_precision(stems("witnesses saw guards"), index)  # words from sentences 4 and 3 only
    scattered = window_precision(stems("van witnesses"), index)  # sentences 1–2 and 4: never one window
    assert near == 1.0 and far == 1.0 and scattered == 0.5
    assert window_precision([], index) == 1.0


def test_unsupported_content_lowers_the_cues(index):
    copied = "The van had stopped outside a bank on Argyle Street."
    invented = "The van had stopped outside a bakery on Sauchiehall Street."
    assert feature(copied, index, "stem_precision") == 1.0 > feature(invented, index, "stem_precision")
    assert feature(invented, index, "novel_rarity") > feature(copied, index, "novel_rarity") == 0.0
    assert feature(invented, index, "token_worst") < feature(copied, index, "token_worst")
    assert feature("Five guards were hurt.", index, "novel_numbers") == 1.0
    assert feature("Two guards were shaken.", index, "novel_numbers") == 0.0


def test_content_arcs_lift_a_prepositions_object_onto_its_head():
    arcs = content_arcs(parse_sentences(["The owner of the mill rebuilt it in spring."])[0])
    assert ("owner", "mill") in arcs and ("rebui", "sprin") in arcs
    assert not any("the" in arc or "of" in arc or "in" in arc for arc in arcs)


def test_cached_parses_give_the_arcs_of_a_fresh_parse():
    sentences = ["The owner of the mill rebuilt it in spring.", "Guards took a sum.", "The owner of the mill rebuilt it in spring."]
    clear_caches()
    fresh = [tuple(content_arcs(doc)) for doc in parse_sentences(sentences)]
    assert sentence_arcs(sentences) == fresh  # cold: parsed in one batch, duplicates once
    assert sentence_arcs(sentences[::-1]) == fresh[::-1]  # warm: read back, in the order asked


def test_cached_index_and_parses_leave_every_score_unchanged(index):
    texts = ["Armed men took a sum from a security van.", "The guards took a sum from the van. Five were hurt."]
    clear_caches()
    cold = [support_features(t, SourceIndex.build(SOURCE)) for t in texts]
    assert SourceIndex.cached(SOURCE) is SourceIndex.cached(list(SOURCE))  # built once for the same texts
    warm = [support_features(t, SourceIndex.cached(SOURCE)) for t in texts]
    assert all(np.array_equal(a, b) for a, b in zip(cold, warm))
    pieces = support.encode_tokens([texts[0]])[0]
    given_parse = support.sentence_features(texts[0], pieces, index, doc=parse_sentences([texts[0]])[0])
    assert given_parse == support.sentence_features(texts[0], pieces, index)  # arcs from the cache


def test_prepared_checks_score_as_unprepared_ones():
    sentences = ["Armed men took a sum from a security van.", "Five guards were hurt in Leith."]
    spans = [SOURCE[0].split(". ")[0] + ".", SOURCE[0].split(". ")[1] + "."]
    clear_caches()
    cold = [support_score(s, [span]) for s in sentences for span in spans]
    clear_caches()
    embed._TOKENS.clear()
    support.prepare(sentences, spans)  # one MiniLM batch and one parse batch for all four checks
    assert [support_score(s, [span]) for s in sentences for span in spans] == pytest.approx(cold, abs=1e-6)


def test_model_support_is_a_summary_check():
    from crosswire.summarize.support import model_support

    check = model_support()
    assert check("Three armed men took a sum from a security van in Glasgow on Monday.", SOURCE)
    assert not check("A fourth man was arrested in Edinburgh on Friday after a car chase.", SOURCE)
    assert not check("Three armed men took a sum.", [])


def test_layered_check_accepts_a_paraphrase_the_lexical_check_rejects():
    """The pipeline's summary check: lexical first, then the learned scorer for what that rejects."""
    from crosswire.summarize.support import layered_support, lexical_support

    check = layered_support()
    span = ["Police arrested two men in the city on Monday."]
    paraphrase = "Two men were detained by police in the city on Monday."
    assert not lexical_support(paraphrase, span) and check(paraphrase, span)
    assert not check("Police released forty men in the port on Friday.", span)  # a different fact
    assert check("Police arrested two men.", span)  # a word-deleting compression: lexical suffices
    never = layered_support(AlignSettings(support_threshold=1.01))  # the learned check rejects all
    assert never("Police arrested two men.", span) and not never(paraphrase, span)


def test_words_the_sources_never_relate_count_as_unseen_arcs(index):
    right = "Armed men took a sum from a security van."
    wrong = "The guards took a sum from the van."  # every word is in the source, but guards took nothing
    assert feature(right, index, "stem_precision") == feature(wrong, index, "stem_precision") == 1.0
    assert feature(right, index, "unseen_arcs") == 0.0 < feature(wrong, index, "unseen_arcs")


def test_a_sentence_repeating_its_own_content_words_is_flagged(index):
    assert feature("Two guards were left badly shaken.", index, "repeated_stems") == 0.0
    assert feature("Two guards were left shaken, badly shaken guards.", index, "repeated_stems") == 2.0
    worst_sentence = feature("The van stopped. Guards, guards and guards.", index, "repeated_stems")
    assert worst_sentence == 2.0


@pytest.mark.slow
def test_a_text_is_as_supported_as_its_worst_sentence(index):
    supported = "Three armed men robbed a security van in Glasgow on Monday, police said."
    invented = "A fourth man was arrested in Edinburgh on Friday after a car chase."
    both = f"{supported} {invented}"
    assert support_score(supported, SOURCE) > support_score(both, SOURCE)
    assert support_score(both, SOURCE) == pytest.approx(support_score(f"{invented} {supported}", SOURCE))
    assert feature(both, index, "stem_precision") == pytest.approx(feature(invented, index, "stem_precision"))


def test_baseline_decisions_are_cross_validated_by_article():
    rng = np.random.default_rng(0)
    score = rng.normal(size=200)
    y = score + rng.normal(scale=0.3, size=200) > 0
    groups = np.repeat(np.arange(40), 5)
    decided = cross_validated_thresholds(score, y, groups)
    assert decided.dtype == bool and (decided == y).mean() > 0.8


def _factual_folder(tmp_path: Path) -> Path:
    """Ten small articles per source, each with a copied (supported) and an invented summary."""
    towns = ["Arden", "Belmont", "Corran", "Dunmore", "Elgin", "Fenwick", "Garvie", "Halden", "Irvine", "Jura",
             "Kelso", "Lanark", "Moffat", "Nairn", "Oban", "Perth", "Quarry", "Rosyth", "Stirling", "Tain"]
    rows = []
    for i, town in enumerate(towns):
        article = (f"A fire destroyed the old mill in {town} on Tuesday. Firefighters fought the blaze for {i + 3} "
                   f"hours. The owner said the building would be rebuilt next year.")
        source = "cnndm" if i % 2 else "bbc"
        rows.append({"hash": f"h{i}", "dataset": source, "model": "m", "article": article, "factuality": 1.0,
                     "summary": f"A fire destroyed the old mill in {town} on Tuesday.", "split": "valid"})
        rows.append({"hash": f"h{i}", "dataset": source, "model": "m", "article": article, "factuality": 0.0,
                     "summary": f"Police arrested {i + 40} protesters after a riot at the harbour in Leith.",
                     "split": "valid"})
    (tmp_path / "frank_valid.jsonl").write_text("\n".join(map(json.dumps, rows)), encoding="utf-8")
    qags = [{"article": r["article"], "sentence": r["summary"], "consistent": r["factuality"] == 1.0} for r in rows]
    (tmp_path / "qags_xsum.jsonl").write_text("\n".join(map(json.dumps, qags)), encoding="utf-8")
    return tmp_path


@pytest.mark.slow
def test_evaluation_reports_out_of_fold_figures_per_source(tmp_path):
    report = evaluate_support(_factual_folder(tmp_path), fit=True)
    assert report["split"] == {"frank_articles": 20, "frank_folds": 5, "frank": 40, "qags": 40}
    for run in ("crosswire", "lexical_overlap", "minilm_cosine"):
        assert set(report[run]["frank"]) == {"pooled", "cnndm", "bbc"}
        assert report[run]["frank"]["bbc"]["n"] == 20 and report[run]["frank"]["pooled"]["supported"] == 20
    assert report["crosswire"]["frank"]["cnndm"]["roc_auc"] > 0.9
    assert report["crosswire"]["qags"]["roc_auc"] > 0.9
    assert len(report["weights"]["support_weights"]) == len(SUPPORT_FEATURES)
