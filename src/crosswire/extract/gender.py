"""The sex a report gives a named person, for choosing whom "he" or "she" stands for and whom
"Mrs. Gingrich" names when two people share the surname.

Evidence, strongest first: an honorific of one sex written with the name ("*Mrs.* Smith",
"*Sir* Paul Jones"), then the given name, read from the name list of ``gender-guesser`` (about
40,000 given names; only names it calls male or female and English usage does not give the other
sex, never the "mostly" or ambiguous ones: "Chris", "Kim" and "Jean" say nothing), then a role
noun of one sex ("*spokeswoman* Ann Lee"). A name with none stays unknown, and unknown never
rules a person out.
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

FEMALE_NOUNS = frozenset({"mother", "wife", "spokeswoman", "woman", "girl", "daughter", "chairwoman", "actress",
                          "sister", "grandmother", "widow", "aunt", "niece"})
MALE_NOUNS = frozenset({"father", "husband", "spokesman", "man", "boy", "son", "chairman", "actor", "brother",
                        "grandfather", "widower", "uncle", "nephew"})
"""Nouns that describe a person of one sex: a "he" does not refer back to "the mother"."""


def noun_sex(noun: str) -> str:
    """The sex a describing noun gives ("mother" → female), or ``""``."""
    return FEMALE if noun in FEMALE_NOUNS else MALE if noun in MALE_NOUNS else ""


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


_ENGLISH_USAGE = ("usa", "great_britain")
"""Countries of the name list whose usage must not give a name the other sex: "Jean" and "Jan" are
male in French and Dutch but mostly female in English, so they say nothing."""


@functools.lru_cache(maxsize=8192)
def given_name_sex(name: str) -> str:
    """The sex a given name names in the name list ("Marianne" → female), or ``""`` when the list
    does not know it, calls it ambiguous or "mostly" one sex, or English usage leans the other way.

    >>> given_name_sex("Marianne"), given_name_sex("Newt"), given_name_sex("Kim"), given_name_sex("Jean")
    ('female', 'male', '', '')
    """
    name = name.strip(".")
    if len(name) < 2 or not name.isalpha():
        return ""
    found = _detector().get_gender(name)
    if found not in (FEMALE, MALE):
        return ""
    other = opposite(found)
    usage = (_detector().get_gender(name, country) for country in _ENGLISH_USAGE)
    return "" if any(u in (other, f"mostly_{other}") for u in usage) else found


def title_before(ent):
    """The token right before a name that is a title of one sex ("Mrs." of "Mrs. Gingrich"), or None."""
    if ent.start == 0:
        return None
    token = ent.doc[ent.start - 1]
    return token if title_sex(token.text) else None


def name_sex(ent, titles: frozenset[str] = frozenset()) -> str:
    """The sex of the person a name span names: an honorific written with it ("Mrs.", "Sir": before
    it, its first word, or one of ``titles``, the words of a title running into it), else its given
    name when it has one (names of two words or more), else a role noun of one sex ("spokeswoman",
    "chairman": a woman may be called "chairman", so her given name comes first)."""
    before = title_before(ent)
    words = [(w, True) for w in ([before.text] if before is not None else []) + [ent[0].text]]
    words += [(w, False) for w in titles]
    found = [(title_sex(w, as_written=written), w.lower().rstrip(".") in ROLE_WORDS) for w, written in words]
    if sex := next((sex for sex, role in found if sex and not role), ""):
        return sex
    given = [t.text for t in ent if not title_sex(t.text)]
    if len(given) > 1 and (sex := given_name_sex(given[0])):
        return sex
    return next((sex for sex, _role in found if sex), "")
