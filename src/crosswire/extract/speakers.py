"""Who said it, and who relayed it: speaker phrases, channels and references to earlier speakers.

A *speaker* is the subject of a cue verb ("the ministry said"), or its object with ``cite``/``quote``
("ANI cited the agency's source" → the source). A *channel* relays the words without being their
author: the subject of an outer reporting verb ("…, the source added, TASS reported"), the citer of
``cite``/``quote``, "according to X" beside a named speaker, or a named medium in a prepositional
phrase of the cue ("in a Telegram post", "on X"). References ("he", "it", "the ministry",
"the statement") are resolved to the nearest earlier named speaker (or entity) that fits.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..clean.dateline import dateline_end
from ..clean.sentences import TITLES
from . import gender
from .dates import MONTHS, WEEKDAYS

CUE_LEMMAS = frozenset(
    ["say", "state", "add", "tell", "note", "emphasize", "emphasise", "stress", "conclude", "declare", "announce", "write", "post", "report", "claim", "insist", "warn", "urge", "explain", "confirm", "deny", "reply", "respond", "cite", "quote", "argue", "tweet", "acknowledge", "admit", "assert", "allege", "caution", "comment", "complain", "contend", "disclose", "estimate", "maintain", "observe", "predict", "promise", "recall", "remark", "reiterate", "reveal", "signal", "suggest", "testify", "vow", "ask", "answer", "agree", "boast", "charge", "concede", "continue", "counter", "describe", "joke", "lament", "muse", "plead", "proclaim", "recount", "reason", "retort", "scoff", "shout"]
)
"""Verbs that introduce speech. ``continue`` and ``ask`` only count with a quote beside them."""
QUOTE_CUE_LEMMAS = CUE_LEMMAS | frozenset(
    ["read", "chant", "yell", "press", "interject", "echo", "exclaim", "quip", "wonder", "surmise", "assure", "elaborate", "cry", "blare", "scream", "whisper", "laugh", "mock", "pledge", "rail", "begin", "opine", "intone", "thunder", "gush", "marvel", "sigh", "question", "confess", "recall", "reply", "demand", "shoot", "point", "recommend", "fume", "crack", "bellow", "roar", "snap", "growl"]
)
"""Verbs that introduce words in quote marks only ("“Build the wall!” the crowd chanted", "a sign read
“…”"); the commonest cue words of PolNeAR train's direct attributions that ``CUE_LEMMAS`` lacked, and verbs of loud speech ("…,” he bellowed")."""
RELAY_LEMMAS = frozenset({"cite", "quote"})


def in_set_phrase(cue) -> bool:
    """Whether a cue verb is part of a set phrase that reports no one's words: "all told" ("All
    told, 300 boats sailed": in all)."""
    return cue.lower_ == "told" and cue.i > 0 and cue.doc[cue.i - 1].lower_ == "all"


TRANSCRIPT_LABEL = re.compile(r"(?m)^[ \t]*(Q|A|[A-Z][A-Z.'’-]*(?: [A-Z][A-Z.'’-]*){0,3}):[ \t]+(?=\S)")
"""A paragraph opened by a speaker's label in capitals, as an interview is printed: "Q: …",
"SUU KYI: We are confident …"."""


QA_LABEL = re.compile(r"(?m)^[ \t]*([QA])\.[ \t]+(?=\S)")
"""A paragraph opened by "Q." or "A.", as a question-and-answer box is printed ("Q. How is the
virus spread?" / "A. By the bite of a mosquito."); a label only where the text has both
(:func:`printed_qa`): alone, "A. Patel said" opens with an initial."""


def printed_qa(text: str) -> bool:
    """Whether ``text`` holds a question-and-answer box: paragraphs opened by "Q." and by "A."."""
    return {m.group(1) for m in QA_LABEL.finditer(text)} == {"Q", "A"}


SPEAKER_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC")
ROLE_NOUNS = frozenset(
    ["judge", "coroner", "prosecutor", "attorney", "lawyer", "officer", "detective", "investigator", "sheriff",
     "deputy", "witness", "doctor", "surgeon", "nurse", "pilot", "captain", "spokesman", "spokeswoman",
     "spokesperson", "official", "minister", "president", "mayor", "governor", "senator", "chairman",
     "chairwoman", "director", "manager", "professor", "teacher", "priest", "publicist", "man", "woman",
     "boy", "girl", "father", "mother", "son", "daughter", "wife", "husband", "suspect", "defendant", "victim",
     "relative", "friend", "neighbour", "neighbor", "sister", "brother", "aunt", "uncle", "cousin", "niece",
     "nephew", "grandmother", "grandfather", "widow", "widower", "girlfriend", "boyfriend", "colleague",
     "classmate", "student", "resident", "survivor", "passenger", "bystander", "actor", "actress"]
)
"""Heads of descriptions that name one person ("the judge", "the coroner", "a relative", "the
friend"): a singular "he"/"she" after such a speaker most likely is that person ("A relative
said he was sectioned … She said he had told health workers …": the relative, not the victim
named a paragraph before)."""
DESCRIBED_REACH = 600
"""How far (characters) a "he" or "she" may refer back to an unnamed, described speaker ("the
judge said …"): about a paragraph. A name stays in reach longer; a description three thousand
characters back is more likely someone else."""
UTTERANCE_NOUNS = frozenset(
    ["statement", "report", "release", "communique", "communiqué", "post", "tweet", "letter", "message", "note", "memo", "document", "announcement", "readout", "transcript", "filing", "declaration"]
)
MEDIUM_NOUNS = frozenset(
    ["post", "app", "channel", "account", "tweet", "message", "video", "interview", "broadcast", "website", "site", "page", "feed", "network", "newspaper", "programme", "program", "show", "platform", "messenger"]
)
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "i", "we", "they"})
PLURAL_PRONOUNS = frozenset({"we", "they"})
"""Pronouns that stand for a named body ("the ministry … they said") or for people left unnamed, never for
the last speaker when that is one person or an unnamed one ("survivors … they said")."""
THING_PRONOUNS = frozenset({"it", "this", "that"})
PRONOUN_SEX = {"he": gender.MALE, "him": gender.MALE, "his": gender.MALE,
               "she": gender.FEMALE, "her": gender.FEMALE, "hers": gender.FEMALE}


