"""Whitespace and run-together sentences."""

from __future__ import annotations

import re

_SPACES = re.compile(r"[ \t\f\v]+")
# "post.The", "Syria.Furthermore", 'factions."In', 'alert."Russian': a sentence end glued to the
# next sentence. Only after a lower-case word of two or more letters, so "U.S.A", "e.g.X",
# decimals and domain names are left alone.
_RUN_ON = re.compile(r"(?<=[a-z]{2}[.!?])([\"”’“]?)(?=[\"“]?[A-Z][a-z])")


def normalise_line(line: str) -> str:
    return _SPACES.sub(" ", line).strip()


def split_run_ons(line: str) -> tuple[str, int]:
    """Insert the missing space between glued sentences; return the line and how many.

    A straight double quote between the two sentences closes the first when an odd number of
    straight quotes precede it, and opens the second otherwise.

    >>> split_run_ons('He said "no."Then she left.Later "Yes," she said.')[0]
    'He said "no." Then she left. Later "Yes," she said.'
    """

    def space(m: re.Match[str]) -> str:
        quote = m.group(1)
        if quote in ("”", "’") or (quote == '"' and line.count('"', 0, m.start()) % 2 == 1):
            return quote + " "
        return " " + quote

    return _RUN_ON.subn(space, line)
