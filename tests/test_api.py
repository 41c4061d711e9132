"""The public Python API."""

from __future__ import annotations

import subprocess
import sys

import crosswire


def test_all_is_sorted_and_importable():
    assert crosswire.__all__ == sorted(crosswire.__all__)
    for name in crosswire.__all__:
        assert hasattr(crosswire, name), name


def test_importing_crosswire_loads_no_model_library():
    code = "import sys, crosswire, crosswire.cli; print(sorted(m for m in ('spacy', 'torch', 'sentence_transformers') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_error_tree():
    for name in ("ConfigError", "InputError", "MissingDependency", "PipelineError", "SchemaError", "StoreError"):
        assert issubclass(getattr(crosswire, name), crosswire.CrosswireError)
