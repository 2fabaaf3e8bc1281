"""The booklet's fixed words in the story's language, from gettext catalogues (no Flask).

Headings a template starts with, the default title, "1." before a step, "10 =", the About
page and the Draft word come from `storyboard/translations/<language>/LC_MESSAGES/booklet.po`,
the layout pybabel and Flask-Babel use (the web pages' own domain can sit beside it). English
is the source: each message is its own English words, so English needs no catalogue. Words
are marked where they are written (`N_`) and said with `Words.gettext`; `pybabel extract`
collects them, with the templates' headings, into `booklet.pot` (docs/translations.md).

Numbers print in Western digits (0 to 9) in every language, like the safety scale's picture.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from gettext import GNUTranslations, NullTranslations
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as babel_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
DOMAIN = "booklet"
SOURCE = "en"
# A catalogue a fluent reader has checked says so in its Language-Team header field.
CHECKED = "Checked"


def N_(message: str) -> str:
    """Mark words for the catalogue where they are written; `Words.gettext` says them."""
    return message


# Translators: the title a new story starts with (the worker can change it). Choose a form
# in which the child's name never changes its ending (no declension), e.g. "Name – my story".
TITLE = N_("%(name)s’s story")


def primary(language: str) -> str:
    """The language's primary subtag: "pt-BR" -> "pt"; the catalogues are per language."""
    return (language or SOURCE).replace("_", "-").split("-")[0].lower()


def catalogue_path(language: str) -> Path | None:
    """Where a language's catalogue would be (None: not a language's name)."""
    code = primary(language)
    if not re.fullmatch(r"[a-z]{2,3}", code):
        return None
    return TRANSLATIONS / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages() -> list[str]:
    """The languages with a catalogue (English, the source, has none)."""
    return sorted(p.parents[1].name for p in TRANSLATIONS.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


@dataclass(frozen=True)
class Words:
    """One language's fixed words, numbers and dates, as the booklet prints them."""

    language: str
    translations: NullTranslations
    locale: Locale | None
    checked: bool

    def gettext(self, message: str, /, **values: object) -> str:
        """The words in this language (English where none), with %(name)s values put in."""
        text = self.translations.gettext(message) if message else ""
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, count: int, /, **values: object) -> str:
        """The singular or the right plural form for `count`, with %(count)d put in too."""
        text = self.translations.ngettext(singular, plural, count)
        return text % {"count": count, **values}

    def number(self, value: float) -> str:
        """A number as this language writes it (6.5 is "6,5" in Polish), in Western digits."""
        if self.locale is None:
            return f"{value:g}"
        return format_decimal(value, locale=self.locale, numbering_system="latn")

    def date(self, value: dt.date) -> str:
        """A date with the month's name in this language ("12 czerwca 2024")."""
        if self.locale is None:
            return f"{value.day}/{value.month}/{value.year}"
        return babel_date(value, "long", locale=self.locale)


def _locale(language: str) -> Locale | None:
    # English is British English here: "12 June 2024", not "June 12, 2024".
    for tag in ([language.replace("-", "_")] if "-" in language else []) + [primary(language)]:
        try:
            return Locale.parse("en_GB" if tag == SOURCE else tag)
        except (UnknownLocaleError, ValueError):
            continue
    return None


@lru_cache(maxsize=64)
def words(language: str) -> Words:
    """A language's words, read once from its catalogue; English for a language with none.

    Entries marked fuzzy or left empty are not used (English prints instead), as gettext does.
    """
    path = catalogue_path(language)
    if primary(language) == SOURCE or path is None or not path.is_file():
        return Words(primary(language), NullTranslations(), _locale(language), True)
    with path.open("rb") as po:
        catalogue = read_po(po, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)  # leaves out fuzzy entries
    compiled.seek(0)
    checked = (catalogue.language_team or "").startswith(CHECKED)
    return Words(primary(language), GNUTranslations(compiled), _locale(language), checked)


def default_title(child_name: str, language: str) -> str:
    """The title a new story starts with, in its language: "Sam’s story", "Sam – moja
    historia"; the child's name alone in a language with no catalogue (never English words
    around a name in another language)."""
    title = words(language).gettext(TITLE)
    if title == TITLE and primary(language) != SOURCE:
        return child_name
    return title % {"name": child_name}


def is_default_title(title: str, child_name: str, language: str) -> bool:
    """Whether a title is the one a story starts with (or the name alone, as it was before
    other languages had one)."""
    return title in (default_title(child_name, language), child_name)
