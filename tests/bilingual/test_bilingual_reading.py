"""A bilingual version read by a reviewer on a phone, who chooses the language to read (both,
the first or the second; links that need no script), and read with the child (both on
every page). The second language's words are the typed ones, with their own lang and dir."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from storyboard.services.db import db
from storyboard.services.models import Panel, Storyboard
from tests.fixtures.factories import make_link, send

pytestmark = pytest.mark.db
ARABIC = "أعيش مع أمي ونان."


def _bilingual(app, storyboard_id):
    """Arabic as the second language; the second page's heading and words typed in it."""
    with app.app_context():
        sb = db.session.get(Storyboard, storyboard_id)
        sb.second_language, sb.title_2 = "ar", "قصة سام"
        panel = db.session.scalars(
            select(Panel).where(Panel.storyboard_id == sb.id).order_by(Panel.position)
        ).all()[1]
        panel.heading_2, panel.text_2 = "عائلتي", ARABIC
        db.session.commit()
        return panel.text


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.data, "html.parser")


def test_the_reviewer_chooses_which_language_to_read(client, app, auth, review):
    english = _bilingual(app, review["storyboard"])
    send(client, review["storyboard"])
    token = make_link(client, review["storyboard"])
    auth.sign_out()

    page = _page(client, f"/r/{token}")
    choices = {a.get_text(strip=True): a["href"] for a in page.select(".which-words a")}
    assert list(choices) == ["Both languages", "English only", "Arabic only"]
    assert page.select_one(".which-words [aria-current]").get_text(strip=True) == "Both languages"
    second = page.select(".reading-second")
    assert len(second) == 2  # the cover (its title) and the page typed in Arabic
    assert (second[1]["lang"], second[1]["dir"]) == ("ar", "rtl")
    assert ARABIC in second[1].get_text() and "عائلتي" in second[1].get_text()
    assert english.strip().split("\n")[0] in page.select_one(".reading").get_text()

    # Arabic only: the typed Arabic alone on its page; the other pages keep their English.
    page = _page(client, choices["Arabic only"])
    article = next(a for a in page.select("article.reading-panel") if ARABIC in a.get_text())
    assert (article.h2.get_text(), article.h2["lang"], article.h2["dir"]) == ("عائلتي", "ar", "rtl")
    assert english.strip().split("\n")[0] not in article.get_text()
    assert page.select_one(".which-words [aria-current]").get_text(strip=True) == "Arabic only"
    # The choice is kept on this link when the page comes back without it (after a comment).
    again = _page(client, f"/r/{token}")
    assert again.select_one(".which-words [aria-current]").get_text(strip=True) == "Arabic only"

    # English only: no Arabic at all. A made-up choice is ignored (the one kept stays).
    page = _page(client, choices["English only"])
    assert not page.select(".reading-second") and ARABIC not in page.get_text()
    assert english.strip().split("\n")[0] in page.get_text()
    page = _page(client, f"/r/{token}?read=<script>")
    assert page.select_one(".which-words [aria-current]").get_text(strip=True) == "English only"


def test_a_version_of_one_language_offers_no_choice(client, app, auth, review):
    send(client, review["storyboard"])
    token = make_link(client, review["storyboard"])
    auth.sign_out()
    page = _page(client, f"/r/{token}?read=second")
    assert not page.select(".which-words, .reading-second")


def test_read_mode_shows_both_languages_on_each_page(client, app, review):
    english = _bilingual(app, review["storyboard"])
    page = _page(client, f"/storyboards/{review['storyboard']}/read")
    pages = page.select("article.read-page")
    typed = next(p for p in pages if ARABIC in p.get_text())
    second = typed.select_one(".read-second")
    assert (second["lang"], second["dir"]) == ("ar", "rtl")
    assert english.strip().split("\n")[0] in typed.select_one(".read-words").get_text()
    assert "قصة سام" in pages[0].get_text()  # the cover's title in Arabic
