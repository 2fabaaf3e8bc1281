"""The one rate-limit helper counts only recent rows that meet its conditions."""

from __future__ import annotations

from datetime import timedelta

from storyboard.services import limits
from storyboard.services.db import db
from storyboard.services.models import SignInAttempt, utcnow


def test_only_recent_matching_rows_count(app):
    with app.app_context():
        old = utcnow() - timedelta(minutes=20)
        db.session.add_all(
            [SignInAttempt(username="a", address="1", succeeded=False) for _ in range(3)]
            + [SignInAttempt(username="a", address="1", succeeded=False, at=old)]
            + [SignInAttempt(username="b", address="1", succeeded=False)]
        )
        db.session.commit()
        mine = SignInAttempt.username == "a"
        assert limits.counted(SignInAttempt.at, 15, mine) == 3
        assert limits.counted(SignInAttempt.at, 30, mine) == 4
        assert limits.reached(SignInAttempt.at, 3, 15, mine)
        assert not limits.reached(SignInAttempt.at, 4, 15, mine)
        # By address, both accounts' failures count (the claim's own row is the fifth).
        limits.note_sign_in_try("c", "1")
        assert limits.sign_in_paused("c", "1", 4, 15)
        limits.note_sign_in_try("c", "2")
        assert not limits.sign_in_paused("c", "2", 4, 15)


def test_the_account_is_counted_whatever_the_letter_case(app):
    with app.app_context():
        for name in ["Alex", "ALEX", " alex"]:
            limits.note_sign_in_try(name, "9")
            assert not limits.sign_in_paused(name, "9", 3, 15)
        limits.note_sign_in_try("aLeX", "8")
        assert limits.sign_in_paused("aLeX", "8", 3, 15)


def test_a_success_clears_that_accounts_failures(app):
    with app.app_context():
        for _ in range(3):
            limits.note_sign_in_try("A", "1")
        limits.sign_in_succeeded("a", "1")
        db.session.commit()
        assert limits.counted(SignInAttempt.at, 15, SignInAttempt.succeeded.is_(False)) == 0
