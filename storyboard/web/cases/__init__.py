"""Cases: the dashboard of my cases and storyboards, a case page, and the people in a case."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext, lazy_gettext
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from storyboard.services import audit
from storyboard.services.access import assignable_workers, visible_cases
from storyboard.services.caseload import caseload_page
from storyboard.services.db import db
from storyboard.services.models import Case, Person, utcnow
from storyboard.services.people import forget_person, relations, set_language
from storyboard.services.review_lists import summaries
from storyboard.services.search import MAX_QUERY_CHARS
from storyboard.services.team_changes import team_changes
from storyboard.web.access import get_case, role_required
from storyboard.web.cases.forms import CaseForm, PersonForm, PersonLanguageForm
from storyboard.web.forms import chosen_pronouns, list_links, page_number
from storyboard.web.i18n import code_words, language_here

bp = Blueprint("cases", __name__)
CASES_PER_PAGE = 50  # on the dashboard: a worker's whole caseload, a page of a team's


@bp.get("/")
@login_required
def dashboard() -> str:
    """The cases the signed-in user may see, newest first, with their storyboards, a page
    of cases at a time (a manager sees the whole team's)."""
    # A fixed number of queries however many cases and storyboards: the cases with their
    # workers and storyboards (`caseload_page`), every review status line at once.
    number = page_number()
    cases, more = caseload_page(current_user, number, CASES_PER_PAGE)
    changes = team_changes(current_user)
    lines = summaries([sb.id for case in cases for sb in case.storyboards])
    return render_template(
        "cases/dashboard.html", cases=cases, team_changes=changes, summaries=lines,
        page=number, more=more, max_chars=MAX_QUERY_CHARS, edit_link=list_links("editor.edit"),
        hub_link=list_links("review.hub"),
    )  # fmt: skip


@bp.route("/cases/new", methods=["GET", "POST"])
@role_required("worker", "manager")
def new_case() -> str | Response | tuple[str, int]:
    """Create a case; its creator (and, for a manager, chosen team members) work on it."""
    form = CaseForm()
    choices = assignable_workers(current_user)
    form.workers.choices = [(u.id, u.display_name) for u in choices]
    if not form.is_submitted():
        form.workers.data = [current_user.id]
    if form.validate_on_submit():
        reference = form.reference.data.strip()
        # Only among the cases this user may read: saying a reference is taken elsewhere
        # would tell them that a case they cannot see exists.
        taken = db.session.scalar(
            visible_cases(current_user).where(Case.reference == reference).limit(1)
        )
        if taken is not None:
            form.reference.errors.append(
                gettext(
                    "You already have a case with this reference: %(family)s.",
                    family=taken.family_name,
                )
            )
        else:
            chosen = {u.id: u for u in choices}
            workers = [chosen[i] for i in form.workers.data or [] if i in chosen]
            if current_user.role != "manager" and current_user not in workers:
                workers.append(current_user)
            if not workers:
                workers = [current_user]
            case = Case(
                reference=reference,
                family_name=form.family_name.data.strip(),
                created_by_id=current_user.id,
                workers=workers,
            )
            db.session.add(case)
            db.session.flush()
            audit.record("create_case", case, case_id=case.id)
            db.session.commit()
            flash(gettext("Case created."), "success")
            return redirect(url_for("cases.show_case", case_id=case.id))
    status = 400 if form.errors else 200
    return render_template("cases/new_case.html", form=form), status


@bp.route("/cases/<int:case_id>", methods=["GET", "POST"])
@login_required
def show_case(case_id: int) -> str | Response | tuple[str, int]:
    """A case: its people, its storyboards, who works on it; add a person."""
    case = get_case(case_id)
    form = PersonForm()
    if form.validate_on_submit():
        kind = form.kind.data
        person = Person(
            case=case,
            name=form.name.data.strip(),
            relationship_=(form.relationship.data or "").strip() or "child",
            pronouns=chosen_pronouns(form.pronoun_choice.data, form.pronouns.data),
            known_as=(form.known_as.data or "").strip() or None,
            kind=kind,
            age=form.age.data if kind == "child" else None,
        )
        set_language(person, form.preferred_language.data, form.needs_interpreter.data)
        db.session.add(person)
        db.session.flush()
        audit.record("add_person", person, case_id=case.id)
        db.session.commit()
        flash(gettext("Person added."), "success")
        return redirect(url_for("cases.show_case", case_id=case.id) + "#people")
    if not form.is_submitted():
        audit.record("view_case", case, case_id=case.id)
        db.session.commit()
    status = 400 if form.errors else 200
    lines = summaries([sb.id for sb in case.storyboards])
    return render_template(
        "cases/case.html",
        case=case,
        form=form,
        relations=relations,
        summaries=lines,
        language_note=language_note,
        languages=dict(form.preferred_language.choices),
    ), status


@bp.post("/cases/<int:case_id>/people/<int:person_id>/language")
@login_required
def person_language(case_id: int, person_id: int) -> Response:
    """Change the language a person reads and whether they need an interpreter."""
    case = get_case(case_id)
    person = next((p for p in case.people if p.id == person_id), None)
    form = PersonLanguageForm()
    if person is None:
        flash(gettext("That person is no longer in this case."), "error")
    elif not form.validate():
        expired = [gettext("Try again: the form had expired.")]
        for error in form.preferred_language.errors or expired:
            flash(error, "error")
    else:
        set_language(person, form.preferred_language.data, form.needs_interpreter.data)
        audit.record("change_person", person, case_id=case.id)
        db.session.commit()
        flash(gettext("Language saved."), "success")
    return redirect(url_for("cases.show_case", case_id=case.id) + "#people")


@bp.post("/cases/<int:case_id>/people/<int:person_id>/delete")
@login_required
def delete_person(case_id: int, person_id: int) -> Response:
    """Remove a person from a case."""
    case = get_case(case_id)
    person = next((p for p in case.people if p.id == person_id), None)
    if person is None:
        flash(gettext("That person is no longer in this case."), "error")
    else:
        audit.record("delete_person", person, case_id=case.id)
        forget_person(person)
        db.session.commit()
        flash(gettext("Person removed."), "success")
    return redirect(url_for("cases.show_case", case_id=case.id) + "#people")


@bp.post("/cases/<int:case_id>/close")
@login_required
def close_case(case_id: int) -> Response:
    """Close a case (its retention clock starts), or reopen it."""
    case = get_case(case_id)
    if request.form.get("action") == "reopen":
        case.closed_at = None
        audit.record("reopen_case", case, case_id=case.id)
        message = gettext("Case reopened: nothing will be deleted while it is open.")
    elif request.form.get("confirm") != "yes":
        flash(gettext("Tick the box to say the council has closed this case."), "error")
        return redirect(url_for("cases.show_case", case_id=case.id) + "#closing")
    else:
        case.closed_at = case.closed_at or utcnow()
        audit.record("close_case", case, case_id=case.id)
        message = gettext(
            "Case closed. Its working drafts will be deleted under the retention settings."
        )
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("cases.show_case", case_id=case.id) + "#closing")


def language_note(person: Person) -> str:
    """What the case page says beside a person: "Reads Arabic · needs an interpreter"."""
    reads = person.preferred_language
    if reads and person.needs_interpreter:
        return gettext("Reads %(language)s · needs an interpreter", language=language_here(reads))
    if reads:
        return gettext("Reads %(language)s", language=language_here(reads))
    return gettext("Needs an interpreter") if person.needs_interpreter else ""


# A storyboard's status in words (the badge on the dashboard and the case page).
STATUS_WORDS = {
    "draft": lazy_gettext("Draft"),
    "in_review": lazy_gettext("In review"),
    "approved": lazy_gettext("Approved"),
    "archived": lazy_gettext("Archived"),
}


def storyboard_status(status: str) -> str:
    """A storyboard's status code in words; an unknown code as it is."""
    return code_words(STATUS_WORDS, status)


@bp.app_context_processor
def case_words() -> dict:
    """Let any page say a storyboard's status in words."""
    return {"storyboard_status": storyboard_status}
