"""Alignment, pure: every claim of every source of a story side by side.

For each story (:func:`align_story`):

1. **matching** (:mod:`.matching`): a match probability for every pair of claims of different
   articles (MiniLM, TF-IDF and lexical cues, combined by weights fitted on MSRP);
2. **groups**: average-linkage grouping at ``match_threshold``; then groups whose claims all
   share an atomic event frame across articles (:mod:`.frames`: one predicate, one named theme,
   compatible agents) merge, complete linkage; each group's support counts its
   outlets and its independent origins (:func:`claim_origins`: relays of one origin, per
   provenance families, count once, and so do claims attributed to one named speaker, however
   each outlet words them), with the speakers it is attributed to and its first appearance;
3. **sourcing**: ``corroborated``, ``one_outlet`` or ``one_origin`` (one origin, relayed);
4. **conflicts** (:mod:`.conflicts`) among comparable pairs, typed, both spans side by side; a
   claim whose figure, date or negation contradicts its group's statement then leaves the group
   (:func:`split_dissent`), so that no report counts as support for what it contradicts; casualty
   tolls (:mod:`.tolls`) are compared across every claim of the story, grouped or not, by who is
   counted and where;
5. **updates** (:mod:`.updates`): unknown → known, and revised figures, in publication order;
6. **matrix** (:mod:`.matrix`): claim group × article, supports / silent / conflicts;
7. **unshared details** (:mod:`.details`): of each corroborated group, the figures, dates and
   names only one of its origins gives (:func:`with_unshared_details`);
8. **told in parts** (:mod:`.parts`): a one-outlet claim that joins facts in one sentence, each
   stated by a claim of another article, is supported by those claims.

The support check (:func:`support_score`, :func:`is_supported`) says whether a sentence is backed
by a set of source spans. The summary uses it after its lexical check
(:func:`crosswire.summarize.support.layered_support`): to cite another outlet's differently worded
span of the same fact and to verify generated sentences. Conflicts are found by typed rules on the
claims' values, negation, hedges, names and speakers; the support check then drops a conflict when
one report also tells the other's version elsewhere (:func:`.conflicts.told_by_both`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Collection, Mapping, Sequence

import numpy as np

from ..extract.entities import normalise_name
from ..model import (
    Alignment,
    Article,
    Claim,
    ClaimGroup,
    Conflict,
    Entity,
    Family,
    Span,
    Support,
    outlet_labels,
)
from ..provenance import family_of
from ..provenance.families import UnionFind
from ..settings import AlignSettings
from .conflicts import (
    age_conflicts,
    compare_claims,
    entity_spelling_conflicts,
    find_conflicts,
    on_side_matter,
    side_names,
    told_by_both,
)
from .details import detail_count, unshared_details
from .frames import ValueEvents, claim_frames, fact_pairs
from .matching import average_linkage, match_matrix, same_article_matches, story_theme, theme_only
from .matrix import claim_matrix, source_order
from .parts import told_in_parts
from .support import is_supported, support_score
from .tolls import place_names, toll_conflicts
from .updates import find_updates, split_updates, whereabouts_updates

__all__ = [
    "DISSENT_KINDS", "agreeing_parts", "align_story", "attributed_origins", "by_support", "claim_matrix",
    "claim_origins", "comparable_pairs", "compare_claims", "group_claims", "is_supported", "known_outlets",
    "merge_shared_facts", "names_someone", "run_stage", "split_dissent", "support_score", "unnamed_source",
]


def sourcing(support: Support) -> str:
    """``corroborated`` (≥ 2 independent origins), ``one_outlet`` or ``one_origin`` (relayed)."""
    if support.origins >= 2:
        return "corroborated"
    return "one_outlet" if support.outlets <= 1 else "one_origin"


SOURCE_NOUNS = frozenset({
    "official", "officials", "source", "sources", "spokesman", "spokeswoman", "spokesperson", "diplomat",
    "diplomats", "agency", "ministry", "statement", "government", "authorities", "office",
})
"""Heads of speaker phrases that name no one even when a name qualifies them ("Patrian officials",
"the agency", "the ministry"): who they are, the words do not say (:func:`unnamed_source`)."""
_REFERRING = frozenset({"it", "he", "she", "they", "we", "i", "you", "this", "that"})
_DETERMINERS = ("the ", "a ", "an ")


def _without_determiner(speaker: str) -> str:
    for determiner in _DETERMINERS:
        if speaker.lower().startswith(determiner):
            return speaker[len(determiner):]
    return speaker


def names_someone(speaker: str | None) -> bool:
    """Whether a speaker phrase holds a name: after a leading article, its first word is no
    pronoun and some word is capitalised ("the Patrian Foreign Ministry", "Ana Marn"; not "It" or
    "He" opening a sentence, "The agency", "officials")."""
    words = _without_determiner((speaker or "").strip()).split()
    return bool(words) and words[0].lower() not in _REFERRING and any(w[0].isupper() for w in words)


def unnamed_source(speaker: str | None) -> bool:
    """Whether a speaker is a source that names no one: no name at all (:func:`names_someone`:
    "the ministry", "The agency"), or a generic source noun that a name qualifies ("Patrian
    officials", :data:`SOURCE_NOUNS`); not a pronoun, which refers to someone."""
    words = _without_determiner((speaker or "").strip()).split()
    if not words or words[0].lower() in _REFERRING:
        return False
    return not names_someone(speaker) or (words[-1].islower() and words[-1] in SOURCE_NOUNS)


def _speaker_key(speaker: str | None) -> str | None:
    """The origin key of a named speaker ("the Patrian Foreign Ministry" → ``speaker:patrian foreign
    ministry``); ``None`` for no speaker, a pronoun ("He" opening a sentence included) or an
    unnamed source ("officials", "The agency")."""
    if not names_someone(speaker) or unnamed_source(speaker):
        return None
    name = normalise_name(speaker)
    name = name.removeprefix("the ").removeprefix("a ")
    return f"speaker:{name}" if name else None


def attributed_origins(items: Sequence[tuple[Span, str | None]], families: Sequence[Family],
                       outlets: Mapping[str, str | None] | None = None) -> int:
    """Independent origins of spans, each with the speaker it is attributed to (or ``None``): spans
    of one article share an origin, so do spans of one known outlet (``outlets``: article id →
    outlet; an outlet's second report is no second source), spans in one provenance family (a
    relay shares its source's), and spans attributed to one named speaker — five outlets quoting
    one ministry statement in their own words are one origin, not five."""
    return len(set(origin_ids(items, families, outlets)))


def origin_ids(items: Sequence[tuple[Span, str | None]], families: Sequence[Family],
               outlets: Mapping[str, str | None] | None = None) -> list[str]:
    """The origin of each span (:func:`attributed_origins`): equal ids for spans of one origin.
    Where the spans name one speaker only, the spans of a source that names no one
    (:func:`unnamed_source`: "Patrian officials said …" beside "the Patrian Foreign Ministry said
    …") are taken as relaying that speaker, not as a second origin."""
    found = UnionFind()
    roots = []
    keys = [_speaker_key(speaker) for _, speaker in items]
    named = set(filter(None, keys))
    for (span, speaker), key in zip(items, keys):
        root = f"article:{span.article_id}"
        if outlets and (outlet := outlets.get(span.article_id)):
            found.union(root, f"outlet:{outlet}")
        if family := family_of(span, families):
            found.union(root, f"family:{family.id}")
        if key:
            found.union(root, key)
        elif len(named) == 1 and unnamed_source(speaker):
            found.union(root, next(iter(named)))
        roots.append(root)
    return [found.find(root) for root in roots]


def claim_origins(members: Sequence[Claim], families: Sequence[Family],
                  outlets: Mapping[str, str | None] | None = None) -> int:
    """Independent origins of a group's claims (:func:`attributed_origins` of their spans and speakers)."""
    return attributed_origins([(c.span, c.attributed_to) for c in members], families, outlets)


def known_outlets(articles: Mapping[str, Article]) -> dict[str, str | None]:
    """Article id → its outlet where known (given, from its URL or from its wire dateline)."""
    return {aid: a.outlet for aid, a in articles.items()}


def _group(
    members: list[Claim], articles: dict[str, Article], families: Sequence[Family], score: float
) -> ClaimGroup:
    # the first published, and among reports of one day the claim nearest its article's lead,
    # stands for the group ("Rebels seized X on Monday" before "On Monday they took X")
    members.sort(key=lambda c: (articles[c.span.article_id].published or dt.date.max, c.span.start,
                                c.span.article_id, c.id))
    spans = tuple(c.span for c in members)
    outlets, unknown = outlet_labels(articles[s.article_id] for s in spans)
    dates = [articles[s.article_id].published for s in spans if articles[s.article_id].published]
    support = Support(outlets=len(outlets), origins=claim_origins(members, families, known_outlets(articles)),
                      unknown_outlets=unknown)
    gid = "g_" + hashlib.blake2b("|".join(c.id for c in members).encode(), digest_size=5).hexdigest()
    return ClaimGroup(
        id=gid, claims=tuple(c.id for c in members), spans=spans, outlets=outlets, support=support,
        attributed_to=tuple(sorted({c.attributed_to for c in members if c.attributed_to})),
        first_published=min(dates) if dates else None, score=round(score, 4), sourcing=sourcing(support),
    )


def _cohesion(scores: np.ndarray, members: list[int], article_ids: list[str]) -> float:
    cross = [scores[i, j] for i in members for j in members if i < j and article_ids[i] != article_ids[j]]
    return float(np.mean(cross)) if cross else 1.0


def merge_shared_facts(
    clusters: list[list[int]], shared: set[tuple[int, int]], article_ids: Sequence[str]
) -> list[list[int]]:
    """Clusters of claim indices merged, complete linkage, when every pair of their claims from
    different articles shares a fact (``shared`` holds ``(i, j)``, ``i < j``); pairs within one
    cluster count as shared. Merges follow the order of the shared pairs. Two claims of one article
    need no link of their own here, unlike in :func:`~crosswire.align.matching.average_linkage`:
    a fact is a predicate and a named theme, so two claims that each share one with every claim
    of the other cluster state that fact themselves."""
    cluster = {i: n for n, members in enumerate(clusters) for i in members}
    members = {n: list(m) for n, m in enumerate(clusters)}
    linked = lambda x, y: article_ids[x] == article_ids[y] or (min(x, y), max(x, y)) in shared
    for i, j in sorted(shared):
        ci, cj = cluster[i], cluster[j]
        if ci == cj or not all(linked(x, y) for x in members[ci] for y in members[cj]):
            continue
        for x in members[cj]:
            cluster[x] = ci
        members[ci].extend(members.pop(cj))
    return [sorted(m) for m in members.values()]


def group_claims(
    claims: Sequence[Claim], articles: dict[str, Article], families: Sequence[Family],
    settings: AlignSettings | None = None, scores: np.ndarray | None = None,
    shared: set[tuple[int, int]] = frozenset(), within: Mapping[tuple[int, int], float] | None = None,
) -> list[ClaimGroup]:
    """Claim groups, best supported first; every claim is in exactly one group.

    ``scores`` is the match matrix (:func:`~crosswire.align.matching.match_matrix`), computed
    when not given; ``within`` the matches of claims of one article
    (:func:`~crosswire.align.matching.same_article_matches`, computed when ``scores`` is not
    given): two claims of one article share a group only when they match each other or share an
    event frame. ``shared`` holds the claim pairs that share an event frame
    (:func:`~crosswire.align.frames.fact_pairs`), whose groups merge.
    """
    settings = settings or AlignSettings()
    article_ids = [c.span.article_id for c in claims]
    if scores is None:
        scores, within = claim_matches(claims, settings)
    clusters = average_linkage(scores, article_ids, settings.match_threshold, within)
    if shared:
        clusters = merge_shared_facts(clusters, set(shared), article_ids)
    groups = [
        _group([claims[i] for i in members], articles, families, _cohesion(scores, members, article_ids))
        for members in clusters
    ]
    return by_support(groups)


def claim_matches(claims: Sequence[Claim], settings: AlignSettings, theme: frozenset[str] = frozenset(),
                  persons: frozenset[str] = frozenset()) -> tuple[np.ndarray, dict[tuple[int, int], float]]:
    """The match matrix of claims of different articles, and the matches of claims of one article
    among those that match another article's (:func:`matched`), each claim read by what it states
    (its speaker from ``attributed_to``); with the story's ``theme``
    (:func:`~.matching.story_theme`), matches that share only its words are dropped
    (:func:`~.matching.theme_only`); ``persons``, the names the story's persons go by, tell the
    matcher which subjects are people (:func:`~.matching.ruled_out`)."""
    texts, article_ids = [c.text for c in claims], [c.span.article_id for c in claims]
    speakers = [c.attributed_to for c in claims]
    scores = theme_only(match_matrix(texts, article_ids, settings, speakers, persons=persons), texts, theme, settings,
                        speakers)
    return scores, same_article_matches(texts, article_ids, settings, speakers,
                                        matched(scores, settings.match_threshold), persons)


def matched(scores: np.ndarray, threshold: float) -> list[int]:
    """Indices of the claims that match some claim of another article: the only ones that can
    share a group, so the only ones whose same-article matches are worth scoring."""
    return np.flatnonzero((scores >= threshold).any(axis=1)).tolist() if len(scores) else []


def by_support(groups: Sequence[ClaimGroup]) -> list[ClaimGroup]:
    """Groups best supported first: most independent origins, then outlets; at equal support those
    that give a detail to check (:attr:`~crosswire.model.ClaimGroup.details`) before those that give
    none, then the first published, each article's claims in reading order."""
    return sorted(groups, key=lambda g: (-g.support.origins, -g.support.outlets, not g.details,
                                         g.first_published or dt.date.max, g.spans[0].article_id if g.spans else "",
                                         g.spans[0].start if g.spans else 0, g.id))


DISSENT_KINDS = frozenset({"number", "date", "time", "polarity"})
"""Conflict kinds by which a claim says something else than its group's statement: another figure,
another date, the negation. A spelling, a hedge or another speaker changes how a fact is told, not
which fact, so such a claim still supports its group."""


def split_dissent(
    groups: Sequence[ClaimGroup], claims: Sequence[Claim], conflicts: Sequence[Conflict],
    articles: dict[str, Article], families: Sequence[Family], scores: np.ndarray,
    apart: Collection[frozenset[str]] = (), shared: Collection[tuple[int, int]] = (),
) -> list[ClaimGroup]:
    """Groups without their dissenting claims: two claims of a group that a number, date, time or
    polarity conflict sets against each other end in different parts (:func:`agreeing_parts`; the
    group's first claim keeps its part), so that no group counts a report that contradicts it as
    support ("All 217 people aboard were killed": not with "… killed all 223"). The conflict stays
    listed, now between two groups, and the matrix shows it. A figure revised in publication order
    is an update, not a conflict, and parts nothing. ``apart``: more pairs of claim ids
    that speak of two things (:func:`~crosswire.align.conflicts.on_side_matter`), parted alike.

    A dissenter may have kept its group from merging with another that states the same fact (the
    merge of :func:`merge_shared_facts` is complete linkage), so the parts merge again over the
    ``shared`` fact pairs (claim indices) that no conflict sets apart: "All 217 people aboard were
    killed" joins "The crash … killed all 217 people on board" once "… killed all 223" has left."""
    against = {frozenset(c.claims) for c in conflicts if c.kind in DISSENT_KINDS and len(c.claims) == 2}
    against |= set(apart)
    if not against:
        return list(groups)
    by_id = {c.id: c for c in claims}
    index = {c.id: i for i, c in enumerate(claims)}
    article_ids = [c.span.article_id for c in claims]
    kept, parts = [], []
    for group in groups:
        found = agreeing_parts([by_id[i] for i in group.claims], against)
        if len(found) == 1:
            kept.append(group)
        else:
            parts += [[index[c.id] for c in part] for part in found]
    if not parts:
        return list(groups)
    unsplit = [[index[i] for i in g.claims] for g in kept]
    agreeing = {(i, j) for i, j in shared if frozenset((claims[i].id, claims[j].id)) not in against}
    clusters = merge_shared_facts(unsplit + parts, agreeing, article_ids)
    whole = {tuple(sorted(m)): g for m, g in zip(unsplit, kept)}
    out = [whole.get(tuple(members)) or _group([claims[i] for i in members], articles, families,
                                               _cohesion(scores, members, article_ids))
           for members in clusters]
    return by_support(out)


def agreeing_parts(members: Sequence[Claim], against: set[frozenset[str]]) -> list[list[Claim]]:
    """``members`` parted so that no two claims of a part are set ``against`` each other (pairs of
    claim ids): in the group's order, each claim joins the first part none of whose claims it
    contradicts, else opens a part. The group's first claim keeps its part, and a conflict between
    any two claims, not only with the first, parts them."""
    parts: list[list[Claim]] = []
    for claim in members:
        part = next((p for p in parts if all(frozenset((claim.id, c.id)) not in against for c in p)), None)
        if part is None:
            parts.append([claim])
        else:
            part.append(claim)
    return parts


def comparable_pairs(groups: Sequence[ClaimGroup], index: dict[str, int], scores: np.ndarray,
                     settings: AlignSettings) -> list[tuple[int, int, bool]]:
    """Pairs of claims ``(i, j, same_statement)`` to check for conflicts: pairs inside one group whose
    own match probability reaches ``match_threshold`` (the same statement), and the other pairs
    inside one group or scoring at least ``conflict_min_score`` (related statements).

    A group joins claims by average linkage and shared event frames, so two of its claims may
    themselves match poorly ("no one was hurt" beside "they fled the fire" in one fire's group);
    polarity, intensity, hedging and attribution differences count only between claims that match
    each other. Of 24 polarity and hedging conflicts sampled from two runs over 29 ECB+ stories and
    read by hand, 2 were real; this keeps both and 9 of the 22 false ones. Number and date conflicts
    of a grouped pair that does not match need the two claims to say the same apart from the figure
    (``frame_min_overlap``); letting every grouped pair through instead added 11 conflicts on the
    same 29 stories, of which at most 1 was real (dates and counts of other events of the story:
    an earlier quake's toll, the day a statement was made)."""
    grouped = {tuple(sorted((index[a], index[b]))) for g in groups for a in g.claims for b in g.claims if a < b}
    same = {(i, j) for i, j in grouped if scores[i, j] >= settings.match_threshold}
    rows, cols = np.nonzero(np.triu(scores >= settings.conflict_min_score, 1))
    related = (set(zip(rows.tolist(), cols.tolist())) | grouped) - same
    return sorted([(i, j, True) for i, j in same] + [(i, j, False) for i, j in related])


def align_story(
    story_id: str, claims: Sequence[Claim], articles: dict[str, Article], families: Sequence[Family],
    settings: AlignSettings | None = None, article_ids: Sequence[str] = (),
    nlp=None, entities: Sequence[Entity] = (),
) -> Alignment:
    """The alignment of one story's claims (see the module docstring for the steps); the matrix
    has a column for each of ``article_ids`` (default: the articles the claims come from). With a
    spaCy pipeline ``nlp`` (and ``settings.event_frames``), claims sharing an event frame join one
    group, names resolved through the story's ``entities``."""
    settings = settings or AlignSettings()
    claims = list(claims)
    claim_articles = [c.span.article_id for c in claims]
    theme = story_theme([articles[a].text for a in dict.fromkeys(article_ids or claim_articles)], settings)
    persons = frozenset(name for e in entities if e.type == "PERSON" for name in (e.name, *e.variants))
    scores, within = claim_matches(claims, settings, theme, persons)
    shared = set()
    if nlp is not None and settings.event_frames:
        shared = fact_pairs(claim_frames(claims, nlp, articles, entities), claim_articles, settings)
    groups = group_claims(claims, articles, families, settings, scores, shared, within)
    index = {c.id: i for i, c in enumerate(claims)}
    pairs = comparable_pairs(groups, index, scores, settings)
    published = lambda c: articles[c.span.article_id].published
    same_event = ValueEvents(nlp, settings) if nlp is not None and settings.event_frames else None
    names = _speaker_names(entities)
    found = find_conflicts(claims, pairs, settings, dated=lambda c: _dated(articles[c.span.article_id]),
                           same_event=same_event, names=names)
    if same_event is not None and settings.toll_conflicts:
        found += _new_pairs(toll_conflicts(claims, same_event.parse, settings, place_names(entities)), found)
    apart = _side_matters(found, claims, articles, article_ids or claim_articles, entities, same_event, settings)
    found = [c for c in found if frozenset(c.claims) not in apart]
    conflicts, revised = split_updates(found, {c.id: c for c in claims}, published)
    conflicts += _new_spellings(entity_spelling_conflicts(entities, claims, articles), conflicts)
    conflicts += _new_figures(age_conflicts(entities, claims, articles), conflicts)
    if settings.conflicts_told_by_both:
        supports = lambda claim, sentence: is_supported(claim, [sentence], settings)
        conflicts = [c for c in conflicts if not told_by_both(c, articles, supports)]
    placed = []
    if same_event is not None and settings.whereabouts_updates:
        placed = whereabouts_updates(claims, entities, {a: articles[a].text for a in claim_articles},
                                     same_event.parse, published)
        settled = {frozenset(u.claims) for u in placed}
        conflicts = [c for c in conflicts if frozenset(c.claims) not in settled]
    groups = split_dissent(groups, claims, conflicts, articles, families, scores, apart, shared)
    story_articles = set(article_ids or claim_articles)
    details = [e for e in entities if not story_subject(e, story_articles)]
    by_id = {c.id: c for c in claims}
    groups = [with_unshared_details(g, by_id, articles, families, details, settings) for g in groups]
    groups = [dataclasses.replace(g, details=_details(g, by_id, entities)) for g in groups]
    if same_event is not None and settings.told_in_parts:
        outlets = known_outlets(articles)
        groups = told_in_parts(groups, claims, same_event.parse,
                               lambda items: attributed_origins(items, families, outlets), articles, settings)
    groups = by_support(groups)
    updates = find_updates(claims, [(i, j) for i, j, _ in pairs], published) + revised
    updates = sorted(updates + _new_pairs(placed, updates),
                     key=lambda u: (articles[u.a.article_id].published or dt.date.max, u.a, u.b))
    sources = source_order(sorted(set(article_ids) | set(claim_articles)), articles)
    return Alignment(story_id, tuple(groups), tuple(conflicts), tuple(updates), sources,
                     claim_matrix(groups, sources, conflicts))


def _details(group: ClaimGroup, claims: Mapping[str, Claim], entities: Sequence[Entity]) -> int:
    """:attr:`~crosswire.model.ClaimGroup.details` of ``group``: its claims' entities and values,
    and the speakers they are attributed to that name someone (:func:`names_someone`)."""
    members = [claims[c] for c in group.claims]
    speakers = {_without_determiner(c.attributed_to.strip()) for c in members if names_someone(c.attributed_to)}
    return detail_count(members, entities, speakers)


def story_subject(entity: Entity, article_ids: Collection[str]) -> bool:
    """Whether most of a story's articles (three or more) name ``entity``: what the story is about
    ("Jupiter" in reports of a Jupiter probe), no detail that only one origin gives."""
    named = {m.article_id for m in entity.mentions}.intersection(article_ids)
    return len(article_ids) >= 3 and 2 * len(named) > len(article_ids)


def with_unshared_details(group: ClaimGroup, claims: Mapping[str, Claim], articles: dict[str, Article],
                          families: Sequence[Family], entities: Sequence[Entity],
                          settings: AlignSettings) -> ClaimGroup:
    """``group`` with the details only one of its origins gives (:func:`.details.unshared_details`)."""
    if group.support.origins < 2:
        return group
    members = [claims[c] for c in group.claims]
    origins = origin_ids([(c.span, c.attributed_to) for c in members], families, known_outlets(articles))
    return dataclasses.replace(group, unshared=unshared_details(members, origins, entities, settings))


def _side_matters(found: Sequence[Conflict], claims: Sequence[Claim], articles: dict[str, Article],
                  article_ids: Sequence[str], entities: Sequence[Entity], same_event: ValueEvents | None,
                  settings: AlignSettings) -> set[frozenset[str]]:
    """Claim-id pairs of the number and date conflicts that set a side entity's figure against
    the story's own (:func:`~crosswire.align.conflicts.on_side_matter`); needs the parser."""
    if same_event is None or not any(c.kind in ("number", "date") for c in found):
        return set()
    texts = {a: articles[a].text for a in article_ids if a in articles}
    side = side_names(entities, texts, settings.side_entity_max_share)
    by_id = {c.id: c for c in claims}
    return {frozenset(c.claims) for c in found if len(c.claims) == 2
            and on_side_matter(c, by_id[c.claims[0]], by_id[c.claims[1]], same_event.subject_words, side)}


def _speaker_names(entities: Sequence[Entity]) -> set[str]:
    """Lower-cased names a speaker may go by: each entity's names and variants, and a person's
    surname ("Obama"); not every word of a name ("police" of "Troy Police Department")."""
    names = set()
    for entity in entities:
        for name in (entity.name, *entity.variants):
            names.add(name.lower())
            if entity.type == "PERSON":
                names.update(w.lower() for w in name.split()[-1:])
    return names


def _dated(article: Article) -> bool:
    """Whether relative dates of ``article`` ("on Friday") were resolved against a publication date
    it states; one inferred from its story is a guess, and a date resolved from it is not compared."""
    return article.published is not None and article.published_source != "inferred"


def _new_figures(found: Sequence[Conflict], known: Sequence[Conflict]) -> list[Conflict]:
    """Conflicts whose two figures no conflict found already sets side by side."""
    shown = {frozenset(c.parts) for c in known if c.parts}
    return [c for c in found if frozenset(c.parts) not in shown]


def _new_pairs(found: Sequence[Conflict], known: Sequence[Conflict]) -> list[Conflict]:
    """Conflicts between claim pairs that no conflict found already compares."""
    compared = {frozenset(c.claims) for c in known}
    return [c for c in found if frozenset(c.claims) not in compared]


def _new_spellings(found: Sequence[Conflict], known: Sequence[Conflict]) -> list[Conflict]:
    """Entity spelling conflicts whose two spellings no claim-level conflict already shows."""
    seen = {frozenset(c.parts) for c in known if c.kind == "spelling"}
    return [c for c in found if frozenset(c.parts) not in seen]


def run_stage(batch, settings, advance):
    """Pipeline stage: align each story's claims."""
    from ..extract.nlp import load_nlp

    articles = {a.id: a for a in batch["articles"]}
    nlp = load_nlp(settings.extract.spacy_model) if settings.align.event_frames else None
    alignment = {}
    for story in batch["stories"]:
        evidence = batch["evidence"][story.id]
        alignment[story.id] = align_story(story.id, evidence.claims, articles, batch["families"], settings.align,
                                          story.article_ids, nlp, evidence.entities)
        advance(1)
    return {"alignment": alignment}
