"""The council's name and logo on the About page, when the worker chose to print them.

The logo is a cleaned PNG carried inside a small SVG, so it is a picture block like any
scene and every renderer (HTML, Word, PNG, PDF) draws it the way it draws scenes.
"""

from __future__ import annotations

from storyboard.booklet.model import Council, PictureBlock, TextBlock
from storyboard.pictures.logo import data_uri

LOGO_HEIGHT = 54.0  # points: about 19 mm, a letterhead's logo
LOGO_WIDTH_SHARE = 0.45  # of the words' width, for a wide logo


def logo_svg(council: Council) -> str:
    """An SVG the logo's size holding the PNG (resvg and browsers both draw data: images)."""
    width, height = council.logo_width, council.logo_height
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}"><image href="{data_uri(council.logo or b"")}" '
        f'width="{width}" height="{height}"/></svg>'
    )


def logo_size(council: Council, content_width: float) -> tuple[float, float]:
    """The logo's size in points: LOGO_HEIGHT tall, narrower if it is very wide."""
    aspect = council.logo_width / council.logo_height
    width = min(LOGO_HEIGHT * aspect, content_width * LOGO_WIDTH_SHARE)
    return width, width / aspect


def council_blocks(builder, council: Council, y: float) -> tuple[list, float]:  # noqa: ANN001
    """The logo (if any) then the name, from the top `y`; returns the blocks and the new y."""
    blocks: list[PictureBlock | TextBlock] = []
    content = builder.width - 2 * builder.margin
    if council.logo and council.logo_width > 0 and council.logo_height > 0:
        width, height = logo_size(council, content)
        x = (builder.width - width) / 2  # centred, as Word centres a picture's paragraph
        alt = f"{council.name} logo" if council.name else "Council logo"
        blocks.append(PictureBlock(x, y, width, height, logo_svg(council), alt))
        y += height + builder.body * 0.4
    if council.name:
        name = builder.text_block(
            [council.name], y, size=12, bold=True, role="council", align="center"
        )
        blocks.append(name)
        y += name.height
    return blocks, y + builder.body * 0.6
