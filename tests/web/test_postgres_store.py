"""The web app's store on a real PostgreSQL server.

A throwaway cluster (``initdb`` + ``pg_ctl start`` on a free loopback port, in a
temporary directory; run as the ``postgres`` OS user when the tests run as
root) is started once for this module and removed at the end. Each test gets a
fresh database on it, owned by a password-protected role that is *not* a
superuser, as a team's server would be set up. Skipped only when the
PostgreSQL server binaries or psycopg are missing (``make pytest`` installs
both when it can).
"""

from __future__ import annotations

import glob
import itertools
import json
import os
import pwd
import shlex
import shutil
import socket
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from webclient import Client, MakeClient

from leveltwo import CaseNotFoundError, assess, bundled_cases, case_from_text
from leveltwo.web.state import WebState
from leveltwo.web.storage import Database, Repository, RevisionInfo
from leveltwo.web.storage.models import utcnow
from leveltwo.web.storage.repository import SaveConflict

SERVER_PROGRAMS = ("initdb", "pg_ctl", "postgres")
APP_ROLE = "leveltwo_app"
# characters that must be %-escaped in a URL: exercises the app's URL handling
APP_PASSWORD = "s3cret@:/%?#" + os.urandom(4).hex()


def find_pg_bindir() -> Path | None:
    """Where initdb, pg_ctl and postgres live: ``pg_config --bindir``, else the
    newest ``/usr/lib/postgresql/*/bin`` (Debian's layout)."""
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        found = subprocess.run(
            [pg_config, "--bindir"], capture_output=True, text=True, timeout=30, check=False
        )
        if found.returncode == 0 and found.stdout.strip():
            candidates.append(Path(found.stdout.strip()))

    def major(path: str) -> int:
        name = Path(path).parent.name
        return int(name) if name.isdigit() else -1

    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=major)[::-1]]
    for bindir in candidates:
        if all(os.access(bindir / name, os.X_OK) for name in SERVER_PROGRAMS):
            return bindir
    return None


PG_BIN = find_pg_bindir()
if PG_BIN is None:
    pytest.skip(
        "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found; "
        "install Debian's postgresql package (make postgres-deps does when root)",
        allow_module_level=True,
    )
pytest.importorskip(
    "psycopg", reason="psycopg is not installed: pip install 'leveltwo[web,postgres]'"
)

AS_ROOT = os.geteuid() == 0


