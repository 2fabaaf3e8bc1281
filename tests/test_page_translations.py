"""The web pages' catalogues (domain "messages"): every word a family sees, in their language.

`messages.pot` must hold exactly what `pybabel extract -F babel-messages.cfg` finds in the
templates and the web code; each language's `messages.po` must hold every entry, none fuzzy,
and translate every string of a family page, with the same placeholders and every plural
form; a staff page's string may stay empty (staff pages are English first) but, once
translated, is checked the same way; no string of a family page may be left in English;
right-to-left catalogues carry no Latin letters; and each catalogue says whether a fluent
reader has checked it, as docs/translations.md does.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from storyboard.story.languages import direction_for
from storyboard.story.wording import TRANSLATIONS
from storyboard.web.editor import LANGUAGES
from storyboard.web.i18n import catalogue_path, supported, translations
from tests.test_translations import PLACEHOLDER, key, problems

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "babel-messages.cfg"
TEMPLATE = TRANSLATIONS / "messages.pot"
DOCS = ROOT / "docs" / "translations.md"
KEYWORDS = {**DEFAULT_KEYWORDS, "lazy_gettext": None}
# The issue's languages, translated in full; the editor's others are too (for now).
REQUIRED = {"ar", "ur", "bn", "pl", "ro", "pa", "so", "cy"}
# Where the words of the pages a family sees are written.
FAMILY_FILES = re.compile(
    r"^(templates/(reviewer/|editor/(family_|signed_in|read)|_read_aloud|_language|_flashes"
    r"|_forms|_council|base|errors/|review/_booklet)"
    r"|storyboard/web/(reviewer/|errors|i18n|editor/family)"
    r"|static/illustrations/catalogue\.json)"  # a picture's name in the reviewer's "what changed"
)
# Said on a family page from code that is otherwise staff's (leaving family mode by the
# council's sign-in, web/auth/oidc.py, comes back to family mode's page).
FAMILY_ELSEWHERE = {"Only %(name)s can leave family mode on this tablet."}
# Marked in the shared templates, but shown only to staff outside family mode.
STAFF_ONLY = {
    "Main", "My cases", "Search", "Audit", "Accounts", "Jargon", "Sign out", "Back to my cases",
    "Not available to your account", "Your account cannot open this page.", "(optional)",
    "for example: xe / xem", "Council", "Your account",
}  # fmt: skip
# The same word in English and in the language (every other family string must differ).
SAME_AS_ENGLISH = {
    "*": {"PIN"},
    "fr": {"Page %(page)s", "page %(page)s", "Version %(number)s", "Pause"},
    # Our pictures' names (static/illustrations/catalogue.json).
    "es": {"hospital"}, "pt": {"hospital"}, "pl": {"park"}, "ro": {"calendar"}, "cy": {"car"},
}  # fmt: skip


def read(path: Path) -> Catalog:
    with path.open("rb") as po:
        return read_po(po, domain="messages")


def languages() -> list[str]:
    return [code for code in supported() if code != "en"]


def extracted() -> set[str]:
    """What pybabel extract finds, read in-process with the same configuration."""
    with CONFIG.open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config, str(CONFIG))
    found = extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS,
        comment_tags=("Translators:",), strip_comment_tags=True,
    )  # fmt: skip
    return {key(message) for _, _, message, _, _ in found}


def family_strings() -> set[str]:
    """The template's entries shown on a page a family sees."""
    return {
        key(m.id)
        for m in read(TEMPLATE)
        if m.id
        and (
            any(FAMILY_FILES.match(path) for path, _ in m.locations)
            or key(m.id) in FAMILY_ELSEWHERE
        )
    } - STAFF_ONLY


def test_the_template_holds_exactly_what_extraction_finds():
    in_template = {key(m.id) for m in read(TEMPLATE) if m.id}
    found = extracted()
    assert found - in_template == set(), "run pybabel extract (docs/translations.md)"
    assert in_template - found == set(), "stale entries: run pybabel extract"
    # The pages the issue names are all in it.
    assert {"Enter your PIN", "This link no longer works", "I agree with this version"} <= found
    assert {"Play the whole story", "This tablet is in family mode", "Listen"} <= found


def test_the_issues_languages_and_the_editors_have_a_catalogue():
    assert set(languages()) >= REQUIRED
    assert {code for code, _ in LANGUAGES} - {"en"} <= set(languages())


