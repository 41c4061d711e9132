"""Wire datelines: the place (and agency) that opens a news-service report, "BEIJING, Jan. 3 (Xinhua) --"."""

from __future__ import annotations

import calendar
import re

_DATELINE = re.compile(r"^(?P<head>.{2,70}?)\s(?:(?:_|--|—)\s+|(?:--|—)(?=[A-Z\"“]))"
                       r"|^(?P<head1>.{2,70}?\))\s(?:-\s+|_(?=[A-Z\"“]))"
                       r"|^(?P<undated>UNDATED)\s*[-_—]+\s+")
"""A wire dateline ends at the first " _ " or " -- " ("SYDNEY, Australia _", "BEIJING, Jan. 3 (Xinhua) --"),
or at dashes the wire set against the report's first word ("CANBERRA, Nov. 27 (Xinhua) --The"),
or at a single " - " right after a news agency's credit ("CLEVELAND (AP) - "), or at an underscore
the wire set against the report's first word there ("CARACAS, Venezuela (AP) _Venezuelan …")."""
_DATELINE_HEAD = re.compile(r"^(?:[A-Z][A-Z.'&-]+\b|\(?AP\))")
MAX_DATELINE_WORDS = 8


def dateline_end(text: str) -> int:
    """Where the report proper starts after a wire dateline, or 0 when there is none.

    A dateline is a head of at most :data:`MAX_DATELINE_WORDS` words whose part before any comma or
    parenthesis is upper case (a city, a slug) or "(AP)", ended by " _ " or " -- ", or the wire's
    "UNDATED" before any dash. "UN inspectors -- who …" is no dateline.

    >>> text = "BEIJING, Jan. 3 (Xinhua) -- Rain fell."
    >>> text[dateline_end(text):]
    'Rain fell.'
    >>> dateline_end("UN inspectors -- who arrived on Monday -- left.")
    0
    >>> strip_dateline("CANBERRA, Nov. 27 (Xinhua) --The report was criticised.")
    'The report was criticised.'
    >>> strip_dateline("CARACAS, Venezuela (AP) _Venezuelan leaders met.")
    'Venezuelan leaders met.'
    >>> strip_dateline("UNDATED - CNN is like a record store.")
    'CNN is like a record store.'
    """
    m = _DATELINE.match(text)
    if not m:
        return 0
    if m.group("undated"):
        return m.end()
    head = m.group("head") or m.group("head1")
    if m.group("head1") and not ((credit := list(_AGENCY.finditer(head))) and credit[-1].group("agency") in WIRE_AGENCIES):
        return 0  # one hyphen ends a dateline only after an agency's credit: "GM (General Motors) - the carmaker …"
    place = re.split(r"[,(]", head)[0]  # "SYDNEY" of "SYDNEY, Australia"
    if _DATELINE_HEAD.match(head) and place == place.upper() and len(head.split()) <= MAX_DATELINE_WORDS:
        return m.end()
    return 0


def dateline_place(text: str) -> str | None:
    """The place that opens a wire dateline ("ANKARA" of "ANKARA, August 20 (Xinhua) --"); ``None``
    without one, and for "UNDATED".

    >>> dateline_place("SYDNEY, Australia (AP) _ Rain fell."), dateline_place("UNDATED - Rain fell.")
    ('SYDNEY', None)
    >>> dateline_place("DENVER _ Rain fell."), dateline_place("DENVER — Rain fell.")
    ('DENVER', 'DENVER')
    """
    end = dateline_end(text)
    if not end or _DATELINE.match(text).group("undated"):
        return None
    m = _DATELINE.match(text)
    return re.split(r"[,(]", m.group("head") or m.group("head1"))[0].strip()


MONTHS = {name.lower(): i for names in (calendar.month_name, calendar.month_abbr)
           for i, name in enumerate(names) if name} | {"sept": 9}
"""Month names and abbreviations (lower case) → month number."""
_DAY = re.compile(r",\s*(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2})\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?")
"""The day a dateline gives after its place: "ANKARA, August 20 (Xinhua)", "PARIS, Oct. 2, 2001 (AFP)"."""


def dateline_day(text: str) -> tuple[int | None, int, int] | None:
    """The day a wire dateline gives, the day the report was filed, as (year or None, month,
    day); None without one.

    >>> dateline_day("ANKARA, August 20 (Xinhua) -- Rescuers found two survivors.")
    (None, 8, 20)
    >>> dateline_day("BEIJING, Sept. 3, 1999 (Xinhua) --Rain fell."), dateline_day("MOSCOW (AP) -- The navy said.")
    ((1999, 9, 3), None)
    >>> dateline_day("Aid agencies said on August 20 -- in a statement -- that rain fell.") is None
    True
    """
    end = dateline_end(text)
    m = _DAY.search(text[:end]) if end else None
    if not m or (month := MONTHS.get(m.group("month").lower())) is None:
        return None
    year, day = (int(m.group("year")) if m.group("year") else None), int(m.group("day"))
    return (year, month, day) if 1 <= day <= calendar.monthrange(year or 2000, month)[1] else None


def strip_dateline(text: str) -> str:
    """``text`` without its wire dateline (see :func:`dateline_end`)."""
    return text[dateline_end(text):]


_AGENCY = re.compile(r"\(\s?(?P<agency>[A-Z][A-Za-z.&-]*(?: [A-Z][A-Za-z.&-]*){0,2})\s?\)")
"""A news agency's credit in parentheses inside a dateline: "(AP)", "(Xinhua)", "(Kyodo News)"."""
WIRE_AGENCIES = frozenset({
    "AP", "Reuters", "AFP", "UPI", "Xinhua", "Kyodo", "Kyodo News", "TASS", "Itar-Tass", "ITAR-TASS", "Interfax",
    "DPA", "dpa", "ANSA", "EFE", "Yonhap", "Bernama", "PTI", "IANS", "ANI", "Anadolu", "AA", "CNA", "RIA Novosti",
    "PA", "CP", "AAP", "APA", "MENA", "IRNA", "KUNA", "WAFA", "Prensa Latina", "Notimex", "Agencia Brasil",
})
"""Agencies whose credit may follow the place at once ("MOSCOW (AP) --"): there a parenthesis may
also be the place's country ("ISTANBUL (Turkey) --"), which names no outlet."""


def dateline_agency(text: str) -> str | None:
    """The news agency a wire dateline credits, or None.

    >>> dateline_agency("ANKARA, August 20 (Xinhua) -- Rescuers found two survivors.")
    'Xinhua'
    >>> dateline_agency("MOSCOW (AP) -- The navy said.") , dateline_agency("WASHINGTON _ Officials said.")
    ('AP', None)
    >>> dateline_agency("ISTANBUL (Turkey), August 21 (Xinhua) -- A blaze was put out.")
    'Xinhua'
    >>> dateline_agency("ISTANBUL (Turkey) -- A blaze was put out.") is None
    True
    """
    end = dateline_end(text)
    found = list(_AGENCY.finditer(text[:end])) if end else []
    if not found:
        return None
    credit = found[-1]  # the credit closes the dateline: "ISTANBUL (Turkey), Aug. 21 (Xinhua)"
    after_date = "," in text[: credit.start()]
    return credit.group("agency") if after_date or credit.group("agency") in WIRE_AGENCIES else None
