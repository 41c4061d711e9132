"""Named entities per article (spaCy) and their canonicalisation across articles, without a knowledge base.

Canonicalisation, in order:

1. Names are normalised: case, accents (transliteration to ASCII), hyphens, dots, honorifics and
   possessives (``"Mr. Omar Al-Bashir's"`` → ``"omar al bashir"``); mentions with one normalised
   name are one group.
2. Acronyms are read from their definitions (``"Rapid Support Forces (RSF)"``) in any article and
   applied to every article; an undefined acronym joins the one name whose initials it spells.
3. Partial names join the full name they fit when exactly one fits: a person's surname, initials
   and particles (``"Bashir"``, ``"O. Bashir"``, ``"al-Bashir"`` → ``"Omar al-Bashir"``); an
   organisation's trailing words (``"the Foreign Ministry"`` → ``"Sudanese Foreign Ministry"``).
4. Spelling variants of a person's names (``"Jorg"``/``"Jurg"`` with the same surname, ``"Bashir"``/
   ``"Basheer"``) merge, but are listed in :attr:`Entity.spellings` for the reader to check.
5. Official state names join the country they name (``"the Republic of Patria"`` is not read; the
   adjectival form is: ``"the Patrian Federation"``, ``"the Patrian Arab Republic"`` → ``"Patria"``).
6. The type of each entity is the majority label of its mentions (a person tagged ORG once and
   PERSON four times is a person). A mention whose context names its kind outweighs the tagger's
   guess (:func:`context_label`): an appositive (``"Ruma, the country's third-largest city"``), a
   list under a kind (``"cities, including Ruma, Vela and Oss"``), ``"the town of Vela"``, or an
   official state name (``"… Arab Republic"``).

:func:`canonicalise_store` applies the same rules across stories, and takes an optional ``link``
function that returns a knowledge-base id (e.g. a Wikidata QID) for :attr:`Entity.external_id`.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from difflib import SequenceMatcher

from ..model import Entity, Span
from . import gender
from .speakers import doc_entities, text_of, titled_surname_start

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT"})
HONORIFICS = frozenset(
    ["mr", "mrs", "ms", "miss", "dr", "prof", "sir", "president", "prime", "minister", "pm", "minister", "gen", "general", "col", "sen", "senator", "rep", "king", "queen", "prince", "sheikh", "the", "gov", "governor", "mayor", "judge", "rev", "pope", "lord", "lady",
     # ranks of police and armed forces, written before a name ("Trooper William Hakim", "Sgt. Ana Toll")
     "trooper", "officer", "sergeant", "sgt", "lieutenant", "lt", "captain", "capt", "detective", "det",
     "constable", "const", "inspector", "insp", "corporal", "cpl", "private", "pvt", "sheriff", "deputy",
     "major", "maj", "colonel", "commander", "cmdr", "admiral", "adm"]
)
PARTICLES = frozenset(["al", "el", "bin", "ibn", "van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "abu"])
ORG_STOP = frozenset(["of", "the", "and", "for", "on", "in", "at", "to"])
_NON_WORD = re.compile(r"[^\w]+")
_ACRONYM_DEF = re.compile(r"([A-Z][\w’'\-. ]{2,80}?)\s*\(([A-Z][A-Za-z0-9&.]{1,9})\)")

Mention = tuple[str, str, Span]  # (surface text, spaCy label, span); an optional 4th item: vote weight

# Head nouns that say what kind of thing a name is, read from the name's context (Hearst patterns).
KIND_NOUNS: dict[str, str] = {
    **dict.fromkeys(["city", "town", "village", "capital", "province", "country", "district", "county",
                     "governorate", "municipality", "region", "suburb", "neighbourhood", "neighborhood",
                     "state", "port", "enclave"], "GPE"),
    **dict.fromkeys(["company", "firm", "group", "agency", "organisation", "organization", "ministry",
                     "party", "bank", "newspaper", "broadcaster", "network", "union", "council",
                     "committee", "alliance", "militia", "coalition", "movement", "university", "court",
                     "army", "department", "airline", "club", "team", "channel", "outlet"], "ORG"),
    **dict.fromkeys(["spokesman", "spokeswoman", "spokesperson", "official", "president", "minister",
                     "leader", "envoy", "commander", "man", "woman", "actor", "actress", "singer",
                     "lawyer", "chief", "director", "secretary", "ambassador", "diplomat", "journalist",
                     "reporter", "analyst", "professor", "founder", "executive", "mayor", "governor",
                     "senator", "father", "mother", "son", "daughter", "wife", "husband", "player",
                     "coach", "star", "lawmaker", "politician", "chairman", "chairwoman"], "PERSON"),
}
# "the X of NAME" names the kind only for places ("the city of Vela"; not "the mayor of Vela").
PLACE_OF_NOUNS = frozenset(k for k, v in KIND_NOUNS.items() if v == "GPE")
LIST_CUES = frozenset(["including", "like", "as"])  # "cities, including …", "towns such as …"
STATE_FORMS = frozenset(["republic", "federation", "kingdom", "emirates", "emirate", "sultanate",
                         "principality", "confederation"])
STATE_QUALIFIERS = frozenset(["arab", "federal", "islamic", "democratic", "socialist", "united",
                              "popular", "people", "peoples", "s"])
CONTEXT_WEIGHT = 3  # votes of a mention whose context names its kind (the tagger's guess counts 1)


def transliterate(text: str) -> str:
    """ASCII letters for accented ones (``"Türkiye"`` → ``"Turkiye"``)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def normalise_name(name: str) -> str:
    """``"Mr. Omar Al-Bashir's"`` → ``"omar al bashir"``."""
    name = re.sub(r"['’]s$", "", name.strip())
    tokens = [t for t in _NON_WORD.sub(" ", transliterate(name).lower()).split() if t]
    while len(tokens) > 1 and tokens[0] in HONORIFICS:
        tokens.pop(0)
    if len(tokens) > 1 and all(len(t) == 1 for t in tokens):
        return "".join(tokens)  # a dotted acronym: "U.S." → "us", as written without dots
    return " ".join(tokens)


