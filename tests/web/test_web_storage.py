"""The store: migrations, revisions, optimistic concurrency, the trash, first-run examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from leveltwo import CaseNotFoundError, bundled_cases
from leveltwo.errors import ConflictError
from leveltwo.web import Settings
from leveltwo.web.state import WebState
from leveltwo.web.storage import Database, Repository
from leveltwo.web.storage.repository import SaveConflict


@pytest.fixture
def repo(tmp_path: Path) -> Repository:
    db = Database(f"sqlite:///{tmp_path / 'store.db'}")
    db.migrate()
    return Repository(db)


def test_migrations_create_the_schema_and_are_idempotent(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'nested' / 'dir' / 'store.db'}")
    assert db.schema_revision() is None
    db.migrate()
    assert db.schema_revision() == "0002"
    db.migrate()  # a second start changes nothing
    assert db.schema_revision() == "0002"
    assert (tmp_path / "nested" / "dir" / "store.db").is_file()


def test_every_save_is_a_new_numbered_revision(repo: Repository) -> None:
    case = repo.create("text one", "One", origin="test")
    assert case.head == 1
    rev = repo.save(case.id, "text two", "Two", base=1, message="second")
    assert rev.number == 2
    assert repo.get(case.id).title == "Two"
    assert [r.number for r in repo.revisions(case.id)] == [2, 1]
    assert repo.revision(case.id, 1).text == "text one"
    assert repo.head(case.id).text == "text two"


def test_a_save_from_an_old_base_is_refused_and_changes_nothing(repo: Repository) -> None:
    case = repo.create("v1", "T")
    repo.save(case.id, "v2 by Ann", "T", base=1, message="Ann")
    with pytest.raises(SaveConflict) as caught:
        repo.save(case.id, "v2 by Bob", "T", base=1, message="Bob")
    assert isinstance(caught.value, ConflictError)
    assert caught.value.http_status == 409
    assert (caught.value.base, caught.value.head) == (1, 2)
    assert "revision 1" in caught.value.message
    assert "revision 2" in caught.value.message
    assert [r.text for r in repo.revisions(case.id)] == ["v2 by Ann", "v1"]


def test_delete_moves_to_the_trash_and_restore_brings_it_back(repo: Repository) -> None:
    case = repo.create("v1", "T")
    repo.delete(case.id)
    assert repo.list_cases() == []
    assert [c.id for c in repo.list_cases(deleted=True)] == [case.id]
    with pytest.raises(CaseNotFoundError):
        repo.head(case.id)
    repo.restore(case.id)
    assert [c.id for c in repo.list_cases()] == [case.id]
    assert repo.head(case.id).text == "v1"


def test_unknown_cases_and_revisions_are_not_found(repo: Repository) -> None:
    case = repo.create("v1", "T")
    with pytest.raises(CaseNotFoundError):
        repo.get(999)
    with pytest.raises(CaseNotFoundError):
        repo.revision(case.id, 7)


def test_first_run_loads_the_bundled_cases_once(tmp_path: Path) -> None:
    settings = Settings(db_url=f"sqlite:///{tmp_path / 's.db'}")
    state = WebState(settings)
    state.start()
    titles = sorted(c.title for c in state.repo.list_cases())
    assert len(titles) == len(bundled_cases())
    for c in state.repo.list_cases():
        state.repo.delete(c.id)
    again = WebState(settings)
    again.start()  # not a first run any more: the deleted examples stay deleted
    assert again.repo.list_cases() == []
    assert len(again.repo.list_cases(deleted=True)) == len(bundled_cases())


def test_the_session_secret_is_kept_in_the_store(tmp_path: Path) -> None:
    settings = Settings(db_url=f"sqlite:///{tmp_path / 's.db'}", load_examples=False)
    first, second = WebState(settings), WebState(settings)
    first.start()
    second.start()
    assert first.session_secret() == second.session_secret()
    assert len(first.session_secret()) == 32


def test_migrations_go_down_and_up_again(tmp_path: Path) -> None:
    from alembic import command

    db = Database(f"sqlite:///{tmp_path / 'store.db'}")
    db.migrate()
    cfg = db.alembic_config()
    with db.engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "base")
    assert db.schema_revision() is None
    db.migrate()
    assert db.schema_revision() == "0002"
    repo = Repository(db)
    assert repo.create("text", "T").head == 1


def test_a_setting_is_claimed_once(tmp_path: Path) -> None:
    repo = WebState(Settings(db_url=f"sqlite:///{tmp_path / 's.db'}", load_examples=False)).repo
    repo.db.migrate()
    assert repo.claim_setting("k", "first") == (True, "first")
    assert repo.claim_setting("k", "second") == (False, "first")
    assert repo.setting("k") == "first"


def test_servers_starting_together_load_the_examples_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(db_url=f"sqlite:///{tmp_path / 's.db'}")
    first, second = WebState(settings), WebState(settings)
    second.start()  # the other server started first and loaded the examples
    assert len(second.repo.list_cases()) == len(bundled_cases())
    # this one looked before the other had loaded them: only the claim can stop it
    monkeypatch.setattr(first.repo, "setting", lambda key: None)
    first.start()
    assert len(first.repo.list_cases()) == len(bundled_cases())
