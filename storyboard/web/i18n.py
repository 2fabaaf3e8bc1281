"""The family's pages in their language: Flask-Babel, domain `messages`, read from .po files.

The pages a parent or child sees are translated (the reviewer's pages, family mode, reading
together). Staff pages are English first: their words are marked, and a member of staff may
read them in a language whose catalogue translates every one of them (`staff_languages`,
chosen on the account page); until a catalogue is complete, staff pages stay English. On the
family's pages the language is, in order: the choice made on the page (kept in the session,
per link on a reviewer's page), the page's own language (the one the worker chose for the
link; in family mode, the story's), the browser's Accept-Language, then English. Only
languages with a `messages.po` catalogue are used; anything else is refused where it enters.

Like the booklet's catalogues (`storyboard.story.wording`), the `.po` files are read with
Babel once per process and compiled in memory: no `.mo` file is built or committed.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError
from babel.lists import format_list
from babel.messages.catalog import Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations
from flask import Blueprint, Flask, flash, g, redirect, request, session
from flask_babel import Babel, Domain, get_locale, gettext, refresh
from flask_login import current_user
from markupsafe import Markup, escape
from werkzeug.local import LocalProxy
from werkzeug.utils import cached_property
from werkzeug.wrappers import Response

from storyboard.story.languages import direction_for
from storyboard.story.wording import TRANSLATIONS

DOMAIN = "messages"
SOURCE = "en"
CHOICES = "languages"  # session key: {scope: language chosen on the page}
FAMILY_SCOPE = "family"  # the scope of family pages that are not a link's
MAX_SCOPES = 20
# Pages a family sees (whole blueprints, or single endpoints); every other page is English.
FAMILY_BLUEPRINTS = frozenset({"reviewer", "reviewer_listen", "reviewer_language"})
FAMILY_ENDPOINTS = frozenset(
    {"reader.read", "family_mode.leave", "editor.signed_in", "language.choose_page_language"}
)
REVIEWER_PATH = "/r/"  # the reviewer blueprints' url_prefix
_CODE = re.compile(r"^[a-z]{2,3}$")


def catalogue_path(language: str) -> Path:
    """Where a language's catalogue of the web pages is."""
    return TRANSLATIONS / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=1)
