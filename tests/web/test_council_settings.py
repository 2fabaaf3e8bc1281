"""The council's own name: the admin page (DB state after a POST, refusals that lose
nothing), and what staff and reviewer pages show."""

from __future__ import annotations

import io

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from sqlalchemy import select

from storyboard.pictures.logo import clean_logo
from storyboard.services.db import db
from storyboard.services.models import AuditEvent, Blob, CouncilSettings

NAME = "Northshire County Council"


def png(size=(120, 40), colour=(29, 79, 122), exif: bool = False) -> bytes:
    image = Image.new("RGB", size, colour)
    out = io.BytesIO()
    if exif:
        meta = Image.Exif()
        meta[0x010E] = "secret description"  # ImageDescription
        meta[0x010F] = "CameraMaker"  # Make
        image.save(out, "PNG", exif=meta.tobytes(), pnginfo=_text_chunk())
    else:
        image.save(out, "PNG")
    return out.getvalue()


def _text_chunk():  # noqa: ANN202
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "someone at the council")
    return info


def form(**changes) -> dict:
    data = {
        "name": NAME,
        "primary_colour": "#1d4f7a",
        "accent_colour": "#1f4f52",
        "booklet_allowed": "y",
        "helplines-0-name": "Out of hours team",
        "helplines-0-number": " 01234  567890 ",
        "helplines-0-notes": "evenings and weekends",
        "helplines-1-name": "Childline",
        "helplines-1-number": "0800 1111",
        "helplines-1-notes": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def admin(make_user, auth):
    make_user("ada", role="admin")
    auth.sign_in("ada")


def row(app) -> CouncilSettings | None:
    with app.app_context():
        found = db.session.get(CouncilSettings, 1)
        if found is not None:
            db.session.expunge(found)
        return found


def errors(response) -> dict[str, str]:
    soup = BeautifulSoup(response.data, "html.parser")
    return {ul["id"].removesuffix("-errors"): ul.get_text(" ", strip=True)
            for ul in soup.select("ul.errors")}  # fmt: skip


def test_only_an_admin_may_open_it(client, make_user, auth):
    make_user("wendy")
    auth.sign_in("wendy")
    assert client.get("/admin/council").status_code == 403
    assert client.post("/admin/council", data=form()).status_code == 403


def test_saving_keeps_every_setting_and_audits_ids_only(client, app, admin):
    upload = (io.BytesIO(png()), "logo.png")
    response = client.post(
        "/admin/council", data={**form(), "logo": upload}, content_type="multipart/form-data"
    )
    assert response.status_code == 302
    saved = row(app)
    assert saved.name == NAME
    assert (saved.primary_colour, saved.accent_colour) == ("#1d4f7a", "#1f4f52")
    assert saved.booklet_allowed is True
    assert saved.helplines == [
        {"name": "Out of hours team", "number": "01234 567890", "notes": "evenings and weekends"},
        {"name": "Childline", "number": "0800 1111"},
    ]
    assert saved.logo_sha256 and (saved.logo_width, saved.logo_height) == (120, 40)
    with app.app_context():
        blob = db.session.get(Blob, saved.logo_sha256)
        assert blob.media_type == "image/png"
        event = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "council_settings")
        ).one()
        assert event.object_id == 1 and event.user_id is not None
        assert "Northshire" not in str(event.details) and "0800" not in str(event.details)
        assert "name" in event.details["changed"] and "helplines" in event.details["changed"]
    # The form opens again with what was saved.
    page = BeautifulSoup(client.get("/admin/council").data, "html.parser")
    assert page.select_one("#name")["value"] == NAME
    assert page.select_one("#helplines-0-number")["value"] == "01234 567890"


def test_a_pale_colour_is_refused_with_its_ratio_and_nothing_is_lost(client, app, admin):
    client.post("/admin/council", data=form())
    before = row(app)
    response = client.post("/admin/council", data=form(name="A new name", primary_colour="#7fb3d5"))
    assert response.status_code == 400
    message = errors(response)["primary_colour"]
    assert (
        "The main colour #7fb3d5 has a contrast of 2.2:1 against the white writing on it" in message
    )
    assert "at least 4.5:1" in message
    page = BeautifulSoup(response.data, "html.parser")
    assert page.select_one("#name")["value"] == "A new name"  # what was typed stays
    assert page.select_one("#primary_colour")["value"] == "#7fb3d5"
    assert row(app).name == before.name and row(app).version == before.version


