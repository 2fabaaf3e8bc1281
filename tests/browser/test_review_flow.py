"""Review on a tablet and a phone (issue 6, "Done when"): version 1 is sent, a parent comments
and agrees on their phone, the worker edits and sends version 2, version 1 stays exactly as it
was after every panel changes and a photo is deleted, the manager signs version 2 off, and its
Word export has no Draft mark."""

from __future__ import annotations

import io
import json

import docx
import pytest
from PIL import Image as PILImage
from playwright.sync_api import expect
from sqlalchemy import select

from storyboard.services import blobs
from storyboard.services.accounts import create_user
from storyboard.services.db import db
from storyboard.services.models import Blob, Case, Image, Panel, Person, Revision
from storyboard.services.versions import load_version
from storyboard.story.hashing import version_hash
from tests.browser.conftest import SCREENSHOTS, AuditedPage, _axe  # noqa: F401
from tests.fixtures.factories import STANDARD_PANELS, add_storyboard

pytestmark = pytest.mark.browser
PASSWORD = "a long enough password"
PHONE = {"width": 390, "height": 844}


def _setup(app) -> dict:  # noqa: ANN001
    """A manager, a worker in her team, a case and a nine-panel storyboard with one photo."""
    with app.app_context():
        meg = create_user("meg", "Meg Manager", PASSWORD, "manager")
        db.session.flush()
        ann = create_user("ann", "Ann Worker", PASSWORD, "worker", meg.id)
        case = Case(reference="CR-2041", family_name="The Okafor family", workers=[ann])
        db.session.add(case)
        db.session.flush()
        db.session.add(Person(case_id=case.id, name="Grace", relationship_="Mum"))
        storyboard = add_storyboard(case.id)
        buffer = io.BytesIO()
        PILImage.new("RGB", (160, 120), "#7fb7d9").save(buffer, "PNG")
        data = buffer.getvalue()
        sha = blobs.put(data, "image/png")
        db.session.add(
            Image(
                storyboard_id=storyboard.id,
                sha256=sha,
                media_type="image/png",
                width=160,
                height=120,
                byte_size=len(data),
            )
        )
        db.session.flush()
        family = db.session.scalar(
            select(Panel).where(Panel.storyboard_id == storyboard.id, Panel.section == "family")
        )
        family.scene = {
            "pictures": [
                {"src": f"file:images/{sha}.png", "x": 0.3, "y": 0.2, "width": 0.4,
                 "alt": "A photo of our house"},
                {"src": "library:home", "x": 0.05, "y": 0.4, "width": 0.25, "label": "Home"},
            ]
        }  # fmt: skip
        db.session.commit()
        return {"storyboard": storyboard.id, "case": case.id, "photo": f"{sha}.png"}


def _edit_every_panel(app, storyboard_id: int, words: str) -> None:  # noqa: ANN001
    with app.app_context():
        for panel in db.session.scalars(select(Panel).where(Panel.storyboard_id == storyboard_id)):
            panel.text = f"{words} ({panel.position + 1})"
        db.session.commit()


