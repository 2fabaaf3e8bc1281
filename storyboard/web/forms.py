"""Forms (WTForms through Flask-WTF, so every form carries a CSRF token)."""

from __future__ import annotations

from flask import current_app
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
)
from wtforms.validators import DataRequired, EqualTo, Length, Optional, Regexp, ValidationError

from storyboard.services.models import ROLES

USERNAME_RULE = Regexp(
    r"^[A-Za-z0-9._-]+$", message="Use letters, numbers, dots, dashes or underscores."
)


class FieldSizeLimit:
    """Refuse a field longer than MAX_FIELD_CHARS with a message; the text stays in the box."""

    def __call__(self, form: FlaskForm, field: object) -> None:
        """Check the field's length against the configured limit."""
        limit = int(current_app.config["MAX_FIELD_CHARS"])
        data = getattr(field, "data", None)
        if isinstance(data, str) and len(data) > limit:
            raise ValidationError(
                f"This is {len(data):,} characters long; the most it can hold is {limit:,}."
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
    password = PasswordField(
        "New password (leave empty to keep)",
        validators=[Optional(), Length(min=12, max=1000, message="Use at least 12 characters.")],
    )
    submit = SubmitField("Save changes")


class CaseForm(FlaskForm):
    """A new case: the family and the case reference."""

    reference = StringField(
        "Case reference",
        validators=[DataRequired(), Length(max=40), FieldSizeLimit()],
        description="The reference from your case recording system.",
    )
    family_name = StringField(
        "Family",
        validators=[DataRequired(), Length(max=120), FieldSizeLimit()],
        description='How you name this family, for example "The Jones family".',
    )
    workers = SelectMultipleField("Workers on this case", coerce=int)
    submit = SubmitField("Create case")


class PersonForm(FlaskForm):
    """Someone in the child's life, in the family's words."""

    name = StringField("Name", validators=[DataRequired(), Length(max=120), FieldSizeLimit()])
    relationship = StringField(
        "Who they are to the child",
        validators=[DataRequired(), Length(max=120), FieldSizeLimit()],
        description='In the child\'s words, for example "Mum", "Nan", "Uncle Joe".',
    )
    pronouns = StringField("Pronouns (optional)", validators=[Optional(), Length(max=40)])
    submit = SubmitField("Add person")