def mention_key(surface: str) -> str:
    """The name a mention is grouped by: :func:`normalise_name`, except that a surname alone after a
    title of one sex keeps a sign of it ("Mrs. Gingrich" → ``"mrs gingrich"``, "Mr. Gingrich" →
    ``"mr gingrich"``), since it tells apart two people who share the surname."""
    words = surface.split()
    sex = gender.title_sex(words[0]) if len(words) == 2 and words[0].lower().rstrip(".") in gender.SURNAME_TITLES else ""
    surname = normalise_name(words[1]) if sex else ""
    if sex and surname and " " not in surname:
        return f"{'mrs' if sex == gender.FEMALE else 'mr'} {surname}"
    return normalise_name(surface)


def _given_name_particle(surface: str, key: str) -> str:
    """The key of a person's name with its words that are written as given names although they may
    be particles ("*Al* Gore", not "al-Bashir": capitalised, apart from a capitalised next word,
    and a given name of the name list) marked (``"al_ gore"``), so that no rule reads them as
    particles: "Al Gore" is no partial form of "Tipper Gore", and "Vice President Al Gore", "Sen.
    Al Gore" and "Al Gore" stay one name."""
    keys = key.split()
    marked = [w + "_" if w in PARTICLES and i < len(keys) - 1 and gender.given_name_sex(w)
              and re.search(rf"(?<![\w-]){w.capitalize()} (?=[A-Z])", surface) else w for i, w in enumerate(keys)]
    return " ".join(marked)  # "Sen. Al Gore", "Vice President Al Gore": "Al" a given name in each


def _titled_surname(key: str) -> tuple[str, str] | None:
    """(sex, surname) of a key made by :func:`mention_key` for a titled surname, else None
    (:func:`normalise_name` strips a leading "mr"/"mrs", so no other key begins with one)."""
    words = key.split()
    if len(words) == 2 and words[0] in ("mrs", "mr"):
        return (gender.FEMALE if words[0] == "mrs" else gender.MALE), words[1]
    return None


def article_mentions(doc, article_id: str) -> list[Mention]:
    """Entity mentions in one parsed article, with character spans into its text.

    A mention whose context names its kind carries that kind and :data:`CONTEXT_WEIGHT` votes.
    """
    out = []
    for ent in doc_entities(doc):
        ent = without_leading_non_names(ent)
        text = re.sub(r"['’]s$", "", ent.text.strip("()[] "))
        if ent.label_ in ENTITY_LABELS and normalise_name(text):
            start = ent.start_char + ent.text.index(text) if text else ent.start_char
            if (titled := titled_surname_start(ent)) < start:  # "Mrs. Gingrich": the title tells whom
                text, start = text_of(doc)[titled : start + len(text)], titled
            kind = context_label(ent) or state_name_label(text)
            label, weight = (kind, CONTEXT_WEIGHT) if kind else (ent.label_, 1)
            out.append((text, label, Span(article_id, start, start + len(text)), weight))
    named = defined_acronym_mentions(text_of(doc), article_id, [m[2] for m in out if m[1] != "NORP"])
    inside = lambda span: any(n[2].contains(span) for n in named)
    return [m for m in out if not (m[1] == "NORP" and inside(m[2]))] + named  # "Patrian" of "Patrian State (PS)"


_NAME_WORD = re.compile(r"[\w’'.-]+")


def _defined_name(words: str, acronym: str) -> tuple[int, int] | None:
    """Offsets in ``words`` of the shortest tail of capitalised words (particles and stop words
    between them allowed) whose initials spell ``acronym``."""
    tokens = list(_NAME_WORD.finditer(words))
    for first in range(len(tokens) - 1, -1, -1):
        tail = tokens[first:]
        if not tail[0].group()[0].isupper() or not all(t.group()[0].isupper() or t.group().lower() in ORG_STOP
                                                       or t.group().lower().split("-")[0] in PARTICLES for t in tail):
            continue
        if _spells(normalise_name(words[tail[0].start():tail[-1].end()]).split(), acronym):
            return tail[0].start(), tail[-1].end()
    return None


def defined_acronym_mentions(text: str, article_id: str, known: Sequence[Span]) -> list[Mention]:
    """Organisation mentions the tagger missed, from a name defined with its acronym
    ("… the Patrian Liberation Front (PLF) said …"): the name, the acronym and every later bare
    use of the acronym, each where no entity mention in ``known`` already lies. A definition whose
    name the tagger found is left to it."""
    def free(a: int, b: int) -> bool:
        return not any(m.start < b and a < m.end for m in known)

    out: list[Mention] = []
    for match in _ACRONYM_DEF.finditer(text):
        acronym = match.group(2)
        name = _defined_name(match.group(1), acronym.replace(".", "").lower())
        if name is None or not acronym.replace(".", "").isupper():
            continue
        start, end = match.start(1) + name[0], match.start(1) + name[1]
        if not free(start, end):
            continue
        out.append((text[start:end], "ORG", Span(article_id, start, end), 1))
        for use in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
            if use.start() >= match.start(2) and free(use.start(), use.end()):
                out.append((acronym, "ORG", Span(article_id, use.start(), use.end()), 1))
        known = [*known, *(m[2] for m in out)]
    return out


