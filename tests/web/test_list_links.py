"""The long lists' quick links are the addresses `url_for` makes, under a script root too."""

from __future__ import annotations

from flask import url_for

from storyboard.web.forms import list_links


def test_list_links_make_what_url_for_makes(app):
    for base in ("http://localhost/", "http://localhost/council/storyboard/"):
        with app.test_request_context("/", base_url=base):
            assert list_links("editor.edit")(storyboard_id=7).endswith("/storyboards/7")
            for endpoint in ("editor.edit", "review.hub"):
                quick = list_links(endpoint)(storyboard_id=42)
                assert quick == url_for(endpoint, storyboard_id=42)
                assert quick.startswith(base.removeprefix("http://localhost").rstrip("/") + "/")
