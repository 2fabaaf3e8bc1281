"""The web code's words are marked for translation (issue 15, "English first").

An AST walk over `storyboard/web/**/*.py` fails on words a person reads that pybabel cannot
find: a `flash()` of a plain string or an f-string; a WTForms field made with a literal label
(first argument or `label=`), description or choice label; a validator or `ValidationError`
with a literal message. Marked words are `gettext(...)`, `lazy_gettext(...)` or
`ngettext(...)` (see docs/translations.md); a variable is trusted (its words are marked where
they are written).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WEB = ROOT / "storyboard" / "web"

EXEMPT: set[str] = set()  # files not marked yet: none


def _literal(node: ast.AST | None) -> bool:
    """A plain string or an f-string: words pybabel cannot extract."""
    return (
        isinstance(node, ast.Constant) and isinstance(node.value, str) and bool(node.value)
    ) or (isinstance(node, ast.JoinedStr))


def _name(func: ast.AST) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _keyword(call: ast.Call, name: str) -> ast.AST | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _literal_choices(node: ast.AST | None) -> bool:
    """A list of (value, label) pairs with a literal label."""
    if not isinstance(node, ast.List | ast.Tuple):
        return False
    return any(
        isinstance(pair, ast.Tuple) and len(pair.elts) == 2 and _literal(pair.elts[1])
        for pair in node.elts
    )


def unmarked(source: str) -> list[tuple[int, str]]:
    """(line, what) for each unmarked word of one module's source."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        first = node.args[0] if node.args else None
        if name == "flash" and (_literal(first) or _literal(_keyword(node, "message"))):
            found.append((node.lineno, "flash"))
        if name.endswith("Field") and name[:1].isupper():
            if _literal(first) or _literal(_keyword(node, "label")):
                found.append((node.lineno, f"{name} label"))
            if _literal(_keyword(node, "description")):
                found.append((node.lineno, f"{name} description"))
            if _literal_choices(_keyword(node, "choices")):
                found.append((node.lineno, f"{name} choices"))
        if _literal(_keyword(node, "message")) and name != "flash":
            found.append((node.lineno, f"{name} message"))
        if name == "ValidationError" and _literal(first):
            found.append((node.lineno, "ValidationError"))
    return sorted(found)


def checked_files() -> list[Path]:
    return [
        path
        for path in sorted(WEB.rglob("*.py"))
        if not any(path.relative_to(ROOT).as_posix().startswith(e) for e in EXEMPT)
    ]


def test_the_checker_finds_each_kind_of_unmarked_word():
    source = """
flash("Saved.", "success")
flash(f"Version {n} saved.", "success")
flash(gettext("Saved."), "success")
flash(message, "error")
name = StringField("Name", validators=[DataRequired(message="Type a name.")])
size = SelectField(label=f"Size {n}", choices=[("a4", "A4 paper"), ("a5", lazy_gettext("A5"))])
ok = StringField(lazy_gettext("Name"), description=lazy_gettext("Your name."),
                 validators=[Length(max=9, message=lazy_gettext("Too long."))])
hint = BooleanField(lazy_gettext("Tick"), description="Tick it.")
raise ValidationError("Too long.")
raise ValidationError(gettext("Too long."))
"""
    assert unmarked(source) == [
        (2, "flash"),
        (3, "flash"),
        (6, "DataRequired message"),
        (6, "StringField label"),
        (7, "SelectField choices"),
        (7, "SelectField label"),
        (10, "BooleanField description"),
        (11, "ValidationError"),
    ]


def test_the_exemptions_name_files_that_exist_and_the_walk_reads_the_web_code():
    for exempt in EXEMPT:
        assert (ROOT / exempt).exists(), exempt
    paths = {path.relative_to(ROOT).as_posix() for path in checked_files()}
    assert {"storyboard/web/review/views.py", "storyboard/web/auth/forms.py"} <= paths
    assert "storyboard/web/editor/__init__.py" in paths


def test_the_web_codes_words_are_marked():
    found = {
        path.relative_to(ROOT).as_posix(): problems
        for path in checked_files()
        if (problems := unmarked(path.read_text(encoding="utf-8")))
    }
    assert found == {}, "mark these with gettext / lazy_gettext (docs/translations.md)"
