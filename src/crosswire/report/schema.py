"""The versioned dossier JSON Schema and validation against it."""

from __future__ import annotations

import functools
import json
from importlib import resources

from ..errors import SchemaError

SCHEMA_FILE = "dossier-1.0.json"


@functools.lru_cache(maxsize=1)
def dossier_schema() -> dict:
    """The JSON Schema (draft 2020-12) every dossier validates against."""
    return json.loads(resources.files("crosswire.report").joinpath("schema", SCHEMA_FILE).read_text("utf-8"))


def validate_dossier(dossier: dict) -> None:
    """Raise :class:`SchemaError` naming the first problems if ``dossier`` does not validate,
    or if any cited span's text does not round-trip to its article."""
    import jsonschema

    from .build import check_citations

    validator = jsonschema.Draft202012Validator(dossier_schema(), format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(dossier), key=lambda e: list(e.path))
    if errors:
        where = "; ".join(f"{'/'.join(map(str, e.path)) or '(root)'}: {e.message}" for e in errors[:5])
        raise SchemaError(f"dossier does not match {SCHEMA_FILE}: {where}")
    if bad := check_citations(dossier):
        raise SchemaError(f"{len(bad)} cited span(s) do not round-trip: {', '.join(bad[:5])}")
