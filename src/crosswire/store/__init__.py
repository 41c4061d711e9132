"""The DuckDB store: articles, rejections and every stage's output, in one file."""

from __future__ import annotations

from .duck import DEFAULT_PATH, Store

__all__ = ["DEFAULT_PATH", "Store"]
