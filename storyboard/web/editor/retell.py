"""Check the copy: the rewrites proposed when a story was copied for a brother or sister,
accepted or kept one by one (or all the rest at once)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext, ngettext
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from storyboard.services import retelling
from storyboard.services.db import db
from storyboard.services.models import CopyChange, Panel, Storyboard
from storyboard.services.people import find_child
from storyboard.story.retell import CHOICES
from storyboard.story.wording import N_
from storyboard.web.access import get_storyboard

bp = Blueprint("retell", __name__)
# What the list says a change is in, by the field's first part ("voices.0.text": voices).
FIELD_NAMES = {
    "heading": N_("heading"), "speaker": N_("whose words"), "steps": N_("steps"),
    "voices": N_("voices"), "scale": N_("scale"), "pictures": N_("pictures"),
    "heading_2": N_("heading 2"), "text_2": N_("text 2"), "title_2": N_("title 2"),
    "steps_2": N_("steps 2"),
}  # fmt: skip


@bp.get("/storyboards/<int:storyboard_id>/copy-changes")
@login_required
def changes(storyboard_id: int) -> str:
    """The open proposals, page by page, each shown in its sentence."""
    storyboard = get_storyboard(storyboard_id)
    rows = []
    pages = {p.id: p for p in storyboard.panels}
    for change in retelling.changes(storyboard):
        panel = pages.get(change.panel_id) if change.panel_id else None
        if panel is not None and panel.deleted_at is not None:
            continue
        current = retelling.field_value(panel, storyboard, change.field)
        where = change.start, change.start + len(change.before)
        speaker = change.field.endswith("speaker")
        shown = ("", change.before, "") if speaker else retelling.sentence_around(current, *where)
        rows.append({"change": change, "panel": panel, "shown": shown, "speaker": speaker})
    decided = {
        state: len(retelling.changes(storyboard, state))
        for state in (retelling.ACCEPTED, retelling.KEPT, retelling.GONE)
    }
    people = {str(p.id): p.name.split()[0] for p in storyboard.case.people if p.name.split()}
    unsure = _pronouns_unsaid(storyboard)
    return render_template(
        "editor/copy_changes.html", sb=storyboard, rows=rows, decided=decided, people=people,
        page_title=page_title, unsure=unsure,
        field_names={name: gettext(words) for name, words in FIELD_NAMES.items()},
        positions={p.id: i + 1 for i, p in enumerate(p for p in storyboard.panels
                                                     if p.deleted_at is None)},
    )  # fmt: skip


@bp.post("/storyboards/<int:storyboard_id>/copy-changes")
@login_required
def decide(storyboard_id: int) -> Response:
    """Accept or keep one proposal, or accept every one still open."""
    storyboard = get_storyboard(storyboard_id)
    action = request.form.get("action", "")
    if action == "accept-all":
        # Only what the list shows: a deleted page's changes stay as they are.
        pages = {p.id: p for p in storyboard.panels}
        chosen = [
            c for c in retelling.changes(storyboard)
            if c.panel_id is None or pages[c.panel_id].deleted_at is None
        ]  # fmt: skip
    else:
        change = db.session.get(CopyChange, request.form.get("change", type=int) or 0)
        if change is None or change.storyboard_id != storyboard.id:
            flash(gettext("That change is no longer on the list."), "error")
            return redirect(url_for("retell.changes", storyboard_id=storyboard.id))
        chosen = [change]
    states = [
        retelling.decide(c, storyboard, current_user, accept=action != "keep") for c in chosen
    ]
    db.session.commit()
    flash(_message(action, states), "error" if retelling.GONE in states else "success")
    left = retelling.changes(storyboard)
    anchor = f"#change-{left[0].id}" if left and action != "accept-all" else ""
    return redirect(url_for("retell.changes", storyboard_id=storyboard.id) + anchor)


def _message(action: str, states: list[str]) -> str:
    gone = states.count(retelling.GONE)
    done = states.count(retelling.ACCEPTED)
    if action == "keep":
        return gettext("Kept as it was.")
    text = ngettext("%(num)d change made.", "%(num)d changes made.", done)
    if gone:
        text += " " + ngettext(
            "%(num)d could not be made because the words there have changed since the copy:"
            " check them in the editor.",
            "%(num)d could not be made because the words there have changed since the copy:"
            " check them in the editor.",
            gone,
        )
    return text


def _pronouns_unsaid(storyboard: Storyboard) -> list[str]:
    """The children of the copy whose pronouns are not she, he or they: theirs are never
    rewritten, so the worker checks them by hand."""
    source = db.session.get(Storyboard, storyboard.source_id) if storyboard.source_id else None
    children = [(storyboard, find_child(storyboard))]
    if source is not None:
        children.append((source, find_child(source)))
    return [
        board.child_name
        for board, person in children
        if person is None or (person.pronouns or "") not in CHOICES
    ]


def page_title(panel: Panel | None) -> str:
    """A page's name in the list: its heading, else its words' first few."""
    if panel is None:
        return gettext("The title")
    return panel.heading or (panel.text or "").split("\n")[0][:40] or gettext("A page")
