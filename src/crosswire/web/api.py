"""The JSON API under ``/api``: the story list, dossiers exactly as stored (``dossier-1.0.json``),
articles, and the OpenAPI description of all of it."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from .. import __version__
from ..report.schema import SCHEMA_FILE, dossier_schema
from ..settings import WebSettings
from .pages import bad_request, bounded_id
from .params import SORTS, BadParam, select_stories, story_query

SCHEMA_PATH = f"/api/schema/{SCHEMA_FILE}"


def routes() -> list[Route]:
    return [
        Route("/api/stories", stories, name="api_stories"),
        Route("/api/stories/{story_id}", story, name="api_story"),
        Route("/api/articles/{article_id}", article, name="api_article"),
        Route("/api/openapi.json", openapi, name="api_openapi"),
        Route(SCHEMA_PATH, schema, name="api_schema"),
    ]


def stories(request: Request) -> JSONResponse:
    try:
        query = story_query(request.query_params, request.app.state.settings.web)
    except BadParam as exc:
        raise bad_request(exc) from None
    rows, total = select_stories(request.app.state.reader.index(), query)
    return JSONResponse({"total": total, "query": query.public(), "stories": [r.public() for r in rows]})


def story(request: Request) -> JSONResponse:
    story_id = bounded_id(request, "story_id")
    dossier = request.app.state.reader.dossier(story_id)
    if dossier is None:
        raise HTTPException(404, f"no story {story_id}")
    return JSONResponse(dossier)


def article(request: Request) -> JSONResponse:
    article_id = bounded_id(request, "article_id")
    reader = request.app.state.reader
    found = reader.article(article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id}")
    return JSONResponse({**found, "stories": reader.stories_of(article_id)})


def schema(request: Request) -> JSONResponse:
    return JSONResponse(dossier_schema())


def openapi(request: Request) -> JSONResponse:
    return JSONResponse(openapi_document(request.app.state.settings.web))


def _param(name: str, where: str, schema: dict, description: str) -> dict:
    return {"name": name, "in": where, "required": where == "path", "schema": schema, "description": description}


def _json(description: str, schema: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


_ERROR = {"$ref": "#/components/schemas/Error"}
_ERRORS = {"400": _json("A parameter is malformed or too long", _ERROR),
           "404": _json("No such story or article", _ERROR)}


def _list_params(settings: WebSettings) -> list[dict]:
    text = {"type": "string", "maxLength": settings.max_query_chars}
    return [
        _param("q", "query", text, "Words that must all appear in the title, outlets or summary."),
        _param("outlet", "query", text, "Only stories with an article from this outlet."),
        _param("from", "query", {"type": "string", "format": "date"}, "Only stories reported on or after."),
        _param("to", "query", {"type": "string", "format": "date"}, "Only stories reported on or before."),
        _param("sort", "query", {"enum": list(SORTS), "default": "size"},
               "size: most articles; recent: latest report; origins: most independent origins; title."),
        _param("page", "query", {"type": "integer", "minimum": 1, "maximum": settings.max_page, "default": 1},
               "Clamped to the range."),
        _param("limit", "query", {"type": "integer", "minimum": 1, "maximum": settings.max_page_size,
                                  "default": settings.page_size}, "Stories per page, clamped to the range."),
    ]


def _schemas() -> dict:
    nullable_date = {"type": ["string", "null"], "format": "date"}
    story_row = {
        "type": "object",
        "required": ["id", "title", "article_count", "outlets", "origins"],
        "properties": {
            "id": {"type": "string"}, "title": {"type": "string"}, "article_count": {"type": "integer"},
            "outlets": {"type": "array", "items": {"type": "string"}}, "first_published": nullable_date,
            "last_published": nullable_date, "claims": {"type": "integer"}, "conflicts": {"type": "integer"},
            "origins": {"type": "integer", "description": "Articles, near-duplicate copies counted once."},
        },
    }
    article = {"allOf": [{"$ref": f"{SCHEMA_PATH}#/properties/articles/items"},
                         {"type": "object", "properties": {"stories": {"type": "array", "items": {"type": "string"}}}}]}
    return {
        "StoryRow": story_row,
        "StoryList": {"type": "object", "required": ["total", "stories"], "properties": {
            "total": {"type": "integer"}, "query": {"type": "object"},
            "stories": {"type": "array", "items": {"$ref": "#/components/schemas/StoryRow"}}}},
        "Dossier": {"$ref": SCHEMA_PATH},
        "Article": article,
        "Error": {"type": "object", "required": ["error", "status"],
                  "properties": {"error": {"type": "string"}, "status": {"type": "integer"}}},
    }


def openapi_document(settings: WebSettings | None = None) -> dict:
    """The OpenAPI 3.1 description of ``/api``; dossiers refer to the dossier JSON Schema."""
    settings = settings or WebSettings()
    return {
        "openapi": "3.1.0",
        "info": {"title": "crosswire", "version": __version__,
                 "description": "Read-only access to a crosswire store: stories, cited dossiers, articles."},
        "paths": {
            "/api/stories": {"get": {"summary": "Search, filter and sort stories", "parameters": _list_params(settings),
                                     "responses": {"200": _json("One page of stories",
                                                                {"$ref": "#/components/schemas/StoryList"}),
                                                   "400": _ERRORS["400"]}}},
            "/api/stories/{story_id}": {"get": {
                "summary": "The dossier of one story, as stored",
                "parameters": [_param("story_id", "path", {"type": "string"}, "Story id")],
                "responses": {"200": _json("The dossier", {"$ref": "#/components/schemas/Dossier"}),
                              "404": _ERRORS["404"]}}},
            "/api/articles/{article_id}": {"get": {
                "summary": "One article with its cleaned text (all spans point into it)",
                "parameters": [_param("article_id", "path", {"type": "string"}, "Article id")],
                "responses": {"200": _json("The article and the stories it belongs to",
                                           {"$ref": "#/components/schemas/Article"}),
                              "404": _ERRORS["404"]}}},
            SCHEMA_PATH: {"get": {"summary": "The dossier JSON Schema (draft 2020-12)",
                                  "responses": {"200": _json("JSON Schema", {"type": "object"})}}},
            "/api/openapi.json": {"get": {"summary": "This document",
                                          "responses": {"200": _json("OpenAPI 3.1", {"type": "object"})}}},
        },
        "components": {"schemas": _schemas()},
    }
