"""The case and person forms."""

from __future__ import annotations

from flask_babel import gettext, lazy_gettext
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

NOT_KNOWN = ("", lazy_gettext("Not asked yet"))


def known_language(_form: FlaskForm, field: SelectField) -> None:
    """Only a language we know (or none); the cleaned code replaces what was sent."""
    if not (field.data or "").strip():
        field.data = ""
        return
    try:
        field.data = clean_language(field.data)
    except UnknownLanguage as unknown:
        names = ", ".join(name.split(" (")[0] for _, name in LANGUAGES)
        raise ValidationError(
            gettext("We do not have that language yet. Choose one of: %(names)s.", names=names)
        ) from unknown


def language_fields() -> tuple[SelectField, BooleanField]:
    """The language a person reads best, and whether they need an interpreter."""
    return (
        SelectField(
            lazy_gettext("The language they read best"),
            choices=[NOT_KNOWN, *LANGUAGES],
            default="",
            validate_choice=False,  # known_language says what is wrong, in words
            validators=[known_language],
            description=lazy_gettext(
                "Their reviewer link can then be made in it. Kept with the case; "
                "never printed, never in the storyboard file."
            ),
        ),
        BooleanField(lazy_gettext("They need an interpreter")),
    )


class CaseForm(FlaskForm):
    """A new case: the family and the case reference."""

    reference = StringField(
        lazy_gettext("Case reference"),
        validators=[DataRequired(), Length(max=40), FieldSizeLimit()],
        description=lazy_gettext("The reference from your case recording system."),
    )
    family_name = StringField(
        lazy_gettext("Family"),
        validators=[DataRequired(), Length(max=120), FieldSizeLimit()],
        description=lazy_gettext('How you name this family, for example "The Jones family".'),
    )
    workers = SelectMultipleField(lazy_gettext("Workers on this case"), coerce=int)
    submit = SubmitField(lazy_gettext("Create case"))


class PersonForm(FlaskForm):
    """Someone in the child's life, in the family's words."""

    kind = RadioField(
        lazy_gettext("Who is this?"),
        choices=[
            ("family", lazy_gettext("Family or a friend")),
            ("professional", lazy_gettext("A professional (you, a teacher, a doctor)")),
            ("child", lazy_gettext("A child in this family")),
        ],
        default="family",
        validators=[DataRequired()],
    )
    name = StringField(
        lazy_gettext("Name"), validators=[DataRequired(), Length(max=120), FieldSizeLimit()]
    )
    relationship = StringField(
        lazy_gettext("Who they are to the child"),
        validators=[Optional(), Length(max=120), FieldSizeLimit()],
        description=lazy_gettext(
            'In the child\'s words, for example "Mum", "Nan", "Uncle Joe", '
            '"Social worker". For a child of the family, leave it: it is worked out for each story.'
        ),
    )
    age = IntegerField(
        lazy_gettext("Age (a child in this family)"),
        validators=[
            Optional(),
            NumberRange(0, 25, message=lazy_gettext("Give an age from 0 to 25.")),
        ],
    )
    known_as = StringField(
        lazy_gettext("What the child calls them (optional)"),
        validators=[Optional(), Length(max=120), FieldSizeLimit()],
        description=lazy_gettext(
            'Printed in the booklet, for example "Mum", "Nanny Pat", "Andrea". '
            "Empty: who they are to the child. A full name is never printed."
        ),
    )
    pronoun_choice, pronouns = pronoun_fields(lazy_gettext("Their pronouns"))
    preferred_language, needs_interpreter = language_fields()
    submit = SubmitField(lazy_gettext("Add person"))

    def validate(self, extra_validators: dict | None = None) -> bool:
        """A family member or professional needs who they are to the child."""
        ok = super().validate(extra_validators)
        if self.kind.data != "child" and not (self.relationship.data or "").strip():
            self.relationship.errors = [
                *self.relationship.errors,
                lazy_gettext(
                    'Say who they are to the child, for example "Mum" or "Social worker".'
                ),
            ]
            return False
        return ok


class PersonLanguageForm(FlaskForm):
    """Change the language a person of the case reads, and whether they need an interpreter."""

    preferred_language, needs_interpreter = language_fields()
