"""Comparing two versions of a story, and finding panels with no words (pure: documents in)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any


def panel_words(panel: dict[str, Any]) -> list[str]:
    """The words a panel prints, in order: heading, text, voices, steps, what 10 means."""
    words = [panel.get("heading") or "", panel.get("text") or ""]
    words += [v.get("text") or "" for v in panel.get("voices", [])]
    words += [s for s in panel.get("steps", []) if isinstance(s, str)]
    if panel.get("kind") == "scale":
        words.append((panel.get("scale") or {}).get("ten_means") or "")
    return [w for w in words if w.strip()]


def empty_panels(document: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    """Panels (1-based number, panel) with no words, which the worker confirms before sending.

    A heading alone does not count: a panel is read for what it says.
    """
    empty = []
    for number, panel in enumerate(document.get("panels", []), start=1):
        if panel.get("skipped"):
            continue
        body = panel_words({**panel, "heading": ""})
        if not body:
            empty.append((number, panel))
    return empty


@dataclass
class PanelDiff:
    """What changed in one panel between two versions."""

    number: int
    label: str
    change: str  # "added", "removed", "changed" or "same"
    words: list[tuple[str, str]] = field(default_factory=list)  # (same|added|removed, text)
    pictures_added: list[str] = field(default_factory=list)
    pictures_removed: list[str] = field(default_factory=list)


def picture_name(picture: dict[str, Any]) -> str:
    """How a picture is called in a diff: its label or description, else what kind it is."""
    named = picture.get("label") or picture.get("alt")
    if named:
        return str(named)
    kind, _, name = str(picture.get("src", "")).partition(":")
    if kind == "library":
        return name.replace("-", " ")
    return {"file": "a photo", "drawing": "a finger drawing", "emoji": "an emoji"}.get(
        kind, "a picture"
    )


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


def _picture_keys(panel: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    """Pictures by what they show (source and label), so a move is not an add and a remove."""
    keys: dict[str, dict[str, Any]] = {}
    for picture in (panel or {}).get("pictures", []):
        key = f"{picture.get('src')}|{picture.get('label') or ''}"
        n = 2
        base = key
        while key in keys:
            key, n = f"{base}#{n}", n + 1
        keys[key] = picture
    return keys


def _label(panel: dict[str, Any], number: int) -> str:
    heading = (panel.get("heading") or "").strip()
    return f"Panel {number}: {heading}" if heading else f"Panel {number}"


def _removed_label(panel: dict[str, Any]) -> str:
    heading = (panel.get("heading") or "").strip()
    return f"Taken out: {heading}" if heading else "Taken out: a panel"


def diff_documents(old: dict[str, Any], new: dict[str, Any]) -> list[PanelDiff]:
    """Compare two documents panel by panel (matched by panel id), in the newer order."""
    old_panels = {p.get("id") or f"#{i}": p for i, p in enumerate(old.get("panels", []))}
    seen: set[str] = set()
    diffs: list[PanelDiff] = []
    for number, panel in enumerate(new.get("panels", []), start=1):
        key = panel.get("id") or f"#{number - 1}"
        seen.add(key)
        before = old_panels.get(key)
        diffs.append(_panel_diff(before, panel, number))
    for key, panel in old_panels.items():
        if key not in seen:
            diff = _panel_diff(panel, None, 0)
            diffs.append(diff)
    return diffs


def _panel_diff(before: dict | None, after: dict | None, number: int) -> PanelDiff:
    old_text = "\n".join(panel_words(before)) if before else ""
    new_text = "\n".join(panel_words(after)) if after else ""
    old_pics, new_pics = _picture_keys(before), _picture_keys(after)
    shown = after or before or {}
    change = "added" if before is None else "removed" if after is None else "same"
    diff = PanelDiff(
        number=number,
        label=_label(shown, number) if after else _removed_label(shown),
        change=change,
        words=word_diff(old_text, new_text),
        pictures_added=[picture_name(p) for k, p in new_pics.items() if k not in old_pics],
        pictures_removed=[picture_name(p) for k, p in old_pics.items() if k not in new_pics],
    )
    moved = any(old_pics[k] != new_pics[k] for k in old_pics.keys() & new_pics.keys()) or (
        before or {}
    ).get("background") != (after or {}).get("background")
    if change == "same" and (
        any(kind != "same" for kind, _ in diff.words)
        or diff.pictures_added
        or diff.pictures_removed
        or (moved and before and after)
    ):
        diff.change = "changed"
    return diff
