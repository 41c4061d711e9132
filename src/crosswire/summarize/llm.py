"""The optional abstractive summary through an OpenAI-compatible chat-completions endpoint.

Off by default (``SummarizeSettings.llm_enabled``). The model sees the story's claims numbered
``S1``, ``S2`` … and is asked for sentences that each cite the ids they rest on. Every generated
sentence is then checked against the spans it cites with the same support check as the
extractive summary; one that cites nothing, cites an unknown id or is not supported is dropped,
and the drop is recorded (``Summary.dropped``), never silent.

The prompt, the parsing and the verification are pure. The endpoint itself is I/O and lives in
:mod:`crosswire.engines.llm`; the engine passes it in as the ``chat`` callable.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence

from ..model import Alignment, Article, Claim, DroppedSentence, Evidence, SummarySentence
from ..settings import SummarizeSettings
from .support import SupportCheck, lexical_support

__all__ = ["build_messages", "llm_summary", "parse_sentences", "verify"]

Chat = Callable[[list[dict]], str]
"""Messages in, the assistant's text out."""

MAX_SOURCES = 60
"""Claims offered to the model, best supported first: enough for a story of a dozen articles
while keeping the prompt under ~4k tokens."""

_SYSTEM = (
    "You write short, neutral news summaries. Use only facts stated in the numbered source sentences. "
    "After each sentence, cite the ids of the source sentences it rests on. Answer with JSON only: "
    '{"sentences": [{"text": "...", "cites": ["S1", "S4"]}]}'
)


def build_messages(sources: Sequence[str], words: int) -> list[dict]:
    """The chat messages: the numbered source sentences and the length asked for."""
    numbered = "\n".join(f"S{i + 1}: {text}" for i, text in enumerate(sources))
    return [
        {"role": "system", "content": _SYSTEM},
        {"role": "user", "content": f"Summarise in at most {words} words.\n\nSources:\n{numbered}"},
    ]


_TRAILING_CITES = re.compile(r"\s*\[((?:S\d+\s*,?\s*)+)\]\s*$")


def parse_sentences(content: str) -> list[tuple[str, list[str]]]:
    """``[(sentence, [cited ids])]`` from the model's answer: the JSON asked for, or lines that
    end in ``[S1, S2]``.

    >>> parse_sentences('{"sentences": [{"text": "A fell.", "cites": ["S2"]}]}')
    [('A fell.', ['S2'])]
    >>> parse_sentences("A fell. [S2, S3]")
    [('A fell.', ['S2', 'S3'])]
    """
    stripped = re.sub(r"^```(?:json)?\s*|\s*```$", "", content.strip())
    try:
        data = json.loads(stripped)
        items = data["sentences"] if isinstance(data, dict) else data
        return [(str(x.get("text", "")).strip(), [str(c) for c in x.get("cites", [])]) for x in items]
    except (ValueError, KeyError, TypeError, AttributeError):
        pass
    out = []
    for line in content.splitlines():
        if not line.strip():
            continue
        m = _TRAILING_CITES.search(line)
        cites = re.findall(r"S\d+", m.group(1)) if m else []
        out.append(((line[: m.start()] if m else line).strip(), cites))
    return out


def verify(
    generated: Sequence[tuple[str, list[str]]], sources: Sequence[Claim], articles: dict[str, Article],
    check: SupportCheck = lexical_support,
) -> tuple[list[SummarySentence], list[DroppedSentence]]:
    """Keep the generated sentences whose cited spans support them; drop (and say why) the rest."""
    by_id = {f"S{i + 1}": c.span for i, c in enumerate(sources)}
    kept, dropped = [], []
    for text, cites in generated:
        spans = [by_id[c] for c in cites if c in by_id]
        if not text:
            continue
        reason = (
            "cites no source sentence" if not cites
            else "cites unknown sentence ids: " + ", ".join(c for c in cites if c not in by_id)
            if len(spans) < len(cites)
            else "" if check(text, [articles[s.article_id].span_text(s) for s in spans])
            else "not supported by the cited spans"
        )
        if reason:
            dropped.append(DroppedSentence(text, "llm", reason, tuple(spans)))
        else:
            kept.append(SummarySentence(text, spans[0], tuple(spans[1:]), 0.0))
    return kept, dropped


def _sources(evidence: Evidence, alignment: Alignment, articles: dict[str, Article]) -> list[Claim]:
    claims = {c.id: c for c in evidence.claims if c.span.article_id in articles}
    heads = [claims[g.claims[0]] for g in alignment.groups if g.claims and g.claims[0] in claims]
    return heads[:MAX_SOURCES]


def llm_summary(
    evidence: Evidence, alignment: Alignment, articles: dict[str, Article], settings: SummarizeSettings,
    check: SupportCheck = lexical_support, chat: Chat | None = None,
) -> tuple[tuple[SummarySentence, ...], list[DroppedSentence]]:
    """The verified abstractive summary and the dropped sentences; nothing when the LLM is off.

    Args:
        chat: the endpoint as a callable (messages → content), e.g.
            :class:`crosswire.engines.llm.ChatCompletions`; ``None`` (the default) means no LLM.
    """
    if chat is None:
        return (), []
    sources = _sources(evidence, alignment, articles)
    if not sources:
        return (), []
    try:
        content = chat(build_messages([c.text for c in sources], settings.words))
    except (OSError, ValueError, KeyError, IndexError) as exc:
        return (), [DroppedSentence("", "llm", f"endpoint failed: {exc}", ())]
    kept, dropped = verify(parse_sentences(content), sources, articles, check)
    return tuple(kept), dropped


