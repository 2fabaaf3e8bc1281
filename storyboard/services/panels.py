"""Panel operations: start a story from a template, insert, duplicate, reorder, skip, delete
and undo, and save with a version check so two devices never overwrite each other silently.

Views call these and commit; nothing here reads the request. Story text never goes into the
audit details or the logs.
"""

from __future__ import annotations

import copy
from typing import Any

from sqlalchemy import func, select, update

from storyboard.services import audit
from storyboard.services.db import db
from storyboard.services.models import Case, Panel, Storyboard, User, utcnow
from storyboard.services.panel_fields import (
    LABEL_MAX,
    SAVE_FIELDS,
    PanelError,
    _text,
    clean_changes,
    scale_state,
)
from storyboard.services.storydoc import to_document
from storyboard.story.constants import KINDS, MAX_PANELS, SECTIONS
from storyboard.story.reading import empty_panels
from storyboard.story.storyfile import parse
from storyboard.story.templates import get_template
from storyboard.story.wording import default_title, words

# --- reading -------------------------------------------------------------------------------


def live_panels(storyboard: Storyboard) -> list[Panel]:
    """Return the panels that are not deleted, in story order."""
    query = (
        select(Panel)
        .where(Panel.storyboard_id == storyboard.id, Panel.deleted_at.is_(None))
        .order_by(Panel.position, Panel.id)
    )
    return list(db.session.scalars(query))


def panel_state(panel: Panel) -> dict[str, Any]:
    """Return everything the editor shows of a panel (the words included), as JSON data."""
    extra = panel.extra or {}
    return {
        "id": panel.id,
        "version": panel.version,
        "position": panel.position,
        "section": panel.section,
        "kind": panel.kind,
        "heading": panel.heading or "",
        "text": panel.text or "",
        "speaker": panel.speaker or "",
        "voices": list(panel.voices or []),
        "scene": dict(panel.scene or {}),
        "scale": scale_state(extra.get("scale")),
        "steps": list(extra.get("steps") or []),
        "heading_2": panel.heading_2 or "",
        "text_2": panel.text_2 or "",
        "steps_2": list(extra.get("steps_2") or []),
        "skipped": bool(panel.skipped),
        "deleted": panel.deleted_at is not None,
    }


def left_out(storyboard: Storyboard) -> set[int]:
    """The ids of the pages left out of the booklet because they are empty (the page list
    says "Empty"); the rule is the booklet's own, `story.reading.empty_panels`."""
    ids = [panel.id for panel in live_panels(storyboard)]
    story = parse(to_document(storyboard))
    return {ids[index] for index, _ in empty_panels(story)}


# --- starting a story ----------------------------------------------------------------------


def next_number(case: Case) -> int:
    """Return the next storyboard number in a case."""
    top = db.session.scalar(
        select(func.max(Storyboard.number)).where(Storyboard.case_id == case.id)
    )
    return (top or 0) + 1


def new_panel(storyboard: Storyboard, position: int, section: str, kind: str = "text") -> Panel:
    """Make an empty panel of a section and kind (not yet positioned among the others)."""
    if section not in SECTIONS:
        raise PanelError(400, "invalid", "That is not a section of the story.")
    if kind not in KINDS:
        raise PanelError(400, "invalid", "That is not a kind of panel.")
    extra: dict[str, Any] = {}
    if kind == "scale":
        extra["scale"] = {"ratings": [], "ten_means": ""}
    if kind == "steps":
        extra["steps"] = ["", "", ""]
    return Panel(
        storyboard=storyboard,
        position=position,
        section=section,
        kind=kind,
        heading="",
        text="",
        voices=[],
        scene={},
        extra=extra,
    )


