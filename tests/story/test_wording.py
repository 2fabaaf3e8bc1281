"""The booklet's fixed words in the story's language: titles, steps, "10 =", dates, alt text."""

from __future__ import annotations

import pytest

from storyboard.story import wording
from storyboard.story.reading import (
    Mark,
    format_date,
    panel_paragraphs,
    printed_panels,
    scale_alt,
)
from storyboard.story.storyfile import parse
from storyboard.story.wording import default_title, is_default_title, words


def story(language: str, **panel) -> object:
    return parse(
        {
            "format": "storyboard/1", "title": "T", "child": {"name": "Ola"},
            "language": language, "panels": [{"section": "safety-plan", "text": "", **panel}],
        }
    )  # fmt: skip


def test_a_new_story_starts_with_a_title_in_its_language_that_never_declines_the_name():
    assert default_title("Sam", "en") == "Sam’s story"
    assert default_title("Sam", "en-GB") == "Sam’s story"
    assert default_title("ليلى", "ar") == "قصة ليلى"
    # Polish names decline ("historia Oli"): the name stands alone, as the child says it.
    assert default_title("Ola", "pl") == "Ola – moja historia"
    assert default_title("Ana", "ro") == "Ana – povestea mea"
    assert default_title("Anna", "fr") == "Anna – mon histoire"  # never "de Anna"
    assert default_title("Sam", "cy") == "Stori Sam"
    # A language with no catalogue: the name alone, never English words around it.
    assert default_title("Ola", "de") == "Ola"


def test_a_copy_knows_a_default_title_old_or_new():
    assert is_default_title("Ola – moja historia", "Ola", "pl")
    assert is_default_title("Ola", "Ola", "pl")  # the name alone, as it was before
    assert not is_default_title("Ola i jej rodzina", "Ola", "pl")


@pytest.mark.parametrize(
    ("language", "ten"),
    [
        ("en", "10 = we are safe"),
        ("pl", "10 oznacza: we are safe"),
        ("ar", "10 تعني: we are safe"),
        ("ur", "10 کا مطلب ہے: we are safe"),
        ("he", "10 פירושו: we are safe"),
    ],
)
def test_steps_and_what_10_means_print_in_the_storys_language(language, ten):
    # Western digits in every language, Arabic and Urdu too: the numbers of the scale's
    # picture, and those the child learns at school; in a right-to-left paragraph "1." is
    # still read first (tests/booklet/test_booklet_words.py checks where it is drawn).
    steps = story(language, kind="steps", steps=["x", "", "y"])
    assert printed_panels(steps)[1].paragraphs == ["1. x", "2. y"]
    scale = story(language, kind="scale", scale={"ratings": [], "ten_means": "we are safe"})
    assert printed_panels(scale)[1].paragraphs == [ten]
    assert panel_paragraphs(scale.panels[0]) == ["10 = we are safe"]  # English by default


def test_dates_have_the_months_name_in_the_storys_language():
    assert format_date("2024-06-12", "en") == "12 June 2024"
    assert format_date("2024-06-12", "pl") == "12 czerwca 2024"
    assert format_date("2024-06-12", "ar") == "12 يونيو 2024"  # Western digits
    assert format_date("2024-06-12", "cy") == "12 Mehefin 2024"
    assert format_date("2024-06-12", "zz") == "12/6/2024"  # a language Babel does not know
    assert format_date("not a date", "pl") == "not a date"


def test_the_scales_description_is_in_the_storys_language():
    marks = [Mark("Mama", 6.5, 0), Mark("Tata", 4, 1)]
    assert scale_alt(marks, "en") == "A scale from 0 to 10: Mama at 6.5, Tata at 4"
    # A decimal comma, so the people are parted by semicolons.
    assert scale_alt(marks, "pl") == "Skala od 0 do 10: Mama – 6,5; Tata – 4"
    assert scale_alt([Mark("", 7, -1)], "ar") == "مقياس من 0 إلى 10، عليه علامة عند 7"


def test_a_fuzzy_or_empty_entry_prints_in_english(tmp_path, monkeypatch):
    folder = tmp_path / "xx" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "booklet.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: xx\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "My family"\nmsgstr "Xx family"\n\n'
        '#, fuzzy\nmsgid "Who is worried?"\nmsgstr "Xx worried?"\n\n'
        'msgid "The safety plan"\nmsgstr ""\n\n'
        'msgid "%(count)d step"\nmsgid_plural "%(count)d steps"\n'
        'msgstr[0] "%(count)d xx-one"\nmsgstr[1] "%(count)d xx-many"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(wording, "TRANSLATIONS", tmp_path)
    words.cache_clear()
    try:
        xx = words("xx")
        assert xx.gettext("My family") == "Xx family"
        assert xx.gettext("Who is worried?") == "Who is worried?"
        assert xx.gettext("The safety plan") == "The safety plan"
        assert xx.gettext("") == ""  # never the catalogue's header
        assert xx.ngettext("%(count)d step", "%(count)d steps", 1) == "1 xx-one"
        assert xx.ngettext("%(count)d step", "%(count)d steps", 3) == "3 xx-many"
        assert not xx.checked
    finally:
        words.cache_clear()
