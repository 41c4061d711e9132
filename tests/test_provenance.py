"""Provenance (issue #3): MinHash/LSH near-duplicates, passage alignment, families, incremental index."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import numpy as np
import pytest

from crosswire import provenance
from crosswire.clean.sentences import split_sentences
from crosswire.errors import ConfigError
from crosswire.model import Article, Family, ReuseLink, Span
from crosswire.pipeline import InProcess
from crosswire.provenance import MemoryIndex, build_families, independent_origins, update
from crosswire.provenance.minhash import (
    MinHasher,
    candidate_probability,
    error_rates,
    estimate_jaccard,
    exact_jaccard,
    shingle_hashes,
)
from crosswire.provenance.passages import align_pair, tokenize
from crosswire.provenance.semantic import set_embedder, units
from crosswire.settings import ProvenanceSettings, Settings
from crosswire.store import Store
from crosswire.store.lsh import DuckIndex

LEXICAL = ProvenanceSettings(semantic=False)
VOCAB = [f"w{i}" for i in range(3000)]

PASSAGE = (
    "The regional water authority said on Tuesday that the reservoir had fallen to its lowest level in "
    "forty years and that rationing would begin in the northern districts next month. Officials urged "
    "residents to cut household use by a fifth and promised weekly updates on the supply."
)


def article(aid: str, text: str, published: dt.date | None = None) -> Article:
    return Article(aid, f"{aid}.txt", text, text, None, None, aid, None, published,
                   "given" if published else "unknown", "en", split_sentences(text, aid))


def random_text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(VOCAB) for _ in range(n)) + "."


# -- MinHash ---------------------------------------------------------------------------------
def test_minhash_estimates_track_exact_jaccard():
    rng = np.random.default_rng(7)
    base = np.unique(rng.integers(0, 2**63, size=600, dtype=np.uint64))
    sets = [np.unique(np.concatenate([base[rng.random(len(base)) < keep],
                                      rng.integers(0, 2**63, size=200, dtype=np.uint64)]))
            for keep in np.linspace(0.05, 1.0, 40)]
    sig = MinHasher(256).signatures([base, *sets])
    est = estimate_jaccard(sig[0], sig[1:])
    exact = np.array([exact_jaccard(base, s) for s in sets])
    assert np.abs(est - exact).max() < 0.15
    assert np.abs(est - exact).mean() < 0.04


def test_signatures_are_stable_and_seeded():
    s = [shingle_hashes("one two three four five six seven", 3)]
    assert (MinHasher(64, seed=3).signatures(s) == MinHasher(64, seed=3).signatures(s)).all()
    assert not (MinHasher(64, seed=3).signatures(s) == MinHasher(64, seed=4).signatures(s)).all()


def test_shingles_ignore_case_and_punctuation():
    assert (shingle_hashes("The talks, it said, failed.", 3) == shingle_hashes("the talks it said failed", 3)).all()
    assert len(shingle_hashes("", 3)) == 0
    assert len(shingle_hashes("two words", 3)) == 1


def test_many_documents_per_call_match_one_by_one():
    rng = random.Random(1)
    sets = [shingle_hashes(random_text(rng, n), 3) for n in (5, 300, 0, 50, 2)]
    mh = MinHasher(128)
    together = mh.signatures(sets)
    for i, s in enumerate(sets):
        assert (together[i] == mh.signatures([s])[0]).all()


def test_s_curve_rates_of_the_defaults_are_as_documented():
    s = ProvenanceSettings()
    rates = error_rates(s.threshold, s.bands, s.rows)
    assert f"{1 - rates['fn_at_threshold']:.3f}" in ProvenanceSettings.__doc__
    assert f"{100 * rates['fn_at_threshold']:.1f} %" in ProvenanceSettings.__doc__
    assert f"{100 * rates['fp_area']:.1f} %" in ProvenanceSettings.__doc__
    assert candidate_probability(s.threshold + 0.1, s.bands, s.rows) > 0.99
    assert candidate_probability(0.05, s.bands, s.rows) < 0.01
    assert s.bands * s.rows <= s.num_perm


# -- near-duplicates -------------------------------------------------------------------------
def test_noisy_copy_is_a_near_duplicate_and_unrelated_text_is_not():
    rng = random.Random(2)
    original = random_text(rng, 400)
    tokens = original.split()
    copy = " ".join(tokens[:360]) + ", " + random_text(rng, 20)  # cut tail, local paragraph added
    arts = [article("a", original), article("b", copy), article("c", random_text(rng, 400))]
    found = update(arts, MemoryIndex(), LEXICAL)
    dups = {(l.a.article_id, l.b.article_id) for l in found.reuse if l.kind == "near_duplicate"}
    assert dups == {("a", "b")}
    link = next(l for l in found.reuse if l.kind == "near_duplicate")
    assert link.a == Span("a", 0, len(original)) and link.score >= LEXICAL.threshold


# -- passages --------------------------------------------------------------------------------
def test_shared_passage_is_aligned_end_to_end_inside_different_articles():
    rng = random.Random(3)
    edited = (PASSAGE.replace("said on Tuesday", "said on Tuesday evening")  # inserted word
              .replace(" and that rationing", "; rationing")                 # re-punctuation
              .replace("residents", "resldents"))                           # OCR-like slip
    a = article("a", random_text(rng, 120) + "\n" + PASSAGE + "\n" + random_text(rng, 80))
    b = article("b", random_text(rng, 60) + "\n" + edited + "\n" + random_text(rng, 150))
    found = align_pair(tokenize(a, 3), tokenize(b, 3), LEXICAL)
    assert len(found) == 1
    sa, sb, score = found[0]
    start_a = a.text.index(PASSAGE)
    start_b = b.text.index(edited)
    assert sa.start == start_a and abs(sa.end - (start_a + len(PASSAGE))) <= 1
    assert sb.start == start_b and abs(sb.end - (start_b + len(edited))) <= 1
    assert 0.8 < score < 1.0


def test_independent_texts_share_no_passage():
    rng = random.Random(4)
    a, b = article("a", random_text(rng, 300)), article("b", random_text(rng, 300))
    assert align_pair(tokenize(a, 3), tokenize(b, 3), LEXICAL) == []


def test_sentences_alike_but_giving_other_figures_are_no_reuse():
    rng = random.Random(7)
    common = random_text(rng, 30)  # shared seeds make the pair a candidate

    def links_between(one, two):
        a, b = article("a", common + "\n" + one), article("b", common + "\n" + two)
        set_embedder(lambda texts: np.array([[1.0, 0.0] if "embassy" in t else [0.0, 1.0] for t in texts]))
        try:
            found = update([a, b], MemoryIndex(), ProvenanceSettings()).reuse
        finally:
            set_embedder(None)
        return [l for l in found if a.text[l.a.start : l.a.end] == one]

    told = "The truck bomb at the embassy killed 213 people on Friday."
    assert links_between(told, "On Friday 213 people died when a lorry exploded outside the embassy.")
    assert not links_between(told, "On Friday 248 people died when a lorry exploded outside the embassy.")
    assert links_between(told, "On Friday 213 people died when a lorry exploded outside the embassy at 10.30.")


def test_glued_sentences_are_split_into_units():
    a = article("a", "The agency said the talks had ended without a deal.The minister left for the capital early today.")
    assert [a.text[s.start : s.end][:12] for s in units(a, 4)] == ["The agency s", "The minister"]


def test_translation_like_variant_needs_embeddings():
    one = "Following the negotiations the president decided to resign and leave the country at once."
    two = "After negotiations, the president made the decision to quit his post and depart from the country."
    rng = random.Random(5)
    common = random_text(rng, 30)  # shared seeds make the pair a candidate
    a = article("a", common + "\n" + one)
    b = article("b", common + "\n" + two)

    def embedder(texts):  # two sentences about negotiations are "translations" of each other
        return np.array([[1.0, 0.0] if "negotiations" in t else [0.0, 1.0] for t in texts])

    set_embedder(embedder)
    try:
        links = update([a, b], MemoryIndex(), ProvenanceSettings())
    finally:
        set_embedder(None)
    sentence_links = [l for l in links.reuse if a.text[l.a.start : l.a.end] == one]
    assert sentence_links and b.text[sentence_links[0].b.start : sentence_links[0].b.end] == two
    plain = update([a, b], MemoryIndex(), LEXICAL)
    assert not [l for l in plain.reuse if a.text[l.a.start : l.a.end] == one]


# -- families --------------------------------------------------------------------------------
def test_family_origin_is_the_earliest_or_unknown():
    d1, d2 = dt.date(2024, 1, 1), dt.date(2024, 1, 2)
    links = [ReuseLink("passage", Span("a", 0, 50), Span("b", 10, 60), 0.9),
             ReuseLink("passage", Span("b", 15, 60), Span("c", 0, 45), 0.9)]
    fams = build_families(links, {"a": d2, "b": d1, "c": d2})
    assert len(fams) == 1 and fams[0].origin == "b" and fams[0].article_ids == ("a", "b", "c")
    assert fams[0].members[1] == Span("b", 10, 60)  # overlapping spans of one article are one member
    assert build_families(links, {"a": d1, "b": d1, "c": d2})[0].origin is None  # tied
    assert build_families(links, {"a": d1, "b": None, "c": d2})[0].origin is None  # missing


def test_distinct_passages_stay_distinct_families():
    links = [ReuseLink("passage", Span("a", 0, 50), Span("b", 0, 50), 0.9),
             ReuseLink("passage", Span("a", 200, 260), Span("b", 300, 360), 0.9),
             ReuseLink("near_duplicate", Span("c", 0, 900), Span("d", 0, 880), 0.8)]
    fams = build_families(links, {k: None for k in "abcd"})
    assert sorted(f.kind for f in fams) == ["document", "passage", "passage"]


def test_independent_origins_count_relays_once():
    fam = Family("f", (Span("a", 0, 100), Span("b", 50, 150)), None)
    relayed = [Span("a", 10, 40), Span("b", 60, 90), Span("c", 0, 30)]
    assert independent_origins(relayed, [fam]) == 2
    assert independent_origins(relayed, []) == 3
    support = provenance.corroboration(relayed, {"a": "Wire", "b": "Daily", "c": "Daily"}, [fam])
    assert (support.outlets, support.origins) == (2, 2)


# -- incremental -----------------------------------------------------------------------------
def _corpus() -> list[Article]:
    rng = random.Random(6)
    arts = []
    for i in range(6):
        text = random_text(rng, 150) + "\n" + (PASSAGE if i % 2 else random_text(rng, 40))
        arts.append(article(f"n{i}", text, dt.date(2024, 1, 1 + i)))
    arts.append(article("dup", arts[0].text + " " + random_text(rng, 10), dt.date(2024, 2, 1)))
    return arts


def _key(link: ReuseLink):
    return link.kind, tuple(sorted([link.a, link.b]))


@pytest.mark.parametrize("make_index", [MemoryIndex, lambda: DuckIndex(Store(":memory:").db)],
                         ids=["memory", "duckdb"])
def test_incremental_updates_compare_only_new_and_equal_one_batch(make_index):
    arts = _corpus()
    by_id = {a.id: a for a in arts}
    fetched: list[str] = []

    def fetch(ids):
        fetched.extend(ids)
        return [by_id[i] for i in ids]

    index = make_index()
    first = update(arts[:4], index, LEXICAL, fetch)
    second = update(arts[4:], index, LEXICAL, fetch)
    again = update(arts, index, LEXICAL, fetch)
    whole = update(arts, MemoryIndex(), LEXICAL)
    assert {_key(l) for l in first.reuse + second.reuse} == {_key(l) for l in whole.reuse}
    assert again.reuse == [] and again.compared == 0
    assert set(second.new) == {"n4", "n5", "dup"}
    assert all({l.a.article_id, l.b.article_id} & set(second.new) for l in second.reuse)
    assert set(fetched) <= {"n0", "n1", "n2", "n3"}  # only old articles are fetched, never new × new
    assert any(l.kind == "near_duplicate" for l in second.reuse)


class OnePairAChunk(InProcess):
    """An executor that cuts work into chunks of one, as an engine with many workers would."""

    parallel = True

    def split(self, items):
        return [items[k : k + 1] for k in range(len(items))]


def test_pairs_aligned_in_chunks_give_the_links_of_one_pass():
    arts = _corpus()
    chunks = OnePairAChunk()
    whole = update(arts, MemoryIndex(), LEXICAL)
    split = update(arts, MemoryIndex(), LEXICAL, executor=chunks)
    assert split.reuse == whole.reuse  # the same links, in the same order
    assert split.compared == whole.compared > 1
    assert sum(l.kind == "passage" for l in whole.reuse) >= 2


def test_index_refuses_other_settings():
    index = MemoryIndex()
    update([article("a", PASSAGE)], index, LEXICAL)
    with pytest.raises(ConfigError):
        update([article("b", PASSAGE)], index, ProvenanceSettings(semantic=False, shingle_size=5))
    with Store(":memory:") as store:
        duck = DuckIndex(store.db)
        update([article("a", PASSAGE)], duck, LEXICAL)
        with pytest.raises(ConfigError):
            update([article("b", PASSAGE)], duck, ProvenanceSettings(semantic=False, num_perm=64, bands=16))


def test_duckdb_index_persists_across_connections(tmp_path: Path):
    path = tmp_path / "store.duckdb"
    arts = _corpus()
    with Store(path) as store:
        update(arts[:3], DuckIndex(store.db), LEXICAL)
    with Store(path) as store:
        index = DuckIndex(store.db)
        assert len(index) == 3 and index.known(["n0", "n5"]) == {"n0"}
        later = update([arts[-1]], index, LEXICAL)
    assert [(l.a.article_id, l.b.article_id) for l in later.reuse if l.kind == "near_duplicate"] == [("dup", "n0")]


# -- the stage -------------------------------------------------------------------------------
def test_stage_on_the_bundled_example_finds_one_family_across_all_reports():
    seeds = Path(__file__).resolve().parents[1] / "examples" / "seeds"
    from crosswire.clean import run_stage as clean_stage
    from crosswire.ingest import ingest

    settings = Settings().replace("provenance", semantic=False)
    ingested = ingest(sorted(str(p) for p in seeds.glob("*.txt")), settings.ingest, lambda n: None)
    arts = clean_stage({"documents": ingested.documents, "rejections": ingested.rejections}, settings,
                       lambda n: None)["articles"]
    out = provenance.run_stage({"articles": arts}, settings, lambda n: None)
    assert len(arts) == 5
    assert max(len(f.article_ids) for f in out["families"]) == 5
    texts = {a.id: a.text for a in arts}
    for link in out["reuse"]:
        assert link.a.end <= len(texts[link.a.article_id]) and link.b.end <= len(texts[link.b.article_id])
