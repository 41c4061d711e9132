"""The same quote across outlets: group direct quotes of one story and show how their wordings differ.

Two quotes from different articles are one statement when the content words of the shorter are
mostly found in the longer (overlap coefficient ≥ ``ExtractSettings.quote_match``): that survives
truncation (one outlet quotes one sentence of a longer statement), light rewording and different
translations of one foreign-language statement, which share most names and content words. Groups
are the connected components of that relation among direct quotes; reported speech joins the one
group it matches best. The longest direct quote is the reference; each
other member is ``identical``, ``truncated`` (a contiguous run of the reference's words),
``reworded`` (word-level edits listed), or ``paraphrase`` — reported speech matching a group,
which a renderer must never show inside quote marks.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from difflib import SequenceMatcher

from ..model import Quote, QuoteGroup, QuoteVariant, WordEdit

STOPWORDS = frozenset(
    ["a", "an", "the", "of", "to", "in", "on", "at", "for", "by", "with", "and", "or", "but", "that", "this", "these", "those", "is", "are", "was", "were", "be", "been", "being", "it", "its", "as", "from", "into", "has", "have", "had", "not", "no", "do", "does", "did", "will", "would", "can", "could", "we", "our", "us", "they", "their", "he", "she", "his", "her", "i", "you", "your", "all", "any", "some", "than", "then", "there", "which", "who", "whom", "what"]
)
_WORD = re.compile(r"\w+(?:[’'-]\w+)*")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def content_words(text: str) -> set[str]:
    """Lower-cased content words, with a crude plural/verb-ending strip so that forms match; a
    function word's contraction is none ("I'm", "there's", "don't")."""
    out = set()
    for word in words(text.lower()):
        if word in STOPWORDS or len(word) < 3 or _contracted_function_word(word):
            continue
        word = re.sub(r"[’']s$", "", word)  # "Felt's" is "Felt"
        out.add(re.sub(r"(?:ing|ed|es|s)$", "", word) if len(word) > 5 else word)
    return out


def _contracted_function_word(word: str) -> bool:
    head = re.split(r"[’']", word, maxsplit=1)
    return len(head) == 2 and (head[0] in STOPWORDS or word.endswith(("n't", "n’t")) or head[0] in ("let", "here"))


