"""Standing figures: one body plan for every person, hair styles, and what they hold or wear."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from draw_kit import (
    BASE,
    HAIR,
    INK,
    MIST,
    NAVY,
    ROSE,
    SHOE,
    SKIN,
    SKY,
    SLATE,
    WHITE,
    YELLOW,
    capsule,
    circle,
    ellipse,
    face,
    heart,
    line,
    path,
    pt,
    rect,
)

# --- people ------------------------------------------------------------------------------------

BUILDS = {  # head cy, head r, shoulder y, hip y, half shoulder width, arm r, leg r, leg dx
    "adult": (50, 24, 78, 136, 27, 8, 9.5, 12),
    "teen": (66, 23, 92, 144, 24, 7.5, 9, 11),
    "child": (90, 22, 115, 153, 20, 7, 8, 9.5),
    "toddler": (118, 21, 141, 168, 18, 6.5, 7.5, 8.5),
}


@dataclass
class Person:
    """A standing figure: build, colours, hair style, clothes and extras."""

    build: str = "adult"
    skin: str = SKIN["fair"]
    hair: str = "short"
    hair_colour: str = HAIR["brown"]
    top: str = SKY
    legs: str = "trousers"  # trousers, skirt, robe
    bottom: str = SLATE
    feeling: str = "friendly"
    glasses: bool = False
    props: list[Callable[[dict[str, float]], str]] = field(default_factory=list)
    extras: list[Callable[[dict[str, float]], str]] = field(default_factory=list)
    cx: float = 100

    def geometry(self) -> dict[str, float]:
        """The body's key points, shared with props and extras."""
        cy, r, sh, hip, hw, arm, leg, ldx = BUILDS[self.build]
        c = self.cx
        return dict(
            cx=c,
            cy=cy,
            r=r,
            sh=sh,
            hip=hip,
            hw=hw,
            arm=arm,
            leg=leg,
            ldx=ldx,
            lx=c - hw - 9,
            rx=c + hw + 9,
            hy=hip + 1,
        )

    def draw(self) -> str:
        """Return the figure's SVG elements, back to front."""
        g = self.geometry()
        c, cy, r, sh, hip, hw = g["cx"], g["cy"], g["r"], g["sh"], g["hip"], g["hw"]
        out = [hair_back(self.hair, c, cy, r, self.hair_colour, before_body=True)]
        leg_fill, leg_r = (
            (self.bottom, g["leg"]) if self.legs == "trousers" else (self.skin, g["leg"] * 0.72)
        )
        for side in (-1, 1):
            x = c + side * g["ldx"]
            out.append(capsule(x, hip - 10, x, BASE - 9, leg_r, leg_fill))
        for side in (-1, 1):
            x = c + side * (g["ldx"] + 2)
            sw = g["leg"] + 3
            out.append(path(f"M{pt(x - sw, BASE)} A{pt(sw, 10)} 0 0 1 {pt(x + sw, BASE)} Z", SHOE))
        t = sh - 4
        out.append(
            path(
                f"M{pt(c - hw + 7, t)} Q{pt(c, t - 3, c + hw - 7, t)}"
                f" Q{pt(c + hw, t, c + hw, t + 10)}"
                f" L{pt(c + hw - 2, hip)} Q{pt(c, hip + 4, c - hw + 2, hip)} L{pt(c - hw, t + 10)}"
                f" Q{pt(c - hw, t, c - hw + 7, t)} Z",
                self.top,
            )
        )
        if self.legs in ("skirt", "robe"):
            low = hip + {"adult": 20, "teen": 18, "child": 11}.get(self.build, 3)
            low = low if self.legs == "skirt" else BASE - 12
            fill = self.bottom
            out.append(
                path(
                    f"M{pt(c - hw + 3, hip - 12)} L{pt(c + hw - 3, hip - 12)}"
                    f" L{pt(c + hw + 7, low)}"
                    f" Q{pt(c, low + 5, c - hw - 7, low)} Z",
                    fill,
                )
            )
        for side in (-1, 1):
            out.append(
                capsule(
                    c + side * (hw - 4), sh + 5, c + side * (hw + 8), hip - 6, g["arm"], self.top
                )
            )
        out += [p(g) for p in self.props]
        out += [circle(x, g["hy"], g["arm"] - 0.5, self.skin) for x in (g["lx"] + 1, g["rx"] - 1)]
        out.append(hair_back(self.hair, c, cy, r, self.hair_colour, before_body=False))
        out.append(circle(c, cy, r, self.skin))
        out.append(hair_front(self.hair, c, cy, r, self.hair_colour))
        out.append(face(c, cy, r, self.feeling, self.glasses))
        out += [e(g) for e in self.extras]
        return "\n".join(x for x in out if x)


