"""Review, worker side: send for review, links, status, sign-off, exports, diff, audit."""

from __future__ import annotations

import csv
import io
import re

import docx
from bs4 import BeautifulSoup
from sqlalchemy import select

from storyboard.services.db import db
from storyboard.services.models import (
    Approval,
    AuditEvent,
    Comment,
    Panel,
    ReadingRecord,
    Revision,
    ShareLink,
)
from tests.fixtures.factories import STANDARD_PANELS, edit_panels, make_link, send


def test_send_for_review_makes_version_one(client, app, review):
    response = send(client, review["storyboard"])
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/storyboards/{review['storyboard']}/versions/1")
    with app.app_context():
        revision = db.session.scalar(select(Revision))
        assert revision.number == 1 and revision.reason == "first draft"
        assert len(revision.sha256) == 64
        assert [p["text"] for p in revision.document["panels"]] == [
            t for _, _, t in STANDARD_PANELS
        ]
        actions = db.session.scalars(select(AuditEvent.action)).all()
        assert "send_for_review" in actions
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "send_for_review"))
        assert "Sam" not in str(event.details)


def test_send_needs_a_reason_and_refuses_an_unchanged_draft(client, app, review):
    response = send(client, review["storyboard"], reason="  ")
    assert response.status_code == 400
    assert b"Say in a few words why" in response.data
    with app.app_context():
        assert db.session.scalar(select(Revision)) is None
    send(client, review["storyboard"])
    page = client.get(f"/storyboards/{review['storyboard']}/review")
    assert b"The draft is the same as version 1" in page.data
    send(client, review["storyboard"], reason="again")
    with app.app_context():
        assert len(db.session.scalars(select(Revision)).all()) == 1


def test_empty_panels_are_listed_and_must_be_confirmed(client, app, make_storyboard, review):
    storyboard_id = make_storyboard(
        review["case"], panels=[("title", "Title", "Sam's story"), ("worries", "The worries", "")]
    )
    soup = BeautifulSoup(client.get(f"/storyboards/{storyboard_id}/review").data, "html.parser")
    warning = soup.find(id="empty-title").parent
    assert "Panel 2: The worries" in warning.get_text()
    send(client, storyboard_id)
    with app.app_context():
        assert db.session.scalar(select(Revision)) is None
    send(client, storyboard_id, confirm_empty="yes")
    with app.app_context():
        assert db.session.scalar(select(Revision)).number == 1


def test_other_workers_cannot_see_or_share(client, app, auth, make_user, review):
    send(client, review["storyboard"])
    make_user("bob")
    auth.sign_out()
    auth.sign_in("bob")
    sid = review["storyboard"]
    for url in (
        f"/storyboards/{sid}/review",
        f"/storyboards/{sid}/versions/1",
        f"/storyboards/{sid}/versions/1/export/docx",
        f"/storyboards/{sid}/compare?old=1",
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(
        f"/storyboards/{sid}/versions/1/links",
        data={"reviewer_name": "X", "reviewer_role": "Mum", "days": "7"},
    )
    assert response.status_code == 404
    with app.app_context():
        assert db.session.scalar(select(ShareLink)) is None


def test_link_is_stored_only_as_a_hash_and_expires_within_limits(client, app, review):
    send(client, review["storyboard"])
    token = make_link(client, review["storyboard"], days="30", pin="4321")
    assert len(token) >= 40  # 256 bits, base64
    with app.app_context():
        link = db.session.scalar(select(ShareLink))
        assert token not in link.token_hash and len(link.token_hash) == 64
        assert link.pin_hash and "4321" not in link.pin_hash
        assert 29 <= (link.expires_at - link.created_at).days <= 30
    response = client.post(
        f"/storyboards/{review['storyboard']}/versions/1/links",
        data={"reviewer_name": "Dad", "reviewer_role": "Dad", "days": "31"},
    )
    assert response.status_code == 302
    with app.app_context():
        assert len(db.session.scalars(select(ShareLink)).all()) == 1


def test_revoke_a_link_of_another_storyboard_is_404(client, app, make_storyboard, review):
    other = make_storyboard(review["case"], child_name="Amy")
    send(client, review["storyboard"])
    send(client, other)
    make_link(client, other)
    with app.app_context():
        link_id = db.session.scalar(select(ShareLink.id))
    response = client.post(f"/storyboards/{review['storyboard']}/versions/1/links/{link_id}/revoke")
    assert response.status_code == 404
    with app.app_context():
        assert db.session.get(ShareLink, link_id).revoked_at is None


def test_full_approval_flow_and_export_without_draft(client, app, auth, review):
    sid = review["storyboard"]
    send(client, sid)
    token = make_link(client, sid)
    auth.sign_out()
    page = client.get(f"/r/{token}")
    assert page.status_code == 200
    soup = BeautifulSoup(page.data, "html.parser")
    sha = soup.find("input", attrs={"name": "version"})["value"]
    response = client.post(
        f"/r/{token}/decision", data={"decision": "agree", "name": "Sarah", "version": sha}
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Revision.status)) == "in_review"

    auth.sign_in("ann")
    assert (
        client.post(
            f"/storyboards/{sid}/versions/1/decision", data={"decision": "sign_off"}
        ).status_code
        == 403
    )
    draft = client.get(f"/storyboards/{sid}/versions/1/export/docx")
    header = docx.Document(io.BytesIO(draft.data)).sections[0].header
    assert "Draft" in " ".join(p.text for p in header.paragraphs)
    auth.sign_out()

    auth.sign_in("meg")
    response = client.post(f"/storyboards/{sid}/versions/1/decision", data={"decision": "sign_off"})
    assert response.status_code == 302
    with app.app_context():
        revision = db.session.scalar(select(Revision))
        assert revision.status == "approved"
        assert revision.storyboard.status == "approved"
        approvals = db.session.scalars(select(Approval)).all()
        assert {a.decision for a in approvals} == {"agree", "sign_off"}
        assert all(a.revision_sha256 == revision.sha256 for a in approvals)
        sha256 = revision.sha256
    exported = client.get(f"/storyboards/{sid}/versions/1/export/docx")
    assert exported.status_code == 200
    assert "-v1_" in exported.headers["Content-Disposition"]
    document = docx.Document(io.BytesIO(exported.data))
    header = " ".join(p.text for p in document.sections[0].header.paragraphs)
    assert "Draft" not in header
    assert sha256 in document.core_properties.keywords
    assert "Draft" not in "\n".join(p.text for p in document.paragraphs)
    data = client.get(f"/storyboards/{sid}/versions/1/export/json").get_json()
    assert data["status"] == "approved"
    with app.app_context():
        events = db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "export_version").order_by(AuditEvent.id)
        ).all()
        assert [e.details["approved"] for e in events] == [False, True, True]