NON_NAME_POS = frozenset({"VERB", "ADV", "PRON", "ADP", "CCONJ", "SCONJ", "PART", "INTJ"})
"""Parts of speech that begin no name: a tagger that takes a sentence's first word into the name
("Turning Elian over to his father …", "Heavily damaged Izmit") is read without it. Not ``AUX``:
"Will Smith" is a name whose first word the tagger may read as the modal."""


def without_leading_non_names(ent):
    """``ent`` without leading words of :data:`NON_NAME_POS` (a verb, an adverb …); as is otherwise."""
    start = ent.start
    while start < ent.end - 1 and ent.doc[start].pos_ in NON_NAME_POS:
        start += 1
    if start == ent.start:
        return ent
    from spacy.tokens import Span as DocSpan

    return DocSpan(ent.doc, start, ent.end, label=ent.label)


def context_label(ent) -> str | None:
    """The kind a mention's own sentence gives it, or None (the tagger's guess then stands).

    Four patterns: an appositive right after the name (``"Ruma, the country's largest city"``), a
    list introduced under a kind noun (``"cities, including Ruma, Vela and Oss"`` — every conjunct),
    ``"the town of Vela"`` (place nouns only), and a place named with the place it lies in
    (``"Bergen, Norway,"``).
    """
    return _appositive_kind(ent) or _list_kind(ent) or _place_of_kind(ent) or _place_in_place(ent)


def _appositive_kind(ent) -> str | None:
    doc, i = ent.doc, ent.end
    if i >= len(doc) or doc[i].text != ",":
        return None
    for token in doc[i + 1 : i + 8]:
        if token.pos_ == "NOUN":
            return KIND_NOUNS.get(token.lemma_.lower())
        if token.pos_ not in ("DET", "PROPN", "ADJ", "ADV", "NUM", "PART", "PUNCT") or token.text == ",":
            return None
    return None


def _list_kind(ent) -> str | None:
    first = ent.root
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    cue = first.head
    if first.dep_ != "pobj" or cue.lower_ not in LIST_CUES:
        return None
    if cue.lower_ == "as" and (cue.i == 0 or cue.doc[cue.i - 1].lower_ != "such"):
        return None
    kind_noun = cue.head
    return KIND_NOUNS.get(kind_noun.lemma_.lower()) if kind_noun.pos_ == "NOUN" else None


def _place_of_kind(ent) -> str | None:
    root = ent.root
    if root.dep_ != "pobj" or root.head.lower_ != "of":
        return None
    noun = root.head.head
    return "GPE" if noun.pos_ == "NOUN" and noun.lemma_.lower() in PLACE_OF_NOUNS else None


def _place_in_place(ent) -> str | None:
    """``"GPE"`` for a name the sentence goes to or is in, followed by a comma and a place that
    closes the phrase ("reached Bergen, Norway, on Monday", "in Bergen, Norway."): a town given with
    its country or state. Not a person described by a place ("Ivanov, Russia's security chief": the
    place runs on), not a tagged person ("Roger Federer, Switzerland, 2:01.34") and not a subject
    ("Siemens, Germany, rose 3 percent"). Reads the tokens' entity tags, not ``doc.ents`` (which
    spaCy rebuilds on every access)."""
    doc, i = ent.doc, ent.end
    if ent.label_ == "PERSON" or ent.root.dep_ not in ("pobj", "dobj", "obj") or i + 1 >= len(doc) or doc[i].text != ",":
        return None
    first = doc[i + 1]
    if first.ent_iob_ != "B" or first.ent_type_ != "GPE":
        return None
    end = i + 2
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    closed = end >= len(doc) or doc[end].is_punct and doc[end].text not in ("'", "’", "-")
    return "GPE" if closed else None


def state_name_label(name: str) -> str | None:
    """``"GPE"`` for an official state name in adjectival form (``"the Patrian Arab Republic"``)."""
    words = normalise_name(name).split()
    if len(words) >= 2 and words[-1] in STATE_FORMS and all(w in STATE_QUALIFIERS for w in words[1:-1]):
        return "GPE"
    return None


def is_demonym(adjective: str, country: str) -> bool:
    """``"patrian"`` of ``"patria"``, ``"italian"`` of ``"italy"``, ``"zealander"`` of
    ``"zealand"``, ``"iraqi"``, ``"japanese"``, ``"chinese"``: the common English suffixes only."""
    stems = {country + "n", country + "an", country + "ian", country[:-1] + "an", country[:-1] + "ian",
             country + "er", country + "i", country + "ese", country[:-1] + "ese"}
    return len(country) >= 4 and adjective in stems


def _weight(mention: Mention) -> int:
    return mention[3] if len(mention) > 3 else 1


def majority_label(mentions: Iterable[Mention]) -> str:
    """The label with most votes (context-named mentions weigh :data:`CONTEXT_WEIGHT`); ties: first seen."""
    votes: Counter[str] = Counter()
    for mention in mentions:
        votes[mention[1]] += _weight(mention)
    return votes.most_common(1)[0][0]


def acronym_definitions(texts: Iterable[str]) -> dict[str, str]:
    """``{acronym: normalised long name}`` from ``"Long Name (ACR)"`` where the initials agree."""
    found: dict[str, str] = {}
    for text in texts:
        for match in _ACRONYM_DEF.finditer(text):
            acronym, words = match.group(2).replace(".", ""), normalise_name(match.group(1)).split()
            long_name = _initials_tail(words, acronym.lower())
            if long_name:
                found.setdefault(acronym.lower(), long_name)
    return found


def _initials_tail(words: list[str], acronym: str) -> str | None:
    """The shortest tail of ``words`` whose initials (stop words optional) spell ``acronym``."""
    for start in range(len(words) - 1, -1, -1):
        tail = words[start:]
        if _spells(tail, acronym):
            return " ".join(tail)
    return None


