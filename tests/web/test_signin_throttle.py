"""The sign-in throttle counts per account whatever the case, and holds under parallel tries."""

from __future__ import annotations

import threading
import time

import storyboard.web.auth as views_signin_check
from tests.conftest import PASSWORD


def _try(client, username: str, password: str, address: str) -> int:
    response = client.post(
        "/signin",
        data={"username": username, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )
    return response.status_code


def test_letter_case_variants_from_many_addresses_share_one_count(client, make_user):
    make_user("alex")
    variants = ["ALEX", "Alex", "aLeX", "alEX", "ALex", "alex ", "AlEx", "aLEX", "ALEx", "alex"]
    for number, name in enumerate(variants):
        assert _try(client, name, "wrong password", f"10.0.0.{number + 1}") == 401
    # The account is paused, whichever spelling and address comes next.
    assert _try(client, "Alex", PASSWORD, "10.0.1.99") == 429


def test_parallel_tries_check_no_more_passwords_than_the_limit(app, make_user, monkeypatch):
    make_user("alex")
    checked: list[int] = []
    real_check = views_signin_check.check_password

    def slow_check(stored: str, given: str) -> bool:
        checked.append(1)
        time.sleep(0.2)  # every try is in flight at once
        return real_check(stored, given)

    monkeypatch.setattr(views_signin_check, "check_password", slow_check)
    codes: list[int] = []
    start = threading.Barrier(30)

    def attempt(number: int) -> None:
        client = app.test_client()
        start.wait()
        codes.append(_try(client, "alex", "wrong password", f"10.1.0.{number}"))

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(checked) <= app.config["SIGNIN_MAX_FAILURES"]
    assert codes.count(401) <= app.config["SIGNIN_MAX_FAILURES"]
    assert codes.count(429) >= 30 - app.config["SIGNIN_MAX_FAILURES"]
