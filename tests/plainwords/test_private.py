"""The private-details check looks at every printed string, speakers and pictures included."""

from __future__ import annotations

from storyboard.plainwords.private import private_details
from storyboard.story.storyfile import parse


def story(**changes):  # noqa: ANN003, ANN201
    document = {
        "format": "storyboard/1",
        "title": "Sam's story",
        "child": {"name": "Sam Baker"},
        "people": [
            {"id": "mum", "name": "Kerry Baker", "role": "Mum"},
            {"id": "nan", "name": "Pat Hughes", "role": "Nan", "known_as": "Nanny Pat"},
        ],
        "panels": [
            {"section": "family", "text": "Sam lives with Mum.", "speaker": "mum"},
            {"section": "network", "text": "Nanny Pat helps.", "speaker": "nan"},
        ],
    }
    return parse(document | changes)


def test_a_safe_booklet_has_no_findings():
    assert private_details(story()) == []


def test_surnames_addresses_and_schools_are_found_wherever_they_print():
    s = story()
    s.panels[0].text = "Mrs Hughes lives at 12 Acacia Avenue, LS6 2AB."
    s.panels[1].heading = "Call 07700 900123"
    found = {(f.page, f.where, f.what, f.words) for f in private_details(s)}
    assert (2, "the words", "a surname", "Hughes") in found
    assert (2, "the words", "a postcode", "LS6 2AB") in found
    assert any(f[2] == "a street address" for f in found)
    assert (3, "the heading", "a phone number", "07700 900123") in found


def test_a_picture_label_or_description_is_checked_too():
    document = story().model_dump(exclude_unset=True)
    document["panels"][0]["pictures"] = [
        {"src": "library:home", "label": "Baker house", "alt": "Oakfield Primary School"}
    ]
    found = {(f.where, f.what) for f in private_details(parse(document))}
    assert ("a picture description", "a school's name") in found
    assert ("a picture label", "a surname") in found


def test_the_childs_surname_counts():
    document = story().model_dump(exclude_unset=True)
    document["title"] = "Sam Baker's story"
    (finding,) = private_details(parse(document))
    assert (finding.page, finding.where, finding.words) == (1, "the title", "Baker")


def test_public_numbers_print_however_written_and_other_numbers_are_still_found():
    s = story()
    s.panels[0].text = "Out of hours: +44 (0)1632 960000. Mum's mobile: 07700 900123."
    s.panels[1].text = "Call 01632960000 in the evening."
    found = {f.words for f in private_details(s)}
    assert found == {"+44 (0)1632 960000", "07700 900123", "01632960000"}
    kept = [(f.page, f.what, f.words) for f in private_details(s, ["01632 960 000"])]
    assert kept == [(2, "a phone number", "07700 900123")]
