"""The case and person forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from storyboard.story.languages import LANGUAGES, UnknownLanguage, clean_language
from storyboard.web.forms import FieldSizeLimit, pronoun_fields

NOT_KNOWN = ("", "Not asked yet")


def known_language(_form: FlaskForm, field: SelectField) -> None:
    """Only a language we know (or none); the cleaned code replaces what was sent."""
    if not (field.data or "").strip():
        field.data = ""
        return
    try:
        field.data = clean_language(field.data)
    except UnknownLanguage as unknown:
        raise ValidationError(str(unknown)) from unknown


def language_fields() -> tuple[SelectField, BooleanField]:
    """The language a person reads best, and whether they need an interpreter."""
    return (
        SelectField(
            "The language they read best",
            choices=[NOT_KNOWN, *LANGUAGES],
            default="",
            validate_choice=False,  # known_language says what is wrong, in words
            validators=[known_language],
            description="Their reviewer link can then be made in it. Kept with the case; "
            "never printed, never in the storyboard file.",
        ),
        BooleanField("They need an interpreter"),
    )


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

    kind = RadioField(
        "Who is this?",
        choices=[
            ("family", "Family or a friend"),
            ("professional", "A professional (you, a teacher, a doctor)"),
            ("child", "A child in this family"),
        ],
        default="family",
        validators=[DataRequired()],
    )
    name = StringField("Name", validators=[DataRequired(), Length(max=120), FieldSizeLimit()])
    relationship = StringField(
        "Who they are to the child",
        validators=[Optional(), Length(max=120), FieldSizeLimit()],
        description='In the child\'s words, for example "Mum", "Nan", "Uncle Joe", '
        '"Social worker". For a child of the family, leave it: it is worked out for each story.',
    )
    age = IntegerField(
        "Age (a child in this family)",
        validators=[Optional(), NumberRange(0, 25, message="Give an age from 0 to 25.")],
    )
    known_as = StringField(
        "What the child calls them (optional)",
        validators=[Optional(), Length(max=120), FieldSizeLimit()],
        description='Printed in the booklet, for example "Mum", "Nanny Pat", "Andrea". '
        "Empty: who they are to the child. A full name is never printed.",
    )
    pronoun_choice, pronouns = pronoun_fields("Their")
    preferred_language, needs_interpreter = language_fields()
    submit = SubmitField("Add person")

    def validate(self, extra_validators: dict | None = None) -> bool:
        """A family member or professional needs who they are to the child."""
        ok = super().validate(extra_validators)
        if self.kind.data != "child" and not (self.relationship.data or "").strip():
            self.relationship.errors = [
                *self.relationship.errors,
                'Say who they are to the child, for example "Mum" or "Social worker".',
            ]
            return False
        return ok


class PersonLanguageForm(FlaskForm):
    """Change the language a person of the case reads, and whether they need an interpreter."""

    preferred_language, needs_interpreter = language_fields()
