"""Shared fixtures: the bundled example analysed once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "seeds"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture(scope="session")
def example_run(tmp_path_factory):
    """``(AnalyzeResult, db_path, out_dir)`` for the bundled example, analysed into a fresh store."""
    import crosswire

    base = tmp_path_factory.mktemp("example")
    db, out = base / "example.duckdb", base / "dossiers"
    return crosswire.analyze([str(EXAMPLE)], db=db, out=out), db, out
