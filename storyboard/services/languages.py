"""A storyboard's second language: choosing it (or going back to one), and its title in it.

Checked as the portable file checks it (`story.fields`): a BCP 47 tag of a language CLDR
knows, not the story's own language. The second language's words themselves are saved with
each page (`panels.save_panel`: `text_2`, `heading_2`, `steps_2`, ...). Going back to one
language keeps every `_2` word in the rows (nothing is lost); the booklet just stops printing
them, and choosing a language again brings them back.
"""

from __future__ import annotations

from typing import Any

from pydantic_core import PydanticCustomError

from storyboard.services import audit
from storyboard.services.models import Storyboard
from storyboard.services.panel_fields import PanelError, _text
from storyboard.story.fields import as_known_language

TITLE_MAX = 200


def clean_second_language(value: Any, language: str) -> str | None:
    """The second language a request asks for (None or "": one language), checked."""
    if value in (None, ""):
        return None
    try:
        tag = as_known_language(value)
    except PydanticCustomError:  # its message is for files; this one is for people
        raise PanelError(
            400, "invalid", "That is not a language we know.", field="second_language"
        ) from None
    if tag.split("-")[0].lower() == (language or "en").split("-")[0].lower():
        raise PanelError(
            400, "invalid", "Choose a language other than the story's own.",
            field="second_language",
        )  # fmt: skip
    return tag


def set_languages(storyboard: Storyboard, data: dict[str, Any]) -> Storyboard:
    """Change the storyboard's `second_language` and/or `title_2` (the keys `data` holds);
    the caller commits. The title in the second language is never made up: it is typed."""
    if "second_language" in data:
        storyboard.second_language = clean_second_language(
            data["second_language"], storyboard.language
        )
    if "title_2" in data:
        storyboard.title_2 = _text(data["title_2"], "title_2", TITLE_MAX).strip() or None
    audit.record(
        "edit_languages", storyboard, case_id=storyboard.case_id, storyboard_id=storyboard.id,
        fields=[k for k in ("second_language", "title_2") if k in data],
    )  # fmt: skip
    return storyboard


def language_state(storyboard: Storyboard) -> dict[str, Any]:
    """The storyboard's languages as the editor shows them."""
    return {
        "language": storyboard.language or "en",
        "second_language": storyboard.second_language,
        "title_2": storyboard.title_2 or "",
    }
