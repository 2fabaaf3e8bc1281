"""A sibling's copy: the rewrites proposed for it, kept until the worker decides each one.

`propose_all` runs once, when the copy is made (`services/siblings.py`), over every printed
field of every page; the worker accepts or keeps each proposal on the copy's "Check the copy"
page. A proposal whose words have changed since (someone edited the page) is marked "gone",
never applied to other words.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update

from storyboard.services import audit
from storyboard.services.db import db
from storyboard.services.models import CopyChange, Panel, Storyboard, User, utcnow
from storyboard.services.people import child_facts, find_child
from storyboard.story.retell import Child, Person, pronouns_of, propose

OPEN, ACCEPTED, KEPT, GONE = "open", "accepted", "kept", "gone"


def text_fields(panel: Panel) -> list[tuple[str, str]]:
    """Every printed text of a page, as (field, text): heading, words, steps, voices, what
    ten means, picture labels and descriptions, each in the second language too (`_2`)."""
    extra = panel.extra or {}
    out: list[tuple[str, str]] = []
    for two in ("", "_2"):
        out += [(f"heading{two}", getattr(panel, f"heading{two}") or "")]
        out += [(f"text{two}", getattr(panel, f"text{two}") or "")]
        out += [(f"steps{two}.{i}", s) for i, s in enumerate(extra.get(f"steps{two}") or [])]
        for i, voice in enumerate(panel.voices or []):
            out += [(f"voices.{i}.label{two}", voice.get(f"label{two}") or "")]
            out += [(f"voices.{i}.text{two}", voice.get(f"text{two}") or "")]
        if (extra.get("scale") or {}).get(f"ten_means{two}"):
            out.append((f"scale.ten_means{two}", extra["scale"][f"ten_means{two}"]))
        for i, picture in enumerate((panel.scene or {}).get("pictures") or []):
            out += [(f"pictures.{i}.label{two}", picture.get(f"label{two}") or "")]
            out += [(f"pictures.{i}.alt{two}", picture.get(f"alt{two}") or "")]
    return [(f, t) for f, t in out if t]


def field_value(panel: Panel | None, storyboard: Storyboard, field: str) -> str:
    """The current value of one field ("title", "text", "voices.0.speaker", ...)."""
    if field in ("title", "title_2"):
        return getattr(storyboard, field) or ""
    assert panel is not None
    head, _, rest = field.partition(".")
    if not rest:
        return str(getattr(panel, field) or "")
    container = _container(panel, head)
    index, _, key = rest.partition(".")
    if head == "scale":
        return str((container.get("scale") or {}).get(index) or "")
    items = container.get(head) or []
    number = int(index)
    if number >= len(items):
        return ""
    item = items[number]
    return str(item.get(key) or "") if key else str(item or "")


def _container(panel: Panel, head: str) -> dict[str, Any]:
    if head == "voices":
        return {"voices": panel.voices or []}
    if head == "pictures":
        return panel.scene or {}
    return panel.extra or {}


def set_field_value(panel: Panel | None, storyboard: Storyboard, field: str, value: str) -> None:
    """Write one field (copying the JSON it sits in, so the change is saved)."""
    if field in ("title", "title_2"):
        setattr(storyboard, field, value)
        return
    assert panel is not None
    head, _, rest = field.partition(".")
    if not rest:
        setattr(panel, field, value)
    elif head == "voices":
        index, _, key = rest.partition(".")
        voices = [dict(v) for v in panel.voices or []]
        voices[int(index)][key] = value
        panel.voices = voices
    elif head == "pictures":
        index, _, key = rest.partition(".")
        scene = dict(panel.scene or {})
        pictures = [dict(p) for p in scene.get("pictures") or []]
        pictures[int(index)][key] = value
        panel.scene = {**scene, "pictures": pictures}
    else:
        extra = dict(panel.extra or {})
        if head in ("steps", "steps_2"):
            steps = list(extra.get(head) or [])
            steps[int(rest)] = value
            extra[head] = steps
        else:
            extra["scale"] = {**(extra.get("scale") or {}), rest: value}
        panel.extra = extra
    panel.version = (panel.version or 1) + 1


def _others(storyboard: Storyboard, skip: set[int]) -> list[Person]:
    """Everyone else who may be mentioned, by each word that names them."""
    people = []
    for p in storyboard.case.people:
        if p.id in skip:
            continue
        names = tuple({*p.name.split(), p.name, p.known_as or "", p.relationship_ or ""} - {""})
        said = (p.pronouns or "").strip()
        pronouns = (
            said
            if said in ("she", "he", "they")
            else ""
            if said
            else pronouns_of(f"{p.relationship_} {p.known_as or ''}")
        )
        people.append(Person(f"person-{p.id}", names, pronouns))
    return people


def propose_all(source: Storyboard, copy_: Storyboard, pairs: list[tuple[Panel, Panel]]) -> int:
    """Store every rewrite that retells `source` for `copy_`'s child; return how many."""
    old_person, new_person = find_child(source), find_child(copy_)
    old = child_facts(old_person, source.child_name, source.child_age)
    new = child_facts(new_person, copy_.child_name, copy_.child_age)
    skip = {p.id for p in (old_person, new_person) if p is not None}
    others = _others(copy_, skip)
    count = 0
    # A title made for the new child ("Josh's story") needs nothing; a copied one may.
    title = copy_.title if copy_.title == source.title else ""
    for proposal in propose(title or "", old, new, others):
        count += _store(copy_, None, "title", proposal.start, proposal.before, proposal.after,
                        proposal.reason)  # fmt: skip
    for proposal in propose(copy_.title_2 or "", old, new, others):
        count += _store(copy_, None, "title_2", proposal.start, proposal.before,
                        proposal.after, proposal.reason)  # fmt: skip
    for _, panel in pairs:
        for field, text in text_fields(panel):
            for p in propose(text, old, new, others):
                count += _store(copy_, panel, field, p.start, p.before, p.after, p.reason)
        count += _speakers(copy_, panel, old, new, old_person, new_person)
    return count


