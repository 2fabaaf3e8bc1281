"""The sign-in, first-run setup and account forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length, Optional, Regexp

from storyboard.services.models import ROLES

USERNAME_RULE = Regexp(
    r"^[A-Za-z0-9._-]+$", message="Use letters, numbers, dots, dashes or underscores."
)


class SignInForm(FlaskForm):
    """Username and password."""

    username = StringField("Username", validators=[DataRequired(), Length(max=80)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=1000)])
    submit = SubmitField("Sign in")


class PasswordFields(FlaskForm):
    """A new password typed twice."""

    password = PasswordField(
        "Password",
        validators=[
            DataRequired(),
            Length(min=12, max=1000, message="Use at least 12 characters."),
        ],
        description="At least 12 characters. A few unrelated words make a strong password.",
    )
    confirm = PasswordField(
        "Type the password again",
        validators=[DataRequired(), EqualTo("password", message="The two passwords differ.")],
    )


class SetupForm(PasswordFields):
    """The first administrator's account."""

    display_name = StringField("Your name", validators=[DataRequired(), Length(max=120)])
    username = StringField("Username", validators=[DataRequired(), Length(max=80), USERNAME_RULE])
    submit = SubmitField("Create administrator")


class UserForm(PasswordFields):
    """An admin creates an account."""

    display_name = StringField("Name", validators=[DataRequired(), Length(max=120)])
    username = StringField("Username", validators=[DataRequired(), Length(max=80), USERNAME_RULE])
    role = SelectField("Role", choices=[(r, r.capitalize()) for r in ROLES])
    manager_id = SelectField("Team manager", coerce=int, validators=[Optional()])
    submit = SubmitField("Create account")


class EditUserForm(FlaskForm):
    """An admin changes an account's role, team or status, or sets a new password."""

    display_name = StringField("Name", validators=[DataRequired(), Length(max=120)])
    role = SelectField("Role", choices=[(r, r.capitalize()) for r in ROLES])
    manager_id = SelectField("Team manager", coerce=int, validators=[Optional()])
    active = BooleanField("Account can sign in")
    # A leaver's cases (and team) go to one colleague when the account is turned off.
    hand_to = SelectField("Who takes over their cases", coerce=int, validators=[Optional()])
    password = PasswordField(
        "New password (leave empty to keep)",
        validators=[Optional(), Length(min=12, max=1000, message="Use at least 12 characters.")],
    )
    submit = SubmitField("Save changes")
