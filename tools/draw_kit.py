"""Drawing kit for our illustrations: palette, SVG shapes, faces and the catalogue registry."""

from __future__ import annotations

import math
from pathlib import Path

OUT_DIR = Path(__file__).resolve().parent.parent / "static" / "illustrations"
INK = "#3a3a3a"
BASE = 188  # the ground line every figure stands on

# The palette: six soft colours, a few neutrals, and the uniform blues.
CREAM, SKY, SAGE, PEACH = "#fff4dc", "#a9d3ec", "#b5cfa7", "#f7c9a4"
YELLOW, ROSE, WHITE, MIST = "#f7d774", "#e3a6ae", "#ffffff", "#dcdcd6"
LILAC, WOOD, SLATE, NAVY = "#c9b8e0", "#d2a77d", "#7f8fb0", "#4d5f86"
DENIM, ROBE, SHOE, BLUSH = "#8ea6c8", "#5f6270", "#6e5a4c", "#e89aa4"
SKIN = {
    "light": "#f9dcc4",
    "fair": "#efc6a2",
    "medium": "#d6a072",
    "brown": "#b47b52",
    "deep": "#93603f",
}
HAIR = {
    "black": "#2f2a28",
    "dark": "#5a3b2a",
    "brown": "#8a5a3b",
    "auburn": "#b5653a",
    "blonde": "#e8c36a",
    "grey": "#c9c9c9",
    "white": "#efefef",
}


def n(v: float) -> str:
    """Format a coordinate compactly (one decimal, no trailing zero)."""
    s = f"{v:.1f}"
    return s[:-2] if s.endswith(".0") else s


def pt(*vals: float) -> str:
    """Join coordinates for path data."""
    return " ".join(n(v) for v in vals)


def el(tag: str, **attrs: object) -> str:
    """One self-closing SVG element; attribute names use _ for -."""
    parts = [
        f'{k.rstrip("_").replace("_", "-")}="{n(v) if isinstance(v, float) else v}"'
        for k, v in attrs.items()
        if v is not None
    ]
    return f"<{tag} {' '.join(parts)}/>"


def circle(x: float, y: float, r: float, fill: str = "none", **kw: object) -> str:
    """A circle."""
    return el("circle", cx=float(x), cy=float(y), r=float(r), fill=fill, **kw)


def ellipse(x: float, y: float, rx: float, ry: float, fill: str = "none") -> str:
    """An ellipse."""
    return el("ellipse", cx=float(x), cy=float(y), rx=float(rx), ry=float(ry), fill=fill)


def rect(x: float, y: float, w: float, h: float, fill: str = "none", rx: float = 0) -> str:
    """A rectangle, optionally with rounded corners."""
    return el(
        "rect",
        x=float(x),
        y=float(y),
        width=float(w),
        height=float(h),
        rx=float(rx) if rx else None,
        fill=fill,
    )


def path(d: str, fill: str = "none", **kw: object) -> str:
    """A path."""
    return el("path", d=d, fill=fill, **kw)


def poly(points: list[tuple[float, float]], fill: str = "none") -> str:
    """A closed polygon."""
    return path("M" + " L".join(pt(x, y) for x, y in points) + " Z", fill)


def line(x1: float, y1: float, x2: float, y2: float) -> str:
    """A straight ink line."""
    return path(f"M{pt(x1, y1)} L{pt(x2, y2)}")


def capsule(x1: float, y1: float, x2: float, y2: float, r: float, fill: str) -> str:
    """A rounded limb from one point to another, r wide on each side."""
    a = math.atan2(y2 - y1, x2 - x1)
    nx, ny = -math.sin(a) * r, math.cos(a) * r
    return path(
        f"M{pt(x1 + nx, y1 + ny)} L{pt(x2 + nx, y2 + ny)} A{pt(r, r)} 0 0 0 {pt(x2 - nx, y2 - ny)}"
        f" L{pt(x1 - nx, y1 - ny)} A{pt(r, r)} 0 0 0 {pt(x1 + nx, y1 + ny)} Z",
        fill,
    )


def heart(x: float, y: float, s: float, fill: str = ROSE) -> str:
    """A heart centred on (x, y), about 2s wide."""
    return path(
        f"M{pt(x, y + s * 0.85)} C{pt(x - s * 1.5, y - s * 0.05, x - s * 0.95, y - s * 1.15)}"
        f" {pt(x, y - s * 0.45)} C{pt(x + s * 0.95, y - s * 1.15, x + s * 1.5, y - s * 0.05)}"
        f" {pt(x, y + s * 0.85)} Z",
        fill,
    )


def star(x: float, y: float, r: float, fill: str = YELLOW) -> str:
    """A five-pointed star."""
    pts = []
    for i in range(10):
        rr = r if i % 2 == 0 else r * 0.48
        a = -math.pi / 2 + i * math.pi / 5
        pts.append((x + rr * math.cos(a), y + rr * math.sin(a)))
    return poly(pts, fill)


