"""Exporting a storyboard (booklet formats and the portable file) and importing it back."""

from __future__ import annotations

import io
import json
import zipfile

import docx
import pytest
from sqlalchemy import select

from storyboard.db import db
from storyboard.models import AuditEvent, Panel, Person, Storyboard
from storyboard.storydoc import to_document
from storyboard.storyfile import validate
from tests.conftest import STANDARD_PANELS


@pytest.fixture
def story(app, make_user, make_case, make_storyboard, auth):
    """A worker signed in, with one case and one nine-panel storyboard."""
    ann = make_user("ann")
    case_id = make_case("CR-77", ann)
    with app.app_context():
        db.session.add(Person(case_id=case_id, name="Sarah", relationship_="Mum"))
        db.session.commit()
    storyboard_id = make_storyboard(case_id)
    auth.sign_in("ann")
    return {"case": case_id, "storyboard": storyboard_id}


def test_word_export_has_every_panel_in_order(client, story):
    response = client.get(f"/storyboards/{story['storyboard']}/export/docx")
    assert response.status_code == 200
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="CR-77-1_')
    assert "Sam" not in disposition
    document = docx.Document(io.BytesIO(response.data))
    body = "\n".join(p.text for p in document.paragraphs)
    positions = [body.find(text) for _, _, text in STANDARD_PANELS]
    assert -1 not in positions
    assert positions == sorted(positions)
    # An unapproved version says "Draft" on every page: in the header Word repeats on each.
    header = "\n".join(p.text for p in document.sections[0].header.paragraphs)
    assert "Draft" in header


def test_png_export_is_a_zip_of_pages(client, story):
    response = client.get(f"/storyboards/{story['storyboard']}/export/png")
    pages = zipfile.ZipFile(io.BytesIO(response.data)).namelist()
    assert len(pages) >= len(STANDARD_PANELS)
    assert pages[0] == "page-01.png"


def test_html_export_is_self_contained_and_escaped(app, client, story):
    with app.app_context():
        panel = db.session.scalar(select(Panel).where(Panel.section == "worries"))
        panel.text = "<script>alert('x')</script> Mum was poorly."
        db.session.commit()
    html = client.get(f"/storyboards/{story['storyboard']}/export/html").get_data(as_text=True)
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html
    assert "http://" not in html and "https://" not in html


def test_export_is_audited_and_guarded(app, client, story, make_user, auth):
    client.get(f"/storyboards/{story['storyboard']}/export/json")
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "export"))
        assert event.storyboard_id == story["storyboard"]
        assert event.details == {"format": "json"}
    make_user("bob")
    auth.sign_out()
    auth.sign_in("bob")
    assert client.get(f"/storyboards/{story['storyboard']}/export/docx").status_code == 404
    assert client.get(f"/storyboards/{story['storyboard']}/export/exe").status_code == 404


def test_export_import_export_gives_the_same_document(app, client, story):
    first = client.get(f"/storyboards/{story['storyboard']}/export/json").data
    response = client.post(
        f"/cases/{story['case']}/import",
        data={"storyfile": (io.BytesIO(first), "story.json")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    with app.app_context():
        imported = db.session.scalar(select(Storyboard).where(Storyboard.number == 2))
        assert imported is not None
        # The people were matched, not duplicated.
        assert len(imported.case.people) == 1
        new_id = imported.id
    second = client.get(f"/storyboards/{new_id}/export/json").data
    one, two = json.loads(first), json.loads(second)
    # The reference names the storyboard's place in its case, so it is the one field that moves.
    assert (one.pop("reference"), two.pop("reference")) == ("CR-77-1", "CR-77-2")
    assert one == two


def test_import_refuses_a_bad_file_naming_the_place(app, client, story):
    bad = {"format": "storyboard/1", "title": "T", "child": {"name": "Sam"}, "panels": [{}]}
    response = client.post(
        f"/cases/{story['case']}/import",
        data={"storyfile": (io.BytesIO(json.dumps(bad).encode()), "bad.json")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert "panels[0].text: is required" in response.get_data(as_text=True)
    broken = client.post(
        f"/cases/{story['case']}/import",
        data={"storyfile": (io.BytesIO(b'{"format": '), "broken.json")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert "cannot be imported" in broken.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Storyboard).where(Storyboard.number == 2)) is None


def test_document_keeps_speaker_voices_and_unknown_fields(app, story):
    with app.app_context():
        storyboard = db.session.get(Storyboard, story["storyboard"])
        mum = storyboard.case.people[0]
        panel = storyboard.panels[3]
        panel.speaker = str(mum.id)
        panel.voices = [{"speaker": str(mum.id), "label": "Mum says", "text": "I was tired."}]
        panel.extra = {"id": "worries-1", "x-local": {"keep": True}}
        panel.scene = {"background": "#fff8e7", "pictures": [{"src": "library:home", "x": 0.1}]}
        db.session.commit()
        doc = validate(to_document(storyboard))
    worries = doc["panels"][3]
    assert worries["speaker"] == "mum"
    assert worries["voices"][0]["speaker"] == "mum"
    assert worries["id"] == "worries-1"
    assert worries["x-local"] == {"keep": True}
    assert worries["background"] == "#fff8e7"
    assert doc["people"] == [{"id": "mum", "name": "Sarah", "role": "Mum"}]
