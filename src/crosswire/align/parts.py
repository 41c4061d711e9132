"""Claims told elsewhere part by part.

A sentence that joins two facts under one subject ("The ministry *was* deeply worried by the clashes
*and urged* both sides to hold their fire") states neither fact alone, so the paraphrase
matcher, which asks whether two texts say the same thing, pairs it with neither fact's group,
although other outlets state both. Such a claim was listed as said by one outlet only.

Here a claim is cut at coordinated predicates that share its subject (:func:`claim_parts`: "The
ministry was deeply worried by the clashes" / "The ministry urged both sides to hold their fire";
infinitives and other verb phrases coordinated below the main verb alike), the claims of
the other articles are cut the same way, and the parts are matched with the claim matcher at its
own threshold. A claim of one outlet all of whose parts another article's claim states
(:func:`told_in_parts`) is no single-source claim: those claims' spans support it, counted by
outlet and by independent origin like a group's own claims.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from ..model import Article, Claim, ClaimGroup, Span, Support, outlet_labels
from ..settings import AlignSettings
from .matching import candidate_partners, match_matrix

__all__ = ["claim_parts", "told_in_parts"]

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_BEFORE_VERB = frozenset({"aux", "auxpass", "neg", "advmod", "prt"})
"""Dependents to a verb's left that belong to its own phrase ("was *extremely* worried", "*to* refrain")."""
_FINITE = frozenset({"VBD", "VBZ", "VBP"})


def _same_form(verb, other) -> bool:
    """Whether two coordinated verbs can share a subject by their form: a bare infinitive beside a
    finite verb is a misparse ("he reiterated his plans to root out graft, *review* the oil
    policies and *call* an assembly": the infinitives hang on "root", not on "reiterated")."""
    return _finite(verb) == _finite(other) or "VB" not in (verb.tag_, other.tag_)


def _finite(verb) -> bool:
    """A finite verb, or one with an auxiliary that carries the tense ("did *say*", "will *go*")."""
    return verb.tag_ in _FINITE or any(c.dep_ in ("aux", "auxpass") and c.tag_ != "TO" for c in verb.children)


def _conjuncts(verb) -> list:
    """The verbs coordinated with ``verb`` that share its subject (have none of their own)."""
    return [c for c in verb.conjuncts if c.i > verb.i and c.pos_ in ("VERB", "AUX") and _same_form(verb, c)
            and not any(g.dep_ in _SUBJECTS for g in c.children)]


_AUXILIARIES = frozenset({"aux", "auxpass", "neg"})


def _shares_auxiliaries(conjuncts) -> bool:
    """Whether coordinated verbs take the first one's auxiliaries, "to" and negation: none of
    them is finite or has its own ("was arrested and charged", "to stay indoors and avoid the
    river"; not "did not say where he was and said …")."""
    return all(c.tag_ not in _FINITE and not any(g.dep_ in _AUXILIARIES for g in c.children) for c in conjuncts)


def _phrase_start(verb, conjuncts) -> int:
    """Where a verb's own phrase starts: its auxiliaries, negation and adverbs before it included,
    but auxiliaries its conjuncts share (:func:`_shares_auxiliaries`), which stay with every part."""
    shared = _shares_auxiliaries(conjuncts)
    left = [c.left_edge.i for c in verb.lefts if c.dep_ in _BEFORE_VERB and not (shared and c.dep_ in _AUXILIARIES)]
    if shared:
        auxiliaries = [c.i for c in verb.lefts if c.dep_ in _AUXILIARIES]
        left = [i for i in left if not auxiliaries or i > max(auxiliaries)]
    return min([verb.i, *left])


def _separator_start(doc, token_i: int, floor: int) -> int:
    """The start of the conjunction and punctuation just before token ``token_i``."""
    while token_i > floor and (doc[token_i - 1].dep_ in ("cc", "punct") or doc[token_i - 1].is_space):
        token_i -= 1
    return token_i


_QUALIFYING_LINKS = frozenset({"advcl", "relcl", "pcomp", "csubj", "csubjpass", "prep", "pobj"})
"""Dependency links into clauses that only qualify what a sentence asserts: a coordination there
("when the birds land to rest and feed, they …") is no pair of facts the sentence states."""
_DISJUNCTIONS = frozenset({"or", "nor"})


def _asserted(verb) -> bool:
    """Whether a verb is on the path of what its sentence asserts: the main verb, or a complement
    of one ("urged all parties *to abandon* …", "said that Marn *had left* …"), not a verb of a
    clause that only qualifies (:data:`_QUALIFYING_LINKS`)."""
    while verb.dep_ != "ROOT":
        if verb.dep_ in _QUALIFYING_LINKS:
            return False
        verb = verb.head
    return True


def _disjoined(verbs) -> bool:
    """Whether coordinated verbs are alternatives ("rest or feed"): neither is stated alone."""
    return any(c.dep_ == "cc" and c.lower_ in _DISJUNCTIONS for v in verbs for c in v.children)


def _coordination(doc, keep: set[int], done: set[int]):
    """The highest verb among ``keep`` (not yet cut, not in ``done``) with subject-sharing
    conjuncts, and those conjuncts; ``(None, [])`` when there is none."""
    for token in sorted((doc[i] for i in keep), key=lambda t: (len(list(t.ancestors)), t.i)):
        if token.i in done or token.pos_ not in ("VERB", "AUX") or token.dep_ == "conj" or not _asserted(token):
            continue
        conjuncts = [c for c in _conjuncts(token) if c.i in keep]
        if conjuncts and not _disjoined([token, *conjuncts]):
            return token, conjuncts
    return None, []


