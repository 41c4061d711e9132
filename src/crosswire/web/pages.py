"""HTML pages: the story list, a story's dossier, an article with highlighted spans; static files
and error pages."""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from .params import SORTS, BadParam, int_param, select_stories, story_query
from .svg import provenance_graph, timeline_chart
from .views import claim_matrix, family_tags, highlight_runs, highlighted_segments, quote_groups, spans_in


def routes() -> list[Route]:
    return [
        Route("/", story_list, name="stories"),
        Route("/stories/{story_id}", story_page, name="story"),
        Route("/articles/{article_id}", article_page, name="article"),
        Route("/static/{name}", static_file, name="static"),
    ]


def render(request: Request, template: str, status_code: int = 200, **context) -> HTMLResponse:
    html = request.app.state.env.get_template(template).render(**context)
    return HTMLResponse(html, status_code=status_code)


def bad_request(exc: BadParam) -> HTTPException:
    return HTTPException(400, str(exc))


def bounded_id(request: Request, key: str) -> str:
    """A path id, refused (404) when longer than any id crosswire makes."""
    value = request.path_params[key]
    if len(value) > request.app.state.settings.web.max_param_chars * 2:
        raise HTTPException(404, "not found")
    return value


def article_href(article_id: str, story_id: str | None = None, span: dict | None = None) -> str:
    """The article page, optionally in a story and with one span highlighted."""
    from .app import seg

    params: dict[str, object] = {}
    if story_id:
        params["story"] = story_id
    if span:
        params.update(start=span["start"], end=span["end"])
    return f"/articles/{seg(article_id)}" + (f"?{urlencode(params)}" if params else "") + ("#hl" if span else "")


def story_list(request: Request) -> HTMLResponse:
    settings = request.app.state.settings.web
    try:
        query = story_query(request.query_params, settings)
    except BadParam as exc:
        raise bad_request(exc) from None
    index = request.app.state.reader.index()
    rows, total = select_stories(index, query)
    outlets = sorted({o for r in index for o in r.outlets}, key=str.lower)
    pages = max((total + query.limit - 1) // query.limit, 1)
    return render(request, "stories.html.j2", rows=rows, total=total, query=query, params=query.public(),
                  sorts=SORTS, outlets=outlets, pages=pages, stored=len(index))


def _dossier(request: Request, story_id: str) -> dict:
    dossier = request.app.state.reader.dossier(story_id)
    if dossier is None:
        raise HTTPException(404, f"no story {story_id}")
    return dossier


def story_page(request: Request) -> HTMLResponse:
    story_id = bounded_id(request, "story_id")
    d = _dossier(request, story_id)
    settings = request.app.state.settings.web
    labels = {a["id"]: a["label"] for a in d["articles"]}
    return render(
        request, "story.html.j2", d=d, labels=labels,
        cite_href=lambda s: article_href(s["article"], story_id, s),
        article_href=lambda aid: article_href(aid, story_id),
        matrix=claim_matrix(d), quote_groups=quote_groups(d, settings.quote_variant_overlap),
        graph=provenance_graph(d, settings.graph_max_nodes), chart=timeline_chart(d), families=family_tags(d),
    )


def _highlight(request: Request, text: str) -> tuple[int, int] | None:
    settings = request.app.state.settings.web
    params = request.query_params
    given = [k for k in ("start", "end") if params.get(k)]
    if not given:
        return None
    try:
        if len(given) != 2:
            raise BadParam("start and end go together")
        start = int_param(params, "start", 0, 0, len(text), settings)
        end = int_param(params, "end", 0, 0, len(text), settings)
    except BadParam as exc:
        raise bad_request(exc) from None
    if start > end:
        raise HTTPException(400, "start must not be after end")
    return start, end


def article_page(request: Request) -> HTMLResponse:
    article_id = bounded_id(request, "article_id")
    reader = request.app.state.reader
    article = reader.article(article_id)
    if article is None:
        raise HTTPException(404, f"no article {article_id}")
    story_ids = reader.stories_of(article_id)
    story_id = request.query_params.get("story") or (story_ids[0] if story_ids else None)
    if story_id is not None and story_id not in story_ids:
        raise HTTPException(404, "that story does not hold this article")
    dossier = reader.dossier(story_id) if story_id else None
    spans = spans_in(dossier, article_id) if dossier else []
    hl = _highlight(request, article["text"])
    titles = {r.id: r.title for r in reader.index()}
    return render(
        request, "article.html.j2", a=article, dossier=dossier, story_id=story_id,
        stories=[(sid, titles.get(sid, sid)) for sid in story_ids],
        runs=highlight_runs(highlighted_segments(article["text"], spans, hl)), hl=hl, cited=len(spans),
    )


def static_file(request: Request) -> Response:
    from .app import static_files

    found = static_files().get(request.path_params["name"])
    if found is None:
        raise HTTPException(404, "not found")
    content, media_type = found
    return Response(content, media_type=media_type, headers={"cache-control": "no-cache"})


def http_error(request: Request, exc: HTTPException) -> Response:
    """Errors as JSON under ``/api``, as a page elsewhere; the message is escaped like any text."""
    if request.url.path.startswith("/api"):
        return JSONResponse({"error": exc.detail, "status": exc.status_code}, status_code=exc.status_code)
    return render(request, "error.html.j2", status_code=exc.status_code, status=exc.status_code,
                  message=exc.detail)


def server_error(request: Request, exc: Exception) -> Response:
    return http_error(request, HTTPException(500, "internal error"))