def abbreviates(acronym: str, name: str) -> bool:
    """Whether ``acronym`` ("CHP", "U.N.") spells the initials of ``name`` ("the California Highway
    Patrol", "United Nations"; stop words optional)."""
    letters = re.sub(r"^(?:the|an?)\s+", "", acronym.strip(), flags=re.IGNORECASE).replace(".", "")
    if not (2 <= len(letters) <= 8 and letters.isupper() and letters.isalpha()):
        return False
    words = normalise_name(name).split()
    return len(words) > 1 and _spells(words, letters.lower())


def _spells(words: list[str], acronym: str) -> bool:
    if not words or not acronym:
        return not words and not acronym
    head, rest = words[0], words[1:]
    if head[0] == acronym[0] and _spells(rest, acronym[1:]):
        return True
    return head in ORG_STOP | PARTICLES and _spells(rest, acronym)


GENERATIONS = frozenset(["jr", "sr", "ii", "iii", "iv"])
"""Generational suffixes after a surname ("Vernon Jordan Jr."): "Vernon Jordan" is a partial form of
"Vernon Jordan Jr.", unless the story also names a "Vernon Jordan Sr." (two people fit: none joins)."""


def _name_core(tokens: list[str]) -> list[str]:
    """The name words that identify a person: no particle, no generational suffix at the end."""
    core = [t for t in tokens if t not in PARTICLES]
    return core[:-1] if len(core) > 1 and core[-1] in GENERATIONS else core


def _fits_person(short: list[str], full: list[str]) -> bool:
    """Is ``short`` a partial form of ``full``? Same surname; other tokens are initials or found in full."""
    core_short = _name_core(short)
    core_full = _name_core(full)
    if not core_short or not core_full or core_short[-1] != core_full[-1] or len(core_short) > len(core_full):
        return False
    if core_short == core_full:
        return len(short) < len(full)
    for token in core_short[:-1]:
        if token in core_full[:-1] or (len(token) == 1 and any(f.startswith(token) for f in core_full[:-1])):
            continue
        if len(core_short) < len(core_full) and any(_by_nickname(token, f) for f in core_full[:-1]):
            continue  # "Jim Hall" of "James E. Hall"; "Jim Hall" / "James Hall" are nicknames (:func:`_merge_nicknames`)
        return False
    return True


def _merge_nicknames(keys: list[str], label, clusters: _Clusters) -> None:
    """Join person names of as many words whose surnames are the same and whose given names are
    the same or nicknames of each other ("jim hall" / "james hall"); names spelled alike ("brian" /
    "bryant") are left to the spellings, which report them."""
    by_surname: dict[str, list[str]] = {}
    for key in keys:
        if label[key] == "PERSON" and len(key.split()) >= 2:
            by_surname.setdefault(key.split()[-1], []).append(key)
    for names in by_surname.values():
        pairs = [(a, b) for a, b in itertools.combinations(names, 2)
                 if len(a.split()) == len(b.split())
                 and all(_by_nickname(x, y) for x, y in zip(a.split()[:-1], b.split()[:-1]))]
        partners = Counter(name for pair in pairs for name in pair)
        for a, b in pairs:  # "Pat Brown" beside both "Patricia" and "Patrick Brown" joins neither
            if partners[a] == 1 and partners[b] == 1:
                clusters.union(a, b)


def _by_nickname(a: str, b: str) -> bool:
    """The same given name, or nicknames of each other not spelled alike (those are spellings, which
    :func:`_merge_spellings` joins and reports)."""
    return same_given_name(a, b) and not similar_spelling(a, b, 0.6)


@functools.lru_cache(maxsize=4096)
def same_given_name(a: str, b: str) -> bool:
    """Whether two lower-case given names name one person by a nickname ("jim" / "james", "bill" /
    "william"), from the curated list of the ``nicknames`` package.

    >>> same_given_name("jim", "james"), same_given_name("john", "james")
    (True, False)
    """
    if a == b:
        return True
    return _nickname_of(a, b) or _nickname_of(b, a)


MAX_NICKNAME_READINGS = 4
"""A nickname read as a full name it does not begin like only when the curated list gives it at most
this many full names: "bill" (william, will, willis, robert) stands for William, "ron" (ronald,
aaron, cameron, veronica …) only for Ronald, "sam" (samuel, samantha …) for none. Not tuned: the
list is loose, and a nickname that could be a man's or a woman's name must not join two relatives."""


def _nickname_of(nick: str, full: str) -> bool:
    readings = _nick_namer().canonicals_of(nick)
    if full not in readings:
        return False
    alike = [r for r in readings if r[0] == nick[0]]
    return (full[0] == nick[0] and len(alike) == 1) or len(readings) <= MAX_NICKNAME_READINGS


@functools.cache
def _nick_namer():
    from nicknames import NickNamer

    return NickNamer()


def _fits_org(short: list[str], full: list[str]) -> bool:
    """Is ``short`` the trailing words of ``full`` ("foreign ministry" of "norwegian foreign ministry")?"""
    short = [t for t in short if t not in ORG_STOP]
    return 2 <= len(short) < len(full) and full[-len(short):] == short


def similar_spelling(a: str, b: str, ratio: float = 0.75) -> bool:
    """Two names spelled alike: same initial, both ≥ 4 letters, and a close match (difflib ratio).

    0.75 lets one letter differ in a short name ("Bashir"/"Basheer": 0.77) and keeps different names
    apart ("Mike"/"Mark": 0.5); a first name beside an identical surname may differ more (0.6:
    "Jorg"/"Jurg" 0.75, but "John"/"Jane" 0.25).
    """
    if a == b or a[0] != b[0] or min(len(a), len(b)) < 4:
        return False
    return SequenceMatcher(None, a, b).ratio() >= ratio


