"""The languages we know, and how each is written: its script and its direction, in one place.

A language is a BCP 47 tag ("pa", "pa-Arab", "ur"). Its script is the tag's own script subtag,
else the one CLDR's likely subtags give (Babel's data: pa is written in Gurmukhi, pa-PK and
sd in Arabic script); its direction is its script's (Unicode's, as fontTools gives it). So
Punjabi reads left to right and Shahmukhi Punjabi (pa-Arab) right to left, with no table of
languages to keep up to date. Every direction of the app (the booklet, the phone's reading
page, the editor) and the script a booklet's fonts start from come from here.
"""

from __future__ import annotations

from functools import cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global, parse_locale
from fontTools.unicodedata import script_horizontal_direction

# The languages the editor offers and a person of a case can be said to read: the booklet's
# fonts print each of them, and each has a catalogue of the booklet's own words.
LANGUAGES = [
    ("en", "English"),
    ("cy", "Welsh (Cymraeg)"),
    ("pl", "Polish (Polski)"),
    ("ro", "Romanian (Română)"),
    ("pt", "Portuguese (Português)"),
    ("es", "Spanish (Español)"),
    ("fr", "French (Français)"),
    ("so", "Somali (Soomaali)"),
    ("ar", "Arabic (العربية)"),
    ("ur", "Urdu (اردو)"),
    ("he", "Hebrew (עברית)"),
    ("bn", "Bengali (বাংলা)"),
    ("hi", "Hindi (हिन्दी)"),
    ("pa", "Punjabi (ਪੰਜਾਬੀ)"),
]
KNOWN = frozenset(code for code, _ in LANGUAGES)


class UnknownLanguage(ValueError):
    """A language tag that is not one of the languages we know; the message says so plainly."""


@cache
def _parts(language: str) -> tuple[str, str | None, str | None]:
    """(language, script, region) of a tag, or the bare first subtag if Babel cannot read it."""
    try:
        lang, region, script, _variant = parse_locale(language.replace("_", "-"), sep="-")
    except ValueError:
        return language.split("-")[0].lower(), None, None
    return lang.lower(), script, region


@cache
def script_for(language: str) -> str | None:
    """Return the ISO 15924 script a language is written in ("Guru" for pa, "Arab" for
    pa-Arab and ur), or None when CLDR does not know the language."""
    lang, script, region = _parts(language)
    if script:
        return script.title()
    likely = get_global("likely_subtags")
    for key in (f"{lang}_{region}" if region else None, lang):
        if key and key in likely:
            found = _parts(likely[key].replace("_", "-"))[1]
            if found:
                return found
    return None


def direction_for(language: str) -> str:
    """Return "rtl" for a language written right to left ("ar", "ur", "pa-Arab"), else "ltr"."""
    script = script_for(language)
    if script is None:
        return "ltr"
    return "rtl" if script_horizontal_direction(script, "LTR") == "RTL" else "ltr"


def clean_language(value: str) -> str:
    """Return the language we know that a tag names ("PA", "pa_IN" and "pa-Guru" give "pa"),
    or raise UnknownLanguage saying which languages can be chosen ("pa-Arab" is not "pa")."""
    tag = (value or "").strip()
    lang, _script, _region = _parts(tag)
    script = script_for(tag) if tag else None
    for known in (f"{lang}-{script}", lang):
        if known in KNOWN and script_for(known) == script:
            return known
    names = ", ".join(name.split(" (")[0] for _, name in LANGUAGES)
    raise UnknownLanguage(f"We do not have that language yet. Choose one of: {names}.")


def english_name(language: str) -> str:
    """The language's name in English ("Punjabi", "Punjabi (Arabic)"), else the tag itself."""
    try:
        return Locale.parse(language.replace("-", "_")).english_name or language
    except (ValueError, UnknownLocaleError):
        return language
