"""Single sign-on: which account a person at the council's OpenID provider is, and their role.

The web layer (`web/auth/oidc.py`) checks the provider's ID token (signature, issuer,
audience, expiry, nonce) with Authlib; this module takes its claims from there. An account is
found by the pair (issuer, subject) only, never by email or username. The role follows the
person's groups at every sign-in; someone in no mapped group is refused. The caller commits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from storyboard.core.passwords import new_token
from storyboard.services import audit
from storyboard.services.db import db
from storyboard.services.models import ROLES, SsoIdentity, User, utcnow
from storyboard.services.team_changes import NEW_ACCOUNT, AccountState, record_account_change

# A person in groups for more than one role gets the first of these.
ROLE_ORDER = ("admin", "manager", "worker")
# No password can match this: accounts made by single sign-on have no password.
NO_PASSWORD = "!sso-only"  # noqa: S105 (not a password: no Argon2 hash matches it)

REFUSALS = {
    "no_role": "Your council account is not in a group that may use this app. Ask your IT "
    "service desk to add you to the right group.",
    "too_many_groups": "Your council account is in too many groups for the sign-in to list "
    "them. Ask your IT service desk to give this app only the groups it uses.",
    "inactive": "This account is turned off. Ask an administrator if you need it again.",
    "not_linked": "No account here is linked to your council account yet. Sign in with your "
    "password once and link it from your account page, or ask an administrator.",
    "linked_elsewhere": "Your council account is already linked to another account here.",
}


@dataclass(frozen=True)
class Policy:
    """The settings that decide who may sign on, and as what."""

    groups_claim: str
    group_roles: Mapping[str, str]
    create_accounts: bool


@dataclass(frozen=True)
class Outcome:
    """The account signed on, or why not (a key of REFUSALS)."""

    user: User | None = None
    refusal: str | None = None

    @property
    def message(self) -> str:
        """What to tell the person who was refused."""
        return REFUSALS.get(self.refusal or "", "")


def check_group_roles(group_roles: Mapping[str, Any]) -> dict[str, str]:
    """The OIDC_GROUP_ROLES setting, checked: every value a role (ValueError otherwise)."""
    if not isinstance(group_roles, Mapping):
        raise ValueError('OIDC_GROUP_ROLES must map groups to roles, e.g. {"<id>": "worker"}')
    bad = sorted(str(g) for g, role in group_roles.items() if role not in ROLES)
    if bad:
        raise ValueError(f"OIDC_GROUP_ROLES gives an unknown role to {len(bad)} group(s)")
    return {str(group): str(role) for group, role in group_roles.items()}


def role_for(groups: object, group_roles: Mapping[str, str]) -> str | None:
    """The role the person's groups give (the highest of ROLE_ORDER), or None."""
    if isinstance(groups, str):
        groups = [groups]
    if not isinstance(groups, list | tuple):
        return None
    roles = {group_roles.get(str(g)) for g in groups}
    return next((role for role in ROLE_ORDER if role in roles), None)


def _group_overage(claims: Mapping[str, Any], groups_claim: str) -> bool:
    """Whether the provider left the groups out for being too many (Entra ID's "overage")."""
    names = claims.get("_claim_names")
    return isinstance(names, Mapping) and groups_claim in names


def _username(claims: Mapping[str, Any]) -> str:
    """A username for a new account, from the provider's username claim, never taken twice."""
    base = str(claims.get("preferred_username") or claims.get("upn") or "staff")[:70].strip()
    base = base or "staff"
    candidate, n = base, 1
    while db.session.scalar(
        select(User.id).where(db.func.lower(User.username) == candidate.lower())
    ):
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _create_account(claims: Mapping[str, Any], role: str) -> User:
    name = str(claims.get("name") or claims.get("preferred_username") or "New colleague")
    user = User(
        username=_username(claims),
        display_name=name[:120],
        password_hash=NO_PASSWORD,
        role=role,
        session_token=new_token(16),
    )
    db.session.add(user)
    db.session.flush()
    record_account_change("create_user", user, NEW_ACCOUNT)
    return user


def find_identity(issuer: str, subject: str) -> SsoIdentity | None:
    """The link for this person at this provider, if any."""
    return db.session.scalar(
        select(SsoIdentity).where(SsoIdentity.issuer == issuer, SsoIdentity.subject == subject)
    )


def sign_on(
    issuer: str, claims: Mapping[str, Any], policy: Policy, link_to: User | None = None
) -> Outcome:
    """The account for these checked ID token claims, its role set from the groups.

    `link_to`: an account whose owner is signed in and asked to link their council sign-in.
    Refusals are audited here, with ids only.
    """
    subject = str(claims["sub"])
    if _group_overage(claims, policy.groups_claim):
        return _refuse("too_many_groups")
    role = role_for(claims.get(policy.groups_claim), policy.group_roles)
    identity = find_identity(issuer, subject)
    known = identity.user if identity else link_to
    if role is None:
        if identity is not None:
            # Out of every group: the account's open sessions end too, wherever they are.
            identity.user.session_token = new_token(16)
        return _refuse("no_role", known)
    if link_to is not None:
        if identity is not None and identity.user_id != link_to.id:
            return _refuse("linked_elsewhere", link_to)
        user = link_to
    elif identity is not None:
        user = identity.user
    elif policy.create_accounts:
        user = _create_account(claims, role)
    else:
        return _refuse("not_linked")
    if not user.active:
        return _refuse("inactive", user)
    if identity is None:
        identity = SsoIdentity(user=user, issuer=issuer, subject=subject)
        db.session.add(identity)
        db.session.flush()
        audit.record("sso_linked", user, user_id=user.id, identity=identity.id)
    if user.role != role:
        before = AccountState.of(user)
        user.role = role
        record_account_change("edit_user", user, before)
    identity.last_used_at = utcnow()
    return Outcome(user=user)


def _refuse(reason: str, user: User | None = None) -> Outcome:
    audit.record("sign_in_refused", user, user_id=user.id if user else None, reason=reason)
    return Outcome(refusal=reason)


def unlink(user: User) -> int:
    """Remove the account's links to the provider (an admin's repair); how many there were."""
    count = len(user.identities)
    user.identities.clear()
    if count:
        audit.record("sso_unlinked", user, links=count)
    return count
