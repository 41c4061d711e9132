"""Report, pure: one validated dossier per story, rendered as JSON, Markdown and HTML.

Writing files is not done here (pure stages never touch the file system): see
:func:`crosswire.engines.local.write_dossiers`.
"""

from __future__ import annotations

import json

from ..model import Dossier
from .build import SCHEMA_VERSION, check_citations, dossier_json, iter_spans
from .render import marked_segments, render_html, render_markdown, safe_url
from .schema import dossier_schema, validate_dossier

__all__ = [
    "SCHEMA_VERSION", "check_citations", "dossier_json", "dossier_schema", "iter_spans", "marked_segments",
    "render_html", "render_markdown", "render_outputs", "run_stage", "safe_url", "validate_dossier",
]


def render_outputs(dossier: dict) -> dict[str, str]:
    """``{"json": …, "md": …, "html": …}`` for one validated dossier."""
    return {
        "json": json.dumps(dossier, ensure_ascii=False, indent=2) + "\n",
        "md": render_markdown(dossier),
        "html": render_html(dossier),
    }


def run_stage(batch, settings, advance):
    """Pipeline stage: assemble, validate and return each story's dossier as JSON-ready data."""
    articles = {a.id: a for a in batch["articles"]}
    dossiers = {}
    for story in batch["stories"]:
        members = set(story.article_ids)
        record = Dossier(
            story=story,
            articles=tuple(articles[a] for a in sorted(members, key=lambda i: (str(articles[i].published), i))),
            evidence=batch["evidence"][story.id],
            alignment=batch["alignment"][story.id],
            summary=batch["summaries"][story.id],
            reuse=tuple(r for r in batch["reuse"] if r.a.article_id in members and r.b.article_id in members),
            families=tuple(f for f in batch["families"] if set(f.article_ids) <= members),
        )
        data = dossier_json(record, settings.extract.languages, settings.extract.language_sure_chars)
        validate_dossier(data)
        dossiers[story.id] = data
        advance(1)
    return {"dossiers": dossiers}
