"""`storyboard check FILE [--json]` on small portable storyboard files, with no app or database."""

import json

import pytest
from click.testing import CliRunner

from storyboard.plainwords.cli import check_command


@pytest.fixture
def storyfile(tmp_path):
    """Write a portable storyboard file and return its path."""

    def write(panels, **fields):
        document = {
            "format": "storyboard/1",
            "title": "Sam's story",
            "child": {"name": "Sam", "age": 7},
            "language": "en",
            "panels": panels,
            **fields,
        }
        path = tmp_path / "sam.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        return path

    return write


def run(*args):
    """Run the command and return its result, with stderr kept apart."""
    return CliRunner().invoke(check_command, [str(a) for a in args])


def test_readable_report_lists_hints_per_panel_and_the_summary(storyfile):
    path = storyfile(
        [
            {"section": "worries", "text": "Sam is on a child protection plan. Sam was hurt."},
            {"section": "now", "text": "Sam plays football with Dad."},
        ]
    )
    result = run(path)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Panel 1 (worries): 2 hints" in out
    assert '- jargon: "a child protection plan" -> a plan to keep you safe' in out
    assert '- passive: "was hurt" -> Say who hurt Sam.' in out
    assert "Panel 2 (now): no hints" in out
    assert "Jargon left in: child protection plan" in out
    assert "Reading age:" in out
    assert "Panels over the length target: none" in out


def test_json_report(storyfile):
    path = storyfile(
        [
            {"section": "worries", "text": "The MASH got a referral. Mum has contact on Sundays."},
            {"section": "next", "text": "Sam went to Nan's.", "skipped": True},
        ]
    )
    result = run(path, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["summary"]["jargon_left"] == ["MASH", "referral", "contact"]
    assert data["summary"]["panels_skipped"] == [2]
    hints = data["panels"][0]["hints"]
    assert {(h["kind"], h["words"], h["suggestion"]) for h in hints} >= {
        ("jargon", "contact", "family time"),
    }


def test_arabic_file_says_why_there_is_no_reading_age(storyfile):
    path = storyfile([{"section": "worries", "text": "سام يحب أمه."}], language="ar")
    result = run(path)
    assert result.exit_code == 0, result.output
    assert "Reading age: not estimated" in result.output
    assert "Note: Reading age is only estimated for English text." in result.output


def test_local_terms_file(storyfile, tmp_path):
    path = storyfile([{"section": "worries", "text": "The TAF met on Monday."}])
    terms = tmp_path / "terms.json"
    terms.write_text(json.dumps([{"term": "TAF", "plain": "your helpers", "acronym": True}]))
    result = run(path, "--terms", terms, "--json")
    assert result.exit_code == 0, result.output
    (hint,) = json.loads(result.stdout)["panels"][0]["hints"]
    assert (hint["words"], hint["suggestion"]) == ("TAF", "your helpers")


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        json.dumps({"format": "storyboard/1", "title": "Sam's story", "panels": []}),
        json.dumps({"format": "other", "title": "x", "child": {"name": "Sam"}, "panels": []}),
    ],
)
def test_bad_file_exits_2_with_one_line_on_stderr(tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    result = run(path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Error: bad.json: ")
    assert result.stderr.count("\n") == 1


def test_missing_file_exits_2(tmp_path):
    result = run(tmp_path / "nope.json")
    assert result.exit_code == 2
    assert "nope.json" in result.stderr and result.stderr.count("\n") == 1


def test_bad_terms_file_exits_2(storyfile, tmp_path):
    path = storyfile([{"section": "worries", "text": "Hello."}])
    terms = tmp_path / "terms.json"
    terms.write_text(json.dumps([{"term": "TAF"}]))
    result = run(path, "--terms", terms)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: terms.json: ")
