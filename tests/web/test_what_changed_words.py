"""The pictures in the reviewer's "what changed", named in the page's language: a library
picture by its translated title (also when it kept the library's own description), an emoji
by itself, a photo or a drawing by what it is; words typed for a picture stay as typed."""

from __future__ import annotations

import pytest
from flask_babel import force_locale

from storyboard.story.diff import picture_name
from storyboard.story.model import Picture
from storyboard.web.i18n import list_words
from storyboard.web.reviewer.changes import picture_html, picture_words

HOME_ALT = "A house with a yellow door, two windows and a chimney."


def named(src: str, **typed: str) -> str:
    return picture_words(picture_name(Picture(src=src, **typed)))


@pytest.mark.parametrize(
    ("language", "home", "photo", "drawing"),
    [
        ("pl", "dom", "zdjęcie", "rysunek palcem"),
        ("ar", "المنزل", "صورة فوتوغرافية", "رسم بالإصبع"),
    ],
)
def test_pictures_are_named_in_the_pages_language(app, language, home, photo, drawing):
    with app.test_request_context("/"), force_locale(language):
        assert named("library:home") == home
        assert named("library:home", alt=HOME_ALT) == home  # the library's own description
        assert named("file:photos/a.jpg") == photo
        assert named("drawing:5") == drawing
        assert named("emoji:1F600", alt="Happy") == "😀"
        # Typed by the worker: as typed, whatever the page's language.
        assert named("library:home", label="Nan's house") == "Nan's house"
        assert named("library:home", alt="Our flat on the hill.") == "Our flat on the hill."
        assert named("emoji:1F600", alt="Mum laughing") == "Mum laughing"
    with app.test_request_context("/"):
        assert named("library:home") == "home" and named("file:photos/a.jpg") == "a photo"


def test_typed_names_keep_the_storys_language_in_the_list(app):
    typed = picture_html(picture_name(Picture(src="library:home", label="<b>Nan</b>")), "en")
    with app.test_request_context("/"), force_locale("pl"):
        house = picture_html(picture_name(Picture(src="library:home")), "en")
        said = list_words([house, typed, "a<b"])
    assert said == 'dom, <bdi lang="en" dir="auto">&lt;b&gt;Nan&lt;/b&gt;</bdi> i a&lt;b'