def test_changes_from_anyone_hold_back_approval(client, app, auth, review):
    sid = review["storyboard"]
    send(client, sid)
    token = make_link(client, sid, required="")
    auth.sign_out()
    sha = BeautifulSoup(client.get(f"/r/{token}").data, "html.parser").find(
        "input", attrs={"name": "version"}
    )["value"]
    empty = client.post(
        f"/r/{token}/decision", data={"decision": "changes", "name": "Sarah", "version": sha}
    )
    assert empty.status_code == 400
    assert "say what you would like changed" in empty.get_data(as_text=True)
    client.post(
        f"/r/{token}/decision",
        data={"decision": "changes", "name": "Sarah", "version": sha, "details": "Say Nan too."},
    )
    auth.sign_in("meg")
    client.post(f"/storyboards/{sid}/versions/1/decision", data={"decision": "sign_off"})
    with app.app_context():
        assert db.session.scalar(select(Revision.status)) == "changes"
    page = client.get(f"/storyboards/{sid}/versions/1").get_data(as_text=True)
    assert "Asked for changes" in page and "Say Nan too." in page


def test_agreement_on_a_superseded_version_is_refused(client, app, auth, review):
    sid = review["storyboard"]
    send(client, sid)
    token = make_link(client, sid)
    sha = None
    edit_panels(app, sid)
    send(client, sid, reason="updated after the review meeting")
    auth.sign_out()
    page = client.get(f"/r/{token}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "newer version" in text
    with app.app_context():
        sha = db.session.scalar(select(Revision.sha256).where(Revision.number == 1))
    response = client.post(
        f"/r/{token}/decision", data={"decision": "agree", "name": "Sarah", "version": sha}
    )
    assert response.status_code == 400
    assert "replaced by a newer version" in response.get_data(as_text=True)
    auth.sign_in("meg")
    client.post(f"/storyboards/{sid}/versions/1/decision", data={"decision": "sign_off"})
    with app.app_context():
        assert db.session.scalar(select(Approval)) is None
    follow = client.get(f"/storyboards/{sid}/versions/1")
    assert "replaced" in follow.get_data(as_text=True)


def test_old_agreement_shows_as_for_an_older_version(client, app, auth, review):
    sid = review["storyboard"]
    send(client, sid)
    token = make_link(client, sid)
    auth.sign_out()
    sha = BeautifulSoup(client.get(f"/r/{token}").data, "html.parser").find(
        "input", attrs={"name": "version"}
    )["value"]
    client.post(f"/r/{token}/decision", data={"decision": "agree", "name": "Sarah", "version": sha})
    auth.sign_in("ann")
    edit_panels(app, sid)
    hub = client.get(f"/storyboards/{sid}/review").get_data(as_text=True)
    assert "The draft has changed since version 1" in hub
    assert "Answers already given are for version 1" in hub
    send(client, sid, reason="second")
    hub = client.get(f"/storyboards/{sid}/review").get_data(as_text=True)
    assert "for an older version" in hub
    case_page = client.get(f"/cases/{review['case']}").get_data(as_text=True)
    assert "Version 2" in case_page or "Send for review" in case_page


def test_compare_versions_and_draft(client, app, review):
    sid = review["storyboard"]
    send(client, sid)
    edit_panels(app, sid, "Sam lives with Mum and Nan.")
    soup = BeautifulSoup(
        client.get(f"/storyboards/{sid}/compare?old=1&new=draft").data, "html.parser"
    )
    assert soup.find("ins") is not None and soup.find("del") is not None
    send(client, sid, reason="second")
    response = client.get(f"/storyboards/{sid}/compare?old=1&new=2")
    assert response.status_code == 200
    added = BeautifulSoup(response.data, "html.parser").select(".diff-words ins")
    assert any("Nan" in ins.get_text() for ins in added)
    assert client.get(f"/storyboards/{sid}/compare?old=9").status_code == 404


def test_resolve_a_comment(client, app, auth, review):
    sid = review["storyboard"]
    send(client, sid)
    token = make_link(client, sid)
    auth.sign_out()
    client.post(
        f"/r/{token}/comment", data={"panel": "2", "name": "Sarah", "body": "Say Mrs Khan."}
    )
    auth.sign_in("ann")
    status = client.get(f"/storyboards/{sid}/review/status")
    assert "Comments to resolve: 1" in status.get_data(as_text=True)
    with app.app_context():
        comment_id = db.session.scalar(select(Comment.id))
    client.post(f"/storyboards/{sid}/comments/{comment_id}/resolve")
    with app.app_context():
        assert db.session.get(Comment, comment_id).resolved_at is not None
    assert "Comments to resolve: 0" in client.get(f"/storyboards/{sid}/review/status").get_data(
        as_text=True
    )


def test_reading_record(client, app, review):
    sid = review["storyboard"]
    send(client, sid)
    bad = client.post(
        f"/storyboards/{sid}/readings", data={"read_on": "2999-01-01", "read_by": "Mum"}
    )
    assert bad.status_code == 302
    client.post(
        f"/storyboards/{sid}/readings",
        data={
            "read_on": "2024-05-31",
            "read_by": "Mum and Dad",
            "notes": "Sam smiled.",
            "version": "1",
        },
    )
    with app.app_context():
        record = db.session.scalar(select(ReadingRecord))
        assert record.read_by == "Mum and Dad" and record.revision_id is not None
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "record_reading"))
        assert "smiled" not in str(event.details)
    assert "Mum and Dad" in client.get(f"/storyboards/{sid}/review").get_data(as_text=True)


