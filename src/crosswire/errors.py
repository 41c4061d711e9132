"""Exceptions raised by crosswire.

The tree::

    CrosswireError                 every error crosswire raises on purpose
    ├── ConfigError                a bad setting or option value
    ├── InputError                 an input path, glob or URL that cannot be read at all
    ├── MissingDependency          an optional extra is not installed (the message says which)
    ├── PipelineError              stages that do not fit together (a need nobody provides)
    ├── StoreError                 the DuckDB store cannot be opened or migrated
    └── SchemaError                a dossier that does not validate against its JSON Schema

A single bad *article* is never an exception: it becomes a :class:`crosswire.model.Rejection`
with a reason, and the run goes on.
"""

from __future__ import annotations


class CrosswireError(Exception):
    """Base class of every error crosswire raises on purpose."""


class ConfigError(CrosswireError):
    """A setting or command-line option has a value crosswire cannot use."""


class InputError(CrosswireError):
    """An input (path, glob, URL) cannot be read at all."""


class MissingDependency(CrosswireError):
    """An optional dependency is not installed."""

    def __init__(self, package: str, extra: str | None = None) -> None:
        hint = f"pip install 'crosswire[{extra}]'" if extra else f"pip install {package}"
        super().__init__(f"{package} is needed for this; install it with: {hint}")
        self.package = package
        self.extra = extra


class PipelineError(CrosswireError):
    """The stages of a pipeline do not fit together."""


class StoreError(CrosswireError):
    """The store cannot be opened, read or migrated."""


class SchemaError(CrosswireError):
    """A dossier does not match the dossier JSON Schema."""
