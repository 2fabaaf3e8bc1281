"""What every area's forms share: the field size limit. Each area keeps its forms beside its
views (`web/<area>/forms.py`); all are WTForms through Flask-WTF, so each carries a CSRF token.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app, request
from flask.globals import request_ctx
from flask_babel import gettext, lazy_gettext
from flask_wtf import FlaskForm
from wtforms import RadioField, StringField
from wtforms.validators import Length, Optional, ValidationError

from storyboard.story.constants import MAX_TEXT


class FieldSizeLimit:
    """Refuse a field longer than MAX_FIELD_CHARS with a message; the text stays in the box."""

    def __call__(self, form: FlaskForm, field: object) -> None:
        """Check the field's length against the configured limit."""
        limit = min(int(current_app.config["MAX_FIELD_CHARS"]), MAX_TEXT)
        data = getattr(field, "data", None)
        if isinstance(data, str) and len(data) > limit:
            raise ValidationError(
                gettext(
                    "This is %(count)s characters long; the most it can hold is %(most)s.",
                    count=f"{len(data):,}",
                    most=f"{limit:,}",
                )
            )


PRONOUNS = [
    ("she", lazy_gettext("she / her")),
    ("he", lazy_gettext("he / him")),
    ("they", lazy_gettext("they / them")),
    ("own", lazy_gettext("Other")),
]


def pronoun_fields(label: object) -> tuple[RadioField, StringField]:
    """A choice of pronouns under `label` (a marked whole label: `lazy_gettext("Their
    pronouns")`), and a box for other words (which are never rewritten)."""
    return (
        RadioField(label, choices=PRONOUNS, validators=[Optional()]),
        StringField(
            lazy_gettext("Their pronouns, in their words"),
            validators=[Optional(), Length(max=40), FieldSizeLimit()],
            description=lazy_gettext(
                "Used as written. A copy for a brother or sister never changes them."
            ),
        ),
    )


def chosen_pronouns(choice: str | None, own: str | None) -> str | None:
    """The pronouns chosen: she, he, they, the words typed for "Other", or None."""
    if choice == "own" or (not choice and (own or "").strip()):
        return (own or "").strip() or None
    return choice if choice in ("she", "he", "they") else None


def pronoun_choice(pronouns: str | None) -> tuple[str | None, str]:
    """The radio choice and the "Other" words that show stored pronouns in the form."""
    if not pronouns:
        return None, ""
    return (pronouns, "") if pronouns in ("she", "he", "they") else ("own", pronouns)


LAST_PAGE = 100_000  # no list has more pages; a larger number is someone's typing


def page_number() -> int:
    """The page of a long list asked for (`?page=`, from 1); anything else is the first."""
    number = request.args.get("page", type=int) or 1
    return number if 1 <= number <= LAST_PAGE else 1


def row_id(name: str) -> int | None:
    """A row's id named in the query string (`?before=`), or None for anything else."""
    value = request.args.get(name, type=int)
    return value if value is not None and 0 < value < 2**62 else None


def list_links(endpoint: str) -> Callable[..., str]:
    """`url_for(endpoint, **values)` for the many links of a long list, made the same way (the
    request's URL map, its script root) by werkzeug's `build` directly: a manager's dashboard
    draws 400 links, and Flask's `url_for` cost about ten times as much as the build itself.
    Only for endpoints with no URL defaults or blueprint-relative names (the app has none)."""
    adapter = request_ctx.url_adapter

    def link(**values: object) -> str:
        return adapter.build(endpoint, values)

    return link
