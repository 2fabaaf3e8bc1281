"""The booklet's catalogues: every word it prints, in every language the editor offers.

`booklet.pot` must hold exactly what `pybabel extract -F babel-booklet.cfg` finds (the marked
words of the code and the templates' headings); each language's `booklet.po` must translate
every entry, none fuzzy, with the same placeholders and every plural form, and say whether a
fluent reader has checked it (docs/translations.md lists the same).
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

from storyboard.booklet.fonts import _cmap
from storyboard.booklet.model import DRAFT_MARK
from storyboard.story.templates import all_templates
from storyboard.story.wording import TRANSLATIONS, catalogue_path, languages, words
from storyboard.web.editor import LANGUAGES

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "babel-booklet.cfg"
TEMPLATE = TRANSLATIONS / "booklet.pot"
DOCS = ROOT / "docs" / "translations.md"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|\{\w+\}")
RTL = ("ar", "ur", "he")
# Names a right-to-left catalogue may keep in Latin letters (credits, and the mark).
LATIN_NAMES = re.compile(r"OpenMoji|Andika|Noto Sans|SIL International|SIL Open Font License|"
                         r"Google|CC BY-SA 4\.0|DRAFT")  # fmt: skip


def read(path: Path) -> Catalog:
    with path.open("rb") as po:
        return read_po(po, domain="booklet")


def key(message_id: str | tuple[str, ...]) -> str:
    return message_id[0] if isinstance(message_id, tuple) else message_id


def extracted() -> set[str]:
    """What pybabel extract finds, read in-process with the same configuration."""
    with CONFIG.open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config, str(CONFIG))
    found = extract_from_dir(
        str(ROOT), method_map, options_map, keywords=DEFAULT_KEYWORDS,
        comment_tags=("Translators:",), strip_comment_tags=True,
    )  # fmt: skip
    return {key(message) for _, _, message, _, _ in found}


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def problems(catalogue: Catalog, template: Catalog) -> list[str]:
    """Everything wrong with a language's catalogue against the template, in words."""
    found = []
    ids = {key(m.id) for m in template if m.id}
    for message in template:
        if not message.id:
            continue
        entry = catalogue.get(message.id)
        name = key(message.id)
        if (
            entry is None
            or not entry.string
            or (isinstance(entry.string, tuple) and not all(entry.string))
        ):
            found.append(f"not translated: {name!r}")
            continue
        if entry.fuzzy:
            found.append(f"fuzzy (check it, then remove the flag): {name!r}")
        if isinstance(message.id, tuple):
            if not isinstance(entry.string, tuple) or len(entry.string) != catalogue.num_plurals:
                found.append(f"needs {catalogue.num_plurals} plural forms: {name!r}")
                continue
            every, some = placeholders(message.id[1]), placeholders(message.id[0])
            for form in entry.string:
                if not (every & some) <= placeholders(form) <= every | some:
                    found.append(f"placeholders differ: {name!r}")
        elif placeholders(entry.string) != placeholders(message.id):
            found.append(f"placeholders differ: {name!r}")
        elif "python-format" in message.flags:
            try:
                entry.string % dict.fromkeys((p[2:-2] for p in placeholders(entry.string)), 1)
            except (KeyError, TypeError, ValueError):
                found.append(f"does not format: {name!r}")
    stale = [key(m.id) for m in catalogue if m.id and key(m.id) not in ids]
    found += [f"not in the template (run pybabel update): {m!r}" for m in stale]
    return found


def test_the_template_holds_every_marked_word_and_template_heading():
    in_template = {key(m.id) for m in read(TEMPLATE) if m.id}
    found = extracted()
    assert found - in_template == set(), "run pybabel extract (docs/translations.md)"
    assert in_template - found == set(), "stale entries: run pybabel extract"
    # Whatever the extractor does, every heading and view label a template starts with.
    printed = {
        words
        for template in all_templates().values()
        for spec in template.panels
        for words in (spec.heading, *spec.voices)
        if words
    }
    assert printed - in_template == set()
    assert {DRAFT_MARK, "%(number)d. %(step)s", "10 = %(meaning)s"} <= in_template


def test_every_language_the_editor_offers_has_a_catalogue():
    assert set(languages()) == {code for code, _ in LANGUAGES} - {"en"}


@pytest.mark.parametrize("language", languages())
def test_each_catalogue_translates_every_entry_soundly(language):
    catalogue = read(catalogue_path(language))
    assert str(catalogue.locale) == language
    assert problems(catalogue, read(TEMPLATE)) == []


def test_the_checks_find_each_kind_of_mistake():
    template = Catalog(locale=None)
    template.add("My family")
    template.add("Who is worried?")
    template.add("%(name)s’s story", flags=["python-format"])
    template.add(("%(count)d step", "%(count)d steps"), flags=["python-format"])
    template.add("Version %(version)s", flags=["python-format"])
    bad = Catalog(locale="pl")
    bad.add("Who is worried?", "Kto się martwi?", flags=["fuzzy"])
    bad.add("%(name)s’s story", "Historia %(imie)s", flags=["python-format"])
    bad.add(("%(count)d step", "%(count)d steps"), ("%(count)d krok", "%(count)d kroki"))
    bad.add("Version %(version)s", "Wersja %(version)", flags=["python-format"])
    bad.add("Old words", "Stare słowa")
    assert problems(bad, template) == [
        "not translated: 'My family'",
        "fuzzy (check it, then remove the flag): 'Who is worried?'",
        "placeholders differ: '%(name)s’s story'",
        "needs 3 plural forms: '%(count)d step'",
        "placeholders differ: 'Version %(version)s'",
        "not in the template (run pybabel update): 'Old words'",
    ]


@pytest.mark.parametrize("language", RTL)
def test_right_to_left_catalogues_read_right_to_left(language):
    """No "?Who is worried": each translation starts with a right-to-left letter, uses its
    own question mark, and carries no direction marks or other invisible controls."""
    for message in read(catalogue_path(language)):
        if not message.id or message.id == DRAFT_MARK:
            continue
        text = PLACEHOLDER.sub("", LATIN_NAMES.sub("", message.string))
        strong = [unicodedata.bidirectional(c) for c in text]
        strong = [b for b in strong if b in ("L", "R", "AL")]
        assert "L" not in strong, (language, message.id)
        if language in ("ar", "ur"):
            assert "?" not in text, (language, message.id)


@pytest.mark.parametrize("language", languages())
def test_no_invisible_characters_and_the_draft_mark_is_latin_capitals(language):
    catalogue = read(catalogue_path(language))
    for message in catalogue:
        if message.id:
            assert not [c for c in message.string if unicodedata.category(c) in ("Cf", "Cc")]
    # The large mark is drawn without text shaping (booklet/mark.py), in Andika Bold.
    mark = words(language).gettext(DRAFT_MARK)
    assert mark and all(
        c == " " or ("LATIN CAPITAL" in unicodedata.name(c) and ord(c) in _cmap("latin", True))
        for c in mark
    ), mark


def test_each_catalogue_says_whether_it_is_checked_and_the_docs_agree():
    docs = DOCS.read_text(encoding="utf-8")
    for language in languages():
        catalogue = read(catalogue_path(language))
        checked = words(language).checked
        assert ("UNCHECKED" in (catalogue.header_comment or "")) is not checked, language
        row = re.search(rf"^\| `{language}` \|[^|]*\| (\w+)", docs, re.MULTILINE)
        assert row, f"docs/translations.md has no row for {language}"
        assert row.group(1) == ("checked" if checked else "unchecked"), language
