"""``crosswire serve``: the local web app over a store, read-only."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import StoreError
from .base import db_option, friendly_errors, main


@main.command("serve")
@db_option()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on. Anything but 127.0.0.1/localhost exposes the store to the network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="TCP port.")
@friendly_errors
def serve_command(db: str, host: str, port: int) -> None:
    """Browse the stories and dossiers of a store in the browser (read-only).

    Run `crosswire analyze INPUTS --db FILE` first, then open the address printed below. The
    store is opened read-only; stop the server before analysing into the same file again.
    """
    from ..web import serve

    if not Path(db).is_file():
        raise StoreError(f"no store at {db}: run `crosswire analyze INPUTS --db {db}` first")
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.secho(f"Warning: listening on {host}: anyone who can reach this machine can read the store.",
                    fg="yellow", err=True)
    click.echo(f"crosswire: serving {db} on http://{_url_host(host)}:{port}/  (Ctrl+C to stop)")
    serve(db, host=host, port=port)


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
