"""Titles, origins and revision messages as TEXT on every backend.

PostgreSQL enforced the VARCHAR(300)/VARCHAR(100) lengths of revision 0001 and
refused long titles, file names and messages that SQLite (which ignores VARCHAR
lengths) accepted. SQLite's columns already take any length, and rebuilding its
tables would risk the cascade from cases to revisions, so only other backends are
altered.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

COLUMNS = (("cases", "title", 300), ("cases", "origin", 100), ("revisions", "message", 300))


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for table, column, length in COLUMNS:
        op.alter_column(table, column, type_=sa.Text(), existing_type=sa.String(length))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for table, column, length in COLUMNS:
        op.alter_column(table, column, type_=sa.String(length), existing_type=sa.Text())
