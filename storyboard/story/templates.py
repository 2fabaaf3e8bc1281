"""Story templates: data files of sections, panels, worker prompts and example wording.

Templates live in `storyboard/data/templates/*.json`. The standard template also holds the
guide for every section; other templates list only their panels and may give a panel its own
prompts and example. Prompts and examples guide the worker and are never printed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import IO

from storyboard.story.constants import KINDS, SECTIONS

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "data" / "templates"
STANDARD = "standard"


@dataclass(frozen=True)
class Guide:
    """What the worker sees above a panel: the section's name, questions and an example."""

    section_name: str
    prompts: tuple[str, ...]
    example: str
    # What the section is for in the method, in a sentence or two (the standard template's).
    about: str = ""

    def for_child(self, child: str) -> Guide:
        """Return the guide with the child's name put in."""
        name = child or "the child"
        return Guide(
            self.section_name.replace("{child}", name),
            tuple(p.replace("{child}", name) for p in self.prompts),
            self.example.replace("{child}", name),
            self.about.replace("{child}", name),
        )


@dataclass(frozen=True)
class PanelSpec:
    """One panel a template starts with."""

    key: str
    section: str
    kind: str = "text"
    heading: str = ""
    voices: tuple[str, ...] = ()
    prompts: tuple[str, ...] = ()
    example: str | None = None


@dataclass(frozen=True)
class Template:
    """A story template: its name, a summary for the worker, and its panels."""

    id: str
    name: str
    summary: str
    order: int
    minimal: bool
    panels: tuple[PanelSpec, ...]
    sections: dict[str, Guide] = field(default_factory=dict)


class TemplateError(ValueError):
    """A template file that does not follow the format."""


def _panel(raw: dict, place: str) -> PanelSpec:
    section = raw.get("section")
    kind = raw.get("kind", "text")
    if section not in SECTIONS:
        raise TemplateError(f"{place}: unknown section {section!r}")
    if kind not in KINDS:
        raise TemplateError(f"{place}: unknown kind {kind!r}")
    return PanelSpec(
        key=str(raw["key"]),
        section=section,
        kind=kind,
        heading=str(raw.get("heading", "")),
        voices=tuple(str(v.get("label", "")) for v in raw.get("voices", [])),
        prompts=tuple(str(p) for p in raw.get("prompts", [])),
        example=raw.get("example"),
    )


def _load(path: Path) -> Template:
    raw = json.loads(path.read_text(encoding="utf-8"))
    sections = {
        key: Guide(
            str(g["name"]),
            tuple(g.get("prompts", [])),
            str(g.get("example", "")),
            str(g.get("about", "")),
        )
        for key, g in raw.get("sections", {}).items()
    }
    panels = tuple(_panel(p, f"{path.name} panels[{i}]") for i, p in enumerate(raw["panels"]))
    keys = [p.key for p in panels]
    if len(set(keys)) != len(keys):
        raise TemplateError(f"{path.name}: panel keys must be unique")
    return Template(
        id=str(raw["id"]),
        name=str(raw["name"]),
        summary=str(raw.get("summary", "")),
        order=int(raw.get("order", 99)),
        minimal=bool(raw.get("minimal", False)),
        panels=panels,
        sections=sections,
    )


@cache
def all_templates() -> dict[str, Template]:
    """Return every template by id, in the order workers see them."""
    found = [_load(path) for path in sorted(TEMPLATE_DIR.glob("*.json"))]
    found.sort(key=lambda t: (t.order, t.name))
    templates = {t.id: t for t in found}
    standard = templates.get(STANDARD)
    if standard is None or set(standard.sections) != set(SECTIONS):
        raise TemplateError("the standard template must give a guide for every section")
    return templates


def get_template(template_id: str | None) -> Template:
    """Return a template by id, or the standard one."""
    templates = all_templates()
    return templates.get(template_id or STANDARD) or templates[STANDARD]


def section_names() -> dict[str, str]:
    """Return each section's name for people, e.g. 'worried' -> 'Who is worried'."""
    return {key: g.section_name for key, g in all_templates()[STANDARD].sections.items()}


def guide_for(template_id: str | None, section: str, key: str | None) -> Guide:
    """Return the guide for a panel: its template panel's own prompts, else its section's."""
    base = (
        all_templates()[STANDARD].sections.get(section)
        or all_templates()[STANDARD].sections["custom"]
    )
    spec = None
    if key:
        spec = next((p for p in get_template(template_id).panels if p.key == key), None)
        if spec is None:
            spec = next((p for p in get_template(STANDARD).panels if p.key == key), None)
    if spec is None:
        return base
    return Guide(
        base.section_name,
        spec.prompts or base.prompts,
        spec.example if spec.example is not None else base.example,
        base.about,
    )


def extract_template_words(
    fileobj: IO[bytes], keywords: object, comment_tags: object, options: object
) -> Iterator[tuple[int, None, str, list[str]]]:
    """Babel's extractor for a template file (see `babel-booklet.cfg`): the words a new story
    prints, its page headings and the labels of its two views, for the booklet's catalogue.
    Section names, prompts and examples guide the worker and stay English."""
    text = fileobj.read().decode("utf-8")
    lines = text.splitlines()
    for panel in json.loads(text).get("panels", []):
        found = [("a page heading", str(panel.get("heading", "")))]
        found += [("the label over one of two views", str(v.get("label", "")))
                  for v in panel.get("voices", [])]  # fmt: skip
        for what, words in found:
            if not words.strip():
                continue
            quoted = json.dumps(words, ensure_ascii=False)
            lineno = next((n for n, line in enumerate(lines, 1) if quoted in line), 1)
            note = f"{what} ({panel.get('section', 'custom')} section) a template starts with"
            if "{child}" in words:
                note += "; {child} is the child's name: keep it as it is"
            yield lineno, None, words, [note]
