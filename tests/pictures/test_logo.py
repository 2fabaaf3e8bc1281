"""The council's logo is always a clean PNG: a PNG made again from its pixels, an SVG checked
for anything that runs or fetches, then drawn by resvg; anything else is refused plainly."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from storyboard.pictures.images import ImageRejected
from storyboard.pictures.logo import MAX_EDGE, check_svg, clean_logo

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}">{inside}</svg>'


def svg(inside: str = '<rect width="40" height="20" fill="#123456"/>', w=40, h=20) -> bytes:  # noqa: ANN001
    return SVG.format(w=w, h=h, inside=inside).encode()


def test_an_svg_becomes_a_png_of_its_shape_and_words():
    words = '<text x="2" y="16" font-family="sans-serif" font-size="14">Hi</text>'
    logo = clean_logo(svg(words))
    image = Image.open(io.BytesIO(logo.data))
    assert image.format == "PNG" and (logo.width, logo.height) == (MAX_EDGE, MAX_EDGE // 2)
    assert image.getchannel("A").getextrema()[1] == 255  # the words are drawn (our fonts)


def test_a_big_png_is_made_smaller_and_keeps_its_transparency():
    out = io.BytesIO()
    Image.new("RGBA", (2000, 500), (0, 0, 0, 0)).save(out, "PNG")
    logo = clean_logo(out.getvalue())
    assert (logo.width, logo.height) == (800, 200)
    assert Image.open(io.BytesIO(logo.data)).mode == "RGBA"


@pytest.mark.parametrize(
    "inside",
    [
        '<a href="javascript:alert(1)"><rect width="5" height="5"/></a>',
        '<use href="other.svg#x"/>',
        '<rect width="5" height="5" style="fill: url(http://x.example/p)"/>',
        '<set attributeName="href" to="x" onbegin="alert(1)"/>',
        "<SCRIPT>alert(1)</SCRIPT>",
    ],
)
def test_anything_that_runs_or_fetches_is_refused(inside):
    with pytest.raises(ImageRejected):
        check_svg(svg(inside))


def test_a_drawing_that_refers_only_to_itself_is_kept():
    inside = (
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#123"/></linearGradient>'
        '</defs><rect width="40" height="20" fill="url(#g)"/><use href="#g"/>'
    )
    assert "url(#g)" in check_svg(svg(inside))


def test_a_long_thin_or_sizeless_svg_is_refused():
    for data in (svg(w=4000, h=10), svg(w=0, h=10)):
        with pytest.raises(ImageRejected, match="no sensible size"):
            clean_logo(data)


def test_an_svg_that_draws_nothing_is_refused():
    with pytest.raises(ImageRejected, match="draws nothing"):
        clean_logo(svg(""))


def _with_picture(width: int, height: int) -> bytes:
    import base64

    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 0, 0)).save(out, "PNG")
    href = "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="300" height="100"><image width="300" height="100" xlink:href="{href}"/></svg>'
    ).encode()


def test_a_picture_inside_an_svg_is_kept_when_small_and_refused_when_huge():
    # A few hundred KB of SVG can carry a picture of tens of millions of pixels, which the
    # drawing library would decode whole: refused from the picture's header.
    assert clean_logo(_with_picture(600, 200)).width == MAX_EDGE
    with pytest.raises(ImageRejected, match="too large for a logo"):
        clean_logo(_with_picture(4000, 4000))
