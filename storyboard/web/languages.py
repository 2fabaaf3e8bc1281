"""A storyboard's one or two languages as the pages show them: names, tags and directions.

The editor labels each box with its language's name (in English, from CLDR via Babel) and
gives it its own `lang` and `dir`; read mode and the reviewer's page show the second
language's words beside the first's. The second languages the editor offers are its own list
(`editor.LANGUAGES`, the ones the booklet fonts print), passed in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError

from storyboard.plainwords import is_english
from storyboard.services.models import Storyboard
from storyboard.story.languages import direction_for


@dataclass(frozen=True)
class Language:
    """One language of a story: its BCP 47 tag, its name for the worker, its direction."""

    tag: str
    name: str
    dir: str

    @property
    def english(self) -> bool:
        """Whether the plain-words hints apply to it (they are written for English)."""
        return is_english(self.tag)


def primary(tag: str) -> str:
    """A tag's primary subtag, lower case: `en-GB` and `en` are one language."""
    return (tag or "en").split("-")[0].lower()


def language(tag: str) -> Language:
    """The language of a tag, named in English ("Arabic", "Polish")."""
    try:
        name = Locale.parse(primary(tag)).get_display_name("en") or tag
    except (ValueError, UnknownLocaleError):
        name = tag
    return Language(tag, name, direction_for(tag))


@dataclass(frozen=True)
class Languages:
    """A storyboard's languages: the first always, the second when it is bilingual."""

    first: Language
    second: Language | None
    title_2: str
    choices: list[tuple[str, str]]  # what the second language may be (never the first)

    @property
    def bilingual(self) -> bool:
        """Whether each page has its words in two languages."""
        return self.second is not None

    @property
    def hinted(self) -> int:
        """Which box the plain-words hints run on (1 or 2): the English one; in a story with
        no English, the first (only sentence length is checked there)."""
        if self.second is not None and self.second.english and not self.first.english:
            return 2
        return 1


def languages_of(storyboard: Storyboard, offered: Iterable[tuple[str, str]] = ()) -> Languages:
    """The storyboard's languages, and which of the `offered` (tag, name) it may choose as
    its second: any but its first."""
    first = language(storyboard.language or "en")
    second = language(storyboard.second_language) if storyboard.second_language else None
    choices = [(t, name) for t, name in offered if primary(t) != primary(first.tag)]
    return Languages(first, second, storyboard.title_2 or "", choices)
