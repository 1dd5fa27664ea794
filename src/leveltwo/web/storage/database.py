"""The store's engine and sessions, schema migrations, and first-run examples.

The default store is SQLite in the user's data directory; any SQLAlchemy URL
works (``postgresql+psycopg://…`` for a team). The schema is brought up to date
with Alembic on every start, programmatically: the migration scripts ship
inside the package (:mod:`leveltwo.web.migrations`) and no ``alembic.ini`` is
needed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS_PACKAGE = "leveltwo.web.migrations"


def default_db_url() -> str:
    """SQLite in the user's data directory (created when missing)."""
    from platformdirs import user_data_dir

    directory = Path(user_data_dir("leveltwo", appauthor=False))
    return f"sqlite:///{directory / 'leveltwo.db'}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


class Database:
    """One store: an engine plus a session factory."""

    def __init__(self, url: str) -> None:
        self.url = url
        kwargs: dict[str, Any] = {}
        if url.startswith("sqlite"):
            kwargs["connect_args"] = {"check_same_thread": False}
            path = url.split("///", 1)[1] if "///" in url else ""
            if path and path != ":memory:" and not path.startswith("file:"):
                Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.engine: Engine = create_engine(url, **kwargs)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in a transaction: committed on success, rolled back on error."""
        with self._sessions() as s, s.begin():
            yield s

    def alembic_config(self) -> Config:
        """The Alembic configuration, built in code (no alembic.ini)."""
        cfg = Config()
        cfg.set_main_option("script_location", str(resources.files(MIGRATIONS_PACKAGE)))
        cfg.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        return cfg

    def migrate(self) -> None:
        """Bring the schema to the latest revision (creates it on an empty database)."""
        cfg = self.alembic_config()
        with self.engine.begin() as connection:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "head")

    def schema_revision(self) -> str | None:
        """The Alembic revision the database is at (None before the first migration)."""
        with self.engine.connect() as connection:
            if not inspect(connection).has_table("alembic_version"):
                return None
            row = connection.exec_driver_sql("SELECT version_num FROM alembic_version").first()
            return None if row is None else str(row[0])

    def dispose(self) -> None:
        self.engine.dispose()