@dataclass(frozen=True)
class Speaker:
    """A speaker as found in the sentence, and the name it resolves to."""

    mention: tuple[int, int]
    """Characters of the subject phrase as written ("he", "the ministry", "Jane Roe, an official …")."""
    name: str
    name_span: tuple[int, int]
    type: str
    """``PERSON``, ``ORG``, ``GPE``, ``NORP`` … when named, else ``""``."""
    reference: bool = False
    """True when the phrase only points back ("he", "the ministry") and was resolved (or not) to a name."""


_POSTMODIFIER = frozenset({"for", "of", "at", "with", "from", "in", "on", "to", "who", "whose", "representing"})


def _head_noun(phrase: str) -> str:
    """The head of a described speaker: its last word before a modifier after it ("a *spokeswoman*
    for the farmers' union", "the *mother* of the boy"), lower-cased."""
    words = phrase.lower().replace(",", " , ").split()
    cut = next((i for i, w in enumerate(words) if i and (w in _POSTMODIFIER or w == ",")), len(words))
    return words[cut - 1] if cut else ""


def _describes_person(speaker: Speaker) -> bool:
    """Whether an unnamed speaker is described as one person ("the judge", "a senior official", "a
    spokeswoman for the union"), not a body or a document ("a council draft document")."""
    return _head_noun(speaker.name) in ROLE_NOUNS


def _title_words(ent) -> frozenset[str]:
    """The lower-cased words of the title that runs into a person's name: the modifiers right
    before it that hang on the name ("*Judge* Barton Voigt", "ministry *spokeswoman* Monika
    Schmutz"); not the words of a clause before it ("the detective quoted McKinney")."""
    inside = set(range(ent.start, ent.end))
    words: list[str] = []
    k = ent.start - 1
    while k >= ent.sent.start and len(words) < 3:
        token = ent.doc[k]
        if token.dep_ not in ("compound", "amod", "nmod") or token.head.i not in inside:
            break
        words.append(token.lower_)
        inside.add(k)
        k -= 1
    return frozenset(words)


def _other_sex(speaker: Speaker, pronoun: str) -> bool:
    """Whether a described speaker ("the mother") cannot be what ``pronoun`` ("he") refers to."""
    head = _head_noun(speaker.name) if not speaker.type else ""
    sex = PRONOUN_SEX.get(pronoun, "")
    return bool(head) and bool(sex) and gender.noun_sex(head) == gender.opposite(sex)


def phrase_span(token, limit: int = 25, relative: bool = False) -> tuple[int, int]:
    """Characters of a token's subtree, cut before a relative clause (kept with ``relative``) and
    capped at ``limit`` tokens, with the first parts of a hyphenated word the parser split into
    words of their own ("the vice-president": "vice", "-" and "president" each hung on the verb)."""
    cut = () if relative else ("relcl",)
    excluded = {t.i for d in token.subtree if d.dep_ in cut and d.i != token.i for t in d.subtree}
    tokens = [t for t in token.subtree if t.i not in excluded]
    tokens = [t for t in tokens if abs(t.i - token.i) <= limit] or [token]
    while len(tokens) > 1 and (tokens[-1].is_punct or tokens[-1].is_space) and not _closes_bracket(tokens):
        tokens.pop()
    while len(tokens) > 1 and (tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    first = tokens[0].i
    doc = token.doc
    while first >= 2 and doc[first - 1].text == "-" and doc[first - 1].whitespace_ == "" \
            and doc[first - 2].whitespace_ == "" and doc[first - 2].head.i == token.head.i and token.i != token.head.i:
        first = min(t.i for t in doc[first - 2].subtree)  # "the vice-president": the parser split the word
    first, last = whole_entities(doc, first, tokens[-1].i + 1)
    start, end = token.doc[first].idx, token.doc[last - 1].idx + len(token.doc[last - 1].text)
    return after_dateline(text_of(token.doc), start, end), end


def whole_entities(doc, start: int, end: int) -> tuple[int, int]:
    """The token range ``[start, end)`` widened so that it cuts no named entity in two: "The Vela
    group Justice" is "… Justice Now" when the tagger read "Justice Now" as one name (the parser
    hung "Now" on the verb). Only capitalised words are taken in: the tagger's entity can run on
    into a function word ("the ministry on" Friday)."""
    while start > 0 and doc[start].ent_iob_ == "I" and doc[start - 1].text[:1].isupper():
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].text[:1].isupper():
        end += 1
    return start, end