def start_storyboard(
    case: Case,
    user: User,
    *,
    child_name: str,
    child_age: int | None,
    language: str,
    purpose: str,
    template_id: str,
    pronouns: str | None = None,
) -> Storyboard:
    """Create a storyboard for a child with the panels of a template; the child becomes a
    person of the case (or is found there by name). The title, headings and views' labels
    are in the story's language (`story.wording`), the child's name put in after."""
    template = get_template(template_id)
    say = words(language).gettext
    storyboard = Storyboard(
        case=case,
        number=next_number(case),
        child_name=child_name,
        child_age=child_age,
        language=language,
        title=default_title(child_name, language),
        purpose=purpose or None,
        template=template.id,
        minimal=template.minimal,
        family_words=[],
        extra={},
        created_by_id=user.id,
    )
    db.session.add(storyboard)
    for index, spec in enumerate(template.panels):
        panel = new_panel(storyboard, index, spec.section, spec.kind)
        panel.heading = say(spec.heading).replace("{child}", child_name)
        panel.extra = {**panel.extra, "guide": spec.key}
        panel.voices = [{"speaker": "", "label": say(label), "text": ""} for label in spec.voices]
        panel.updated_by_id = user.id
        db.session.add(panel)
    db.session.flush()
    from storyboard.services.people import ensure_child

    ensure_child(storyboard, pronouns=pronouns, age=child_age)
    audit.record(
        "create_storyboard",
        storyboard,
        case_id=case.id,
        storyboard_id=storyboard.id,
        template=template.id,
    )
    return storyboard


# --- changing the order --------------------------------------------------------------------


def _renumber(panels: list[Panel]) -> None:
    for index, panel in enumerate(panels):
        if panel.position != index:
            panel.position = index


def _room_for_one_more(panels: list[Panel]) -> None:
    """Refuse a page past the limit every way in shares (story.constants.MAX_PANELS)."""
    if len(panels) >= MAX_PANELS:
        raise PanelError(
            400, "too_many_pages",
            f"A storyboard holds at most {MAX_PANELS} pages. Make a second storyboard for more.",
        )  # fmt: skip


def insert_panel(
    storyboard: Storyboard, user: User, *, index: int, section: str, kind: str
) -> Panel:
    """Insert an empty panel at `index` (0 = first) and return it."""
    panels = live_panels(storyboard)
    _room_for_one_more(panels)
    index = max(0, min(index, len(panels)))
    panel = new_panel(storyboard, index, section, kind)
    panel.updated_by_id = user.id
    db.session.add(panel)
    panels.insert(index, panel)
    _renumber(panels)
    db.session.flush()
    audit.record(
        "add_panel", panel, case_id=storyboard.case_id, storyboard_id=storyboard.id, kind=kind
    )
    return panel


# Columns that belong to the row, not to the page: a copy gets its own.
ROW_COLUMNS = frozenset(
    {"id", "storyboard_id", "position", "deleted_at", "version", "updated_at", "updated_by_id"}
)


AUDIO_COLUMNS = ("audio_sha256", "audio_speaker", "audio_seconds", "audio_words")


def copied_panel(panel: Panel, storyboard: Storyboard, user: User, **changes: Any) -> Panel:
    """A new row with every field of the page that export and import keep, and its own id.

    `changes` replaces fields (a sibling copy's words); the file's panel id is left behind so
    the copy is a page of its own.
    """
    fields = {
        column.key: copy.deepcopy(getattr(panel, column.key))
        for column in Panel.__mapper__.column_attrs
        if column.key not in ROW_COLUMNS
    }
    fields.update(changes)
    fields["extra"] = {k: v for k, v in (fields.get("extra") or {}).items() if k != "id"}
    if storyboard.id != panel.storyboard_id:
        # Another child's story (a sibling's copy) never carries this one's voice: Mum read
        # the other child's words, and the recording belongs to that storyboard.
        fields.update(dict.fromkeys(AUDIO_COLUMNS))
    return Panel(storyboard=storyboard, position=panel.position, updated_by_id=user.id, **fields)


def duplicate_panel(panel: Panel, user: User) -> Panel:
    """Insert a copy of a panel straight after it."""
    storyboard = panel.storyboard
    panels = live_panels(storyboard)
    if panel not in panels:
        raise PanelError(409, "gone", "That page was deleted, so it cannot be copied.")
    _room_for_one_more(panels)
    twin = copied_panel(panel, storyboard, user)
    twin.position = panel.position + 1
    db.session.add(twin)
    panels.insert(panels.index(panel) + 1, twin)
    _renumber(panels)
    db.session.flush()
    audit.record(
        "duplicate_panel",
        twin,
        case_id=storyboard.case_id,
        storyboard_id=storyboard.id,
        source_panel=panel.id,
    )
    return twin