# One orientation is enough here (behaviour, not layout); CI time is mostly browsers.
@pytest.mark.parametrize("viewport_name", ["landscape"], indirect=True)
def test_review_two_versions_on_tablet_and_phone(
    live_server, live_app, chromium, tablet, sign_in, viewport_name
):
    ids = _setup(live_app)
    sid = ids["storyboard"]
    page = tablet.page

    # The worker sends version 1 for review and makes a link for Mum, shown as a QR code.
    sign_in(tablet, "ann", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("My cases")
    tablet.check("dashboard")
    page.get_by_role("link", name="The Okafor family").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("The Okafor family")
    tablet.check("case")
    page.get_by_role("link", name="Send for review").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Versions and review")
    tablet.check("hub-empty")
    page.get_by_label("Why this version?").fill("First draft for Mum to read")
    page.get_by_role("button", name="Send for review").tap()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Version 1 of")
    tablet.check("version-1")
    page.get_by_label("Reviewer's name").fill("Grace")
    page.get_by_label("Who they are").select_option("Mum")
    # A link for this version only: version 1 must stay exactly as Mum saw it.
    page.get_by_label("Use this link for later versions too").tap()
    expect(page.get_by_label("Use this link for later versions too")).not_to_be_checked()
    page.get_by_role("button", name="Make link").tap()
    expect(page.get_by_role("img", name="QR code of the link for Grace")).to_be_visible()
    tablet.check("link-qr")
    url = page.locator("#share-url").input_value()
    assert "/r/" in url
    page.get_by_role("link", name="Done").tap()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Version 1 of")
    tablet.check("version-1-with-link")

    # Mum opens the link on her phone, comments on a page and agrees.
    context = chromium.new_context(
        viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=2
    )
    phone = AuditedPage(context.new_page(), f"review-phone-{viewport_name}")
    phone.page.set_default_timeout(10_000)
    mum = phone.page
    mum.goto(url)
    expect(mum.get_by_role("heading", level=1)).to_have_text("Sam's story")
    family = mum.get_by_role("article", name="My family")
    expect(family.get_by_role("img", name="A photo of our house. Home.")).to_be_visible()
    # The cover shows the story's first scene, as the printed booklet's does.
    cover = mum.get_by_role("article", name="Sam's story")
    expect(cover.get_by_role("img", name="A photo of our house. Home.")).to_be_visible()
    phone.check("reviewer")
    words = ".reading-title, .reading-heading, .reading-text, .reading-speaker"
    v1_words = mum.locator(words).all_inner_texts()
    v1_pictures = mum.locator(".reading-picture").evaluate_all("imgs => imgs.map(i => i.src)")
    box = mum.get_by_role("textbox", name="Your comment on this page").nth(2)
    box.fill("<script>alert(1)</script> Please say Mrs Khan is Sam's teacher.")
    mum.get_by_role("button", name="Send comment on “Who is worried?”").tap()
    expect(mum.get_by_role("status")).to_contain_text("Your comment was sent")
    expect(mum.locator(".my-comments")).to_contain_text("<script>alert(1)</script> Please say")
    phone.check("reviewer-commented")
    mum.get_by_label("Your name").fill("Grace Okafor")
    mum.get_by_role("button", name="I agree with this version").tap()
    expect(mum.locator("#decision")).to_contain_text("You agreed with this version")
    phone.check("reviewer-agreed")

    # The worker sees the answer, edits, sees that the agreement is for the old version.
    page.reload()
    expect(page.locator("#status")).to_contain_text("Agreed")
    expect(page.locator("#status")).to_contain_text("Comments to resolve: 1")
    tablet.check("version-1-agreed")
    _edit_every_panel(live_app, sid, "Changed after the meeting")
    page.get_by_role("link", name="Versions and review").tap()
    expect(page.locator("#send")).to_contain_text("The draft has changed since version 1")
    expect(page.locator("#send")).to_contain_text("Answers already given are for version 1")
    tablet.check("hub-draft-changed")
    page.get_by_role("link", name="See what changed").tap()
    expect(page.get_by_role("heading", level=1)).to_contain_text("What changed from version 1")
    tablet.check("compare-draft")
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text("Versions and review")
    tablet.check("hub-again")
    page.get_by_label("Why this version?").fill("Updated after the review meeting")
    page.get_by_role("button", name="Send for review").tap()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Version 2 of")
    tablet.check("version-2")
    page.get_by_role("link", name="Versions and review").tap()
    expect(page.locator("#versions")).to_contain_text("for an older version")
    tablet.check("hub-two-versions")

    # Every panel of the draft changes and the photo is deleted: version 1 does not change.
    with live_app.app_context():
        v1 = db.session.scalar(select(Revision).where(Revision.number == 1))
        v1_hash = v1.sha256
        v1_export = page.request.get(
            f"{live_server.url}/storyboards/{sid}/versions/1/export/zip"
        ).body()
    _edit_every_panel(live_app, sid, "Edited again")
    with live_app.app_context():
        db.session.execute(Blob.__table__.delete().where(Blob.sha256 == ids["photo"][:64]))
        db.session.execute(Image.__table__.delete())
        db.session.commit()
        assert version_hash(load_version(db.session.get(Revision, v1.id))) == v1_hash
    assert (
        page.request.get(f"{live_server.url}/storyboards/{sid}/versions/1/export/zip").body()
        == v1_export
    )
    document = json.loads(
        page.request.get(f"{live_server.url}/storyboards/{sid}/versions/1/export/json").body()
    )
    assert document["panels"][1]["text"] == STANDARD_PANELS[1][2]
    mum.reload()
    expect(mum.locator(".reviewer-intro")).to_contain_text("A newer version")
    assert mum.locator(words).all_inner_texts() == v1_words
    assert mum.locator(".reading-picture").evaluate_all("imgs => imgs.map(i => i.src)") == (
        v1_pictures
    )
    family = mum.get_by_role("article", name="My family")
    expect(family.get_by_role("img", name="A photo of our house. Home.")).to_be_visible()
    # The cover shows the story's first scene, as the printed booklet's does.
    cover = mum.get_by_role("article", name="Sam's story")
    expect(cover.get_by_role("img", name="A photo of our house. Home.")).to_be_visible()
    phone.check("reviewer-old-version")
    assert not mum.get_by_role("button", name="I agree with this version").count()
    context.close()
    assert not phone.unaudited(), phone.unaudited()

    # The manager signs version 2 off; its Word export has no Draft mark.
    page.get_by_role("button", name="Sign out").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    tablet.check("signed-out")
    sign_in(tablet, "meg", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("My cases")
    tablet.check("manager-dashboard")
    page.goto(f"{live_server.url}/storyboards/{sid}/versions/2")
    tablet.check("manager-version-2")
    page.get_by_role("button", name="Sign off version 2").tap()
    expect(page.get_by_role("status")).to_contain_text("You signed off version 2")
    expect(page.locator("#status")).to_contain_text("Approved")
    tablet.check("manager-signed-off")
    word = page.request.get(f"{live_server.url}/storyboards/{sid}/versions/2/export/docx")
    assert word.ok
    exported = docx.Document(io.BytesIO(word.body()))
    header = " ".join(p.text for p in exported.sections[0].header.paragraphs)
    assert "Draft" not in header
    assert "Draft" not in "\n".join(p.text for p in exported.paragraphs)
    with live_app.app_context():
        v2 = db.session.scalar(select(Revision).where(Revision.number == 2))
        assert v2.status == "approved"
        assert v2.sha256 in exported.core_properties.keywords
    page.get_by_role("link", name="Versions and review").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Versions and review")
    tablet.check("manager-hub")
    page.get_by_role("link", name="See the audit trail").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Audit trail")
    expect(page.locator(".audit-table")).to_contain_text("share view")
    tablet.check("audit-trail")
