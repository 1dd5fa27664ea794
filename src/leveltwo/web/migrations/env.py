"""Alembic environment: migrations run on a connection handed over in code.

:func:`leveltwo.web.storage.database.Database.migrate` builds the Alembic
config (no alembic.ini) and passes its open connection as
``config.attributes["connection"]``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from leveltwo.web.storage.models import Base


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError("leveltwo runs its migrations with a connection given in code")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
