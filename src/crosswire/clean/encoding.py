"""Encoding repair: ftfy, then the residues ftfy leaves behind."""

from __future__ import annotations

import re
from html.entities import html5

import ftfy

# ftfy repairs whole mojibake sequences but leaves a lone "Â" (the first byte of a UTF-8
# NBSP or soft hyphen read as Latin-1) when its partner byte was lost: at the end of a text,
# before whitespace or punctuation. A real "Â" sits inside a word ("Âge") and is kept.
_LONE_A_CIRCUMFLEX = re.compile(r"(?<![A-Za-zÀ-ÿ])Â(?=[\s\W]|$)|(?<=[a-z.,;:!?\"”’)])Â(?![A-Za-zÀ-ÿ])")
_ODD_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLES = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
# Typesetting codes of news-service feeds ("&UR;", "&QL;" in NYT/TREC files): entity-shaped, upper
# case, and not HTML entities, so no browser or ftfy would ever turn them into text.
_DOUBLED_APOSTROPHES = re.compile(r"(?<![\d'])''(?!')")
_FEED_CODES = re.compile(r"&([A-Z]{2,3});")
_FEED_CODE_BEFORE_MARK = re.compile(r"[ \t]*&([A-Z]{2,3});[ \t]*(?=['’]s\b|['’]\s|[,.;:!?)\]])")
"""A feed code between a word and its possessive or closing mark ("Ann Roe &LR; 's"): it goes with
the spaces around it, or the mark would stand apart from its word."""
_FONT_CODES = re.compile(r"([ \t]?)(?:\((?:begin|end)(?:italic|bold|underline)\)|\(BBOX\))+([ \t]?)(?=(.?))",
                         re.IGNORECASE)
"""The feed's type codes in parentheses: a font switched on and off ("treatise (beginitalic)On the
Origin of Species", "doesn't (beginitalic)believe(enditalic) in") and a bullet box opening a list
item ("(BBOX)That more athletes will …"). The spaces around a run of codes become one, and none
is left before a mark."""


_BRACED_ENTITY = re.compile(
    r"\{((?:[nm]dash|hellip|[lr][sd]quo|bdquo|sbquo|[lr]aquo|nbsp|amp|bull|middot|frac(?:12|14|34)|deg|cent|pound"
    r"|euro|yen|copy|reg|trade|[A-Za-z](?:acute|grave|uml|circ|tilde|cedil|ring|slash)))\}")
"""A typographic HTML entity name (dashes, quote marks, an ellipsis, a space, a currency, an
accented letter) that a feed wrote in braces ("PACKARD (Undated) {ndash} A Phoenix man",
"{hellip}"): the character it names. Other names in braces ("{image}", "{lang}") are a web
template's placeholders and stay."""


def _braced_character(match: re.Match) -> str:
    return html5.get(match.group(1) + ";", match.group(0))


def _without_feed_code(match: re.Match) -> str:
    """Nothing for a feed typesetting code; an HTML entity written in capitals is left as it is."""
    return match.group(0) if match.group(1) + ";" in html5 else ""


def _without_font_code(match: re.Match) -> str:
    """One space for the spaces around a run of codes, none before a mark ("Species (enditalic), he")."""
    if not (match.group(1) or match.group(2)) or (not match.group(2) and match.group(3) in ",.;:!?)”’\"'"):
        return ""
    return " "


def repair_encoding(text: str) -> tuple[str, list[str]]:
    """Fix mojibake and odd characters; return the text and what was repaired, in words."""
    repairs = []
    # Curly quotes are kept: they tell opening from closing quote marks, which quote finding needs.
    fixed = ftfy.fix_text(text, normalization="NFC", uncurl_quotes=False)
    if fixed != text:
        repairs.append("encoding: ftfy")
    residue, count = _LONE_A_CIRCUMFLEX.subn("", fixed)
    if count:
        repairs.append(f"encoding: {count} stray 'Â' removed")
    residue, quotes = tex_quotes(residue)
    if quotes:
        repairs.append(f"quotes: {quotes} TeX-style quote marks (``…'') made typographic")
    braced = sum(m.group(1) + ";" in html5 for m in _BRACED_ENTITY.finditer(residue))
    if braced:  # "{bacute}", shaped like one, is no entity and stays
        residue = _BRACED_ENTITY.sub(_braced_character, residue)
        repairs.append(f"encoding: {braced} entity {'name' if braced == 1 else 'names'} in braces written as characters")
    residue, marked = _FEED_CODE_BEFORE_MARK.subn(_without_feed_code, residue)
    residue, codes = _FEED_CODES.subn(_without_feed_code, residue)
    residue, fonts = _FONT_CODES.subn(_without_font_code, residue)
    codes += marked + fonts
    if codes:
        repairs.append("encoding: feed typesetting codes removed")
    spaced, spaces = _ODD_SPACES.subn(" ", residue)
    spaced, invisibles = _INVISIBLES.subn("", spaced)
    if spaces or invisibles:
        repairs.append(f"encoding: {spaces + invisibles} odd space or invisible characters normalised")
    return spaced, repairs


def tex_quotes(text: str) -> tuple[str, int]:
    """TeX and Penn Treebank quote marks as ordinary ones.

    ````…''`` becomes ``“…”`` in a text that uses ```` at all; in a text that writes two
    apostrophes for both ends (``''…''``, some wire services), each pair becomes a straight ``"``
    (quote finding tells opening from closing by parity). Two apostrophes after a digit are inches.

    >>> tex_quotes("He said ``no,'' twice.")
    ('He said “no,” twice.', 2)
    >>> tex_quotes("''No,'' he said.")
    ('"No," he said.', 2)
    """
    if "``" in text:
        opened = text.count("``")
        text = text.replace("``", "“")
        closed = text.count("''")
        return text.replace("''", "”"), opened + closed
    return _DOUBLED_APOSTROPHES.subn('"', text) if len(_DOUBLED_APOSTROPHES.findall(text)) >= 2 else (text, 0)
