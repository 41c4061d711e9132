"""``crosswire status``: what a store holds, and every rejection with its reason."""

from __future__ import annotations

import os
from collections import Counter

import click

from ..errors import StoreError
from ..store import Store
from .base import db_option, friendly_errors, main


@main.command("status")
@db_option()
@click.option("--rejections/--no-rejections", default=True, show_default=True, help="List every rejected input.")
@friendly_errors
def status_command(db: str, rejections: bool) -> None:
    """Show what the store holds: articles, stories, dossiers, migrations, and rejected inputs."""
    if not os.path.exists(db):
        raise StoreError(f"no store at {db} (run `crosswire ingest` or `crosswire analyze` first)")
    with Store(db, read_only=True) as store:
        counts = store.counts()
        rejected = store.rejections()
        migrations = store.migrations()
    click.echo(f"store {db}")
    for name, count in counts.items():
        click.echo(f"  {name:<12} {count}")
    click.echo(f"  migrations   {', '.join(migrations)}")
    if rejected:
        reasons = Counter(r.reason for r in rejected)
        click.echo("rejected: " + ", ".join(f"{n} {reason}" for reason, n in sorted(reasons.items())))
        if rejections:
            for r in rejected:
                click.echo(f"  - {r.input}: {r.reason}" + (f" ({r.detail})" if r.detail else ""))
