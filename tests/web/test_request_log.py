"""The request log of a real server never shows what was searched for, nor tokens."""

from __future__ import annotations

import contextlib
import logging
import threading
import urllib.error
import urllib.request

from werkzeug.serving import make_server


def test_picture_search_words_and_tokens_stay_out_of_the_request_log(app, caplog):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        with caplog.at_level(logging.INFO, logger="werkzeug"):
            for path in [
                "/api/pictures?q=dad+hit+mum+MARKER",
                "/search?q=MARKER+Lee",
                "/signin?next=/cases/7%3Fq%3DMARKER",
                "/r/MARKERtokenvalue0123456789abcdef",
                "/setup/MARKERsetuptoken0123456789",
            ]:
                with contextlib.suppress(urllib.error.HTTPError):
                    urllib.request.urlopen(base + path, timeout=10).read()  # noqa: S310
    finally:
        server.shutdown()
    lines = [r.getMessage() for r in caplog.records if r.name == "werkzeug"]
    assert len(lines) >= 5
    assert not [line for line in lines if "MARKER" in line]
    assert any("GET /api/pictures?… HTTP/1.1" in line for line in lines)
