"""The store's engine and sessions, schema migrations, and first-run examples.

The default store is SQLite in the user's data directory; any SQLAlchemy URL
works (``postgresql+psycopg://…`` for a team). The schema is brought up to date
with Alembic on every start, programmatically: the migration scripts ship
inside the package (:mod:`leveltwo.web.migrations`) and no ``alembic.ini`` is
needed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from leveltwo.web.storage.faults import StoreFull, StoreReadOnly, translate

MIGRATIONS_PACKAGE = "leveltwo.web.migrations"
#: Pauses between attempts to migrate when another server was migrating at the same time.
MIGRATE_BACKOFF = (0.1, 0.3, 1.0, 2.0)
#: The PostgreSQL advisory lock key held while migrating ("leveltwo" in ASCII, truncated).
MIGRATION_LOCK = 0x6C6576656C74
#: The store setting each start writes, to find a read-only store at once.
STARTED_KEY = "last_started"


def _raced(exc: Exception) -> bool:
    """Whether a migration failed because another server was creating the same schema."""
    text = str(exc).lower()
    return any(m in text for m in ("already exists", "duplicate", "unique constraint", "locked"))


def default_db_url() -> str:
    """SQLite in the user's data directory (created when missing)."""
    from platformdirs import user_data_dir

    directory = Path(user_data_dir("leveltwo", appauthor=False))
    return f"sqlite:///{directory / 'leveltwo.db'}"


#: Milliseconds SQLite waits for another writer's lock before reporting "locked".
BUSY_TIMEOUT_MS = 5000


def _sqlite_pragmas(busy_ms: int) -> Callable[[Any, Any], None]:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_ms)}")
        cursor.close()

    return on_connect


class Database:
    """One store: an engine plus a session factory."""

    def __init__(self, url: str, busy_timeout_ms: int | None = None) -> None:
        self.url = url
        busy = BUSY_TIMEOUT_MS if busy_timeout_ms is None else busy_timeout_ms
        kwargs: dict[str, Any] = {}
        if url.startswith("sqlite"):
            kwargs["connect_args"] = {"check_same_thread": False}
            path = url.split("///", 1)[1] if "///" in url else ""
            if path and path != ":memory:" and not path.startswith("file:"):
                Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.engine: Engine = create_engine(url, **kwargs)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas(busy))
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in a transaction: committed on success, rolled back on error.

        A locked, full or read-only store raises its named :mod:`~.faults` error.
        """
        try:
            with self._sessions() as s, s.begin():
                yield s
        except DBAPIError as exc:
            fault = translate(exc)
            if fault is None:
                raise
            raise fault from exc

    def alembic_config(self) -> Config:
        """The Alembic configuration, built in code (no alembic.ini)."""
        cfg = Config()
        cfg.set_main_option("script_location", str(resources.files(MIGRATIONS_PACKAGE)))
        cfg.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        return cfg

    def migrate(self) -> None:
        """Bring the schema to the latest revision (creates it on an empty database).

        Servers starting together on a fresh store are safe: on PostgreSQL the
        migration holds an advisory lock, so one server migrates while the others
        wait; any backend that still reports a table "already exists" (another server
        created it first) is retried, and then finds the schema up to date.
        """
        for pause in (*MIGRATE_BACKOFF, None):
            try:
                self._migrate_once()
                return
            except (OperationalError, ProgrammingError, IntegrityError) as exc:
                fault = translate(exc)
                if isinstance(fault, StoreReadOnly | StoreFull):
                    raise fault from exc
                if pause is None or not _raced(exc):
                    raise
                time.sleep(pause)

    def _migrate_once(self) -> None:
        cfg = self.alembic_config()
        with self.engine.begin() as connection:
            if self.engine.dialect.name == "postgresql":
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "head")

    def check_writable(self) -> None:
        """Raise :class:`StoreReadOnly` (or another fault) unless the store takes a write."""
        from leveltwo.web.storage.models import Setting, utcnow

        for attempt in range(2):
            try:
                with self.session() as s:
                    row = s.get(Setting, STARTED_KEY)
                    if row is None:
                        s.add(Setting(key=STARTED_KEY, value=utcnow().isoformat()))
                    else:
                        row.value = utcnow().isoformat()
                return
            except IntegrityError:  # another server inserted it at the same moment
                if attempt:
                    raise

    def schema_revision(self) -> str | None:
        """The Alembic revision the database is at (None before the first migration)."""
        with self.engine.connect() as connection:
            if not inspect(connection).has_table("alembic_version"):
                return None
            row = connection.exec_driver_sql("SELECT version_num FROM alembic_version").first()
            return None if row is None else str(row[0])

    def safe_url(self) -> str:
        """The URL with any password hidden."""
        return self.engine.url.render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()
