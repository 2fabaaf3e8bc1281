"""The people of a case: the children whose stories are told, family, and professionals.

Each storyboard's child is a person of the case (kind "child", with an age and pronouns), so
what the others are to that child can be said ("Josh is Lily's big brother"), and a copy for
a sibling knows both children.
"""

from __future__ import annotations

from storyboard.services.db import db
from storyboard.services.models import Person, Storyboard
from storyboard.story.constants import PERSON_KINDS
from storyboard.story.languages import KNOWN, clean_language
from storyboard.story.retell import Child, sibling_word

KINDS = PERSON_KINDS
# What a child of the case is called in their own story's list of people.
SELF = "me"


def find_child(storyboard: Storyboard) -> Person | None:
    """The person of the case whose story this is: the one linked, else a child of the
    case with the same first name (storyboards made before children were people)."""
    if storyboard.child_person is not None:
        return storyboard.child_person
    name = (storyboard.child_name or "").casefold()
    for person in storyboard.case.people:
        first = person.name.split()[:1] == [storyboard.child_name]
        if person.kind == "child" and (person.name.casefold() == name or first):
            return person
    return None


def ensure_child(
    storyboard: Storyboard, *, pronouns: str | None = None, age: int | None = None
) -> Person:
    """The storyboard's child as a person of the case, added if missing (the caller commits).
    Pronouns given replace the person's; an age given fills in one not known yet."""
    person = find_child(storyboard)
    if person is None:
        person = Person(
            case=storyboard.case,
            name=storyboard.child_name,
            relationship_="child",
            kind="child",
        )
        db.session.add(person)
    if pronouns:  # chosen just now: the worker's latest word
        person.pronouns = pronouns
    if person.age is None:
        person.age = age if age is not None else storyboard.child_age
    db.session.flush()
    storyboard.child_person_id = person.id
    return person


def child_facts(person: Person | None, name: str, age: int | None) -> Child:
    """A child as the retelling reads them: first name, pronouns, age."""
    if person is None:
        return Child(name, "", age)
    return Child(
        name, (person.pronouns or "").strip(), person.age if person.age is not None else age
    )


def role_for(person: Person, storyboard: Storyboard, child: Person | None) -> str:
    """What `person` is to this storyboard's child, as the file says it: "me" for the child,
    "big brother" for a brother who is a child of the case, else the relationship given."""
    if person.kind != "child":
        return person.relationship_
    if child is not None and person.id == child.id:
        return SELF
    if child is None:
        return sibling_word(child_facts(person, person.name, person.age), Child(""))
    return sibling_word(
        child_facts(person, person.name, person.age),
        child_facts(child, storyboard.child_name, storyboard.child_age),
    )


def speaker_label(person: Person, storyboard: Storyboard, child: Person | None) -> str:
    """How the editor names a person in "Whose words": "Me (Lily)", "Big brother (Josh)",
    "Social worker (Andrea Smith)"."""
    role = role_for(person, storyboard, child)
    label = f"{role[:1].upper()}{role[1:]} ({person.name})" if role else person.name
    return label


def speaker_choices(storyboard: Storyboard) -> list[tuple[str, list[tuple[int, str]]]]:
    """The people who can be speakers, grouped: the children, the family, professionals."""
    child = find_child(storyboard)
    groups = {"child": "Children", "family": "Family and friends", "professional": "Professionals"}
    out = []
    for kind, title in groups.items():
        people = [p for p in storyboard.case.people if (p.kind or "family") == kind]
        if people:
            out.append((title, [(p.id, speaker_label(p, storyboard, child)) for p in people]))
    return out


def relations(storyboard: Storyboard) -> list[str]:
    """What each child of the case is to this storyboard's child, in words for the case
    page: "Josh is Lily's big brother"."""
    child = find_child(storyboard)
    if child is None:
        return []
    return [
        f"{p.name.split()[0]} is {storyboard.child_name}’s {role_for(p, storyboard, child)}"
        for p in storyboard.case.people
        if p.kind == "child" and p.id != child.id
    ]


def forget_person(person: Person) -> None:
    """Remove a person; a storyboard that was their story no longer names them."""
    for storyboard in person.case.storyboards:
        if storyboard.child_person_id == person.id:
            storyboard.child_person_id = None
    db.session.delete(person)


def who(person: Person) -> str:
    """How the worker's pages name a person in a sentence: what the child calls them, else
    who they are to the child ("Mum"), else their name."""
    if person.kind == "child":
        return person.name
    return (person.known_as or "").strip() or person.relationship_ or person.name


def pronoun(person: Person) -> str | None:
    """ "she", "he" or "they", the first of their pronouns when it is one of these; else None."""
    first = (person.pronouns or "").strip().lower().split("/")[0].strip()
    return first if first in ("she", "he", "they") else None


def set_language(person: Person, language: str | None, needs_interpreter: bool) -> None:
    """Record the language a person reads (cleaned: one we know, or None) and whether they
    need an interpreter. Raises UnknownLanguage, changing nothing, for any other language."""
    cleaned = clean_language(language) if (language or "").strip() else None
    person.preferred_language = cleaned
    person.needs_interpreter = bool(needs_interpreter)


def suggested_link_language(person: Person) -> str | None:
    """The language to make this person's reviewer link in: the one they read, if known."""
    language = person.preferred_language
    return language if language in KNOWN else None