def after_dateline(text: str, start: int, end: int) -> int:
    """``start`` moved past a wire dateline that opens the line it is on, when the span from
    ``start`` to ``end`` begins inside that dateline and goes beyond it ("WASHINGTON _ Federal
    officials" → "Federal officials"): the dateline says where the report was filed, it is
    nobody's words and nobody's name."""
    line = text.rfind("\n", 0, start) + 1
    cut = line + dateline_end(text[line:line + 200])
    return cut if start < cut < end else start


def _closes_bracket(tokens) -> bool:
    """Is the last token a bracket closing one opened inside the phrase ("… Front (NLF)")?"""
    text = tokens[-1].text
    pairs = {")": "(", "]": "["}
    return text in pairs and sum(t.text == pairs[text] for t in tokens) > sum(t.text == text for t in tokens[:-1])


def entity_of(token):
    """The named entity (of a speaker label) that covers ``token``, or None."""
    ent = entity_at(token)
    return ent if ent is not None and ent.label_ in SPEAKER_LABELS else None


def text_of(doc) -> str:
    """``doc.text``, computed once per doc (the property joins every token on every access)."""
    text = doc.user_data.get("crosswire.text")
    if text is None:
        text = doc.text
        doc.user_data["crosswire.text"] = text
    return text


def doc_entities(doc) -> tuple:
    """``doc.ents``, computed once per doc (the property rebuilds the spans on every access), each
    without an inverted cue verb the tagger took into it (:func:`without_inverted_cue`)."""
    ents = doc.user_data.get("crosswire.ents")
    if ents is None:
        ents = tuple(e for e in (without_trailing_title(with_bracket_closed(without_inverted_cue(e))) for e in doc.ents)
                     if e is not None)
        doc.user_data["crosswire.ents"] = ents
    return ents


