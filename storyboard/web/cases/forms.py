"""The case and person forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectMultipleField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional

from storyboard.web.forms import FieldSizeLimit


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
    known_as = StringField(
        "What the child calls them (optional)",
        validators=[Optional(), Length(max=120), FieldSizeLimit()],
        description='Printed in the booklet, for example "Mum", "Nanny Pat", "Andrea". '
        "Empty: who they are to the child. A full name is never printed.",
    )
    pronouns = StringField("Pronouns (optional)", validators=[Optional(), Length(max=40)])
    submit = SubmitField("Add person")
