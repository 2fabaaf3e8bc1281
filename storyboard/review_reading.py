"""The booklet as the child will see it, reflowed for a phone: same words, pictures and order.

The printed pages are laid out for paper (`booklet.model`); a reviewer on a phone reads the same
panels one under the other, in large type, with the same scenes. Panel choice and order follow
`build_booklet`: skipped panels left out, the minimal version keeps only its sections and
swaps names for roles, the title first, "who I can talk to" last.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from typing import Any

from storyboard.booklet.model import format_date
from storyboard.booklet.scene import scale_svg, scene_svg
from storyboard.storyfile import StoryFile

MINIMAL_SECTIONS = ("title", "safety-plan", "talk-to")


@dataclass
class ReadingPanel:
    """One panel as the reviewer reads it; `index` is its place in the document (for comments)."""

    index: int
    role: str
    heading: str
    paragraphs: list[str]
    picture: str | None = None  # a data: URL of the scene SVG
    alt: str = ""
    speaker: str = ""
    voices: list[tuple[str, list[str]]] = field(default_factory=list)


def _swapper(doc: dict[str, Any]):
    """In the minimal version, people's names (not the child's) become their roles."""
    if not doc.get("minimal"):
        return lambda text: text
    child = doc["child"]["name"]
    table = {
        p["name"]: p.get("role") or ""
        for p in doc.get("people", [])
        if p.get("name") and p["name"] != child
    }
    if not table:
        return lambda text: text
    pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in table) + r")\b")
    return lambda text: pattern.sub(lambda m: table[m.group(1)], text)


def _data_url(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def reading_view(storyfile: StoryFile) -> list[ReadingPanel]:
    """The panels in booklet order, each with its words and its picture."""
    doc = storyfile.document
    clean = _swapper(doc)
    direction = (
        "rtl" if doc.get("language", "en").split("-")[0] in ("ar", "he", "fa", "ur") else "ltr"
    )
    people = {p["id"]: p for p in doc.get("people", [])}

    def speaker(key: str | None) -> str:
        person = people.get(key or "")
        if not person:
            return ""
        role, name = person.get("role", ""), person.get("name", "")
        if doc.get("minimal"):
            return role
        return f"{name} ({role})" if role and name and role != name else (name or role)

    chosen = [
        (i, p)
        for i, p in enumerate(doc["panels"])
        if not p.get("skipped") and (not doc.get("minimal") or p.get("section") in MINIMAL_SECTIONS)
    ]
    title = chosen[0] if chosen and chosen[0][1].get("section") == "title" else None
    body = chosen[1:] if title else chosen
    talk = [item for item in body if item[1].get("section") == "talk-to"]
    end = talk[-1] if talk else None
    ordered = [item for item in body if item is not end] + ([end] if end else [])

    out: list[ReadingPanel] = []
    if title is not None:
        index, panel = title
        lines = [clean(t) for t in (panel.get("text") or "").split("\n") if t.strip()]
        if doc.get("made_by") and not doc.get("minimal"):
            lines.append(doc["made_by"])
        if doc.get("date"):
            lines.append(format_date(doc["date"], doc.get("language", "en")))
        reading = ReadingPanel(index, "title", clean(doc["title"]), lines)
        _picture(reading, panel, storyfile, clean, direction)
        out.append(reading)
    for index, panel in ordered:
        words = [clean(t) for t in (panel.get("text") or "").split("\n") if t.strip()]
        words += [f"{n}. {clean(s)}" for n, s in enumerate(panel.get("steps", []), 1) if s.strip()]
        ten = (panel.get("scale") or {}).get("ten_means", "")
        if panel.get("kind") == "scale" and ten.strip():
            words.append(f"10 = {clean(ten)}")
        reading = ReadingPanel(
            index,
            "end" if end is not None and index == end[0] else "panel",
            clean(panel.get("heading") or ""),
            words,
            speaker=clean(speaker(panel.get("speaker"))),
            voices=[
                (
                    clean(v.get("label") or speaker(v.get("speaker"))),
                    [clean(t) for t in v["text"].split("\n") if t.strip()],
                )
                for v in panel.get("voices", [])[:2]
                if (v.get("text") or "").strip()
            ],
        )
        _picture(reading, panel, storyfile, clean, direction)
        out.append(reading)
    return out


def _picture(reading: ReadingPanel, panel: dict, storyfile: StoryFile, clean, direction) -> None:
    """Add the panel's scene (or its safety scale) as an SVG picture."""
    if panel.get("kind") == "scale":
        value = (panel.get("scale") or {}).get("value")
        reading.picture = _data_url(scale_svg(value, direction=direction))
        reading.alt = "A scale from 0 to 10" + (
            f", marked at {value:g}" if value is not None else ""
        )
    elif panel.get("pictures") or panel.get("background"):
        reading.picture = _data_url(scene_svg(panel, storyfile, [], label_map=clean))
        parts = [p.get("alt") or p.get("label") or "" for p in panel.get("pictures", [])]
        reading.alt = clean(", ".join(p for p in parts if p) or "A picture")
