"""Sentence-level claims with attribution, hedging and negation flags, and normalised values."""

from __future__ import annotations

import hashlib
import re

from ..model import Claim, Span
from .quotes import CUE_LEMMAS
from .values import values_in

HEDGES = re.compile(
    r"\b(reportedly|allegedly|may|might|could|possibly|perhaps|apparently|seemed?|seems|likely|unconfirmed|"
    r"claimed|claims|according to|believed to|suggest(?:s|ed)?|unsure|unclear)\b",
    re.I,
)
_ACCORDING = re.compile(r"according to ([^,.;]+)", re.I)


def attribution(sent) -> str | None:
    """Who the sentence attributes its content to: "according to X", or the subject of a cue verb."""
    if m := _ACCORDING.search(sent.text):
        return m.group(1).strip()
    for token in sent:
        if token.lemma_.lower() in CUE_LEMMAS and token.pos_ == "VERB":
            for child in token.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    return " ".join(t.text for t in child.subtree)
    return None


def is_negated(sent) -> bool:
    return any(t.dep_ == "neg" or t.lower_ in ("no", "never", "nobody", "nothing") for t in sent)


def find_claims(doc, article_id: str, published) -> list[Claim]:
    """One claim per sentence with a verb (headlines without one are not claims)."""
    claims = []
    for sent in doc.sents:
        text = sent.text.strip()
        if len(text.split()) < 4 or not any(t.pos_ in ("VERB", "AUX") for t in sent):
            continue
        cid = "c_" + hashlib.blake2b(f"{article_id}:{sent.start_char}".encode(), digest_size=5).hexdigest()
        claims.append(
            Claim(
                id=cid,
                span=Span(article_id, sent.start_char, sent.end_char),
                text=text,
                attributed_to=attribution(sent),
                hedged=bool(HEDGES.search(text)),
                negated=is_negated(sent),
                values=values_in(sent, article_id, published),
            )
        )
    return claims