def overlap(a: set[str], b: set[str]) -> float:
    """Overlap coefficient |a ∩ b| / min(|a|, |b|)."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _edits(reference: list[str], variant: list[str]) -> tuple[WordEdit, ...]:
    matcher = SequenceMatcher(None, [w.lower() for w in reference], [w.lower() for w in variant], autojunk=False)
    out = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            out.append(WordEdit(op, " ".join(reference[i1:i2]), " ".join(variant[j1:j2])))  # type: ignore[arg-type]
    return tuple(out)


def _relation(reference: list[str], variant: list[str], kind: str) -> str:
    if kind != "direct":
        return "paraphrase"
    ref, var = [w.lower() for w in reference], [w.lower() for w in variant]
    if ref == var:
        return "identical"
    n = len(var)
    if n < len(ref) and any(ref[i : i + n] == var for i in range(len(ref) - n + 1)):
        return "truncated"
    return "reworded"


def story_theme(texts: Mapping[str, str], quotes: Iterable[Quote], share: float, min_articles: int) -> frozenset[str]:
    """The content words that at least ``share`` of a story's articles (``texts``) use in their own
    narration, outside every quote span of ``quotes``, in a story of ``min_articles`` or more ("osten",
    "valley", "flood" in reports of one flood). Words found only inside quotes are not of the theme:
    a statement most outlets relay is still told apart by its own words."""
    if len(texts) < min_articles:
        return frozenset()
    spans: dict[str, list[Quote]] = {}
    for q in quotes:
        spans.setdefault(q.span.article_id, []).append(q)
    counts: Counter[str] = Counter()
    for aid, text in texts.items():
        narration = list(text)
        for q in spans.get(aid, ()):
            narration[q.span.start:q.span.end] = " " * (q.span.end - q.span.start)
        counts.update(content_words("".join(narration)))
    return frozenset(w for w, n in counts.items() if n >= share * len(texts))


def _verbatim(a: list[str], b: list[str]) -> bool:
    """Whether the shorter of two word lists is the longer, or a contiguous run of it (case aside)."""
    short, long = sorted((a, b), key=len)
    return _relation(long, short, "direct") in ("identical", "truncated")


def _components(quotes: list[Quote], bags: list[set[str]], threshold: float,
                people: Collection[str] = (), min_shared: int = 1, theme: frozenset[str] = frozenset(),
                word_lists: list[list[str]] | None = None) -> list[list[int]]:
    """Groups of quotes linked by content overlap; a group never holds the words of two different
    people (``people``: entity ids of persons; each quote's ``speaker_entity``), since two people do
    not make one statement, however alike their words ("we have learned our lesson"). Direct quotes
    link among themselves first; a reported paraphrase then joins the one statement it matches
    best, and never bridges two (an outlet's summary of a poll and a lawyer's own words both
    "believe" someone "innocent" without being one statement). Two quotes
    that share only words of the story's ``theme`` (:func:`story_theme`) are linked only when one is
    the other verbatim (``word_lists``: each quote's words): "the Osten valley flood is so new" and
    "the Osten valley flood will reach the coast by Friday" are two statements about the story's subject."""
    parent = list(range(len(quotes)))
    speakers = [{q.speaker_entity} if q.speaker_entity in people else set() for q in quotes]

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    pairs = sorted(((overlap(bags[i], bags[j]), i, j) for i in range(len(quotes)) for j in range(i + 1, len(quotes))
                    if quotes[i].span.article_id != quotes[j].span.article_id
                    and "direct" in (quotes[i].kind, quotes[j].kind)), reverse=True)
    pairs = sorted((p for p in pairs if p[0] >= threshold), key=lambda p: quotes[p[1]].kind != quotes[p[2]].kind)
    attached: set[int] = set()
    for _, i, j in pairs:  # direct quotes first, each best first, so that a quote joins the speaker it matches best
        reported = next((k for k in (i, j) if quotes[k].kind != "direct"), None)
        if reported in attached:  # a paraphrase joins one statement; it does not bridge two
            continue
        a, b = find(i), find(j)
        shared = bags[i] & bags[j]
        if shared <= theme and not (word_lists and _verbatim(word_lists[i], word_lists[j])):
            continue
        if a != b and len(shared) >= min_shared and len(speakers[a] | speakers[b]) <= 1:
            parent[a] = b
            speakers[b] |= speakers[a]
            if reported is not None:
                attached.add(reported)
    groups: dict[int, list[int]] = {}
    for i in range(len(quotes)):
        groups.setdefault(find(i), []).append(i)
    return [g for g in groups.values() if len({quotes[i].span.article_id for i in g}) > 1]


def group_quotes(quotes: Iterable[Quote], texts: Mapping[str, str], threshold: float = 0.6,
                 min_words: int = 5, people: Collection[str] = (), min_shared: int = 3,
                 theme: frozenset[str] = frozenset()) -> tuple[QuoteGroup, ...]:
    """Groups of the same quote across articles.

    Args:
        quotes: the quotes of one story (direct and reported).
        texts: article id → cleaned text, to read the quotes' words.
        threshold: lowest overlap coefficient of content words for two quotes to be one statement.
        min_words: shorter quotes are not grouped (scare quotes and slogans match by accident).
        people: entity ids of persons: quotes of two different people are never one group.
        min_shared: content words two quotes must share (besides ``threshold``).
        theme: the story's theme words (:func:`story_theme`): sharing only these, two quotes are one
            statement only when one is the other verbatim.
    """
    pool = [q for q in quotes if len(words(texts[q.span.article_id][q.span.start : q.span.end])) >= min_words]
    text_of = {q.id: texts[q.span.article_id][q.span.start : q.span.end] for q in pool}
    bags = [content_words(text_of[q.id]) for q in pool]
    out = []
    word_lists = [[w.lower() for w in words(text_of[q.id])] for q in pool]
    for members in _components(pool, bags, threshold, people, min_shared, theme, word_lists):
        direct = [pool[i] for i in members if pool[i].kind == "direct"]
        reference = max(direct, key=lambda q: (len(text_of[q.id]), q.id))
        ref_words, ref_bag = words(text_of[reference.id]), content_words(text_of[reference.id])
        variants = []
        for i in sorted(members, key=lambda k: (pool[k].span.article_id, pool[k].span.start)):
            q = pool[i]
            if q.id == reference.id:
                variants.append(QuoteVariant(q.id, q.span, "reference", 1.0))
                continue
            var_words = words(text_of[q.id])
            relation = _relation(ref_words, var_words, q.kind)
            edits = _edits(ref_words, var_words) if relation == "reworded" else ()
            variants.append(QuoteVariant(q.id, q.span, relation, round(overlap(ref_bag, bags[i]), 3), edits))  # type: ignore[arg-type]
        gid = "qg_" + hashlib.blake2b("|".join(sorted(pool[i].id for i in members)).encode(), digest_size=5).hexdigest()
        speakers = [pool[i].speaker for i in members if pool[i].speaker]
        speaker = max(dict.fromkeys(speakers), key=speakers.count) if speakers else None  # ties: the first
        entities = [pool[i].speaker_entity for i in members if pool[i].speaker_entity]
        entity = max(dict.fromkeys(entities), key=entities.count) if entities else None
        out.append(QuoteGroup(gid, reference.id, speaker, tuple(variants), entity))
    return tuple(sorted(out, key=lambda g: -len(g.variants)))
