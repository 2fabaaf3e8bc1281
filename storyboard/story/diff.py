"""Comparing two versions of a story, and finding panels with no words (pure: typed stories in)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from storyboard.story.model import Panel, Picture, Story


def panel_words(panel: Panel) -> list[str]:
    """The words a panel prints, in order: heading, text, voices, steps, what 10 means; then
    the same in the second language (`_2`), when there are any."""
    words = [panel.heading, panel.text]
    words += [voice.text for voice in panel.voices]
    words += list(panel.steps)
    if panel.kind == "scale" and panel.scale is not None:
        words.append(panel.scale.ten_means)
    words += [panel.heading_2, panel.text_2]
    words += [voice.text_2 for voice in panel.voices]
    words += list(panel.steps_2)
    if panel.kind == "scale" and panel.scale is not None:
        words.append(panel.scale.ten_means_2)
    return [w for w in words if w.strip()]


def wordless_panels(story: Story) -> list[tuple[int, Panel]]:
    """Panels (1-based number, panel) with no words, which the worker confirms before sending.

    A heading alone does not count: a panel is read for what it says. (A page of pictures
    alone still prints; only `story.reading.empty_panels` are left out of the booklet.)
    """
    return [
        (number, panel)
        for number, panel in enumerate(story.panels, start=1)
        if not panel.skipped
        and not panel_words(panel.model_copy(update={"heading": "", "heading_2": ""}))
    ]


@dataclass
class PanelDiff:
    """What changed in one panel between two versions."""

    number: int
    label: str
    change: str  # "added", "removed", "changed" or "same"
    words: list[tuple[str, str]] = field(default_factory=list)  # (same|added|removed, text)
    pictures_added: list[str] = field(default_factory=list)
    pictures_removed: list[str] = field(default_factory=list)
    heading: str = ""  # a printed page's heading (its label says it too, in English)


class PictureName(str):
    """How a picture is called in a diff, in English (it is a `str`, compared by its words),
    and what it is, so a family's page can say it in their language: `typed` when the words
    are the picture's own (its `label`, else its `alt`: `from_label` says which), else
    `kind` ("library", "file", "drawing", "emoji") and the library picture's `ident`."""

    kind: str
    ident: str
    typed: bool
    from_label: bool

    def __new__(cls, text: str, kind: str, ident: str = "", typed: bool = False,
                from_label: bool = False) -> PictureName:  # fmt: skip
        made = super().__new__(cls, text)
        made.kind, made.ident, made.typed, made.from_label = kind, ident, typed, from_label
        return made

    def with_text(self, text: str) -> PictureName:
        """The same picture, called by other words (a minimal version's names replaced)."""
        return PictureName(text, self.kind, self.ident, self.typed, self.from_label)


