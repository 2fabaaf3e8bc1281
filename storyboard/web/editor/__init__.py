"""The guided editor's pages: start a storyboard, edit it panel by panel, copy it for a sibling."""

from __future__ import annotations

from flask import Blueprint, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext, lazy_gettext, ngettext
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import IntegerField, RadioField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from storyboard.services import audit, council, panels, recordings, retelling, siblings
from storyboard.services.db import db
from storyboard.services.models import Panel, Storyboard
from storyboard.services.people import find_child, speaker_choices
from storyboard.services.review_state import open_comments_by_panel
from storyboard.services.second_missing import missing_second
from storyboard.story.languages import LANGUAGES
from storyboard.story.templates import all_templates, guide_for, section_names
from storyboard.web.access import get_case, get_storyboard
from storyboard.web.forms import FieldSizeLimit, chosen_pronouns, pronoun_fields
from storyboard.web.languages import languages_of
from storyboard.web.security import RECORDING_PERMISSIONS

bp = Blueprint("editor", __name__)

# The value is stored (in English); the label is what the worker reads.
PURPOSES = [
    ("First explanation", lazy_gettext("A first explanation of what happened")),
    ("An update", lazy_gettext("An update: things have changed")),
    ("Moving home", lazy_gettext("Moving to live somewhere else")),
    ("Going home", lazy_gettext("Going back home")),
    ("The safety plan", lazy_gettext("Mainly the safety plan")),
]
CHILD_AGE = lazy_gettext("How old is the child?")
AGE_MISSING = lazy_gettext("Give the child's age (0 to 17).")


class StartForm(FlaskForm):
    """Who the story is for, what it is for, and which template to start from."""

    child_name = StringField(
        lazy_gettext("Child's first name"),
        validators=[DataRequired(), Length(max=80), FieldSizeLimit()],
        description=lazy_gettext("The name the child is called by. Use only the first name."),
    )
    child_age = IntegerField(
        CHILD_AGE,
        validators=[InputRequired(message=AGE_MISSING), NumberRange(0, 17)],
        description=lazy_gettext(
            "Sets the size of the words and the length of sentences. 0 to 17."
        ),
    )
    pronoun_choice, pronouns = pronoun_fields(lazy_gettext("The child's pronouns"))
    language = SelectField(lazy_gettext("Language of the story"), choices=LANGUAGES, default="en")
    purpose = SelectField(lazy_gettext("What is the story for?"), choices=PURPOSES)
    template = RadioField(lazy_gettext("Start from"), validators=[DataRequired()])


class CopyForm(FlaskForm):
    """A sibling's version of the same story."""

    child_name = StringField(
        lazy_gettext("Child's first name"),
        validators=[DataRequired(), Length(max=80), FieldSizeLimit()],
    )
    child_age = IntegerField(
        CHILD_AGE, validators=[InputRequired(message=AGE_MISSING), NumberRange(0, 17)]
    )
    pronoun_choice, pronouns = pronoun_fields(lazy_gettext("This child's pronouns"))
    source_pronoun_choice, source_pronouns = pronoun_fields(
        lazy_gettext("The first child's pronouns")
    )


@bp.route("/cases/<int:case_id>/storyboards/new", methods=["GET", "POST"])
@login_required
def start(case_id: int) -> str | Response | tuple[str, int]:
    """Start a storyboard for a child in a case, from a template."""
    case = get_case(case_id)
    form = StartForm()
    templates = all_templates()
    form.template.choices = [(t.id, t.name) for t in templates.values()]
    if not form.is_submitted():
        form.template.data = "standard"
    if form.validate_on_submit():
        storyboard = panels.start_storyboard(
            case,
            current_user,
            child_name=form.child_name.data.strip(),
            child_age=form.child_age.data,
            language=form.language.data,
            purpose=form.purpose.data,
            template_id=form.template.data,
            pronouns=chosen_pronouns(form.pronoun_choice.data, form.pronouns.data),
        )
        db.session.commit()
        return redirect(url_for("editor.edit", storyboard_id=storyboard.id))
    status = 400 if form.errors else 200
    return render_template("editor/start.html", case=case, form=form, templates=templates), status


