"""Reading and writing cases and their revisions.

The rules that keep saved work safe live here:

- every save appends a revision (numbered per case) and moves ``head``;
- a save names the revision it started from (``base``); if the case has moved
  on since, the save is refused with :class:`SaveConflict` and nothing changes;
- deleting only moves a case to the trash, from where it can be restored;
- a read or write that finds the store locked is tried again with a growing pause
  (:func:`~leveltwo.web.storage.faults.retry_when_locked`); a full or read-only
  store raises its own error (:mod:`leveltwo.web.storage.faults`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from leveltwo.errors import CaseNotFoundError, ConflictError
from leveltwo.web.storage.database import Database
from leveltwo.web.storage.faults import retry_when_locked
from leveltwo.web.storage.models import Revision, Setting, StoredCase, utcnow

#: Store settings under this prefix name revoked login sessions.
REVOKED_PREFIX = "revoked-session:"
#: Largest id or revision number looked up (64-bit signed integers on both backends).
MAX_ID = 2**63 - 1


class SaveConflict(ConflictError):
    """The case moved on since the revision a save started from."""

    def __init__(self, case_id: int, base: int, head: int) -> None:
        self.case_id, self.base, self.head = case_id, base, head
        super().__init__(
            f"This case was saved by someone else while you were editing: you started from "
            f"revision {base}, the latest is revision {head}. Your changes were not saved; "
            "merge them with the latest or reload."
        )


@dataclass(frozen=True)
class CaseSummary:
    id: int
    title: str
    origin: str
    head: int
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None

    @classmethod
    def of(cls, row: StoredCase) -> CaseSummary:
        return cls(
            row.id,
            row.title,
            row.origin,
            row.head,
            row.created_at,
            row.updated_at,
            row.deleted_at,
        )


@dataclass(frozen=True)
class RevisionInfo:
    case_id: int
    number: int
    text: str
    message: str
    created_at: datetime

    @classmethod
    def of(cls, row: Revision) -> RevisionInfo:
        return cls(row.case_id, row.number, row.text, row.message, row.created_at)


class Repository:
    """All reads and writes of the store go through here."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # ---- cases -------------------------------------------------------------
    @retry_when_locked
    def list_cases(self, *, deleted: bool = False) -> list[CaseSummary]:
        with self.db.session() as s:
            q = select(StoredCase)
            if deleted:
                q = q.where(StoredCase.deleted_at.is_not(None)).order_by(
                    StoredCase.deleted_at.desc()
                )
            else:
                q = q.where(StoredCase.deleted_at.is_(None)).order_by(
                    StoredCase.updated_at.desc(), StoredCase.id.desc()
                )
            return [CaseSummary.of(r) for r in s.scalars(q)]

    @retry_when_locked
    def count_cases(self) -> int:
        with self.db.session() as s:
            return int(s.scalar(select(func.count()).select_from(StoredCase)) or 0)

    @retry_when_locked
    def get(self, case_id: int, *, include_deleted: bool = False) -> CaseSummary:
        with self.db.session() as s:
            return CaseSummary.of(self._row(s, case_id, include_deleted))

    def _row(self, s: Session, case_id: int, include_deleted: bool = False) -> StoredCase:
        if not 0 < case_id <= MAX_ID:  # a huge id in a URL is "not found", not an overflow
            raise CaseNotFoundError(f"case {case_id}: no such case")
        row = s.get(StoredCase, case_id)
        if row is None or (row.deleted_at is not None and not include_deleted):
            raise CaseNotFoundError(f"case {case_id}: no such case (it may be in the trash)")
        return row

    @retry_when_locked
    def create(self, text: str, title: str, *, origin: str = "", message: str = "") -> CaseSummary:
        """A new case whose revision 1 is ``text``."""
        with self.db.session() as s:
            now = utcnow()
            row = StoredCase(
                title=title, origin=origin, head=1, created_at=now, updated_at=now, deleted_at=None
            )
            s.add(row)
            s.flush()
            s.add(
                Revision(
                    case_id=row.id,
                    number=1,
                    text=text,
                    message=message or "Created",
                    created_at=now,
                )
            )
            s.flush()
            return CaseSummary.of(row)

    @retry_when_locked
    def duplicate(self, case_id: int, text: str, title: str) -> CaseSummary:
        """A new case starting from ``text`` (the caller's copy of the source's head)."""
        source = self.get(case_id)
        return self.create(
            text, title, origin=f"copy of #{source.id}", message=f"Copied from “{source.title}”"
        )

    @retry_when_locked
    def delete(self, case_id: int) -> CaseSummary:
        """Move a case to the trash."""
        with self.db.session() as s:
            row = self._row(s, case_id)
            row.deleted_at = utcnow()
            return CaseSummary.of(row)

    @retry_when_locked
    def restore(self, case_id: int) -> CaseSummary:
        """Bring a case back from the trash."""
        with self.db.session() as s:
            row = self._row(s, case_id, include_deleted=True)
            row.deleted_at = None
            row.updated_at = utcnow()
            return CaseSummary.of(row)

    # ---- revisions ---------------------------------------------------------
    @retry_when_locked
    def save(self, case_id: int, text: str, title: str, *, base: int, message: str) -> RevisionInfo:
        """Append a revision on top of ``base``; refuse if the case moved on."""
        try:
            with self.db.session() as s:
                row = self._row(s, case_id)
                if row.head != base:
                    raise SaveConflict(case_id, base, row.head)
                now = utcnow()
                rev = Revision(
                    case_id=case_id, number=base + 1, text=text, message=message, created_at=now
                )
                s.add(rev)
                row.head = base + 1
                row.title = title
                row.updated_at = now
                s.flush()
                return RevisionInfo.of(rev)
        except IntegrityError:
            # a concurrent save took the same number first
            raise SaveConflict(case_id, base, self.get(case_id).head) from None

    @retry_when_locked
    def head(self, case_id: int) -> RevisionInfo:
        with self.db.session() as s:
            row = self._row(s, case_id)
            return self._revision(s, case_id, row.head)

    @retry_when_locked
    def revision(self, case_id: int, number: int) -> RevisionInfo:
        with self.db.session() as s:
            self._row(s, case_id)
            return self._revision(s, case_id, number)

    def _revision(self, s: Session, case_id: int, number: int) -> RevisionInfo:
        if not 0 < number <= MAX_ID:
            raise CaseNotFoundError(f"case {case_id} has no revision {number}")
        rev = s.scalar(
            select(Revision).where(Revision.case_id == case_id, Revision.number == number)
        )
        if rev is None:
            raise CaseNotFoundError(f"case {case_id} has no revision {number}")
        return RevisionInfo.of(rev)

    @retry_when_locked
    def revisions(self, case_id: int) -> list[RevisionInfo]:
        """Every revision of the case, newest first."""
        with self.db.session() as s:
            self._row(s, case_id)
            q = select(Revision).where(Revision.case_id == case_id).order_by(Revision.number.desc())
            return [RevisionInfo.of(r) for r in s.scalars(q)]

    # ---- store settings ----------------------------------------------------
    @retry_when_locked
    def setting(self, key: str) -> str | None:
        with self.db.session() as s:
            row = s.get(Setting, key)
            return None if row is None else row.value

    @retry_when_locked
    def claim_setting(self, key: str, value: str) -> tuple[bool, str]:
        """Store ``value`` under ``key`` unless the key exists: (whether we stored it, the value).

        The insert is the claim, so when several servers start at once exactly one
        of them wins, whatever the database (the key is the primary key).
        """
        try:
            with self.db.session() as s:
                s.add(Setting(key=key, value=value))
            return True, value
        except IntegrityError:
            with self.db.session() as s:
                row = s.get(Setting, key)
                assert row is not None  # it exists: that is why the insert failed
                return False, row.value

    @retry_when_locked
    def set_setting(self, key: str, value: str) -> None:
        with self.db.session() as s:
            row = s.get(Setting, key)
            if row is None:
                s.add(Setting(key=key, value=value))
            else:
                row.value = value

    # ---- revoked login sessions ---------------------------------------------
    @retry_when_locked
    def revoke_session(self, sid: str) -> None:
        """Remember that the login session ``sid`` was ended (logout)."""
        self.claim_setting(REVOKED_PREFIX + sid, utcnow().isoformat())

    @retry_when_locked
    def revoked_sessions(self) -> set[str]:
        with self.db.session() as s:
            keys = s.scalars(select(Setting.key).where(Setting.key.startswith(REVOKED_PREFIX)))
            return {k.removeprefix(REVOKED_PREFIX) for k in keys}
