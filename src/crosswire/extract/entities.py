"""Named entities per article (spaCy) and their canonicalisation across the articles of a story.

Canonicalisation works without a knowledge base: names are normalised (case, hyphens, dots,
honorifics, possessives), mentions with the same normalised name are one entity whatever label
spaCy gave each (the majority label wins), and a person's partial names ("Assad", "B. Assad")
join the full name they are compatible with ("Bashar al-Assad").
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable

from ..model import Entity, Span

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT"})
HONORIFICS = frozenset(
    "mr mrs ms miss dr prof sir president prime minister pm minister gen general col sen senator rep "
    "king queen prince sheikh the".split()
)
_NON_WORD = re.compile(r"[^\w]+")


def normalise_name(name: str) -> str:
    """``"Mr. Bashar Al-Assad's"`` → ``"bashar al assad"``."""
    name = re.sub(r"['’]s$", "", name.strip())
    tokens = [t for t in _NON_WORD.sub(" ", name.lower()).split() if t]
    while len(tokens) > 1 and tokens[0] in HONORIFICS:
        tokens.pop(0)
    return " ".join(tokens)


Mention = tuple[str, str, Span]  # (surface text, spaCy label, span)


def article_mentions(doc, article_id: str) -> list[Mention]:
    """Entity mentions in one parsed article, with character spans into its text."""
    out = []
    for ent in doc.ents:
        if ent.label_ in ENTITY_LABELS and normalise_name(ent.text):
            out.append((ent.text, ent.label_, Span(article_id, ent.start_char, ent.end_char)))
    return out


def _compatible_person(short: list[str], full: list[str]) -> bool:
    """Is ``short`` a partial form of ``full``? Same surname; other tokens are initials or found in full."""
    if not short or short[-1] != full[-1] or len(short) >= len(full) + 1:
        return False
    for token in short[:-1]:
        if token in full or token in {"al", "el", "bin", "ibn", "van", "von", "de"}:
            continue
        if len(token) == 1 and any(f.startswith(token) for f in full[:-1]):
            continue
        return False
    return True


def canonicalise(mentions: Iterable[Mention], id_prefix: str = "") -> tuple[Entity, ...]:
    """Group mentions into canonical entities; the longest, most frequent name is the canonical one."""
    groups: dict[str, list[Mention]] = {}
    for mention in mentions:
        groups.setdefault(normalise_name(mention[0]), []).append(mention)
    label = {key: Counter(m[1] for m in ms).most_common(1)[0][0] for key, ms in groups.items()}
    persons = sorted((k for k in groups if label[k] == "PERSON"), key=lambda k: -len(k.split()))
    merged: dict[str, str] = {}
    for key in persons:
        tokens = key.split()
        target = next((p for p in persons if p != key and len(p.split()) > len(tokens)
                       and p not in merged and _compatible_person(tokens, p.split())), None)
        if target:
            merged[key] = target
    clusters: dict[str, list[Mention]] = {}
    for key, ms in groups.items():
        root = key
        while root in merged:
            root = merged[root]
        clusters.setdefault(root, []).extend(ms)
    return tuple(sorted((_entity(ms, id_prefix) for ms in clusters.values()), key=lambda e: (-len(e.mentions), e.name)))


def _entity(mentions: list[Mention], id_prefix: str) -> Entity:
    surfaces = Counter(m[0] for m in mentions)
    name = max(surfaces, key=lambda s: (len(normalise_name(s).split()), surfaces[s], s))
    kind = Counter(m[1] for m in mentions).most_common(1)[0][0]
    eid = "e_" + hashlib.blake2b(f"{id_prefix}|{normalise_name(name)}".encode(), digest_size=5).hexdigest()
    return Entity(eid, name, kind, tuple(sorted(surfaces)), tuple(sorted(m[2] for m in mentions)))