def _spelling_variant(a: list[str], b: list[str]) -> bool:
    """Same number of name words, surnames alike, every word alike or equal, at least one differs."""
    a = [t for t in a if t not in PARTICLES]
    b = [t for t in b if t not in PARTICLES]
    if len(a) != len(b) or a == b or not (a[-1] == b[-1] or similar_spelling(a[-1], b[-1])):
        return False
    return all(x == y or similar_spelling(x, y, 0.6 if a[-1] == b[-1] else 0.75) for x, y in zip(a[:-1], b[:-1]))


def plural_of(plural: str, name: str) -> bool:
    """Whether ``plural`` is ``name`` with a plural ending ("lawrences", "joneses")."""
    return plural in (name + "s", name + "es")


def _body_name(a: str, b: str, label) -> bool:
    """Whether two names of two words or more may name bodies, not both people: one is labelled
    otherwise than a person. Their last words then differ by a plural ending as a chain does from
    one of its houses ("Vela Cinemas" / "the Vela Cinema"), not as a misspelling does."""
    return min(len(a.split()), len(b.split())) > 1 and not label[a] == label[b] == "PERSON"


def _brand_plural(plural: str, name: str, label) -> bool:
    """Whether a one-word name is the plural of a one-word name labelled otherwise than a person
    ("Volvos" beside the company "Volvo": its cars, which the tagger took for a person)."""
    return " " not in plural and " " not in name and label[name] != "PERSON" and plural_of(plural, name)


_MODIFIER_AFTER = re.compile(
    r"^\s(?:school|district|county|township|library|college|university|hospital|clinic|church|parish|plant"
    r"|factory|mill|mine|river|creek|lake|dam|bridge|park|street|road|avenue|airport|station|building|tower"
    r"|center|centre|foundation|institute|museum|zoo|stadium|arena|company|corporation|bank|hotel|farm)\b")
"""A noun of a place or an institution right after a one-word name ("the Crowley *school*
district"); not "family", "case", "trial" or "administration", after which a surname still names
its person ("the Mawley family")."""


def _modifier_names(groups: Mapping[str, list[Mention]], texts: Mapping[str, str]) -> set[str]:
    """One-word names that their articles only ever write after "the" and before a noun of a place
    or an institution (:data:`_MODIFIER_AFTER`: "*the* Crowley *school* district"): the name of a
    place or a body, not a person's surname that another report misspells."""
    out = set()
    for key, mentions in groups.items():
        if " " in key:
            continue
        spans = [m[2] for m in mentions if m[2].article_id in texts]
        if spans and all(texts[sp.article_id][max(0, sp.start - 4):sp.start].lower() == "the "
                         and _MODIFIER_AFTER.match(texts[sp.article_id][sp.end:sp.end + 14]) for sp in spans):
            out.add(key)
    return out


def _sibilant_plural(plural: str, name: str) -> bool:
    """Whether ``plural`` is ``name`` ending in a hiss with "-es" ("joneses", "marshes", "foxes"): a
    plural whatever its article writes before it, never a spelling of the name ("Alexis" beside
    "Alexi" is a name, so a bare "-s" is not enough)."""
    return plural == name + "es" and name.endswith(("s", "x", "z", "ch", "sh"))


