"""The local web app: story list, dossier, article view, JSON API (Starlette, server-rendered).

Every page is rendered by jinja2 with autoescape on; URLs that come from articles go through
:func:`crosswire.report.safe_url`. Static files are served from a fixed list of names, so no
request path can reach the file system. Responses carry a strict Content-Security-Policy
(scripts and styles only from the app itself) and requests must name an allowed ``Host``.
"""

from __future__ import annotations

import functools
from importlib import resources
from urllib.parse import quote, urlencode

from ..settings import Settings
from ..store import Store
from .reader import StoreReader

STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml"}

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


@functools.lru_cache(maxsize=1)
def static_files() -> dict[str, tuple[bytes, str]]:
    """``{name: (content, media type)}`` of the bundled static files (read once)."""
    files = {}
    for entry in resources.files("crosswire.web").joinpath("static").iterdir():
        suffix = "." + entry.name.rsplit(".", 1)[-1]
        if entry.is_file() and suffix in STATIC_TYPES:
            files[entry.name] = (entry.read_bytes(), STATIC_TYPES[suffix])
    # The static dossier's stylesheet, shared so that both look alike.
    shared = resources.files("crosswire.report").joinpath("templates", "dossier.css")
    files["dossier.css"] = (shared.read_bytes(), STATIC_TYPES[".css"])
    return files


def host_allowed(host_header: str, allowed: tuple[str, ...]) -> bool:
    """Whether a ``Host`` header names an allowed host (any port); ``*`` allows all.

    >>> host_allowed("127.0.0.1:8000", ("127.0.0.1",)), host_allowed("evil.test", ("127.0.0.1",))
    (True, False)
    """
    if "*" in allowed:
        return True
    host = host_header.strip().lower()
    if host.startswith("["):
        host = host[: host.find("]") + 1] if "]" in host else host
    elif host.count(":") == 1:
        host = host.split(":", 1)[0]
    return host in allowed


class SecurityMiddleware:
    """Pure ASGI middleware: refuse unknown ``Host`` headers, add security headers to every answer."""

    def __init__(self, app, allowed_hosts: tuple[str, ...]) -> None:
        self.app = app
        self.allowed_hosts = allowed_hosts

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        if not host_allowed(headers.get(b"host", b"").decode("latin-1"), self.allowed_hosts):
            from starlette.responses import PlainTextResponse

            await PlainTextResponse("Invalid host header", status_code=400, headers=_plain_headers())(
                scope, receive, send)
            return

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *SECURITY_HEADERS]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _plain_headers() -> dict[str, str]:
    return {k.decode(): v.decode() for k, v in SECURITY_HEADERS}


def seg(value: object) -> str:
    """Percent-encode one URL path segment (``/`` included)."""
    return quote(str(value), safe="")


@functools.lru_cache(maxsize=1)
def environment():
    """The jinja2 environment: the app's templates first, then the dossier's shared ones."""
    import jinja2

    from ..report.render import anchor, condensed_conflicts, safe_url

    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([
            jinja2.PackageLoader("crosswire.web", "templates"),
            jinja2.PackageLoader("crosswire.report", "templates"),
        ]),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(safe_url=safe_url, anchor=anchor, seg=seg, condensed_conflicts=condensed_conflicts)
    env.globals.update(query_string=query_string)
    return env


def query_string(params: dict, **changes: object) -> str:
    """``?a=1&b=2`` from ``params`` with ``changes`` applied; empty values are left out."""
    merged = {**params, **changes}
    pairs = [(k, str(v)) for k, v in merged.items() if v not in (None, "")]
    return "?" + urlencode(pairs) if pairs else "?"


def create_app(store: Store, settings: Settings | None = None):
    """The ASGI app over ``store`` (open it with ``read_only=True``); nothing is ever written.

    Args:
        store: the crosswire store to show.
        settings: ``settings.web`` bounds pages and parameters and lists the allowed hosts.

    Example::

        from crosswire.store import Store
        app = create_app(Store("crosswire.duckdb", read_only=True))
    """
    from starlette.applications import Starlette
    from starlette.exceptions import HTTPException

    from . import api, pages

    settings = settings or Settings()
    reader = StoreReader(store)
    reader.check()
    app = Starlette(
        routes=[*pages.routes(), *api.routes()],
        exception_handlers={HTTPException: pages.http_error, 500: pages.server_error},
    )
    app.state.reader = reader
    app.state.settings = settings
    app.state.env = environment()
    return SecurityMiddleware(app, settings.web.allowed_hosts)


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, settings: Settings | None = None,
          log_level: str = "info") -> None:
    """Open ``db`` read-only and serve the app on ``host:port`` until interrupted.

    The app answers only requests whose ``Host`` is local or ``host`` itself; binding to all
    interfaces (``0.0.0.0`` or ``::``) answers any host name.
    """
    import uvicorn

    settings = settings or Settings()
    allowed = (*settings.web.allowed_hosts, host.lower(), f"[{host.lower()}]")
    if host in ("0.0.0.0", "::", ""):
        allowed = ("*",)
    settings = settings.replace("web", allowed_hosts=allowed)
    with Store(db, read_only=True) as store:
        app = create_app(store, settings)
        uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False)
