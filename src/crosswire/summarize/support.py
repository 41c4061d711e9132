"""The support check every summary sentence must pass before it is emitted.

A check is any callable ``(sentence, source_texts) -> bool``. The default here is lexical and
honest about it: a sentence is supported when every one of its content words (stemmed) and
numbers occurs in the cited sources. An extracted sentence passes against its own span, a
compression that only deleted words too; a paraphrase or a generated sentence passes only if it
invents no content word. Alignment's entailment-based check can be passed in its place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .terms import stems

__all__ = ["SupportCheck", "lexical_support", "unsupported_words"]

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