class _Clusters:
    """Union-find over normalised names."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.parent = {k: k for k in keys}

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[ra] = rb


def _merge_acronyms(groups, label, clusters: _Clusters, definitions: Mapping[str, str]) -> None:
    keys = list(groups)
    for key in keys:
        if " " in key or not any(m[0].replace(".", "").isupper() for m in groups[key]):
            continue
        long_name = definitions.get(key)
        targets = [k for k in keys if k != key and long_name and (k == long_name or k.endswith(" " + long_name))]
        if not targets:
            targets = [k for k in keys if len(k.split()) >= 2 and _spells(k.split(), key) and label[k] != "PERSON"]
        roots = {clusters.find(t) for t in targets}
        if len(roots) == 1:
            clusters.union(key, roots.pop())


def _merge_partials(keys: list[str], label, clusters: _Clusters) -> None:
    """Join partial names to the one longer name they fit (skipped when several fit, counting the
    one a partial name has joined already: "Shepard", joined to "Matthew Shepard", does not then
    join "Judy Shepard" too, which would make mother and son one person)."""
    for key in sorted(keys, key=lambda k: -len(k.split())):
        words, kind = key.split(), label[key]
        fits = _fits_person if kind == "PERSON" else _fits_org if kind in ("ORG", "FAC") else None
        if fits is None:
            continue
        roots = {clusters.find(k) for k in keys if k != key and label[k] == kind and fits(words, k.split())}
        if len(roots) == 1 and clusters.find(key) not in roots:
            clusters.union(key, roots.pop())


def _merge_stray_surnames(keys: list[str], groups: dict[str, list[Mention]], label: dict[str, str],
                          clusters: _Clusters, texts: Mapping[str, str] | None = None) -> None:
    """A one-word name the tagger alone called an organisation ("Maxwell read the statement") that is
    the surname of the one person named in full who bears it ("Kenneth Maxwell") is that person: it
    joins them and is counted a person, when some article names the person in full first and then
    by that word (as reports name people). Not a name whose own sentence said it is an organisation,
    not a firm named after someone who is never introduced before it ("Gerald Ford" in one report,
    "Ford" recalls cars in another), and never when two people of the story bear the surname
    ("Matthew" and "Judy Shepard": "Mrs. Shepard" is not the son). A one-word name tagged a
    nationality, a product or a work ("Tangeman", "Shepard") joins only when *every* article that
    writes it names the person in full before it. One tagged a place joins under that rule too, and
    only when the articles' ``texts`` are given and no mention of it follows a preposition of place
    ("Judge Gerald Tjoflat …", then "Tjoflat said"; never "Washington" after "Denzel Washington"
    where a report "flew back to Washington")."""
    persons = [k for k in keys if label[k] == "PERSON" and len(k.split()) > 1]
    for key in keys:
        if " " in key or any(_weight(m) > 1 for m in groups[key]):
            continue
        if label[key] in _NEVER_SURNAMES and not (label[key] in _PLACE_LABELS and texts is not None
                                                  and not _after_place_preposition(groups[key], texts)):
            continue
        bearers = [p for p in persons if _name_core(p.split())[-1:] == [key]]
        if not bearers or not _one_bearer(bearers, clusters):
            continue
        if any(_introduces(groups[p], groups[key], everywhere=label[key] != "ORG") for p in bearers):
            clusters.union(key, bearers[0])
            label[key] = "PERSON"
            groups[key] = [(m[0], "PERSON", *m[2:]) for m in groups[key]]


def _one_bearer(bearers: list[str], clusters: _Clusters) -> bool:
    """Whether full names that end in one surname are one person's: already joined, or each a
    partial form of the longest ("Tomas Halden" of "Tomas Lind Halden"), before the partial names
    are joined (:func:`_merge_partials`). "Matthew" and "Judy Shepard" are two."""
    longest = max(bearers, key=lambda b: (len(b.split()), b))
    return all(clusters.find(b) == clusters.find(longest) or _fits_person(b.split(), longest.split())
               for b in bearers)


_PLACE_BEFORE = re.compile(r"\b(?:in|into|to|from|at|near|across|outside|inside|toward|towards|via)\s+(?:the\s+)?$",
                           re.IGNORECASE)
_PLACE_LABELS = frozenset({"GPE", "LOC"})


def _after_place_preposition(mentions: Sequence[Mention], texts: Mapping[str, str]) -> bool:
    """Whether some mention follows a preposition of place ("flew back *to* Washington")."""
    return any(_PLACE_BEFORE.search(texts.get(m[2].article_id, "")[max(0, m[2].start - 12) : m[2].start])
               for m in mentions)


_NEVER_SURNAMES = frozenset({"PERSON", "GPE", "LOC", "FAC"})
"""Labels of one-word names that never join a person as a stray surname: persons already are one,
and a place-tagged word may be the place ("Washington" after "Denzel Washington")."""


def _introduces(full: list[Mention], short: list[Mention], everywhere: bool = False) -> bool:
    """Whether some article (with ``everywhere``, every article that writes a short form) names the
    full name before a short form of it."""
    first = {}
    for m in full:
        first[m[2].article_id] = min(first.get(m[2].article_id, m[2].start), m[2].start)
    told = (m[2].article_id in first and first[m[2].article_id] < m[2].start for m in short)
    return all(told) if everywhere else any(told)


def _family_plurals(groups: Mapping[str, list[Mention]], texts: Mapping[str, str]) -> set[str]:
    """Names written as a family ("*the* Lawrences", "*the* Joneses"): an "-s" name after "the" in its
    article's text. "Alexis" beside "Alexi" is a name, not a plural."""
    out = set()
    for key, mentions in groups.items():
        if not key.endswith("s"):
            continue
        for mention in mentions:
            span = mention[2]
            before = texts.get(span.article_id, "")[max(0, span.start - 4) : span.start]
            if before.lower() == "the ":
                out.add(key)
                break
    return out


def named_together(a: Sequence[Mention], b: Sequence[Mention], texts: Mapping[str, str] | None) -> bool:
    """Whether one sentence of one article names both: "such as Bassayev, Khattab and Barrayev"
    lists two people, however alike their names are spelled."""
    if not texts:
        return False
    for x in (m[2] for m in a):
        for y in (m[2] for m in b):
            if x.article_id == y.article_id and x.article_id in texts:
                between = texts[x.article_id][min(x.end, y.end):max(x.start, y.start)]
                if len(between) < 300 and not re.search(r"[.!?](?:\s|$)", between):
                    return True
    return False


def _merge_spellings(keys: list[str], label, clusters: _Clusters, families: set[str] = frozenset(),
                     groups: Mapping[str, Sequence[Mention]] | None = None,
                     texts: Mapping[str, str] | None = None) -> set[str]:
    """Join persons whose names are spelled alike; returns the keys that joined as spelling variants.
    A family's plural (``families``) is the family, not a spelling of one member's name, nor is a
    brand's plural (:func:`_brand_plural`); two names one sentence gives (:func:`named_together`)
    are two people, and a name only written as a modifier (:func:`_modifier_names`) is no person's."""
    modifiers = _modifier_names(groups, texts) if groups is not None and texts else set()
    persons = [k for k in keys if label[k] in ("PERSON", "ORG") and k not in modifiers]
    variants: set[str] = set()
    for i, a in enumerate(persons):
        for b in persons[i + 1 :]:
            if "PERSON" not in (label[a], label[b]) or clusters.find(a) == clusters.find(b):
                continue
            last_a, last_b = a.split()[-1], b.split()[-1]
            plural = (a in families and plural_of(last_a, last_b)) or (b in families and plural_of(last_b, last_a)) \
                or _sibilant_plural(last_a, last_b) or _sibilant_plural(last_b, last_a) \
                or (_body_name(a, b, label) and (plural_of(last_a, last_b) or plural_of(last_b, last_a))) \
                or _brand_plural(a, b, label) or _brand_plural(b, a, label)
            if _spelling_variant(a.split(), b.split()) and not plural \
                    and not (groups is not None and named_together(groups[a], groups[b], texts)) \
                    and not _named_apart(a, b, keys, label, clusters):
                clusters.union(a, b)
                variants.update((a, b))
    return variants


