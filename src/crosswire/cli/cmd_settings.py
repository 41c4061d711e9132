"""``crosswire settings`` and ``crosswire schema``: what can be tuned, and the dossier format."""

from __future__ import annotations

import dataclasses
import json

import click

from ..settings import Settings, documented_settings
from .base import main


@main.command("settings")
def settings_command() -> None:
    """List every setting with its default and how that default was chosen."""
    defaults = Settings()
    docs = documented_settings()
    for section in dataclasses.fields(defaults):
        values = getattr(defaults, section.name)
        click.secho(f"[{section.name}]", bold=True)
        for f in dataclasses.fields(values):
            click.echo(f"  {f.name} = {getattr(values, f.name)!r}")
            click.echo(f"      {docs.get(f'{section.name}.{f.name}', '')}")


@main.command("schema")
def schema_command() -> None:
    """Print the dossier JSON Schema (draft 2020-12)."""
    from ..report import dossier_schema

    click.echo(json.dumps(dossier_schema(), indent=2))
