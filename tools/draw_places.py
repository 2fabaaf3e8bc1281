"""Place drawings: home, school, hospital, police station, court, meeting room, cars, park."""

from __future__ import annotations

from draw_kit import (
    BASE,
    CREAM,
    INK,
    MIST,
    NAVY,
    PEACH,
    ROSE,
    SAGE,
    SKY,
    SLATE,
    WHITE,
    WOOD,
    YELLOW,
    add,
    circle,
    line,
    path,
    rect,
    window,
)

# --- places ------------------------------------------------------------------------------------


def ground(x1: float = 14, x2: float = 186) -> str:
    """The ground line."""
    return line(x1, BASE, x2, BASE)


def places() -> None:
    """Home, school, hospital, police station, court, meeting room, cars and the park."""
    add(
        "home",
        "home",
        "places",
        "home house family live where I live",
        "A house with a yellow door, two windows and a chimney.",
        "\n".join(
            [
                rect(128, 40, 16, 34, ROSE, 2),
                rect(42, 92, 116, 96, PEACH),
                path("M28 96 L100 36 L172 96 Z", ROSE),
                rect(86, 132, 28, 56, YELLOW, 4),
                circle(107, 162, 2.5, INK),
                window(52, 110, 26, 26),
                window(122, 110, 26, 26),
                ground(),
            ]
        ),
    )
    add(
        "school",
        "school",
        "places",
        "school class nursery lessons learning",
        "A school building with a clock and many windows.",
        "\n".join(
            [
                rect(18, 94, 164, 94, CREAM),
                path("M70 94 L100 52 L130 94 Z", SAGE),
                circle(100, 78, 11, WHITE),
                line(100, 78, 100, 71),
                line(100, 78, 105, 81),
                rect(86, 140, 28, 48, SAGE, 3),
                line(100, 140, 100, 188),
                *[window(x, 108, 22, 22) for x in (28, 62, 116, 150)],
                window(28, 146, 22, 22),
                window(150, 146, 22, 22),
                line(18, 94, 182, 94),
                ground(),
            ]
        ),
    )
    add(
        "hospital",
        "hospital",
        "places",
        "hospital doctor nurse ill poorly medical ward",
        "A hospital building with a cross sign.",
        "\n".join(
            [
                rect(38, 54, 124, 134, WHITE),
                rect(84, 22, 32, 32, WHITE, 4),
                path("M95 28 H105 V33 H110 V43 H105 V48 H95 V43 H90 V33 H95 Z", ROSE),
                *[window(x, y, 20, 18) for x in (50, 90, 130) for y in (68, 100)],
                rect(76, 140, 48, 48, SKY, 3),
                line(100, 140, 100, 188),
                path("M68 140 L132 140 L124 128 L76 128 Z", SAGE),
                ground(),
            ]
        ),
    )
    add(
        "police-station",
        "police station",
        "places",
        "police station building blue lamp",
        "A police station with a blue lamp over the door.",
        "\n".join(
            [
                rect(30, 74, 140, 114, MIST),
                rect(24, 64, 152, 14, SLATE, 3),
                rect(84, 134, 32, 54, NAVY, 3),
                rect(92, 112, 16, 14, SKY, 3),
                line(100, 126, 100, 134),
                *[window(x, 92, 24, 24) for x in (42, 134)],
                *[window(x, 142, 24, 24) for x in (42, 134)],
                ground(),
            ]
        ),
    )
    add(
        "court",
        "court",
        "places",
        "court courthouse judge law family court",
        "A court building with tall pillars and steps.",
        "\n".join(
            [
                path("M20 78 L100 34 L180 78 Z", CREAM),
                rect(28, 78, 144, 12, CREAM),
                *[rect(x, 90, 14, 74, WHITE) for x in (40, 73, 113, 146)],
                rect(22, 164, 156, 12, CREAM),
                rect(14, 176, 172, 12, CREAM),
                line(100, 50, 100, 68),
                line(88, 56, 112, 56),
                path("M84 57 L88 56 L92 57 Q88 64 84 57 Z"),
                path("M108 57 L112 56 L116 57 Q112 64 108 57 Z"),
            ]
        ),
    )
    add(
        "meeting-room",
        "meeting room",
        "places",
        "meeting room table chairs talk conference review office",
        "A meeting room with a table, chairs, cups and a plant.",
        "\n".join(
            [
                rect(30, 28, 80, 52, WHITE, 4),
                rect(128, 28, 44, 52, SKY, 4),
                line(150, 28, 150, 80),
                *[
                    path(f"M{x - 16} 150 L{x - 16} 96 Q{x} 88 {x + 16} 96 L{x + 16} 150 Z", SAGE)
                    for x in (56, 100, 144)
                ],
                path("M20 124 L180 124 L172 140 L28 140 Z", WOOD),
                line(40, 140, 40, BASE),
                line(160, 140, 160, BASE),
                rect(64, 110, 14, 14, WHITE, 2),
                rect(118, 110, 14, 14, YELLOW, 2),
                ground(),
            ]
        ),
    )
    add(
        "car",
        "car",
        "places",
        "car drive journey travel going visit",
        "A small blue car.",
        car(SKY),
    )
    add(
        "police-car",
        "police car",
        "places",
        "police car vehicle blue light",
        "A police car with a blue light on top.",
        car(WHITE, police=True),
    )
    add(
        "park",
        "park",
        "places",
        "park outside play family time tree bench visit",
        "A park with a tree, a bench and a sun.",
        "\n".join(
            [
                circle(160, 44, 16, YELLOW),
                rect(56, 112, 14, 76, WOOD, 3),
                circle(63, 84, 38, SAGE),
                circle(40, 100, 20, SAGE),
                circle(88, 100, 20, SAGE),
                rect(104, 150, 76, 10, WOOD, 3),
                line(112, 160, 112, BASE),
                line(172, 160, 172, BASE),
                rect(104, 132, 76, 10, WOOD, 3),
                ground(),
            ]
        ),
    )


def car(body: str, police: bool = False) -> str:
    """A small side-view car, optionally a police car."""
    out = [
        path(
            "M24 150 L28 124 Q30 116 40 114 L58 112 L74 86 Q78 80 88 80 L132 80 Q142 80 148 88"
            " L164 112 L170 114 Q178 118 178 128 L178 150 Q178 156 172 156"
            " L30 156 Q24 156 24 150 Z",
            body,
        ),
        path("M80 108 L88 92 Q90 89 94 89 L106 89 L106 108 Z", SKY),
        path("M116 108 L116 89 L132 89 Q136 89 138 92 L150 108 Z", SKY),
        circle(60, 156, 17, INK),
        circle(60, 156, 7, MIST),
        circle(144, 156, 17, INK),
        circle(144, 156, 7, MIST),
        rect(164, 122, 10, 8, YELLOW, 2),
        ground(),
    ]
    if police:
        out.insert(0, rect(90, 66, 20, 14, SKY, 4))
        out.insert(
            3,
            "".join(
                rect(30 + i * 18.5, 126, 18.5, 14, NAVY if i % 2 else YELLOW) for i in range(8)
            ),
        )
    return "\n".join(out)