def _named_apart(a: str, b: str, keys: list[str], label, clusters: _Clusters) -> bool:
    """Whether the names joined to ``a`` and to ``b`` so far name two people in full: given names
    that are not one name written otherwise (not the same, an initial of it, a nickname or a
    spelling of it). "Halden" of "Tomas Halden" is no spelling of "Haldeman" of "Eric Haldeman".
    A lone name that opens the one full name it could be, written surname first, gives that
    name's other word ("Zhao" of "Zhao Weiming" is no spelling of "Zhou" of "Zhou Lin")."""
    def given(key: str) -> list[str]:
        root = clusters.find(key)
        cores = ([w for w in k.split() if w not in PARTICLES] for k in keys
                 if label[k] == "PERSON" and clusters.find(k) == root)
        named = [core[0] for core in cores if len(core) > 1]
        if named or " " in key:
            return named
        opening = [k.split() for k in keys if label[k] == "PERSON" and len(k.split()) == 2 and k.split()[0] == key]
        return [opening[0][1]] if len(opening) == 1 else []

    def one(x: str, y: str) -> bool:
        return x == y or (min(len(x), len(y)) == 1 and x[0] == y[0]) or similar_spelling(x, y, 0.6) \
            or same_given_name(x, y)

    return any(not one(x, y) for x in given(a) for y in given(b))


def _merge_state_names(keys: list[str], label, clusters: _Clusters) -> None:
    """Join an official state name to the one country it is the adjectival form of."""
    countries = [k for k in keys if label[k] == "GPE" and " " not in k]
    for key in keys:
        words = key.split()
        if state_name_label(key) is None:  # the name itself says it is a state, whatever its tag
            continue
        fits = {clusters.find(c) for c in countries if is_demonym(words[0], c)}
        if len(fits) == 1:
            clusters.union(key, fits.pop())


def canonicalise(mentions: Iterable[Mention], id_prefix: str = "",
                 texts: Iterable[str] | Mapping[str, str] = ()) -> tuple[Entity, ...]:
    """Group mentions into canonical entities (see the module docstring for the rules).

    Args:
        mentions: ``(surface, label, span)`` from :func:`article_mentions`, any number of articles.
        id_prefix: mixed into entity ids (a story id), so that ids are unique in a store.
        texts: the articles' texts, read for acronym definitions; given by article id, also for
            family plurals ("the Lawrences", :func:`_family_plurals`).
    """
    groups: dict[str, list[Mention]] = {}
    titled: dict[str, list[Mention]] = {}
    for mention in mentions:
        key = mention_key(mention[0])
        if mention[1] == "PERSON":
            key = _given_name_particle(mention[0], key)
        (titled if _titled_surname(key) else groups).setdefault(key, []).append(mention)
    label = {key: majority_label(ms) for key, ms in groups.items()}
    clusters = _Clusters(groups)
    by_article = texts if isinstance(texts, Mapping) else None
    _merge_acronyms(groups, label, clusters, acronym_definitions(by_article.values() if by_article is not None else texts))
    keys = sorted(groups)
    _merge_stray_surnames(keys, groups, label, clusters, by_article)
    _merge_partials(keys, label, clusters)
    _merge_state_names(keys, label, clusters)
    families = _family_plurals(groups, by_article) if by_article is not None else set()
    spelled = _merge_spellings(keys, label, clusters, families, groups, by_article)  # "Bryant" / "Brian Dalton" stays a reported spelling
    _merge_nicknames(keys, label, clusters)
    _merge_partials(keys, label, clusters)
    keys += _attach_titled_surnames(titled, groups, label, clusters)
    members: dict[str, list[str]] = {}
    for key in keys:
        members.setdefault(clusters.find(key), []).append(key)
    entities = [_entity(groups, ks, spelled, id_prefix) for ks in members.values()]
    return tuple(sorted(entities, key=lambda e: (-len(e.mentions), e.name)))


def _attach_titled_surnames(titled: Mapping[str, list[Mention]], groups: dict[str, list[Mention]],
                            label: dict[str, str], clusters: _Clusters) -> list[str]:
    """Join each surname written after a title of one sex ("Mrs. Gingrich") to the one person named
    in full who bears it and is not known to be of the other sex (by a title written with the full
    name, else the given name: "Marianne Gingrich", not "Newt Gingrich"); to the surname written
    alone when no one is named in full with it (as an untitled surname would join); else it stays
    a person of its own. Runs after the other merges, so that a title never joins two people who
    share a surname. Returns the keys added."""
    order = sorted(titled, key=lambda k: _titled_surname(k)[0])  # women first: "Mrs." tells one sex
    for key in order:
        groups[key], label[key] = list(titled[key]), "PERSON"
        clusters.parent[key] = key
    for key in order:
        sex, surname = _titled_surname(key)
        named = [k for k in groups if label[k] == "PERSON" and len(k.split()) > 1 and k not in titled
                 and [w for w in k.split() if w not in PARTICLES][-1:] == [surname]]
        bearers = {clusters.find(k) for k in named}
        fitting = {root for root in bearers if _cluster_sex(root, groups, clusters) != gender.opposite(sex)}
        if len(fitting) == 1:
            clusters.union(key, fitting.pop())
        elif not named and surname in groups and label[surname] not in ("GPE", "LOC"):
            clusters.union(key, surname)
    return sorted(titled)