def test_the_second_colour_is_checked_against_the_page_and_a_colour_must_be_hex(client, app, admin):
    response = client.post("/admin/council", data=form(accent_colour="#888888"))
    assert (
        "#888888 has a contrast of 3.5:1 against a white page" in errors(response)["accent_colour"]
    )
    response = client.post("/admin/council", data=form(accent_colour="teal"))
    assert "six letters or digits" in errors(response)["accent_colour"]
    assert errors(client.post("/admin/council", data=form(primary_colour="#1D4"))) == {
        "primary_colour": "The main colour #11dd44 has a contrast of 1.8:1 against the white "
        "writing on it; words need at least 4.5:1 to be read easily. Choose a darker colour."
    }
    client.post("/admin/council", data=form(primary_colour="1D4F7A", accent_colour=""))
    assert (row(app).primary_colour, row(app).accent_colour) == ("#1d4f7a", None)


def test_a_png_comes_out_without_its_metadata(client, app, admin):
    data = png(exif=True)
    assert b"eXIf" in data and b"secret description" in data and b"tEXt" in data
    client.post(
        "/admin/council", data={**form(), "logo": (io.BytesIO(data), "logo.png")},
        content_type="multipart/form-data",
    )  # fmt: skip
    stored = client.get("/council/logo.png").data
    assert stored.startswith(b"\x89PNG")
    for marker in (b"eXIf", b"Exif", b"secret", b"tEXt", b"iTXt", b"zTXt", b"someone"):
        assert marker not in stored
    image = Image.open(io.BytesIO(stored))
    assert image.size == (120, 40) and not image.info.get("exif")
    assert image.convert("RGB").getpixel((60, 20)) == (29, 79, 122)


SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 80">'
    '<rect width="200" height="80" fill="#1d4f7a"/>{}</svg>'
)


def test_an_svg_is_drawn_to_png_when_it_arrives(client, app, admin):
    client.post(
        "/admin/council",
        data={**form(), "logo": (io.BytesIO(SVG.format("").encode()), "logo.svg")},
        content_type="multipart/form-data",
    )
    stored = client.get("/council/logo.png")
    assert stored.mimetype == "image/png" and stored.data.startswith(b"\x89PNG")
    image = Image.open(io.BytesIO(stored.data))
    assert image.size == (800, 320)
    assert image.convert("RGB").getpixel((400, 160)) == (29, 79, 122)


