"""The sign-in, first-run setup and account forms."""

from __future__ import annotations

from flask_babel import lazy_gettext
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length, Optional, Regexp

from storyboard.services.models import ROLES
from storyboard.web.i18n import code_words

# An account's role in words; the stored value stays the code.
ROLE_WORDS = {
    "worker": lazy_gettext("Worker"),
    "manager": lazy_gettext("Manager"),
    "admin": lazy_gettext("Admin"),
}


def role_words(role: str) -> str:
    """An account's role in words ("Worker"); an unknown code as it is."""
    return code_words(ROLE_WORDS, role)


USERNAME_RULE = Regexp(
    r"^[A-Za-z0-9._-]+$", message=lazy_gettext("Use letters, numbers, dots, dashes or underscores.")
)


class SignInForm(FlaskForm):
    """Username and password."""

    username = StringField(lazy_gettext("Username"), validators=[DataRequired(), Length(max=80)])
    password = PasswordField(
        lazy_gettext("Password"), validators=[DataRequired(), Length(max=1000)]
    )
    submit = SubmitField(lazy_gettext("Sign in"))


class PasswordFields(FlaskForm):
    """A new password typed twice."""

    password = PasswordField(
        lazy_gettext("Password"),
        validators=[
            DataRequired(),
            Length(min=12, max=1000, message=lazy_gettext("Use at least 12 characters.")),
        ],
        description=lazy_gettext(
            "At least 12 characters. A few unrelated words make a strong password."
        ),
    )
    confirm = PasswordField(
        lazy_gettext("Type the password again"),
        validators=[
            DataRequired(),
            EqualTo("password", message=lazy_gettext("The two passwords differ.")),
        ],
    )


class SetupForm(PasswordFields):
    """The first administrator's account."""

    display_name = StringField(
        lazy_gettext("Your name"), validators=[DataRequired(), Length(max=120)]
    )
    username = StringField(
        lazy_gettext("Username"), validators=[DataRequired(), Length(max=80), USERNAME_RULE]
    )
    submit = SubmitField(lazy_gettext("Create administrator"))


class UserForm(PasswordFields):
    """An admin creates an account."""

    display_name = StringField(lazy_gettext("Name"), validators=[DataRequired(), Length(max=120)])
    username = StringField(
        lazy_gettext("Username"), validators=[DataRequired(), Length(max=80), USERNAME_RULE]
    )
    role = SelectField(lazy_gettext("Role"), choices=[(r, ROLE_WORDS[r]) for r in ROLES])
    manager_id = SelectField(lazy_gettext("Team manager"), coerce=int, validators=[Optional()])
    submit = SubmitField(lazy_gettext("Create account"))


class EditUserForm(FlaskForm):
    """An admin changes an account's role, team or status, or sets a new password."""

    display_name = StringField(lazy_gettext("Name"), validators=[DataRequired(), Length(max=120)])
    role = SelectField(lazy_gettext("Role"), choices=[(r, ROLE_WORDS[r]) for r in ROLES])
    manager_id = SelectField(lazy_gettext("Team manager"), coerce=int, validators=[Optional()])
    active = BooleanField(lazy_gettext("Account can sign in"))
    # A leaver's cases (and team) go to one colleague when the account is turned off.
    hand_to = SelectField(
        lazy_gettext("Who takes over their cases"), coerce=int, validators=[Optional()]
    )
    password = PasswordField(
        lazy_gettext("New password (leave empty to keep)"),
        validators=[
            Optional(),
            Length(min=12, max=1000, message=lazy_gettext("Use at least 12 characters.")),
        ],
    )
    submit = SubmitField(lazy_gettext("Save changes"))
