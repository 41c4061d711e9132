"""Printing helpers shared by commands."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import click

from ..model import Rejection


def print_accounting(read: int, accepted: int, rejections: Sequence[Rejection], added: int, stored: int) -> None:
    """``read N = accepted A + rejected R`` and one line per rejection with its reason."""
    click.echo(f"read {read} = accepted {accepted} + rejected {len(rejections)}"
               f"  (new in store: {added}, already stored: {stored})")
    if rejections:
        reasons = Counter(r.reason for r in rejections)
        click.echo("rejected: " + ", ".join(f"{n} {reason}" for reason, n in sorted(reasons.items())))
        for r in rejections:
            click.echo(f"  - {r.input}: {r.reason}" + (f" ({r.detail})" if r.detail else ""))
