"""Event classes: predicates that name one kind of event, whatever words a report chooses.

Sentence embeddings rate verbs of one event kind poorly alike when their connotations differ:
MiniLM gives "liberate" / "seize control of" 0.28 and "occupy" / "seize control of" 0.33,
below "bomb" / "attack" (0.52), although a city "liberated" by one outlet is the city "seized" by
another. This module lists, for the kinds of events news reports most, the lemma phrases that
name them. The classes follow FrameNet frames (Conquering, Change_of_leadership, Killing,
Attack, Arrest, Notification_of_charges, Verdict, Appointing, Firing, Quitting,
Beat_opponent, Getting, Launch_process, Impact), with the lexical units news uses for them;
they were written from those frames, not from any story. Two predicates of one class, about the
same named theme, by compatible agents, are one event (:func:`crosswire.align.frames.same_fact`).

A class joins predicates of one *kind* of event, not opposites: "arrest" and "release" are
apart, and so are "kill" and "shoot" (a shooting need not kill).
"""

from __future__ import annotations

import functools

__all__ = ["EVENT_CLASSES", "event_classes", "same_event_class"]

EVENT_CLASSES: dict[str, tuple[str, ...]] = {
    "conquering": (
        "capture", "seize", "seize control of", "take control of", "take over", "gain control of",
        "assume control of", "occupy", "overrun", "conquer", "liberate", "retake", "recapture", "storm",
    ),
    "change_of_leadership": ("overthrow", "overthrow rule of", "oust", "topple", "depose", "unseat", "overthrow government of"),
    "killing": ("kill", "murder", "slay", "assassinate", "gun down", "shoot dead", "stab to death", "behead"),
    "attack": ("attack", "strike", "hit", "bomb", "shell", "raid", "assault", "target", "fire on", "pound"),
    "arrest": ("arrest", "detain", "apprehend", "take into custody", "nab", "round up"),
    "notification_of_charges": ("charge", "accuse", "indict", "charge with"),
    "verdict": ("convict", "find guilty"),
    "appointing": ("appoint", "name", "nominate", "choose", "select", "pick", "tap", "hire", "designate",
                   "install", "elect"),
    "firing": ("fire", "dismiss", "sack", "relieve", "push out", "terminate", "let go", "oust", "axe"),
    "quitting": ("resign", "step down", "quit", "resign from", "step down from"),
    "beat_opponent": ("beat", "defeat", "knock out", "rout", "edge", "top", "overpower", "outlast", "upset"),
    "getting": ("buy", "acquire", "purchase", "take over", "snap up"),
    "launch_process": ("launch", "unveil", "introduce", "release", "debut", "roll out"),
    "impact": ("hit", "strike", "rock", "shake", "jolt", "devastate", "batter", "pound"),
}
"""Event class → the lemma phrases (verb, particle, light noun and preposition) that name it."""


def _lemma_forms(predicate: str) -> list[str]:
    """``predicate`` and, for a head word the lemmatiser left inflected (a verb in quote marks is
    often tagged as an adjective: "‘liberated’"), its likely base forms."""
    head, _, rest = predicate.partition(" ")
    forms = [head]
    if head.endswith("ied"):
        forms.append(head[:-3] + "y")
    if head.endswith("ed"):
        forms += [head[:-1], head[:-2]]
        if len(head) > 4 and head[-3] == head[-4]:
            forms.append(head[:-3])
    return [" ".join(p for p in (form, rest) if p) for form in forms]


@functools.lru_cache(maxsize=4096)
def event_classes(predicate: str) -> frozenset[str]:
    """The classes of a predicate lemma phrase (empty when it names no listed kind of event)."""
    return frozenset(name for form in _lemma_forms(predicate.lower().strip())
                     for name, phrases in EVENT_CLASSES.items() if form in phrases)


def same_event_class(a: str, b: str) -> bool:
    """Whether two predicate phrases share an event class."""
    return bool(event_classes(a) & event_classes(b))
