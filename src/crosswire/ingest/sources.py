"""Turn what the user typed (paths, directories, globs, URLs) into a list of inputs."""

from __future__ import annotations

import glob
import os
from pathlib import Path

from ..errors import InputError

URL_PREFIXES = ("http://", "https://")


def is_url(value: str) -> bool:
    return value.startswith(URL_PREFIXES)


def expand_inputs(inputs: list[str] | tuple[str, ...], exclude: set[str] | None = None) -> list[str]:
    """Expand directories (recursively, skipping hidden files) and globs; keep URLs as they are.

    Paths in ``exclude`` (e.g. the store's own database file) are left out of directory walks.

    Raises:
        InputError: a path that does not exist, or a glob that matches nothing.
    """
    expanded: list[str] = []
    for item in inputs:
        item = str(item)
        if is_url(item):
            expanded.append(item)
        elif os.path.isdir(item):
            expanded.extend(_walk(Path(item)))
        elif os.path.exists(item):
            expanded.append(item)
        elif glob.has_magic(item):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                raise InputError(f"no file matches {item!r}")
            for match in matches:
                expanded.extend(_walk(Path(match)) if os.path.isdir(match) else [match])
        else:
            raise InputError(f"no such file or directory: {item!r}")
    skip = {os.path.realpath(p) for p in exclude or ()}
    return [p for p in dict.fromkeys(expanded) if is_url(p) or os.path.realpath(p) not in skip]


def _walk(root: Path) -> list[str]:
    files = []
    for path in sorted(root.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(root).parts):
            continue
        if path.is_file():
            files.append(str(path))
    return files
