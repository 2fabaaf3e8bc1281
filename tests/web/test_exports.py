"""Exporting a storyboard (booklet formats and the portable file) and importing it back."""

from __future__ import annotations

import io
import json
import zipfile

import docx
import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from storyboard.services.db import db
from storyboard.services.images import read_image
from storyboard.services.models import AuditEvent, Panel, Person, Storyboard
from storyboard.services.storydoc import to_document
from storyboard.story.storyfile import validate
from tests.fixtures.factories import STANDARD_PANELS


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


def test_zip_with_a_photo_round_trips(app, client, story):
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), (200, 120, 80)).save(buffer, "JPEG")
    upload = client.post(
        f"/api/storyboards/{story['storyboard']}/images",
        data={"photo": (io.BytesIO(buffer.getvalue()), "photo.jpg")},
        content_type="multipart/form-data",
    )
    assert upload.status_code == 201
    src = upload.json["src"]
    with app.app_context():
        panel = db.session.scalar(select(Panel).where(Panel.section == "family"))
        panel.scene = {"pictures": [{"src": src, "x": 0.1, "y": 0.1, "width": 0.4, "alt": "Us"}]}
        db.session.commit()
    first = client.get(f"/storyboards/{story['storyboard']}/export/zip").data
    assert src.partition(":")[2] in zipfile.ZipFile(io.BytesIO(first)).namelist()
    response = client.post(
        f"/cases/{story['case']}/import",
        data={"storyfile": (io.BytesIO(first), "story.zip")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    with app.app_context():
        new_id = db.session.scalar(select(Storyboard.id).where(Storyboard.number == 2))
    second = client.get(f"/storyboards/{new_id}/export/zip").data
    one = json.loads(zipfile.ZipFile(io.BytesIO(first)).read("storyboard.json"))
    two = json.loads(zipfile.ZipFile(io.BytesIO(second)).read("storyboard.json"))
    one.pop("reference"), two.pop("reference")
    assert one == two
    name = src.partition(":")[2]
    assert zipfile.ZipFile(io.BytesIO(first)).read(name) == zipfile.ZipFile(
        io.BytesIO(second)
    ).read(name)


def test_imported_photos_are_cleaned_of_metadata(app, client, story):
    from PIL import Image as PILImage

    from storyboard.story.storyfile import StoryFile, write_zip

    exif = PILImage.Exif()
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}  # GPS latitude
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (10, 120, 200)).save(buffer, "JPEG", exif=exif.tobytes())
    doc = {
        "format": "storyboard/1",
        "title": "T",
        "child": {"name": "Sam"},
        "panels": [{"text": "Hi", "pictures": [{"src": "file:photos/us.jpg"}]}],
    }
    data = write_zip(StoryFile(document=doc, images={"photos/us.jpg": buffer.getvalue()}))
    response = client.post(
        f"/cases/{story['case']}/import",
        data={"storyfile": (io.BytesIO(data), "outside.zip")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    with app.app_context():
        imported = db.session.scalar(select(Storyboard).where(Storyboard.number == 2))
        src = imported.panels[0].scene["pictures"][0]["src"]
        data = read_image(src.rpartition("/")[2])
    stored = PILImage.open(io.BytesIO(data))
    assert not stored.getexif()
    assert "exif" not in stored.info


def test_imported_drawings_keep_their_place_under_a_fresh_key(app, client, story):
    from storyboard.services.models import Drawing

    key = "k" * 60  # too long to keep as it is
    doc = {
        "format": "storyboard/1",
        "title": "T",
        "child": {"name": "Sam"},
        "drawings": {key: {"width": 10, "height": 10, "strokes": []}},
        "panels": [{"text": "Hi", "pictures": [{"src": f"drawing:{key}"}]}],
    }
    response = client.post(
        f"/cases/{story['case']}/import",
        data={"storyfile": (io.BytesIO(json.dumps(doc).encode()), "d.json")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    with app.app_context():
        drawing = db.session.scalar(select(Drawing))
        panel = db.session.scalar(select(Storyboard).where(Storyboard.number == 2)).panels[0]
        assert len(drawing.key) <= 40
        assert panel.scene["pictures"][0]["src"] == f"drawing:{drawing.key}"


def test_booklet_settings_choose_size_and_cream_page(app, client, story):
    sid = story["storyboard"]
    response = client.post(
        f"/storyboards/{sid}/booklet-settings", data={"page_size": "A5", "page_colour": "cream"}
    )
    assert response.status_code == 302
    doc = json.loads(client.get(f"/storyboards/{sid}/export/json").data)
    assert doc["page_size"] == "A5"
    assert doc["page_colour"] == "#fff8e7"
    word = docx.Document(io.BytesIO(client.get(f"/storyboards/{sid}/export/docx").data))
    assert round(word.sections[0].page_width.mm) == 148
    client.post(
        f"/storyboards/{sid}/booklet-settings", data={"page_size": "A4", "page_colour": "white"}
    )
    doc = json.loads(client.get(f"/storyboards/{sid}/export/json").data)
    assert "page_colour" not in doc
    bad = client.post(
        f"/storyboards/{sid}/booklet-settings",
        data={"page_size": "A3", "page_colour": "pink"},
        follow_redirects=True,
    )
    assert "Choose a page size" in bad.get_data(as_text=True)


def test_png_export_without_raqm_says_what_is_missing(client, story, monkeypatch):
    from storyboard.booklet import fonts

    def missing() -> None:
        raise fonts.LayoutEngineMissing("missing raqm")

    monkeypatch.setattr(fonts, "check_text_engine", missing)
    monkeypatch.setattr("storyboard.booklet.png.check_text_engine", missing)
    response = client.get(f"/storyboards/{story['storyboard']}/export/png")
    assert response.status_code == 503
    assert "libraqm" in response.get_data(as_text=True)


def _set_family_page(app, storyboard_id: int, text: str) -> None:
    """Put words on the storyboard's second page (the family page), straight into its row."""
    with app.app_context():
        panel = db.session.scalars(
            select(Panel).where(Panel.storyboard_id == storyboard_id).order_by(Panel.position)
        ).all()[1]
        panel.text = text
        db.session.commit()


def _with_a_postcode(app, storyboard_id: int) -> None:
    _set_family_page(app, storyboard_id, "Sam lives at 12 Acacia Avenue, LS6 2AB.")


def test_private_details_are_shown_and_checked_before_an_export(client, app, story):
    sid = story["storyboard"]
    _with_a_postcode(app, sid)
    refused = client.get(f"/storyboards/{sid}/export/pdf")
    assert refused.status_code == 302 and refused.headers["Location"].endswith(
        f"/storyboards/{sid}/exports#private-title"
    )
    page = BeautifulSoup(client.get(f"/storyboards/{sid}/exports").data, "html.parser")
    listed = page.select_one(".warning").get_text(" ", strip=True)
    assert "LS6 2AB" in listed and "a postcode" in listed and "Page 2" in listed
    assert not page.select("a[data-export]")  # the downloads come once checked
    script = client.get(f"/storyboards/{sid}/export/pdf", headers={"Accept": "application/json"})
    assert script.status_code == 409 and script.get_json()["error"] == "private_details"
    checked = BeautifulSoup(
        client.get(f"/storyboards/{sid}/exports?checked=yes").data, "html.parser"
    )
    link = checked.select_one('a[data-export="PDF"]')["href"]
    assert link.endswith("checked=yes")
    pdf = client.get(link)
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    # The portable file is not a booklet: it never waits for the check.
    assert client.get(f"/storyboards/{sid}/export/json").status_code == 200


def test_private_details_must_be_confirmed_to_send_for_review(client, app, story):
    from tests.fixtures.factories import send

    sid = story["storyboard"]
    _with_a_postcode(app, sid)
    refused = send(client, sid)
    assert refused.status_code == 400
    assert "private details would print" in refused.get_data(as_text=True)
    assert send(client, sid, confirm_private="yes").status_code == 302
    version = client.get(f"/storyboards/{sid}/versions/1").get_data(as_text=True)
    assert "LS6 2AB" in version
    assert client.get(f"/storyboards/{sid}/versions/1/export/html").status_code == 302
    html = client.get(f"/storyboards/{sid}/versions/1/export/html?checked=yes")
    assert html.status_code == 200 and "LS6 2AB" in html.get_data(as_text=True)


def test_reading_with_the_child_leaves_out_the_grown_ups_page(client, story):
    sid = story["storyboard"]
    reading = BeautifulSoup(client.get(f"/storyboards/{sid}/read").data, "html.parser")
    pages = reading.select("article.read-page")
    assert pages and "About this booklet" not in reading.get_text()
    whole = BeautifulSoup(client.get(f"/storyboards/{sid}/export/html").data, "html.parser")
    assert len(whole.select("section.page")) == len(pages) + 1  # the export keeps it
    assert "About this booklet" in whole.select("section.page")[-1].get_text()


def test_a_version_with_control_characters_exports_in_every_format(client, app, story):
    from tests.fixtures.factories import send

    sid = story["storyboard"]
    _set_family_page(app, sid, "Sam\x01 lives with\x0b Mum\x7f and Dad.")
    assert send(client, sid).status_code == 302
    for fmt in ("html", "docx", "pdf", "png", "fold"):
        answer = client.get(f"/storyboards/{sid}/versions/1/export/{fmt}")
        assert answer.status_code == 200, fmt


def test_the_export_page_says_which_empty_pages_are_left_out(app, client, story):
    with app.app_context():
        panel = db.session.scalar(select(Panel).where(Panel.section == "next"))
        panel.text = "  "  # "What happened next?", page 5: never filled in, not skipped
        db.session.commit()
    page = BeautifulSoup(
        client.get(f"/storyboards/{story['storyboard']}/exports").data, "html.parser"
    )
    note = page.select_one("#left-out")
    assert note.get_text(" ", strip=True).startswith(
        "Left out because it is empty: page 5 “What happened next?”"
    )
    document = docx.Document(
        io.BytesIO(client.get(f"/storyboards/{story['storyboard']}/export/docx").data)
    )
    assert "What happened next?" not in [p.text for p in document.paragraphs]
    # The portable file keeps the page.
    kept = client.get(f"/storyboards/{story['storyboard']}/export/json").get_json()
    assert "What happened next?" in [p.get("heading") for p in kept["panels"]]


def test_the_export_page_says_nothing_when_no_page_is_empty(client, story):
    page = BeautifulSoup(
        client.get(f"/storyboards/{story['storyboard']}/exports").data, "html.parser"
    )
    assert page.select_one("#left-out") is None