def reorder(storyboard: Storyboard, order: list[int]) -> list[Panel]:
    """Put the panels in the given order of ids; refuse if the set of panels has changed."""
    panels = live_panels(storyboard)
    by_id = {p.id: p for p in panels}
    if sorted(order) != sorted(by_id) or len(set(order)) != len(order):
        raise PanelError(
            409,
            "order_changed",
            "The pages changed on another device. Reload to see the newest order.",
            order=[p.id for p in panels],
        )
    ordered = [by_id[i] for i in order]
    _renumber(ordered)
    db.session.flush()
    audit.record(
        "reorder_panels", storyboard, case_id=storyboard.case_id, storyboard_id=storyboard.id
    )
    return ordered


def delete_panel(panel: Panel) -> None:
    """Delete a panel softly (it can be brought back with undo)."""
    storyboard = panel.storyboard
    if panel.deleted_at is not None:
        return
    panel.deleted_at = utcnow()
    panel.version += 1
    _renumber([p for p in live_panels(storyboard) if p.id != panel.id])
    # The deleted panel keeps its old position so that undo puts it back where it was.
    db.session.flush()
    audit.record("delete_panel", panel, case_id=storyboard.case_id, storyboard_id=storyboard.id)


def restore_panel(panel: Panel) -> None:
    """Undo a delete: put the panel back where it was."""
    storyboard = panel.storyboard
    if panel.deleted_at is None:
        return
    panels = live_panels(storyboard)
    index = max(0, min(panel.position, len(panels)))
    panel.deleted_at = None
    panel.version += 1
    panels.insert(index, panel)
    _renumber(panels)
    db.session.flush()
    audit.record("restore_panel", panel, case_id=storyboard.case_id, storyboard_id=storyboard.id)


# --- saving --------------------------------------------------------------------------------


def save_panel(
    panel: Panel,
    data: dict[str, Any],
    user: User,
    *,
    problems: list[str] | None = None,
    action: str = "edit_panel",
) -> Panel:
    """Save a panel's fields if `data["version"]` is the panel's current version.

    Every save of a page goes through here: the editor's autosave and the scene composer.
    The check and the write are one UPDATE ... WHERE version = ?, so two requests racing for
    the same panel cannot both win. A stale version raises a 409 carrying the server's copy.
    """
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise PanelError(400, "invalid", "The save did not say which version it changes.")
    if panel.deleted_at is not None or version != panel.version:
        raise PanelError(
            409,
            "conflict",
            "This page was changed on another device.",
            panel=panel_state(panel),
        )
    values = clean_changes(panel, data, problems)
    values.update(version=Panel.version + 1, updated_at=utcnow(), updated_by_id=user.id)
    result = db.session.execute(
        update(Panel)
        .where(Panel.id == panel.id, Panel.version == version, Panel.deleted_at.is_(None))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(panel)
    if result.rowcount != 1:
        raise PanelError(
            409, "conflict", "This page was changed on another device.", panel=panel_state(panel)
        )
    audit.record(
        action,
        panel,
        case_id=panel.storyboard.case_id,
        storyboard_id=panel.storyboard_id,
        version=panel.version,
        fields=[k for k in SAVE_FIELDS if k in data],
    )
    return panel


# --- family words --------------------------------------------------------------------------


def add_family_word(storyboard: Storyboard, word: str, means: str) -> list[dict[str, str]]:
    """Add an agreed name for something (e.g. "Mum's poorly days" for depression)."""
    word = _text(word, "word", LABEL_MAX).strip()
    means = _text(means, "means", LABEL_MAX * 2).strip()
    if not word:
        raise PanelError(400, "invalid", "Type the family's word first.", field="word")
    words = [w for w in storyboard.family_words or [] if w.get("word") != word]
    words.append({"word": word, "means": means})
    storyboard.family_words = words
    audit.record(
        "edit_family_words", storyboard, case_id=storyboard.case_id, storyboard_id=storyboard.id
    )
    return words


def remove_family_word(storyboard: Storyboard, word: str) -> list[dict[str, str]]:
    """Remove a family word."""
    storyboard.family_words = [w for w in storyboard.family_words or [] if w.get("word") != word]
    audit.record(
        "edit_family_words", storyboard, case_id=storyboard.case_id, storyboard_id=storyboard.id
    )
    return storyboard.family_words
