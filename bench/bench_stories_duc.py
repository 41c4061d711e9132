"""Stories on real wire clusters: every DUC 2006 document mixed, clustered by the batch path.

Usage::

    python bench/bench_stories_duc.py ../shared/eval/duc/duc2006.jsonl [--embeddings F.npy]

A DUC topic is a theme ("steroid use among female athletes", "the Kursk"), read from 25 undated
reports that span months, not one event; so this is no target, but a check on real, undated wire
copy of what ECB+ calibrated: how rarely two topics share a story (B³ precision), and into how many
stories each topic falls. Each document is read as any JSONL record is read and cleaned.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import json
from pathlib import Path

import numpy as np

from crosswire.clean import clean_document
from crosswire.eval.stories import clustering_scores
from crosswire.ingest.readers import document_from_record
from crosswire.settings import IngestSettings, Settings
from crosswire.stories import cluster_articles, labels_of
from crosswire.stories.features import build_features


def load(path: str):
    """Cleaned articles of every DUC document and their topic ids."""
    articles, topics = [], []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for k, text in enumerate(record["docs"]):
            document = document_from_record({"text": text}, f"{record['id']}#{k}", "jsonl", IngestSettings())
            articles.append(dataclasses.replace(clean_document(document), id=f"{record['id']}#{k}"))
            topics.append(record["id"])
    return articles, topics


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="duc2006.jsonl (or another DUC JSONL file)")
    parser.add_argument("--embeddings", help="cache file (.npy) for the MiniLM embeddings, file order")
    args = parser.parse_args()
    settings = Settings().stories
    articles, topics = load(args.path)
    dense = np.load(args.embeddings) if args.embeddings and Path(args.embeddings).is_file() else None
    features = build_features(articles, settings, dense=dense)
    if args.embeddings and dense is None:
        np.save(args.embeddings, features.dense)
    labels = labels_of(cluster_articles(articles, [], settings, features), articles)
    scores = clustering_scores(list(labels), topics)
    per_topic = collections.Counter(len({labels[i] for i, t in enumerate(topics) if t == topic}) for topic in set(topics))
    print(f"{len(articles)} documents, {len(set(topics))} topics")
    print({k: round(v, 3) for k, v in scores.items()})
    print("stories per topic (stories: topics):", dict(sorted(per_topic.items())))


if __name__ == "__main__":
    main()
