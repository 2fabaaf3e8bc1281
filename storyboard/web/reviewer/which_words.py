"""The reviewer of a bilingual version chooses which language to read: both, the first or the
second (`?read=both|first|second`, links that work without scripts). The choice is kept in
the session for that link, so a comment sent or an answer given comes back to it."""

from __future__ import annotations

from typing import Any

from flask import request, session

from storyboard.story.storyfile import StoryFile
from storyboard.web.languages import language
from storyboard.web.second_reading import second_words

CHOICES = ("both", "first", "second")
DEFAULT = "both"


def chosen(link_id: int) -> str:
    """The language chosen on this link: the query's when it names one of CHOICES (anything
    else is ignored), else the one chosen before, else both."""
    key = f"review_read_{link_id}"
    asked = request.args.get("read", "")
    if asked in CHOICES:
        session[key] = asked
        return asked
    kept = session.get(key)
    return kept if kept in CHOICES else DEFAULT


def reading_languages(storyfile: StoryFile, link_id: int) -> dict[str, Any]:
    """What the reviewer's page needs to show a bilingual version (nothing for one of one
    language): its languages, each page's second-language words and the choice."""
    story = storyfile.story
    if not story.bilingual or not story.second_language:
        return {"second": None, "second_lang": None, "first_lang": None, "read": DEFAULT}
    return {
        "second": second_words(story),
        "first_lang": language(story.language),
        "second_lang": language(story.second_language),
        "read": chosen(link_id),
    }
