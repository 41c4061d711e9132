"""The local engine: ingest, store, run the pure stages, write dossiers."""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..ingest import ingest
from ..model import Rejection
from ..pipeline import Batch, InProcess, Pipeline, Reporter, Stage, pure_stages
from ..report import render_outputs
from ..settings import Settings
from ..store import Store


@dataclass
class AnalyzeResult:
    """What a run did: the accounting of its inputs and the dossiers it wrote."""

    read: int = 0
    accepted: int = 0
    added: int = 0
    already_stored: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    dossiers: dict[str, dict] = field(default_factory=dict)
    files: dict[str, dict[str, Path]] = field(default_factory=dict)
    reused: set[str] = field(default_factory=set)
    """Stories whose inputs had not changed since the last run: their stored dossier was kept."""

    @property
    def rejected(self) -> int:
        return len(self.rejections)


def ingest_into_store(
    inputs: Iterable[str], store: Store, settings: Settings | None = None, reporter: Reporter | None = None,
    executor: InProcess | None = None,
) -> AnalyzeResult:
    """Read and clean ``inputs``, store new articles and all rejections; analyse nothing.
    ``executor`` cleans the documents in chunks (here by default; an engine's workers).

    Returns:
        The accounting: ``read == accepted + rejected``, and how many articles were new.
    """
    settings = settings or Settings()
    reporter = reporter or Reporter()
    inputs = list(inputs)
    with reporter.stage("ingest", len(inputs)) as advance:
        ingested = ingest(inputs, settings.ingest, advance, exclude=store.files())
    batch: Batch = {"documents": ingested.documents, "rejections": ingested.rejections}
    clean = pure_stages()[0]
    if executor is not None and executor.parallel:
        clean = _clean_over(executor, clean)
    Pipeline([clean]).run(batch, settings, reporter)
    result = AnalyzeResult(read=ingested.read, accepted=len(batch["articles"]), rejections=batch["rejections"])
    result.added, result.already_stored = store.add_articles(batch["articles"])
    store.add_rejections(batch["rejections"])
    return result


def _clean_over(executor: InProcess, stage: Stage) -> Stage:
    """The clean stage with the documents cleaned in chunks by ``executor``, results in order."""
    from ..model import Rejection

    def run(batch: Batch, settings: Settings, advance) -> Batch:
        chunks = executor.split(batch["documents"])
        done = executor.map(functools.partial(_clean_chunk, settings=settings), chunks, advance, [len(c) for c in chunks])
        articles, rejections = [], list(batch["rejections"])
        for result in (r for chunk in done for r in chunk):
            (rejections if isinstance(result, Rejection) else articles).append(result)
        return {"articles": articles, "rejections": rejections}

    return dataclasses.replace(stage, run=run)


def _clean_chunk(documents, settings: Settings) -> list:
    from ..clean import clean_documents

    return list(clean_documents(documents, settings))


def analyze_store(store: Store, settings: Settings | None = None, reporter: Reporter | None = None,
                  fresh: bool = False) -> dict[str, dict]:
    """Run provenance → stories → extract → align → summarize → report over every stored article,
    store each stage's output, and return the dossiers by story id.

    A story whose inputs are those of its stored dossier (:mod:`.reuse`) keeps that dossier and its
    stored evidence; only the other stories go through extract → report. ``fresh`` analyses all.
    """
    return _analyze_store(store, settings or Settings(), reporter, fresh)[0]


def _analyze_store(store: Store, settings: Settings, reporter: Reporter | None, fresh: bool,
                   executor: InProcess | None = None) -> tuple[dict[str, dict], set[str]]:
    """The dossiers by story id, and the ids of the stories whose stored dossier was kept.
    ``executor`` aligns provenance pairs in chunks and runs extract → report story by story
    (here by default; an engine's workers)."""
    from .llm import ChatCompletions, llm_config

    executor = executor or InProcess()
    engine_stages = {"provenance": functools.partial(_incremental_provenance, executor=executor),
                     "stories": _stable_stories}
    stages = [engine_stages[s.name](store, s) if s.name in engine_stages else s for s in pure_stages()[1:]]
    batch: Batch = {"articles": store.articles()}
    batch["seen_articles"] = _update_baseline(store.dossiers(), {a.id for a in batch["articles"]})
    config = llm_config(settings.summarize)
    if config:
        batch["llm_chat"] = ChatCompletions(config)
    if not batch["articles"]:
        return {}, set()
    head = [s for s in stages if s.name in engine_stages]
    Pipeline(head).run(batch, settings, reporter, after=functools.partial(_persist, store))
    inputs = _story_inputs(batch, settings, (config.url, config.model) if config else None)
    stored = {} if fresh else store.dossier_inputs()
    reused = {sid for sid, key in inputs.items() if stored.get(sid) == key}
    rest = _without_stories(batch, reused)
    if rest["stories"]:
        persist = functools.partial(_persist, store, keep=reused, inputs=inputs)
        story_stages = [s for s in stages if s.name not in engine_stages]
        if executor.parallel:
            _story_stages_over(executor, story_stages, rest, settings, reporter, persist)
        else:
            Pipeline(story_stages).run(rest, settings, reporter, after=persist)
    else:  # every dossier is kept: no model is loaded, and what no story owns any more goes
        store.replace_evidence((), reused)
        store.replace_dossiers((), inputs, reused)
        rest["dossiers"] = {}
    return {s.id: store.dossier(s.id) if s.id in reused else rest["dossiers"][s.id] for s in batch["stories"]}, reused


