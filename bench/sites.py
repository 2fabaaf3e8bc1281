"""Sites for the benchmarks: a migrated database (SQLite file or PostgreSQL), and seed data.

`seed` fills a council's worth of rows with bulk inserts (SQLAlchemy Core, thousands of rows
per statement): accounts in teams, cases with their people, storyboards with their pages,
versions with links, decisions and comments, and the audit rows all that work leaves.
Every word is made up; nothing the benchmarks print comes from these rows.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FIXTURE = ROOT / "tests" / "fixtures" / "sam-12.json"
PASSWORD = "a bench password, long enough"  # noqa: S105 - a throwaway site
PG_ROLE = "storyboard_bench"


@dataclass
class Site:
    """A database, an instance folder and the secret every app server of the site shares."""

    kind: str  # sqlite or postgresql
    url: str
    instance: Path
    secret_key: str


def _psql_as_postgres(sql: str) -> None:
    subprocess.run(
        ["su", "postgres", "-c", "psql -q -v ON_ERROR_STOP=1"],
        input=sql.encode(),
        check=True,
        capture_output=True,
    )


@contextlib.contextmanager
def site(kind: str, folder: Path) -> Iterator[Site]:
    """A new, migrated site; a PostgreSQL database is dropped again afterwards."""
    instance = folder / "instance"
    secret = secrets.token_hex(32)
    if kind == "sqlite":
        instance.mkdir(mode=0o700, parents=True)
        url = f"sqlite:///{instance / 'storyboard.sqlite3'}"
        migrate(url, instance, secret)
        yield Site(kind, url, instance, secret)
        return
    name = "storyboard_bench_" + secrets.token_hex(4)
    _psql_as_postgres(
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{PG_ROLE}') THEN "
        f"CREATE ROLE {PG_ROLE} LOGIN PASSWORD '{PG_ROLE}'; END IF; END $$;"
    )
    subprocess.run(["su", "postgres", "-c", f"createdb -O {PG_ROLE} {name}"], check=True)
    try:
        url = f"postgresql+psycopg://{PG_ROLE}:{PG_ROLE}@127.0.0.1/{name}"
        instance.mkdir(mode=0o700, parents=True)
        migrate(url, instance, secret)
        yield Site(kind, url, instance, secret)
    finally:
        subprocess.run(["su", "postgres", "-c", f"dropdb --if-exists --force {name}"], check=False)


def app_for(site_: Site):  # noqa: ANN201 - a Flask app
    """The app on this site's database, in this process (for seeding and checking)."""
    from storyboard import create_app

    return create_app(
        {
            "DATABASE_URL": site_.url,
            "SECRET_KEY": site_.secret_key,
            "INSTANCE_PATH": str(site_.instance),
        }
    )


def migrate(url: str, instance: Path, secret: str) -> None:
    """Apply every migration, as `storyboard db upgrade` does."""
    from storyboard.services.db import db, upgrade_to_head

    app = app_for(Site("", url, instance, secret))
    upgrade_to_head(app)
    with app.app_context():
        db.engine.dispose()


# --- seed data ------------------------------------------------------------------------------


@dataclass
class Seeded:
    """What the seed made that the benchmarks look up: usernames and ids."""

    workers: list[str]
    managers: list[str]
    storyboards: int
    panels: int
    audit_rows: int
    busiest_manager: str
    a_case: int
    a_storyboard: int


