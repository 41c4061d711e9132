"""Cleaning, pure: encoding repair, boilerplate, whitespace, sentences with offsets, language.

``clean_document(document)`` turns an ingested :class:`~crosswire.model.Document` into an
:class:`~crosswire.model.Article` whose ``text`` is what every span points into. The raw text is
kept untouched beside it.
"""

from __future__ import annotations

from .core import clean_document, clean_text
from .language import detect_language
from .sentences import crossheads, split_sentences

__all__ = ["clean_document", "clean_documents", "clean_text", "crossheads", "detect_language", "split_sentences"]


def clean_documents(documents, settings):
    """Each document cleaned (:func:`clean_document`), one at a time and in order: an article, or
    a rejection for a body that cleaning empties."""
    for document in documents:
        yield clean_document(document, settings.clean, settings.ingest.min_chars)


def run_stage(batch, settings, advance):
    """Pipeline stage: clean every document; a body that cleaning empties becomes a rejection."""
    from ..model import Rejection

    articles, rejections = [], list(batch["rejections"])
    for result in clean_documents(batch["documents"], settings):
        (rejections if isinstance(result, Rejection) else articles).append(result)
        advance(1)
    return {"articles": articles, "rejections": rejections}