NAME_TITLES = frozenset(title.lower().rstrip(".") for title in TITLES if "-" not in title) - {"ft", "ste"} | {
    "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "adm"}
"""Abbreviated titles written before a person's name ("Lt.", "Sgt.", "Det.", "Gen."), without the
dot: the sentence splitter's list (:data:`crosswire.clean.sentences.TITLES`) but "Ft." and "Ste.",
which open place names, and spaCy's own exceptions for the usual ones."""


def _abbreviated_title(doc, i: int) -> bool:
    """Token ``i`` is an abbreviated title set before a name: "Lt" and its full stop, or "Gen.",
    then a proper noun (not "Mulholland Dr. The …")."""
    token = doc[i]
    if token.lower_.rstrip(".") not in NAME_TITLES or not token.text[:1].isupper():
        return False
    after = i + 1 if token.text.endswith(".") else i + 2
    dotted = token.text.endswith(".") or (i + 1 < len(doc) and doc[i + 1].text == ".")
    return dotted and after < len(doc) and doc[after].text[:1].isupper() and (
        doc[after].pos_ == "PROPN" or doc[after].ent_type_ == "PERSON")


def without_trailing_title(ent):
    """``ent`` without the title of the person named right after it, which the tagger took into a
    body's name ("Oregon State Police Lt. Gregg Hastings" tags "Oregon State Police Lt" an
    organisation), or a preposition, article or conjunction that ends it ("says Pantelis Vekios of the Health
    Ministry" tags "Pantelis Vekios of" an organisation); None when the entity is the title alone
    ("Woodburn police Sgt. Jason Tlusty" tags "Sgt" a person)."""
    doc = ent.doc
    end = ent.end
    while end > ent.start and (_abbreviated_title(doc, end - 1) or _dangling(doc[end - 1])):
        end -= 1
    if end == ent.end:
        return ent
    if end == ent.start:
        return None
    from spacy.tokens import Span as DocSpan

    return DocSpan(doc, ent.start, end, label=ent.label)


def with_bracket_closed(ent):
    """``ent`` with the closing bracket the tagger left out of it ("the Federal Bureau of
    Investigation (FBI" of "… (FBI) reported"), so that the name is whole."""
    if ent.end >= len(ent.doc) or ent.doc[ent.end].text != ")":
        return ent
    if sum(t.text == "(" for t in ent) <= sum(t.text == ")" for t in ent):
        return ent
    from spacy.tokens import Span as DocSpan

    return DocSpan(ent.doc, ent.start, ent.end + 1, label=ent.label)


def _dangling(token) -> bool:
    """A lower-case preposition, article or conjunction, which ends no name."""
    return token.pos_ in ("ADP", "DET", "CCONJ", "SCONJ") and token.text.islower()


INVERTED_CUES = frozenset({"said", "says", "added", "adds", "asked", "asks"})
"""Verbs that open a sentence of inverted attribution ("Said Evans: …")."""


def without_inverted_cue(ent):
    """``ent`` without the verb of an inverted attribution that opens its sentence ("Said Evans: “We
    want …”" tags "Said Evans" a person: the person is Evans). Only before a colon, comma or quote
    mark, so "Said Ahmed said …" keeps its name."""
    doc, first = ent.doc, ent[0]
    after = doc[ent.end].text if ent.end < len(doc) else ""
    if len(ent) < 2 or not first.is_sent_start or first.lower_ not in INVERTED_CUES \
            or after not in (":", ",", "“", '"', "``"):
        return ent
    from spacy.tokens import Span as DocSpan

    return DocSpan(doc, ent.start + 1, ent.end, label=ent.label)


def entity_at(token):
    """The named entity (any label) that covers ``token``, or None."""
    if not token.ent_type_:
        return None
    return next((e for e in doc_entities(token.doc) if e.start <= token.i < e.end), None)


def _issuer(head):
    """The entity that issued an utterance noun: "a statement from the ministry" → the ministry; not
    one its relative clause names ("a report that said London's police …"), not the owner of the
    issuer ("a statement from Piccard's organization": the organization, unnamed, issued it; "from
    Clinton's spokesman, Joe Lockhart": the spokesman, Joe Lockhart), and not
    the place that plural reports come from ("reports from Chateau d'Oex")."""
    clause = {t.i for c in head.children if c.dep_ == "relcl" for t in c.subtree}  # not "issued by …" (acl)
    places = ("GPE", "LOC") if head.tag_ == "NNS" else ("LOC",)
    for token in head.subtree:
        if token.i == head.i or token.i in clause:
            continue
        ent = entity_of(token)
        if ent is None or ent.label_ not in ("PERSON", "ORG", "GPE") or ent.label_ in places:
            continue
        if token.dep_ == "poss" and entity_of(token.head) is not ent:  # "Piccard's organization"
            named = [e for c in token.head.children if c.dep_ == "appos" and (e := entity_of(c)) is not None]
            return next((e for e in named if e.label_ in ("PERSON", "ORG")), None)  # "…'s spokesman, Joe Lockhart"
        return ent
    return None


def antecedent(subject, verb):
    """The subject of ``verb``, a relative pronoun standing for the noun its clause modifies ("an
    official report *that* said …" → report; "the crash *that* killed 217" → crash)."""
    if subject is not None and subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
        return verb.head
    return subject


def titled_surname_start(ent) -> int:
    """Where a person named by a surname alone begins, its title of one sex included ("*Mrs.*
    Gingrich": of two Gingriches, the wife); the name's own start otherwise."""
    title = gender.title_before(ent) if ent.label_ == "PERSON" and len(ent) == 1 else None
    return title.idx if title is not None and title.lower_.rstrip(".") in gender.SURNAME_TITLES else ent.start_char


def _appositive_name(subject):
    """The person an unnamed subject is set beside, by full name ("The company's chairman, *John
    Smith*, said", "Another speaker at the news conference, *Robert DeBree*, …")."""
    for child in subject.children:
        if child.dep_ == "appos" and (ent := entity_of(child)) is not None and ent.label_ == "PERSON" \
                and len(ent.text.split()) > 1:  # a full name: "Shepard's father Dennis" keeps its role
            return ent
    return None


def _named_in_apposition(subject) -> bool:
    """Whether a described subject carries its own name after it ("the newspaper *Segodnya*", "the
    agency *Interfax*"): it names a new speaker, not one mentioned before."""
    return any(c.dep_ == "appos" and c.pos_ == "PROPN" and c.i == subject.i + 1 for c in subject.children)


def _titled(ent) -> bool:
    """Whether a name the tagger called an organisation or a place follows a person's title written
    in lower case ("ERA chief *executive* Philip Shirvington", "Environment *minister* Ann Lee"): the
    title says it is a person, whatever the tagger said."""
    before = ent.doc[ent.start - 1] if ent.start else None
    return ent.label_ in ("ORG", "GPE") and before is not None and before.is_lower \
        and before.lower_ in PERSON_TITLES


def _misparsed_inside_time_phrase(subject) -> bool:
    """A speaker the parser took as the object of an opening time phrase's preposition ("Twelve
    hours into the investigation *authorities* said"): its modifiers ("the investigation") are the
    phrase's, so it is named by its own word alone."""
    return subject.dep_ == "pobj" and subject.head.head.ent_type_ in ("DATE", "TIME")


def name_speaker(subject) -> Speaker:
    """Turn a subject token into a :class:`Speaker`; references are marked, not yet resolved.

    The mention is the whole phrase as written, relative clause included ("Jane Roe, who chairs the
    panel"), as PolNeAR marks sources; an unnamed speaker's name is the phrase without it.
    """
    limit = 0 if _misparsed_inside_time_phrase(subject) else 25
    written = phrase_span(subject, limit, relative=True)
    mention = phrase_span(subject, limit)
    ent = entity_of(subject) or _appositive_name(subject)
    if ent is not None and (ent.label_ != "NORP" or mention == (ent.start_char, ent.end_char)):
        start = titled_surname_start(ent)
        label = "PERSON" if _titled(ent) else ent.label_
        return Speaker(written, text_of(ent.doc)[start : ent.end_char], (start, ent.end_char), label)
    lower = subject.lower_
    if subject.lemma_.lower() in UTTERANCE_NOUNS and (issuer := _issuer(subject)) is not None:
        return Speaker(written, issuer.text, (issuer.start_char, issuer.end_char), issuer.label_)
    text = text_of(subject.doc)[mention[0] : mention[1]]
    if lower in PERSON_PRONOUNS | THING_PRONOUNS or subject.pos_ == "PRON":
        return Speaker(mention, text, mention, "", reference=True)
    determiners = [c for c in subject.children if c.dep_ == "det" and c.lower_ in ("the", "this", "that")]
    if determiners and subject.lemma_.lower() in UTTERANCE_NOUNS:
        return Speaker(mention, text, mention, "", reference=True)
    if determiners and len(list(subject.subtree)) <= 3 and not _named_in_apposition(subject):
        return Speaker(mention, text, mention, "", reference=True)
    return Speaker(written, text, mention, "")


PERSON_TITLES = ROLE_NOUNS | frozenset({
    "prince", "princess", "king", "queen", "pope", "senator", "bishop", "archbishop", "cardinal", "general",
    "colonel", "commander", "admiral", "chancellor", "premier", "ambassador", "secretary", "commissioner",
    "coach", "rabbi", "imam", "reverend", "chief", "executive",
})
"""Titles that name one person ("the prince", "the senator"); not collective nouns that a title
may hold ("police" of "Police chief Tom Lee", "family" of "family spokesman …")."""


def _described_actors(doc, quoted: Sequence[tuple[int, int]] = ()) -> list[tuple[int, tuple[int, int]]]:
    """(offset, span of the person) for each "the <title>" that is the subject of a sentence's main
    verb and names by its title a person named before ("Prince Charles said …" … "The prince
    expressed his sympathy …": the prince acts, so a following "he said" is him, not a person
    named in between)."""
    people = [(e.start_char, (e.start_char, e.end_char),
               (_title_words(e) | ({e[0].lower_} if len(e) > 1 else set())) & PERSON_TITLES)
              for e in doc_entities(doc) if e.label_ == "PERSON"]
    found = []
    for token in doc:
        if token.dep_ != "nsubj" or token.head.dep_ != "ROOT" or token.tag_ != "NN" or token.ent_type_ \
                or not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) \
                or any(a <= token.idx < b for a, b in quoted):
            continue
        named = [span for start, span, words in people if start < token.idx and token.lower_ in words]
        if named:
            found.append((token.idx, named[-1]))
    return found


