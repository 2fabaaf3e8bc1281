"""Which role a person's groups give, and the group-to-role setting checked at start."""

from __future__ import annotations

import pytest

from storyboard import create_app
from storyboard.services.sso import check_group_roles, role_for

ROLES = {"g-w": "worker", "g-m": "manager", "g-a": "admin"}


@pytest.mark.parametrize(
    ("groups", "role"),
    [
        (["g-w"], "worker"),
        (["g-w", "g-m"], "manager"),
        (["g-m", "g-a", "g-w"], "admin"),
        (["g-other"], None),
        ([], None),
        (None, None),
        ("g-m", "manager"),  # a provider that sends one group as a string
        ({"g-w": True}, None),  # not a list: nothing is guessed
    ],
)
def test_the_groups_give_the_highest_role(groups, role):
    assert role_for(groups, ROLES) == role


def test_an_unknown_role_in_the_setting_stops_the_app():
    with pytest.raises(ValueError, match="unknown role"):
        check_group_roles({"g-x": "superuser"})
    with pytest.raises(ValueError, match="unknown role"):
        create_app(
            {
                "DATABASE_URL": "sqlite://", "SECRET_KEY": "x", "TESTING": True,
                "OIDC_ISSUER": "https://idp.example", "OIDC_CLIENT_ID": "c",
                "OIDC_GROUP_ROLES": {"g-x": "owner"},
            }
        )  # fmt: skip


def test_a_sealed_code_secret_needs_the_same_key_and_row():
    from storyboard.core.secretbox import SecretBoxError, open_text, seal_text

    sealed = seal_text("JBSWY3DPEHPK3PXP", "key-one", "sign-in-codes", "user:1")
    assert "JBSWY3DP" not in sealed
    assert open_text(sealed, "key-one", "sign-in-codes", "user:1") == "JBSWY3DPEHPK3PXP"
    for key, row in (("key-two", "user:1"), ("key-one", "user:2")):
        with pytest.raises(SecretBoxError):
            open_text(sealed, key, "sign-in-codes", row)