def _speakers(
    copy_: Storyboard, panel: Panel, old: Child, new: Child, old_p: Any, new_p: Any
) -> int:
    """Words said by one child become the other's: "Lily's words" become Josh's."""
    if old_p is None or new_p is None:
        return 0
    swap = {str(old_p.id): (str(new_p.id), new.name), str(new_p.id): (str(old_p.id), old.name)}
    fields = [("speaker", panel.speaker or "")]
    fields += [(f"voices.{i}.speaker", str(v.get("speaker") or "")) for i, v in
               enumerate(panel.voices or [])]  # fmt: skip
    count = 0
    for field, value in fields:
        if value in swap:
            after, name = swap[value]
            reason = f"These words are said by {name} in this story."
            count += _store(copy_, panel, field, 0, value, after, reason)
    return count


def _store(
    copy_: Storyboard, panel: Panel | None, field: str, start: int, before: str, after: str,
    reason: str,
) -> int:  # fmt: skip
    db.session.add(
        CopyChange(
            storyboard_id=copy_.id,
            panel_id=panel.id if panel else None,
            field=field,
            start=start,
            before=before,
            after=after,
            reason=reason[:200],
            state=OPEN,
        )  # fmt: skip
    )
    return 1


def changes(storyboard: Storyboard, state: str | None = OPEN) -> list[CopyChange]:
    """The proposals for a copy (open ones by default), page by page, in reading order."""
    query = select(CopyChange).where(CopyChange.storyboard_id == storyboard.id)
    if state:
        query = query.where(CopyChange.state == state)
    rows = db.session.scalars(query).all()
    order = {p.id: p.position for p in storyboard.panels}
    return sorted(rows, key=lambda c: (order.get(c.panel_id, -1), c.field, c.start))


def decide(change: CopyChange, storyboard: Storyboard, user: User, *, accept: bool) -> str:
    """Accept a proposal (its words are rewritten) or keep the words; return its new state."""
    if change.state != OPEN:
        return change.state
    panel = db.session.get(Panel, change.panel_id) if change.panel_id else None
    state = KEPT
    if accept:
        state = _apply(change, panel, storyboard, user)
    change.state, change.decided_by_id, change.decided_at = state, user.id, utcnow()
    action = {ACCEPTED: "accept_copy_change", KEPT: "keep_copy_change", GONE: "copy_change_gone"}
    audit.record(action[state], storyboard, case_id=storyboard.case_id,
                 storyboard_id=storyboard.id, panel_id=change.panel_id)  # fmt: skip
    return state


def _claim(panel: Panel | None, user: User) -> bool:
    """Take the page for this change, as a save does: one UPDATE that only succeeds if
    nobody saved it since it was read (their words are never overwritten)."""
    if panel is None:
        return True
    loaded = panel.version or 1
    claimed = db.session.execute(
        update(Panel)
        .where(Panel.id == panel.id, Panel.version == loaded)
        .values(version=loaded + 1, updated_at=utcnow(), updated_by_id=user.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    # The row now says version loaded + 1, as `set_field_value` will (the object still
    # holds `loaded`), so the write that follows is the same save.
    return bool(claimed)


def _apply(change: CopyChange, panel: Panel | None, storyboard: Storyboard, user: User) -> str:
    if panel is not None and panel.deleted_at is not None:
        return GONE
    current = field_value(panel, storyboard, change.field)
    if change.field.endswith("speaker"):
        if current != change.before or not _claim(panel, user):
            return GONE
        set_field_value(panel, storyboard, change.field, change.after)
        return ACCEPTED
    start = _locate(current, change.before, change.start)
    if start is None or not _claim(panel, user):
        return GONE
    end = start + len(change.before)
    set_field_value(panel, storyboard, change.field, current[:start] + change.after + current[end:])
    shift = len(change.after) - len(change.before)
    for other in changes(storyboard):
        same = other.panel_id == change.panel_id and other.field == change.field
        if same and other.id != change.id and other.start > change.start:
            other.start += shift
    return ACCEPTED


def _locate(text: str, before: str, start: int) -> int | None:
    """Where `before` is now: at `start` exactly (moved by the changes made before it), or
    nowhere. Words edited since the copy are never searched for: another "her" further on
    may mean Mum."""
    return start if text[start : start + len(before)] == before else None


def sentence_around(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The words around a proposal, to show it in place: (before, the words, after)."""
    left = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    right_stop = [i for i in (text.find(".", end), text.find("\n", end)) if i != -1]
    right = min(right_stop) + 1 if right_stop else len(text)
    return text[left:start].lstrip(), text[start:end], text[end:right]