def recording_state(panel: Panel) -> dict | None:
    """A page's recording as the editor's recorder shows it (with the address that plays
    it), or None when the page has none."""
    found = recordings.state(panel)
    if found is not None:
        found["url"] = url_for(
            "recordings.play", storyboard_id=panel.storyboard_id, sha256=found["sha256"]
        )
    return found


def editor_context(storyboard: Storyboard) -> dict:
    """What the editor templates need besides the storyboard."""
    return {
        "sb": storyboard,
        "people": list(storyboard.case.people),
        "speaker_groups": speaker_choices(storyboard),
        "section_names": section_names(),
        "guide": lambda panel: guide_for(
            storyboard.template, panel.section, (panel.extra or {}).get("guide")
        ).for_child(storyboard.child_name),
        "panel_state": panels.panel_state,
        "recording_state": recording_state,
        "left_out": panels.left_out(storyboard),
        "comments": open_comments_by_panel(storyboard),
        # "Who I can talk to" offers each helpline as one tap (the council's, else Childline).
        "helplines": [
            {**line, "line": council.helpline_line(line)} for line in council.helplines_offered()
        ],
        "langs": languages_of(storyboard, LANGUAGES),
    }


def render_panel(panel: Panel, index: int) -> dict[str, str]:
    """Render one panel's editor card and its row in the page list (for the JSON API)."""
    context = editor_context(panel.storyboard)
    return {
        "html": render_template("editor/_panel_card.html", panel=panel, index=index, **context),
        "row": render_template("editor/_panel_row.html", panel=panel, index=index, **context),
    }


@bp.get("/storyboards/<int:storyboard_id>")
@login_required
def edit(storyboard_id: int) -> Response:
    """The editor: one panel at a time, the page list, family words and the preview."""
    storyboard = get_storyboard(storyboard_id)
    audit.record(
        "view_storyboard", storyboard, case_id=storyboard.case_id, storyboard_id=storyboard.id
    )
    db.session.commit()
    page = make_response(
        render_template(
            "editor/edit.html",
            panels=panels.live_panels(storyboard),
            copy_changes_open=len(retelling.changes(storyboard)),
            section_choices=section_names(),
            missing=missing_second(storyboard),
            **editor_context(storyboard),
        )
    )
    # The editor records pages read aloud: this page alone may ask for the microphone.
    page.headers["Permissions-Policy"] = RECORDING_PERMISSIONS
    return page


@bp.route("/storyboards/<int:storyboard_id>/copy", methods=["GET", "POST"])
@login_required
def copy(storyboard_id: int) -> str | Response | tuple[str, int]:
    """Make a sibling's copy of a storyboard (it remembers which story it came from)."""
    storyboard = get_storyboard(storyboard_id)
    form = CopyForm()
    first = find_child(storyboard)
    same = (form.child_name.data or "").strip().casefold() == storyboard.child_name.casefold()
    if form.is_submitted() and same:
        form.child_name.errors = [
            gettext(
                "This is %(name)s's story already: give the brother's or sister's name.",
                name=storyboard.child_name,
            )
        ]
    elif form.validate_on_submit():
        twin, proposed = siblings.copy_storyboard(
            storyboard,
            current_user,
            child_name=form.child_name.data.strip(),
            child_age=form.child_age.data,
            pronouns=chosen_pronouns(form.pronoun_choice.data, form.pronouns.data),
            source_pronouns=chosen_pronouns(
                form.source_pronoun_choice.data, form.source_pronouns.data
            ),
        )
        db.session.commit()
        if proposed:
            flash(
                ngettext(
                    "The copy is ready. Check the %(num)d change it suggests.",
                    "The copy is ready. Check the %(num)d changes it suggests.",
                    proposed,
                ),
                "success",
            )
            return redirect(url_for("retell.changes", storyboard_id=twin.id))
        flash(gettext("The copy is ready."), "success")
        return redirect(url_for("editor.edit", storyboard_id=twin.id))
    status = 400 if form.errors else 200
    ask_first = first is None or not first.pronouns
    return render_template(
        "editor/copy.html", sb=storyboard, form=form, ask_first=ask_first
    ), status


@bp.get("/storyboards/signed-in")
@login_required
def signed_in() -> str:
    """Shown in the tab opened to sign in again: the editor tab then sends the kept words."""
    return render_template("editor/signed_in.html", back=request.args.get("back", type=int))