def picture_name(picture: Picture) -> PictureName:
    """How a picture is called in a diff: its label or description, else what kind it is."""
    kind, ident = picture.kind, picture.name
    if picture.label or picture.alt:
        return PictureName(
            picture.label or picture.alt, kind, ident, typed=True, from_label=bool(picture.label)
        )
    if kind == "library":
        return PictureName(ident.replace("-", " "), kind, ident)
    text = {"file": "a photo", "drawing": "a finger drawing", "emoji": "an emoji"}
    return PictureName(text.get(kind, "a picture"), kind, ident)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Words kept, added and removed between two texts (word by word, via difflib)."""
    a, b = old.split(), new.split()
    parts: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(("removed", " ".join(a[i1:i2])))
        if j2 > j1:
            parts.append(("added", " ".join(b[j1:j2])))
    return parts


def _picture_keys(panel: Panel | None) -> dict[str, Picture]:
    """Pictures by what they show (source and label), so a move is not an add and a remove."""
    keys: dict[str, Picture] = {}
    for picture in panel.pictures if panel else []:
        key = base = f"{picture.src}|{picture.label}"
        n = 2
        while key in keys:
            key, n = f"{base}#{n}", n + 1
        keys[key] = picture
    return keys


def _label(panel: Panel, number: int) -> str:
    heading = panel.heading.strip()
    return f"Panel {number}: {heading}" if heading else f"Panel {number}"


def _removed_label(panel: Panel) -> str:
    heading = panel.heading.strip()
    return f"Taken out: {heading}" if heading else "Taken out: a panel"


def diff_stories(old: Story, new: Story) -> list[PanelDiff]:
    """Compare two stories panel by panel (matched by panel id), in the newer order."""
    old_panels = {p.id or f"#{i}": p for i, p in enumerate(old.panels)}
    seen: set[str] = set()
    diffs: list[PanelDiff] = []
    for number, panel in enumerate(new.panels, start=1):
        key = panel.id or f"#{number - 1}"
        seen.add(key)
        diffs.append(_panel_diff(old_panels.get(key), panel, number))
    diffs += [_panel_diff(p, None, 0) for key, p in old_panels.items() if key not in seen]
    return diffs


def _panel_diff(before: Panel | None, after: Panel | None, number: int) -> PanelDiff:
    old_text = "\n".join(panel_words(before)) if before else ""
    new_text = "\n".join(panel_words(after)) if after else ""
    old_pics, new_pics = _picture_keys(before), _picture_keys(after)
    shown = after or before
    change = "added" if before is None else "removed" if after is None else "same"
    diff = PanelDiff(
        number=number,
        label=_label(shown, number) if after else _removed_label(shown),
        change=change,
        words=word_diff(old_text, new_text),
        pictures_added=[picture_name(p) for k, p in new_pics.items() if k not in old_pics],
        pictures_removed=[picture_name(p) for k, p in old_pics.items() if k not in new_pics],
    )
    moved = (
        before is not None
        and after is not None
        and (
            any(old_pics[k] != new_pics[k] for k in old_pics.keys() & new_pics.keys())
            or before.background != after.background
        )
    )
    _mark_changed(diff, moved)
    return diff


def _mark_changed(diff: PanelDiff, moved: bool = False) -> None:
    """A page matched in both versions is "changed" if any word or picture differs."""
    if diff.change == "same" and (
        any(kind != "same" for kind, _ in diff.words)
        or diff.pictures_added
        or diff.pictures_removed
        or moved
    ):
        diff.change = "changed"


def _printed_words(page) -> str:  # noqa: ANN001
    """A printed page's words in reading order, as the reader sees them."""
    words = [page.heading, *page.paragraphs]
    for label, lines in page.voices:
        words += [label, *lines]
    words += [page.speaker, *(f"{m.label} {m.value:g}" for m in page.marks)]
    words += [page.heading_2, *page.paragraphs_2]  # a bilingual story's second language
    for label, lines in page.voices_2:
        words += [label, *lines]
    return "\n".join(w for w in words if w and w.strip())


def diff_printed(old: Story, new: Story) -> list[PanelDiff]:
    """What changed between two versions as a reader sees them: only the pages that print,
    their words as printed (a minimal version's names replaced by roles, skipped pages left
    out), matched by panel id, numbered in the newer booklet's order."""
    from storyboard.story.reading import name_swapper, printed_panels

    def pages(story: Story) -> dict[str, tuple[object, list[str]]]:
        clean = name_swapper(story)
        out = {}
        for page in printed_panels(story):
            key = (page.panel.id or f"#{page.index}") if page.panel else f"@{page.role}"
            pictures = [
                (name := picture_name(p)).with_text(clean(name))
                for p in (page.panel.pictures if page.panel else [])
            ]
            out[key] = (page, pictures)
        return out

    before, after = pages(old), pages(new)
    diffs = []
    for number, (key, (page, pictures)) in enumerate(after.items(), start=1):
        was = before.get(key)
        old_words = _printed_words(was[0]) if was else ""
        old_pictures = was[1] if was else []
        diff = PanelDiff(
            number=number,
            label=f"Page {number}: {page.heading}" if page.heading else f"Page {number}",
            change="added" if was is None else "same",
            words=word_diff(old_words, _printed_words(page)),
            pictures_added=[p for p in pictures if p not in old_pictures],
            pictures_removed=[p for p in old_pictures if p not in pictures],
            heading=page.heading or "",
        )
        _mark_changed(diff)
        diffs.append(diff)
    for key in before:
        if key not in after:
            diffs.append(PanelDiff(0, "A page taken out", "removed", []))
    return diffs
