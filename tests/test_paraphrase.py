"""The paraphrase cross-encoder (issue #6 item 1): MiniLM with a low-rank adapter, fitted and shipped."""

from __future__ import annotations

import numpy as np
import pytest

from crosswire.align.embed import encode
from crosswire.align.paraphrase import (
    ADAPTER_FILE,
    AdapterTraining,
    CrossEncoder,
    cross_encoder,
    fit_adapter,
    load_adapter,
)
from crosswire.eval.msrp import ParaphrasePair, cross_fitted_logits, save_adapter

pytestmark = pytest.mark.slow

PARAPHRASES = [
    ("The company reported a loss of 5 million dollars in the third quarter.",
     "In the third quarter the company posted a 5 million dollar loss."),
    ("Police arrested two men after the robbery on Friday night.",
     "Two men were arrested by police following Friday night's robbery."),
]
DIFFERENT = [
    ("The company reported a loss of 5 million dollars in the third quarter.",
     "The company expects to hire 500 new workers in the third quarter."),
    ("Police arrested two men after the robbery on Friday night.",
     "Police are still searching for the men who carried out Friday night's robbery."),
]


def test_the_shipped_adapter_tells_paraphrases_from_statements_that_share_their_words():
    scores = cross_encoder().logits(PARAPHRASES + DIFFERENT)
    paraphrases, different = scores[: len(PARAPHRASES)], scores[len(PARAPHRASES):]
    assert (paraphrases > 0).all() and different.max() < paraphrases.min()


def test_a_score_is_the_mean_of_both_orders_and_cached_scores_equal_fresh_ones():
    (a, b), other = PARAPHRASES[0], DIFFERENT[1]
    encoder = CrossEncoder(load_adapter())
    forward, backward = encoder._one_order([a], [b])[0], encoder._one_order([b], [a])[0]
    assert forward != backward  # the model itself reads an order
    assert encoder.logits([(b, a)])[0] == pytest.approx((forward + backward) / 2, abs=1e-4)
    cached = encoder.logits([(a, b)])[0]  # answered from the cache
    fresh = CrossEncoder(load_adapter()).logits([other, (a, b)])[1]  # in a batch of other lengths
    assert cached == pytest.approx(fresh, abs=1e-4)


def test_a_pair_far_from_a_paraphrase_is_read_in_one_order_only():
    unrelated = ("The bakery on Osten Street shut its doors after forty years.",
                 "Patria Mobile raised its prices for prepaid customers in March.")
    pairs = [PARAPHRASES[0], unrelated]
    both = CrossEncoder(load_adapter()).logits(pairs)
    encoder = CrossEncoder(load_adapter())
    read = []
    one_order = encoder._one_order
    encoder._one_order = lambda first, second: read.extend(zip(first, second)) or one_order(first, second)
    quick = encoder.logits(pairs, one_order_below=-3.5)
    first = min(unrelated), max(unrelated)
    assert len(read) == 3 and read.count(first) == 1 and first[::-1] not in read
    assert quick[0] == pytest.approx(both[0], abs=1e-4)  # a paraphrase is read both ways
    assert quick[1] < -3.5 and both[1] < -1.58  # it could not have matched either way
    assert encoder.logits(pairs) == pytest.approx(both, abs=1e-4)  # asked again in full: the other order is read
    assert len(read) == 4


def test_building_a_cross_encoder_leaves_the_shared_sentence_encoder_alone():
    text = ["A text whose sentence vector must not change when an adapter is merged."]
    before = encode(text).copy()
    CrossEncoder(load_adapter())
    from crosswire.align import embed

    embed._CACHE.clear()
    assert np.allclose(before, encode(text), atol=1e-6)


def test_a_small_fit_learns_its_labels_and_is_reproducible(tmp_path):
    same = [f"The council approved plan number {n} for the new bridge over the river." for n in range(12)]
    other = [f"Fans of team {n} celebrated a late goal in the cup final on Saturday." for n in range(12)]
    a = same[:8] + same[:8]
    b = same[:8] + other[:8]
    labels = [1] * 8 + [0] * 8
    training = AdapterTraining(epochs=3, batch_size=8, learning_rate=2e-3)
    adapter = fit_adapter(a, b, labels, training)
    assert all(np.array_equal(v, w) for v, w in zip(adapter.values(), fit_adapter(a, b, labels, training).values()))
    ranks = {k: v.shape for k, v in adapter.items() if k.endswith(".a")}
    assert len(ranks) == 36 and all(shape[0] == training.rank for shape in ranks.values())
    path = save_adapter(adapter, tmp_path / "adapter.bin")
    assert path.is_file() and path.name == "adapter.bin"  # written where asked, whatever the suffix
    scores = CrossEncoder(load_adapter(path)).logits([(s, s) for s in same[8:]] + list(zip(same[8:], other[8:])))
    assert scores[:4].min() > scores[4:].max()


def test_the_adapter_ships_small_and_in_float16():
    assert ADAPTER_FILE.is_file() and ADAPTER_FILE.stat().st_size < 1_000_000
    with np.load(ADAPTER_FILE) as data:
        assert all(data[k].dtype == np.float16 for k in data.files if k != "scale")


def test_the_cross_encoder_is_asked_only_about_pairs_that_could_match():
    import dataclasses

    from crosswire.align.matching import MATCH_FEATURES, PairFeaturizer, match_matrix
    from crosswire.settings import AlignSettings

    settings = AlignSettings()
    texts = [a for a, _ in PARAPHRASES] + [b for _, b in PARAPHRASES] + [
        "Ticket prices for the concert rose by ten euros.", "The river flooded three villages overnight."]
    pairs = [(0, 2), (1, 3), (0, 4), (1, 5), (2, 5)]
    rows = PairFeaturizer(texts).features(texts, pairs, settings=settings)
    crossed = rows[:, MATCH_FEATURES.index("cross_encoder")]
    assert (crossed[:2] != settings.match_cross_unasked_logit).all()  # paraphrases are read
    assert (crossed[2:] == settings.match_cross_unasked_logit).all()  # unrelated pairs are not
    articles = ["a", "a", "b", "b", "c", "c"]
    everything = dataclasses.replace(settings, match_cross_min_probability=0.0)
    gated, full = match_matrix(texts, articles, settings), match_matrix(texts, articles, everything)
    assert np.array_equal(gated >= settings.match_threshold, full >= settings.match_threshold)
    assert np.abs(gated - full).max() < settings.match_cross_min_probability * 10


def test_stacked_logits_come_from_adapters_that_never_saw_the_pair(monkeypatch):
    from crosswire.align import paraphrase

    fitted = []

    class Seen:
        def __init__(self, adapter):
            self.seen = adapter["seen"]

        def logits(self, pairs):
            return np.array([1.0 if a in self.seen else 0.0 for a, _ in pairs])

    def fit(a, b, labels, training=None, progress=None):
        fitted.append(len(a))
        return {"seen": set(a)}

    monkeypatch.setattr(paraphrase, "fit_adapter", fit)
    monkeypatch.setattr(paraphrase, "CrossEncoder", Seen)
    pairs = [ParaphrasePair(i % 2, str(i), str(i + 100), f"first {i}", f"second {i}") for i in range(23)]
    logits = cross_fitted_logits(pairs, folds=5)
    assert len(fitted) == 5 and sum(fitted) == 4 * len(pairs)  # each pair trains four of the five
    assert logits.shape == (23,) and not logits.any()  # and is scored by the fifth
