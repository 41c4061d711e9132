"""The local web app: ``crosswire serve`` shows a store's stories and dossiers in the browser.

Read-only and local by default: :func:`create_app` builds the ASGI app over a store,
:func:`serve` opens a store file read-only and runs it on ``127.0.0.1``. Pages are rendered on
the server from jinja2 templates shared with the static HTML dossier; a little hand-written
JavaScript (``static/app.js``) opens a cited span next to the dossier; ``/api`` answers JSON,
described by ``/api/openapi.json``.
"""

from __future__ import annotations

from .app import create_app, serve

__all__ = ["create_app", "serve"]
