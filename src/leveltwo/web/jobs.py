"""Long analyses run in the background, shared fairly, and stop when no one waits.

A page starts a job with a POST (the same key finds the job already running) and
then polls it with GETs, seeing its progress (``done`` of ``total``) until the
result is ready. Finished results are kept (a few) so revisiting is instant.

Fair sharing:

- at most :attr:`Limits.workers` jobs run at once, and at most :attr:`Limits.pending`
  wait or run in all; past that, a new job is refused with :class:`BusyError`
  (HTTP 503, "try again") instead of queueing without end;
- one client may have at most :attr:`Limits.per_client` jobs waiting or running, and
  one case at most :attr:`Limits.per_case`, so one user (or one huge case) cannot
  fill the workers for everyone;
- a job stops (:class:`Cancelled`) when it runs past :attr:`Limits.seconds`, when no
  one has polled it for :attr:`Limits.idle` seconds, or when :meth:`Job.cancel` is
  called; a waiting job that is already abandoned never starts. The analyses report
  progress through a callback; that callback is where a job learns it must stop.

What-ifs, page views and ``/api/health`` never use these workers, so a full job
queue delays none of them.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from leveltwo.errors import LeveltwoError

log = logging.getLogger(__name__)
KEEP = 16
#: Seconds a thread may hold the GIL before another may run (Python's default is 5 ms).
#: Analyses are partly pure Python; with two workers holding the GIL in turn, a request
#: on the event loop would wait several intervals at each step. 1 ms keeps
#: ``/api/health`` and page views within a few tens of milliseconds (tests/web/test_web_jobs.py).
SWITCH_INTERVAL = 0.001

Progress = Callable[[int, int], None]


class Cancelled(Exception):
    """Raised inside a job's work (by its progress callback) when the job must stop."""


class BusyError(LeveltwoError):
    """A job was refused because the server, this client or this case has too many."""

    http_status = 503


class AnalysisFailed(LeveltwoError):
    """A background analysis failed unexpectedly (the server log has the traceback)."""

    exit_code = 3
    http_status = 500


class AnalysisStopped(LeveltwoError):
    """A background analysis was stopped (time limit, no one waiting, or cancelled)."""

    http_status = 503


@dataclass(frozen=True)
class Limits:
    """How the job workers are shared (see the module docstring)."""

    workers: int = 2
    pending: int = 8
    per_client: int = 2
    per_case: int = 2
    seconds: float = 600.0
    idle: float = 30.0


@dataclass
class Job:
    total: int
    client: str = ""
    case: Hashable = None
    idle: float = 30.0
    seconds: float = 600.0
    done: int = 0
    result: object = None
    error: str | None = None
    #: The error object the work raised (its class, HTTP status, located problems).
    exception: LeveltwoError | None = None
    finished: bool = False
    started: float | None = None
    polled: float = field(default_factory=time.monotonic)
    stop_reason: str | None = None
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def active(self) -> bool:
        """Waiting or running (neither finished, failed nor stopped)."""
        with self.lock:
            return not self.finished and self.error is None

    def raise_error(self) -> None:
        """Raise what the work raised (the error object itself), if the job failed."""
        with self.lock:
            exc, message = self.exception, self.error
        if exc is not None:
            raise exc
        if message is not None:
            raise AnalysisFailed(message)

    def touch(self) -> None:
        """Someone is waiting for this job (each poll calls it)."""
        with self.lock:
            self.polled = time.monotonic()

    def cancel(self, reason: str = "it was cancelled") -> None:
        with self.lock:
            if not self.finished and self.stop_reason is None:
                self.stop_reason = reason

    def check(self) -> None:
        """Raise :class:`Cancelled` if the job must stop now."""
        now = time.monotonic()
        with self.lock:
            if self.stop_reason is None:
                if now - self.polled > self.idle:
                    self.stop_reason = f"no one asked for it for {self.idle:g} s"
                elif self.started is not None and now - self.started > self.seconds:
                    self.stop_reason = f"it ran longer than the limit of {self.seconds:g} s"
            reason = self.stop_reason
        if reason is not None:
            raise Cancelled(reason)

    def progress(self, done: int, total: int) -> None:
        with self.lock:
            self.done, self.total = done, total
        self.check()
        time.sleep(0)  # let a waiting request thread run between chunks

    def to_json(self) -> dict[str, object]:
        with self.lock:
            status = "error" if self.error else ("done" if self.finished else "running")
            return {"status": status, "done": self.done, "total": self.total, "error": self.error}


class Jobs:
    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL))
        self._pool = ThreadPoolExecutor(
            max_workers=self.limits.workers, thread_name_prefix="leveltwo-analysis"
        )
        self._jobs: OrderedDict[Hashable, Job] = OrderedDict()
        self._lock = threading.Lock()

    def find(self, key: Hashable) -> Job | None:
        """The job of this key, if one was started (and not failed); polling it counts."""
        with self._lock:
            job = self._jobs.get(key)
        if job is None or job.error is not None:
            return None
        job.touch()
        return job

    def _active(self) -> list[Job]:
        return [j for j in self._jobs.values() if j.active]

    def start(
        self,
        key: Hashable,
        total: int,
        work: Callable[[Progress], object],
        *,
        client: str = "",
        case: Hashable = None,
    ) -> Job:
        """The job of this key, started now unless it is already there (raises BusyError)."""
        lim = self.limits
        with self._lock:
            job = self._jobs.get(key)
            if job is not None and job.error is None:
                self._jobs.move_to_end(key)
                job.touch()
                return job
            active = self._active()
            if len(active) >= lim.pending:
                raise BusyError(
                    f"The server is busy with {len(active)} analyses; try again in a moment."
                )
            if sum(j.client == client for j in active) >= lim.per_client:
                raise BusyError(
                    f"You already have {lim.per_client} analyses running; wait for one to "
                    "finish (or leave its page, which stops it) and try again."
                )
            if case is not None and sum(j.case == case for j in active) >= lim.per_case:
                raise BusyError(
                    f"This case already has {lim.per_case} analyses running; try again when "
                    "one has finished."
                )
            job = Job(total, client=client, case=case, idle=lim.idle, seconds=lim.seconds)
            self._jobs[key] = job
            self._evict()

        def run() -> None:
            try:
                job.check()  # abandoned while it waited: never start
                with job.lock:
                    job.started = time.monotonic()
                result = work(job.progress)
            except Cancelled as exc:
                with job.lock:
                    job.error = f"The analysis was stopped: {exc}."
                    job.exception = AnalysisStopped(job.error)
            except LeveltwoError as exc:
                with job.lock:
                    job.error, job.exception = exc.message, exc
            except Exception:
                log.exception("background analysis failed")
                with job.lock:
                    job.error = "The analysis failed unexpectedly; see the server log."
                    job.exception = AnalysisFailed(job.error)
            else:
                with job.lock:
                    job.result, job.finished = result, True
                    job.done = job.total

        self._pool.submit(run)
        return job

    def _evict(self) -> None:
        """Forget finished (or failed) jobs past :data:`KEEP`; active ones are kept."""
        while len(self._jobs) > KEEP:
            old = next((k for k, j in self._jobs.items() if not j.active), None)
            if old is None:  # every kept job is active (bounded by ``pending``)
                break
            del self._jobs[old]

    def shutdown(self) -> None:
        with self._lock:
            for job in self._jobs.values():
                job.cancel("the server is shutting down")
        self._pool.shutdown(wait=False, cancel_futures=True)
