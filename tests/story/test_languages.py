"""Every language's script and direction come from one place, which reads script subtags."""

from __future__ import annotations

import pytest

from storyboard.story.languages import (
    KNOWN,
    UnknownLanguage,
    clean_language,
    direction_for,
    english_name,
    script_for,
)


@pytest.mark.parametrize(
    ("tag", "script", "direction"),
    [
        ("pa", "Guru", "ltr"),  # Punjabi in Gurmukhi, as written in India
        ("pa-Guru", "Guru", "ltr"),
        ("pa-Arab", "Arab", "rtl"),  # Shahmukhi, as written in Pakistan
        ("pa-PK", "Arab", "rtl"),  # the region alone says which script (CLDR's likely subtags)
        ("ar", "Arab", "rtl"),
        ("ur", "Arab", "rtl"),
        ("he", "Hebr", "rtl"),
        ("iw", "Hebr", "rtl"),  # Hebrew's old code
        ("sd", "Arab", "rtl"),
        ("sd-Deva", "Deva", "ltr"),
        ("az", "Latn", "ltr"),
        ("az-Arab", "Arab", "rtl"),
        ("ku", "Latn", "ltr"),
        ("ku-Arab", "Arab", "rtl"),
        ("ckb", "Arab", "rtl"),
        ("dv", "Thaa", "rtl"),
        ("en", "Latn", "ltr"),
        ("en-GB", "Latn", "ltr"),
        ("bn", "Beng", "ltr"),
        ("hi", "Deva", "ltr"),
    ],
)
def test_script_and_direction_come_from_the_tag(tag, script, direction):
    assert script_for(tag) == script
    assert direction_for(tag) == direction


def test_a_tag_cldr_does_not_know_reads_left_to_right():
    assert script_for("qaa") is None
    assert direction_for("qaa") == "ltr"


@pytest.mark.parametrize(
    ("given", "clean"), [("pa", "pa"), ("PA", "pa"), (" pa_IN ", "pa"), ("pa-Guru", "pa"),
                         ("en-GB", "en"), ("AR", "ar")]
)  # fmt: skip
def test_a_language_we_know_is_cleaned_to_its_code(given, clean):
    assert clean_language(given) == clean


@pytest.mark.parametrize("given", ["pa-Arab", "pa-PK", "xx", "", "en-Arab", "tlh", "<b>"])
def test_a_language_we_do_not_know_is_refused_plainly(given):
    # pa-Arab is Punjabi in another script: the booklet's Punjabi words are Gurmukhi.
    with pytest.raises(UnknownLanguage, match="Choose one of: English, .*Punjabi"):
        clean_language(given)


def test_every_language_we_know_has_an_english_name():
    assert english_name("pa") == "Punjabi"
    assert english_name("ar") == "Arabic"
    assert all(english_name(code) != code for code in KNOWN)
