"""Summary and timeline, pure: the first thing a reader of a dossier sees.

1. Candidates are the story's claims (sentences, or clauses of one), lightly compressed and
   written as sentences of their own (capital, full stop); claims of one claim group share a
   ``group`` so that a fact reported by several outlets is said once.
2. The best-corroborated facts come first (:func:`corroborated_first`: one sentence per claim
   group of two or more independent origins, best supported first, within
   ``corroborated_share`` of the budget); then the selector (:mod:`.extractive`) covers the
   concepts many articles share, weighted by centrality and by independent support (origins,
   then outlets), within ``words`` words; a sentence saying what a chosen one says (concept overlap,
   one claim group, or MiniLM cosine ≥ ``dense_redundancy``) is skipped.
3. Every chosen sentence must pass the support check against its own span; it then cites that
   span and every other span of its group that the check also accepts (the pipeline's check,
   :func:`~.support.layered_support`, is lexical first and learned for what that rejects, so a
   differently worded report of the same fact is cited too). A sentence that fails is
   never emitted: it is recorded in ``Summary.dropped``.
4. A story seen before (``batch["seen_articles"]``) also gets an update summary of what its new
   articles add (:mod:`.update`); the timeline comes from :mod:`.timeline`; the optional
   abstractive summary from :mod:`.llm`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Collection, Iterable, Mapping, Sequence

from ..align import names_someone
from ..align.embed import encode
from ..model import (
    Alignment,
    Article,
    Claim,
    ClaimGroup,
    DroppedSentence,
    Evidence,
    Span,
    Summary,
    SummarySentence,
)
from ..settings import SummarizeSettings
from .extractive import Candidate, as_sentence, compress, select
from .support import SupportCheck, layered_support, lexical_support, prepare_checks
from .timeline import timeline
from .update import select_update, update_baseline

__all__ = ["according_to", "cite", "claim_candidates", "corroborated_first", "reading_order", "run_stage", "summarize_story",
           "timeline"]


def _position_of(span: Span, article: Article) -> int:
    """Index of the sentence of ``article`` that holds the start of ``span`` (0 = the lead)."""
    for s in article.sentences:
        if s.start <= span.start < s.end or s.start >= span.start:
            return s.index
    return len(article.sentences)



def _quoted_share(span: Span, quoted: Sequence[Span]) -> float:
    inside = sum(min(span.end, q.end) - max(span.start, q.start) for q in quoted if q.overlaps(span))
    return inside / max(len(span), 1)


def claim_candidates(
    evidence: Evidence, alignment: Alignment, articles: dict[str, Article], settings: SummarizeSettings,
    only: Collection[str] | None = None,
) -> tuple[list[Candidate], list[tuple[Claim, ClaimGroup | None]]]:
    """One candidate per claim (of the articles in ``only`` when given), with its group; a claim
    that an update supersedes (the earlier side of one of ``alignment.updates``) is none, nor is
    one told in parts (``ClaimGroup.told_in_parts``): each of its facts is its tellers' claims'."""
    group_of = {cid: g for g in alignment.groups for cid in g.claims}
    docs = {aid: i for i, aid in enumerate(sorted(articles))}
    quoted = [q.span for q in evidence.quotes if q.kind == "direct"]
    passed_over = {u.claims[0] for u in alignment.updates if u.claims}
    passed_over |= {cid for g in alignment.groups if g.told_in_parts for cid in g.claims}
    candidates, sources = [], []
    for claim in evidence.claims:
        if (only is not None and claim.span.article_id not in only) or claim.id in passed_over:
            continue  # not asked for, a state a later report updates ("whereabouts unknown"), or told in parts
        if _quoted_share(claim.span, quoted) > settings.max_quoted_share:
            continue  # words of a speaker, possibly over several sentences: evidence, not narrative
        group = group_of.get(claim.id)
        origins, outlets = (group.support.origins, group.support.outlets) if group else (1, 1)
        prior = 1.0 + settings.support_weight * (math.log(max(origins, 1)) + 0.5 * math.log(max(outlets, 1)))
        text = articles[claim.span.article_id].span_text(claim.span)
        candidates.append(Candidate(
            as_sentence(compress(text) if settings.compress else text), docs[claim.span.article_id],
            _position_of(claim.span, articles[claim.span.article_id]), prior, group.id if group else None,
        ))
        sources.append((claim, group))
    return candidates, sources


def corroborated_first(
    candidates: Sequence[Candidate], sources: Sequence[tuple[Claim, ClaimGroup | None]], words: int,
) -> list[int]:
    """One candidate per corroborated claim group (two or more independent origins), most
    independent origins first, as long as they fit in ``words``: the member nearest its article's
    lead (the earliest article on a tie)."""
    best: dict[str, tuple[tuple, int]] = {}
    for i, (claim, group) in enumerate(sources):
        if group is not None and group.support.origins >= 2:
            key = (candidates[i].position, candidates[i].doc, claim.span.start)
            if group.id not in best or key < best[group.id][0]:
                best[group.id] = (key, i)
    groups = {g.id: g for _, g in sources if g is not None}
    order = sorted(best, key=lambda gid: (-groups[gid].support.origins, -groups[gid].support.outlets, gid))
    chosen, used = [], 0
    for gid in order:
        i = best[gid][1]
        if used + candidates[i].length <= words:
            chosen.append(i)
            used += candidates[i].length
    return chosen


def cite(
    text: str, claim: Claim, group: ClaimGroup | None, articles: dict[str, Article], check: SupportCheck,
    score: float, source: str = "extractive", said_by: Mapping[str, str | None] | None = None,
    common_words: Collection[str] | None = None,
) -> SummarySentence | DroppedSentence:
    """The cited sentence, or a :class:`DroppedSentence` when its own span does not support it.
    ``said_by`` (claim id → whom it is attributed to) tells how many of the group's claims are
    attributed: a fact most reports state in their own voice is given to no one (:func:`according_to`);
    else the fact is given to the speakers of the claims the sentence cites, not to those of group
    members the support check turned down (a claim matched into the group by mistake names someone
    the cited spans never quote).
    ``common_words``: :func:`lower_case_words` of ``articles``, when the caller has them."""
    own = articles[claim.span.article_id].span_text(claim.span)
    if not check(text, [own]):
        return DroppedSentence(text, source, "not supported by its own span", (claim.span,))  # type: ignore[arg-type]
    others: list[Span] = [
        s for s in (group.spans if group else ()) if s != claim.span and check(text, [articles[s.article_id].span_text(s)])
    ]
    common = lower_case_words(articles.values()) if common_words is None else common_words
    speakers = group.attributed_to if group else (claim.attributed_to,)
    if group is not None and said_by is not None:
        named = [cid for cid in group.claims if _named_speakers([said_by.get(cid)], common)]
        cited = {claim.span, *others}
        speakers = tuple(said_by.get(cid) for cid, s in zip(group.claims, group.spans) if s in cited)
        if 2 * len(named) < len(group.claims):  # most reports tell it in their own voice
            speakers = ()
    return SummarySentence(text, claim.span, tuple(others), round(score, 4), group.id if group else None,
                           according_to(text, speakers, common))


def lower_case_words(articles: Iterable[Article]) -> frozenset[str]:
    """Words the articles write in lower case somewhere: common words, not names."""
    return frozenset(w for a in articles for w in re.findall(r"(?<![\w'’-])[a-z][a-z'’-]*", a.text))


def _named_speakers(speakers: Collection[str | None], common_words: Collection[str] = ()) -> list[str]:
    """The named speakers among ``speakers``, each once: no pronoun ("It"), no unnamed
    speaker ("officials", "The agency"), no one word that is capitalised only because it opens a
    sentence ("Experts say …", where the story writes "experts" elsewhere: ``common_words``), and no
    name another one contains ("the Foreign Ministry" beside "the Patrian Foreign Ministry");
    longest first, "the" kept lower-case."""
    def words(name: str) -> tuple[str, ...]:
        return tuple(w for w in name.lower().split() if w not in ("the", "a", "an"))

    named = {}
    for speaker in speakers:
        if not names_someone(speaker):
            continue  # no one, a pronoun, or no name: "The agency", "officials"
        if len(words(speaker)) == 1 and words(speaker)[0] in common_words:
            continue  # "Experts", "Police" opening a sentence
        key = words(speaker)
        shown = re.sub(r"^(The|A|An) ", lambda m: m.group(1).lower() + " ", speaker.strip())
        if key and (key not in named or shown[0].islower()):
            named[key] = shown
    keys = sorted(named, key=len, reverse=True)
    kept = [k for i, k in enumerate(keys) if not any(set(k) <= set(o) for o in keys[:i])]
    return [named[k] for k in kept]


def according_to(text: str, speakers: Collection[str | None], common_words: Collection[str] = ()) -> str | None:
    """Whom a summary sentence's fact is attributed to, when its words do not name the speaker:
    the named speakers of its claim group (two at most, "and others" beyond), else ``None``
    ("Bases are on high alert" that a ministry said → "the Patrian Foreign Ministry").
    ``common_words`` (:func:`lower_case_words` of the story) tell a common noun opening a
    sentence ("Experts") from a name."""
    names = _named_speakers(speakers, common_words)
    said = set(re.findall(r"\w+", text.lower()))
    if not names or any(re.findall(r"\w+", n.lower())[-1] in said for n in names):
        return None
    return " and ".join(names[:2]) + (" and others" if len(names) > 2 else "")


def reading_order(sentences: Sequence[SummarySentence], articles: dict[str, Article]) -> tuple[SummarySentence, ...]:
    """Summary sentences as a reader takes them: by their article's publication date, then nearer
    their article's lead first (a lead says what happened; a report's last paragraphs recall
    background), then the selector's best first, then by article and offset. Undated articles come
    last, ordered the same way."""
    def key(s: SummarySentence) -> tuple:
        article = articles[s.span.article_id]
        return (article.published or dt.date.max, _position_of(s.span, article), -s.score, s.span.article_id,
                s.span.start)
    return tuple(sorted(sentences, key=key))


def summarize_story(
    evidence: Evidence, alignment: Alignment, articles: dict[str, Article], settings: SummarizeSettings,
    check: SupportCheck = lexical_support, seen: Collection[str] | None = None,
) -> tuple[tuple[SummarySentence, ...], list[DroppedSentence]]:
    """Cited summary sentences within ``settings.words`` words, in reading order, and the drops.

    With ``seen`` (article ids an earlier dossier covered), only the other articles' claims are
    candidates and what the seen articles told is discounted: the update summary.
    """
    new = None if seen is None else [a for a in articles if a not in seen]
    candidates, sources = claim_candidates(evidence, alignment, articles, settings, new)
    if seen is None:
        first = corroborated_first(candidates, sources, int(settings.corroborated_share * settings.words))
        chosen = select(candidates, settings.words, settings, first=first, vectors=encode([c.text for c in candidates]))
    else:
        earlier = [articles[a].text[x.start : x.end] for a in seen if a in articles for x in articles[a].sentences]
        chosen = select_update(candidates, earlier, settings.words, settings)
    prepare_checks(check, [candidates[i].text for i in chosen], [sources[i] for i in chosen], articles)
    kept, dropped = [], []
    said_by = {c.id: c.attributed_to for c in evidence.claims}
    common = lower_case_words(articles.values())
    for rank, i in enumerate(chosen):
        claim, group = sources[i]
        out = cite(candidates[i].text, claim, group, articles, check, 1.0 / (1 + rank),
                   "extractive" if seen is None else "update", said_by, common)
        (kept if isinstance(out, SummarySentence) else dropped).append(out)
    return reading_order(kept, articles), dropped


def run_stage(batch, settings, advance, check: SupportCheck | None = None):
    """Pipeline stage: a cited summary, an update summary for stories seen before, a timeline.

    ``batch["seen_articles"]`` (optional): ids of articles an earlier dossier already covered.
    ``check``: the support check (default :func:`~.support.layered_support`: lexical, then the
    learned one for what that rejects).
    """
    from .llm import llm_summary

    check = check or layered_support(settings.align)

    articles = {a.id: a for a in batch["articles"]}
    seen_all = set(batch.get("seen_articles") or ())
    summaries = {}
    for story in batch["stories"]:
        evidence, alignment = batch["evidence"][story.id], batch["alignment"][story.id]
        mine = {a: articles[a] for a in story.article_ids if a in articles}
        sentences, dropped = summarize_story(evidence, alignment, mine, settings.summarize, check)
        seen = update_baseline(mine, seen_all)
        update: tuple[SummarySentence, ...] = ()
        if seen:
            update, more = summarize_story(evidence, alignment, mine, settings.summarize, check, seen)
            dropped += more
        llm, llm_dropped = llm_summary(evidence, alignment, mine, settings.summarize, check, batch.get("llm_chat"))
        summaries[story.id] = Summary(
            story.id, sentences,
            timeline(evidence, alignment, mine, settings.summarize.timeline_background_days,
                     settings.summarize.timeline_shared_words, settings.summarize.timeline_month_day_days,
                     batch.get("families", ())),
            update, tuple(seen), llm,
            tuple(dropped + llm_dropped),
        )
        advance(1)
    return {"summaries": summaries}
