"""Every word a template shows is marked for translation (docs/translations.md).

Each template under templates/ (but the booklet's, which says its words through the booklet's
own catalogue) is split by Jinja's lexer; its raw HTML, the `data` between the Jinja tags, is
read with html.parser, each Jinja tag standing in as a mark with no letters. A text node, or an
aria-label, title, placeholder or alt attribute, or the value of an input button, that has a
letter of its own (not one a Jinja expression writes) is an unmarked word, and fails the test.
Not words: what is inside <script>, <style> and <code> (code, a setting's name, a command),
a `{% trans %}` block (marked), a block of class names (`body_class`), and a text that is only
attributes (`lang="..." dir="..."`: a macro that writes them into a tag elsewhere).

Words can also hide in a Jinja expression, as a string literal (`{{ "Heading" if ... }}`,
`pages(page, more, "Pages of cases")`): a literal of two words or more that is not inside
`_()` or `ngettext()` fails too (but a `class_` argument, which is class names).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from jinja2 import Environment

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "templates"
NOT_CHECKED = ("booklet/",)  # the booklet's words come from story/wording.py's catalogue
EXEMPT: set[str] = set()  # templates not marked yet: none
# Words that are the same in every language: none yet. Add one here, by its exact text, only
# with the reason beside it.
ALLOWED: set[str] = set()
ATTRIBUTES = {"aria-label", "title", "placeholder", "alt"}
BUTTON_INPUTS = {"submit", "button", "reset"}  # their `value` is the words on the button
CODE = {"script", "style", "code"}
NOT_WORDS_BLOCKS = {"body_class"}  # {% block body_class %}: class names for <body>
ONLY_ATTRIBUTES = re.compile(r'(\s*[\w:-]+="[^"]*")+\s*')
JINJA = "\ue000"  # where a Jinja tag was: a private-use character, not a letter
LETTER = re.compile(r"[^\W\d_]")
WORDS = re.compile(r"[^\W\d_]{2,}\s+\S*[^\W\d_]")  # two words, in a string literal
TRANSLATE = {"_", "gettext", "ngettext"}  # the calls that mark their words
NOT_WORDS_ARGUMENTS = {"class_"}  # `field(..., class_="label visually-hidden")`
_env = Environment(extensions=["jinja2.ext.i18n"], autoescape=True)  # only lexed, never rendered


def html_of(source: str) -> str:
    """The template's raw HTML, each Jinja tag replaced by one mark (its line breaks kept), and
    the data of a `{% trans %}` block or a block of class names too."""
    parts = []
    tag: list[str] = []  # the names in the {% ... %} being read
    hidden = None  # the tag that ends the data that is not words, while inside it
    for _line, kind, value in _env.lex(source):
        if kind == "data" and hidden is None:
            parts.append(value)
            continue
        if kind in ("variable_begin", "block_begin"):
            parts.append(JINJA)
        parts.append("\n" * value.count("\n"))
        if kind == "block_begin":
            tag = []
        elif kind == "name":
            tag.append(value)
        elif kind == "block_end" and tag:
            if hidden is None and tag[0] == "trans":
                hidden = "endtrans"
            elif hidden is None and tag[0] == "block" and tag[1:2] and tag[1] in NOT_WORDS_BLOCKS:
                hidden = "endblock"
            elif tag[0] == hidden:
                hidden = None
    return "".join(parts)


class _Words(HTMLParser):
    """Collects the words of the raw HTML that no Jinja expression wrote."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self._code = 0

    def _check(self, text: str, attribute: bool = False) -> None:
        words = " ".join(text.replace(JINJA, " ").split())
        if not attribute and ONLY_ATTRIBUTES.fullmatch(words):
            return
        if LETTER.search(words) and words not in ALLOWED:
            self.found.append((self.getpos()[0], words))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in CODE:
            self._code += 1
        values = dict(attrs)
        for name, value in attrs:
            if value and (
                name in ATTRIBUTES
                or (name == "value" and tag == "input" and values.get("type") in BUTTON_INPUTS)
            ):
                self._check(value, attribute=True)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in CODE:
            self._code -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in CODE and self._code:
            self._code -= 1

    def handle_data(self, data: str) -> None:
        if not self._code:
            self._check(data)


def unmarked(source: str) -> list[tuple[int, str]]:
    """The unmarked words of a template's source, with their line numbers."""
    parser = _Words()
    parser.feed(html_of(source))
    parser.close()
    return parser.found


def unmarked_literals(source: str) -> list[tuple[int, str]]:
    """String literals of words in the template's Jinja tags that no `_()` call takes."""
    found = []
    marked: list[int] = []  # the depth of each open translating call's parenthesis
    depth = 0
    before: list[tuple[str, str]] = []  # the last two tokens (whitespace left out)
    for line, kind, value in _env.lex(source):
        if kind in ("variable_begin", "block_begin"):
            depth, marked = 0, []
        elif kind == "operator" and value == "(":
            depth += 1
            if before and before[-1][0] == "name" and before[-1][1] in TRANSLATE:
                marked.append(depth)
        elif kind == "operator" and value == ")":
            if marked and marked[-1] == depth:
                marked.pop()
            depth -= 1
        elif kind == "string" and not marked:
            text = value[1:-1]
            named = len(before) > 1 and before[-1] == ("operator", "=") and before[-2][0] == "name"
            if WORDS.search(text) and not (named and before[-2][1] in NOT_WORDS_ARGUMENTS):
                found.append((line, text))
        if kind != "whitespace":
            before = [*before[-1:], (kind, value)]
    return found