def cap_path(c: float, cy: float, r: float, fringe: float = 0.72) -> str:
    """The top of a head with a soft fringe line, sides down to eye level."""
    big = r + 2
    return (
        f"M{pt(c - big, cy)} A{pt(big, big)} 0 1 1 {pt(c + big, cy)}"
        f" Q{pt(c + big * 0.95, cy - r * 0.75, c + r * 0.1, cy - r * fringe)}"
        f" Q{pt(c - r * 0.7, cy - r * (fringe + 0.08), c - big, cy)} Z"
    )


def hair_back(style: str, c: float, cy: float, r: float, col: str, before_body: bool) -> str:
    """Hair (or scarf) that sits behind the head: long locks, bunches, a bun, a head scarf."""
    big = r + 2
    if style == "long" and not before_body:
        return path(
            f"M{pt(c - big - 2, cy - 2)} L{pt(c - big - 5, cy + r + 14)}"
            f" Q{pt(c - big + 3, cy + r + 20, c - r * 0.45, cy + r + 11)}"
            f" L{pt(c - r * 0.35, cy + r * 0.5)} L{pt(c + r * 0.35, cy + r * 0.5)}"
            f" L{pt(c + r * 0.45, cy + r + 11)}"
            f" Q{pt(c + big - 3, cy + r + 20, c + big + 5, cy + r + 14)}"
            f" L{pt(c + big + 2, cy - 2)} A{pt(big + 2, big + 2)}"
            f" 0 0 0 {pt(c - big - 2, cy - 2)} Z",
            col,
        )
    if style == "bunches" and not before_body:
        return "".join(
            circle(c + side * r * 1.18, cy - r * 0.15, r * 0.42, col) for side in (-1, 1)
        )
    if style == "bun" and not before_body:
        return circle(c, cy - r - r * 0.12, r * 0.42, col)
    if style == "scarf" and not before_body:
        return path(
            f"M{pt(c - big - 6, cy)} A{pt(big + 6, big + 6)} 0 0 1 {pt(c + big + 6, cy)}"
            f" L{pt(c + big + 9, cy + r + 18)} Q{pt(c, cy + r + 30, c - big - 9, cy + r + 18)} Z",
            col,
        )
    return ""


def hair_front(style: str, c: float, cy: float, r: float, col: str) -> str:
    """Hair that sits over the top of the head."""
    if style in ("short", "long", "bunches", "bun", "scarf"):
        return path(cap_path(c, cy, r, 0.8), col)
    if style == "curly":
        bumps = [path(cap_path(c, cy, r, 0.8), col)]
        for deg in (-64, -42, -21, 0, 21, 42, 64):
            a = math.radians(deg)
            bumps.append(
                circle(c + math.sin(a) * r * 1.0, cy - math.cos(a) * r * 1.0, r * 0.26, col)
            )
        return "\n".join(bumps)
    if style == "bald":
        return "".join(
            ellipse(c + side * r * 0.98, cy - r * 0.2, r * 0.2, r * 0.34, col) for side in (-1, 1)
        )
    if style == "wig":
        out = [path(cap_path(c, cy, r, 0.7), col)]
        for side in (-1, 1):
            for k in range(3):
                out.append(circle(c + side * (r + 3), cy - r * 0.1 + k * r * 0.42, r * 0.24, col))
        return "\n".join(out)
    if style == "tuft":
        return path(f"M{pt(c - 4, cy - r)} Q{pt(c, cy - r - 10, c + 6, cy - r - 6)}")
    return ""


# --- props and extras (drawn with the figure's geometry) ---------------------------------------

Geo = dict[str, float]


def folder(g: Geo) -> str:
    """A folder held in the right hand."""
    x, y = g["rx"], g["hy"]
    return rect(x - 12, y - 26, 26, 32, YELLOW, 3) + line(x - 12, y - 18, x + 14, y - 18)


def book(g: Geo) -> str:
    """A book held in the left hand."""
    x, y = g["lx"], g["hy"]
    return rect(x - 13, y - 26, 24, 30, ROSE, 3) + line(x - 7, y - 26, x - 7, y + 4)


