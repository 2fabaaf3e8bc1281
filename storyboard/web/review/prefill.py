"""The reviewer-link form filled in for one person of the case, in the language they read."""

from __future__ import annotations

from storyboard.services.models import Storyboard
from storyboard.services.people import suggested_link_language
from storyboard.services.review_state import REVIEWER_ROLES
from storyboard.web.i18n import clean_language, link_language


def link_prefill(storyboard: Storyboard, person_id: int | None) -> dict[str, str]:
    """The link form filled in for one person of the case (`?for=<id>`): their name, who they
    are when it is one of the reviewer roles, and the language they read when the pages speak
    it. Anyone else, or no one: the story's language and an empty name."""
    chosen = {"name": "", "role": "", "language": link_language(storyboard.language)}
    person = next((p for p in storyboard.case.people if p.id == person_id), None)
    if person is None:
        return chosen

    roles = {role.lower(): role for role in REVIEWER_ROLES}
    chosen["name"] = person.known_as or person.name
    chosen["role"] = roles.get(person.relationship_.strip().lower(), "")
    chosen["language"] = clean_language(suggested_link_language(person) or "") or chosen["language"]
    return chosen