def templates() -> list[str]:
    names = sorted(p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.html"))
    return [n for n in names if not n.startswith(NOT_CHECKED)]


@pytest.mark.parametrize("name", [n for n in templates() if n not in EXEMPT])
def test_every_word_of_the_template_is_marked(name):
    found = unmarked((TEMPLATES / name).read_text(encoding="utf-8"))
    assert found == [], f"unmarked words in templates/{name}: wrap them in _() (line, words)"


@pytest.mark.parametrize("name", [n for n in templates() if n not in EXEMPT])
def test_no_words_are_left_in_a_templates_expressions(name):
    found = unmarked_literals((TEMPLATES / name).read_text(encoding="utf-8"))
    assert found == [], f"words in a Jinja expression of templates/{name}: wrap them in _()"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('{{ "About this page" if about else "Questions to ask" }}',
         [(1, "About this page"), (1, "Questions to ask")]),
        ('{{ _("About this page") if about else _("Questions to ask") }}', []),
        ('{{ pages(page, more, "Pages of cases", older=_("Older cases")) }}',
         [(1, "Pages of cases")]),
        ("{% set who = named.get(id, 'Someone (not said who)') %}",
         [(1, "Someone (not said who)")]),
        ("{% set who = named.get(id, _('Someone (not said who)')) %}", []),
        ('{{ ngettext("%(num)d page", "%(num)d pages", n, name=x ~ " and more") }}', []),
        ("{{ c.created_at.strftime('%-d %b') }} {{ t|join(', ') }} {% if k == 'custom' %}", []),
        ("{{ own.label(class_='label visually-hidden') }}", []),
    ],
)  # fmt: skip
def test_the_checker_finds_words_in_expressions(source, expected):
    assert unmarked_literals(source) == expected


def test_the_exemptions_are_templates_that_exist():
    assert set(templates()) >= EXEMPT
    assert "editor/edit.html" in templates() and "booklet/booklet.html" not in templates()


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<p>Hello</p>", [(1, "Hello")]),
        ('<p>{{ _("Hello") }}</p>', []),
        ("<p>{{ name }}</p>", []),
        ("<p>{{ _('Hi') }}</p>\n<p>{{ name }}, welcome</p>", [(2, ", welcome")]),
        ('<button aria-label="Close">&times;</button>', [(1, "Close")]),
        ('<button aria-label="{{ _("Close") }}">&times; {{ n }}</button>', []),
        ('<img alt="A house" src="{{ src }}">', [(1, "A house")]),
        ('<input placeholder="{{ _("Name") }}" title="Your name">', [(1, "Your name")]),
        ('<input type="submit" value="Save">', [(1, "Save")]),
        ('<input type="hidden" name="action" value="accept">', []),
        ("{% block title %}Start{% endblock %}", [(1, "Start")]),
        ("{% if x %}<b>Yes</b>{% else %}{{ _('No') }}{% endif %}", [(1, "Yes")]),
        ("{# A comment #}<p>{{ n }} &rarr; 0:00 &middot; 10</p>", []),
        ("<script>const a = 'words';</script><style>a{color:red}</style>", []),
        ('<p class="hint" data-words="x">\n\n  Two lines\n</p>', [(1, "Two lines")]),
        ("<p>{{ _(\"A %(n)s\", n='word') }} words</p>", [(1, "words")]),
        ("{% trans n=3 %}<b>{{ n }}</b> words{% endtrans %}<i>Left</i>", [(1, "Left")]),
        (
            "{% block body_class %}narrow{% endblock %}{% block title %}Hi{% endblock %}",
            [(1, "Hi")],
        ),
        (
            '{% macro a() %}lang="{{ x }}" dir="rtl"{% endmacro %}<p>Set lang="en"</p>',
            [(1, 'Set lang="en"')],
        ),
        ("<p>Set <code>STORYBOARD_PUBLIC_URL</code> first</p>", [(1, "Set"), (1, "first")]),
    ],
)
def test_the_checker_finds_unmarked_words(source, expected):
    assert unmarked(source) == expected


def test_the_checker_fails_on_an_unmarked_template(tmp_path):
    # The whole path a template takes: read from a file, then lexed and parsed.
    page = tmp_path / "page.html"
    page.write_text(
        '{% extends "base.html" %}\n{% block content %}\n<h1>{{ _("Start") }}</h1>\n'
        '<p class="hint">Choose a page.</p>\n{% endblock %}\n',
        encoding="utf-8",
    )
    assert unmarked(page.read_text(encoding="utf-8")) == [(4, "Choose a page.")]
