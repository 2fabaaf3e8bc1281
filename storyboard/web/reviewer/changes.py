"""What changed since the reviewer last looked, said in the page's language.

The story's diff (`story.diff.diff_printed`) names each picture added or taken out in
English, with what it is (`story.diff.PictureName`). Here, at the web's edge, a library
picture is called by its title from our own catalogue, translated, and a photo, a drawing or
an emoji by what it is; words the worker typed for a picture (its name, or a description
other than the library's own) stay exactly as typed: the app never translates the story.
"""

from __future__ import annotations

from dataclasses import replace

from flask_babel import gettext
from markupsafe import Markup, escape

from storyboard.pictures import illustrations, openmoji
from storyboard.story.diff import PanelDiff, PictureName
from storyboard.story.wording import N_

KINDS = {
    "file": N_("a photo"),
    "drawing": N_("a finger drawing"),
    "emoji": N_("an emoji"),
    "": N_("a picture"),
}


def _emoji_default(name: PictureName) -> bool:
    """Whether an emoji's description is the one the picker gave it (its English name)."""
    said = str(name).strip().lower()
    names = {e["label"].lower() for e in openmoji.shelf() if e["code"] == name.ident}
    names |= {e["name"].lower() for e in openmoji.index() if e["code"] == name.ident}
    return said in names


def picture_words(name: PictureName) -> str:
    """A picture's name in the page's language: the words typed for it, else its title from
    our library (or its description, when the library gave it), else what kind it is."""
    entry = illustrations.get(name.ident) if name.kind == "library" else None
    if entry and (not name.typed or (not name.from_label and str(name) == entry["alt"])):
        return gettext(entry["title"])
    if name.kind == "emoji" and not name.from_label and (not name.typed or _emoji_default(name)):
        try:
            return openmoji.char_of(name.ident)  # the picture itself, in every language
        except (ValueError, OverflowError):
            pass
    if name.typed:
        return str(name)
    return gettext(KINDS.get(name.kind, KINDS[""]))


def picture_html(name: PictureName, language: str) -> Markup:
    """A picture's name for the page: words typed for it keep the story's language (a screen
    reader says them in its voice), the page's own words are the page's."""
    words = picture_words(name)
    if name.typed and words == str(name):
        return Markup('<bdi lang="{}" dir="auto">{}</bdi>').format(language, words)
    return escape(words)


def said(diff: PanelDiff, language: str) -> PanelDiff:
    """One page's changes with its pictures named in the page's language."""
    return replace(
        diff,
        pictures_added=[picture_html(p, language) for p in diff.pictures_added],
        pictures_removed=[picture_html(p, language) for p in diff.pictures_removed],
    )


def changes_said(
    changed: tuple[int, list[PanelDiff]] | None, language: str
) -> tuple[int, list[PanelDiff]] | None:
    """`link_versions.changed_since`'s answer, ready for the reviewer's page (`language`:
    the story's, for the words typed in it)."""
    if changed is None:
        return None
    before, diffs = changed
    return before, [said(d, language) for d in diffs]