def _batches(rows: list[dict], size: int = 5000) -> Iterator[list[dict]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def seed(
    app,  # noqa: ANN001 - a Flask app
    *,
    storyboards: int = 10_000,
    panels_per: int = 10,
    per_case: int = 4,
    workers: int = 100,
    team_size: int = 8,
    audit_per_storyboard: int = 50,
) -> Seeded:
    """Fill the site: `storyboards` storyboards of `panels_per` pages, in cases of `per_case`."""
    from sqlalchemy import insert

    from storyboard.services.accounts import hash_password
    from storyboard.services.db import db
    from storyboard.services.models import (
        Approval,
        AuditEvent,
        Case,
        Comment,
        Panel,
        Person,
        Revision,
        ShareLink,
        Storyboard,
        User,
        case_workers,
    )

    document = json.loads(FIXTURE.read_text(encoding="utf-8"))
    start = datetime(2025, 1, 1)
    with app.app_context():
        hashed = hash_password(PASSWORD)  # one hash for every account: each costs 64 MiB
        managers = (workers + team_size - 1) // team_size
        users = [
            {"id": 1, "username": "admin", "display_name": "Admin", "role": "admin"},
            *(
                {"id": 2 + m, "username": f"manager{m}", "display_name": f"Manager {m}",
                 "role": "manager"}
                for m in range(managers)
            ),
            *(
                {"id": 2 + managers + w, "username": f"worker{w}", "display_name": f"Worker {w}",
                 "role": "worker", "manager_id": 2 + w // team_size}
                for w in range(workers)
            ),
        ]  # fmt: skip
        for user in users:
            user.update(password_hash=hashed, session_token=secrets.token_hex(16), active=True)
            user.setdefault("manager_id", None)
            user["created_at"] = start
        worker_ids = [u["id"] for u in users if u["role"] == "worker"]
        cases_n = storyboards // per_case
        cases, assigned, people = [], [], []
        for c in range(cases_n):
            cid = c + 1
            cases.append(
                {"id": cid, "case_reference": f"CR-{100000 + c}", "reference": f"case-{cid}",
                 "family_name": f"The Family {c}", "created_at": start + timedelta(minutes=c)}
            )  # fmt: skip
            first = worker_ids[c % len(worker_ids)]
            assigned.append({"case_id": cid, "user_id": first})
            if c % 3 == 0:  # some cases have a second worker, in the same team
                other = worker_ids[(c + 1) % len(worker_ids)]
                if other != first:
                    assigned.append({"case_id": cid, "user_id": other})
            for p, (name, rel, kind) in enumerate(
                [("Mum", "mother", "family"), ("Dad", "father", "family"),
                 ("Nan", "grandmother", "family"), ("Child", "child", "child")]
            ):  # fmt: skip
                people.append(
                    {"id": cid * 4 + p, "case_id": cid, "name": f"{name} {c}",
                     "relationship": rel, "kind": kind, "age": 7 if kind == "child" else None}
                )  # fmt: skip
        boards, panels, revisions, links, approvals, comments, events = [], [], [], [], [], [], []
        text = (
            "Sam lives with Mum and Dad and a cat called Biscuit. Nan lives near the park "
            "and Sam goes there after school on Tuesdays."
        )
        scene = {"pictures": document["panels"][1]["pictures"]}
        sections = ["title", "family", "worried", "worries", "next", "now", "safety-plan",
                    "network", "talk-to", "custom"]  # fmt: skip
        link_id = revision_id = 0
        for s in range(storyboards):
            sid = s + 1
            cid = s // per_case + 1
            made = start + timedelta(minutes=s * 3)
            boards.append(
                {"id": sid, "case_id": cid, "number": s % per_case + 1,
                 "child_name": f"Child {s}", "child_age": 7, "language": "en",
                 "title": f"Child {s}'s story", "status": "draft", "page_size": "A4",
                 "minimal": False, "family_words": [], "extra": {}, "created_at": made,
                 "updated_at": made}
            )  # fmt: skip
            for p in range(panels_per):
                panels.append(
                    {"id": s * panels_per + p + 1, "storyboard_id": sid, "position": p,
                     "section": sections[p % len(sections)], "kind": "text",
                     "heading": f"Page {p + 1}", "text": text, "voices": [], "scene": scene,
                     "extra": {}, "skipped": False, "dismissed_hints": [], "version": 1,
                     "updated_at": made + timedelta(days=p % 5)}
                )  # fmt: skip
            versions = 0 if s % 4 == 0 else (2 if s % 5 == 0 else 1)
            for n in range(versions):
                revision_id += 1
                sent = made + timedelta(days=7 * (n + 1))
                latest = n == versions - 1
                revisions.append(
                    {"id": revision_id, "storyboard_id": sid, "number": n + 1,
                     "document": document, "sha256": secrets.token_hex(32), "hash_scheme": 3,
                     "status": "in_review" if latest else "superseded", "created_at": sent}
                )  # fmt: skip
                if not latest:
                    continue
                for who in ("Mum", "Teacher"):
                    link_id += 1
                    links.append(
                        {"id": link_id, "revision_id": revision_id, "token_hash":
                         secrets.token_hex(32), "reviewer_name": f"{who} {s}",
                         "reviewer_role": who.lower(), "required": True, "pin_failures": 0,
                         "expires_at": sent + timedelta(days=30), "created_at": sent,
                         "follows": who == "Mum", "days": 30 if who == "Mum" else None}
                    )  # fmt: skip
                if s % 3 == 0:
                    approvals.append(
                        {"revision_id": revision_id, "share_link_id": link_id - 1,
                         "reviewer_name": f"Mum {s}", "decision": "agree",
                         "revision_sha256": revisions[-1]["sha256"], "hash_scheme": 3,
                         "created_at": sent + timedelta(days=1)}
                    )  # fmt: skip
                if s % 2 == 0:
                    comments.append(
                        {"revision_id": revision_id, "panel_index": 1, "panel_key": "p2",
                         "share_link_id": link_id, "author_name": f"Teacher {s}",
                         "body": "Could this page say who Nan is?",
                         "created_at": sent + timedelta(days=2)}
                    )  # fmt: skip
            # The rows the work left: page saves, views, exports, over the months after.
            actor = worker_ids[(s // per_case) % len(worker_ids)]
            for e in range(audit_per_storyboard):
                action = ("edit_panel", "edit_panel", "edit_panel", "view_storyboard",
                          "export")[e % 5]  # fmt: skip
                events.append(
                    {"at": made + timedelta(hours=e * 7), "user_id": actor, "action": action,
                     "object_type": "panel" if action == "edit_panel" else "storyboard",
                     "object_id": s * panels_per + e % panels_per + 1
                     if action == "edit_panel" else sid,
                     "case_id": cid, "storyboard_id": sid, "address": "10.0.0.1",
                     "details": {"version": 2, "fields": ["text"]}
                     if action == "edit_panel" else {}}
                )  # fmt: skip
        for table, rows in (
            (User.__table__, users),
            (Case.__table__, cases),
            (case_workers, assigned),
            (Person.__table__, people),
            (Storyboard.__table__, boards),
            (Panel.__table__, panels),
            (Revision.__table__, revisions),
            (ShareLink.__table__, links),
            (Approval.__table__, approvals),
            (Comment.__table__, comments),
            (AuditEvent.__table__, events),
        ):
            for batch in _batches(rows):
                db.session.execute(insert(table), batch)
        db.session.commit()
        if db.engine.dialect.name == "postgresql":  # explicit ids: move the sequences on
            with db.engine.begin() as conn:
                for table in ("users", "cases", "people", "storyboards", "panels",
                              "revisions", "share_links", "approvals", "comments",
                              "audit_events"):  # fmt: skip
                    sql = f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"  # noqa: E501, S608 - our own table names
                    conn.exec_driver_sql(sql)
                conn.exec_driver_sql("ANALYZE")
        else:
            with db.engine.begin() as conn:
                conn.exec_driver_sql("ANALYZE")
        db.engine.dispose()
    return Seeded(
        workers=[u["username"] for u in users if u["role"] == "worker"],
        managers=[u["username"] for u in users if u["role"] == "manager"],
        storyboards=len(boards),
        panels=len(panels),
        audit_rows=len(events),
        busiest_manager="manager0",
        a_case=cases_n // 2,
        a_storyboard=(cases_n // 2) * per_case - 1,
    )
