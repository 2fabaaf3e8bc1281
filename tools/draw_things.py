"""Thing drawings: everyday objects that come up in these stories."""

from __future__ import annotations

import math

from draw_kit import (
    CREAM,
    INK,
    MIST,
    PEACH,
    ROSE,
    SAGE,
    SKY,
    SLATE,
    WHITE,
    WOOD,
    YELLOW,
    add,
    capsule,
    circle,
    cloud,
    ellipse,
    face,
    heart,
    line,
    path,
    rect,
    star,
)
from draw_places import ground

# --- things ------------------------------------------------------------------------------------


def things() -> None:
    """Everyday objects that come up in these stories."""
    items = [
        (
            "phone",
            "phone",
            "phone mobile call ring text message tablet",
            "A mobile phone with a heart on the screen.",
            [
                rect(66, 24, 68, 152, SLATE, 12),
                rect(76, 40, 48, 104, SKY, 4),
                circle(100, 160, 5, MIST),
                heart(100, 90, 10, WHITE),
            ],
        ),
        (
            "bottle",
            "bottle",
            "bottle drink drinking alcohol beer wine",
            "A green glass bottle with a label.",
            [
                path(
                    "M88 22 L112 22 L112 58 Q136 70 136 98 L136 170 Q136 180 126 180 L74 180"
                    " Q64 180 64 170 L64 98 Q64 70 88 58 Z",
                    SAGE,
                ),
                rect(84, 14, 32, 14, ROSE, 3),
                rect(64, 110, 72, 40, CREAM),
            ],
        ),
        (
            "pills",
            "pills",
            "pills medicine tablets drugs tub capsules",
            "A tub of pills and two capsules.",
            [
                rect(50, 72, 64, 104, WHITE, 8),
                rect(44, 52, 76, 24, ROSE, 6),
                rect(58, 104, 48, 40, SKY, 3),
                capsule(126, 150, 160, 136, 9, YELLOW),
                line(140, 136, 146, 150),
                capsule(130, 176, 166, 172, 9, WHITE),
                line(147, 165, 149, 183),
            ],
        ),
        (
            "heart",
            "heart",
            "heart love care kind loved",
            "A big pink heart.",
            [heart(100, 108, 52)],
        ),
        (
            "bed",
            "bed",
            "bed bedroom sleep night tired rest",
            "A bed with a pillow and a blanket.",
            [
                rect(24, 70, 16, 118, WOOD, 4),
                rect(160, 112, 16, 76, WOOD, 4),
                rect(40, 126, 120, 30, CREAM),
                rect(44, 104, 38, 24, WHITE, 10),
                path("M86 110 L158 110 Q164 110 164 118 L164 146 L86 146 Z", SKY),
                line(40, 156, 160, 156),
                ground(),
            ],
        ),
        (
            "door",
            "door",
            "door front door open shut close knock",
            "A front door with a step.",
            [
                rect(52, 20, 96, 162, CREAM, 4),
                rect(64, 32, 72, 150, SAGE, 3),
                rect(76, 46, 48, 46, "none", 3),
                rect(76, 108, 48, 56, "none", 3),
                circle(124, 104, 4, YELLOW),
                rect(44, 180, 112, 8, MIST, 2),
            ],
        ),
        (
            "teddy",
            "teddy",
            "teddy bear toy cuddle comfort soft",
            "A brown teddy bear.",
            [
                circle(68, 52, 14, WOOD),
                circle(132, 52, 14, WOOD),
                ellipse(100, 142, 38, 42, WOOD),
                ellipse(100, 148, 20, 24, PEACH),
                circle(62, 124, 13, WOOD),
                circle(138, 124, 13, WOOD),
                circle(72, 178, 14, WOOD),
                circle(128, 178, 14, WOOD),
                circle(100, 76, 34, WOOD),
                ellipse(100, 88, 14, 11, PEACH),
                circle(100, 84, 4, INK),
                circle(88, 70, 3.5, INK, stroke="none"),
                circle(112, 70, 3.5, INK, stroke="none"),
                path("M94 93 Q100 98 106 93"),
            ],
        ),
        (
            "book",
            "book",
            "book story reading read",
            "An open book with a heart on the page.",
            [
                path("M100 60 Q70 44 26 52 L26 150 Q70 142 100 158 Z", WHITE),
                path("M100 60 Q130 44 174 52 L174 150 Q130 142 100 158 Z", WHITE),
                line(100, 60, 100, 158),
                *[line(40, y, 86, y + 6) for y in (76, 96, 116)],
                *[line(114, y + 6, 160, y) for y in (76, 96)],
                heart(136, 122, 8),
            ],
        ),
        (
            "key",
            "key",
            "key lock home door safe",
            "A yellow door key.",
            [
                circle(62, 100, 30, YELLOW),
                circle(62, 100, 10),
                path(
                    "M92 92 L172 92 L172 106 L160 106 L160 120 L146 120 L146 106 L92 106 Z", YELLOW
                ),
            ],
        ),
        (
            "cup",
            "cup",
            "cup mug tea drink warm",
            "A warm mug of tea.",
            [
                path("M52 88 L148 88 L140 170 Q138 178 130 178 L70 178 Q62 178 60 170 Z", SKY),
                path("M146 104 Q176 104 172 128 Q168 150 140 150"),
                path("M80 70 Q72 58 80 46 Q88 34 80 22"),
                path("M112 70 Q104 58 112 46 Q120 34 112 22"),
            ],
        ),
        (
            "apple",
            "apple",
            "apple food fruit eat meal snack healthy",
            "A pink apple with a leaf.",
            [
                path(
                    "M100 62 Q72 44 48 66 Q28 92 42 132 Q58 178 84 176 Q94 174 100 170"
                    " Q106 174 116 176 Q142 178 158 132 Q172 92 152 66 Q128 44 100 62 Z",
                    ROSE,
                ),
                path("M100 62 Q98 42 106 28"),
                path("M104 44 Q124 24 144 34 Q126 52 104 44 Z", SAGE),
            ],
        ),
        (
            "clock",
            "clock",
            "clock time when wait hour",
            "A round clock on the wall.",
            [
                circle(100, 100, 74, WHITE),
                *[
                    circle(
                        100 + 58 * math.cos(a * math.pi / 6),
                        100 + 58 * math.sin(a * math.pi / 6),
                        3,
                        INK,
                        stroke="none",
                    )
                    for a in range(12)
                ],
                line(100, 100, 100, 58),
                line(100, 100, 128, 112),
                circle(100, 100, 5, INK),
            ],
        ),
        (
            "calendar",
            "calendar",
            "calendar date day week when plan visit",
            "A calendar page.",
            [
                rect(34, 40, 132, 136, WHITE, 8),
                rect(34, 40, 132, 30, ROSE, 8),
                line(70, 28, 70, 50),
                line(130, 28, 130, 50),
                *[
                    rect(48 + i * 27, 84 + j * 28, 14, 14, SKY if (i, j) != (2, 1) else YELLOW, 3)
                    for i in range(4)
                    for j in range(3)
                ],
                circle(109, 119, 16),
            ],
        ),
        (
            "school-bag",
            "school bag",
            "school bag backpack rucksack",
            "A school backpack.",
            [
                path("M76 52 Q76 26 100 26 Q124 26 124 52", "none"),
                rect(48, 50, 104, 130, SKY, 22),
                rect(66, 112, 68, 50, YELLOW, 10),
                line(66, 130, 134, 130),
            ],
        ),
        (
            "sun",
            "sun",
            "sun sunny weather happy warm day",
            "A yellow sun with a smiling face.",
            [
                *[
                    line(
                        100 + 52 * math.cos(a * math.pi / 4),
                        100 + 52 * math.sin(a * math.pi / 4),
                        100 + 74 * math.cos(a * math.pi / 4),
                        100 + 74 * math.sin(a * math.pi / 4),
                    )
                    for a in range(8)
                ],
                circle(100, 100, 40, YELLOW),
                face(100, 100, 30, "happy"),
            ],
        ),
        (
            "rain-cloud",
            "rain cloud",
            "rain cloud weather grey sad worry",
            "A cloud with rain.",
            [
                cloud(100, 84, 38, MIST),
                *[line(x, 128, x - 6, 146) for x in (70, 100, 130)],
                *[line(x, 160, x - 6, 178) for x in (85, 115)],
            ],
        ),
        (
            "star",
            "star",
            "star dream wish well done proud",
            "A big yellow star.",
            [star(100, 106, 80)],
        ),
        (
            "food",
            "meal",
            "food meal dinner tea lunch eat plate",
            "A plate of food.",
            [
                ellipse(100, 120, 80, 40, WHITE),
                ellipse(100, 120, 58, 27, CREAM),
                ellipse(80, 116, 22, 12, PEACH),
                circle(118, 108, 8, SAGE),
                circle(126, 122, 8, SAGE),
                circle(110, 126, 8, SAGE),
                line(22, 82, 22, 170),
                line(178, 82, 178, 170),
            ],
        ),
    ]
    for ident, title, words, alt, body in items:
        add(ident, title, "things", words, alt, "\n".join(body))