def as_server_user(cmd: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run its programs as the postgres user then."""
    if not AS_ROOT:
        return cmd
    if shutil.which("runuser"):
        return ["runuser", "-u", "postgres", "--", *cmd]
    return ["su", "postgres", "-s", "/bin/sh", "-c", shlex.join(cmd)]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class Cluster:
    port: int
    superuser_password: str

    def url(self, database: str, user: str = "postgres", password: str | None = None) -> str:
        secret = quote(self.superuser_password if password is None else password, safe="")
        return f"postgresql+psycopg://{user}:{secret}@127.0.0.1:{self.port}/{database}"


def _run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        as_server_user(cmd), cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture(scope="module")
def pg_cluster() -> Iterator[Cluster]:
    """A PostgreSQL server of our own for this module, stopped and deleted afterwards."""
    assert PG_BIN is not None
    if AS_ROOT:
        try:
            server_user = pwd.getpwnam("postgres")
        except KeyError:
            pytest.fail("running as root, but there is no 'postgres' OS user to run the server as")
    # /tmp, not pytest's tmp_path: the postgres user must be able to reach it
    root = Path(tempfile.mkdtemp(prefix="leveltwo-pg-", dir="/tmp" if AS_ROOT else None))
    data, log = root / "data", root / "server.log"
    started = False
    try:
        password = os.urandom(16).hex()
        pwfile = root / "superuser-password"
        pwfile.write_text(password + "\n", encoding="utf-8")
        if AS_ROOT:
            for path in (root, pwfile):
                os.chown(path, server_user.pw_uid, server_user.pw_gid)
        init = _run(
            [
                str(PG_BIN / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=scram-sha-256",
                f"--pwfile={pwfile}",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync",
            ],
            root,
        )
        assert init.returncode == 0, f"initdb failed:\n{init.stdout}\n{init.stderr}"
        port, tries = 0, []
        for _ in range(3):  # another process may take the port between probe and start
            port = free_port()
            options = f"-k {root} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off"
            pg_ctl = [str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60"]
            start = _run([*pg_ctl, "-o", options, "start"], root)
            started = start.returncode == 0
            if started:
                break
            tries.append(start.stdout + start.stderr)
        server_log = log.read_text(errors="replace") if log.exists() else ""
        assert started, f"pg_ctl start failed:\n{''.join(tries)}\n{server_log}"
        cluster = Cluster(port, password)
        admin = create_engine(cluster.url("postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            literal = APP_PASSWORD.replace("'", "''").replace("%", "%%")  # %% for the driver
            c.exec_driver_sql(f"CREATE ROLE {APP_ROLE} LOGIN PASSWORD '{literal}'")
        admin.dispose()
        yield cluster
    finally:
        if started:
            _run([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], root)
        shutil.rmtree(root, ignore_errors=True)


_numbers = itertools.count(1)


@pytest.fixture
def pg_url(pg_cluster: Cluster) -> Iterator[str]:
    """The URL of a new, empty database owned by the (non-superuser) app role."""
    name = f"leveltwo_{os.getpid()}_{next(_numbers)}"
    admin = create_engine(pg_cluster.url("postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.exec_driver_sql(f"CREATE DATABASE {name} OWNER {APP_ROLE}")
    yield pg_cluster.url(name, user=APP_ROLE, password=APP_PASSWORD)
    with admin.connect() as c:
        c.exec_driver_sql(f"DROP DATABASE {name} WITH (FORCE)")
    admin.dispose()


@pytest.fixture
def repo(pg_url: str) -> Iterator[Repository]:
    db = Database(pg_url)
    db.migrate()
    yield Repository(db)
    db.dispose()


def app_state(client: Client) -> WebState:
    state = client.app.state.leveltwo  # type: ignore[attr-defined]
    assert isinstance(state, WebState)
    return state


def latest_migration(db: Database) -> str | None:
    return ScriptDirectory.from_config(db.alembic_config()).get_current_head()


def test_start_up_migrates_an_empty_database_and_loads_the_examples_once(
    make_client: MakeClient, pg_url: str
) -> None:
    empty = Database(pg_url)
    assert empty.engine.dialect.name == "postgresql"
    assert empty.schema_revision() is None
    assert inspect(empty.engine).get_table_names() == []
    empty.dispose()

    # create_app is what `leveltwo serve` runs: it migrates and seeds the store
    state = app_state(make_client(db_url=pg_url))
    with state.db.engine.connect() as c:
        who = c.exec_driver_sql(
            "SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user"
        ).one()
    assert tuple(who) == (APP_ROLE, False)
    assert state.db.schema_revision() == latest_migration(state.db) is not None
    tables = set(inspect(state.db.engine).get_table_names())
    assert {"cases", "revisions", "settings", "alembic_version"} <= tables
    examples = state.repo.list_cases()
    assert sorted(c.title for c in examples) == sorted(b.title for b in bundled_cases())
    assert all(c.head == 1 and c.origin.startswith("example: ") for c in examples)

    state.repo.delete(examples[0].id)
    again = app_state(make_client(db_url=pg_url))  # a second start
    assert again.db.schema_revision() == latest_migration(again.db)
    assert again.repo.count_cases() == len(bundled_cases())  # nothing loaded twice
    assert [c.id for c in again.repo.list_cases(deleted=True)] == [examples[0].id]
    assert len(again.repo.list_cases()) == len(bundled_cases()) - 1


def test_migrations_go_down_and_up_again(pg_url: str) -> None:
    db = Database(pg_url)
    db.migrate()
    cfg = db.alembic_config()
    with db.engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "base")
    assert db.schema_revision() is None
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    db.migrate()
    assert db.schema_revision() == latest_migration(db)
    assert Repository(db).create("text", "T").head == 1
    db.dispose()


def test_every_save_is_a_new_numbered_revision_with_its_text_kept_exactly(
    repo: Repository,
) -> None:
    text1 = "title: “Café” — 交渉 ✓\n  trailing spaces  \n\ttab\n"
    case = repo.create(text1, "Négociation “un”", origin="test")
    assert case.head == 1
    rev = repo.save(case.id, text1 + "more: 1\n", "Négociation “deux”", base=1, message="second")
    assert (rev.case_id, rev.number, rev.message) == (case.id, 2, "second")
    assert repo.get(case.id).title == "Négociation “deux”"
    history = repo.revisions(case.id)
    assert [r.number for r in history] == [2, 1]
    assert [r.message for r in history] == ["second", "Created"]
    assert repo.revision(case.id, 1).text == text1
    assert repo.head(case.id).text == text1 + "more: 1\n"
    # timestamps come back naive UTC, as on SQLite
    summary = repo.get(case.id)
    assert summary.created_at.tzinfo is None
    assert summary.created_at <= summary.updated_at == history[0].created_at
    assert abs(utcnow() - summary.updated_at) < timedelta(minutes=5)
    # the most recently saved case is listed first
    other = repo.create("x", "Other")
    assert [c.id for c in repo.list_cases()] == [other.id, case.id]
    repo.save(case.id, "y", "Négociation “deux”", base=2, message="third")
    assert [c.id for c in repo.list_cases()] == [case.id, other.id]
    with pytest.raises(CaseNotFoundError):
        repo.revision(case.id, 9)
    with pytest.raises(CaseNotFoundError):
        repo.get(case.id + 1000)


def test_a_save_from_an_old_base_is_refused_and_changes_nothing(repo: Repository) -> None:
    case = repo.create("v1", "T")
    repo.save(case.id, "v2 by Ann", "T by Ann", base=1, message="Ann")
    with pytest.raises(SaveConflict) as caught:
        repo.save(case.id, "v2 by Bob", "T by Bob", base=1, message="Bob")
    assert caught.value.http_status == 409
    assert (caught.value.base, caught.value.head) == (1, 2)
    assert "revision 2" in caught.value.message
    assert [r.text for r in repo.revisions(case.id)] == ["v2 by Ann", "v1"]
    assert repo.get(case.id).title == "T by Ann"


def test_simultaneous_saves_from_one_base_let_exactly_one_through(repo: Repository) -> None:
    case = repo.create("v1", "T")
    writers = 6
    barrier = threading.Barrier(writers)
    outcomes: list[object] = [None] * writers

    def write(i: int) -> None:
        barrier.wait()
        try:
            outcomes[i] = repo.save(case.id, f"v2 by {i}", "T", base=1, message=f"writer {i}")
        except BaseException as exc:  # any other error is a finding: keep it to report it
            outcomes[i] = exc

    threads = [threading.Thread(target=write, args=(i,)) for i in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    won = [o for o in outcomes if isinstance(o, RevisionInfo)]
    refused = [o for o in outcomes if isinstance(o, SaveConflict)]
    assert len(won) == 1, outcomes
    assert len(refused) == writers - 1, outcomes
    assert all((c.base, c.head) == (1, 2) for c in refused)
    assert [r.text for r in repo.revisions(case.id)] == [won[0].text, "v1"]
    assert repo.get(case.id).head == 2


def test_trash_and_undo(repo: Repository) -> None:
    keep = repo.create("k", "Keep")
    gone = repo.create("v1", "Gone")
    repo.save(gone.id, "v2", "Gone", base=1, message="edit")
    trashed = repo.delete(gone.id)
    assert trashed.deleted
    assert [c.id for c in repo.list_cases()] == [keep.id]
    assert [c.id for c in repo.list_cases(deleted=True)] == [gone.id]
    with pytest.raises(CaseNotFoundError):
        repo.head(gone.id)
    with pytest.raises(CaseNotFoundError):
        repo.save(gone.id, "v3", "Gone", base=2, message="into the trash?")
    back = repo.restore(gone.id)
    assert not back.deleted
    assert repo.list_cases(deleted=True) == []
    assert [c.id for c in repo.list_cases()] == [gone.id, keep.id]
    assert [r.text for r in repo.revisions(gone.id)] == ["v2", "v1"]  # nothing lost


def test_the_password_may_come_from_pgpassword_instead_of_the_url(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = make_url(pg_url)
    bare = f"postgresql+psycopg://{url.username}@{url.host}:{url.port}/{url.database}"
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", os.devnull)
    without = Database(bare)
    with pytest.raises(OperationalError, match="password"):
        without.migrate()
    without.dispose()
    monkeypatch.setenv("PGPASSWORD", APP_PASSWORD)
    db = Database(bare)
    db.migrate()
    assert db.schema_revision() == latest_migration(db)
    db.dispose()


def _put(client: Client, case_id: int, text: str, base: int) -> dict[str, object]:
    r = client.put(
        f"/api/cases/{case_id}",
        json={"text": text, "base": base, "message": f"edit on {base}"},
        headers={"X-CSRF-Token": client.token()},
    )
    body: dict[str, object] = {"status": r.status_code, **r.json()}
    return body


def test_two_apps_on_one_postgresql_database_edit_a_case(
    make_client: MakeClient, pg_url: str
) -> None:
    """Ann and Bob use two app instances (as two `leveltwo serve` would) on one database."""
    ann = make_client(db_url=pg_url)
    r = ann.post_form("/cases", {"template": "labour-contract", "title": "Nurses on Postgres"})
    assert r.status_code == 303
    case_id = int(r.headers["location"].rsplit("/", 1)[1])
    first = ann.get(f"/api/cases/{case_id}").json()
    assert (first["title"], first["revision"]) == ("Nurses on Postgres", 1)

    # the figures for the stored case are the library's
    web = ann.get(f"/api/cases/{case_id}/assess").json()
    lib = json.loads(json.dumps(assess(case_from_text(first["text"])).to_json()))
    assert {k: web[k] for k in lib} == lib

    bob = make_client(db_url=pg_url)
    assert bob.case_id("Nurses on Postgres") == case_id
    assert len(bob.get("/api/cases").json()) == len(bundled_cases()) + 1

    ann_text = first["text"].replace("quota: 0.5", "quota: 0.6")
    assert ann_text != first["text"]
    saved = _put(ann, case_id, ann_text, base=1)
    assert (saved["status"], saved["revision"]) == (200, 2)
    stale = _put(bob, case_id, first["text"].replace("quota: 0.5", "quota: 0.7"), base=1)
    assert stale["status"] == 409
    assert (stale["base"], stale["head"], stale["latest_text"]) == (1, 2, ann_text)
    assert "revision 2" in str(stale["message"])
    assert bob.get(f"/api/cases/{case_id}").json()["text"] == ann_text

    history = bob.get(f"/cases/{case_id}/history")
    assert history.status_code == 200
    assert "#2" in history.text
    assert "edit on 1" in history.text
    restore = bob.post_form(f"/cases/{case_id}/revisions/1/restore", {"base_revision": "2"})
    assert restore.status_code == 303
    head = ann.get(f"/api/cases/{case_id}").json()
    assert (head["revision"], head["text"]) == (3, first["text"])
    assert "Restored revision 1" in ann.get(f"/cases/{case_id}/history").text

    assert bob.post_form(f"/cases/{case_id}/delete").status_code == 303
    assert ann.get(f"/cases/{case_id}").status_code == 404
    assert "Nurses on Postgres" in ann.get("/trash").text
    assert ann.post_form(f"/cases/{case_id}/restore").status_code == 303
    assert bob.get(f"/cases/{case_id}").status_code == 200

    # and it is all in PostgreSQL, where a third reader sees it
    reader = Database(pg_url)
    assert [r.number for r in Repository(reader).revisions(case_id)] == [3, 2, 1]
    reader.dispose()


def test_long_titles_origins_and_messages_are_accepted_as_on_sqlite(repo: Repository) -> None:
    title, origin, message = "T" * 5000, "import: " + "f" * 2000 + ".yaml", "m" * 5000
    created = repo.create("text", title, origin=origin, message=message)
    assert repo.get(created.id).title == title
    assert repo.get(created.id).origin == origin
    rev = repo.save(created.id, "text 2", title, base=1, message=message)
    assert repo.revision(created.id, rev.number).message == message


def test_servers_starting_together_on_a_fresh_database_all_start(pg_url: str) -> None:
    errors: list[BaseException] = []

    def start() -> None:
        db = Database(pg_url)
        try:
            db.migrate()
        except BaseException as exc:
            errors.append(exc)
        finally:
            db.dispose()

    threads = [threading.Thread(target=start) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    db = Database(pg_url)
    assert db.schema_revision() == latest_migration(db)
    db.dispose()