def staff_strings() -> set[str]:
    """The template's entries shown only on staff pages (English first: may be untranslated)."""
    return {key(m.id) for m in read(TEMPLATE) if m.id} - family_strings()


@pytest.mark.parametrize("language", languages())
def test_each_catalogue_translates_every_entry_soundly(language):
    catalogue = read(catalogue_path(language))
    assert str(catalogue.locale) == language
    # A staff string may be empty (shown in English), never missing; a family string never.
    english_first = {
        f"not translated: {name!r}"
        for name in staff_strings()
        if (entry := catalogue.get(name)) is not None
        and not any(entry.string if isinstance(entry.string, tuple) else (entry.string,))
    }
    assert [p for p in problems(catalogue, read(TEMPLATE)) if p not in english_first] == []
    # problems() skips the fuzzy flag of an empty entry: no entry may be fuzzy at all.
    assert [key(m.id) for m in catalogue if m.id and m.fuzzy] == []


def test_staff_pages_strings_are_marked_and_english_first():
    staff = staff_strings()
    assert {"Sign in", "Create account", "Your sign-in code"} <= staff
    assert not {"Enter your PIN", "This tablet is in family mode"} & staff
    for language in languages():
        catalogue = read(catalogue_path(language))
        assert all(catalogue.get(name) is not None for name in staff), language


@pytest.mark.parametrize("language", languages())
def test_no_family_page_string_is_left_in_english(language):
    allowed = SAME_AS_ENGLISH["*"] | SAME_AS_ENGLISH.get(language, set())
    catalogue = read(catalogue_path(language))
    same = []
    for message_id in family_strings():
        entry = catalogue.get(message_id) or catalogue.get(
            next((m.id for m in catalogue if key(m.id) == message_id), message_id)
        )
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        english = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        if any(s in english for s in strings) and message_id not in allowed:
            same.append(message_id)
    assert same == []


def test_the_family_strings_are_found_and_the_exceptions_are_used():
    family = family_strings()
    assert "Enter your PIN" in family and "This tablet is in family mode" in family
    assert "Words & Pictures" in family and "My cases" not in family
    for language, words in SAME_AS_ENGLISH.items():
        assert words <= family, language  # no exception for a string that is not there


@pytest.mark.parametrize(
    "language", sorted(code for code in supported() if direction_for(code) == "rtl")
)
def test_right_to_left_catalogues_have_no_latin_letters(language):
    for message in read(catalogue_path(language)):
        if not message.id:
            continue
        for text in message.string if isinstance(message.string, tuple) else (message.string,):
            text = PLACEHOLDER.sub("", text)
            strong = {unicodedata.bidirectional(c) for c in text}
            assert "L" not in strong, (language, key(message.id))
            if language in ("ar", "ur"):
                assert "?" not in text, (language, key(message.id))


@pytest.mark.parametrize("language", languages())
def test_no_invisible_characters(language):
    for message in read(catalogue_path(language)):
        for text in message.string if isinstance(message.string, tuple) else (message.string,):
            if message.id:
                assert not [c for c in text if unicodedata.category(c) in ("Cf", "Cc")]


def test_the_catalogues_are_used_with_every_plural_form():
    # Arabic has six forms; each count gets its own, with the number put in.
    arabic = translations("ar")
    singular, plural = (
        "That PIN is not right. You can try %(num)d more time before the link locks for a while.",
        "That PIN is not right. You can try %(num)d more times before the link locks for a while.",
    )
    for count in (0, 1, 2, 3, 11, 100):
        said = arabic.ngettext(singular, plural, count) % {"num": count}
        assert str(count) in said and "PIN" not in said
    polish = translations("pl")
    assert polish.ngettext(singular, plural, 1) != polish.ngettext(singular, plural, 5)
    assert translations("en").gettext("Enter your PIN") == "Enter your PIN"


def test_each_catalogue_says_whether_it_is_checked_and_the_docs_agree():
    docs = DOCS.read_text(encoding="utf-8")
    section = docs.split("## Status of the web pages", 1)
    assert len(section) == 2, "docs/translations.md needs its web pages' status table"
    for language in languages():
        catalogue = read(catalogue_path(language))
        checked = (catalogue.language_team or "").startswith("Checked")
        assert ("UNCHECKED" in (catalogue.header_comment or "")) is not checked, language
        row = re.search(rf"^\| `{language}` \|[^|]*\| (\w+)", section[1], re.MULTILINE)
        assert row, f"docs/translations.md has no web pages' row for {language}"
        assert row.group(1) == ("checked" if checked else "unchecked"), language