def _cluster_sex(root: str, groups: Mapping[str, list[Mention]], clusters: _Clusters) -> str:
    """The sex of the person a cluster names: a titled surname joined to it ("Mrs. Gore" to "Tipper
    Gore"), else a title written with a mention or the given name of a full name in it."""
    members = [k for k in groups if clusters.find(k) == root]
    for key in members:
        if titled := _titled_surname(key):
            return titled[0]
    return next((sex for key in members if len(key.split()) > 1 and (sex := _key_sex(key, groups[key]))), "")


def _key_sex(key: str, mentions: list[Mention]) -> str:
    """The sex of a person named in full: a title written with a mention ("Mrs. Marianne …"), else
    the given name."""
    for surface, *_rest in mentions:
        if sex := gender.title_sex(surface.split()[0]):
            return sex
    return gender.given_name_sex(key.split()[0].rstrip("_"))


def _entity(groups: Mapping[str, list[Mention]], keys: list[str], spelled: set[str], id_prefix: str) -> Entity:
    mentions = [m for k in keys for m in groups[k]]
    surfaces = Counter(m[0] for m in mentions)
    kind = majority_label(mentions)
    name = max(surfaces, key=lambda s: _name_preference(s, surfaces[s], kind))
    if kind == "PERSON":
        name = without_titles(name)
    canon = mention_key(name).split()
    spellings = sorted({m[0] for k in keys if k in spelled for m in groups[k]
                        if _differs_in_spelling(normalise_name(m[0]).split(), canon)})
    acronyms = sorted({m[0] for k in keys if " " not in k and len(keys) > 1 for m in groups[k]
                       if m[0].replace(".", "").isupper() and len(m[0]) <= 10})
    eid = "e_" + hashlib.blake2b(f"{id_prefix}|{kind}|{' '.join(canon)}".encode(), digest_size=5).hexdigest()
    return Entity(eid, name, kind, tuple(sorted(surfaces)), tuple(sorted(m[2] for m in mentions)),
                  spellings=tuple(spellings), acronyms=tuple(acronyms))


def without_titles(name: str) -> str:
    """A person's full name without the titles written before it ("Trooper William Hakim" →
    "William Hakim", "Prime Minister Ana Vell" → "Ana Vell"); a surname keeps its title ("Mr.
    Sznewajs")."""
    words = name.split()
    while len(words) > 2 and words[0].lower().rstrip(".") in HONORIFICS:
        words.pop(0)
    return " ".join(words)


def _name_preference(surface: str, count: int, kind: str) -> tuple:
    """Which variant names the entity: a person's or organisation's fullest name ("Omar al-Bashir",
    not "Bashir"); a place's most used one ("Patria", not "the Patrian Arab Republic"); never a
    dateline's capitals ("LARAMIE") when the name is also written as a name ("Laramie")."""
    words = len(normalise_name(surface).split())
    written = not (surface.isupper() and len(surface) > 4)  # "LARAMIE", not "NATO"
    if kind in ("GPE", "LOC"):
        return (written, count, -words, surface)
    return (written, words > 1, count, words, surface)


def _differs_in_spelling(words: list[str], canon: list[str]) -> bool:
    core_words = [w for w in words if w not in PARTICLES]
    core_canon = [w for w in canon if w not in PARTICLES]
    return any(w not in core_canon and any(similar_spelling(w, c, 0.6) and not another_form_of_given_name(w, c)
                                           for c in core_canon) for w in core_words)


def another_form_of_given_name(a: str, b: str) -> bool:
    """Two lower-case forms of one given name: a shorter one that begins as the full one does and
    is a nickname of it ("dave" / "david", :func:`same_given_name`) or begins it ("fred" /
    "frederick"). One letter apart is a spelling for the reader to check ("sara" / "sarah", "fred"
    / "freda"), and so are two names the nickname list links but spelt apart from the third letter
    ("brian" / "bryant")."""
    short, full = sorted((a, b), key=len)
    if len(short) < 3 or len(short) == len(full) or short[:3] != full[:3] or _one_letter_apart(a, b):
        return False
    return full.startswith(short) or same_given_name(a, b)


def _one_letter_apart(a: str, b: str) -> bool:
    """Whether one letter added, dropped or changed turns ``a`` into ``b``."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    short, full = sorted((a, b), key=len)
    return any(full[:i] + full[i + 1:] == short for i in range(len(full)))


def canonicalise_store(evidence: Mapping[str, tuple[Entity, ...]],
                       link: Callable[[Entity], str | None] | None = None) -> dict[str, str]:
    """One canonical id across stories: ``{story entity id: store entity id}``.

    The same rules as :func:`canonicalise` run over the entities' names (each name standing for its
    mentions), so "Bashir" in one story and "Omar al-Bashir" in another get one store id when
    nothing else fits. ``link(entity) -> id`` is the hook for a knowledge base: when it returns an id
    for some entity of a store cluster, that id names the cluster.
    """
    mentions: list[Mention] = []
    owner: dict[tuple[str, str], list[str]] = {}
    for story_id, entities in evidence.items():
        for entity in entities:
            for variant in entity.variants:
                span = Span(story_id, 0, 0)
                mentions.extend([(variant, entity.type, span)] * max(1, len(entity.mentions) // len(entity.variants)))
                owner.setdefault((story_id, mention_key(variant)), []).append(entity.id)
    mapping: dict[str, str] = {}
    for store_entity in canonicalise(mentions, "store"):
        external = None
        local_ids = sorted({eid for v in store_entity.variants for (story, key), ids in owner.items()
                            if key == mention_key(v) for eid in ids})
        if link is not None:
            external = next((x for x in (link(replace(store_entity, id=i)) for i in local_ids) if x), None)
        for local in local_ids:
            mapping.setdefault(local, external or store_entity.id)
    return mapping