@pytest.mark.parametrize(
    ("inside", "says"),
    [
        ("<script>alert(1)</script>", "contains a <script>"),
        ('<rect width="5" height="5" onload="alert(1)"/>', "event attribute (onload)"),
        ('<image href="https://tracker.example/x.png" width="5" height="5"/>', "links to another"),
        (
            '<image xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="file:///etc/passwd" '
            'width="5" height="5"/>',
            "links to another",
        ),
        (
            '<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">hi</p></foreignObject>',
            "contains a <foreignObject>",
        ),
        ("<style>@import url(https://x.example/a.css);</style>", "style that loads"),
        ('<rect width="5" height="5" fill="url(https://x.example/#g)"/>', "refers to another"),
    ],
)
def test_an_svg_that_could_run_or_fetch_is_refused(client, app, admin, inside, says):
    client.post("/admin/council", data=form())
    response = client.post(
        "/admin/council",
        data={**form(), "logo": (io.BytesIO(SVG.format(inside).encode()), "logo.svg")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert says in errors(response)["logo"]
    assert row(app).logo_sha256 is None


def test_an_svg_with_entities_is_refused(client, app, admin):
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">]>'
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 5 5"><text>&a;</text></svg>'
    )
    response = client.post(
        "/admin/council", data={**form(), "logo": (io.BytesIO(bomb.encode()), "logo.svg")},
        content_type="multipart/form-data",
    )  # fmt: skip
    assert "DOCTYPE or entities" in errors(response)["logo"]


def test_a_huge_file_and_a_file_that_is_no_picture_are_refused_keeping_the_old_logo(
    client, app, admin
):
    client.post(
        "/admin/council", data={**form(), "logo": (io.BytesIO(png()), "logo.png")},
        content_type="multipart/form-data",
    )  # fmt: skip
    kept = row(app).logo_sha256
    huge = png() + b"\0" * (1024 * 1024 + 10)
    for data, says in (
        (huge, "a logo may be up to 1 MB"),
        (b"%PDF-1.4 a document", "This file is a PDF document. Please choose a PNG or SVG logo."),
        (b"\xff\xd8\xff\xe0 a jpeg", "a JPEG photo"),
        (b"\x89PNG\r\n\x1a\n broken", "damaged or incomplete"),
        (b"<svg broken", "not well-formed"),
    ):
        response = client.post(
            "/admin/council",
            data={**form(name="Typed again"), "logo": (io.BytesIO(data), "logo.png")},
            content_type="multipart/form-data",
        )
        assert response.status_code == 400
        assert says in errors(response)["logo"]
        page = BeautifulSoup(response.data, "html.parser")
        assert page.select_one("#name")["value"] == "Typed again"
        assert row(app).logo_sha256 == kept and row(app).name == NAME


def test_a_helpline_number_is_checked(client, app, admin):
    for number, says in (
        ("call us", "Use only digits"),
        ("12", "has 2 digits"),
        ("<script>", "Use only digits"),
    ):
        response = client.post("/admin/council", data=form(**{"helplines-0-number": number}))
        assert says in errors(response)["helplines-0-number"]
    response = client.post(
        "/admin/council",
        data=form(**{"helplines-0-name": "", "helplines-0-notes": "", "helplines-2-name": "x"}),
    )
    assert "helplines-0-name" in errors(response)
    assert "clear this row" in errors(response)["helplines-2-number"]
    assert row(app) is None


def test_removing_the_logo(client, app, admin):
    client.post(
        "/admin/council", data={**form(), "logo": (io.BytesIO(png()), "logo.png")},
        content_type="multipart/form-data",
    )  # fmt: skip
    sha = row(app).logo_sha256
    client.post("/admin/council", data=form(remove_logo="y"))
    assert row(app).logo_sha256 is None
    assert client.get("/council/logo.png").status_code == 404
    with app.app_context():
        assert db.session.get(Blob, sha) is None  # named by nothing else: gone


def test_staff_and_reviewer_pages_show_the_name_logo_and_colours(client, app, admin, review_link):
    client.post(
        "/admin/council", data={**form(), "logo": (io.BytesIO(png()), "logo.png")},
        content_type="multipart/form-data",
    )  # fmt: skip
    version = row(app).version
    for page in (client.get("/admin/users"), review_link()):
        soup = BeautifulSoup(page.data, "html.parser")
        band = soup.select_one(".council-band.has-colour")
        assert band.select_one(".council-name").get_text() == NAME
        assert band.select_one("img.council-logo")["src"] == f"/council/logo.png?v={version}"
        sheet = soup.select_one('link[href^="/council.css"]')["href"]
        assert sheet == f"/council.css?v={version}"
    css = client.get(f"/council.css?v={version}")
    assert css.mimetype == "text/css"
    assert "--council-primary: #1d4f7a;" in css.text
    assert "--accent-dark: #1f4f52; --accent: #1f4f52;" in css.text
    assert "immutable" in css.headers["Cache-Control"]
    assert "immutable" not in client.get("/council.css?v=0").headers["Cache-Control"]
    # The CSP is unchanged: the colours come from our own stylesheet, not a style attribute.
    assert "style-src 'self'" in css.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in css.headers["Content-Security-Policy"]


def test_pages_show_nothing_of_a_council_that_has_set_nothing(client, admin):
    soup = BeautifulSoup(client.get("/admin/users").data, "html.parser")
    assert soup.select_one(".council-band") is None
    assert client.get("/council/logo.png").status_code == 404


@pytest.fixture
def review_link(client, app, make_user, make_case, make_storyboard):
    """A reviewer's page, opened from a link by someone not signed in."""
    from tests.fixtures.factories import make_link, send

    def open_page():  # noqa: ANN202
        ann = make_user("ann")
        case_id = make_case("CR-9", ann)
        sid = make_storyboard(case_id)
        other = app.test_client()
        other.post("/signin", data={"username": "ann", "password": "correct horse battery staple"})
        send(other, sid)
        url = make_link(other, sid)
        return app.test_client().get(url, follow_redirects=True)

    return open_page


def test_a_family_mode_tablet_shows_the_council_too(app, client, review):
    from storyboard.services import council

    with app.app_context():
        council.save(
            name=NAME, primary="#1d4f7a", accent=None, helplines=[], booklet_allowed=False,
            logo=clean_logo(png()),
        )  # fmt: skip
        db.session.commit()
    sid = review["storyboard"]
    assert client.post(f"/storyboards/{sid}/family-mode").status_code == 302
    soup = BeautifulSoup(client.get(f"/storyboards/{sid}").data, "html.parser")
    assert soup.select_one(".council-name").get_text() == NAME
    for link in (soup.select_one('link[href^="/council.css"]')["href"],
                 soup.select_one("img.council-logo")["src"]):  # fmt: skip
        assert client.get(link).status_code == 200, link