def _story_inputs(batch: Batch, settings: Settings, llm_endpoint: tuple[str, str] | None) -> dict[str, str]:
    """Story id → fingerprint of its dossier's inputs (:func:`.reuse.dossier_inputs`)."""
    from .reuse import dossier_inputs

    articles = {a.id: a for a in batch["articles"]}
    seen = batch.get("seen_articles") or set()
    return {s.id: dossier_inputs(s, articles, batch["families"], batch["reuse"], seen, settings, llm_endpoint)
            for s in batch["stories"]}


STORY_OUTPUTS = ("evidence", "alignment", "summaries", "dossiers")


def _story_stages_over(executor: InProcess, stages: list[Stage], batch: Batch, settings: Settings,
                       reporter: Reporter | None, persist) -> None:
    """Run ``stages`` (extract → report) one story at a time over ``executor``'s workers, largest
    story first, then gather their outputs into ``batch`` in story order and store them as the
    in-process run does (``persist`` after each stage). Each story's stages read only its own
    articles, the families and reuse links that touch them, and what earlier dossiers covered of it."""
    Pipeline(stages).check(tuple(batch))
    names = tuple(s.name for s in stages)
    stories = sorted(batch["stories"], key=lambda s: (-len(s.article_ids), s.id))
    chunks = _story_batches(batch, stories)
    with (reporter or Reporter()).stage(" → ".join(names), sum(len(s.article_ids) for s in stories)) as advance:
        done = executor.map(functools.partial(_run_story_stages, names=names, settings=settings), chunks,
                            advance, [len(s.article_ids) for s in stories])
    found = {story.id: out for story, out in zip(stories, done)}
    for name in STORY_OUTPUTS:
        batch[name] = {s.id: found[s.id][name][s.id] for s in batch["stories"]}
    for stage in stages:
        persist(stage, batch)


def _story_batches(batch: Batch, stories: list) -> list[Batch]:
    """What the story stages read of ``batch``, for each of ``stories`` (one pass over the batch)."""
    story_of = {aid: k for k, story in enumerate(stories) for aid in story.article_ids}
    seen = set(batch.get("seen_articles") or ())
    subs: list[Batch] = [{"stories": [story], "articles": [], "families": [], "reuse": [],
                          "seen_articles": seen.intersection(story.article_ids)} for story in stories]
    for article in batch["articles"]:
        if article.id in story_of:
            subs[story_of[article.id]]["articles"].append(article)
    for family in batch["families"]:
        for k in sorted({story_of[a] for a in family.article_ids if a in story_of}):
            subs[k]["families"].append(family)
    for link in batch["reuse"]:
        for k in sorted({story_of[a] for a in (link.a.article_id, link.b.article_id) if a in story_of}):
            subs[k]["reuse"].append(link)
    if "llm_chat" in batch:
        for sub in subs:
            sub["llm_chat"] = batch["llm_chat"]
    return subs


def _run_story_stages(batch: Batch, names: tuple[str, ...], settings: Settings) -> dict:
    """The story stages named ``names`` over one story's batch (on a worker): their outputs."""
    Pipeline([s for s in pure_stages() if s.name in names]).run(batch, settings)
    return {name: batch[name] for name in STORY_OUTPUTS}


def _without_stories(batch: Batch, reused: set[str]) -> Batch:
    """``batch`` for the stories not in ``reused``: those stories and their articles only."""
    stories = [s for s in batch["stories"] if s.id not in reused]
    members = {a for s in stories for a in s.article_ids}
    return {**batch, "stories": stories, "articles": [a for a in batch["articles"] if a.id in members]}


def analyze(
    inputs: Iterable[str],
    db: str | Path = ":memory:",
    out: str | Path | None = None,
    settings: Settings | None = None,
    reporter: Reporter | None = None,
    fresh: bool = False,
    executor: InProcess | None = None,
) -> AnalyzeResult:
    """Ingest ``inputs`` into the store at ``db`` and analyse every stored article.

    Steps:
        1. ingest: read inputs into documents and rejections (every input accounted for);
        2. clean, then store the new articles (already stored ones are left as they are);
        3. run provenance → stories over all stored articles, then extract → align → summarize →
           report over the stories whose inputs changed since their stored dossier (all of them
           with ``fresh``; the others keep their dossier, listed in ``AnalyzeResult.reused``);
        4. store the outputs, and write JSON, Markdown and HTML per story to ``out`` if given.

    ``executor`` runs the work that splits into independent chunks — cleaning documents, aligning
    provenance pairs, extract → report story by story — here by default, or over an engine's
    workers (:func:`crosswire.engines.spark.analyze`); the dossiers are the same either way.

    Returns:
        The accounting (``read == accepted + rejected``) and the dossiers by story id.

    Raises:
        InputError: an input path that does not exist, or a glob that matches nothing.
    """
    settings = settings or Settings()
    Pipeline(pure_stages()).check(("documents", "rejections"))
    with Store(db) as store:
        result = ingest_into_store(inputs, store, settings, reporter, executor)
        result.dossiers, result.reused = _analyze_store(store, settings, reporter, fresh, executor)
    if out is not None:
        result.files = write_dossiers(result.dossiers, out)
    return result


