"""What one running app holds: settings, the store, templates and small caches.

Revisions never change once saved, so a built :class:`~leveltwo.model.Case`
(and its compiled :class:`~leveltwo.engine.Evaluator`) is cached per
``(case id, revision number)``; every what-if reuses them.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass

from starlette.requests import Request

from leveltwo import Case, Evaluator, LeveltwoError, bundled_cases, case_from_text
from leveltwo.web.jobs import Jobs
from leveltwo.web.security import LoginThrottle
from leveltwo.web.session import Revocations
from leveltwo.web.settings import Settings
from leveltwo.web.storage import CaseSummary, Database, Repository, RevisionInfo
from leveltwo.web.storage.database import default_db_url
from leveltwo.web.storage.faults import StoreReadOnly
from leveltwo.web.templating import Templates

CACHE_SIZE = 32
EXAMPLES_KEY = "examples_loaded"
SECRET_KEY = "session_secret"


@dataclass(frozen=True)
class Stored:
    """A stored case at one revision, as text (pages that must open even when the
    text no longer builds, like the YAML view and the history, use this)."""

    summary: CaseSummary
    revision: RevisionInfo

    @property
    def id(self) -> int:
        return self.summary.id

    @property
    def is_head(self) -> bool:
        return self.revision.number == self.summary.head


@dataclass(frozen=True)
class Loaded(Stored):
    """A stored case at one revision, built."""

    case: Case


class WebState:
    def __init__(self, settings: Settings) -> None:
        settings.check()
        self.settings = settings
        self.db = Database(settings.db_url or default_db_url())
        self.repo = Repository(self.db)
        self.templates = Templates(settings.auth_required, self._title_of)
        self.jobs = Jobs()
        self.revocations = Revocations(self.repo.revoked_sessions, self.repo.revoke_session)
        self.throttle = LoginThrottle()
        self._lock = threading.Lock()
        self._cases: OrderedDict[tuple[int, int], tuple[Case, Evaluator | None]] = OrderedDict()

    # ---- start-up ----------------------------------------------------------
    def start(self) -> None:
        """Migrate the schema and check the store takes writes (a read-only store is
        refused here, not at the first save); on the very first run, load the examples."""
        self.db.migrate()
        try:
            self.db.check_writable()
        except StoreReadOnly:
            raise StoreReadOnly(
                f"The web app does not start on it ({self.db.safe_url()})."
            ) from None
        if not self.settings.load_examples or self.repo.setting(EXAMPLES_KEY) is not None:
            return
        claimed, _ = self.repo.claim_setting(EXAMPLES_KEY, "yes")
        if claimed:  # only the server that claims the key loads them (servers may start at once)
            for bundled in bundled_cases():
                text = bundled.path.read_text(encoding="utf-8")
                title = case_from_text(text, bundled.name).title
                self.repo.create(
                    text,
                    title,
                    origin=f"example: {bundled.name}",
                    message=f"Loaded the bundled example “{bundled.name}”",
                )

    def session_secret(self) -> bytes:
        """The key that signs session cookies, kept in the store so logins survive restarts."""
        value = self.repo.setting(SECRET_KEY)
        if value is None:
            _, value = self.repo.claim_setting(SECRET_KEY, secrets.token_hex(32))
        return bytes.fromhex(value)

    def _title_of(self, case_id: int) -> str | None:
        try:
            return self.repo.get(case_id, include_deleted=True).title
        except LeveltwoError:
            return None

    # ---- cases -------------------------------------------------------------
    def stored(self, case_id: int, number: int | None = None) -> Stored:
        """The case's text at a revision (default: the latest), without building it."""
        summary = self.repo.get(case_id)
        rev = self.repo.head(case_id) if number is None else self.repo.revision(case_id, number)
        return Stored(summary, rev)

    def load(self, case_id: int, number: int | None = None) -> Loaded:
        """The case at a revision (default: the latest), built (cached per revision)."""
        stored = self.stored(case_id, number)
        return Loaded(stored.summary, stored.revision, self._case(stored.revision))

    def _case(self, rev: RevisionInfo) -> Case:
        key = (rev.case_id, rev.number)
        with self._lock:
            hit = self._cases.get(key)
            if hit is not None:
                self._cases.move_to_end(key)
                return hit[0]
        case = case_from_text(rev.text, f"case {rev.case_id} revision {rev.number}")
        self._remember(key, case, None)
        return case

    def evaluator(self, loaded: Loaded) -> Evaluator:
        key = (loaded.id, loaded.revision.number)
        with self._lock:
            hit = self._cases.get(key)
            if hit is not None and hit[1] is not None:
                return hit[1]
        ev = Evaluator(loaded.case)
        self._remember(key, loaded.case, ev)
        return ev

    def _remember(self, key: tuple[int, int], case: Case, ev: Evaluator | None) -> None:
        with self._lock:
            self._cases[key] = (case, ev)
            self._cases.move_to_end(key)
            while len(self._cases) > CACHE_SIZE:
                self._cases.popitem(last=False)


def state_of(request: Request) -> WebState:
    """The app's state (FastAPI dependency)."""
    state = request.app.state.leveltwo
    assert isinstance(state, WebState)
    return state
