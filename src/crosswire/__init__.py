"""crosswire: cross-check the news.

The Python API::

    import crosswire
    result = crosswire.analyze(["examples/seeds"])      # in-memory store
    for story_id, dossier in result.dossiers.items():
        print(dossier["story"]["title"], len(dossier["summary"]))
"""

from __future__ import annotations

__version__ = "0.1.0.dev0"

from .engines.local import AnalyzeResult, analyze, write_dossiers
from .errors import (
    ConfigError,
    CrosswireError,
    InputError,
    MissingDependency,
    PipelineError,
    SchemaError,
    StoreError,
)
from .ingest import ingest
from .model import (
    Article,
    Claim,
    Conflict,
    Document,
    Dossier,
    Entity,
    Family,
    Quote,
    Rejection,
    ReuseLink,
    Sentence,
    Span,
    Story,
)
from .settings import Settings
from .store import Store

__all__ = [
    "AnalyzeResult",
    "Article",
    "Claim",
    "ConfigError",
    "Conflict",
    "CrosswireError",
    "Document",
    "Dossier",
    "Entity",
    "Family",
    "InputError",
    "MissingDependency",
    "PipelineError",
    "Quote",
    "Rejection",
    "ReuseLink",
    "SchemaError",
    "Sentence",
    "Settings",
    "Span",
    "Store",
    "StoreError",
    "Story",
    "__version__",
    "analyze",
    "ingest",
    "write_dossiers",
]
