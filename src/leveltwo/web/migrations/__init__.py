"""Alembic migrations of the web app's store, run programmatically on start."""