def test_audit_trail_only_for_managers(client, app, auth, review):
    sid = review["storyboard"]
    send(client, sid)
    assert client.get(f"/storyboards/{sid}/audit").status_code == 403
    assert client.get(f"/storyboards/{sid}/audit.csv").status_code == 403
    auth.sign_out()
    auth.sign_in("meg")
    page = client.get(f"/storyboards/{sid}/audit")
    assert page.status_code == 200
    assert "send for review" in page.get_data(as_text=True)
    response = client.get(f"/storyboards/{sid}/audit.csv")
    disposition = response.headers["Content-Disposition"]
    assert re.fullmatch(r'attachment; filename="CR-77-1_\d{4}-\d\d-\d\d-audit\.csv"', disposition)
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0][0] == "when (UTC)"
    assert any(r[1] == "send_for_review" for r in rows[1:])
    assert all("Sam's story" not in ",".join(r) for r in rows)


def test_revoking_a_required_link_does_not_approve(client, app, auth, review):
    sid = review["storyboard"]
    send(client, sid)
    make_link(client, sid)
    auth.sign_out()
    auth.sign_in("meg")
    client.post(f"/storyboards/{sid}/versions/1/decision", data={"decision": "sign_off"})
    with app.app_context():
        link_id = db.session.scalar(select(ShareLink.id))
    # The worker revokes Mum's link (a lost phone): the version still waits for Mum.
    auth.sign_out()
    auth.sign_in("ann")
    client.post(f"/storyboards/{sid}/versions/1/links/{link_id}/revoke")
    with app.app_context():
        assert db.session.scalar(select(Revision.status)) == "in_review"
    # A replacement link for Mum, and her agreement through it, approves the version.
    token = make_link(client, sid)
    auth.sign_out()
    soup = BeautifulSoup(client.get(f"/r/{token}").data, "html.parser")
    sha = soup.find("input", attrs={"name": "version"})["value"]
    client.post(f"/r/{token}/decision", data={"decision": "agree", "name": "Sarah", "version": sha})
    with app.app_context():
        assert db.session.scalar(select(Revision.status)) == "approved"


