"""Engines run the pipeline: ``local`` in this process (the default), and ``spark``
(:mod:`.spark`, the ``spark`` extra), which runs the local engine's independent chunks of work
as Spark tasks and writes the same dossiers."""

from .local import AnalyzeResult, analyze, analyze_store, ingest_into_store, write_dossiers

__all__ = ["AnalyzeResult", "analyze", "analyze_store", "ingest_into_store", "write_dossiers"]