def _acting_subject(token) -> bool:
    """Whether ``token`` is the subject of a sentence's main verb (:func:`_main_verb`) as written,
    alone: "Madonna, Uma Thurman and Demi Moore are among the stars who …" is a group, and no later
    "she" is Madonna."""
    return token.dep_ == "nsubj" and _main_verb(token.head) and not misread_subject(token) \
        and not _listed(token)


def _names_subject(token) -> bool:
    """Whether ``token`` is an apposition that names a main verb's subject written as a common
    noun or a number ("Only one, Dr. Dinus Bieter, has made a partial confession"; "The coach,
    Peter Mattonet, resigned"): the person named acts, and a following "he" is likely them."""
    head = token.head
    return token.dep_ == "appos" and head.pos_ in ("NOUN", "NUM", "PRON") and _acting_subject(head) \
        and not any(c.dep_ == "conj" for c in token.children)


def _listed(token) -> bool:
    """Whether ``token`` heads a list of names ("Madonna, Uma Thurman and Demi Moore"), which the
    parser may also read as a name, its apposition and a conjunct."""
    return any(c.dep_ == "conj" or (c.dep_ == "appos" and any(g.dep_ == "conj" for g in c.children))
               for c in token.children)


def _cut_head(entity) -> list:
    """The proper noun the tagger left out of a name whose words run into it as compounds ("Ali
    Ameir" tagged, "Mohamed" the subject of "Ali Ameir Mohamed likened …"): the name's head, so
    the name is the subject."""
    last = entity[-1]
    head = last.head
    return [head] if last.dep_ == "compound" and head.i == entity.end and head.pos_ == "PROPN" else []