def stick(g: Geo) -> str:
    """A walking stick in the right hand."""
    x, y = g["rx"], g["hy"]
    return path(
        f"M{pt(x - 9, y - 4)} Q{pt(x - 9, y - 14, x, y - 14)} Q{pt(x + 6, y - 14, x + 6, y - 4)}"
        f" L{pt(x + 6, BASE)}"
    )


def lanyard(g: Geo) -> str:
    """A lanyard and an ID badge (blank)."""
    c, sh = g["cx"], g["sh"]
    return (
        path(f"M{pt(c - 10, sh - 4)} L{pt(c, sh + 18)} L{pt(c + 10, sh - 4)}")
        + rect(c - 8, sh + 16, 16, 20, WHITE, 3)
        + line(c - 3, sh + 29, c + 3, sh + 29)
    )


def coat(g: Geo) -> str:
    """Open white coat lapels with a stethoscope."""
    c, sh, hip = g["cx"], g["sh"], g["hip"]
    return "\n".join(
        [
            path(f"M{pt(c - 11, sh - 4)} L{pt(c, sh + 22)} L{pt(c + 11, sh - 4)}", SKY),
            line(c, sh + 22, c, hip + 1),
            path(f"M{pt(c - 15, sh - 2)} Q{pt(c - 18, sh + 28, c - 6, sh + 30)}"),
            path(f"M{pt(c + 15, sh - 2)} Q{pt(c + 18, sh + 22, c + 13, sh + 32)}"),
            circle(c + 13, sh + 37, 5, MIST),
        ]
    )


def scrubs(g: Geo) -> str:
    """A V neck and a fob watch."""
    c, sh = g["cx"], g["sh"]
    return path(f"M{pt(c - 9, sh - 4)} L{pt(c, sh + 10)} L{pt(c + 9, sh - 4)}") + circle(
        c + 15, sh + 18, 5, WHITE
    )


def hivis(g: Geo) -> str:
    """A reflective band across a high-visibility jacket, between the arms."""
    c, sh, hw = g["cx"], g["sh"], g["hw"]
    return rect(c - hw + 8, sh + 28, hw * 2 - 16, 9, MIST) + line(c, sh - 2, c, sh + 28)


def police_cap(g: Geo) -> str:
    """A peaked cap with a chequered band."""
    c, cy, r = g["cx"], g["cy"], g["r"]
    top, band = cy - r - 14, cy - r
    out = [
        path(
            f"M{pt(c - r - 3, band)} Q{pt(c - r - 5, top, c, top)}"
            f" Q{pt(c + r + 5, top, c + r + 3, band)} Z",
            NAVY,
        )
    ]
    w = (2 * r + 6) / 6
    out.append(rect(c - r - 3, band, 2 * r + 6, 9, WHITE))
    out += [rect(c - r - 3 + i * w, band, w, 9, NAVY) for i in range(0, 6, 2)]
    out.append(path(f"M{pt(c - r + 4, band + 9)} Q{pt(c, band + 13, c + r - 4, band + 9)} Z", INK))
    return "\n".join(out)


def judge_bands(g: Geo) -> str:
    """White collar bands on a judge's robe."""
    c, sh = g["cx"], g["sh"]
    return path(
        f"M{pt(c - 8, sh - 4)} L{pt(c + 8, sh - 4)} L{pt(c + 7, sh + 16)} L{pt(c - 7, sh + 16)} Z",
        WHITE,
    ) + line(c, sh - 2, c, sh + 16)


def jumper_heart(g: Geo) -> str:
    """A heart on the jumper."""
    return heart(g["cx"] + 9, g["sh"] + 18, 7)


def hood(g: Geo) -> str:
    """The strings and pocket of a hoodie."""
    c, sh, hip = g["cx"], g["sh"], g["hip"]
    return (
        line(c - 6, sh, c - 6, sh + 14)
        + line(c + 6, sh, c + 6, sh + 14)
        + path(
            f"M{pt(c - 14, hip - 4)} L{pt(c - 10, hip - 18)}"
            f" L{pt(c + 10, hip - 18)} L{pt(c + 14, hip - 4)}"
        )
    )


def apron(g: Geo) -> str:
    """A small apron pocket (a cardigan-style front)."""
    c, sh, hip = g["cx"], g["sh"], g["hip"]
    return line(c, sh + 2, c, hip + 1) + "".join(
        circle(c + 5, sh + 12 + k * 13, 1.5, INK) for k in range(3)
    )
