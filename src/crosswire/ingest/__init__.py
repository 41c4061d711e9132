"""Ingestion: the only package that touches files and the network.

``ingest(inputs)`` expands directories, globs, file lists and URLs, reads every input with the
reader for its format, and returns an :class:`IngestResult` in which every input read is
accounted for: ``read == accepted + rejected``.
"""

from __future__ import annotations

from .core import IngestResult, ingest, read_input
from .sources import expand_inputs

__all__ = ["IngestResult", "expand_inputs", "ingest", "read_input"]
