"""Storage faults are named (locked, full, read-only), the editor keeps the user's text,
a read-only store refuses to start, locked saves are retried, and first starts race safely."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError
from webclient import Client, MakeClient

from leveltwo.web import Settings, create_app
from leveltwo.web.storage import database
from leveltwo.web.storage.database import Database
from leveltwo.web.storage.faults import (
    StoreFull,
    StoreLocked,
    StoreReadOnly,
    StoreUnavailable,
    translate,
)


class _Orig(Exception):
    def __init__(self, text: str, sqlstate: str | None = None) -> None:
        super().__init__(text)
        self.sqlstate = sqlstate


@pytest.mark.parametrize(
    ("text", "code", "kind"),
    [
        ("database is locked", None, StoreLocked),
        ("could not obtain lock on row", "55P03", StoreLocked),
        ("deadlock detected", "40P01", StoreLocked),
        ("database or disk is full", None, StoreFull),
        ("could not extend file: No space left on device", "53100", StoreFull),
        ("attempt to write a readonly database", None, StoreReadOnly),
        ("cannot execute INSERT in a read-only transaction", "25006", StoreReadOnly),
        ("unable to open database file", None, StoreUnavailable),
    ],
)
def test_driver_errors_are_named(text: str, code: str | None, kind: type) -> None:
    fault = translate(OperationalError("INSERT", {}, _Orig(text, code)))
    assert isinstance(fault, kind)
    assert fault.message


def _yaml_form(client: Client, case_id: int, text: str, base: int = 1) -> Any:
    return client.post_form(
        f"/cases/{case_id}/yaml", {"text": text, "base_revision": str(base), "message": "my note"}
    )


def _edited(client: Client, case_id: int) -> str:
    text = str(client.get(f"/api/cases/{case_id}").json()["text"])
    return text.replace("title: ", "title: Edited ", 1)


def test_a_full_disk_is_named_and_the_text_is_kept_in_the_editor(
    client: Client, labour_id: int
) -> None:
    state = client.app.state.leveltwo  # type: ignore[attr-defined]
    state.db.engine.dispose()

    @event.listens_for(state.db.engine, "connect")
    def tiny(dbapi_connection: Any, _record: Any) -> None:
        cur = dbapi_connection.cursor()
        pages = cur.execute("PRAGMA page_count").fetchone()[0]
        cur.execute(f"PRAGMA max_page_count = {pages}")
        cur.close()

    text = _edited(client, labour_id) + "\n# " + "x" * 200_000 + "\n"
    r = _yaml_form(client, labour_id, text)
    assert r.status_code == 507
    assert "disk holding the database is full" in r.text
    assert "Your text is kept below" in r.text
    assert "x" * 1000 in r.text  # the unsaved text is still in the form
    assert 'value="my note"' in r.text


def test_a_read_only_store_refuses_to_start_saying_so(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    app = create_app(Settings(db_url=f"sqlite:///{path}", load_examples=False))
    app.state.leveltwo.db.dispose()
    with pytest.raises(StoreReadOnly) as info:
        create_app(Settings(db_url=f"sqlite:///file:{path}?mode=ro&uri=true"))
    assert "read-only" in info.value.message
    assert "does not start" in info.value.message
    assert info.value.exit_code == 2


def test_a_read_only_store_is_named_on_save(client: Client, labour_id: int) -> None:
    state = client.app.state.leveltwo  # type: ignore[attr-defined]
    path = state.db.engine.url.database
    state.db.dispose()
    state.db.engine = Database(f"sqlite:///file:{path}?mode=ro&uri=true").engine
    state.db._sessions.configure(bind=state.db.engine)
    r = _yaml_form(client, labour_id, _edited(client, labour_id))
    assert r.status_code == 503
    assert "read-only" in r.text
    assert "Your text is kept below" in r.text


def _hold_lock(path: str, seconds: float) -> threading.Thread:
    ready = threading.Event()

    def hold() -> None:
        con = sqlite3.connect(path, isolation_level=None)
        con.execute("BEGIN EXCLUSIVE")
        ready.set()
        time.sleep(seconds)
        con.execute("ROLLBACK")
        con.close()

    t = threading.Thread(target=hold)
    t.start()
    ready.wait()
    return t


def test_a_briefly_locked_store_is_retried_and_the_save_goes_through(
    make_client: MakeClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 20)
    client = make_client()
    case_id = client.case_id("Hospital nurses' contract")
    text = _edited(client, case_id)
    client.token()
    path = client.app.state.leveltwo.db.engine.url.database  # type: ignore[attr-defined]
    holder = _hold_lock(path, 0.5)
    r = _yaml_form(client, case_id, text)
    holder.join()
    assert r.status_code == 303
    assert client.get(f"/api/cases/{case_id}").json()["text"] == text


def test_a_store_locked_for_long_is_named_and_the_text_is_kept(
    make_client: MakeClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 20)
    client = make_client()
    case_id = client.case_id("Hospital nurses' contract")
    text = _edited(client, case_id)
    client.token()
    path = client.app.state.leveltwo.db.engine.url.database  # type: ignore[attr-defined]
    holder = _hold_lock(path, 5.0)
    try:
        r = _yaml_form(client, case_id, text)
    finally:
        holder.join()
    assert r.status_code == 503
    assert "database is busy" in r.text
    assert "Edited" in r.text


START = """
import sys
from leveltwo.web import Settings, create_app
app = create_app(Settings(db_url=sys.argv[1]))
print(app.state.leveltwo.repo.count_cases())
"""


def test_servers_starting_together_on_a_fresh_store_all_start(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", START, url],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0] * 4, [err[-800:] for _, err in results]
    db = Database(url)
    from leveltwo.io.bundled import bundled_cases
    from leveltwo.web.storage.repository import Repository

    assert Repository(db).count_cases() == len(bundled_cases())  # loaded once, not 4 times
    db.dispose()
