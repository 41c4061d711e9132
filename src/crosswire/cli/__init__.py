"""The ``crosswire`` command: thin commands over the Python API.

Each command lives in its own module here and registers itself on :data:`main` (or on the
``eval`` group); a command parses its options, calls one library function, and turns
:class:`~crosswire.errors.CrosswireError` into a clean message and exit code 2.
"""

from __future__ import annotations

import importlib
import pkgutil

from .base import eval_group, main

__all__ = ["eval_group", "main"]

for _module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
    if _module.startswith("cmd_"):
        importlib.import_module(f"{__name__}.{_module}")
