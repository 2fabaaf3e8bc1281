"""What every area's forms share: the field size limit. Each area keeps its forms beside its
views (`web/<area>/forms.py`); all are WTForms through Flask-WTF, so each carries a CSRF token.
"""

from __future__ import annotations

from flask import current_app
from flask_wtf import FlaskForm
from wtforms.validators import ValidationError

from storyboard.story.constants import MAX_TEXT


class FieldSizeLimit:
    """Refuse a field longer than MAX_FIELD_CHARS with a message; the text stays in the box."""

    def __call__(self, form: FlaskForm, field: object) -> None:
        """Check the field's length against the configured limit."""
        limit = min(int(current_app.config["MAX_FIELD_CHARS"]), MAX_TEXT)
        data = getattr(field, "data", None)
        if isinstance(data, str) and len(data) > limit:
            raise ValidationError(
                f"This is {len(data):,} characters long; the most it can hold is {limit:,}."
            )
