"""The council settings form: name, logo, two colours, helplines, and the booklet choice."""

from __future__ import annotations

import re

from flask_babel import gettext, lazy_gettext
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, FieldList, Form, FormField, StringField, SubmitField
from wtforms.validators import Length, Optional, ValidationError

from storyboard.core.contrast import clean_hex
from storyboard.services.council import MAX_HELPLINES

_PHONE = re.compile(r"^\+?[0-9 ()\-]+$")
MIN_DIGITS, MAX_DIGITS = 3, 15  # 999 and 116 123 to an international number


def one_line(text: str | None) -> str:
    """Spaces, tabs and line breaks as one space, without any at either end."""
    return " ".join((text or "").split())


def clean_phone(text: str | None) -> str:
    """A phone number as text: digits, spaces, + ( ) -; one space between groups."""
    return one_line(text).replace("( ", "(").replace(" )", ")")


class ColourCheck:
    """A colour as # and six hex digits (three are widened), or a message; the box keeps it."""

    def __call__(self, form: Form, field: StringField) -> None:
        """Clean the colour in place, or refuse it."""
        try:
            field.data = clean_hex(field.data)
        except ValueError:
            raise ValidationError(
                gettext("Write a colour as # and six letters or digits, for example #1d5f8a.")
            ) from None


class HelplineForm(Form):
    """One helpline: its name, its number, and when it answers (all optional on a blank row)."""

    name = StringField(
        lazy_gettext("Name"), filters=[one_line], validators=[Optional(), Length(max=60)]
    )
    # No Optional(): an empty number is checked below (a name without a number is refused).
    number = StringField(lazy_gettext("Number"), filters=[clean_phone], validators=[Length(max=24)])
    notes = StringField(
        lazy_gettext("When, and what it costs"),
        filters=[one_line],
        validators=[Optional(), Length(max=60)],
    )

    def validate_number(self, field: StringField) -> None:
        """A number people can dial, and a name with every number."""
        if not field.data:
            if self.name.data or self.notes.data:
                raise ValidationError(
                    gettext("Give the helpline's phone number, or clear this row.")
                )
            return
        if not _PHONE.match(field.data):
            raise ValidationError(
                gettext(
                    "Use only digits, spaces, + and brackets in a phone number, "
                    "for example 0800 1111."
                )
            )
        digits = sum(c.isdigit() for c in field.data)
        if not MIN_DIGITS <= digits <= MAX_DIGITS:
            raise ValidationError(
                gettext(
                    "This number has %(digits)s digits; a phone number has %(least)s to %(most)s.",
                    digits=digits,
                    least=MIN_DIGITS,
                    most=MAX_DIGITS,
                )
            )
        if not self.name.data:
            self.name.errors = [*self.name.errors, gettext("Give the helpline a name.")]
            raise ValidationError(gettext("This number needs a name beside it."))


class CouncilForm(FlaskForm):
    """What an administrator sets for the whole council."""

    name = StringField(
        lazy_gettext("The council's name"),
        filters=[one_line],
        validators=[Optional(), Length(max=120)],
        description=lazy_gettext(
            "Shown at the top of staff and reviewer pages, for example: Northshire County Council"
        ),
    )
    logo = FileField(
        lazy_gettext("Logo (PNG or SVG, up to 1 MB)"),
        description=lazy_gettext(
            "Cleaned when it arrives: a PNG is made again from its pixels, with nothing "
            "else kept; an SVG is drawn to a PNG, and one with scripts or links is refused."
        ),
    )
    remove_logo = BooleanField(lazy_gettext("Remove the logo"))
    primary_colour = StringField(
        lazy_gettext("Main colour"), validators=[Optional(), Length(max=7), ColourCheck()],
        description=lazy_gettext(
            "The band across the top of every page, with white writing on it. "
            "For example #1d4f7a. Leave empty for none."
        ),
    )  # fmt: skip
    accent_colour = StringField(
        lazy_gettext("Second colour"), validators=[Optional(), Length(max=7), ColourCheck()],
        description=lazy_gettext(
            "Links and main buttons. It needs to stand out against a white page. "
            "Leave empty for the usual teal."
        ),
    )  # fmt: skip
    helplines = FieldList(FormField(HelplineForm), min_entries=MAX_HELPLINES,
                          max_entries=MAX_HELPLINES)  # fmt: skip
    booklet_allowed = BooleanField(
        lazy_gettext("Workers may print the council's name and logo on a booklet"),
        description=lazy_gettext(
            "Even then, a booklet shows them only when its worker ticks the box on its "
            "export page, and never on the minimal version."
        ),
    )
    submit = SubmitField(lazy_gettext("Save the council's settings"))

    def helpline_rows(self) -> list[dict[str, str]]:
        """The filled-in rows, in order."""
        rows = []
        for entry in self.helplines:
            if entry.form.number.data:
                row = {"name": entry.form.name.data, "number": entry.form.number.data}
                if entry.form.notes.data:
                    row["notes"] = entry.form.notes.data
                rows.append(row)
        return rows