def _untagged_actors(doc, name_words: set[str], quoted: Sequence[tuple[int, int]] = ()
                     ) -> list[tuple[int, tuple[int, int]]]:
    """(offset, span) of each proper noun the tagger left untagged that acts as a sentence's
    subject and is a later word of a person's name in the article ("Ameir dismissed a report …"
    after "Ali Ameir …"): that person acts, so a following "he said" is him."""
    return [(t.idx, (t.idx, t.idx + len(t.text))) for t in doc
            if t.pos_ == "PROPN" and not t.ent_type_ and t.text in name_words and _acting_subject(t)
            and not any(c.dep_ == "compound" for c in t.children) and not any(a <= t.idx < b for a, b in quoted)]


def _person_tagged_as_group(ent) -> bool:
    """Whether a name the tagger called a nationality or group (NORP) is a person acting: one
    singular proper noun, with no determiner or modifier, the subject of a sentence's main verb
    ("*Shirvani* came to Nazran …" after "a rebel fighter, who identified himself as Shirvani");
    a group is plural or an adjective ("Russians said", "Chechen rebels said")."""
    token = ent[0]
    return ent.label_ == "NORP" and len(ent) == 1 and token.tag_ == "NNP" and _acting_subject(token) \
        and not any(c.dep_ in ("det", "amod", "compound") for c in token.children)


def _main_verb(verb) -> bool:
    """A sentence's main verb, or one coordinated with it ("X has backed the plan, but *Y promises*
    to push it further": Y acts last)."""
    return verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")


_INVERTING = frozenset({",", "”", '"', "''", "’", "-", "--", "—", "–", "_", ";", ":", "so"})
"""What may stand right before a verb of saying whose subject follows it ("…,” said Jones", "…
-- said Jones", "…; so said Jones")."""


def misread_subject(token) -> bool:
    """A subject after its verb that is the parser's reading of an object ("Kovacs, asked to name
    painters he admires, first said *Pablo Picasso*"), not who acts: the verb has a subject before
    it, or does not follow a comma, a closing quote mark or a dash as an inverted attribution does
    ("…,” said *Jones*", :data:`_INVERTING`)."""
    verb = token.head
    if token.i < verb.i:
        return False
    inverted = verb.i > 0 and verb.doc[verb.i - 1].lower_ in _INVERTING
    return not inverted or any(c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i for c in verb.children)


def _article_sexes(doc, titles: dict[tuple[int, int], frozenset[str]]) -> dict[tuple[int, int], str]:
    """Person name span → the sex the article gives the person (:func:`gender.name_sex`); a
    surname alone without a title takes the sex of the article's persons named in full with it
    when they all have that one, and a given name alone that is no surname of the article's persons
    named in full takes the sex of the given name ("Daniel" in the review of a play about a boy)."""
    people = [e for e in doc_entities(doc) if e.label_ in ("PERSON", "ORG", "GPE")]
    sexes = {(e.start_char, e.end_char): gender.name_sex(e, titles.get((e.start_char, e.end_char), frozenset()))
             for e in people if e.label_ == "PERSON"}
    bearers: dict[str, set[str]] = {}
    for e in people:
        if e.label_ == "PERSON" and len(e) > 1:
            bearers.setdefault(e[-1].text, set()).add(sexes[(e.start_char, e.end_char)])
    for e in people:
        span = (e.start_char, e.end_char)
        if len(e) == 1 and not sexes.get(span) and len(known := bearers.get(e.text, set())) == 1:
            sexes[span] = next(iter(known))
        elif len(e) == 1 and not sexes.get(span) and e.label_ == "PERSON" and e.text not in bearers:
            sexes[span] = gender.given_name_sex(e.text)
        if span in sexes:
            sexes[(titled_surname_start(e), e.end_char)] = sexes[span]
    return {span: sex for span, sex in sexes.items() if sex}


