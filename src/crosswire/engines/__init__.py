"""Engines run the pipeline: ``local`` in this process (the default); Spark comes later."""

from .local import AnalyzeResult, analyze, analyze_store, ingest_into_store, write_dossiers

__all__ = ["AnalyzeResult", "analyze", "analyze_store", "ingest_into_store", "write_dossiers"]
