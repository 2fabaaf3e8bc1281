"""Without libraqm, HTML, Word and PDF are still made; only PNG pages say what is missing."""

from __future__ import annotations

import pytest
from PIL import features

from storyboard.booklet import build_booklet, fonts, textlayout
from storyboard.booklet.render import RENDERERS
from storyboard.story import storyfile
from tests.booklet.test_booklet_formats import FIXTURES


@pytest.fixture
def no_raqm(monkeypatch):  # noqa: ANN001, ANN201
    """Pillow as built without raqm (as on a machine without the system library)."""
    real = features.check
    monkeypatch.setattr(
        features, "check", lambda name: False if name in ("raqm", "fribidi") else real(name)
    )
    fonts.pil_font.cache_clear()
    textlayout._unit_width.cache_clear()  # nothing measured before counts
    yield
    fonts.pil_font.cache_clear()


@pytest.mark.parametrize("fixture", ["sam-12.json", "layla-ar.json"])
def test_every_format_but_png_is_made_without_raqm(no_raqm, fixture):
    booklet = build_booklet(storyfile.read(FIXTURES / fixture))
    assert RENDERERS["html"](booklet).startswith(b"<!doctype html>")
    assert RENDERERS["docx"](booklet).startswith(b"PK")
    assert RENDERERS["pdf"](booklet).startswith(b"%PDF")
    with pytest.raises(fonts.LayoutEngineMissing, match="libraqm"):
        next(iter(RENDERERS["png"](booklet)))


def test_measuring_is_the_same_with_and_without_raqm():
    # HarfBuzz measures; Pillow with raqm draws. The two agree to within a hair.
    for text, face, direction in (
        ("Sam lives with Mum and Dad.", "latin", "ltr"),
        ("ليلى تعيش مع أمها", "arabic", "rtl"),
        ("সাম তার মায়ের সাথে থাকে", "bengali", "ltr"),
    ):
        shaped = fonts.measure(text, face, False, 20, direction)
        drawn = fonts.pil_font(face, False, 200).getlength(text, direction=direction) / 10
        assert abs(shaped - drawn) < 0.02 * drawn