def supported() -> tuple[str, ...]:
    """English and every language with a catalogue of the web pages."""
    found = sorted(p.parents[1].name for p in TRANSLATIONS.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return (SOURCE, *found)


def clean_language(value: object) -> str | None:
    """A supported language from outside input ("pl", "pl-PL", "PL"), or None."""
    if not isinstance(value, str) or len(value) > 35:
        return None
    code = value.strip().replace("_", "-").split("-")[0].lower()
    return code if _CODE.match(code) and code in supported() else None


def link_language(story_language: str) -> str:
    """The language a new reviewer link starts with: the story's when the pages speak it."""
    return clean_language(story_language) or SOURCE


@lru_cache(maxsize=1)
def language_names() -> tuple[tuple[str, str], ...]:
    """Each supported language with its own name ("Polski", "العربية") for the switcher."""
    return tuple((code, _own_name(code)) for code in supported())


@lru_cache(maxsize=1)
def staff_language_names() -> tuple[tuple[str, str], ...]:
    """Each supported language named in English and in itself, for the worker's form."""
    names = []
    for code in supported():
        english = Locale.parse(code).get_display_name("en") or code
        own = _own_name(code)
        names.append((code, english if own == english else f"{english} ({own})"))
    return tuple(names)


def _own_name(code: str) -> str:
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


@lru_cache(maxsize=32)
def translations(language: str) -> NullTranslations:
    """A language's catalogue, read once and compiled in memory (fuzzy entries left out)."""
    path = catalogue_path(language)
    if language == SOURCE or language not in supported() or not path.is_file():
        return NullTranslations()
    with path.open("rb") as po:
        catalogue = read_po(po, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


class CatalogueDomain(Domain):
    """The `messages` domain, from the .po catalogues rather than compiled .mo files."""

    def get_translations(self) -> NullTranslations:
        """This request's language's translations."""
        locale = get_locale()
        return translations(str(locale.language) if locale else SOURCE)


class CatalogueBabel(Babel):
    """Flask-Babel, with its default domain read from the .po catalogues."""

    @cached_property
    def domain_instance(self) -> Domain:  # noqa: D102 - Flask-Babel's own property
        return CatalogueDomain(domain=DOMAIN)


def family_page() -> bool:
    """Whether this request shows a page the family sees (only those are translated)."""
    if g.get("family_page"):
        return True
    if request.blueprint in FAMILY_BLUEPRINTS or request.endpoint in FAMILY_ENDPOINTS:
        return True
    # An address that matched no route (a 404 or 405) under the reviewer's links is theirs too.
    return request.url_rule is None and request.path.startswith(REVIEWER_PATH)


def use_family_language(default: str | None = None, scope: str = FAMILY_SCOPE) -> None:
    """Say this is a family page, whose own language is `default`; choices apply per `scope`."""
    g.family_page = True
    g.page_language = clean_language(default)
    g.language_scope = scope
    refresh()


def chosen(scope: str) -> str | None:
    """The language chosen on the page for this scope, if any (cleaned again)."""
    choices = session.get(CHOICES)
    return clean_language(choices.get(scope)) if isinstance(choices, dict) else None


def choose(language: str, scope: str) -> None:
    """Keep a choice made on the page (the newest few scopes only; the session is a cookie)."""
    choices = session.get(CHOICES)
    choices = dict(choices) if isinstance(choices, dict) else {}
    choices.pop(scope, None)
    choices[scope] = language
    session[CHOICES] = dict(list(choices.items())[-MAX_SCOPES:])
    refresh()


@lru_cache(maxsize=1)
def staff_languages() -> tuple[str, ...]:
    """English and each language whose catalogue translates every string, staff pages' too
    (family pages' strings are always translated, so only these are offered to staff)."""
    complete = []
    for code in supported()[1:]:
        with catalogue_path(code).open("rb") as po:
            catalogue = read_po(po, locale=code, domain=DOMAIN)
        if all(_translated(message) for message in catalogue if message.id):
            complete.append(code)
    return (SOURCE, *complete)


def _translated(message: Message) -> bool:
    """Whether an entry is used: translated in every form, and not fuzzy (left out when the
    catalogue is compiled, so it would show in English)."""
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings) and not message.fuzzy


def staff_language() -> str:
    """The signed-in person's language for staff pages, while its catalogue is complete."""
    language = getattr(current_user, "page_language", None)
    return language if language in staff_languages() else SOURCE


def select_locale() -> str:
    """The language of this request's page (for staff pages, the person's own choice)."""
    if not request:
        return SOURCE
    if not family_page():
        return staff_language()
    return (
        chosen(g.get("language_scope", FAMILY_SCOPE))
        or g.get("page_language")
        or request.accept_languages.best_match(supported())
        or SOURCE
    )


def number(value: float) -> str:
    """A number as the page's language writes it ("20 000", "20,000"), in Western digits."""
    return format_decimal(value, locale=get_locale() or SOURCE, numbering_system="latn")


def code_words(table: Mapping[str, object], code: str, unknown: str | None = None) -> str:
    """A stored code in the page's words, from a table of marked words (`lazy_gettext`); an
    unknown code as `unknown`, else as it is (a value stored before the table changed)."""
    words = table.get(code)
    return str(words) if words is not None else (code if unknown is None else unknown)


def list_words(items: list[str]) -> Markup:
    """A list as the page's language writes it ("a, b and c", "a، b وc"), from CLDR; each
    item escaped unless it is markup already."""
    marks = [f"\x00{n}\x00" for n in range(len(items))]
    said = escape(format_list(marks, locale=get_locale() or SOURCE))
    for mark, item in zip(marks, items, strict=True):
        said = said.replace(mark, item)  # Markup's replace escapes a plain item
    return said


def page_language() -> str:
    """The language the page is shown in."""
    locale = get_locale()
    return str(locale.language) if locale else SOURCE


def page_direction() -> str:
    """The direction of the page's language ("rtl" for Arabic, Urdu, Hebrew)."""
    return direction_for(page_language())


def language_here(tag: str) -> str:
    """A language's name in the page's own language, as CLDR writes it mid-sentence ("árabe"
    on a Spanish page, "Arabic" on an English one)."""
    try:
        return Locale.parse(tag.split("-")[0]).get_display_name(page_language()) or tag
    except (ValueError, UnknownLocaleError):
        return tag


def init_app(app: Flask) -> None:
    """Set up Flask-Babel with our catalogues and the locale selector."""
    CatalogueBabel(app, locale_selector=select_locale, default_domain=DOMAIN)
    # Globals (not a context processor), so macros imported without context see them too;
    # the proxies are worked out for each request.
    app.jinja_env.globals.update(
        page_language=LocalProxy(page_language),
        page_direction=LocalProxy(page_direction),
        language_names=language_names(),
        staff_language_names=staff_language_names(),
        staff_languages=lambda: staff_languages(),  # looked up each time (tests swap it)
        link_language=link_language,
        language_here=language_here,
    )
    app.jinja_env.filters["list_words"] = list_words


bp = Blueprint("language", __name__)


def _back(target: str | None) -> str:
    """Where to go after a choice: a path on this site only, else the start."""
    parts = urlsplit(target or "")
    if not target or parts.scheme or parts.netloc or not target.startswith("/") or "\\" in target:
        return "/"
    return target


@bp.post("/language")
def choose_page_language() -> Response:
    """The language chosen on a family page (not a link's: those keep their own)."""
    back = _back(request.form.get("next"))
    language = clean_language(request.form.get("language"))
    if language is None:
        flash(gettext("Please choose one of the languages in the list."), "error")
    else:
        choose(language, FAMILY_SCOPE)
    return redirect(back)