@dataclass
class SpeakerMemory:
    """The named speakers and entities of one article, in reading order, for resolving references."""

    speakers: list[tuple[int, Speaker]]
    entities: list[tuple[int, str, str, tuple[int, int], bool]]
    """(offset, text, label, span, is_subject) of every named entity in the article."""
    actors: list[tuple[int, tuple[int, int]]] = field(default_factory=list)
    """(offset, span) of every person named as the subject of a sentence's main verb or one
    coordinated with it ("Minister X likened the suspect to a chameleon"): who a following "he
    said" most likely is. A name the tagger called an organisation or a place counts when a person
    of the article bears it as a surname ("Condon accepted the findings" after "backed Condon")."""
    surnames: frozenset[str] = frozenset()
    """Last words of the article's person names ("Nambiar" of "Captain Manohar Nambiar")."""
    titles: dict[tuple[int, int], frozenset[str]] = field(default_factory=dict)
    """Person name span → the words of the title that runs into it (:func:`_title_words`: "judge" of
    "Judge Barton Voigt"): what "the judge" may refer back to."""
    sexes: dict[tuple[int, int], str] = field(default_factory=dict)
    """Person name span → the sex the article gives the person (:func:`gender.name_sex`), when it
    gives one: a "she" does not refer back to "Newt Gingrich". A surname written alone takes the
    sex its bearers named in full share ("Gingrich" after "Newt Gingrich" alone)."""
    documents: set[str] = field(default_factory=set)
    """Utterance nouns (:data:`UTTERANCE_NOUNS`) that spoke as a document of their own, no body
    before them to issue them (:meth:`resolve`)."""

    @classmethod
    def of(cls, doc, quoted: Sequence[tuple[int, int]] = ()) -> SpeakerMemory:
        """The memory of ``doc``; a person named inside ``quoted`` spans (direct quotes) acts in the
        speaker's words, not in the report, and is no actor."""
        labels = {(e.start_char, e.end_char): "PERSON" if _person_tagged_as_group(e) else e.label_
                  for e in doc_entities(doc)}
        entities = [(e.start_char, e.text, labels[e.start_char, e.end_char], (e.start_char, e.end_char),
                     any(t.dep_ in ("nsubj", "nsubjpass") and not misread_subject(t) for t in e))
                    for e in doc_entities(doc) if labels[e.start_char, e.end_char] in ("PERSON", "ORG", "GPE")]
        surnames = frozenset(text.split()[-1] for _o, text, label, _s, _subject in entities if label == "PERSON")
        actors = [(e.start_char, (e.start_char, e.end_char)) for e in doc_entities(doc)
                  if (labels[e.start_char, e.end_char] == "PERSON"
                      or (e.label_ in ("ORG", "GPE") and e.text.split()[-1] in surnames))
                  and any(_acting_subject(t) or _names_subject(t) for t in [*e, *_cut_head(e)])
                  and not any(a <= e.start_char < b for a, b in quoted)]
        named = _untagged_actors(doc, {w for _o, text, label, _s, _subject in entities if label == "PERSON"
                                       for w in text.split()[1:]}, quoted)
        entities = sorted(entities + [(o, doc.char_span(*span).text, "PERSON", span, True) for o, span in named])
        titles = {(e.start_char, e.end_char): _title_words(e) for e in doc_entities(doc) if e.label_ == "PERSON"}
        actors = sorted(actors + named + _described_actors(doc, quoted))
        return cls([], entities, actors, surnames, titles, _article_sexes(doc, titles))

    def remember(self, offset: int, speaker: Speaker) -> None:
        """Keep a speaker for later references: a named one, or a person described whom no earlier
        name's title matches ("the judge said …" where no "Judge Barton Voigt" came before: a following
        "he stated" is the judge, not a person named earlier)."""
        if not speaker.reference or speaker.type or _describes_person(speaker):
            self.speakers.append((offset, speaker))

    def resolve(self, offset: int, speaker: Speaker, head_lemma: str) -> Speaker:
        """The earlier named speaker (or entity) that a reference points to; the reference itself if
        none. A document that first spoke with no one to issue it ("The report, which concludes an
        inquiry by a committee, said …") is the article's own document from then on: a later "the
        report states" stays the report, not the latest body to speak in between ("the CDC said the
        report emphasizes …" — the body the report is about)."""
        if not speaker.reference:
            return speaker
        if head_lemma in self.documents:
            return speaker
        found = self._resolve(offset, speaker.name.lower(), head_lemma)
        if found is None:
            if head_lemma in UTTERANCE_NOUNS:
                self.documents.add(head_lemma)
            return speaker
        self._learn_sex(found, speaker.name.lower())
        return Speaker(speaker.mention, found.name, found.name_span, found.type, reference=True)

    def _learn_sex(self, found: Speaker, phrase: str) -> None:
        """Keep the sex a pronoun gives a described speaker ("A relative said … *She* said he had
        told nurses …": the relative is a woman, and the "he" she speaks of is someone else)."""
        sex = PRONOUN_SEX.get(phrase.split()[0], "") if phrase.split() else ""
        if sex and not found.type and found.name_span not in self.sexes:
            self.sexes[found.name_span] = sex

    def _resolve(self, offset: int, phrase: str, head: str) -> Speaker | None:
        earlier = [s for o, s in reversed(self.speakers) if o < offset]
        words = phrase.split()
        if words and words[0] == "i":  # outside quote marks "I" is the writer, whom the text does not name
            return None
        if words and words[0] in PLURAL_PRONOUNS:  # a named body ("the ministry … they said"), else as written
            return earlier[0] if earlier and earlier[0].type in ("ORG", "GPE", "NORP") else None
        if words and words[0] in PERSON_PRONOUNS:
            return self._person(offset, words[0]) or self._entity(offset, "PERSON", PRONOUN_SEX.get(words[0], ""))
        if words and words[0] in THING_PRONOUNS:  # "it said": a body or a document, never a person
            return next((s for s in earlier if s.type in ("ORG", "GPE") and not self._surname(s)), None)
        if head in UTTERANCE_NOUNS:
            return next((s for s in earlier if s.type in ("ORG", "GPE")), None)
        for s in earlier:
            if head and head in s.name.lower().split():
                return s
        for o, text, label, span, _subject in reversed(self.entities):
            if o < offset and head and (head in text.lower().split() or head in self.titles.get(span, ())):
                return Speaker(span, text, span, label)
        return next((s for s in earlier if head and head in s.name.lower()), None)

    def _person(self, offset: int, pronoun: str = "") -> Speaker | None:
        """The person a singular pronoun before ``offset`` points to: the latest speaker that may be a
        person, unless a person named since as a main verb's subject acts in between. A speaker
        the tagger called otherwise counts as a person when a person of the article bears that
        surname ("Captain Manohar Nambiar" before, "…, Nambiar said" tagged an organisation). A
        described speaker of the other sex is skipped ("the mother said …; he added")."""
        sex = PRONOUN_SEX.get(pronoun, "")
        speaker = next(((o, s) for o, s in reversed(self.speakers) if o < offset and (
            s.type == "PERSON" or (not s.type and _describes_person(s) and offset - o <= DESCRIBED_REACH)
            or self._surname(s)) and not _other_sex(s, pronoun) and not self._sex_differs(s.name_span, sex)), None)
        actor = next(((o, span) for o, span in reversed(self.actors)
                      if o < offset and not self._sex_differs(span, sex)), None)
        if actor is not None and (speaker is None or actor[0] > speaker[0]):
            span = actor[1]
            name = next(text for o, text, _label, s, _subject in self.entities if s == span)
            return Speaker(span, name, span, "PERSON")
        return speaker[1] if speaker is not None else None

    def _sex_differs(self, span: tuple[int, int], sex: str) -> bool:
        """Whether the article gives the person named at ``span`` the other sex than ``sex``."""
        return bool(sex) and self.sexes.get(span, "") == gender.opposite(sex)

    def _surname(self, speaker: Speaker) -> bool:
        """Whether a speaker's name ends in the surname of a person of the article ("Piccard" tagged
        an organisation where "Bertrand Piccard" was named): a person, whatever the tagger said."""
        return bool(speaker.name.split()) and speaker.name.split()[-1] in self.surnames

    def _entity(self, offset: int, label: str, sex: str = "") -> Speaker | None:
        for o, text, lab, span, subject in reversed(self.entities):
            if o < offset and lab == label and subject and not self._sex_differs(span, sex):
                return Speaker(span, text, span, lab)
        return None


