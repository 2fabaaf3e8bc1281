"""Method drawings: safety scale, three houses, bubbles, safety circle and safety plan."""

from __future__ import annotations

import math

from draw_figure import cap_path
from draw_kit import (
    CREAM,
    HAIR,
    INK,
    LILAC,
    MIST,
    PEACH,
    ROSE,
    SAGE,
    SKIN,
    SKY,
    SLATE,
    WHITE,
    WOOD,
    YELLOW,
    add,
    circle,
    cloud,
    face,
    heart,
    line,
    path,
    pt,
    rect,
    star,
)
from draw_places import ground

# --- method pictures ---------------------------------------------------------------------------


def mini_face(x: float, y: float, r: float, feeling: str, skin: str, hair: str, top: str) -> str:
    """A small head and shoulders for group pictures."""
    return "\n".join(
        [
            path(
                f"M{pt(x - r * 1.3, y + r * 2.2)} Q{pt(x - r * 1.3, y + r * 0.9, x, y + r * 0.9)}"
                f" Q{pt(x + r * 1.3, y + r * 0.9, x + r * 1.3, y + r * 2.2)} Z",
                top,
            ),
            circle(x, y, r, skin),
            face(x, y, r, feeling),
            path(cap_path(x, y, r), hair),
        ]
    )


def house(roof: str, wall: str, symbol: str) -> str:
    """One of the three houses, told apart by a symbol and colour, never by words."""
    return "\n".join(
        [
            rect(38, 84, 124, 104, wall),
            path("M24 88 L100 24 L176 88 Z", roof),
            rect(86, 140, 28, 48, CREAM, 4),
            circle(107, 166, 2.5, INK),
            symbol,
            ground(),
        ]
    )


def method() -> None:
    """The safety scale, the three houses, bubbles, the safety circle and the plan."""
    shades = [
        "#e3a6ae",
        "#e8b0a6",
        "#edbb9e",
        "#f1c796",
        "#f4d18a",
        "#f7d774",
        "#e6d77c",
        "#d4d585",
        "#c6d28f",
        "#bdd09a",
        "#b5cfa7",
    ]
    # Eleven steps from 0 (left) to 10 (right): bars that rise and warm from rose to sage,
    # with a worried face at 0 and a happy face at 10 instead of numbers.
    body = [line(18, 170, 182, 170)]
    for i in range(11):
        h = 14 + i * 7.5
        body.append(rect(21 + i * 15, 162 - h, 10, h, shades[i], 3))
    body += [
        circle(34, 92, 19, shades[0]),
        face(34, 92, 19, "worried"),
        circle(166, 42, 19, shades[10]),
        face(166, 42, 19, "happy"),
    ]
    add(
        "safety-scale",
        "safety scale",
        "method",
        "safety scale 0 10 zero ten number how safe score rating signs of safety",
        "Eleven steps rising from a worried face (0) to a happy face (10), pink to green.",
        "\n".join(body),
    )
    add(
        "scale-arrow",
        "scale arrow",
        "method",
        "arrow pointer marker scale where now",
        "An arrow to point at a place on the safety scale.",
        path("M100 170 L64 116 L86 116 L86 34 L114 34 L114 116 L136 116 Z", YELLOW),
    )
    add(
        "house-worries",
        "house of worries",
        "method",
        "three houses worries worry house worried problems",
        "A house with a rain cloud on it: the house of worries.",
        house(
            SLATE,
            MIST,
            cloud(100, 106, 16, WHITE) + "".join(line(x, 122, x - 4, 130) for x in (88, 100, 112)),
        ),
    )
    add(
        "house-good-things",
        "house of good things",
        "method",
        "three houses good things working well strengths happy",
        "A house with a heart on it: the house of good things.",
        house(ROSE, YELLOW, heart(100, 114, 16)),
    )
    add(
        "house-dreams",
        "house of dreams",
        "method",
        "three houses dreams wishes hopes future",
        "A house with a star on it: the house of dreams.",
        house(SKY, CREAM, star(100, 112, 19)),
    )
    add(
        "speech-bubble",
        "speech bubble",
        "method",
        "speech bubble says talk said words voice",
        "An empty speech bubble.",
        path(
            "M40 36 L160 36 Q180 36 180 56 L180 116 Q180 136 160 136 L92 136 L56 170 L62 136"
            " L40 136 Q20 136 20 116 L20 56 Q20 36 40 36 Z",
            WHITE,
        ),
    )
    add(
        "thought-bubble",
        "thought bubble",
        "method",
        "thought bubble thinks thinking wonder",
        "An empty thought bubble.",
        "\n".join(
            [
                path(
                    "M52 122 Q22 122 24 96 Q26 72 52 72 Q56 40 90 40 Q116 40 124 58 Q146 44 166 60"
                    " Q184 76 172 98 Q184 122 160 132 Q146 148 120 136 Q100 152 78 138"
                    " Q58 142 52 122 Z",
                    WHITE,
                ),
                circle(62, 158, 10, WHITE),
                circle(42, 180, 6, WHITE),
            ]
        ),
    )
    ring = [
        ("happy", SKIN["light"], HAIR["grey"]),
        ("calm", SKIN["brown"], HAIR["black"]),
        ("happy", SKIN["deep"], HAIR["black"]),
        ("calm", SKIN["fair"], HAIR["auburn"]),
        ("happy", SKIN["medium"], HAIR["dark"]),
        ("calm", SKIN["light"], HAIR["blonde"]),
    ]
    shirts = [SKY, PEACH, SAGE, LILAC, YELLOW, ROSE]
    circ = [circle(100, 100, 68, "none")]
    for i, (feel, skin, hair) in enumerate(ring):
        a = -math.pi / 2 + i * math.pi / 3
        circ.append(
            mini_face(
                100 + 68 * math.cos(a), 92 + 68 * math.sin(a), 13, feel, skin, hair, shirts[i]
            )
        )
    circ.append(mini_face(100, 88, 17, "happy", SKIN["fair"], HAIR["dark"], YELLOW))
    add(
        "safety-circle",
        "safety circle",
        "method",
        "safety circle network people who help safety network support",
        "A child in the middle of a circle of six smiling people.",
        "\n".join(circ),
    )
    plan = [
        rect(40, 30, 120, 156, WOOD, 8),
        rect(52, 44, 96, 132, WHITE, 4),
        rect(76, 20, 48, 20, MIST, 6),
    ]
    for k in range(4):
        y = 62 + k * 28
        plan += [rect(62, y, 16, 16, SAGE, 3), line(88, y + 8, 136, y + 8)]
        if k < 3:
            plan.append(path(f"M{pt(65, y + 8)} L{pt(69, y + 12)} L{pt(76, y + 3)}"))
    add(
        "safety-plan",
        "safety plan",
        "method",
        "safety plan list rules steps checklist",
        "A clipboard with a list of steps, three ticked.",
        "\n".join(plan),
    )
