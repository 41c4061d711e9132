"""The local engine: ingest, store, run the pure stages, write dossiers."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..ingest import ingest
from ..model import Rejection
from ..pipeline import Batch, Pipeline, Reporter, Stage, pure_stages
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

    @property
    def rejected(self) -> int:
        return len(self.rejections)


def analyze(
    inputs: Iterable[str],
    db: str | Path = ":memory:",
    out: str | Path | None = None,
    settings: Settings | None = None,
    reporter: Reporter | None = None,
) -> AnalyzeResult:
    """Ingest ``inputs`` into the store at ``db`` and analyse every stored article.

    Steps:
        1. ingest: read inputs into documents and rejections (every input accounted for);
        2. clean, then store the new articles (already stored ones are left as they are);
        3. run provenance → stories → extract → align → summarize → report over all stored articles;
        4. store the outputs, and write JSON, Markdown and HTML per story to ``out`` if given.

    Returns:
        The accounting (``read == accepted + rejected``) and the dossiers by story id.
    """
    settings = settings or Settings()
    reporter = reporter or Reporter()
    inputs = list(inputs)
    result = AnalyzeResult()
    with Store(db) as store:
        with reporter.stage("ingest", len(inputs)) as advance:
            ingested = ingest(inputs, settings.ingest, advance)
        batch: Batch = {"documents": ingested.documents, "rejections": ingested.rejections}
        stages = pure_stages()
        Pipeline(stages).check(("documents", "rejections"))
        Pipeline(stages[:1]).run(batch, settings, reporter)
        result.read = ingested.read
        result.accepted = len(batch["articles"])
        result.rejections = batch["rejections"]
        result.added, result.already_stored = store.add_articles(batch["articles"])
        store.add_rejections(batch["rejections"])
        batch["articles"] = store.articles()
        Pipeline(stages[1:]).run(batch, settings, reporter, after=lambda stage, b: _persist(store, stage, b))
        result.dossiers = batch["dossiers"]
    if out is not None:
        result.files = write_dossiers(result.dossiers, out)
    return result


def _persist(store: Store, stage: Stage, batch: Batch) -> None:
    if stage.name == "provenance":
        store.replace_provenance(batch["reuse"], batch["families"])
    elif stage.name == "stories":
        store.replace_stories(batch["stories"])
    elif stage.name == "extract":
        from ..model import to_dict

        store.replace_evidence(
            (sid, kind, record.id, to_dict(record))
            for sid, ev in batch["evidence"].items()
            for kind, records in (("entity", ev.entities), ("quote", ev.quotes), ("claim", ev.claims))
            for record in records
        )
    elif stage.name == "report":
        store.replace_dossiers(batch["dossiers"].values())


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
