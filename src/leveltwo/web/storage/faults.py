"""Storage faults, named: a locked, full or read-only store each has its own error.

The database drivers report these as generic operational errors; :func:`translate`
recognises them (SQLite's messages, PostgreSQL's SQLSTATE codes) so the user reads
what happened and what to do, not "something went wrong". A locked store is worth
waiting for: :func:`retry_when_locked` repeats a write with a growing pause.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from sqlalchemy.exc import DBAPIError, OperationalError

from leveltwo.errors import LeveltwoError

log = logging.getLogger(__name__)
P = ParamSpec("P")
T = TypeVar("T")

#: Pauses (seconds) between attempts of a write that found the store locked.
LOCKED_BACKOFF = (0.05, 0.1, 0.2, 0.4, 0.8, 1.6)


class StoreError(LeveltwoError):
    """The store could not do what was asked; nothing was half-saved."""

    http_status = 503


class StoreLocked(StoreError):
    def __init__(self) -> None:
        super().__init__(
            "The database is busy (another save held it locked for too long), so this was "
            "not saved. Try again in a moment."
        )


class StoreFull(StoreError):
    http_status = 507

    def __init__(self) -> None:
        super().__init__(
            "The disk holding the database is full, so this was not saved. Free some space "
            "(or ask whoever runs the server to), then try again."
        )


class StoreReadOnly(StoreError):
    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "The database is read-only, so nothing can be saved. Whoever runs the server "
            "must make it writable (file permissions, or a database user allowed to write)."
            + (f" {detail}" if detail else "")
        )


class StoreUnavailable(StoreError):
    def __init__(self) -> None:
        super().__init__(
            "The database could not be reached or refused the request; nothing was saved. "
            "Try again, and see the server log if it persists."
        )


_LOCKED = ("database is locked", "database table is locked", "could not obtain lock")
_FULL = ("database or disk is full", "no space left on device", "disk full")
_READ_ONLY = ("readonly database", "read-only", "read only")
#: PostgreSQL SQLSTATE codes: lock not available, deadlock, serialization failure; disk
#: full, out of memory; read-only transaction, insufficient privilege.
_PG_LOCKED = {"55P03", "40P01", "40001"}
_PG_FULL = {"53100", "53200"}
_PG_READ_ONLY = {"25006", "42501"}


def translate(exc: BaseException) -> StoreError | None:
    """The named fault behind a driver error (None when it is not a storage fault)."""
    if not isinstance(exc, DBAPIError):
        return None
    orig = exc.orig
    code = str(getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None) or "")
    text = str(orig).lower()
    if code in _PG_LOCKED or any(m in text for m in _LOCKED):
        return StoreLocked()
    if code in _PG_FULL or any(m in text for m in _FULL):
        return StoreFull()
    if code in _PG_READ_ONLY or any(m in text for m in _READ_ONLY):
        return StoreReadOnly()
    if isinstance(exc, OperationalError):
        log.error("storage error: %s", orig)
        return StoreUnavailable()
    return None


def retry_when_locked(fn: Callable[P, T]) -> Callable[P, T]:
    """Repeat ``fn`` while the store is locked, pausing :data:`LOCKED_BACKOFF` between tries."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        for pause in (*LOCKED_BACKOFF, None):
            try:
                return fn(*args, **kwargs)
            except StoreLocked:
                if pause is None:
                    raise
                time.sleep(pause)
        raise AssertionError("unreachable")  # pragma: no cover

    return wrapper