def _cut(doc, keep: list[int], done: set[int]) -> list[list[int]]:
    head, conjuncts = _coordination(doc, set(keep), done)
    if head is None:
        return [keep]
    verbs = [head, *conjuncts]
    starts = [_phrase_start(head, conjuncts)] + [c.left_edge.i for c in conjuncts]
    ends = [_separator_start(doc, starts[k + 1], starts[k]) for k in range(len(verbs) - 1)]
    last = max(t.right_edge.i for t in verbs) + 1
    while last - 1 > starts[-1] and doc[last - 1].is_punct:
        last -= 1  # closing marks and commas before a trailing frame are shared by every part
    ends.append(last)
    block = range(starts[0], ends[-1])
    parts = []
    for start, end in zip(starts, ends):
        if any(doc[i].pos_ in ("VERB", "AUX") for i in range(start, end)):
            parts.append([i for i in keep if i not in block or start <= i < end])
    if len(parts) < 2:
        return [keep]
    return [inner for part in parts for inner in _cut(doc, part, done | {head.i})]


def _text(doc, indexes: list[int]) -> str:
    return re.sub(r"\s+(?=[,.;:!?’”])", "", "".join(doc[i].text_with_ws for i in indexes)).strip()


def claim_parts(doc, max_parts: int = 6) -> list[str]:
    """The facts a parsed claim joins under one subject, each as a sentence of its own: the words
    before the first coordinated verb phrase, one phrase, and the words after the last ("The
    ministry was worried and urged calm, it said" → "The ministry was worried, it said" / "The
    ministry urged calm, it said"), cut again where a part holds a coordination of its own. A
    claim that joins nothing, or more than ``max_parts`` facts, is its own single part."""
    parts = _cut(doc, list(range(len(doc))), set())
    if len(parts) == 1 or len(parts) > max_parts:
        return [doc.text.strip()]
    return [_text(doc, part) for part in parts]


_COORDINATORS = re.compile(r"\b(?:and|or|but|nor)\b")


def _parts_of(claim: Claim, parse: Callable[[Claim], object], max_parts: int) -> list[str]:
    """:func:`claim_parts` of a claim, parsed only when a conjunction could join parts in it; a
    claim that is not cut keeps its own text, whose embeddings the claim matching has cached."""
    parts = claim_parts(parse(claim), max_parts) if _COORDINATORS.search(claim.text) else []
    return parts if len(parts) > 1 else [claim.text]


def told_in_parts(
    groups: Sequence[ClaimGroup], claims: Sequence[Claim], parse: Callable[[Claim], object],
    origins: Callable[[Sequence[tuple[Span, str | None]]], int], articles: Mapping[str, Article],
    settings: AlignSettings,
) -> list[ClaimGroup]:
    """``groups`` with every one-outlet group whose claim other articles state part by part
    (:func:`claim_parts`, matched at ``match_threshold``) given those claims' spans as
    ``told_in_parts``, its support counted over them too (``origins`` counts the independent
    origins of spans with their speakers)."""
    by_id = {c.id: c for c in claims}
    lone = [g for g in groups if g.sourcing == "one_outlet" and len(g.claims) == 1]
    cut = {g.claims[0]: _parts_of(by_id[g.claims[0]], parse, settings.parts_max) for g in lone}
    cut = {cid: parts for cid, parts in cut.items() if len(parts) > 1}
    if not cut:
        return list(groups)
    texts, owners, speakers = [], [], []
    for claim in claims:
        for part in cut.get(claim.id) or _parts_of(claim, parse, settings.parts_max):
            texts.append(part)
            owners.append(claim)
            speakers.append(claim.attributed_to)
    article_ids = [c.span.article_id for c in owners]
    asked = [i for i, owner in enumerate(owners) if owner.id in cut]
    partners = candidate_partners(texts, article_ids, speakers, asked, settings)
    hopeless = {owners[i].id for i in asked if not partners[i]}  # a part no text comes near: untold
    pairs = {(min(i, j), max(i, j)) for i in asked if owners[i].id not in hopeless
             for j in partners[i][: settings.parts_candidates]}
    scores = match_matrix(texts, article_ids, settings, speakers, only=pairs)
    out = []
    for group in groups:
        cid = group.claims[0] if len(group.claims) == 1 else None
        if cid not in cut or cid in hopeless:
            out.append(group)
            continue
        tellers = _tellers([i for i, owner in enumerate(owners) if owner.id == cid], scores, owners,
                           settings.match_threshold)
        if not tellers:
            out.append(group)
            continue
        tellers = list({c.id: c for c in tellers}.values())
        spans = tuple(sorted({c.span for c in tellers}))
        items = [(by_id[cid].span, by_id[cid].attributed_to), *((c.span, c.attributed_to) for c in tellers)]
        outlets, unknown = outlet_labels(articles[s.article_id] for s in (*group.spans, *spans))
        support = Support(outlets=len(outlets), origins=origins(items), unknown_outlets=unknown)
        out.append(_with_support(group, spans, support))
    return out


def _tellers(rows: list[int], scores: np.ndarray, owners: list[Claim], threshold: float) -> list[Claim]:
    """The claims whose parts state the parts ``rows`` of one claim, each part by another part
    (one fact does not tell two), or ``[]`` when some part is told by none: the best one-to-one
    assignment of parts to matching parts."""
    from scipy.optimize import linear_sum_assignment

    told = scores[rows] >= threshold
    if not told.any(axis=1).all():
        return []
    picked, parts = linear_sum_assignment(np.where(told, scores[rows], -1.0), maximize=True)
    if len(picked) < len(rows) or not told[picked, parts].all():
        return []
    return [owners[j] for j in parts]


def _with_support(group: ClaimGroup, spans: tuple[Span, ...], support: Support) -> ClaimGroup:
    from . import sourcing  # the package imports this module

    return dataclasses.replace(group, told_in_parts=spans, support=support, sourcing=sourcing(support))