def test_hub_and_version_show_the_plain_words_summary(client, app, review):
    sid = review["storyboard"]
    with app.app_context():
        panel = db.session.scalar(select(Panel).where(Panel.section == "worries"))
        panel.text = "Sam's Mum has a Child Protection Plan and the LADO was told."
        db.session.commit()
    send(client, sid)
    for path in (f"/storyboards/{sid}/review", f"/storyboards/{sid}/versions/1"):
        soup = BeautifulSoup(client.get(path).data, "html.parser")
        summary = soup.select_one(".plain-summary")
        assert summary is not None, path
        figures = summary.select_one(".plain-figures").get_text(" ", strip=True)
        assert "Reading age" in figures
        assert "child protection plan" in figures.lower() and "LADO" in figures


def test_a_four_thousand_character_word_and_a_full_panel_do_not_break_review_pages(
    app, client, review
):
    sid = review["storyboard"]
    with app.app_context():
        from storyboard.services.models import Panel

        panels = db.session.scalars(select(Panel).where(Panel.storyboard_id == sid)).all()
        panels[2].text = "a" * 4000
        panels[3].text = ("Mum was poorly and the school got worried. " * 500)[:20000]
        db.session.commit()
    assert send(client, sid, confirm_private="yes").status_code == 302
    for path in (f"/storyboards/{sid}/review", f"/storyboards/{sid}/versions/1",
                 f"/storyboards/{sid}/plainwords/summary"):  # fmt: skip
        assert client.get(path).status_code == 200, path


def test_a_revoked_link_says_so_instead_of_no_answer_yet_and_revoke_asks_first(client, app, review):
    sid = review["storyboard"]
    send(client, sid)
    make_link(client, sid, reviewer_name="Sarah")
    make_link(client, sid, reviewer_name="Tom", reviewer_role="Dad")
    page = BeautifulSoup(client.get(f"/storyboards/{sid}/versions/1").data, "html.parser")
    confirm = page.select("#links details.confirm")
    assert len(confirm) == 2
    assert confirm[0].summary.get_text(strip=True).startswith("Revoke…")
    form = confirm[0].find("form")
    assert "stops working at once" in form.get_text()
    client.post(form["action"])
    status = BeautifulSoup(client.get(f"/storyboards/{sid}/review/status").data, "html.parser")
    rows = {
        row.th.get_text(" ", strip=True).split(" ")[0]: row.find_all("td")[1].get_text(strip=True)
        for row in status.select(".status-table tbody tr")
    }
    assert rows == {"Sarah": "No answer: the link was revoked", "Tom": "No answer yet"}


def test_a_reviewers_comment_shows_beside_its_page_in_the_editor_until_dealt_with(
    client, app, auth, review
):
    from storyboard.services.models import Panel

    sid = review["storyboard"]
    send(client, sid)
    token = make_link(client, sid)
    reader = app.test_client()
    reader.post(f"/r/{token}/comment", data={"panel": "3", "name": "Sarah", "body": "Say Nan too."})
    with app.app_context():
        rows = db.session.scalars(
            select(Panel).where(Panel.storyboard_id == sid).order_by(Panel.position)
        ).all()
        target = rows[3].id
    page = BeautifulSoup(client.get(f"/storyboards/{sid}").data, "html.parser")
    shown = page.select(".panel-comments")
    assert len(shown) == 1
    assert shown[0].find_parent("section", class_="panel-card")["id"] == f"panel-{target}"
    assert "Say Nan too." in shown[0].get_text() and "Sarah, on version 1" in shown[0].get_text()
    form = shown[0].find("form")
    done = client.post(form["action"], data={"back": "editor"})
    assert done.headers["Location"] == f"/storyboards/{sid}"
    page = BeautifulSoup(client.get(f"/storyboards/{sid}").data, "html.parser")
    assert page.select(".panel-comments") == []


def test_the_dashboard_says_when_a_link_with_no_answer_is_about_to_stop(client, app, review):
    from datetime import timedelta

    from storyboard.services.models import ShareLink, utcnow

    sid = review["storyboard"]
    send(client, sid)
    make_link(client, sid, reviewer_name="Sarah")
    make_link(client, sid, reviewer_name="Tom", reviewer_role="Dad")
    line = BeautifulSoup(client.get("/").data, "html.parser").select_one(".review-line")
    assert "stops working" not in line.get_text()
    with app.app_context():
        sarah = db.session.scalar(select(ShareLink).where(ShareLink.reviewer_name == "Sarah"))
        sarah.expires_at = utcnow() + timedelta(hours=30)
        db.session.commit()
    line = BeautifulSoup(client.get("/").data, "html.parser").select_one(".review-line")
    assert "Sarah's link stops working within 2 days, with no answer yet" in line.get_text()
    assert "Tom's link" not in line.get_text()
