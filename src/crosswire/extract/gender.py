"""The sex a report gives a named person, for choosing whom "he" or "she" stands for and whom
"Mrs. Gingrich" names when two people share the surname.

Evidence, strongest first: a title of one sex written with the name ("*Mrs.* Smith", "*Sir*
Paul Jones", "*spokeswoman* Ann Lee"), then the given name, read from the name list of
``gender-guesser`` (about 40,000 given names; only names it calls male or female, never the
"mostly" or ambiguous ones: "Chris", "Kim" and "Jean" say nothing). A name with neither stays
unknown, and unknown never rules a person out.
"""

from __future__ import annotations

import functools

FEMALE = "female"
MALE = "male"

FEMALE_TITLES = frozenset({
    "mrs", "ms", "miss", "madame", "madam", "mme", "mlle", "lady", "dame", "queen", "princess", "duchess",
    "baroness", "countess", "empress", "spokeswoman", "chairwoman", "congresswoman", "businesswoman",
    "actress", "widow",
})
MALE_TITLES = frozenset({
    "mr", "sir", "lord", "king", "prince", "duke", "baron", "emperor", "monsieur", "herr", "spokesman",
    "chairman", "congressman", "businessman", "actor", "widower",
})
"""Words written before a name that give its bearer's sex ("Mrs.", "Queen", "spokeswoman");
lower-case, without the dot. A title outweighs the given name."""

SURNAME_TITLES = frozenset({"mrs", "ms", "miss", "mr", "mme", "mlle", "madame", "monsieur", "herr"})
"""Titles written before a surname alone ("Mrs. Gingrich"): they say which of two people who
share the surname is meant."""


def opposite(sex: str) -> str:
    return {FEMALE: MALE, MALE: FEMALE}.get(sex, "")


ROLE_WORDS = frozenset({
    "spokeswoman", "chairwoman", "congresswoman", "businesswoman", "actress", "widow", "spokesman", "chairman",
    "congressman", "businessman", "actor", "widower",
})
"""Titles that are common nouns, written in lower case too ("ministry spokeswoman Ann Lee"); the
others count only capitalised ("Miss Lee", not "will miss Lee")."""


def title_sex(word: str, as_written: bool = True) -> str:
    """The sex a title word gives ("Mrs." → female), or ``""``; ``as_written``: a title that is
    not a common noun counts only capitalised."""
    lower = word.lower().rstrip(".")
    if as_written and lower not in ROLE_WORDS and not word[:1].isupper():
        return ""
    return FEMALE if lower in FEMALE_TITLES else MALE if lower in MALE_TITLES else ""


@functools.lru_cache(maxsize=1)
def _detector():
    from gender_guesser import detector

    return detector.Detector(case_sensitive=False)


@functools.lru_cache(maxsize=8192)
def given_name_sex(name: str) -> str:
    """The sex a given name names in the name list ("Marianne" → female), or ``""`` when the list
    does not know it or calls it ambiguous or "mostly" one sex.

    >>> given_name_sex("Marianne"), given_name_sex("Newt"), given_name_sex("Kim")
    ('female', 'male', '')
    """
    name = name.strip(".")
    if len(name) < 2 or not name.isalpha():
        return ""
    found = _detector().get_gender(name)
    return found if found in (FEMALE, MALE) else ""


def title_before(ent):
    """The token right before a name that is a title of one sex ("Mrs." of "Mrs. Gingrich"), or None."""
    if ent.start == 0:
        return None
    token = ent.doc[ent.start - 1]
    return token if title_sex(token.text) else None


def name_sex(ent, titles: frozenset[str] = frozenset()) -> str:
    """The sex of the person a name span names: a title written with it (before it, its first
    word, or one of ``titles``, the words of a title running into it), else its given name when it
    has one (names of two words or more)."""
    before = title_before(ent)
    written = [before.text] if before is not None else []
    for sex in (*map(title_sex, [*written, ent[0].text]), *(title_sex(w, as_written=False) for w in titles)):
        if sex:
            return sex
    given = [t.text for t in ent if not title_sex(t.text)]
    return given_name_sex(given[0]) if len(given) > 1 else ""