def cloud(x: float, y: float, s: float, fill: str = WHITE) -> str:
    """A soft cloud centred on (x, y), about 4s wide."""
    return path(
        f"M{pt(x - s * 1.6, y + s * 0.7)} A{pt(s * 0.7, s * 0.7)}"
        f" 0 0 1 {pt(x - s * 1.2, y - s * 0.3)}"
        f" A{pt(s * 0.9, s * 0.9)} 0 0 1 {pt(x + s * 0.2, y - s * 0.8)}"
        f" A{pt(s * 0.8, s * 0.8)} 0 0 1 {pt(x + s * 1.4, y - s * 0.1)}"
        f" A{pt(s * 0.6, s * 0.6)} 0 0 1 {pt(x + s * 1.6, y + s * 0.7)} Z",
        fill,
    )


def window(x: float, y: float, w: float, h: float, fill: str = SKY) -> str:
    """A window with a cross of glazing bars."""
    return (
        rect(x, y, w, h, fill, 3)
        + line(x + w / 2, y, x + w / 2, y + h)
        + line(x, y + h / 2, x + w, y + h / 2)
    )


def document(body: str) -> str:
    """Wrap drawing elements in our standard SVG document."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" height="200">\n'
        f'<g fill="none" stroke="{INK}" stroke-width="4" stroke-linecap="round" '
        f'stroke-linejoin="round">\n{body}\n</g>\n</svg>\n'
    )


# --- faces -------------------------------------------------------------------------------------

# Eyebrows: (outer end dy, inner end dy, arch) and mouths, in face units (a head of radius 24).
BROWS = {
    "friendly": (0, 0, -2),
    "happy": (-1.5, -1.5, -3.5),
    "sad": (2.5, -3, 0.5),
    "worried": (-1.5, -4.5, -1.5),
    "angry": (-3, 3, 0),
    "scared": (-3, -3.5, -3),
    "calm": (1, 1, -0.8),
}
MOUTHS = {
    "friendly": "M-5 0 Q0 5 5 0",
    "happy": "M-8 -1 Q0 11 8 -1",
    "sad": "M-6 4 Q0 -3 6 4",
    "worried": "M-7 2 Q-3.5 -2.5 0 2 Q3.5 6.5 7 2",
    "angry": "M-6 2.5 L6 2.5",
    "scared": "",
    "calm": "M-4.5 1 Q0 4 4.5 1",
}
FEELINGS = ("happy", "sad", "worried", "angry", "scared", "calm")


def face(cx: float, cy: float, r: float, feeling: str = "friendly", glasses: bool = False) -> str:
    """Dot eyes, eyebrows and a one-line mouth; the feeling lives only in brows and mouth."""
    s = r / 24
    out = [
        circle(cx + dx * s, cy + 7 * s, 4 * s, BLUSH, stroke="none", fill_opacity="0.45")
        for dx in (-14, 14)
    ]
    outer, inner, arch = BROWS[feeling]
    for side in (-1, 1):
        ex = cx + side * 8.5 * s
        out.append(circle(ex, cy + 1 * s, 3.2 * s, INK, stroke="none"))
        if glasses:
            out.append(circle(ex, cy + 1 * s, 7 * s))
        x_out, x_in = ex + side * 4.5 * s, ex - side * 4.5 * s
        y0 = cy - 7.5 * s - (4 * s if glasses else 0)
        out.append(
            path(
                f"M{pt(x_out, y0 + outer * s)}"
                f" Q{pt(ex, y0 + (outer + inner) / 2 * s + arch * s)} {pt(x_in, y0 + inner * s)}"
            )
        )
    if glasses:
        out.append(line(cx - 2 * s, cy + 1 * s, cx + 2 * s, cy + 1 * s))
    my = cy + (12 if glasses else 10) * s
    if feeling == "scared":
        out.append(ellipse(cx, my + 2 * s, 3.5 * s, 4.5 * s, WHITE))
    else:
        d = MOUTHS[feeling]
        toks = d.replace("M", "M ").replace("Q", " Q ").replace("L", " L ").split()
        res, nums = [], []
        for t in toks:
            if t.isalpha():
                res.append(t)
            else:
                nums.append(float(t))
                if len(nums) == 2:
                    res.append(pt(cx + nums[0] * s, my + nums[1] * s))
                    nums = []
        out.append(path(" ".join(res)))
    return "\n".join(out)


# --- the catalogue being built ----------------------------------------------------------

ENTRIES: list[dict[str, object]] = []


def add(ident: str, title: str, category: str, words: str, alt: str, body: str) -> None:
    """Register one drawing and its catalogue entry."""
    ENTRIES.append(
        dict(
            id=ident,
            title=title,
            category=category,
            words=words.split(),
            alt=alt,
            svg=document(body),
        )
    )
