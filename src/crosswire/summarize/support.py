"""The support check every summary sentence must pass before it is emitted.

A check is any callable ``(sentence, source_texts) -> bool``. Two are built in:

* :func:`lexical_support`: a sentence is supported when every one of its content words (stemmed)
  and numbers occurs in the cited sources. An extracted sentence passes against its own span, a
  compression that only deleted words too; a paraphrase passes only if it invents no content word.
* :func:`model_support`: alignment's learned scorer (:mod:`crosswire.align.support`), which also
  judges paraphrases; it keeps each source span's prepared index and each sentence's parse, so
  checking a story's sentences parses every text once.

The pipeline layers them (:func:`layered_support`): the lexical check first, the learned one for
what it rejects — another outlet's differently worded span of the same fact, a generated sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..settings import AlignSettings
from .terms import stems

__all__ = ["SupportCheck", "layered_support", "lexical_support", "model_support", "prepare_checks",
           "unsupported_words"]

SupportCheck = Callable[[str, Sequence[str]], bool]


def unsupported_words(sentence: str, sources: Sequence[str]) -> list[str]:
    """Content-word stems of ``sentence`` that no source uses."""
    have = {s for text in sources for s, _ in stems(text)}
    return [s for s, content in stems(sentence) if content and s not in have]


def lexical_support(sentence: str, sources: Sequence[str]) -> bool:
    """True when every content word of ``sentence`` occurs in ``sources`` (and there is one).

    >>> lexical_support("Rebels took the city.", ["The rebels took the city on Sunday."])
    True
    >>> lexical_support("Rebels burned the city.", ["The rebels took the city on Sunday."])
    False
    """
    return bool(sources) and any(c for _, c in stems(sentence)) and not unsupported_words(sentence, sources)


class _ModelSupport:
    """The learned check as a :data:`SupportCheck` that can prepare a story's texts in one batch."""

    def __init__(self, settings: AlignSettings) -> None:
        self.settings = settings

    def __call__(self, sentence: str, sources: Sequence[str]) -> bool:
        from ..align.support import is_supported

        return bool(sources) and is_supported(sentence, sources, self.settings)

    def prepare(self, sentences: Sequence[str], sources: Sequence[str]) -> None:
        from ..align.support import prepare

        prepare(sentences, sources)


def model_support(settings: AlignSettings | None = None) -> SupportCheck:
    """The learned support check (:func:`crosswire.align.support.is_supported`) as a summary check.

    Source indexes and parses are cached by text (:meth:`~crosswire.align.support.SourceIndex.cached`,
    :func:`~crosswire.align.support.sentence_arcs`), and :func:`prepare_checks` encodes and parses
    a story's chosen sentences and their spans in one batch, so each text is prepared once.
    """
    return _ModelSupport(settings or AlignSettings())


class _LayeredSupport(_ModelSupport):
    """Cheap first: the lexical check, then the learned one for what it rejects."""

    def __call__(self, sentence: str, sources: Sequence[str]) -> bool:
        return lexical_support(sentence, sources) or super().__call__(sentence, sources)


def layered_support(settings: AlignSettings | None = None) -> SupportCheck:
    """The pipeline's summary check: supported when :func:`lexical_support` accepts (every content
    word and number occurs in the sources: an extracted or word-deleting compressed sentence against
    its own span), else when the learned check (:func:`model_support`) does — a paraphrase in
    another outlet's span of the same claim group, or a generated sentence.

    An extracted sentence costs what the lexical check costs; the learned check runs only on the
    pairs the lexical check rejects, so another outlet's differently worded report of the same fact
    can be cited as support.
    """
    return _LayeredSupport(settings or AlignSettings())


def prepare_checks(check: SupportCheck, sentences: Sequence[str], sources: Sequence[tuple], articles: dict) -> None:
    """Let ``check`` prepare, in one batch, the checks :func:`~crosswire.summarize.cite` is about to
    make: each sentence against its own span and its claim group's spans (``sources``: the
    ``(claim, group)`` of each sentence). A check without ``prepare`` (the lexical one) is left alone."""
    prepare = getattr(check, "prepare", None)
    if prepare is None:
        return
    spans = [s for claim, group in sources for s in (claim.span, *(group.spans if group else ()))]
    prepare(sentences, list(dict.fromkeys(articles[s.article_id].span_text(s) for s in spans)))