def _update_baseline(previous: list[dict], current: set[str]) -> set[str]:
    """The articles update summaries are new against: those of the last dossiers when articles were
    added since; when nothing was added, the baseline those dossiers used, so a re-run changes nothing."""
    covered = {a["id"] for d in previous for a in d["articles"]}
    if current - covered:
        return covered
    return {aid for d in previous for aid in d.get("summary_update", {}).get("since", ())}


def provenance_over_store(store: Store, articles: list, settings: Settings,
                          executor: InProcess | None = None) -> tuple[list, list]:
    """Text reuse over the store's persistent LSH index: only articles not yet indexed are
    compared (new × old and new × new); links found in earlier runs are read back from the store.
    An index built with other provenance settings is rebuilt.

    Returns:
        Every reuse link, and the origin families built from them over ``articles``.
    """
    from ..errors import ConfigError
    from ..provenance import build_families, update
    from ..store.lsh import DuckIndex

    index = DuckIndex(store.db)
    try:
        found = update(articles, index, settings.provenance, fetch=store.articles, executor=executor)
    except ConfigError:  # the index was built with other provenance settings: rebuild it
        index.clear()
        store.replace_provenance([], [])
        found = update(articles, index, settings.provenance, fetch=store.articles, executor=executor)
    links = store.reuse_links() + found.reuse
    return links, build_families(links, articles, settings.provenance.family_min_overlap)


def refresh_provenance(store: Store, settings: Settings | None = None, reporter: Reporter | None = None,
                       executor: InProcess | None = None) -> tuple[list, list]:
    """:func:`provenance_over_store` over every stored article, with the links and families stored:
    what ``crosswire stories`` runs first, so that articles added by ``crosswire ingest`` have their
    near-duplicate families before they are grouped."""
    settings = settings or Settings()
    articles = store.articles()
    with (reporter or Reporter()).stage("provenance", len(articles)) as advance:
        links, families = provenance_over_store(store, articles, settings, executor)
        advance(len(articles))
    store.replace_provenance(links, families)
    return links, families


def _incremental_provenance(store: Store, stage: Stage, executor: InProcess | None = None) -> Stage:
    """The provenance stage over the store (:func:`provenance_over_store`)."""

    def run(batch: Batch, settings: Settings, advance) -> Batch:
        links, families = provenance_over_store(store, batch["articles"], settings, executor)
        advance(len(batch["articles"]))
        return {"reuse": links, "families": families}

    return dataclasses.replace(stage, run=run)


def _stable_stories(store: Store, stage: Stage) -> Stage:
    """The stories stage over the store: clusters inherit the ids of the stories they overlap
    most, so ids stay stable across runs, and merges and splits are recorded as history."""
    from ..store.stories_state import recluster_stories
    from ..stories import infer_dates

    def run(batch: Batch, settings: Settings, advance) -> Batch:
        stories = recluster_stories(store, settings.stories).stories
        advance(len(batch["articles"]))
        return {"stories": stories, "articles": infer_dates(batch["articles"], stories, settings.stories.dateline_year_days)}

    return dataclasses.replace(stage, run=run)


def _persist(store: Store, stage: Stage, batch: Batch, keep: Collection[str] = frozenset(),
             inputs: dict[str, str] | None = None) -> None:
    """Store a stage's output; the evidence and dossiers of the stories in ``keep`` stay as stored."""
    if stage.name == "provenance":
        store.replace_provenance(batch["reuse"], batch["families"])
    elif stage.name == "extract":
        from ..model import to_dict

        store.replace_evidence(
            ((sid, kind, record.id, to_dict(record))
             for sid, ev in batch["evidence"].items()
             for kind, records in (("entity", ev.entities), ("quote", ev.quotes), ("claim", ev.claims))
             for record in records),
            keep,
        )
    elif stage.name == "report":
        store.replace_dossiers(batch["dossiers"].values(), inputs, keep)


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:48] or "story"


def write_dossiers(dossiers: dict[str, dict], out: str | Path) -> dict[str, dict[str, Path]]:
    """Write ``<story-id>-<slug>.{json,md,html}`` per story into ``out``; return the paths."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    files: dict[str, dict[str, Path]] = {}
    for story_id, dossier in dossiers.items():
        stem = f"{story_id}-{_slug(dossier['story']['title'])}"
        files[story_id] = {}
        for ext, content in render_outputs(dossier).items():
            path = out / f"{stem}.{ext}"
            path.write_text(content, encoding="utf-8")
            files[story_id][ext] = path
    return files