def _medium_entity(prep):
    """A named medium inside a prepositional phrase: "in a Telegram post", "on the X messaging app"."""
    nouns = [t for t in prep.subtree if t.lemma_.lower() in MEDIUM_NOUNS]
    if not nouns:
        return None
    names = [t for t in prep.subtree if (t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "PRODUCT", "WORK_OF_ART"))
             and not _when(t)]  # "in an interview Friday": when, not where
    # a place names where the medium is, not the medium, when a name follows it ("the Caracas daily
    # El Nacional")
    token = next((t for t in names if t.ent_type_ not in _PLACE_TYPES), names[0] if names else None)
    if token is None:
        return None
    ent = entity_at(token)
    if ent is not None:
        return ent.start_char, ent.end_char
    return token.idx, token.idx + len(token.text)


_PLACE_TYPES = frozenset({"GPE", "LOC", "NORP", "FAC"})


def _when(token) -> bool:
    """Whether a capitalised word says when, not who or where ("Friday", "May", a date entity)."""
    word = token.lower_.rstrip(".")
    return token.ent_type_ in ("DATE", "TIME") or word in WEEKDAYS or word in MONTHS


def channel_of(cue) -> tuple[int, int] | None:
    """The relaying channel attached to a cue verb, as a character span, or None."""
    verbs = [cue] + [c for c in cue.children if c.dep_ == "conj"]
    if cue.dep_ == "conj":
        verbs.append(cue.head)
    for verb in verbs:
        for child in verb.children:
            medium = child.dep_ == "prep" and child.lower_ in ("in", "on", "via", "through", "to")
            if medium and (span := _medium_entity(child)) is not None:
                return span
            if child.dep_ == "prep" and child.lower_ == "according":
                pobj = next((t for t in child.subtree if t.dep_ == "pobj"), None)
                if pobj is not None:
                    return phrase_span(pobj)
    outer = cue.head if cue.dep_ in ("ccomp", "parataxis") else None
    if outer is not None and outer.lemma_.lower() in CUE_LEMMAS:
        subject = next((c for c in outer.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return phrase_span(subject)
    return None
