"""Engines run the pipeline: ``local`` in this process (the default); Spark comes later."""

from .local import AnalyzeResult, analyze, write_dossiers

__all__ = ["AnalyzeResult", "analyze", "write_dossiers"]
