"""The review's words on the worker's pages, in the page's language.

The services say where a version stands in codes (its status, who it waits for, which rule
refused a decision); this module says them in marked words, so they are in the `messages`
catalogue while the services stay free of Flask.
"""

from __future__ import annotations

from flask_babel import gettext, lazy_gettext

from storyboard.services.models import Person
from storyboard.services.people import pronoun, suggested_link_language, who
from storyboard.services.review_state import (
    APPROVED_REPLACED,
    SIGN_OFF,
    ReviewRefused,
    VersionState,
)
from storyboard.web.i18n import code_words, language_here

STATUS_WORDS = {
    "in_review": lazy_gettext("In review"),
    "changes": lazy_gettext("Changes asked for"),
    "approved": lazy_gettext("Approved"),
    "superseded": lazy_gettext("Replaced by a newer version"),
    APPROVED_REPLACED: lazy_gettext("Approved, since replaced by a newer version"),
}

# Who a link is for: the stored value stays the English code, the list shows these words.
ROLE_WORDS = {
    "Mum": lazy_gettext("Mum"),
    "Dad": lazy_gettext("Dad"),
    "Parent": lazy_gettext("Parent"),
    "Grandparent": lazy_gettext("Grandparent"),
    "Carer": lazy_gettext("Carer"),
    "Interpreter": lazy_gettext("Interpreter"),
    "Manager": lazy_gettext("Manager"),
    "Other": lazy_gettext("Other"),
}


def status_words(code: str) -> str:
    """A version's status code (`VersionState.status_code`) in words."""
    return code_words(STATUS_WORDS, code)


def role_words(role: str) -> str:
    """A reviewer's role in words (a role stored before the list changed shows as it is)."""
    return code_words(ROLE_WORDS, role)


def waiting_words(state: VersionState) -> list[str]:
    """What a version still waits for, one phrase each ("Sam to agree")."""
    phrases = [gettext("the manager's sign-off")] if state.waiting_for_sign_off else []
    phrases += [gettext("%(name)s to agree", name=name) for name in state.waiting_names]
    return phrases


def refused_words(refused: ReviewRefused) -> str:
    """Why the review rules refused a decision, in words."""
    number = refused.number
    if refused.code == "replaced":
        return gettext(
            "Version %(number)s has been replaced by a newer version, so it can no longer be "
            "agreed or changed. Please look at the newest version instead.",
            number=number,
        )
    if refused.code == "approved":
        return gettext("Version %(number)s is already approved.", number=number)
    if refused.code == "no_details":
        return gettext("Please say what you would like changed.")
    if refused.code == "own_version":
        return gettext(
            "You made or edited version %(number)s, so another manager must sign it off. "
            "You can still ask for changes.",
            number=number,
        )
    return gettext("That choice is not one we know.")


def decided_words(decision: str, number: int) -> str:
    """What the manager's decision did, said back to them."""
    if decision == SIGN_OFF:
        return gettext("You signed off version %(number)s.", number=number)
    return gettext("You asked for changes to version %(number)s.", number=number)


# "Mum reads Arabic: make her link in Arabic", by the person's first pronoun.
READS = {
    "she": lazy_gettext("%(who)s reads %(language)s: make her link in %(language)s."),
    "he": lazy_gettext("%(who)s reads %(language)s: make his link in %(language)s."),
    "they": lazy_gettext("%(who)s reads %(language)s: make their link in %(language)s."),
    None: lazy_gettext("%(who)s reads %(language)s: make %(who)s’s link in %(language)s."),
}


def suggestion_words(people: list[Person]) -> list[tuple[Person, list[tuple[str, bool]]]]:
    """What the hub suggests beside each person whose language or interpreter is known:
    ("Mum reads Arabic: make her link in Arabic.", False), ("Book an interpreter for Dad’s
    review.", True); the flag marks the interpreter's line."""
    out = []
    for person in people:
        lines = []
        language = suggested_link_language(person)
        if language:
            values = {"who": who(person), "language": language_here(language)}
            lines.append((str(READS[pronoun(person)]) % values, False))
        if person.needs_interpreter:
            interpreter = gettext("Book an interpreter for %(who)s’s review.", who=who(person))
            lines.append((interpreter, True))
        if lines:
            out.append((person, lines))
    return out
